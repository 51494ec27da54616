"""How sure the predikat is, in words: the simulated interval, the predikat probabilities and the
source of uncertainty that moves the score most."""

from __future__ import annotations

from typing import Any

import pandas as pd

from iid_analysis.report.prose import (
    missing,
    pct,
    rank,
    text,
)
from iid_analysis.report.prose_robustness import floor_note, median_note
from iid_analysis.text import fmt
from iid_analysis.text.escape import md_text


def sentence_robustness(rob: Any, result) -> str:
    """Median and 5–95 % interval of the simulated IID, predicate probabilities, main source."""
    unavailable = "Analisis kepastian predikat tidak tersedia untuk edisi ini."
    if rob is None:
        return unavailable
    med, lo, hi = rob.median, rob.p05, rob.p95
    draws = rob.draws
    out = []
    if not missing(med, lo, hi):
        basis = "Dalam undian simulasi"
        if not missing(draws):
            basis = f"Dalam {fmt.integer(draws)} undian simulasi"
        why = median_note(rob, result.iid) if not missing(result.iid) else ""
        out.append(f"{basis} yang mengacak penerimaan bukti yang belum valid, bobot indikator, dan "
                   f"angka metodologi yang diasumsikan, median IID adalah {fmt.num(med)}{why} dengan "
                   f"rentang 5–95 persen {fmt.num(lo)}–{fmt.num(hi)}.")
        accept = (rob.settings or {}).get("accept_prob", {})
        p_pending = accept.get("pending") if isinstance(accept, dict) else None
        if not missing(p_pending):
            out.append(f"Setiap bukti yang menunggu verifikasi dianggap diterima dengan peluang "
                       f"{pct(p_pending)}.")
    probs = rob.predicate_probabilities
    if isinstance(probs, pd.Series):
        probs = probs.to_dict()
    if isinstance(probs, dict) and probs:
        clean = {str(k): float(v) for k, v in probs.items() if not missing(v) and float(v) > 0}
        order = sorted(clean, key=lambda p: (-rank(p), p))
        cur = result.predicate
        if len(clean) == 1:
            out.append(f"Predikat {order[0]} muncul di semua simulasi.")
        elif clean:
            floor = floor_note(rob, result.methodology) if hasattr(result, "methodology") else ""
            out.append("Peluang tiap predikat: " + "; ".join(
                f"{p} {pct(clean[p])}" + (" (predikat saat ini)" if p == cur else "")
                for p in order) + floor + ".")
            if cur not in clean:
                out.append(f"Predikat saat ini, {cur}, tidak muncul dalam simulasi.")
    src = _source_text(rob, result)
    if src:
        out.append(src)
    return " ".join(out) if out else unavailable


def _source_text(rob: Any, result) -> str:
    """The source that moves the predicate most, measured one at a time."""
    sources = rob.sources
    main = text(rob.main_source)
    if not isinstance(sources, pd.DataFrame) or sources.empty or "source" not in sources.columns:
        return ""
    if not main:
        return ("Tidak ada satu sumber ketidakpastian pun yang sendirian mengubah predikat "
                f"{result.predicate} (diuji satu per satu).")
    row = sources[sources["source"].astype("string") == main]
    if row.empty:
        return ""
    r = row.iloc[0]
    label = text(r.get("label"))
    p = r.get("p_differs")
    if not label:
        return ""
    s = f"Sumber ketidakpastian terbesar: {md_text(label)}"
    if not missing(p):
        s += (f" — bila hanya sumber ini yang diacak, predikat berbeda dari {result.predicate} pada "
              f"{pct(p)} simulasi (diuji satu per satu)")
    return s + "."
