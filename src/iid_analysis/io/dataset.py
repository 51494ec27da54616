"""Read a dataset (CSV folder or XLSX workbook) into typed tables, keeping every row.

CONTRACT (other modules rely on it):

``load_dataset(path, *, max_bytes=50_000_000, max_rows=500_000) -> Dataset``
    ``path`` is a folder with ``opd.csv``, ``innovations.csv``, ``innovation_indicators.csv``,
    ``region_indicators.csv`` (file names may also be the Indonesian table labels), or an
    ``.xlsx`` workbook with four sheets of those names. Raises :class:`DataError` only when the
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
      holding the canonical code (``<NA>`` when empty or unknown);
    * ``evidence_status`` filled as design §4 says: empty → ``missing`` when ``evidence`` is
      empty, else ``pending`` (an unknown, non-empty status stays ``<NA>`` with an ``enum`` finding);
    * unknown extra columns kept as given (``string``), after the canonical ones.
    Text is stripped; empty text is ``<NA>``; the formula guard of :func:`textsafe.cell_text`
    (a leading apostrophe before ``= + - @``) is undone, so writing and reading back is lossless.
    Values that could not be read (bad number, impossible date, unknown enumeration value) are
    ``<NA>`` in the table and have one row each in ``problems`` (findings columns, rules
    ``type``, ``date``, ``enum``), with the raw value found and the expected form.

``Dataset`` also has ``tables()`` (name → frame), ``extra_columns(name)``, ``years()``,
``files`` (table → CSV file name, or sheet name for a workbook), ``encodings`` (CSV only), and
the writers ``to_csv_folder(path)`` (canonical headers, UTF-8, comma, ISO dates) and
``to_xlsx(path)`` (sheets and headers by their Indonesian labels, real dates); both guard text
with ``textsafe.cell_text`` and load back to identical tables. ``table_schema(name)`` is the
pandera schema of a typed table.

``Dataset.problems`` rules (findings.FINDING_COLUMNS):
    ``type`` / ``date`` / ``enum`` (error in a required column, else warning), ``required`` (error:
    empty cell in a required column, found by the pandera table schema), ``empty_row`` (warning:
    a fully empty row between data rows; no ``required`` findings for it), ``header`` (warning:
    values under an empty header, kept as column ``kolom_<n>``), ``encoding`` (info: read as cp1252).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from iid_analysis.io import schema
from iid_analysis.io.findings import FINDING_COLUMNS, empty_findings, sort_findings
from iid_analysis.io.schema import ROW, TABLE_LABELS, TABLES, Column
from iid_analysis.text.escape import cell_text, guard_frame

MAX_BYTES = 50_000_000
MAX_ROWS = 500_000
XLSX_UNPACKED = 20  # an .xlsx may unpack to at most this many times max_bytes
MAX_COLUMNS = 200  # columns holding data in one table; empty ones past it are dropped
MAX_FIELDS = 16_384  # separators on one CSV line (Excel's widest sheet), checked before parsing
XLSX_SUFFIXES = (".xlsx", ".xlsm")

#: The date forms accepted, as told to a person.
DATE_FORMS = "2021-08-13, 13/08/2021, 13 Agustus 2021, atau tanggal Excel"
DATE_FORMS_EN = "2021-08-13, 13/08/2021, 13 Agustus 2021, or an Excel date"

#: Month names (Indonesian, English, common abbreviations), lower case → month number.
MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    (
        ("januari", "january", "jan"),
        ("februari", "pebruari", "february", "feb", "peb"),
        ("maret", "march", "mar", "mrt"),
        ("april", "apr"),
        ("mei", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("agustus", "august", "agu", "agt", "ags", "agust", "agus", "aug"),
        ("september", "sep", "sept", "spt"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nopember", "nov", "nop"),
        ("desember", "december", "des", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _num


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
        # one line whatever the file held (a header cell may carry line breaks)
        return _CONTROLS.sub(" ", f"{head}{self.message}{tail}")


_CONTROLS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def _shown(value: object, limit: int = 40) -> str:
    """A value from the file as a message shows it: on one line, at most ``limit`` characters."""
    s = _CONTROLS.sub(" ", str(value)).strip()
    return s if len(s) <= limit else s[: limit - 1] + "…"


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

    def tables(self) -> dict[str, pd.DataFrame]:
        """Table name → frame, in ``schema.TABLES`` order."""
        return {t: self.table(t) for t in TABLES}

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
        for t in TABLES:
            df = guard_frame(_export_frame(self.table(t), t))
            for c in schema.COLUMNS[t]:
                if c.kind == "date":
                    df[c.name] = df[c.name].dt.strftime("%Y-%m-%d")
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
        for t in TABLES:
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


# ====================================================================== loading


def load_dataset(path: str | Path, *, max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS) -> Dataset:
    """Read a CSV folder or an ``.xlsx`` workbook (see the module docstring for the contract)."""
    p = Path(path)
    if not p.exists():
        raise DataError("folder atau berkas tidak ditemukan", "folder or file not found", file=str(p))
    if p.is_dir():
        raws, encodings, notes = _read_csv_folder(p, max_bytes, max_rows)
        kind = "csv"
    elif p.suffix.lower() in XLSX_SUFFIXES:
        raws = _read_xlsx(p, max_bytes, max_rows)
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
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise DataError(f"tabel tidak dikenal: {', '.join(unknown)} (yang dikenal: {', '.join(TABLES)})",
                        f"unknown tables: {', '.join(unknown)}", file=source)
    raws = []
    for t in TABLES:
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
        cols = [_Factored.of(_to_text(df.iloc[:, i])) for i in range(df.shape[1])]
        raws.append(_RawTable(t, t, [str(c).strip() for c in df.columns], cols, rows))
    return _build_dataset(raws, source=source, kind="memory", encodings={}, notes=[])


# ---------------------------------------------------------------------- raw tables


@dataclass
class _Factored:
    """One column of text cells, factorised: cell ``i`` is ``uniques[codes[i]]`` (stripped).

    Typing works on the distinct values only (few for ids, levels, enums and dates), then takes
    the result back by the codes: 400,000 rows cost one hash pass per column.
    """

    codes: np.ndarray  # intp, one per row
    uniques: pd.Series  # "string" dtype, stripped, no missing values, RangeIndex

    @classmethod
    def of(cls, values: object) -> _Factored:
        arr = np.asarray(values, dtype=object)
        codes, uniq = pd.factorize(arr)
        codes = np.asarray(codes, dtype=np.intp)
        stripped = [str(v).strip() for v in uniq]
        if (codes < 0).any():  # a missing value slipped through: it is an empty cell
            codes = np.where(codes < 0, len(stripped), codes)
            stripped.append("")
        return cls(codes, pd.Series(stripped, dtype="string"))

    @classmethod
    def empty(cls, n: int) -> _Factored:
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

    def cut(self, start: int, stop: int) -> _Factored:
        return _Factored(self.codes[start:stop], self.uniques)

    def text(self, i: int) -> str:
        return str(self.uniques.iloc[self.codes[i]])


@dataclass
class _RawTable:
    """Cells as text before typing: headers as found, one factorised column per position."""

    table: str
    file: str  # as the user sees it (file name or sheet)
    headers: list[str]
    cols: list[_Factored]
    rows: np.ndarray  # int64 row numbers as the user sees them
    where: str = ""  # for error messages: workbook and sheet; defaults to ``file``
    header_row: int = 1  # the row the headers were found on

    def __post_init__(self) -> None:
        self.where = self.where or self.file

    def __len__(self) -> int:
        return len(self.rows)


def _trim_wide(grid: pd.DataFrame, where: str) -> pd.DataFrame:
    """The first ``MAX_COLUMNS`` columns; refused when a column past them holds data."""
    extra = grid.iloc[:, MAX_COLUMNS:].to_numpy(dtype=object).ravel()
    if any(isinstance(v, str) and v.strip() for v in extra):
        raise DataError(f"terlalu banyak kolom: lebih dari {MAX_COLUMNS} kolom berisi data",
                        f"too many columns: more than {MAX_COLUMNS} columns hold data", file=where)
    return grid.iloc[:, :MAX_COLUMNS]


def _limit_rows(n: int, max_rows: int, file: str) -> None:
    if n > max_rows:
        raise DataError(
            f"terlalu banyak baris: lebih dari {max_rows:,} baris data".replace(",", "."),
            f"too many rows: more than {max_rows:,} data rows", file=file,
        )


def _blank_rows(cols: list[_Factored], n: int) -> np.ndarray:
    """True where every cell of the row is empty or whitespace."""
    mask = np.ones(n, dtype=bool)
    for f in cols:
        mask &= f.blank()
    return mask


def _grid_to_raw(table: str, file: str, grid: pd.DataFrame, row_numbers: np.ndarray,
                 max_rows: int, where: str = "") -> _RawTable:
    """Header = first non-empty row; data = the rows after it up to the last non-empty one."""
    if grid.shape[1] > MAX_COLUMNS:  # each column costs time: a row of 70,000 commas is not a table
        grid = _trim_wide(grid, where or file)
    # a missing cell (short row) is an empty one: _Factored makes it ""
    cols = [_Factored.of(grid.iloc[:, i].to_numpy(dtype=object)) for i in range(grid.shape[1])]
    blank = _blank_rows(cols, len(grid))
    filled = np.flatnonzero(~blank)
    if len(filled) == 0:
        raise DataError("tidak berisi data (kosong)", "is empty", file=where or file)
    head, last = int(filled[0]), int(filled[-1])
    _limit_rows(last - head, max_rows, where or file)
    headers = [f.text(head) for f in cols]
    body = [f.cut(head + 1, last + 1) for f in cols]
    rows = np.asarray(row_numbers[head + 1 : last + 1], dtype="int64")
    return _RawTable(table, file, headers, body, rows, where=where, header_row=int(row_numbers[head]))


# ---------------------------------------------------------------------- CSV


def _read_csv_folder(folder: Path, max_bytes: int, max_rows: int):
    found: dict[str, Path] = {}
    csv_names = []
    for f in sorted(folder.iterdir()):
        if not f.is_file() or f.suffix.lower() != ".csv":
            continue
        csv_names.append(f.name)
        t = schema.table_for_sheet(f.stem)
        if t is None:
            continue
        if t in found:
            raise DataError(
                f"dua berkas untuk tabel {t}: '{found[t].name}' dan '{f.name}'; sisakan satu",
                f"two files for table {t}; keep one", file=str(folder),
            )
        found[t] = f
    missing = [t for t in TABLES if t not in found]
    if missing:
        expected = "; ".join(f"'{t}.csv' atau '{TABLE_LABELS[t]}.csv'" for t in missing)
        have = ", ".join(csv_names) if csv_names else "tidak ada berkas CSV"
        raise DataError(
            f"berkas tidak ditemukan: {expected} (berkas CSV yang ada: {have})",
            f"missing file(s): {', '.join(t + '.csv' for t in missing)}", file=str(folder),
        )
    raws, encodings, notes = [], {}, []
    for t in TABLES:
        f = found[t]
        text, enc = _read_text(f, max_bytes)
        encodings[t] = enc
        if enc == "cp1252":
            notes.append({
                "table": t, "file": f.name, "row": None, "column": "", "rule": "encoding",
                "severity": "info", "value": "cp1252", "expected": "UTF-8",
                "message": "berkas bukan UTF-8; dibaca sebagai cp1252 (Windows-1252)",
                "message_en": "file is not UTF-8; read as cp1252 (Windows-1252)",
            })
        grid = _parse_csv(text, f.name)
        raws.append(_grid_to_raw(t, f.name, grid, np.arange(len(grid), dtype="int64") + 1, max_rows))
    return raws, encodings, notes


_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))


def _check_size(path: Path, max_bytes: int) -> int:
    """The file's size; DataError when it is empty or over the limit."""
    size = path.stat().st_size
    if size > max_bytes:
        raise DataError(f"berkas terlalu besar: {size:,} bita, batas {max_bytes:,} bita".replace(",", "."),
                        f"file too large: {size:,} bytes, limit {max_bytes:,}", file=path.name)
    if size == 0:
        raise DataError("berkas kosong", "file is empty", file=path.name)
    return size


def _read_text(path: Path, max_bytes: int) -> tuple[str, str]:
    """The file's text and the encoding used; DataError when it is not readable text."""
    name = path.name
    _check_size(path, max_bytes)
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError("berkas UTF-16 tidak didukung; simpan sebagai CSV UTF-8",
                        "UTF-16 files are not supported; save as CSV UTF-8", file=name)
    head = data[:8192]
    controls = sum(head.count(bytes([b])) for b in _CONTROL)
    if b"\x00" in head or controls > max(2, len(head) // 100):
        raise DataError("bukan berkas teks (berkas biner?); simpan sebagai CSV",
                        "not a text file (binary?); save as CSV", file=name)
    try:
        text = data.decode("utf-8-sig")
        enc = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
            enc = "cp1252"
        except UnicodeDecodeError:
            raise DataError("teks bukan UTF-8 maupun cp1252; simpan sebagai CSV UTF-8",
                            "text is neither UTF-8 nor cp1252; save as CSV UTF-8", file=name) from None
    if "\x00" in text:
        raise DataError("bukan berkas teks (berkas biner?)", "not a text file (binary?)", file=name)
    if not text.strip():
        raise DataError("berkas kosong", "file is empty", file=name)
    return text, enc


def _lines(text: str):
    """The lines of ``text`` one by one (as ``str.splitlines`` cuts them), without splitting the
    whole text at once: the header is near the top of a file of many megabytes."""
    start, size = 0, 4096
    while start < len(text):
        chunk = text[start : start + size]
        lines = chunk.splitlines(keepends=True)
        if start + size < len(text) and len(lines) <= 1:
            size *= 4  # a very long line: read a bigger piece
            continue
        if start + size < len(text):
            lines = lines[:-1]  # the last piece may be cut in the middle of a line
        for line in lines:
            yield line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
            start += len(line)


def _limit_fields(text: str, sep: str, name: str) -> None:
    """Refuse, before parsing, a line with more than ``MAX_FIELDS`` separators outside quotes:
    no worksheet is that wide, and every column costs the parser time and memory."""
    if text.count(sep) <= MAX_FIELDS:  # the usual case: nothing to look at
        return
    if not _has_long_line(text, MAX_FIELDS):  # a big file of ordinary lines: nothing either
        return
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if line.count(sep) > MAX_FIELDS and re.sub(r'"[^"]*"', "", line).count(sep) > MAX_FIELDS:
            raise DataError(
                f"terlalu banyak kolom: lebih dari {MAX_FIELDS:,} pemisah '{sep}' pada satu baris; "
                f"ini bukan tabel".replace(",", ".", 1),
                f"too many columns: more than {MAX_FIELDS:,} separators on one line", file=name,
                row=number,
            )


def _has_long_line(text: str, limit: int) -> bool:
    """False when no line of ``text`` is longer than ``limit`` characters (cheap: a line that
    long covers a whole aligned window of ``limit // 2`` characters, and only those windows
    are searched for a line break). True means "maybe": look line by line."""
    width = max(limit // 2, 1)
    for start in range(0, len(text) - width + 1, width):
        end = start + width
        if text.find("\n", start, end) < 0 and text.find("\r", start, end) < 0:
            return True
    return False


def _sniff_sep(text: str) -> str:
    """Comma, semicolon or tab: the most frequent one on the header line (quotes ignored)."""
    for line in _lines(text):
        if line.strip():
            bare = re.sub(r'"[^"]*"', "", line)
            counts = {sep: bare.count(sep) for sep in (",", ";", "\t")}
            best = max(counts, key=lambda s: counts[s])
            return best if counts[best] else ","
    return ","


def _parse_csv(text: str, name: str) -> pd.DataFrame:
    """Every record as a row of text cells (header included), blank lines kept.

    An Excel ``sep=;`` first line names the separator and is not a row (Excel hides it too).
    """
    nl = text.find("\n")
    first = text if nl < 0 else text[:nl]
    hint = re.fullmatch(r"\s*sep=(.)\s*", first)
    if hint:
        sep, text = hint.group(1), ("" if nl < 0 else text[nl + 1 :])
    else:
        sep = _sniff_sep(text)
    _limit_fields(text, sep, name)
    try:
        # the C parser reads UTF-8 bytes directly (a text buffer would be encoded again chunk
        # by chunk); the cells are the same Python strings as with dtype=str, without the
        # string-array wrapping that _grid_to_raw would undo
        return pd.read_csv(
            io.BytesIO(text.encode("utf-8")), encoding="utf-8", sep=sep, header=None, dtype=object,
            keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c",
            quotechar='"',
        )
    except pd.errors.EmptyDataError:
        raise DataError("berkas kosong", "file is empty", file=name) from None
    except pd.errors.ParserError:
        pass  # rows longer than the header: read them with the csv module, nothing dropped
    try:
        records = list(csv.reader(io.StringIO(text), delimiter=sep, quotechar='"'))
    except csv.Error as exc:
        raise DataError(f"CSV tidak dapat dibaca: {exc}", f"CSV cannot be parsed: {exc}", file=name) from None
    return _padded_frame(records)


# ---------------------------------------------------------------------- XLSX


def _read_xlsx(path: Path, max_bytes: int, max_rows: int) -> list[_RawTable]:
    import openpyxl

    name = path.name
    _check_size(path, max_bytes)
    if not zipfile.is_zipfile(path):
        raise DataError("bukan buku kerja .xlsx yang sah (berkas rusak atau bukan Excel)",
                        "not a valid .xlsx workbook (damaged or not Excel)", file=name)
    _limit_unpacked(path, max_bytes)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise DataError(f"buku kerja tidak dapat dibuka ({type(exc).__name__})",
                        f"workbook cannot be opened: {exc}", file=name) from None
    try:
        sheets: dict[str, str] = {}
        for sheet in wb.sheetnames:
            t = schema.table_for_sheet(sheet)
            if t is None:
                continue  # "Petunjuk", "Indikator <year>", anything else
            if t in sheets:
                raise DataError(f"dua lembar untuk tabel {t}: '{sheets[t]}' dan '{sheet}'; sisakan satu",
                                f"two sheets for table {t}; keep one", file=name)
            sheets[t] = sheet
        missing = [t for t in TABLES if t not in sheets]
        if missing:
            expected = "; ".join(f"'{TABLE_LABELS[t]}' atau '{t}'" for t in missing)
            raise DataError(
                f"lembar tidak ditemukan: {expected} (lembar yang ada: {', '.join(wb.sheetnames)})",
                f"missing sheet(s): {', '.join(missing)}", file=name,
            )
        raws = []
        for t in TABLES:
            ws = wb[sheets[t]]
            if not hasattr(ws, "iter_rows"):
                raise DataError("lembar ini bukan lembar data (chart?)", "sheet holds no cells", file=name)
            where = f"{name}, lembar '{sheets[t]}'"
            try:
                raws.append(_read_sheet(t, where, sheets[t], ws, max_rows))
            except DataError:
                raise
            except Exception as exc:  # a damaged sheet is only found while reading it
                raise DataError(f"lembar rusak, tidak dapat dibaca ({type(exc).__name__})",
                                f"damaged sheet, cannot be read: {exc}", file=where) from None
        return raws
    finally:
        wb.close()


def _limit_unpacked(path: Path, max_bytes: int) -> None:
    """Refuse a workbook whose parts unpack to more than ``XLSX_UNPACKED`` × ``max_bytes``.

    A real workbook unpacks to about 5–15 times its size; a "zip bomb" to thousands of times.
    """
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl reports a damaged file below
    if unpacked > XLSX_UNPACKED * max_bytes:
        raise DataError(
            f"isi buku kerja terlalu besar setelah dibuka: {unpacked:,} bita, batas "
            f"{XLSX_UNPACKED * max_bytes:,} bita".replace(",", "."),
            f"workbook too large once unpacked: {unpacked:,} bytes, limit {XLSX_UNPACKED * max_bytes:,}",
            file=path.name,
        )


def _read_sheet(table: str, where: str, sheet: str, ws, max_rows: int) -> _RawTable:
    rows: list[list[str]] = []
    numbers: list[int] = []
    pending: list[tuple[int, list[str]]] = []  # empty rows not yet known to be in the middle
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # a wrong <dimension> tag must not cut rows or columns off
    header_at = 0  # the sheet row of the header once found
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = [_cell_to_text(v) for v in values]
        filled = any(c.strip() for c in cells)
        # counted while reading, empty rows too: the <dimension> tag may lie, and a sheet with a
        # million (formatted) rows must not be read to its end before it is refused
        if number - header_at > max_rows:
            if filled:
                _limit_rows(max_rows + 1, max_rows, where)
            raise DataError(
                f"terlalu banyak baris: lebih dari {max_rows:,} baris (baris kosong ikut dihitung; "
                f"hapus baris kosong di bawah data)".replace(",", "."),
                f"too many rows: more than {max_rows:,} rows (empty rows count too; delete the "
                f"empty rows below the data)", file=where,
            )
        if not filled:
            if rows:
                pending.append((number, cells))
            continue
        header_at = header_at or number
        for n, c in pending:
            numbers.append(n)
            rows.append(c)
        pending.clear()
        numbers.append(number)
        rows.append(cells)
    if not rows:
        raise DataError("lembar kosong", "sheet is empty", file=where)
    grid = _padded_frame(rows)
    return _grid_to_raw(table, sheet, grid, np.asarray(numbers, dtype="int64"), max_rows, where=where)


def _padded_frame(records: list[list[str]]) -> pd.DataFrame:
    """Rows of unequal length as a frame of text cells, short rows padded with ""."""
    width = max((len(r) for r in records), default=0)
    return pd.DataFrame([list(r) + [""] * (width - len(r)) for r in records], dtype=object)


def _cell_to_text(v: object) -> str:
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


def _to_text(s: pd.Series) -> pd.Series:
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
    return s.map(_cell_to_text, na_action=None).astype("str").fillna("")


# ====================================================================== typing


def _build_dataset(raws: list[_RawTable], *, source: str, kind: str, encodings: dict[str, str],
                   notes: list[dict]) -> Dataset:
    tables: dict[str, pd.DataFrame] = {}
    found = [_records_part(notes)]
    for raw in raws:
        frame, parts = _type_table(raw)
        tables[raw.table] = frame
        found.extend(parts)
    return Dataset(
        **tables,
        source=source,
        kind=kind,
        files={raw.table: raw.file for raw in raws},
        encodings=encodings,
        problems=sort_findings(_findings_frame(found)),
    )


def _map_headers(raw: _RawTable) -> tuple[dict[str, int], dict[str, int], list[dict]]:
    """Canonical column → position, extra header → position, and header findings."""
    hmap = schema.header_map(raw.table)
    canon: dict[str, int] = {}
    extras: dict[str, int] = {}
    notes: list[dict] = []
    original: dict[str, str] = {}
    for i, h in enumerate(raw.headers):
        if h == "":
            if raw.cols[i].blank().all():
                continue  # an empty column with no header: nothing to keep
            h = f"kolom_{i + 1}"
            notes.append({
                "table": raw.table, "file": raw.file, "row": raw.header_row, "column": h, "rule": "header",
                "severity": "warning", "value": "", "expected": "judul kolom",
                "message": f"kolom ke-{i + 1} berisi data tanpa judul; disimpan sebagai '{h}'",
                "message_en": f"column {i + 1} holds data but has no header; kept as '{h}'",
            })
        name = hmap.get(schema.norm_token(h))
        if name is not None:
            if name in canon:
                raise DataError(
                    f"judul kolom ganda: '{_shown(original[name])}' dan '{_shown(h)}' sama-sama kolom {name}",
                    f"duplicated header: '{_shown(original[name])}' and '{_shown(h)}' both mean {name}",
                    file=raw.where, row=raw.header_row, column=_shown(h),
                )
            canon[name] = i
            original[name] = h
        else:
            if h in extras or h == ROW:
                raise DataError(f"judul kolom ganda: '{_shown(h)}'", f"duplicated header: '{_shown(h)}'",
                                file=raw.where, row=raw.header_row, column=_shown(h))
            extras[h] = i
    missing = [c for c in schema.COLUMNS[raw.table] if c.required and c.name not in canon]
    if missing:
        wanted = "; ".join(
            f"'{c.name}' (judul: "
            + " atau ".join(f"'{s}'" for s in dict.fromkeys((c.name, c.label, *c.aliases)))
            + ")"
            for c in missing
        )
        found = ", ".join(f"'{_shown(h)}'" for h in raw.headers[:40] if h) or "tidak ada"
        raise DataError(
            f"kolom wajib tidak ditemukan: {wanted}; judul yang ada: {found}",
            f"required column(s) missing: {', '.join(c.name for c in missing)}",
            file=raw.where, row=raw.header_row, column=", ".join(c.name for c in missing),
        )
    return canon, extras, notes


@dataclass
class _Unread:
    """Cells of one column that could not be read, described per distinct value."""

    rule: str
    expected: str
    bad_u: np.ndarray  # bool per distinct value
    message_u: np.ndarray  # object per distinct value (None where not bad)
    message_en_u: np.ndarray


def _type_table(raw: _RawTable) -> tuple[pd.DataFrame, pd.DataFrame]:
    table, n = raw.table, len(raw)
    canon, extras, notes = _map_headers(raw)
    index = pd.RangeIndex(n)
    out: dict[str, object] = {ROW: pd.Series(raw.rows, index=index, dtype="int64")}
    factored: dict[str, _Factored] = {}
    unread: dict[str, _Unread] = {}
    row_blank = _blank_rows(raw.cols, n)
    cells: dict[str, _Cells] = {}  # what the pandera row checks look at, per column
    typed: dict[str, pd.Series] = {}  # typed distinct values, per column

    for col in schema.COLUMNS[table]:
        f = raw.cols[canon[col.name]] if col.name in canon else _Factored.empty(n)
        factored[col.name] = f
        values, problem, typed_u = _type_column(col, f)
        typed[col.name] = typed_u
        out[col.name] = pd.Series(values, index=index)
        if problem is not None and problem.bad_u.any():
            unread[col.name] = problem
        cells[col.name] = _Cells.of(typed_u, f.codes)

    if "evidence_status" in out:
        empty = factored["evidence_status"].blank()
        if empty.any():
            # a non-blank evidence cell is never empty text after typing (see _text_values)
            has_evidence = ~factored["evidence"].blank()
            status_u = typed["evidence_status"].to_numpy(dtype=object, na_value=pd.NA)
            k = len(status_u)
            pick = factored["evidence_status"].codes.copy()
            pick[empty & has_evidence] = k  # "pending"
            pick[empty & ~has_evidence] = k + 1  # "missing"
            filled = pd.array([*status_u, "pending", "missing"], dtype="string").take(pick)
            out["evidence_status"] = pd.Series(filled, index=index)
            cells["evidence_status"] = cells["evidence_status"].filled(
                empty, has_evidence, "pending", "missing"
            )

    for h, i in extras.items():
        f = raw.cols[i]
        out[h] = pd.Series(_text_values(f.uniques).array.take(f.codes), index=index, dtype="string")

    frame = pd.DataFrame(out, index=index, copy=False)
    ids = _id_columns(table, frame)
    problems = [_records_part(notes)]
    bad_cells: dict[str, np.ndarray] = {}
    for name, p in unread.items():
        f = factored[name]
        mask = p.bad_u[f.codes]
        bad_cells[name] = mask
        which = f.codes[mask]
        severity = "error" if schema.column(table, name).required else "warning"
        problems.append(_cell_findings(
            raw, name, mask, p.rule, severity, f.uniques.to_numpy(dtype=object)[which], p.expected,
            p.message_u[which], p.message_en_u[which], ids,
        ))
    if n:
        problems.extend(_schema_findings(raw, frame, bad_cells, row_blank, ids, cells))
    if row_blank.any():
        k = int(row_blank.sum())
        problems.append(_cell_findings(
            raw, "", row_blank, "empty_row", "warning", np.full(k, "", dtype=object), "baris berisi data",
            np.full(k, "baris kosong di tengah data; hapus atau isi", dtype=object),
            np.full(k, "empty row between data rows; delete or fill it", dtype=object), ids,
        ))
    return frame, problems


_GUARDED = ("=", "+", "-", "@")


def _text_values(u: pd.Series) -> pd.Series:
    """Stripped text → ``string`` with <NA> for empty, formula guard undone (a leading
    apostrophe before ``= + - @`` is dropped; nothing else changes)."""
    out = [
        pd.NA if v == "" else v[1:] if v[:1] == "'" and v[1:2] in _GUARDED else v
        for v in u.astype("string").to_numpy(dtype=object, na_value="")
    ]
    return pd.Series(pd.array(out, dtype="string"), index=u.index)


def _messages(u: pd.Series, bad_u: np.ndarray, template: str) -> np.ndarray:
    """One message per distinct value (None where the value was read); ``{v}`` is the value."""
    out = np.full(len(u), None, dtype=object)
    for i in np.flatnonzero(bad_u):
        out[i] = template.format(v=u.iloc[i])
    return out


def _type_column(col: Column, f: _Factored) -> tuple[object, _Unread | None, pd.Series]:
    """Typed values (one per row), what could not be read, and the typed distinct values
    (one per ``f.uniques``; the values are ``typed[f.codes]``)."""
    u = f.uniques
    blank_u = u.eq("").to_numpy(dtype=bool)
    label = col.label
    if blank_u.all():  # an absent or empty column: nothing to read
        n = len(f)
        if col.kind == "date":
            empty = pd.Series(np.full(len(u), np.datetime64("NaT"), dtype="datetime64[ns]"))
            return np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"), None, empty
        dtype = "Int64" if col.kind in ("int", "year", "level") else "string"
        return pd.array([pd.NA] * n, dtype=dtype), None, pd.Series([pd.NA] * len(u), dtype=dtype)
    if col.kind == "text":
        typed_u = _text_values(u)
        return typed_u.array.take(f.codes), None, typed_u
    if col.kind in ("int", "year", "level"):
        typed_u = _parse_ints(u)
        bad_u = typed_u.isna().to_numpy(dtype=bool) & ~blank_u
        expected = {
            "year": "tahun empat angka, mis. 2021",
            "level": "bilangan bulat 0, 1, 2 atau 3",
        }.get(col.kind, "bilangan bulat, mis. 0, 1, 2")
        return typed_u.array.take(f.codes), _Unread(
            "type", expected, bad_u,
            _messages(u, bad_u, label + ": '{v}' bukan bilangan bulat (" + expected + ")"),
            _messages(u, bad_u, col.name + ": '{v}' is not a whole number"),
        ), typed_u
    if col.kind == "date":
        typed_u, shaped_u = _parse_dates(u)
        bad_u = typed_u.isna().to_numpy(dtype=bool) & ~blank_u
        impossible = bad_u & shaped_u
        unknown = bad_u & ~shaped_u
        msg = _messages(u, impossible, label + ": tanggal '{v}' tidak mungkin (tidak ada di kalender)")
        msg_u = _messages(u, unknown, label + ": '{v}' bukan tanggal yang dikenali")
        msg_en = _messages(u, impossible, col.name + ": date '{v}' is impossible")
        msg_en_u = _messages(u, unknown, col.name + ": '{v}' is not a recognised date")
        msg[unknown] = msg_u[unknown]
        msg_en[unknown] = msg_en_u[unknown]
        values = typed_u.to_numpy(dtype="datetime64[ns]")[f.codes]
        return values, _Unread("date", "tanggal: " + DATE_FORMS, bad_u, msg, msg_en), typed_u
    if col.kind == "enum":
        mapping = schema.enum_map(col.enum)
        typed_u = pd.Series(
            [None if b else mapping.get(schema.norm_token(v)) for v, b in zip(u, blank_u, strict=True)],
            dtype="string",
        )
        bad_u = typed_u.isna().to_numpy(dtype=bool) & ~blank_u
        allowed = _enum_allowed(col.enum)
        codes = ", ".join(schema.ENUMS[col.enum])
        return typed_u.array.take(f.codes), _Unread(
            "enum", allowed, bad_u,
            _messages(u, bad_u, label + ": nilai '{v}' tidak dikenal; pilih salah satu: "
                      + allowed.replace("{", "{{").replace("}", "}}")),
            _messages(u, bad_u, col.name + ": unknown value '{v}'; allowed: " + codes),
        ), typed_u
    raise ValueError(f"unknown column kind {col.kind!r}")  # pragma: no cover - schema is fixed


def _enum_allowed(enum: str) -> str:
    return ", ".join(f"{label} ({code})" for code, label in schema.ENUMS[enum].items())


_INT_RE = r"[+-]?\d{1,15}(?:[.,]0*)?"


def _parse_ints(u: pd.Series) -> pd.Series:
    """Distinct stripped texts → Int64 (<NA> when not a whole number)."""
    ok = u.str.fullmatch(_INT_RE).fillna(False)
    digits = u.where(ok).str.extract(r"^([+-]?\d+)", expand=False)
    return pd.to_numeric(digits, errors="coerce").astype("Int64")


def _number(text: object) -> float:
    """A run of digits as ``pandas.to_numeric`` reads it (NaN when it cannot)."""
    if isinstance(text, int):
        return text
    if text.isascii():
        return int(text)
    return float(pd.to_numeric(pd.Series([text], dtype=object), errors="coerce").iloc[0])


_ISO_RE = r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
_DMY_RE = r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"
_NAMED_RE = r"^(?:[A-Za-z]+,?\s+)?(\d{1,2})[\s\-/.]*([A-Za-z]+)\.?[\s\-/.,]*(\d{4})$"
_SERIAL_RE = r"\d{5}(?:\.\d+)?"  # Excel serial day numbers 10000..99999 (1927..2173)


def _parse_dates(u: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Distinct stripped texts → (datetime64[ns] at midnight or NaT, 'looked like a date' flag).

    One pass over the distinct texts with the compiled forms (ISO, day/month/year, named month),
    first form that fits wins; then Excel serial day numbers."""
    n = len(u)
    if n == 0:
        return pd.Series([], dtype="datetime64[ns]"), pd.Series(False, index=u.index)
    iso, dmy, named_re = (re.compile(p) for p in (_ISO_RE, _DMY_RE, _NAMED_RE))
    days = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    shaped_a = np.zeros(n, dtype=bool)
    for i, v in enumerate(u.to_numpy(dtype=object, na_value="")):
        m = iso.search(v)
        if m:
            y, mo, d = m.group(1), m.group(2), m.group(3)
        elif m := dmy.search(v):
            y, mo, d = m.group(3), m.group(2), m.group(1)
        elif (m := named_re.search(v)) and m.group(2).lower() in MONTHS:
            y, mo, d = m.group(3), MONTHS[m.group(2).lower()], m.group(1)
        else:
            continue
        shaped_a[i] = True
        year, month, day = _number(y), _number(mo), _number(d)
        if 1900 <= year <= 2200 and 1 <= month <= 12 and 1 <= day <= 31:
            try:
                days[i] = dt.date(int(year), int(month), int(day))
            except ValueError:  # not in the calendar (31/02)
                pass
    out = pd.Series(days.astype("datetime64[ns]"), index=u.index)
    shaped = pd.Series(shaped_a, index=u.index)

    serial = u.str.fullmatch(_SERIAL_RE).fillna(False) & ~shaped
    if serial.any():
        days = pd.to_numeric(u.where(serial), errors="coerce")
        from_serial = (pd.Timestamp("1899-12-30") + pd.to_timedelta(days.fillna(0).round(6), unit="D")).dt.normalize()
        out = out.mask(serial, from_serial.astype("datetime64[ns]"))
        shaped = shaped | serial
    return out.reset_index(drop=True), shaped.reset_index(drop=True)


# ---------------------------------------------------------------------- pandera


def _kind_dtypes() -> dict:
    return {"text": pd.StringDtype(), "enum": pd.StringDtype(), "int": pd.Int64Dtype(),
            "year": pd.Int64Dtype(), "level": pd.Int64Dtype(), "date": np.dtype("datetime64[ns]")}


@cache
def table_schema(table: str):
    """The pandera schema of a typed table (dtypes, non-null required columns, enum codes).

    Levels outside 0–3 are not checked here: the desk review reports them. Its checks are
    mirrored by :func:`_schema_suspects` (keep the two in step).
    """
    import pandera.pandas as pa

    dtypes = _kind_dtypes()
    cols = {ROW: pa.Column("int64", nullable=False)}
    for c in schema.COLUMNS[table]:
        checks = [pa.Check.isin(list(schema.ENUMS[c.enum]))] if c.kind == "enum" else []
        cols[c.name] = pa.Column(dtypes[c.kind], checks=checks, nullable=c.nullable, required=True)
    return pa.DataFrameSchema(cols, strict=False, coerce=False, name=table)


@dataclass
class _Cells:
    """Which cells of a typed column are empty, and their distinct typed values: taken from the
    typing (per distinct text), so the pandera pre-check need not scan every row again."""

    na_u: np.ndarray  # bool per distinct value
    values_u: np.ndarray  # object per distinct value (<NA> where empty)
    codes: np.ndarray  # per row → distinct value
    extra_na: np.ndarray | None = None  # per row, overrides (after a fill): True = empty
    fills: tuple = ()  # (row mask, value) filled in after typing

    @classmethod
    def of(cls, typed_u: pd.Series, codes: np.ndarray) -> _Cells:
        return cls(typed_u.isna().to_numpy(dtype=bool), typed_u.to_numpy(dtype=object), codes)

    def filled(self, empty: np.ndarray, has: np.ndarray, if_has: str, if_not: str) -> _Cells:
        na = self.na_u[self.codes] & ~empty
        return _Cells(self.na_u, self.values_u, self.codes, na,
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


def _schema_suspects(table: str, frame: pd.DataFrame,
                     cells: dict[str, _Cells] | None = None) -> np.ndarray | None:
    """The rows on which :func:`table_schema` can report a failure, found without pandera.

    The schema's row checks are ``not_nullable`` and ``isin`` (enum codes; empty cells pass):
    only rows with an empty cell in a non-nullable column or an unknown code can fail them.
    None when a column-level check could fail (column missing, other dtype): then the whole
    table goes to pandera. Pandera then checks these rows only — and is not even imported when
    there are none, as with clean data (importing it costs about a quarter of a second).
    """
    dtypes = _kind_dtypes()
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


def _schema_findings(raw: _RawTable, frame: pd.DataFrame, bad: dict[str, np.ndarray],
                     row_blank: np.ndarray, ids: dict[str, pd.Series],
                     cells: dict[str, _Cells] | None = None) -> list[dict]:
    """Validate lazily with pandera; every failure case becomes a finding (nothing raised).

    Cells already reported as unreadable and fully empty rows are not reported twice.
    """
    rows = _schema_suspects(raw.table, frame, cells)
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
        parts.append(_cell_findings(raw, column, mask, rule, "error", value, expected,
                                    np.full(k, msg, dtype=object), np.full(k, msg_en, dtype=object), ids))
    return parts


# ---------------------------------------------------------------------- findings


def _id_columns(table: str, frame: pd.DataFrame) -> dict[str, pd.Series]:
    """The ids a finding carries: innovation_id and opd_id where the table has them."""
    return {key: frame[key] for key in ("innovation_id", "opd_id") if key in frame.columns}


def _cell_findings(raw: _RawTable, column: str, mask: np.ndarray, rule: str, severity: str,
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


def _records_part(records: list[dict]) -> dict[str, np.ndarray]:
    return {c: np.asarray([r.get(c) for r in records], dtype=object) for c in FINDING_COLUMNS}


def _findings_frame(parts: list[dict[str, np.ndarray]]) -> pd.DataFrame:
    """One findings table, with the dtypes of :func:`findings.findings_frame`, from column parts."""
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
    if pd.api.types.is_integer_dtype(s.dtype):
        return [None if v is pd.NA else int(v) for v in s.astype("Int64")]
    return [None if (v is None or v is pd.NA or (isinstance(v, float) and v != v)) else _xlsx_text(v)
            for v in s.astype(object)]


def _xlsx_text(v: object) -> object:
    """Guarded text without the control characters a workbook cannot hold (openpyxl refuses them)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return cell_text(ILLEGAL_CHARACTERS_RE.sub("", str(v)))
