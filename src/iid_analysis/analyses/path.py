"""The path to the next predicate: the fewest gap-closing actions that reach the next band.

The sentence that describes the path is written by :mod:`iid_analysis.report.prose_path`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from iid_analysis.analyses.gaps import ACTIONS, best_per_answer, gaps
from iid_analysis.methodology.model import Methodology
from iid_analysis.scoring.totals import frame_terms, totals_from_points

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.scoring.result import IndexResult

__all__ = ["path_to_next"]


def _action_dict(r: Any) -> dict:
    """One row of the gaps table as a JSON-able step of the path."""
    return {
        "innovation_id": None if pd.isna(r.innovation_id) else str(r.innovation_id),
        "innovation_name": None if pd.isna(r.innovation_name) else str(r.innovation_name),
        "opd_id": None if pd.isna(r.opd_id) else str(r.opd_id),
        "opd_name": None if pd.isna(r.opd_name) else str(r.opd_name),
        "indicator_id": str(r.indicator_id),
        "name": str(r.name),
        "action": str(r.action),
        "action_label": str(r.action_label),
        "from_level": int(r.from_level),
        "to_level": int(r.to_level),
        "from_status": str(r.from_status),
        "gain": round(float(r.gain), 4),
        "gain_total": round(float(r.gain_total), 6),
        "effort": int(r.effort),
        "effort_note": str(r.effort_note),
    }


def path_to_next(result: IndexResult, gaps_df: pd.DataFrame | None = None,
                 actions: Iterable[str] | None = None) -> dict:
    """The fewest actions that lift ``result`` to the next predicate (one action per answer).

    Greedy: answers ordered by the gain of their best action (``best_per_answer``), taken until
    the rounded IID reaches the next band; the last one is then swapped for the cheapest action
    that still reaches it. Gains are additive (``n`` does not change), so the *number* of actions
    is the minimum for the listed actions; the effort is not minimised. ``actions`` restricts the
    kinds of action (e.g. ``DOCUMENT_ACTIONS``: only documents, no new levels).

    Returns a JSON-able dict: method ("greedy"), actions_considered, predicate, iid, target_predicate,
    target_iid, needed_gain (IID points, unrounded), reachable, actions (list of dicts),
    n_actions, iid_after, predicate_after, iid_max (all listed actions done). The sentence that
    says it is :func:`iid_analysis.report.prose_path.path_sentence`.
    """
    m: Methodology = result.methodology
    df = gaps(result) if gaps_df is None else gaps_df
    allowed = tuple(actions) if actions is not None else ACTIONS
    out: dict[str, Any] = {
        "method": "greedy",
        "actions_considered": list(allowed),
        "predicate": result.predicate,
        "iid": float(result.iid),
    }
    band = m.next_band(result.predicate)
    if band is None:
        out.update(target_predicate=None, target_iid=None, needed_gain=0.0, reachable=True, actions=[],
                   n_actions=0, iid_after=float(result.iid), predicate_after=result.predicate,
                   iid_max=float(result.iid))
        return out
    total, max_total = float(result.total), float(result.max_total)
    target = float(band.low)
    out.update(target_predicate=band.predicate, target_iid=target,
               needed_gain=max(0.0, target - 0.005 - total / max_total * 100.0))
    rank = {p: i for i, p in enumerate(b.predicate for b in m.bands)}

    _, cs = frame_terms(m, result.n, result.n_basic_covered)

    def iid_with(d_spd: np.ndarray, d_sid: np.ndarray) -> np.ndarray:
        return totals_from_points(float(result.spd) + d_spd, float(result.sid_sum) + d_sid,
                                  float(result.divisor), cs, max_total)["iid"]

    def split(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        sid_rows = (frame["aspect"] == "SID").to_numpy(bool)
        gp = frame["gain_points"].to_numpy("float64")
        return np.where(sid_rows, 0.0, gp), np.where(sid_rows, gp, 0.0)

    def cumulative(frame: pd.DataFrame) -> np.ndarray:
        """Rounded IID after the first 1, 2, … actions of ``frame``."""
        d_spd, d_sid = split(frame)
        return iid_with(np.cumsum(d_spd), np.cumsum(d_sid))

    def reaches(iid: float) -> bool:
        return rank[m.predicate(float(iid))] <= rank[band.predicate]

    pool = df[df["action"].isin(list(allowed))]
    best = best_per_answer(pool)
    cum = cumulative(best)
    out["iid_max"] = float(cum[-1]) if len(cum) else float(result.iid)
    hit = next((i for i, x in enumerate(cum) if reaches(float(x))), None)
    if hit is None:
        out.update(reachable=False, actions=[], n_actions=0, iid_after=float(result.iid),
                   predicate_after=result.predicate)
        return out
    chosen = best.iloc[:hit]
    c_spd, c_sid = split(chosen)
    taken = set(zip(chosen["innovation_id"].fillna(""), chosen["indicator_id"], strict=True))
    rest = pool[[(a, b) not in taken for a, b in
                 zip(pool["innovation_id"].fillna(""), pool["indicator_id"], strict=True)]]
    r_spd, r_sid = split(rest)
    one = iid_with(c_spd.sum() + r_spd, c_sid.sum() + r_sid)
    ok = rest[[reaches(float(x)) for x in one]]
    ok = ok.assign(_inn=ok["innovation_id"].fillna("")).sort_values(
        ["effort", "gain", "indicator_id", "_inn"], kind="stable")
    last = ok.iloc[[0]].drop(columns=["_inn"])
    path = pd.concat([chosen, last], ignore_index=True)
    iid_after = float(cumulative(path)[-1])
    out.update(reachable=True, actions=[_action_dict(r) for r in path.itertuples(index=False)],
               n_actions=int(len(path)), iid_after=iid_after, predicate_after=m.predicate(iid_after))
    return out

