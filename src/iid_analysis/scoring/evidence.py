"""Evidence: which statuses exist, which count under a rule, why an answer earns no points, and
the answers of one aspect turned into graded cells (level, status, answer row, counted, reason).

An answer's claimed level counts only when its evidence status is one the methodology's evidence
rule accepts (``valid_only``: status ``valid``). Every cell also carries the reason it earns no
points, as a code into :data:`REASONS` (0 = points counted).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from iid_analysis.methodology.model import MethodologyError
from iid_analysis.scoring.columns import as_bool, levels_of

__all__ = [
    "EVIDENCE_RULES",
    "EVIDENCE_STATUSES",
    "MISSING",
    "REASONS",
    "Grid",
    "counts_under_rule",
    "first_answers",
    "grid_cells",
    "status_codes",
]

#: Evidence status codes; the position is the code used in the grids.
EVIDENCE_STATUSES: tuple[str, ...] = ("valid", "invalid", "pending", "missing")
MISSING = EVIDENCE_STATUSES.index("missing")

#: Evidence rules a methodology may name → the statuses whose claimed level counts.
EVIDENCE_RULES: dict[str, tuple[str, ...]] = {
    "valid_only": ("valid",),
    "valid_or_pending": ("valid", "pending"),  # what-if: every pending document is accepted
    "claimed": EVIDENCE_STATUSES,  # what-if: every claim counts, evidence ignored
}

#: Why an answer earns no points (Indonesian), by reason code; code 0 = points counted.
REASONS: tuple[str, ...] = (
    "",
    "bukti tidak valid",
    "bukti belum diverifikasi",
    "bukti tidak ada",
    "tidak diklaim",
    "tidak dijawab",
)
_R_COUNTED, _R_INVALID, _R_PENDING, _R_MISSING, _R_NOT_CLAIMED, _R_NOT_ANSWERED = range(6)
_STATUS_REASON = np.array([_R_COUNTED, _R_INVALID, _R_PENDING, _R_MISSING], dtype=np.int8)


def counts_under_rule(rule: str) -> np.ndarray:
    """Per status code (position in :data:`EVIDENCE_STATUSES`): does its claimed level count under
    ``rule``? An unknown rule is a :class:`MethodologyError`."""
    if rule not in EVIDENCE_RULES:
        raise MethodologyError(
            f"aturan bukti tidak dikenal {rule!r} (dikenal: {', '.join(EVIDENCE_RULES)}) "
            f"/ unknown evidence rule"
        )
    return np.isin(np.array(EVIDENCE_STATUSES), EVIDENCE_RULES[rule])


def status_codes(s: pd.Series) -> np.ndarray:
    """Evidence statuses → codes; anything unknown or empty counts as ``missing``."""
    codes = pd.Index(EVIDENCE_STATUSES).get_indexer(s.astype("string"))
    codes[codes < 0] = MISSING
    return codes.astype(np.int8)


class Grid(NamedTuple):
    """One cell per (innovation, indicator) — or per indicator for SPD — from the first usable answer."""

    level: np.ndarray
    status: np.ndarray  # position in EVIDENCE_STATUSES
    row: np.ndarray  # the answer's row in the input (−1: no answer)
    counted: np.ndarray  # the level counts (evidence rule)
    reason: np.ndarray  # position in REASONS


def first_answers(ans: pd.DataFrame, pos: np.ndarray):
    """Pick, for each target slot ``pos`` (−1 = not scored here), the first usable answer.

    Returns (slots, level, status code, answer row) for the chosen answers."""
    usable = as_bool(ans["usable"]) if "usable" in ans.columns else np.ones(len(ans), dtype=bool)
    level = levels_of(ans["level"])
    keep = usable & (pos >= 0) & np.isfinite(level) & (level >= 0) & (level <= 3)
    idx = np.flatnonzero(keep)
    slots = pos[idx]
    first = ~pd.Series(slots).duplicated().to_numpy()  # first answer per slot, input order
    slots, idx = slots[first], idx[first]
    status = status_codes(ans["evidence_status"].iloc[idx]) if len(idx) else np.zeros(0, np.int8)
    rows = ans["_row"].iloc[idx].to_numpy(dtype="float64", na_value=np.nan) if "_row" in ans.columns \
        else np.full(len(idx), np.nan)
    return slots, np.floor(level[idx]), status, rows


def grid_cells(size: int, slots, level, status, rows, counted_by_status) -> Grid:
    """``size`` cells filled from the chosen answers; the rest not answered (level 0, missing)."""
    lv = np.zeros(size, dtype="float64")
    st = np.full(size, MISSING, dtype=np.int8)
    ar = np.full(size, np.nan)
    answered = np.zeros(size, dtype=bool)
    lv[slots], st[slots], ar[slots], answered[slots] = level, status, rows, True
    counted = counted_by_status[st] & answered
    reason = np.where(counted, _R_COUNTED, _STATUS_REASON[st]).astype(np.int8)
    reason[lv == 0] = _R_NOT_CLAIMED
    reason[~answered] = _R_NOT_ANSWERED
    return Grid(lv, st, ar, counted, reason)
