"""Indonesian formatting of numbers, dates, money and counts (Babel), for reports and messages.

Every function returns "" for a missing value (None, NaN, NaT), so callers can leave a sentence
out instead of printing a blank, ``nan`` or ``None``.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from babel.dates import format_date
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


def date(value: object) -> str:
    """``2021-08-13`` → ``"13 Agustus 2021"``."""
    if is_missing(value):
        return ""
    if isinstance(value, pd.Timestamp):
        value = value.date()
    elif isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    elif isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, format="d MMMM y", locale=LOCALE)


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
