"""The index: points per answer → maturity per innovation → SPD, SID, total, IID, predikat.

``score(review, methodology=None) -> IndexResult`` follows iid-reference §2 with every number taken
from the :class:`~iid_analysis.methodology.Methodology` (weights, divisor rule, count score, maximum,
evidence rule, bands)::

    points  = level × weight        when the evidence counts (evidence_rule "valid_only": status valid)
    SPD     = Σ points of the SPD indicators
    SID     = Σ points of the SID indicators over the scored innovations / divisor(n) + count_score(n)
              (count_score given only when the affair gate lets it through, from 2026)
    total   = SPD + SID;   IID = round_score(total / max_total × 100);   predikat = bands(IID)

Only the review's ``usable`` answers count; an indicator not answered counts as level 0.
``n`` is the number of innovations the review found ``eligible`` (their ids are unique), or every
reported innovation under the alternative ``n_rule="all_reported"``; ``divisor(n)`` is
``MAX(divisor_min, n)`` with the edition's minimum (10; 12 in 2026; 14 in 2027). The affair gate
(:mod:`~iid_analysis.scoring.affairs`) decides whether the count score is given.
Scoring with another edition's methodology (like-for-like) keeps the review's eligibility and
scores the same answers with that frame's indicators and weights; answers to indicators the frame
does not know are dropped and logged.

Everything is vectorised (index look-ups, ``bincount``, reshapes); there is no Python loop over
innovations or answers.

The steps, one module each: :mod:`~iid_analysis.scoring.grids` (which innovations are scored, the
SID and SPD answers as grids, with :mod:`~iid_analysis.scoring.evidence` deciding which levels
count), :mod:`~iid_analysis.scoring.totals` (the headline numbers, shared with the what-if code),
:mod:`~iid_analysis.scoring.tables` (points, innovations, OPD, breakdown) and
:mod:`~iid_analysis.scoring.result` (:class:`IndexResult`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from iid_analysis.methodology.model import Methodology
from iid_analysis.scoring.affairs import affair_gate
from iid_analysis.scoring.evidence import EVIDENCE_RULES, counts_under_rule
from iid_analysis.scoring.grids import scored_innovations, sid_grid, spd_grid
from iid_analysis.scoring.result import IndexResult
from iid_analysis.scoring.tables import breakdown_table, innovations_table, opd_table, points_table
from iid_analysis.scoring.totals import frame_terms, totals_from_points, totals_log

__all__ = ["score"]


def score(review, methodology: Methodology | None = None, *, n_rule: str | None = None) -> IndexResult:
    """Score a desk review: points, maturity, SPD, SID, total, IID and predikat (see module doc).

    ``methodology`` None → ``review.methodology``; another edition's methodology scores the same
    answers with that frame (eligibility stays the review's; answers are matched by code — to
    match another edition's frame by indicator identity use
    :func:`~iid_analysis.scoring.frames.score_under`).

    ``n_rule`` (:data:`~iid_analysis.scoring.grids.N_RULES`): ``"eligible"`` puts the scored
    innovations in ``n``; ``"all_reported"`` (the documented alternative ``n_all_reported``) puts
    every reported innovation in ``n`` and in the divisor, the rejected ones scoring 0. None (the
    default) follows the methodology (``Methodology.n_all_reported``, False unless the alternative
    is applied).

    The steps, each logged: which innovations are scored (``n``), their SID answers on an
    n × k grid, the SPD answers, the affair gate, the totals, then the tables."""
    meth = methodology if methodology is not None else review.methodology
    if n_rule is None:
        n_rule = "all_reported" if meth.n_all_reported else "eligible"
    year = int(review.year)
    rule = meth.evidence_rule
    counted = counts_under_rule(rule)
    log: list[dict] = [
        {
            "step": "frame", "data_year": year, "methodology_year": int(meth.year),
            "variant": meth.variant, "file": Path(meth.path).name if meth.path else "",
            "like_for_like": bool(meth.year != year or meth.variant),
            "n_spd_indicators": len(meth.indicators_of("SPD")),
            "n_sid_indicators": len(meth.indicators_of("SID")),
            "message": f"Data edisi {year} dinilai dengan metodologi {meth.year}"
                       + (f" ({meth.variant})" if meth.variant else ""),
        },
        {
            "step": "evidence", "evidence_rule": rule, "counted_statuses": list(EVIDENCE_RULES[rule]),
            "message": "Tingkat yang diklaim dihitung hanya bila status bukti: "
                       + ", ".join(EVIDENCE_RULES[rule]),
        },
    ]
    sid_inds = meth.indicators_of("SID")
    spd_inds = meth.indicators_of("SPD")
    sid_w = np.array([i.weight for i in sid_inds], dtype="float64")
    spd_w = np.array([i.weight for i in spd_inds], dtype="float64")
    k = len(sid_inds)

    sel = scored_innovations(review.innovations)
    log.append(sel.log_entry(meth, n_rule))
    sid, claimed_u = sid_grid(review.answers, sel, sid_inds, sid_w, counted, log)
    spd = spd_grid(review.region_answers, spd_inds, counted, log)
    scored_ids = sel.inn_ids.to_numpy(dtype=object, na_value=None)[sel.scored_rows]
    gate = affair_gate(review.innovations, sel.scored_rows, scored_ids, meth)
    log.append(gate.log_entry(len(meth.basic_affairs)))

    # ------------------------------------------------------------ totals
    n_scored = sel.n
    n = sel.n_of(n_rule)  # in the divisor and the count score
    sid_pts = sid.level * np.tile(sid_w, n_scored) * sid.counted
    spd_pts = spd.level * spd_w * spd.counted
    maturity = sid_pts.reshape(n_scored, k).sum(axis=1) if k else np.zeros(n_scored)
    div_a, cs_a = frame_terms(meth, n, gate.n_covered)
    divisor, count_score = int(div_a), float(cs_a)
    gated = not gate.open and meth.count_score(n) > 0
    one_more = None
    if gate.required > 0 and gate.n_covered < len(meth.basic_affairs):
        one_more = float(frame_terms(meth, n + 1, gate.n_covered + 1)[1])
    tot = totals_from_points(spd_pts.sum(), maturity.sum(), divisor, count_score, meth.max_total)
    iid = float(tot["iid"])
    pred = meth.predicate(iid)
    nb = meth.next_band(pred)
    next_pred = nb.predicate if nb else None
    dist = float(round(nb.low - iid, 2)) if nb else None
    log.extend(totals_log(meth, tot, n, divisor, count_score, pred, next_pred, dist, gated))

    points = points_table(review.innovations, sel, scored_ids, sid_inds, spd_inds, sid_w, spd_w, sid, spd,
                          sid_pts, spd_pts)
    innovations, mat_rows = innovations_table(review.innovations, sel, maturity, claimed_u, meth)
    opd = opd_table(review, review.innovations, sel.eligible, sel.scored, mat_rows, float(tot["sid_sum"]),
                    year)
    sid_col_pts = sid_pts.reshape(n_scored, k).sum(axis=0) if n_scored else np.zeros(k)
    breakdown = breakdown_table(meth, sid_inds, spd_inds, sid_col_pts, spd_pts, divisor, count_score)
    return IndexResult(
        year=year, methodology=meth, review=review, points=points, innovations=innovations, opd=opd,
        breakdown=breakdown, spd=float(tot["spd"]), sid_sum=float(tot["sid_sum"]), divisor=divisor,
        sid_avg=float(tot["sid_avg"]), count_score=float(tot["count_score"]), sid=float(tot["sid"]), n=int(n),
        total=float(tot["total"]), max_total=float(meth.max_total), iid=iid, predicate=pred,
        next_predicate=next_pred, distance_to_next=dist, log=log,
        n_rule=n_rule, n_scored=int(n_scored), n_reported=int(sel.n_reported),
        affair_coverage=gate.table, n_basic_covered=gate.n_covered, count_score_gated=bool(gated),
        count_score_if_one_more=one_more,
    )
