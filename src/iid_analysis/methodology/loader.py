"""Reading an edition's methodology: ``base.toml`` merged under ``<year>.toml``, checked, built.

``base.toml`` holds the indicator catalogue (one entry per stable key such as ``spd.opini_bpk``,
with its weight: a weight belongs to the indicator, not to a code), the default code map (the
2023 codes), the list of government affairs, the sources and the defaults every edition shares;
``<year>.toml`` holds only what the edition sets (codes that map to other keys, weights or
weight statuses that differ — ``[weight_status]`` for a whole aspect —, windows, bands and the
edition's own ``[[edition_bands]]``, rules, alternatives, wording that differs). The
edition is merged over the base: tables merge key by key, anything else (a number
``{value, status, source}``, a list, a text) is replaced whole. The merged data is then checked
(every number marked official/reported/assumed with a source, bands without gap or overlap,
declared maxima equal to the weights) and built into a
:class:`~iid_analysis.methodology.model.Methodology`.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from iid_analysis.methodology.affairs import read_affairs
from iid_analysis.methodology.model import (
    PREDICATES,
    STATUSES,
    VERIFICATION_STATUSES,
    Alternative,
    Band,
    Indicator,
    Methodology,
    MethodologyError,
    Number,
    Verification,
)
from iid_analysis.methodology.stages import read_stages

__all__ = ["BASE_FILE", "available_years", "load_methodology", "merge", "read_edition"]

BASE_FILE = "base.toml"
ASPECTS = ("SPD", "SID")
_ENTRY_FIELDS = {"key", "weight"}  # what an [indicators] entry may hold (or just the key as text)
COVERAGE_MODES = ("main", "main_and_overlapping")
PROFILE_FIELDS = ("development_date", "latitude", "longitude", "asta_cita", "theme", "affairs_other")


# ---------------------------------------------------------------------- files
def _package_dir() -> Path:
    return Path(str(resources.files("iid_analysis.methodology")))


def available_years() -> list[int]:
    """Editions that have a methodology file, ascending (``base.toml`` is not an edition)."""
    return sorted(int(p.stem) for p in _package_dir().glob("*.toml") if p.stem.isdigit())


def load_methodology(year: int | str | Path) -> Methodology:
    """Load and check the methodology of an edition (a year, or a path to an edition TOML file).

    An edition file given by path is merged over the package's ``base.toml`` like a bundled one.
    """
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
    return _build(read_edition(path), path)


def read_edition(path: Path) -> dict:
    """The raw data of an edition: ``base.toml`` with the edition file merged over it."""
    return merge(_read(_package_dir() / BASE_FILE), _read(path))


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise MethodologyError(f"{path.name}: TOML tidak valid / invalid TOML: {exc}") from None


def _is_number(node: Any) -> bool:
    return isinstance(node, dict) and "value" in node


def merge(base: dict, edition: dict) -> dict:
    """``edition`` over ``base``: tables merge key by key; numbers, lists and texts are replaced whole.

    Neither argument is changed. Keys keep the base's order; keys new in the edition follow.
    """
    out = dict(base)
    for key, value in edition.items():
        below = out.get(key)
        if isinstance(below, dict) and isinstance(value, dict) and not _is_number(below) and not _is_number(value):
            out[key] = merge(below, value)
        else:
            out[key] = value
    return out


# ---------------------------------------------------------------------- numbers
class _Numbers:
    """Reads ``{value, status, source[, note]}`` tables and keeps every number read, in order."""

    def __init__(self, where: str, sources: dict[str, str]):
        self.where = where
        self.sources = sources
        self.read: list[Number] = []

    def __call__(self, table: dict, key: str, dotted: str, kind: type | tuple = (int, float)) -> Any:
        if key not in table:
            raise MethodologyError(f"{self.where}: '{dotted}' tidak ada / missing")
        return self.item(table[key], dotted, kind)

    def item(self, item: Any, dotted: str, kind: type | tuple = (int, float)) -> Any:
        where = self.where
        if not isinstance(item, dict) or "value" not in item:
            raise MethodologyError(f"{where}: '{dotted}' harus {{value, status, source}} / must be a table")
        status = item.get("status")
        if status not in STATUSES:
            raise MethodologyError(
                f"{where}: '{dotted}' status harus official/reported/assumed, ditemukan {status!r} "
                f"/ status must be official, reported or assumed"
            )
        src = item.get("source", "")
        if not src:
            raise MethodologyError(f"{where}: '{dotted}' tanpa sumber / has no source")
        value = item["value"]
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise MethodologyError(f"{where}: '{dotted}' bertipe salah: {value!r} / wrong type")
        self.read.append(Number(dotted, value, status, self.sources.get(src, src), str(item.get("note", ""))))
        return value


# ---------------------------------------------------------------------- building
def _build(raw: dict, path: Path) -> Methodology:
    where = path.name
    sources: dict[str, str] = {str(k): str(v) for k, v in raw.get("sources", {}).items()}
    number = _Numbers(where, sources)

    try:
        year = int(raw["edition"])
    except (KeyError, TypeError, ValueError):
        raise MethodologyError(f"{where}: 'edition' tidak ada / missing") from None
    if not isinstance(raw.get("indicators", {}), dict):
        raise MethodologyError(
            f"{where}: [indicators] harus tabel kode = {{ key, weight }} (format lama?) "
            f"/ must map codes to {{ key, weight }} (old full format?)"
        )
    affairs, affair_groups = read_affairs(raw.get("affairs"), where)

    agg = raw.get("aggregation", {})
    divisor_min = number(agg, "divisor_min", "aggregation.divisor_min", int)
    cs_per = number(agg, "count_score_per_innovation", "aggregation.count_score_per_innovation")
    cs_cap = number(agg, "count_score_cap", "aggregation.count_score_cap", int)
    declared = {
        k: number(agg, k, f"aggregation.{k}")
        for k in ("max_spd", "max_sid_per_innovation", "max_count_score", "max_total")
    }
    evidence_rule = number(agg, "evidence_rule", "aggregation.evidence_rule", str)
    basic = tuple(str(a) for a in number(agg, "basic_affairs", "aggregation.basic_affairs", list))
    required = number(agg, "basic_affairs_required", "aggregation.basic_affairs_required", int)
    coverage = number(agg, "affair_coverage", "aggregation.affair_coverage", str)
    _check_rule_pack(basic, required, coverage, affairs, where)

    elig = raw.get("eligibility", {})
    eligible_from = number(elig, "implemented_from", "eligibility.implemented_from", dt.date)
    eligible_to = number(elig, "implemented_to", "eligibility.implemented_to", dt.date)
    development_counts = number(elig, "development_counts", "eligibility.development_counts", bool)
    stages = number(elig, "counted_stages", "eligibility.counted_stages", list)
    max_prev = number(elig, "max_previous_entries", "eligibility.max_previous_entries", int)

    win = raw.get("input_window", {})
    opens = number(win, "opens", "input_window.opens", dt.date)
    closes = number(win, "closes", "input_window.closes", dt.date)
    extended = number(win, "extended_to", "input_window.extended_to", dt.date) if "extended_to" in win else None

    profile = raw.get("profile", {})
    min_words = number(profile, "min_design_words", "profile.min_design_words", int)
    asked = tuple(str(f) for f in number(profile, "fields_asked", "profile.fields_asked", list))
    if min_words < 0 or set(asked) - set(PROFILE_FIELDS):
        raise MethodologyError(
            f"{where}: [profile] tidak valid (kolom dikenal: {', '.join(PROFILE_FIELDS)}) / invalid profile rules"
        )

    planning = raw.get("planning", {})
    lead_days = number(planning, "level_lead_days", "planning.level_lead_days", int) if planning else 30
    if lead_days < 0:
        raise MethodologyError(f"{where}: planning.level_lead_days negatif / negative")

    bands = _bands(raw.get("bands", []), number, where, "bands")
    edition_bands = (
        _bands(raw["edition_bands"], number, where, "edition_bands", own_scale=True)
        if "edition_bands" in raw else bands
    )
    indicators, codes = _indicators(raw, number, where)
    alternatives = tuple(_alternative(a, sources, where) for a in raw.get("alternatives", []))
    formula_status, formula_source = _formula(raw, sources, where)

    m = Methodology(
        year=year,
        title=str(raw.get("title", f"Indeks Inovasi Daerah {year}")),
        organiser=str(raw.get("organiser", "")),
        frame_note=str(raw.get("frame_note", "")),
        indicators=indicators,
        divisor_min=int(divisor_min),
        count_score_per_innovation=float(cs_per),
        count_score_cap=int(cs_cap),
        max_total=float(declared["max_total"]),
        evidence_rule=str(evidence_rule),
        bands=bands,
        eligible_from=eligible_from,
        eligible_to=eligible_to,
        counted_stages=tuple(str(s) for s in stages),
        max_previous_entries=int(max_prev),
        input_opens=opens,
        input_closes=closes,
        input_extended_to=extended,
        flagship_tiebreak=_flagship_tiebreak(raw, codes, where),
        numbers=tuple(number.read),
        alternatives=alternatives,
        basic_affairs=basic,
        basic_affairs_required=int(required),
        affair_coverage=str(coverage),
        development_counts=bool(development_counts),
        min_design_words=int(min_words),
        profile_fields_asked=asked,
        level_lead_days=int(lead_days),
        frame_edition=_edition_year(raw, "frame_edition", where) if "frame_edition" in raw else year,
        formula_status=formula_status,
        formula_source=formula_source,
        edition_bands=edition_bands,
        affairs=affairs,
        affair_groups=affair_groups,
        path=str(path),
        sources=sources,
        verification=_verification(raw.get("verification"), sources, where),
        stages=read_stages(raw.get("stages"), year, sources, where),
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


def _check_rule_pack(basic: tuple[str, ...], required: int, coverage: str,
                     affairs: dict[str, tuple[str, ...]], where: str) -> None:
    unknown = [a for a in basic if a not in affairs]
    if unknown:
        raise MethodologyError(f"{where}: basic_affairs {unknown} tidak ada di [affairs] / not in the affairs list")
    if not 0 <= required <= len(basic):
        raise MethodologyError(
            f"{where}: basic_affairs_required harus 0–{len(basic)}, ditemukan {required} / out of range"
        )
    if coverage not in COVERAGE_MODES:
        raise MethodologyError(f"{where}: affair_coverage harus salah satu {COVERAGE_MODES} / unknown mode {coverage!r}")


def _formula(raw: dict, sources: dict[str, str], where: str) -> tuple[str, str]:
    """The status of the formula behind the IID the project shows, and its resolved source."""
    status, src = raw.get("formula_status"), raw.get("formula_source", "")
    if status not in STATUSES or not src:
        raise MethodologyError(
            f"{where}: formula_status harus official/reported/assumed dengan formula_source "
            f"/ formula_status must be official, reported or assumed, with formula_source"
        )
    return str(status), sources.get(src, str(src))


def _bands(items: list, number: _Numbers, where: str, name: str, own_scale: bool = False) -> tuple[Band, ...]:
    bands: list[Band] = []
    for b in items:
        pred = b.get("predicate")
        if pred not in PREDICATES:
            raise MethodologyError(f"{where}: predikat tidak dikenal {pred!r} / unknown predicate")
        lo = float(number(b, "low", f"{name}.{pred}.low"))
        hi = float(number(b, "high", f"{name}.{pred}.high"))
        if lo > hi:
            raise MethodologyError(f"{where}: rentang {pred} terbalik ({lo} > {hi}) / band reversed")
        bands.append(Band(pred, lo, hi))
    bands.sort(key=lambda b: -b.high)
    _check_bands(bands, where, own_scale)
    return tuple(bands)


def _check_bands(bands: list[Band], where: str, own_scale: bool = False) -> None:
    """Bands must cover 0.00–100.00 (an edition's own scale: 0.00 upwards) on the two-decimal grid,
    with no gap and no overlap."""
    top_ok = bool(bands) and (bands[0].high >= 100.0 if own_scale else abs(bands[0].high - 100.0) <= 1e-9)
    if not bands or abs(bands[-1].low) > 1e-9 or not top_ok:
        raise MethodologyError(f"{where}: rentang predikat harus mencakup 0–100 / bands must cover 0–100")
    for upper, lower in zip(bands, bands[1:], strict=False):
        step = round(upper.low - lower.high, 2)
        if step != 0.01:
            what = "tumpang tindih / overlap" if step <= 0 else "celah / gap"
            raise MethodologyError(
                f"{where}: {what} antara {lower.predicate} ({lower.high}) dan {upper.predicate} ({upper.low})"
            )


def _catalogue(raw: dict, where: str) -> dict[str, dict]:
    """The catalogue as ``{"sid.regulasi": {...}}`` (nested TOML tables flattened to dotted keys).

    An entry is a table holding texts and its ``weight`` number; every entry must be complete, so a
    misspelt override in an edition (``spd.apdb.name = …``) is an error, not a silent no-op.
    """
    flat: dict[str, dict] = {}

    def walk(node: dict, prefix: str) -> None:
        for name, value in node.items():
            key = f"{prefix}.{name}" if prefix else str(name)
            if not isinstance(value, dict):
                raise MethodologyError(f"{where}: katalog '{key}' harus tabel / catalogue entry must be a table")
            if all(isinstance(v, dict) and not _is_number(v) for v in value.values()):
                walk(value, key)
            else:
                flat[key] = value

    walk(raw.get("catalogue", {}), "")
    for key, item in flat.items():
        if item.get("aspect") not in ASPECTS:
            raise MethodologyError(f"{where}: {key} aspek harus SPD/SID, ditemukan {item.get('aspect')!r}")
        levels = item.get("levels", [])
        if not isinstance(levels, list) or len(levels) != 3:
            raise MethodologyError(f"{where}: {key} harus punya 3 tingkat / must have 3 level texts")
        if not isinstance(item.get("outcome", False), bool):
            raise MethodologyError(f"{where}: {key} outcome harus true/false / outcome must be a boolean")
        ev = item.get("evidence_levels", [])
        if not isinstance(ev, list) or len(ev) not in (0, 3) or not all(isinstance(x, str) for x in ev):
            raise MethodologyError(f"{where}: {key} evidence_levels harus 3 teks / must be 3 texts")
    return flat


def _weight(code: str, entry: dict, item: dict, raw: dict, where: str) -> dict:
    """The weight number of an indicator: the catalogue's, with the edition's status for the aspect
    (``[weight_status]``) over it, or the edition's own ``weight`` for this code over both."""
    if "weight" in entry:
        return entry["weight"]
    if "weight" not in item:
        raise MethodologyError(f"{where}: {code} → {entry['key']} tanpa bobot / the key has no weight")
    status = raw.get("weight_status", {}).get(item["aspect"])
    if status is None:
        return item["weight"]
    if not isinstance(status, dict) or set(status) - {"status", "source", "note"}:
        raise MethodologyError(f"{where}: [weight_status] {item['aspect']} harus {{status, source[, note]}}")
    return {"value": item["weight"].get("value"), **status}


def _indicators(raw: dict, number: _Numbers, where: str) -> tuple[tuple[Indicator, ...], dict[str, str]]:
    """The edition's indicators in file order, and the map catalogue key → edition code."""
    entries = raw.get("indicators", {})
    catalogue = _catalogue(raw, where)
    indicators: list[Indicator] = []
    codes: dict[str, str] = {}
    for code, given in entries.items():
        entry = {"key": given} if isinstance(given, str) else given
        if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
            raise MethodologyError(f"{where}: {code} harus {{ key, weight }} / must be {{ key, weight }}")
        unknown = sorted(set(entry) - _ENTRY_FIELDS)
        if unknown:
            raise MethodologyError(f"{where}: {code} isian tidak dikenal {unknown} / unknown fields")
        key = entry["key"]
        item = catalogue.get(key)
        if item is None:
            raise MethodologyError(f"{where}: {code} → {key!r} tidak ada di katalog / key not in the catalogue")
        if key in codes:
            raise MethodologyError(
                f"{where}: kunci {key} ganda ({codes[key]}, {code}) / indicator key used twice"
            )
        codes[key] = code
        weight = float(number.item(_weight(code, entry, item, raw, where), f"indicators.{code}.weight"))
        if not weight > 0:
            raise MethodologyError(f"{where}: bobot {code} harus positif, ditemukan {weight} / weight must be positive")
        indicators.append(
            Indicator(code, item["aspect"], str(item.get("variable", "")), str(item.get("name", code)), weight,
                      tuple(str(x) for x in item["levels"]), str(item.get("evidence", "")), key,
                      bool(item.get("outcome", False)),
                      tuple(str(x) for x in item.get("evidence_levels", [])))
        )
    if not any(i.aspect == "SID" for i in indicators) or not any(i.aspect == "SPD" for i in indicators):
        raise MethodologyError(f"{where}: perlu indikator SPD dan SID / needs SPD and SID indicators")
    return tuple(indicators), codes


ALTERNATIVE_KINDS = ("sid_weights", "spd_weights", "count_score", "count_score_per_innovation",
                     "n_all_reported", "affair_coverage")


def _alternative(a: dict, sources: dict[str, str], where: str) -> Alternative:
    value = a.get("values", a.get("value"))
    kind = str(a.get("replaces", ""))
    ok = kind in ALTERNATIVE_KINDS and value is not None
    if kind == "n_all_reported":
        ok = isinstance(value, bool)
    elif kind == "affair_coverage":
        ok = value in COVERAGE_MODES
    if not ok:
        raise MethodologyError(
            f"{where}: alternatif {a.get('id')!r}: replaces {kind!r} / nilai {value!r} tidak valid "
            f"(jenis: {', '.join(ALTERNATIVE_KINDS)}) / invalid alternative"
        )
    status = str(a.get("status", "assumed"))
    if status not in STATUSES:
        raise MethodologyError(f"{where}: alternatif {a.get('id')!r}: status {status!r} tidak dikenal / unknown status")
    return Alternative(str(a["id"]), str(a.get("label", a["id"])), kind, status,
                       sources.get(a.get("source", ""), a.get("source", "")),
                       dict(value) if isinstance(value, dict) else value)


def _verification(raw: dict | None, sources: dict[str, str], where: str) -> Verification:
    """The ``[verification]`` section: acceptance probability per evidence status and how the
    robustness analysis varies them and the assumed rules (numbers kept apart from the edition's)."""
    if not raw:
        return Verification()
    number = _Numbers(where, sources)
    accept = {s: float(number(raw, f"accept_{s}", f"verification.accept_{s}")) for s in VERIFICATION_STATUSES}
    out = Verification(
        accept=accept,
        concentration=float(number(raw, "concentration", "verification.concentration")),
        weight_spread=float(number(raw, "weight_spread", "verification.weight_spread")),
        own_frame=float(number(raw, "own_frame", "verification.own_frame")),
        inovatif_floor=float(number(raw, "inovatif_floor", "verification.inovatif_floor")),
        numbers=tuple(number.read),
    )
    bad = [f"accept_{s}" for s, p in accept.items() if not 0.0 <= p <= 1.0]
    bad += ["concentration"] if out.concentration < 0 else []
    bad += ["weight_spread"] if not 0.0 <= out.weight_spread < 1.0 else []
    bad += ["own_frame"] if not 0.0 < out.own_frame <= 1.0 else []
    bad += ["inovatif_floor"] if not 0.0 <= out.inovatif_floor <= 100.0 else []
    if bad:
        raise MethodologyError(f"{where}: [verification] {', '.join(bad)} di luar rentang / out of range")
    return out


def _flagship_tiebreak(raw: dict, codes: dict[str, str], where: str) -> tuple[str, ...]:
    """The tie-break indicators (catalogue keys in the files) as this edition's codes."""
    keys = raw.get("flagship_tiebreak", [])
    missing = [k for k in keys if k not in codes]
    if missing:
        raise MethodologyError(
            f"{where}: flagship_tiebreak {missing} tidak dipakai edisi ini / keys not used by this edition"
        )
    return tuple(codes[k] for k in keys)


def _edition_year(raw: dict, name: str, where: str) -> int:
    frame = raw.get(name)
    if not isinstance(frame, int) or isinstance(frame, bool):
        raise MethodologyError(f"{where}: '{name}' harus tahun edisi / must be an edition year")
    return frame
