"""review.xlsx as a working document (issue 17 item 2, issue 16 item 4): the counts of "Ringkasan"
are results.json's, sheet names stay valid on hostile unit names, no formula, same bytes on reruns."""

from __future__ import annotations

import time
import types
import zipfile

import openpyxl
import pandas as pd
import pytest

from iid_analysis import analysis
from iid_analysis.io.dataset import dataset_from_frames
from iid_analysis.methodology.loader import load_methodology
from iid_analysis.methodology.model import MethodologyError
from iid_analysis.report.workbook.book import write_workbook
from iid_analysis.report.workbook.names import (
    FORBIDDEN,
    GUIDE_SHEET,
    MAX_SHEET_NAME,
    RANKING_SHEET,
    SUMMARY_SHEET,
    sheet_name,
    short_name,
)
from iid_analysis.report.workbook.ranking import HEADER_ROW as RANK_HEADER_ROW
from iid_analysis.report.workbook.ranking import NO_RANKING
from iid_analysis.report.workbook.summary import KEY_LABELS
from iid_analysis.report.workbook.unit_sheet import COLUMNS, HEADER_ROW, STATUS_CHOICES
from iid_analysis.run.artifacts import results_dict
from iid_analysis.synthetic.sample import make_sample

DRAWS = 50


def _editions() -> list[int]:
    out = []
    for y in analysis.resolve_data(None).years():
        try:
            load_methodology(y)
        except MethodologyError:
            continue
        out.append(int(y))
    return out


def assert_valid_book(path) -> openpyxl.Workbook:
    """Re-opens; every sheet name valid and unique; no formula, no text starting one."""
    wb = openpyxl.load_workbook(path, read_only=True)  # read-only: fast for 500 sheets
    names = wb.sheetnames
    assert len({n.lower() for n in names}) == len(names), names
    for n in names:
        assert 0 < len(n) <= MAX_SHEET_NAME, n
        assert not FORBIDDEN.search(n), n
        assert not n.startswith("'") and not n.endswith("'"), n
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate}"
                if isinstance(c.value, str):
                    assert not c.value.startswith(("=", "+", "-", "@")), f"{ws.title}!{c.coordinate}"
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name
    return wb


def _label_values(ws) -> dict[str, object]:
    out: dict[str, object] = {}
    for a, b in ws.iter_rows(min_col=1, max_col=2, values_only=True):
        if isinstance(a, str) and a not in out:
            out[a] = b
    return out


@pytest.fixture(scope="module")
def sample_2021():
    return analysis.analyse(None, 2021, draws=DRAWS)


@pytest.mark.parametrize("year", _editions())
def test_summary_counts_equal_results_json(year, tmp_path):
    a = analysis.analyse(None, year, draws=DRAWS)
    wb = assert_valid_book(write_workbook(a, tmp_path / "review.xlsx"))
    got = _label_values(wb[SUMMARY_SHEET])
    res = results_dict(a)
    labels = dict(zip(a.participation.funnel["step"], a.participation.funnel["label"], strict=True))
    assert got[labels["entered"]] == res["n_submitted"]
    assert got[labels["stage_counted"]] == res["n_stage_counted"]  # the funnel's order: stage first
    assert got[labels["in_window"]] == res["n_in_window"]
    assert got[labels["eligible"]] == res["n_eligible"]
    assert got[labels["scored"]] == res["n_innovations"]
    for key, label in KEY_LABELS.items():
        assert got[label] == res[key], key
    assert wb.sheetnames[:2] == [GUIDE_SHEET, SUMMARY_SHEET] and wb.sheetnames[-1] == RANKING_SHEET


def test_sheets_of_the_2021_sample(sample_2021, tmp_path):
    wb = assert_valid_book(write_workbook(sample_2021, tmp_path / "review.xlsx", contact="Ibu Sari, 0285-421"))
    names = wb.sheetnames
    assert "Kesehatan" in names and "Kecamatan Pekalongan Utara" in names  # short names, no codes
    wb = openpyxl.load_workbook(tmp_path / "review.xlsx")
    assert not any(n.isupper() and "_" in n for n in names)
    guide = " ".join(str(c) for row in wb[GUIDE_SHEET].iter_rows(values_only=True) for c in row if c)
    assert "17 September 2021" in guide and "Hubungi Bappeda: Ibu Sari, 0285-421" in guide
    for head, _, _ in COLUMNS:
        assert head in guide
    ws = wb["Kesehatan"]
    assert ws["A1"].value == "Dinas Kesehatan"
    assert "17 September 2021" in ws["A2"].value
    bimtek = sample_2021.units.profile.set_index("opd_id").loc["DINKES", "bimtek"]
    assert bimtek and all(b in ws["A3"].value for b in bimtek)  # what Bappeda offers
    assert [c.value for c in ws[HEADER_ROW]] == [h for h, _, _ in COLUMNS]
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    # "Belum" only where something is asked; rows that need nothing leave Status empty
    assert rows and all(r[7] in ("Belum", None) and r[8] is None for r in rows)
    assert all(r[7] == "Belum" for r in rows if r[2] != "Isian dan syarat")
    indicators = [r[2] for r in rows if r[2] and r[2].startswith("SID")]
    assert indicators and all(len(i.split(" ", 1)) == 2 for i in indicators)  # code AND name
    assert any(isinstance(r[6], float) and r[6] > 0 for r in rows)  # points per fix
    dv = ws.data_validations.dataValidation
    assert len(dv) == 1 and dv[0].type == "list"
    assert dv[0].formula1 == '"' + ",".join(STATUS_CHOICES) + '"'
    assert str(dv[0].sqref) == f"H{HEADER_ROW + 1}:H{HEADER_ROW + len(rows)}"
    for w in wb.worksheets:
        assert w.page_setup.orientation == "landscape" and w.page_setup.fitToHeight == 0
        assert w.page_setup.fitToWidth == 1 and w.sheet_properties.pageSetUpPr.fitToPage
        assert w.print_area
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    # rows grow with their text: a long cell gets a taller row than a one-line one
    heights = [ws.row_dimensions[r].height for r in range(HEADER_ROW + 1, ws.max_row + 1)]
    assert all(h and h >= 15 for h in heights) and max(heights) > 2 * min(heights)
    rank = wb[RANKING_SHEET]
    assert [c.value for c in rank[RANK_HEADER_ROW]][:2] == ["Peringkat", "OPD"]
    ranked = [r for r in rank.iter_rows(min_row=RANK_HEADER_ROW + 1, values_only=True)]
    assert [r[0] for r in ranked] == sorted(r[0] for r in ranked) and ranked[0][0] == 1


def test_guide_without_contact_names_nobody(sample_2021, tmp_path):
    wb = openpyxl.load_workbook(write_workbook(sample_2021, tmp_path / "r.xlsx"))
    guide = [str(c) for row in wb[GUIDE_SHEET].iter_rows(values_only=True) for c in row if c]
    assert "Pertanyaan: Hubungi Bappeda." in guide


def test_reruns_are_byte_identical(sample_2021, tmp_path):
    first = write_workbook(sample_2021, tmp_path / "a" / "review.xlsx").read_bytes()
    time.sleep(1.1)  # a clock stamped anywhere in the file would now differ
    second = write_workbook(sample_2021, tmp_path / "b" / "review.xlsx").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "a" / "review.xlsx") as z:
        assert "2021-01-01T00:00:00Z" in z.read("docProps/core.xml").decode()
        assert {i.date_time for i in z.infolist()} == {(2021, 1, 1, 0, 0, 0)}


# ---------------------------------------------------------------------- hostile unit names
LONG = "Dinas Pemberdayaan Masyarakat Desa dan Kelurahan Kota Contoh Raya"[:60]


def test_short_names_and_sheet_names_by_hand():
    assert short_name("Dinas Kesehatan") == "Kesehatan"
    assert short_name("Badan Pendapatan Daerah") == "Pendapatan Daerah"
    assert short_name("Kecamatan Pekalongan Utara") == "Kecamatan Pekalongan Utara"
    assert short_name("Dinas") == "Dinas"
    taken: set[str] = set()
    a = sheet_name(short_name(LONG), taken)
    b = sheet_name(short_name(LONG), taken)
    assert len(LONG) == 60 and a == "Pemberdayaan Masyarakat Desa"  # cut between words, not after "dan"
    assert b == "Pemberdayaan Masyarakat (2)"
    assert sheet_name("Kepegawaian dan Pengembangan Sumber Daya Manusia", taken) == \
        "Kepegawaian dan Pengembangan"
    assert sheet_name("X" * 40, taken) == "X" * 31  # no space: a hard cut
    assert sheet_name("a/b\\c?d*e[f]g:h", taken) == "a b c d e f g h"
    assert sheet_name("'quoted'", taken) == "quoted"
    assert sheet_name("History", taken) == "History (2)"
    assert sheet_name("=SUM(1)", taken) == "=SUM(1)"  # a sheet name is not a cell
    assert sheet_name("", taken) == "Tanpa Kode OPD"


def _hostile_tables() -> dict[str, pd.DataFrame]:
    """Each 2021 innovation in its own unit, the units named to break sheet names."""
    t = make_sample()
    inv = t["innovations"].copy()
    rows = inv.index[inv["year"] == "2021"]
    bad = [LONG, LONG[:-1] + "X", "Dinas A/B\\C?D*E[F]", "=HYPERLINK(\"x\")", "'Kutip'",
           "Badan " + "Z" * 40, "Badan " + "Z" * 41, "history", "Dinas"]
    names = [bad[j] if j < len(bad) else f"Dinas Unit {j}" for j in range(len(rows))]
    ids = [f"U{j:03d}" for j in range(len(rows))]
    inv.loc[rows, "opd_id"] = ids
    opd = pd.DataFrame({"opd_id": ids + ["KOSONG"], "name": names + ["Dinas Tanpa Inovasi"],
                        "kind": "dinas", "active_from": "", "active_to": ""})
    return {**t, "innovations": inv, "opd": pd.concat([t["opd"], opd], ignore_index=True)}


def test_hostile_unit_names_give_valid_unique_sheets(tmp_path):
    a = analysis.analyse(dataset_from_frames(_hostile_tables()), 2021, draws=DRAWS)
    wb = assert_valid_book(write_workbook(a, tmp_path / "review.xlsx"))
    names = wb.sheetnames
    assert "Tanpa Inovasi" not in names  # a unit with no innovations gets no sheet
    long_ones = [n for n in names if n.startswith(LONG[6:20])]
    assert len(long_ones) == 2 and any(n.endswith(" (2)") for n in long_ones)
    titles = {wb[n]["A1"].value for n in names}
    assert LONG in titles and "'=HYPERLINK(\"x\")" in titles  # full name on the sheet, inert


def test_500_units(sample_2021, tmp_path):
    n = 500
    ids = [f"OPD{j:03d}" for j in range(n)]
    names = [f"Dinas Urusan Pemerintahan Nomor {j % 7} Kota Contoh" for j in range(n)]
    profile = pd.DataFrame({"opd_id": ids, "name": names, "n_entered": 1, "n_eligible": 1,
                            "n_scored": 1, "mean_maturity": 60.0, "coaching_group": "matang",
                            "coaching_action": "Pertahankan."})
    entries = pd.DataFrame({"opd_id": ids, "innovation_id": [f"I{j}" for j in range(n)],
                            "name": "=cmd|x", "stage_label": "Penerapan", "decision": "lengkapi",
                            "decision_label": "Lengkapi", "reasons": "-bukti kurang", "maturity": 60.0})
    actions = pd.DataFrame({"opd_id": ids, "innovation_id": [f"I{j}" for j in range(n)],
                            "innovation_name": "x", "indicator_id": "SID01",
                            "indicator_name": "Regulasi inovasi daerah", "level": 1, "target_level": 3,
                            "missing": "+tingkat", "action": "@unggah", "evidence": "Regulasi",
                            "gain": 0.2, "before_deadline": True})
    ranking = profile[["opd_id", "name"]].assign(contribution=0.1, rank=range(1, n + 1), rank_low=1,
                                                  rank_high=n, mean_maturity=60.0, rank_maturity=1,
                                                  n_scored=1)
    units = types.SimpleNamespace(profile=profile, entries=entries, actions=actions, ranking=ranking,
                                  deadline=sample_2021.methodology.input_closes)
    fake = types.SimpleNamespace(**vars(sample_2021))
    fake.units = units
    wb = assert_valid_book(write_workbook(fake, tmp_path / "review.xlsx"))
    assert len(wb.sheetnames) == n + 3


def test_an_edition_with_no_innovations(tmp_path):
    t = make_sample()
    inv = t["innovations"]
    gone = set(inv.loc[inv["year"] == "2021", "innovation_id"])
    ii = t["innovation_indicators"]
    t = {**t, "innovations": inv[inv["year"] != "2021"],
         "innovation_indicators": ii[~ii["innovation_id"].isin(gone)]}
    a = analysis.analyse(dataset_from_frames(t), 2021, draws=DRAWS)
    wb = assert_valid_book(write_workbook(a, tmp_path / "review.xlsx"))
    assert wb.sheetnames == [GUIDE_SHEET, SUMMARY_SHEET, RANKING_SHEET]
    got = _label_values(wb[SUMMARY_SHEET])
    assert got[KEY_LABELS["n_opd_participating"]] == 0 and got[KEY_LABELS["n_opd"]] == 37
    assert wb[RANKING_SHEET].cell(RANK_HEADER_ROW + 1, 2).value == NO_RANKING
