"""Frames by identity: an edition's answers rescored under another edition's frame, indicator by
indicator KEY (``Indicator.key``), never by code (iid-reference §8).

Editions number their SPD items differently: 2021's SPD08 may be another edition's SPD09, and the
weight belongs to the indicator, not to its code (Opini BPK weighs 1.5 in every edition, whatever
its code). :func:`score_under` therefore rewrites each answer's edition code to the frame's code of
the same key, then scores with the frame's weights, maxima, divisor, affair gate and bands; the
eligibility stays the review's. An answer whose indicator the frame does not know is dropped (and
logged, as ``<edition>:<code>``); an indicator the frame has and the edition lacks scores 0 and is
listed in ``IndexResult.frame_missing``.

:func:`latest_frame_year` picks the default frame of the like-for-like comparison: the latest
edition in the data that has a methodology file.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from iid_analysis.methodology.loader import available_years
from iid_analysis.methodology.model import Methodology
from iid_analysis.review.model import Deferred, Review
from iid_analysis.scoring.compute import score
from iid_analysis.scoring.result import IndexResult

__all__ = ["code_map", "latest_frame_year", "score_under"]


def code_map(edition: Methodology, frame: Methodology) -> tuple[dict[str, str], tuple[str, ...]]:
    """Edition code → frame code for every indicator whose key both have; and the frame's codes
    whose key the edition lacks (frame order)."""
    frame_code = {i.key: i.id for i in frame.indicators}
    own_keys = {i.key for i in edition.indicators}
    mapping = {i.id: frame_code[i.key] for i in edition.indicators if i.key in frame_code}
    missing = tuple(i.id for i in frame.indicators if i.key not in own_keys)
    return mapping, missing


def _recoded(answers: pd.DataFrame, mapping: dict[str, str], year: int) -> pd.DataFrame:
    """``answers`` with ``indicator_id`` in the frame's codes; codes without a match become
    ``<year>:<code>`` so that they can never meet a frame code by accident."""
    if not len(answers):
        return answers
    codes = answers["indicator_id"].astype("string")
    new = codes.map(mapping, na_action="ignore").astype("string")
    new = new.fillna(str(year) + ":" + codes)
    return answers.assign(indicator_id=new)


def score_under(review: Review, frame: Methodology, *, n_rule: str | None = None) -> IndexResult:
    """The review's answers scored under ``frame`` (another edition's methodology), matched by
    indicator key. With the review's own methodology this is :func:`score` itself."""
    own = review.methodology
    mapping, missing = code_map(own, frame)
    year = int(review.year)
    recoded = Review(
        year=review.year, methodology=own, dataset=review.dataset, innovations=review.innovations,
        answers=_recoded(review.answers, mapping, year),
        region_answers=_recoded(review.region_answers, mapping, year),
        findings=Deferred(lambda: review.findings),
    )
    result = score(recoded, methodology=frame, n_rule=n_rule)
    renamed = {a: b for a, b in mapping.items() if a != b}
    result.log.insert(1, {
        "step": "frame_keys", "frame_year": int(frame.year), "edition_year": int(own.year),
        "renamed": renamed, "frame_missing": list(missing),
        "message": (f"Jawaban edisi {year} dicocokkan dengan kerangka {frame.year} menurut identitas "
                    f"indikator ({len(renamed)} kode berbeda)")
                   + (f"; tidak ada di edisi {year} (bernilai 0): {', '.join(missing)}" if missing else ""),
    })
    result.frame_missing = missing
    return result


def latest_frame_year(years: Iterable[int], default: int | None = None) -> int | None:
    """The latest of ``years`` (the editions in the data) that has a methodology file; ``default``
    when none has."""
    have = set(available_years())
    found = [int(y) for y in years if int(y) in have]
    return max(found) if found else default
