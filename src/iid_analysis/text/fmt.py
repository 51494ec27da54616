"""Indonesian formatting of numbers, dates, money and counts (Babel), for reports and messages.

Every function returns "" for a missing value (None, NaN, NaT), so callers can leave a sentence
out instead of printing a blank, ``nan`` or ``None``.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import cache

import pandas as pd
from babel.dates import get_month_names
from babel.numbers import format_currency, format_decimal, format_percent

LOCALE = "id_ID"


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def num(value: object, decimals: int = 2) -> str:
    """``50.42`` → ``"50,42"``; ``1234567`` (decimals=0) → ``"1.234.567"``."""
    if is_missing(value):
        return ""
    x = float(value)
    if not math.isfinite(x):
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(round(x, decimals) + 0.0, format=pattern, locale=LOCALE)


def integer(value: object) -> str:
    return num(value, 0)


def pct(value: object, decimals: int = 1) -> str:
    """A share in 0..1 → ``"36,5%"``."""
    if is_missing(value):
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + "%"
    return format_percent(float(value), format=pattern, locale=LOCALE).replace("\xa0", "")


@cache
def _month_names() -> tuple[str, ...]:
    """The Indonesian month names (format context, wide) from Babel's CLDR data."""
    names = get_month_names("wide", "format", locale=LOCALE)
    return tuple(names[i] for i in range(1, 13))


def date(value: object) -> str:
    """``2021-08-13`` (date, Timestamp or ISO text) → ``"13 Agustus 2021"``; missing → ``""``.

    Babel's pattern ``d MMMM y`` for Indonesian: day and year unpadded, the month's full name from
    Babel. The layout is built here — the same text as :func:`babel.dates.format_date` (a test
    compares them), far faster for the thousands of dates of a desk review. A value that is not a
    date is shown as it is."""
    if is_missing(value):
        return ""
    try:
        if isinstance(value, dt.datetime):  # pd.Timestamp included
            value = value.date()
        elif isinstance(value, str):
            value = dt.date.fromisoformat(value.strip()[:10])
        elif not isinstance(value, dt.date):
            value = pd.Timestamp(value).date()
        return f"{value.day} {_month_names()[value.month - 1]} {value.year}"
    except (ValueError, TypeError, OverflowError):
        return str(value)


def rupiah(value: object) -> str:
    """``1234567.5`` → ``"Rp1.234.568"``."""
    if is_missing(value):
        return ""
    return format_currency(round(float(value)), "IDR", format="¤#,##0", locale=LOCALE,
                           currency_digits=False).replace("\xa0", "")


def count(n: object, noun: str) -> str:
    """``count(1, "inovasi")`` → ``"1 inovasi"``; Indonesian nouns do not inflect, but a count of
    zero reads better as ``"tidak ada inovasi"``."""
    if is_missing(n):
        return ""
    n = int(n)
    return f"tidak ada {noun}" if n == 0 else f"{integer(n)} {noun}"


def points(value: object) -> str:
    """IID points with sign for changes: ``+2,15`` / ``−1,30`` / ``0,00``."""
    if is_missing(value):
        return ""
    x = float(value)
    s = num(abs(x))
    return f"+{s}" if x > 0 else (f"−{s}" if x < 0 else s)
