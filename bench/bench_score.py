"""Benchmark of the index (issue 4): a whole ``iid-analysis score`` process on a 20,000-innovation /
400,000-answer CSV dataset against a process that only reads the same four CSV files with pandas.

Target: score process ≤ 1.5 × the read-only process (wall clock, best of 3), peak RSS < 1 GB.
Also reports, in-process, how the score process's time splits into load / review / score, and the
cost of :func:`iid_analysis.scoring.compute.score` alone (and of building the review's findings table,
which the score command never reads).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from iid_analysis.io.dataset import load_dataset
from iid_analysis.methodology import load_methodology
from iid_analysis.review.desk import review
from iid_analysis.scoring.compute import score
from iid_analysis.synthetic.sample import write_sample

N_INNOVATIONS = 20_000
YEAR = 2021
REPEAT = 3
TARGET_RATIO = 1.5  # the house's target (issue 13); 3.0 was the first build's
TARGET_RSS_BYTES = 1 << 30

READ_ONLY = "import sys\nimport pandas as pd\nfor f in sys.argv[1:]:\n    pd.read_csv(f)\n"


def _write_dataset(out: Path) -> tuple[str, list[Path]]:
    """The benchmark dataset, written by the project's own sample generator."""
    paths = write_sample(out, seed=1, regions=1, innovations=N_INNOVATIONS)
    csvs = [Path(p) for p in paths if str(p).endswith(".csv")]
    return "iid_analysis.synthetic.sample.write_sample(seed=1)", csvs


def _run_once(cmd: list[str]) -> dict:
    """Run a process; wall seconds and its own peak RSS (os.wait4 gives per-child rusage)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"seconds": seconds, "rss_bytes": int(usage.ru_maxrss) * 1024,
                "returncode": proc.returncode, "stdout": out.read().decode("utf-8", "replace"),
                "stderr": err.read().decode("utf-8", "replace")}


def _best_of(cmd: list[str], repeat: int = REPEAT) -> dict:
    runs = [_run_once(cmd) for _ in range(repeat)]
    best = min(runs, key=lambda r: r["seconds"])
    return {**best, "runs": [round(r["seconds"], 3) for r in runs],
            "rss_bytes": max(r["rss_bytes"] for r in runs),
            "returncode": max(r["returncode"] for r in runs)}


def _in_process(data: Path) -> dict:
    """Where the time goes, in this process: load / review / findings / score."""
    out: dict = {}
    meth = load_methodology(YEAR)
    t = time.perf_counter()
    ds = load_dataset(data)
    out["load_seconds"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    rv = review(ds, meth, YEAR)
    out["review_seconds"] = round(time.perf_counter() - t, 3)
    # the findings table is built when first read; ``score`` does not read it
    t = time.perf_counter()
    out["findings_rows"] = len(rv.findings)
    out["findings_seconds"] = round(time.perf_counter() - t, 3)
    best = None
    for _ in range(REPEAT):
        t = time.perf_counter()
        res = score(rv)
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    out["score_seconds"] = round(best, 3)
    out["score_n"] = res.n
    out["score_points_rows"] = len(res.points)
    return out


def run() -> dict:
    with tempfile.TemporaryDirectory(prefix="bench_score_") as tmp:
        data = Path(tmp) / "data"
        how, csvs = _write_dataset(data)
        sizes = {p.name: p.stat().st_size for p in csvs}
        rows = {p.name: sum(1 for _ in p.open("rb")) - 1 for p in csvs}
        read = _best_of([sys.executable, "-c", READ_ONLY, *map(str, csvs)])
        cmd = [sys.executable, "-m", "iid_analysis.cli", "score", str(data), "--year", str(YEAR),
               "--json"]
        scored = _best_of(cmd)
        result: dict = {
            "dataset": how,
            "csv_rows": rows,
            "csv_bytes": sizes,
            "read_only_seconds": round(read["seconds"], 3),
            "read_only_runs": read["runs"],
            "read_only_rss_mb": round(read["rss_bytes"] / 2**20, 1),
            "target_ratio": TARGET_RATIO,
            "target_rss_mb": TARGET_RSS_BYTES / 2**20,
        }
        if scored["returncode"] == 0:
            payload = json.loads(scored["stdout"])
            ratio = scored["seconds"] / read["seconds"]
            result.update({
                "score_seconds": round(scored["seconds"], 3),
                "score_runs": scored["runs"],
                "ratio": round(ratio, 2),
                "score_rss_mb": round(scored["rss_bytes"] / 2**20, 1),
                "ratio_ok": ratio <= TARGET_RATIO,
                "rss_ok": scored["rss_bytes"] < TARGET_RSS_BYTES,
                "iid": payload.get("iid"),
                "predicate": payload.get("predicate"),
                "n_innovations": payload.get("n_innovations"),
                "n_submitted": payload.get("n_submitted"),
            })
        else:
            last = (scored["stderr"].strip().splitlines() or [""])[-1]
            result.update({
                "score_seconds": None, "ratio": None, "score_rss_mb": None,
                "score_error": f"exit {scored['returncode']}: {last}",
            })
        result["in_process"] = _in_process(data)
        return result


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, sort_keys=True))
