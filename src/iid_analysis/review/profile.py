"""The innovation's profile (rancang bangun, tujuan, manfaat, hasil): each text empty, or shorter
than :data:`~iid_analysis.review.rules.MIN_PROFILE_WORDS` words, is a gap to complete."""

from __future__ import annotations

import numpy as np
import pandas as pd

from iid_analysis.io import schema
from iid_analysis.review.distinct import factorize
from iid_analysis.review.events import Events
from iid_analysis.review.rules import MIN_PROFILE_WORDS, emit
from iid_analysis.review.tables import column_label


def profile_rules(ev: Events, inv: pd.DataFrame) -> None:
    """Profile texts (design, goal, benefit, result): empty or too short."""
    for c in schema.PROFILE_COLUMNS:
        label = column_label("innovations", c)
        # words = runs of non-space characters (as r"\S+" counts them), per distinct text;
        # counted up to MIN_PROFILE_WORDS only (all that decides and is shown)
        cap = max(MIN_PROFILE_WORDS, 1)
        codes, texts = factorize(inv[c].astype("string"))
        per_text = np.array([len(v.split(None, cap)) for v in texts] + [0], dtype="int64")
        per_text = per_text.clip(max=cap)
        words = pd.Series(per_text[codes], index=inv.index)  # missing (−1) → 0
        empty = (words == 0).to_numpy(bool)
        short = ((words > 0) & (words < MIN_PROFILE_WORDS)).to_numpy(bool)
        emit(ev, inv, empty, "innovations", "profile_empty", column=c, label=label,
             min_words=MIN_PROFILE_WORDS)
        emit(ev, inv, short, "innovations", "profile_short", column=c, value=inv[c], label=label,
             words=words, min_words=MIN_PROFILE_WORDS)
