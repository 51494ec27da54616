"""Typing one column of text cells: text, whole numbers, decimal numbers, dates, enumerations
and yes/no values.

Each column is typed per distinct value (:class:`~iid_analysis.io.raw.Factored`) and taken back
by the codes. Values that cannot be read become ``<NA>``/``NaT`` and are described per distinct
value (:class:`Unread`): the rule (``type``, ``date``, ``enum``), the expected form and the
messages. Decimal numbers take a point or a comma (``-6,8886``); yes/no cells take
:data:`~iid_analysis.io.schema.BOOLS`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from iid_analysis.io import schema
from iid_analysis.io.raw import Factored
from iid_analysis.io.schema import Column

#: The date forms accepted, as told to a person.
DATE_FORMS = "2021-08-13, 13/08/2021, 13 Agustus 2021, atau tanggal Excel"
DATE_FORMS_EN = "2021-08-13, 13/08/2021, 13 Agustus 2021, or an Excel date"

#: Month names (Indonesian, English, common abbreviations), lower case → month number.
MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    (
        ("januari", "january", "jan"),
        ("februari", "pebruari", "february", "feb", "peb"),
        ("maret", "march", "mar", "mrt"),
        ("april", "apr"),
        ("mei", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("agustus", "august", "agu", "agt", "ags", "agust", "agus", "aug"),
        ("september", "sep", "sept", "spt"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nopember", "nov", "nop"),
        ("desember", "december", "des", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _num


@dataclass
class Unread:
    """Cells of one column that could not be read, described per distinct value."""

    rule: str
    expected: str
    bad_u: np.ndarray  # bool per distinct value
    message_u: np.ndarray  # object per distinct value (None where not bad)
    message_en_u: np.ndarray


_GUARDED = ("=", "+", "-", "@")


def text_values(u: pd.Series) -> pd.Series:
    """Stripped text → ``string`` with <NA> for empty, formula guard undone (a leading
    apostrophe before ``= + - @`` is dropped; nothing else changes)."""
    out = [
        pd.NA if v == "" else v[1:] if v[:1] == "'" and v[1:2] in _GUARDED else v
        for v in u.astype("string").to_numpy(dtype=object, na_value="")
    ]
    return pd.Series(pd.array(out, dtype="string"), index=u.index)


def _messages(u: pd.Series, bad_u: np.ndarray, template: str) -> np.ndarray:
    """One message per distinct value (None where the value was read); ``{v}`` is the value."""
    out = np.full(len(u), None, dtype=object)
    for i in np.flatnonzero(bad_u):
        out[i] = template.format(v=u.iloc[i])
    return out


def type_column(col: Column, f: Factored) -> tuple[object, Unread | None, pd.Series]:
    """Typed values (one per row), what could not be read, and the typed distinct values
    (one per ``f.uniques``; the values are ``typed[f.codes]``)."""
    u = f.uniques
    blank_u = u.eq("").to_numpy(dtype=bool)
    label = col.label
    if blank_u.all():  # an absent or empty column: nothing to read
        n = len(f)
        if col.kind == "date":
            empty = pd.Series(np.full(len(u), np.datetime64("NaT"), dtype="datetime64[ns]"))
            return np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"), None, empty
        dtype = {"int": "Int64", "year": "Int64", "level": "Int64", "number": "Float64",
                 "bool": "boolean"}.get(col.kind, "string")
        return pd.array([pd.NA] * n, dtype=dtype), None, pd.Series([pd.NA] * len(u), dtype=dtype)
    if col.kind == "text":
        typed_u = text_values(u)
        return typed_u.array.take(f.codes), None, typed_u
    if col.kind in ("int", "year", "level"):
        typed_u = _parse_ints(u)
        bad_u = typed_u.isna().to_numpy(dtype=bool) & ~blank_u
        expected = {
            "year": "tahun empat angka, mis. 2021",
            "level": "bilangan bulat 0, 1, 2 atau 3",
        }.get(col.kind, "bilangan bulat, mis. 0, 1, 2")
        return typed_u.array.take(f.codes), Unread(
            "type", expected, bad_u,
            _messages(u, bad_u, label + ": '{v}' bukan bilangan bulat (" + expected + ")"),
            _messages(u, bad_u, col.name + ": '{v}' is not a whole number"),
        ), typed_u
    if col.kind == "number":
        typed_u = _parse_floats(u)
        bad_u = typed_u.isna().to_numpy(dtype=bool) & ~blank_u
        expected = "bilangan desimal, mis. -6.8886"
        return typed_u.array.take(f.codes), Unread(
            "type", expected, bad_u,
            _messages(u, bad_u, label + ": '{v}' bukan bilangan (" + expected + ")"),
            _messages(u, bad_u, col.name + ": '{v}' is not a number"),
        ), typed_u
    if col.kind == "bool":
        typed_u = pd.Series(
            [None if b else schema.BOOLS.get(schema.norm_token(v)) for v, b in zip(u, blank_u, strict=True)],
            dtype="boolean",
        )
        bad_u = typed_u.isna().to_numpy(dtype=bool) & ~blank_u
        expected = "ya atau tidak (true/false, 1/0)"
        return typed_u.array.take(f.codes), Unread(
            "type", expected, bad_u,
            _messages(u, bad_u, label + ": '{v}' bukan ya/tidak"),
            _messages(u, bad_u, col.name + ": '{v}' is not yes/no"),
        ), typed_u
    if col.kind == "date":
        typed_u, shaped_u = _parse_dates(u)
        bad_u = typed_u.isna().to_numpy(dtype=bool) & ~blank_u
        impossible = bad_u & shaped_u
        unknown = bad_u & ~shaped_u
        msg = _messages(u, impossible, label + ": tanggal '{v}' tidak mungkin (tidak ada di kalender)")
        msg_u = _messages(u, unknown, label + ": '{v}' bukan tanggal yang dikenali")
        msg_en = _messages(u, impossible, col.name + ": date '{v}' is impossible")
        msg_en_u = _messages(u, unknown, col.name + ": '{v}' is not a recognised date")
        msg[unknown] = msg_u[unknown]
        msg_en[unknown] = msg_en_u[unknown]
        values = typed_u.to_numpy(dtype="datetime64[ns]")[f.codes]
        return values, Unread("date", "tanggal: " + DATE_FORMS, bad_u, msg, msg_en), typed_u
    if col.kind == "enum":
        mapping = schema.enum_map(col.enum)
        typed_u = pd.Series(
            [None if b else mapping.get(schema.norm_token(v)) for v, b in zip(u, blank_u, strict=True)],
            dtype="string",
        )
        bad_u = typed_u.isna().to_numpy(dtype=bool) & ~blank_u
        allowed = _enum_allowed(col.enum)
        codes = ", ".join(schema.ENUMS[col.enum])
        return typed_u.array.take(f.codes), Unread(
            "enum", allowed, bad_u,
            _messages(u, bad_u, label + ": nilai '{v}' tidak dikenal; pilih salah satu: "
                      + allowed.replace("{", "{{").replace("}", "}}")),
            _messages(u, bad_u, col.name + ": unknown value '{v}'; allowed: " + codes),
        ), typed_u
    raise ValueError(f"unknown column kind {col.kind!r}")  # pragma: no cover - schema is fixed


def _enum_allowed(enum: str) -> str:
    return ", ".join(f"{label} ({code})" for code, label in schema.ENUMS[enum].items())


_INT_RE = r"[+-]?\d{1,15}(?:[.,]0*)?"


def _parse_ints(u: pd.Series) -> pd.Series:
    """Distinct stripped texts → Int64 (<NA> when not a whole number)."""
    ok = u.str.fullmatch(_INT_RE).fillna(False)
    digits = u.where(ok).str.extract(r"^([+-]?\d+)", expand=False)
    return pd.to_numeric(digits, errors="coerce").astype("Int64")


_FLOAT_RE = r"[+-]?(?:\d{1,15}(?:[.,]\d{0,15})?|[.,]\d{1,15})"


def _parse_floats(u: pd.Series) -> pd.Series:
    """Distinct stripped texts → Float64 (<NA> when not a plain decimal number; a comma may be
    the decimal mark; a Unicode minus sign is read as a minus)."""
    t = u.str.replace("\u2212", "-", regex=False)
    ok = t.str.fullmatch(_FLOAT_RE).fillna(False)
    num = pd.to_numeric(t.where(ok).str.replace(",", ".", regex=False), errors="coerce")
    return pd.Series(pd.array(num.astype("float64"), dtype="Float64"), index=u.index)


def _number(text: object) -> float:
    """A run of digits as ``pandas.to_numeric`` reads it (NaN when it cannot)."""
    if isinstance(text, int):
        return text
    if text.isascii():
        return int(text)
    return float(pd.to_numeric(pd.Series([text], dtype=object), errors="coerce").iloc[0])


_ISO_RE = r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
_DMY_RE = r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"
_NAMED_RE = r"^(?:[A-Za-z]+,?\s+)?(\d{1,2})[\s\-/.]*([A-Za-z]+)\.?[\s\-/.,]*(\d{4})$"
_SERIAL_RE = r"\d{5}(?:\.\d+)?"  # Excel serial day numbers 10000..99999 (1927..2173)


def _parse_dates(u: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Distinct stripped texts → (datetime64[ns] at midnight or NaT, 'looked like a date' flag).

    One pass over the distinct texts with the compiled forms (ISO, day/month/year, named month),
    first form that fits wins; then Excel serial day numbers."""
    n = len(u)
    if n == 0:
        return pd.Series([], dtype="datetime64[ns]"), pd.Series(False, index=u.index)
    iso, dmy, named_re = (re.compile(p) for p in (_ISO_RE, _DMY_RE, _NAMED_RE))
    days = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    shaped_a = np.zeros(n, dtype=bool)
    for i, v in enumerate(u.to_numpy(dtype=object, na_value="")):
        m = iso.search(v)
        if m:
            y, mo, d = m.group(1), m.group(2), m.group(3)
        elif m := dmy.search(v):
            y, mo, d = m.group(3), m.group(2), m.group(1)
        elif (m := named_re.search(v)) and m.group(2).lower() in MONTHS:
            y, mo, d = m.group(3), MONTHS[m.group(2).lower()], m.group(1)
        else:
            continue
        shaped_a[i] = True
        year, month, day = _number(y), _number(mo), _number(d)
        if 1900 <= year <= 2200 and 1 <= month <= 12 and 1 <= day <= 31:
            try:
                days[i] = dt.date(int(year), int(month), int(day))
            except ValueError:  # not in the calendar (31/02)
                pass
    out = pd.Series(days.astype("datetime64[ns]"), index=u.index)
    shaped = pd.Series(shaped_a, index=u.index)

    serial = u.str.fullmatch(_SERIAL_RE).fillna(False) & ~shaped
    if serial.any():
        days = pd.to_numeric(u.where(serial), errors="coerce")
        from_serial = (pd.Timestamp("1899-12-30") + pd.to_timedelta(days.fillna(0).round(6), unit="D")).dt.normalize()
        out = out.mask(serial, from_serial.astype("datetime64[ns]"))
        shaped = shaped | serial
    return out.reset_index(drop=True), shaped.reset_index(drop=True)
