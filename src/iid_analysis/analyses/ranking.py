"""The city's internal ranking of its units: what each unit's scored innovations bring to the IID,
and how sure that rank is under the verification simulation.

Contribution. The IID is ``round(total / max_total × 100)`` with ``total = SPD + Σ maturity /
divisor + count score`` (:func:`~iid_analysis.scoring.totals.totals_from_points`). The SID part
splits exactly over the scored innovations: innovation *i* brings ``maturity_i / divisor /
max_total × 100`` IID points, so the units' contributions, those of scored innovations without an
OPD code (:func:`unattributed`), the SPD part (``spd / max_total × 100``) and the count-score part
(``count_score / max_total × 100``) add up to the unrounded IID. Under the disclaimer rule
(nothing earns a point) every maturity is 0 and so is every contribution.

Rank. Units are ranked by contribution (1 = largest; ties share the lower number, pandas' "min"
method) and separately by mean maturity. Only units with at least one SCORED innovation are
ranked: a unit whose entries were all set aside (or that entered nothing) brings no IID points,
and ranking it last among tied zeros would say nothing about it — its page shows its entries and
what to fix instead.

Interval. The verification source of the robustness simulation
(:mod:`~iid_analysis.analyses.uncertainty`: every claimed level accepted with the probability of
its evidence status, those probabilities drawn from a Beta around the methodology's values) is
drawn per answer with the analysis seed; in every draw the units are ranked again by their SID
points (the divisor is common to all units, so it does not change the order). ``rank_low`` /
``rank_high`` are the 5th / 95th percentiles of the unit's rank over the draws, widened to include
the point rank when needed (the point estimate counts only evidence already valid, which a draw
can undercut or exceed for every unit at once). Deterministic for a seed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from iid_analysis.analyses.uncertainty import check_count, check_seed, model_of
from iid_analysis.analyses.units import fallback_names, flag, opd_ids, opd_table
from iid_analysis.methodology.model import VERIFICATION_STATUSES

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.scoring.result import IndexResult

__all__ = [
    "RANKING_COLUMNS",
    "RANK_DRAWS",
    "contributions",
    "iid_parts",
    "rank_draws",
    "unattributed",
    "unit_ranking",
]

#: Columns of :func:`unit_ranking`.
RANKING_COLUMNS: tuple[str, ...] = (
    "opd_id", "name", "contribution", "rank", "rank_low", "rank_high", "mean_maturity",
    "rank_maturity", "n_scored",
)
#: Draws of the rank simulation (per answer; the robustness run uses more for the IID alone).
RANK_DRAWS = 4_000
_CHUNK = 500


def _scored(result: IndexResult) -> pd.DataFrame:
    inn = result.innovations
    keep = flag(inn, "scored")
    mat = pd.to_numeric(inn["maturity"], errors="coerce").astype("float64").fillna(0.0)
    return pd.DataFrame({"opd_id": opd_ids(inn)[keep].to_numpy(), "innovation_id":
                         inn["innovation_id"].astype("string").fillna("")[keep].to_numpy(),
                         "maturity": mat[keep].to_numpy()})


def _scale(result: IndexResult) -> float:
    """IID points per SID point: 1 / divisor / max_total × 100."""
    return 100.0 / float(result.divisor) / float(result.max_total)


def contributions(result: IndexResult) -> pd.DataFrame:
    """IID points each scored innovation brings through the SID part: opd_id, innovation_id,
    maturity, contribution (unrounded). Row order as in ``result.innovations``."""
    s = _scored(result)
    return s.assign(contribution=s["maturity"] * _scale(result))


def unattributed(result: IndexResult) -> float:
    """IID points of scored innovations that carry no OPD code (not in any unit's contribution)."""
    c = contributions(result)
    return float(c.loc[c["opd_id"] == "", "contribution"].sum())


def iid_parts(result: IndexResult) -> dict[str, float]:
    """The unrounded IID split into ``spd``, ``sid`` (Σ contributions) and ``count_score`` parts,
    and their sum ``ratio`` (= total / max_total × 100)."""
    mx = float(result.max_total)
    spd, cs = float(result.spd) / mx * 100.0, float(result.count_score) / mx * 100.0
    sid = float(contributions(result)["contribution"].sum())
    return {"spd": spd, "sid": sid, "count_score": cs, "ratio": spd + sid + cs}


def _claimed_answers(result: IndexResult, units: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Claimed SID answers of the ranked units' scored innovations, in a canonical order:
    (unit index, level × weight, status index)."""
    p = result.points
    sid = p[p["aspect"].astype("string") == "SID"]
    level = pd.to_numeric(sid["level"], errors="coerce").fillna(0.0).to_numpy("float64")
    weight = pd.to_numeric(sid["weight"], errors="coerce").fillna(0.0).to_numpy("float64")
    opd = opd_ids(sid).to_numpy(dtype=object)
    pos = {u: i for i, u in enumerate(units)}
    unit = np.array([pos.get(o, -1) for o in opd], dtype="int64")
    status = np.asarray(pd.Index(VERIFICATION_STATUSES).get_indexer(
        sid["evidence_status"].astype("string").fillna("missing")), dtype="int64")
    status[status < 0] = VERIFICATION_STATUSES.index("missing")
    keep = (level > 0) & (unit >= 0)
    who = (sid["innovation_id"].astype("string").fillna("") + "\x00"
           + sid["indicator_id"].astype("string").fillna("")).to_numpy(object)[keep]
    order = np.argsort(who, kind="stable")
    return unit[keep][order], (level * weight)[keep][order], status[keep][order]


def _ranks(values: np.ndarray) -> np.ndarray:
    """Row-wise "min" ranks of (D, U) values, largest first (1 = largest; ties share the lower
    number): 1 + the number of values in the row strictly larger."""
    v = np.round(values, 9)
    srt = np.sort(v, axis=1)
    U = v.shape[1]
    out = np.empty(v.shape, dtype="int64")
    for d in range(len(v)):
        out[d] = 1 + U - np.searchsorted(srt[d], v[d], side="right")
    return out


def rank_draws(result: IndexResult, units: list[str], draws: int = RANK_DRAWS,
               seed: int = 2021) -> np.ndarray:
    """(draws, units) rank of each unit by SID points when every claimed level is accepted at
    random as in the verification source of the robustness simulation (seeded)."""
    draws = check_count(draws, "draws")
    seed = check_seed(seed)
    U = len(units)
    if U == 0:
        return np.zeros((draws, 0), dtype="int64")
    model = model_of(result, alternatives=False, sources=["verification"])
    unit, pts, status = _claimed_answers(result, units)
    rng = np.random.default_rng(np.random.SeedSequence([seed, 17]))
    acc = model.accept
    varied = (acc > 0) & (acc < 1) & (model.concentration > 0)
    by_unit = np.argsort(unit, kind="stable")  # answers grouped by unit: sums by reduceat
    unit, pts, status = unit[by_unit], pts[by_unit], status[by_unit]
    present = np.unique(unit)
    starts = np.searchsorted(unit, present)
    out = np.empty((draws, U), dtype="int64")
    for s in range(0, draws, _CHUNK):
        e = min(draws, s + _CHUNK)
        P = np.broadcast_to(acc, (e - s, len(acc))).copy()
        for k in np.flatnonzero(varied):
            kappa = model.concentration
            P[:, k] = rng.beta(kappa * acc[k], kappa * (1 - acc[k]), size=e - s)
        u = rng.random((e - s, len(unit)))
        sums = np.zeros((e - s, U))
        if len(unit):
            sums[:, present] = np.add.reduceat((u < P[:, status]) * pts, starts, axis=1)
        out[s:e] = _ranks(sums)
    return out


def unit_ranking(result: IndexResult, draws: int = RANK_DRAWS, seed: int = 2021) -> pd.DataFrame:
    """One row per unit with at least one scored innovation (columns :data:`RANKING_COLUMNS`),
    sorted by rank, then name, then opd_id. ``contribution`` in IID points (unrounded); ``rank`` /
    ``rank_maturity`` "min" ranks (1 = largest); ``rank_low`` ≤ ``rank`` ≤ ``rank_high`` the
    simulated 5–95 % range (see the module docstring). Units without a scored innovation are not
    ranked: they bring no IID points (their pages show what they entered and what to fix)."""
    c = contributions(result)
    c = c[c["opd_id"] != ""]
    g = c.groupby("opd_id", sort=True)
    units = [str(u) for u in g.size().index]
    names = dict(zip(*(opd_table(result.review)[k] for k in ("opd_id", "name")), strict=True))
    fallback = fallback_names(result.review)
    out = pd.DataFrame({
        "opd_id": pd.array(units, dtype="string"),
        "name": pd.array([names.get(u) or fallback.get(u) or u for u in units], dtype="string"),
        "contribution": g["contribution"].sum().to_numpy("float64"),
        "mean_maturity": g["maturity"].mean().to_numpy("float64"),
        "n_scored": g.size().to_numpy("int64"),
    })
    out["rank"] = out["contribution"].round(12).rank(ascending=False, method="min").astype("int64")
    out["rank_maturity"] = out["mean_maturity"].round(12).rank(ascending=False, method="min").astype("int64")
    R = rank_draws(result, units, draws=draws, seed=seed)
    if len(units):
        lo = np.percentile(R, 5, axis=0, method="lower").astype("int64")
        hi = np.percentile(R, 95, axis=0, method="higher").astype("int64")
    else:
        lo = hi = np.zeros(0, dtype="int64")
    out["rank_low"] = np.minimum(lo, out["rank"].to_numpy())
    out["rank_high"] = np.maximum(hi, out["rank"].to_numpy())
    out = out.sort_values(["rank", "name", "opd_id"], kind="mergesort")
    return out[list(RANKING_COLUMNS)].reset_index(drop=True)
