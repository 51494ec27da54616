"""The pandera schema of a typed table and the cell findings of the loader.

:func:`table_schema` states dtypes, required cells and enumeration codes; :func:`schema_findings`
validates lazily (only on the rows that can fail, found by :func:`schema_suspects`) and turns
every failure into a finding; :func:`cell_findings` builds the findings of a set of cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from iid_analysis.io import schema
from iid_analysis.io.raw import RawTable
from iid_analysis.io.schema import ROW


def kind_dtypes() -> dict:
    return {"text": pd.StringDtype(), "enum": pd.StringDtype(), "int": pd.Int64Dtype(),
            "year": pd.Int64Dtype(), "level": pd.Int64Dtype(), "date": np.dtype("datetime64[ns]"),
            "number": pd.Float64Dtype(), "bool": pd.BooleanDtype()}


@cache
def table_schema(table: str):
    """The pandera schema of a typed table (dtypes, non-null required columns, enum codes).

    Levels outside 0–3 are not checked here: the desk review reports them. Its checks are
    mirrored by :func:`schema_suspects` (keep the two in step).
    """
    import pandera.pandas as pa

    dtypes = kind_dtypes()
    cols = {ROW: pa.Column("int64", nullable=False)}
    for c in schema.COLUMNS[table]:
        checks = [pa.Check.isin(list(schema.ENUMS[c.enum]))] if c.kind == "enum" else []
        cols[c.name] = pa.Column(dtypes[c.kind], checks=checks, nullable=c.nullable, required=True)
    return pa.DataFrameSchema(cols, strict=False, coerce=False, name=table)


@dataclass
class Cells:
    """Which cells of a typed column are empty, and their distinct typed values: taken from the
    typing (per distinct text), so the pandera pre-check need not scan every row again."""

    na_u: np.ndarray  # bool per distinct value
    values_u: np.ndarray  # object per distinct value (<NA> where empty)
    codes: np.ndarray  # per row → distinct value
    extra_na: np.ndarray | None = None  # per row, overrides (after a fill): True = empty
    fills: tuple = ()  # (row mask, value) filled in after typing

    @classmethod
    def of(cls, typed_u: pd.Series, codes: np.ndarray) -> Cells:
        return cls(typed_u.isna().to_numpy(dtype=bool), typed_u.to_numpy(dtype=object), codes)

    def filled(self, empty: np.ndarray, has: np.ndarray, if_has: str, if_not: str) -> Cells:
        na = self.na_u[self.codes] & ~empty
        return Cells(self.na_u, self.values_u, self.codes, na,
                     ((empty & has, if_has), (empty & ~has, if_not)))

    def isna(self) -> np.ndarray:
        return self.na_u[self.codes] if self.extra_na is None else self.extra_na

    def not_in(self, allowed: list[str]) -> np.ndarray:
        """Non-empty cells whose value is not in ``allowed``."""
        ok = set(allowed)
        bad_u = np.array([not na and v not in ok for v, na in zip(self.values_u, self.na_u,
                                                                   strict=True)], dtype=bool)
        bad = bad_u[self.codes]
        if self.fills:
            bad = bad & ~np.logical_or.reduce([m for m, _ in self.fills])
            for m, v in self.fills:
                if v not in ok:
                    bad |= m
        return bad


def schema_suspects(table: str, frame: pd.DataFrame,
                    cells: dict[str, Cells] | None = None) -> np.ndarray | None:
    """The rows on which :func:`table_schema` can report a failure, found without pandera.

    The schema's row checks are ``not_nullable`` and ``isin`` (enum codes; empty cells pass):
    only rows with an empty cell in a non-nullable column or an unknown code can fail them.
    None when a column-level check could fail (column missing, other dtype): then the whole
    table goes to pandera. Pandera then checks these rows only — and is not even imported when
    there are none, as with clean data (importing it costs about a quarter of a second).
    """
    dtypes = kind_dtypes()
    expected = {ROW: np.dtype("int64"), **{c.name: dtypes[c.kind] for c in schema.COLUMNS[table]}}
    for name, dtype in expected.items():
        if name not in frame.columns or frame[name].dtype != dtype:
            return None
    suspect = np.zeros(len(frame), dtype=bool)
    for c in schema.COLUMNS[table]:
        got = cells.get(c.name) if cells else None
        s = frame[c.name]
        if not c.nullable:
            suspect |= got.isna() if got is not None else s.isna().to_numpy(dtype=bool)
        if c.kind == "enum":
            allowed = list(schema.ENUMS[c.enum])
            suspect |= (
                got.not_in(allowed) if got is not None
                else (s.notna() & ~s.isin(allowed)).to_numpy(dtype=bool)
            )
    return np.flatnonzero(suspect)


def schema_findings(raw: RawTable, frame: pd.DataFrame, bad: dict[str, np.ndarray],
                    row_blank: np.ndarray, ids: dict[str, pd.Series],
                    cells: dict[str, Cells] | None = None) -> list[dict]:
    """Validate lazily with pandera; every failure case becomes a finding (nothing raised).

    Cells already reported as unreadable and fully empty rows are not reported twice.
    """
    rows = schema_suspects(raw.table, frame, cells)
    if rows is not None and not len(rows):
        return []
    import pandera.pandas as pa

    try:
        table_schema(raw.table).validate(frame if rows is None else frame.iloc[rows], lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    cases = cases[cases["index"].notna()]
    parts = []
    for (column, check), grp in cases.groupby(["column", "check"], sort=True):
        mask = np.zeros(len(frame), dtype=bool)
        mask[grp["index"].astype("int64").to_numpy()] = True
        mask &= ~row_blank & ~bad.get(column, np.zeros(len(frame), dtype=bool))
        if not mask.any():
            continue
        col = schema.column(raw.table, column) if column != ROW else None
        label = col.label if col else column
        if check == "not_nullable":
            rule, expected = "required", "tidak kosong"
            msg, msg_en = f"{label} wajib diisi", f"{column} is required"
        else:
            rule, expected = "schema", str(check)
            msg, msg_en = f"{label}: tidak lolos pemeriksaan {check}", f"{column}: fails check {check}"
        k = int(mask.sum())
        value = frame[column][mask].astype("string").fillna("").to_numpy(dtype=object)
        parts.append(cell_findings(raw, column, mask, rule, "error", value, expected,
                                   np.full(k, msg, dtype=object), np.full(k, msg_en, dtype=object), ids))
    return parts


def id_columns(table: str, frame: pd.DataFrame) -> dict[str, pd.Series]:
    """The ids a finding carries: innovation_id and opd_id where the table has them."""
    return {key: frame[key] for key in ("innovation_id", "opd_id") if key in frame.columns}


def cell_findings(raw: RawTable, column: str, mask: np.ndarray, rule: str, severity: str,
                  value: np.ndarray, expected: str, message: np.ndarray, message_en: np.ndarray,
                  ids: dict[str, pd.Series]) -> dict[str, np.ndarray]:
    """Findings (column → array) for the rows in ``mask``; value/message hold one entry per row."""
    k = int(mask.sum())

    def const(v: str) -> np.ndarray:
        return np.full(k, v, dtype=object)

    part = {
        "table": const(raw.table), "file": const(raw.file), "row": raw.rows[mask].astype(object),
        "column": const(column), "rule": const(rule), "severity": const(severity),
        "value": np.asarray(value, dtype=object), "expected": const(expected),
        "message": np.asarray(message, dtype=object), "message_en": np.asarray(message_en, dtype=object),
    }
    for key in ("innovation_id", "opd_id"):
        part[key] = ids[key][mask].to_numpy(dtype=object, na_value="") if key in ids else const("")
    return part
