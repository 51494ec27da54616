"""The input workbook an OPD fills in (``iid-analysis template --year Y --out FILE.xlsx``).

Sheets: ``Petunjuk`` (how to fill it), the four table sheets and the optional ``Daerah`` sheet
(the region: name, kind, province) named by their Indonesian labels
with Indonesian headers, drop-down lists for every enumeration, for levels and for indicator
codes, header comments with the column help, and ``Indikator <year>`` listing the edition's
indicators with weight and the three level texts. A hidden sheet ``Daftar Pilihan`` holds the
lists the drop-downs point to. The loader ignores every sheet that is not a table.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from iid_analysis.io import schema
from iid_analysis.io.printing import fit_row_heights, print_setup
from iid_analysis.io.schema import ALL_TABLES, TABLE_LABELS, Column
from iid_analysis.methodology.loader import load_methodology
from iid_analysis.methodology.model import Methodology
from iid_analysis.text import fmt

LISTS_SHEET = "Daftar Pilihan"
GUIDE_SHEET = "Petunjuk"

#: Rows that carry drop-downs and input messages (header = row 1).
LAST_ROW = {"opd": 1000, "innovations": 5000, "innovation_indicators": 100000, "region_indicators": 1000,
            "region": 10}

REQUIRED_FILL = "FFF2CC"  # header of a required column
OPTIONAL_FILL = "DDEBF7"

KIND_TEXT = {
    "text": "teks",
    "int": "bilangan bulat (0, 1, 2, …)",
    "year": "tahun empat angka, mis. 2021",
    "date": "tanggal: tanggal Excel, 2021-08-13, 13/08/2021 atau 13 Agustus 2021",
    "level": "tingkat 0, 1, 2 atau 3 (0 = tidak diklaim)",
    "number": "bilangan desimal dengan titik atau koma, mis. -6.8886",
    "bool": "ya atau tidak",
}

WIDE_TEXT = {"design", "goal", "benefit", "result", "name", "evidence", "affair", "affairs_other",
             "theme"}


def sheet_name(year: int) -> str:
    """The name of the indicator help sheet of an edition."""
    return f"Indikator {year}"


def write_template(year: int, out: Path) -> Path:
    """Write the empty input workbook of edition ``year`` to ``out`` and return the path.

    Raises :class:`~iid_analysis.methodology.MethodologyError` for an edition with no file.
    """
    from openpyxl import Workbook

    meth = load_methodology(year)
    out = Path(out)
    wb = Workbook()
    wb.properties.creator = "iid-analysis"
    wb.properties.title = f"Isian {meth.title}"
    wb.properties.created = dt.datetime(int(meth.year), 1, 1)
    guide = wb.active
    guide.title = GUIDE_SHEET
    lists = _write_lists(wb, meth)
    for table in ALL_TABLES:
        _write_table_sheet(wb, table, meth, lists)
    _write_indicator_sheet(wb, meth)
    _write_guide(guide, meth)
    wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(LISTS_SHEET))
    wb.active = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


# ---------------------------------------------------------------------- lists


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _write_lists(wb, meth: Methodology) -> dict[str, str]:
    """The hidden list sheet; returns list key → range formula for DataValidation."""
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    columns: dict[str, tuple[str, list]] = {
        f"enum:{key}": (f"Pilihan {key}", list(labels.values())) for key, labels in schema.ENUMS.items()
    }
    columns["level"] = ("Tingkat", [0, 1, 2, 3])
    columns["bool"] = ("Ya/Tidak", ["ya", "tidak"])
    columns["SID"] = ("Indikator SID", [i.id for i in meth.indicators_of("SID")])
    columns["SPD"] = ("Indikator SPD", [i.id for i in meth.indicators_of("SPD")])
    refs = {}
    for j, (key, (title, values)) in enumerate(columns.items(), start=1):
        letter = get_column_letter(j)
        ws.cell(row=1, column=j, value=title)
        for i, v in enumerate(values, start=2):
            ws.cell(row=i, column=j, value=v)
        refs[key] = f"={_quoted(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
    return refs


# ---------------------------------------------------------------------- table sheets


def _column_help(table: str, col: Column, meth: Methodology) -> str:
    """The help of one column as told in a header comment and the guide (Indonesian)."""
    parts = []
    if col.help:
        parts.append(col.help.rstrip(".") + ".")
    if col.kind == "enum":
        parts.append("Pilih: " + ", ".join(schema.ENUMS[col.enum].values()) + ".")
    elif col.name == "indicator_id":
        aspect = "SID" if table == "innovation_indicators" else "SPD"
        ids = [i.id for i in meth.indicators_of(aspect)]
        parts.append(f"Pilih kode {aspect} edisi {meth.year}: {ids[0]} … {ids[-1]} "
                     f"(lihat lembar '{sheet_name(meth.year)}').")
    elif col.kind == "level":
        parts.append(f"Arti tiap tingkat per indikator: lembar '{sheet_name(meth.year)}'.")
    elif col.kind in KIND_TEXT and col.kind != "text":
        parts.append("Isian: " + KIND_TEXT[col.kind] + ".")
    if col.name == "evidence_status":
        parts.append("Kosong: dianggap 'Tidak Ada' bila Bukti Dukung kosong, "
                     "selain itu 'Menunggu Verifikasi'.")
    parts.append("Wajib diisi." if col.required else "Boleh kosong.")
    return " ".join(dict.fromkeys(parts))


def _width(col: Column) -> float:
    if col.kind == "enum":
        longest = max(len(v) for v in schema.ENUMS[col.enum].values())
        return float(min(45, max(len(col.label), longest) + 4))
    if col.name in WIDE_TEXT:
        return 40.0
    if col.kind == "date":
        return 16.0
    return float(max(12, len(col.label) + 4))


def _write_table_sheet(wb, table: str, meth: Methodology, lists: dict[str, str]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(TABLE_LABELS[table])
    ws.freeze_panes = "A2"
    last = LAST_ROW[table]
    bold = Font(bold=True)
    for j, col in enumerate(schema.COLUMNS[table], start=1):
        letter = get_column_letter(j)
        cell = ws.cell(row=1, column=j, value=col.label)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.fill = PatternFill("solid", fgColor=REQUIRED_FILL if col.required else OPTIONAL_FILL)
        help_text = _column_help(table, col, meth)
        comment = Comment(f"{col.label} ({col.name})\n{help_text}", "iid-analysis")
        comment.width, comment.height = 320, 140
        cell.comment = comment
        ws.column_dimensions[letter].width = _width(col)

        area = f"{letter}2:{letter}{last}"
        formula = None
        if col.kind == "enum":
            formula = lists[f"enum:{col.enum}"]
        elif col.kind == "level":
            formula = lists["level"]
        elif col.kind == "bool":
            formula = lists["bool"]
        elif col.name == "indicator_id":
            formula = lists["SID" if table == "innovation_indicators" else "SPD"]
        elif table == "innovations" and col.name == "opd_id":
            formula = f"={_quoted(TABLE_LABELS['opd'])}!$A$2:$A${LAST_ROW['opd']}"
        elif table == "innovation_indicators" and col.name == "innovation_id":
            formula = f"={_quoted(TABLE_LABELS['innovations'])}!$A$2:$A${LAST_ROW['innovations']}"
        if formula is not None:
            dv = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False,
                                showErrorMessage=True, errorStyle="warning",
                                errorTitle="Nilai tidak ada di daftar",
                                error=f"{col.label}: pilih dari daftar. Nilai lain akan dilaporkan "
                                      f"saat telaah.")
        else:
            dv = DataValidation(type=None, allow_blank=True)  # input message only
        dv.showInputMessage = True
        dv.promptTitle = col.label[:32]
        dv.prompt = help_text[:255]
        ws.add_data_validation(dv)
        dv.add(area)
    ws.row_dimensions[1].height = 30
    print_setup(ws, header_row=1, n_cols=len(schema.COLUMNS[table]), freeze=False)


# ---------------------------------------------------------------------- indicator sheet


def _write_indicator_sheet(wb, meth: Methodology) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(sheet_name(meth.year))
    ws.freeze_panes = "A2"
    headers = [("Kode Indikator", 14), ("Aspek", 8), ("Variabel", 18), ("Nama Indikator", 40),
               ("Bobot", 8), ("Tingkat 1", 32), ("Tingkat 2", 32), ("Tingkat 3", 32),
               ("Bukti Dukung", 36)]
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for j, (title, width) in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=j, value=title)
        cell.font = bold
        cell.alignment = wrap
        ws.column_dimensions[cell.column_letter].width = width
    for i, ind in enumerate(meth.indicators, start=2):
        values = [ind.id, ind.aspect, ind.variable, ind.name, float(ind.weight), *ind.levels, ind.evidence]
        for j, v in enumerate(values, start=1):
            cell = ws.cell(row=i, column=j, value=_plain(v))
            cell.alignment = wrap
    ws.auto_filter.ref = f"A1:I{len(meth.indicators) + 1}"
    widths = [w for _, w in headers]
    fit_row_heights(ws, 1, len(meth.indicators) + 1, widths)
    print_setup(ws, header_row=1, n_cols=len(headers), last_row=len(meth.indicators) + 1, freeze=False)


def _plain(v: object) -> object:
    """Methodology text is ours, but never let it become a formula."""
    from iid_analysis.text.escape import cell_text

    return cell_text(v)


# ---------------------------------------------------------------------- guide


def _guide_lines(meth: Methodology) -> list[tuple[str, str]]:
    """(style, text) lines of the guide: style is 'title', 'head' or ''."""
    y = meth.year
    stages = ", ".join(schema.ENUMS["stage"].get(s, s) for s in meth.counted_stages)
    window = f"{fmt.date(meth.input_opens)} s.d. {fmt.date(meth.input_closes)}"
    if meth.input_extended_to:
        window += f" (diperpanjang sampai {fmt.date(meth.input_extended_to)})"
    m = meth.max_previous_entries
    if m is None:
        reentry = ""
    elif m == 0:
        reentry = " Inovasi yang sudah pernah diikutkan IGA sebelumnya tidak dinilai."
    else:
        reentry = f" Inovasi yang sudah diikutkan IGA lebih dari {m} kali sebelumnya tidak dinilai."
    sid = meth.indicators_of("SID")
    spd = meth.indicators_of("SPD")
    status = schema.ENUMS["evidence_status"]
    return [
        ("title", f"Buku kerja isian {meth.title}"),
        ("", f"Edisi {y}. Masa input: {window}."),
        ("", f"Inovasi yang dinilai: tahapan {stages}, diterapkan antara {fmt.date(meth.eligible_from)} "
             f"dan {fmt.date(meth.eligible_to)}.{reentry}"),
        ("", ""),
        ("head", "Cara mengisi"),
        ("", f"1. Lembar '{TABLE_LABELS['opd']}': satu baris per unit kerja (OPD) dengan Kode OPD yang unik."),
        ("", f"2. Lembar '{TABLE_LABELS['innovations']}': satu baris per inovasi yang diikutkan edisi ini. "
             "ID Inovasi unik; Kode OPD harus ada di lembar OPD."),
        ("", f"3. Lembar '{TABLE_LABELS['innovation_indicators']}': satu baris per inovasi per indikator "
             f"SID ({sid[0].id} … {sid[-1].id}, {len(sid)} indikator): ID Inovasi, Kode Indikator, "
             "Tingkat, Bukti Dukung, Status Bukti."),
        ("", f"4. Lembar '{TABLE_LABELS['region_indicators']}': satu baris per indikator SPD "
             f"({spd[0].id} … {spd[-1].id}, {len(spd)} indikator) untuk Tahun Edisi {y}."),
        ("", f"5. Arti tiap tingkat dan bukti yang diminta: lembar '{sheet_name(y)}'."),
        ("", f"6. Lembar '{TABLE_LABELS['region']}' (boleh kosong): satu baris dengan nama daerah, "
             "jenis (kota, kabupaten, provinsi) dan provinsinya."),
        ("", ""),
        ("head", "Aturan isian"),
        ("", "• Baris 1 berisi judul kolom: jangan diubah. Judul berwarna kuning = kolom wajib diisi; "
             "judul biru = boleh kosong. Arahkan tetikus ke judul untuk keterangan kolom."),
        ("", "• Tanggal: tanggal Excel, atau tulis 2021-08-13, 13/08/2021 (hari/bulan/tahun) "
             "atau 13 Agustus 2021."),
        ("", "• Tingkat: 0, 1, 2 atau 3. 0 = tidak diklaim; 1–3 sesuai keterangan tingkat di lembar "
             f"'{sheet_name(y)}'. Tingkat yang diklaim perlu bukti dukung."),
        ("", f"• Status Bukti: {', '.join(status.values())}. Bila kosong: '{status['missing']}' jika "
             f"Bukti Dukung kosong, selain itu '{status['pending']}'."),
        ("", "• Tahapan, Inisiator, Jenis, Bentuk, Jenis OPD, Status Bukti, Tingkat dan Kode Indikator "
             "dipilih dari daftar (panah di sel)."),
        ("", "• Jangan sisipkan baris kosong di antara data dan jangan menggabungkan sel. "
             "Rumus dibaca sebagai nilainya."),
        ("", "• Kolom tambahan boleh ditaruh di kanan: disimpan, tetapi tidak dinilai."),
        ("", "• Lembar ini dan lembar indikator tidak dibaca saat telaah."),
        ("", ""),
        ("head", "Kolom per lembar"),
    ]


def _write_guide(ws, meth: Methodology) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 28
    ws.column_dimensions["C"].width = 10
    ws.column_dimensions["D"].width = 90
    row = 1
    for style, text in _guide_lines(meth):
        cell = ws.cell(row=row, column=1, value=_plain(text) if text else None)
        if style == "title":
            cell.font = Font(bold=True, size=14)
        elif style == "head":
            cell.font = Font(bold=True, size=12)
        row += 1
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for j, title in enumerate(("Lembar", "Kolom", "Wajib", "Keterangan"), start=1):
        cell = ws.cell(row=row, column=j, value=title)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor=OPTIONAL_FILL)
    row += 1
    head = row - 1
    for table in ALL_TABLES:
        for col in schema.COLUMNS[table]:
            values = (TABLE_LABELS[table], col.label, "ya" if col.required else "tidak",
                      _column_help(table, col, meth))
            for j, v in enumerate(values, start=1):
                cell = ws.cell(row=row, column=j, value=_plain(v))
                cell.alignment = wrap
            row += 1
    fit_row_heights(ws, head + 1, row - 1, [22, 28, 10, 90])
    print_setup(ws, header_row=head, n_cols=4, last_row=row - 1, freeze=False)
