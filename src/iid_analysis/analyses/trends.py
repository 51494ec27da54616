"""Across editions: submissions, participation, eligibility, maturity and the IID, year by year.

The sentences that describe the change from one edition to the next are written by
:mod:`iid_analysis.report.prose_trends`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from iid_analysis.analyses.funnel import step_flags
from iid_analysis.analyses.participation import participation_summary
from iid_analysis.analyses.units import scored_maturity

if TYPE_CHECKING:  # pragma: no cover - typing only; keeps the import light
    from iid_analysis.review.model import Review
    from iid_analysis.scoring.result import IndexResult

__all__ = ["trends"]


def _ratio(num: float, den: float) -> float:
    return float(num) / float(den) if den else float("nan")


def _mean_maturity(result: IndexResult | None) -> float:
    sm = scored_maturity(result)
    return float(sm["maturity"].mean()) if len(sm) else float("nan")


def trends(
    reviews: dict[int, Review], results: dict[int, IndexResult], upto: int | None = None
) -> pd.DataFrame:
    """One row per edition in ``reviews`` (ascending; only years ≤ ``upto`` when given).

    Columns: year, n_submitted, n_opd, n_opd_participating, rate, n_eligible, eligible_share
    (n_eligible / n_submitted), n_scored, mean_maturity (mean skor kematangan of scored innovations),
    iid, predicate. A year missing from ``results`` has NaN / <NA> in the score columns.
    """
    rows = []
    for year in sorted(int(y) for y in reviews):
        if upto is not None and year > int(upto):
            continue
        rv = reviews[year]
        res = results.get(year)
        flags = step_flags(rv)
        summ = participation_summary(rv)
        n_sub, n_el = len(flags), int(flags["eligible"].sum())
        rows.append(
            {
                "year": year,
                "n_submitted": n_sub,
                "n_opd": summ["n_opd"],
                "n_opd_participating": summ["n_opd_participating"],
                "rate": float("nan") if summ["rate"] is None else float(summ["rate"]),
                "n_eligible": n_el,
                "eligible_share": _ratio(n_el, n_sub),
                "n_scored": pd.NA if res is None else int(res.n),
                "mean_maturity": _mean_maturity(res) if res is not None else float("nan"),
                "iid": float("nan") if res is None else float(res.iid),
                "predicate": pd.NA if res is None else str(res.predicate),
            }
        )
    cols = ["year", "n_submitted", "n_opd", "n_opd_participating", "rate", "n_eligible",
            "eligible_share", "n_scored", "mean_maturity", "iid", "predicate"]
    df = pd.DataFrame(rows, columns=cols)
    for c in ("year", "n_submitted", "n_opd", "n_opd_participating", "n_eligible", "n_scored"):
        df[c] = df[c].astype("Int64")
    for c in ("rate", "eligible_share", "mean_maturity", "iid"):
        df[c] = df[c].astype("float64")
    df["predicate"] = df["predicate"].astype("string")
    return df

