"""Print set-up shared by the workbooks this package writes (the input template and ``review.xlsx``).

Every table sheet prints landscape on A4, fitted to the page width (as many pages down as needed),
with its header row repeated on every page and "Halaman X dari Y" in its footer (a notice, such as
the synthetic-data one, can go in its header: :func:`set_notice`). Wrapped text needs rows that
grow with it: LibreOffice keeps a row at its stored height, so :func:`fit_row_heights` estimates each row's height from the
length of its texts and the widths of their columns.
"""

from __future__ import annotations

import math
import textwrap

from openpyxl.utils import get_column_letter

LINE_PT = 15.0  # height of one line of 11 pt text, in points
CHARS_PER_WIDTH = 1.15  # characters of proportional text per unit of column width (conservative)
#: the print footer of every sheet: "Halaman 3 dari 7" (Excel's page codes)
PAGE_FOOTER = "Halaman &P dari &N"
HEADER_PT, FOOTER_PT = 9.0, 8.0  # printed size of the header (notice) and footer (page numbers)
PRINTABLE_PT = 842 - 2 * 0.4 * 72  # landscape A4 less the side margins, in points
PT_PER_WIDTH = 7.1  # printed points per unit of column width at 100 % (LibreOffice, measured)
DEFAULT_WIDTH = 8.43  # width of a column left at its default


def set_widths(ws, widths: list[float]) -> None:
    """Column widths A, B, … in Excel's character units."""
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def print_setup(ws, *, header_row: int | None, n_cols: int, last_row: int | None = None,
                freeze: bool = True) -> None:
    """Landscape A4, fit to page width (``fitToHeight`` 0), ``header_row`` repeated on every page,
    the print area ``A1`` … last column × ``last_row`` (when given), narrow margins."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
        if freeze:
            ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    if last_row:
        ws.print_area = f"A1:{get_column_letter(max(1, n_cols))}{max(1, last_row)}"
    size = print_size(ws, FOOTER_PT, n_cols)
    for footer in (ws.oddFooter, ws.evenFooter, ws.firstFooter):
        footer.center.text = PAGE_FOOTER
        footer.center.size = size


def set_notice(ws, notice: str) -> None:
    """``notice`` (plain text, e.g. the synthetic-data notice) at the top of every printed page of
    ``ws``; an empty ``notice`` leaves the header empty."""
    text = str(notice or "").replace("&", "&&") or None
    size = print_size(ws, HEADER_PT, ws.max_column)
    for header in (ws.oddHeader, ws.evenHeader, ws.firstHeader):
        header.center.text = text
        if text:
            header.center.size = size
            header.center.font = "Arial,Bold"


def print_size(ws, points: float, n_cols: int) -> int:
    """The font size to give a header or footer so that it prints at about ``points`` on a sheet
    fitted to the page width: spreadsheet programs shrink the header and footer with the sheet
    (LibreOffice even when told not to), so a wide sheet gets a larger size (at most twice)."""
    total = sum(ws.column_dimensions[get_column_letter(i)].width or DEFAULT_WIDTH
                for i in range(1, max(1, n_cols) + 1))
    scale = min(1.0, PRINTABLE_PT / (total * PT_PER_WIDTH))
    return int(round(min(2 * points, points / scale)))


def line_count(text: object, width: float) -> int:
    """Lines a wrapped ``text`` takes in a column ``width`` characters wide (at least 1)."""
    if text is None:
        return 1
    s = str(text)
    per_line = max(1, int(width * CHARS_PER_WIDTH) - 2)
    lines = 0
    for part in s.split("\n"):
        lines += max(1, len(textwrap.wrap(part, per_line, break_long_words=True,
                                          break_on_hyphens=False)))
    return lines


def row_height(values: list[object], widths: list[float], *, minimum: float = LINE_PT) -> float:
    """The height (points) a row of wrapped ``values`` needs in columns of ``widths``."""
    lines = max((line_count(v, w) for v, w in zip(values, widths, strict=False)), default=1)
    return max(minimum, math.ceil(lines * LINE_PT + 3))


def fit_row_heights(ws, first_row: int, last_row: int, widths: list[float]) -> None:
    """Set the height of rows ``first_row``..``last_row`` from their texts (wrapped cells)."""
    n = len(widths)
    for r in range(first_row, last_row + 1):
        values = [ws.cell(row=r, column=j).value for j in range(1, n + 1)]
        if any(isinstance(v, str) for v in values):
            ws.row_dimensions[r].height = row_height(values, widths)
