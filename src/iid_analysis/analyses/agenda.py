"""Where an edition stands in the IGA calendar, as of the date of its data (never today's date).

* :func:`data_date`: the latest ``submitted_on`` of the edition's entries; without any dated entry,
  the close of the input period — deterministic, whatever day the report is run.
* :func:`input_closed`: whether the input period had closed on that date (the deadline, the
  extension included, reached).
* :func:`stages_ahead`: the input deadline (while open) and the IGA stages of the methodology
  (``[stages]``) that end on or after that date, each with its period, precision and status.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from iid_analysis.methodology.model import Methodology

__all__ = ["data_date", "deadline_status", "input_closed", "stages_ahead"]


def data_date(innovations: pd.DataFrame, methodology: Methodology) -> dt.date:
    """The date of the data: the latest submission of the edition's entries, else the input close."""
    col = innovations["submitted_on"] if "submitted_on" in innovations.columns else pd.Series(dtype=object)
    dates = pd.to_datetime(col, errors="coerce").dropna()
    return dates.max().date() if len(dates) else methodology.input_closes


def input_closed(methodology: Methodology, as_of: dt.date) -> bool:
    """True when the input deadline (with the extension) had been reached on ``as_of``."""
    return as_of >= methodology.input_deadline


def deadline_status(methodology: Methodology) -> str:
    """The status (official / reported / assumed) of the edition's input deadline."""
    key = "input_window.extended_to" if methodology.input_extended_to else "input_window.closes"
    return next((n.status for n in methodology.numbers if n.key == key), "assumed")


def stages_ahead(methodology: Methodology, as_of: dt.date) -> list[dict]:
    """The steps still ahead on ``as_of``: the input deadline while open, then every IGA stage
    ending on or after ``as_of``. Each: key, label, start, end, precision, status, source."""
    out: list[dict] = []
    if not input_closed(methodology, as_of):
        deadline = methodology.input_deadline
        out.append({"key": "input", "label": "Batas akhir pengisian data inovasi", "start": deadline,
                    "end": deadline, "precision": "day", "status": deadline_status(methodology),
                    "source": ""})
    for s in methodology.stages:
        if s.end >= as_of:
            out.append({"key": s.key, "label": s.label, "start": s.start, "end": s.end,
                        "precision": s.precision, "status": s.status, "source": s.source})
    return out
