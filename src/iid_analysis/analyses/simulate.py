"""Interactive what-if: the IID, predicate and distance to the next band after a few changes,
fast enough to recompute on every widget change.

A change sets the level or the evidence status of one answer (an SPD indicator, or an SID
indicator of a scored innovation), or adds a hypothetical scored innovation of a given maturity
(and main affair). The answers' points are recomputed with the methodology's evidence rule
(:func:`~iid_analysis.scoring.evidence.counts_under_rule`) and the headline numbers with scoring's
own :func:`~iid_analysis.scoring.totals.frame_terms` and
:func:`~iid_analysis.scoring.totals.totals_from_points`, so the numbers are those of
:func:`~iid_analysis.scoring.compute.score` after the same change to the review
(:func:`~iid_analysis.analyses.scenarios.apply_changes` /
:func:`~iid_analysis.analyses.scenarios.add_innovations`) as long as the change does not alter
the desk review's decisions. The widgets that call it are in :mod:`iid_analysis.report.widgets`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from iid_analysis.methodology.model import Methodology
from iid_analysis.scoring.affairs import canonical_affairs
from iid_analysis.scoring.evidence import EVIDENCE_STATUSES, counts_under_rule
from iid_analysis.scoring.totals import frame_terms, totals_from_points

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.scoring.result import IndexResult

__all__ = ["SIMULATE_KEYS", "WhatIf", "simulate"]

#: The keys of what :func:`simulate` returns.
SIMULATE_KEYS: tuple[str, ...] = (
    "iid", "predicate", "next_predicate", "distance_to_next", "spd", "sid", "sid_sum", "divisor",
    "count_score", "n", "n_basic_covered", "total", "iid_before", "change",
)


def _bad(setting: str, value: Any, why: str) -> ValueError:
    return ValueError(f"Setelan {setting!r} tidak sah: {value!r} — {why}")


class WhatIf:
    """A result made ready for many quick what-ifs: ``WhatIf(result).run(changes)``."""

    def __init__(self, result: IndexResult):
        self.result = result
        m: Methodology = result.methodology
        self.methodology = m
        pts = result.points
        inn = pts["innovation_id"].astype("string").fillna("")
        ind = pts["indicator_id"].astype("string")
        self.row = {(str(a), str(b)): i for i, (a, b) in enumerate(zip(inn, ind, strict=True))}
        self.level = pd.to_numeric(pts["level"], errors="coerce").fillna(0).to_numpy("float64")
        self.weight = pd.to_numeric(pts["weight"], errors="coerce").fillna(0).to_numpy("float64")
        status = pd.Index(EVIDENCE_STATUSES).get_indexer(pts["evidence_status"].astype("string").fillna("missing"))
        self.status = np.where(status < 0, EVIDENCE_STATUSES.index("missing"), status)
        self.points = pd.to_numeric(pts["points"], errors="coerce").fillna(0).to_numpy("float64")
        self.is_sid = (pts["aspect"].astype("string") == "SID").fillna(False).to_numpy(bool)
        self.counts = counts_under_rule(m.evidence_rule)
        self.innovation_ids = frozenset(inn[self.is_sid])
        self.indicator_ids = {a: frozenset(i.id for i in m.indicators_of(a)) for a in ("SPD", "SID")}
        cov = result.affair_coverage
        self.covered = frozenset(cov.loc[cov["covered"].astype(bool), "affair"].astype(str)) if len(cov) else frozenset()
        self.max_maturity = float(m.max_sid_per_innovation)

    # ------------------------------------------------------------------ checking a change
    def _answer(self, ch: Mapping) -> tuple[int, float | None, int | None]:
        ind = ch.get("indicator_id")
        inn = ch.get("innovation_id")
        inn = None if inn is None or (not isinstance(inn, str) and pd.isna(inn)) or str(inn) == "" else str(inn)
        if inn is None:
            if ind not in self.indicator_ids["SPD"]:
                raise _bad("indicator_id", ind, "bukan indikator SPD edisi ini / not an SPD indicator of this edition")
        else:
            if inn not in self.innovation_ids:
                raise _bad("innovation_id", inn, "bukan inovasi yang dinilai / not a scored innovation")
            if ind not in self.indicator_ids["SID"]:
                raise _bad("indicator_id", ind, "bukan indikator SID edisi ini / not an SID indicator of this edition")
        level = ch.get("level")
        if level is not None:
            if isinstance(level, bool) or not isinstance(level, (int, float, np.integer, np.floating)) \
                    or float(level) not in (0.0, 1.0, 2.0, 3.0):
                raise _bad("level", level, "tingkat harus 0, 1, 2 atau 3 / level must be 0–3")
            level = float(level)
        status = ch.get("evidence_status")
        if status is not None:
            if status not in EVIDENCE_STATUSES:
                raise _bad("evidence_status", status, f"harus salah satu dari {', '.join(EVIDENCE_STATUSES)}")
            status = EVIDENCE_STATUSES.index(status)
        return self.row[(inn or "", str(ind))], level, status

    def _innovation(self, ch: Mapping) -> tuple[float, str | None]:
        s = ch.get("maturity")
        if isinstance(s, bool) or not isinstance(s, (int, float, np.integer, np.floating)) or not np.isfinite(s) \
                or not 0 <= float(s) <= self.max_maturity:
            raise _bad("maturity", s, f"skor kematangan harus 0–{self.max_maturity:g} / maturity must be 0–max")
        affair = ch.get("affair")
        canon = None
        if affair is not None and str(affair).strip():
            got = canonical_affairs(pd.Series([str(affair)]), self.methodology.affairs).iloc[0]
            if pd.isna(got):
                raise _bad("affair", affair, "urusan tidak dikenal / unknown affair")
            canon = str(got)
        return float(s), canon

    # ------------------------------------------------------------------ running
    def run(self, changes: Iterable[Mapping] | Mapping | None = ()) -> dict:
        """The headline numbers after ``changes`` (see :func:`simulate`)."""
        r, m = self.result, self.methodology
        recs = [changes] if isinstance(changes, Mapping) else list(changes or ())
        level, status = self.level.copy(), self.status.copy()
        touched = np.zeros(len(level), bool)
        new_mat: list[float] = []
        covered = set(self.covered)
        for ch in recs:
            if not isinstance(ch, Mapping):
                raise _bad("changes", ch, "setiap perubahan harus berupa dict / each change must be a dict")
            if "maturity" in ch:
                s, affair = self._innovation(ch)
                new_mat.append(s)
                if affair in m.basic_affairs:
                    covered.add(affair)
                continue
            i, lv, st = self._answer(ch)
            if lv is not None:
                level[i] = lv
            if st is not None:
                status[i] = st
            touched[i] = True
        pts = np.where(touched, level * self.weight * self.counts[status], self.points)
        n = int(r.n) + len(new_mat)
        n_cov = len(covered & set(m.basic_affairs)) if m.basic_affairs else int(r.n_basic_covered)
        div, cs = frame_terms(m, n, n_cov)
        tot = totals_from_points(pts[~self.is_sid].sum(), pts[self.is_sid].sum() + sum(new_mat), div, cs,
                                 float(r.max_total))
        iid = float(tot["iid"])
        pred = m.predicate(iid)
        nb = m.next_band(pred)
        return {
            "iid": iid, "predicate": pred, "next_predicate": nb.predicate if nb else None,
            "distance_to_next": float(round(nb.low - iid, 2)) if nb else None,
            "spd": float(tot["spd"]), "sid": float(tot["sid"]), "sid_sum": float(tot["sid_sum"]),
            "divisor": int(div), "count_score": float(tot["count_score"]), "n": n,
            "n_basic_covered": int(n_cov), "total": float(tot["total"]), "iid_before": float(r.iid),
            "change": float(round(iid - float(r.iid), 2)),
        }


def simulate(result: IndexResult, changes: Iterable[Mapping] | Mapping | None = ()) -> dict:
    """The IID after ``changes`` to ``result`` (keys :data:`SIMULATE_KEYS`).

    ``changes``: one dict or a list of dicts, each either an answer change
    ``{"innovation_id": id or None for SPD, "indicator_id", "level": 0–3, "evidence_status":
    valid/invalid/pending/missing}`` (level and status optional; the other is kept) or a new scored
    innovation ``{"maturity": 0–max, "affair": main affair or None}``. An unknown innovation or
    indicator, a level outside 0–3, an unknown status or a maturity outside 0–max is a
    :class:`ValueError` naming the setting. For many calls on one result use :class:`WhatIf`.
    """
    return WhatIf(result).run(changes)
