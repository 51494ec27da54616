"""The innovation's profile: the narratives (rancang bangun, tujuan, manfaat, hasil), the optional
fields the edition asks for, and the location coordinates.

* each narrative empty, a placeholder (:data:`~iid_analysis.review.placeholders.PLACEHOLDERS`: "Belum
  diisi", "-", "Terlampir." …, reported as empty, never as "too short"), or shorter than
  :data:`~iid_analysis.review.rules.MIN_PROFILE_WORDS` words is a gap to complete;
* the rancang bangun shorter than the edition's ``min_design_words`` (300 from 2026) is a gap
  (``design_short``), never an exclusion;
* a column of the edition's ``profile_fields_asked`` left empty is a gap; ``development_date``
  is asked only of innovations applied before the window (only they need it);
* a latitude or longitude outside Indonesia is a gap (an unreadable one is the loader's ``type``
  finding).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iid_analysis.io import schema
from iid_analysis.methodology.model import Methodology
from iid_analysis.review.distinct import as_text, factorize, is_blank
from iid_analysis.review.events import Events
from iid_analysis.review.placeholders import placeholders
from iid_analysis.review.rules import COORDINATE_RANGE, MIN_PROFILE_WORDS, emit
from iid_analysis.review.tables import column_label


def word_counts(texts: pd.Series, cap: int) -> pd.Series:
    """Words per text (runs of non-space characters, counted up to ``cap``), per distinct text;
    0 for an empty text or a placeholder."""
    codes, uniq = factorize(texts.astype("string"))
    empty = placeholders(uniq)
    per_text = np.array(
        [0 if e else len(v.split(None, cap)) for v, e in zip(uniq, empty, strict=True)] + [0],
        dtype="int64",
    ).clip(max=cap)
    return pd.Series(per_text[codes], index=texts.index)  # missing (−1) → 0


def profile_rules(ev: Events, inv: pd.DataFrame, m: Methodology | None = None,
                  year: int | None = None) -> None:
    """Profile texts (design, goal, benefit, result): empty or too short; the design against the
    edition's minimum; the fields the edition asks for; coordinates."""
    min_design = int(getattr(m, "min_design_words", 0) or 0) if m is not None else 0
    year = year if year is not None else (m.year if m is not None else "")
    for c in schema.PROFILE_COLUMNS:
        label = column_label("innovations", c)
        floor = min_design if c == "design" and min_design > MIN_PROFILE_WORDS else 0
        cap = max(MIN_PROFILE_WORDS, floor, 1)
        words = word_counts(inv[c], cap)
        empty = (words == 0).to_numpy(bool)
        short = ((words > 0) & (words < MIN_PROFILE_WORDS)).to_numpy(bool)
        emit(ev, inv, empty, "innovations", "profile_empty", column=c, label=label,
             min_words=max(MIN_PROFILE_WORDS, floor), value=inv[c])
        if floor:
            below = ((words > 0) & (words < floor)).to_numpy(bool)
            emit(ev, inv, below, "innovations", "design_short", value=as_text(words),
                 words=words, min_words=floor, year=year)
        else:
            emit(ev, inv, short, "innovations", "profile_short", column=c, value=inv[c],
                 label=label, words=words, min_words=MIN_PROFILE_WORDS)
    if m is not None:
        asked_fields(ev, inv, m, year)
    coordinate_rules(ev, inv)


def asked_fields(ev: Events, inv: pd.DataFrame, m: Methodology, year) -> None:
    """``profile_field_missing``: a column of ``m.profile_fields_asked`` left empty (or holding only
    a placeholder)."""
    known = {c.name for c in schema.COLUMNS["innovations"]}
    start = pd.Timestamp(m.eligible_from)
    for c in getattr(m, "profile_fields_asked", ()) or ():
        if c not in known or c not in inv.columns:
            continue
        empty = is_blank(inv[c]).to_numpy(bool).copy()
        if pd.api.types.is_string_dtype(inv[c].dtype) or inv[c].dtype == object:
            empty |= word_counts(inv[c], 1).to_numpy() == 0  # a placeholder counts as empty
        if c == "development_date":  # asked only of innovations applied before the window
            empty &= (inv["implementation_date"] < start).fillna(False).to_numpy(bool)
        label = column_label("innovations", c)
        emit(ev, inv, empty, "innovations", "profile_field_missing", column=c, label=label,
             year=year)


def coordinate_rules(ev: Events, inv: pd.DataFrame) -> None:
    """``coordinate_range``: a latitude or longitude outside Indonesia."""
    for c, (low, high) in COORDINATE_RANGE.items():
        if c not in inv.columns:
            continue
        v = pd.to_numeric(inv[c], errors="coerce").astype("Float64")
        out = ((v < low) | (v > high)).fillna(False).to_numpy(bool)
        emit(ev, inv, out, "innovations", "coordinate_range", column=c, value=as_text(v),
             number=as_text(v), label=column_label("innovations", c), low=_deg(low), high=_deg(high))


def _deg(x: float) -> str:
    return f"{x:g}"
