"""review.csv, findings.csv and review.xlsx (validation.write_review_outputs, review_xlsx)."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook
from test_validation import base_tables, run, set_cell

from iid_analysis.review import write_review_outputs
from iid_analysis.review.workbook import MAX_SHEET_NAME, SUMMARY_SHEET, sheet_name


@pytest.fixture()
def broken_review():
    t = base_tables(5)
    set_cell(t, "innovations", 0, "name", '=HYPERLINK("http://x","klik")')
    set_cell(t, "innovations", 1, "implementation_date", "2021-03-12")  # tidak_lanjut
    set_cell(t, "innovations", 2, "implementation_date", "31/02/2020")  # unreadable → lengkapi
    set_cell(t, "innovations", 3, "opd_id", "DISDIK")
    set_cell(t, "innovations", 4, "innovation_id", "")  # broken: no id
    set_cell(t, "innovations", 4, "opd_id", "A/B:C*D?[E]")  # unknown, odd characters
    t["innovation_indicators"].loc[0, ["level", "evidence", "evidence_status"]] = ["2", "", ""]
    return run(t)


def _csv(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def test_outputs_written(tmp_path, broken_review):
    out = tmp_path / "new" / "dir"
    paths = write_review_outputs(broken_review, out)
    assert [p.name for p in paths] == ["review.csv", "findings.csv", "review.xlsx"]
    assert all(p.is_file() and p.parent == out for p in paths)


def test_review_csv_one_row_per_innovation(tmp_path, broken_review):
    write_review_outputs(broken_review, tmp_path)
    df = _csv(tmp_path / "review.csv")
    assert list(df.columns[:5]) == ["innovation_id", "opd_id", "eligible", "decision", "reasons"]
    assert {"row", "name", "todo"} <= set(df.columns)
    assert len(df) == 5  # the broken row (no id) included
    assert df["row"].tolist() == ["2", "3", "4", "5", "6"]
    assert df["innovation_id"].tolist()[4] == ""
    assert df["decision"].tolist() == ["lengkapi", "tidak_lanjut", "lengkapi", "lanjut", "lengkapi"]
    assert df["name"].iloc[0].startswith("'=")  # guarded against formulas
    assert not (tmp_path / "review.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # plain UTF-8
    assert "12 Maret 2021" in df["reasons"].iloc[1]


def test_findings_csv_columns(tmp_path, broken_review):
    write_review_outputs(broken_review, tmp_path)
    df = _csv(tmp_path / "findings.csv")
    assert list(df.columns[:6]) == ["table", "row", "column", "rule", "severity", "message"]
    assert {"value", "expected", "message_en", "innovation_id", "opd_id"} <= set(df.columns)
    assert len(df) == len(broken_review.findings)
    assert {"evidence_missing", "outside_window", "date", "opd_unknown", "required"} <= set(
        df["rule"]
    )
    assert set(df["severity"]) <= {"error", "warning", "info"}


def test_review_xlsx_sheets_and_print_layout(tmp_path, broken_review):
    write_review_outputs(broken_review, tmp_path)
    wb = load_workbook(tmp_path / "review.xlsx")
    names = wb.sheetnames
    assert names[0] == SUMMARY_SHEET
    assert set(names[1:]) == {"DINKES", "DISDIK", "A_B_C_D__E_"}
    for ws in wb.worksheets:
        assert len(ws.title) <= MAX_SHEET_NAME
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows  # header row repeated on every page
    summary = wb[SUMMARY_SHEET]
    values = {
        r[0]: r[1] for r in summary.iter_rows(min_row=6, max_row=15, max_col=2, values_only=True)
    }
    assert values["Inovasi masuk"] == 5 and values["Keputusan: tidak lanjut"] == 1
    dinkes = wb["DINKES"]
    header = [c.value for c in dinkes[4]]
    assert header[:4] == ["No", "Baris", "ID Inovasi", "Nama Inovasi"]
    cell = dinkes.cell(row=5, column=4)
    assert cell.data_type == "s" and cell.value.startswith("'=")  # text, never a formula
    texts = [c.value for row in dinkes.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Daftar tindakan" in texts
    assert "lengkapi bukti SID01 Regulasi inovasi daerah" in texts
    assert dinkes.cell(row=5, column=9).alignment.wrap_text


def test_no_formula_anywhere_in_the_workbook(tmp_path, broken_review):
    write_review_outputs(broken_review, tmp_path)
    wb = load_workbook(tmp_path / "review.xlsx")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)


def test_sheet_names_valid_and_unique():
    taken = {"ringkasan"}
    got = [
        sheet_name(x, taken)
        for x in (
            "DINKES",
            "dinkes",
            "x" * 40,
            "x" * 40,
            "a/b",
            "",
            None,
            "'quoted'",
            "History",
            "Ringkasan",
        )
    ]
    assert len({g.lower() for g in got}) == len(got)
    assert all(0 < len(g) <= 31 for g in got)
    assert all(not any(ch in g for ch in "[]:*?/\\") for g in got)
    assert got[0] == "DINKES" and got[1] == "dinkes (2)"
    assert got[4] == "a_b" and got[5] == "Tanpa Kode OPD"
    assert got[7] == "quoted" and got[8] != "History"


def test_empty_edition_outputs(tmp_path):
    rv = run(base_tables(), year=2022)
    write_review_outputs(rv, tmp_path)
    assert len(_csv(tmp_path / "review.csv")) == 0
    assert load_workbook(tmp_path / "review.xlsx").sheetnames == [SUMMARY_SHEET]
