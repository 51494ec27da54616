"""The desk-review funnel has one definition per step, never widens, and agrees with results.json.

* on every bundled edition (2019–2026): each step is a subset of the one before (row by row, not
  only in counts), in the order entered → at a counted stage → in the period → eligible → scored
  (the stage step comes first: *inisiatif* / *uji coba* rows have no implementation date, so put
  after the period step it removed nothing; 2021: 52 → 36 → 19 → 17 → 17), ``scored`` is exactly the rows the score kept, and the decision note splits the
  last step into lanjut + lengkapi;
* hypothesis: the same on small datasets drawn from the bundled 2021 rows with their stage,
  dates and ids shuffled, through the real desk review and score;
* the run's results.json: n_submitted / n_eligible / n_innovations are the funnel's first,
  eligible and scored counts, and the funnel list never widens;
* the "not continued" sentence of 2021 splits 17 outside the period from 16 not yet applied
  (counted by hand from the bundled data: 35 stop; 19 at *penerapan* dated outside the period or
  re-entered, 5 *inisiatif* + 11 *uji coba*);
* the shares are rounded once, so the table and the figure label print the same text.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iid_analysis.analyses.funnel import (
    FUNNEL_STEPS,
    decision_split,
    funnel,
    funnel_by_opd,
    step_flags,
)
from iid_analysis.analysis import resolve_data, review_editions
from iid_analysis.io.dataset import dataset_from_frames
from iid_analysis.methodology import load_methodology
from iid_analysis.report.brief_actions import not_continued_reasons, sentence_not_continued
from iid_analysis.review.desk import review
from iid_analysis.scoring.compute import score
from iid_analysis.text import fmt

STEPS = list(FUNNEL_STEPS)


@pytest.fixture(scope="module")
def sample():
    ds = resolve_data(None)
    reviews, results = review_editions(ds)
    return ds, reviews, results


def _check_nested(rv, res):
    flags = step_flags(rv, res)
    assert list(flags.columns[1:]) == ["entered", "stage_counted", "in_window", "eligible", "lanjut",
                                       "scored"]
    for before, after in zip(STEPS, STEPS[1:], strict=False):
        assert not (flags[after] & ~flags[before]).any(), f"{after} is not a subset of {before}"
    f = funnel(rv, res)
    assert list(f["step"]) == STEPS
    counts = f["count"].tolist()
    assert counts == sorted(counts, reverse=True)
    assert (f["drop_from_previous"] >= 0).all()
    assert counts[0] == len(rv.innovations) == rv.counts()["n_submitted"]
    assert counts[STEPS.index("eligible")] == rv.counts()["n_eligible"]
    assert counts[STEPS.index("stage_counted")] == rv.counts()["n_stage_counted"]
    assert counts[STEPS.index("in_window")] == rv.counts()["n_in_window"]
    assert counts[-1] == res.n_scored
    split = decision_split(rv, res)
    assert split["lanjut"] + split["lengkapi"] == counts[-1]
    return counts, split


#: Funnel counts of the bundled sample per edition and the decision among the scored (lanjut,
#: lengkapi); read from the data once and kept so that a change of definition shows.
EXPECTED = {
    2019: ([14, 10, 10, 10, 10], (5, 5)),
    2020: ([4, 4, 3, 3, 3], (1, 2)),
    2021: ([52, 36, 19, 17, 17], (8, 9)),
    2022: ([44, 28, 24, 22, 22], (19, 3)),
    2023: ([61, 53, 41, 41, 41], (32, 9)),
    2024: ([150, 143, 135, 135, 135], (108, 27)),
    2025: ([218, 215, 211, 211, 211], (142, 69)),
    2026: ([236, 230, 222, 222, 222], (0, 222)),
}


def test_every_bundled_edition_has_a_nested_funnel(sample):
    _, reviews, results = sample
    assert sorted(reviews) == sorted(EXPECTED)
    for year in sorted(reviews):
        counts, split = _check_nested(reviews[year], results[year])
        assert (counts, (split["lanjut"], split["lengkapi"])) == EXPECTED[year], year
        w = funnel_by_opd(reviews[year], results[year])
        assert w[STEPS].sum().tolist() == counts


def test_the_decision_is_a_note_on_the_last_step(sample):
    _, reviews, results = sample
    f = funnel(reviews[2021], results[2021])
    assert "lanjut" not in set(f["step"])
    assert f["note"].tolist()[:-1] == [""] * 4
    assert f["note"].iloc[-1] == ("Keputusan telaah meja: 8 lanjut (bukti dukung lengkap), "
                                  "9 lengkapi (bukti dukung belum lengkap)")


def test_share_is_rounded_once_and_prints_the_same_everywhere(sample):
    _, reviews, results = sample
    f = funnel(reviews[2021], results[2021])
    assert f["share_of_entered"].tolist() == [1.0, 0.692, 0.365, 0.327, 0.327]  # 36/52 = 0.6923
    assert [fmt.pct(x) for x in f["share_of_entered"]] == ["100,0%", "69,2%", "36,5%", "32,7%", "32,7%"]


def test_not_continued_splits_outside_the_period_from_not_yet_applied(sample):
    _, reviews, _ = sample
    rv = reviews[2021]
    inv = rv.innovations
    stop = inv[inv["decision"] == "tidak_lanjut"]
    assert len(stop) == 35
    assert dict(not_continued_reasons(rv)) == {
        "diterapkan di luar periode penilaian": 17,
        "belum diterapkan karena masih tahap inisiatif atau uji coba": 16,
        "sudah pernah diikutkan IGA": 4,
    }
    # by hand: stage and date of the rows that stop
    not_applied = stop["stage"].isin(["inisiatif", "uji_coba"])
    assert int(not_applied.sum()) == 16 and stop.loc[not_applied, "implementation_date"].isna().all()
    outside = (~stop["in_window"]) & stop["implementation_date"].notna()
    assert int(outside.sum()) == 17
    s = sentence_not_continued(rv)
    assert s.startswith("Sebanyak 35 inovasi tidak dilanjutkan pada edisi ini (17 diterapkan di luar "
                        "periode penilaian, 16 belum diterapkan karena masih tahap inisiatif atau uji "
                        "coba, dan 4 sudah pernah diikutkan IGA;")


def test_results_json_counts_are_the_funnel(reports):
    years = sorted(p.name for p in reports.iterdir() if p.is_dir() and p.name.isdigit())
    assert years
    for y in years:
        r = json.loads((reports / y / "results.json").read_text(encoding="utf-8"))
        counts = {s["step"]: s["count"] for s in r["funnel"]}
        assert [s["step"] for s in r["funnel"]] == STEPS, y
        values = [s["count"] for s in r["funnel"]]
        assert values == sorted(values, reverse=True), y
        assert r["n_submitted"] == counts["entered"], y
        assert r["n_eligible"] == counts["eligible"], y
        assert r["n_innovations"] == counts["scored"], y
        assert r["n_in_window"] == counts["in_window"], y
        assert r["n_stage_counted"] == counts["stage_counted"], y


# --------------------------------------------------------------------------- property

_STAGES = ["inisiatif", "uji_coba", "penerapan"]
_DATES = ["2017-05-01", "2019-06-01", "2020-11-30", "2021-03-01", None]
_SUBMITTED = ["2021-05-02", "2021-08-01", "2021-09-16", "2021-10-01", None]


@st.composite
def small_edition(draw):
    """Up to ten 2021 rows of the bundled data with stage, dates and ids redrawn."""
    n = draw(st.integers(0, 10))
    picks = draw(st.lists(st.integers(0, 51), min_size=n, max_size=n))
    changes = [
        (draw(st.sampled_from(_STAGES)), draw(st.sampled_from(_DATES)),
         draw(st.sampled_from(_SUBMITTED)), draw(st.booleans()))
        for _ in range(n)
    ]
    return picks, changes


@pytest.fixture(scope="module")
def rows_2021(sample):
    ds = sample[0]
    tables = {k: v.copy() for k, v in ds.tables().items()}
    inn = tables["innovations"]
    return tables, inn[inn["year"] == 2021].reset_index(drop=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(small_edition())
def test_property_funnel_never_widens_on_small_datasets(rows_2021, drawn):
    tables, inn21 = rows_2021
    picks, changes = drawn
    rows = inn21.iloc[picks].reset_index(drop=True).copy()
    for i, (stage, impl, sub, same_id) in enumerate(changes):
        rows.loc[i, "stage"] = stage
        rows.loc[i, "implementation_date"] = pd.Timestamp(impl) if impl else pd.NaT
        rows.loc[i, "submitted_on"] = pd.Timestamp(sub) if sub else pd.NaT
        if same_id and i:
            rows.loc[i, "innovation_id"] = rows.loc[0, "innovation_id"]  # a duplicated id
    ids = set(rows["innovation_id"].dropna())
    ans = tables["innovation_indicators"]
    frames = {
        "opd": tables["opd"],
        "innovations": rows.drop(columns=[c for c in rows.columns if c.startswith("_")]),
        "innovation_indicators": ans[ans["innovation_id"].isin(ids)].drop(
            columns=[c for c in ans.columns if c.startswith("_")]),
        "region_indicators": tables["region_indicators"].drop(
            columns=[c for c in tables["region_indicators"].columns if c.startswith("_")]),
    }
    ds = dataset_from_frames(frames)
    rv = review(ds, load_methodology(2021), 2021)
    res = score(rv)
    counts, _ = _check_nested(rv, res)
    assert counts[0] == len(rows)
