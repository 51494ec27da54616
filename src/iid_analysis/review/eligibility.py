"""Eligibility for the edition: the implementation date against the edition's window and input
deadline (or, where the edition lets development count, the development date), the trial date,
the stage (counted or not), re-entries (``max_previous_entries``; an empty ``previous_entries``
is counted from the earlier editions of the data), and the submission date against the input
window (extension included).

:func:`date_and_stage_rules` adds the findings and returns the flags the decision rests on
(:class:`Eligibility`). Dates show as ``12 Maret 2021`` in Indonesian texts and as ISO dates in
English ones, each distinct date formatted once.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from iid_analysis.io.schema import ROW
from iid_analysis.methodology.model import Methodology
from iid_analysis.review.distinct import as_text, map_values
from iid_analysis.review.events import Events
from iid_analysis.review.rules import STAGE_TEXT, emit
from iid_analysis.review.tables import problem_rows
from iid_analysis.text import fmt


class Eligibility(NamedTuple):
    """Per innovation of the edition: the eligibility rules the decision rests on."""

    in_window: np.ndarray
    counted: np.ndarray
    reentry_ok: np.ndarray
    on_time: np.ndarray


def date_texts(s: pd.Series) -> pd.Series:
    """Vectorised :func:`~iid_analysis.text.fmt.date` (formats each distinct date once)."""
    codes, uniques = pd.factorize(s)
    texts = np.array([fmt.date(u) for u in uniques] + [""], dtype=object)
    return pd.Series(texts[codes], index=s.index, dtype="string")


def iso_dates(s: pd.Series) -> pd.Series:
    """``s.dt.strftime("%Y-%m-%d")`` as ``string`` (each distinct date formatted once)."""
    codes, uniques = pd.factorize(s)
    texts = pd.Series(uniques).dt.strftime("%Y-%m-%d").to_numpy(dtype=object, na_value=pd.NA)
    return pd.Series(np.append(texts, pd.NA)[codes], index=s.index, dtype="string")


def date_and_stage_rules(ev: Events, inv: pd.DataFrame, m: Methodology, year: int,
                         problems: pd.DataFrame,
                         earlier: pd.Series | None = None) -> tuple[Eligibility, pd.Series]:
    """Dates against the window and the input deadline, stage, re-entries, submission date.
    ``earlier``: per innovation, the earlier editions of the data with its id (used where
    ``previous_entries`` is empty). Returns the flags and the previous entries used."""
    n = len(inv)
    start, end = pd.Timestamp(m.eligible_from), pd.Timestamp(m.eligible_to)
    deadline, opens = pd.Timestamp(m.input_deadline), pd.Timestamp(m.input_opens)
    impl = inv["implementation_date"].dt.normalize()
    trial = inv["trial_date"].dt.normalize()
    subm = inv["submitted_on"].dt.normalize()
    stage = inv["stage"]
    window_txt = f"{fmt.date(m.eligible_from)}–{fmt.date(m.eligible_to)}"
    deadline_txt = fmt.date(m.input_deadline)
    impl_txt, trial_txt, subm_txt = date_texts(impl), date_texts(trial), date_texts(subm)
    impl_iso, trial_iso, subm_iso = iso_dates(impl), iso_dates(trial), iso_dates(subm)
    impl_known = impl.notna().to_numpy(bool)
    in_window = (impl_known & (impl >= start).fillna(False) & (impl <= end).fillna(False)).to_numpy(
        bool
    )
    dev = inv["development_date"].dt.normalize()
    dev_before = (dev < impl).fillna(False).to_numpy(bool)
    by_development = np.zeros(n, bool)
    if m.development_counts:
        dev_in = ((dev >= start) & (dev <= end)).fillna(False).to_numpy(bool)
        early_impl = impl_known & (impl < start).fillna(False).to_numpy(bool)
        by_development = early_impl & dev_in & ~dev_before
        in_window = in_window | by_development
    impl_future = impl_known & (impl > deadline).fillna(False).to_numpy(bool)
    counted = stage.isin(list(m.counted_stages)).fillna(False).to_numpy(bool)
    stage_known = stage.notna().to_numpy(bool)
    given = inv["previous_entries"]
    prev = given if earlier is None else given.fillna(earlier)
    max_prev = m.max_previous_entries
    reentry_ok = (
        np.ones(n, bool)
        if max_prev is None
        else (prev.fillna(0) <= max_prev).fillna(True).to_numpy(bool)
    )
    late = (subm > deadline).fillna(False).to_numpy(bool)
    early = (subm < opens).fillna(False).to_numpy(bool)
    on_time = ~late
    is_penerapan = (stage == "penerapan").fillna(False).to_numpy(bool)
    impl_problem = (
        inv[ROW].isin(problem_rows(problems, "innovations", "implementation_date")).to_numpy(bool)
    )

    # the implementation date
    impl_values = {"date": impl_txt, "date_iso": impl_iso, "year": year}
    window_iso = f"{m.eligible_from}–{m.eligible_to}"
    emit(ev, inv, impl_known & ~in_window & ~impl_future, "innovations", "outside_window",
         value=impl_txt, window=window_txt, window_iso=window_iso, **impl_values)
    dev_txt, dev_iso = date_texts(dev), iso_dates(dev)
    emit(ev, inv, by_development, "innovations", "developed_in_window", value=dev_txt,
         window=window_txt, window_iso=window_iso, developed=dev_txt, developed_iso=dev_iso,
         **impl_values)
    emit(ev, inv, dev_before, "innovations", "development_before_implementation", value=dev_txt,
         developed=dev_txt, developed_iso=dev_iso, implemented=impl_txt, implemented_iso=impl_iso)
    emit(ev, inv, impl_future, "innovations", "implementation_after_deadline", value=impl_txt,
         deadline=deadline_txt, deadline_iso=m.input_deadline, **impl_values)
    emit(ev, inv, is_penerapan & ~impl_known & ~impl_problem, "innovations",
         "implementation_date_missing")
    trial_after = (trial > impl).fillna(False).to_numpy(bool)
    emit(ev, inv, trial_after, "innovations", "trial_after_implementation", value=trial_txt,
         trial=trial_txt, trial_iso=trial_iso, implemented=impl_txt, implemented_iso=impl_iso)

    # the stage and re-entries
    stage_txt = as_text(map_values(stage, STAGE_TEXT))
    emit(ev, inv, stage_known & ~counted, "innovations", "stage_not_counted", value=stage_txt,
         stage=stage_txt, stage_code=as_text(stage), year=year,
         counted=", ".join(STAGE_TEXT.get(s, s) for s in m.counted_stages),
         counted_codes=", ".join(m.counted_stages))
    if max_prev is not None:
        prev_txt = as_text(prev)
        emit(ev, inv, ~reentry_ok, "innovations", "reentry_limit", value=prev_txt,
             entries=prev_txt, limit=max_prev, year=year)
    if earlier is not None:
        counted_here = (given.isna() & (earlier > 0)).fillna(False).to_numpy(bool)
        emit(ev, inv, counted_here, "innovations", "reentry_counted", value=as_text(earlier),
             entries=as_text(earlier))
    neg = (given < 0).fillna(False).to_numpy(bool)
    emit(ev, inv, neg, "innovations", "range", value=as_text(given))

    # the submission date
    subm_values = {"date": subm_txt, "date_iso": subm_iso}
    emit(ev, inv, late, "innovations", "submitted_late", value=subm_txt,
         deadline=deadline_txt, deadline_iso=m.input_deadline, **subm_values)
    emit(ev, inv, early, "innovations", "submitted_early", value=subm_txt,
         opens=fmt.date(m.input_opens), opens_iso=m.input_opens, **subm_values)
    return Eligibility(in_window, counted, reentry_ok, on_time), prev
