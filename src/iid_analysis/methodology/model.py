"""The methodology of an edition as Python objects: numbers with their provenance, indicators,
predicate bands, documented alternatives, and the :class:`Methodology` that scoring reads.

Every number carries ``status`` (``"official"``, ``"reported"`` or ``"assumed"``, see
:data:`STATUSES`) and its source; :meth:`Methodology.assumptions` lists the assumed ones and
:meth:`Methodology.reported` the reported ones, so every report can say what it rests on.
Reading the TOML files is :mod:`iid_analysis.methodology.loader`'s job.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "PREDICATES",
    "STATUSES",
    "VERIFICATION_STATUSES",
    "Alternative",
    "Band",
    "Indicator",
    "Methodology",
    "MethodologyError",
    "Number",
    "Verification",
    "round_score",
    "round_scores",
]

#: Predicate strings, exactly as fixed by the design (highest first).
PREDICATES: tuple[str, ...] = ("Sangat Inovatif", "Inovatif", "Kurang Inovatif", "Tidak Dapat Dinilai")

#: How sure a number is: an official text was seen; a secondary source (regional government page,
#: news, regional app code citing the ministry) quotes an official rule; the project's own reading.
STATUSES: tuple[str, ...] = ("official", "reported", "assumed")


def round_score(x: float) -> float:
    """Round a score to two decimals, half up, as published (60.005 → 60.01, 34.995 → 35.00)."""
    return float(np.floor(float(x) * 100.0 + 0.5 + 1e-9) / 100.0)


def round_scores(x: np.ndarray) -> np.ndarray:
    """Vectorised :func:`round_score`."""
    return np.floor(np.asarray(x, dtype="float64") * 100.0 + 0.5 + 1e-9) / 100.0


class MethodologyError(ValueError):
    """A methodology file is missing or breaks an invariant. The message is Indonesian, then English."""


@dataclass(frozen=True)
class Number:
    """One number of the methodology with its provenance."""

    key: str  # dotted path in the year file, e.g. "aggregation.divisor_min" or "indicators.SID01.weight"
    value: Any
    status: str
    source: str  # resolved text of the source (not the key)
    note: str = ""

    @property
    def assumed(self) -> bool:
        return self.status == "assumed"

    @property
    def reported(self) -> bool:
        return self.status == "reported"


@dataclass(frozen=True)
class Indicator:
    """One indicator as an edition scores it: ``id`` is the edition's code (e.g. ``"SID16"``)."""

    id: str
    aspect: str  # "SPD" or "SID"
    variable: str
    name: str
    weight: float
    levels: tuple[str, str, str]  # what levels 1, 2, 3 mean
    evidence: str  # the evidence (bukti dukung) asked
    key: str = ""  # the stable catalogue key (e.g. "spd.opini_bpk"): the same indicator in every edition
    #: the level is an outcome the region cannot change before an input deadline (BPK opinion,
    #: poverty, PAD, …): its evidence can be fixed before the deadline, its level cannot
    outcome: bool = False
    #: the evidence per level 1, 2, 3 where each level asks for a different document; () → ``evidence``
    evidence_levels: tuple[str, ...] = ()

    @property
    def max_points(self) -> float:
        return 3 * self.weight

    def evidence_for(self, level: int) -> str:
        """The evidence that counts for ``level`` (1–3): the level's own text, else ``evidence``."""
        lv = int(level)
        if self.evidence_levels and 1 <= lv <= len(self.evidence_levels) and self.evidence_levels[lv - 1]:
            return self.evidence_levels[lv - 1]
        return self.evidence


@dataclass(frozen=True)
class Band:
    """A predicate band: the rounded IID range ``low``–``high`` (both inclusive)."""

    predicate: str
    low: float
    high: float

    def contains(self, rounded_iid: float) -> bool:
        return self.low <= rounded_iid <= self.high


@dataclass(frozen=True)
class Alternative:
    """A documented alternative for an assumed number (used by the robustness analysis)."""

    id: str
    label: str
    replaces: str  # "sid_weights" | "spd_weights" | "count_score" ({per_innovation, cap})
    #                | "count_score_per_innovation" | "n_all_reported" (true) | "affair_coverage" (a mode)
    status: str
    source: str
    value: Any  # a float, or a mapping indicator id → weight


@dataclass(frozen=True)
class Stage:
    """One stage of the IGA after the input period (``[stages]``): what happens, when, how sure.

    ``start``–``end`` is the period (inclusive); ``precision`` "day" when the dates were reported,
    "month" when only the months are known or assumed."""

    key: str
    label: str
    start: dt.date
    end: dt.date
    precision: str  # "day" | "month"
    status: str
    source: str
    note: str = ""


#: Evidence statuses the verification model knows, in this order.
VERIFICATION_STATUSES: tuple[str, ...] = ("valid", "pending", "invalid", "missing")


@dataclass(frozen=True)
class Verification:
    """How the robustness analysis models the ministry's verification and the assumed rules
    (``[verification]`` in ``base.toml``; numbers kept apart from :attr:`Methodology.numbers`
    because they are the project's model of uncertainty, not rules of the index).

    ``accept``: status → probability that the verifier accepts a claimed level's evidence;
    ``concentration``: κ of the Beta(κ·p, κ·(1 − p)) each probability is drawn from (0: fixed);
    ``weight_spread``: each weight × U(1 − s, 1 + s); ``own_frame``: probability that a draw uses
    the edition's own value for every assumed rule; ``inovatif_floor``: the alternative Inovatif
    floor drawn where the edition's floor is assumed (0: none)."""

    accept: dict[str, float] = field(default_factory=lambda: {
        "valid": 0.9, "pending": 0.6, "invalid": 0.05, "missing": 0.0})
    concentration: float = 20.0
    weight_spread: float = 0.25
    own_frame: float = 0.7
    inovatif_floor: float = 40.01
    numbers: tuple[Number, ...] = ()


@dataclass(frozen=True)
class Methodology:
    """Everything scoring needs to know about an edition (see docs/methodology.md)."""

    year: int
    title: str
    organiser: str
    frame_note: str
    indicators: tuple[Indicator, ...]
    divisor_min: int
    count_score_per_innovation: float
    count_score_cap: int
    max_total: float
    evidence_rule: str
    bands: tuple[Band, ...]  # highest first; the last is "Tidak Dapat Dinilai" (0.00)
    eligible_from: dt.date
    eligible_to: dt.date
    counted_stages: tuple[str, ...]
    max_previous_entries: int | None
    input_opens: dt.date
    input_closes: dt.date
    input_extended_to: dt.date | None
    flagship_tiebreak: tuple[str, ...]  # indicator codes that break ties between flagship innovations
    numbers: tuple[Number, ...]
    alternatives: tuple[Alternative, ...] = ()
    # The edition's rule pack (2025–2027 rules; defaults = no rule). See docs/methodology.md.
    basic_affairs: tuple[str, ...] = ()  # the six basic-service affairs (canonical names)
    basic_affairs_required: int = 0  # the count score needs at least this many covered; 0 = no gate
    affair_coverage: str = "main"  # "main" | "main_and_overlapping": what covers an affair
    development_counts: bool = False  # developed inside the window (development_date) → eligible
    min_design_words: int = 0  # rancang bangun shorter than this → a lengkapi finding; 0 = no rule
    profile_fields_asked: tuple[str, ...] = ()  # optional innovation columns the edition asks for
    level_lead_days: int = 30  # project rule: days a level raise needs before the input deadline
    n_all_reported: bool = False  # n counts every reported innovation (rejected ones score 0)
    frame_edition: int = 0  # the edition whose formula and weights give the IID shown (0 = this one)
    formula_status: str = "assumed"  # status of that formula (weights, maxima, aggregation)
    formula_source: str = ""
    edition_bands: tuple[Band, ...] = ()  # the bands the edition itself used, on its own scale
    affairs: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)  # name → aliases
    affair_groups: dict[str, str] = field(default_factory=dict, compare=False)  # name → group
    path: str = ""
    variant: str = ""  # empty for the year file as published; else what was changed (what-if, robustness)
    sources: dict[str, str] = field(default_factory=dict, compare=False)
    verification: Verification = field(default_factory=Verification, compare=False)
    stages: tuple[Stage, ...] = field(default=(), compare=False)  # the IGA stages after input, in order

    # ------------------------------------------------------------------ derived
    def indicator(self, indicator_id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def indicators_of(self, aspect: str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.aspect == aspect)

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.indicators)

    def indicator_table(self) -> pd.DataFrame:
        """One row per indicator: id, aspect, variable, name, weight, max_points, level_1..3, evidence."""
        rows = [
            {
                "indicator_id": i.id,
                "aspect": i.aspect,
                "variable": i.variable,
                "name": i.name,
                "weight": float(i.weight),
                "max_points": float(i.max_points),
                "level_1": i.levels[0],
                "level_2": i.levels[1],
                "level_3": i.levels[2],
                "evidence": i.evidence,
            }
            for i in self.indicators
        ]
        return pd.DataFrame(rows)

    def weights(self, aspect: str | None = None) -> pd.Series:
        inds = self.indicators if aspect is None else self.indicators_of(aspect)
        return pd.Series({i.id: float(i.weight) for i in inds}, name="weight", dtype="float64")

    @property
    def max_spd(self) -> float:
        return float(sum(i.max_points for i in self.indicators_of("SPD")))

    @property
    def max_sid_per_innovation(self) -> float:
        return float(sum(i.max_points for i in self.indicators_of("SID")))

    @property
    def max_count_score(self) -> float:
        return float(self.count_score_per_innovation * self.count_score_cap)

    @property
    def computed_max_total(self) -> float:
        return self.max_spd + self.max_sid_per_innovation + self.max_count_score

    @property
    def input_deadline(self) -> dt.date:
        """The last day an entry is accepted, the extension included."""
        return self.input_extended_to or self.input_closes

    def count_score(self, n: int) -> float:
        return float(self.count_score_per_innovation * min(max(int(n), 0), self.count_score_cap))

    def divisor(self, n: int) -> int:
        return max(self.divisor_min, int(n))

    def assumptions(self) -> list[Number]:
        """Every assumed number of this edition, in file order."""
        return [n for n in self.numbers if n.assumed]

    def reported(self) -> list[Number]:
        """Every reported number of this edition (a secondary source quotes it), in file order."""
        return [n for n in self.numbers if n.reported]

    def assumptions_table(self) -> pd.DataFrame:
        return pd.DataFrame(
            [dataclasses.asdict(n) for n in self.assumptions()],
            columns=["key", "value", "status", "source", "note"],
        )

    # ------------------------------------------------------------------ predicate
    def predicate(self, iid: float) -> str:
        """The predikat for an IID, classified on the score rounded to two decimals."""
        return _classify(self.bands, iid, self.year)

    def edition_predicate(self, score: float) -> str:
        """The predikat the edition itself gave to a score on its own scale (:attr:`edition_bands`)."""
        return _classify(self.edition_bands or self.bands, score, self.year)

    def predicates_of(self, iids: np.ndarray) -> np.ndarray:
        """Vectorised :meth:`predicate` for an array of IIDs (returns an array of predicate strings)."""
        x = round_scores(iids)
        out = np.full(x.shape, "Tidak Dapat Dinilai", dtype=object)
        for band in reversed(self.bands):
            out[(x >= band.low) & (x <= band.high)] = band.predicate
        return out

    def band_of(self, predicate: str) -> Band:
        for band in self.bands:
            if band.predicate == predicate:
                return band
        raise KeyError(predicate)

    def next_band(self, predicate: str) -> Band | None:
        """The band just above ``predicate`` (None at the top)."""
        order = [b.predicate for b in self.bands]
        i = order.index(predicate)
        return self.bands[i - 1] if i > 0 else None

    # ------------------------------------------------------------------ variants
    def with_weights(self, weights: dict[str, float], variant: str) -> Methodology:
        """A copy with some indicator weights replaced; maxima follow (max_total is recomputed)."""
        unknown = set(weights) - set(self.indicator_ids)
        if unknown:
            raise MethodologyError(f"indikator tidak dikenal / unknown indicators: {sorted(unknown)}")
        inds = tuple(
            dataclasses.replace(i, weight=float(weights[i.id])) if i.id in weights else i
            for i in self.indicators
        )
        new = dataclasses.replace(self, indicators=inds, variant=_join(self.variant, variant))
        return dataclasses.replace(new, max_total=new.computed_max_total)

    def with_count_score(self, per_innovation: float, variant: str, cap: int | None = None) -> Methodology:
        new = dataclasses.replace(
            self, count_score_per_innovation=float(per_innovation),
            count_score_cap=int(self.count_score_cap if cap is None else cap),
            variant=_join(self.variant, variant),
        )
        return dataclasses.replace(new, max_total=new.computed_max_total)

    def with_alternative(self, alternative_id: str) -> Methodology:
        alt = next((a for a in self.alternatives if a.id == alternative_id), None)
        if alt is None:
            raise KeyError(alternative_id)
        if alt.replaces in ("sid_weights", "spd_weights"):
            return self.with_weights(dict(alt.value), alt.id)
        if alt.replaces == "count_score":
            return self.with_count_score(float(alt.value["per_innovation"]), alt.id, int(alt.value["cap"]))
        if alt.replaces == "count_score_per_innovation":
            return self.with_count_score(float(alt.value), alt.id)
        if alt.replaces == "n_all_reported":
            return dataclasses.replace(self, n_all_reported=bool(alt.value), variant=_join(self.variant, alt.id))
        if alt.replaces == "affair_coverage":
            return dataclasses.replace(self, affair_coverage=str(alt.value), variant=_join(self.variant, alt.id))
        raise MethodologyError(f"alternatif tidak dikenal / unknown alternative kind: {alt.replaces}")


def _classify(bands: tuple[Band, ...], score: float, year: int) -> str:
    if score is None or pd.isna(score):
        return "Tidak Dapat Dinilai"
    x = round_score(score)
    for band in bands:
        if band.contains(x):
            return band.predicate
    if x <= 0:
        return "Tidak Dapat Dinilai"
    raise MethodologyError(f"IID {x} di luar rentang predikat edisi {year} / IID {x} outside the bands")


def _join(a: str, b: str) -> str:
    return f"{a}+{b}" if a else b
