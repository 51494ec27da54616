"""The size limits of the loader and the checks that refuse data over them.

A file over ``max_bytes``, a workbook unpacking to more than ``XLSX_UNPACKED`` × ``max_bytes``,
more than ``max_rows`` data rows, more than ``MAX_COLUMNS`` columns holding data, a CSV line
with more than ``MAX_FIELDS`` separators: each is refused with a :class:`DataError` before it
costs the reader much time or memory.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import NoReturn

import pandas as pd

from iid_analysis.io.errors import DataError

MAX_BYTES = 50_000_000
MAX_ROWS = 500_000
XLSX_UNPACKED = 20  # an .xlsx may unpack to at most this many times max_bytes
MAX_COLUMNS = 200  # columns holding data in one table; empty ones past it are dropped
MAX_FIELDS = 16_384  # separators on one CSV line (Excel's widest sheet), checked before parsing
XLSX_SUFFIXES = (".xlsx", ".xlsm")


def trim_wide(grid: pd.DataFrame, where: str) -> pd.DataFrame:
    """The first ``MAX_COLUMNS`` columns; refused when a column past them holds data."""
    extra = grid.iloc[:, MAX_COLUMNS:].to_numpy(dtype=object).ravel()
    if any(isinstance(v, str) and v.strip() for v in extra):
        raise DataError(f"terlalu banyak kolom: lebih dari {MAX_COLUMNS} kolom berisi data",
                        f"too many columns: more than {MAX_COLUMNS} columns hold data", file=where)
    return grid.iloc[:, :MAX_COLUMNS]


def limit_rows(n: int, max_rows: int, file: str) -> None:
    """Refuse ``n`` data rows when they are more than ``max_rows``."""
    if n > max_rows:
        raise DataError(
            f"terlalu banyak baris: lebih dari {max_rows:,} baris data".replace(",", "."),
            f"too many rows: more than {max_rows:,} data rows", file=file,
        )


def check_size(path: Path, max_bytes: int) -> int:
    """The file's size; DataError when it is empty or over the limit."""
    size = path.stat().st_size
    if size > max_bytes:
        raise DataError(f"berkas terlalu besar: {size:,} bita, batas {max_bytes:,} bita".replace(",", "."),
                        f"file too large: {size:,} bytes, limit {max_bytes:,}", file=path.name)
    if size == 0:
        raise DataError("berkas kosong", "file is empty", file=path.name)
    return size


def limit_fields(text: str, sep: str, name: str) -> None:
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


def limit_unpacked(path: Path, max_bytes: int) -> None:
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


def refuse_long_sheet(filled: bool, max_rows: int, where: str) -> NoReturn:
    """Refuse a sheet read past ``max_rows`` rows after its header (empty rows counted): the
    ``<dimension>`` tag may lie, and a sheet with a million (formatted) rows must not be read to
    its end before it is refused. A filled row there is simply one data row too many."""
    if filled:
        limit_rows(max_rows + 1, max_rows, where)
    raise DataError(
        f"terlalu banyak baris: lebih dari {max_rows:,} baris (baris kosong ikut dihitung; "
        f"hapus baris kosong di bawah data)".replace(",", "."),
        f"too many rows: more than {max_rows:,} rows (empty rows count too; delete the "
        f"empty rows below the data)", file=where,
    )
