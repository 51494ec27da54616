"""Read a dataset (CSV folder or XLSX workbook) into typed tables, keeping every row.

The flow, one module per step: ``csv_reader`` / ``xlsx_reader`` read the cells as text into raw
tables (``raw``), refusing what is over the size limits (``limits``); ``table`` types each raw
table: ``headers`` maps its columns, ``column_types`` types each column, ``checks`` runs the
pandera schema and builds the cell findings; this module assembles the :class:`Dataset` and
writes it back. :class:`~iid_analysis.io.errors.DataError` is the one error raised.

CONTRACT (other modules rely on it):

``load_dataset(path, *, max_bytes=50_000_000, max_rows=500_000) -> Dataset``
    ``path`` is a folder with ``opd.csv``, ``innovations.csv``, ``innovation_indicators.csv``,
    ``region_indicators.csv`` (file names may also be the Indonesian table labels), or an
    ``.xlsx`` workbook with four sheets of those names; the optional ``region`` table
    (``region.csv`` / ``Daerah.csv``, or a sheet ``region`` / ``Daerah``) is read when present. Raises :class:`DataError` only when the
    data cannot be read at all (folder/file missing, empty or not text, sheet/file missing,
    required column missing, encoding neither UTF-8 nor cp1252, over the size limits: a file over
    ``max_bytes``, a workbook unpacking to more than ``XLSX_UNPACKED`` × ``max_bytes``, more than
    ``max_rows`` data rows — in a sheet counted while reading, empty rows included, so the read
    stops there —, more than ``MAX_COLUMNS`` columns holding data). Workbooks are opened
    read-only with cached values (``data_only``): a formula is never evaluated, only the value
    Excel last saved is read.
    Everything else is kept and reported in ``Dataset.problems``.

``dataset_from_frames(tables, source="memory") -> Dataset``
    The same typing for frames already in memory (cells as text or already typed). ``_row`` is
    taken from a ``_row`` column when given, else index + 2. A table left out is empty.

``Dataset`` tables (pandas DataFrames), one per ``schema.TABLES`` entry:
    * every input row, in input order, index 0..n-1;
    * column ``_row`` (int64, first): the row number as the user sees it (header = row 1; the
      real sheet row in a workbook; the record number in a CSV file);
    * every canonical column of ``schema.COLUMNS[table]`` present (optional columns absent from
      the file are added, empty); dtypes: text → ``string``; int/year/level → ``Int64``;
      date → ``datetime64[ns]`` (midnight; NaT when empty or unreadable); enum → ``string``
      holding the canonical code (``<NA>`` when empty or unknown); number → ``Float64``
      (point or comma as the decimal mark); bool → ``boolean`` (ya/tidak, true/false, 1/0);
    * ``evidence_status`` filled as design §4 says: empty → ``missing`` when ``evidence`` is
      empty, else ``pending`` (an unknown, non-empty status stays ``<NA>`` with an ``enum`` finding);
    * unknown extra columns kept as given (``string``), after the canonical ones.
    Text is stripped; empty text is ``<NA>``; the formula guard of :func:`text.escape.cell_text`
    (a leading apostrophe before ``= + - @``) is undone, so writing and reading back is lossless.
    Values that could not be read (bad number, impossible date, unknown enumeration value) are
    ``<NA>`` in the table and have one row each in ``problems`` (findings columns, rules
    ``type``, ``date``, ``enum``), with the raw value found and the expected form.

``Dataset.region_table`` is the optional ``region`` table typed the same way (empty when absent);
``Dataset.region`` its first row with a name as a dict (``name``, ``kind``, ``province``,
``synthetic``) or None. ``table("region")`` gives ``region_table``; ``tables()`` gives the four
required tables, ``all_tables()`` every table.

``Dataset`` also has ``tables()`` (name → frame), ``extra_columns(name)``, ``years()``,
``files`` (table → CSV file name, or sheet name for a workbook), ``encodings`` (CSV only), and
the writers ``to_csv_folder(path)`` (canonical headers, UTF-8, comma, ISO dates) and
``to_xlsx(path)`` (sheets and headers by their Indonesian labels, real dates); both guard text
with ``text.escape.cell_text`` and load back to identical tables. ``checks.table_schema(name)``
is the pandera schema of a typed table.

``Dataset.problems`` rules (findings.FINDING_COLUMNS):
    ``type`` / ``date`` / ``enum`` (error in a required column, else warning), ``required`` (error:
    empty cell in a required column, found by the pandera table schema), ``empty_row`` (warning:
    a fully empty row between data rows; no ``required`` findings for it), ``header`` (warning:
    values under an empty header, kept as column ``kolom_<n>``), ``encoding`` (info: read as cp1252).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from iid_analysis.io import schema
from iid_analysis.io.csv_reader import read_csv_folder
from iid_analysis.io.errors import DataError
from iid_analysis.io.findings import empty_findings, frame_of_parts, records_part, sort_findings
from iid_analysis.io.limits import MAX_BYTES, MAX_ROWS, XLSX_SUFFIXES
from iid_analysis.io.raw import Factored, RawTable, to_text
from iid_analysis.io.schema import ALL_TABLES, OPTIONAL_TABLES, ROW, TABLE_LABELS, TABLES
from iid_analysis.io.table import type_table
from iid_analysis.io.xlsx_reader import read_xlsx
from iid_analysis.text.escape import cell_text, guard_frame


def empty_table(table: str) -> pd.DataFrame:
    """A typed table with no rows (``_row`` and every canonical column)."""
    from iid_analysis.io.checks import kind_dtypes

    dtypes = kind_dtypes()
    cols = {ROW: pd.Series([], dtype="int64")}
    for c in schema.COLUMNS[table]:
        cols[c.name] = pd.Series([], dtype=dtypes[c.kind])
    return pd.DataFrame(cols)


def _empty_region() -> pd.DataFrame:
    return empty_table("region")


@dataclass
class Dataset:
    """The typed tables of a submission, where they came from, and the load findings."""

    opd: pd.DataFrame
    innovations: pd.DataFrame
    innovation_indicators: pd.DataFrame
    region_indicators: pd.DataFrame
    source: str = ""  # the folder or workbook path given
    kind: str = ""  # "csv" | "xlsx" | "memory"
    files: dict[str, str] = field(default_factory=dict)  # table → file name or sheet as the user sees it
    encodings: dict[str, str] = field(default_factory=dict)  # table → encoding used (CSV), e.g. "utf-8-sig"
    problems: pd.DataFrame = field(default_factory=empty_findings)  # load-level findings
    #: the optional ``region`` table as read (every row; empty when the file or sheet is absent)
    region_table: pd.DataFrame = field(default_factory=_empty_region)

    def table(self, name: str) -> pd.DataFrame:
        return self.region_table if name == "region" else getattr(self, name)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Table name → frame, in ``schema.TABLES`` order (the four required tables)."""
        return {t: self.table(t) for t in TABLES}

    def all_tables(self) -> dict[str, pd.DataFrame]:
        """Table name → frame for every table of the contract (``schema.ALL_TABLES``)."""
        return {t: self.table(t) for t in ALL_TABLES}

    @property
    def region(self) -> dict | None:
        """The region the data are about, from the first row of the ``region`` table with a
        name: ``{"name", "kind", "province", "synthetic"}`` (None where empty); None when the
        table is absent or no row has a name. The name stays text as given (markup, a leading
        ``=`` and all): escaping is the job of whoever shows it."""
        t = self.region_table
        if t is None or not len(t) or "name" not in t:
            return None
        names = t["name"].astype("string").str.strip()
        ok = names.notna() & (names != "")
        if not ok.any():
            return None
        row = t.loc[ok[ok].index[0]]

        def value(c: str):
            v = row.get(c) if c in t else None
            return None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v

        synthetic = value("synthetic")
        return {
            "name": str(names[ok].iloc[0]),
            "kind": None if value("kind") is None else str(value("kind")),
            "province": None if value("province") is None else str(value("province")).strip() or None,
            "synthetic": None if synthetic is None else bool(synthetic),
        }

    def extra_columns(self, name: str) -> list[str]:
        """The unknown columns of a table that were kept (after the canonical ones)."""
        known = {ROW, *(c.name for c in schema.COLUMNS[name])}
        return [c for c in self.table(name).columns if c not in known]

    def years(self) -> list[int]:
        """Editions present in the data (innovations and region indicators), ascending."""
        ys = set(self.innovations["year"].dropna().astype(int)) | set(
            self.region_indicators["year"].dropna().astype(int)
        )
        return sorted(int(y) for y in ys)

    # ------------------------------------------------------------------ writers
    def to_csv_folder(self, path: str | Path) -> list[Path]:
        """Write ``<table>.csv`` files (UTF-8, comma, canonical headers, ISO dates) into ``path``."""
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for t in self._tables_to_write():
            df = guard_frame(_export_frame(self.table(t), t))
            for c in schema.COLUMNS[t]:
                if c.kind == "date":
                    df[c.name] = df[c.name].dt.strftime("%Y-%m-%d")
                elif c.kind == "bool":
                    df[c.name] = df[c.name].map({True: "ya", False: "tidak"}).astype("string")
            target = out / f"{t}.csv"
            df.to_csv(target, index=False, lineterminator="\n", encoding="utf-8")
            written.append(target)
        return written

    def to_xlsx(self, path: str | Path) -> Path:
        """Write one workbook: a sheet per table named by its Indonesian label, Indonesian
        headers, real dates, every text cell guarded against formulas."""
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        wb = Workbook(write_only=True)
        bold = Font(bold=True)
        for t in self._tables_to_write():
            df = _export_frame(self.table(t), t)
            labels = {c.name: c.label for c in schema.COLUMNS[t]}
            ws = wb.create_sheet(TABLE_LABELS[t])
            ws.freeze_panes = "A2"
            headers = [labels.get(c, c) for c in df.columns]
            for i, h in enumerate(headers, start=1):
                ws.column_dimensions[get_column_letter(i)].width = max(12, min(40, len(h) + 4))
            head_cells = []
            for h in headers:
                cell = WriteOnlyCell(ws, value=_xlsx_text(h))
                cell.font = bold
                head_cells.append(cell)
            ws.append(head_cells)
            for row in zip(*(_xlsx_values(df[c]) for c in df.columns), strict=True):
                ws.append(list(row))
        wb.save(target)
        return target


    def _tables_to_write(self) -> tuple[str, ...]:
        """The required tables, then each optional table that has rows."""
        return (*TABLES, *(t for t in OPTIONAL_TABLES if len(self.table(t))))


# ====================================================================== loading


def load_dataset(path: str | Path, *, max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS) -> Dataset:
    """Read a CSV folder or an ``.xlsx`` workbook (see the module docstring for the contract)."""
    p = Path(path)
    if not p.exists():
        raise DataError("folder atau berkas tidak ditemukan", "folder or file not found", file=str(p))
    if p.is_dir():
        raws, encodings, notes = read_csv_folder(p, max_bytes, max_rows)
        kind = "csv"
    elif p.suffix.lower() in XLSX_SUFFIXES:
        raws = read_xlsx(p, max_bytes, max_rows)
        encodings, notes, kind = {}, [], "xlsx"
    elif p.suffix.lower() == ".xls":
        raise DataError("format .xls lama tidak didukung; simpan ulang sebagai .xlsx",
                        "the old .xls format is not supported; save it as .xlsx", file=p.name)
    elif p.suffix.lower() == ".csv":
        raise DataError("berikan folder yang berisi keempat berkas CSV, bukan satu berkas CSV",
                        "give the folder holding the four CSV files, not one CSV file", file=str(p))
    else:
        raise DataError("bukan folder CSV atau buku kerja .xlsx",
                        "neither a folder of CSV files nor an .xlsx workbook", file=str(p))
    return _build_dataset(raws, source=str(p), kind=kind, encodings=encodings, notes=notes)


def dataset_from_frames(tables: Mapping[str, pd.DataFrame], source: str = "memory") -> Dataset:
    """Type in-memory frames exactly as the loader types files.

    Cells may be text or already typed (numbers, dates, Timestamps). ``_row`` comes from a
    ``_row`` column when given, else from the index + 2 (positional + 2 for a non-integer
    index). A table left out of ``tables`` is empty. Raises :class:`DataError` like the loader
    (required column missing, duplicated header, unknown table name).
    """
    unknown = sorted(set(tables) - set(ALL_TABLES))
    if unknown:
        raise DataError(f"tabel tidak dikenal: {', '.join(unknown)} (yang dikenal: {', '.join(ALL_TABLES)})",
                        f"unknown tables: {', '.join(unknown)}", file=source)
    raws = []
    for t in (*TABLES, *(t for t in OPTIONAL_TABLES if tables.get(t) is not None)):
        df = tables.get(t)
        if df is None:
            df = pd.DataFrame({c.name: pd.Series([], dtype="str") for c in schema.COLUMNS[t]})
        n = len(df)
        if ROW in df.columns:
            given = pd.to_numeric(df[ROW], errors="coerce")
            rows = np.where(given.notna(), given.fillna(0), np.arange(n) + 2).astype("int64")
            df = df.drop(columns=ROW)
        elif pd.api.types.is_integer_dtype(df.index.dtype):
            rows = np.asarray(df.index, dtype="int64") + 2
        else:
            rows = np.arange(n, dtype="int64") + 2
        cols = [Factored.of(to_text(df.iloc[:, i])) for i in range(df.shape[1])]
        raws.append(RawTable(t, t, [str(c).strip() for c in df.columns], cols, rows))
    return _build_dataset(raws, source=source, kind="memory", encodings={}, notes=[])


def _build_dataset(raws: list[RawTable], *, source: str, kind: str, encodings: dict[str, str],
                   notes: list[dict]) -> Dataset:
    tables: dict[str, pd.DataFrame] = {}
    found = [records_part(notes)]
    for raw in raws:
        frame, parts = type_table(raw)
        tables[raw.table] = frame
        found.extend(parts)
    if "region" in tables:
        tables["region_table"] = tables.pop("region")
    return Dataset(
        **tables,
        source=source,
        kind=kind,
        files={raw.table: raw.file for raw in raws},
        encodings=encodings,
        problems=sort_findings(frame_of_parts(found)),
    )


# ---------------------------------------------------------------------- writing helpers


def _export_frame(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Canonical columns then extras, without ``_row``."""
    names = [c.name for c in schema.COLUMNS[table]]
    extras = [c for c in df.columns if c not in names and c != ROW]
    return df[names + extras].reset_index(drop=True)


def _xlsx_values(s: pd.Series) -> list:
    """Python values for openpyxl: None for missing, int, date, guarded text."""
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        return [None if pd.isna(v) else v.date() for v in s]
    if pd.api.types.is_bool_dtype(s.dtype):
        return [None if v is pd.NA or v is None else ("ya" if v else "tidak") for v in s.astype(object)]
    if pd.api.types.is_integer_dtype(s.dtype):
        return [None if v is pd.NA else int(v) for v in s.astype("Int64")]
    if pd.api.types.is_float_dtype(s.dtype):
        return [None if v is pd.NA or v != v else float(v) for v in s.astype(object)]
    return [None if (v is None or v is pd.NA or (isinstance(v, float) and v != v)) else _xlsx_text(v)
            for v in s.astype(object)]


def _xlsx_text(v: object) -> object:
    """Guarded text without the control characters a workbook cannot hold (openpyxl refuses them)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return cell_text(ILLEGAL_CHARACTERS_RE.sub("", str(v)))
