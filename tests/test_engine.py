"""The papermill engine that writes a notebook when execution starts and ends, not at every cell.

Stock papermill writes the whole notebook twice per cell; this engine must write it exactly twice
in all (start, end), keep papermill's per-cell metadata, and still save the failing notebook with
the failed cell marked, so the pipeline can name it.
"""

from __future__ import annotations

import nbformat
import papermill as pm
import papermill.engines
import pytest
from papermill.exceptions import PapermillExecutionError

from iid_analysis.run.engine import ENGINE
from iid_analysis.run.pipeline import KERNEL

pytestmark = pytest.mark.notebooks


def _notebook(path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# judul"), *map(nbformat.v4.new_code_cell, sources)]
    nbformat.write(nb, str(path))
    return path


@pytest.fixture()
def writes(monkeypatch):
    """Count the notebook writes made by papermill's execution managers."""
    seen: list[str] = []
    real = papermill.engines.write_ipynb

    def counting(nb, path):
        seen.append(str(path))
        real(nb, path)

    monkeypatch.setattr(papermill.engines, "write_ipynb", counting)
    return seen


@pytest.mark.parametrize(("engine", "expected"), [(ENGINE, 2), (None, 2 + 2 * 4)])
def test_writes_at_start_and_end_only(tmp_path, writes, engine, expected):
    src = _notebook(tmp_path / "in.ipynb", "x = 1", "print(x + 1)", "x * 3")
    out = tmp_path / "out.ipynb"
    pm.execute_notebook(str(src), str(out), kernel_name=KERNEL, progress_bar=False, engine_name=engine)
    assert len(writes) == expected  # stock papermill (None): start, end and twice for each of 4 cells
    nb = nbformat.read(str(out), as_version=4)
    assert nb.cells[2].outputs[0]["text"] == "2\n"
    for cell in nb.cells:
        meta = cell.metadata["papermill"]
        assert meta["status"] == "completed" and meta["start_time"] and meta["end_time"]
        assert meta["duration"] >= 0


def test_failure_is_saved_with_the_failed_cell_marked(tmp_path, writes):
    src = _notebook(tmp_path / "in.ipynb", "x = 1", "raise ValueError('rusak')", "x = 2")
    out = tmp_path / "out.ipynb"
    with pytest.raises(PapermillExecutionError) as err:
        pm.execute_notebook(str(src), str(out), kernel_name=KERNEL, progress_bar=False, engine_name=ENGINE)
    assert err.value.cell_index == 2
    nb = nbformat.read(str(out), as_version=4)  # papermill adds a banner cell naming the failure
    failed = next(c for c in nb.cells if "raise ValueError" in c.source)
    after = next(c for c in nb.cells if c.source == "x = 2")
    assert failed.metadata["papermill"]["status"] == "failed"
    assert any(o.get("ename") == "ValueError" for o in failed.outputs)
    assert not after.metadata["papermill"].get("start_time")  # never started
