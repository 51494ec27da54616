"""An executed notebook → the reviewer's HTML page: no code, no prompts, no stderr, no scripts."""

from __future__ import annotations

import re
from pathlib import Path

REMOVE_FROM_PAGE = "remove-cell"  # cell tag: run and kept in the executed notebook, left out of the HTML page


def render_html(ipynb: Path, html_path: Path, title: str, header: str = "", head: str = "") -> None:
    """Executed notebook → HTML for reviewers: no code, no prompts, no stderr, no warnings.

    ``header`` (HTML: the page's navigation and banner) goes right after ``<body>``, ``head``
    (HTML: the shared CSS) right before ``</head>``."""
    import nbformat
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    nb = nbformat.read(str(ipynb), as_version=4)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"sel-{i:03d}"  # papermill gives its injected cell a random id: same input, same page
        if cell.get("cell_type") != "code":
            continue
        cell["outputs"] = [
            o for o in cell.get("outputs", [])
            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
            and o.get("output_type") != "error"
        ]
    nb.metadata.pop("papermill", None)
    nb.metadata["title"] = title
    config = Config()
    # the "# NBVAL_CHECK_OUTPUT" cells print key figures for the tests (dot decimals, section ids):
    # the analyst sees them in JupyterLab, the reviewer's page does not
    config.TagRemovePreprocessor.remove_cell_tags = {REMOVE_FROM_PAGE}
    exporter = HTMLExporter(template_name="lab", config=config)
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nb)
    body = re.sub(r"<html[^>]*>", '<html lang="id">', body, count=1)
    # no scripts in the page: it needs none, they would be fetched from a CDN when an official opens
    # it, and MathJax would typeset "$…$" in names and narratives as math
    head_html, sep, rest = body.partition("<body")
    head_html = re.sub(r"<script\b.*?</script>\s*", "", head_html, flags=re.S | re.I)
    if head:
        head_html = head_html.replace("</head>", f"{head}\n</head>", 1)
    if header:
        rest = re.sub(r"^[^>]*>", lambda m: f"{m.group(0)}\n{header}", rest, count=1)
    body = head_html + sep + rest
    html_path.write_text(body, encoding="utf-8")
