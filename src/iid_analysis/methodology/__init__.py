"""Methodology is data: one ``<year>.toml`` per IID edition, loaded into a :class:`Methodology`.

Every number in a year file is a table ``{value, status, source}`` where ``status`` is
``"official"`` or ``"assumed"``. :meth:`Methodology.assumptions` lists the assumed ones, so
every report can say what it rests on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "round_score",
    "round_scores",
    "Alternative",
    "Band",
    "Indicator",
    "Methodology",
    "MethodologyError",
    "Number",
    "PREDICATES",
    "available_years",
    "load_methodology",
]

#: Predicate strings, exactly as fixed by the design (highest first).
PREDICATES: tuple[str, ...] = ("Sangat Inovatif", "Inovatif", "Kurang Inovatif", "Tidak Dapat Dinilai")
STATUSES = ("official", "assumed")
ASPECTS = ("SPD", "SID")


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


@dataclass(frozen=True)
class Indicator:
    id: str
    aspect: str  # "SPD" or "SID"
    variable: str
    name: str
    weight: float
    levels: tuple[str, str, str]  # what levels 1, 2, 3 mean
    evidence: str  # the evidence (bukti dukung) asked

    @property
    def max_points(self) -> float:
        return 3 * self.weight


@dataclass(frozen=True)
class Band:
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
    status: str
    source: str
    value: Any  # a float, or a mapping indicator id → weight


@dataclass(frozen=True)
class Methodology:
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
    numbers: tuple[Number, ...]
    alternatives: tuple[Alternative, ...] = ()
    path: str = ""
    variant: str = ""  # empty for the year file as published; else what was changed (what-if, robustness)
    sources: dict[str, str] = field(default_factory=dict, compare=False)

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

    def assumptions_table(self) -> pd.DataFrame:
        return pd.DataFrame(
            [dataclasses.asdict(n) for n in self.assumptions()],
            columns=["key", "value", "status", "source", "note"],
        )

    # ------------------------------------------------------------------ predicate
    def predicate(self, iid: float) -> str:
        """The predikat for an IID, classified on the score rounded to two decimals."""
        if iid is None or pd.isna(iid):
            return "Tidak Dapat Dinilai"
        x = round_score(iid)
        for band in self.bands:
            if band.contains(x):
                return band.predicate
        if x <= 0:
            return "Tidak Dapat Dinilai"
        raise MethodologyError(f"IID {x} di luar rentang predikat edisi {self.year} / IID {x} outside the bands")

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
        raise MethodologyError(f"alternatif tidak dikenal / unknown alternative kind: {alt.replaces}")


def _join(a: str, b: str) -> str:
    return f"{a}+{b}" if a else b


# ---------------------------------------------------------------------- loading
def _package_dir() -> Path:
    return Path(str(resources.files(__package__)))


def available_years() -> list[int]:
    """Editions that have a methodology file, ascending."""
    return sorted(int(p.stem) for p in _package_dir().glob("*.toml") if p.stem.isdigit())


def load_methodology(year: int | str | Path) -> Methodology:
    """Load and check the methodology of an edition (a year, or a path to a TOML file)."""
    if isinstance(year, Path) or (isinstance(year, str) and not str(year).isdigit()):
        path = Path(year)
    else:
        path = _package_dir() / f"{int(year)}.toml"
    if not path.is_file():
        have = ", ".join(str(y) for y in available_years())
        raise MethodologyError(
            f"Tidak ada berkas metodologi untuk edisi {year} (tersedia: {have}). "
            f"/ No methodology file for edition {year} (available: {have})."
        )
    try:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise MethodologyError(f"{path.name}: TOML tidak valid / invalid TOML: {exc}") from None
    return _build(raw, path)


def _build(raw: dict, path: Path) -> Methodology:
    where = path.name
    sources: dict[str, str] = {str(k): str(v) for k, v in raw.get("sources", {}).items()}
    numbers: list[Number] = []

    def number(table: dict, key: str, dotted: str, kind: type | tuple = (int, float)) -> Any:
        if key not in table:
            raise MethodologyError(f"{where}: '{dotted}' tidak ada / missing")
        item = table[key]
        if not isinstance(item, dict) or "value" not in item:
            raise MethodologyError(f"{where}: '{dotted}' harus {{value, status, source}} / must be a table")
        status = item.get("status")
        if status not in STATUSES:
            raise MethodologyError(
                f"{where}: '{dotted}' status harus official/assumed, ditemukan {status!r} / status must be official or assumed"
            )
        src = item.get("source", "")
        if not src:
            raise MethodologyError(f"{where}: '{dotted}' tanpa sumber / has no source")
        value = item["value"]
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise MethodologyError(f"{where}: '{dotted}' bertipe salah: {value!r} / wrong type")
        numbers.append(Number(dotted, value, status, sources.get(src, src), str(item.get("note", ""))))
        return value

    try:
        year = int(raw["edition"])
    except (KeyError, TypeError, ValueError):
        raise MethodologyError(f"{where}: 'edition' tidak ada / missing") from None

    agg = raw.get("aggregation", {})
    divisor_min = number(agg, "divisor_min", "aggregation.divisor_min", int)
    cs_per = number(agg, "count_score_per_innovation", "aggregation.count_score_per_innovation")
    cs_cap = number(agg, "count_score_cap", "aggregation.count_score_cap", int)
    declared = {
        k: number(agg, k, f"aggregation.{k}")
        for k in ("max_spd", "max_sid_per_innovation", "max_count_score", "max_total")
    }
    evidence_rule = number(agg, "evidence_rule", "aggregation.evidence_rule", str)

    elig = raw.get("eligibility", {})
    eligible_from = number(elig, "implemented_from", "eligibility.implemented_from", dt.date)
    eligible_to = number(elig, "implemented_to", "eligibility.implemented_to", dt.date)
    stages = number(elig, "counted_stages", "eligibility.counted_stages", list)
    max_prev = number(elig, "max_previous_entries", "eligibility.max_previous_entries", int)

    win = raw.get("input_window", {})
    opens = number(win, "opens", "input_window.opens", dt.date)
    closes = number(win, "closes", "input_window.closes", dt.date)
    extended = number(win, "extended_to", "input_window.extended_to", dt.date) if "extended_to" in win else None

    bands: list[Band] = []
    for i, b in enumerate(raw.get("bands", [])):
        name = b.get("predicate")
        if name not in PREDICATES:
            raise MethodologyError(f"{where}: predikat tidak dikenal {name!r} / unknown predicate")
        lo = float(number(b, "low", f"bands.{name}.low"))
        hi = float(number(b, "high", f"bands.{name}.high"))
        if lo > hi:
            raise MethodologyError(f"{where}: rentang {name} terbalik ({lo} > {hi}) / band reversed")
        bands.append(Band(name, lo, hi))
        del i
    bands.sort(key=lambda b: -b.high)
    _check_bands(bands, where)

    indicators: list[Indicator] = []
    for item in raw.get("indicators", []):
        iid = str(item.get("id", ""))
        if not iid:
            raise MethodologyError(f"{where}: indikator tanpa id / indicator without id")
        aspect = item.get("aspect")
        if aspect not in ASPECTS:
            raise MethodologyError(f"{where}: {iid} aspek harus SPD/SID, ditemukan {aspect!r}")
        weight = float(number(item, "weight", f"indicators.{iid}.weight"))
        if not weight > 0:
            raise MethodologyError(f"{where}: bobot {iid} harus positif, ditemukan {weight} / weight must be positive")
        levels = item.get("levels", [])
        if len(levels) != 3:
            raise MethodologyError(f"{where}: {iid} harus punya 3 tingkat / must have 3 level texts")
        indicators.append(
            Indicator(iid, aspect, str(item.get("variable", "")), str(item.get("name", iid)), weight,
                      tuple(str(x) for x in levels), str(item.get("evidence", "")))
        )
    ids = [i.id for i in indicators]
    dup = sorted({x for x in ids if ids.count(x) > 1})
    if dup:
        raise MethodologyError(f"{where}: id indikator ganda {dup} / duplicated indicator ids")
    if not any(i.aspect == "SID" for i in indicators) or not any(i.aspect == "SPD" for i in indicators):
        raise MethodologyError(f"{where}: perlu indikator SPD dan SID / needs SPD and SID indicators")

    alternatives = []
    for a in raw.get("alternatives", []):
        value = a.get("values", a.get("value"))
        alternatives.append(
            Alternative(str(a["id"]), str(a.get("label", a["id"])), str(a["replaces"]),
                        str(a.get("status", "assumed")), sources.get(a.get("source", ""), a.get("source", "")),
                        dict(value) if isinstance(value, dict) else value)
        )

    m = Methodology(
        year=year,
        title=str(raw.get("title", f"Indeks Inovasi Daerah {year}")),
        organiser=str(raw.get("organiser", "")),
        frame_note=str(raw.get("frame_note", "")),
        indicators=tuple(indicators),
        divisor_min=int(divisor_min),
        count_score_per_innovation=float(cs_per),
        count_score_cap=int(cs_cap),
        max_total=float(declared["max_total"]),
        evidence_rule=str(evidence_rule),
        bands=tuple(bands),
        eligible_from=eligible_from,
        eligible_to=eligible_to,
        counted_stages=tuple(str(s) for s in stages),
        max_previous_entries=int(max_prev),
        input_opens=opens,
        input_closes=closes,
        input_extended_to=extended,
        numbers=tuple(numbers),
        alternatives=tuple(alternatives),
        path=str(path),
        sources=sources,
    )
    for key, got in (("max_spd", m.max_spd), ("max_sid_per_innovation", m.max_sid_per_innovation),
                     ("max_count_score", m.max_count_score), ("max_total", m.computed_max_total)):
        if abs(float(declared[key]) - got) > 1e-9:
            raise MethodologyError(
                f"{where}: {key} tertulis {declared[key]} tetapi dari bobot = {got:g} / declared {declared[key]} but computed {got:g}"
            )
    if eligible_from > eligible_to or opens > closes or (extended and extended < closes):
        raise MethodologyError(f"{where}: urutan tanggal tidak masuk akal / dates out of order")
    return m


def _check_bands(bands: list[Band], where: str) -> None:
    """Bands must cover 0.00–100.00 on the two-decimal grid, with no gap and no overlap."""
    if not bands or abs(bands[-1].low) > 1e-9 or abs(bands[0].high - 100.0) > 1e-9:
        raise MethodologyError(f"{where}: rentang predikat harus mencakup 0–100 / bands must cover 0–100")
    for upper, lower in zip(bands, bands[1:], strict=False):
        step = round(upper.low - lower.high, 2)
        if step != 0.01:
            what = "tumpang tindih / overlap" if step <= 0 else "celah / gap"
            raise MethodologyError(
                f"{where}: {what} antara {lower.predicate} ({lower.high}) dan {upper.predicate} ({upper.low})"
            )
