"""Read a dataset (CSV folder or XLSX workbook) into typed tables, keeping every row.

CONTRACT (other modules rely on it; implementation pending — see issue "Foundation"):

``load_dataset(path, *, max_bytes=..., max_rows=...) -> Dataset``
    ``path`` is a folder with ``opd.csv``, ``innovations.csv``, ``innovation_indicators.csv``,
    ``region_indicators.csv`` (file names may also be the Indonesian table labels), or an
    ``.xlsx`` workbook with four sheets of those names. Raises :class:`DataError` only when the
    data cannot be read at all (folder/file missing, empty or not text, sheet/file missing,
    required column missing, encoding neither UTF-8 nor cp1252, over the size limits).
    Everything else is kept and reported in ``Dataset.problems``.

``Dataset`` tables (pandas DataFrames), one per ``schema.TABLES`` entry:
    * every input row, in input order, index 0..n-1;
    * column ``_row`` (int64): the row number as the user sees it (header = row 1);
    * every canonical column of ``schema.COLUMNS[table]`` present (optional columns absent from
      the file are added, empty); dtypes: text → ``string``; int/year/level → ``Int64``;
      date → ``datetime64[ns]`` (NaT when empty or unreadable); enum → ``string`` holding the
      canonical code (``<NA>`` when empty or unknown);
    * ``evidence_status`` filled as design §4 says: empty → ``missing`` when ``evidence`` is
      empty, else ``pending``;
    * unknown extra columns kept as given (``string``), after the canonical ones.
    Values that could not be read (bad number, impossible date, unknown enumeration value) are
    ``<NA>`` in the table and have one row each in ``problems`` (findings columns, rules
    ``type``, ``date``, ``enum``), with the raw value found and the expected form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .findings import empty_findings


class DataError(Exception):
    """The data cannot be read at all. ``str(err)`` is one line, Indonesian then English."""

    def __init__(self, message: str, message_en: str = "", *, file: str = "", row: int | None = None,
                 column: str = ""):
        self.message = message
        self.message_en = message_en
        self.file = file
        self.row = row
        self.column = column
        super().__init__(self.line())

    def line(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", baris {self.row}"
        if self.column:
            where += f", kolom '{self.column}'"
        head = f"{where}: " if where else ""
        tail = f" / {self.message_en}" if self.message_en else ""
        return f"{head}{self.message}{tail}"


@dataclass
class Dataset:
    opd: pd.DataFrame
    innovations: pd.DataFrame
    innovation_indicators: pd.DataFrame
    region_indicators: pd.DataFrame
    source: str = ""  # the folder or workbook path given
    kind: str = ""  # "csv" | "xlsx" | "memory"
    files: dict[str, str] = field(default_factory=dict)  # table → file name or sheet as the user sees it
    encodings: dict[str, str] = field(default_factory=dict)  # table → encoding used (CSV), e.g. "utf-8-sig"
    problems: pd.DataFrame = field(default_factory=empty_findings)  # load-level findings

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)

    def years(self) -> list[int]:
        """Editions present in the data (innovations and region indicators), ascending."""
        ys = set(self.innovations["year"].dropna().astype(int)) | set(
            self.region_indicators["year"].dropna().astype(int)
        )
        return sorted(int(y) for y in ys)


def load_dataset(path: str | Path, **limits) -> Dataset:  # pragma: no cover - replaced by the implementation
    raise NotImplementedError
