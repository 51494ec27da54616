"""The affair-coverage gate on the count score (iid-reference §8): which of the six basic-service
affairs the scored innovations cover, and whether the count score is given.

From 2026 the count score ``0.38 × min(n, 200)`` is given only when the scored innovations cover
at least ``methodology.basic_affairs_required`` of ``methodology.basic_affairs`` (0 = no gate).
An affair is covered when at least one scored innovation has it as its main affair
(``affair_coverage == "main"``, the default) or — the documented alternative
``"main_and_overlapping"`` — also among its overlapping affairs (``affairs_other``, ``;``-separated).

This module is the ONE place an innovation's affairs are read for scoring: the raw ``affair`` and
``affairs_other`` texts are normalised with
:func:`~iid_analysis.methodology.affairs.normalise_affair`, each distinct text once, then looked up
as codes (no Python loop over innovations).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd

from iid_analysis.methodology.affairs import normalise_affair
from iid_analysis.methodology.model import Methodology, MethodologyError
from iid_analysis.scoring.columns import column, text_array

__all__ = [
    "COVERAGE_COLUMNS",
    "COVERAGE_RULES",
    "AffairGate",
    "affair_gate",
    "canonical_affairs",
    "covered_count",
    "coverage_rule",
    "gate_open",
]

#: How an affair counts as covered (``Methodology.affair_coverage``).
COVERAGE_RULES: tuple[str, ...] = ("main", "main_and_overlapping")

#: Columns of ``IndexResult.affair_coverage``: one row per basic-service affair, in the
#: methodology's order. ``covered`` follows the methodology's rule; ``by_main`` / ``by_overlapping``
#: say whether some scored innovation has the affair as its main / among its overlapping affairs;
#: ``innovation_ids`` (a tuple) are the scored innovations that cover it under the rule, and
#: ``innovations`` the same ids as one text (", "-joined; "" when none) for a page.
COVERAGE_COLUMNS: tuple[str, ...] = (
    "affair", "covered", "by_main", "by_overlapping", "n_innovations", "innovation_ids", "innovations",
)

_SEP = ";"


def coverage_rule(meth: Methodology) -> str:
    """The methodology's coverage rule, checked."""
    rule = str(meth.affair_coverage)
    if rule not in COVERAGE_RULES:
        raise MethodologyError(
            f"aturan cakupan urusan tidak dikenal {rule!r} (dikenal: {', '.join(COVERAGE_RULES)}) "
            f"/ unknown affair coverage rule"
        )
    return rule


def canonical_affairs(texts: pd.Series, affairs: Mapping[str, tuple[str, ...]] | None = None) -> pd.Series:
    """Each text normalised to its canonical affair name (``<NA>`` when unknown or empty) with
    ``affairs`` (a ``Methodology.affairs``; None or empty: the bundled list); every distinct text
    is normalised once."""
    s = texts.astype("string")
    table = dict(affairs) if affairs else None
    uniq = pd.unique(s.dropna())
    canon = {u: normalise_affair(str(u), table) for u in uniq}
    return s.map(canon, na_action="ignore").astype("string")


def _codes(texts: pd.Series, basic: pd.Index, affairs) -> np.ndarray:
    """Position of each text's canonical affair in ``basic`` (−1: not a basic affair)."""
    if not len(texts):
        return np.zeros(0, dtype=np.int64)
    return basic.get_indexer(canonical_affairs(texts, affairs).fillna("")).astype(np.int64)


def _matrices(inn: pd.DataFrame, rows: np.ndarray, basic: pd.Index,
              affairs) -> tuple[np.ndarray, np.ndarray]:
    """(n × B) booleans for the innovation rows ``rows``: the basic affair is the main affair /
    one of the overlapping affairs."""
    n, b = len(rows), len(basic)
    main = np.zeros((n, b), dtype=bool)
    other = np.zeros((n, b), dtype=bool)
    if not n or not b:
        return main, other
    code = _codes(column(inn, "affair").iloc[rows], basic, affairs)
    hit = code >= 0
    main[np.flatnonzero(hit), code[hit]] = True
    raw = column(inn, "affairs_other").astype("string").iloc[rows].reset_index(drop=True)
    parts = raw.str.split(_SEP).explode()
    parts = parts[parts.notna()]
    if len(parts):
        pos = parts.index.to_numpy(dtype=np.int64)
        pcode = _codes(parts.str.strip(), basic, affairs)
        ok = pcode >= 0
        other[pos[ok], pcode[ok]] = True
    return main, other


def covered_count(coverage: pd.DataFrame, rule: str) -> int:
    """How many basic affairs ``coverage`` (an ``IndexResult.affair_coverage``) covers under
    ``rule`` (``"main"`` or ``"main_and_overlapping"``)."""
    if rule not in COVERAGE_RULES:
        raise ValueError(f"aturan cakupan tidak dikenal / unknown coverage rule: {rule!r}")
    by = coverage["by_main"].to_numpy(bool)
    if rule == "main_and_overlapping":
        by = by | coverage["by_overlapping"].to_numpy(bool)
    return int(by.sum())


def gate_open(meth: Methodology, n_covered) -> np.ndarray:
    """Whether the count score is given for ``n_covered`` covered basic affairs (scalar or array)."""
    required = int(meth.basic_affairs_required)
    cov = np.asarray(n_covered, dtype=np.int64)
    return np.ones(cov.shape, dtype=bool) if required <= 0 else cov >= required


class AffairGate(NamedTuple):
    """The coverage of the basic-service affairs by the scored innovations, and the gate."""

    table: pd.DataFrame  # COVERAGE_COLUMNS
    rule: str
    required: int
    n_covered: int
    open: bool  # the count score is given (no gate, or enough affairs covered)

    def log_entry(self, n_basic: int) -> dict:
        covered = self.table.loc[self.table["covered"], "affair"].tolist()
        missing = self.table.loc[~self.table["covered"], "affair"].tolist()
        if self.required <= 0:
            msg = (f"Tanpa syarat cakupan urusan; {self.n_covered} dari {n_basic} urusan pelayanan "
                   f"dasar tercakup")
        else:
            msg = (f"{self.n_covered} dari {n_basic} urusan pelayanan dasar tercakup (syarat "
                   f"{self.required}): skor jumlah inovasi "
                   + ("diberikan" if self.open else "tidak diberikan"))
        return {
            "step": "affair_gate", "rule": self.rule, "required": self.required,
            "n_basic": n_basic, "n_covered": self.n_covered, "open": self.open,
            "covered": [str(a) for a in covered], "not_covered": [str(a) for a in missing],
            "message": msg,
        }


def affair_gate(inn: pd.DataFrame, rows: np.ndarray, ids: np.ndarray, meth: Methodology) -> AffairGate:
    """Coverage of ``meth.basic_affairs`` by the innovation rows ``rows`` (the scored ones, with
    their ids ``ids`` in the same order) and whether the gate lets the count score through."""
    rule = coverage_rule(meth)
    basic = pd.Index([str(a) for a in meth.basic_affairs], dtype=object)
    main, other = _matrices(inn, np.asarray(rows, dtype=np.int64), basic, meth.affairs)
    by_main = main.any(axis=0)
    by_other = other.any(axis=0)
    cover = main | other if rule == "main_and_overlapping" else main
    covered = cover.any(axis=0)
    ids = np.asarray(ids, dtype=object)
    lists = [tuple(str(x) for x in ids[cover[:, j]]) for j in range(len(basic))]  # one per affair
    table = pd.DataFrame({
        "affair": text_array(basic.to_numpy(dtype=object)),
        "covered": covered,
        "by_main": by_main,
        "by_overlapping": by_other,
        "n_innovations": cover.sum(axis=0).astype(np.int64),
        "innovation_ids": pd.Series(lists, dtype=object),
        "innovations": text_array([", ".join(x) for x in lists]),
    })
    n_covered = int(covered.sum())
    return AffairGate(table, rule, int(meth.basic_affairs_required), n_covered,
                      bool(gate_open(meth, n_covered)))
