"""The one Indonesian "Sumber: …" line under every figure and table of an edition's pages.

``source_line(a)`` → ``"Sumber: data inovasi Kota Pekalongan edisi 2021 (data sintetis); metodologi
edisi 2021 dengan bobot kerangka 2023 (diasumsikan); diolah Bappeda dengan iid-analysis."``. The
method part names the frame actually used (:func:`method_text`: the edition's own formula, or the
frame whose weights and formula it borrows, with the status of that formula), so it says what the
page header and the rules section say. The region's name comes from the
data's ``region`` table (``a.dataset.region``); without one the line says "Pemerintah Daerah".
"(data sintetis)" appears only when the region table says the data are synthetic — never the
name of a file or folder. The text is plain (not escaped): escape it where it goes into HTML.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from iid_analysis.methodology.loader import available_years, load_methodology
from iid_analysis.methodology.model import MethodologyError

REGION_FALLBACK = "Pemerintah Daerah"
PROCESSED_BY = "diolah Bappeda dengan iid-analysis"
_STATUS_WORDS = {"assumed": "diasumsikan", "reported": "dilaporkan"}


def frame_year(m) -> int | None:
    """The edition whose formula and weights give the IID of methodology ``m`` when it is not
    ``m``'s own: ``frame_edition`` when set to another edition (2020 → 2023), else, when the
    formula is assumed, the bundled edition that states the same formula source as its own
    (official or reported: 2019, 2021 → 2023); None when the edition uses its own frame (or when
    ``m`` is missing)."""
    year = int(getattr(m, "year", 0) or 0)
    frame = int(getattr(m, "frame_edition", 0) or 0)
    if frame and frame != year:
        return frame
    if getattr(m, "formula_status", "") != "assumed":
        return None
    return _own_formula_editions().get(str(getattr(m, "formula_source", "") or ""))


@lru_cache(maxsize=1)
def _own_formula_editions() -> dict[str, int]:
    """Formula source → the first bundled edition whose own formula it is (not assumed)."""
    out: dict[str, int] = {}
    for y in available_years():
        try:
            m = load_methodology(y)
        except MethodologyError:  # pragma: no cover - a broken bundled file fails its own tests
            continue
        if m.formula_status != "assumed" and m.frame_edition == m.year and m.formula_source:
            out.setdefault(m.formula_source, y)
    return out


def method_text(m, year: int) -> str:
    """``"metodologi edisi 2021 dengan bobot kerangka 2023 (diasumsikan)"``, or ``"metodologi
    edisi 2023"`` for an edition computed with its own frame."""
    text = f"metodologi edisi {year}"
    frame = frame_year(m)
    if frame is None:
        return text
    status = _STATUS_WORDS.get(str(getattr(m, "formula_status", "")), "")
    return f"{text} dengan bobot kerangka {frame}" + (f" ({status})" if status else "")


def region_name(a) -> str:
    """The region's name as given in the data, or "Pemerintah Daerah" when the data name none."""
    region = _region(a)
    name = str(region.get("name") or "").strip() if region else ""
    return name or REGION_FALLBACK


def is_synthetic(a) -> bool:
    """True only when the data's region table says the data are synthetic."""
    region = _region(a)
    return bool(region and region.get("synthetic") is True)


def editions_text(years: Iterable[int]) -> str:
    """``[2021]`` → ``"2021"``; ``[2019, 2020, 2021]`` → ``"2019–2021"``; ``[2019, 2021]`` →
    ``"2019 dan 2021"``."""
    ys = sorted({int(y) for y in years})
    if not ys:
        return ""
    if len(ys) == 1:
        return str(ys[0])
    if ys == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}–{ys[-1]}"
    return ", ".join(str(y) for y in ys[:-1]) + f" dan {ys[-1]}"


def source_line(a, note: str = "", *, years: Iterable[int] | None = None) -> str:
    """The "Sumber: …" line for edition ``a.year`` (or for the editions ``years``, e.g. a trend),
    with ``note`` (e.g. "skor kematangan setelah telaah meja") added before the closing period."""
    year = int(getattr(a, "year", 0) or 0)
    ys = list(years) if years is not None else [year]
    editions = editions_text(ys) or str(year)
    line = f"Sumber: data inovasi {region_name(a)} edisi {editions}"
    if is_synthetic(a):
        line += " (data sintetis)"
    m = getattr(a, "methodology", None)
    if len(set(ys)) > 1:
        line += "; metodologi masing-masing edisi"
    else:
        line += "; " + method_text(m if int(getattr(m, "year", 0) or 0) == ys[0] else None, ys[0])
    note = (note or "").strip().rstrip(".")
    if note:
        line += f"; {note}"
    return f"{line}; {PROCESSED_BY}."


def _region(a) -> dict | None:
    ds = getattr(a, "dataset", None)
    try:
        region = getattr(ds, "region", None)
    except (AttributeError, KeyError, TypeError, ValueError):
        return None
    return region if isinstance(region, dict) else None
