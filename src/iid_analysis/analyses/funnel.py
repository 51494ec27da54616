"""The desk-review funnel: how many innovations pass each step, for the city and per OPD.

One definition of each step, used by the pages, ``results.json`` and the workbook. Every step is a
subset of the one before (the funnel never widens):

1. ``entered`` — every row of ``review.innovations`` (broken and duplicated ones included), so the
   city's funnel starts at ``Review.counts()["n_submitted"]`` (results.json ``n_submitted``);
2. ``stage_counted`` — at a stage the index counts (*penerapan*): innovations still at *inisiatif*
   or *uji coba* have no implementation date, so they leave here, not at the period step;
3. ``in_window`` — and applied (or, where the edition lets development count, developed) within
   the edition's assessment period;
4. ``eligible`` — and every eligibility rule (re-entries, on time, a unique id and a known OPD):
   ``review.innovations["eligible"]`` (results.json ``n_eligible``);
5. ``scored`` — and scored by the index: the eligible rows the score keeps (the first row of each
   id), ``IndexResult.n_scored`` (results.json ``n_innovations`` under the default rule).

The desk decision (*lanjut*: evidence complete, *lengkapi*: to be completed) is not a step: it
splits the scored innovations and is given as a note on the last step (column ``note``, counts in
:func:`decision_split`). The step labels (:data:`FUNNEL_STEPS`) are the row labels of the funnel
table and of ``results.json``. ``share_of_entered`` is rounded once here (a share with three
decimals, i.e. a percentage with one), so the figure and the table print the same number.
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
    sort_by_opd,
)
from iid_analysis.text import fmt

if TYPE_CHECKING:  # pragma: no cover - typing only; keeps the import light
    from iid_analysis.review.model import Review
    from iid_analysis.scoring.result import IndexResult

__all__ = ["FUNNEL_STEPS", "SHARE_DECIMALS", "decision_split", "funnel", "funnel_by_opd",
           "step_flags"]

#: Funnel steps, in order: code → Indonesian label. Each step is a subset of the one before.
FUNNEL_STEPS: dict[str, str] = {
    "entered": "Dimasukkan OPD",
    "stage_counted": "Pada tahapan yang dinilai (penerapan)",
    "in_window": "Diterapkan dalam periode penilaian",
    "eligible": "Memenuhi semua syarat",
    "scored": "Dinilai dalam indeks",
}

#: ``share_of_entered`` is rounded to this many decimals (one decimal as a percentage).
SHARE_DECIMALS = 3


def step_flags(review: Review, result: IndexResult | None = None) -> pd.DataFrame:
    """One row per review innovation: opd_id, a cumulative boolean per funnel step and ``lanjut``
    (eligible and the desk decision is *lanjut*; not a step). ``scored`` only when ``result`` is
    given: the rows the score keeps (eligible, the first row of each id)."""
    inn = review.innovations
    stage = flag(inn, "stage_counted")
    in_window = stage & flag(inn, "in_window")
    eligible = in_window & flag(inn, "eligible")
    decision = clean_text(inn["decision"]) if "decision" in inn.columns else pd.Series("", index=inn.index)
    out = pd.DataFrame(
        {
            "opd_id": opd_ids(inn),
            "entered": pd.Series(True, index=inn.index, dtype=bool),
            "stage_counted": stage,
            "in_window": in_window,
            "eligible": eligible,
            "lanjut": eligible & (decision == "lanjut"),
        },
        index=inn.index,
    )
    if result is not None:
        out["scored"] = eligible & _scored_rows(inn, result)
    return out


def _scored_rows(inn: pd.DataFrame, result: IndexResult) -> pd.Series:
    """Rows of the review the result scored: its innovations' ``scored`` flag by row (``_row``)
    when it has one, else the first eligible row of each id."""
    scored = result.innovations
    if {"_row", "scored"} <= set(scored.columns) and "_row" in inn.columns:
        rows = set(scored.loc[scored["scored"].astype(bool), "_row"].tolist())
        return inn["_row"].isin(rows)
    ids = clean_text(inn["innovation_id"]) if "innovation_id" in inn.columns else pd.Series("", index=inn.index)
    return (ids != "") & ~ids.where(flag(inn, "eligible")).duplicated() & flag(inn, "eligible")


def decision_split(review: Review, result: IndexResult | None = None) -> dict[str, int]:
    """The desk decision among the last step (scored, else eligible): ``lanjut`` (evidence
    complete) and ``lengkapi`` (the rest: to be completed before the deadline)."""
    flags = step_flags(review, result)
    last = flags["scored"] if "scored" in flags.columns else flags["eligible"]
    n_lanjut = int((last & flags["lanjut"]).sum())
    return {"lanjut": n_lanjut, "lengkapi": int(last.sum()) - n_lanjut}


def funnel(review: Review, result: IndexResult | None = None) -> pd.DataFrame:
    """The city's funnel for the edition (the steps of :data:`FUNNEL_STEPS`; ``scored`` only when
    ``result`` is given). Each count is at most the one before.

    Columns: step (code), label (Indonesian), count (int), share_of_entered (float rounded to
    :data:`SHARE_DECIMALS`, NaN when nothing was entered), drop_from_previous (int ≥ 0; 0 for the
    first step), note (the desk decision on the last step, "" elsewhere).
    """
    flags = step_flags(review, result)
    steps = [s for s in FUNNEL_STEPS if s in flags.columns]
    frame = _funnel_frame({s: int(flags[s].sum()) for s in steps})
    if len(frame):
        frame.loc[len(frame) - 1, "note"] = _decision_note(decision_split(review, result))
    return frame


def _decision_note(split: dict[str, int]) -> str:
    """The desk decision among the last step, in words."""
    if not split["lanjut"] and not split["lengkapi"]:
        return ""
    return (f"Keputusan telaah meja: {fmt.integer(split['lanjut'])} lanjut (bukti dukung lengkap), "
            f"{fmt.integer(split['lengkapi'])} lengkapi (bukti dukung belum lengkap)")


def _funnel_frame(counts: dict[str, int]) -> pd.DataFrame:
    steps = [s for s in FUNNEL_STEPS if s in counts]
    values = np.array([counts[s] for s in steps], dtype="int64")
    entered = values[0] if len(values) else 0
    drop = np.concatenate([[0], values[:-1] - values[1:]]) if len(values) else values
    share = np.round(values / entered, SHARE_DECIMALS) if entered else np.full(len(values), np.nan)
    return pd.DataFrame(
        {
            "step": pd.array(steps, dtype="string"),
            "label": pd.array([FUNNEL_STEPS[s] for s in steps], dtype="string"),
            "count": values,
            "share_of_entered": share.astype("float64"),
            "drop_from_previous": drop.astype("int64"),
            "note": pd.array([""] * len(steps), dtype="string"),
        }
    )


def funnel_by_opd(review: Review, result: IndexResult | None = None) -> pd.DataFrame:
    """The funnel per OPD, wide: opd_id, name, active, then one count column per step.

    Rows: every OPD active in the edition, plus any unit that entered something without being an
    active, known OPD (``active`` False; entries with no OPD code under ``opd_id`` "" and the name
    "(tanpa kode OPD)"), so the columns add up to :func:`funnel`'s counts (``scored`` when the
    result's innovations carry the same OPD codes). Sorted by name, then opd_id.
    """
    flags = step_flags(review, result)
    steps = [s for s in FUNNEL_STEPS if s in flags.columns]
    per = flags.groupby("opd_id", sort=True)[steps].sum().astype("int64")
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

