"""The "Peringkat OPD" sheet: the city's internal ranking of its units by their contribution to
the IID (with the rank interval from the simulation) and by the mean maturity of their
innovations; the sheet of each unit is named beside it."""

from __future__ import annotations

from typing import Any

import pandas as pd

from iid_analysis.analyses.ranking import RANK_DRAWS
from iid_analysis.io.printing import fit_row_heights, print_setup, row_height, set_widths
from iid_analysis.report.workbook.cells import merge_row, put, put_row
from iid_analysis.report.workbook.source import UnitTables
from iid_analysis.text import fmt

COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("Peringkat", 10, "Urutan menurut sumbangan ke IID (1 = terbesar)."),
    ("OPD", 44, "Nama unit kerja."),
    ("Sumbangan ke IID (poin)", 14, "Poin IID daerah yang berasal dari skor kematangan inovasi OPD "
                                    "ini yang dinilai."),
    ("Rentang peringkat", 14, "Peringkat yang mungkin bila verifikasi bukti berjalan lain "
                              f"(rentang 5–95 persen dari {fmt.integer(RANK_DRAWS)} undian simulasi verifikasi)."),
    ("Rata-rata kematangan", 14, "Rata-rata skor kematangan inovasi OPD yang dinilai."),
    ("Peringkat kematangan", 13, "Urutan menurut rata-rata kematangan."),
    ("Inovasi dinilai", 11, "Jumlah inovasi OPD yang dinilai dalam indeks."),
    ("Lembar", 24, "Nama lembar OPD di buku kerja ini."),
)
HEADER_ROW = 4
WIDTHS = [w for _, w, _ in COLUMNS]
METHOD_NOTE = (
    "Peringkat internal, bukan penilaian resmi. Sumbangan: bagian IID yang berasal dari skor "
    "kematangan inovasi OPD yang dinilai (bukti yang sudah valid saja). Rentang peringkat: hasil "
    "simulasi verifikasi bukti yang masih menunggu. Hanya OPD dengan inovasi yang dinilai yang "
    "diberi peringkat; OPD dengan rentang yang bertumpang tindih sebaiknya dianggap setara."
)


NO_RANKING = "Belum ada OPD dengan inovasi yang dinilai pada edisi ini."


def _int(v: object) -> object:
    return None if fmt.is_missing(v) else int(v)


def _span(lo: object, hi: object) -> str:
    if fmt.is_missing(lo) or fmt.is_missing(hi):
        return ""
    lo, hi = int(lo), int(hi)
    return str(lo) if lo == hi else f"{lo}–{hi}"


def write_ranking(ws, a: Any, tables: UnitTables, sheets: dict[str, str]) -> None:
    put(ws, 1, 1, f"Peringkat OPD — IGA {a.year}", "iid_title")
    put(ws, 2, 1, METHOD_NOTE, "iid_para")
    merge_row(ws, 2, len(COLUMNS))
    ws.row_dimensions[2].height = row_height([METHOD_NOTE], [sum(WIDTHS) * 0.95])
    put_row(ws, HEADER_ROW, [h for h, _, _ in COLUMNS], "iid_head")
    rk = tables.ranking.sort_values(["rank", "name"], kind="stable")
    r = HEADER_ROW
    for rec in rk.itertuples(index=False):
        r += 1
        contribution = pd.to_numeric(pd.Series([rec.contribution]), errors="coerce").iloc[0]
        maturity = pd.to_numeric(pd.Series([rec.mean_maturity]), errors="coerce").iloc[0]
        put_row(ws, r, (
            _int(rec.rank), rec.name,
            None if pd.isna(contribution) else round(float(contribution), 2),
            _span(rec.rank_low, rec.rank_high),
            None if pd.isna(maturity) else round(float(maturity), 2),
            _int(rec.rank_maturity), _int(rec.n_scored), sheets.get(str(rec.opd_id), ""),
        ))
        ws.cell(row=r, column=3).number_format = "0.00"
        ws.cell(row=r, column=5).number_format = "0.00"
    if r == HEADER_ROW:
        r += 1
        put(ws, r, 2, NO_RANKING)
    set_widths(ws, WIDTHS)
    fit_row_heights(ws, HEADER_ROW, r, WIDTHS)
    print_setup(ws, header_row=HEADER_ROW, n_cols=len(COLUMNS), last_row=max(r, HEADER_ROW))
