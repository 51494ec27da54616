"""The input window: entries per day by ``submitted_on`` and the key facts of the window."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover - typing only; keeps the import light
    from iid_analysis.methodology.model import Methodology
    from iid_analysis.review.model import Review

__all__ = ["PERIODS", "timeline", "timeline_summary"]

#: Periods of the input window used by :func:`timeline`: code → Indonesian label.
PERIODS: dict[str, str] = {
    "sebelum_dibuka": "Sebelum periode pengisian dibuka",
    "masa_input": "Periode pengisian",
    "perpanjangan": "Masa perpanjangan",
    "terlambat": "Setelah batas akhir",
}


def _submitted(review: Review) -> pd.Series:
    inn = review.innovations
    if "submitted_on" not in inn.columns:
        return pd.Series(pd.NaT, index=inn.index, dtype="datetime64[ns]")
    return pd.to_datetime(inn["submitted_on"], errors="coerce").dt.normalize()


def _window(m: Methodology) -> tuple[pd.Timestamp, pd.Timestamp, pd.Timestamp | None, pd.Timestamp]:
    ext = pd.Timestamp(m.input_extended_to) if m.input_extended_to else None
    return pd.Timestamp(m.input_opens), pd.Timestamp(m.input_closes), ext, pd.Timestamp(
        m.input_deadline
    )


def timeline(review: Review) -> pd.DataFrame:
    """Entries per day by ``submitted_on``, cumulative, for every day from the opening of the input
    window to the final deadline (extension included), widened to any dated entry outside it.

    Columns: date (datetime64), n_entries, cumulative, cumulative_share (of the entries with a
    date; NaN when none has one), period (code of :data:`PERIODS`), period_label. Entries without
    ``submitted_on`` are not on the timeline (see :func:`timeline_summary` ``n_without_date``).
    """
    opens, closes, ext, deadline = _window(review.methodology)
    dates = _submitted(review).dropna()
    start = min(opens, dates.min()) if len(dates) else opens
    end = max(deadline, dates.max()) if len(dates) else deadline
    days = pd.date_range(start, end, freq="D")
    n = dates.value_counts().reindex(days, fill_value=0).to_numpy(dtype="int64")
    cum = np.cumsum(n)
    total = int(cum[-1]) if len(cum) else 0
    period = np.where(
        days < opens,
        "sebelum_dibuka",
        np.where(days <= closes, "masa_input", np.where(days <= deadline, "perpanjangan", "terlambat")),
    )
    return pd.DataFrame(
        {
            "date": days.astype("datetime64[ns]"),
            "n_entries": n,
            "cumulative": cum.astype("int64"),
            "cumulative_share": cum / total if total else np.full(len(days), np.nan),
            "period": pd.array(period, dtype="string"),
            "period_label": pd.array([PERIODS[p] for p in period], dtype="string"),
        }
    )


def timeline_summary(review: Review) -> dict[str, Any]:
    """Key facts of the input window (dates as :class:`datetime.date`).

    Keys: opens, closes, extended_to (None without extension), deadline (the final deadline,
    extension included), n_entered, n_with_date, n_without_date, n_before_open (dated before the
    window opened), n_after_close (dated after the original closing day, up to the extended
    deadline: entries that came in thanks to the extension; 0 without one), n_late (after the final
    deadline), last_week_from, n_last_week, share_last_week.

    *Last week* is the 7 calendar days up to and including the final deadline (extension
    included): ``deadline - 6 days`` … ``deadline``. ``share_last_week`` = n_last_week / n_with_date
    (late entries stay in the denominator); None when no entry has a date.
    """
    m = review.methodology
    opens, closes, ext, deadline = _window(m)
    d = _submitted(review)
    dated = d.dropna()
    last_from = deadline - pd.Timedelta(days=6)
    n_with = len(dated)
    n_last = int(((dated >= last_from) & (dated <= deadline)).sum())
    return {
        "opens": m.input_opens,
        "closes": m.input_closes,
        "extended_to": m.input_extended_to,
        "deadline": m.input_deadline,
        "n_entered": len(d),
        "n_with_date": int(n_with),
        "n_without_date": int(len(d) - n_with),
        "n_before_open": int((dated < opens).sum()),
        "n_after_close": int(((dated > closes) & (dated <= deadline)).sum()) if ext is not None else 0,
        "n_late": int((dated > deadline).sum()),
        "last_week_from": last_from.date(),
        "n_last_week": n_last,
        "share_last_week": (n_last / n_with) if n_with else None,
    }

