"""Desk review rules (validation.review): every rule with a failing and a passing hand-written case,
the decisions, reasons and to-do texts, counts and the summary.

The helpers at the top (``base_tables``, ``make_dataset``, ``run``) are also used by
``test_validation_properties.py`` and ``test_review_outputs.py``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from iid_analysis.io import schema
from iid_analysis.io.dataset import Dataset, dataset_from_frames
from iid_analysis.io.findings import FINDING_COLUMNS
from iid_analysis.methodology import load_methodology
from iid_analysis.review import (
    MIN_PROFILE_WORDS,
    Review,
    format_date_id,
    review,
    summary_lines,
)

M2021 = load_methodology(2021)
SID = [i.id for i in M2021.indicators_of("SID")]
SPD = [i.id for i in M2021.indicators_of("SPD")]
PROFILE = "Uraian yang cukup panjang untuk profil inovasi ini"  # 8 words


# ============================================================================ helpers
def base_tables(n: int = 1, year: int = 2021) -> dict[str, pd.DataFrame]:
    """A clean raw (all text) dataset: ``n`` eligible, complete innovations of ``year`` (2021 frame)."""
    opd = pd.DataFrame(
        {
            "opd_id": ["DINKES", "DISDIK", "KECLAMA"],
            "name": ["Dinas Kesehatan", "Dinas Pendidikan", "Kecamatan Lama"],
            "kind": ["dinas", "dinas", "kecamatan"],
            "active_from": ["", "", "2010"],
            "active_to": ["", "", "2019"],
        }
    )
    inv = pd.DataFrame(
        {
            "innovation_id": [f"INV{k + 1}" for k in range(n)],
            "year": [str(year)] * n,
            "opd_id": ["DINKES"] * n,
            "name": [f"Inovasi nomor {k + 1}" for k in range(n)],
            "stage": ["penerapan"] * n,
            "initiator": ["opd"] * n,
            "kind": ["digital"] * n,
            "form": ["pelayanan_publik"] * n,
            "affair": ["kesehatan"] * n,
            "trial_date": ["2019-06-01"] * n,
            "implementation_date": ["2020-03-01"] * n,
            "submitted_on": ["2021-08-01"] * n,
            "previous_entries": ["0"] * n,
            **{c: [PROFILE] * n for c in schema.PROFILE_COLUMNS},
        }
    )
    ans = pd.DataFrame(
        [
            {
                "innovation_id": f"INV{k + 1}",
                "indicator_id": s,
                "level": "1",
                "evidence": f"dok_{s}.pdf",
                "evidence_status": "valid",
            }
            for k in range(n)
            for s in SID
        ],
        columns=["innovation_id", "indicator_id", "level", "evidence", "evidence_status"],
    )
    reg = pd.DataFrame(
        [
            {
                "year": str(year),
                "indicator_id": s,
                "level": "1",
                "evidence": f"dok_{s}.pdf",
                "evidence_status": "valid",
            }
            for s in SPD
        ]
    )
    return {"opd": opd, "innovations": inv, "innovation_indicators": ans, "region_indicators": reg}


def make_dataset(tables: dict[str, pd.DataFrame]) -> Dataset:
    """Typed Dataset from raw (text) frames, typed exactly as the loader types files."""
    return dataset_from_frames({t: df.reset_index(drop=True) for t, df in tables.items()})


def run(tables: dict[str, pd.DataFrame], year: int = 2021) -> Review:
    return review(make_dataset(tables), load_methodology(year), year)


def rules(rv: Review, innovation_id: str | None = None) -> set[str]:
    f = rv.findings
    if innovation_id is not None:
        f = f[f["innovation_id"] == innovation_id]
    return set(f["rule"])


def row_of(rv: Review, innovation_id: str) -> pd.Series:
    sel = rv.innovations[rv.innovations["innovation_id"] == innovation_id]
    assert len(sel) == 1
    return sel.iloc[0]


def set_cell(tables, table: str, row: int, column: str, value) -> None:
    tables[table].loc[row, column] = value


# ============================================================================ the clean case
def test_clean_innovation_goes_on():
    rv = run(base_tables())
    r = row_of(rv, "INV1")
    assert bool(r["eligible"]) and r["decision"] == "lanjut"
    assert r["reasons"] == "memenuhi syarat dan berkas lengkap"
    assert r["todo"] == ""
    assert rv.findings.empty
    assert list(rv.findings.columns) == list(FINDING_COLUMNS)
    assert rv.answers["usable"].all() and len(rv.answers) == 20
    assert rv.region_answers["usable"].all() and len(rv.region_answers) == 15


def test_review_columns_follow_the_contract():
    rv = run(base_tables(2))
    assert list(rv.innovations.columns) == [
        "_row",
        "innovation_id",
        "opd_id",
        "opd_name",
        "name",
        "stage",
        "initiator",
        "kind",
        "form",
        "affair",
        "trial_date",
        "implementation_date",
        "submitted_on",
        "previous_entries",
        "design",
        "goal",
        "benefit",
        "result",
        "affairs_other",
        "development_date",
        "theme",
        "latitude",
        "longitude",
        "asta_cita",
        "affair_canonical",
        "affairs_other_canonical",
        "earlier_entries",
        "in_window",
        "stage_counted",
        "reentry_ok",
        "on_time",
        "eligible",
        "decision",
        "reasons",
        "todo",
        "n_errors",
        "n_warnings",
    ]
    assert list(rv.innovations.index) == [0, 1]
    assert list(rv.answers.columns) == [
        "_row",
        "innovation_id",
        "indicator_id",
        "level",
        "evidence",
        "evidence_status",
        "evidence_status_declared",
        "usable",
    ]
    assert str(rv.answers["level"].dtype) == "Int64"
    assert rv.innovations["opd_name"].tolist() == ["Dinas Kesehatan"] * 2
    for c in ("in_window", "stage_counted", "reentry_ok", "on_time", "eligible"):
        assert rv.innovations[c].dtype == bool


# ============================================================================ schema / types / enums
def test_required_cell_empty():
    t = base_tables(2)
    set_cell(t, "innovations", 0, "name", "")
    rv = run(t)
    f = rv.findings[rv.findings["rule"] == "required"]
    assert f[["row", "column", "severity"]].values.tolist() == [[2, "name", "error"]]
    assert row_of(rv, "INV1")["decision"] == "lengkapi"
    assert "isi nama inovasi" in row_of(rv, "INV1")["todo"]
    assert "required" not in rules(rv, "INV2")
    assert row_of(rv, "INV2")["decision"] == "lanjut"


def test_type_problem_from_loader_is_a_finding_and_weighs():
    t = base_tables(2)
    set_cell(t, "innovations", 0, "previous_entries", "dua")
    rv = run(t)
    f = rv.findings[(rv.findings["rule"] == "type") & (rv.findings["column"] == "previous_entries")]
    assert f["row"].tolist() == [2] and f["innovation_id"].tolist() == ["INV1"]
    assert row_of(rv, "INV1")["decision"] == "lengkapi"
    assert "keikutsertaan" in row_of(rv, "INV1")["todo"]
    assert row_of(rv, "INV2")["decision"] == "lanjut"


def test_enum_unknown_stage_cannot_prove_eligibility():
    t = base_tables(2)
    set_cell(t, "innovations", 0, "stage", "hampir jadi")
    set_cell(t, "innovations", 1, "stage", "Penerapan")  # label spelling is accepted
    rv = run(t)
    assert "enum" in rules(rv, "INV1")
    r = row_of(rv, "INV1")
    assert not r["stage_counted"] and not r["eligible"] and r["decision"] == "lengkapi"
    assert "isi tahapan yang benar" in r["todo"]
    assert row_of(rv, "INV2")["decision"] == "lanjut"
    assert rules(rv, "INV2") == set()


def test_unreadable_implementation_date_asks_for_the_right_date():
    t = base_tables(2)
    set_cell(t, "innovations", 0, "implementation_date", "31/02/2020")
    set_cell(t, "innovations", 1, "implementation_date", "29/02/2020")
    rv = run(t)
    r = row_of(rv, "INV1")
    assert "date" in rules(rv, "INV1")
    assert "implementation_date_missing" not in rules(rv, "INV1")  # not reported twice
    assert not r["in_window"] and r["decision"] == "lengkapi"
    assert "isi waktu penerapan yang benar" in r["todo"]
    r2 = row_of(rv, "INV2")
    assert r2["in_window"] and r2["decision"] == "lanjut"


# ============================================================================ dates
def test_implementation_date_missing_for_penerapan():
    t = base_tables(3)
    set_cell(t, "innovations", 0, "implementation_date", "")
    set_cell(t, "innovations", 1, "implementation_date", "")
    set_cell(t, "innovations", 1, "stage", "uji coba")  # not required for a trial
    rv = run(t)
    assert "implementation_date_missing" in rules(rv, "INV1")
    assert row_of(rv, "INV1")["decision"] == "lengkapi"
    assert row_of(rv, "INV1")["todo"] == "isi waktu penerapan yang benar"
    assert "implementation_date_missing" not in rules(rv, "INV2")
    assert "implementation_date_missing" not in rules(rv, "INV3")


def test_trial_after_implementation():
    t = base_tables(2)
    set_cell(t, "innovations", 0, "trial_date", "2020-05-01")
    set_cell(t, "innovations", 1, "trial_date", "2020-03-01")  # same day is fine
    rv = run(t)
    f = rv.findings[rv.findings["rule"] == "trial_after_implementation"]
    assert f["innovation_id"].tolist() == ["INV1"]
    assert f["value"].iloc[0] == "1 Mei 2020"
    assert row_of(rv, "INV1")["decision"] == "lengkapi"
    assert row_of(rv, "INV2")["decision"] == "lanjut"


def test_implementation_after_input_deadline():
    t = base_tables(2)
    set_cell(t, "innovations", 0, "implementation_date", "2021-09-18")
    set_cell(t, "innovations", 1, "implementation_date", "2021-09-17")
    rv = run(t)
    assert "implementation_after_deadline" in rules(rv, "INV1")
    assert row_of(rv, "INV1")["decision"] == "lengkapi"
    assert "periksa dan perbaiki waktu penerapan" in row_of(rv, "INV1")["todo"]
    assert "implementation_after_deadline" not in rules(rv, "INV2")
    assert "outside_window" in rules(rv, "INV2")


@pytest.mark.parametrize(
    "date, inside",
    [
        ("2018-12-31", False),
        ("2019-01-01", True),
        ("2020-12-31", True),
        ("2021-01-01", False),
    ],
)
def test_window_bounds_are_inclusive(date, inside):
    t = base_tables()
    set_cell(t, "innovations", 0, "implementation_date", date)
    set_cell(t, "innovations", 0, "trial_date", "")
    rv = run(t)
    r = row_of(rv, "INV1")
    assert bool(r["in_window"]) is inside
    assert r["decision"] == ("lanjut" if inside else "tidak_lanjut")


def test_outside_window_reason_in_words():
    t = base_tables()
    set_cell(t, "innovations", 0, "implementation_date", "2021-03-12")
    rv = run(t)
    r = row_of(rv, "INV1")
    assert r["decision"] == "tidak_lanjut" and not r["eligible"]
    assert (
        r["reasons"] == "diterapkan 12 Maret 2021, di luar periode penilaian 1 Januari 2019–31 Desember 2020"
    )
    assert r["todo"] == ""
    f = rv.findings[rv.findings["rule"] == "outside_window"].iloc[0]
    assert f["severity"] == "error" and f["column"] == "implementation_date" and f["row"] == 2
    assert f["message_en"].startswith("Implemented 2021-03-12")


def test_submitted_after_deadline_extension_included():
    t = base_tables(3)
    set_cell(t, "innovations", 0, "submitted_on", "2021-09-18")
    set_cell(t, "innovations", 1, "submitted_on", "2021-09-17")  # last day of the extension
    set_cell(t, "innovations", 2, "submitted_on", "2021-08-14")  # after the first close, extended
    rv = run(t)
    r = row_of(rv, "INV1")
    assert not r["on_time"] and r["decision"] == "tidak_lanjut"
    assert r["reasons"] == "dimasukkan 18 September 2021, setelah batas akhir pengisian 17 September 2021"
    for i in ("INV2", "INV3"):
        assert row_of(rv, i)["on_time"] and row_of(rv, i)["decision"] == "lanjut"


def test_missing_submission_date_counts_as_on_time():
    t = base_tables()
    set_cell(t, "innovations", 0, "submitted_on", "")
    rv = run(t)
    assert row_of(rv, "INV1")["on_time"] and row_of(rv, "INV1")["decision"] == "lanjut"


def test_submitted_before_window_opened_is_a_warning():
    t = base_tables(2)
    set_cell(t, "innovations", 0, "submitted_on", "2021-04-30")
    set_cell(t, "innovations", 1, "submitted_on", "2021-05-01")
    rv = run(t)
    f = rv.findings[rv.findings["rule"] == "submitted_early"]
    assert f["innovation_id"].tolist() == ["INV1"] and f["severity"].tolist() == ["warning"]
    r = row_of(rv, "INV1")
    assert r["decision"] == "lanjut" and "catatan: tanggal pengisian 30 April 2021" in r["reasons"]
    assert row_of(rv, "INV2")["reasons"] == "memenuhi syarat dan berkas lengkap"


# ============================================================================ eligibility
def test_stage_not_counted():
    t = base_tables(2)
    set_cell(t, "innovations", 0, "stage", "Uji Coba")
    rv = run(t)
    r = row_of(rv, "INV1")
    assert not r["stage_counted"] and r["decision"] == "tidak_lanjut"
    assert r["reasons"] == "tahapan uji coba tidak dihitung (yang dihitung: penerapan)"
    assert row_of(rv, "INV2")["stage_counted"]


def test_reentry_limit_from_methodology():
    t = base_tables(2)
    set_cell(t, "innovations", 0, "previous_entries", "1")
    rv = run(t)
    r = row_of(rv, "INV1")
    assert not r["reentry_ok"] and r["decision"] == "tidak_lanjut"
    assert "sudah 1 kali diikutkan IGA sebelumnya (batas 0)" in r["reasons"]
    assert row_of(rv, "INV2")["reentry_ok"]
    # 2023 allows one earlier entry (window 2021-2022)
    t = base_tables(2, year=2023)
    for col, v in (
        ("implementation_date", "2022-03-01"),
        ("submitted_on", "2023-06-01"),
        ("trial_date", "2021-06-01"),
    ):
        t["innovations"][col] = v
    t["innovations"].loc[0, "previous_entries"] = "1"
    t["innovations"].loc[1, "previous_entries"] = "2"
    rv = run(t, 2023)
    assert row_of(rv, "INV1")["reentry_ok"] and not row_of(rv, "INV2")["reentry_ok"]


def test_negative_previous_entries():
    t = base_tables(2)
    set_cell(t, "innovations", 0, "previous_entries", "-1")
    rv = run(t)
    assert "range" in rules(rv, "INV1") and row_of(rv, "INV1")["decision"] == "lengkapi"
    assert "range" not in rules(rv, "INV2")


# ============================================================================ duplicates
def test_duplicate_innovation_id():
    t = base_tables(3)
    set_cell(t, "innovations", 1, "innovation_id", "INV1")
    set_cell(t, "innovations", 1, "name", "Inovasi lain")
    rv = run(t)
    dup = rv.innovations[rv.innovations["innovation_id"] == "INV1"]
    assert len(dup) == 2
    assert (~dup["eligible"]).all() and (dup["decision"] == "lengkapi").all()
    f = rv.findings[rv.findings["rule"] == "duplicate_id"]
    assert f["row"].tolist() == [2, 3]
    assert "baris 2, 3" in f["message"].iloc[0]
    assert not rv.answers.loc[rv.answers["innovation_id"] == "INV1", "usable"].any()
    assert row_of(rv, "INV3")["decision"] == "lanjut"


def test_same_id_in_a_later_edition_is_a_reentry():
    t = base_tables(2)
    set_cell(t, "innovations", 1, "innovation_id", "INV1")
    set_cell(t, "innovations", 1, "year", "2022")
    set_cell(t, "innovations", 1, "previous_entries", "")  # counted from the data
    t["innovation_indicators"]["innovation_id"] = "INV1"  # the second answer of each: 2022's
    rv = run(t)
    assert len(rv.innovations) == 1
    assert "duplicate_id" not in rules(rv) and row_of(rv, "INV1")["decision"] == "lanjut"
    assert len(rv.answers) == 20 and rv.answers["_row"].tolist() == list(range(2, 22))
    assert rv.set_aside["table"].value_counts().to_dict() == {"innovation_indicators": 20,
                                                              "innovations": 1}
    rv22 = run(t, year=2022)
    r = row_of(rv22, "INV1")
    assert r["earlier_entries"] == 1 and "duplicate_id" not in rules(rv22)
    assert rv22.answers["_row"].tolist() == list(range(22, 42))
    f = rv22.findings[rv22.findings["rule"] == "reentry_counted"]
    assert f["row"].tolist() == [3] and "1 kali" in f["message"].iloc[0]


def test_answers_name_their_edition_with_a_year_column():
    t = base_tables(2)
    set_cell(t, "innovations", 1, "innovation_id", "INV1")
    set_cell(t, "innovations", 1, "year", "2022")
    a = t["innovation_indicators"]
    a["innovation_id"] = "INV1"
    a["year"] = ["2022"] * 20 + ["2021"] * 20  # the file order no longer decides
    rv = run(t)
    assert rv.answers["_row"].tolist() == list(range(22, 42))
    a.loc[0, "year"] = "2020"  # an edition INV1 was not entered in: reported there, set aside here
    rv = run(t)
    assert "innovation_not_in_edition" not in rules(rv)
    assert "innovation_not_in_edition" in set(run(t, year=2020).findings["rule"])


def test_duplicate_id_within_an_edition_still_counts():
    t = base_tables(3)
    set_cell(t, "innovations", 1, "innovation_id", "INV1")
    set_cell(t, "innovations", 2, "year", "2022")
    rv = run(t)
    assert "duplicate_id" in rules(rv, "INV1")
    f = rv.findings[rv.findings["rule"] == "duplicate_id"]
    assert f["row"].tolist() == [2, 3] and "baris 2, 3" in f["message"].iloc[0]


def test_duplicate_name_and_opd_in_one_edition():
    t = base_tables(4)
    set_cell(t, "innovations", 1, "name", " inovasi NOMOR 1")  # same name, case and spaces aside
    set_cell(t, "innovations", 3, "name", "Inovasi nomor 1")
    set_cell(t, "innovations", 3, "opd_id", "DISDIK")  # another OPD: not a duplicate
    rv = run(t)
    f = rv.findings[rv.findings["rule"] == "duplicate_name"]
    assert f["innovation_id"].tolist() == ["INV2"]
    assert "baris 2" in f["message"].iloc[0]
    assert row_of(rv, "INV1")["decision"] == "lanjut"
    assert row_of(rv, "INV2")["decision"] == "lengkapi"
    assert row_of(rv, "INV4")["decision"] == "lanjut"


def test_duplicated_rows_are_all_kept():
    t = base_tables(2)
    t["innovations"] = pd.concat([t["innovations"], t["innovations"].iloc[[0]]], ignore_index=True)
    rv = run(t)
    assert len(rv.innovations) == 3
    assert rv.innovations["_row"].tolist() == [2, 3, 4]


# ============================================================================ references
def test_unknown_opd():
    t = base_tables(2)
    set_cell(t, "innovations", 0, "opd_id", "DINSOS")
    set_cell(t, "innovations", 1, "opd_id", " dinkes ")  # case and spaces aside
    rv = run(t)
    r = row_of(rv, "INV1")
    assert "opd_unknown" in rules(rv, "INV1") and not r["eligible"] and r["decision"] == "lengkapi"
    assert "kode OPD DINSOS tidak ada di daftar OPD" in r["reasons"]
    r2 = row_of(rv, "INV2")
    assert r2["eligible"] and r2["opd_id"] == "DINKES" and r2["opd_name"] == "Dinas Kesehatan"


def test_opd_not_active_that_year():
    t = base_tables(2)
    set_cell(t, "innovations", 0, "opd_id", "KECLAMA")  # active 2010–2019
    rv = run(t)
    assert "opd_inactive" in rules(rv, "INV1")
    assert row_of(rv, "INV1")["decision"] == "lengkapi"
    t = base_tables(2)
    set_cell(t, "opd", 2, "active_to", "2021")
    set_cell(t, "innovations", 0, "opd_id", "KECLAMA")
    assert "opd_inactive" not in rules(run(t), "INV1")


def test_opd_table_duplicates_and_empty_cells():
    t = base_tables()
    t["opd"] = pd.concat(
        [t["opd"], pd.DataFrame({"opd_id": ["DINKES", ""], "name": ["Lagi", "X"]})],
        ignore_index=True,
    )
    rv = run(t)
    f = rv.findings[rv.findings["table"] == "opd"]
    assert sorted(f["rule"]) == ["duplicate_id", "required"]
    assert f["row"].tolist() == [5, 6]
    assert row_of(rv, "INV1")["opd_name"] == "Dinas Kesehatan"  # the first row is used


def test_indicator_unknown_or_wrong_aspect():
    t = base_tables(3)
    a = t["innovation_indicators"]
    a.loc[0, "indicator_id"] = "SID99"
    a.loc[20, "indicator_id"] = "SPD01"
    a.loc[40, "indicator_id"] = "sid01"  # case aside: known
    rv = run(t)
    assert "indicator_unknown" in rules(rv, "INV1")
    assert "indicator_aspect" in rules(rv, "INV2")
    assert row_of(rv, "INV1")["decision"] == "lengkapi"
    assert row_of(rv, "INV2")["decision"] == "lengkapi"
    assert row_of(rv, "INV3")["decision"] == "lanjut"
    u = rv.answers.set_index("_row")["usable"]
    assert not u[2] and not u[22] and u[42]
    assert rv.answers.set_index("_row").loc[42, "indicator_id"] == "SID01"


def test_spd_indicator_unknown_in_region_table():
    t = base_tables()
    t["region_indicators"].loc[0, "indicator_id"] = "SID01"
    rv = run(t)
    f = rv.findings[rv.findings["table"] == "region_indicators"]
    assert set(f["rule"]) == {"indicator_aspect", "spd_missing"}
    assert f.loc[f["rule"] == "spd_missing", "value"].tolist() == ["SPD01"]
    assert row_of(rv, "INV1")["decision"] == "lanjut"  # SPD problems are not the OPD's


def test_indicator_answered_twice():
    t = base_tables(2)
    extra = t["innovation_indicators"].iloc[[0]].assign(level="3")
    t["innovation_indicators"] = pd.concat([t["innovation_indicators"], extra], ignore_index=True)
    rv = run(t)
    f = rv.findings[rv.findings["rule"] == "answer_duplicate"]
    assert f["row"].tolist() == [42] and f["innovation_id"].tolist() == ["INV1"]
    assert "yang dipakai baris 2" in f["message"].iloc[0]
    u = rv.answers.set_index("_row")["usable"]
    assert u[2] and not u[42]
    assert row_of(rv, "INV1")["decision"] == "lengkapi"
    assert row_of(rv, "INV2")["decision"] == "lanjut"


def test_answer_for_unknown_innovation():
    t = base_tables()
    extra = pd.DataFrame(
        [
            {
                "innovation_id": "NOPE",
                "indicator_id": "SID01",
                "level": "1",
                "evidence": "x",
                "evidence_status": "valid",
            }
        ]
    )
    t["innovation_indicators"] = pd.concat([t["innovation_indicators"], extra], ignore_index=True)
    rv = run(t)
    f = rv.findings[rv.findings["rule"] == "innovation_unknown"]
    assert f["row"].tolist() == [22] and f["value"].tolist() == ["NOPE"]
    assert len(rv.answers) == 20  # not an answer of this edition
    assert row_of(rv, "INV1")["decision"] == "lanjut"


def test_answers_of_another_edition_are_left_alone():
    t = base_tables(2)
    set_cell(t, "innovations", 1, "year", "2022")
    set_cell(t, "innovations", 1, "stage", "selesai")  # the loader's finding belongs to 2022
    t["innovation_indicators"].loc[20, "level"] = "dua"  # an answer of INV2 (2022)
    t["region_indicators"].loc[0, "level"] = "x"
    t["region_indicators"].loc[0, "year"] = "2022"
    rv = run(t)
    assert set(rv.answers["innovation_id"]) == {"INV1"}
    assert rules(rv) == {"spd_missing"}  # SPD01 moved to 2022
    rv22 = run(t, 2022)
    assert {"enum", "type"} <= rules(rv22)


# ============================================================================ levels and evidence
def test_level_outside_0_to_3():
    t = base_tables(2)
    t["innovation_indicators"].loc[0, "level"] = "5"
    t["innovation_indicators"].loc[20, "level"] = "3"
    rv = run(t)
    f = rv.findings[rv.findings["rule"] == "level_range"]
    assert f["row"].tolist() == [2] and f["value"].tolist() == ["5"]
    assert row_of(rv, "INV1")["decision"] == "lengkapi"
    assert "perbaiki tingkat SID01 (0–3)" in row_of(rv, "INV1")["todo"]
    assert row_of(rv, "INV2")["decision"] == "lanjut"
    u = rv.answers.set_index("_row")["usable"]
    assert not u[2] and u[22]


def test_evidence_missing_for_a_claimed_level():
    t = base_tables(2)
    a = t["innovation_indicators"]
    a.loc[0, ["level", "evidence", "evidence_status"]] = ["2", "", ""]
    a.loc[21, ["level", "evidence", "evidence_status"]] = ["0", "", ""]  # not claimed: fine
    rv = run(t)
    r = row_of(rv, "INV1")
    assert r["decision"] == "lengkapi"
    assert r["reasons"] == "bukti SID01 Regulasi inovasi daerah belum ada"
    assert r["todo"] == "lengkapi bukti SID01 Regulasi inovasi daerah"
    assert rules(rv, "INV2") == set() and row_of(rv, "INV2")["decision"] == "lanjut"
    f = rv.findings[rv.findings["rule"] == "evidence_missing"].iloc[0]
    assert f["severity"] == "error" and f["column"] == "evidence_status" and f["row"] == 2


def test_evidence_invalid_and_pending():
    t = base_tables(3)
    a = t["innovation_indicators"]
    a.loc[1, "evidence_status"] = "tidak valid"
    a.loc[22, "evidence_status"] = ""  # evidence present, no status → pending
    rv = run(t)
    assert "evidence_invalid" in rules(rv, "INV1")
    assert "ganti bukti tidak valid SID02 Ketersediaan SDM" in row_of(rv, "INV1")["todo"]
    f = rv.findings[rv.findings["rule"] == "evidence_pending"]
    assert f["innovation_id"].tolist() == ["INV2"] and f["severity"].tolist() == ["warning"]
    assert row_of(rv, "INV2")["decision"] == "lengkapi"
    assert "minta Bappeda memeriksa bukti SID03 Dukungan anggaran" in row_of(rv, "INV2")["todo"]
    assert row_of(rv, "INV3")["decision"] == "lanjut"


# ============================================================================ profile and answers present
def test_profile_empty_or_too_short():
    assert MIN_PROFILE_WORDS == 5
    t = base_tables(3)
    set_cell(t, "innovations", 0, "goal", "")
    set_cell(t, "innovations", 1, "result", "Layanan lebih cepat sekali")  # 4 words
    set_cell(t, "innovations", 2, "result", "Layanan jadi lebih cepat sekali")  # 5 words: enough
    rv = run(t)
    assert "profile_empty" in rules(rv, "INV1")
    assert row_of(rv, "INV1")["todo"] == "lengkapi tujuan"
    f = rv.findings[rv.findings["rule"] == "profile_short"]
    assert f["innovation_id"].tolist() == ["INV2"] and f["column"].tolist() == ["result"]
    assert row_of(rv, "INV2")["reasons"] == "hasil terlalu singkat (4 kata)"
    assert row_of(rv, "INV3")["decision"] == "lanjut"


def test_innovation_without_answers():
    t = base_tables(2)
    a = t["innovation_indicators"]
    t["innovation_indicators"] = a[a["innovation_id"] != "INV1"]
    rv = run(t)
    assert "sid_none" in rules(rv, "INV1") and row_of(rv, "INV1")["decision"] == "lengkapi"
    assert "isi jawaban indikator SID01–SID20" in row_of(rv, "INV1")["todo"]
    assert "sid_none" not in rules(rv, "INV2")


def test_some_sid_indicators_not_answered_is_info():
    t = base_tables(2)
    a = t["innovation_indicators"]
    t["innovation_indicators"] = a[
        ~((a["innovation_id"] == "INV1") & a["indicator_id"].isin(["SID04", "SID07"]))
    ]
    rv = run(t)
    f = rv.findings[rv.findings["rule"] == "sid_incomplete"]
    assert f["innovation_id"].tolist() == ["INV1"] and f["severity"].tolist() == ["info"]
    assert f["value"].tolist() == ["SID04, SID07"]
    assert row_of(rv, "INV1")["decision"] == "lanjut"


def test_spd_answers_missing_per_indicator():
    t = base_tables()
    r = t["region_indicators"]
    t["region_indicators"] = r[~r["indicator_id"].isin(["SPD05", "SPD12"])]
    rv = run(t)
    f = rv.findings[rv.findings["rule"] == "spd_missing"]
    assert f["value"].tolist() == ["SPD05", "SPD12"]
    assert (f["severity"] == "warning").all() and f["row"].isna().all()


def test_no_spd_answers_for_the_edition():
    t = base_tables()
    t["region_indicators"]["year"] = "2020"
    rv = run(t)
    f = rv.findings[rv.findings["rule"] == "spd_none"]
    assert len(f) == 1 and f["severity"].iloc[0] == "error" and pd.isna(f["row"].iloc[0])
    assert "spd_missing" not in rules(rv)
    assert len(rv.region_answers) == 0
    assert "spd_none" not in rules(run(base_tables()))


def test_spd_evidence_and_levels_checked():
    t = base_tables()
    r = t["region_indicators"]
    r.loc[0, ["evidence", "evidence_status"]] = ["", ""]
    r.loc[1, "level"] = "4"
    rv = run(t)
    f = rv.findings[rv.findings["table"] == "region_indicators"]
    assert set(f["rule"]) == {"evidence_missing", "level_range", "spd_missing"}
    assert rv.region_answers["usable"].sum() == 14


def test_rows_without_an_edition_are_reported_not_lost():
    t = base_tables(2)
    set_cell(t, "innovations", 1, "year", "")
    rv = run(t)
    assert len(rv.innovations) == 1
    f = rv.findings[rv.findings["table"] == "innovations"]
    assert f[["row", "column"]].values.tolist() == [[3, "year"]]
    assert f["rule"].iloc[0] in ("required", "year_missing")
    t = base_tables(2)
    set_cell(t, "innovations", 1, "year", "dua ribu")
    f = run(t).findings
    inv = f[f["table"] == "innovations"]
    assert inv[["row", "column", "rule"]].values.tolist() == [[3, "year", "type"]]
    # its answers belong to no edition either: reported, never lost
    ans = f[f["table"] == "innovation_indicators"]
    assert set(ans["rule"]) == {"answer_no_edition"} and ans["row"].tolist() == list(range(22, 42))


# ============================================================================ decisions, counts, summary
def test_ineligible_wins_over_gaps():
    t = base_tables()
    set_cell(t, "innovations", 0, "implementation_date", "2018-05-01")
    set_cell(t, "innovations", 0, "trial_date", "")
    set_cell(t, "innovations", 0, "goal", "")
    rv = run(t)
    r = row_of(rv, "INV1")
    assert r["decision"] == "tidak_lanjut" and r["todo"] == ""
    assert r["reasons"] == "diterapkan 1 Mei 2018, di luar periode penilaian 1 Januari 2019–31 Desember 2020"
    assert r["n_errors"] == 1 and r["n_warnings"] == 1


def test_several_reasons_are_joined_in_a_stable_order():
    t = base_tables()
    set_cell(t, "innovations", 0, "stage", "inisiatif")
    set_cell(t, "innovations", 0, "implementation_date", "2018-05-01")
    set_cell(t, "innovations", 0, "trial_date", "")
    set_cell(t, "innovations", 0, "submitted_on", "2021-10-01")
    rv = run(t)
    assert row_of(rv, "INV1")["reasons"] == (
        "diterapkan 1 Mei 2018, di luar periode penilaian 1 Januari 2019–31 Desember 2020; "
        "tahapan inisiatif tidak dihitung (yang dihitung: penerapan); "
        "dimasukkan 1 Oktober 2021, setelah batas akhir pengisian 17 September 2021"
    )


def test_counts_and_summary():
    t = base_tables(5)
    set_cell(t, "innovations", 0, "implementation_date", "2021-03-12")  # tidak_lanjut (window)
    set_cell(t, "innovations", 1, "stage", "uji_coba")  # tidak_lanjut (stage), in window
    set_cell(t, "innovations", 2, "goal", "")  # lengkapi
    rv = run(t)
    c = rv.counts()
    assert c == {
        "n_submitted": 5,
        "n_in_window": 3,  # cumulative: at a counted stage and in the period (the funnel's order)
        "n_stage_counted": 4,
        "n_eligible": 3,
        "n_lanjut": 2,
        "n_lengkapi": 1,
        "n_tidak_lanjut": 2,
        "n_error": 2,
        "n_warning": 1,
        "n_info": 0,
    }
    lines = summary_lines(rv)
    text = "\n".join(lines)
    assert "Dimasukkan OPD: 5 inovasi" in text
    assert "Pada tahapan yang dinilai (penerapan): 4" in text
    assert "Dan diterapkan dalam periode penilaian (1 Januari 2019–31 Desember 2020): 3" in text
    assert "Memenuhi semua syarat: 3" in text
    assert "Keputusan: lanjut 2, lengkapi 1, tidak dilanjutkan 2" in text
    assert "Temuan: 2 kesalahan, 1 peringatan, 0 info" in text
    total = sum(len(rv.dataset.table(t)) for t in schema.ALL_TABLES)
    assert total == 3 + 5 + 5 * 20 + 15  # opd, innovations, SID answers, SPD answers
    assert lines[-1] == f"Baris masuk = baris keluar: {total} = {total}"


def test_findings_are_sorted_and_typed():
    t = base_tables(3)
    set_cell(t, "innovations", 2, "goal", "")
    set_cell(t, "innovations", 0, "name", "")
    t["innovation_indicators"].loc[5, "level"] = "9"
    rv = run(t)
    f = rv.findings
    assert str(f["row"].dtype) == "Int64"
    order = {tb: i for i, tb in enumerate(schema.TABLES)}
    keys = list(zip(f["table"].map(order), f["row"].fillna(-1), strict=True))
    assert keys == sorted(keys)


def test_format_date_id():
    assert format_date_id(pd.Timestamp("2021-08-13")) == "13 Agustus 2021"
    assert format_date_id(pd.NaT) == "" and format_date_id(None) == ""


def test_edition_with_no_innovations():
    rv = run(base_tables(), year=2022)
    assert len(rv.innovations) == 0 and rv.counts()["n_submitted"] == 0
    assert "spd_none" in rules(rv)
    # the 2021 rows are set aside for their edition: still every row is accounted for
    assert summary_lines(rv)[-1] == "Baris masuk = baris keluar: 39 = 39"
    assert set(rv.set_aside["table"]) == {"innovations", "innovation_indicators", "region_indicators"}


# ============================================================================ the bundled sample
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def test_bundled_sample_2021_counts():
    """iid-reference §4: 52 innovations entered in 2021, 19 of them within the time window."""
    from iid_analysis.io.dataset import load_dataset

    ds = load_dataset(SAMPLE)
    rv = review(ds, M2021, 2021)
    c = rv.counts()
    assert c["n_submitted"] == 52
    assert c["n_in_window"] == 19
    assert c["n_lanjut"] + c["n_lengkapi"] + c["n_tidak_lanjut"] == 52
    assert c["n_eligible"] <= c["n_in_window"]
    lines = summary_lines(rv)
    assert "Dimasukkan OPD: 52 inovasi dari" in lines[1]
    total = sum(len(rv.dataset.table(t)) for t in schema.ALL_TABLES)  # every row, every edition
    assert lines[-1] == f"Baris masuk = baris keluar: {total} = {total}"
    assert ds.region is not None and ds.region["name"] == "Kota Pekalongan"


# ============================================================================ hand-built tables
def test_hand_built_dataset_with_odd_dtypes_does_not_raise():
    """A Dataset not made by the loader (object columns, columns missing, no _row) still reviews."""
    inv = pd.DataFrame(
        {
            "innovation_id": ["A", "A", None, "B"],
            "year": ["2021", 2021.0, "x", 2021],
            "opd_id": ["DINKES", "DINKES", "DINKES", 7],
            "stage": ["penerapan", None, "penerapan", "penerapan"],
            "implementation_date": ["2020-01-05", "garbage", None, pd.Timestamp("2019-02-01")],
            "level": [1, 2, 3, 4],  # an unknown extra column
        }
    )
    ds = Dataset(
        opd=pd.DataFrame({"opd_id": ["DINKES"], "name": ["Dinas Kesehatan"]}),
        innovations=inv,
        innovation_indicators=pd.DataFrame(
            {"innovation_id": ["A", "B"], "indicator_id": ["SID01", 5], "level": ["2", None]}
        ),
        region_indicators=pd.DataFrame(),
    )
    rv = review(ds, M2021, 2021)
    assert len(rv.innovations) == 3  # "x" is no year: reported, in no edition
    assert rv.innovations["_row"].tolist() == [2, 3, 5]
    assert "year_missing" in set(rv.findings["rule"])
    assert "spd_none" in set(rv.findings["rule"])
    assert set(rv.innovations["decision"]) <= {"lanjut", "lengkapi", "tidak_lanjut"}
