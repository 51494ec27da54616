"""Two results side by side in Indonesian: the comparison table of a what-if scenario.

:func:`compare_table` labels the rows of :func:`iid_analysis.analyses.scenarios.compare` and says
in a few words why each measure changed (from :func:`~iid_analysis.analyses.scenarios.point_changes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from iid_analysis.analyses.scenarios import compare, point_changes
from iid_analysis.methodology.model import PREDICATES
from iid_analysis.text import fmt

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.scoring.result import IndexResult

__all__ = ["COMPARE_LABELS", "compare_table", "compare_why"]

#: Row label of each measure of :func:`~iid_analysis.analyses.scenarios.compare`.
COMPARE_LABELS: dict[str, str] = {
    "iid": "IID",
    "predicate": "Predikat",
    "spd": "SPD (poin)",
    "sid": "SID (poin)",
    "sid_avg": "Rata-rata SID (poin)",
    "count_score": "Skor jumlah inovasi",
    "n": "Inovasi dinilai (n)",
    "divisor": "Pembagi SID",
    "total": "Total",
    "max_total": "Total maksimum",
}


def _list(items: Sequence[str], k: int = 4) -> str:
    """The first ``k`` items, then "dan N lainnya"."""
    items = list(items)
    head = ", ".join(items[:k])
    return head + (f" dan {len(items) - k} lainnya" if len(items) > k else "")


def compare_why(before: IndexResult, after: IndexResult) -> dict[str, str]:
    """measure → why it changed (or "tidak berubah"); for the predicate: "tetap" or "naik/turun dari
    A ke B"."""
    moved = point_changes(before, after)
    changed, added, removed = moved["changed"], moved["added"], moved["removed"]
    d_spd = float(after.spd) - float(before.spd)
    d_sid = float(after.sid) - float(before.sid)
    why: dict[str, str] = {}
    why["spd"] = ("; ".join(f"{ind} {fmt.points(d)}" for ind, d in moved["spd"])
                  if moved["spd"] else "tidak berubah")
    parts = []
    if changed:
        parts.append(f"poin berubah pada {fmt.count(len(changed), 'inovasi')} ({_list(changed)})")
    if added:
        parts.append(f"inovasi baru dinilai: {_list(added)}")
    if removed:
        parts.append(f"inovasi tidak lagi dinilai: {_list(removed)}")
    if int(before.divisor) != int(after.divisor):
        parts.append(f"pembagi {before.divisor} → {after.divisor}")
    if abs(float(after.count_score) - float(before.count_score)) > 1e-12:
        parts.append(f"skor jumlah inovasi {fmt.points(float(after.count_score) - float(before.count_score))}")
    why["sid"] = "; ".join(parts) if parts else "tidak berubah"
    why["sid_avg"] = ("Σ poin SID / pembagi" if abs(float(after.sid_avg) - float(before.sid_avg)) > 1e-12
                      else "tidak berubah")
    why["count_score"] = ("mengikuti jumlah inovasi yang dinilai (n)"
                          if abs(float(after.count_score) - float(before.count_score)) > 1e-12
                          else "tidak berubah")
    why["n"] = "; ".join(p for p in (f"ditambah {_list(added)}" if added else "",
                                     f"dikurangi {_list(removed)}" if removed else "") if p) or "tidak berubah"
    why["divisor"] = (f"maks({after.methodology.divisor_min}, n)" if int(before.divisor) != int(after.divisor)
                      else "tidak berubah")
    why["total"] = (f"SPD {fmt.points(d_spd)}, SID {fmt.points(d_sid)}"
                    if abs(d_spd) + abs(d_sid) > 1e-12 else "tidak berubah")
    why["max_total"] = ("metodologi berbeda" if abs(float(after.max_total) - float(before.max_total)) > 1e-9
                        else "tidak berubah")
    d_iid = float(after.iid) - float(before.iid)
    if abs(d_iid) < 1e-9 and abs(d_spd) + abs(d_sid) < 1e-12:
        why["iid"] = "tidak berubah"
    else:
        mt = float(after.max_total)
        contrib = {"SPD": d_spd / mt * 100.0, "SID": d_sid / mt * 100.0}
        main = max(contrib, key=lambda k: abs(contrib[k]))
        why["iid"] = (f"{'naik' if d_iid > 0 else 'turun' if d_iid < 0 else 'tetap'}; "
                      f"sumbangan SPD {fmt.points(contrib['SPD'])}, SID {fmt.points(contrib['SID'])} "
                      f"poin IID (terutama aspek {main})")
        if why["max_total"] != "tidak berubah":
            why["iid"] += "; total maksimum berbeda"
    rank = {p: i for i, p in enumerate(PREDICATES)}
    if before.predicate == after.predicate:
        why["predicate"] = "tetap"
    else:
        up = rank[after.predicate] < rank[before.predicate]
        why["predicate"] = f"{'naik' if up else 'turun'} dari {before.predicate} ke {after.predicate}"
    return why


def compare_table(before: IndexResult, after: IndexResult) -> pd.DataFrame:
    """Two results side by side: measure, label, before, after, change, why (Indonesian); the
    predicate's change is said in words."""
    why = compare_why(before, after)
    rows = []
    for r in compare(before, after).to_dict("records"):
        measure = r["measure"]
        change: Any = why["predicate"] if measure == "predicate" else r["change"]
        rows.append({"measure": measure, "label": COMPARE_LABELS[measure], "before": r["before"],
                     "after": r["after"], "change": change, "why": why[measure]})
    return pd.DataFrame(rows, columns=["measure", "label", "before", "after", "change", "why"])
