"""The "Ringkasan" sheet: the funnel and the participation counts exactly as the analysis holds
them (``a.participation.funnel`` and ``a.participation.summary``, never recounted), and the number
of units per coaching group."""

from __future__ import annotations

from typing import Any

from iid_analysis.io.printing import fit_row_heights, print_setup, set_widths
from iid_analysis.report.workbook.cells import put, put_row
from iid_analysis.text import fmt

#: ``results.json`` key → label of its row in the "Angka utama" block.
KEY_LABELS = {
    "n_opd": "OPD aktif pada edisi ini",
    "n_opd_participating": "OPD yang memasukkan inovasi",
}
WIDTHS = [44, 14, 22]


def write_summary(ws, a: Any, deadline_text: str) -> None:
    m = a.methodology
    put(ws, 1, 1, f"Ringkasan telaah meja IGA {a.year}", "iid_title")
    region = a.dataset.region["name"] if getattr(a.dataset, "region", None) else ""
    put(ws, 2, 1, "; ".join(s for s in (region, m.title) if s), "iid_text")
    put(ws, 3, 1, f"Periode penerapan: {fmt.date(m.eligible_from)} s.d. {fmt.date(m.eligible_to)}; "
                  f"batas akhir pengisian: {deadline_text}.", "iid_text")
    r = 5
    put(ws, r, 1, "Tahapan telaah (inovasi)", "iid_bold")
    r += 1
    put_row(ws, r, ("Tahap", "Jumlah inovasi", "Persen dari yang dimasukkan"), "iid_head")
    first = r
    f = a.participation.funnel
    for rec in f.itertuples(index=False):
        r += 1
        put_row(ws, r, (rec.label, int(rec.count), fmt.pct(rec.share_of_entered)))
    s = a.participation.summary
    r += 2
    put(ws, r, 1, "Keikutsertaan OPD", "iid_bold")
    r += 1
    put_row(ws, r, ("Ukuran", "Jumlah", "Persen"), "iid_head")
    for key, label in KEY_LABELS.items():
        r += 1
        share = fmt.pct(s.get("rate")) if key == "n_opd_participating" else ""
        put_row(ws, r, (label, int(s[key]), share))
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
