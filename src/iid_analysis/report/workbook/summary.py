"""The "Ringkasan" sheet: the funnel and the participation counts exactly as the analysis holds
them (``a.participation.funnel`` and ``a.participation.summary``, never recounted), and the number
of units per coaching group."""

from __future__ import annotations

from typing import Any

from iid_analysis.io.printing import fit_row_heights, print_setup, row_height, set_widths
from iid_analysis.report.workbook.cells import merge_row, put, put_row
from iid_analysis.report.workbook.source import data_date_of, synthetic_line
from iid_analysis.text import fmt

#: ``results.json`` key → label of its row in the "Angka utama" block.
KEY_LABELS = {
    "n_opd": "OPD aktif pada edisi ini",
    "n_opd_participating": "OPD yang memasukkan inovasi",
}
WIDTHS = [44, 14, 22]
#: shares are numbers shown as percentages (the spreadsheet program writes them in the reader's locale)
PCT = "0.0%"


def _share(v: object) -> float | None:
    """A share 0–1 as a number (missing → None)."""
    return None if fmt.is_missing(v) else float(v)


def write_summary(ws, a: Any, deadline_text: str) -> None:
    m = a.methodology
    put(ws, 1, 1, f"Ringkasan telaah meja IGA {a.year}", "iid_title")
    region = a.dataset.region["name"] if getattr(a.dataset, "region", None) else ""
    as_of = fmt.date(data_date_of(a))
    lines = [synthetic_line(a), "; ".join(s for s in (region, m.title) if s),
             f"Periode penilaian: {fmt.date(m.eligible_from)} s.d. {fmt.date(m.eligible_to)}; "
             f"batas akhir pengisian: {deadline_text}" + (f"; data per: {as_of}." if as_of else ".")]
    r = 1
    for line in (x for x in lines if x):
        r += 1
        put(ws, r, 1, line, "iid_para")  # wrapped across the printed width: never cut
        merge_row(ws, r, len(WIDTHS))
        ws.row_dimensions[r].height = row_height([line], [sum(WIDTHS) * 0.95])
    r += 2
    put(ws, r, 1, "Tahapan telaah (inovasi)", "iid_bold")
    r += 1
    put_row(ws, r, ("Tahap", "Jumlah inovasi", "Persen dari yang dimasukkan"), "iid_head")
    first = r
    f = a.participation.funnel
    for rec in f.itertuples(index=False):
        r += 1
        put_row(ws, r, (rec.label, int(rec.count), _share(rec.share_of_entered)))
        ws.cell(row=r, column=3).number_format = PCT
    s = a.participation.summary
    r += 2
    put(ws, r, 1, "Keikutsertaan OPD", "iid_bold")
    r += 1
    put_row(ws, r, ("Ukuran", "Jumlah", "Persen"), "iid_head")
    for key, label in KEY_LABELS.items():
        r += 1
        share = _share(s.get("rate")) if key == "n_opd_participating" else None
        put_row(ws, r, (label, int(s[key]), share))
        ws.cell(row=r, column=3).number_format = PCT
    g = a.coaching.groups
    label_col = next((c for c in ("label", "group_label") if c in g.columns), "group")
    r += 2
    put(ws, r, 1, "Kelompok pembinaan", "iid_bold")
    r += 1
    put_row(ws, r, ("Kelompok", "Jumlah OPD", ""), "iid_head")
    for rec in g.itertuples(index=False):
        r += 1
        put_row(ws, r, (getattr(rec, label_col), int(rec.count), ""))
    set_widths(ws, WIDTHS)
    fit_row_heights(ws, first, r, WIDTHS)
    print_setup(ws, header_row=None, n_cols=len(WIDTHS), last_row=r)
