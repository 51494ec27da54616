"""Reading an ``.xlsx`` workbook into raw tables: one sheet per table, read-only.

The workbook is opened with cached values (``data_only``): a formula is never evaluated, only
the value Excel last saved is read. Rows are counted while reading (empty ones too), so an
oversized sheet is refused without being read to its end.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np

from iid_analysis.io import schema
from iid_analysis.io.errors import DataError
from iid_analysis.io.limits import check_size, limit_unpacked, refuse_long_sheet
from iid_analysis.io.raw import RawTable, cell_to_text, grid_to_raw, padded_frame
from iid_analysis.io.schema import OPTIONAL_TABLES, TABLE_LABELS, TABLES


def read_xlsx(path: Path, max_bytes: int, max_rows: int) -> list[RawTable]:
    """One raw table per table (in ``schema.TABLES`` order, then the optional tables found),
    each from its sheet."""
    import openpyxl

    name = path.name
    check_size(path, max_bytes)
    if not zipfile.is_zipfile(path):
        raise DataError("bukan buku kerja .xlsx yang sah (berkas rusak atau bukan Excel)",
                        "not a valid .xlsx workbook (damaged or not Excel)", file=name)
    limit_unpacked(path, max_bytes)
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
        for t in (*TABLES, *(t for t in OPTIONAL_TABLES if t in sheets)):
            ws = wb[sheets[t]]
            if not hasattr(ws, "iter_rows"):
                raise DataError("lembar ini bukan lembar data (chart?)", "sheet holds no cells", file=name)
            where = f"{name}, lembar '{sheets[t]}'"
            try:
                raw = _read_sheet(t, where, sheets[t], ws, max_rows, optional=t in OPTIONAL_TABLES)
                if raw is not None:
                    raws.append(raw)
            except DataError:
                raise
            except Exception as exc:  # a damaged sheet is only found while reading it
                raise DataError(f"lembar rusak, tidak dapat dibaca ({type(exc).__name__})",
                                f"damaged sheet, cannot be read: {exc}", file=where) from None
        return raws
    finally:
        wb.close()


def _read_sheet(table: str, where: str, sheet: str, ws, max_rows: int,
                optional: bool = False) -> RawTable | None:
    """The sheet's rows as text, blank rows kept only between filled ones (None for an empty
    sheet of an optional table: as if it were not there)."""
    rows: list[list[str]] = []
    numbers: list[int] = []
    pending: list[tuple[int, list[str]]] = []  # empty rows not yet known to be in the middle
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # a wrong <dimension> tag must not cut rows or columns off
    header_at = 0  # the sheet row of the header once found
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = [cell_to_text(v) for v in values]
        filled = any(c.strip() for c in cells)
        if number - header_at > max_rows:  # counted while reading, empty rows too
            refuse_long_sheet(filled, max_rows, where)
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
        if optional:
            return None
        raise DataError("lembar kosong", "sheet is empty", file=where)
    grid = padded_frame(rows)
    return grid_to_raw(table, sheet, grid, np.asarray(numbers, dtype="int64"), max_rows, where=where)
