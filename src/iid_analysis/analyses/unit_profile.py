"""Each work unit (OPD) on its own: what it entered and the desk's decision on each entry, its
counts, its contribution to the IID, its coaching group, the SID indicators where bimtek helps it
most, and — for a unit that entered nothing — the indicators where units like it score best.

Numbers only (and the labels the tables carry); the sentences are written in ``report/``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from iid_analysis.analyses.ranking import contributions
from iid_analysis.analyses.units import clean_text, opd_ids, opd_table
from iid_analysis.io.schema import ENUMS, ROW

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.review.model import Review
    from iid_analysis.scoring.result import IndexResult

__all__ = ["DECISION_LABELS", "ENTRY_COLUMNS", "PROFILE_COLUMNS", "TOP_INDICATORS", "unit_entries", "unit_profile"]

#: The desk decisions as a reader sees them (the same words as review.csv for people).
DECISION_LABELS: dict[str, str] = {"lanjut": "Lanjut", "lengkapi": "Lengkapi", "tidak_lanjut": "Tidak dilanjutkan"}
PROFILE_COLUMNS: tuple[str, ...] = (
    "opd_id", "name", "kind", "n_entered", "n_eligible", "n_scored", "mean_maturity",
    "contribution", "coaching_group", "coaching_action", "bimtek", "suggested",
)
ENTRY_COLUMNS: tuple[str, ...] = (
    "opd_id", "innovation_id", "name", "stage_label", "decision", "decision_label", "reasons",
    "todo", "maturity",
)
#: How many indicators the bimtek and the suggestions name.
TOP_INDICATORS = 3


def unit_entries(review: Review, result: IndexResult) -> pd.DataFrame:
    """One row per innovation entered for the edition (columns :data:`ENTRY_COLUMNS`): its stage
    and decision with Indonesian labels, the reasons and to-dos as text ("" when none) and its
    maturity (NaN when not scored). Sorted by opd_id, name, innovation_id."""
    inv = review.innovations
    dec = clean_text(inv["decision"])
    stage = inv["stage"].astype("string") if "stage" in inv.columns else pd.Series(pd.NA, index=inv.index)
    mat = pd.Series(np.nan, index=inv.index, dtype="float64")
    ri = result.innovations
    if len(ri) and ROW in inv.columns:
        by_row = pd.Series(pd.to_numeric(ri["maturity"], errors="coerce").to_numpy("float64"),
                           index=ri["_row"].to_numpy())
        by_row = by_row[~by_row.index.duplicated()]
        mat = pd.Series(inv[ROW].map(by_row).to_numpy("float64"), index=inv.index)
    out = pd.DataFrame({
        "opd_id": opd_ids(inv).to_numpy(),
        "innovation_id": clean_text(inv["innovation_id"]).to_numpy(),
        "name": clean_text(inv["name"]).to_numpy(),
        "stage_label": pd.array(stage.map(ENUMS["stage"]).fillna("").to_numpy(), dtype="string"),
        "decision": dec.to_numpy(),
        "decision_label": pd.array(dec.map(DECISION_LABELS).fillna("").to_numpy(), dtype="string"),
        "reasons": clean_text(inv["reasons"]).to_numpy(),
        "todo": clean_text(inv["todo"]).to_numpy(),
        "maturity": mat.to_numpy("float64"),
    })
    out = out.sort_values(["opd_id", "name", "innovation_id"], kind="mergesort")
    return out[list(ENTRY_COLUMNS)].reset_index(drop=True)


def _top(lost: pd.Series, order: list[str], names: dict[str, str], k: int = TOP_INDICATORS) -> list[str]:
    """Names of the ``k`` indicators with the largest positive value (ties: methodology order)."""
    s = lost.reindex(order).fillna(0.0)
    s = s[s > 1e-12]
    pos = {c: i for i, c in enumerate(order)}
    ranked = sorted(s.index, key=lambda c: (-round(float(s[c]), 12), pos[c]))
    return [names[c] for c in ranked[:k]]


def _lost_scored(result: IndexResult) -> pd.DataFrame:
    """Mean SID points lost per scored innovation: opd_id × indicator_id (wide)."""
    p = result.points
    sid = p[p["aspect"].astype("string") == "SID"]
    df = pd.DataFrame({
        "opd_id": opd_ids(sid).to_numpy(), "innovation_id": clean_text(sid["innovation_id"]).to_numpy(),
        "indicator_id": clean_text(sid["indicator_id"]).to_numpy(),
        "lost": (pd.to_numeric(sid["max_points"], errors="coerce").fillna(0.0)
                 - pd.to_numeric(sid["points"], errors="coerce").fillna(0.0)).clip(lower=0.0).to_numpy(),
    })
    n = df.groupby("opd_id")["innovation_id"].nunique()
    wide = df.pivot_table(index="opd_id", columns="indicator_id", values="lost", aggfunc="sum")
    return wide.div(n.reindex(wide.index), axis=0)


def _lost_claimed(review: Review, result: IndexResult, units: list[str]) -> pd.DataFrame:
    """For units with entries but none scored: the mean points short of level 3 per entered
    innovation and SID indicator, from the levels claimed (evidence not yet known)."""
    m = result.methodology
    sid = m.indicators_of("SID")
    inv = review.innovations
    ids = opd_ids(inv)
    sel = inv[ids.isin(units)]
    if sel.empty or not sid:
        return pd.DataFrame()
    inn = clean_text(sel["innovation_id"])
    ans = review.answers
    lv = pd.DataFrame({"innovation_id": clean_text(ans["innovation_id"]),
                       "indicator_id": clean_text(ans["indicator_id"]),
                       "level": pd.to_numeric(ans["level"], errors="coerce").fillna(0.0).clip(0, 3)})
    lv = lv.groupby(["innovation_id", "indicator_id"])["level"].max()
    rows = []
    for o, i in zip(opd_ids(sel), inn, strict=True):
        for ind in sid:
            got = float(lv.get((i, ind.id), 0.0))
            rows.append((o, i, ind.id, float(ind.weight) * (3.0 - got)))
    df = pd.DataFrame(rows, columns=["opd_id", "innovation_id", "indicator_id", "lost"])
    n = df.groupby("opd_id")["innovation_id"].nunique()
    wide = df.pivot_table(index="opd_id", columns="indicator_id", values="lost", aggfunc="sum")
    return wide.div(n.reindex(wide.index), axis=0)


def _suggestions(result: IndexResult, kinds: dict[str, str]) -> dict[str, list[str]]:
    """kind → the SID indicators where scored innovations of units of that kind earn the largest
    share of the maximum points; key "" for all units together."""
    m = result.methodology
    order = [i.id for i in m.indicators_of("SID")]
    names = {i.id: i.name for i in m.indicators_of("SID")}
    p = result.points
    sid = p[p["aspect"].astype("string") == "SID"]
    df = pd.DataFrame({
        "kind": opd_ids(sid).map(kinds).fillna("").to_numpy(),
        "indicator_id": clean_text(sid["indicator_id"]).to_numpy(),
        "points": pd.to_numeric(sid["points"], errors="coerce").fillna(0.0).to_numpy(),
        "max_points": pd.to_numeric(sid["max_points"], errors="coerce").fillna(0.0).to_numpy(),
    })
    out: dict[str, list[str]] = {}
    for kind, grp in [("", df), *((k, g) for k, g in df.groupby("kind") if k)]:
        s = grp.groupby("indicator_id")[["points", "max_points"]].sum()
        share = s["points"] / s["max_points"].where(s["max_points"] > 0)
        out[kind] = _top(share, order, names)
    return out


def unit_profile(review: Review, result: IndexResult, cmap: pd.DataFrame) -> pd.DataFrame:
    """One row per ACTIVE unit (participating or not; columns :data:`PROFILE_COLUMNS`), sorted by
    name then opd_id (the coaching map's order).

    ``contribution``: IID points of the unit's scored innovations (0.0 when none; see
    :mod:`~iid_analysis.analyses.ranking`). ``bimtek``: up to three SID indicator names where the
    unit loses most points per innovation — valid points short of the maximum for its scored
    innovations, or, when none is scored, the claimed level short of 3 on what it entered; []
    when it entered nothing. ``suggested``: for a unit that entered nothing, the three SID
    indicators where scored innovations of units of the same kind earn the largest share of the
    maximum (all units when its kind has no scored innovation; [] when nothing earned a point);
    [] for every other unit."""
    m = result.methodology
    order = [i.id for i in m.indicators_of("SID")]
    names = {i.id: i.name for i in m.indicators_of("SID")}
    units = opd_table(review)
    kinds = {str(o): ("" if pd.isna(k) else str(k)) for o, k in zip(units["opd_id"], units["kind"], strict=True)}
    contrib = contributions(result).groupby("opd_id")["contribution"].sum()
    ids = cmap["opd_id"].astype("string").to_numpy(dtype=object)
    entered = cmap["entered"].to_numpy("int64")
    scored = cmap["scored"].to_numpy("int64")
    lost_s = _lost_scored(result)
    lost_c = _lost_claimed(review, result, [o for o, e, s in zip(ids, entered, scored, strict=True)
                                            if e > 0 and s == 0])
    sugg = _suggestions(result, kinds)
    bimtek, suggested = [], []
    for o, e, s in zip(ids, entered, scored, strict=True):
        lost = lost_s if s > 0 else lost_c
        bimtek.append(_top(lost.loc[o], order, names) if e > 0 and o in lost.index else [])
        kind = kinds.get(o, "")
        suggested.append(list(sugg.get(kind) or sugg.get("", [])) if e == 0 else [])
    out = pd.DataFrame({
        "opd_id": pd.array(ids, dtype="string"),
        "name": cmap["name"].astype("string").to_numpy(),
        "kind": pd.array([kinds.get(o) or pd.NA for o in ids], dtype="string"),
        "n_entered": entered,
        "n_eligible": cmap["eligible"].to_numpy("int64"),
        "n_scored": scored,
        "mean_maturity": cmap["mean_maturity"].to_numpy("float64"),
        "contribution": np.array([float(contrib.get(o, 0.0)) for o in ids], dtype="float64"),
        "coaching_group": cmap["group"].astype("string").to_numpy(),
        "coaching_action": cmap["action"].astype("string").to_numpy(),
        "bimtek": bimtek,
        "suggested": suggested,
    })
    return out[list(PROFILE_COLUMNS)].reset_index(drop=True)
