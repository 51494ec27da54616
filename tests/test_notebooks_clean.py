"""Committed notebooks carry no outputs, start with one `parameters` cell, and stay thin."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

NB_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NB_DIR.glob("*.ipynb"))
ANALYST_NOTEBOOKS = ("00_eksplorasi.ipynb", "04_simulasi.ipynb")  # outside the yearly run


def test_the_notebooks_exist():
    """The analyst's exploration notebook, the three pages of the yearly run, then the analyst's
    interactive what-if (not part of the yearly run)."""
    from iid_analysis.run.pipeline import NOTEBOOKS as YEARLY

    assert [p.name for p in NOTEBOOKS] == ["00_eksplorasi.ipynb", *YEARLY, "04_simulasi.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_outputs_committed(path):
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_parameters_cell_first(path):
    nb = nbformat.read(str(path), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and code[0] is tagged[0]
    names = {t.id for node in ast.parse(tagged[0].source).body if isinstance(node, ast.AnnAssign)
             for t in [node.target]}
    assert {"year", "data", "seed"} <= names
    if path.name not in ANALYST_NOTEBOOKS:  # the yearly run's notebooks save figures and share one analysis
        assert {"output_dir", "analysis_file"} <= names
    assert "year: int = 2021" in tagged[0].source
    for line in tagged[0].source.splitlines():
        if line.strip() and not line.startswith("#"):
            assert "#" in line, f"parameter without a comment: {line}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_cells_are_thin(path):
    """A cell loads, calls, shows: no loops, no branches, no function or class definitions."""
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        banned = (ast.For, ast.While, ast.If, ast.FunctionDef, ast.ClassDef, ast.Try, ast.With,
                  ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp, ast.Lambda)
        offenders = [type(n).__name__ for n in ast.walk(tree) if isinstance(n, banned)]
        assert not offenders, f"{path.name}: logic in a cell ({offenders}): {cell.source[:80]}"
        assert len(cell.source.splitlines()) <= 12, f"{path.name}: a long cell: {cell.source[:80]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_has_checked_key_figures(path):
    """At least one checked cell; each is left out of the reviewer's page (its text is for the test)."""
    from iid_analysis.run.render import REMOVE_FROM_PAGE

    nb = nbformat.read(str(path), as_version=4)
    checks = [c for c in nb.cells if c.cell_type == "code" and "# NBVAL_CHECK_OUTPUT" in c.source]
    assert checks
    for cell in checks:
        assert REMOVE_FROM_PAGE in cell.metadata.get("tags", []), cell.source[:60]
