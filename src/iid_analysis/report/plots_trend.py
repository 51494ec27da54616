"""Figures over time and over units, in the house style of :mod:`iid_analysis.report.plots`:
the trend across editions (small multiples: one y-axis per quantity), the input timeline, the
OPD × indicator heatmap and the composition of entries (one panel per breakdown).

Every function returns a closed figure carrying its "Sumber: …" line (``source=``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.dates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from iid_analysis.report.plots import (
    PALETTE,
    PREDICATE_COLOURS,
    STYLE,
    _empty,
    _finish,
    _id_num,
    _title,
)
from iid_analysis.text import fmt

#: predicate bands drawn in the IID panel (the bottom band, 0, is not a range worth drawing)
BAND_ORDER = ("Kurang Inovatif", "Inovatif", "Sangat Inovatif")
IID_MAX = 100.0


def trend(df: pd.DataFrame, x: str, title: str, *, iid: str = "iid", counts: Mapping[str, str],
          bands: Mapping[int, Sequence[tuple[float, float, str]]] | None = None,
          iid_label: str = "IID", counts_label: str = "Jumlah inovasi", source: str = ""):
    """Two panels over editions, one y-axis per quantity: the IID (0–100) with each edition's
    own predikat bands (``bands``: edition → (low, high, predicate) from that edition's
    methodology), and the counts (``counts``: column → legend label) as bars from zero."""
    if df is None or df.empty:
        return _empty(title, source=source)
    with plt.rc_context(STYLE):
        fig, (ax, axc) = plt.subplots(2, 1, figsize=(8.5, 6.2), layout="constrained", sharex=True,
                                      height_ratios=(3, 2))
        xs = df[x].astype(int).to_numpy()
        bands = bands or {}
        previous: tuple | None = None
        for xv in xs:
            own = [(lo, hi, p) for lo, hi, p in bands.get(int(xv), ()) if p in BAND_ORDER]
            lows = sorted(lo for lo, _hi, _p in own)
            for lo, _hi, p in own:
                upper = min([v for v in lows if v > lo], default=IID_MAX)
                ax.bar(xv, upper - lo, bottom=lo, width=0.9, color=PREDICATE_COLOURS[p], alpha=0.16,
                       linewidth=0)
            edges = tuple(v for v in lows if v > 1.0)
            for v in edges:
                ax.hlines(v, xv - 0.45, xv + 0.45, color="#5c6b7a", linestyle="--", linewidth=0.9)
                if edges != previous:  # the limits written where they start or change
                    ax.text(xv - 0.43, v - 0.8, fmt.num(v), fontsize=7, color="#5c6b7a", va="top", ha="left")
            previous = edges
        ys = df[iid].astype(float).to_numpy()
        ax.plot(xs, ys, marker="o", color=PALETTE[0], linewidth=2, label=iid_label, zorder=3)
        for xv, yv in zip(xs, ys, strict=True):
            if np.isfinite(yv):
                # above the point, unless a band line of that edition is just above: then below it
                limits = [lo for lo, _hi, _p in bands.get(int(xv), ()) if lo > 1.0]
                below = any(yv < v <= yv + 9 for v in limits) and not any(yv - 9 <= v < yv for v in limits)
                ax.annotate(fmt.num(yv), (xv, yv), textcoords="offset points", xytext=(0, -9 if below else 8),
                            ha="center", va="top" if below else "bottom", fontsize=8, fontweight="bold",
                            color=PALETTE[0], zorder=4,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
        ax.set_ylim(0, IID_MAX)
        ax.set_ylabel(iid_label)
        ax.set_title(title, loc="left")
        ax.grid(axis="x", visible=False)
        ax.yaxis.set_major_formatter(_id_num)

        cols = [c for c in counts if c in df]
        width = 0.8 / max(1, len(cols))
        top = 0.0
        for j, col in enumerate(cols):
            vals = df[col].astype(float).fillna(0.0).to_numpy()
            pos = xs - 0.4 + width * (j + 0.5)
            axc.bar(pos, vals, width=width * 0.95, color=PALETTE[1 + j], label=counts[col])
            for px, v in zip(pos, vals, strict=True):
                axc.text(px, v, fmt.integer(v), ha="center", va="bottom", fontsize=7)
            top = max(top, float(vals.max()) if vals.size else 0.0)
        axc.set_ylim(0, top * 1.2 if top > 0 else 1)
        axc.set_ylabel(counts_label)
        axc.grid(axis="x", visible=False)
        axc.yaxis.set_major_locator(MaxNLocator(integer=True))
        axc.yaxis.set_major_formatter(_id_num)
        axc.set_xticks(xs, [str(v) for v in xs])
        axc.set_xlabel("Edisi")

        # each panel's legend at its right, outside the data (never over a band line)
        handles, labels = ax.get_legend_handles_labels()
        shown = [p for p in BAND_ORDER if any(p == q for b in bands.values() for _l, _h, q in b)]
        handles += [Patch(color=PREDICATE_COLOURS[p], alpha=0.3) for p in reversed(shown)]
        labels += [f"pita {p}" for p in reversed(shown)]
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
        axc.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    return _finish(fig, source)


def timeline(df: pd.DataFrame, date: str, cumulative: str, title: str,
             marks: Sequence[tuple[object, str]] = (), *, source: str = ""):
    """Cumulative entries across the input period; ``marks``: (date, label) vertical lines, e.g.
    "Dibuka", "Batas semula", "Batas perpanjangan"."""
    if df is None or df.empty:
        return _empty(title, "Tidak ada tanggal pengisian yang tercatat.", source=source)
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(8.5, 4.2), layout="constrained")
        xs = pd.to_datetime(df[date])
        ys = df[cumulative].astype(float)
        ax.step(xs, ys, where="post", color=PALETTE[1], linewidth=2)
        ax.fill_between(xs, ys, step="post", alpha=0.15, color=PALETTE[2])
        top = float(ys.max()) if len(ys) else 0.0
        ax.set_ylim(0, top * 1.4 if top else 1)
        shown = sorted(((pd.Timestamp(d), lab) for d, lab in marks if not fmt.is_missing(d)), key=lambda t: t[0])
        lo = min([xs.min(), *(d for d, _ in shown)]) - pd.Timedelta(days=4)
        hi = max([xs.max(), *(d for d, _ in shown)]) + pd.Timedelta(days=4)
        ax.set_xlim(lo, hi)
        for k, (d, lab) in enumerate(shown):
            ax.axvline(d, color=PALETTE[5], linestyle="--", linewidth=1.2)
            first = k == 0 and len(shown) > 1
            ax.text(d, (top or 1) * (1.36 if k % 2 == 0 else 1.2), f"{' ' if first else ''}{lab}\n"
                    f"{' ' if first else ''}{fmt.date(d.date())} ", fontsize=8, va="top",
                    ha="left" if first else "right", color=PALETTE[5])
        ax.set_title(title, loc="left")
        ax.set_ylabel("Jumlah inovasi (kumulatif)")
        ax.set_xlabel("Tanggal pengisian")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(_id_num)
        ax.xaxis.set_major_locator(matplotlib.dates.MonthLocator())
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda v, _p: fmt.date(matplotlib.dates.num2date(v).date()).split(" ", 1)[1]))
    return _finish(fig, source)


def heatmap(df: pd.DataFrame, title: str, xlabel: str, ylabel: str, vmax: float | None = None, *,
            colour_label: str = "", annotate: bool = True, source: str = ""):
    """A matrix (rows × columns) of values from 0 (white) to ``vmax`` (the largest value when
    None), rows and columns labelled by the frame's index and columns, a labelled colour bar and,
    for a matrix small enough to read, each cell's value written in it."""
    if df is None or df.empty:
        return _empty(title, source=source)
    vals = df.astype(float).to_numpy()
    finite = vals[np.isfinite(vals)]
    top = float(vmax) if vmax is not None else (float(finite.max()) if finite.size else 1.0)
    top = top if top > 0 else 1.0
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(max(8.5, 0.38 * df.shape[1] + 3.8), max(3.2, 0.32 * df.shape[0] + 3.3)),
                               layout="constrained")
        im = ax.imshow(np.ma.masked_invalid(vals), aspect="auto", cmap="OrRd", vmin=0, vmax=top)
        ax.set_xticks(range(df.shape[1]), [str(c) for c in df.columns], rotation=60, ha="right",
                      rotation_mode="anchor", fontsize=7)
        ax.set_yticks(range(df.shape[0]), [str(r) for r in df.index], fontsize=8)
        ax.grid(False)
        if annotate and vals.size <= 500:
            for (i, j), v in np.ndenumerate(vals):
                if np.isfinite(v):
                    ax.text(j, i, fmt.num(v, 1), ha="center", va="center", fontsize=6,
                            color="white" if v > 0.6 * top else "#17324d")
        ax.set_title(title, loc="left")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        cb = fig.colorbar(im, ax=ax, shrink=0.8, pad=0.01)
        cb.ax.yaxis.set_major_formatter(_id_num)
        if colour_label:
            cb.set_label(colour_label)
    return _finish(fig, source)


def composition(parts: Sequence[tuple[str, pd.DataFrame]], title: str, label: str = "label",
                value: str = "count", xlabel: str = "Jumlah inovasi", *, source: str = ""):
    """One panel of horizontal bars per breakdown (``parts``: panel title → frame), stacked, on
    one count scale; each panel adds up to its own total (written in its title), counts and
    shares at the bar ends."""
    parts = [(t, d) for t, d in parts if d is not None and len(d)]
    if not parts:
        return _empty(title, source=source)
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(len(parts), 1, figsize=(8.5, 0.42 * sum(len(d) for _t, d in parts)
                                                         + 1.2 * len(parts) + 0.9),
                                 layout="constrained", squeeze=False, sharex=True,
                                 height_ratios=[len(d) + 1.2 for _t, d in parts])
        totals = [float(d[value].astype(float).sum()) for _t, d in parts]
        top = max(totals) or 1.0
        for ax, (sub, d), total in zip(axes[:, 0], parts, totals, strict=True):
            vals = d[value].astype(float).to_numpy()
            y = np.arange(len(d))[::-1]
            ax.barh(y, vals, color=PALETTE[1], height=0.62)
            ax.set_yticks(y, [str(v) for v in d[label]])
            for yi, v in zip(y, vals, strict=True):
                ax.text(v + top * 0.01, yi, f"{fmt.integer(v)} ({fmt.pct(v / total if total else 0)})",
                        va="center", fontsize=8)
            ax.set_xlim(0, top * 1.2)
            ax.set_title(f"{sub} (jumlah {fmt.integer(total)})", loc="left", fontsize=10)
            ax.grid(axis="y", visible=False)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.xaxis.set_major_formatter(_id_num)
            ax.tick_params(axis="x", labelbottom=True)
        axes[-1, 0].set_xlabel(xlabel)
        _title(fig, title)
    return _finish(fig, source)
