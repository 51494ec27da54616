"""User text is data, never markup or a formula (design §6).

* :func:`html_text` / :func:`md_text` escape names and narratives before they reach HTML or Markdown.
* :func:`cell_text` / :func:`guard_frame` make every value written to XLSX or CSV inert: a string
  that would start a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) gets a leading
  apostrophe, so spreadsheet programs show it as text. :func:`guard_frame` also turns a carriage
  return inside a text into a line feed: a CSV writer quotes a cell holding a line feed, but not
  one holding a lone carriage return, which readers take for the end of the row.
"""

from __future__ import annotations

import html
import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Markdown's specials, plus ``$`` (math delimiters in JupyterLab and nbconvert) and ``:`` (a bare
#: ``http://…`` in the text would otherwise become a link).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def html_text(value: object) -> str:
    """Escape for HTML (quotes too); missing values become an empty string."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def md_text(value: object) -> str:
    """Escape for Markdown rendered to HTML: HTML-escape, then backslash Markdown's specials.

    Quotes are left as they are: they are harmless in Markdown text, and the entity ``&#x27;``
    would have its ``#`` backslashed and then show literally."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    s = html.escape(str(value), quote=False)
    s = s.replace("\r", " ").replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\1", s)


def cell_text(value: object) -> object:
    """A value safe for a spreadsheet cell: strings that would start a formula are made text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv_cell(value: object) -> object:
    value = cell_text(value)
    if isinstance(value, str) and "\r" in value:  # one row stays one row
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def guard_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells (and headers) cannot start a formula, nor end a CSV row."""
    out = df.copy()
    out.columns = [_csv_cell(c) for c in out.columns]
    for c in out.columns:
        col = out[c]
        if col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
            out[c] = col.map(_csv_cell, na_action="ignore")
    return out
