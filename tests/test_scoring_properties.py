"""Property tests for the index: the fast path against the slow oracle on random reviews, the
robustness model's totals against rescoring, bounds, monotonicity and order independence."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scoring_oracle import full_marks, make_review, oracle_score

from iid_analysis.analyses.robustness import totals as robustness_totals
from iid_analysis.methodology import load_methodology
from iid_analysis.scoring.compute import score

M21 = load_methodology(2021)
FRAMES = {
    "2021": M21,
    "2023": load_methodology(2023),
    "form2021": M21.with_alternative("sid_weights_form2021"),
    "no_count": M21.with_count_score(0.0, "count_score_none"),
    "cap5": M21.with_count_score(0.5, "count_score_cap5", cap=5),
    # the 2026–2027 rules on the 2021 codes: divisor minimum, affair gate, who is in n
    "gate5": dataclasses.replace(M21, divisor_min=12, basic_affairs_required=5),
    "gate6_wide": dataclasses.replace(M21, divisor_min=14, basic_affairs_required=6,
                                      affair_coverage="main_and_overlapping"),
    "all_reported": dataclasses.replace(M21, n_all_reported=True, basic_affairs_required=2),
}
BASIC = list(M21.basic_affairs)
AFFAIR_TEXTS = [*BASIC, "kesehatan", "PUPR", "Trantibumlinmas", "Perhubungan", "Kesehatan Hewan", None]
SID = [i.id for i in M21.indicators_of("SID")]
SPD = [i.id for i in M21.indicators_of("SPD")]
STATUSES = ["valid", "valid", "invalid", "pending", "missing"]
SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def reviews(draw, max_innovations: int = 30):
    n_pool = draw(st.integers(0, max_innovations))
    pool = [f"I{j:02d}" for j in range(n_pool)]
    # entries: ids drawn from the pool so some are duplicated (the review then makes them ineligible)
    n_entries = draw(st.integers(0, max(n_pool + 3, 0)))
    ids = [draw(st.sampled_from(pool)) for _ in range(n_entries)] if pool else []
    counts = {x: ids.count(x) for x in ids}
    opds = ["DINKES", "DISDIK", "BAPPEDA", "KEC_BARAT"]
    affair = st.sampled_from(AFFAIR_TEXTS)
    others = st.lists(st.sampled_from(AFFAIR_TEXTS[:-1]), max_size=3).map(lambda xs: "; ".join(xs) or None)
    entries = [{"innovation_id": x, "opd_id": draw(st.sampled_from(opds)),
                "affair": draw(affair), "affairs_other": draw(others),
                "eligible": counts[x] == 1 and draw(st.booleans() | st.just(True))} for x in ids]
    inn_choices = (pool or ["I00"]) + ["ZZ"]  # ZZ: an answer for an unknown innovation
    answer = st.tuples(st.sampled_from(inn_choices), st.sampled_from(SID + ["SID99", "SPD01"]),
                       st.one_of(st.integers(0, 3), st.just(5), st.none()), st.sampled_from(STATUSES))
    answers = draw(st.lists(answer, max_size=8 * max(n_entries, 1)))
    region = st.tuples(st.sampled_from(SPD + ["SPD99"]), st.one_of(st.integers(0, 3), st.none()),
                       st.sampled_from(STATUSES))
    region_answers = draw(st.lists(region, max_size=20))
    return make_review(entries, answers, region_answers)


@SETTINGS
@given(review=reviews(), frame=st.sampled_from(sorted(FRAMES)))
def test_fast_path_matches_the_oracle(review, frame):
    meth = FRAMES[frame]
    res = score(review, meth)
    ref = oracle_score(review, meth)
    assert res.iid == ref["iid"]
    assert res.predicate == ref["predicate"]
    assert res.n == ref["n"] and res.divisor == ref["divisor"]
    assert np.isclose(res.spd, ref["spd"]) and np.isclose(res.sid, ref["sid"])
    assert np.isclose(res.total, ref["total"]) and np.isclose(res.count_score, ref["count_score"])
    got = res.innovations.loc[res.innovations["scored"]].set_index("innovation_id")["maturity"]
    assert got.to_dict() == ref["maturities"]
    # rows in = rows out; the grid is complete
    assert len(res.innovations) == len(review.innovations)
    assert len(res.points) == len(meth.indicators_of("SPD")) + res.n_scored * len(meth.indicators_of("SID"))
    assert res.n_basic_covered == len(ref["covered"])
    assert res.count_score_gated == (meth.basic_affairs_required > len(ref["covered"]) and res.n > 0)
    assert res.innovations.loc[~res.innovations["scored"], "why_not"].ne("").all()


@SETTINGS
@given(review=reviews())
def test_robustness_totals_match_rescoring(review):
    """The Monte Carlo's array model gives the total ``score`` gives under other weights (the 2021
    form alternative) and under a more lenient evidence rule (pending evidence accepted)."""
    res = score(review)
    ids = M21.indicator_ids
    alt = FRAMES["form2021"]
    weights = [alt.indicator(i).weight for i in ids]
    assert np.isclose(robustness_totals(res, weights=weights)[0], score(review, alt).total)
    pts = res.points
    accepted = pts["evidence_status"].isin(["valid", "pending"]).to_numpy()
    col = pts["indicator_id"].map({k: j for j, k in enumerate(ids)}).to_numpy("int64")
    levels = np.bincount(col, weights=pts["level"].to_numpy("float64") * accepted, minlength=len(ids))
    lenient = dataclasses.replace(M21, evidence_rule="valid_or_pending")
    assert np.isclose(robustness_totals(res, levels=levels)[0], score(review, lenient).total)


@SETTINGS
@given(review=reviews())
def test_iid_is_between_0_and_100(review):
    res = score(review)
    assert 0.0 <= res.iid <= 100.0
    assert res.predicate in {b.predicate for b in M21.bands}


@SETTINGS
@given(review=reviews(), data=st.data())
def test_validating_evidence_never_lowers_the_iid(review, data):
    before = score(review)
    ans, ra = review.answers.copy(), review.region_answers.copy()
    if len(ans):
        pick = data.draw(st.lists(st.booleans(), min_size=len(ans), max_size=len(ans)))
        ans.loc[np.array(pick, dtype=bool), "evidence_status"] = "valid"
    if len(ra):
        pick = data.draw(st.lists(st.booleans(), min_size=len(ra), max_size=len(ra)))
        ra.loc[np.array(pick, dtype=bool), "evidence_status"] = "valid"
    after = score(dataclasses.replace(review, answers=ans, region_answers=ra))
    assert after.total >= before.total - 1e-9
    assert after.iid >= before.iid


@SETTINGS
@given(review=reviews(), frame=st.sampled_from(sorted(FRAMES)))
def test_adding_a_full_marks_innovation_never_lowers_the_iid(review, frame):
    # Why it holds: with divisor = max(10, n) the average Σ/max(10, n) cannot drop when an
    # innovation at the maximum maturity joins (below 10 the divisor stays 10 and Σ grows; from
    # 10 on, the average of values ≤ max moves towards max), and the count score only grows.
    meth = FRAMES[frame]
    before = score(review, meth)
    ids = review.innovations["innovation_id"].tolist()
    records = [{"innovation_id": x, "opd_id": o, "eligible": bool(e), "reasons": r}
               for x, o, e, r in zip(ids, review.innovations["opd_id"], review.innovations["eligible"],
                                     review.innovations["reasons"], strict=True)]

    def levels(df):
        return df["level"].astype("object").where(df["level"].notna(), None)

    ans, ra = review.answers, review.region_answers
    answers = list(zip(ans["innovation_id"], ans["indicator_id"], levels(ans),
                       ans["evidence_status"], strict=True))
    region = list(zip(ra["indicator_id"], levels(ra), ra["evidence_status"], strict=True))
    grown = make_review(records + [{"innovation_id": "NEW"}], answers + full_marks("NEW", meth),
                        region, methodology=review.methodology)
    after = score(grown, meth)
    assert after.n == before.n + 1
    assert after.total >= before.total - 1e-9
    assert after.iid >= before.iid


@SETTINGS
@given(review=reviews(), seed=st.integers(0, 2**32 - 1))
def test_row_order_does_not_matter(review, seed):
    rng = np.random.default_rng(seed)

    def shuffle(df):
        return df.iloc[rng.permutation(len(df))].reset_index(drop=True)

    shuffled = dataclasses.replace(review, innovations=shuffle(review.innovations),
                                   answers=shuffle(review.answers),
                                   region_answers=shuffle(review.region_answers))
    a, b = score(review), score(shuffled)
    assert (a.iid, a.predicate, a.n, a.spd, a.sid_sum) == (b.iid, b.predicate, b.n, b.spd, b.sid_sum)
    key = ["innovation_id", "maturity", "claimed_maturity", "scored"]
    sa = a.innovations[key].sort_values(key[:1]).reset_index(drop=True)
    sb = b.innovations[key].sort_values(key[:1]).reset_index(drop=True)
    assert sa.equals(sb)
    assert a.opd.set_index("opd_id").sort_index().equals(b.opd.set_index("opd_id").sort_index())
