"""The analyses' part of ``results.json``, from tables already computed: the participation keys,
the predicate probabilities and the top gaps.

Plain JSON types only; the yearly run adds them to the score's own keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from iid_analysis.analyses.gaps import top_gaps
from iid_analysis.methodology.model import PREDICATES

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

    from iid_analysis.analyses.robustness import Robustness
    from iid_analysis.scoring.result import IndexResult

__all__ = ["participation_fields", "whatif_fields"]


def participation_fields(funnel_df: pd.DataFrame, summary: dict[str, Any],
                         groups: pd.DataFrame) -> dict[str, Any]:
    """The participation keys of ``results.json`` from :func:`~iid_analysis.analyses.funnel.funnel`
    (with the result), :func:`~iid_analysis.analyses.participation.participation_summary` and
    :func:`~iid_analysis.analyses.coaching.coaching_groups`.

    Keys: n_submitted, n_eligible, n_opd, n_opd_participating, funnel (list of {step, label,
    count}), coaching_groups ({group: count}, every group).
    """
    counts = dict(zip(funnel_df["step"], funnel_df["count"], strict=True))
    return {
        "n_submitted": int(counts["entered"]),
        "n_eligible": int(counts["eligible"]),
        "n_opd": int(summary["n_opd"]),
        "n_opd_participating": int(summary["n_opd_participating"]),
        "funnel": [
            {"step": str(r.step), "label": str(r.label), "count": int(r.count)}
            for r in funnel_df.itertuples(index=False)
        ],
        "coaching_groups": {str(g): int(c) for g, c in zip(groups["group"], groups["count"],
                                                             strict=True)},
    }


def whatif_fields(result: IndexResult, robustness: Robustness | None, k: int = 10,
                  gaps_df: pd.DataFrame | None = None) -> dict[str, Any]:
    """``predicate_probabilities`` (every predicate; the point estimate for certain without a
    Monte Carlo) and ``top_gaps`` (the ``k`` largest, see :func:`~iid_analysis.analyses.gaps.top_gaps`;
    ``gaps_df``: the result's gaps table when already computed)."""
    if robustness is None:
        probs = {p: (1.0 if p == result.predicate else 0.0) for p in PREDICATES}
    else:
        probs = {p: float(robustness.predicate_probabilities.get(p, 0.0)) for p in PREDICATES}
    return {"predicate_probabilities": probs, "top_gaps": top_gaps(result, k=k, gaps_df=gaps_df)}
