"""Rows in = rows out: every input row of every table comes out of the desk review, in one of its
tables, in a finding, or set aside for another edition.

:func:`row_balance` counts, per table of the data contract (``opd``, ``innovations``,
``innovation_indicators``, ``region_indicators``, ``region``), the rows of the dataset (rows
without a usable year included) and those the review accounts for. The two sides are counted
independently: the input side from the dataset, the output side from the review's tables
(``opd``, ``innovations``, ``answers``, ``region_answers``, ``region_rows``), its findings and its
``set_aside`` list; a row the review lost is named in :attr:`RowBalance.lost`.
:func:`check_rows` raises when a row is lost.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from iid_analysis.io.schema import ALL_TABLES, ROW, TABLE_LABELS
from iid_analysis.review.model import Review


@dataclass(frozen=True)
class RowBalance:
    """Input rows and the rows the review accounts for, per table; the rows lost."""

    rows_in: dict[str, int]
    rows_out: dict[str, int]
    lost: dict[str, tuple[int, ...]] = field(default_factory=dict)  # table → rows not accounted for

    @property
    def total_in(self) -> int:
        return sum(self.rows_in.values())

    @property
    def total_out(self) -> int:
        return sum(self.rows_out.values())

    @property
    def ok(self) -> bool:
        return not any(self.lost.values())

    def line(self) -> str:
        """The summary line (Indonesian)."""
        if self.ok:
            return f"Baris masuk = baris keluar: {self.total_in} = {self.total_out}"
        where = "; ".join(
            f"{TABLE_LABELS.get(t, t)} baris {', '.join(str(r) for r in rows[:10])}"
            + (" …" if len(rows) > 10 else "")
            for t, rows in self.lost.items() if rows
        )
        return (f"Baris masuk ≠ baris keluar: {self.total_in} ≠ {self.total_out} "
                f"(tidak ada di keluaran: {where})")


class RowsLost(AssertionError):
    """The desk review lost input rows (a bug: every row must come out)."""


def _rows(df: pd.DataFrame | None, column: str = ROW) -> list[int]:
    if df is None or not len(df) or column not in df:
        return []
    r = pd.to_numeric(pd.Series(df[column]).astype("object"), errors="coerce").dropna()
    return [int(v) for v in r]


def row_balance(review: Review) -> RowBalance:
    """Per table: the dataset's rows against the rows the review accounts for."""
    ds = review.dataset
    out_tables = {
        "opd": [review.opd],
        "innovations": [review.innovations],
        "innovation_indicators": [review.answers],
        "region_indicators": [review.region_answers],
        "region": [review.region_rows],
    }
    f = review.findings
    aside = review.set_aside
    rows_in: dict[str, int] = {}
    rows_out: dict[str, int] = {}
    lost: dict[str, tuple[int, ...]] = {}
    for t in ALL_TABLES:
        try:
            source = ds.table(t)
        except AttributeError:
            source = None
        got_in = Counter(_rows(source))
        covered = Counter()
        for df in out_tables[t]:
            covered.update(_rows(df))
        if aside is not None and len(aside):
            covered.update(_rows(aside[(aside["table"] == t).fillna(False).to_numpy(bool)]))
        flagged = set(_rows(f[(f["table"] == t).fillna(False).to_numpy(bool)], "row")) if len(f) else set()
        missing: list[int] = []
        for r, k in sorted(got_in.items()):
            if r in flagged:
                continue
            if covered[r] < k:
                missing.extend([r] * (k - covered[r]))
        n_in = sum(got_in.values())
        rows_in[t] = n_in
        rows_out[t] = n_in - len(missing)
        lost[t] = tuple(missing)
    return RowBalance(rows_in, rows_out, lost)


def check_rows(review: Review) -> RowBalance:
    """:func:`row_balance`, raising :class:`RowsLost` when a row is lost."""
    b = row_balance(review)
    if not b.ok:
        raise RowsLost(b.line())
    return b
