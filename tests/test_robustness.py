"""Robustness (Monte Carlo, verification both ways, claimed vs verified) and Sobol sensitivity.

Hand-made datasets come from ``test_whatif`` (2021 frame: IID = total × 0.4). ``FIXED`` turns the
verification model into the old one-sided rule (valid always accepted, probabilities not varied)
where a test needs exact values.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_whatif import FULL_SPD, M21, _edge_answers, build, full
from test_whatif_properties import datasets

from iid_analysis.analyses.robustness import _probabilities, robustness, totals
from iid_analysis.analyses.sensitivity import SENSITIVITY_COLUMNS, sensitivity
from iid_analysis.analyses.uncertainty import MAX_DRAWS, _floor_methodology
from iid_analysis.io.dataset import load_dataset
from iid_analysis.methodology import PREDICATES, load_methodology
from iid_analysis.report.prose_robustness import (
    interval_sentence,
    robustness_sentences,
    scope_sentence,
    sensitivity_sentence,
    source_sentence,
)
from iid_analysis.review.desk import review
from iid_analysis.scoring.compute import score

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def fixed(pending: float = 0.0, invalid: float = 0.0, missing: float = 0.0) -> dict:
    return {"accept_prob": {"valid": 1.0, "pending": pending, "invalid": invalid, "missing": missing},
            "vary_prob": False}


@pytest.fixture(scope="module")
def edge():
    return build(*_edge_answers())


@lru_cache(maxsize=4)
def _sample(year: int):
    ds = load_dataset(SAMPLE)
    return score(review(ds, load_methodology(year), year))


# ----------------------------------------------------------------------------- methodology
def test_verification_settings_are_data():
    v = M21.verification
    assert v.accept == {"valid": 0.9, "pending": 0.6, "invalid": 0.05, "missing": 0.0}
    assert v.weight_spread == 0.25 and v.own_frame == 0.7 and v.inovatif_floor == 40.01
    assert {n.status for n in v.numbers} == {"assumed"} and all(n.source for n in v.numbers)
    assert "Kab. Tegal" in next(n.source for n in v.numbers if n.key == "verification.accept_valid")
    # kept apart from the index's own assumptions
    assert not any(n.key.startswith("verification.") for n in M21.numbers)


# ----------------------------------------------------------------------------- the 2021 sample
def test_sample_2021_claimed_verified_and_two_sided():
    res = _sample(2021)
    r = robustness(res, draws=10_000, seed=2021)
    assert r.iid == res.iid and r.iid_claimed >= r.iid
    assert r.p05 < r.iid <= r.p95  # verification can lower the score as well as raise it
    assert sum(r.predicate_probabilities.values()) == 1.0
    assert list(r.predicate_probabilities) == list(PREDICATES)
    src = r.sources.set_index("source")
    assert src.loc["verification", "share_below"] > 0 and src.loc["verification", "share_above"] > 0
    assert set(r.varied) >= {"verification", "weights", "sid_weights", "count_score"}
    fields = r.results_fields()
    assert set(fields) == {"iid_claimed", "iid_interval", "predicate_probabilities"}
    assert list(fields["iid_interval"]) == ["p5", "p50", "p95"]
    json.dumps(fields)
    text = " ".join(robustness_sentences(r))
    assert "penolakan bukti dapat menurunkan IID hingga" in text
    assert "Simulasi ini mengacak tepat 3 hal" in scope_sentence(r)


def test_claimed_is_exact(edge):
    rv, res = edge
    claimed = score(rv, dataclasses.replace(res.methodology, evidence_rule="claimed"))
    r = robustness(res, draws=200)
    assert r.iid_claimed == claimed.iid == 60.48 and r.predicate_claimed == "Sangat Inovatif"


# ----------------------------------------------------------------------------- all valid / all pending / nothing
def test_all_valid_can_fall():
    _, res = build([{"innovation_id": f"F{i}"} for i in range(10)],
                   [a for i in range(10) for a in full(f"F{i}")], FULL_SPD)
    r = robustness(res, draws=4000, seed=1)
    assert r.iid_claimed == res.iid == 71.12  # full marks, count score 3.8 of 76
    assert r.p05 < res.iid
    assert r.sources.set_index("source").loc["verification", "share_above"] == 0


def test_all_pending():
    inns = [{"innovation_id": f"F{i}"} for i in range(10)]
    ans = [(f"F{i}", ind, lv, "pending") for i in range(10) for ind, lv, _ in
           [(i.id, 3, "valid") for i in M21.indicators_of("SID")]]
    spd = [(i.id, 2, "pending") for i in M21.indicators_of("SPD")]
    rv, res = build(inns, ans, spd)
    perfect = build(inns, [(a, b, c, "valid") for a, b, c, _ in ans], [(a, b, "valid") for a, b, _ in spd])[1]
    r = robustness(res, draws=3000, seed=4)
    assert res.iid == 0 and r.iid == 0
    assert r.iid_claimed == perfect.iid
    assert sum(r.predicate_probabilities.values()) == 1.0
    assert r.p05 > 0 and not r.nothing_to_simulate


def test_nothing_claimed_is_nothing_to_simulate():
    _, res = build([{"innovation_id": "A"}], [], [])
    r = robustness(res, draws=500)
    assert r.nothing_to_simulate and len(r.iids) == 0 and r.varied == ()
    assert r.predicate_probabilities["Tidak Dapat Dinilai"] == 1.0
    assert sum(r.predicate_probabilities.values()) == 1.0
    assert robustness_sentences(r) == [interval_sentence(r)]
    assert interval_sentence(r).startswith("Tidak ada yang dapat disimulasikan")
    s = sensitivity(res, n=64)
    assert s.nothing_to_analyse and (s.table[["first_order", "total"]] == 0).all().all()
    assert "Tidak ada ragam IID" in sensitivity_sentence(s)


# ----------------------------------------------------------------------------- the fixed (one-sided) model
@pytest.mark.parametrize("p", [0.5, 0.3])
def test_one_pending_document_decides_the_predicate(edge, p):
    _, res = edge
    r = robustness(res, draws=10_000, seed=7, weight_spread=0.0, alternatives=False, **fixed(pending=p))
    assert r.n_uncertain == 1
    assert set(np.unique(r.iids)) <= {60.0, 60.48}
    assert r.predicate_probabilities["Sangat Inovatif"] == pytest.approx(p, abs=0.02)
    assert r.predicate_probabilities["Sangat Inovatif"] == round(float(np.mean(r.iids == 60.48)), 4)
    assert r.main_source == "verification"
    src = r.sources.set_index("source")
    assert src.loc["verification", "p_differs"] == pytest.approx(p, abs=0.02)
    assert src.loc["verification", "share_below"] == 0
    assert not src.loc["weights", "active"] and list(src.index) == ["verification", "weights"]
    assert interval_sentence(r).startswith("IID terverifikasi 60,00 (Inovatif); bila semua tingkat yang "
                                           "diklaim diterima 60,48 (Sangat Inovatif); dalam 10.000 undian simulasi")
    assert source_sentence(r).startswith("Sumber ketidakpastian yang paling menggeser predikat adalah "
                                         "verifikasi bukti")


def test_degenerate_cases_equal_score(edge):
    rv, res = edge
    none = robustness(res, draws=500, weight_spread=0, alternatives=False, **fixed())
    assert (none.iids == res.iid).all() and none.predicate_probabilities["Inovatif"] == 1.0
    assert none.main_source is None and none.p_change == 0
    assert source_sentence(none).startswith("Predikat Inovatif tidak berubah dalam semua 500 simulasi")
    all_ok = robustness(res, draws=500, weight_spread=0, alternatives=False, **fixed(pending=1.0))
    accepted = score(rv, dataclasses.replace(res.methodology, evidence_rule="valid_or_pending"))
    assert (all_ok.iids == accepted.iid).all()


def test_alternatives_match_score_and_stated_probabilities(edge):
    rv, res = edge
    alts = [a.id for a in res.methodology.alternatives]
    assert len(alts) == 2  # 2021: the form's SID weights and a count-score rule
    for alt in alts:
        r = robustness(res, draws=8000, seed=3, weight_spread=0, alternatives=[alt], **fixed())
        other = score(rv, res.methodology.with_alternative(alt))
        assert set(np.unique(r.iids)) == {res.iid, other.iid}
        # one rule: the edition's own value keeps own_frame = 0.7
        assert np.mean(r.iids == res.iid) == pytest.approx(0.7, abs=0.02)
        assert r.settings["alternatives"] == [alt]
    both = robustness(res, draws=8000, seed=3, weight_spread=0, alternatives=alts, **fixed())
    combo = score(rv, res.methodology.with_alternative(alts[0]).with_alternative(alts[1]))
    assert combo.iid in set(np.unique(both.iids)) and len(np.unique(both.iids)) == 4
    assert np.mean(both.iids == res.iid) == pytest.approx(0.7, abs=0.02)  # the whole own frame


def test_inovatif_floor_where_assumed():
    # 10 innovations with SID20 and SID01 at level 3 (21 points each), SPD full:
    # 63 + 210 / 10 + 3.8 = 87.8 → IID 35.12, Inovatif with the 35.00 floor, not with 40.01
    inns = [{"innovation_id": f"F{i}"} for i in range(10)]
    ans = [(f"F{i}", "SID20", 3, "valid") for i in range(10)] + [(f"F{i}", "SID01", 3, "valid") for i in range(10)]
    _, res = build(inns, ans, FULL_SPD)
    assert 35 <= res.iid < 40.01 and res.predicate == "Inovatif"
    r = robustness(res, draws=4000, seed=2, weight_spread=0, alternatives=["inovatif_floor"], **fixed())
    assert (r.iids == res.iid).all()
    assert r.predicate_probabilities["Kurang Inovatif"] == pytest.approx(0.3, abs=0.03)
    row = r.sources.set_index("source").loc["inovatif_floor"]
    assert row["mean_shift"] == 0 and row["p_differs"] > 0
    # only where the edition's floor is assumed (2021, 2025), not where it is official (2023)
    assert _floor_methodology(M21, 40.01) is not None
    assert _floor_methodology(load_methodology(2025), 40.01) is not None
    assert _floor_methodology(load_methodology(2023), 40.01) is None


def test_weights_keep_full_marks_at_the_maximum():
    _, res = build([{"innovation_id": f"F{i}"} for i in range(10)],
                   [a for i in range(10) for a in full(f"F{i}")], FULL_SPD)
    r = robustness(res, draws=2000, weight_spread=0.25, alternatives=False, **fixed())
    assert (r.iids == res.iid).all()


def test_weights_only_spread(edge):
    _, res = edge
    r = robustness(res, draws=4000, seed=5, weight_spread=0.25, alternatives=False, sources=["weights"])
    assert r.p05 <= res.iid <= r.p95 and abs(r.mean - res.iid) < 1.0
    assert 0 < r.sources.set_index("source").loc["weights", "p_differs"] < 1
    assert r.main_source == "weights" and r.varied == ("weights",)


def test_totals_core_matches_score(edge):
    rv, res = edge
    assert totals(res)[0] == pytest.approx(res.total, abs=1e-9)
    alt = res.methodology.with_alternative("sid_weights_form2021")
    w = np.array([alt.indicator(i).weight for i in res.methodology.indicator_ids])
    assert totals(res, weights=w)[0] == pytest.approx(score(rv, alt).total, abs=1e-9)


def test_seeded(edge):
    _, res = edge
    a, b, c = (robustness(res, draws=3000, seed=s) for s in (11, 11, 12))
    assert np.array_equal(a.iids, b.iids) and a.to_dict() == b.to_dict()
    assert not np.array_equal(a.iids, c.iids)
    d = a.to_dict(include_draws=True)
    json.dumps(d)
    assert len(d["iids"]) == 3000


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(("kw", "setting"), [
    ({"draws": 0}, "draws"), ({"draws": MAX_DRAWS + 1}, "draws"), ({"draws": 2.5}, "draws"),
    ({"draws": True}, "draws"), ({"seed": 1.5}, "seed"), ({"seed": "2021"}, "seed"), ({"seed": -1}, "seed"),
    ({"accept_prob": {"pending": 1.5}}, "accept_prob.pending"), ({"accept_prob": {"valid": -0.1}}, "accept_prob.valid"),
    ({"accept_prob": {"lolos": 0.5}}, "accept_prob"), ({"weight_spread": 1.0}, "weight_spread"),
    ({"alternatives": ["nope"]}, "alternatives"), ({"sources": ["cuaca"]}, "sources"),
])
def test_bad_input_names_the_setting(edge, kw, setting):
    _, res = edge
    with pytest.raises(ValueError, match=f"pengaturan '{setting}' / setting '{setting}'"):
        robustness(res, **kw)


def test_sensitivity_bad_input(edge):
    _, res = edge
    for kw, setting in (({"n": 1000}, "n"), ({"n": 8}, "n"), ({"seed": 0.5}, "seed"),
                        ({"sources": ["x"]}, "sources"), ({"conf_level": 1.0}, "conf_level")):
        with pytest.raises(ValueError, match=f"'{setting}'"):
            sensitivity(res, **kw)


# ----------------------------------------------------------------------------- probabilities
def test_probabilities_sum_exactly_to_one():
    bad = None
    for a, b, c in itertools.product(range(1, 200, 7), range(1, 3000, 37), range(1, 3000, 41)):
        u = [a, b, c, 10_000 - a - b - c]
        if any(sum(p) != 1.0 for p in itertools.permutations([x / 10_000 for x in u])):
            bad = u
            break
    assert bad is not None
    probs = _probabilities(dict(zip(PREDICATES, bad, strict=True)), 10_000)
    assert all(sum(p) == 1.0 for p in itertools.permutations(probs.values()))
    assert all(round(v, 4) == v for v in probs.values())
    assert sorted(_probabilities({"a": 1, "b": 1, "c": 1}, 3).values()) == [0.3333, 0.3333, 0.3334]


# ----------------------------------------------------------------------------- sensitivity
def test_sensitivity_sample_2021():
    res = _sample(2021)
    s = sensitivity(res, n=512, seed=2021)
    t = s.table
    assert list(t.columns) == list(SENSITIVITY_COLUMNS)
    assert s.runs == 512 * (len(t) + 2) and not s.nothing_to_analyse
    assert set(t["source"]) == {"verification", "weights", "sid_weights", "count_score", "inovatif_floor"}
    assert (t["first_order"] >= -t["first_order_conf"] - 0.05).all()
    assert (t["total"] <= 1 + t["total_conf"] + 0.05).all()
    assert t.iloc[0]["source"] == "verification"
    assert t.set_index("source").loc["inovatif_floor", "total"] == 0  # the floor never moves the IID
    again = sensitivity(res, n=512, seed=2021)
    pd.testing.assert_frame_equal(t, again.table)
    out = s.results_fields()["sensitivity"]
    assert set(out["verification"]) == {"first_order", "total"}
    json.dumps(s.to_dict())
    assert "N = 512" in sensitivity_sentence(s)


common = settings(max_examples=12, deadline=None, derandomize=True,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@common
@given(datasets(), st.integers(0, 2**32 - 1))
def test_property_claimed_interval_probabilities(data, seed):
    _, res = build(*data)
    a = robustness(res, draws=300, seed=seed)
    b = robustness(res, draws=300, seed=seed)
    assert a.to_dict() == b.to_dict()
    assert a.iid_claimed >= a.iid
    assert sum(a.predicate_probabilities.values()) == 1.0
    assert a.p05 <= a.median <= a.p95
    assert ((a.iids >= 0) & (a.iids <= 100)).all()


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(datasets(), st.integers(0, 1000))
def test_property_sobol_indices_bounded(data, seed):
    _, res = build(*data)
    s = sensitivity(res, n=128, seed=seed, num_resamples=50)
    t = s.table
    assert ((t["first_order"] >= -t["first_order_conf"] - 0.1)
            & (t["total"] <= 1 + t["total_conf"] + 0.1)
            & (t["total"] >= -t["total_conf"] - 0.1)).all()
    pd.testing.assert_frame_equal(t, sensitivity(res, n=128, seed=seed, num_resamples=50).table)
