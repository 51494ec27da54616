"""The city's internal ranking (``a.units.ranking``, results.json ``opd_ranking``): contributions
that add up to the IID in every bundled edition, ranks with ties, a deterministic interval that
holds the rank. The tiny city is the one of tests/test_units.py (A brings 0.96 IID points, B 0.36).
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from test_units import city_tables

from iid_analysis.analyses.ranking import (
    RANKING_COLUMNS,
    _ranks,
    contributions,
    iid_parts,
    unattributed,
    unit_ranking,
)
from iid_analysis.analysis import analyse, review_editions
from iid_analysis.io.dataset import dataset_from_frames, load_dataset
from iid_analysis.io.locations import default_data
from iid_analysis.methodology.loader import load_methodology
from iid_analysis.methodology.model import round_score
from iid_analysis.report.units_text import ranking_method_text
from iid_analysis.review.desk import review
from iid_analysis.run.artifacts import opd_ranking_json, results_dict
from iid_analysis.scoring.compute import score


@pytest.fixture(scope="module")
def sample_results():
    ds = load_dataset(default_data())
    return review_editions(ds)[1]


@pytest.fixture(scope="module")
def tiny():
    ds = dataset_from_frames({k: v.astype("string") for k, v in city_tables().items()})
    return ds, score(review(ds, load_methodology(2021), 2021))


def test_contributions_spd_and_count_score_add_up_to_the_iid_in_every_edition(sample_results):
    checked = 0
    for year, res in sample_results.items():
        if res.n_scored == 0:
            continue
        rk = unit_ranking(res, draws=20, seed=1)
        parts = iid_parts(res)
        total = (rk["contribution"].sum() + unattributed(res) + parts["spd"] + parts["count_score"])
        ratio = float(res.total) / float(res.max_total) * 100.0
        assert total == pytest.approx(ratio, abs=1e-9), year
        assert round_score(total) == res.iid, year
        assert parts["ratio"] == pytest.approx(ratio, abs=1e-9)
        checked += 1
    assert checked >= 6  # 2019–2026 in the sample, every one with scored innovations but none


def test_tiny_ranking_by_hand(tiny):
    _, res = tiny
    rk = unit_ranking(res, draws=500, seed=3)
    assert list(rk.columns) == list(RANKING_COLUMNS)
    assert rk["opd_id"].tolist() == ["A", "B"]  # C, K entered nothing; D has nothing scored
    assert rk["contribution"].tolist() == pytest.approx([0.96, 0.36], abs=1e-12)
    assert rk["rank"].tolist() == [1, 2] and rk["rank_maturity"].tolist() == [1, 2]
    assert rk["mean_maturity"].tolist() == [12.0, 9.0] and rk["n_scored"].tolist() == [2, 1]
    # the count score (3 × 0.38 = 1.14 → 0.456) and SPD (0) complete the IID 1.776 → 1.78
    assert rk["contribution"].sum() + 0.456 == pytest.approx(1.776, abs=1e-12)
    c = contributions(res).set_index("innovation_id")["contribution"]
    assert c.to_dict() == pytest.approx({"X1": 0.84, "X2": 0.12, "Y1": 0.36}, abs=1e-12)


def test_ties_share_the_lower_rank():
    got = _ranks(np.array([[3.0, 1.0, 3.0, 2.0], [0.0, 0.0, 0.0, 0.0], [1.0, 2.0, 3.0, 4.0]]))
    assert got.tolist() == [[1, 4, 1, 3], [1, 1, 1, 1], [4, 3, 2, 1]]


def test_interval_holds_the_rank_and_is_deterministic(sample_results):
    res = sample_results[2021]
    a = unit_ranking(res, draws=400, seed=2021)
    b = unit_ranking(res, draws=400, seed=2021)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) >= 5
    assert ((a["rank_low"] <= a["rank"]) & (a["rank"] <= a["rank_high"])).all()
    assert (a["rank_low"] >= 1).all() and (a["rank_high"] <= len(a)).all()
    assert (a["rank_high"] > a["rank_low"]).any()  # the verification draws do move some ranks
    assert a["rank"].is_monotonic_increasing


def test_no_scored_innovation_no_ranking(tiny):
    ds, _ = tiny
    t = city_tables()
    t["innovations"]["stage"] = "uji_coba"  # nothing is eligible
    ds = dataset_from_frames({k: v.astype("string") for k, v in t.items()})
    res = score(review(ds, load_methodology(2021), 2021))
    rk = unit_ranking(res, draws=10)
    assert rk.empty and list(rk.columns) == list(RANKING_COLUMNS)


def test_results_json_opd_ranking_shape(tiny):
    ds, _ = tiny
    a = analyse(ds, 2021, draws=200)
    got = results_dict(a)["opd_ranking"]
    assert [r["opd_id"] for r in got] == ["A", "B"]
    for r in got:
        assert set(r) == {"opd_id", "rank", "rank_low", "rank_high"}
        assert all(type(r[k]) is int for k in ("rank", "rank_low", "rank_high"))
        assert r["rank_low"] <= r["rank"] <= r["rank_high"]
    assert got == opd_ranking_json(a)
    json.dumps(got)  # plain JSON
    assert a.units.deadline.isoformat() == "2021-09-17"
    assert a.units.unattributed == 0.0
    assert len(a.units.profile) == 5 and len(a.units.entries) == 4
    text = ranking_method_text(a)
    assert "bukan peringkat resmi" in text and "2 OPD" in text
