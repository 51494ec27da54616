"""review.xlsx after the reader review: the synthetic-data notice on every printed page (and on
"Petunjuk" and "Ringkasan") only when the data are synthetic, "Halaman X dari Y" in every footer,
numbers stored as numbers, long lines wrapped across the printed width, the data date beside the
deadline, unit rows by IID gain and Status left empty where nothing is asked."""

from __future__ import annotations

import dataclasses
import types

import openpyxl
import pytest

from iid_analysis import analysis
from iid_analysis.io.printing import PAGE_FOOTER
from iid_analysis.report.workbook.book import write_workbook
from iid_analysis.report.workbook.names import GUIDE_SHEET, RANKING_SHEET, SUMMARY_SHEET
from iid_analysis.report.workbook.ranking import HEADER_ROW as RANK_HEADER_ROW
from iid_analysis.report.workbook.unit_sheet import HEADER_ROW, NO_INDICATOR, _lines

NOTICE = "Data sintetis — bukan data resmi Kota Pekalongan"
LINE = "Data sintetis: angka di buku kerja ini dibuat untuk contoh, bukan data resmi Kota Pekalongan."


@pytest.fixture(scope="module")
def a2021():
    return analysis.analyse(None, 2021, draws=50)


@pytest.fixture(scope="module")
def book(a2021, tmp_path_factory):
    return openpyxl.load_workbook(write_workbook(a2021, tmp_path_factory.mktemp("wb") / "review.xlsx"))


def _not_synthetic(a):
    rt = a.dataset.region_table.copy()
    rt["synthetic"] = False
    fake = types.SimpleNamespace(**vars(a))
    fake.dataset = dataclasses.replace(a.dataset, region_table=rt)
    return fake


def _texts(ws) -> list[str]:
    return [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]


def test_every_sheet_prints_the_notice_and_page_numbers(book):
    assert book.sheetnames[0] == GUIDE_SHEET
    for ws in book.worksheets:
        for header in (ws.oddHeader, ws.evenHeader, ws.firstHeader):
            assert header.center.text == NOTICE, ws.title
        for footer in (ws.oddFooter, ws.evenFooter, ws.firstFooter):
            assert footer.center.text == PAGE_FOOTER == "Halaman &P dari &N", ws.title
    assert LINE in _texts(book[GUIDE_SHEET]) and LINE in _texts(book[SUMMARY_SHEET])


def test_no_notice_when_the_data_are_not_synthetic(a2021, tmp_path):
    fake = _not_synthetic(a2021)
    assert fake.dataset.region["synthetic"] is False
    wb = openpyxl.load_workbook(write_workbook(fake, tmp_path / "review.xlsx"))
    for ws in wb.worksheets:
        for header in (ws.oddHeader, ws.evenHeader, ws.firstHeader):
            assert not header.center.text, ws.title
        assert ws.oddFooter.center.text == PAGE_FOOTER
        assert not any("sintetis" in t for t in _texts(ws)), ws.title


def test_the_guide_gives_the_data_date_beside_the_deadline(book):
    line = next(t for t in _texts(book[GUIDE_SHEET]) if t.startswith("Batas akhir pengisian"))
    # the latest submission of the 2021 sample is dated 16 September 2021 (the memo says the same)
    assert line == ("Batas akhir pengisian inovasi dan bukti dukung: 17 September 2021. "
                    "Data per: 16 September 2021 (isian terakhir yang masuk).")


def test_long_lines_are_wrapped_across_the_printed_width(book):
    ws = book[SUMMARY_SHEET]
    row = next(c.row for c in ws["A"] if isinstance(c.value, str) and "batas akhir pengisian" in c.value)
    assert "17 September 2021" in ws.cell(row, 1).value
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert f"A{row}:C{row}" in merged and ws.cell(row, 1).alignment.wrap_text
    unit = book["Kesehatan"]
    merged = {str(r) for r in unit.merged_cells.ranges}
    assert {"A1:I1", "A2:I2", "A3:I3", "A4:I4"} <= merged
    for r in (2, 3, 4):
        assert unit.cell(r, 1).alignment.wrap_text
    rank = book[RANKING_SHEET]
    assert "A2:H2" in {str(r) for r in rank.merged_cells.ranges} and rank["A2"].alignment.wrap_text


def test_numbers_are_numbers(book, a2021):
    ws = book[SUMMARY_SHEET]
    for row in ws.iter_rows():
        for c in row:
            assert not (isinstance(c.value, str) and c.value.rstrip().endswith("%")), c.coordinate
    f = a2021.participation.funnel
    shares = {c.value: ws.cell(c.row, 3) for c in ws["A"] if c.value in set(f["label"])}
    for rec in f.itertuples(index=False):
        cell = shares[rec.label]
        assert cell.value == pytest.approx(float(rec.share_of_entered)) and cell.number_format == "0.0%"
    assert shares[f["label"].iloc[0]].value == 1.0  # 100 % of what was entered
    rate = next(ws.cell(c.row, 3) for c in ws["A"] if c.value == "OPD yang memasukkan inovasi")
    assert rate.value == pytest.approx(10 / 37) and rate.number_format == "0.0%"
    unit = book["Kesehatan"]
    gains = [unit.cell(r, 7) for r in range(HEADER_ROW + 1, unit.max_row + 1) if unit.cell(r, 7).value is not None]
    assert gains and all(isinstance(c.value, float) and c.number_format == "0.00" for c in gains)
    rank = book[RANKING_SHEET]
    for r in range(RANK_HEADER_ROW + 1, rank.max_row + 1):
        for col in (3, 5):
            c = rank.cell(r, col)
            if c.value is not None:
                assert isinstance(c.value, (int, float)) and c.number_format == "0.00", c.coordinate


def test_unit_rows_by_gain_and_status_only_where_asked(book):
    ws = book["Kesehatan"]
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    groups: list[list[tuple]] = []
    for r in rows:
        if r[2] == NO_INDICATOR:
            groups.append([r])
        else:
            groups[-1].append(r)
    best = [max((r[6] for r in g[1:] if r[6] is not None), default=None) for g in groups]
    known = [b for b in best if b is not None]
    assert known == sorted(known, reverse=True) and best[:len(known)] == known
    for g in groups:
        gains = [r[6] for r in g[1:]]
        known_gains = [x for x in gains if x is not None]  # actions without a gain come last
        assert gains[:len(known_gains)] == sorted(known_gains, reverse=True)
        assert all(r[7] == "Belum" for r in g[1:])
        decision = g[0]
        needs_nothing = decision[4].startswith(("Tidak ada yang perlu dilengkapi", "Tidak dinilai pada edisi ini"))
        assert (decision[7] is None) == needs_nothing, decision
    assert any(g[0][7] is None for g in groups) and any(g[0][7] == "Belum" for g in groups)


def test_lines_by_hand():
    entries = [
        {"innovation_id": "A", "name": "Satu", "decision": "lanjut", "decision_label": "Lanjut"},
        {"innovation_id": "B", "name": "Dua", "decision": "lengkapi", "decision_label": "Lengkapi",
         "reasons": "bukti kurang"},
        {"innovation_id": "C", "name": "Tiga", "decision": "tidak_lanjut", "decision_label": "Tidak dilanjutkan"},
    ]
    actions = [
        {"innovation_id": "A", "indicator_id": "SID01", "indicator_name": "Regulasi", "action": "Unggah.",
         "gain": 0.10, "later": ""},
        {"innovation_id": "B", "indicator_id": "SID02", "indicator_name": "SDM", "action": "Unggah SK.",
         "gain": 0.05, "later": "Kenaikan ke tingkat 3 bernilai +0,20 poin, untuk edisi berikutnya"},
        {"innovation_id": "B", "indicator_id": "SID03", "indicator_name": "Anggaran", "action": "Unggah DPA",
         "gain": 0.30},
    ]
    lines = _lines(entries, actions)
    # B (best gain 0.30) before A (0.10) before C (no action); within B: 0.30 then 0.05
    assert [(v[1].split(" ")[0], v[2], v[6], ok) for _, v, ok in lines] == [
        ("B", NO_INDICATOR, None, True),
        ("B", "SID03 Anggaran", 0.30, True),
        ("B", "SID02 SDM", 0.05, True),
        ("A", NO_INDICATOR, None, False),
        ("A", "SID01 Regulasi", 0.10, True),
        ("C", NO_INDICATOR, None, False),
    ]
    assert lines[2][1][4] == "Unggah SK. Kenaikan ke tingkat 3 bernilai +0,20 poin, untuk edisi berikutnya."
    assert lines[1][1][4] == "Unggah DPA"  # no ``later``: the action as it is
