"""The loader (design §4): CSV folders and workbooks → typed tables, every row kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iid_analysis.io import schema
from iid_analysis.io.checks import table_schema
from iid_analysis.io.dataset import Dataset, dataset_from_frames, load_dataset
from iid_analysis.io.errors import DataError
from iid_analysis.io.findings import FINDING_COLUMNS, empty_findings

OPD = "opd_id,name,kind\nDINKES,Dinas Kesehatan,Dinas\nBAPPEDA,Bappeda,badan\n"
INNOVATIONS = (
    "innovation_id,year,opd_id,name,stage,initiator,kind,form,implementation_date\n"
    "I1,2021,DINKES,Satu,Penerapan,OPD,Digital,Inovasi Pelayanan Publik,2020-03-01\n"
    "I2,2021,BAPPEDA,Dua,uji coba,asn,non digital,tata_kelola,\n"
)
ANSWERS = (
    "innovation_id,indicator_id,level,evidence,evidence_status\n"
    "I1,SID01,3,perwal.pdf,valid\n"
    "I1,SID02,0,,\n"
    "I2,SID01,2,sk.pdf,\n"
)
REGION = "year,indicator_id,level,evidence,evidence_status\n2021,SPD01,1,visi.pdf,Valid\n"


def write_folder(tmp: Path, **override: str | bytes) -> Path:
    """A CSV dataset folder; keyword = table name, value = file content (text or bytes)."""
    folder = tmp / "data"
    folder.mkdir(parents=True, exist_ok=True)
    files = {"opd": OPD, "innovations": INNOVATIONS, "innovation_indicators": ANSWERS,
             "region_indicators": REGION}
    files.update(override)
    for table, content in files.items():
        if content is None:
            continue
        name = table if table.endswith(".csv") else f"{table}.csv"
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / name).write_bytes(data)
    return folder


def problems_of(ds: Dataset, rule: str | None = None, table: str | None = None) -> pd.DataFrame:
    p = ds.problems
    if rule is not None:
        p = p[p["rule"] == rule]
    if table is not None:
        p = p[p["table"] == table]
    return p.reset_index(drop=True)


# ---------------------------------------------------------------------- basics


def test_comma_csv_types_rows_and_index(tmp_path):
    ds = load_dataset(write_folder(tmp_path))
    inv = ds.innovations
    assert list(inv.index) == [0, 1]
    assert inv["_row"].tolist() == [2, 3]
    assert inv["_row"].dtype == "int64"
    assert inv.columns[0] == "_row"
    assert [c for c in inv.columns if c != "_row"] == [c.name for c in schema.COLUMNS["innovations"]]
    assert inv["year"].dtype == "Int64" and inv["year"].tolist() == [2021, 2021]
    assert isinstance(inv["name"].dtype, pd.StringDtype) and inv["name"].dtype.na_value is pd.NA
    assert inv["implementation_date"].dtype == "datetime64[ns]"
    assert inv["implementation_date"].iloc[0] == pd.Timestamp("2020-03-01")
    assert pd.isna(inv["implementation_date"].iloc[1])
    assert inv["stage"].tolist() == ["penerapan", "uji_coba"]
    assert inv["kind"].tolist() == ["digital", "non_digital"]
    assert inv["form"].tolist() == ["pelayanan_publik", "tata_kelola"]
    assert inv["affair"].isna().all() and inv["previous_entries"].isna().all()
    assert ds.opd["kind"].tolist() == ["dinas", "badan"]
    assert ds.kind == "csv" and ds.files["opd"] == "opd.csv"
    assert ds.encodings == {t: "utf-8" for t in schema.TABLES}
    assert ds.problems.empty
    assert ds.years() == [2021]


def test_semicolon_gives_the_same_tables(tmp_path):
    comma = load_dataset(write_folder(tmp_path / "a"))
    semi = {t: c.replace(",", ";") for t, c in
            {"opd": OPD, "innovations": INNOVATIONS, "innovation_indicators": ANSWERS,
             "region_indicators": REGION}.items()}
    semicolon = load_dataset(write_folder(tmp_path / "b", **semi))
    for t in schema.TABLES:
        pd.testing.assert_frame_equal(comma.table(t), semicolon.table(t))


def test_semicolon_with_commas_inside_values(tmp_path):
    inv = ("innovation_id;year;opd_id;name;stage;initiator;kind;form\n"
           "I1;2021;DINKES;Sehat, Cepat, Tepat;penerapan;opd;digital;tata_kelola\n")
    ds = load_dataset(write_folder(tmp_path, innovations=inv))
    assert ds.innovations["name"].tolist() == ["Sehat, Cepat, Tepat"]


def test_excel_sep_line(tmp_path):
    ds = load_dataset(write_folder(tmp_path, opd="sep=;\r\n" + OPD.replace(",", ";")))
    assert ds.opd["opd_id"].tolist() == ["DINKES", "BAPPEDA"]
    assert ds.opd["_row"].tolist() == [2, 3]


def test_bom_is_accepted_and_recorded(tmp_path):
    folder = write_folder(tmp_path, opd=b"\xef\xbb\xbf" + OPD.encode("utf-8"))
    ds = load_dataset(folder)
    assert ds.opd["opd_id"].tolist() == ["DINKES", "BAPPEDA"]
    assert ds.encodings["opd"] == "utf-8-sig"
    assert ds.encodings["innovations"] == "utf-8"


def test_cp1252_is_read_and_reported(tmp_path):
    text = "opd_id,name\nDISPAR,Dinas Pariwisata – Café\n"
    ds = load_dataset(write_folder(tmp_path, opd=text.encode("cp1252")))
    assert ds.opd["name"].tolist() == ["Dinas Pariwisata – Café"]
    assert ds.encodings["opd"] == "cp1252"
    note = problems_of(ds, "encoding")
    assert len(note) == 1
    assert note.loc[0, "severity"] == "info" and note.loc[0, "file"] == "opd.csv"
    assert "cp1252" in note.loc[0, "message"]


def test_neither_utf8_nor_cp1252_is_a_data_error(tmp_path):
    # 0x81 is invalid as UTF-8 and undefined in cp1252
    folder = write_folder(tmp_path, opd=b"opd_id,name\nA,Dinas \x81\n")
    with pytest.raises(DataError) as err:
        load_dataset(folder)
    assert "opd.csv" in str(err.value) and "cp1252" in str(err.value)


def test_indonesian_headers_and_aliases(tmp_path):
    inv = ("ID Inovasi,Tahun,Kode OPD,Nama Inovasi,Tahapan,Inisiator,Jenis,Bentuk,Waktu Penerapan\n"
           "I1,2021,DINKES,Satu,Penerapan,OPD,Digital,Inovasi Pelayanan Publik,13/08/2020\n")
    ans = "ID Inovasi;Kode Indikator;Tingkat;Bukti Dukung;Status Bukti\nI1;SID01;2;x.pdf;Tidak Valid\n"
    folder = write_folder(tmp_path, innovations=inv, innovation_indicators=ans)
    ds = load_dataset(folder)
    assert ds.innovations["year"].tolist() == [2021]
    assert ds.innovations["implementation_date"].tolist() == [pd.Timestamp("2020-08-13")]
    assert ds.innovation_indicators["evidence_status"].tolist() == ["invalid"]
    assert ds.innovation_indicators["level"].tolist() == [2]


def test_indonesian_file_names(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for name, content in (("OPD.csv", OPD), ("Inovasi.csv", INNOVATIONS),
                          ("Indikator Inovasi.csv", ANSWERS), ("indikator_daerah.csv", REGION)):
        (folder / name).write_text(content, encoding="utf-8")
    ds = load_dataset(folder)
    assert len(ds.innovations) == 2 and ds.files["innovation_indicators"] == "Indikator Inovasi.csv"


# ---------------------------------------------------------------------- dates


DATE_CASES = [
    ("2021-08-13", "2021-08-13"),
    ("2021-8-3", "2021-08-03"),
    ("13/08/2021", "2021-08-13"),
    ("3/8/2021", "2021-08-03"),
    ("13-08-2021", "2021-08-13"),
    ("13 Agustus 2021", "2021-08-13"),
    ("13 agustus 2021", "2021-08-13"),
    ("13 Agu 2021", "2021-08-13"),
    ("7 Agt 2021", "2021-08-07"),
    ("1 Mei 2021", "2021-05-01"),
    ("2 Desember 2020", "2020-12-02"),
    ("13 August 2021", "2021-08-13"),
    ("13-Aug-2021", "2021-08-13"),
    ("44421", "2021-08-13"),  # Excel serial day number
    ("2021-08-13 10:30:00", "2021-08-13"),
]


def _innovations_with_dates(values: list[str]) -> str:
    head = "innovation_id,year,opd_id,name,stage,initiator,kind,form,trial_date\n"
    rows = [f"I{i},2021,DINKES,N{i},penerapan,opd,digital,tata_kelola,{v}" for i, v in enumerate(values)]
    return head + "\n".join(rows) + "\n"


def test_all_date_forms(tmp_path):
    folder = write_folder(tmp_path, innovations=_innovations_with_dates([v for v, _ in DATE_CASES]))
    ds = load_dataset(folder)
    got = ds.innovations["trial_date"]
    assert got.dtype == "datetime64[ns]"
    assert [d.strftime("%Y-%m-%d") for d in got] == [e for _, e in DATE_CASES]
    assert problems_of(ds, "date").empty


def test_impossible_and_unreadable_dates(tmp_path):
    values = ["31/02/2021", "2021-13-01", "kemarin", "13 Bulan 2021", "2021"]
    ds = load_dataset(write_folder(tmp_path, innovations=_innovations_with_dates(values)))
    assert ds.innovations["trial_date"].isna().all()
    found = problems_of(ds, "date")
    assert found["value"].tolist() == values
    assert found["row"].tolist() == [2, 3, 4, 5, 6]
    assert (found["column"] == "trial_date").all()
    assert (found["severity"] == "warning").all()  # trial_date is optional
    assert all("13/08/2021" in e and "13 Agustus 2021" in e for e in found["expected"])
    assert "tidak mungkin" in found.loc[0, "message"]
    assert "tidak mungkin" in found.loc[1, "message"]
    assert "bukan tanggal" in found.loc[2, "message"]
    assert (found["innovation_id"] == [f"I{i}" for i in range(5)]).all()
    assert (found["opd_id"] == "DINKES").all()


def test_us_order_date_is_not_silently_swapped(tmp_path):
    ds = load_dataset(write_folder(tmp_path, innovations=_innovations_with_dates(["08/13/2021"])))
    assert ds.innovations["trial_date"].isna().all()
    assert problems_of(ds, "date")["value"].tolist() == ["08/13/2021"]


# ---------------------------------------------------------------------- enums and numbers


@pytest.mark.parametrize("spelling", ["Uji Coba", "uji-coba", "UJI_COBA", " uji  coba ", "ujicoba"])
def test_enum_spellings(tmp_path, spelling):
    inv = ("innovation_id,year,opd_id,name,stage,initiator,kind,form\n"
           f"I1,2021,DINKES,Satu,{spelling},Kepala Daerah,Non-Digital,Inovasi Tata Kelola Pemerintahan Daerah\n")
    ds = load_dataset(write_folder(tmp_path, innovations=inv))
    row = ds.innovations.iloc[0]
    assert row["stage"] == "uji_coba"
    assert row["initiator"] == "kepala_daerah"
    assert row["kind"] == "non_digital"
    assert row["form"] == "tata_kelola"
    assert ds.problems.empty


def test_unknown_enum_is_na_with_a_finding(tmp_path):
    inv = ("innovation_id,year,opd_id,name,stage,initiator,kind,form\n"
           "I1,2021,DINKES,Satu,Percobaan,opd,digital,tata_kelola\n")
    opd = "opd_id,name,kind\nDINKES,Dinas Kesehatan,Kementerian\n"
    ds = load_dataset(write_folder(tmp_path, innovations=inv, opd=opd))
    assert pd.isna(ds.innovations.loc[0, "stage"])
    assert pd.isna(ds.opd.loc[0, "kind"])
    found = problems_of(ds, "enum", "innovations")
    assert len(found) == 1
    f = found.iloc[0]
    assert (f["row"], f["column"], f["value"], f["severity"]) == (2, "stage", "Percobaan", "error")
    for shown in ("Inisiatif", "Uji Coba", "Penerapan", "uji_coba"):
        assert shown in f["expected"] and shown in f["message"]
    assert f["innovation_id"] == "I1" and f["opd_id"] == "DINKES"
    assert "Percobaan" in f["message_en"]
    # an optional enum column gives a warning
    assert problems_of(ds, "enum", "opd")["severity"].tolist() == ["warning"]
    # no second, "required", finding for the same cell
    assert problems_of(ds, "required").empty


@pytest.mark.parametrize("raw, expected", [("3", 3), ("3.0", 3), (" 3 ", 3), ("3,0", 3), ("0", 0),
                                           ("-1", -1), ("+2", 2)])
def test_level_numbers(tmp_path, raw, expected):
    ans = f'innovation_id,indicator_id,level\nI1,SID01,"{raw}"\n'
    ds = load_dataset(write_folder(tmp_path, innovation_indicators=ans))
    assert ds.innovation_indicators["level"].tolist() == [expected]
    assert ds.problems.empty


@pytest.mark.parametrize("raw", ["3.5", "tiga", "1e3", "2/3", "3 4"])
def test_bad_numbers_are_na_with_a_type_finding(tmp_path, raw):
    ans = f'innovation_id,indicator_id,level\nI1,SID01,"{raw}"\n'
    ds = load_dataset(write_folder(tmp_path, innovation_indicators=ans))
    assert ds.innovation_indicators["level"].isna().all()
    found = problems_of(ds)
    assert found["rule"].tolist() == ["type"]
    assert found.loc[0, "value"] == raw and found.loc[0, "severity"] == "error"
    assert found.loc[0, "column"] == "level" and found.loc[0, "row"] == 2
    assert found.loc[0, "innovation_id"] == "I1"


def test_empty_required_cell_is_a_required_finding(tmp_path):
    inv = ("innovation_id,year,opd_id,name,stage,initiator,kind,form\n"
           "I1,2021,DINKES,,penerapan,opd,digital,tata_kelola\n")
    ds = load_dataset(write_folder(tmp_path, innovations=inv))
    found = problems_of(ds)
    assert found[["row", "column", "rule", "severity"]].values.tolist() == [[2, "name", "required", "error"]]


# ---------------------------------------------------------------------- columns


def test_extra_column_is_kept_after_the_canonical_ones(tmp_path):
    inv = INNOVATIONS.replace("implementation_date\n", "implementation_date,Catatan Bappeda\n")
    inv = inv.replace("2020-03-01\n", "2020-03-01,cek ulang\n").replace(",\n", ",,\n")
    ds = load_dataset(write_folder(tmp_path, innovations=inv))
    assert ds.innovations.columns[-1] == "Catatan Bappeda"
    assert ds.innovations["Catatan Bappeda"].tolist()[0] == "cek ulang"
    assert pd.isna(ds.innovations["Catatan Bappeda"].tolist()[1])
    assert ds.extra_columns("innovations") == ["Catatan Bappeda"]


def test_missing_required_column_names_file_and_column(tmp_path):
    inv = "innovation_id,year,opd_id,name,initiator,kind,form\nI1,2021,DINKES,Satu,opd,digital,tata_kelola\n"
    with pytest.raises(DataError) as err:
        load_dataset(write_folder(tmp_path, innovations=inv))
    msg = str(err.value)
    assert "innovations.csv" in msg and "stage" in msg and "Tahapan" in msg
    assert err.value.column == "stage" and err.value.file == "innovations.csv"


def test_duplicate_header_is_a_data_error(tmp_path):
    opd = "opd_id,name,Kode OPD\nA,B,C\n"
    with pytest.raises(DataError, match="ganda"):
        load_dataset(write_folder(tmp_path, opd=opd))
    opd = "opd_id,name,Catatan,Catatan\nA,B,C,D\n"
    with pytest.raises(DataError, match="Catatan"):
        load_dataset(write_folder(tmp_path, opd=opd))


def test_row_longer_than_header_keeps_its_values(tmp_path):
    opd = "opd_id,name\nA,Dinas A\nB,Dinas B,sisa\n"
    ds = load_dataset(write_folder(tmp_path, opd=opd))
    assert ds.opd["opd_id"].tolist() == ["A", "B"]
    assert ds.opd["kolom_3"].tolist()[1] == "sisa"
    assert problems_of(ds, "header")["column"].tolist() == ["kolom_3"]


# ---------------------------------------------------------------------- files


def test_missing_path_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="tidak ditemukan"):
        load_dataset(tmp_path / "nope")


def test_missing_file_names_it_and_the_expected_names(tmp_path):
    folder = write_folder(tmp_path, region_indicators=None)
    with pytest.raises(DataError) as err:
        load_dataset(folder)
    msg = str(err.value)
    assert "region_indicators.csv" in msg and "Indikator Daerah.csv" in msg
    assert "innovations.csv" not in msg.split("berkas CSV yang ada")[0]


def test_empty_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="kosong") as err:
        load_dataset(write_folder(tmp_path, opd=b""))
    assert "opd.csv" in str(err.value)
    with pytest.raises(DataError, match="kosong"):
        load_dataset(write_folder(tmp_path, opd=b"\n \n\r\n"))


def test_binary_file_is_a_data_error(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(DataError, match="bukan berkas teks") as err:
        load_dataset(write_folder(tmp_path, innovations=png))
    assert "innovations.csv" in str(err.value)


def test_single_csv_file_is_refused_clearly(tmp_path):
    folder = write_folder(tmp_path)
    with pytest.raises(DataError, match="folder"):
        load_dataset(folder / "opd.csv")


def test_size_and_row_limits(tmp_path):
    folder = write_folder(tmp_path)
    with pytest.raises(DataError, match="terlalu besar"):
        load_dataset(folder, max_bytes=50)
    with pytest.raises(DataError, match="terlalu banyak baris") as err:
        load_dataset(folder, max_rows=2)
    assert "innovation_indicators.csv" in str(err.value)
    assert len(load_dataset(folder, max_rows=3).innovation_indicators) == 3


# ---------------------------------------------------------------------- rows


def test_row_numbers_blank_rows_kept_trailing_dropped(tmp_path):
    ans = ("innovation_id,indicator_id,level\n"
           "I1,SID01,1\n"
           "\n"
           ",,\n"
           "I1,SID02,2\n"
           "\n\n ,\n")
    ds = load_dataset(write_folder(tmp_path, innovation_indicators=ans))
    t = ds.innovation_indicators
    assert t["_row"].tolist() == [2, 3, 4, 5]  # rows in = rows out; header = row 1
    assert t["indicator_id"].tolist()[::3] == ["SID01", "SID02"]
    assert t.iloc[1:3]["innovation_id"].isna().all()
    empty = problems_of(ds, "empty_row")
    assert empty["row"].tolist() == [3, 4] and (empty["severity"] == "warning").all()
    # an empty row gets one finding, not one per required column
    assert problems_of(ds, "required").empty


def test_quoted_newline_is_one_row(tmp_path):
    inv = INNOVATIONS.replace("implementation_date\n", "implementation_date,result\n")
    inv = inv.replace("2020-03-01\n", '2020-03-01,"baris satu\nbaris dua"\n').replace(",\n", ",,\n")
    ds = load_dataset(write_folder(tmp_path, innovations=inv))
    assert ds.innovations["_row"].tolist() == [2, 3]
    assert ds.innovations["result"].iloc[0] == "baris satu\nbaris dua"


def test_evidence_status_fill_rule(tmp_path):
    ans = ("innovation_id,indicator_id,level,evidence,evidence_status\n"
           "I1,SID01,1,,\n"  # nothing → missing
           "I1,SID02,1,sk.pdf,\n"  # evidence, no status → pending
           "I1,SID03,1,sk.pdf,Valid\n"
           "I1,SID04,1,,ditolak\n"  # alias → invalid
           "I1,SID05,1,sk.pdf,entah\n")  # unknown → <NA> + finding
    ds = load_dataset(write_folder(tmp_path, innovation_indicators=ans))
    got = ds.innovation_indicators["evidence_status"].tolist()
    assert got[:4] == ["missing", "pending", "valid", "invalid"]
    assert pd.isna(got[4])
    found = problems_of(ds, "enum")
    assert found["row"].tolist() == [6] and found.loc[0, "severity"] == "warning"
    # no evidence_status column at all
    ans = "innovation_id,indicator_id,level,evidence\nI1,SID01,1,\nI1,SID02,2,x\n"
    ds = load_dataset(write_folder(tmp_path, innovation_indicators=ans))
    assert ds.innovation_indicators["evidence_status"].tolist() == ["missing", "pending"]
    ds = load_dataset(write_folder(tmp_path, region_indicators="year,indicator_id,level\n2021,SPD01,0\n"))
    assert ds.region_indicators["evidence_status"].tolist() == ["missing"]


def test_formula_guard_is_undone_on_text(tmp_path):
    inv = ("innovation_id,year,opd_id,name,stage,initiator,kind,form,design,goal\n"
           "I1,2021,DINKES,Satu,penerapan,opd,digital,tata_kelola,'=1+2,'-\n"
           "I2,2021,DINKES,Dua,penerapan,opd,digital,tata_kelola,'biasa,'@x\n")
    ds = load_dataset(write_folder(tmp_path, innovations=inv))
    assert ds.innovations["design"].tolist() == ["=1+2", "'biasa"]
    assert ds.innovations["goal"].tolist() == ["-", "@x"]


# ---------------------------------------------------------------------- findings and schema


def test_problems_have_the_findings_columns_and_dtypes(tmp_path):
    inv = ("innovation_id,year,opd_id,name,stage,initiator,kind,form,trial_date\n"
           "I1,20x1,DINKES,,bogus,opd,digital,tata_kelola,31/02/2021\n")
    ds = load_dataset(write_folder(tmp_path, innovations=inv))
    ref = empty_findings()
    assert list(ds.problems.columns) == list(FINDING_COLUMNS)
    assert ds.problems.dtypes.to_dict() == ref.dtypes.to_dict()
    assert sorted(ds.problems["rule"]) == ["date", "enum", "required", "type"]
    assert (ds.problems["message"] != "").all() and (ds.problems["message_en"] != "").all()


def test_pandera_schemas_accept_loaded_tables(tmp_path):
    ds = load_dataset(write_folder(tmp_path))
    for t in schema.TABLES:
        table_schema(t).validate(ds.table(t))


# ---------------------------------------------------------------------- XLSX


def _workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "Petunjuk"
    wb.active["A1"] = "Isi lembar berikut"
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is not None:
                    ws.cell(row=r, column=c, value=v)
    wb.save(path)
    return path


def _xlsx_sheets() -> dict[str, list[list]]:
    return {
        "OPD": [["Kode OPD", "Nama OPD"], ["DINKES", "Dinas Kesehatan"]],
        "Inovasi": [
            ["ID Inovasi", "Tahun Edisi", "Kode OPD", "Nama Inovasi", "Tahapan", "Inisiator", "Jenis",
             "Bentuk", "Waktu Uji Coba", "Waktu Penerapan", "Urusan Pemerintahan", "Keikutsertaan Sebelumnya"],
            ["I1", 2021, "DINKES", "Satu", "Penerapan", "OPD", "Digital", "Inovasi Pelayanan Publik",
             dt.datetime(2019, 5, 2), "13 Agustus 2020", "=1+2", 0],
            [None] * 12,
            ["I2", 2021.0, "DINKES", "Dua", "Uji Coba", "ASN", "Non Digital", "Inovasi Pelayanan Publik",
             "02/05/2019", 44000, None, "1"],
        ],
        "innovation_indicators": [["innovation_id", "indicator_id", "level"], ["I1", "SID01", 3]],
        "Indikator Daerah": [["Tahun Edisi", "Kode Indikator", "Tingkat"], [2021, "SPD01", 2]],
        "Indikator 2021": [["Kode Indikator"], ["SID01"]],
    }


def test_xlsx_read(tmp_path):
    ds = load_dataset(_workbook(tmp_path / "data.xlsx", _xlsx_sheets()))
    inv = ds.innovations
    assert ds.kind == "xlsx" and ds.files["innovations"] == "Inovasi"
    assert inv["_row"].tolist() == [2, 3, 4]  # real sheet rows, the empty one kept
    assert inv["innovation_id"].tolist()[::2] == ["I1", "I2"]
    assert inv["year"].tolist()[::2] == [2021, 2021]
    assert inv["trial_date"].tolist()[::2] == [pd.Timestamp("2019-05-02"), pd.Timestamp("2019-05-02")]
    assert inv["implementation_date"].tolist()[::2] == [pd.Timestamp("2020-08-13"), pd.Timestamp("2020-06-18")]
    assert inv["previous_entries"].tolist()[::2] == [0, 1]
    # a formula written by openpyxl has no cached value: read as empty, never as formula text
    assert pd.isna(inv.loc[0, "affair"])
    assert not inv.astype("string").apply(lambda c: c.str.startswith("=")).any().any()
    assert ds.innovation_indicators["level"].tolist() == [3]
    assert ds.region_indicators["level"].tolist() == [2]
    assert problems_of(ds, "empty_row")["row"].tolist() == [3]


def test_xlsx_trailing_empty_rows_and_leading_header_gap(tmp_path):
    sheets = _xlsx_sheets()
    sheets["OPD"] = [[None, None], ["Kode OPD", "Nama OPD"], ["DINKES", "Dinas Kesehatan"],
                     [None, None], [None, None]]
    path = _workbook(tmp_path / "data.xlsx", sheets)
    wb = openpyxl.load_workbook(path)
    wb["OPD"]["A40"].font = openpyxl.styles.Font(bold=True)  # a styled, empty cell far below
    wb.save(path)
    ds = load_dataset(path)
    assert ds.opd["_row"].tolist() == [3]
    assert ds.opd["opd_id"].tolist() == ["DINKES"]


def test_xlsx_wrong_dimension_tag_does_not_cut_rows(tmp_path):
    import re
    import zipfile

    sheets = _xlsx_sheets()
    sheets["OPD"] = [["Kode OPD", "Nama OPD", "Catatan"], ["A", "Dinas A", "x"], ["B", "Dinas B", None],
                     ["C", "Dinas C", "z"]]
    good = _workbook(tmp_path / "good.xlsx", sheets)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        sheet_file = "xl/worksheets/sheet2.xml"  # "OPD" is the second sheet (after Petunjuk)
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == sheet_file:
                data, n = re.subn(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:B2"', data)
                assert n == 1
            zout.writestr(item, data)
    ds = load_dataset(bad)
    assert ds.opd["opd_id"].tolist() == ["A", "B", "C"]
    assert ds.opd["Catatan"].tolist()[::2] == ["x", "z"]


def test_xlsx_missing_sheet_and_broken_file(tmp_path):
    sheets = _xlsx_sheets()
    del sheets["Indikator Daerah"]
    with pytest.raises(DataError) as err:
        load_dataset(_workbook(tmp_path / "data.xlsx", sheets))
    assert "Indikator Daerah" in str(err.value) and "data.xlsx" in str(err.value)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("opd_id,name\n")
    with pytest.raises(DataError, match="xlsx"):
        load_dataset(fake)


def test_xlsx_missing_column_names_sheet(tmp_path):
    sheets = _xlsx_sheets()
    sheets["OPD"] = [["Kode OPD"], ["DINKES"]]
    with pytest.raises(DataError) as err:
        load_dataset(_workbook(tmp_path / "data.xlsx", sheets))
    assert "lembar 'OPD'" in str(err.value) and "Nama OPD" in str(err.value)


# ---------------------------------------------------------------------- writers and frames


def _rich_dataset() -> Dataset:
    return dataset_from_frames({
        "opd": pd.DataFrame({"opd_id": ["DINKES", "KEC-UTARA"], "name": ["Dinas Kesehatan", "Kecamatan Utara"],
                             "kind": ["dinas", "Kecamatan"], "active_from": [None, 2019]}),
        "innovations": pd.DataFrame({
            "innovation_id": ["I1", "I2", "I3"], "year": [2021, 2021, 2022],
            "opd_id": ["DINKES", "DINKES", "KEC-UTARA"], "name": ["Satu", "=cmd|' /C calc'!A0", "Tiga"],
            "stage": ["penerapan", "uji coba", "bogus"], "initiator": ["opd", "asn", "masyarakat"],
            "kind": ["digital", "non_digital", "digital"], "form": ["tata_kelola"] * 3,
            "trial_date": pd.to_datetime(["2019-01-05", None, "2020-02-29"]),
            "implementation_date": ["2020-03-01", "31/02/2020", "1 Mei 2020"],
            "previous_entries": [0, None, 2],
            "result": ["Hasil; dengan, tanda \"kutip\"\nbaris baru", "-", None],
            "Catatan": ["x", None, "+62 812"],
        }),
        "innovation_indicators": pd.DataFrame({"innovation_id": ["I1", "I1"], "indicator_id": ["SID01", "SID02"],
                                               "level": [3, 1], "evidence": ["a.pdf", None]}),
        "region_indicators": pd.DataFrame({"year": [2021], "indicator_id": ["SPD01"], "level": ["2"]}),
    })


def test_csv_and_xlsx_writers_round_trip_identically(tmp_path):
    original = _rich_dataset()
    original.to_csv_folder(tmp_path / "csv")
    original.to_xlsx(tmp_path / "data.xlsx")
    from_csv = load_dataset(tmp_path / "csv")
    from_xlsx = load_dataset(tmp_path / "data.xlsx")
    for t in schema.TABLES:
        pd.testing.assert_frame_equal(from_csv.table(t), from_xlsx.table(t))
        pd.testing.assert_frame_equal(from_csv.table(t), original.table(t))
    assert from_xlsx.innovations.loc[1, "name"] == "=cmd|' /C calc'!A0"
    # the files themselves never hold a live formula
    csv_text = (tmp_path / "csv" / "innovations.csv").read_text(encoding="utf-8")
    assert "'=cmd" in csv_text and "'+62 812" in csv_text
    wb = openpyxl.load_workbook(tmp_path / "data.xlsx")
    assert wb.sheetnames == [schema.TABLE_LABELS[t] for t in schema.TABLES]
    values = [c.value for row in wb["Inovasi"].iter_rows() for c in row]
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert [c.value for c in wb["Inovasi"][1]][:2] == ["ID Inovasi", "Tahun Edisi"]
    assert isinstance(wb["Inovasi"]["J2"].value, dt.datetime)  # implementation_date: a real date


def test_xlsx_writer_drops_control_characters_it_cannot_hold(tmp_path):
    ds = dataset_from_frames({"opd": pd.DataFrame({"opd_id": ["A"], "name": ["Dinas\x01 A\x1f"]})})
    ds.to_xlsx(tmp_path / "x.xlsx")
    assert load_dataset(tmp_path / "x.xlsx").opd["name"].tolist() == ["Dinas A"]


def test_dataset_from_frames_rows_and_types():
    ds = _rich_dataset()
    assert ds.kind == "memory"
    assert ds.innovations["_row"].tolist() == [2, 3, 4]
    assert ds.innovations["stage"].tolist()[:2] == ["penerapan", "uji_coba"]
    assert pd.isna(ds.innovations["stage"].iloc[2])
    assert ds.innovations["trial_date"].tolist()[2] == pd.Timestamp("2020-02-29")
    assert ds.innovations["implementation_date"].tolist()[2] == pd.Timestamp("2020-05-01")
    assert ds.opd["active_from"].tolist()[1] == 2019 and ds.opd["kind"].tolist() == ["dinas", "kecamatan"]
    assert ds.region_indicators["level"].tolist() == [2]
    assert ds.innovation_indicators["evidence_status"].tolist() == ["pending", "missing"]
    assert set(problems_of(ds)["rule"]) == {"enum", "date"}
    assert problems_of(ds, "date")["row"].tolist() == [3]


def test_dataset_from_frames_given_rows_index_and_missing_tables():
    inv = pd.DataFrame({"_row": [10, 12], "innovation_id": ["A", "B"], "year": ["2021", "2021"],
                        "opd_id": ["X", "X"], "name": ["a", "b"], "stage": ["penerapan"] * 2,
                        "initiator": ["opd"] * 2, "kind": ["digital"] * 2, "form": ["tata_kelola"] * 2})
    ds = dataset_from_frames({"innovations": inv})
    assert ds.innovations["_row"].tolist() == [10, 12]
    assert len(ds.opd) == 0 and list(ds.opd.columns) == ["_row", *(c.name for c in schema.COLUMNS["opd"])]
    filtered = inv.drop(columns="_row").iloc[[1]]
    assert dataset_from_frames({"innovations": filtered}).innovations["_row"].tolist() == [3]
    with pytest.raises(DataError):
        dataset_from_frames({"innovations": inv.drop(columns="stage")})
    with pytest.raises(DataError):
        dataset_from_frames({"inovasi": inv})


# ---------------------------------------------------------------------- property


_cell = st.one_of(
    st.sampled_from(["", " ", "3", "3.0", "x", "31/02/2021", "13 Agustus 2021", "Uji Coba", "=1+1",
                     "'-", "SID01", "2021", "penerapan", "valid", "a,b", 'q"uote']),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=8),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_cell, min_size=9, max_size=9), min_size=0, max_size=12))
def test_garbled_cells_never_raise_and_rows_are_kept(rows):
    cols = ["innovation_id", "year", "opd_id", "name", "stage", "initiator", "kind", "form", "trial_date"]
    frame = pd.DataFrame(rows, columns=cols, dtype=object) if rows else pd.DataFrame(columns=cols)
    ds = dataset_from_frames({"innovations": frame})
    inv = ds.innovations
    assert len(inv) == len(rows)
    assert inv["_row"].tolist() == list(range(2, len(rows) + 2))
    assert set(ds.problems["row"].dropna()) <= set(inv["_row"])
    assert inv["year"].dtype == "Int64" and inv["trial_date"].dtype == "datetime64[ns]"
    for c in ("stage", "initiator", "kind", "form"):
        enum = schema.column("innovations", c).enum
        assert set(inv[c].dropna()) <= set(schema.ENUMS[enum])
    # every unreadable or missing required cell is reported
    for c in ("year", "stage", "name"):
        missing_rows = set(inv.loc[inv[c].isna(), "_row"])
        reported = set(ds.problems.loc[ds.problems["column"] == c, "row"]) | set(
            ds.problems.loc[ds.problems["rule"] == "empty_row", "row"])
        assert missing_rows <= reported


def test_large_numbers_of_rows_are_vectorised_not_lost():
    n = 50_000
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"innovation_id": [f"I{i % 2000}" for i in range(n)],
                          "indicator_id": [f"SID{(i % 20) + 1:02d}" for i in range(n)],
                          "level": rng.choice(["0", "1", "2", "3", "x"], n)})
    ds = dataset_from_frames({"innovation_indicators": frame})
    assert len(ds.innovation_indicators) == n
    assert int((frame["level"] == "x").sum()) == len(problems_of(ds, "type"))


SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


@pytest.mark.skipif(not (SAMPLE / "innovations.csv").exists(), reason="bundled sample not written yet")
def test_bundled_sample_csv_and_workbook_give_identical_tables(tmp_path):
    from_csv = load_dataset(SAMPLE)
    from_csv.to_xlsx(tmp_path / "sample.xlsx")
    from_xlsx = load_dataset(tmp_path / "sample.xlsx")
    for t in schema.TABLES:
        pd.testing.assert_frame_equal(from_csv.table(t), from_xlsx.table(t), obj=t)
    cols = [c for c in FINDING_COLUMNS if c != "file"]
    pd.testing.assert_frame_equal(from_csv.problems[cols], from_xlsx.problems[cols])
    # writing the CSV folder back and reading it again changes nothing
    from_csv.to_csv_folder(tmp_path / "again")
    again = load_dataset(tmp_path / "again")
    for t in schema.TABLES:
        pd.testing.assert_frame_equal(from_csv.table(t), again.table(t), obj=t)
