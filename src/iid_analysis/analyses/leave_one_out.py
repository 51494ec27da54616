"""Who carries the city: the IID without each OPD's or each innovation's scored entries.

A closed form of the index formula (``n``, the divisor and the count score change with the
removal), through scoring's own :func:`~iid_analysis.scoring.totals.totals_from_points`, so it
agrees with rescoring the reduced review (tested against :func:`~iid_analysis.scoring.compute.score`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from iid_analysis.analyses.gaps import result_names
from iid_analysis.methodology.model import Methodology
from iid_analysis.scoring.totals import frame_terms, totals_from_points

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.scoring.result import IndexResult

__all__ = ["leave_one_out"]


def leave_one_out(result: IndexResult, by: str = "opd") -> pd.DataFrame:
    """The IID without each OPD's (``by="opd"``) or each innovation's (``"innovation"``) entries.

    Closed form (``n``, the divisor and the count score change with the removal)::

        total_without = SPD + (S − s) / max(divisor_min, n − k) + count_score(n − k)

    where ``s`` is the SID points and ``k`` the number of scored innovations removed; the count
    score keeps the affair gate, with the basic-service affairs the remaining innovations cover
    (under the default ``n`` rule: the scored innovations). Only scored
    innovations (and OPDs with at least one) are listed: the others do not move the IID. Columns:
    id (opd_id or innovation_id), name, opd_id (innovation), n_removed, sid_points, iid_without,
    delta (iid_without − iid), predicate_without, predicate_changes. Sorted by delta ascending
    (who carries the city first), ties by id.
    """
    if by not in ("opd", "innovation"):
        raise ValueError(f"by harus 'opd' atau 'innovation', ditemukan {by!r} / by must be opd or innovation")
    m: Methodology = result.methodology
    pts = result.points
    sid = pts[pts["aspect"] == "SID"]
    per_inn = sid.groupby(sid["innovation_id"].astype("string"), sort=True).agg(
        sid_points=("points", "sum"), opd_id=("opd_id", "first"))
    inn_names, opd_names = result_names(result)
    if by == "innovation":
        frame = per_inn.reset_index().rename(columns={"innovation_id": "id"})
        frame["n_removed"] = 1
        frame["name"] = [inn_names.get(str(i), "") for i in frame["id"]]
    else:
        grp = per_inn.reset_index().assign(opd_id=lambda d: d["opd_id"].astype("string"))
        frame = grp.groupby("opd_id", sort=True).agg(sid_points=("sid_points", "sum"),
                                                     n_removed=("innovation_id", "size")).reset_index()
        frame = frame.rename(columns={"opd_id": "id"})
        frame["name"] = [opd_names.get(str(i), "") for i in frame["id"]]
    S = float(sid["points"].sum())
    n_left = result.n - frame["n_removed"].to_numpy("int64")
    s = frame["sid_points"].to_numpy("float64")
    owner = per_inn["opd_id"].astype("string") if by == "opd" else None
    div, cs = frame_terms(m, n_left, _covered_without(result, frame["id"], owner))
    iid_wo = totals_from_points(float(result.spd), S - s, div, cs, float(result.max_total))["iid"]
    frame["iid_without"] = iid_wo
    frame["delta"] = np.round(iid_wo - float(result.iid), 2)
    frame["predicate_without"] = pd.array(m.predicates_of(iid_wo), dtype="string")
    frame["predicate_changes"] = frame["predicate_without"] != result.predicate
    cols = ["id", "name"] + (["opd_id"] if by == "innovation" else []) + [
        "n_removed", "sid_points", "iid_without", "delta", "predicate_without", "predicate_changes"]
    frame["id"] = frame["id"].astype("string")
    frame = frame.sort_values(["delta", "id"], kind="stable")[cols].reset_index(drop=True)
    frame["n_removed"] = frame["n_removed"].astype("int64")
    frame["predicate_changes"] = frame["predicate_changes"].astype(bool)
    return frame



def _covered_without(result: IndexResult, ids: pd.Series, owner: pd.Series | None) -> np.ndarray:
    """Basic-service affairs still covered without each group ``ids`` (innovation ids, or OPD ids
    with ``owner``: innovation id → OPD id), from ``result.affair_coverage``'s covering innovations."""
    cov = result.affair_coverage
    pairs = cov[["affair", "innovation_ids"]].explode("innovation_ids").dropna()
    inn = pairs["innovation_ids"].astype("string")
    group = inn.map(owner).astype("string") if owner is not None else inn
    per_affair = pairs.groupby("affair", sort=False).size()
    in_group = pd.crosstab(group.to_numpy(), pairs["affair"].to_numpy()) if len(pairs) else pd.DataFrame()
    in_group = in_group.reindex(index=ids.astype("string").to_numpy(), columns=per_affair.index, fill_value=0)
    left = per_affair.to_numpy("int64")[None, :] - in_group.to_numpy("int64")
    return (left > 0).sum(axis=1).astype("int64")
