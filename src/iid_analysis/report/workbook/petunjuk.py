"""The "Petunjuk" sheet (first): the synthetic-data notice (when the data are synthetic), what the
workbook is for, the deadline and the date of the data, whom to contact at Bappeda, the sheets,
and what every column of the unit and ranking sheets means."""

from __future__ import annotations

from typing import Any

from iid_analysis.io.printing import fit_row_heights, print_setup, set_widths
from iid_analysis.report.workbook import ranking, unit_sheet
from iid_analysis.report.workbook.cells import merge_row, put, put_row
from iid_analysis.report.workbook.names import RANKING_SHEET, SUMMARY_SHEET
from iid_analysis.report.workbook.source import data_date_of, synthetic_line
from iid_analysis.text import fmt

WIDTHS = [30, 100]
DEFAULT_CONTACT = "Hubungi Bappeda"


def guide_lines(a: Any, deadline_text: str, contact: str = "") -> list[str]:
    """The opening paragraphs of the guide."""
    region = a.dataset.region["name"] if getattr(a.dataset, "region", None) else ""
    who = f"{DEFAULT_CONTACT}: {contact.strip()}" if contact and contact.strip() else DEFAULT_CONTACT
    as_of = fmt.date(data_date_of(a))
    lines = [synthetic_line(a)] if synthetic_line(a) else []
    return lines + [
        f"Buku kerja ini berisi hasil telaah meja Innovative Government Award (IGA) {a.year}"
        + (f" {region}" if region else "") + " dan daftar tindakan setiap OPD.",
        f"Batas akhir pengisian inovasi dan bukti dukung: {deadline_text}."
        + (f" Data per: {as_of} (isian terakhir yang masuk)." if as_of else ""),
        f"Pertanyaan: {who}.",
        "Cara memakai: buka lembar OPD Anda (nama lembar = nama OPD tanpa kata 'Dinas' atau 'Badan'), "
        "kerjakan baris demi baris, pilih Status dari daftar pada sel, tulis Catatan, lalu kirim "
        "kembali buku kerja ini ke Bappeda sebelum batas akhir pengisian.",
    ]


def write_guide(ws, a: Any, deadline_text: str, contact: str = "") -> None:
    put(ws, 1, 1, f"Petunjuk — telaah meja IGA {a.year}", "iid_title")
    r = 1
    for line in guide_lines(a, deadline_text, contact):
        r += 1
        put(ws, r, 1, line, "iid_para")
        merge_row(ws, r, 2)
    first = r + 1
    r += 2
    put_row(ws, r, ("Lembar", "Isi"), "iid_head")
    sheets = (
        (SUMMARY_SHEET, "Jumlah inovasi per tahap telaah, keikutsertaan OPD dan kelompok pembinaan."),
        ("Lembar per OPD", "Satu lembar untuk setiap OPD yang memasukkan inovasi atau punya tindakan."),
        (RANKING_SHEET, "Peringkat internal OPD menurut sumbangan ke IID dan kematangan inovasi."),
    )
    for row in sheets:
        r += 1
        put_row(ws, r, row)
    r += 2
    put_row(ws, r, ("Kolom lembar OPD", "Arti"), "iid_head")
    for head, _, meaning in unit_sheet.COLUMNS:
        r += 1
        put_row(ws, r, (head, meaning))
    r += 2
    put_row(ws, r, (f"Kolom lembar {RANKING_SHEET}", "Arti"), "iid_head")
    for head, _, meaning in ranking.COLUMNS:
        r += 1
        put_row(ws, r, (head, meaning))
    set_widths(ws, WIDTHS)
    fit_row_heights(ws, 2, first - 1, [sum(WIDTHS) * 0.95])
    fit_row_heights(ws, first, r, WIDTHS)
    print_setup(ws, header_row=None, n_cols=len(WIDTHS), last_row=r)
