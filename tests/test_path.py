"""The path a region can walk (evidence, level, innovation; before the deadline or long-term), the
outcome flags of the methodology and the break-even maturity of one more innovation."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_whatif import FULL_SPD, build, full

from iid_analysis.analyses.path import (
    BREAK_EVEN_KEYS,
    PATH_KINDS,
    new_innovation_break_even,
    path_to_next,
    path_to_next_json,
)
from iid_analysis.analyses.scenarios import add_innovations, apply_changes
from iid_analysis.analysis import resolve_data
from iid_analysis.methodology import load_methodology
from iid_analysis.report.prose_path import break_even_sentence, long_term_sentence, path_sentence
from iid_analysis.review.desk import review
from iid_analysis.scoring.compute import score
from iid_analysis.scoring.totals import frame_terms, totals_from_points

OUTCOME_KEYS = {"spd.opini_bpk", "spd.kemiskinan", "spd.pengangguran", "spd.pendapatan_per_kapita",
                "spd.investasi", "spd.pad", "spd.sakip", "spd.ipm", "spd.apbd", "spd.perizinan"}


@pytest.fixture(scope="module")
def sample():
    ds = resolve_data(None)
    out = {}
    for y in (2021, 2026):
        rv = review(ds, load_methodology(y), y)
        out[y] = (rv, score(rv))
    return out


def test_outcome_flags_in_the_methodology():
    for y in (2021, 2023, 2026):
        m = load_methodology(y)
        keys = {i.key for i in m.indicators if i.outcome}
        assert OUTCOME_KEYS & {i.key for i in m.indicators} <= keys
        assert not any(i.outcome for i in m.indicators_of("SID"))
        assert all(isinstance(i.outcome, bool) for i in m.indicators)


@pytest.mark.parametrize("year", [2021, 2026])
def test_sample_path_is_doable(sample, year):
    rv, res = sample[year]
    p = path_to_next(res)
    json.dumps(p)
    assert p["actions"], "the sample's next predicate is reachable"
    first = p["actions"][0]
    assert first["before_deadline"] and all(d["before_deadline"] for d in p["actions"])
    m = res.methodology
    outcome = {i.id for i in m.indicators if i.outcome}
    # no level step of an outcome indicator before the deadline; they are the long-term list
    assert not [d for d in p["actions"] if d["kind"] == "level" and d["indicator_id"] in outcome]
    assert all(d["kind"] == "level" and d["indicator_id"] in outcome and not d["before_deadline"]
               for d in p["long_term"])
    assert p["n_long_term"] == len(p["long_term"]) > 0
    assert sum(p["n_by_kind"].values()) == p["n_actions"] == len(p["actions"])
    # a claimed level whose evidence is not accepted is an evidence step, never a level step first
    pts = res.points
    bad = pts[(pts["level"] > 0) & ~pts["valid"].astype(bool)]
    bad_keys = {(None if r.innovation_id is None or str(r.innovation_id) == "<NA>" else str(r.innovation_id),
                 str(r.indicator_id)) for r in bad.astype(object).where(bad.notna(), None).itertuples()}
    seen: set = set()
    for d in p["actions"]:
        k = (d["innovation_id"], d["indicator_id"])
        if k in bad_keys and k not in seen:
            assert d["kind"] == "evidence"
        seen.add(k)
    # the path, done, gives the IID it says (answer steps through the review and score())
    answer_steps = [d for d in p["actions"] if d["kind"] != "innovation"]
    if len(answer_steps) == len(p["actions"]):
        after = score(apply_changes(rv, answer_steps), methodology=m)
        assert after.iid == p["iid_after"] and after.predicate == p["predicate_after"] == p["target_predicate"]
    js = path_to_next_json(p)
    assert len(js) == p["n_actions"] + p["n_long_term"]
    assert all(set(x) == {"indicator_id", "indicator_name", "innovation_id", "action", "gain", "before_deadline"}
               and x["action"] in PATH_KINDS for x in js)
    assert path_sentence(p, res) and long_term_sentence(p)


def test_2021_opens_with_a_doable_step_not_an_outcome_level(sample):
    _, res = sample[2021]
    p = path_to_next(res)
    first = p["actions"][0]
    assert not (first["kind"] == "level" and first["outcome"])
    # the invalid SPD answer is an evidence step in the path
    inv = res.points[(res.points["aspect"] == "SPD") & (res.points["evidence_status"] == "invalid")
                     & (res.points["level"] > 0)]
    for ind in inv["indicator_id"]:
        steps = [d for d in p["actions"] if d["indicator_id"] == ind]
        assert not steps or steps[0]["kind"] == "evidence"


def test_break_even_on_the_sample(sample):
    for y in (2021, 2026):
        _, res = sample[y]
        be = new_innovation_break_even(res)
        assert be["key"] in BREAK_EVEN_KEYS
        assert break_even_sentence(be)
    be = new_innovation_break_even(sample[2021][1])
    assert be["key"] == "plain" and be["maturity"] == pytest.approx(be["closed_form"])


def test_break_even_against_rescoring_through_the_review():
    """One more full-marks innovation, then one at the break-even ± 1: add_innovations + score()."""
    inns = [{"innovation_id": f"F{i}"} for i in range(11)]
    answers = [a for i in range(11) for a in full(f"F{i}")]
    # F0 gets a lower maturity so the mean is not the maximum
    answers = [a for a in answers if not (a[0] == "F0" and a[1] in ("SID01", "SID16", "SID18", "SID20"))]
    rv, res = build(inns, answers, FULL_SPD)
    be = new_innovation_break_even(res)
    assert be["key"] == "plain" and be["maturity"] == pytest.approx(be["closed_form"])
    row = rv.dataset.innovations.iloc[0].to_dict()
    m = res.methodology
    for delta in (+3.0, -1.0):  # filled from below: the points land within one weight of the aim
        aim = be["maturity"] + delta
        pts, ans = 0.0, []
        for ind in m.indicators_of("SID"):
            lv = int(min(3, (aim - pts) // ind.weight))
            if lv > 0:
                ans.append({"innovation_id": "NEW", "indicator_id": ind.id, "level": lv,
                            "evidence": "dok.pdf", "evidence_status": "valid"})
                pts += lv * ind.weight
        assert (pts > be["maturity"]) == (delta > 0)
        new = {k: v for k, v in row.items() if k != "_row"} | {"innovation_id": "NEW", "name": "Inovasi NEW"}
        after = score(add_innovations(rv, [new], ans), methodology=m)
        assert after.n == res.n + 1
        assert (after.total > res.total) == (delta > 0), (delta, pts, be["maturity"], after.total, res.total)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(0, 260), mean=st.floats(0, 111), spd=st.floats(0, 63),
       year=st.sampled_from([2021, 2023, 2026]), covered=st.integers(0, 6), extra=st.floats(-20, 20))
def test_break_even_is_exact(n, mean, spd, year, covered, extra):
    """At the break-even the unrounded total is unchanged; above it higher, below it lower — checked
    with scoring's own terms; in the plain case it is the closed form."""
    m = load_methodology(year)

    class R:  # the few numbers the break-even reads
        pass

    r = R()
    r.methodology, r.n, r.n_basic_covered = m, n, covered
    r.spd, r.sid_sum = spd, mean * n
    d0, c0 = frame_terms(m, n, covered)
    before = float(totals_from_points(spd, mean * n, d0, c0, m.max_total)["total"])
    r.total = before
    be = new_innovation_break_even(r)
    d1, c1 = frame_terms(m, n + 1, covered)

    def total_with(s):
        return float(totals_from_points(spd, mean * n + s, d1, c1, m.max_total)["total"])

    if be["key"] == "nothing_valid":
        assert be["maturity"] == 0.0
        return
    if be["maturity"] >= 0:
        assert total_with(be["maturity"]) == pytest.approx(before, abs=1e-9)
    else:  # below the divisor minimum: every maturity (≥ 0) raises it
        assert be["raises_with_any"] and total_with(0.0) > before
    s = be["maturity"] + extra
    if abs(extra) > 1e-6 and s >= 0:
        assert (total_with(s) > before) == (extra > 0)
    if be["key"] == "plain":
        assert be["maturity"] == pytest.approx(mean - m.count_score_per_innovation * (n + 1), abs=1e-7)
    if be["key"] == "count_cap" or (be["key"] == "gate_closed" and n >= m.divisor_min):
        assert be["maturity"] == pytest.approx(mean, abs=1e-7)
    assert np.isfinite(be["maturity"])
