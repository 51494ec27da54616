"""Findings: one row per problem found in the data, as a person can act on it.

Both the loader (unreadable cells) and the desk review (rules) produce findings with the
same columns, so one table tells an OPD everything at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
#: error: the row cannot be used as it is; warning: usable but doubtful; info: for the record.

FINDING_COLUMNS: tuple[str, ...] = (
    "table",  # canonical table name
    "file",  # file or sheet as the user sees it
    "row",  # row as the user sees it (header = row 1); <NA> for whole-table findings
    "column",  # canonical column name ("" for whole-row findings)
    "rule",  # rule code, e.g. "enum", "date_impossible", "evidence_missing"
    "severity",  # error | warning | info
    "value",  # the value found, as text
    "expected",  # what was expected, as text (Indonesian)
    "message",  # Indonesian message
    "message_en",  # English message
    "innovation_id",  # the innovation concerned, when there is one
    "opd_id",  # the OPD concerned, when known
)


def empty_findings() -> pd.DataFrame:
    return findings_frame([])


def findings_frame(records: Iterable[Mapping]) -> pd.DataFrame:
    """A findings table with the standard columns and dtypes from dict records."""
    df = pd.DataFrame(list(records), columns=list(FINDING_COLUMNS))
    df["row"] = pd.array(df["row"], dtype="Int64")
    for c in FINDING_COLUMNS:
        if c != "row":
            df[c] = df[c].astype("string").fillna("")
    return df


def concat_findings(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        return empty_findings()
    out = pd.concat([f[list(FINDING_COLUMNS)] for f in frames], ignore_index=True)
    return findings_frame(out.to_dict("records")) if out["row"].dtype != "Int64" else out


def sort_findings(df: pd.DataFrame) -> pd.DataFrame:
    """Stable, deterministic order: table order, row, column, rule."""
    from iid_analysis.io.schema import TABLES

    order = {t: i for i, t in enumerate(TABLES)}
    key = df["table"].map(order).fillna(len(order))
    sev = df["severity"].map({s: i for i, s in enumerate(SEVERITIES)}).fillna(9)
    return (
        df.assign(_t=key, _s=sev)
        .sort_values(["_t", "row", "column", "_s", "rule"], kind="mergesort", na_position="first")
        .drop(columns=["_t", "_s"])
        .reset_index(drop=True)
    )


# The loader builds findings as column parts (column → array, one entry per finding) and
# makes one frame of them at the end: cheaper than a dict per finding on large tables.


def records_part(records: list[dict]) -> dict[str, np.ndarray]:
    """Dict records (findings columns) as one column part."""
    return {c: np.asarray([r.get(c) for r in records], dtype=object) for c in FINDING_COLUMNS}


def frame_of_parts(parts: list[dict[str, np.ndarray]]) -> pd.DataFrame:
    """One findings table, with the dtypes of :func:`findings_frame`, from column parts."""
    parts = [p for p in parts if len(p["table"])]
    if not parts:
        return empty_findings()
    cols = {c: np.concatenate([p[c] for p in parts]) for c in FINDING_COLUMNS}
    out = {"row": pd.array(pd.to_numeric(pd.Series(cols["row"], dtype=object), errors="coerce"),
                           dtype="Int64")}
    for c in FINDING_COLUMNS:
        if c != "row":
            out[c] = pd.Series(cols[c], dtype=object).astype("string").fillna("")
    return pd.DataFrame(out, columns=list(FINDING_COLUMNS))
