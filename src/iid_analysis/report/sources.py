"""The one Indonesian "Sumber: …" line under every figure and table of an edition's pages.

``source_line(a)`` → ``"Sumber: data inovasi Kota Pekalongan edisi 2021 (data sintetis), telaah
meja dan perhitungan iid-analysis; metodologi edisi 2021."``. The region's name comes from the
data's ``region`` table (``a.dataset.region``); without one the line says "Pemerintah Daerah".
"(data sintetis)" appears only when the region table says the data are synthetic — never the
name of a file or folder. The text is plain (not escaped): escape it where it goes into HTML.
"""

from __future__ import annotations

from collections.abc import Iterable

REGION_FALLBACK = "Pemerintah Daerah"


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
    line += ", telaah meja dan perhitungan iid-analysis"
    line += "; metodologi masing-masing edisi" if len(set(ys)) > 1 else f"; metodologi edisi {ys[0]}"
    note = (note or "").strip().rstrip(".")
    if note:
        line += f"; {note}"
    return line + "."


def _region(a) -> dict | None:
    ds = getattr(a, "dataset", None)
    try:
        region = getattr(ds, "region", None)
    except (AttributeError, KeyError, TypeError, ValueError):
        return None
    return region if isinstance(region, dict) else None
