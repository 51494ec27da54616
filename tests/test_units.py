"""Every work unit on its own (``a.units``): profile, entries, actions — on a tiny city whose
numbers are worked out by hand below — and the placeholder rule of the desk review.

The 2021 city (methodology 2021: SID weights SID01 3, SID02 2, SID16 3, SID18 3, SID20 4, the
other weights 1 or 2; divisor max(10, n); count score 0.38 per scored innovation; maximum 250;
no SPD rows, so SPD = 0):

====  ====  =========  ==========================================  ===========  ========
id    OPD   stage      answers (level, status)                     decision     maturity
====  ====  =========  ==========================================  ===========  ========
X1    A     penerapan  SID01 3 valid (9), SID20 3 valid (12)        lanjut       21
X2    A     penerapan  SID16 1 valid (3), SID18 2 pending (0)       lengkapi     3
Y1    B     penerapan  SID18 3 valid (9), SID01 2 "-" valid → 0;   lengkapi     9
                       rancang bangun "Belum diisi"
Z1    D     uji_coba   SID01 3 valid, SID20 2 valid                 tidak_lanjut —
====  ====  =========  ==========================================  ===========  ========

Units C (dinas) and K (kecamatan) entered nothing. n = 3 → divisor 10; one SID point is worth
100 / 10 / 250 = 0.04 IID points: A brings 24 × 0.04 = 0.96, B 9 × 0.04 = 0.36; the count score
1.14 is 0.456 IID points; the IID is 0.96 + 0.36 + 0.456 = 1.776 → 1.78.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import pytest
from test_validation import base_tables, run

from iid_analysis.analyses.coaching import coaching_map
from iid_analysis.analyses.gaps import gaps
from iid_analysis.analyses.unit_actions import PROFILE_GAIN_NOTE, unit_actions
from iid_analysis.analyses.unit_profile import PROFILE_COLUMNS, unit_entries, unit_profile
from iid_analysis.io.dataset import dataset_from_frames
from iid_analysis.methodology.loader import load_methodology
from iid_analysis.methodology.model import MethodologyError
from iid_analysis.review.desk import review
from iid_analysis.review.placeholders import PLACEHOLDERS, is_placeholder
from iid_analysis.scoring.compute import score

TEXT = "Uraian singkat tentang inovasi ini: latar belakang, cara kerja, manfaat dan hasil bagi warga."
OPD = pd.DataFrame(
    [("A", "Dinas A", "dinas"), ("B", "Dinas B", "dinas"), ("C", "Dinas C", "dinas"),
     ("D", "Dinas D", "dinas"), ("K", "Kecamatan K", "kecamatan")],
    columns=["opd_id", "name", "kind"],
)
_COLS = ["innovation_id", "year", "opd_id", "name", "stage", "initiator", "kind", "form", "affair",
         "trial_date", "implementation_date", "submitted_on", "previous_entries"]
_ROWS = [
    ("X1", "Alpha Satu", "A", "penerapan"),
    ("X2", "Alpha Dua", "A", "penerapan"),
    ("Y1", "Beta", "B", "penerapan"),
    ("Z1", "Delta", "D", "uji_coba"),
]


def city_tables() -> dict[str, pd.DataFrame]:
    inn = pd.DataFrame(
        [(i, "2021", o, n, s, "opd", "digital", "pelayanan_publik", "Kesehatan", "2019-06-01",
          "2020-03-01", "2021-07-01", "0") for i, n, o, s in _ROWS], columns=_COLS)
    for c in ("design", "goal", "benefit", "result"):
        inn[c] = TEXT
    inn.loc[inn["innovation_id"] == "Y1", "design"] = "Belum diisi"
    answers = pd.DataFrame(
        [("X1", "SID01", "3", "SK.pdf", "valid"), ("X1", "SID20", "3", "video.mp4", "valid"),
         ("X2", "SID16", "1", "replikasi.pdf", "valid"), ("X2", "SID18", "2", "pengguna.xlsx", "pending"),
         ("Y1", "SID18", "3", "pengguna.xlsx", "valid"), ("Y1", "SID01", "2", "-", "valid"),
         ("Z1", "SID01", "3", "SK.pdf", "valid"), ("Z1", "SID20", "2", "video.mp4", "valid")],
        columns=["innovation_id", "indicator_id", "level", "evidence", "evidence_status"])
    region = pd.DataFrame(columns=["year", "indicator_id", "level", "evidence", "evidence_status"])
    return {"opd": OPD, "innovations": inn, "innovation_indicators": answers,
            "region_indicators": region}


@pytest.fixture(scope="module")
def city():
    ds = dataset_from_frames({k: v.astype("string") for k, v in city_tables().items()})
    rv = review(ds, load_methodology(2021), 2021)
    res = score(rv)
    return ds, rv, res


@pytest.fixture(scope="module")
def profile(city):
    _, rv, res = city
    return unit_profile(rv, res, coaching_map(rv, res)).set_index("opd_id")


def test_the_city_is_as_the_docstring_says(city):
    _, rv, res = city
    dec = dict(zip(rv.innovations["innovation_id"], rv.innovations["decision"], strict=True))
    assert dec == {"X1": "lanjut", "X2": "lengkapi", "Y1": "lengkapi", "Z1": "tidak_lanjut"}
    mat = res.innovations.set_index("innovation_id")["maturity"]
    assert (mat["X1"], mat["X2"], mat["Y1"]) == (21.0, 3.0, 9.0)
    assert res.divisor == 10 and res.spd == 0.0 and res.iid == 1.78


def test_profile_counts_contribution_and_order(profile):
    assert list(profile.columns) == list(PROFILE_COLUMNS[1:])
    assert list(profile.index) == ["A", "B", "C", "D", "K"]  # by name: Dinas A–D, Kecamatan K
    assert profile.loc["A", ["n_entered", "n_eligible", "n_scored"]].tolist() == [2, 2, 2]
    assert profile.loc["D", ["n_entered", "n_eligible", "n_scored"]].tolist() == [1, 0, 0]
    assert profile.loc["A", "mean_maturity"] == 12.0 and math.isnan(profile.loc["C", "mean_maturity"])
    assert profile.loc["A", "contribution"] == pytest.approx(0.96, abs=1e-12)
    assert profile.loc["B", "contribution"] == pytest.approx(0.36, abs=1e-12)
    assert profile.loc["C", "contribution"] == 0.0
    assert profile.loc["C", "coaching_group"] == "tidak_ikut"
    assert profile.loc["D", "coaching_group"] == "tidak_memenuhi"
    assert profile.loc["C", "coaching_action"].startswith("Datangi")


def test_bimtek_names_where_the_unit_loses_most(profile):
    # A per innovation: SID18 (9 + 9) / 2 = 9, SID16 (9 + 6) / 2 = 7.5, then 6 for SID02 (2 × 3,
    # twice), tied with the other weight-2 indicators and SID20 ((0 + 12) / 2): first in order
    assert profile.loc["A", "bimtek"] == ["Kemanfaatan inovasi", "Replikasi",
                                          "Ketersediaan SDM terhadap inovasi daerah"]
    # B: SID20 12, SID01 9 (claimed 2 but the evidence is "-": 0 points), SID16 9
    assert profile.loc["B", "bimtek"] == ["Kualitas inovasi (video)", "Regulasi inovasi daerah",
                                          "Replikasi"]
    # D (nothing scored): from the levels claimed — SID16 9, SID18 9, SID02 6 (SID20: 4 × 1 = 4)
    assert profile.loc["D", "bimtek"] == ["Replikasi", "Kemanfaatan inovasi",
                                          "Ketersediaan SDM terhadap inovasi daerah"]
    assert profile.loc["C", "bimtek"] == []


def test_units_that_entered_nothing_get_three_suggestions(profile):
    # dinas units' scored innovations: SID01 9/27, SID18 9/27, SID20 12/36 (all 1/3), SID16 3/27
    want = ["Regulasi inovasi daerah", "Kemanfaatan inovasi", "Kualitas inovasi (video)"]
    assert profile.loc["C", "suggested"] == want
    assert profile.loc["K", "suggested"] == want  # no kecamatan scored: all units
    for o in ("A", "B", "D"):
        assert profile.loc[o, "suggested"] == []


def test_entries_with_labels_reasons_and_maturity(city):
    _, rv, res = city
    e = unit_entries(rv, res)
    assert e["innovation_id"].tolist() == ["X2", "X1", "Y1", "Z1"]  # opd, then name
    y1 = e.set_index("innovation_id").loc["Y1"]
    assert y1["decision_label"] == "Lengkapi" and y1["stage_label"] == "Penerapan"
    assert "rancang bangun masih kosong" in y1["reasons"] and "kata" not in y1["reasons"]
    assert y1["maturity"] == 9.0
    z1 = e.set_index("innovation_id").loc["Z1"]
    assert z1["decision_label"] == "Tidak dilanjutkan" and math.isnan(z1["maturity"])
    assert e.set_index("innovation_id").loc["X1", "reasons"] != ""


def test_actions_say_what_the_unit_does_and_what_it_is_worth(city):
    _, rv, res = city
    # one day before the 2021 deadline: evidence fixes only; the level raises wait for 2022
    acts = unit_actions(rv, res, gaps(res, as_of=dt.date(2021, 9, 16)))
    assert not acts.duplicated(["innovation_id", "indicator_id", "indicator_name"]).any()  # one row per answer
    key = acts.set_index(["innovation_id", "indicator_id", "gap_action"])
    pend = key.loc[("X2", "SID18", "validate_evidence")]
    assert pend["missing"] == "dokumen belum diperiksa"
    assert pend["gain"] == pytest.approx(2 * 3 * 0.04, abs=1e-12)  # 0.24
    assert pend["later"] == "Kenaikan ke tingkat 3 bernilai +0,36 poin, untuk edisi berikutnya"
    assert "minta Bappeda memeriksanya" in pend["action"]
    assert pend["evidence"] == "Daftar penerima manfaat, jumlah pengguna"
    empty = key.loc[("Y1", "SID01", "fix_evidence")]
    assert empty["missing"] == "bukti dukung masih kosong"
    assert empty["gain"] == pytest.approx(2 * 3 * 0.04, abs=1e-12)
    assert empty["evidence"] == "Keputusan kepala daerah yang menetapkan inovasi"  # level 2's document
    assert empty["action"].startswith("Unggah dokumen ke sistem nasional (aplikasi IID)")
    raise_ = key.loc[("X2", "SID16", "raise_level")]
    assert (raise_["level"], raise_["target_level"]) == (1, 3)
    assert raise_["gain"] == pytest.approx(2 * 3 * 0.04, abs=1e-12)
    assert not raise_["before_deadline"] and raise_["later"] == ""
    # with time enough, the raise (which includes the evidence fix) is the one row of X2 SID18
    roomy = unit_actions(rv, res, gaps(res)).set_index(["innovation_id", "indicator_id"])
    assert roomy.loc[[("X2", "SID18")], "gap_action"].tolist() == ["raise_level"]
    assert roomy.loc[("X2", "SID18"), "gain"] == pytest.approx(3 * 3 * 0.04, abs=1e-12)
    assert not acts["action"].str.contains("pastikan bukti diverifikasi", case=False).any()
    # the profile to-do of Y1 (sent back): no gain, said why
    prof = acts[acts["kind"] == "profile"]
    assert prof["innovation_id"].tolist() == ["Y1"]
    assert prof["missing"].tolist() == ["rancang bangun masih kosong"]
    assert math.isnan(prof["gain"].iloc[0]) and prof["gain_note"].iloc[0] == PROFILE_GAIN_NOTE
    # every gain is a gain of the gaps table; sorted per unit by gain (NaN last)
    g = gaps(res)
    assert set(acts["gain"].dropna().round(12)) <= set(g["gain"].round(12))
    for _, grp in acts.groupby("opd_id"):
        gains = grp["gain"].fillna(-1).tolist()
        assert gains == sorted(gains, reverse=True)
    assert set(acts["opd_id"]) == {"A", "B"}


@pytest.mark.parametrize("text", ["Belum diisi", "-", "–", "tidak ada", "N/A", "kosong", "belum ada",
                                  "…", "...", "Terlampir.", "  BELUM DIISI  ", "Tidak ada.", ""])
def test_placeholders_are_empty(text):
    assert is_placeholder(text)


@pytest.mark.parametrize("text", ["Aplikasi daring", "SK Wali Kota 12/2020", "-1 hari", "tidak"])
def test_real_texts_are_not_placeholders(text):
    assert not is_placeholder(text)


def test_the_list_holds_the_issue_examples():
    assert {"belum diisi", "-", "–", "tidak ada", "n/a", "kosong", "belum ada", "…"} <= PLACEHOLDERS


@pytest.mark.parametrize("text", ["Belum diisi", "…", "N/A", "tidak ada"])
def test_placeholder_in_a_profile_field_reads_masih_kosong(text):
    t = city_tables()
    t["innovations"].loc[t["innovations"]["innovation_id"] == "X1", "goal"] = text
    ds = dataset_from_frames({k: v.astype("string") for k, v in t.items()})
    rv = review(ds, load_methodology(2021), 2021)
    x1 = rv.innovations.set_index("innovation_id").loc["X1"]
    assert "tujuan masih kosong" in x1["reasons"] and "terlalu singkat" not in x1["reasons"]
    assert x1["decision"] == "lengkapi"


def test_placeholder_in_an_asked_field_counts_as_missing():
    t = base_tables(2, year=2025)
    t["innovations"]["implementation_date"] = "2024-02-01"
    t["innovations"]["trial_date"] = "2023-06-01"
    t["innovations"]["submitted_on"] = "2025-07-01"
    t["innovations"]["latitude"] = "-6.89"
    t["innovations"]["longitude"] = "109.67"
    t["innovations"]["asta_cita"] = ["Belum diisi", "Asta Cita 4"]
    rv = run(t, year=2025)
    f = rv.findings[rv.findings["rule"] == "profile_field_missing"]
    assert f["column"].tolist() == ["asta_cita"] and f["innovation_id"].tolist() == ["INV1"]


def test_evidence_that_counts_per_level_and_old_files_still_load(tmp_path):
    m = load_methodology(2021)
    reg = m.indicator("SID01")
    assert [reg.evidence_for(lv) for lv in (1, 2, 3)] == [
        "Keputusan kepala perangkat daerah yang menetapkan inovasi",
        "Keputusan kepala daerah yang menetapkan inovasi",
        "Peraturan kepala daerah atau peraturan daerah yang menetapkan inovasi"]
    # no evidence_levels: every level asks for the indicator's evidence
    assert m.indicator("SID18").evidence_for(2) == "Daftar penerima manfaat, jumlah pengguna"
    # no SPD indicator asks for the old catch-all text any more
    assert all(i.evidence and i.evidence != "Dokumen pendukung sesuai indikator" for i in m.indicators)
    # an edition file may override a catalogue entry; evidence_levels must then be three texts
    src = (Path(load_methodology(2021).path)).read_text(encoding="utf-8")
    bad = tmp_path / "2021.toml"
    bad.write_text(src + '\n[catalogue.sid.replikasi]\nevidence_levels = ["a", "b"]\n', encoding="utf-8")
    with pytest.raises(MethodologyError, match="evidence_levels"):
        load_methodology(bad)
