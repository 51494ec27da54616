"""Totals: from points to the headline numbers (SPD, SID, total, IID) and the log of that step.

:func:`totals_from_points` is the one place the arithmetic of iid-reference §2–§3 is written:
:func:`~iid_analysis.scoring.compute.score` uses it, and so does the what-if and Monte Carlo code
(``analyses/gaps.py``, ``analyses/robustness.py``) with arrays of variants, so both paths agree by construction.
:func:`frame_terms` gives the methodology's divisor and count score (the affair gate applied) for
arrays of ``n`` and of covered basic-service affairs.
"""

from __future__ import annotations

import numpy as np

from iid_analysis.methodology.model import Methodology, round_scores
from iid_analysis.scoring.affairs import gate_open

__all__ = ["frame_terms", "totals_from_points", "totals_log"]


def totals_from_points(spd_points, sid_sum, divisor, count_score, max_total) -> dict[str, np.ndarray]:
    """Headline numbers from points; every argument is a scalar or an array (broadcast together).

    Returns float64 arrays ``spd``, ``sid_sum``, ``divisor``, ``sid_avg``, ``count_score``, ``sid``,
    ``total``, ``max_total``, ``ratio`` (total / max_total × 100, unrounded) and ``iid`` (rounded
    half up to two decimals, as published).

    Disclaimer rule (iid-reference §3: *Tidak Dapat Dinilai* when nothing is reported **or nothing
    is valid*): when no SPD and no SID answer earns a point, the total is 0 — the count score of
    innovations whose every claim is unproven does not make a region assessable."""
    spd, sid_sum, divisor, count_score, max_total = np.broadcast_arrays(
        *(np.asarray(x, dtype="float64") for x in (spd_points, sid_sum, divisor, count_score, max_total))
    )
    nothing_valid = (spd <= 0) & (sid_sum <= 0)
    count_score = np.where(nothing_valid, 0.0, count_score)
    sid_avg = sid_sum / divisor
    sid = sid_avg + count_score
    total = spd + sid
    ratio = total / max_total * 100.0
    return {
        "spd": spd, "sid_sum": sid_sum, "divisor": divisor, "sid_avg": sid_avg,
        "count_score": count_score, "sid": sid, "total": total, "max_total": max_total,
        "ratio": ratio, "iid": round_scores(ratio),
    }


def frame_terms(methodology: Methodology, n, n_covered) -> tuple[np.ndarray, np.ndarray]:
    """``divisor(n)`` and the count score of the methodology for arrays (or scalars) of ``n`` and
    of the number of basic-service affairs covered (broadcast together).

    The count score is ``count_score(n)`` when the affair gate lets it through
    (:func:`~iid_analysis.scoring.affairs.gate_open`: no gate, or at least
    ``basic_affairs_required`` affairs covered), else 0."""
    n, cov = np.broadcast_arrays(np.asarray(n, dtype="int64"), np.asarray(n_covered, dtype="int64"))
    uniq, inv = np.unique(n, return_inverse=True)
    div = np.array([methodology.divisor(int(x)) for x in uniq], dtype="float64")
    cs = np.array([methodology.count_score(int(x)) for x in uniq], dtype="float64")
    cs = np.where(gate_open(methodology, cov), cs[inv].reshape(n.shape), 0.0)
    return div[inv].reshape(n.shape), cs


def totals_log(meth: Methodology, tot, n: int, divisor, count_score, pred: str, next_pred, dist,
               gated: bool = False) -> list[dict]:
    """The log entries of SPD, divisor, count score, SID, total, IID and predikat (``gated``: the
    affair gate withheld the count score)."""
    return [
        {"step": "spd", "value": float(tot["spd"]), "max": meth.max_spd,
         "rule": "SPD = Σ poin SPD (tingkat × bobot bila bukti dihitung)",
         "message": f"SPD = {float(tot['spd']):.2f}"},
        {"step": "divisor", "rule": "divisor = max(divisor_min, n)", "divisor_min": meth.divisor_min,
         "n": n, "value": int(divisor), "message": f"Pembagi SID = max({meth.divisor_min}, {n}) = {divisor}"},
        {"step": "count_score", "rule": "count_score = per_innovation × min(n, cap), bila syarat cakupan urusan terpenuhi",
         "per_innovation": meth.count_score_per_innovation, "cap": meth.count_score_cap, "n": n,
         "gated": bool(gated), "value": float(count_score),
         "message": f"Skor jumlah inovasi = {count_score:.2f}"
                    + (" (syarat cakupan urusan pelayanan dasar tidak terpenuhi)" if gated else "")},
        {"step": "sid", "sid_sum": float(tot["sid_sum"]), "divisor": int(divisor),
         "sid_avg": float(tot["sid_avg"]), "count_score": float(count_score), "value": float(tot["sid"]),
         "rule": "SID = Σ poin SID / divisor + count_score",
         "message": f"SID = {float(tot['sid_sum']):.2f} / {divisor} + {count_score:.2f} = {float(tot['sid']):.2f}"},
        {"step": "total", "value": float(tot["total"]), "max_total": float(meth.max_total),
         "message": f"Total = {float(tot['total']):.4f} dari {meth.max_total:g}"},
        {"step": "iid", "unrounded": float(tot["ratio"]), "value": float(tot["iid"]),
         "rule": "IID = round_score(total / max_total × 100), dua desimal, setengah ke atas",
         "message": f"IID = {float(tot['iid']):.2f}"},
        {"step": "predicate", "value": pred, "bands": [[b.predicate, b.low, b.high] for b in meth.bands],
         "next_predicate": next_pred, "distance_to_next": dist,
         "message": f"Predikat {pred}" + (f"; {dist:.2f} poin menuju {next_pred}" if next_pred else "")},
    ]
