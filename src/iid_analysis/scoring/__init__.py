"""Scoring: points, maturity, SPD, SID, IID and predikat of a desk review.

``score(review, methodology=None) -> IndexResult`` (:mod:`~iid_analysis.scoring.compute`); the
steps live in ``grids`` / ``evidence`` (answers to graded cells), ``affairs`` (the basic-service
affair gate on the count score), ``totals`` (headline numbers), ``tables`` (points, innovations,
OPD, breakdown) and ``result`` (:class:`IndexResult`). ``score_under(review, frame)``
(:mod:`~iid_analysis.scoring.frames`) rescores an edition under another edition's frame, matching
indicators by key (like for like).
"""

from iid_analysis.scoring.compute import score
from iid_analysis.scoring.frames import latest_frame_year, score_under
from iid_analysis.scoring.result import IndexResult

__all__ = ["IndexResult", "latest_frame_year", "score", "score_under"]
