"""The back-test against published results: real IID figures (``data/published``) checked against
the editions' rules.

``data/published/results.csv`` holds one published fact per row (region, edition, IID, predikat,
innovations sent / accepted / collected, mean maturity, rank, source); these are real published
facts, not synthetic data. Two checks per fact:

- **predikat**: the published IID, classified with the bands the edition itself used
  (``Methodology.edition_bands``), gives the published predikat; a predikat without an IID must at
  least be one of the edition's predikat;
- **SPD**: with ``n`` accepted innovations and mean maturity ``m``, the IID implies
  ``SPD = IID / 100 × max_total − m − count_score(n)`` (``n`` at least the divisor minimum, so
  that the SID is the mean maturity), which must lie inside 0 … the maximum SPD (63).

Consistent is not proof: the SPD check only says the published numbers fit one formula.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from iid_analysis.io.locations import repo_root
from iid_analysis.methodology.loader import load_methodology
from iid_analysis.methodology.model import Methodology, round_score
from iid_analysis.text.fmt import num

__all__ = [
    "Check",
    "Fact",
    "back_test",
    "back_test_lines",
    "implied_spd",
    "load_facts",
    "published_dir",
]

_INTS = ("edition", "n_sent", "n_accepted", "n_collected", "rank")
_FLOATS = ("iid", "mean_maturity")


@dataclass(frozen=True)
class Fact:
    """One published fact (a row of ``results.csv``); numbers are None where nothing was published."""

    region: str
    province: str
    region_kind: str
    edition: int
    iid: float | None
    predicate: str
    n_sent: int | None
    n_accepted: int | None
    n_collected: int | None
    mean_maturity: float | None
    rank: int | None
    note: str
    source: str


@dataclass(frozen=True)
class Check:
    """The back-test of one fact: None where a check does not apply."""

    fact: Fact
    expected: str | None  # the predikat the edition's bands give the published IID
    predicate_ok: bool | None
    spd: float | None  # the SPD the published IID implies
    spd_ok: bool | None
    divisor_min: int
    max_spd: float
    scale: float  # max_total / 100: IID points → total points
    per_innovation: float  # the count score per innovation

    @property
    def ok(self) -> bool:
        return self.predicate_ok is not False and self.spd_ok is not False


def published_dir() -> Path:
    """The folder of the published results shipped with the project (``data/published``)."""
    return repo_root() / "data" / "published"


def _value(name: str, text: str) -> object:
    text = text.strip()
    if name in _INTS:
        return int(text) if text else None
    if name in _FLOATS:
        return float(text) if text else None
    return text


def load_facts(folder: Path | None = None, region: str | None = None) -> list[Fact]:
    """The published facts, in file order (only ``region``'s when given, case-insensitive)."""
    path = Path(folder or published_dir()) / "results.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    facts = [Fact(**{k: _value(k, v) for k, v in row.items()}) for row in rows]
    if region:
        facts = [f for f in facts if f.region.casefold() == region.strip().casefold()]
    return facts


def implied_spd(iid: float, n: int, mean_maturity: float, meth: Methodology) -> float:
    """SPD = IID / 100 × max_total − mean maturity − count_score(n), rounded to two decimals."""
    return round_score(iid / 100.0 * meth.max_total - mean_maturity - meth.count_score(n))


def _check(fact: Fact) -> Check:
    meth = load_methodology(fact.edition)
    names = {b.predicate for b in (meth.edition_bands or meth.bands)}
    expected = predicate_ok = spd = spd_ok = None
    if fact.iid is not None:
        expected = meth.edition_predicate(fact.iid)
        predicate_ok = (expected == fact.predicate) if fact.predicate else None
    elif fact.predicate:
        predicate_ok = fact.predicate in names
    if fact.iid is not None and fact.n_accepted is not None and fact.mean_maturity is not None:
        spd = implied_spd(fact.iid, fact.n_accepted, fact.mean_maturity, meth)
        spd_ok = fact.n_accepted >= meth.divisor_min and 0.0 <= spd <= meth.max_spd + 1e-9
    return Check(fact, expected, predicate_ok, spd, spd_ok, int(meth.divisor_min), float(meth.max_spd),
                 float(meth.max_total) / 100.0, float(meth.count_score_per_innovation))


def back_test(facts: list[Fact] | None = None) -> list[Check]:
    """Check every published fact (all of ``data/published/results.csv`` by default)."""
    return [_check(f) for f in (load_facts() if facts is None else facts)]


def _mark(ok: bool | None) -> str:
    return "sesuai" if ok else "TIDAK SESUAI"


def _line(c: Check) -> str:
    f = c.fact
    parts = []
    if f.iid is not None:
        if f.predicate:
            parts.append(f"IID {num(f.iid)} → {c.expected} menurut pita predikat edisi {f.edition}"
                         f" (terbit: {f.predicate}): {_mark(c.predicate_ok)}")
        else:
            parts.append(f"IID {num(f.iid)} → {c.expected} menurut pita predikat edisi {f.edition}")
    elif f.predicate:
        parts.append(f"predikat {f.predicate} (tanpa IID terbit) termasuk predikat edisi {f.edition}: "
                     f"{_mark(c.predicate_ok)}")
    if c.spd is not None:
        parts.append(f"SPD tersirat = {num(f.iid)} × {num(c.scale, 1)} − {num(f.mean_maturity)} − "
                     f"{num(c.per_innovation)} × "
                     f"{f.n_accepted} = {num(c.spd)} (n {f.n_accepted} ≥ {c.divisor_min}, "
                     f"rentang 0–{num(c.max_spd, 0)}): {_mark(c.spd_ok)}")
    about = "sekitar " if "about" in f.note.lower() else ""
    counts = [f"{about}{f.n_collected} dihimpun" if f.n_collected is not None else "",
              f"{f.n_sent} dikirim" if f.n_sent is not None else "",
              f"{f.n_accepted} diterima" if f.n_accepted is not None else "",
              f"peringkat {f.rank}" if f.rank is not None else ""]
    counts = [x for x in counts if x]
    if not parts:
        parts.append("tidak ada IID atau predikat terbit; tidak ada yang diuji")
    head = f"{f.region} {f.edition}" + (f" ({', '.join(counts)})" if counts else "")
    return f"{head}: " + "; ".join(parts) + f". Sumber: {f.source}"


def back_test_lines(checks: list[Check]) -> list[str]:
    """One Indonesian line per fact, then a summary line."""
    lines = [_line(c) for c in checks]
    tested = [c for c in checks if c.predicate_ok is not None or c.spd_ok is not None]
    failed = [c for c in checks if not c.ok]
    verdict = "semua sesuai" if not failed else f"{len(failed)} TIDAK SESUAI"
    lines.append(f"Uji balik: {len(checks)} fakta terbit, {len(tested)} diuji, {verdict}.")
    return lines
