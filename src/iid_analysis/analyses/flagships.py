"""The flagship innovations the head of region presents: per kind (digital, nondigital) the scored
innovation with the highest maturity, ties broken by the proven level of the edition's tie-break
indicators, then by code."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from iid_analysis.methodology.model import Methodology
from iid_analysis.review.model import Review
from iid_analysis.scoring.result import IndexResult
from iid_analysis.text.fmt import is_missing as _missing

#: The two flagship slots of the presentation stage, by innovation kind.
FLAGSHIP_KINDS: tuple[str, ...] = ("digital", "non_digital")


def _text(value: object) -> str:
    return "" if _missing(value) else str(value).strip()


def _proven_levels(result, indicator_ids: Sequence[str]) -> pd.DataFrame:
    """innovation_id × indicator: the level that counts (valid evidence), 0 otherwise."""
    p = result.points
    sid = p[(p["aspect"].astype("string") == "SID")
            & p["indicator_id"].astype("string").isin(list(indicator_ids))]
    lvl = sid["level"].astype("float64").where(
        sid["valid"].astype("boolean").fillna(False).to_numpy(dtype=bool), 0.0)
    df = pd.DataFrame({"innovation_id": sid["innovation_id"].astype("string").to_numpy(),
                       "indicator_id": sid["indicator_id"].astype("string").to_numpy(),
                       "level": lvl.to_numpy()})
    if df.empty:
        return pd.DataFrame(columns=list(indicator_ids), dtype="float64")
    return df.pivot_table(index="innovation_id", columns="indicator_id", values="level",
                          aggfunc="max").reindex(columns=list(indicator_ids))


def tiebreak_ids(methodology: Methodology) -> list[str]:
    """Tie-breakers after maturity, in order: the edition's ``flagship_tiebreak`` indicators (set in
    the methodology: replication, then benefit), each by the level proven with valid evidence.
    Indicators the edition lacks are skipped."""
    have = set(methodology.indicator_ids)
    return [i for i in methodology.flagship_tiebreak if i in have]


def flagship_candidates(result) -> pd.DataFrame:
    """Scored innovations in flagship order (per kind apply :func:`flagship_rule`).

    Columns: pos (row position in ``result.innovations``), innovation_id, name, opd_id, kind,
    maturity, one column per tie-break indicator (proven level), rank (1 = best within its kind).
    """
    inn = result.innovations
    scored = inn["scored"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    ties = tiebreak_ids(result.methodology)
    df = pd.DataFrame({
        "pos": np.flatnonzero(scored),
        "innovation_id": inn["innovation_id"].astype("string").to_numpy()[scored],
        "name": inn["name"].astype("string").to_numpy()[scored],
        "opd_id": inn["opd_id"].astype("string").to_numpy()[scored],
        "kind": inn["kind"].astype("string").to_numpy()[scored],
        "maturity": pd.to_numeric(inn["maturity"], errors="coerce").to_numpy(dtype="float64")[scored],
    })
    lv = _proven_levels(result, ties)
    for t in ties:
        col = lv[t] if t in lv.columns else pd.Series(dtype="float64")
        df[t] = col.reindex(df["innovation_id"]).fillna(0.0).to_numpy(dtype="float64")
    df["maturity"] = df["maturity"].fillna(0.0)
    keys = ["maturity", *ties, "innovation_id"]
    df = df.sort_values(keys, ascending=[False] * (1 + len(ties)) + [True], kind="mergesort")
    df["rank"] = df.groupby(df["kind"].fillna(""), sort=False).cumcount() + 1
    return df.reset_index(drop=True)


def _opd_names(result: IndexResult, review: Review) -> dict[str, str]:
    names: dict[str, str] = {}
    opd = result.opd
    if len(opd):
        for i, n in zip(opd["opd_id"].astype("string"), opd["name"].astype("string"), strict=True):
            if not _missing(i) and not _missing(n) and str(n).strip():
                names.setdefault(str(i), str(n).strip())
    inn = review.innovations
    if "opd_name" in inn.columns:
        for i, n in zip(inn["opd_id"].astype("string"), inn["opd_name"].astype("string"), strict=True):
            if not _missing(i) and not _missing(n) and str(n).strip():
                names.setdefault(str(i), str(n).strip())
    return names


def flagship_choice(result: IndexResult, review: Review | None = None) -> dict[str, dict | None]:
    """One flagship per kind (``digital``, ``non_digital``) among the scored innovations, by
    :func:`flagship_rule`; None for a kind with no scored innovation.

    Each choice: pos, innovation_id, name, opd_id, opd_name, kind, maturity, max_maturity, levels
    ({indicator: proven level}), n_candidates (scored innovations of that kind), decision, todo."""
    review = review if review is not None else result.review
    cand = flagship_candidates(result)
    ties = tiebreak_ids(result.methodology)
    names = _opd_names(result, review)
    inv = review.innovations
    out: dict[str, dict | None] = {}
    for kind in FLAGSHIP_KINDS:
        sub = cand[cand["kind"] == kind]
        if sub.empty:
            out[kind] = None
            continue
        r = sub.iloc[0]
        pos = int(r["pos"])
        row = inv.iloc[pos] if pos < len(inv) else None
        opd_id = _text(r["opd_id"])
        out[kind] = {
            "pos": pos,
            "innovation_id": _text(r["innovation_id"]),
            "name": _text(r["name"]),
            "opd_id": opd_id,
            "opd_name": names.get(opd_id, opd_id),
            "kind": kind,
            "maturity": float(r["maturity"]),
            "max_maturity": float(result.methodology.max_sid_per_innovation),
            "levels": {t: int(r[t]) for t in ties},
            "n_candidates": int(len(sub)),
            "decision": _text(row.get("decision")) if row is not None else "",
            "todo": _text(row.get("todo")) if row is not None else "",
        }
    return out
