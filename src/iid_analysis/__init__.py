"""iid-analysis: the Regional Innovation Index (IID) and the IGA nomination as reproducible analysis.

Flow (one direction, one folder per stage): io (dataset) + methodology → review → scoring →
analyses → analysis (one object per edition) → report (views, prose) → run (papermill, pages).
See docs/architecture.md.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "predicate", "load_methodology", "load_dataset", "review", "score"]


def predicate(iid: float, year: int) -> str:
    """The predikat the edition ``year`` itself gives to a score (rounded to 2 decimals), on the
    edition's own bands and scale (``Methodology.edition_bands``: 2020 used a scale above 100)."""
    from iid_analysis.methodology.loader import load_methodology

    return load_methodology(year).edition_predicate(iid)


def __getattr__(name: str):  # lazy re-exports keep `import iid_analysis` cheap
    if name == "load_methodology":
        from iid_analysis.methodology.loader import load_methodology

        return load_methodology
    if name == "load_dataset":
        from iid_analysis.io.dataset import load_dataset

        return load_dataset
    if name == "review":
        from iid_analysis.review.desk import review

        return review
    if name == "score":
        from iid_analysis.scoring.compute import score

        return score
    raise AttributeError(name)
