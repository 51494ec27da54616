"""review.csv, findings.csv and telaah.csv (review.write_review_outputs). review.xlsx is written
from the whole analysis by the yearly run: tests/test_workbook.py."""

from __future__ import annotations

import pandas as pd
import pytest
from test_validation import base_tables, run, set_cell

from iid_analysis.report.workbook.names import sheet_name
from iid_analysis.review import write_review_outputs


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
    assert [p.name for p in paths] == ["review.csv", "findings.csv", "telaah.csv"]
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


def test_telaah_csv_for_people(tmp_path, broken_review):
    write_review_outputs(broken_review, tmp_path)
    raw = (tmp_path / "telaah.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads it as UTF-8
    df = pd.read_csv(tmp_path / "telaah.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(df.columns[:7]) == ["ID Inovasi", "Nama Inovasi", "Kode OPD", "Nama OPD", "Keputusan",
                                    "Alasan", "Yang harus dilakukan"]
    assert len(df) == 5
    assert df["Keputusan"].tolist() == ["Lengkapi", "Tidak dilanjutkan", "Lengkapi", "Lanjut", "Lengkapi"]
    assert set(df["Memenuhi syarat"]) <= {"ya", "tidak", ""} and "ya" in set(df["Memenuhi syarat"])
    assert df["Tanggal penerapan"].iloc[1] == "12 Maret 2021"
    assert df["Tahapan"].iloc[0] == "Penerapan"
    assert df["Nama Inovasi"].iloc[0].startswith("'=")  # guarded against formulas
    assert not any(str(v).startswith(("=", "+", "-", "@")) for v in df.to_numpy().ravel())
    machine = _csv(tmp_path / "review.csv")  # the machine file keeps its codes and True/False
    assert machine["decision"].tolist()[1] == "tidak_lanjut"


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
    assert got[4] == "a b" and got[5] == "Tanpa Kode OPD"
    assert got[7] == "quoted" and got[8] != "History"


def test_empty_edition_outputs(tmp_path):
    rv = run(base_tables(), year=2022)
    write_review_outputs(rv, tmp_path)
    assert len(_csv(tmp_path / "review.csv")) == 0
    assert len(pd.read_csv(tmp_path / "telaah.csv", encoding="utf-8-sig")) == 0
