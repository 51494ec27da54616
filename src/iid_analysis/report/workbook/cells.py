"""Cell values and named styles of ``review.xlsx``.

Every value goes through :func:`value`: missing → empty, timestamps → dates, booleans → *ya/tidak*,
control characters dropped and text that would start a formula made text (:func:`cell_text`).
"""

from __future__ import annotations

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.worksheet.cell_range import CellRange

from iid_analysis.text.escape import cell_text

DECISION_FILLS = {"lanjut": "E2F0D9", "lengkapi": "FFF2CC", "tidak_lanjut": "F8CBAD"}
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_NOWRAP = Alignment(wrap_text=False, vertical="top")


def value(v: object) -> object:
    """A cell value: missing → None, timestamps → dates, text guarded against formulas."""
    if v is None:
        return None
    if isinstance(v, pd.Timestamp):
        return None if pd.isna(v) else v.date()
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if hasattr(v, "item") and not isinstance(v, str):  # numpy scalars
        v = v.item()
        if isinstance(v, bool):
            return "ya" if v else "tidak"
    if isinstance(v, str):
        return cell_text(ILLEGAL_CHARACTERS_RE.sub("", v))
    return v


def register_styles(wb: Workbook) -> None:
    """Named styles: one assignment per cell (fast for big sheets)."""

    def style(name: str, *, font=None, fill=None, border=None, wrap=True) -> None:
        st = NamedStyle(name=name)
        st.alignment = _WRAP if wrap else _NOWRAP
        if font is not None:
            st.font = font
        if fill is not None:
            st.fill = fill
        if border is not None:
            st.border = border
        wb.add_named_style(st)

    style("iid_cell", border=_BORDER)
    style("iid_head", font=Font(bold=True), fill=_HEAD_FILL, border=_BORDER)
    style("iid_text", wrap=False)
    style("iid_para")
    style("iid_bold", font=Font(bold=True), wrap=False)
    style("iid_title", font=Font(bold=True, size=14), wrap=False)
    style("iid_input", border=_BORDER, fill=PatternFill("solid", fgColor="FFFFFF"))
    for code, color in DECISION_FILLS.items():
        style(f"iid_{code}", fill=PatternFill("solid", fgColor=color), border=_BORDER)


def put(ws, row: int, col: int, v: object, style: str = "iid_cell"):
    """Write one guarded value with a named style; returns the cell."""
    cell = ws.cell(row=row, column=col, value=value(v))
    cell.style = style
    return cell


def put_row(ws, row: int, values, style: str = "iid_cell") -> None:
    for j, v in enumerate(values, start=1):
        put(ws, row, j, v, style)


def merge_row(ws, row: int, n_cols: int) -> None:
    """Merge ``A{row}`` across ``n_cols`` columns (the range only: openpyxl's ``merge_cells`` also
    restyles every covered cell, slow for hundreds of sheets and not needed here)."""
    ws.merged_cells.add(CellRange(min_col=1, min_row=row, max_col=n_cols, max_row=row))
