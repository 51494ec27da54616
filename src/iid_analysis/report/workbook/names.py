"""Sheet names: the fixed ones, and one per unit from its short name.

A sheet name is at most 31 characters, unique (Excel compares them case-insensitively), holds none
of ``/ \\ ? * [ ] :``, does not start or end with an apostrophe, and is not ``History``
(reserved by Excel). Two units whose names shorten alike get `` (2)``, `` (3)`` … within the limit.
"""

from __future__ import annotations

import re

import pandas as pd

GUIDE_SHEET = "Petunjuk"
SUMMARY_SHEET = "Ringkasan"
RANKING_SHEET = "Peringkat OPD"
NO_OPD_SHEET = "Tanpa Kode OPD"
MAX_SHEET_NAME = 31
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_RESERVED = {"history"}
#: Leading words dropped from a unit's name for its sheet (nothing is expanded).
_PREFIXES = ("Dinas ", "Badan ")


def short_name(name: object) -> str:
    """``"Dinas Kesehatan"`` → ``"Kesehatan"``; other names unchanged (trimmed)."""
    s = "" if name is None or (not isinstance(name, str) and pd.isna(name)) else str(name).strip()
    for p in _PREFIXES:
        if s.lower().startswith(p.lower()) and len(s) > len(p):
            return s[len(p):].strip()
    return s


def _cut(s: str, limit: int) -> str:
    """``s`` in at most ``limit`` characters, cut at a word boundary when one is not too far back
    (never ending on "dan", a comma or an apostrophe)."""
    if len(s) <= limit:
        return s
    head = s[:limit]
    if s[limit] != " ":
        space = head.rfind(" ")
        if space >= limit // 2:
            head = head[:space]
    head = head.rstrip(" ,;-–'")
    if head.lower().endswith(" dan"):
        head = head[:-4].rstrip(" ,;-–'")
    return head


def sheet_name(base: object, taken: set[str]) -> str:
    """A valid, unique sheet name from ``base`` (``taken`` holds the lower-cased names in use and
    receives the new one)."""
    s = "" if base is None or (not isinstance(base, str) and pd.isna(base)) else str(base)
    s = FORBIDDEN.sub(" ", s)
    s = " ".join("".join(ch for ch in s if ch.isprintable()).split())
    s = s.strip("'").strip() or NO_OPD_SHEET
    s = _cut(s, MAX_SHEET_NAME) or NO_OPD_SHEET
    name, k = s, 2
    while name.lower() in taken or name.lower() in _RESERVED:
        suffix = f" ({k})"
        name = _cut(s, MAX_SHEET_NAME - len(suffix)) + suffix
        k += 1
    taken.add(name.lower())
    return name


def unit_sheet_names(units: list[tuple[str, str]], taken: set[str]) -> dict[str, str]:
    """``opd_id`` → sheet name for ``(opd_id, name)`` pairs, in their order: the short name, the
    code only when the unit has no name."""
    out: dict[str, str] = {}
    for opd_id, name in units:
        base = short_name(name) or opd_id or NO_OPD_SHEET
        out[opd_id] = sheet_name(base, taken)
    return out
