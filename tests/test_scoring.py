"""Hand-computed cases for the index (iid-reference §2, §3), with the arithmetic written out.

2021 weights used below (from methodology/2021.toml):
  SID01 3, SID02 2, SID03 2, SID04 2, SID05 1, SID16 3, SID18 3, SID20 4 … (all 20 sum to 37, max 111)
  SPD01 1, SPD03 2 (APBD), SPD09 1.5 (Opini BPK) … by indicator key (all 15 sum to 21, max 63)
  divisor = max(10, n); count score = 0.38 × min(n, 200); max_total = 250.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scoring_oracle import full_marks, make_review, oracle_score

from iid_analysis import predicate
from iid_analysis.analyses.robustness import totals as robustness_totals
from iid_analysis.io.dataset import Dataset, load_dataset
from iid_analysis.methodology import Indicator, available_years, load_methodology, round_score
from iid_analysis.review.desk import review as desk_review
from iid_analysis.scoring.compute import score
from iid_analysis.scoring.evidence import REASONS
from iid_analysis.scoring.totals import frame_terms, totals_from_points

M21 = load_methodology(2021)
ALL_SPD_MAX = [(i.id, 3, "valid") for i in M21.indicators_of("SPD")]  # 63 points


def inns(*ids, **kw):
    return [{"innovation_id": i, **kw} for i in ids]


def check_oracle(review, methodology=None):
    res = score(review, methodology)
    ref = oracle_score(review, methodology)
    assert res.iid == ref["iid"]
    assert res.predicate == ref["predicate"]
    assert res.n == ref["n"]
    assert res.spd == pytest.approx(ref["spd"])
    assert res.sid == pytest.approx(ref["sid"])
    assert res.divisor == ref["divisor"] and res.count_score == pytest.approx(ref["count_score"])
    assert res.n_basic_covered == len(ref["covered"])  # the affair gate (§8), by the oracle's own reading
    return res


# ---------------------------------------------------------------------------- 1. n below 10
def test_n_below_10_is_divided_by_10():
    review = make_review(
        inns("A", "B", "C"),
        [("A", "SID01", 3, "valid"),  # 3 × 3 = 9
         ("A", "SID20", 2, "valid"),  # 2 × 4 = 8   → A = 17
         ("B", "SID18", 3, "valid")],  # 3 × 3 = 9  → B = 9; C answered nothing → 0
        [("SPD01", 3, "valid"),  # 3 × 1 = 3
         ("SPD03", 2, "valid")],  # 2 × 2 = 4  → SPD = 7
    )
    res = check_oracle(review)
    # n = 3 → divisor max(10, 3) = 10; SID = 26 / 10 + 0.38 × 3 = 2.6 + 1.14 = 3.74
    # total = 7 + 3.74 = 10.74; IID = 10.74 / 250 × 100 = 4.296 → 4.30
    assert res.n == 3 and res.divisor == 10
    assert res.sid_sum == 26.0 and res.sid_avg == pytest.approx(2.6)
    assert res.count_score == pytest.approx(1.14)
    assert res.sid == pytest.approx(3.74)
    assert res.spd == 7.0
    assert res.total == pytest.approx(10.74)
    assert res.iid == 4.30
    assert res.predicate == "Kurang Inovatif"
    assert res.next_predicate == "Inovatif" and res.distance_to_next == 30.70  # 35.00 − 4.30
    mat = res.innovations.set_index("innovation_id")["maturity"]
    assert mat.to_dict() == {"A": 17.0, "B": 9.0, "C": 0.0}
    # the points grid is complete: 15 SPD rows + 3 innovations × 20 SID rows
    assert len(res.points) == 15 + 3 * 20
    assert res.points["points"].sum() == pytest.approx(7 + 26)
    assert res.points.loc[res.points["points"] > 0, "reason"].eq("").all()


# ---------------------------------------------------------------------------- 2. n above 10
def test_n_above_10_is_divided_by_n():
    sid = [(i.id, 2, "valid") for i in M21.indicators_of("SID")]  # 2 × 37 = 74 per innovation
    ids = [f"I{j:02d}" for j in range(12)]
    answers = [(x, ind, lv, st) for x in ids for ind, lv, st in sid]
    review = make_review(inns(*ids), answers, ALL_SPD_MAX)
    res = check_oracle(review)
    # n = 12 → divisor 12; SID = 12 × 74 / 12 + 0.38 × 12 = 74 + 4.56 = 78.56
    # total = 63 + 78.56 = 141.56; IID = 141.56 × 0.4 = 56.624 → 56.62 (Inovatif)
    assert res.divisor == 12
    assert res.sid == pytest.approx(78.56)
    assert res.total == pytest.approx(141.56)
    assert res.iid == 56.62
    assert res.predicate == "Inovatif"
    assert res.next_predicate == "Sangat Inovatif" and res.distance_to_next == 3.39  # 60.01 − 56.62
    assert res.innovations["maturity"].eq(74.0).all()
    assert res.opd["mean_maturity"].tolist() == [74.0]


# ---------------------------------------------------------------------------- 3. invalid evidence
def test_invalid_evidence_earns_nothing():
    review = make_review(
        inns("A"),
        [("A", "SID01", 3, "valid"),  # 9
         ("A", "SID02", 3, "invalid")],  # claimed 3 × 2 = 6, evidence invalid → 0
        [("SPD01", 3, "invalid")],  # 0
    )
    res = check_oracle(review)
    # maturity 9 (claimed 15); SID = 9 / 10 + 0.38 = 1.28; SPD = 0
    # total 1.28 → IID 0.512 → 0.51
    assert res.iid == 0.51
    assert res.predicate == "Kurang Inovatif"
    row = res.innovations.iloc[0]
    assert row["maturity"] == 9.0 and row["claimed_maturity"] == 15.0
    p = res.points.set_index(["aspect", "indicator_id"])
    assert p.loc[("SID", "SID02"), "reason"] == "bukti tidak valid"
    assert p.loc[("SID", "SID02"), "points"] == 0.0 and not p.loc[("SID", "SID02"), "valid"]
    assert p.loc[("SID", "SID02"), "level"] == 3
    assert p.loc[("SPD", "SPD01"), "reason"] == "bukti tidak valid"


# ---------------------------------------------------------------------------- 4. pending evidence
def test_pending_and_missing_evidence_and_reasons():
    review = make_review(
        inns("A"),
        [("A", "SID01", 3, "pending"),  # 0: awaiting verification
         ("A", "SID02", 2, "missing"),  # 0: no document
         ("A", "SID03", 0, "valid"),  # 0: not claimed
         ("A", "SID04", 1, "valid")],  # 1 × 2 = 2
    )
    res = check_oracle(review)
    # maturity 2; SID = 2 / 10 + 0.38 = 0.58 → IID 0.232 → 0.23
    assert res.iid == 0.23
    reasons = res.points.set_index(["aspect", "indicator_id"])["reason"]
    assert reasons[("SID", "SID01")] == "bukti belum diverifikasi"
    assert reasons[("SID", "SID02")] == "bukti tidak ada"
    assert reasons[("SID", "SID03")] == "tidak diklaim"
    assert reasons[("SID", "SID04")] == ""
    assert reasons[("SID", "SID05")] == "tidak dijawab"
    assert set(res.points["reason"]) <= set(REASONS)
    status = res.points.set_index(["aspect", "indicator_id"])["evidence_status"]
    assert status[("SID", "SID05")] == "missing"
    assert res.points.set_index(["aspect", "indicator_id"])["answer_row"][("SID", "SID01")] == 2
    assert pd.isna(res.points.set_index(["aspect", "indicator_id"])["answer_row"][("SID", "SID05")])

    # what-if rule (not a year file's): pending documents accepted → SID01 counts 9
    # maturity 11; SID = 1.1 + 0.38 = 1.48 → IID 0.592 → 0.59
    lenient = dataclasses.replace(M21, evidence_rule="valid_or_pending", variant="pending_ok")
    assert score(review, lenient).iid == 0.59


# ---------------------------------------------------------------------------- 5. ineligible ignored
def test_ineligible_entries_are_ignored_and_explained():
    review = make_review(
        inns("A", "B") + [{"innovation_id": "X", "eligible": False,
                           "reasons": "diterapkan di luar 2019–2020"}],
        [("A", "SID01", 3, "valid")]  # A = 9, B = 0
        + full_marks("X", M21),  # X would have 111 but is not eligible
    )
    res = check_oracle(review)
    # n = 2; SID = 9 / 10 + 0.38 × 2 = 0.9 + 0.76 = 1.66 → IID 0.664 → 0.66
    assert res.n == 2
    assert res.iid == 0.66
    assert "X" not in set(res.points["innovation_id"].dropna())
    inn = res.innovations.set_index("innovation_id")
    assert not inn.loc["X", "scored"] and np.isnan(inn.loc["X", "maturity"])
    assert inn.loc["X", "why_not"] == "diterapkan di luar 2019–2020"
    # usable answers of an ineligible entry still show what it claimed (3 × 37 = 111)
    assert inn.loc["X", "claimed_maturity"] == 111.0
    assert inn.loc["A", "why_not"] == ""
    assert res.opd.loc[0, ["entered", "eligible", "scored"]].tolist() == [3, 2, 2]


def test_duplicate_ids_are_not_counted_twice():
    # the review marks duplicated ids not eligible; a second eligible copy is still defended against
    review = make_review(inns("A", "A"), [("A", "SID01", 3, "valid")])
    res = score(review)
    assert res.n == 1
    assert res.innovations["why_not"].tolist()[1].startswith("ID inovasi ganda")


# ---------------------------------------------------------------------------- 6. nothing reported
def test_nothing_reported_is_zero_and_disclaimer():
    res = check_oracle(make_review())
    # SPD 0, n 0 → divisor 10, SID 0 + 0 = 0; total 0 → IID 0.00
    assert res.iid == 0.0 and res.total == 0.0
    assert res.predicate == "Tidak Dapat Dinilai"
    assert res.next_predicate == "Kurang Inovatif" and res.distance_to_next == 0.01
    assert len(res.points) == 15 and len(res.innovations) == 0 and len(res.opd) == 0
    # only ineligible entries: still nothing counts
    res2 = check_oracle(make_review(inns("X", eligible=False), full_marks("X", M21)))
    assert res2.iid == 0.0 and res2.predicate == "Tidak Dapat Dinilai"


def test_nothing_valid_is_a_disclaimer_not_the_count_score():
    # two eligible innovations whose every claim is unproven, SPD answered without valid evidence:
    # the formula would give count score 0.38 × 2 = 0.76 → IID 0.30 (Kurang Inovatif), but
    # iid-reference §3 says "Tidak Dapat Dinilai" when nothing is valid → total 0, IID 0.00.
    review = make_review(inns("A", "B"), [("A", "SID01", 3, "invalid"), ("B", "SID20", 2, "pending")],
                         [("SPD01", 3, "missing")])
    res = check_oracle(review)
    assert res.n == 2 and res.count_score == 0.0 and res.total == 0.0
    assert res.iid == 0.0 and res.predicate == "Tidak Dapat Dinilai"
    # one valid SID answer (SID02 level 1 × 2 = 2) makes it assessable: 2/10 + 0.76 = 0.96 → 0.38
    review = make_review(inns("A", "B"), [("A", "SID02", 1, "valid")])
    res = check_oracle(review)
    assert res.count_score == pytest.approx(0.76) and res.iid == pytest.approx(0.38)
    assert res.predicate == "Kurang Inovatif"


# ---------------------------------------------------------------------------- 7. band edges
def _with_sid(ids_and_answers):
    return [(x, ind, lv, "valid") for x, answers in ids_and_answers for ind, lv in answers]


def test_band_edge_35_00():
    # 9 innovations × (SID01 L3 = 9, SID20 L3 = 12, SID02 L1 = 2 → 23) = 207, a tenth with 0
    # n = 10 → divisor 10: 207 / 10 = 20.7; count 0.38 × 10 = 3.8; SPD all at max = 63
    # total = 63 + 20.7 + 3.8 = 87.5; IID = 87.5 × 0.4 = 35.00 → Inovatif (lower edge)
    ids = [f"I{j}" for j in range(10)]
    answers = _with_sid([(x, [("SID01", 3), ("SID20", 3), ("SID02", 1)]) for x in ids[:9]])
    res = check_oracle(make_review(inns(*ids), answers, ALL_SPD_MAX))
    assert res.sid_sum == 207.0 and res.total == pytest.approx(87.5)
    assert res.iid == 35.00 and res.predicate == "Inovatif"


def test_band_edge_60_00():
    # 7 full innovations (7 × 111 = 777) + one with SID20 L3 12 + SID01 9 + SID16 9 + SID18 9
    # + SID02 6 + SID03 6 + SID04 L2 4 = 55 → 832; two more with 0 → n = 10, divisor 10
    # total = 63 + 83.2 + 3.8 = 150; IID = 60.00 → still Inovatif (upper edge)
    ids = [f"I{j}" for j in range(10)]
    answers = [a for x in ids[:7] for a in full_marks(x, M21)]
    answers += _with_sid([("I7", [("SID20", 3), ("SID01", 3), ("SID16", 3), ("SID18", 3),
                                  ("SID02", 3), ("SID03", 3), ("SID04", 2)])])
    res = check_oracle(make_review(inns(*ids), answers, ALL_SPD_MAX))
    assert res.sid_sum == 832.0
    assert res.iid == 60.00 and res.predicate == "Inovatif"
    assert res.next_predicate == "Sangat Inovatif" and res.distance_to_next == 0.01


def test_band_edge_60_01():
    # 25 full (2775) + one with everything but SID20 (−12) and SID05 at L2 (−1) = 98 → 2873;
    # 14 more with 0 → n = 40, divisor 40: 2873 / 40 = 71.825; count 0.38 × 40 = 15.2
    # total = 63 + 71.825 + 15.2 = 150.025; IID = 60.01 → Sangat Inovatif
    ids = [f"I{j:02d}" for j in range(40)]
    answers = [a for x in ids[:25] for a in full_marks(x, M21)]
    answers += [a if a[1] != "SID05" else ("I25", "SID05", 2, "valid")
                for a in full_marks("I25", M21) if a[1] != "SID20"]
    res = check_oracle(make_review(inns(*ids), answers, ALL_SPD_MAX))
    assert res.sid_sum == 2873.0
    assert res.total == pytest.approx(150.025)
    assert res.iid == 60.01 and res.predicate == "Sangat Inovatif"
    assert res.next_predicate is None and res.distance_to_next is None


def test_band_edge_34_995_rounds_half_up():
    # one innovation with SID01 L1 (3) + SID02 L2 (4) = 7, 79 more with 0 → n = 80, divisor 80
    # SPD all at max except SPD03 (APBD, weight 2) at 0: 63 − 6 = 57; count 0.38 × 80 = 30.4
    # total = 57 + 7 / 80 + 30.4 = 87.4875; 87.4875 / 250 × 100 = 34.995 → 35.00 → Inovatif
    ids = [f"I{j:02d}" for j in range(80)]
    answers = _with_sid([("I00", [("SID01", 1), ("SID02", 2)])])
    spd = [a if a[0] != "SPD03" else ("SPD03", 0, "valid") for a in ALL_SPD_MAX]
    res = check_oracle(make_review(inns(*ids), answers, spd))
    assert res.total == pytest.approx(87.4875)
    assert res.iid == 35.00 and res.predicate == "Inovatif"


@pytest.mark.parametrize(
    ("iid", "expected"),
    [(0.0, "Tidak Dapat Dinilai"), (0.004, "Tidak Dapat Dinilai"), (0.005, "Kurang Inovatif"),
     (34.99, "Kurang Inovatif"), (34.994, "Kurang Inovatif"), (34.995, "Inovatif"),
     (35.0, "Inovatif"), (60.0, "Inovatif"), (60.004, "Inovatif"), (60.005, "Sangat Inovatif"),
     (60.01, "Sangat Inovatif"), (100.0, "Sangat Inovatif")],
)
def test_predicate_on_the_rounded_score(iid, expected):
    assert predicate(iid, 2021) == expected
    assert predicate(iid, 2023) == expected
    assert round_score(34.995) == 35.0


# ---------------------------------------------------------------------------- like-for-like
def _meth_with_sid21(base):
    extra = Indicator("SID21", "SID", "Dampak dan keberlanjutan", "Indikator tambahan uji", 1.0,
                      ("a", "b", "c"), "bukti")
    m = dataclasses.replace(base, indicators=base.indicators + (extra,), variant="uji_sid21")
    return dataclasses.replace(m, max_total=m.computed_max_total)


def test_like_for_like_drops_indicators_unknown_to_the_frame():
    m_own = _meth_with_sid21(M21)  # the review's frame knows SID21 (max 114 per innovation)
    review = make_review(inns("A"), [("A", "SID01", 3, "valid"), ("A", "SID21", 3, "valid")],
                         methodology=m_own)
    own = check_oracle(review)
    # own frame: maturity 9 + 3 = 12; max_total = 63 + 114 + 76 = 253
    # SID = 1.2 + 0.38 = 1.58 → IID = 1.58 / 253 × 100 = 0.6245 → 0.62
    assert own.innovations["maturity"].tolist() == [12.0]
    assert own.iid == 0.62
    m23 = load_methodology(2023)
    res = check_oracle(review, m23)
    # 2023 frame: SID21 unknown → dropped; maturity 9; SID = 0.9 + 0.38 = 1.28 → 0.512 → 0.51
    assert res.methodology is m23 and res.year == 2021
    assert res.innovations["maturity"].tolist() == [9.0]
    assert res.iid == 0.51
    drop = next(e for e in res.log if e["step"] == "frame_drop")
    assert drop["indicator_ids"] == ["SID21"] and drop["n_answers"] == 1
    assert res.to_dict()["methodology_year"] == 2023 and res.to_dict()["year"] == 2021
    assert res.like_for_like
    assert any("SID21" in line for line in res.summary_lines())
    assert any("Perbandingan setara" in line for line in res.summary_lines())
    assert set(res.points["indicator_id"]) == set(m23.indicator_ids)


def test_other_weights_change_the_score():
    review = make_review(inns("A"), full_marks("A", M21), ALL_SPD_MAX)
    alt = M21.with_alternative("sid_weights_form2021")
    res = check_oracle(review, alt)
    # form-2021 weights sum to 50 → maturity 150; max_total = 63 + 150 + 76 = 289
    # SID = 150 / 10 + 0.38 = 15.38; total = 78.38 → IID = 78.38 / 289 × 100 = 27.121… → 27.12
    assert res.innovations["maturity"].tolist() == [150.0]
    assert res.max_total == 289.0 and res.iid == 27.12
    assert res.to_dict()["variant"] == "sid_weights_form2021"


# ---------------------------------------------------------------------------- tables and outputs
def test_opd_table_lists_every_active_unit():
    opd = pd.DataFrame({
        "_row": [2, 3, 4, 5],
        "opd_id": pd.array(["DINKES", "BAPPEDA", "LAMA", "BARU"], dtype="string"),
        "name": pd.array(["Dinas Kesehatan", "Bappeda", "Unit Lama", "Unit Baru"], dtype="string"),
        "kind": pd.array(["dinas", "badan", "lainnya", "lainnya"], dtype="string"),
        "active_from": pd.array([None, None, None, 2022], dtype="Int64"),
        "active_to": pd.array([None, None, 2019, None], dtype="Int64"),
    })
    empty = pd.DataFrame()
    ds = Dataset(opd=opd, innovations=empty, innovation_indicators=empty, region_indicators=empty)
    review = make_review(
        inns("A", "B") + [{"innovation_id": "C", "opd_id": "XYZ", "opd_name": "Tak Dikenal",
                           "eligible": False, "reasons": "OPD tidak dikenal"}],
        [("A", "SID01", 3, "valid"), ("B", "SID01", 1, "valid")],
        dataset=ds,
    )
    res = score(review)
    t = res.opd.set_index("opd_id")
    # DINKES and BAPPEDA active in 2021; LAMA ended 2019, BARU starts 2022; XYZ seen in the entries
    assert list(t.index) == ["DINKES", "BAPPEDA", "XYZ"]
    assert t.loc["DINKES", ["entered", "eligible", "scored"]].tolist() == [2, 2, 2]
    assert t.loc["DINKES", "mean_maturity"] == 6.0  # (9 + 3) / 2
    assert t.loc["DINKES", "sid_points"] == 12.0 and t.loc["DINKES", "share_sid_points"] == 1.0
    assert t.loc["BAPPEDA", ["entered", "scored"]].tolist() == [0, 0]
    assert np.isnan(t.loc["BAPPEDA", "mean_maturity"])
    assert t.loc["XYZ", "name"] == "Tak Dikenal" and not t.loc["XYZ", "active"]
    assert t.loc["BAPPEDA", "active"]


def test_breakdown_adds_up():
    review = make_review(inns("A", "B"), full_marks("A", M21) + [("B", "SID20", 2, "valid")],
                         [("SPD01", 3, "valid"), ("SPD12", 1, "valid")])
    res = score(review)
    b = res.breakdown
    assert list(b.columns[:2]) == ["aspect", "variable"]
    # SID sums are on the total's scale: (111 + 8) / 10 = 11.9; count score 0.76 on its own row
    assert b["points"].sum() == pytest.approx(res.total)
    assert b["max_points"].sum() == pytest.approx(res.max_total)
    assert b["contribution"].sum() == pytest.approx(res.total / res.max_total * 100)
    by_aspect = b.groupby("aspect")["points"].sum()
    assert by_aspect["SPD"] == pytest.approx(res.spd) and by_aspect["SID"] == pytest.approx(res.sid)
    count_row = b[b["variable"] == "Jumlah inovasi"].iloc[0]
    assert count_row["points"] == pytest.approx(0.76) and count_row["max_points"] == 76.0
    dampak = b[(b["aspect"] == "SID") & (b["variable"] == "Dampak dan keberlanjutan")].iloc[0]
    # SID16–SID20 weights 3+2+3+2+4 = 14 → A 42, B SID20 L2 = 8 → 50 / 10 = 5.0 → 2.0 IID points
    assert dampak["sum_points"] == 50.0 and dampak["points"] == 5.0
    assert dampak["contribution"] == pytest.approx(2.0)


def test_to_dict_keys_and_json():
    review = make_review(inns("A"), [("A", "SID01", 3, "valid")], [("SPD01", 2, "valid")])
    res = score(review)
    d = res.to_dict()
    for key in ("year", "iid", "predicate", "spd", "sid", "n_innovations", "total", "max_total",
                "count_score", "divisor", "methodology_year", "variant", "next_predicate",
                "distance_to_next", "assumptions"):
        assert key in d
    text = json.dumps(d, allow_nan=False)
    assert json.loads(text) == d

    def plain(x):
        if isinstance(x, dict):
            return all(isinstance(k, str) and plain(v) for k, v in x.items())
        if isinstance(x, list):
            return all(plain(v) for v in x)
        return x is None or type(x) in (int, float, str, bool)

    assert plain(d)
    assert d["assumptions"] and set(d["assumptions"][0]) == {"key", "value", "source", "note"}
    json.dumps(res.log, allow_nan=False)
    steps = {e["step"] for e in res.log}
    assert {"frame", "evidence", "n", "divisor", "count_score", "sid", "iid", "predicate"} <= steps
    lines = res.summary_lines()
    assert lines[0].startswith("IID edisi 2021") and "Kurang Inovatif" in lines[0]
    assert all(isinstance(s, str) and s for s in lines)


def test_fast_paths_match_score():
    """Scoring's own arithmetic (``frame_terms``, ``totals_from_points``) and the what-if model
    (``analyses.robustness.totals``) give what :func:`score` gives, under other weights and under a
    more lenient evidence rule."""
    review = make_review(inns("A", "B", "C"),
                         full_marks("A", M21) + [("B", "SID01", 2, "valid"), ("B", "SID02", 3, "pending")],
                         [("SPD01", 3, "valid"), ("SPD03", 3, "pending")])
    res = score(review)
    pts = res.points
    is_sid = pts["aspect"].eq("SID").to_numpy()
    assert is_sid.sum() == 3 * 20 and res.n == 3
    div, cs = frame_terms(M21, [3, 12, 500], 0)
    assert div.tolist() == [10, 12, 500] and cs.tolist() == pytest.approx([1.14, 4.56, 76.0])
    tot = totals_from_points(pts.loc[~is_sid, "points"].sum(), pts.loc[is_sid, "points"].sum(),
                             div[0], cs[0], 250)
    assert float(tot["iid"]) == res.iid and float(tot["total"]) == pytest.approx(res.total)
    # two weight sets at once: the frame's, and the 2021 form alternative
    ids = M21.indicator_ids
    alt = M21.with_alternative("sid_weights_form2021")
    weights = np.array([[M21.indicator(i).weight for i in ids], [alt.indicator(i).weight for i in ids]])
    assert robustness_totals(res, weights=weights).tolist() == pytest.approx([res.total, score(review, alt).total])
    # pending evidence accepted (SID and SPD): Σ level per indicator over valid or pending answers
    accepted = pts["evidence_status"].isin(["valid", "pending"]).to_numpy()
    col = pts["indicator_id"].map({k: j for j, k in enumerate(ids)}).to_numpy("int64")
    levels = np.bincount(col, weights=pts["level"].to_numpy("float64") * accepted, minlength=len(ids))
    lenient = dataclasses.replace(M21, evidence_rule="valid_or_pending")
    assert robustness_totals(res, levels=levels)[0] == pytest.approx(score(review, lenient).total)
    assert score(review, lenient).total > res.total


def test_unknown_evidence_rule_is_a_clear_error():
    from iid_analysis.methodology import MethodologyError

    bad = dataclasses.replace(M21, evidence_rule="semua")
    with pytest.raises(MethodologyError, match="aturan bukti"):
        score(make_review(), bad)


# ---------------------------------------------------------------------------- the bundled data
@pytest.mark.parametrize("year", available_years())
def test_bundled_sample_matches_the_oracle(year):
    """End to end on the real loader and desk review."""
    data = Path(__file__).resolve().parents[1] / "data" / "sample"
    ds = load_dataset(data)
    meth = load_methodology(year)
    review = desk_review(ds, meth, year)
    res = check_oracle(review)
    assert len(res.innovations) == len(review.innovations)
    assert res.n == int(review.innovations["eligible"].sum())
    json.dumps(res.to_dict(), allow_nan=False)
