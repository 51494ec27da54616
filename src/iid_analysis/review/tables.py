"""The tables as the desk review reads them: the dataset's tables conformed to the loader's
column types, and the loader's own findings (unreadable cells, empty rows, …) as one table.

A dataset from the loader already conforms; conforming only protects the review from hand-built
tables (a column missing, object columns, …), so that odd input never raises.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iid_analysis.io import schema
from iid_analysis.io.dataset import Dataset
from iid_analysis.io.findings import FINDING_COLUMNS
from iid_analysis.io.schema import ROW
from iid_analysis.review.distinct import as_text
from iid_analysis.review.events import empty_events


def conform(df: pd.DataFrame | None, table: str) -> pd.DataFrame:
    """The table with every canonical column present and typed as the loader types it (see the
    module doc)."""
    if df is not None and conforms(df, table):  # the loader's tables: only ``_row`` changes
        out = df.copy(deep=False)
        out[ROW] = pd.array(df[ROW].to_numpy(), dtype="Int64")
        return out
    out = pd.DataFrame(index=pd.RangeIndex(0)) if df is None else df.reset_index(drop=True)
    n = len(out)
    cols = {}
    if ROW in out.columns and out[ROW].dtype == "int64":  # the loader's row numbers
        cols[ROW] = pd.array(out[ROW].to_numpy(), dtype="Int64")
    elif ROW in out.columns:
        r = pd.to_numeric(out[ROW], errors="coerce")
        cols[ROW] = pd.array(
            r.where(r.notna(), pd.Series(np.arange(n) + 2, dtype="float64")), dtype="float64"
        ).astype("Int64")
    else:
        cols[ROW] = pd.array(np.arange(n) + 2, dtype="Int64")
    for c in schema.COLUMNS[table]:
        s = out[c.name] if c.name in out.columns else pd.Series([pd.NA] * n, dtype="object")
        if c.kind in ("int", "year", "level"):
            if str(s.dtype) != "Int64":
                num = pd.to_numeric(s.astype("object"), errors="coerce")
                num = num.where(np.isfinite(num) & (num == np.round(num))) if len(num) else num
                s = pd.array(num.astype("float64"), dtype="Float64").astype("Int64")
        elif c.kind == "number":
            if str(s.dtype) != "Float64":
                num = pd.to_numeric(s.astype("object"), errors="coerce")
                s = pd.array(num.astype("float64"), dtype="Float64")
        elif c.kind == "bool":
            if str(s.dtype) != "boolean":
                s = pd.array([v if isinstance(v, bool) else None for v in s.astype("object")],
                             dtype="boolean")
        elif c.kind == "date":
            if not pd.api.types.is_datetime64_any_dtype(s.dtype):
                s = pd.to_datetime(s.astype("object"), errors="coerce", format="mixed")
            if getattr(s.dt, "tz", None) is not None:
                s = s.dt.tz_localize(None)
            s = s.astype("datetime64[ns]")
        else:
            if str(s.dtype) != "string":
                s = s.astype("object").where(pd.notna(s), None).astype("string")
        cols[c.name] = (
            pd.Series(s, index=out.index) if not isinstance(s, pd.Series) else s.set_axis(out.index)
        )
    extra = [c for c in out.columns if c not in cols]
    res = pd.DataFrame(cols, index=out.index, copy=False)
    for c in extra:
        res[c] = out[c]
    return res


def conforms(df: pd.DataFrame, table: str) -> bool:
    """True when ``df`` is laid out and typed as :func:`conform` would make it (``_row`` as
    int64, the canonical columns in order, a 0..n-1 index)."""
    kinds = {"int": "Int64", "year": "Int64", "level": "Int64", "date": "datetime64[ns]",
             "number": "Float64", "bool": "boolean"}
    names = [ROW, *(c.name for c in schema.COLUMNS[table])]
    if list(df.columns[: len(names)]) != names or df.columns.has_duplicates:
        return False
    index = df.index
    if not (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1):
        return False
    if df[ROW].dtype != "int64":
        return False
    return all(str(df[c.name].dtype) == kinds.get(c.kind, "string") for c in schema.COLUMNS[table])


def loader_problems(ds: Dataset) -> pd.DataFrame:
    """The loader's findings of ``ds`` (``ds.problems``) with the columns of a finding, texts as
    ``string`` ("" for missing) and ``row`` as ``Int64``."""
    p = getattr(ds, "problems", None)
    if p is None or not isinstance(p, pd.DataFrame) or not len(p):
        return empty_events()
    p = p.reset_index(drop=True).reindex(columns=list(FINDING_COLUMNS))
    out = pd.DataFrame({c: as_text(p[c]) for c in FINDING_COLUMNS if c != "row"})
    out["row"] = pd.array(pd.to_numeric(p["row"], errors="coerce"), dtype="Float64").astype("Int64")
    return out


def column_label(table: str, column: str) -> str:
    """The column's label in the input template (the column name when the schema has none)."""
    try:
        return schema.column(table, column).label
    except KeyError:
        return column


def problem_rows(problems: pd.DataFrame, table: str, column: str) -> np.ndarray:
    """Rows the loader already reported for ``column`` (or as a wholly empty row)."""
    if not len(problems):
        return np.zeros(0, dtype="int64")
    text = {c: problems[c].to_numpy(dtype=object, na_value="") for c in ("table", "column", "rule")}
    sel = (text["table"] == table) & ((text["column"] == column) | (text["rule"] == "empty_row"))
    rows = problems["row"].array[sel]
    return rows[~rows.isna()].to_numpy("int64")
