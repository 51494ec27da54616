"""What every view shares: figures saved and shown as one PNG, a figure shared by two pages drawn
once, Indonesian labels of coded values, the page header and the predikat band lines."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from iid_analysis.io.schema import ENUMS
from iid_analysis.report import plots, present
from iid_analysis.report.assumptions import is_bundled_sample
from iid_analysis.text import fmt
from iid_analysis.text.escape import md_text

EVIDENCE_LABELS = ENUMS["evidence_status"]
STAGE_LABELS = ENUMS["stage"]
KIND_LABELS = ENUMS["innovation_kind"]
FORM_LABELS = ENUMS["form"]


def _out(output_dir: str | Path | None) -> str | None:
    return str(output_dir) if output_dir else None


def figure_title(fig) -> str:
    """The figure's title: its suptitle, else the left title of its first axes."""
    title = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    return title or (fig.axes[0].get_title(loc="left") if fig.axes else "")


def show_png(png: bytes, alt: str):
    """A saved PNG shown at its size in inches (it is drawn at print resolution)."""
    return present.image(png, alt=alt, width=plots.css_width(png))


def saved(fig, output_dir, name):
    """Render once: saved as PNG when an output folder is given, shown as that same PNG."""
    return show_png(plots.save(fig, _out(output_dir), name), figure_title(fig) or name)


def shared(output_dir, name, title, inputs, draw, code: str):
    """A figure shown by two notebooks of one run (01 and 03, 02 and 03): the second shows the
    PNG the first saved in ``output_dir`` when it was drawn from the same inputs and code
    (``code``: the view module that sets the figure's labels; the source line is part of
    ``inputs``)."""
    key = plots.fingerprint(name, title, *inputs, code=(code,))
    return show_png(plots.drawn_once(_out(output_dir), name, key, draw), title)


def label(series: pd.Series, labels: dict[str, str]) -> pd.Series:
    return series.map(lambda v: labels.get(v, "") if isinstance(v, str) else "")


def header(a) -> present.Markdown:
    """Edition, data source and method in one line."""
    m = a.methodology
    src = Path(a.dataset.source).name if a.dataset.source else "data"
    if is_bundled_sample(str(a.dataset.source or "")):
        src = "data contoh sintetis bawaan proyek"
    frame = m.frame_note or ""
    # the file name is plain escaped text: inside a code span its backslash escapes would show
    return present.markdown(
        f"**Edisi {a.year}** · penyelenggara {md_text(m.organiser)} · sumber data: {md_text(src)} "
        f"({fmt.integer(len(a.dataset.innovations))} baris inovasi untuk semua edisi). {md_text(frame)}"
    )


def band_lines(methodology) -> list[tuple[float, str]]:
    """The lower edges of the predicate bands above 1 IID point, from the edition's methodology."""
    return [(b.low, f"batas {b.predicate}") for b in reversed(methodology.bands) if b.low >= 1.0]
