"""Participation per OPD: who entered what, who passed, whose innovations carry the index.

Only units active in the edition count in ``n_opd``; an active unit *participates* when it
entered at least one innovation in that edition (see :mod:`iid_analysis.analyses.units`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from iid_analysis.analyses.funnel import step_flags
from iid_analysis.analyses.units import opd_table, scored_maturity, sort_by_opd

if TYPE_CHECKING:  # pragma: no cover - typing only; keeps the import light
    from iid_analysis.review.model import Review
    from iid_analysis.scoring.result import IndexResult

__all__ = ["opd_participation", "participation_summary"]


def opd_participation(review: Review, result: IndexResult | None = None) -> pd.DataFrame:
    """One row per OPD active in the edition (sorted by name, then opd_id).

    Columns: opd_id, name, kind, entered, eligible, lanjut, scored (int), mean_maturity (mean skor
    kematangan of the OPD's scored innovations; NaN without a result or with none scored),
    sid_points (Σ maturity), share_sid_points (sid_points / the city's Σ maturity over all scored
    innovations; 0 when the city has no SID points, as in ``IndexResult.opd``; NaN without a
    result), participating (entered ≥ 1).
    """
    opd = opd_table(review)
    opd = opd[opd["active"]].drop(columns="active")
    flags = step_flags(review)
    per = flags.groupby("opd_id")[["entered", "eligible", "lanjut"]].sum()
    out = sort_by_opd(opd.assign(kind=opd["kind"].astype("string")))
    for col in ("entered", "eligible", "lanjut"):
        out[col] = per[col].reindex(out["opd_id"], fill_value=0).to_numpy(dtype="int64")
    sm = scored_maturity(result)
    g = sm.groupby("opd_id")["maturity"]
    out["scored"] = g.size().reindex(out["opd_id"], fill_value=0).to_numpy(dtype="int64")
    out["mean_maturity"] = g.mean().reindex(out["opd_id"]).to_numpy(dtype="float64")
    total = float(sm["maturity"].sum())
    if result is None:
        out["sid_points"] = np.nan
        out["share_sid_points"] = np.nan
    else:
        pts = g.sum().reindex(out["opd_id"], fill_value=0.0).to_numpy(dtype="float64")
        out["sid_points"] = pts
        out["share_sid_points"] = pts / total if total > 0 else 0.0
    out["participating"] = out["entered"] > 0
    return out


def participation_summary(review: Review, result: IndexResult | None = None) -> dict[str, Any]:
    """n_opd (active units), n_opd_participating, rate (None when no unit is active),
    non_participating (names of active units that entered nothing, sorted by name then opd_id)."""
    table = opd_participation(review, result)
    n_opd = len(table)
    n_part = int(table["participating"].sum())
    return {
        "n_opd": int(n_opd),
        "n_opd_participating": n_part,
        "rate": (n_part / n_opd) if n_opd else None,
        "non_participating": [str(x) for x in table.loc[~table["participating"], "name"]],
    }

