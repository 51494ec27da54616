"""Scoring: points, maturity, SPD, SID, IID and predikat of a desk review.

``score(review, methodology=None) -> IndexResult`` (:mod:`~iid_analysis.scoring.compute`); the
steps live in ``grids`` / ``evidence`` (answers to graded cells), ``totals`` (headline numbers),
``tables`` (points, innovations, OPD, breakdown) and ``result`` (:class:`IndexResult`).
"""

from iid_analysis.scoring.compute import score
from iid_analysis.scoring.result import IndexResult

__all__ = ["IndexResult", "score"]
