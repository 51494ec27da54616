"""Escaping, the formula guard and Indonesian formatting."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iid_analysis.text import fmt
from iid_analysis.text.escape import cell_text, guard_frame, html_text, md_text


@pytest.mark.parametrize("raw", ["=1+1", "+62812", "-5", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"])
def test_formula_starts_become_text(raw):
    assert cell_text(raw) == "'" + raw


@pytest.mark.parametrize("raw", ["Dinas Kesehatan", "SI-CANTIK", "", "1=1", 5, None])
def test_harmless_values_unchanged(raw):
    assert cell_text(raw) == raw


def test_guard_frame_covers_cells_and_headers_and_keeps_numbers():
    df = pd.DataFrame({"=evil": ["=cmd|' /C calc'!A0", "ok"], "n": [1, 2]})
    out = guard_frame(df)
    assert list(out.columns) == ["'=evil", "n"]
    assert out.iloc[0, 0].startswith("'=") and out.iloc[1, 0] == "ok"
    assert out["n"].tolist() == [1, 2]
    assert df.iloc[0, 0].startswith("=")  # the input is not modified


def test_html_and_markdown_escape():
    s = '<script>alert("x")</script> **bold** [a](javascript:x)'
    h = html_text(s)
    assert "<script>" not in h and "&lt;script&gt;" in h and "&quot;" in h
    m = md_text(s)
    assert "<script>" not in m and r"\*\*bold\*\*" in m and r"\[a\]" in m
    assert html_text(None) == "" and html_text(float("nan")) == ""


def test_indonesian_numbers_dates_money():
    assert fmt.num(50.42) == "50,42"
    assert fmt.num(53.964) == "53,96"
    assert fmt.integer(25124) == "25.124"
    assert fmt.date(dt.date(2021, 8, 13)) == "13 Agustus 2021"
    assert fmt.date(pd.Timestamp("2021-09-17")) == "17 September 2021"
    assert fmt.date("2021-05-01") == "1 Mei 2021"
    assert fmt.rupiah(1234567.5) == "Rp1.234.568"
    assert fmt.pct(0.365) == "36,5%"
    assert fmt.points(2.15) == "+2,15" and fmt.points(-1.3) == "−1,30"
    assert fmt.count(0, "inovasi") == "tidak ada inovasi" and fmt.count(19, "inovasi") == "19 inovasi"


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT, math.inf])
def test_missing_values_give_empty_text(missing):
    assert fmt.num(missing) == ""
    if missing is not math.inf:
        assert fmt.date(missing) == "" and fmt.pct(missing) == "" and fmt.count(missing, "x") == ""


@settings(max_examples=300, deadline=None, database=None)
@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_date_layout_is_babels(day):
    """fmt.date builds Babel's ``d MMMM y`` itself (fast path); Babel's own formatter is the oracle."""
    from babel.dates import format_date

    expected = format_date(day, format="d MMMM y", locale=fmt.LOCALE)
    assert fmt.date(day) == expected
    if dt.date(1678, 1, 1) < day < dt.date(2262, 1, 1):  # the range of pd.Timestamp
        assert fmt.date(pd.Timestamp(day)) == expected
    if day.year >= 1000:  # four-digit ISO years
        assert fmt.date(day.isoformat()) == expected


def test_date_shows_what_is_not_a_date():
    assert fmt.date("bukan tanggal") == "bukan tanggal"
    assert fmt.date(" 2021-08-13 ") == "13 Agustus 2021"
