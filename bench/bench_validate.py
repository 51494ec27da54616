"""Desk review speed: ``review`` on 20,000 innovations with 400,000 SID answers (target < 10 s)."""

from __future__ import annotations

import time

N_INNOVATIONS = 20_000
TARGET_SECONDS = 10.0
REPEATS = 3


def run() -> dict:
    from iid_analysis.io.dataset import dataset_from_frames
    from iid_analysis.methodology import load_methodology
    from iid_analysis.review.desk import review
    from iid_analysis.synthetic.sample import LARGE_YEAR, make_sample

    tables = make_sample(innovations=N_INNOVATIONS)
    ds = dataset_from_frames(tables)
    meth = load_methodology(LARGE_YEAR)
    times, decisions_only = [], []
    rv = None
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        rv = review(ds, meth, LARGE_YEAR)
        t1 = time.perf_counter()
        n_findings = len(rv.findings)  # built on first use: the desk review includes it
        times.append(time.perf_counter() - t0)
        decisions_only.append(t1 - t0)
    best = min(times)
    counts = rv.counts()
    return {
        "seconds": round(best, 3),
        "all_seconds": [round(t, 3) for t in times],
        "decisions_seconds": round(min(decisions_only), 3),  # without building the findings table
        "n_innovations": int(len(rv.innovations)),
        "n_answers": int(len(rv.answers)),
        "n_findings": int(n_findings),
        "decisions": {k: counts[k] for k in ("n_lanjut", "n_lengkapi", "n_tidak_lanjut")},
        "target_seconds": TARGET_SECONDS,
        "ok": bool(best < TARGET_SECONDS),
    }


if __name__ == "__main__":  # pragma: no cover
    import json

    print(json.dumps(run(), indent=2, sort_keys=True))
