"""One edition's whole report versus the floor of papermill itself.

Floor: papermill runs three notebooks that only import pandas, matplotlib and the package (fresh
``python3`` kernel each), and each is rendered to HTML the same way — what any three-notebook
report costs before doing any work. Report: ``run_reports`` for edition 2021 of the bundled data
(three notebooks, results.json, review.xlsx, HTML). Target: report ≤ 2 × floor.

The floor runs papermill's stock engine; the report runs the project's (``iid_analysis.run.engine``:
the notebook is written at start and end instead of twice per cell), with stock papermill the
same report costs about 0.7 s more.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import nbformat

TARGET_RATIO = 2.0


def _floor(work: Path) -> float:
    import papermill as pm

    from iid_analysis.run.pipeline import KERNEL
    from iid_analysis.run.render import render_html

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell("year = 2021")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("import pandas\nimport matplotlib.pyplot\nimport iid_analysis")]
    src = work / "floor.ipynb"
    nbformat.write(nb, str(src))
    start = time.perf_counter()
    for i in range(3):
        out = work / f"floor_{i}.ipynb"
        pm.execute_notebook(str(src), str(out), parameters={"year": 2021}, kernel_name=KERNEL,
                            progress_bar=False, cwd=str(work))
        render_html(out, work / f"floor_{i}.html", "floor")
    return time.perf_counter() - start


def _report(work: Path) -> float:
    from iid_analysis.run.pipeline import default_data, run_reports

    start = time.perf_counter()
    status = run_reports(default_data(), [2021], work / "reports")
    if status != 0:
        raise RuntimeError("the report failed")
    return time.perf_counter() - start


def run() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        floors = [_floor(work) for _ in range(2)]
        reports = [_report(work) for _ in range(2)]
    floor, report = min(floors), min(reports)
    return {"floor_seconds": round(floor, 2), "report_seconds": round(report, 2),
            "ratio": round(report / floor, 2), "target_ratio": TARGET_RATIO,
            "ok": report / floor <= TARGET_RATIO, "edition": 2021, "runs": 2}
