"""Prepare the notebooks for ``pytest --nbval-lax`` without committing outputs.

The committed notebooks carry no outputs. Their ``# NBVAL_CHECK_OUTPUT`` cells print rounded key
figures; the expected text of each such cell is stored in ``tests/nbval_expected.json`` (keyed by
notebook and cell id), like stored metrics. This script copies the notebooks into a build folder
with those expected outputs put in place, so nbval compares the fresh run against them.

    python tests/nbval_prepare.py build/nbval            # prepare
    python tests/nbval_prepare.py build/nbval --record   # run the notebooks once and store what
                                                         # the checked cells print (review the diff!)
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NB_DIR = ROOT / "notebooks"
EXPECTED = ROOT / "tests" / "nbval_expected.json"
MARK = "# NBVAL_CHECK_OUTPUT"


def checked_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code" and MARK in c.source]


def record(out: Path) -> dict:
    import papermill as pm

    expected: dict[str, dict[str, str]] = {}
    for path in sorted(NB_DIR.glob("*.ipynb")):
        target = out / f"recorded_{path.name}"
        pm.execute_notebook(str(path), str(target), kernel_name="python3", cwd=str(NB_DIR),
                            progress_bar=False)
        nb = nbformat.read(str(target), as_version=4)
        expected[path.name] = {
            c.id: "".join(o.get("text", "") for o in c.outputs if o.get("output_type") == "stream"
                          and o.get("name") == "stdout")
            for c in checked_cells(nb)
        }
    EXPECTED.write_text(json.dumps(expected, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                        encoding="utf-8")
    return expected


def prepare(out: Path) -> list[Path]:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written = []
    for path in sorted(NB_DIR.glob("*.ipynb")):
        nb = nbformat.read(str(path), as_version=4)
        stored = expected.get(path.name, {})
        for cell in checked_cells(nb):
            if cell.id not in stored:
                sys.exit(f"{path.name}: no expected output for checked cell {cell.id}; "
                         f"run `python tests/nbval_prepare.py {out} --record` and review the result")
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=stored[cell.id])]
            cell.execution_count = 1  # nbval refuses outputs on a cell it thinks never ran
        target = out / path.name
        nbformat.write(nb, str(target))
        written.append(target)
    return written


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--record", action="store_true")
    args = ap.parse_args()
    if args.record:
        args.out.mkdir(parents=True, exist_ok=True)
        record(args.out)
    for p in prepare(args.out):
        print(f"siap untuk nbval: {p}")


if __name__ == "__main__":
    main()
