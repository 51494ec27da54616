"""Figures with one house style (matplotlib). Indonesian titles and axis labels; numbers with a comma.

Every function takes tidy data and returns a closed :class:`matplotlib.figure.Figure` (it displays
once in a notebook, and ``save`` writes it as a reproducible PNG). No global state is changed:
the style is applied through ``plt.rc_context``.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Sequence
from pathlib import Path

import matplotlib
import matplotlib.dates
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
    "savefig.dpi": 110,
    "figure.facecolor": "white",
    "svg.hashsalt": "iid-analysis",
}

_id_num = FuncFormatter(lambda x, _pos: fmt.num(x, 0) if float(x).is_integer() else fmt.num(x, 1))
_id_pct = FuncFormatter(lambda x, _pos: fmt.pct(x, 0))


def _new(width: float = 8.0, height: float = 4.2, **kw):
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(width, height), layout="constrained", **kw)
    return fig, ax


def _finish(fig) -> matplotlib.figure.Figure:
    plt.close(fig)
    return fig


def _empty(title: str, message: str = "Tidak ada data untuk digambar."):
    fig, ax = _new(8, 1.6)
    with plt.rc_context(STYLE):
        ax.set_axis_off()
        ax.set_title(title, loc="left")
        ax.text(0.0, 0.4, message, transform=ax.transAxes, fontsize=11, color="#4a5a6a")
    return _finish(fig)


KEY_FIELD = "iid-analysis-figure"  # PNG text chunk: fingerprint of what the figure was drawn from


def png_bytes(fig, key: str | None = None) -> bytes:
    """The figure as PNG bytes, rendered once, with no timestamp or software metadata
    (``key``, when given, is stored in the PNG's :data:`KEY_FIELD` text chunk)."""
    buf = io.BytesIO()
    metadata = {"Software": None, **({KEY_FIELD: key} if key else {})}
    with plt.rc_context(STYLE):
        fig.savefig(buf, format="png", metadata=metadata)
    return buf.getvalue()


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
         colour: str | None = None):
    """Horizontal bars, largest at the top; values written at the bar ends."""
    if df is None or df.empty:
        return _empty(title)
    d = df[[label, value]].dropna().head(max_items).iloc[::-1]
    fig, ax = _new(8.5, max(2.0, 0.33 * len(d) + 1.2))
    with plt.rc_context(STYLE):
        colours = [PALETTE[5] if str(v) in set(highlight) else (colour or PALETTE[1]) for v in d[label]]
        ax.barh(d[label].astype(str), d[value].astype(float), color=colours)
        ax.set_title(title, loc="left")
        ax.set_xlabel(xlabel)
        ax.xaxis.set_major_formatter(_id_num)
        ax.grid(axis="y", visible=False)
        top = float(d[value].max()) if len(d) else 0.0
        for y, v in enumerate(d[value].astype(float)):
            ax.text(v + top * 0.01, y, value_format(v), va="center", fontsize=9)
        ax.set_xlim(0, top * 1.15 if top > 0 else 1)
    return _finish(fig)


def funnel(df: pd.DataFrame, title: str, label: str = "label", value: str = "count"):
    """The desk-review funnel: one bar per step, counts and share of entries written."""
    if df is None or df.empty:
        return _empty(title)
    d = df[[label, value]].reset_index(drop=True)
    first = float(d[value].iloc[0]) or 1.0
    fig, ax = _new(8.5, 0.5 * len(d) + 1.3)
    with plt.rc_context(STYLE):
        y = np.arange(len(d))[::-1]
        ax.barh(y, d[value].astype(float), color=[PALETTE[i % 4] for i in range(len(d))])
        ax.set_yticks(y, d[label].astype(str))
        ax.set_title(title, loc="left")
        ax.set_xlabel("Jumlah inovasi")
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_formatter(_id_num)
        for yi, v in zip(y, d[value].astype(float), strict=True):
            ax.text(v + first * 0.01, yi, f"{fmt.integer(v)} ({fmt.pct(v / first, 0)})", va="center", fontsize=9)
        ax.set_xlim(0, first * 1.25)
    return _finish(fig)


def trend(df: pd.DataFrame, x: str, series: dict[str, str], title: str, ylabel: str,
          bands: Sequence[tuple[float, str]] = (), secondary: dict[str, str] | None = None):
    """Lines over editions. ``series``: column → Indonesian legend label. ``bands``: horizontal
    reference lines (value, label), e.g. the predicate thresholds."""
    if df is None or df.empty:
        return _empty(title)
    fig, ax = _new(8.5, 4.2)
    with plt.rc_context(STYLE):
        xs = df[x].astype(int).to_numpy()
        for i, (col, lab) in enumerate(series.items()):
            if col in df:
                ys = df[col].astype(float).to_numpy()
                ax.plot(xs, ys, marker="o", color=PALETTE[i], label=lab)
                for xv, yv in zip(xs, ys, strict=True):
                    if np.isfinite(yv):
                        ax.annotate(fmt.num(yv, 1 if abs(yv) < 100 else 0), (xv, yv), textcoords="offset points",
                                    xytext=(0, 6), ha="center", fontsize=8)
        for val, lab in bands:
            ax.axhline(val, color="#9aa5b1", linestyle="--", linewidth=1)
            ax.text(xs.min(), val, f" {lab}", va="bottom", fontsize=8, color="#5c6b7a")
        if secondary:
            ax2 = ax.twinx()
            for j, (col, lab) in enumerate(secondary.items()):
                if col in df:
                    ax2.bar(xs, df[col].astype(float), alpha=0.3, color=PALETTE[3 + j], label=lab, width=0.5)
            ax2.set_ylabel(" / ".join(secondary.values()))
            ax2.grid(False)
            ax2.yaxis.set_major_formatter(_id_num)
            ax.set_zorder(ax2.get_zorder() + 1)  # the lines and their values above the bars
            ax.patch.set_visible(False)
            h2, l2 = ax2.get_legend_handles_labels()
        else:
            h2, l2 = [], []
        h1, l1 = ax.get_legend_handles_labels()
        # below the plot: inside it, the legend would cover the predicate lines' labels
        fig.legend(h1 + h2, l1 + l2, loc="outside lower center", ncols=max(1, len(l1 + l2)), frameon=False,
                   fontsize=9)
        ax.set_xticks(xs, [str(v) for v in xs])
        ax.set_title(title, loc="left")
        ax.set_xlabel("Edisi")
        ax.set_ylabel(ylabel)
        ax.yaxis.set_major_formatter(_id_num)
    return _finish(fig)


def timeline(df: pd.DataFrame, date: str, cumulative: str, title: str,
             marks: Sequence[tuple[object, str]] = ()):
    """Cumulative entries across the input window; ``marks``: (date, label) vertical lines."""
    if df is None or df.empty:
        return _empty(title, "Tidak ada tanggal input yang tercatat.")
    fig, ax = _new(8.5, 4.0)
    with plt.rc_context(STYLE):
        xs = pd.to_datetime(df[date])
        ax.step(xs, df[cumulative].astype(float), where="post", color=PALETTE[1], linewidth=2)
        ax.fill_between(xs, df[cumulative].astype(float), step="post", alpha=0.15, color=PALETTE[2])
        top = float(df[cumulative].max())
        for d, lab in marks:
            if fmt.is_missing(d):
                continue
            ax.axvline(pd.Timestamp(d), color=PALETTE[5], linestyle="--", linewidth=1.2)
            ax.text(pd.Timestamp(d), top * 1.02, f"{lab}\n{fmt.date(d)}", fontsize=8, ha="right", color=PALETTE[5])
        ax.set_ylim(0, top * 1.25 if top else 1)
        ax.set_title(title, loc="left")
        ax.set_ylabel("Jumlah inovasi (kumulatif)")
        ax.set_xlabel("Tanggal input")
        ax.yaxis.set_major_formatter(_id_num)
        ax.xaxis.set_major_locator(matplotlib.dates.MonthLocator())
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda v, _p: fmt.date(matplotlib.dates.num2date(v).date()).rsplit(" ", 1)[0]))
    return _finish(fig)


def heatmap(df: pd.DataFrame, title: str, xlabel: str, ylabel: str, vmax: float = 3.0):
    """A matrix (rows × columns) of values 0..vmax, e.g. OPD × indicator mean level."""
    if df is None or df.empty:
        return _empty(title)
    fig, ax = _new(max(8.0, 0.45 * df.shape[1] + 3), max(2.5, 0.32 * df.shape[0] + 1.6))
    with plt.rc_context(STYLE):
        vals = df.astype(float).to_numpy()
        im = ax.imshow(np.ma.masked_invalid(vals), aspect="auto", cmap="Blues", vmin=0, vmax=vmax)
        ax.set_xticks(range(df.shape[1]), [str(c) for c in df.columns], rotation=90, fontsize=8)
        ax.set_yticks(range(df.shape[0]), [str(r) for r in df.index], fontsize=8)
        ax.grid(False)
        ax.set_title(title, loc="left")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        cb = fig.colorbar(im, ax=ax, shrink=0.8)
        cb.ax.yaxis.set_major_formatter(_id_num)
    return _finish(fig)


def histogram(values: Sequence[float], title: str, xlabel: str,
              edges: Sequence[tuple[float, str]] = (), marker: tuple[float, str] | None = None, bins: int = 40):
    """Distribution of values (e.g. Monte Carlo IIDs or maturity scores) with reference lines."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return _empty(title)
    fig, ax = _new(8.5, 3.8)
    with plt.rc_context(STYLE):
        ax.hist(v, bins=bins, color=PALETTE[2], edgecolor="white")
        lo = min(float(v.min()), marker[0] if marker else float(v.min()))
        hi = max(float(v.max()), marker[0] if marker else float(v.max()))
        pad = max(2.0, (hi - lo) * 0.15)
        ax.set_xlim(lo - pad, hi + pad)
        edges = [(val, lab) for val, lab in edges if lo - pad <= val <= hi + pad]
        for val, lab in edges:
            ax.axvline(val, color="#5c6b7a", linestyle="--", linewidth=1)
            ax.text(val, ax.get_ylim()[1] * 0.95, f" {lab}", fontsize=8, color="#5c6b7a", va="top")
        if marker is not None:
            ax.axvline(marker[0], color=PALETTE[5], linewidth=2)
            ax.text(marker[0], ax.get_ylim()[1] * 0.75, f" {marker[1]}", fontsize=9, color=PALETTE[5])
        ax.set_title(title, loc="left")
        ax.set_xlabel(xlabel)
        ax.set_ylabel("Frekuensi")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(_id_num)
        ax.yaxis.set_major_formatter(_id_num)
    return _finish(fig)


def shares(labels: Sequence[str], values: Sequence[float], title: str, colours: Sequence[str] | None = None):
    """A single stacked bar of shares (e.g. predicate probabilities) with labels in percent."""
    vals = np.asarray(values, dtype=float)
    if vals.size == 0 or not np.isfinite(vals).any() or vals.sum() <= 0:
        return _empty(title)
    fig, ax = _new(8.5, 1.9)
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
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.35), ncol=4, frameon=False, fontsize=9)
    return _finish(fig)
