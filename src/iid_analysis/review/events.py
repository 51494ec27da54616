"""How the desk review collects its findings: rule by rule, texts built only where needed.

:class:`Events` takes one part per rule (the rows it fires on and its texts); messages are lazy
:class:`Text` concatenations evaluated for those rows only, once per distinct combination of
values, and the texts only the findings table shows are built when that table is (:class:`Later`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import numpy as np
import pandas as pd

from iid_analysis.io.findings import FINDING_COLUMNS, sort_findings
from iid_analysis.io.schema import ROW
from iid_analysis.review.distinct import as_objects, as_text, first_rows

# Internal event columns carried next to the findings until the decision is made.
EVENT_COLUMNS = (*FINDING_COLUMNS, "_i", "_kind", "_prio", "_reason", "_todo")
#: What the decision reads of the events; the other texts are built with the findings table.
DECISION_COLUMNS = ("row", "severity", "_i", "_kind", "_prio", "_reason", "_todo")


class Rows:
    """The rows of one finding (positions ``pos`` in ``base``) and, cached per part, the values
    of the parts of its texts (series aligned with ``base`` or with these rows; object arrays
    with one value per base row) and their codes."""

    def __init__(self, base: pd.DataFrame, pos: np.ndarray):
        self.base, self.pos = base, pos
        self.index = base.index[pos]
        self._frame: pd.DataFrame | None = None
        # keyed by id(part); each entry keeps its part alive, so an id is never reused meanwhile
        self._text: dict[int, tuple[object, np.ndarray]] = {}
        self._codes: dict[int, tuple[object, np.ndarray, int]] = {}

    @property
    def frame(self) -> pd.DataFrame:
        """``base`` at these rows (for callables)."""
        if self._frame is None:
            self._frame = self.base.iloc[self.pos]
        return self._frame

    def align(self, v):
        if isinstance(v, np.ndarray):  # one value per base row
            return v[self.pos]
        if len(v) == len(self.index) and v.index.equals(self.index):
            return v
        if len(v) == len(self.base) and v.index.equals(self.base.index):
            return v.iloc[self.pos]
        return v.loc[self.index]

    def text(self, v) -> np.ndarray:
        """``str`` object array: the part's values at these rows (missing → "")."""
        key = id(v)
        if key not in self._text:
            got = self.align(v)
            self._text[key] = (v, as_objects(got) if isinstance(got, pd.Series) else got)
        return self._text[key][1]

    def codes(self, v) -> tuple[np.ndarray, int]:
        """The part's values at these rows factorised: (codes, number of distinct values)."""
        key = id(v)
        if key not in self._codes:
            codes, uniq = pd.factorize(self.text(v))
            self._codes[key] = (v, codes, len(uniq))
        return self._codes[key][1:]


class Text:
    """Text concatenated from strings and series (see :func:`cat`), built only for the rows that
    need it: :meth:`Events.add` evaluates it for the rows of a finding, and each distinct
    combination of the series' values is concatenated once."""

    __slots__ = ("parts",)

    def __init__(self, parts) -> None:
        flat: list = []
        for p in parts:
            if isinstance(p, Text):
                flat.extend(p.parts)
            elif isinstance(p, (pd.Series, np.ndarray)):
                flat.append(p)
            else:
                flat.append(str(p))
        self.parts = flat

    def values(self, rows: Rows) -> np.ndarray:
        """Object array of ``str``, one per row of ``rows``."""
        arrays = [p if isinstance(p, str) else rows.text(p) for p in self.parts]
        n = len(rows.pos)
        if n > 16:
            distinct = {id(p): p for p in self.parts if not isinstance(p, str)}
            combo = None
            for p in distinct.values():
                codes, k = rows.codes(p)
                combo = codes if combo is None else pd.factorize(combo * k + codes)[0]
            first = first_rows(combo)
            if len(first) < n:
                return self._join([a if isinstance(a, str) else a[first] for a in arrays])[combo]
        return self._join(arrays)

    @staticmethod
    def _join(arrays: list) -> np.ndarray:
        out = arrays[0]
        for a in arrays[1:]:
            out = out + a
        return np.asarray(out, dtype=object)


def cat(*parts) -> Text | str:
    """Concatenation of strings and string series (a plain string without series).

    With series it is a lazy :class:`Text`, evaluated by :meth:`Events.add` for the selected
    rows only (series are aligned with the base rows, missing values count as ""; an object array
    of ``str`` is taken as one value per base row, by position)."""
    if not any(isinstance(p, (pd.Series, np.ndarray, Text)) for p in parts):
        return "".join(str(p) for p in parts)
    return Text(parts)


@cache
def _empty_events_template() -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series([], dtype="string") for c in EVENT_COLUMNS})
    df["row"] = pd.array([], dtype="Int64")
    df["_i"] = pd.array([], dtype="int64")
    df["_prio"] = pd.array([], dtype="int64")
    return df


def empty_events() -> pd.DataFrame:
    return _empty_events_template().copy()


class Events:
    """Collects findings (and, for innovations, reason / to-do / decision kind) rule by rule.

    Each rule adds one part (column → numpy array); :meth:`frame` builds the table once."""

    def __init__(self, files: dict[str, str]):
        self.files = files
        self.parts: list[dict[str, np.ndarray]] = []

    def add(
        self,
        base: pd.DataFrame,
        mask,
        *,
        table: str,
        rule: str,
        severity: str,
        message,
        message_en,
        column: str = "",
        value="",
        expected="",
        reason=None,
        todo="",
        kind: str = "none",
        prio: int = 50,
        row: bool = True,
    ) -> None:
        """One finding per row of ``base[mask]``; ``base`` carries ``_row``, ``_i``, ``_fid``, ``_fopd``.

        Message-like arguments are scalars, series aligned with ``base``, texts from :func:`cat`,
        or callables taking the selected rows; texts are only built for the rows that have the
        finding.
        """
        mask = (
            mask.fillna(False).to_numpy(bool)
            if isinstance(mask, pd.Series)
            else np.asarray(mask, dtype=bool)
        )
        if not mask.any():
            return
        pos = np.flatnonzero(mask)
        k = len(pos)
        rows = Rows(base, pos)

        def col(v) -> np.ndarray | str:
            if callable(v):
                v = v(rows.frame)
            if isinstance(v, Text):
                return v.values(rows)
            if isinstance(v, (pd.Series, np.ndarray)):
                return rows.text(v)
            return "" if v is None else str(v)  # one value for every row: see frame()

        def later(v):
            """A text only the findings table shows: built (for these rows) with the table."""
            if isinstance(v, (Text, pd.Series, np.ndarray)):
                return Later(v, rows)
            return col(v)

        msg = col(message) if reason is None else later(message)
        if not row:
            row_numbers = np.full(k, np.nan)
        elif isinstance(base[ROW].dtype, pd.Int64Dtype):
            row_numbers = base[ROW].array[pos].to_numpy("float64", na_value=np.nan)
        else:
            row_numbers = (
                pd.to_numeric(base[ROW].iloc[pos], errors="coerce")
                .astype("Float64")
                .to_numpy("float64", na_value=np.nan)
            )
        self.parts.append({
            "_n": k,
            "table": col(table),
            "file": col(self.files.get(table) or table),
            "row": row_numbers,
            "column": col(column),
            "rule": col(rule),
            "severity": col(severity),
            "value": later(value),
            "expected": later(expected),
            "message": msg,
            "message_en": later(message_en),
            "innovation_id": col(base["_fid"]) if "_fid" in base else "",
            "opd_id": col(base["_fopd"]) if "_fopd" in base else "",
            "_i": base["_i"].to_numpy("int64")[pos] if "_i" in base else np.full(k, -1, "int64"),
            "_kind": col(kind),
            "_prio": np.full(k, prio, dtype="int64"),
            "_reason": col(reason) if reason is not None else msg,
            "_todo": col(todo),
        })

    def add_frame(self, df: pd.DataFrame) -> None:
        if not len(df):
            return
        df = df.reindex(columns=list(EVENT_COLUMNS))
        part = {"_n": len(df)}
        for c in EVENT_COLUMNS:
            if c == "row":
                part[c] = pd.to_numeric(df[c], errors="coerce").astype("Float64").to_numpy(
                    "float64", na_value=np.nan
                )
            elif c in ("_i", "_prio"):
                part[c] = pd.to_numeric(df[c], errors="coerce").fillna(-1).to_numpy("int64")
            else:
                part[c] = as_text(df[c]).to_numpy(object)
        self.parts.append(part)

    def frame(self, columns: Iterable[str] = DECISION_COLUMNS) -> pd.DataFrame:
        """The events (these columns) as one table, in the order they were added."""
        columns = list(columns)
        if not self.parts:
            return empty_events()[columns]
        out = {}
        sizes = [p["_n"] for p in self.parts]
        for c in columns:
            parts = [p[c].values() if isinstance(p[c], Later) else p[c] for p in self.parts]
            if all(isinstance(v, str) for v in parts):  # a constant per rule
                values = np.repeat(np.array(parts, dtype=object), sizes)
            else:
                values = np.concatenate(
                    [np.full(k, v, dtype=object) if isinstance(v, str) else v
                     for v, k in zip(parts, sizes, strict=True)]
                )
            if c == "row":
                out[c] = pd.array(values, dtype="Float64").astype("Int64")
            elif c in ("_i", "_prio"):
                out[c] = values.astype("int64")
            else:
                out[c] = pd.array(values, dtype="string")
        return pd.DataFrame(out, columns=columns)

    def findings(self) -> pd.DataFrame:
        """The findings table, sorted (texts not built yet are built now)."""
        return sort_findings(self.frame(FINDING_COLUMNS))


class Later:
    """A text of some findings, built when the findings table is (see :meth:`Events.add`)."""

    __slots__ = ("part", "rows")

    def __init__(self, part, rows: Rows) -> None:
        self.part, self.rows = part, rows

    def values(self) -> np.ndarray:
        if isinstance(self.part, Text):
            return self.part.values(self.rows)
        return self.rows.text(self.part)
