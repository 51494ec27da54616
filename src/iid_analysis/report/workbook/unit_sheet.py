"""One sheet per unit: its full name, the deadline, its coaching group, then one row per thing to
do — per innovation a row for its decision (with the reasons), then one per indicator where points
are missing: what is missing, what to do (and the larger step left for the next edition), the
evidence that counts, what it is worth in IID points, a status drop-down (Belum / Sedang
dikerjakan / Selesai: "Belum" on rows that ask for something, empty on rows that need nothing)
and an empty notes column. Innovations come by their largest gain, their actions by gain."""

from __future__ import annotations

from collections import Counter

from openpyxl.worksheet.datavalidation import DataValidation

from iid_analysis.io.printing import fit_row_heights, print_setup, row_height, set_widths
from iid_analysis.report.workbook.cells import DECISION_FILLS, merge_row, put, put_row
from iid_analysis.report.workbook.source import UnitTables
from iid_analysis.text import fmt

#: (header, width, meaning) of the unit sheet's table; the meanings are told on "Petunjuk".
COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("No", 5, "Nomor urut baris."),
    ("Inovasi", 26, "ID dan nama inovasi yang dimasukkan OPD, dengan keputusan telaah meja "
                    "(Lanjut, Lengkapi, Tidak dilanjutkan)."),
    ("Indikator", 24, "Kode dan nama indikator SID yang nilainya masih bisa naik; "
                      "'Isian dan syarat' untuk keputusan atas isian inovasi itu sendiri."),
    ("Yang kurang", 32, "Apa yang masih kurang: alasan keputusan atau tingkat dan bukti yang belum "
                        "memenuhi."),
    ("Yang harus dilakukan", 32, "Langkah yang dapat dilakukan OPD sebelum batas akhir pengisian."),
    ("Bukti yang diterima", 32, "Dokumen yang dihitung sebagai bukti dukung untuk indikator dan "
                                "tingkat itu (menurut metodologi edisi)."),
    ("Nilai (poin IID)", 10, "Tambahan IID daerah bila langkah itu selesai dan buktinya diterima."),
    ("Status", 15, "Pilih dari daftar: Belum, Sedang dikerjakan, Selesai."),
    ("Catatan", 22, "Diisi OPD: catatan, nama petugas, tanggal unggah."),
)
STATUS_CHOICES = ("Belum", "Sedang dikerjakan", "Selesai")
HEADER_ROW = 6
WIDTHS = [w for _, w, _ in COLUMNS]
NO_INDICATOR = "Isian dan syarat"


def _text(v: object) -> str:
    return "" if fmt.is_missing(v) else str(v).strip()


def _indicator(code: object, name: object) -> str:
    code, name = _text(code), _text(name)
    return f"{code} {name}".strip() if name else code


def _innovation(iid: object, name: object) -> str:
    return " ".join(s for s in (_text(iid), _text(name)) if s) or "(tanpa ID)"


def _paragraph(ws, row: int, text: str, style: str = "iid_para") -> None:
    """A text across the table's width (merged, wrapped, tall enough)."""
    put(ws, row, 1, text, style)
    merge_row(ws, row, len(COLUMNS))
    ws.row_dimensions[row].height = row_height([text], [sum(WIDTHS) * 0.95])


#: what a decision row says when the analysis gives no step; lanjut and tidak_lanjut need nothing
_NOTHING_TO_DO = {"lanjut": "Tidak ada yang perlu dilengkapi pada isian.",
                  "tidak_lanjut": "Tidak dinilai pada edisi ini (lihat kolom Yang kurang); "
                                  "tidak ada tindakan sebelum batas akhir pengisian."}


def _lines(entries: list[dict], actions: list[dict]) -> list[tuple[str, list, bool]]:
    """(decision, row values, actionable) per line of the table. Innovations come by their largest
    IID gain (largest first; those without a gain after, in their order), each with its decision
    row, then its actions by gain (largest first). A decision row that needs nothing (passed,
    or not assessed in this edition) is not actionable: its Status is left empty."""
    groups: list[tuple[float | None, list[tuple[str, list, bool]]]] = []
    by_innovation: dict[str, list[dict]] = {}
    for r in actions:
        by_innovation.setdefault(_text(r.get("innovation_id")), []).append(r)
    for e in entries:
        iid = _text(e.get("innovation_id"))
        dec = _text(e.get("decision"))
        label = _text(e.get("decision_label")) or dec
        what = _innovation(e.get("innovation_id"), e.get("name"))
        reasons = _text(e.get("reasons")) or "—"
        todo = _text(e.get("todo"))
        actionable = True
        if not todo:
            todo = _NOTHING_TO_DO.get(dec, "Lengkapi isian sesuai kolom Yang kurang.")
            actionable = dec not in _NOTHING_TO_DO
        rows = [(dec, [None, f"{what} — keputusan: {label}", NO_INDICATOR, reasons, todo, None, None],
                 actionable)]
        acts = sorted(by_innovation.pop(iid, []) if iid else [], key=_by_value)
        rows += [("", _action_row(what, r), True) for r in acts]
        groups.append((_best(acts), rows))
    # actions of innovations not among the entries (should not happen; never drop them)
    for iid in sorted(by_innovation):
        acts = sorted(by_innovation[iid], key=_by_value)
        what = _innovation(acts[0].get("innovation_id"), acts[0].get("innovation_name"))
        groups.append((_best(acts), [("", _action_row(what, r), True) for r in acts]))
    order = sorted(range(len(groups)), key=lambda k: (groups[k][0] is None, -(groups[k][0] or 0.0), k))
    return [line for k in order for line in groups[k][1]]


def _best(actions: list[dict]) -> float | None:
    gains = [g for g in (_gain(r.get("gain")) for r in actions) if g is not None]
    return max(gains) if gains else None


def _by_value(r: dict) -> tuple:
    g = _gain(r.get("gain"))
    return (g is None, -(g or 0.0), _text(r.get("indicator_id")), _text(r.get("indicator_name")))


def _action_row(what: str, r: dict) -> list:
    return [None, what, _indicator(r.get("indicator_id"), r.get("indicator_name")),
            _text(r.get("missing")), _action(r), _text(r.get("evidence")), _gain(r.get("gain"))]


def _action(r: dict) -> str:
    s = _text(r.get("action"))
    note = _text(r.get("gain_note"))
    if note:
        s += f" ({note})"
    before = r.get("before_deadline", True)
    if not fmt.is_missing(before) and not bool(before):
        s += " (butuh waktu melewati batas akhir pengisian: rencanakan untuk edisi berikutnya)"
    later = _text(r.get("later"))  # the larger step left for the next edition (may be absent)
    if later:
        later = later if later.endswith(".") else f"{later}."
        s = f"{s} {later}" if not s or s.endswith(".") else f"{s}. {later}"
    return s


def _gain(v: object) -> float | None:
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return None if x != x else round(x, 2)


def write_unit_sheet(ws, opd_id: str, full_name: str, tables: UnitTables, profile_row: dict | None,
                     year: int, ent: list[dict], act: list[dict]) -> None:
    """Fill ``ws`` for unit ``opd_id`` (``ent``/``act``: its rows of the entries and actions)."""
    title = full_name or opd_id or "Tanpa kode OPD"
    put(ws, 1, 1, title, "iid_title")
    merge_row(ws, 1, len(COLUMNS))
    code = f"Kode OPD: {opd_id}. " if opd_id and opd_id != title else ""
    deadline = fmt.date(tables.deadline)
    _paragraph(ws, 2, f"{code}Telaah meja IGA {year}. Batas akhir pengisian: "
                      f"{deadline or 'lihat pengumuman Bappeda'}.")
    group = ""
    if profile_row:
        g = _text(profile_row.get("coaching_group"))
        label = tables.group_labels.get(g, g)
        offer = _text(profile_row.get("coaching_action"))
        group = f"Kelompok pembinaan: {label}." + (f" Dari Bappeda: {offer}" if offer else "")
        bimtek = [str(b) for b in (profile_row.get("bimtek") or []) if _text(b)]
        if bimtek:
            group += " Bimtek yang ditawarkan: " + ", ".join(bimtek) + "."
    _paragraph(ws, 3, group or "Kelompok pembinaan: belum ditentukan.")
    dec = Counter(_text(e.get("decision")) for e in ent)
    _paragraph(ws, 4, "Inovasi dimasukkan: {}; lanjut {}, lengkapi {}, tidak dilanjutkan {}. Isi kolom Status "
                      "dan Catatan, lalu kembalikan lembar ini ke Bappeda.".format(
                          len(ent), int(dec.get("lanjut", 0)), int(dec.get("lengkapi", 0)),
                          int(dec.get("tidak_lanjut", 0))))
    put_row(ws, HEADER_ROW, [h for h, _, _ in COLUMNS], "iid_head")
    r = HEADER_ROW
    for k, (decision, values, actionable) in enumerate(_lines(ent, act), start=1):
        r += 1
        values[0] = k
        style = f"iid_{decision}" if decision in DECISION_FILLS else "iid_cell"
        put_row(ws, r, values + [STATUS_CHOICES[0] if actionable else None, None])
        ws.cell(row=r, column=2).style = style
        ws.cell(row=r, column=7).number_format = "0.00"
    last = max(r, HEADER_ROW)
    if last > HEADER_ROW:
        dv = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"',
                            allow_blank=True, showDropDown=False, showErrorMessage=True,
                            errorTitle="Status", error="Pilih Belum, Sedang dikerjakan atau Selesai.")
        dv.add(f"H{HEADER_ROW + 1}:H{last}")
        ws.add_data_validation(dv)
    set_widths(ws, WIDTHS)
    fit_row_heights(ws, HEADER_ROW, last, WIDTHS)
    print_setup(ws, header_row=HEADER_ROW, n_cols=len(COLUMNS), last_row=last)
