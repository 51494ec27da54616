"""Figures with one house style (matplotlib). Indonesian titles and axis labels; numbers with a comma.

Every function takes tidy data and returns a closed :class:`matplotlib.figure.Figure` (it displays
once in a notebook, and ``save`` writes it as a reproducible PNG). No global state is changed:
the style is applied through ``plt.rc_context``. Every figure carries its "Sumber: …" line
(``source=``, drawn bottom left, small and grey). PNGs are written at :data:`DPI` (print quality)
with a reduced palette (:data:`PNG_COLOURS`) so the pages stay light; :func:`css_width` gives the
width to show them at on screen. The trend, timeline, heatmap and composition figures live in
:mod:`iid_analysis.report.plots_trend`.
"""

from __future__ import annotations

import hashlib
import io
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from iid_analysis.text import fmt

PALETTE = ["#17324d", "#2f6f9f", "#5fa8d3", "#9cc9e6", "#e39b3a", "#c8553d", "#6a8d4f", "#8a6fb3"]
PREDICATE_COLOURS = {
    "Sangat Inovatif": "#2e7d32",
    "Inovatif": "#2f6f9f",
    "Kurang Inovatif": "#e39b3a",
    "Tidak Dapat Dinilai": "#9e9e9e",
}
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e3e8ee",
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "figure.facecolor": "white",
    "svg.hashsalt": "iid-analysis",
    "text.parse_math": False,  # names are text: a "$" in a unit's or region's name is a dollar sign
}

DPI = 200  # print resolution of the saved PNGs
SCREEN_PPI = 96  # CSS pixels per inch: a figure 8.5 in wide shows 816 px wide
PNG_COLOURS = 64  # palette of the saved PNGs (no dithering): far fewer bytes than full colour
SOURCE_COLOUR = "#6b7785"
SOURCE_CHARS_PER_INCH = 21  # characters of the 7-point source line per inch of figure width


def _num_tick(x, _pos=None) -> str:
    """Axis tick in Indonesian: ``10`` → "10", ``2.5`` → "2,5", ``1.25`` → "1,25", ``1000`` →
    "1.000" (as many decimals as the tick has, up to two)."""
    x = float(x)
    for decimals in (0, 1):
        if abs(x - round(x, decimals)) < 1e-9:
            return fmt.num(x, decimals)
    return fmt.num(x, 2)


_id_num = FuncFormatter(_num_tick)
_LABEL_BOX = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}
_id_pct = FuncFormatter(lambda x, _pos: fmt.pct(x, 0))


def short(text: object, width: int = 28) -> str:
    """``text`` cut to ``width`` characters with "…" when longer (labels of crowded axes)."""
    t = "" if fmt.is_missing(text) else " ".join(str(text).split())
    return t if len(t) <= width else t[: width - 1].rstrip() + "…"


def wrapped(text: object, width: int = 40, lines: int = 2) -> str:
    """``text`` on at most ``lines`` lines of ``width`` characters, "…" when cut (long bar labels)."""
    parts = textwrap.wrap("" if fmt.is_missing(text) else str(text), width) or [""]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], short(" ".join(parts[lines - 1:]), width)]
    return "\n".join(parts)


def _title(fig, title: str) -> None:
    """The figure's title at its top left (not over the axes: long bar labels would push it out)."""
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=12)


def _new(width: float = 8.0, height: float = 4.2, **kw):
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(width, height), layout="constrained", **kw)
    return fig, ax


def add_source(fig, source: str = "") -> None:
    """Write the "Sumber: …" line at the bottom left of ``fig`` (the layout keeps room for it)."""
    if source:
        width = max(40, int(fig.get_figwidth() * SOURCE_CHARS_PER_INCH))
        text = "\n".join(textwrap.wrap(source, width)) or source
        with plt.rc_context(STYLE):
            fig.supxlabel(text, x=0.005, ha="left", fontsize=7, color=SOURCE_COLOUR, linespacing=1.2)


def _finish(fig, source: str = "") -> matplotlib.figure.Figure:
    add_source(fig, source)
    plt.close(fig)
    return fig


def _empty(title: str, message: str = "Tidak ada data untuk digambar.", source: str = ""):
    fig, ax = _new(8, 1.6)
    with plt.rc_context(STYLE):
        ax.set_axis_off()
        ax.set_title(title, loc="left")
        ax.text(0.0, 0.4, message, transform=ax.transAxes, fontsize=11, color="#4a5a6a")
    return _finish(fig, source)


KEY_FIELD = "iid-analysis-figure"  # PNG text chunk: fingerprint of what the figure was drawn from


def png_bytes(fig, key: str | None = None) -> bytes:
    """The figure as PNG bytes at :data:`DPI`, rendered once, with a palette of
    :data:`PNG_COLOURS` colours, no timestamp or software metadata (``key``, when given, is
    stored in the PNG's :data:`KEY_FIELD` text chunk)."""
    from PIL import Image, PngImagePlugin  # a matplotlib dependency

    buf = io.BytesIO()
    with plt.rc_context(STYLE):
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    buf.seek(0)
    with Image.open(buf) as im:
        small = im.convert("RGB").quantize(colors=PNG_COLOURS, dither=Image.Dither.NONE)
    info = PngImagePlugin.PngInfo()
    if key:
        info.add_text(KEY_FIELD, key)
    out = io.BytesIO()
    small.save(out, format="png", optimize=True, dpi=(DPI, DPI), pnginfo=info)
    return out.getvalue()


def png_size(png: bytes) -> tuple[int, int, float]:
    """Width and height in pixels and the resolution (dots per inch) of PNG bytes; the
    resolution is :data:`DPI` when the PNG does not say."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        dpi = im.info.get("dpi") or (DPI, DPI)
        return int(im.width), int(im.height), float(dpi[0]) or float(DPI)


def css_width(png: bytes) -> int:
    """The width in CSS pixels to show a figure at: its width in inches × :data:`SCREEN_PPI`."""
    width, _height, dpi = png_size(png)
    return round(width / dpi * SCREEN_PPI)


def save(fig, out_dir: str | Path | None, name: str, key: str | None = None) -> bytes:
    """Render ``fig`` to PNG once; also write it as ``<out_dir>/figures/<name>.png`` when
    ``out_dir`` is given. Returns the PNG bytes (for display)."""
    data = png_bytes(fig, key)
    if out_dir:
        path = Path(out_dir) / "figures" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return data


def fingerprint(*parts, code: Sequence[str | Path] = ()) -> str:
    """A stable key for a figure: the drawing code (this module and the ``code`` files, e.g. the
    module whose function draws it) and the figure's inputs (tables by their CSV text, anything
    else by its ``repr``)."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    h.update(Path(__file__).with_name("plots_trend.py").read_bytes())
    for path in code:
        h.update(Path(path).read_bytes())
    for part in parts:
        text = part.to_csv() if isinstance(part, pd.DataFrame | pd.Series) else repr(part)
        h.update(b"\0" + text.encode("utf-8"))
    return h.hexdigest()


def saved_png(out_dir: str | Path | None, name: str, key: str) -> bytes | None:
    """The PNG bytes of ``<out_dir>/figures/<name>.png`` if it was drawn from ``key``; else None."""
    if not out_dir:
        return None
    path = Path(out_dir) / "figures" / f"{name}.png"
    if not path.is_file():
        return None
    from PIL import Image  # a matplotlib dependency

    try:
        with Image.open(path) as im:
            found = im.info.get(KEY_FIELD)
    except OSError:  # not a readable PNG: draw it again
        return None
    return path.read_bytes() if found == key else None


def drawn_once(out_dir: str | Path | None, name: str, key: str, draw: Callable[[], object]) -> bytes:
    """PNG of a figure shown by more than one notebook of a run: reused from ``out_dir`` when the
    same code drew it there from the same inputs (``key``), drawn and saved otherwise."""
    found = saved_png(out_dir, name, key)
    return found if found is not None else save(draw(), out_dir, name, key)


def hbar(df: pd.DataFrame, label: str, value: str, title: str, xlabel: str,
         highlight: Sequence[str] = (), value_format=fmt.integer, max_items: int = 25,
         colour: str | None = None, *, source: str = ""):
    """Horizontal bars, largest at the top; values written at the bar ends."""
    if df is None or df.empty:
        return _empty(title, source=source)
    d = df[[label, value]].dropna().head(max_items).iloc[::-1]
    tall = any(len(str(v)) > 40 for v in d[label])  # two-line labels need taller rows
    fig, ax = _new(8.5, max(2.0, (0.5 if tall else 0.33) * len(d) + 1.4))
    with plt.rc_context(STYLE):
        colours = [PALETTE[5] if str(v) in set(highlight) else (colour or PALETTE[1]) for v in d[label]]
        y = np.arange(len(d))
        ax.barh(y, d[value].astype(float), color=colours)
        ax.set_yticks(y, [wrapped(v, 40) for v in d[label]], fontsize=9)
        _title(fig, title)
        ax.set_xlabel(xlabel)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]))
        ax.xaxis.set_major_formatter(_id_num)
        ax.grid(axis="y", visible=False)
        top = float(d[value].max()) if len(d) else 0.0
        for y, v in enumerate(d[value].astype(float)):
            ax.text(v + top * 0.01, y, value_format(v), va="center", fontsize=9)
        ax.set_xlim(0, top * 1.15 if top > 0 else 1)
    return _finish(fig, source)


def funnel(df: pd.DataFrame, title: str, label: str = "label", value: str = "count",
           share: str = "share_of_entered", *, source: str = ""):
    """The desk-review funnel: one bar per step (in the frame's order), its count and its share
    of entries written as the table under it writes them (:func:`fmt.pct`, one decimal)."""
    if df is None or df.empty:
        return _empty(title, source=source)
    d = df.reset_index(drop=True)
    counts = d[value].astype(float)
    first = float(counts.iloc[0]) or 1.0
    shares_ = d[share].astype(float) if share in d else counts / first
    fig, ax = _new(8.5, 0.5 * len(d) + 1.5)
    with plt.rc_context(STYLE):
        y = np.arange(len(d))[::-1]
        ax.barh(y, counts, color=PALETTE[1])  # one colour: the steps are one quantity
        ax.set_yticks(y, d[label].astype(str))
        _title(fig, title)
        ax.set_xlabel("Jumlah inovasi")
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_formatter(_id_num)
        top = max(float(counts.max()), 1.0)
        for yi, v, sh in zip(y, counts, shares_, strict=True):
            ax.text(v + top * 0.01, yi, f"{fmt.integer(v)} ({fmt.pct(sh)})", va="center", fontsize=9)
        ax.set_xlim(0, top * 1.28)
    return _finish(fig, source)


def histogram(values: Sequence[float], title: str, xlabel: str,
              edges: Sequence[tuple[float, str]] = (), marker: tuple[float, str] | None = None,
              bins: int | Sequence[float] = 40, *, xlim: tuple[float, float] | None = None,
              threshold: tuple[float, str] | None = None, ylabel: str = "Frekuensi", source: str = ""):
    """Distribution of values (e.g. Monte Carlo IIDs or maturity scores) with reference lines:
    ``edges`` (dashed, e.g. predikat limits), ``marker`` (solid, e.g. the mean or the IID) and
    ``threshold`` (dotted, e.g. the coaching line). ``xlim`` fixes the axis (e.g. 0 to the
    maximum score); without it the axis follows the data."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return _empty(title, source=source)
    fig, ax = _new(8.5, 3.9)
    with plt.rc_context(STYLE):
        ax.hist(v, bins=bins if isinstance(bins, int) else np.asarray(bins, dtype=float),
                color=PALETTE[2], edgecolor="white")
        if xlim is not None:
            lo, hi = float(xlim[0]), float(xlim[1])
            ax.set_xlim(lo, hi)
            ticks = [t for t in ax.get_xticks() if lo <= t <= hi and hi - t >= (hi - lo) * 0.06]
            ax.set_xticks([*ticks, hi])  # the end of the scale (e.g. 111) written on the axis
        else:
            marks = [m[0] for m in (marker, threshold) if m is not None]
            lo, hi = min([float(v.min()), *marks]), max([float(v.max()), *marks])
            pad = max(2.0, (hi - lo) * 0.15)
            lo, hi = lo - pad, hi + pad
            ax.set_xlim(lo, hi)
        ax.set_ylim(0, ax.get_ylim()[1] * 1.18)  # room for the line labels above the bars
        top = ax.get_ylim()[1]
        for val, lab in [(val, lab) for val, lab in edges if lo <= val <= hi]:
            ax.axvline(val, color="#5c6b7a", linestyle="--", linewidth=1)
            ax.text(val, top * 0.97, f" {lab}", fontsize=8, color="#5c6b7a", va="top")
        if threshold is not None and lo <= threshold[0] <= hi:
            ax.axvline(threshold[0], color=PALETTE[6], linestyle=":", linewidth=2)
            ax.text(threshold[0], top * 0.97, f" {threshold[1]}", fontsize=8, color=PALETTE[6], va="top",
                    bbox=_LABEL_BOX)
        if marker is not None:
            ax.axvline(marker[0], color=PALETTE[5], linewidth=2)
            ax.text(marker[0], top * 0.86, f" {marker[1]}", fontsize=8, color=PALETTE[5], va="top", bbox=_LABEL_BOX)
        ax.set_title(title, loc="left")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(_id_num)
        ax.yaxis.set_major_formatter(_id_num)
    return _finish(fig, source)


def shares(labels: Sequence[str], values: Sequence[float], title: str, colours: Sequence[str] | None = None,
           *, source: str = ""):
    """A single stacked bar of shares (e.g. predicate probabilities) with labels in percent."""
    vals = np.asarray(values, dtype=float)
    if vals.size == 0 or not np.isfinite(vals).any() or vals.sum() <= 0:
        return _empty(title, source=source)
    fig, ax = _new(8.5, 2.1)
    with plt.rc_context(STYLE):
        left = 0.0
        for i, (lab, v) in enumerate(zip(labels, vals, strict=True)):
            c = (colours[i] if colours else PALETTE[i % len(PALETTE)])
            ax.barh([0], [v], left=left, color=c, label=f"{lab}: {fmt.pct(v, 1)}")
            if v >= 0.06:
                ax.text(left + v / 2, 0, fmt.pct(v, 0), ha="center", va="center", color="white", fontsize=10)
            left += v
        ax.set_xlim(0, 1)
        ax.set_yticks([])
        ax.xaxis.set_major_formatter(_id_pct)
        ax.grid(False)
        ax.set_title(title, loc="left")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncols=4, frameon=False, fontsize=9)
    return _finish(fig, source)
