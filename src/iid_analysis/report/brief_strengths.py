"""Strengths and weaknesses in words: the strongest and weakest SID indicators and variables, the
SPD points not yet earned, and the SID points lost for want of valid evidence."""

from __future__ import annotations

import numpy as np
import pandas as pd

from iid_analysis.methodology.model import Methodology
from iid_analysis.report.prose import (
    count_of,
    indicator_title,
    listing,
    missing,
    pct,
    text,
    trim,
)
from iid_analysis.text import fmt
from iid_analysis.text.escape import md_text


def sentence_sid_indicators(shares: pd.DataFrame, methodology: Methodology, n_scored: int,
                            k: int = 3) -> str:
    """The strongest and weakest SID indicators by share of the maximum points."""
    df = shares.dropna(subset=["share"])
    if int(n_scored) == 0 or df.empty:
        return ("Belum ada inovasi yang dinilai, sehingga kekuatan dan kelemahan per indikator SID "
                "belum dapat dibaca.")
    basis = f"atas {count_of(int(n_scored), 'inovasi')} yang dinilai"

    def item(r) -> str:
        return f"{indicator_title(methodology, r.indicator_id)} ({pct(r.share)})"

    if len(df) == 1 or float(df["share"].max()) - float(df["share"].min()) < 1e-12:
        return (f"Semua indikator SID memperoleh porsi poin yang sama, {pct(df['share'].iloc[0])} "
                f"dari maksimum ({basis}).")
    k = max(1, min(int(k), len(df) // 2))
    best = df.sort_values(["share", "indicator_id"], ascending=[False, True], kind="mergesort").head(k)
    rest = df[~df["indicator_id"].isin(best["indicator_id"])]
    worst = rest.sort_values(["share", "indicator_id"], ascending=[True, True], kind="mergesort").head(k)
    return (f"Indikator SID terkuat (poin yang diperoleh dibanding poin maksimum, {basis}): "
            f"{listing([item(r) for r in best.itertuples()])}. Indikator SID terlemah: "
            f"{listing([item(r) for r in worst.itertuples()])}.")


def sentence_variables(shares: pd.DataFrame) -> str:
    """Each variable's share of its maximum, then the strongest and the weakest."""
    df = shares.dropna(subset=["share"])
    if df.empty:
        return ""
    parts = []
    for aspect in ("SPD", "SID"):
        sub = df[df["aspect"] == aspect]
        if len(sub):
            parts.append(f"{aspect}: " + "; ".join(
                f"{md_text(r.variable)} {pct(r.share)}" for r in sub.itertuples()))
    s = ("Menurut variabel (poin yang diperoleh dibanding maksimum) — " + " · ".join(parts) + ".")
    if len(df) >= 2 and float(df["share"].max()) > float(df["share"].min()):
        order = df.assign(_o=np.arange(len(df)))
        best = order.sort_values(["share", "_o"], ascending=[False, True], kind="mergesort").iloc[0]
        worst = order.sort_values(["share", "_o"], ascending=[True, True], kind="mergesort").iloc[0]
        s += (f" Variabel terkuat: {md_text(best['variable'])} ({best['aspect']}); terlemah: "
              f"{md_text(worst['variable'])} ({worst['aspect']}).")
    return s


def _gap_reason(reason: str, level: int) -> str:
    if reason:
        return reason
    return f"tingkat {level} dari 3"


def sentence_spd_gaps(result, k: int = 5) -> str:
    """SPD points not yet earned, their worth in IID points, and the largest gaps."""
    m = result.methodology
    p = result.points
    spd = p[p["aspect"].astype("string") == "SPD"]
    if spd.empty or missing(result.max_total):
        return ""
    lost = (spd["max_points"] - spd["points"]).astype("float64")
    total_lost = float(lost.sum())
    if total_lost <= 1e-9:
        return "Semua indikator SPD sudah memperoleh poin penuh."
    worth = total_lost / float(result.max_total) * 100.0
    gaps = spd.assign(lost=lost.to_numpy(), ind=spd["indicator_id"].astype("string"))
    gaps = gaps[gaps["lost"] > 1e-9].sort_values(["lost", "ind"], ascending=[False, True],
                                                  kind="mergesort")
    items = []
    for r in gaps.head(int(k)).itertuples():
        why = _gap_reason(text(r.reason), int(r.level))
        items.append(f"{indicator_title(m, r.ind)} ({trim(r.points)} dari {trim(r.max_points)} "
                     f"poin; {md_text(why)})")
    more = len(gaps) - len(items)
    tail = f", dan {count_of(more, 'indikator')} lainnya" if more > 0 else ""
    return (f"Indikator SPD masih menyisakan {trim(total_lost)} dari {trim(m.max_spd)} poin "
            f"(setara {fmt.num(worth)} poin IID). Kesenjangan terbesar: {'; '.join(items)}{tail}.")


def sentence_evidence_loss(result) -> str:
    """SID points claimed by the scored innovations but not counted, by evidence status."""
    p = result.points
    sid = p[p["aspect"].astype("string") == "SID"]
    if sid.empty:
        return ""
    claimed = (sid["level"].astype("float64") * sid["weight"].astype("float64"))
    total = float(claimed.sum())
    if total <= 0:
        return ""
    valid = sid["valid"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    lost = claimed.where(~valid, 0.0)
    n_lost = float(lost.sum())
    if n_lost <= 1e-9:
        return (f"Semua {trim(total)} poin SID yang diklaim inovasi yang dinilai didukung bukti "
                f"yang valid.")
    status = sid["evidence_status"].astype("string").fillna("missing")
    by = lost.groupby(status.to_numpy()).sum()
    words = {"pending": "bukti belum diverifikasi", "missing": "bukti tidak ada",
             "invalid": "bukti tidak valid"}
    parts = [f"{trim(by[s])} poin karena {w}" for s, w in words.items()
             if s in by.index and float(by[s]) > 1e-9]
    s = (f"Dari {trim(total)} poin SID yang diklaim inovasi yang dinilai, {trim(n_lost)} poin "
         f"({pct(n_lost / total)}) belum dihitung")
    s += (": " + listing(parts) + ".") if parts else "."
    try:
        worth = n_lost / float(result.divisor) / float(result.max_total) * 100.0
        s += f" Bila semuanya terbukti, IID naik sekitar {fmt.num(worth)} poin."
    except (TypeError, ValueError, ZeroDivisionError):
        pass
    return s
