"""participation.py on small hand-built datasets whose numbers are worked out by hand below.

The data are raw string tables, as a user's CSV would read. They go through the real loader
(``dataset_from_frames``), desk review (``validation.review``) and ``scoring.score``; only the
property test uses a small local stand-in review (fast, same contract).

The 2021 city (methodology 2021: applied 2019-01-01..2020-12-31, stage penerapan, new entries
only, input 2021-05-01..2021-08-13 extended to 2021-09-17):

====  =======  ==========  ==========  =======  ========  ==========  ==========  ===========
id    OPD      stage       applied     prev     input     in_window   stage       decision
====  =======  ==========  ==========  =======  ========  ==========  ==========  ===========
I1    DINKES   penerapan   2020-03-01  0        07-01     yes         yes         lanjut (57)
I2    DINKES   penerapan   2019-06-01  0        09-15     yes         yes         lengkapi (2)
I3    DINKES   penerapan   2018-05-01  0        09-17     no          yes         tidak_lanjut
I4    DISDIK   uji_coba    2020-01-01  0        08-13     yes         no          tidak_lanjut
I5    DISDIK   inisiatif   —           0        —         no          no          tidak_lanjut
I6    BAPPEDA  penerapan   2020-10-01  0        09-11     yes         yes         lanjut (60)
I7    KEC_B    penerapan   2020-02-01  1        04-30     yes         yes         tidak_lanjut
I8    XYZ      penerapan   2020-05-05  0        09-18     yes         yes         tidak_lanjut
====  =======  ==========  ==========  =======  ========  ==========  ==========  ===========

(I7 was entered before; I8's OPD is unknown and it came in after the deadline.)
Active OPDs in 2021: BAPPEDA, DINKES, DISDIK, DPMPTSP, KEC_B (from 2021), KEL1, KEL2 (both
"Kelurahan Baru": a tie on name) = 7; KEC_A (to 2020) is not active.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iid_analysis.analyses.coaching import (
    bimtek_priorities,
    coaching_groups,
    coaching_map,
    indicator_heatmap,
    maturity_threshold,
)
from iid_analysis.analyses.composition import composition, missing_affairs, obligatory_affairs
from iid_analysis.analyses.funnel import FUNNEL_STEPS, funnel, funnel_by_opd
from iid_analysis.analyses.participation import opd_participation, participation_summary
from iid_analysis.analyses.results import participation_fields
from iid_analysis.analyses.timeline import timeline, timeline_summary
from iid_analysis.analyses.trends import trends
from iid_analysis.io.dataset import Dataset, dataset_from_frames
from iid_analysis.io.schema import COLUMNS, PROFILE_COLUMNS
from iid_analysis.methodology import load_methodology
from iid_analysis.report.prose_trends import trend_sentences
from iid_analysis.review.desk import review
from iid_analysis.scoring.compute import score

# --------------------------------------------------------------------------- building reviews

@dataclass
class StandInReview:
    """A minimal Review with the contract's attributes, for the fast property test: it types the
    tables and applies the eligibility rules of the contract, nothing else."""

    year: int
    methodology: object
    dataset: Dataset
    innovations: pd.DataFrame
    answers: pd.DataFrame
    region_answers: pd.DataFrame
    findings: pd.DataFrame = field(default_factory=pd.DataFrame)


def _typed(table: str, raw: pd.DataFrame) -> pd.DataFrame:
    df = pd.DataFrame(index=range(len(raw)))
    df["_row"] = np.arange(2, len(raw) + 2, dtype="int64")
    for c in COLUMNS[table]:
        s = raw[c.name] if c.name in raw.columns else pd.Series([None] * len(raw))
        s = s.reset_index(drop=True).astype("string").str.strip().replace("", pd.NA)
        if c.kind in ("int", "year", "level"):
            df[c.name] = pd.to_numeric(s, errors="coerce").astype("Int64")
        elif c.kind == "date":
            df[c.name] = pd.to_datetime(s, errors="coerce").astype("datetime64[ns]")
        else:
            df[c.name] = s
    if "evidence_status" in df.columns:
        fill = np.where(df["evidence"].isna(), "missing", "pending")
        df["evidence_status"] = df["evidence_status"].fillna(pd.Series(fill, dtype="string"))
    return df


def _stand_in(tables: dict[str, pd.DataFrame], year: int) -> StandInReview:
    m = load_methodology(year)
    ds = Dataset(**{t: _typed(t, tables[t]) for t in
                    ("opd", "innovations", "innovation_indicators", "region_indicators")},
                 kind="memory")
    inn = ds.innovations[ds.innovations["year"] == year].reset_index(drop=True)
    known = set(ds.opd["opd_id"].dropna())
    ids = inn["innovation_id"].fillna("")
    dup = ids.duplicated(keep=False) | ids.isin(
        ds.innovations.loc[ds.innovations["year"] != year, "innovation_id"].dropna())
    impl = inn["implementation_date"]
    in_window = (impl >= pd.Timestamp(m.eligible_from)) & (impl <= pd.Timestamp(m.eligible_to))
    stage = inn["stage"].isin(m.counted_stages)
    reentry = inn["previous_entries"].fillna(0) <= m.max_previous_entries
    on_time = inn["submitted_on"].isna() | (inn["submitted_on"] <= pd.Timestamp(m.input_deadline))
    ident = (ids != "") & ~dup & inn["opd_id"].isin(known)
    eligible = (in_window.fillna(False) & stage.fillna(False) & reentry.astype(bool)
                & on_time.astype(bool) & ident)
    ans = ds.innovation_indicators
    ans = ans[ans["innovation_id"].isin(set(inn["innovation_id"].dropna()))].reset_index(drop=True)
    sid = {i.id for i in m.indicators_of("SID")}
    ans["usable"] = (ans["indicator_id"].isin(sid) & ans["level"].between(0, 3).fillna(False)
                     & ~ans.duplicated(["innovation_id", "indicator_id"]))
    gaps = ans[(ans["level"] > 0) & (ans["evidence_status"] != "valid")]["innovation_id"]
    profile_gap = inn[list(PROFILE_COLUMNS)].isna().any(axis=1)
    fixable = inn["innovation_id"].isin(set(gaps)) | profile_gap
    decision = np.where(~eligible, "tidak_lanjut", np.where(fixable, "lengkapi", "lanjut"))
    names = ds.opd.drop_duplicates("opd_id").set_index("opd_id")["name"]
    inn = inn.assign(
        opd_name=inn["opd_id"].map(names).astype("string"),
        in_window=in_window.fillna(False).astype(bool),
        stage_counted=stage.fillna(False).astype(bool),
        reentry_ok=reentry.astype(bool),
        on_time=on_time.astype(bool),
        eligible=eligible.astype(bool),
        decision=pd.array(decision, dtype="string"),
    )
    reg = ds.region_indicators
    reg = reg[reg["year"] == year].reset_index(drop=True).assign(usable=True)
    return StandInReview(year, m, ds, inn, ans, reg)


def build(tables: dict[str, pd.DataFrame], year: int):
    """The real loader and desk review on raw string tables."""
    ds = dataset_from_frames({k: v.astype("string") for k, v in tables.items()})
    return review(ds, load_methodology(year), year)


# --------------------------------------------------------------------------- the data

OPD = pd.DataFrame(
    [
        ("BAPPEDA", "Bappeda", "badan", "", ""),
        ("DINKES", "Dinas Kesehatan", "dinas", "", ""),
        ("DISDIK", "Dinas Pendidikan", "dinas", "", ""),
        ("DPMPTSP", "Dinas Penanaman Modal dan PTSP", "dinas", "", ""),
        ("KEC_A", "Kecamatan Barat", "kecamatan", "", "2020"),
        ("KEC_B", "Kecamatan Utara", "kecamatan", "2021", ""),
        ("KEL2", "Kelurahan Baru", "kelurahan", "", ""),
        ("KEL1", "Kelurahan Baru", "kelurahan", "", ""),
    ],
    columns=["opd_id", "name", "kind", "active_from", "active_to"],
)

_INN_COLS = ["innovation_id", "year", "opd_id", "name", "stage", "initiator", "kind", "form",
             "affair", "trial_date", "implementation_date", "submitted_on", "previous_entries"]
_INN_2021 = [
    ("I1", "2021", "DINKES", "Si Sehat", "penerapan", "opd", "digital", "pelayanan_publik",
     "Kesehatan", "", "2020-03-01", "2021-07-01", "0"),
    ("I2", "2021", "DINKES", "Posyandu Keliling", "penerapan", "asn", "non_digital",
     "pelayanan_publik", "kesehatan", "", "2019-06-01", "2021-09-15", "0"),
    ("I3", "2021", "DINKES", "Lama", "penerapan", "opd", "digital", "tata_kelola",
     "Kesehatan ", "", "2018-05-01", "2021-09-17", "0"),
    ("I4", "2021", "DISDIK", "Sekolah Ramah", "uji_coba", "masyarakat", "non_digital",
     "urusan_lainnya", "Pendidikan", "2020-01-01", "2020-01-01", "2021-08-13", "0"),
    ("I5", "2021", "DISDIK", "Ide Baru", "inisiatif", "asn", "digital", "pelayanan_publik",
     "", "", "", "", "0"),
    ("I6", "2021", "BAPPEDA", "e-Rencana", "penerapan", "kepala_daerah", "digital",
     "tata_kelola", "Perencanaan", "", "2020-10-01", "2021-09-11", "0"),
    ("I7", "2021", "KEC_B", "KTP Kilat", "penerapan", "masyarakat", "non_digital",
     "pelayanan_publik", "Administrasi Kependudukan dan Pencatatan Sipil", "", "2020-02-01",
     "2021-04-30", "1"),
    ("I8", "2021", "XYZ", "Vaksin Ternak", "penerapan", "opd", "", "pelayanan_publik",
     "Kesehatan Hewan", "", "2020-05-05", "2021-09-18", "0"),
]
_INN_2020 = [
    ("J1", "2020", "DINKES", "Si Gizi", "penerapan", "opd", "digital", "pelayanan_publik",
     "Kesehatan", "", "2019-03-01", "2020-06-01", "0"),
    ("J2", "2020", "KEC_A", "Kampung Bersih", "penerapan", "masyarakat", "non_digital",
     "urusan_lainnya", "Lingkungan Hidup", "", "2018-07-01", "2020-09-15", "0"),  # input closed 20 Sep
    ("J3", "2020", "DINKES", "Uji Gizi", "uji_coba", "asn", "digital", "pelayanan_publik",
     "Kesehatan", "2019-01-01", "2019-01-01", "2020-07-01", "0"),
]


def _innovations(rows) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=_INN_COLS)
    for c in PROFILE_COLUMNS:
        df[c] = "Uraian singkat tentang inovasi ini: latar belakang, cara kerja, manfaat dan hasil bagi warga."
    return df


def _answers(spec: dict[str, list[tuple[str, int, str]]]) -> pd.DataFrame:
    rows = [(iid, ind, str(lvl), f"bukti {iid} {ind}", status)
            for iid, items in spec.items() for ind, lvl, status in items]
    return pd.DataFrame(rows, columns=["innovation_id", "indicator_id", "level", "evidence",
                                       "evidence_status"])


V = "valid"
_FULL = [("SID01", 3, V), ("SID02", 3, V), ("SID03", 3, V), ("SID16", 3, V), ("SID18", 3, V),
         ("SID20", 3, V)]  # 9 + 6 + 6 + 9 + 9 + 12 = 51
ANSWERS = _answers({
    "I1": [*_FULL, ("SID13", 3, V)],  # 51 + 6 = 57
    "I2": [("SID01", 2, "pending"), ("SID04", 1, V)],  # 0 + 2 = 2, pending → lengkapi
    "I6": [*_FULL, ("SID06", 3, V), ("SID19", 1, V), ("SID05", 1, V)],  # 51 + 6 + 2 + 1 = 60
    "I7": [("SID01", 3, V)],
    "J1": [("SID20", 3, V)],  # 12
    "J2": [("SID01", 1, V)],  # 3
})
NO_REGION = pd.DataFrame(columns=["year", "indicator_id", "level", "evidence", "evidence_status"])


def city_tables(with_2020: bool = True) -> dict[str, pd.DataFrame]:
    rows = _INN_2021 + (_INN_2020 if with_2020 else [])
    return {"opd": OPD, "innovations": _innovations(rows), "innovation_indicators": ANSWERS,
            "region_indicators": NO_REGION}


@pytest.fixture(scope="module")
def city():
    t = city_tables()
    reviews = {y: build(t, y) for y in (2019, 2020, 2021)}
    results = {y: score(r) for y, r in reviews.items()}
    return reviews, results


@pytest.fixture(scope="module")
def rv21(city):
    return city[0][2021]


@pytest.fixture(scope="module")
def res21(city):
    return city[1][2021]


# --------------------------------------------------------------------------- the stand-in itself


def test_review_flags_match_the_table_in_the_module_docstring(rv21, res21):
    inn = rv21.innovations
    assert list(inn["innovation_id"]) == [f"I{i}" for i in range(1, 9)]
    assert list(inn["in_window"]) == [True, True, False, True, False, True, True, True]
    assert list(inn["stage_counted"]) == [True, True, True, False, False, True, True, True]
    assert list(inn["eligible"]) == [True, True, False, False, False, True, False, False]
    assert list(inn["decision"]) == ["lanjut", "lengkapi", *["tidak_lanjut"] * 3, "lanjut",
                                     "tidak_lanjut", "tidak_lanjut"]
    mat = res21.innovations.set_index("innovation_id")["maturity"]
    assert (mat["I1"], mat["I2"], mat["I6"]) == (57.0, 2.0, 60.0)
    assert res21.n == 3


# --------------------------------------------------------------------------- funnel


def test_funnel_city_2021(rv21, res21):
    f = funnel(rv21, res21)
    assert list(f["step"]) == ["entered", "stage_counted", "in_window", "eligible", "scored"]
    # stage first (I4 uji coba, I5 inisiatif leave: 6); I4 was applied in the window but is not at
    # penerapan, so the period step counts 5, not the 6 applied in the window (cumulative).
    assert list(f["count"]) == [8, 6, 5, 3, 3]
    assert list(f["drop_from_previous"]) == [0, 2, 1, 2, 0]  # scored: every eligible, lengkapi I2 too
    assert f["share_of_entered"].tolist() == pytest.approx([1, 0.75, 0.625, 0.375, 0.375])
    assert f.loc[0, "label"] == "Dimasukkan OPD"
    assert f["label"].map(len).gt(0).all()


def test_funnel_without_result_has_no_scored_step(rv21):
    f = funnel(rv21)
    assert list(f["step"]) == ["entered", "stage_counted", "in_window", "eligible"]
    assert list(f["count"]) == [8, 6, 5, 3]


def test_funnel_edition_with_no_entries(city):
    reviews, results = city
    f = funnel(reviews[2019], results[2019])
    assert list(f["count"]) == [0] * 5
    assert list(f["drop_from_previous"]) == [0] * 5
    assert f["share_of_entered"].isna().all()


def test_funnel_by_opd_2021(rv21, res21):
    w = funnel_by_opd(rv21, res21)
    # sorted by name then id; the tie "Kelurahan Baru" → KEL1 before KEL2; unknown XYZ last
    assert list(w["opd_id"]) == ["BAPPEDA", "DINKES", "DPMPTSP", "DISDIK", "KEC_B", "KEL1",
                                 "KEL2", "XYZ"]
    assert list(w["active"]) == [True] * 7 + [False]
    assert w.loc[w["opd_id"] == "XYZ", "name"].item() == "XYZ"
    rows = w.set_index("opd_id")[list(FUNNEL_STEPS)]
    assert rows.loc["DINKES"].tolist() == [3, 3, 2, 2, 2]  # I3 at penerapan, applied in 2018
    assert rows.loc["DISDIK"].tolist() == [2, 0, 0, 0, 0]  # uji coba and inisiatif
    assert rows.loc["BAPPEDA"].tolist() == [1, 1, 1, 1, 1]
    assert rows.loc["KEC_B"].tolist() == [1, 1, 1, 0, 0]
    assert rows.loc["XYZ"].tolist() == [1, 1, 1, 0, 0]
    assert rows.loc["KEL1"].tolist() == [0] * 5
    # columns add up to the city's funnel
    assert rows.sum().tolist() == [8, 6, 5, 3, 3]
    assert "KEC_A" not in set(w["opd_id"])  # not active in 2021, entered nothing


# --------------------------------------------------------------------------- participation


def test_opd_participation_2021(rv21, res21):
    t = opd_participation(rv21, res21)
    assert list(t["opd_id"]) == ["BAPPEDA", "DINKES", "DPMPTSP", "DISDIK", "KEC_B", "KEL1", "KEL2"]
    assert list(t["entered"]) == [1, 3, 0, 2, 1, 0, 0]
    assert list(t["eligible"]) == [1, 2, 0, 0, 0, 0, 0]
    assert list(t["lanjut"]) == [1, 1, 0, 0, 0, 0, 0]
    assert list(t["participating"]) == [True, True, False, True, True, False, False]
    by = t.set_index("opd_id")
    assert by.loc["DINKES", "mean_maturity"] == pytest.approx(29.5)  # (57 + 2) / 2
    assert by.loc["BAPPEDA", "mean_maturity"] == pytest.approx(60.0)
    assert math.isnan(by.loc["DISDIK", "mean_maturity"])
    assert by.loc["DINKES", "share_sid_points"] == pytest.approx(59 / 119)
    assert by.loc["BAPPEDA", "share_sid_points"] == pytest.approx(60 / 119)
    assert by.loc["KEL1", "share_sid_points"] == 0.0


def test_opd_participation_agrees_with_scoring_opd_table(rv21, res21):
    mine = opd_participation(rv21, res21).set_index("opd_id")
    theirs = res21.opd.set_index("opd_id").loc[mine.index]
    for col in ("entered", "eligible", "mean_maturity", "share_sid_points"):
        assert np.allclose(mine[col].astype(float), theirs[col].astype(float), equal_nan=True), col


def test_participation_summary_2021_excludes_inactive_unit(rv21):
    s = participation_summary(rv21)
    assert s["n_opd"] == 7  # KEC_A (active to 2020) left out, KEC_B (from 2021) in
    assert s["n_opd_participating"] == 4
    assert s["rate"] == pytest.approx(4 / 7)
    assert s["non_participating"] == ["Dinas Penanaman Modal dan PTSP", "Kelurahan Baru",
                                      "Kelurahan Baru"]
    json.dumps(s)


def test_participation_summary_2020_and_empty_2019(city):
    reviews, _ = city
    s20 = participation_summary(reviews[2020])
    assert (s20["n_opd"], s20["n_opd_participating"]) == (7, 2)  # KEC_A in, KEC_B not yet
    s19 = participation_summary(reviews[2019])
    assert (s19["n_opd"], s19["n_opd_participating"], s19["rate"]) == (7, 0, 0.0)
    assert len(s19["non_participating"]) == 7


# --------------------------------------------------------------------------- trends


def test_trends_rows(city):
    reviews, results = city
    t = trends(reviews, results)
    assert list(t["year"]) == [2019, 2020, 2021]
    assert list(t["n_submitted"]) == [0, 3, 8]
    assert list(t["n_opd"]) == [7, 7, 7]
    assert list(t["n_opd_participating"]) == [0, 2, 4]
    assert t["rate"].tolist() == pytest.approx([0, 2 / 7, 4 / 7])
    assert list(t["n_eligible"]) == [0, 2, 3]
    assert math.isnan(t.loc[0, "eligible_share"])
    assert t.loc[1:, "eligible_share"].tolist() == pytest.approx([2 / 3, 3 / 8])
    assert math.isnan(t.loc[0, "mean_maturity"])
    assert t.loc[1:, "mean_maturity"].tolist() == pytest.approx([7.5, 119 / 3])
    # IID by hand: 2020 (12 + 3) / 10 + 0.38 * 2 = 2.26 → 0.904 → 0.90;
    #              2021 119 / 10 + 0.38 * 3 = 13.04 → 5.216 → 5.22; 2019 nothing → 0
    assert t["iid"].tolist() == pytest.approx([0.0, 0.90, 5.22])
    assert list(t["predicate"]) == ["Tidak Dapat Dinilai", "Kurang Inovatif", "Kurang Inovatif"]
    assert list(trends(reviews, results, upto=2020)["year"]) == [2019, 2020]


def test_trend_sentences_2021(city):
    reviews, results = city
    s = trend_sentences(trends(reviews, results), 2021)
    assert s == [
        "Jumlah inovasi naik dari 3 menjadi 8 (+5).",
        "OPD yang berpartisipasi naik dari 2 menjadi 4 (+2).",
        "Tingkat partisipasi OPD naik dari 28,6% menjadi 57,1% (+28,5 poin persentase).",
        "Porsi inovasi yang memenuhi syarat turun dari 66,7% menjadi 37,5% (\u221229,2 poin persentase).",
        "Rata-rata skor kematangan naik dari 7,50 menjadi 39,67 (+32,17).",
        "IID naik dari 0,90 menjadi 5,22 (+4,32).",
        "Predikat tetap Kurang Inovatif.",
    ]


def test_trend_sentences_after_an_empty_edition_leave_missing_values_out(city):
    reviews, results = city
    s = trend_sentences(trends(reviews, results), 2020)
    assert s == [
        "Jumlah inovasi naik dari 0 menjadi 3 (+3).",
        "OPD yang berpartisipasi naik dari 0 menjadi 2 (+2).",
        "Tingkat partisipasi OPD naik dari 0,0% menjadi 28,6% (+28,6 poin persentase).",
        "IID naik dari 0,00 menjadi 0,90 (+0,90).",
        "Predikat berubah dari Tidak Dapat Dinilai menjadi Kurang Inovatif.",
    ]


def test_trend_sentences_first_edition_and_unknown_year(city):
    reviews, results = city
    t = trends(reviews, results)
    assert trend_sentences(t, 2019) == []
    assert trend_sentences(t, 2030) == []
    assert trend_sentences(t.iloc[:0], 2021) == []


def test_trend_sentences_hand_built_frame():
    df = pd.DataFrame({
        "year": [2020, 2021], "n_submitted": [4, 52], "n_opd_participating": [20, 15],
        "rate": [0.5, 0.5], "eligible_share": [1.0, 19 / 52], "mean_maturity": [np.nan, 40.0],
        "iid": [53.96, 53.96], "predicate": ["Inovatif", "Inovatif"],
    })
    s = trend_sentences(df, 2021)
    assert s[0] == "Jumlah inovasi naik dari 4 menjadi 52 (+48)."
    assert s[1] == "OPD yang berpartisipasi turun dari 20 menjadi 15 (\u22125)."
    assert s[2] == "Tingkat partisipasi OPD tetap 50,0%."
    assert s[3] == "Porsi inovasi yang memenuhi syarat turun dari 100,0% menjadi 36,5% (\u221263,5 poin persentase)."
    assert s[4] == "IID tetap 53,96."  # maturity missing in 2020 → no sentence
    assert s[5] == "Predikat tetap Inovatif."
    assert len(s) == 6


def test_trend_sentences_name_the_edition_when_one_is_skipped():
    df = pd.DataFrame({"year": [2019, 2021], "n_submitted": [10, 8]})
    assert trend_sentences(df, 2021) == [
        "Jumlah inovasi turun dari 10 menjadi 8 (\u22122) (dibanding edisi 2019)."
    ]


# --------------------------------------------------------------------------- timeline


def test_timeline_summary_2021(rv21):
    s = timeline_summary(rv21)
    assert s["opens"].isoformat() == "2021-05-01"
    assert s["closes"].isoformat() == "2021-08-13"
    assert s["extended_to"].isoformat() == "2021-09-17"
    assert s["deadline"].isoformat() == "2021-09-17"
    assert s["n_entered"] == 8
    assert s["n_with_date"] == 7 and s["n_without_date"] == 1  # I5
    assert s["n_before_open"] == 1  # I7 on 30 April
    assert s["n_after_close"] == 3  # I6 09-11, I2 09-15, I3 09-17: thanks to the extension
    assert s["n_late"] == 1  # I8 09-18
    assert s["last_week_from"].isoformat() == "2021-09-11"
    assert s["n_last_week"] == 3  # 09-11, 09-15, 09-17
    assert s["share_last_week"] == pytest.approx(3 / 7)


def test_timeline_2021(rv21):
    t = timeline(rv21)
    # 30 April (earliest entry) … 18 September (latest): 1 + 31 + 30 + 31 + 31 + 18 days
    assert len(t) == 142
    assert t["date"].iloc[0] == pd.Timestamp("2021-04-30")
    assert t["date"].iloc[-1] == pd.Timestamp("2021-09-18")
    assert t["n_entries"].sum() == 7
    assert t["cumulative"].iloc[-1] == 7
    by = t.set_index("date")
    assert by.loc["2021-08-13", "cumulative"] == 3  # 04-30, 07-01, 08-13
    assert by.loc["2021-09-17", "cumulative"] == 6
    assert by.loc["2021-08-13", "cumulative_share"] == pytest.approx(3 / 7)
    assert [by.loc[d, "period"] for d in ("2021-04-30", "2021-05-01", "2021-08-13", "2021-08-14",
                                          "2021-09-17", "2021-09-18")] == [
        "sebelum_dibuka", "masa_input", "masa_input", "perpanjangan", "perpanjangan", "terlambat"]
    assert t["cumulative"].is_monotonic_increasing


def test_timeline_without_dates_and_without_extension(city):
    rv19 = city[0][2019]  # no entries at all; 2019 window 21 May – 31 Aug (103 days), no extension
    t = timeline(rv19)
    assert len(t) == 103 and t["n_entries"].sum() == 0
    assert t["cumulative_share"].isna().all()
    assert set(t["period"]) == {"masa_input"}
    s = timeline_summary(rv19)
    assert s["extended_to"] is None
    assert (s["n_with_date"], s["n_after_close"], s["n_late"], s["n_last_week"]) == (0, 0, 0, 0)
    assert s["share_last_week"] is None


def test_timeline_entries_without_any_date():
    t = city_tables(with_2020=False)
    t["innovations"] = t["innovations"].assign(submitted_on="")
    rv = build(t, 2021)
    s = timeline_summary(rv)
    assert (s["n_entered"], s["n_with_date"], s["n_without_date"]) == (8, 0, 8)
    assert s["share_last_week"] is None
    tl = timeline(rv)
    assert tl["date"].iloc[0] == pd.Timestamp("2021-05-01")
    assert tl["date"].iloc[-1] == pd.Timestamp("2021-09-17")
    assert tl["cumulative"].max() == 0


# --------------------------------------------------------------------------- composition


def test_composition_2021(rv21):
    c = composition(rv21)
    assert set(c) == {"kind", "form", "initiator", "affair"}
    k = c["kind"]
    assert list(k["code"]) == ["digital", "non_digital", ""]
    assert list(k["label"]) == ["Digital", "Nondigital", "(tidak diisi)"]
    assert list(k["count"]) == [4, 3, 1]  # I1 I3 I5 I6 / I2 I4 I7 / I8
    assert list(k["eligible"]) == [2, 1, 0]  # I1 I6 / I2
    assert k["share"].tolist() == pytest.approx([0.5, 0.375, 0.125])
    f = c["form"]
    assert list(f["code"]) == ["tata_kelola", "pelayanan_publik", "urusan_lainnya"]
    assert list(f["count"]) == [2, 5, 1]
    assert f.loc[1, "label"] == "Inovasi Pelayanan Publik"
    i = c["initiator"]
    assert list(i["code"]) == ["kepala_daerah", "anggota_dprd", "opd", "asn", "masyarakat"]
    assert list(i["count"]) == [1, 0, 3, 2, 2]
    a = c["affair"]
    assert list(a["label"]) == ["Kesehatan", "Administrasi Kependudukan dan Pencatatan Sipil",
                                "Kesehatan Hewan", "Pendidikan", "Perencanaan", "(tidak diisi)"]
    assert list(a["count"]) == [3, 1, 1, 1, 1, 1]
    assert list(a["eligible"]) == [2, 0, 0, 0, 1, 0]
    assert a["count"].sum() == 8


def test_composition_of_an_empty_edition(city):
    c = composition(city[0][2019])
    assert list(c["kind"]["count"]) == [0, 0]
    assert c["kind"]["share"].isna().all()
    assert len(c["affair"]) == 0


def test_missing_affairs(rv21, city):
    wajib = obligatory_affairs(rv21.methodology)  # the official list (UU 23/2014): 6 + 18 wajib affairs
    assert len(wajib) == 24 and wajib[:6] == list(rv21.methodology.basic_affairs)
    assert "Perencanaan" not in wajib and "Pariwisata" not in wajib  # supporting / optional
    miss = missing_affairs(rv21)
    for found in ("Kesehatan", "Pendidikan", "Administrasi Kependudukan dan Pencatatan Sipil"):
        assert found not in miss
    assert len(miss) == 24 - 3 == 21
    assert miss[:3] == ["Pekerjaan Umum dan Penataan Ruang", "Perumahan Rakyat dan Kawasan Permukiman",
                        "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat"]  # the list's order
    assert missing_affairs(rv21, ["KESEHATAN", "Sosial", " pendidikan "]) == ["Sosial"]
    assert missing_affairs(rv21, ["Perencanaan", "Kesehatan Hewan"]) == ["Kesehatan Hewan"]  # not an affair
    assert missing_affairs(city[0][2019]) == wajib


def test_missing_affairs_accepts_official_long_names_and_punctuation():
    t = city_tables(with_2020=False)
    t["innovations"] = t["innovations"].assign(affair=[
        "Pengendalian Penduduk dan KB", "Koperasi, Usaha Kecil dan Menengah",
        "PERHUBUNGAN.", "Komunikasi & Informatika", "Kesehatan dan Gizi", "", "Sosial", "sosial"])
    rv = build(t, 2021)
    miss = missing_affairs(rv)
    for found in ("Pengendalian Penduduk dan Keluarga Berencana", "Koperasi, Usaha Kecil, dan Menengah",
                  "Perhubungan", "Komunikasi dan Informatika", "Sosial"):
        assert found not in miss
    assert "Kesehatan" in miss  # "Kesehatan dan Gizi" is another name, not an alias
    assert len(miss) == 24 - 5
    a = composition(rv)["affair"]
    assert a.loc[0, "label"] == "Sosial" and a.loc[0, "count"] == 2  # one group, tie → "Sosial"
    # a known affair is labelled with its official name, whatever the spelling entered
    assert "Koperasi, Usaha Kecil, dan Menengah" in set(a["label"])
    assert "Pengendalian Penduduk dan Keluarga Berencana" in set(a["label"])
    assert "Kesehatan dan Gizi" in set(a["label"])  # unknown text: kept as written


def test_analyses_hold_no_second_copy_of_the_affairs_list():
    src = Path(__file__).resolve().parents[1] / "src" / "iid_analysis" / "analyses"
    for path in src.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "Ketenteraman" not in text and "Pekerjaan Umum" not in text, path.name


# --------------------------------------------------------------------------- coaching map


def test_maturity_threshold_is_half_the_maximum(res21):
    assert maturity_threshold(res21.methodology) == 55.5


def test_coaching_map_2021(rv21, res21):
    m = coaching_map(rv21, res21)
    assert list(m["opd_id"]) == ["BAPPEDA", "DINKES", "DPMPTSP", "DISDIK", "KEC_B", "KEL1", "KEL2"]
    assert list(m["group"]) == ["matang", "bukti_belum_lengkap", "tidak_ikut", "tidak_memenuhi",
                                "tidak_memenuhi", "tidak_ikut", "tidak_ikut"]
    assert (m["group_label"].str.len() > 0).all() and (m["action"].str.len() > 0).all()
    assert "55,50" in m.loc[0, "rule"] and "bukan ketentuan resmi" in m.loc[0, "rule"]
    g = coaching_groups(m)
    assert list(g["group"]) == ["tidak_ikut", "tidak_memenuhi", "bukti_belum_lengkap", "matang"]
    assert list(g["count"]) == [3, 2, 1, 1]
    assert g["share"].tolist() == pytest.approx([3 / 7, 2 / 7, 1 / 7, 1 / 7])
    assert g.loc[3, "rule"] == m.loc[0, "rule"]


def test_coaching_map_threshold_boundary_and_lanjut_rule():
    """A: two lanjut at 55 and 56 → mean 55.5 = threshold → matang; B: one lanjut at 55 → below;
    C: one at 56 with a pending claim → lengkapi, no lanjut → bukti_belum_lengkap."""
    opd = pd.DataFrame([("A", "Unit A"), ("B", "Unit B"), ("C", "Unit C")],
                       columns=["opd_id", "name"])
    rows = [(f"{o}{k}", "2021", o, f"Inovasi {o}{k}", "penerapan", "opd", "digital",
             "pelayanan_publik", "Kesehatan", "", "2020-01-01", "2021-06-01", "0")
            for o, k in (("A", 1), ("A", 2), ("B", 1), ("C", 1))]
    base = [*_FULL, ("SID04", 2, V)]  # 51 + 4 = 55
    ans = _answers({"A1": base, "A2": [*base, ("SID05", 1, V)], "B1": base,
                    "C1": [*base, ("SID05", 1, V), ("SID06", 1, "pending")]})
    rv = build({"opd": opd, "innovations": _innovations(rows), "innovation_indicators": ans,
                "region_indicators": NO_REGION}, 2021)
    res = score(rv)
    m = coaching_map(rv, res).set_index("opd_id")
    assert m["mean_maturity"].tolist() == pytest.approx([55.5, 55.0, 56.0])
    assert m["group"].tolist() == ["matang", "bukti_belum_lengkap", "bukti_belum_lengkap"]


def test_coaching_map_of_an_empty_edition(city):
    reviews, results = city
    m = coaching_map(reviews[2019], results[2019])
    assert len(m) == 7 and set(m["group"]) == {"tidak_ikut"}
    assert list(coaching_groups(m)["count"]) == [7, 0, 0, 0]
    g = coaching_groups(m.iloc[:0])
    assert list(g["count"]) == [0, 0, 0, 0] and g["share"].isna().all()


def test_indicator_heatmap_2021(res21):
    h = indicator_heatmap(res21)
    assert list(h["opd_id"]) == ["BAPPEDA", "DINKES"]  # units with scored innovations
    assert list(h.columns[:3]) == ["opd_id", "name", "n_scored"]
    assert list(h.columns[3:]) == [f"SID{i:02d}" for i in range(1, 21)]
    by = h.set_index("opd_id")
    assert by.loc["DINKES", "n_scored"] == 2
    assert by.loc["DINKES", "SID01"] == 2.5  # claimed 3 and 2 (the 2 still pending)
    assert by.loc["DINKES", "SID04"] == 0.5
    assert by.loc["DINKES", "SID20"] == 1.5
    assert by.loc["BAPPEDA", "SID05"] == 1.0 and by.loc["BAPPEDA", "SID17"] == 0.0


def test_bimtek_priorities_2021(res21):
    b = bimtek_priorities(res21)
    assert len(b) == 20
    # lift = mean points still open per innovation (I1, I2, I6): SID15/SID17 unanswered, w 2 → 6;
    # SID04 (0, 2, 0 of 6) and SID19 (0, 0, 2 of 6) → 16/3; then SID06, SID13, SID20 → 4
    assert list(b["indicator_id"][:7]) == ["SID15", "SID17", "SID04", "SID19", "SID06", "SID13",
                                           "SID20"]
    assert b["lift"][:4].tolist() == pytest.approx([6, 6, 16 / 3, 16 / 3])
    assert list(b["indicator_id"][-3:]) == ["SID05", "SID02", "SID03"]
    s01 = b.set_index("indicator_id").loc["SID01"]
    assert s01["mean_level_claimed"] == pytest.approx(8 / 3)
    assert s01["mean_level_valid"] == pytest.approx(2.0)  # I2's pending level 2 earns nothing
    assert s01["lift"] == pytest.approx(3.0)
    assert list(b["rank"]) == list(range(1, 21))


def test_heatmap_and_priorities_with_nothing_scored(city):
    res19 = city[1][2019]
    assert len(indicator_heatmap(res19)) == 0
    assert len(bimtek_priorities(res19)) == 0


# --------------------------------------------------------------------------- results.json


def results_fields(rv, res):
    return participation_fields(funnel(rv, res), participation_summary(rv, res),
                                coaching_groups(coaching_map(rv, res)))


def test_results_fields_2021(rv21, res21):
    r = results_fields(rv21, res21)
    assert json.loads(json.dumps(r)) == r
    assert (r["n_submitted"], r["n_eligible"], r["n_opd"], r["n_opd_participating"]) == (8, 3, 7, 4)
    assert [s["count"] for s in r["funnel"]] == [8, 6, 5, 3, 3]
    assert r["funnel"][0] == {"step": "entered", "label": "Dimasukkan OPD", "count": 8}
    assert r["coaching_groups"] == {"tidak_ikut": 3, "tidak_memenuhi": 2,
                                    "bukti_belum_lengkap": 1, "matang": 1}


def test_results_fields_of_an_empty_edition(city):
    reviews, results = city
    r = results_fields(reviews[2019], results[2019])
    assert (r["n_submitted"], r["n_eligible"], r["n_opd"], r["n_opd_participating"]) == (0, 0, 7, 0)
    assert r["coaching_groups"]["tidak_ikut"] == 7


# --------------------------------------------------------------------------- properties

_OPDS = ["A", "B", "C", "D"]


@st.composite
def random_city(draw):
    n = draw(st.integers(0, 12))
    rows = []
    for k in range(n):
        stage = draw(st.sampled_from(["inisiatif", "uji_coba", "penerapan"]))
        impl = draw(st.sampled_from(["2018-06-01", "2019-06-01", "2020-06-01", ""]))
        rows.append((f"X{k}", "2021", draw(st.sampled_from([*_OPDS, "ZZ"])), f"Inovasi {k}", stage,
                     "opd", "digital", "tata_kelola", "", "", impl,
                     draw(st.sampled_from(["", "2021-06-01", "2021-09-16", "2021-09-30"])),
                     draw(st.sampled_from(["0", "1"]))))
    ans = _answers({f"X{k}": [("SID20", draw(st.integers(0, 3)),
                               draw(st.sampled_from(["valid", "pending"])))] for k in range(n)})
    active_to = draw(st.lists(st.sampled_from(["", "2020"]), min_size=4, max_size=4))
    opd = pd.DataFrame({"opd_id": _OPDS, "name": ["Unit", "Unit", "Badan", "Dinas"],
                        "active_to": active_to})
    return {"opd": opd, "innovations": _innovations(rows), "innovation_indicators": ans,
            "region_indicators": NO_REGION}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_city())
def test_properties_funnel_opd_and_coaching_are_consistent(tables):
    # the stand-in review keeps this fast; the invariants are participation's own
    rv = _stand_in(tables, 2021)
    res = score(rv)
    f = funnel(rv, res)
    counts = f["count"].tolist()
    assert counts[0] == len(rv.innovations)
    assert all(a >= b for a, b in zip(counts, counts[1:], strict=False))  # nested steps
    assert counts[4] == counts[3]  # every eligible innovation is scored
    w = funnel_by_opd(rv, res)
    assert w[list(FUNNEL_STEPS)].sum().tolist() == counts
    t = opd_participation(rv, res)
    active = set(tables["opd"].loc[tables["opd"]["active_to"] == "", "opd_id"])
    assert set(t["opd_id"]) == active
    assert list(t.sort_values(["name", "opd_id"])["opd_id"]) == list(t["opd_id"])
    m = coaching_map(rv, res)
    assert list(m["opd_id"]) == list(t["opd_id"])  # every active unit exactly once
    g = coaching_groups(m)
    assert g["count"].sum() == len(active)
    assert int(g.loc[g["group"] == "tidak_ikut", "count"].item()) == int((t["entered"] == 0).sum())
    s = timeline_summary(rv)
    tl = timeline(rv)
    assert tl["n_entries"].sum() == s["n_with_date"]
    assert s["n_with_date"] + s["n_without_date"] == len(rv.innovations)
    assert json.loads(json.dumps(results_fields(rv, res)))
