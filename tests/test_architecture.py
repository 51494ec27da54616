"""The house: one folder per stage, short modules, imports that only go down, no cycle.

Every ``import`` counts, wherever it stands: at the top, inside a function, or under
``if TYPE_CHECKING:``. The stages, lowest first, are the layers below; a module may import from
its own folder or from a lower layer, never from a higher one or a neighbour on the same layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "iid_analysis"

# folder (or top-level module) → layer; lower layers never import higher ones
LAYERS: dict[str, int] = {
    "text": 0,         # Indonesian number/date formatting, escaping for HTML, Markdown, spreadsheets
    "methodology": 1,  # the editions' rules as data
    "io": 2,           # reading and typing the submissions, the input template
    "review": 3,       # the desk review
    "synthetic": 3,    # the seeded sample generator (reads the methodology, writes the data contract)
    "scoring": 4,      # points, maturity, SPD, SID, IID, predikat
    "analyses": 5,     # participation, coaching, gaps, path, scenarios, robustness
    "analysis": 6,     # the coin: one object carrying every result
    "report": 7,       # everything a person reads
    "run": 8,          # the yearly run: papermill, HTML, index page
    "cli": 9,
    "__init__": 10,    # the package's facade (predicate, lazy re-exports)
}
MAX_LINES = 500


def _module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PKG.rglob("*.py"))}


MODULES = _modules()


def _stage(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "__init__"
    return parts[1]


def _resolve(module: str, path: Path, node: ast.ImportFrom | ast.Import) -> list[str]:
    """The package modules an import statement loads."""
    targets: list[str] = []
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
        for n in names:
            if n == "iid_analysis" or n.startswith("iid_analysis."):
                targets.append(n)
        return [t for t in targets if t in MODULES]
    base = node.module or ""
    if node.level:
        pkg = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            pkg = pkg.rpartition(".")[0]
        base = f"{pkg}.{base}" if base else pkg
    if not (base == "iid_analysis" or base.startswith("iid_analysis.")):
        return []
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        targets.append(sub if sub in MODULES else base)
    return [t for t in targets if t in MODULES]


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        edges: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                edges.update(t for t in _resolve(module, path, node) if t != module)
        graph[module] = edges
    return graph


GRAPH = _graph()


def test_every_module_sits_in_a_known_stage():
    unknown = sorted({_stage(m) for m in MODULES} - set(LAYERS))
    assert not unknown, f"folders or modules without a layer in this test: {unknown}"


def test_no_module_is_over_the_limit():
    long = {m: n for m, p in MODULES.items()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines (one job per module): {long}"


def test_imports_only_go_down():
    upward = []
    for module, targets in GRAPH.items():
        here = _stage(module)
        for t in targets:
            there = _stage(t)
            if there == here:
                continue
            if there == "__init__" and t == "iid_analysis":
                upward.append(f"{module} → {t} (the package facade)")
            elif LAYERS[there] >= LAYERS[here]:
                upward.append(f"{module} → {t}")
    assert not upward, "imports that go up or sideways:\n" + "\n".join(sorted(upward))


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle():
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("src, expected", [
    ("from iid_analysis.report import views", "iid_analysis.report.views"),
    ("from iid_analysis.io.dataset import Dataset", "iid_analysis.io.dataset"),
    ("import iid_analysis.scoring", "iid_analysis.scoring"),
])
def test_the_resolver_reads_import_forms(src, expected):
    node = ast.parse(src).body[0]
    got = _resolve("iid_analysis.cli", PKG / "cli.py", node)
    assert got == [expected]
