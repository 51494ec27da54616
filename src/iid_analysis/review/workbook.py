"""``review.xlsx``: the desk review as a workbook an OPD can print and act on.

* ``Ringkasan`` (first sheet): the counts and the decisions per OPD;
* one sheet per OPD that entered something (named after its code: at most 31 characters, unique,
  without the characters Excel forbids): its innovations, decisions, reasons, and a to-do list.

Every sheet is laid out for printing (landscape, fit to page width, header row repeated on each
page, wrapped text, set column widths). Every cell goes through :func:`textsafe.cell_text`, so a
name that looks like a formula stays text.

The same review gives the same bytes: :func:`save_reproducibly` fixes the document's created and
modified times and the zip entries' times (openpyxl stamps the clock into both) to 1 January of
the edition.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

from iid_analysis.review.model import Review, opd_summary
from iid_analysis.text.escape import cell_text
from iid_analysis.text.fmt import date as format_date_id

SUMMARY_SHEET = "Ringkasan"
NO_OPD_SHEET = "Tanpa Kode OPD"
MAX_SHEET_NAME = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_RESERVED = {"history"}  # Excel reserves this sheet name

DECISION_LABELS = {"lanjut": "Lanjut", "lengkapi": "Lengkapi", "tidak_lanjut": "Tidak lanjut"}
_FILLS = {
    "lanjut": PatternFill("solid", fgColor="E2F0D9"),
    "lengkapi": PatternFill("solid", fgColor="FFF2CC"),
    "tidak_lanjut": PatternFill("solid", fgColor="F8CBAD"),
}
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_NOWRAP = Alignment(wrap_text=False, vertical="top")

# (header, width) of the per-OPD innovation table
_OPD_COLUMNS = (
    ("No", 5),
    ("Baris", 7),
    ("ID Inovasi", 14),
    ("Nama Inovasi", 30),
    ("Tahapan", 11),
    ("Waktu Penerapan", 14),
    ("Memenuhi Syarat", 10),
    ("Keputusan", 12),
    ("Alasan", 48),
    ("Yang Harus Dilakukan", 48),
)
_STAGES = {"inisiatif": "Inisiatif", "uji_coba": "Uji Coba", "penerapan": "Penerapan"}


def sheet_name(base: object, taken: set[str]) -> str:
    """A valid, unique sheet name from ``base`` (``taken`` holds lower-cased names in use)."""
    s = "" if base is None or (not isinstance(base, str) and pd.isna(base)) else str(base)
    s = _FORBIDDEN.sub("_", s)
    s = "".join(ch for ch in s if ch.isprintable()).strip().strip("'").strip()
    if not s:
        s = NO_OPD_SHEET
    s = s[:MAX_SHEET_NAME].strip() or NO_OPD_SHEET
    name, k = s, 2
    while name.lower() in taken or name.lower() in _RESERVED:
        suffix = f" ({k})"
        name = s[: MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
        k += 1
    taken.add(name.lower())
    return name


def _v(value: object) -> object:
    """A cell value: missing → None, timestamps → dates, text guarded against formulas."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, str):
        # control characters cannot be stored in a worksheet: drop them, keep the rest
        return cell_text(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def _register_styles(wb: Workbook) -> None:
    """Named styles: one assignment per cell instead of several (much faster for big sheets)."""

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
    style("iid_head", font=_BOLD, fill=_HEAD_FILL, border=_BORDER)
    style("iid_text", wrap=False)
    style("iid_bold", font=_BOLD, wrap=False)
    style("iid_title", font=_TITLE, wrap=False)
    for code, fill in _FILLS.items():
        style(f"iid_{code}", fill=fill, border=_BORDER)


def _put(ws, row: int, col: int, value: object, style: str = "iid_cell"):
    cell = ws.cell(row=row, column=col, value=_v(value))
    cell.style = style
    return cell


def _print_setup(ws, header_row: int, widths: list[float]) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)


def write_review_xlsx(review: Review, path: Path) -> Path:
    """Write the review workbook to ``path`` and return it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    inv = review.innovations
    c = review.counts()
    m = review.methodology
    wb = Workbook()
    _register_styles(wb)
    ws = wb.active
    ws.title = SUMMARY_SHEET
    taken = {SUMMARY_SHEET.lower()}

    # sheet names first, so the summary can name them
    per_opd = opd_summary(inv)
    names = {}
    for opd_id in per_opd["opd_id"]:
        names[opd_id] = sheet_name(opd_id if opd_id else NO_OPD_SHEET, taken)

    # ------------------------------------------------------------------ Ringkasan
    _put(ws, 1, 1, f"Telaah Meja IGA {review.year}", "iid_title")
    _put(ws, 2, 1, f"Metodologi: {m.title}", "iid_text")
    _put(
        ws,
        3,
        1,
        f"Jendela penerapan: {format_date_id(m.eligible_from)} – "
        f"{format_date_id(m.eligible_to)}; batas input: {format_date_id(m.input_deadline)}",
        "iid_text",
    )
    header_row = 5
    for j, h in enumerate(("Ukuran", "Jumlah"), start=1):
        _put(ws, header_row, j, h, "iid_head")
    rows = (
        ("Inovasi masuk", c["n_submitted"]),
        ("Diterapkan dalam jendela waktu", c["n_in_window"]),
        ("Tahapan yang dihitung", c["n_stage_counted"]),
        ("Memenuhi syarat", c["n_eligible"]),
        ("Keputusan: lanjut", c["n_lanjut"]),
        ("Keputusan: lengkapi", c["n_lengkapi"]),
        ("Keputusan: tidak lanjut", c["n_tidak_lanjut"]),
        ("Temuan: galat", c["n_error"]),
        ("Temuan: peringatan", c["n_warning"]),
        ("Temuan: info", c["n_info"]),
    )
    r = header_row
    for label, value in rows:
        r += 1
        _put(ws, r, 1, label)
        _put(ws, r, 2, int(value))
    r += 2
    _put(ws, r, 1, "Keputusan per OPD", "iid_bold")
    r += 1
    heads = (
        "Kode OPD",
        "Nama OPD",
        "Masuk",
        "Memenuhi Syarat",
        "Lanjut",
        "Lengkapi",
        "Tidak Lanjut",
        "Lembar",
    )
    for j, h in enumerate(heads, start=1):
        _put(ws, r, j, h, "iid_head")
    for rec in per_opd.itertuples(index=False):
        r += 1
        vals = (
            rec.opd_id or "(kosong)",
            rec.opd_name,
            rec.entered,
            rec.eligible,
            rec.lanjut,
            rec.lengkapi,
            rec.tidak_lanjut,
            names[rec.opd_id],
        )
        for j, v in enumerate(vals, start=1):
            _put(ws, r, j, v)
    _print_setup(ws, header_row, [34, 40, 9, 11, 9, 10, 12, 18])

    # ------------------------------------------------------------------ one sheet per OPD
    key = inv["opd_id"].astype("string").fillna("")
    for opd_id, grp in inv.groupby(key, sort=True):
        _opd_sheet(wb.create_sheet(names[opd_id]), opd_id, grp, review.year)

    return save_reproducibly(wb, path, dt.datetime(max(1980, int(review.year)), 1, 1))


_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def save_reproducibly(wb: Workbook, path: Path, when: dt.datetime) -> Path:
    """Save ``wb`` to ``path`` with ``when`` as its created/modified time and every zip entry's
    time, so the same workbook always gives the same bytes (no clock in the file)."""
    buf = io.BytesIO()
    wb.save(buf)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = _CORE_TIMES.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
            info = zipfile.ZipInfo(item.filename, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            zout.writestr(info, data)
    path.write_bytes(out.getvalue())
    return path


def _opd_sheet(ws, opd_id: str, grp: pd.DataFrame, year: int) -> None:
    name = grp["opd_name"].dropna()
    title = f"{name.iloc[0]} ({opd_id})" if len(name) and opd_id else (opd_id or "Tanpa kode OPD")
    _put(ws, 1, 1, f"{title} — telaah meja IGA {year}", "iid_title")
    dec = grp["decision"].value_counts()
    _put(
        ws,
        2,
        1,
        "Lanjut {} · Lengkapi {} · Tidak lanjut {} · dari {} inovasi".format(
            int(dec.get("lanjut", 0)),
            int(dec.get("lengkapi", 0)),
            int(dec.get("tidak_lanjut", 0)),
            len(grp),
        ),
        "iid_text",
    )
    header_row = 4
    for j, (h, _) in enumerate(_OPD_COLUMNS, start=1):
        _put(ws, header_row, j, h, "iid_head")
    r = header_row
    rows = grp.rename(columns={"_row": "row"})
    for k, rec in enumerate(rows.itertuples(index=False), start=1):
        r += 1
        d = str(rec.decision)
        vals = (
            k,
            rec.row,
            rec.innovation_id,
            rec.name,
            _STAGES.get(str(rec.stage), rec.stage),
            format_date_id(rec.implementation_date),
            bool(rec.eligible),
            DECISION_LABELS.get(d, d),
            rec.reasons,
            rec.todo,
        )
        for j, v in enumerate(vals, start=1):
            _put(ws, r, j, v, f"iid_{d}" if j == 8 and d in _FILLS else "iid_cell")
    # the to-do list: one line per thing to do, innovation by innovation
    todo = grp.loc[(grp["todo"].astype("string").fillna("") != "").to_numpy(bool)]
    r += 2
    _put(ws, r, 1, "Daftar tindakan", "iid_bold")
    if not len(todo):
        r += 1
        _put(ws, r, 1, "Tidak ada yang perlu dilengkapi.", "iid_text")
    for rec in todo.itertuples(index=False):
        # a line per innovation, then one unwrapped line per action (text runs on to the right)
        iid = rec.innovation_id if isinstance(rec.innovation_id, str) else "(tanpa ID)"
        r += 1
        _put(ws, r, 3, iid, "iid_bold")
        _put(ws, r, 4, rec.name if isinstance(rec.name, str) else "", "iid_bold")
        for item in str(rec.todo).split("; "):
            r += 1
            _put(ws, r, 3, "☐", "iid_text")
            _put(ws, r, 4, item, "iid_text")
    _print_setup(ws, header_row, [w for _, w in _OPD_COLUMNS])
