"""The interactive what-if (analyses/simulate.py) against score() after the same change to the review."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_whatif import FULL_SPD, M21, build, full

from iid_analysis.analyses.scenarios import add_innovations, apply_changes
from iid_analysis.analyses.simulate import SIMULATE_KEYS, WhatIf, simulate
from iid_analysis.scoring.compute import score

SID_IDS = [i.id for i in M21.indicators_of("SID")]
SPD_IDS = [i.id for i in M21.indicators_of("SPD")]
STATUSES = ["valid", "invalid", "pending", "missing"]


@pytest.fixture(scope="module")
def tiny():
    # three innovations, mixed answers; a mixed region
    answers = full("A") + [("B", "SID01", 2, "pending"), ("B", "SID16", 3, "invalid"), ("B", "SID20", 1, "valid"),
                           ("C", "SID02", 3, "valid"), ("C", "SID03", 1, "missing")]
    region = [(i, lv, s) for i, lv, s in FULL_SPD[:10]] + [("SPD11", 2, "pending"), ("SPD12", 1, "invalid")]
    return build([{"innovation_id": x} for x in "ABC"], answers, region)


def _same(sim: dict, res) -> None:
    assert sim["iid"] == res.iid and sim["predicate"] == res.predicate
    assert sim["n"] == res.n and sim["divisor"] == res.divisor
    assert sim["count_score"] == pytest.approx(res.count_score)
    assert sim["total"] == pytest.approx(res.total)
    assert sim["distance_to_next"] == res.distance_to_next and sim["next_predicate"] == res.next_predicate


def test_no_change_is_the_result(tiny):
    _, res = tiny
    sim = simulate(res)
    assert tuple(sim) == SIMULATE_KEYS and sim["change"] == 0.0
    _same(sim, res)


def test_answer_changes_match_score(tiny):
    rv, res = tiny
    changes = [
        {"innovation_id": None, "indicator_id": "SPD12", "evidence_status": "valid"},
        {"innovation_id": None, "indicator_id": "SPD14", "level": 3, "evidence_status": "valid"},
        {"innovation_id": "B", "indicator_id": "SID16", "evidence_status": "valid"},
        {"innovation_id": "C", "indicator_id": "SID05", "level": 2, "evidence_status": "valid"},
        {"innovation_id": "A", "indicator_id": "SID20", "level": 1},
    ]
    _same(simulate(res, changes), score(apply_changes(rv, changes), methodology=res.methodology))


def test_added_innovation_matches_score(tiny):
    rv, res = tiny
    row = {k: v for k, v in rv.dataset.innovations.iloc[0].to_dict().items() if k != "_row"}
    ans = [{"innovation_id": "NEW", "indicator_id": "SID16", "level": 3, "evidence": "dok.pdf", "evidence_status": "valid"},
           {"innovation_id": "NEW", "indicator_id": "SID02", "level": 2, "evidence": "dok.pdf", "evidence_status": "valid"}]
    maturity = 3 * M21.indicator("SID16").weight + 2 * M21.indicator("SID02").weight
    after = score(add_innovations(rv, [row | {"innovation_id": "NEW", "name": "Inovasi NEW"}], ans), methodology=res.methodology)
    _same(simulate(res, [{"maturity": maturity}]), after)
    both = [{"maturity": maturity}, {"innovation_id": "B", "indicator_id": "SID01", "evidence_status": "valid"}]
    after2 = score(apply_changes(add_innovations(rv, [row | {"innovation_id": "NEW", "name": "Inovasi NEW"}], ans),
                                 both[1:]), methodology=res.methodology)
    _same(simulate(res, both), after2)


def test_gate_opens_with_a_new_basic_affair():
    from iid_analysis.methodology import load_methodology
    m = load_methodology(2026)
    inns = [{"innovation_id": f"I{i}", "affair": "Kesehatan", "submitted_on": "2026-08-01",
             "implementation_date": "2025-03-01", "year": 2026} for i in range(3)]
    rv, res = build(inns, [a for i in range(3) for a in _full26(m, f"I{i}")],
                    [(i.id, 3, "valid") for i in m.indicators_of("SPD")], year=2026)
    if not m.basic_affairs_required or res.n == 0:
        pytest.skip("no gate in this edition's rules")
    assert res.count_score_gated
    missing = [a for a in m.basic_affairs if a != "Kesehatan"]
    need = m.basic_affairs_required - res.n_basic_covered
    sim = simulate(res, [{"maturity": 10, "affair": a} for a in missing[:need]])
    assert sim["count_score"] > 0 and sim["n_basic_covered"] == res.n_basic_covered + need
    same = simulate(res, [{"maturity": 10, "affair": "Kesehatan"}] * need)
    assert same["count_score"] == 0


def _full26(m, inn):
    return [(inn, i.id, 3, "valid") for i in m.indicators_of("SID")]


@pytest.mark.parametrize("change, setting", [
    ({"innovation_id": "ZZZ", "indicator_id": "SID01", "level": 1}, "innovation_id"),
    ({"innovation_id": "A", "indicator_id": "SID99", "level": 1}, "indicator_id"),
    ({"innovation_id": None, "indicator_id": "SID01", "level": 1}, "indicator_id"),
    ({"innovation_id": None, "indicator_id": "SPD01", "level": 4}, "level"),
    ({"innovation_id": None, "indicator_id": "SPD01", "level": -1}, "level"),
    ({"innovation_id": None, "indicator_id": "SPD01", "level": 1.5}, "level"),
    ({"innovation_id": None, "indicator_id": "SPD01", "evidence_status": "ok"}, "evidence_status"),
    ({"maturity": 112}, "maturity"),
    ({"maturity": -1}, "maturity"),
    ({"maturity": "tinggi"}, "maturity"),
    ({"maturity": 10, "affair": "Urusan Fiktif"}, "affair"),
])
def test_bad_input_names_the_setting(tiny, change, setting):
    _, res = tiny
    with pytest.raises(ValueError, match=f"'{setting}'"):
        simulate(res, [change])


def test_fast_enough_for_widgets(tiny):
    _, res = tiny
    w = WhatIf(res)
    changes = [{"innovation_id": "B", "indicator_id": "SID16", "evidence_status": "valid"}, {"maturity": 50}]
    t = time.perf_counter()
    for _ in range(100):
        w.run(changes)
    assert (time.perf_counter() - t) / 100 < 0.01


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["A", "B", "C", None]), st.integers(0, 19), st.integers(0, 14),
                          st.one_of(st.none(), st.integers(0, 3)), st.one_of(st.none(), st.sampled_from(STATUSES))),
                min_size=1, max_size=4, unique_by=lambda t: (t[0], t[1] if t[0] else t[2])))
def test_random_changes_match_score(tiny, raw):
    """One change per answer: apply_changes appends a second row when the same unanswered pair is
    changed twice (the first row then wins), while simulate lets the later change win."""
    rv, res = tiny
    changes = []
    for inn, k_sid, k_spd, level, status in raw:
        ch = {"innovation_id": inn, "indicator_id": SID_IDS[k_sid] if inn else SPD_IDS[k_spd]}
        if level is not None:
            ch["level"] = level
        if status is not None:
            ch["evidence_status"] = status
        changes.append(ch)
    _same(simulate(res, changes), score(apply_changes(rv, changes), methodology=res.methodology))


def test_widget_panel_updates_from_the_same_code(tiny):
    from iid_analysis.report.widgets import whatif_panel, whatif_text

    _, res = tiny
    box = whatif_panel(res)
    panel = box.panel
    assert "IID" in panel.out.value and whatif_text(simulate(res)) in panel.out.value.replace("&#x27;", "'")
    panel.target.value = "B"
    panel.indicator.value = "SID16"
    assert panel.level.value == 3 and panel.status.value == "invalid"
    panel.status.value = "valid"
    assert panel.changes() == [{"innovation_id": "B", "indicator_id": "SID16", "level": 3, "evidence_status": "valid"}]
    panel.maturity.value = 40.0
    panel.add.click()
    want = simulate(res, panel.changes())
    assert want["n"] == res.n + 1 and whatif_text(want) in panel.out.value
    panel.reset.click()
    assert panel.changes() == [] and whatif_text(simulate(res)) in panel.out.value
