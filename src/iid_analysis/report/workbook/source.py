"""The tables the workbook shows, read from the analysis (``a.units``: profile, entries, actions,
ranking, deadline), the coaching map's group labels, the date of the data and whether the data are
synthetic. Nothing is computed here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from iid_analysis.analyses.agenda import data_date
from iid_analysis.report.chrome import region_label, synthetic_notice
from iid_analysis.report.sources import is_synthetic, region_name


@dataclass(frozen=True)
class UnitTables:
    profile: pd.DataFrame  # opd_id, name, n_entered, …, coaching_group, coaching_action, bimtek
    entries: pd.DataFrame  # opd_id, innovation_id, name, stage_label, decision, decision_label, reasons
    actions: pd.DataFrame  # opd_id, innovation_id, innovation_name, indicator_id, indicator_name, …
    ranking: pd.DataFrame  # opd_id, name, contribution, rank, rank_low, rank_high, mean_maturity, …
    deadline: dt.date | None
    group_labels: dict[str, str]


def deadline_of(a: Any) -> dt.date | None:
    """The edition's input deadline: ``a.units.deadline``, else the methodology's input window
    close (with its extension)."""
    units = getattr(a, "units", None)
    if units is not None and getattr(units, "deadline", None) is not None:
        return units.deadline
    m = a.methodology
    return m.input_extended_to or m.input_closes


def unit_tables(a: Any) -> UnitTables:
    """The unit tables of ``a`` (which must carry ``a.units``)."""
    cmap = a.coaching.map
    labels = dict(zip(cmap["group"].astype(str), cmap["group_label"].astype(str), strict=True))
    u = a.units
    if u is None:
        raise ValueError("the analysis has no unit tables (a.units): build it with analysis.analyse")
    return UnitTables(u.profile, u.entries, u.actions, u.ranking, deadline_of(a), labels)


def data_date_of(a: Any) -> dt.date | None:
    """The date of the data (the latest submission, else the input close), as the memo says it."""
    review = getattr(a, "review", None)
    if review is None or getattr(review, "innovations", None) is None:
        return None
    return data_date(review.innovations, a.methodology)


def print_notice(a: Any) -> str:
    """The notice printed at the top of every page of every sheet: "Data sintetis — bukan data
    resmi <region>" when the data are synthetic, else ""."""
    return synthetic_notice(region_name(a)) if is_synthetic(a) else ""


def synthetic_line(a: Any) -> str:
    """The sentence on "Petunjuk" and "Ringkasan" when the data are synthetic, else ""."""
    if not is_synthetic(a):
        return ""
    return (f"Data sintetis: angka di buku kerja ini dibuat untuk contoh, bukan data resmi "
            f"{region_label(region_name(a))}.")
