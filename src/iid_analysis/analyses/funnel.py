"""The desk-review funnel: how many innovations pass each step, for the city and per OPD.

"Entered" counts rows of ``review.innovations`` (every row of the edition, broken and duplicated
ones included), so the city's funnel starts at ``Review.counts()["n_submitted"]``. The step labels
(:data:`FUNNEL_STEPS`) are the row labels of the funnel table and of ``results.json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from iid_analysis.analyses.units import (
    NO_OPD_LABEL,
    clean_text,
    fallback_names,
    flag,
    opd_ids,
    opd_table,
    scored_maturity,
    sort_by_opd,
)

if TYPE_CHECKING:  # pragma: no cover - typing only; keeps the import light
    from iid_analysis.review.model import Review
    from iid_analysis.scoring.result import IndexResult

__all__ = ["FUNNEL_STEPS", "funnel", "funnel_by_opd", "step_flags"]

#: Funnel steps, in order: code → Indonesian label. Each step is a subset of the one before,
#: except ``scored`` (see :func:`funnel`).
FUNNEL_STEPS: dict[str, str] = {
    "entered": "Diinput OPD",
    "in_window": "Diterapkan dalam periode penilaian",
    "stage_counted": "Tahapan dihitung",
    "eligible": "Memenuhi syarat",
    "lanjut": "Bukti lengkap (lanjut)",
    "scored": "Dinilai dalam indeks",
}


def step_flags(review: Review) -> pd.DataFrame:
    """One row per review innovation: opd_id and a cumulative boolean per funnel step (no scored)."""
    inn = review.innovations
    in_window = flag(inn, "in_window")
    stage = in_window & flag(inn, "stage_counted")
    eligible = stage & flag(inn, "eligible")
    decision = clean_text(inn["decision"]) if "decision" in inn.columns else pd.Series("", index=inn.index)
    lanjut = eligible & (decision == "lanjut")
    return pd.DataFrame(
        {
            "opd_id": opd_ids(inn),
            "entered": pd.Series(True, index=inn.index, dtype=bool),
            "in_window": in_window,
            "stage_counted": stage,
            "eligible": eligible,
            "lanjut": lanjut,
        },
        index=inn.index,
    )


def funnel(review: Review, result: IndexResult | None = None) -> pd.DataFrame:
    """The city's funnel for the edition.

    Steps (cumulative): ``entered`` (rows of the edition) → ``in_window`` (implementation date in the
    methodology's window) → ``stage_counted`` (and a stage the index counts) → ``eligible`` (every
    eligibility rule) → ``lanjut`` (eligible and the desk decision is *lanjut*: evidence complete)
    → ``scored`` (``result.n``; only when ``result`` is given).

    ``scored`` is what the index counts. The index scores every eligible innovation, those still
    to be completed (*lengkapi*) too, with unproven claims at 0 points — so ``scored`` can exceed
    ``lanjut`` and its ``drop_from_previous`` is then negative.

    Columns: step (code), label (Indonesian), count (int), share_of_entered (float, NaN when nothing
    was entered), drop_from_previous (int; 0 for the first step).
    """
    flags = step_flags(review)
    counts = {step: int(flags[step].sum()) for step in list(FUNNEL_STEPS)[:-1]}
    if result is not None:
        counts["scored"] = int(result.n)
    return _funnel_frame(counts)


def _funnel_frame(counts: dict[str, int]) -> pd.DataFrame:
    steps = [s for s in FUNNEL_STEPS if s in counts]
    values = np.array([counts[s] for s in steps], dtype="int64")
    entered = values[0] if len(values) else 0
    drop = np.concatenate([[0], values[:-1] - values[1:]]) if len(values) else values
    share = values / entered if entered else np.full(len(values), np.nan)
    return pd.DataFrame(
        {
            "step": pd.array(steps, dtype="string"),
            "label": pd.array([FUNNEL_STEPS[s] for s in steps], dtype="string"),
            "count": values,
            "share_of_entered": share.astype("float64"),
            "drop_from_previous": drop.astype("int64"),
        }
    )


def funnel_by_opd(review: Review, result: IndexResult | None = None) -> pd.DataFrame:
    """The funnel per OPD, wide: opd_id, name, active, then one count column per step.

    Rows: every OPD active in the edition, plus any unit that entered something without being an
    active, known OPD (``active`` False; entries with no OPD code under ``opd_id`` "" and the name
    "(tanpa kode OPD)"), so the columns add up to :func:`funnel`'s counts (``scored`` when the
    result's innovations carry the same OPD codes). Sorted by name, then opd_id.
    """
    flags = step_flags(review)
    steps = list(FUNNEL_STEPS)[:-1]
    per = flags.groupby("opd_id", sort=True)[steps].sum().astype("int64")
    if result is not None:
        sm = scored_maturity(result)
        per["scored"] = sm.groupby("opd_id").size().reindex(per.index, fill_value=0).astype("int64")
        steps = [*steps, "scored"]
    opd = opd_table(review)
    active_ids = list(opd.loc[opd["active"], "opd_id"])
    is_active = set(active_ids)
    ids = active_ids + [i for i in per.index if i not in is_active]
    names = dict(zip(opd["opd_id"], opd["name"], strict=True))
    fallback = fallback_names(review)
    out = pd.DataFrame(
        {
            "opd_id": pd.array(ids, dtype="string"),
            "name": pd.array(
                [names.get(i) or fallback.get(i) or (i or NO_OPD_LABEL) for i in ids], dtype="string"
            ),
            "active": np.array([i in is_active for i in ids], dtype=bool),
        }
    )
    counts = per.reindex(ids, fill_value=0)
    for s in steps:
        out[s] = counts[s].to_numpy(dtype="int64")
    return sort_by_opd(out)

