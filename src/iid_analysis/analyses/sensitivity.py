"""What the uncertainty of the IID comes from: Sobol variance shares per source (SALib).

The sources are the groups of :mod:`iid_analysis.analyses.uncertainty` — ``verification`` (the
acceptance probability of each status, Beta-distributed, and the verifier's draw of which claims
pass), ``weights`` (one factor per indicator, ±spread) and one per assumed rule (the edition's
alternatives, the Inovatif floor where it is assumed). They enter SALib's problem as ``groups``,
so the first-order and total indices are per source. Saltelli's scheme (``SALib.sample.sobol``,
scrambled Sobol' sequence, no second order) needs ``N × (groups + 2)`` model runs; the indices'
confidence intervals come from SALib's bootstrap (``num_resamples``, ``conf_level``).

The output analysed is the unrounded IID (total / max_total × 100). The Inovatif floor changes
the predicate, never the IID: its indices are 0 by construction. Seeded: same seed, same numbers.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample
from scipy.stats import beta as beta_dist

from iid_analysis.analyses.uncertainty import (
    SOURCE_LABELS,
    check_count,
    check_seed,
    evaluate,
    levels_coupled,
    model_of,
)
from iid_analysis.methodology.model import VERIFICATION_STATUSES
from iid_analysis.text import fmt

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.scoring.result import IndexResult

__all__ = ["SENSITIVITY_COLUMNS", "Sensitivity", "sensitivity"]

#: Columns of :attr:`Sensitivity.table`.
SENSITIVITY_COLUMNS: tuple[str, ...] = ("source", "label", "first_order", "first_order_conf", "total",
                                        "total_conf")
MAX_N = 2**16


@dataclass
class Sensitivity:
    """Sobol indices of the IID per source of uncertainty."""

    year: int
    n: int  # SALib's base sample size N (a power of 2)
    runs: int  # model runs: N × (groups + 2)
    seed: int
    conf_level: float
    num_resamples: int
    table: pd.DataFrame = field(repr=False)  # SENSITIVITY_COLUMNS, largest total index first
    nothing_to_analyse: bool = False  # no source varies the IID (no variance to share)
    output: str = "IID tanpa pembulatan (total / maksimum × 100)"

    def results_fields(self) -> dict:
        """results.json ``sensitivity``: source → ``{"first_order", "total"}``."""
        return {"sensitivity": {str(r.source): {"first_order": float(r.first_order), "total": float(r.total)}
                                for r in self.table.itertuples()}}

    def to_dict(self) -> dict:
        return {"year": int(self.year), "n": int(self.n), "runs": int(self.runs), "seed": int(self.seed),
                "conf_level": float(self.conf_level), "num_resamples": int(self.num_resamples),
                "nothing_to_analyse": bool(self.nothing_to_analyse), "output": self.output,
                "table": [{k: (float(v) if isinstance(v, (float, np.floating)) else v) for k, v in r.items()}
                          for r in self.table.to_dict("records")]}


def sensitivity(result: IndexResult, n: int = 1024, seed: int = 2021,
                accept_prob: Mapping[str, float] | None = None, weight_spread: float | None = None,
                alternatives: bool | Iterable[str] = True, sources: Iterable[str] | None = None,
                num_resamples: int = 100, conf_level: float = 0.95) -> Sensitivity:
    """Sobol first-order and total indices of the IID per source (settings as
    :func:`~iid_analysis.analyses.robustness.robustness`). ``n`` must be a power of 2 (16–65,536)."""
    n = check_count(n, "n", 16, MAX_N)
    if n & (n - 1):
        raise ValueError(f"pengaturan 'n' / setting 'n': harus pangkat 2 (mis. 1024), ditemukan {n} "
                         f"/ must be a power of 2")
    seed = check_seed(seed)
    num_resamples = check_count(num_resamples, "num_resamples", 10, 10_000)
    if not 0.0 < float(conf_level) < 1.0:
        raise ValueError(f"pengaturan 'conf_level' / setting 'conf_level': harus 0–1, ditemukan {conf_level!r} "
                         f"/ must be between 0 and 1")
    model = model_of(result, accept_prob, weight_spread, alternatives, sources)
    K, R = len(model.ids), len(model.frame_rules)

    names: list[str] = []
    groups: list[str] = []
    varied_s = np.flatnonzero(model.varied_status()) if model.active["verification"] else np.zeros(0, int)
    if model.active["verification"]:
        names += [f"p_{VERIFICATION_STATUSES[s]}" for s in varied_s] + ["verifier_draw"]
        groups += ["verification"] * (len(varied_s) + 1)
    if model.active["weights"]:
        names += [f"w_{i}" for i in model.ids]
        groups += ["weights"] * K
    names += [f"rule_{r.name}" for r in model.rules]
    groups += [r.name for r in model.rules]
    order = list(dict.fromkeys(groups))
    labels = {g: SOURCE_LABELS.get(g, g).format(spread=fmt.pct(model.spread, 0)) for g in order}

    def empty(runs: int = 0) -> Sensitivity:
        t = pd.DataFrame([{"source": g, "label": labels[g], "first_order": 0.0, "first_order_conf": 0.0,
                           "total": 0.0, "total_conf": 0.0} for g in order], columns=list(SENSITIVITY_COLUMNS))
        return Sensitivity(int(result.year), n, runs, seed, float(conf_level), num_resamples, t, True)

    if not names:
        return empty()
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names), "groups": groups}
    X = sobol_sample.sample(problem, n, calc_second_order=False, seed=seed)
    rows = len(X)

    c = 0
    L = np.broadcast_to(model.base if model.fixed_levels is None else model.fixed_levels, (rows, K))
    if model.active["verification"]:
        P = np.broadcast_to(model.accept, (rows, len(model.accept))).copy()
        kappa = model.concentration
        for s in varied_s:
            p = model.accept[s]
            P[:, s] = beta_dist.ppf(np.clip(X[:, c], 1e-12, 1 - 1e-12), kappa * p, kappa * (1 - p))
            c += 1
        L = levels_coupled(model, P, X[:, c], seed)
        c += 1
    F = None
    if model.active["weights"]:
        F = 1 - model.spread + 2 * model.spread * X[:, c:c + K]
        c += K
    picks = np.stack([r.pick(X[:, c + j]) for j, r in enumerate(model.rules)], axis=1) if model.rules \
        else np.zeros((rows, 0), dtype="int64")
    idx, floor = picks[:, :R], (picks[:, R] == 1 if R < len(model.rules) else None)
    y, _, _ = evaluate(model, L, F, idx, floor)
    if np.ptp(y) == 0:
        return empty(rows)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        si = sobol_analyze.analyze(problem, y, calc_second_order=False, num_resamples=num_resamples,
                                   conf_level=float(conf_level), seed=seed + 1)
    t = pd.DataFrame({
        "source": order, "label": [labels[g] for g in order],
        "first_order": np.nan_to_num(np.asarray(si["S1"], dtype="float64")),
        "first_order_conf": np.nan_to_num(np.asarray(si["S1_conf"], dtype="float64")),
        "total": np.nan_to_num(np.asarray(si["ST"], dtype="float64")),
        "total_conf": np.nan_to_num(np.asarray(si["ST_conf"], dtype="float64")),
    }, columns=list(SENSITIVITY_COLUMNS))
    t = t.sort_values("total", ascending=False, kind="stable").reset_index(drop=True)
    return Sensitivity(int(result.year), n, rows, seed, float(conf_level), num_resamples, t, False)
