"""The result of :func:`~iid_analysis.scoring.compute.score`: :class:`IndexResult`, its
``results.json`` fields (:meth:`IndexResult.to_dict`) and its summary in a few Indonesian lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from iid_analysis.methodology.model import Methodology
from iid_analysis.scoring.affairs import COVERAGE_COLUMNS
from iid_analysis.text import fmt

__all__ = ["IndexResult"]

#: How a status reads in Indonesian (the CLI summary).
_STATUS_WORDS = {"official": "resmi", "reported": "dilaporkan", "assumed": "diasumsikan"}


@dataclass
class IndexResult:
    """The index of one edition under one frame: the headline numbers, the four tables (see
    :mod:`iid_analysis.scoring.tables`) and the log of every step."""

    year: int  # the edition of the data
    methodology: Methodology  # the frame used
    review: Any
    points: pd.DataFrame
    innovations: pd.DataFrame
    opd: pd.DataFrame
    breakdown: pd.DataFrame
    spd: float
    sid_sum: float
    divisor: int
    sid_avg: float
    count_score: float
    sid: float
    n: int
    total: float
    max_total: float
    iid: float
    predicate: str
    next_predicate: str | None
    distance_to_next: float | None
    log: list[dict]
    n_rule: str = "eligible"  # who is in n: "eligible" (default) or "all_reported" (alternative)
    n_scored: int = 0  # innovations scored (eligible, first row of their id); n under "eligible"
    n_reported: int = 0  # every reported innovation; n under "all_reported"
    #: the basic-service affairs (scoring.affairs.COVERAGE_COLUMNS): affair, covered, by_main,
    #: by_overlapping, n_innovations, innovation_ids (the scored innovations covering it)
    affair_coverage: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(COVERAGE_COLUMNS)))
    n_basic_covered: int = 0  # basic-service affairs covered under the methodology's rule
    count_score_gated: bool = False  # the affair gate withheld the count score
    #: the count score with one more scored innovation in an uncovered basic affair (n + 1, one
    #: more affair covered); None when there is no gate or every basic affair is covered
    count_score_if_one_more: float | None = None
    #: indicators of the frame the edition does not have (score_under: they score 0), frame codes
    frame_missing: tuple[str, ...] = ()

    @property
    def like_for_like(self) -> bool:
        """True when the frame is not the data's own edition as published."""
        return self.methodology.year != self.year or bool(self.methodology.variant)

    @property
    def mean_maturity(self) -> float | None:
        m = self.innovations["maturity"].dropna()
        return float(m.mean()) if len(m) else None

    def to_dict(self) -> dict:
        """The results.json fields scoring owns (plain JSON types)."""
        return {
            "year": int(self.year),
            "iid": float(self.iid),
            "predicate": self.predicate,
            "spd": float(self.spd),
            "sid": float(self.sid),
            "sid_sum": float(self.sid_sum),
            "sid_avg": float(self.sid_avg),
            "n_innovations": int(self.n),
            "n_submitted": int(len(self.innovations)),
            "n_eligible": int(self.innovations["eligible"].sum()),
            "mean_maturity": self.mean_maturity,
            "total": float(self.total),
            "max_total": float(self.max_total),
            "count_score": float(self.count_score),
            "divisor": int(self.divisor),
            "n_rule": self.n_rule,
            "basic_affairs_required": int(self.methodology.basic_affairs_required),
            "affair_coverage_rule": str(self.methodology.affair_coverage),
            "n_basic_covered": int(self.n_basic_covered),
            "basic_affairs_covered": [str(a) for a in
                                      self.affair_coverage.loc[self.affair_coverage["covered"], "affair"]],
            "count_score_gated": bool(self.count_score_gated),
            "count_score_if_one_more": None if self.count_score_if_one_more is None
            else float(self.count_score_if_one_more),
            "methodology_year": int(self.methodology.year),
            "frame_edition": int(self.methodology.frame_edition),
            "formula_status": str(self.methodology.formula_status),
            "variant": self.methodology.variant,
            "evidence_rule": self.methodology.evidence_rule,
            "next_predicate": self.next_predicate,
            "distance_to_next": None if self.distance_to_next is None else float(self.distance_to_next),
            "assumptions": [
                {"key": a.key, "value": _jsonable(a.value), "source": a.source, "note": a.note}
                for a in self.methodology.assumptions()
            ],
        }

    def summary_lines(self) -> list[str]:
        """The result in a few Indonesian lines."""
        m = self.methodology
        frame = f"metodologi {m.year}" + (f" ({m.variant})" if m.variant else "")
        if m.frame_edition != m.year:
            frame = f"perkiraan dengan kerangka {m.frame_edition}"
        lines = [f"IID edisi {self.year} ({frame}): {fmt.num(self.iid)} — predikat {self.predicate}"
                 + (f" menurut pita {m.frame_edition}" if m.frame_edition != m.year else "")]
        if m.frame_edition != m.year:
            lines.append(f"Perkiraan: edisi {m.year} tidak memublikasikan formulanya; IID ini dihitung dengan "
                         f"formula dan bobot edisi {m.frame_edition} (skala 0–100), bukan nilai resmi "
                         f"edisi {m.year}.")
        lines.append(f"Status formula: {_STATUS_WORDS.get(m.formula_status, m.formula_status)}")
        if self.like_for_like:
            lines.append(f"Perbandingan setara: data edisi {self.year} dinilai dengan kerangka {frame}.")
        lines.append(f"SPD {fmt.num(self.spd)} dari {fmt.num(m.max_spd)}")
        lines.append(
            f"SID {fmt.num(self.sid)} = {fmt.num(self.sid_sum)} ÷ {self.divisor} "
            f"+ skor jumlah inovasi {fmt.num(self.count_score)} (n = {self.n})"
        )
        if m.basic_affairs_required > 0:
            lines.append(
                f"Urusan pelayanan dasar tercakup: {fmt.integer(self.n_basic_covered)} dari "
                f"{fmt.integer(len(m.basic_affairs))} (syarat {fmt.integer(m.basic_affairs_required)})"
                + ("; skor jumlah inovasi tidak diberikan" if self.count_score_gated else "")
            )
        if self.n_rule == "all_reported":
            lines.append(f"n = semua inovasi yang dilaporkan ({fmt.integer(self.n_reported)}), "
                         f"yang tidak memenuhi syarat bernilai 0")
        lines.append(f"Total {fmt.num(self.total)} dari {fmt.num(self.max_total)}")
        entered = len(self.innovations)
        lines.append(
            f"Inovasi dinilai: {fmt.integer(self.n_scored)} dari {fmt.integer(entered)} yang diajukan "
            f"({fmt.integer(entered - self.n_scored)} tidak dinilai)"
        )
        if self.mean_maturity is not None:
            lines.append(
                f"Rata-rata skor kematangan: {fmt.num(self.mean_maturity)} dari "
                f"{fmt.num(m.max_sid_per_innovation)}"
            )
        if self.next_predicate is None:
            lines.append("Predikat tertinggi sudah tercapai.")
        else:
            lines.append(
                f"Menuju {self.next_predicate}: kurang {fmt.num(self.distance_to_next)} poin IID"
            )
        dropped = next((e for e in self.log if e.get("step") == "frame_drop"), None)
        if dropped and dropped.get("n_answers"):
            lines.append(
                f"{fmt.integer(dropped['n_answers'])} jawaban untuk indikator di luar kerangka "
                f"diabaikan: {', '.join(dropped['indicator_ids'])}"
            )
        if self.frame_missing:
            lines.append(f"Indikator kerangka yang tidak ada di edisi {self.year} (bernilai 0): "
                         f"{', '.join(self.frame_missing)}")
        n_assumed = len(m.assumptions())
        if n_assumed:
            lines.append(f"Bersandar pada {n_assumed} angka berstatus asumsi dalam metodologi {m.year}.")
        return lines


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        return value.item()
    return value
