"""The nomination narrative: each kind of sentence on hand-made inputs, edge cases, the whole report.

Sentences that need only a few numbers get a real result of a small analysis with those numbers
replaced (``dataclasses.replace``); the rest runs the real pipeline (``dataset_from_frames`` → ``review`` → ``score`` → ``analyse``)
on hand-built frames whose expected numbers are worked out by hand in the comments.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from pathlib import Path

import mistune
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iid_analysis.analyses.flagships import (
    flagship_candidates,
    flagship_choice,
)
from iid_analysis.analyses.shares import (
    indicator_shares,
    variable_shares,
)
from iid_analysis.analyses.todo import (
    todo_by_opd,
)
from iid_analysis.analysis import analyse
from iid_analysis.io.dataset import dataset_from_frames
from iid_analysis.methodology import available_years, load_methodology
from iid_analysis.report.assumptions import (
    NUMBER_LABELS,
    assumption_items,
    assumptions_markdown,
    data_source_items,
)
from iid_analysis.report.brief import (
    report_markdown,
    report_sections,
)
from iid_analysis.report.brief_actions import (
    action_plan_markdown,
    coaching_markdown,
    path_markdown,
    sentence_deadline,
    sentence_not_continued,
)
from iid_analysis.report.brief_certainty import (
    sentence_robustness,
)
from iid_analysis.report.brief_flagships import (
    flagship_rule,
    profile_markdown,
    sentence_flagship,
)
from iid_analysis.report.brief_strengths import (
    sentence_evidence_loss,
    sentence_sid_indicators,
    sentence_spd_gaps,
    sentence_variables,
)
from iid_analysis.report.brief_summary import (
    sentence_change,
    sentence_components,
    sentence_decisions,
    sentence_distance,
    sentence_iid,
    sentence_no_innovations,
    sentence_participation,
    sentence_participation_change,
    sentence_tdd,
)
from iid_analysis.report.prose import (
    count_of,
    listing,
    pct,
    trim,
)

M21 = load_methodology(2021)
BAD = ("nan", "NaN", "None", "<NA>", "NaT", "inf")
EVIL = "<script>alert(1)</script> **x**"
WORDS = "kalimat yang cukup panjang untuk profil inovasi ini"
REPO = Path(__file__).resolve().parents[1]


def no_bad_tokens(text: str) -> bool:
    return not any(re.search(rf"(?<![\w-]){re.escape(b)}(?![\w-])", text) for b in BAD)


# ----------------------------------------------------------------------------- builders
def inv(i: int, **kw) -> dict:
    row = dict(innovation_id=f"INV{i:02d}", year="2021", opd_id="DINKES", name=f"Inovasi {i}",
               stage="penerapan", initiator="opd", kind="digital", form="pelayanan_publik",
               affair="Kesehatan", trial_date="2019-06-01", implementation_date="2020-03-01",
               submitted_on="2021-08-01", previous_entries="0", design=WORDS, goal=WORDS,
               benefit=WORDS, result=WORDS)
    row.update(kw)
    return row


def answers(iid: str, levels, status="valid") -> list[dict]:
    """20 SID answers; ``levels``/``status``: one value for all, or a dict per indicator (rest 0 /
    valid)."""
    out = []
    for k in range(1, 21):
        ind = f"SID{k:02d}"
        lv = levels.get(ind, 0) if isinstance(levels, dict) else levels
        stt = status.get(ind, "valid") if isinstance(status, dict) else status
        out.append(dict(innovation_id=iid, indicator_id=ind, level=str(lv),
                        evidence="" if stt == "missing" else "dok.pdf", evidence_status=stt))
    return out


def spd(year: int, level: int = 3, status: str = "valid", over: dict | None = None) -> list[dict]:
    rows = []
    for k in range(1, 16):
        ind = f"SPD{k:02d}"
        lv, stt = (over or {}).get(ind, (level, status))
        rows.append(dict(year=str(year), indicator_id=ind, level=str(lv),
                         evidence="" if stt == "missing" else "dok.pdf", evidence_status=stt))
    return rows


OPD = [dict(opd_id="DINKES", name="Dinas Kesehatan", kind="dinas"),
       dict(opd_id="DISKOMINFO", name="Dinas Komunikasi dan Informatika", kind="dinas"),
       dict(opd_id="KEC", name="Kecamatan Utara", kind="kecamatan")]


def build(invs, ans, spd_rows, opd=OPD, year=2021, draws=200, source="memory"):
    t = {
        "opd": pd.DataFrame(opd),
        "innovations": pd.DataFrame(invs, columns=list(inv(0))),
        "innovation_indicators": pd.DataFrame(
            ans, columns=["innovation_id", "indicator_id", "level", "evidence", "evidence_status"]),
        "region_indicators": pd.DataFrame(
            spd_rows, columns=["year", "indicator_id", "level", "evidence", "evidence_status"]),
    }
    return analyse(dataset_from_frames(t, source=source), year, draws=draws)


@cache
def _small():
    """A real analysis of one innovation (the base that ``result_with`` changes)."""
    return build([inv(1)], answers("INV01", 1), spd(2021), draws=200)


def result_with(iid, predicate, year=2021, max_total=250.0, **kw):
    """A real IndexResult with the given headline numbers (the rest from a small analysis)."""
    base = dict(iid=iid, predicate=predicate, year=year, max_total=max_total, methodology=M21,
                next_predicate=None, distance_to_next=None, n=0, spd=0.0)
    base.update(kw)
    return dataclasses.replace(_small().result, **base)


@pytest.fixture(scope="module")
def mixed():
    """Two digital innovations (tie on maturity, broken by SID16), one non-digital, one stopped.

    INV01 digital: SID01..SID20 level 2 valid except SID16 level 1 → maturity = 2·37 − 3 = 71.
    INV02 digital: all level 2 except SID18 level 1 (weight 3) → maturity 71 as well; SID16 proven
    level 2 > INV01's 1, so INV02 wins the digital slot. INV03 non-digital ("evil" name) level 1
    valid everywhere → 37. INV04 implemented 2018 → outside the window, tidak lanjut.
    """
    invs = [inv(1), inv(2, name="Inovasi Dua", opd_id="DISKOMINFO"),
            inv(3, name=EVIL, kind="non_digital", benefit=""),
            inv(4, implementation_date="2018-01-01")]
    ans = (answers("INV01", {**{f"SID{k:02d}": 2 for k in range(1, 21)}, "SID16": 1})
           + answers("INV02", {**{f"SID{k:02d}": 2 for k in range(1, 21)}, "SID18": 1})
           + answers("INV03", 1) + answers("INV04", 1))
    return build(invs, ans, spd(2021, over={"SPD02": (3, "missing")}))


# ----------------------------------------------------------------------------- helpers
def test_counts_and_lists_read_naturally():
    assert count_of(0, "inovasi") == "tidak ada inovasi"
    assert count_of(1, "inovasi") == "satu inovasi"
    assert count_of(2, "inovasi") == "2 inovasi"
    assert count_of(1234, "inovasi") == "1.234 inovasi"
    assert listing(["A"]) == "A"
    assert listing(["A", "B"]) == "A dan B"
    assert listing(["A", "B", "C"]) == "A, B, dan C"
    assert listing(["A, x", "B", "C"], ";") == "A, x; B; dan C"
    assert trim(10.0) == "10" and trim(0.38) == "0,38" and trim(1.5) == "1,5"
    assert trim(float("nan")) == "" and pct(None) == ""
    assert pct(0.00001) == "<0,1%" and pct(0.99999) == ">99,9%" and pct(0.5) == "50,0%"


# ----------------------------------------------------------------------------- ringkasan
def test_sentence_iid_first_edition_has_no_comparison():
    s = sentence_iid(result_with(45.78, "Inovatif"), None)
    assert s == "Indeks Inovasi Daerah (IID) edisi 2021 adalah **45,78** dengan predikat **Inovatif**."


@pytest.mark.parametrize("old, old_pred, new, new_pred, expected", [
    (20.02, "Kurang Inovatif", 45.78, "Inovatif",
     "Dibanding edisi 2020, IID naik 25,76 poin dari 20,02 menjadi 45,78 dan predikat naik dari "
     "Kurang Inovatif menjadi Inovatif."),
    (62.00, "Sangat Inovatif", 59.50, "Inovatif",
     "Dibanding edisi 2020, IID turun 2,50 poin dari 62,00 menjadi 59,50 dan predikat turun dari "
     "Sangat Inovatif menjadi Inovatif."),
    (40.00, "Inovatif", 40.00, "Inovatif",
     "Dibanding edisi 2020, IID tetap 40,00 dan predikat tetap Inovatif."),
    (40.00, "Inovatif", 41.10, "Inovatif",
     "Dibanding edisi 2020, IID naik 1,10 poin dari 40,00 menjadi 41,10 dan predikat tetap Inovatif."),
])
def test_sentence_change_up_down_same(old, old_pred, new, new_pred, expected):
    prev = result_with(old, old_pred, year=2020)
    assert sentence_change(result_with(new, new_pred), prev) == expected
    assert sentence_iid(result_with(new, new_pred), prev).endswith(expected)


def test_sentence_change_notes_a_different_frame_and_skips_missing():
    prev = result_with(30.0, "Kurang Inovatif", year=2019, max_total=300.0)
    s = sentence_change(result_with(40.0, "Inovatif"), prev)
    assert "kerangka masing-masing (total maksimum 300 dan 250 poin)" in s
    assert sentence_change(result_with(40.0, "Inovatif"), result_with(float("nan"), "Inovatif")) == ""
    assert sentence_iid(result_with(float("nan"), "Inovatif")) == ""


def test_sentence_distance_middle_band_and_margin():
    r = result_with(45.78, "Inovatif", next_predicate="Sangat Inovatif", distance_to_next=14.23)
    s = sentence_distance(r)
    # 14.23 IID points × 250 / 100 = 35.575 points of the total
    assert s == ("Untuk mencapai predikat Sangat Inovatif dibutuhkan tambahan 14,23 poin IID (batas "
                 "bawah 60,01), setara sekitar 35,58 poin dari total maksimum 250. IID saat ini 10,78 "
                 "poin di atas batas bawah predikat Inovatif (35,00).")


def test_sentence_distance_lowest_band_has_no_margin():
    r = result_with(29.76, "Kurang Inovatif", next_predicate="Inovatif", distance_to_next=5.24)
    s = sentence_distance(r)
    assert s.startswith("Untuk mencapai predikat Inovatif dibutuhkan tambahan 5,24 poin IID")
    assert "di atas batas bawah" not in s


def test_sentence_distance_top_band_says_keep_it():
    s = sentence_distance(result_with(61.35, "Sangat Inovatif"))
    assert "Predikat tertinggi, Sangat Inovatif, sudah tercapai" in s
    assert "1,34 poin di atas batas bawahnya (60,01)" in s and "mempertahankan" in s
    assert "dibutuhkan tambahan" not in s
    assert "tepat di batas bawahnya" in sentence_distance(result_with(60.01, "Sangat Inovatif"))


def test_sentence_distance_left_out_when_missing_or_tdd():
    assert sentence_distance(result_with(0.0, "Tidak Dapat Dinilai", next_predicate="Kurang Inovatif",
                                           distance_to_next=0.01)) == ""
    assert sentence_distance(result_with(40.0, "Inovatif", next_predicate="Sangat Inovatif",
                                           distance_to_next=None)) == ""


@pytest.mark.parametrize("args, expected", [
    ((52, 17, 17, 37, 10, 2021, 19),
     "OPD memasukkan 52 inovasi untuk edisi 2021; 19 di antaranya diterapkan dalam periode penilaian, "
     "17 memenuhi syarat, dan 17 dinilai dalam indeks. Sebanyak 10 dari 37 OPD aktif (27,0%) ikut serta "
     "memasukkan inovasi."),
    ((1, 1, 1, 1, 1, 2021, None),
     "OPD memasukkan satu inovasi untuk edisi 2021; satu di antaranya memenuhi syarat dan satu dinilai "
     "dalam indeks. Satu-satunya OPD aktif ikut serta memasukkan inovasi."),
    ((3, 0, 0, 4, 4, None, None),
     "OPD memasukkan 3 inovasi; tidak satu pun di antaranya memenuhi syarat. Seluruh 4 OPD aktif ikut "
     "serta memasukkan inovasi."),
    ((0, 0, 0, 3, 0, 2021, 0),
     "Tidak ada inovasi yang dimasukkan untuk edisi 2021. Tidak satu pun dari 3 OPD aktif memasukkan "
     "inovasi."),
    ((5, 2, 2, 0, 0, None, None), "OPD memasukkan 5 inovasi; 2 di antaranya memenuhi syarat dan 2 "
                                  "dinilai dalam indeks."),
    ((None, 2, 2, 3, 1, None, None), ""),
])
def test_sentence_participation(args, expected):
    assert sentence_participation(*args) == expected


@settings(max_examples=80, deadline=None)
@given(st.one_of(st.none(), st.integers(0, 500)), st.one_of(st.none(), st.integers(0, 500)),
       st.one_of(st.none(), st.just(float("nan")), st.integers(0, 500)),
       st.one_of(st.none(), st.integers(0, 60)), st.one_of(st.none(), st.integers(0, 60)))
def test_sentence_participation_never_prints_missing(sub, el, sc, n_opd, part):
    s = sentence_participation(sub, el, sc, n_opd, part)
    assert no_bad_tokens(s)
    assert s == "" or s.endswith(".")


def test_sentence_participation_change_and_decisions():
    s = sentence_participation_change({"n_submitted": 52, "n_opd_participating": 10},
                                        {"n_submitted": 4, "n_opd_participating": 10}, 2020)
    assert s == ("Dibanding edisi 2020, jumlah inovasi yang dimasukkan naik dari 4 menjadi 52 dan jumlah "
                 "OPD yang ikut serta tetap 10.")
    assert sentence_participation_change({"n_submitted": 3}, {"n_submitted": 5}, 2019) == \
        "Dibanding edisi 2019, jumlah inovasi yang dimasukkan turun dari 5 menjadi 3."
    assert sentence_participation_change({}, {}, 2019) == ""
    assert sentence_decisions({"n_lanjut": 1, "n_lengkapi": 0, "n_tidak_lanjut": 35}) == \
        "Hasil telaah meja: 1 inovasi lanjut dan 35 inovasi tidak dilanjutkan."
    assert sentence_decisions({"n_lanjut": 0, "n_lengkapi": 0, "n_tidak_lanjut": 0}) == ""


def test_tdd_with_nothing_at_all_says_what_it_means_and_what_to_do():
    a = build([], [], [])
    r = a.result
    assert r.iid == 0 and r.predicate == "Tidak Dapat Dinilai"
    s = sentence_tdd(r, 0)
    assert s.startswith("Predikat Tidak Dapat Dinilai berarti tidak ada poin yang dapat dihitung: "
                        "tidak ada inovasi yang dimasukkan untuk edisi ini, dan indikator daerah (SPD) "
                        "juga belum memperoleh poin.")
    assert "17 September 2021" in s and "1 Januari 2019" in s and "31 Desember 2020" in s
    assert "tahap penerapan" in s
    assert sentence_distance(r) == ""
    text = report_markdown(a)
    assert "**Tidak Dapat Dinilai**" in text and no_bad_tokens(text)


def test_tdd_with_entries_none_eligible():
    a = build([inv(1, implementation_date="2017-01-01")], answers("INV01", 2), [])
    assert a.result.predicate == "Tidak Dapat Dinilai"
    assert "tidak satu pun dari satu inovasi yang dimasukkan memenuhi syarat" in sentence_tdd(a.result, 1)
    assert sentence_tdd(result_with(40.0, "Inovatif")) == ""


def test_no_innovations_but_spd_gives_an_iid():
    a = build([], [], spd(2021))  # SPD full: 63 / 250 = 25.20
    r = a.result
    assert r.iid == pytest.approx(25.2) and r.predicate == "Kurang Inovatif"
    assert sentence_no_innovations(r).startswith("Tidak ada inovasi yang dinilai: seluruh IID berasal")
    assert sentence_components(r) == ("Total poin 63,00 dari maksimum 250 terdiri atas SPD 63,00 "
                                        "(maksimum 63) dan SID 0,00 (maksimum 187; tidak ada inovasi yang dinilai).")
    sections = {s.key: s.markdown for s in report_sections(a)}
    assert "Belum ada inovasi yang dinilai" in sections["kekuatan_kelemahan"]
    assert "Semua indikator SPD sudah memperoleh poin penuh." in sections["kekuatan_kelemahan"]
    assert "Tidak ada inovasi digital yang dinilai" in sections["unggulan"]
    assert "Tidak ada inovasi nondigital yang dinilai" in sections["unggulan"]
    assert sections["profil"].startswith("Belum ada inovasi unggulan")
    assert all(no_bad_tokens(v) for v in sections.values())


def test_top_band_report_keeps_rather_than_climbs():
    # 10 innovations at full level 3 valid (111 each) and SPD full:
    # total = 63 + 1110/10 + 0.38·10 = 177.8 → IID 71.12, Sangat Inovatif
    invs = [inv(i, kind="digital" if i % 2 else "non_digital") for i in range(1, 11)]
    ans = [a for i in range(1, 11) for a in answers(f"INV{i:02d}", 3)]
    a = build(invs, ans, spd(2021))
    assert a.result.iid == pytest.approx(71.12) and a.result.next_predicate is None
    sections = {s.key: s.markdown for s in report_sections(a)}
    assert "mempertahankan" in sections["ringkasan"]
    assert "dibutuhkan tambahan" not in sections["ringkasan"]
    assert "Jalur menuju" not in sections["rencana_aksi"]
    assert "mempertahankan predikat Sangat Inovatif" in sections["rencana_aksi"]
    # ties on everything → the flagship is the smallest innovation code of its kind
    ch = flagship_choice(a.result, a.review)
    assert ch["digital"]["innovation_id"] == "INV01" and ch["non_digital"]["innovation_id"] == "INV02"


# ----------------------------------------------------------------------------- kekuatan
def test_indicator_shares_and_sentence(mixed):
    r = mixed.result
    sh = indicator_shares(r, "SID")
    # 3 scored innovations (INV01, INV02, INV03). SID16: levels 1, 2, 1 of 3 each → 4/9
    row = sh.set_index("indicator_id").loc["SID16"]
    assert row["points"] == pytest.approx(4 * 3) and row["max_points"] == pytest.approx(9 * 3)
    assert row["share"] == pytest.approx(4 / 9)
    # SID18: 2 + 1 + 1 = 4 of 9 as well; the others 2 + 2 + 1 = 5 of 9
    assert sh.set_index("indicator_id").loc["SID01", "share"] == pytest.approx(5 / 9)
    s = sentence_sid_indicators(sh, r.methodology, r.n, k=2)
    assert "atas 3 inovasi yang dinilai" in s
    assert "SID01 Regulasi inovasi daerah (55,6%) dan SID02" in s  # best: ties by code
    assert s.endswith("Indikator SID terlemah: SID16 Replikasi (44,4%) dan SID18 Kemanfaatan "
                      "inovasi (44,4%).")


def test_sid_indicators_all_equal_and_none():
    sh = pd.DataFrame({"indicator_id": ["SID01", "SID02"], "share": [0.5, 0.5]})
    assert sentence_sid_indicators(sh, M21, 1) == (
        "Semua indikator SID memperoleh porsi poin yang sama, 50,0% dari maksimum (atas satu "
        "inovasi yang dinilai).")
    assert sentence_sid_indicators(sh.iloc[0:0], M21, 0).startswith("Belum ada inovasi yang dinilai")


def test_spd_gaps_sentence(mixed):
    # 2021's SPD02 is "lembaga kelitbangan" (weight 1 by its key): level 3 without evidence → 0 of
    # 3 points, 3 / 250 × 100 = 1.20 IID points; everything else full.
    s = sentence_spd_gaps(mixed.result)
    assert s == ("Indikator SPD masih menyisakan 3 dari 63 poin (setara 1,20 poin IID). Kesenjangan "
                 "terbesar: SPD02 Tingkat lembaga kelitbangan (0 dari 3 poin; bukti tidak ada).")


def test_evidence_loss_sentence():
    # one innovation, SID01 (w 3) level 2 pending, SID02 (w 2) level 3 missing, SID03 (w 2) level 1
    # valid → claimed 6 + 6 + 2 = 14, lost 12 (6 pending, 6 missing); divisor 10 → 1.2 total points
    # → 0.48 IID points.
    lv = {"SID01": 2, "SID02": 3, "SID03": 1}
    stt = {"SID01": "pending", "SID02": "missing", "SID03": "valid"}
    a = build([inv(1)], answers("INV01", lv, stt), spd(2021))
    s = sentence_evidence_loss(a.result)
    assert s == ("Dari 14 poin SID yang diklaim inovasi yang dinilai, 12 poin (85,7%) belum dihitung: "
                 "6 poin karena bukti belum diverifikasi dan 6 poin karena bukti tidak ada. Bila "
                 "semuanya terbukti, IID naik sekitar 0,48 poin.")


def test_variable_shares_and_sentence(mixed):
    v = variable_shares(mixed.result)
    assert list(v["aspect"].unique()) == ["SPD", "SID"]
    assert v.iloc[-1]["variable"] == "Jumlah inovasi"
    # count score 0.38 × 3 = 1.14 of 76
    assert v.iloc[-1]["share"] == pytest.approx(1.14 / 76)
    s = sentence_variables(v)
    assert s.startswith("Menurut variabel (poin yang diperoleh dibanding maksimum) — SPD: ")
    assert "terlemah: Jumlah inovasi (SID)" in s
    assert sentence_variables(v.iloc[0:0]) == ""


# ----------------------------------------------------------------------------- unggulan
def test_flagship_choice_rule_and_ties(mixed):
    ch = flagship_choice(mixed.result, mixed.review)
    d, nd = ch["digital"], ch["non_digital"]
    assert d["innovation_id"] == "INV02" and d["maturity"] == pytest.approx(71)
    assert d["levels"] == {"SID16": 2, "SID18": 1} and d["n_candidates"] == 2
    assert d["opd_name"] == "Dinas Komunikasi dan Informatika"
    assert nd["innovation_id"] == "INV03" and nd["n_candidates"] == 1
    rule = flagship_rule(mixed.result.methodology)
    assert "skor kematangannya tertinggi" in rule and "Replikasi (SID16)" in rule
    assert rule.index("SID16") < rule.index("SID18") < rule.index("kode inovasi")
    cand = flagship_candidates(mixed.result)
    assert list(cand["innovation_id"]) == ["INV02", "INV01", "INV03"]


def test_flagship_sentences_escape_and_say_none(mixed):
    ch = flagship_choice(mixed.result, mixed.review)
    s = sentence_flagship("digital", ch["digital"], M21)
    assert s == ("Unggulan digital: **Inovasi Dua** dari Dinas Komunikasi dan Informatika (skor "
                 "kematangan 71,00 dari 111; Replikasi tingkat 2; Kemanfaatan inovasi tingkat 1), "
                 "dipilih dari 2 inovasi digital yang dinilai.")
    s = sentence_flagship("non_digital", ch["non_digital"], M21)
    assert "<script>" not in s and "&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*\\*x\\*\\*" in s
    assert "satu-satunya inovasi nondigital yang dinilai" in s
    assert "Sebelum presentasi, dokumennya masih harus dilengkapi: lengkapi manfaat." in s
    none = sentence_flagship("digital", None, M21)
    assert none.startswith("Tidak ada inovasi digital yang dinilai pada edisi ini")


def test_profile_labels_escaping_and_empty_fields(mixed):
    ch = flagship_choice(mixed.result, mixed.review)
    p = profile_markdown(ch["non_digital"], mixed.review, mixed.result)
    assert "<script>" not in p and "**x**" not in p
    assert "- **Tahapan**: Penerapan" in p and "- **Jenis**: Nondigital" in p
    assert "- **Bentuk**: Inovasi Pelayanan Publik" in p
    assert "- **Manfaat**: _belum diisi_" in p
    assert "- **Waktu**: uji coba 1 Juni 2019, penerapan 1 Maret 2020" in p
    assert "non_digital" not in p and "pelayanan_publik" not in p
    html = mistune.html(p)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; **x**" in html


def test_report_with_only_digital_says_no_non_digital():
    a = build([inv(1)], answers("INV01", 2), spd(2021))
    sec = {s.key: s.markdown for s in report_sections(a)}
    assert "Unggulan digital: **Inovasi 1**" in sec["unggulan"]
    assert "Tidak ada inovasi nondigital yang dinilai" in sec["unggulan"]
    assert "Profil unggulan nondigital belum ada" in sec["profil"]


# ----------------------------------------------------------------------------- pembinaan
def test_coaching_markdown_groups_names_and_empty_groups():
    map_df = pd.DataFrame({
        "opd_id": [f"O{i:02d}" for i in range(13)],
        "name": [f"Dinas {i:02d}, Bidang" for i in range(12)] + ["Kecamatan A"],
        "group": ["tidak_ikut"] * 12 + ["matang"],
    })
    groups = pd.DataFrame({
        "group": ["tidak_ikut", "tidak_memenuhi", "bukti_belum_lengkap", "matang"],
        "label": ["Belum ikut serta", "Ikut, belum memenuhi syarat", "Memenuhi syarat, bukti belum "
                  "lengkap", "Matang"],
        "count": [12, 0, 0, 1], "share": [12 / 13, 0, 0, 1 / 13],
        "rule": ["Aturan A.", "B.", "C.", "Aturan D."], "action": ["Tindakan A.", "b", "c", "Tindakan D."],
    })
    s = coaching_markdown(map_df, groups, max_names=10)
    assert "Setiap OPD aktif (13 OPD)" in s
    assert "**Belum ikut serta** — 12 OPD (92,3% dari OPD aktif)" in s
    assert "Antara lain: Dinas 00, Bidang; Dinas 01, Bidang;" in s and "dan 2 OPD lainnya." in s
    assert "**Matang** — 1 OPD (7,7% dari OPD aktif). Aturan: Aturan D\\. Tindakan yang " \
           "disarankan: Tindakan D\\. OPD: Kecamatan A." in s
    assert "Tidak ada OPD dalam kelompok *Ikut, belum memenuhi syarat*; dan *Memenuhi syarat, " \
           "bukti belum lengkap*." not in s  # two items read "A dan B"
    assert "Tidak ada OPD dalam kelompok *Ikut, belum memenuhi syarat* dan *Memenuhi syarat, bukti " \
           "belum lengkap*." in s
    assert coaching_markdown(map_df.iloc[0:0], groups).startswith("Tidak ada OPD aktif")


def test_coaching_section_on_pipeline(mixed):
    sec = {s.key: s.markdown for s in report_sections(mixed)}
    text = sec["peta_pembinaan"]
    assert "Setiap OPD aktif (3 OPD)" in text
    assert "OPD: Kecamatan Utara." in text  # the one unit that entered nothing
    assert "&#x27;" not in mistune.html(text)  # quotes render as quotes


# ----------------------------------------------------------------------------- rencana aksi
def test_deadline_sentence_with_and_without_extension():
    assert sentence_deadline(M21) == (
        "Batas akhir pengisian edisi 2021 adalah **17 September 2021** (diperpanjang dari 13 Agustus "
        "2021); semua dokumen di bawah harus lengkap paling lambat tanggal itu.")
    m24 = load_methodology(2024)
    s = sentence_deadline(m24)
    assert "22 Agustus 2024" in s and "diperpanjang" not in s


def test_todo_by_opd_and_action_plan(mixed):
    todo = todo_by_opd(mixed.review)
    assert list(todo["innovation_id"]) == ["INV03"]
    assert todo.iloc[0]["opd_name"] == "Dinas Kesehatan" and todo.iloc[0]["todo"] == ["lengkapi manfaat"]
    md = action_plan_markdown(todo, {"DINKES": 0.25})
    assert md.startswith("Dokumen yang harus dilengkapi: satu inovasi dari satu OPD, per OPD:")
    assert "- **Dinas Kesehatan** (1 inovasi; bila semua dilengkapi dan terbukti, IID dapat naik " \
           "hingga 0,25 poin)" in md
    assert "  - &lt;script&gt;" in md and "<script>" not in md
    assert action_plan_markdown(todo.iloc[0:0]) == "Tidak ada inovasi yang harus melengkapi dokumen."


def test_not_continued_sentence(mixed):
    assert sentence_not_continued(mixed.review) == (
        "Satu inovasi tidak dilanjutkan pada edisi ini (1 diterapkan di luar periode penilaian); arahkan "
        "ke edisi berikutnya bila memenuhi syarat waktu dan tahapan.")


def test_path_markdown_reachable_unreachable_and_none():
    r = result_with(59.0, "Inovatif", next_predicate="Sangat Inovatif", distance_to_next=1.01, n=3)
    path = {"reachable": True, "target_predicate": "Sangat Inovatif", "target_iid": 60.01,
            "iid_after": 60.2, "actions": [
                {"innovation_id": None, "indicator_id": "SPD02", "action": "raise_level",
                 "kind": "level", "from_level": 2, "gain": 0.8},
                {"innovation_id": "INV01", "innovation_name": EVIL, "indicator_id": "SID01",
                 "action": "fix_evidence", "kind": "evidence", "from_level": 2, "gain": 0.4},
                {"innovation_id": None, "indicator_id": None, "action": "add_innovation",
                 "kind": "innovation", "maturity": 61.5, "gain": 0.1}]}
    md = path_markdown(path, r)
    assert md.startswith("Jalur menuju predikat Sangat Inovatif (IID minimal 60,01) dengan tindakan yang "
                         "dapat dikerjakan sebelum batas akhir pengisian: 3 tindakan (satu perbaikan bukti dukung, "
                         "satu kenaikan tingkat, dan satu inovasi tambahan), dan IID menjadi 60,20.")
    assert ("1. Indikator daerah SPD02 Tingkat lembaga kelitbangan: naikkan capaian dari tingkat 2 ke "
            "tingkat 3 dengan bukti valid; +0,80 poin IID.") in md
    assert "2. *&lt;script&gt;" in md and "SID01 Regulasi inovasi daerah: lengkapi atau perbaiki bukti " \
           "dukung; +0,40 poin IID." in md
    assert "3. Inovasi baru: siapkan satu inovasi lagi yang memenuhi syarat dengan skor kematangan " \
           "sekitar 61,50; +0,10 poin IID." in md
    assert "tidak dapat dinaikkan sebelum batas itu" in md  # outcome levels are left out, and it says so
    un = path_markdown({"reachable": False, "target_predicate": "Sangat Inovatif", "target_iid": 60.01,
                          "iid_max": 55.5, "actions": []}, r)
    assert un.startswith("Predikat Sangat Inovatif (IID minimal 60,01) belum dapat dicapai")
    assert "IID menjadi 55,50" in un and "kini 3 inovasi dinilai" in un
    assert path_markdown(None, r) == ""
    assert path_markdown(path, result_with(61.0, "Sangat Inovatif")) == ""


# ----------------------------------------------------------------------------- kepastian
def test_robustness_sentences():
    r = result_with(45.78, "Inovatif")
    assert sentence_robustness(None, r) == "Analisis kepastian predikat tidak tersedia untuk edisi ini."
    rob = dataclasses.replace(
        _small().robustness, median=46.1, p05=44.0, p95=48.25, draws=10_000, seed=2021,
        settings={"accept_prob": {"pending": 0.5}},
        predicate_probabilities={"Sangat Inovatif": 0.0, "Inovatif": 0.9, "Kurang Inovatif": 0.1,
                                 "Tidak Dapat Dinilai": 0.0},
        sources=pd.DataFrame({"source": ["evidence", "weights"], "label": ["bukti yang belum valid",
                                                                          "bobot indikator"],
                              "p_differs": [0.08, 0.02]}),
        main_source="evidence")
    s = sentence_robustness(rob, r)
    assert ("Dalam 10.000 undian simulasi yang mengacak penerimaan bukti yang belum valid, "
            "bobot indikator, dan angka metodologi yang diasumsikan, median IID adalah 46,10 (lebih "
            "tinggi dari IID terverifikasi: sebagian bukti yang menunggu verifikasi akan diterima) "
            "dengan rentang 5–95 persen 44,00–48,25.") in s
    assert "Setiap bukti yang menunggu verifikasi dianggap diterima dengan peluang 50,0%." in s
    assert "Peluang tiap predikat: Inovatif 90,0% (predikat saat ini); Kurang Inovatif 10,0%." in s
    assert ("Sumber ketidakpastian terbesar: bukti yang belum valid — bila hanya sumber ini yang "
            "diacak, predikat berbeda dari Inovatif pada 8,0% simulasi (diuji satu per satu).") in s
    one = dataclasses.replace(_small().robustness, median=float("nan"), p05=1, p95=2, predicate_probabilities={"Inovatif": 1.0},
                          sources=pd.DataFrame({"source": ["evidence"], "label": ["x"],
                                                "p_differs": [0.0]}), main_source=None)
    s = sentence_robustness(one, r)
    assert "median" not in s and "Predikat Inovatif muncul di semua simulasi." in s
    assert "Tidak ada satu sumber ketidakpastian pun yang sendirian mengubah predikat Inovatif" in s
    assert no_bad_tokens(s)


def test_report_without_robustness(mixed):

    a = dataclasses.replace(mixed, robustness=None)
    sec = {s.key: s.markdown for s in report_sections(a)}
    assert sec["kepastian"] == "Analisis kepastian predikat tidak tersedia untuk edisi ini."
    assert "Analisis kepastian:" not in sec["asumsi"]


# ----------------------------------------------------------------------------- asumsi
@pytest.mark.parametrize("year", available_years())
def test_every_assumed_number_is_in_the_box_in_words(year):
    m = load_methodology(year)
    items, sources = assumption_items(m)
    text = "\n".join(items)
    assumed = m.assumptions()
    # weights grouped per aspect: the count in each group adds up to the assumed weights
    n_w = sum(1 for a in assumed if a.key.endswith(".weight"))
    grouped = [int(x) for x in re.findall(r"^Bobot (\d+)", text, flags=re.M)]
    assert sum(grouped) == n_w
    for a in assumed:
        if a.key.startswith("indicators."):
            assert f"{a.key.split('.')[1]}: " in text
        elif a.key.startswith(("bands.", "edition_bands.")):
            assert f"predikat {a.key.split('.')[1]}:" in text
        else:
            assert a.key in NUMBER_LABELS, a.key  # every other number has an Indonesian label
            assert NUMBER_LABELS[a.key] in text
    # no raw keys or codes; every item names a source that is listed
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text) and "aggregation" not in text
    refs = {int(x) for x in re.findall(r"sumber \[(\d+)\]", text)}
    assert refs == set(range(1, len(sources) + 1))


def test_assumption_values_in_indonesian():
    items, _ = assumption_items(M21)
    text = "\n".join(items)
    assert "Skor jumlah inovasi per inovasi yang dinilai: 0,38 (diasumsikan; sumber" in text
    assert "Awal periode penilaian: 1 Januari 2019" in text
    assert "Tahapan inovasi yang dihitung: Penerapan" in text
    assert "Rentang IID predikat Inovatif: batas bawah 35,00" in text  # the upper edge is reported
    # weights belong to indicators: 2021's SPD02 "lembaga kelitbangan" takes the weight HAKI leaves
    # free (its own source), the other 14 sum to 20; Opini BPK (2021's SPD09) weighs 1.5
    assert "Bobot 14 dari 15 indikator SPD (diasumsikan; jumlah 20;" in text
    assert "Bobot 1 dari 15 indikator SPD (diasumsikan; jumlah 1;" in text
    assert "Bobot 20 indikator SID (diasumsikan; jumlah 37;" in text
    assert "SPD09: 1,5" in text and "SPD05: 1;" in text


def test_assumptions_box_and_data_source(mixed):
    box = assumptions_markdown(mixed.methodology, mixed.dataset, mixed.review, mixed.robustness)
    assert all(line.startswith(">") for line in box.split("\n"))
    assert "**Sumber data**" in box and "tabel yang disusun langsung dalam analisis" in box
    assert "sintetis" not in box
    assert "Analisis kepastian: 200 simulasi dengan bilangan acak awal 2021" in box
    assert "Edisi 2021: 4 baris inovasi, 80 jawaban indikator SID, 15 jawaban indikator SPD" in box
    assert "<blockquote>" in mistune.html(box)


def test_bundled_sample_is_called_synthetic():
    small = _small().dataset
    ds = dataclasses.replace(small, source=str(REPO / "data" / "sample"), kind="csv", files={},
                             opd=small.opd.head(1), innovations=pd.concat([small.innovations] * 2),
                             innovation_indicators=small.innovation_indicators.head(0),
                             region_indicators=small.region_indicators.head(0))
    items = data_source_items(ds)
    assert "**sintetis**" in items[0] and "bukan data resmi" in items[0]
    assert "Bentuk data: folder berisi empat berkas CSV" in items
    assert "Jumlah baris seluruh data: OPD 1 baris; Inovasi 2 baris; Indikator Inovasi 0 baris; " \
           "Indikator Daerah 0 baris" in items


# ----------------------------------------------------------------------------- whole report
def test_report_sections_order_titles_and_markdown(mixed):
    secs = report_sections(mixed)
    assert [s.key for s in secs] == ["ringkasan", "kekuatan_kelemahan", "unggulan", "profil",
                                     "peta_pembinaan", "rencana_aksi", "kepastian", "posisi", "asumsi",
                                     "glosarium"]
    assert secs[-2].title == "Asumsi dan sumber data" and secs[-1].title == "Glosarium"
    md = report_markdown(mixed)
    for s in secs:
        if s.markdown or s.key != "posisi":  # "posisi" is silent without a region: no heading
            assert f"## {s.title}\n\n{s.markdown}" in md
        else:
            assert f"## {s.title}" not in md
    assert md == report_markdown(mixed)  # deterministic
    assert no_bad_tokens(md)
    assert "<script>" not in md and "<script>" not in mistune.html(md)
    # no code identifiers or raw codes in the prose
    for token in ("innovation_id", "opd_id", "non_digital", "pelayanan_publik", "tidak_lanjut",
                  "True", "False"):
        assert token not in md, token


def test_first_edition_has_no_comparison_but_second_has(mixed):
    assert mixed.previous is None
    assert "Dibanding edisi" not in report_sections(mixed)[0].markdown
    invs = [inv(1), inv(9, year="2020", implementation_date="2019-03-01", submitted_on="2020-08-01")]
    ans = answers("INV01", 2) + answers("INV09", 1)
    a = build(invs, ans, spd(2021) + spd(2020, level=1))
    ring = report_sections(a)[0].markdown
    assert a.previous is not None and a.previous.year == 2020
    assert "Dibanding edisi 2020, IID naik" in ring
    assert "jumlah inovasi yang dimasukkan tetap 1" in ring


@pytest.mark.skipif(not (REPO / "data" / "sample" / "innovations.csv").is_file(),
                    reason="bundled sample not present")
def test_bundled_sample_2021_report():
    a = analyse(None, 2021, draws=500)
    secs = report_sections(a)
    assert len(secs) == 10 and all(s.markdown.strip() for s in secs)
    md = report_markdown(a)
    assert "Asumsi dan sumber data" in md and "**sintetis**" in md
    assert no_bad_tokens(md)
    assert "&#x27;" not in mistune.html(md)
    assert "Indeks Inovasi Daerah (IID) edisi 2021 adalah **" in md
    assert "17 September 2021" in md
