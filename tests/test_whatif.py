"""Gaps, what-if, robustness and leave-one-out on small hand-made datasets (answers by hand).

2021 weights used below (methodology/2021.toml): SID01 3, SID02 2, SID03 2, SID04 2, SID06 2,
SID13 2, SID16 3, SID18 3, SID20 4 (all 20 sum to 37, max 111); SPD01 1, SPD03 2 (APBD),
SPD06 1.5, SPD13 2, SPD14 2 (all 15 sum to 21, max 63; weights by indicator key). divisor = max(10, n); count score = 0.38 × min(n, 200);
max_total = 250, so IID = total × 0.4.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from iid_analysis.analyses.gaps import (
    ACTION_LABELS,
    ACTIONS,
    DOCUMENT_ACTIONS,
    GAP_COLUMNS,
    SPD_OWNER,
    best_per_answer,
    gaps,
    gaps_by_opd,
    top_gaps,
)
from iid_analysis.analyses.leave_one_out import leave_one_out
from iid_analysis.analyses.path import path_to_next
from iid_analysis.analyses.results import whatif_fields
from iid_analysis.analyses.robustness import robustness
from iid_analysis.analyses.scenarios import (
    add_innovations,
    apply_changes,
    compare,
    drop_innovations,
)
from iid_analysis.io.dataset import dataset_from_frames
from iid_analysis.methodology import PREDICATES, load_methodology
from iid_analysis.report.prose_path import PATH_METHOD_NOTE, path_sentence
from iid_analysis.report.prose_scenarios import compare_table
from iid_analysis.review.desk import review
from iid_analysis.scoring.compute import score

M21 = load_methodology(2021)
FULL_SID = [(i.id, 3, "valid") for i in M21.indicators_of("SID")]  # 111 points
FULL_SPD = [(i.id, 3, "valid") for i in M21.indicators_of("SPD")]  # 63 points
OPDS = (("DINKES", "Dinas Kesehatan"), ("BAPPEDA", "Bappeda"), ("DISDIK", "Dinas Pendidikan"))
PROFILE = "uraian yang cukup panjang untuk telaah meja"


def build(innovations, answers, region, year=2021, methodology=None):
    """Dataset → review → score. ``innovations``: dicts (id + overrides); ``answers``:
    (innovation_id, indicator_id, level, status); ``region``: (indicator_id, level, status)."""
    opd = pd.DataFrame([{"opd_id": a, "name": b, "kind": "dinas"} for a, b in OPDS])
    rows = []
    for r in innovations:
        base = {"year": year, "opd_id": "DINKES", "stage": "penerapan", "initiator": "opd",
                "kind": "digital", "form": "pelayanan_publik", "implementation_date": "2020-03-01",
                "submitted_on": "2021-08-01", "previous_entries": 0, "design": PROFILE,
                "goal": PROFILE, "benefit": PROFILE, "result": PROFILE}
        base.update(r)
        base.setdefault("name", f"Inovasi {base['innovation_id']}")
        rows.append(base)
    cols = ["innovation_id", "indicator_id", "level", "evidence", "evidence_status"]
    ii = pd.DataFrame([(a, b, c, "" if s == "missing" else "dok.pdf", s) for a, b, c, s in answers],
                      columns=cols, dtype=object)
    ri = pd.DataFrame([(year, b, c, "" if s == "missing" else "dok.pdf", s) for b, c, s in region],
                      columns=["year", *cols[1:]], dtype=object)
    inv_cols = ["innovation_id", "year", "opd_id", "name", "stage", "initiator", "kind", "form",
                "implementation_date", "submitted_on", "previous_entries", "design", "goal",
                "benefit", "result"]
    inv = pd.DataFrame(rows, columns=inv_cols) if rows else pd.DataFrame(columns=inv_cols, dtype="str")
    ds = dataset_from_frames({"opd": opd, "innovations": inv,
                              "innovation_indicators": ii, "region_indicators": ri})
    rv = review(ds, methodology or load_methodology(year), year)
    return rv, score(rv)


def full(inn):
    return [(inn, i, lv, s) for i, lv, s in FULL_SID]


# ----------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def tiny():
    """One innovation A: SID01 level 2 valid (6), SID20 level 3 pending (0). SPD01 3 valid (3),
    SPD03 2 pending (0). Ineligible X (applied 2018) with a pending claim.
    SPD 3; Σ SID 6; divisor 10; count 0.38 → total 3.98, IID 1.592 → 1.59 (Kurang Inovatif)."""
    return build(
        [{"innovation_id": "A"}, {"innovation_id": "X", "implementation_date": "2018-05-01"}],
        [("A", "SID01", 2, "valid"), ("A", "SID20", 3, "pending"), ("X", "SID20", 3, "pending")],
        [("SPD01", 3, "valid"), ("SPD03", 2, "pending")],
    )


def _edge_answers():
    """7 full innovations (777) + P with 55 valid points and SID20 level 3 pending (12), + 2 empty.
    n = 10, Σ SID = 832, SPD 63: total = 63 + 83.2 + 3.8 = 150 → IID 60.00 (Inovatif, the top
    of the band). Accepting P's SID20: Σ 844 → total 151.2 → IID 60.48 (Sangat Inovatif)."""
    inns = [{"innovation_id": f"F{i}"} for i in range(7)]
    inns += [{"innovation_id": "P", "opd_id": "BAPPEDA"}, {"innovation_id": "E1", "opd_id": "DISDIK"},
             {"innovation_id": "E2", "opd_id": "DISDIK"}]
    ans = [a for i in range(7) for a in full(f"F{i}")]
    ans += [("P", i, lv, "valid") for i, lv in (("SID01", 3), ("SID16", 3), ("SID18", 3), ("SID02", 3),
                                                 ("SID03", 3), ("SID04", 3), ("SID06", 3), ("SID13", 2))]
    ans += [("P", "SID20", 3, "pending")]
    return inns, ans, FULL_SPD


@pytest.fixture(scope="module")
def edge():
    return build(*_edge_answers())


# ----------------------------------------------------------------------------- gaps
def test_tiny_headline(tiny):
    _, res = tiny
    assert res.n == 1 and res.spd == 3.0 and res.sid_sum == 6.0
    assert res.total == pytest.approx(3.98)
    assert res.iid == 1.59 and res.predicate == "Kurang Inovatif"


def test_gap_gains_by_hand(tiny):
    _, res = tiny
    g = gaps(res)
    assert list(g.columns) == list(GAP_COLUMNS)
    # top three: 6-point SPD raises (gain 6 / 250 × 100 = 2.4), tie broken by indicator id
    assert list(g["indicator_id"].head(3)) == ["SPD03", "SPD13", "SPD14"]
    assert (g["action"].head(3) == "raise_level").all()
    assert g["gain"].head(3).tolist() == pytest.approx([2.4, 2.4, 2.4])

    def row(inn, ind, action):
        sel = g[(g["innovation_id"].fillna("") == inn) & (g["indicator_id"] == ind) & (g["action"] == action)]
        assert len(sel) == 1
        return sel.iloc[0]

    r = row("A", "SID20", "validate_evidence")  # 3 × 4 = 12 points / divisor 10 = 1.2 → 0.48 IID
    assert (r.from_level, r.to_level, r.from_status) == (3, 3, "pending")
    assert r.gain_points == 12.0 and r.gain_total == pytest.approx(1.2) and r.gain == pytest.approx(0.48)
    assert r.iid_after == 2.07 and r.gain_rounded == pytest.approx(0.48)  # (3.98 + 1.2) × 0.4 = 2.072
    assert r.effort == 1 and r.effort_note.startswith("Ringan")
    assert r.opd_id == "DINKES" and r.innovation_name == "Inovasi A"
    r = row("A", "SID01", "raise_level")  # level 2 → 3: 3 points / 10 → 0.3 → 0.12 IID
    assert r.gain_points == 3.0 and r.gain == pytest.approx(0.12)
    assert not ((g["innovation_id"] == "A") & (g["indicator_id"] == "SID20")
                & (g["action"] == "raise_level")).any()  # already level 3: no raise
    r = row("", "SPD03", "validate_evidence")  # 2 × 2 = 4 points, SPD not divided → 1.6 IID
    assert r.gain == pytest.approx(1.6) and pd.isna(r.innovation_id) and pd.isna(r.innovation_name)
    assert r.opd_name == SPD_OWNER == "Pemerintah daerah (SPD)"
    # every answer short of full points, 19 SID + 14 SPD, has a raise; 2 have a document action
    assert (g["action"] == "raise_level").sum() == 19 + 14
    assert g["action"].isin(DOCUMENT_ACTIONS).sum() == 2


def test_ineligible_innovations_are_not_gaps(tiny):
    rv, res = tiny
    assert not bool(rv.innovations.set_index("innovation_id").loc["X", "eligible"])
    g = gaps(res)
    assert "X" not in set(g["innovation_id"].dropna())
    assert "tidak memenuhi syarat" in g.attrs["note"]


def test_gaps_sorted_and_best_per_answer(tiny):
    _, res = tiny
    g = gaps(res)
    assert (np.diff(g["gain"].to_numpy()) <= 1e-12).all()
    best = best_per_answer(g)
    assert not best.duplicated(["innovation_id", "indicator_id"]).any()
    a20 = best[(best["innovation_id"] == "A") & (best["indicator_id"] == "SID20")].iloc[0]
    assert a20.action == "validate_evidence"
    spd02 = best[best["indicator_id"] == "SPD03"].iloc[0]
    assert spd02.action == "raise_level"  # 2.4 beats validating (1.6)


def test_gap_fix_rescored_gives_the_stated_gain(tiny):
    rv, res = tiny
    g = gaps(res)
    for i in range(len(g)):
        row = g.iloc[[i]]
        after = score(apply_changes(rv, row), methodology=res.methodology)
        assert after.total - res.total == pytest.approx(float(row["gain_total"].iloc[0]), abs=1e-9)
        assert after.iid == float(row["iid_after"].iloc[0])
        if i >= 6:
            break


def test_gaps_by_opd(tiny):
    _, res = tiny
    by = gaps_by_opd(gaps(res))
    assert list(by.columns) == ["opd_id", "opd_name", "n_innovations", "n_answers", "n_pending",
                                "n_fix", "gain_documents", "gain_max"]
    spd = by[by["opd_id"].isna()].iloc[0]
    assert spd.n_answers == 14 and spd.n_pending == 1 and spd.gain_documents == pytest.approx(1.6)
    dk = by[by["opd_id"] == "DINKES"].iloc[0]
    assert dk.n_innovations == 1 and dk.n_answers == 20 and dk.n_pending == 1
    assert dk.gain_documents == pytest.approx(0.48)
    # best action per answer: 111 − 6 = 105 points left (SID20 via validation) → 105/10/250×100
    assert dk.gain_max == pytest.approx(105 / 10 / 250 * 100)


def test_top_gaps_format(tiny):
    _, res = tiny
    top = top_gaps(res, k=5)
    assert len(top) == 5
    assert all(set(t) == {"innovation_id", "indicator_id", "gain"} for t in top)
    assert top[0] == {"innovation_id": None, "indicator_id": "SPD03", "gain": 2.4}
    assert all(isinstance(t["gain"], float) and round(t["gain"], 4) == t["gain"] for t in top)
    json.dumps(top)
    sid = [t for t in top_gaps(res, k=100) if t["innovation_id"] == "A"]
    assert sid and all(isinstance(t["innovation_id"], str) for t in sid)


# ----------------------------------------------------------------------------- path
def test_path_to_next_one_pending_document(edge):
    _, res = edge
    assert res.iid == 60.0 and res.predicate == "Inovatif"
    p = path_to_next(res)
    assert p["method"] == "greedy" and "bertahap" in PATH_METHOD_NOTE  # the reader sees Indonesian
    assert p["reachable"] and p["target_predicate"] == "Sangat Inovatif" and p["target_iid"] == 60.01
    assert p["n_actions"] == 1
    act = p["actions"][0]  # several 12-point actions reach it; the cheapest is chosen
    assert (act["innovation_id"], act["indicator_id"], act["action"]) == ("P", "SID20", "validate_evidence")
    assert p["iid_after"] == 60.48 and p["predicate_after"] == "Sangat Inovatif"
    assert act["innovation_name"] == "Inovasi P" and act["opd_name"] == "Bappeda"
    assert act["action_label"] == ACTION_LABELS["validate_evidence"]
    s = path_sentence(p, res)
    assert "60,48" in s and "Sangat Inovatif" in s
    json.dumps(p)


def test_path_reaches_the_band_when_applied(edge):
    rv, res = edge
    # only documents: the one pending document; with raises only, still one action
    for actions in (None, DOCUMENT_ACTIONS, ("raise_level",)):
        p = path_to_next(res, actions=actions)
        assert p["reachable"]
        after = score(apply_changes(rv, p["actions"]), methodology=res.methodology)
        assert after.predicate == p["predicate_after"] == "Sangat Inovatif"
        assert after.iid == p["iid_after"]


def test_path_needs_several_actions_and_is_minimal():
    # as the edge case, but P's SID13 at level 0 and SID20 only level 1 pending, and a lower SPD:
    inns, ans, _ = _edge_answers()
    ans = [a for a in ans if not (a[0] == "P" and a[1] in ("SID13", "SID20"))]
    ans += [("P", "SID20", 1, "pending"), ("P", "SID05", 1, "pending"), ("P", "SID07", 1, "pending")]
    spd = [(i, lv, "valid") for i, lv, _ in FULL_SPD if i != "SPD01"] + [("SPD01", 2, "pending")]
    rv, res = build(inns, ans, spd)
    assert res.predicate == "Inovatif"
    p = path_to_next(res, actions=DOCUMENT_ACTIONS)
    g = best_per_answer(gaps(res), DOCUMENT_ACTIONS)
    need = (60.005 - 1e-9) / 100 * res.max_total - res.total
    k = p["n_actions"]
    if p["reachable"]:
        assert g["gain_total"].head(k).sum() >= need - 1e-9
        assert g["gain_total"].head(k - 1).sum() < need  # fewer actions cannot reach it
        after = score(apply_changes(rv, p["actions"]), methodology=res.methodology)
        assert after.predicate == "Sangat Inovatif" and after.iid == p["iid_after"]
    else:
        assert g["gain_total"].sum() < need
    p_all = path_to_next(res)
    assert p_all["reachable"] and p_all["n_actions"] >= 1


_INNOVATION = {"year": 2021, "opd_id": "DINKES", "name": "Inovasi baru", "stage": "penerapan",
               "initiator": "opd", "kind": "digital", "form": "pelayanan_publik",
               "implementation_date": "2020-03-01", "submitted_on": "2021-08-01", "previous_entries": 0,
               "design": PROFILE, "goal": PROFILE, "benefit": PROFILE, "result": PROFILE}


def _answer_rows(inn: str) -> list[dict]:
    return [{"innovation_id": inn, "indicator_id": i, "level": lv, "evidence": "dok.pdf",
             "evidence_status": st} for i, lv, st in FULL_SID]


def test_path_unreachable_and_top():
    rv, res = build([{"innovation_id": "A"}], full("A"), FULL_SPD)
    # SPD 63 + 111 / 10 + 0.38 = 74.48 → 29.79: even everything else cannot reach Inovatif
    assert res.predicate == "Kurang Inovatif"
    p = path_to_next(res, actions=ACTIONS)  # no new innovation
    assert not p["reachable"] and p["actions"] == [] and p["iid_max"] == res.iid
    assert "tambahan inovasi" in path_sentence(p, res)
    # with new innovations (median maturity 111) it is reachable: the divisor stays 10 below 10
    p = path_to_next(res)
    assert p["reachable"] and p["n_by_kind"]["innovation"] == p["n_actions"] > 0
    k = p["n_actions"]
    added = add_innovations(rv, [{"innovation_id": f"N{i}"} | _INNOVATION for i in range(k)],
                            [a for i in range(k) for a in _answer_rows(f"N{i}")])
    after = score(added, methodology=res.methodology)
    assert after.n == 1 + k and after.iid == p["iid_after"] and after.predicate == p["predicate_after"]
    docs = path_to_next(res, actions=DOCUMENT_ACTIONS)
    assert not docs["reachable"] and "kenaikan tingkat" in path_sentence(docs, res)
    rv, res = build([{"innovation_id": f"F{i}"} for i in range(10)],
                    [a for i in range(10) for a in full(f"F{i}")], FULL_SPD)
    assert res.predicate == "Sangat Inovatif"
    p = path_to_next(res)
    assert p["target_predicate"] is None and p["n_actions"] == 0 and "tertinggi" in path_sentence(p, res)


# ----------------------------------------------------------------------------- what-if
def test_apply_changes_copy_new_answer_and_spd(tiny):
    rv, res = tiny
    before_ii = rv.dataset.innovation_indicators.copy()
    new = apply_changes(rv, [
        {"innovation_id": "A", "indicator_id": "SID18", "level": 2, "evidence_status": "valid"},
        {"innovation_id": None, "indicator_id": "SPD06", "level": 1, "evidence_status": "valid"},
    ])
    pd.testing.assert_frame_equal(rv.dataset.innovation_indicators, before_ii)  # untouched
    after = score(new, methodology=res.methodology)
    # + SID18 2 × 3 = 6 → 0.6; + SPD06 1 × 1.5 = 1.5 → total 3.98 + 2.1 = 6.08 → 2.432
    assert after.total == pytest.approx(6.08) and after.iid == 2.43
    with pytest.raises(ValueError):
        apply_changes(rv, {"innovation_id": "A", "indicator_id": "SID99", "level": 1})
    with pytest.raises(ValueError):
        apply_changes(rv, {"innovation_id": "A", "indicator_id": "SID01", "level": 5})
    with pytest.raises(ValueError):
        apply_changes(rv, {"innovation_id": "NOPE", "indicator_id": "SID01", "level": 1})


def test_drop_and_add_innovations_and_compare(tiny):
    rv, res = tiny
    added = add_innovations(
        rv, [{"innovation_id": "N", "opd_id": "DISDIK", "name": "Inovasi baru", "stage": "penerapan",
              "initiator": "asn", "kind": "digital", "form": "tata_kelola",
              "implementation_date": "2020-06-01", "submitted_on": "2021-08-02", "previous_entries": 0,
              "design": PROFILE, "goal": PROFILE, "benefit": PROFILE, "result": PROFILE}],
        [{"innovation_id": "N", "indicator_id": "SID16", "level": 1, "evidence": "replikasi.pdf",
          "evidence_status": "valid"}],
    )
    res2 = score(added, methodology=res.methodology)
    # n 2, Σ SID 6 + 3 = 9 → 0.9, count 0.76: total 3 + 0.9 + 0.76 = 4.66 → 1.864 → 1.86
    assert res2.n == 2 and res2.total == pytest.approx(4.66) and res2.iid == 1.86
    cmp = compare_table(res, res2).set_index("measure")
    assert cmp.loc["n", "change"] == 1 and "N" in cmp.loc["n", "why"]
    assert cmp.loc["iid", "change"] == pytest.approx(0.27)
    assert cmp.loc["spd", "why"] == "tidak berubah"
    assert "inovasi baru dinilai: N" in cmp.loc["sid", "why"]
    assert cmp.loc["predicate", "why"] == "tetap"
    dropped = score(drop_innovations(added, ["A"]), methodology=res.methodology)
    # n 1, Σ 3 → 0.3, count 0.38: 3.68 → 1.472 → 1.47
    assert dropped.n == 1 and dropped.iid == 1.47


def test_compare_explains_predicate_and_spd(edge):
    rv, res = edge
    after = score(apply_changes(rv, [
        {"innovation_id": "P", "indicator_id": "SID20", "evidence_status": "valid"},
        {"innovation_id": None, "indicator_id": "SPD01", "level": 2},
    ]), methodology=res.methodology)
    cmp = compare_table(res, after).set_index("measure")
    assert cmp.loc["spd", "why"] == "SPD01 −1,00"
    assert "P" in cmp.loc["sid", "why"]
    assert cmp.loc["predicate", "why"] == "naik dari Inovatif ke Sangat Inovatif"
    assert cmp.loc["total", "change"] == pytest.approx(1.2 - 1.0)
    assert list(cmp.columns) == ["label", "before", "after", "change", "why"]
    num = compare(res, after).set_index("measure")  # the numbers, no words
    assert list(num.columns) == ["before", "after", "change"]
    assert num.loc["predicate", "change"] == "up" and num.loc["n", "change"] == 0
    assert num.loc["total", "change"] == cmp.loc["total", "change"]


# robustness: tests/test_robustness.py


# ----------------------------------------------------------------------------- leave-one-out
def test_leave_one_out_by_hand():
    rv, res = build([{"innovation_id": "A"}, {"innovation_id": "B", "opd_id": "BAPPEDA"}],
                    [("A", "SID01", 2, "valid")], [("SPD01", 3, "valid")])
    # with both: 3 + 6/10 + 0.76 = 4.36 → 1.744 → 1.74
    # without A: 3 + 0 + 0.38 = 3.38 → 1.35 (−0.39); without B: 3 + 0.6 + 0.38 = 3.98 → 1.59 (−0.15)
    assert res.iid == 1.74
    loo = leave_one_out(res, by="innovation")
    assert list(loo["id"]) == ["A", "B"]
    assert loo["iid_without"].tolist() == [1.35, 1.59]
    assert loo["delta"].tolist() == pytest.approx([-0.39, -0.15])
    by_opd = leave_one_out(res, by="opd").set_index("id")
    assert by_opd.loc["DINKES", "iid_without"] == 1.35 and by_opd.loc["BAPPEDA", "n_removed"] == 1
    for inn in ("A", "B"):
        dropped = score(drop_innovations(rv, [inn]), methodology=res.methodology)
        assert dropped.iid == loo.set_index("id").loc[inn, "iid_without"]
    with pytest.raises(ValueError):
        leave_one_out(res, by="kecamatan")


def test_leave_one_out_weak_innovation_lifts_when_n_above_ten():
    # 11 full + 1 empty: Σ 1221 / 12 = 101.75; without the empty one 1221 / 11 = 111 (+9.25)
    # but the count score falls by 0.38: +8.87 total = +3.548 IID
    inns = [{"innovation_id": f"F{i:02d}"} for i in range(11)] + [{"innovation_id": "Z"}]
    rv, res = build(inns, [a for i in range(11) for a in full(f"F{i:02d}")], FULL_SPD)
    loo = leave_one_out(res, by="innovation").set_index("id")
    dropped = score(drop_innovations(rv, ["Z"]), methodology=res.methodology)
    assert loo.loc["Z", "iid_without"] == dropped.iid
    assert loo.loc["Z", "delta"] == pytest.approx(dropped.iid - res.iid)
    assert loo.loc["Z", "delta"] > 3.5
    assert loo.index[-1] == "Z"  # sorted by delta: the carriers first, Z last


# ----------------------------------------------------------------------------- results.json
def test_results_fields(edge):
    _, res = edge
    r = robustness(res, draws=1000)
    out = whatif_fields(res, r)
    assert set(out) == {"predicate_probabilities", "top_gaps"}
    assert list(out["predicate_probabilities"]) == list(PREDICATES)
    assert sum(out["predicate_probabilities"].values()) == 1.0
    assert len(out["top_gaps"]) == 10
    json.dumps(out)
    fallback = whatif_fields(res, None)["predicate_probabilities"]
    assert fallback["Inovatif"] == 1.0 and sum(fallback.values()) == 1.0


def test_disclaimer_gain_includes_the_count_score():
    # nothing earns a point: total 0 (count score withheld), IID 0 → Tidak Dapat Dinilai.
    # One SPD03 raise (6 points) also brings back the count score 0.38: total 6.38 → 2.552 → 2.55.
    rv, res = build([{"innovation_id": "A"}], [], [])
    assert res.n == 1 and res.total == 0 and res.predicate == "Tidak Dapat Dinilai"
    g = gaps(res)
    spd02 = g[g["indicator_id"] == "SPD03"].iloc[0]
    assert spd02.gain_total == pytest.approx(6.38) and spd02.iid_after == 2.55
    after = score(apply_changes(rv, g[g["indicator_id"] == "SPD03"]), methodology=res.methodology)
    assert after.total == pytest.approx(6.38) and after.iid == 2.55
    p = path_to_next(res)
    # any one action reaches Kurang Inovatif; all are raises, so the smallest one is taken:
    # a weight-1 SID indicator, 3 points / 10 + 0.38 = 0.68 → 0.272 → 0.27
    assert p["n_actions"] == 1 and p["predicate_after"] == "Kurang Inovatif" and p["iid_after"] == 0.27
    after = score(apply_changes(rv, p["actions"]), methodology=res.methodology)
    assert after.iid == 0.27
    # Monte Carlo: accepting nothing keeps the disclaimer
    r = robustness(res, draws=200, accept_prob={}, weight_spread=0.25)
    assert (r.iids == 0).all() and r.predicate_probabilities["Tidak Dapat Dinilai"] == 1.0
