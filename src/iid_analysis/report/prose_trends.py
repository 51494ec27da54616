"""The change from one edition to the next in Indonesian sentences.

Built from the rows of :func:`iid_analysis.analyses.trends.trends`; a sentence whose number is
missing is left out rather than printed with a blank.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from iid_analysis.text import fmt

__all__ = ["trend_sentences"]

_MINUS = "\u2212"  # the minus sign fmt.points uses


def _signed_int(d: int) -> str:
    return f"+{fmt.integer(d)}" if d > 0 else f"{_MINUS}{fmt.integer(abs(d))}"


def _change(subject: str, prev: Any, cur: Any, kind: str) -> str:
    """'<subject> naik dari A menjadi B (+d)' / '... turun ...' / '<subject> tetap A' (no period)."""
    if fmt.is_missing(prev) or fmt.is_missing(cur):
        return ""
    if kind == "int":
        a, b = int(prev), int(cur)
        d = b - a
        show, delta = fmt.integer, _signed_int(d)
    elif kind == "pct":
        a, b = round(float(prev) * 100, 1), round(float(cur) * 100, 1)
        d = round(b - a, 1)

        def show(x: float) -> str:
            return fmt.pct(x / 100, 1)

        delta = ("+" if d > 0 else _MINUS) + fmt.num(abs(d), 1) + " poin persentase"
    else:  # two-decimal score
        a, b = round(float(prev), 2), round(float(cur), 2)
        d = round(b - a, 2)
        show, delta = fmt.num, fmt.points(d)
    if not show(a) or not show(b):
        return ""
    if d == 0:
        return f"{subject} tetap {show(b)}"
    verb = "naik" if d > 0 else "turun"
    return f"{subject} {verb} dari {show(a)} menjadi {show(b)} ({delta})"


def trend_sentences(trends_df: pd.DataFrame, year: int) -> list[str]:
    """The change from the previous edition in ``trends_df`` to ``year``, in Indonesian sentences.

    Compares with the latest edition before ``year`` present in the frame (when that is not
    ``year - 1``, each sentence says which edition it compares with). Returns [] for the first
    edition or a year not in the frame; a sentence whose values are missing is left out.
    """
    df = trends_df.sort_values("year", kind="mergesort")
    cur = df[df["year"] == int(year)]
    prev = df[df["year"] < int(year)]
    if cur.empty or prev.empty:
        return []
    c, p = cur.iloc[-1], prev.iloc[-1]
    gap = "" if int(p["year"]) == int(year) - 1 else f" (dibanding edisi {int(p['year'])})"
    specs = [
        ("Jumlah inovasi", "n_submitted", "int"),
        ("OPD yang berpartisipasi", "n_opd_participating", "int"),
        ("Tingkat partisipasi OPD", "rate", "pct"),
        ("Porsi inovasi yang memenuhi syarat", "eligible_share", "pct"),
        ("Rata-rata skor kematangan", "mean_maturity", "score"),
        ("IID", "iid", "score"),
    ]
    out = []
    for subject, col, kind in specs:
        if col in df.columns:
            s = _change(subject, p[col], c[col], kind)
            if s:
                out.append(f"{s}{gap}.")
    if "predicate" in df.columns and not fmt.is_missing(p["predicate"]) and not fmt.is_missing(
        c["predicate"]
    ):
        a, b = str(p["predicate"]), str(c["predicate"])
        s = f"Predikat tetap {b}" if a == b else f"Predikat berubah dari {a} menjadi {b}"
        out.append(f"{s}{gap}.")
    return out

