"""Run every benchmark module (``bench/bench_*.py``, each with ``run() -> dict``) and write JSON."""

from __future__ import annotations

import importlib
import json
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    names = argv if argv else sorted(p.stem for p in HERE.glob("bench_*.py"))
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    failed = 0
    for name in names:
        name = name.removeprefix("bench/").removesuffix(".py")
        mod = importlib.import_module(f"bench.{name}")
        print(f"== {name}", flush=True)
        try:
            result = mod.run()
        except Exception as exc:  # a benchmark that fails is reported, the others still run
            failed += 1
            result = {"error": repr(exc)}
        result = {"benchmark": name, "python": platform.python_version(), **result}
        (out_dir / f"{name}.json").write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
        print(json.dumps(result, indent=2, sort_keys=True), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
