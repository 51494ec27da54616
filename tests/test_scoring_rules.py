"""Hand-computed cases for the 2026–2027 rules and the frames by identity (iid-reference §8).

* divisor MAX(divisor_min, n): 12 in 2026, 14 in 2027;
* the affair gate: the count score 0.38 × min(n, 200) only when the scored innovations cover at
  least 5 (2026) / 6 (2027) of the six basic-service affairs; covered by the main affair
  (default) or also by the overlapping affairs (the documented alternative);
* who is in n: the eligible scored innovations, or every reported one (rejected ones score 0);
* like for like: an edition's answers rescored under another edition's frame by indicator key.

Every case also goes through the slow oracle (tests/scoring_oracle.py). The SID full marks of one
innovation are 111 (Σ 3 × w over the 20 SID weights, sum 37); max_total = 250, so IID = total × 0.4.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from scoring_oracle import full_marks, make_review, oracle_score

from iid_analysis.analyses.leave_one_out import leave_one_out
from iid_analysis.analyses.robustness import _variant_terms, _variants
from iid_analysis.methodology import load_methodology
from iid_analysis.scoring.affairs import COVERAGE_COLUMNS, covered_count
from iid_analysis.scoring.compute import score
from iid_analysis.scoring.frames import code_map, latest_frame_year, score_under

M21 = load_methodology(2021)
M23 = load_methodology(2023)
M26 = load_methodology(2026)
M27 = load_methodology(2027)
BASIC = M26.basic_affairs  # Pendidikan, Kesehatan, PUPR, Perumahan, Trantibumlinmas, Sosial
OTHER = "Perhubungan"  # an obligatory affair that is not a basic service


def check(review, methodology=None):
    """score() and the oracle agree on every headline number."""
    res = score(review, methodology)
    ref = oracle_score(review, methodology)
    assert res.iid == ref["iid"]
    assert res.predicate == ref["predicate"]
    assert res.n == ref["n"] and res.divisor == ref["divisor"]
    assert res.count_score == pytest.approx(ref["count_score"])
    assert res.spd == pytest.approx(ref["spd"]) and res.sid == pytest.approx(ref["sid"])
    covered = res.affair_coverage.loc[res.affair_coverage["covered"], "affair"].tolist()
    assert sorted(covered) == ref["covered"] and res.n_basic_covered == len(ref["covered"])
    return res


def innovations(n, affairs, **extra):
    """``n`` eligible innovations I00…; the k-th has main affair ``affairs[k]`` (OTHER after)."""
    return [{"innovation_id": f"I{k:02d}", "affair": affairs[k] if k < len(affairs) else OTHER,
             **extra.get(f"I{k:02d}", {})} for k in range(n)]


def test_edition_numbers_the_tests_rest_on():
    assert (M26.divisor_min, M26.basic_affairs_required, M26.affair_coverage) == (12, 5, "main")
    assert (M27.divisor_min, M27.basic_affairs_required) == (14, 6)
    assert (M21.divisor_min, M21.basic_affairs_required) == (10, 0)
    assert len(BASIC) == 6 and M27.basic_affairs == BASIC
    for m in (M26, M27):
        assert m.max_total == 250 and m.max_sid_per_innovation == 111
        assert (m.count_score_per_innovation, m.count_score_cap) == (0.38, 200)


# ---------------------------------------------------------------------------- 2026: divisor 12
def test_2026_divisor_is_12_and_five_of_six_affairs_give_the_count_score():
    rv = make_review(innovations(11, BASIC[:5]), full_marks("I00", M26), year=2026, methodology=M26)
    res = check(rv)
    # n = 11 → divisor max(12, 11) = 12; 5 of 6 basic affairs covered → count score 0.38 × 11 = 4.18
    # SID = 111 / 12 + 4.18 = 9.25 + 4.18 = 13.43; IID = 13.43 × 0.4 = 5.372 → 5.37
    assert (res.n, res.divisor) == (11, 12)
    assert res.sid_avg == pytest.approx(9.25) and res.count_score == pytest.approx(4.18)
    assert res.iid == 5.37
    assert res.n_basic_covered == 5 and not res.count_score_gated
    # one more affair: n + 1 = 12 innovations, 6 covered → 0.38 × 12 = 4.56
    assert res.count_score_if_one_more == pytest.approx(4.56)
    # the same answers under 2025's minimum of 10: divided by n = 11, not 12
    assert score(rv, dataclasses.replace(M26, divisor_min=10)).divisor == 11


def test_2026_gate_four_of_six_withholds_the_count_score():
    rv = make_review(innovations(11, BASIC[:4]), full_marks("I00", M26), year=2026, methodology=M26)
    res = check(rv)
    # 4 of 6 covered < 5 → count score 0; SID = 111 / 12 = 9.25; IID = 3.70
    assert res.n_basic_covered == 4 and res.count_score_gated
    assert res.count_score == 0.0 and res.iid == 3.70
    assert res.count_score_if_one_more == pytest.approx(4.56)  # 5 of 6 with n = 12
    cov = res.affair_coverage
    assert list(cov.columns) == list(COVERAGE_COLUMNS) and list(cov["affair"]) == list(BASIC)
    assert cov["covered"].tolist() == [True] * 4 + [False] * 2
    assert cov["innovation_ids"].tolist()[:4] == [("I00",), ("I01",), ("I02",), ("I03",)]
    assert cov["innovations"].tolist() == ["I00", "I01", "I02", "I03", "", ""]
    gate = next(e for e in res.log if e["step"] == "affair_gate")
    assert gate["n_covered"] == 4 and gate["required"] == 5 and not gate["open"]
    d = res.to_dict()
    assert d["count_score_gated"] is True and d["n_basic_covered"] == 4
    assert d["basic_affairs_covered"] == list(BASIC[:4])
    assert any("tidak diberikan" in line for line in res.summary_lines())
    # three of six: one more is still not enough
    res3 = check(make_review(innovations(11, BASIC[:3]), full_marks("I00", M26), year=2026,
                             methodology=M26))
    assert res3.count_score_gated and res3.count_score_if_one_more == 0.0


def test_affairs_are_normalised_and_only_scored_innovations_cover():
    inns = innovations(11, ["PENDIDIKAN", "kesehatan.", "PUPR", "Perkim", "Trantibumlinmas"])
    inns[4]["eligible"] = False  # the only Trantibumlinmas innovation is not scored
    res = check(make_review(inns, full_marks("I00", M26), year=2026, methodology=M26))
    assert res.n == 10 and res.n_basic_covered == 4 and res.count_score_gated
    # n = 10 → divisor 12; SID = 9.25; IID 3.70
    assert res.iid == 3.70


# ---------------------------------------------------------------------------- 2027: 6 of 6, divisor 14
def test_2027_six_of_six_and_divisor_14():
    rv = make_review(innovations(13, BASIC), full_marks("I00", M27), year=2027, methodology=M27)
    res = check(rv)
    # n = 13 → divisor 14; 6 of 6 → 0.38 × 13 = 4.94; SID = 111 / 14 + 4.94 = 12.868571…
    # IID = 12.868571 × 0.4 = 5.147… → 5.15
    assert (res.n, res.divisor) == (13, 14) and res.count_score == pytest.approx(4.94)
    assert res.iid == 5.15 and not res.count_score_gated
    assert res.count_score_if_one_more is None  # every basic affair is covered
    five = check(make_review(innovations(13, BASIC[:5]), full_marks("I00", M27), year=2027,
                             methodology=M27))
    # 5 of 6 is not enough in 2027: SID = 111 / 14 = 7.928571…; IID = 3.171… → 3.17
    assert five.count_score_gated and five.count_score == 0.0 and five.iid == 3.17
    assert five.count_score_if_one_more == pytest.approx(0.38 * 14)


# ---------------------------------------------------------------------------- main vs overlapping
def test_main_and_overlapping_coverage():
    extra = {"I05": {"affairs_other": "sosial; Pendidikan"}, "I06": {"affairs_other": "Kesehatan"}}
    rv = make_review(innovations(11, BASIC[:4], **extra), full_marks("I00", M26), year=2026,
                     methodology=M26)
    main = check(rv)
    assert main.n_basic_covered == 4 and main.count_score_gated and main.iid == 3.70
    wide = dataclasses.replace(M26, affair_coverage="main_and_overlapping")
    both = check(rv, wide)
    # Sosial is now covered by I05's overlapping affairs: 5 of 6 → the count score, IID 5.37
    assert both.n_basic_covered == 5 and not both.count_score_gated and both.iid == 5.37
    cov = both.affair_coverage.set_index("affair")
    assert cov.loc["Sosial", "innovation_ids"] == ("I05",) and not cov.loc["Sosial", "by_main"]
    assert cov.loc["Pendidikan", "innovation_ids"] == ("I00", "I05")
    assert cov.loc["Kesehatan", "innovation_ids"] == ("I01", "I06")
    assert covered_count(main.affair_coverage, "main_and_overlapping") == 5
    assert covered_count(both.affair_coverage, "main") == 4
    # the documented alternative of the edition file, when listed, does the same
    alt = next((a for a in M26.alternatives if a.replaces == "affair_coverage"), None)
    if alt is not None:
        assert score(rv, M26.with_alternative(alt.id)).iid == 5.37


# ---------------------------------------------------------------------------- who is in n
def test_n_all_reported_puts_rejected_innovations_in_the_divisor():
    inns = innovations(13, BASIC[:5])
    for k in range(8, 13):
        inns[k]["eligible"] = False
    rv = make_review(inns, full_marks("I00", M26), year=2026, methodology=M26)
    res = check(rv)
    # default: n = 8 eligible → divisor 12; 0.38 × 8 = 3.04; SID = 9.25 + 3.04 = 12.29 → 4.916 → 4.92
    assert (res.n, res.divisor, res.iid) == (8, 12, 4.92) and res.n_rule == "eligible"
    everyone = dataclasses.replace(M26, n_all_reported=True)
    alt = check(rv, everyone)
    # all 13 reported: divisor 13; 0.38 × 13 = 4.94; SID = 111 / 13 + 4.94 = 13.478… → 5.391 → 5.39
    assert (alt.n, alt.divisor, alt.iid) == (13, 13, 5.39) and alt.n_rule == "all_reported"
    assert alt.n_scored == 8 and alt.n_reported == 13
    assert alt.sid_sum == res.sid_sum  # the rejected ones score 0
    assert score(rv, n_rule="all_reported").iid == 5.39
    listed = next((a for a in M26.alternatives if a.replaces == "n_all_reported"), None)
    if listed is not None:
        assert score(rv, M26.with_alternative(listed.id)).iid == 5.39
    with pytest.raises(ValueError, match="n rule"):
        score(rv, n_rule="semua")


def test_robustness_variants_carry_the_gate_and_n():
    extra = {"I05": {"affairs_other": "Sosial"}}
    inns = innovations(13, BASIC[:4], **extra)
    inns[12]["eligible"] = False
    rv = make_review(inns, full_marks("I00", M26), [("SPD01", 3, "valid")], year=2026, methodology=M26)
    res = score(rv)
    base = dataclasses.replace(M26, alternatives=())
    variants = [base, dataclasses.replace(base, affair_coverage="main_and_overlapping"),
                dataclasses.replace(base, n_all_reported=True),
                dataclasses.replace(base, affair_coverage="main_and_overlapping", n_all_reported=True)]
    div, cs = _variant_terms(res, variants)
    for v, d, c in zip(variants, div, cs, strict=True):
        other = score(rv, v)
        assert (d, c) == (other.divisor, pytest.approx(other.count_score))
    assert cs.tolist() == pytest.approx([0.0, 0.38 * 12, 0.0, 0.38 * 13])
    # the edition's own alternatives, as the robustness module draws them
    _, combos = _variants(M26, True)
    div, cs = _variant_terms(res, combos)
    for v, d, c in zip(combos, div, cs, strict=True):
        other = score(rv, v)
        assert (d, c) == (other.divisor, pytest.approx(other.count_score))


def test_leave_one_out_keeps_the_gate():
    inns = innovations(12, BASIC[:5])
    inns[4]["opd_id"] = "SATPOL"  # the only Trantibumlinmas innovation
    inns[11]["opd_id"] = "SATPOL"
    answers = full_marks("I00", M26) + full_marks("I04", M26)
    rv = make_review(inns, answers, [("SPD01", 3, "valid")], year=2026, methodology=M26)
    res = score(rv)
    assert not res.count_score_gated
    loo = leave_one_out(res, by="opd").set_index("id")
    for opd in ("DINKES", "SATPOL"):
        kept = [r for r in inns if r.get("opd_id", "DINKES") != opd]
        ids = {r["innovation_id"] for r in kept}
        without = score(make_review(kept, [a for a in answers if a[0] in ids], [("SPD01", 3, "valid")],
                                    year=2026, methodology=M26))
        assert loo.loc[opd, "iid_without"] == without.iid
    # without SATPOL only 4 affairs remain: the count score goes too
    assert loo.loc["SATPOL", "iid_without"] == round((3 + 111 / 12) * 0.4, 2)
    by_inn = leave_one_out(res, by="innovation").set_index("id")
    kept = [r for r in inns if r["innovation_id"] != "I04"]
    without = score(make_review(kept, full_marks("I00", M26), [("SPD01", 3, "valid")], year=2026,
                                methodology=M26))
    assert by_inn.loc["I04", "iid_without"] == without.iid


# ---------------------------------------------------------------------------- frames by identity
def test_code_map_follows_the_keys():
    mapping, missing = code_map(M21, M23)
    bpk21 = next(i.id for i in M21.indicators if i.key == "spd.opini_bpk")
    bpk23 = next(i.id for i in M23.indicators if i.key == "spd.opini_bpk")
    assert (bpk21, bpk23) == ("SPD09", "SPD08")
    assert mapping[bpk21] == bpk23 and mapping["SID16"] == "SID16"
    kelitbangan = next(i.id for i in M21.indicators if i.key == "spd.kelitbangan")
    assert kelitbangan not in mapping  # 2021 only
    assert missing == tuple(i.id for i in M23.indicators if i.key == "spd.haki")  # 2023 only


def test_2021_spd_weights_by_identity_under_the_2023_frame():
    bpk21 = next(i.id for i in M21.indicators if i.key == "spd.opini_bpk")  # SPD09 in 2021
    ppk21 = next(i.id for i in M21.indicators if i.key == "spd.pendapatan_per_kapita")  # SPD05
    lit21 = next(i.id for i in M21.indicators if i.key == "spd.kelitbangan")  # SPD02
    rv = make_review(region_answers=[(bpk21, 2, "valid"), (ppk21, 1, "valid"), (lit21, 3, "valid")])
    res = score_under(rv, M23)
    # Opini BPK (2023's SPD08, weight 1.5): 2 × 1.5 = 3; income per head (SPD04, weight 1): 1;
    # kelitbangan is not in the 2023 frame (dropped); HAKI (SPD15) is not in 2021 (0, listed)
    # SPD = 4; no innovations → SID 0; total 4 → IID 1.60
    assert res.spd == 4.0 and res.iid == 1.60
    pts = res.points.set_index("indicator_id")
    assert (pts.loc["SPD08", "weight"], pts.loc["SPD08", "points"]) == (1.5, 3.0)
    assert (pts.loc["SPD04", "weight"], pts.loc["SPD04", "points"]) == (1.0, 1.0)
    assert res.frame_missing == ("SPD15",)
    assert res.methodology.year == 2023 and res.like_for_like
    drop = next(e for e in res.log if e["step"] == "frame_drop_spd")
    assert drop["indicator_ids"] == [f"2021:{lit21}"]
    keys = next(e for e in res.log if e["step"] == "frame_keys")
    assert keys["renamed"][bpk21] == "SPD08" and keys["frame_missing"] == ["SPD15"]
    assert any("SPD15" in line for line in res.summary_lines())
    # by code the same answers would have been read as SAKIP, APBD and unemployment: not like for like
    assert score(rv, M23).spd != res.spd


def test_score_under_its_own_frame_is_score():
    rv = make_review(innovations(3, BASIC[:2]), full_marks("I00", M21) + [("I01", "SID01", 2, "valid")],
                     [("SPD01", 3, "valid"), ("SPD09", 2, "valid")])
    own, same = score(rv), score_under(rv, M21)
    assert (own.iid, own.spd, own.sid) == (same.iid, same.spd, same.sid)
    pd.testing.assert_frame_equal(own.points, same.points)
    assert same.frame_missing == ()


def test_sid_answers_follow_the_keys_under_the_2026_frame():
    rv = make_review(innovations(11, BASIC[:5]), full_marks("I00", M21), year=2021)
    res = score_under(rv, M26)
    # 2026 frame: divisor 12 and the gate (5 of 6 covered): 111 / 12 + 0.38 × 11 = 13.43 → 5.37
    assert res.sid_sum == 111 and res.divisor == 12 and res.iid == 5.37


def test_latest_frame_year():
    assert latest_frame_year([2019, 2021, 2026, 3000]) == 2026
    assert latest_frame_year([2021, 2023]) == 2023
    assert latest_frame_year([3000], default=2021) == 2021
    assert latest_frame_year([], default=None) is None


def test_frame_terms_apply_the_gate_vectorised():
    from iid_analysis.scoring.totals import frame_terms

    div, cs = frame_terms(M26, [11, 11, 13, 300], [4, 5, 6, 6])
    assert div.tolist() == [12, 12, 13, 300]
    assert cs.tolist() == pytest.approx([0.0, 4.18, 4.94, 76.0])
    div, cs = frame_terms(M21, np.array([3, 12]), 0)  # no gate before 2026
    assert cs.tolist() == pytest.approx([1.14, 4.56])


# ---------------------------------------------------------------------------- end to end
def _edition_dataset(year: int, affairs: list[str], n: int, other: dict | None = None):
    """``n`` applied innovations of ``year`` through the real loader, one with full marks."""
    from iid_analysis.io.dataset import dataset_from_frames

    text = "kata " * 320  # rancang bangun of more than 300 words (2026 rule)
    rows = [{"innovation_id": f"E{k:02d}", "year": year, "opd_id": "DINKES", "name": f"Inovasi {k}",
             "stage": "penerapan", "initiator": "opd", "kind": "digital", "form": "pelayanan_publik",
             "affair": affairs[k] if k < len(affairs) else OTHER,
             "affairs_other": (other or {}).get(k, ""),
             "implementation_date": f"{year - 1}-03-01", "submitted_on": f"{year}-07-01",
             "previous_entries": 0, "design": text, "goal": text, "benefit": text, "result": text}
            for k in range(n)]
    answers = [{"innovation_id": "E00", "indicator_id": i.id, "level": 3, "evidence": f"{i.id}.pdf",
                "evidence_status": "valid"} for i in M26.indicators_of("SID")]
    frames = {"opd": pd.DataFrame([{"opd_id": "DINKES", "name": "Dinas Kesehatan", "kind": "dinas"}]),
              "innovations": pd.DataFrame(rows).astype("string"),
              "innovation_indicators": pd.DataFrame(answers).astype("string"),
              "region_indicators": pd.DataFrame(columns=["year", "indicator_id", "level", "evidence",
                                                         "evidence_status"])}
    return dataset_from_frames(frames)


@pytest.mark.parametrize(("year", "affairs", "n", "divisor", "iid", "gated"), [
    (2026, BASIC[:5], 11, 12, 5.37, False),  # 111 / 12 + 0.38 × 11 = 13.43 → 5.37
    (2026, BASIC[:4], 11, 12, 3.70, True),  # 111 / 12 = 9.25 → 3.70
    (2027, BASIC, 13, 14, 5.15, False),  # 111 / 14 + 0.38 × 13 = 12.8686 → 5.15
    (2027, BASIC[:5], 13, 14, 3.17, True),  # 111 / 14 = 7.9286 → 3.17
])
def test_2026_and_2027_end_to_end(year, affairs, n, divisor, iid, gated):
    from iid_analysis.review.desk import review

    ds = _edition_dataset(year, list(affairs), n)
    rv = review(ds, load_methodology(year), year)
    assert int(rv.innovations["eligible"].sum()) == n
    res = check(rv)
    assert (res.n, res.divisor, res.iid, res.count_score_gated) == (n, divisor, iid, gated)


def test_overlapping_affairs_read_from_the_data():
    from iid_analysis.review.desk import review

    ds = _edition_dataset(2026, list(BASIC[:4]), 11, other={6: "Sosial; Perhubungan"})
    rv = review(ds, M26, 2026)
    assert score(rv).count_score_gated
    wide = M26.with_alternative("affair_coverage_overlapping")
    res = check(rv, wide)
    assert not res.count_score_gated and res.iid == 5.37
