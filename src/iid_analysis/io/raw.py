"""Cells as text before typing: one :class:`RawTable` per table, whatever the source.

The CSV and workbook readers turn a grid of cells into a :class:`RawTable` with
:func:`grid_to_raw` (header = first non-empty row; data = the rows after it up to the last
non-empty one); in-memory frames come as text through :func:`to_text`. Each column is kept
factorised (:class:`Factored`) so typing works on the distinct values only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from iid_analysis.io.errors import DataError
from iid_analysis.io.limits import MAX_COLUMNS, limit_rows, trim_wide


@dataclass
class Factored:
    """One column of text cells, factorised: cell ``i`` is ``uniques[codes[i]]`` (stripped).

    Typing works on the distinct values only (few for ids, levels, enums and dates), then takes
    the result back by the codes: 400,000 rows cost one hash pass per column.
    """

    codes: np.ndarray  # intp, one per row
    uniques: pd.Series  # "string" dtype, stripped, no missing values, RangeIndex

    @classmethod
    def of(cls, values: object) -> Factored:
        arr = np.asarray(values, dtype=object)
        codes, uniq = pd.factorize(arr)
        codes = np.asarray(codes, dtype=np.intp)
        stripped = [str(v).strip() for v in uniq]
        if (codes < 0).any():  # a missing value slipped through: it is an empty cell
            codes = np.where(codes < 0, len(stripped), codes)
            stripped.append("")
        return cls(codes, pd.Series(stripped, dtype="string"))

    @classmethod
    def empty(cls, n: int) -> Factored:
        return cls(np.zeros(n, dtype=np.intp), pd.Series([""], dtype="string"))

    def __len__(self) -> int:
        return len(self.codes)

    def blank(self) -> np.ndarray:
        if not len(self.uniques):
            return np.ones(len(self.codes), dtype=bool)
        return self.blank_u[self.codes]

    @cached_property
    def blank_u(self) -> np.ndarray:
        """True per distinct value that is empty."""
        return self.uniques.to_numpy(dtype=object) == ""

    def cut(self, start: int, stop: int) -> Factored:
        return Factored(self.codes[start:stop], self.uniques)

    def text(self, i: int) -> str:
        return str(self.uniques.iloc[self.codes[i]])


@dataclass
class RawTable:
    """Cells as text before typing: headers as found, one factorised column per position."""

    table: str
    file: str  # as the user sees it (file name or sheet)
    headers: list[str]
    cols: list[Factored]
    rows: np.ndarray  # int64 row numbers as the user sees them
    where: str = ""  # for error messages: workbook and sheet; defaults to ``file``
    header_row: int = 1  # the row the headers were found on

    def __post_init__(self) -> None:
        self.where = self.where or self.file

    def __len__(self) -> int:
        return len(self.rows)


def blank_rows(cols: list[Factored], n: int) -> np.ndarray:
    """True where every cell of the row is empty or whitespace."""
    mask = np.ones(n, dtype=bool)
    for f in cols:
        mask &= f.blank()
    return mask


def grid_to_raw(table: str, file: str, grid: pd.DataFrame, row_numbers: np.ndarray,
                max_rows: int, where: str = "") -> RawTable:
    """Header = first non-empty row; data = the rows after it up to the last non-empty one."""
    if grid.shape[1] > MAX_COLUMNS:  # each column costs time: a row of 70,000 commas is not a table
        grid = trim_wide(grid, where or file)
    # a missing cell (short row) is an empty one: Factored makes it ""
    cols = [Factored.of(grid.iloc[:, i].to_numpy(dtype=object)) for i in range(grid.shape[1])]
    blank = blank_rows(cols, len(grid))
    filled = np.flatnonzero(~blank)
    if len(filled) == 0:
        raise DataError("tidak berisi data (kosong)", "is empty", file=where or file)
    head, last = int(filled[0]), int(filled[-1])
    limit_rows(last - head, max_rows, where or file)
    headers = [f.text(head) for f in cols]
    body = [f.cut(head + 1, last + 1) for f in cols]
    rows = np.asarray(row_numbers[head + 1 : last + 1], dtype="int64")
    return RawTable(table, file, headers, body, rows, where=where, header_row=int(row_numbers[head]))


def padded_frame(records: list[list[str]]) -> pd.DataFrame:
    """Rows of unequal length as a frame of text cells, short rows padded with ""."""
    width = max((len(r) for r in records), default=0)
    return pd.DataFrame([list(r) + [""] * (width - len(r)) for r in records], dtype=object)


def cell_to_text(v: object) -> str:
    """A cell value (openpyxl or pandas) as the text the loader types."""
    if v is None or v is pd.NA or v is pd.NaT:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool | np.bool_):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int | np.integer):
        return str(int(v))
    if isinstance(v, float | np.floating):
        f = float(v)
        if f != f or f in (float("inf"), float("-inf")):
            return ""
        return str(int(f)) if f.is_integer() and abs(f) < 1e15 else repr(f)
    if isinstance(v, np.datetime64):
        v = pd.Timestamp(v)
        if v is pd.NaT:
            return ""
    if isinstance(v, dt.datetime):
        if (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0):
            return v.strftime("%Y-%m-%d")
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, dt.time):
        return v.isoformat()
    return str(v)


def to_text(s: pd.Series) -> pd.Series:
    """A column of any dtype as text cells ("" for missing), vectorised where the dtype allows."""
    if isinstance(s.dtype, pd.StringDtype) or pd.api.types.is_string_dtype(s.dtype) and s.dtype != object:
        return s.astype("str").fillna("")
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        has_time = (s.dt.normalize() != s).fillna(False).to_numpy(dtype=bool)
        out = s.dt.strftime("%Y-%m-%d")
        if has_time.any():
            out = out.where(~has_time, s.dt.strftime("%Y-%m-%d %H:%M:%S"))
        return out.astype("str").fillna("")
    if pd.api.types.is_integer_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        return s.astype("Int64").astype("str").fillna("").replace("<NA>", "")
    if isinstance(s.dtype, pd.CategoricalDtype):
        s = s.astype(object)
    return s.map(cell_to_text, na_action=None).astype("str").fillna("")
