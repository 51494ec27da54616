"""The edition's units and innovations as tidy columns, shared by the participation analyses.

An OPD is *active* in an edition when ``active_from`` (empty: always) ≤ year ≤ ``active_to``
(empty: still active). Tables per OPD are sorted by OPD name, then ``opd_id`` (stable,
deterministic). Entries with no OPD code are listed under ``opd_id`` "" and :data:`NO_OPD_LABEL`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover - typing only; keeps the import light
    from iid_analysis.review.model import Review
    from iid_analysis.scoring.result import IndexResult

__all__ = [
    "NO_OPD_LABEL",
    "clean_text",
    "fallback_names",
    "flag",
    "opd_ids",
    "opd_table",
    "scored_maturity",
    "sort_by_opd",
]

#: Name shown for entries that carry no OPD code.
NO_OPD_LABEL = "(tanpa kode OPD)"


def flag(df: pd.DataFrame, col: str) -> pd.Series:
    """A boolean column as plain bool (missing or absent → False)."""
    if col not in df.columns:
        return pd.Series(False, index=df.index, dtype=bool)
    return df[col].astype("boolean").fillna(False).astype(bool)


def clean_text(s: pd.Series) -> pd.Series:
    """Stripped text with missing → ""."""
    return s.astype("string").fillna("").str.strip()


def opd_ids(df: pd.DataFrame) -> pd.Series:
    if "opd_id" not in df.columns:
        return pd.Series("", index=df.index, dtype="string")
    return clean_text(df["opd_id"])


def opd_table(review: Review) -> pd.DataFrame:
    """Known OPDs (first row per non-empty opd_id): opd_id, name, kind, active (for the edition)."""
    raw = review.dataset.opd
    year = int(review.year)
    ids = opd_ids(raw)
    names = clean_text(raw["name"]) if "name" in raw.columns else pd.Series("", index=raw.index)
    kind = (
        raw["kind"].astype("string") if "kind" in raw.columns else pd.Series(pd.NA, index=raw.index)
    )

    def year_col(col: str) -> pd.Series:
        if col not in raw.columns:
            return pd.Series(np.nan, index=raw.index, dtype="float64")
        return pd.to_numeric(raw[col], errors="coerce").astype("float64")

    af, at = year_col("active_from"), year_col("active_to")
    active = (af.isna() | (af <= year)) & (at.isna() | (at >= year))
    out = pd.DataFrame(
        {
            "opd_id": ids.to_numpy(),
            "name": names.where(names != "", ids).to_numpy(),
            "kind": kind.to_numpy(),
            "active": active.to_numpy(dtype=bool),
        }
    )
    out = out[out["opd_id"] != ""].drop_duplicates("opd_id", keep="first")
    return out.reset_index(drop=True)


def sort_by_opd(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(["name", "opd_id"], kind="mergesort").reset_index(drop=True)


def scored_maturity(result: IndexResult | None) -> pd.DataFrame:
    """Scored innovations of a result: opd_id, maturity (float)."""
    if result is None:
        return pd.DataFrame({"opd_id": pd.Series(dtype="string"), "maturity": pd.Series(dtype=float)})
    inn = result.innovations
    scored = flag(inn, "scored")
    mat = pd.to_numeric(inn["maturity"], errors="coerce").astype("float64")
    return pd.DataFrame({"opd_id": opd_ids(inn)[scored], "maturity": mat[scored].fillna(0.0)})


def fallback_names(review: Review) -> dict[str, str]:
    """opd_id → opd_name as carried by the review's innovations (for units not in the OPD table)."""
    inn = review.innovations
    if "opd_name" not in inn.columns or inn.empty:
        return {}
    df = pd.DataFrame({"opd_id": opd_ids(inn), "name": clean_text(inn["opd_name"])})
    df = df[(df["opd_id"] != "") & (df["name"] != "")].drop_duplicates("opd_id")
    return dict(zip(df["opd_id"], df["name"], strict=True))

