"""Show results in a notebook the way a reviewer reads them: Indonesian formats, escaped text.

``table(df, spec)`` renders a DataFrame as an HTML table whose columns are renamed to Indonesian
headings and formatted with :mod:`iid_analysis.text.fmt` (``50,42``, ``13 Agustus 2021``); every cell is
escaped, missing values show as an em dash, never ``NaN`` or ``None``. ``markdown(text)`` and
``sentences(list)`` show generated prose.

HTML that holds user text carries the class ``tex2jax_ignore`` (``IGNORE``): JupyterLab typesets
``$…$`` in outputs with MathJax, and a name is text, never math.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable, Mapping

import pandas as pd
from IPython.display import HTML, Markdown

from iid_analysis.text import fmt
from iid_analysis.text.escape import html_text

EMPTY = "—"
IGNORE = "tex2jax_ignore"  # MathJax leaves elements with this class alone

FORMATTERS: dict[str, Callable[[object], str]] = {
    "text": lambda v: "" if fmt.is_missing(v) else str(v),
    "int": fmt.integer,
    "num": fmt.num,
    "num1": lambda v: fmt.num(v, 1),
    "pct": fmt.pct,
    "date": fmt.date,
    "points": fmt.points,
    "bool": lambda v: "" if fmt.is_missing(v) else ("ya" if bool(v) else "tidak"),
    "rupiah": fmt.rupiah,
}

STYLE = """<style>
.iid-table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92rem}
.iid-table th{background:#eef2f7;text-align:left!important;padding:.35rem .6rem;border-bottom:2px solid #9fb1c7}
.iid-table td{padding:.3rem .6rem;border-bottom:1px solid #dde3ea;vertical-align:top;text-align:left!important}
.iid-table td.n{text-align:right!important;font-variant-numeric:tabular-nums;white-space:nowrap}
.iid-table td.id{white-space:nowrap}
.iid-caption{font-weight:bold;margin-top:.8rem}
.iid-source{font-size:.82rem;color:#4a5a6a;margin:-.6rem 0 1rem}
details.iid-more>summary{cursor:pointer;color:#0b5cad;margin:.2rem 0 .8rem}
details.iid-more>.iid-table{margin-top:0}
@media print{details::details-content{content-visibility:visible;display:contents}details.iid-more>summary,.iid-screen{display:none}
.iid-table tr{break-inside:avoid}}
</style>"""
COLLAPSE_ROWS = 15  # a table longer than this shows its first rows; the rest open on a click (printed open)


def table_html(df: pd.DataFrame, spec: Mapping[str, tuple[str, str]], caption: str = "",
               max_rows: int | None = None, *, collapse: int | None = COLLAPSE_ROWS,
               source: str = "") -> str:
    """HTML for ``df`` with ``spec``: column → (Indonesian heading, format name).

    ``collapse``: with more rows than this, the first ``collapse`` rows show and the rest sit in a
    ``<details>`` ("Tampilkan semua N baris") that the print CSS opens; None shows every row.
    ``source``: the "Sumber: …" line under the table (plain text, escaped here)."""
    cols = [c for c in spec if c in df.columns]
    head = "".join(f"<th>{html_text(spec[c][0])}</th>" for c in cols)
    body_rows = []
    shown = df if max_rows is None else df.head(max_rows)
    for rec in shown[cols].itertuples(index=False, name=None):
        cells = []
        for c, v in zip(cols, rec, strict=True):
            kind = spec[c][1]
            text = FORMATTERS[kind](v)
            cls = ' class="n"' if kind not in ("text", "bool", "date") else (' class="id"' if c.endswith("_id") else "")
            cells.append(f"<td{cls}>{html_text(text) if text else EMPTY}</td>")
        body_rows.append("<tr>" + "".join(cells) + "</tr>")
    more = ""
    if max_rows is not None and len(df) > max_rows:
        more = f"<p>… dan {fmt.integer(len(df) - max_rows)} baris lainnya.</p>"
    cap = f'<div class="iid-caption {IGNORE}">{html_text(caption)}</div>' if caption else ""
    if not body_rows:
        return f"{STYLE}{cap}<p>Tidak ada data untuk ditampilkan.</p>"
    src = f'<div class="iid-source {IGNORE}">{html_text(source)}</div>' if source else ""
    thead = f'<thead><tr>{head}</tr></thead>'
    first, rest = body_rows, []
    if collapse is not None and len(body_rows) > collapse + 2:  # hiding one or two rows helps nobody
        first, rest = body_rows[:collapse], body_rows[collapse:]
    html = f'<table class="iid-table {IGNORE}">{thead}<tbody>{"".join(first)}</tbody></table>'
    if rest:
        html += (f'<details class="iid-more"><summary>Tampilkan semua {fmt.integer(len(body_rows))} baris'
                 f'</summary><table class="iid-table {IGNORE}">{thead}<tbody>{"".join(rest)}</tbody>'
                 f'</table></details>')
    return f"{STYLE}{cap}{html}{more}{src}"


def table(df: pd.DataFrame, spec: Mapping[str, tuple[str, str]], caption: str = "",
          max_rows: int | None = None, *, collapse: int | None = COLLAPSE_ROWS, source: str = "") -> HTML:
    return HTML(table_html(df, spec, caption, max_rows, collapse=collapse, source=source))


def markdown(text: str) -> Markdown:
    """Generated Markdown (its user text must already be escaped with ``textsafe.md_text``)."""
    return Markdown(text)


def sentences(lines: Iterable[str]) -> Markdown:
    """A list of generated sentences as a Markdown bullet list (empty sentences left out)."""
    items = [s for s in lines if s]
    return Markdown("\n".join(f"- {s}" for s in items) if items else "_Tidak ada catatan._")


def key_figures(pairs: Iterable[tuple[str, str]]) -> HTML:
    """A row of headline boxes: (label, already formatted value)."""
    boxes = "".join(
        f'<div style="display:inline-block;min-width:9rem;margin:.3rem .6rem .3rem 0;padding:.6rem .8rem;'
        f'border:1px solid #c9d4e0;border-radius:6px;background:#f7f9fc">'
        f'<div style="font-size:.8rem;color:#4a5a6a">{html_text(k)}</div>'
        f'<div style="font-size:1.35rem;font-weight:bold;color:#17324d">{html_text(v) or EMPTY}</div></div>'
        for k, v in pairs
    )
    return HTML(f'<div class="{IGNORE}">{boxes}</div>')


def image(png: bytes, alt: str = "", width: int | None = None) -> HTML:
    """A rendered PNG figure as an ``<img>`` with ``alt`` text (its title) for screen readers;
    ``width``: the CSS width to show it at (a print-resolution PNG shown at its size in inches)."""
    data = base64.b64encode(png).decode("ascii")
    size = f' width="{int(width)}"' if width else ""
    return HTML(f'<img src="data:image/png;base64,{data}" alt="{html_text(alt or "Gambar")}"{size} '
                f'style="max-width:100%;height:auto">')
