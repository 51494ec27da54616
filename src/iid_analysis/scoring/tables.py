"""Tables: the result's four frames, built from the scored grids.

* ``points`` (:data:`POINT_COLUMNS`): one row per SPD indicator, then one per (scored innovation,
  SID indicator), with level, weight, evidence status, points and the reason for no points;
* ``innovations`` (:data:`INNOVATION_COLUMNS`): every entered row, its maturity when scored, its
  claimed maturity (evidence ignored) and why it is not scored;
* ``opd`` (:data:`OPD_COLUMNS`): per unit, entries, eligible and scored innovations, SID points;
* ``breakdown`` (:data:`BREAKDOWN_COLUMNS`): points by aspect and variable on the scale of the total.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iid_analysis.methodology.model import Methodology
from iid_analysis.scoring.columns import column, text_array, text_take
from iid_analysis.scoring.evidence import EVIDENCE_STATUSES, REASONS, Grid
from iid_analysis.scoring.grids import Selection

__all__ = [
    "BREAKDOWN_COLUMNS",
    "COUNT_VARIABLE",
    "INNOVATION_COLUMNS",
    "OPD_COLUMNS",
    "POINT_COLUMNS",
    "WHY_NOT_DEFAULT",
    "WHY_NOT_DUPLICATE",
    "WHY_NOT_NO_ID",
    "breakdown_table",
    "innovations_table",
    "opd_table",
    "points_table",
]

WHY_NOT_DEFAULT = "tidak memenuhi syarat"
WHY_NOT_DUPLICATE = "ID inovasi ganda (hanya entri pertama yang dinilai)"
WHY_NOT_NO_ID = "ID inovasi kosong"
COUNT_VARIABLE = "Jumlah inovasi"

POINT_COLUMNS: tuple[str, ...] = (
    "aspect", "innovation_id", "opd_id", "indicator_id", "variable", "name", "level", "weight",
    "evidence_status", "valid", "points", "max_points", "reason", "answer_row",
)
INNOVATION_COLUMNS: tuple[str, ...] = (
    "_row", "innovation_id", "opd_id", "name", "kind", "form", "stage", "eligible", "scored",
    "maturity", "max_maturity", "claimed_maturity", "why_not",
)
OPD_COLUMNS: tuple[str, ...] = (
    "opd_id", "name", "active", "entered", "eligible", "scored", "mean_maturity", "sid_points",
    "share_sid_points",
)
BREAKDOWN_COLUMNS: tuple[str, ...] = (
    "aspect", "variable", "n_indicators", "sum_points", "points", "max_points", "contribution",
)


def points_table(inn: pd.DataFrame, sel: Selection, scored_ids: np.ndarray, sid_inds, spd_inds,
                 sid_w: np.ndarray, spd_w: np.ndarray, sid: Grid, spd: Grid, sid_pts: np.ndarray,
                 spd_pts: np.ndarray) -> pd.DataFrame:
    """One row per SPD indicator, then one per (scored innovation, SID indicator)."""
    n, k, m = sel.n, len(sid_inds), len(spd_inds)
    scored_opd = column(inn, "opd_id").astype("string").to_numpy(dtype=object, na_value=None)[sel.scored_rows]
    ind_pos = np.tile(np.arange(k), n)
    inn_pos = np.repeat(np.arange(n), k)
    sid_var = np.array([i.variable for i in sid_inds], dtype=object)
    sid_name = np.array([i.name for i in sid_inds], dtype=object)
    spd_var = np.array([i.variable for i in spd_inds], dtype=object)
    spd_name = np.array([i.name for i in spd_inds], dtype=object)
    status_txt = np.array(EVIDENCE_STATUSES, dtype=object)
    reason_txt = np.array(REASONS, dtype=object)
    no_id = np.array([None], dtype=object)
    weight_all = np.concatenate([spd_w, sid_w[ind_pos]])
    # text columns: each distinct value checked once, then taken for every row
    ind_all = np.concatenate([np.arange(m), m + ind_pos])  # SPD indicators, then SID
    inn_all = np.concatenate([np.zeros(m, dtype=np.intp), 1 + inn_pos])  # 0: no innovation
    return pd.DataFrame({
        "aspect": text_take(["SPD", "SID"], np.arange(m + n * k) >= m),
        "innovation_id": text_take(np.concatenate([no_id, scored_ids]), inn_all),
        "opd_id": text_take(np.concatenate([no_id, scored_opd]), inn_all),
        "indicator_id": text_take([*(i.id for i in spd_inds), *(i.id for i in sid_inds)], ind_all),
        "variable": text_take(np.concatenate([spd_var, sid_var]), ind_all),
        "name": text_take(np.concatenate([spd_name, sid_name]), ind_all),
        "level": np.concatenate([spd.level, sid.level]).astype(np.int64),
        "weight": weight_all,
        "evidence_status": text_take(status_txt, np.concatenate([spd.status, sid.status])),
        "valid": np.concatenate([spd.counted, sid.counted]),
        "points": np.concatenate([spd_pts, sid_pts]),
        "max_points": 3.0 * weight_all,
        "reason": text_take(reason_txt, np.concatenate([spd.reason, sid.reason])),
        "answer_row": pd.array(np.concatenate([spd.row, sid.row]), dtype="Int64"),
    })


def innovations_table(inn: pd.DataFrame, sel: Selection, maturity: np.ndarray, claimed_u: np.ndarray,
                      meth: Methodology) -> tuple[pd.DataFrame, np.ndarray]:
    """Every innovation row with its maturity (scored rows), claimed maturity and why it is not
    scored; also the maturity per row (NaN when not scored)."""
    mat_rows = np.full(len(inn), np.nan)
    mat_rows[sel.scored_rows] = maturity
    claimed_rows = np.full(len(inn), np.nan)
    claimed_rows[sel.id_ok] = claimed_u[sel.row_u[sel.id_ok]]
    eligible, id_ok, scored = sel.eligible, sel.id_ok, sel.scored
    reasons = column(inn, "reasons").astype("string").fillna("").str.strip()
    why = np.where(reasons.to_numpy(dtype=object) == "", WHY_NOT_DEFAULT, reasons.to_numpy(dtype=object))
    why = np.where(eligible & id_ok & ~sel.first_of_id, WHY_NOT_DUPLICATE, why)
    why = np.where(eligible & ~id_ok, WHY_NOT_NO_ID, why)
    why = np.where(scored, "", why)
    table = pd.DataFrame({
        "_row": pd.array(column(inn, "_row"), dtype="Int64") if "_row" in inn.columns
        else pd.array(np.arange(len(inn)) + 2, dtype="Int64"),
        "innovation_id": sel.inn_ids.to_numpy(),
        "opd_id": column(inn, "opd_id").astype("string").to_numpy(),
        "name": column(inn, "name").astype("string").to_numpy(),
        "kind": column(inn, "kind").astype("string").to_numpy(),
        "form": column(inn, "form").astype("string").to_numpy(),
        "stage": column(inn, "stage").astype("string").to_numpy(),
        "eligible": eligible,
        "scored": scored,
        "maturity": mat_rows,
        "max_maturity": np.full(len(inn), meth.max_sid_per_innovation),
        "claimed_maturity": claimed_rows,
        "why_not": text_array(why),
    })
    return table, mat_rows


def opd_table(review, inn: pd.DataFrame, eligible, scored, maturity, sid_sum: float,
              year: int) -> pd.DataFrame:
    """Per OPD: the registry's units active that year (even without entries), then any other OPD
    seen in the entries, in first-seen order."""
    seen = column(inn, "opd_id").astype("string")
    reg_ids = pd.Index([], dtype="string")
    reg_names = pd.Series([], dtype="string")
    active_ids = pd.Index([], dtype="string")
    ds = getattr(review, "dataset", None)
    reg = getattr(ds, "opd", None) if ds is not None else None
    if reg is not None and len(reg):
        reg = reg[column(reg, "opd_id").astype("string").notna()]
        reg = reg.drop_duplicates("opd_id", keep="first")
        ids = reg["opd_id"].astype("string")
        lo = pd.to_numeric(column(reg, "active_from"), errors="coerce")
        hi = pd.to_numeric(column(reg, "active_to"), errors="coerce")
        active = ((lo.isna() | (lo <= year)) & (hi.isna() | (hi >= year))).to_numpy(dtype=bool)
        reg_ids = pd.Index(ids, dtype="string")
        reg_names = pd.Series(column(reg, "name").astype("string").to_numpy(), index=reg_ids)
        active_ids = pd.Index(ids[active], dtype="string")
    extra = pd.Index(pd.unique(seen.dropna()), dtype="string").difference(active_ids, sort=False)
    order = active_ids.append(extra)
    pos = order.get_indexer(seen)
    has = pos >= 0
    size = len(order)

    def count(mask):
        return np.bincount(pos[has & mask], minlength=size).astype(np.int64)

    entered = count(np.ones(len(inn), dtype=bool))
    n_elig = count(eligible)
    n_scored = count(scored)
    pts = np.bincount(pos[has & scored], weights=maturity[has & scored], minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n_scored > 0, pts / np.maximum(n_scored, 1), np.nan)
    share = pts / sid_sum if sid_sum > 0 else np.zeros(size)
    # names: registry first, else the name written on the entries
    names = pd.Series(pd.NA, index=order, dtype="string")
    if len(reg_names):
        names = reg_names.reindex(order).astype("string")
    if "opd_name" in inn.columns and names.isna().any():
        written = (pd.DataFrame({"opd_id": seen, "opd_name": inn["opd_name"].astype("string")})
                   .dropna().drop_duplicates("opd_id").set_index("opd_id")["opd_name"])
        names = names.fillna(written.reindex(order))
    return pd.DataFrame({
        "opd_id": text_array(order.to_numpy(dtype=object)),
        "name": text_array(names.fillna("").to_numpy(dtype=object)),
        "active": order.isin(active_ids) if len(reg_ids) else np.ones(size, dtype=bool),
        "entered": entered,
        "eligible": n_elig,
        "scored": n_scored,
        "mean_maturity": mean,
        "sid_points": pts,
        "share_sid_points": share,
    })


def breakdown_table(meth: Methodology, sid_inds, spd_inds, sid_col_pts, spd_pts, divisor: int,
                    count_score: float) -> pd.DataFrame:
    """Points by aspect and variable on the scale of the total (SID sums divided by the divisor),
    so ``points`` adds up to the total and ``contribution`` (IID points) to the unrounded IID."""
    rows = []
    for aspect, inds, pts, scale in (("SPD", spd_inds, spd_pts, 1.0), ("SID", sid_inds, sid_col_pts, divisor)):
        var = pd.Series([i.variable for i in inds])
        df = pd.DataFrame({
            "variable": var, "sum_points": pts, "max_points": [3.0 * i.weight for i in inds],
            "n_indicators": 1,
        }).groupby("variable", sort=False, as_index=False).sum()
        df.insert(0, "aspect", aspect)
        df["points"] = df["sum_points"] / scale
        rows.append(df)
    rows.append(pd.DataFrame({
        "aspect": ["SID"], "variable": [COUNT_VARIABLE], "n_indicators": [0],
        "sum_points": [float(count_score)], "points": [float(count_score)],
        "max_points": [meth.max_count_score],
    }))
    out = pd.concat(rows, ignore_index=True)
    out["contribution"] = out["points"] / meth.max_total * 100.0
    out["aspect"] = out["aspect"].astype("string")
    out["variable"] = out["variable"].astype("string")
    out["n_indicators"] = out["n_indicators"].astype(np.int64)
    return out[list(BREAKDOWN_COLUMNS)]
