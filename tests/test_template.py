"""The input template (``iid-analysis template``): sheets, drop-downs, help, and the round trip."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pandas as pd
import pytest

from iid_analysis.io import schema
from iid_analysis.io.dataset import load_dataset
from iid_analysis.io.template import GUIDE_SHEET, LISTS_SHEET, sheet_name, write_template
from iid_analysis.methodology import MethodologyError, load_methodology


@pytest.fixture(scope="module")
def template_2021(tmp_path_factory):
    return write_template(2021, tmp_path_factory.mktemp("tpl") / "isian_2021.xlsx")


@pytest.fixture(scope="module")
def book(template_2021):
    return openpyxl.load_workbook(template_2021)


def _list_values(wb, formula: str) -> list:
    """The values a list validation offers: a range on another sheet, or an inline list."""
    formula = formula.lstrip("=")
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    m = re.fullmatch(r"'?(.+?)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", formula)
    assert m, formula
    sheet, col, first, _, last = m.groups()
    ws = wb[sheet.replace("''", "'")]
    return [ws[f"{col}{r}"].value for r in range(int(first), int(last) + 1)]


def _validation_for(ws, column_letter: str):
    found = [dv for dv in ws.data_validations.dataValidation
             if any(str(rng).startswith(f"{column_letter}2:") for rng in dv.sqref.ranges)]
    assert len(found) == 1, (ws.title, column_letter)
    return found[0]


def test_sheets_and_headers(template_2021, book):
    assert template_2021.exists()
    labels = [schema.TABLE_LABELS[t] for t in schema.ALL_TABLES]
    assert book.sheetnames == [GUIDE_SHEET, *labels, sheet_name(2021), LISTS_SHEET]
    assert book[LISTS_SHEET].sheet_state == "hidden"
    for t in schema.ALL_TABLES:
        ws = book[schema.TABLE_LABELS[t]]
        assert [c.value for c in ws[1]] == [c.label for c in schema.COLUMNS[t]]
        assert ws.freeze_panes == "A2"
        assert all(c.font.bold for c in ws[1])
        assert ws.max_row == 1  # empty: only the header
        for cell, col in zip(ws[1], schema.COLUMNS[t], strict=True):
            assert cell.comment is not None and col.label in cell.comment.text
            assert ("Wajib diisi" in cell.comment.text) == col.required
            assert ws.column_dimensions[cell.column_letter].width >= 12


def test_guide_explains_sheets_dates_levels_and_evidence(book):
    text = "\n".join(str(v) for row in book[GUIDE_SHEET].iter_rows(values_only=True) for v in row if v)
    for needle in ("Indeks Inovasi Daerah 2021", "Inovasi", "Indikator Inovasi", "Indikator Daerah",
                   "13/08/2021", "13 Agustus 2021", "0, 1, 2 atau 3", "Tidak Ada", "Menunggu Verifikasi",
                   "17 September 2021", sheet_name(2021)):
        assert needle in text, needle
    for t in schema.ALL_TABLES:  # every column is listed with whether it is required
        for col in schema.COLUMNS[t]:
            assert col.label in text


def test_dropdowns_for_enums_levels_and_indicators(book):
    meth = load_methodology(2021)
    for t in schema.ALL_TABLES:
        ws = book[schema.TABLE_LABELS[t]]
        for j, col in enumerate(schema.COLUMNS[t], start=1):
            letter = openpyxl.utils.get_column_letter(j)
            dv = _validation_for(ws, letter)
            assert dv.showInputMessage and dv.prompt
            if col.kind == "enum":
                assert dv.type == "list"
                assert _list_values(book, dv.formula1) == list(schema.ENUMS[col.enum].values())
            elif col.kind == "level":
                assert dv.type == "list"
                assert _list_values(book, dv.formula1) == [0, 1, 2, 3]
            elif col.name == "indicator_id":
                aspect = "SID" if t == "innovation_indicators" else "SPD"
                assert _list_values(book, dv.formula1) == [i.id for i in meth.indicators_of(aspect)]
    assert len(_list_values(book, _validation_for(book["Indikator Inovasi"], "B").formula1)) == 20
    assert len(_list_values(book, _validation_for(book["Indikator Daerah"], "B").formula1)) == 15
    # OPD codes on the innovation sheet come from the OPD sheet
    assert "OPD" in _validation_for(book["Inovasi"], "C").formula1


def test_indicator_sheet_lists_every_indicator_with_levels(book):
    meth = load_methodology(2021)
    rows = list(book[sheet_name(2021)].iter_rows(values_only=True))
    assert rows[0][:5] == ("Kode Indikator", "Aspek", "Variabel", "Nama Indikator", "Bobot")
    body = rows[1:]
    assert [r[0] for r in body] == list(meth.indicator_ids)
    for r, ind in zip(body, meth.indicators, strict=True):
        assert r[3] == ind.name and r[4] == pytest.approx(ind.weight)
        assert tuple(r[5:8]) == ind.levels


def test_other_edition_uses_its_own_methodology(tmp_path):
    path = write_template(2024, tmp_path / "sub" / "t2024.xlsx")
    wb = openpyxl.load_workbook(path)
    assert sheet_name(2024) in wb.sheetnames and sheet_name(2021) not in wb.sheetnames
    meth = load_methodology(2024)
    ids = [r[0] for r in wb[sheet_name(2024)].iter_rows(min_row=2, values_only=True)]
    assert ids == list(meth.indicator_ids)


def test_unknown_year_is_a_methodology_error(tmp_path):
    with pytest.raises(MethodologyError):
        write_template(1990, tmp_path / "t.xlsx")
    assert not (tmp_path / "t.xlsx").exists()


def test_empty_template_loads_as_empty_tables(template_2021):
    ds = load_dataset(template_2021)
    assert all(len(ds.table(t)) == 0 for t in schema.TABLES)
    assert ds.problems.empty


def test_round_trip_fill_one_row_per_sheet(template_2021, tmp_path):
    wb = openpyxl.load_workbook(template_2021)
    wb["OPD"].append(["DINKES", "Dinas Kesehatan", "Dinas", None, None])
    wb["Inovasi"].append([
        "INV-001", 2021, "DINKES", "Si Sehat", "Uji Coba", "Kepala Daerah", "Non Digital",
        "Inovasi Pelayanan Publik", "Kesehatan", dt.datetime(2019, 3, 4), "13 Agustus 2020", "02/06/2021", 0,
        "Rancang bangun", "Tujuan", "Manfaat", "Hasil",
    ])
    wb["Indikator Inovasi"].append(["INV-001", "SID01", 3, "perwal.pdf", "Menunggu Verifikasi"])
    wb["Indikator Daerah"].append([2021, "SPD01", 2, None, None])
    filled = tmp_path / "terisi.xlsx"
    wb.save(filled)

    ds = load_dataset(filled)
    assert ds.problems.empty
    assert ds.opd[["_row", "opd_id", "name", "kind"]].values.tolist() == [[2, "DINKES", "Dinas Kesehatan", "dinas"]]
    inv = ds.innovations.iloc[0]
    assert inv["_row"] == 2 and inv["innovation_id"] == "INV-001" and inv["year"] == 2021
    assert (inv["stage"], inv["initiator"], inv["kind"], inv["form"]) == (
        "uji_coba", "kepala_daerah", "non_digital", "pelayanan_publik")
    assert inv["trial_date"] == pd.Timestamp("2019-03-04")
    assert inv["implementation_date"] == pd.Timestamp("2020-08-13")
    assert inv["submitted_on"] == pd.Timestamp("2021-06-02")
    assert inv["previous_entries"] == 0 and inv["result"] == "Hasil"
    ans = ds.innovation_indicators.iloc[0]
    assert (ans["innovation_id"], ans["indicator_id"], ans["level"], ans["evidence"], ans["evidence_status"]) == (
        "INV-001", "SID01", 3, "perwal.pdf", "pending")
    reg = ds.region_indicators.iloc[0]
    assert (reg["year"], reg["indicator_id"], reg["level"], reg["evidence_status"]) == (2021, "SPD01", 2, "missing")
    assert list(ds.innovations.columns) == ["_row", *(c.name for c in schema.COLUMNS["innovations"])]
