"""Robustness Monte Carlo: 10,000 draws on a result with 200 scored innovations (target < 1 s),
and the Sobol sensitivity (SALib, N = 1024).

The result comes from the real chain: ``sample.make_sample(innovations=N)`` → loader
(``dataset_from_frames``) → desk review → ``scoring.score``; ``N`` is raised until at least 200
innovations are scored (the desk review stops some). Two settings are timed: the default one
(the methodology's ``[verification]``: every claimed level accepted with a probability by its
status, the probabilities drawn from a Beta; weights ±25 %; the assumed rules) and a stress one
where missing evidence is uncertain too (every claimed answer random). Each is the best of
``repeats`` runs (wall clock, ``time.perf_counter``).
"""

from __future__ import annotations

import math
import time

TARGET_SECONDS = 1.0
DRAWS = 10_000
N_SCORED = 200


def _result(n_scored: int = N_SCORED, seed: int = 2021):
    from iid_analysis.io.dataset import dataset_from_frames
    from iid_analysis.methodology import load_methodology
    from iid_analysis.review.desk import review
    from iid_analysis.scoring.compute import score
    from iid_analysis.synthetic.sample import LARGE_YEAR, make_sample

    meth = load_methodology(LARGE_YEAR)
    n = n_scored
    for _ in range(6):
        ds = dataset_from_frames(make_sample(seed=seed, innovations=n))
        res = score(review(ds, meth, LARGE_YEAR))
        if res.n >= n_scored:
            return res, n
        n = int(math.ceil(n * n_scored / max(res.n, 1) * 1.1))
    return res, n


def _best(fn, repeats: int) -> tuple[float, object]:
    best, out = math.inf, None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def run(repeats: int = 3) -> dict:
    from iid_analysis.analyses.gaps import gaps
    from iid_analysis.analyses.leave_one_out import leave_one_out
    from iid_analysis.analyses.path import path_to_next
    from iid_analysis.analyses.robustness import robustness
    from iid_analysis.analyses.sensitivity import sensitivity

    res, n_entered = _result()
    t_default, rob = _best(lambda: robustness(res, draws=DRAWS, seed=2021), repeats)
    stress_prob = {"pending": 0.5, "invalid": 0.5, "missing": 0.5}
    t_sens, sens = _best(lambda: sensitivity(res, n=1024, seed=2021), 1)
    t_stress, rob_s = _best(
        lambda: robustness(res, draws=DRAWS, seed=2021, accept_prob=stress_prob), repeats)
    t_gaps, g = _best(lambda: gaps(res), repeats)
    t_path, _ = _best(lambda: path_to_next(res, g), repeats)
    t_loo, _ = _best(lambda: leave_one_out(res, by="innovation"), repeats)
    return {
        "draws": DRAWS,
        "innovations_entered": int(n_entered),
        "innovations_scored": int(res.n),
        "answers": int(len(res.points)),
        "uncertain_answers_default": int(rob.n_uncertain),
        "uncertain_answers_stress": int(rob_s.n_uncertain),
        "seconds_default": round(t_default, 4),
        "seconds_stress": round(t_stress, 4),
        "seconds_sensitivity": round(t_sens, 4),
        "sensitivity_runs": int(sens.runs),
        "seconds_gaps": round(t_gaps, 4),
        "seconds_path_to_next": round(t_path, 4),
        "seconds_leave_one_out": round(t_loo, 4),
        "target_seconds": TARGET_SECONDS,
        "within_target": bool(max(t_default, t_stress) < TARGET_SECONDS),
        "iid": float(res.iid),
        "predicate_probabilities": rob.predicate_probabilities,
    }


if __name__ == "__main__":  # pragma: no cover
    import json

    print(json.dumps(run(), indent=2, sort_keys=True))
