"""The optional ``region`` table and the new innovation columns (issue 14): loading from CSV and
workbooks, writing back, the template's Daerah sheet, and bad input as one line or a finding."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from iid_analysis.cli import main
from iid_analysis.io import schema
from iid_analysis.io.dataset import dataset_from_frames, load_dataset
from iid_analysis.io.template import write_template

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def _folder(tmp_path: Path, region: str | None, name: str = "region.csv") -> Path:
    out = tmp_path / "data"
    out.mkdir()
    for t in schema.TABLES:
        shutil.copy(SAMPLE / f"{t}.csv", out / f"{t}.csv")
    if region is not None:
        (out / name).write_text(region, encoding="utf-8")
    return out


def test_no_region_table_is_none(tmp_path):
    ds = load_dataset(_folder(tmp_path, None))
    assert ds.region is None and len(ds.region_table) == 0
    assert "region" not in ds.files


@pytest.mark.parametrize("name", ["region.csv", "Daerah.csv", "DAERAH.csv"])
def test_region_csv(tmp_path, name):
    ds = load_dataset(_folder(tmp_path, "name,kind,province,synthetic\nKota Pekalongan,kota,Jawa Tengah,ya\n",
                              name))
    assert ds.region == {"name": "Kota Pekalongan", "kind": "kota", "province": "Jawa Tengah",
                         "synthetic": True}
    assert ds.files["region"] == name


@pytest.mark.parametrize(("text", "value"), [("ya", True), ("tidak", False), ("TRUE", True),
                                              ("false", False), ("1", True), ("0", False)])
def test_synthetic_spellings(text, value):
    ds = dataset_from_frames({"region": pd.DataFrame({"name": ["X"], "synthetic": [text]})})
    assert ds.region["synthetic"] is value


def test_region_labels_markup_and_formula_stay_text(tmp_path):
    ds = load_dataset(_folder(tmp_path, "Nama Daerah;Jenis Daerah;Provinsi\n"
                                        "=HYPERLINK(\"x\");Kabupaten;<b>Jateng</b>\n"))
    assert ds.region == {"name": '=HYPERLINK("x")', "kind": "kabupaten", "province": "<b>Jateng</b>",
                         "synthetic": None}
    # written back guarded, read back identical
    out = tmp_path / "back"
    ds.to_csv_folder(out)
    assert load_dataset(out).region == ds.region
    book = ds.to_xlsx(tmp_path / "back.xlsx")
    assert load_dataset(book).region == ds.region
    assert openpyxl.load_workbook(book)["Daerah"]["A2"].value == "'=HYPERLINK(\"x\")"


def test_several_rows_or_an_empty_name_first_usable_row_is_used(tmp_path):
    ds = load_dataset(_folder(tmp_path, "name,kind\n,kota\nKota A,kota\nKota B,kota\n"))
    assert ds.region["name"] == "Kota A"
    req = ds.problems[(ds.problems["table"] == "region")]
    assert req[["row", "column", "rule"]].values.tolist() == [[2, "name", "required"]]
    from iid_analysis.methodology.loader import load_methodology
    from iid_analysis.review.desk import review

    rv = review(ds, load_methodology(2021), 2021)
    f = rv.findings[rv.findings["table"] == "region"]
    assert f[["row", "rule"]].values.tolist() == [[2, "required"], [4, "region_extra"]]
    assert "baris 3" in f["message"].iloc[1] and f["file"].iloc[1] == "region.csv"
    assert rv.region_rows["used"].tolist() == [False, True, False]


def test_bad_kind_is_a_finding_not_an_error(tmp_path):
    ds = load_dataset(_folder(tmp_path, "name,kind\nKota A,desa\n"))
    assert ds.region["kind"] is None and ds.region["name"] == "Kota A"
    p = ds.problems[ds.problems["table"] == "region"]
    assert p[["row", "column", "rule"]].values.tolist() == [[2, "kind", "enum"]]


def test_new_innovation_columns_are_typed():
    inv = pd.DataFrame({
        "innovation_id": ["A", "B"], "year": ["2025", "2025"], "opd_id": ["X", "X"],
        "name": ["a", "b"], "stage": ["penerapan"] * 2, "initiator": ["opd"] * 2,
        "kind": ["digital"] * 2, "form": ["tata_kelola"] * 2,
        "latitude": ["-6,8886", "lintang"], "longitude": ["109.6753", "\u2212109"],
        "development_date": ["2024-05-01", "kemarin"], "affairs_other": ["Sosial; Kesehatan", ""],
        "theme": ["stunting", ""], "asta_cita": ["Asta Cita 4", ""],
    })
    ds = dataset_from_frames({"innovations": inv})
    i = ds.innovations
    assert str(i["latitude"].dtype) == "Float64" and i["latitude"].iloc[0] == pytest.approx(-6.8886)
    assert i["longitude"].iloc[1] == -109.0
    assert str(i["development_date"].dtype) == "datetime64[ns]"
    p = ds.problems
    got = p[["row", "column", "rule", "severity"]].values.tolist()
    assert [3, "latitude", "type", "warning"] in got and [3, "development_date", "date", "warning"] in got
    assert "bukan bilangan" in p.loc[p["column"] == "latitude", "message"].iloc[0]


def test_template_has_a_daerah_sheet_that_loads(tmp_path):
    path = write_template(2026, tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Daerah"]
    assert [c.value for c in ws[1]] == [c.label for c in schema.COLUMNS["region"]]
    for t in ("Inovasi",):
        headers = [c.value for c in book[t][1]]
        for label in ("Urusan Beririsan", "Waktu Pengembangan", "Lintang", "Bujur", "Asta Cita", "Tema"):
            assert label in headers
    ws["A2"] = "Kota Pekalongan"
    ws["B2"] = "Kota"
    ws["D2"] = "tidak"
    for t, headers in (("OPD", ["Kode OPD", "Nama OPD"]), ("Inovasi", None)):
        if headers:
            for j, h in enumerate(["X", "Dinas X"], start=1):
                book[t].cell(row=2, column=j, value=h)
    book.save(path)
    ds = load_dataset(path)
    assert ds.region == {"name": "Kota Pekalongan", "kind": "kota", "province": None, "synthetic": False}


def test_empty_daerah_sheet_counts_as_absent(tmp_path):
    path = write_template(2021, tmp_path / "t.xlsx")
    assert load_dataset(path).region is None


def test_cli_bad_input_is_one_line(tmp_path, capsys):
    data = _folder(tmp_path, "name\nKota A\n")
    assert main(["validate", str(data), "--year", "2031", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "2031" in err[0] and "Traceback" not in err[0]
    inv = pd.read_csv(data / "innovations.csv", dtype=str, keep_default_na=False)
    inv.loc[inv["year"] == "2021", "longitude"] = "sembilan"
    inv.loc[inv.index[inv["year"] == "2021"][0], "affair"] = "Urusan Ajaib"
    inv.to_csv(data / "innovations.csv", index=False)
    assert main(["validate", str(data), "--year", "2021", "--out", str(tmp_path / "o")]) == 0
    out = capsys.readouterr().out
    assert "Baris masuk = baris keluar" in out and "— Kota A" in out.splitlines()[0]
    f = pd.read_csv(tmp_path / "o" / "findings.csv", dtype=str, keep_default_na=False)
    lon = f[(f["column"] == "longitude") & (f["rule"] == "type")]
    assert len(lon) == 52 and set(lon["file"]) == {"innovations.csv"}
    assert (f["rule"] == "affair_unknown").sum() == 1
