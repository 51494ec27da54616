"""How sure the IID and its predicate are: a vectorised Monte Carlo over the sources of
:mod:`iid_analysis.analyses.uncertainty` (verification both ways, weights, each assumed rule).

Claimed and verified side by side: ``iid`` (the verified point estimate: only accepted evidence
counts), ``iid_claimed`` (every claimed level counted as if its evidence were accepted — computed
exactly, not simulated) and between them the simulated ``interval`` (p5, p50, p95) and the
predicate probabilities (summing to exactly 1). Per source, the direction in which it moves the
score: only that source random, the others at the point estimate (mean shift, share of draws
above / below the point estimate, p5–p95, how often the predicate differs).

The sentences are written by :mod:`iid_analysis.report.prose_robustness`; the variance shares by
:mod:`iid_analysis.analyses.sensitivity`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from iid_analysis.analyses.uncertainty import (
    SOURCE_LABELS,
    Model,
    check_count,
    check_seed,
    evaluate,
    levels_binomial,
    model_of,
)
from iid_analysis.analyses.uncertainty import variant_terms as _variant_terms
from iid_analysis.analyses.uncertainty import variants_of as _variants
from iid_analysis.methodology.model import PREDICATES, VERIFICATION_STATUSES, round_score
from iid_analysis.scoring.totals import frame_terms, totals_from_points
from iid_analysis.text import fmt

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.scoring.result import IndexResult

__all__ = ["SOURCE_COLUMNS", "SOURCE_LABELS", "Robustness", "robustness", "totals"]

# kept importable for the tests of the variants (scoring rules)
_ = (_variant_terms, _variants)

#: Columns of :attr:`Robustness.sources` (one row per source, only that source random).
SOURCE_COLUMNS: tuple[str, ...] = (
    "source", "label", "active", "p_differs", "p05", "p50", "p95", "mean_shift", "share_above",
    "share_below",
)


def _probabilities(counts: Mapping[str, int], draws: int) -> dict[str, float]:
    """Counts → probabilities on the 0.0001 grid (largest remainder) whose float sum is exactly 1.

    If binary floating point makes the sum of the rounded values differ from 1.0 in some order, a
    few 0.0001 units are moved between predicates that occurred (far below the Monte Carlo error)
    until ``sum`` is exactly 1.0 in every order.
    """
    keys = list(counts)
    exact = [counts[k] * 10_000 / draws for k in keys]
    units = [int(math.floor(x)) for x in exact]
    short = 10_000 - sum(units)
    order = sorted(range(len(keys)), key=lambda i: (-(exact[i] - units[i]), i))
    for i in order[:short]:
        units[i] += 1

    def exact_sum(u: list[int]) -> bool:
        vals = [x / 10_000 for x in u]
        return all(sum(p) == 1.0 for p in itertools.permutations(vals))

    if not exact_sum(units):
        live = [i for i in range(len(keys)) if counts[keys[i]] > 0]
        best = None
        for step in range(1, 21):
            for i, j in itertools.permutations(live, 2):
                if units[i] - step < 0:
                    continue
                v = list(units)
                v[i] -= step
                v[j] += step
                if exact_sum(v):
                    dev = max(abs(v[t] - exact[t]) for t in range(len(keys)))
                    if best is None or dev < best[0]:
                        best = (dev, v)
            if best is not None:
                units = best[1]
                break
    return {k: u / 10_000 for k, u in zip(keys, units, strict=True)}


@dataclass
class Robustness:
    """Claimed and verified IID, the simulated interval and predicate probabilities, and the
    direction of every source of uncertainty."""

    year: int
    methodology_year: int
    draws: int
    seed: int
    settings: dict  # accept_prob, concentration, weight_spread, own_frame, rules (options, probs), active
    iid: float  # the verified point estimate (result.iid)
    predicate: str  # its predicate
    median: float
    p05: float
    p95: float
    mean: float
    predicate_probabilities: dict[str, float]  # every predicate, summing to exactly 1
    p_change: float  # probability that the predicate differs from the point estimate
    iids: np.ndarray = field(repr=False)  # (draws,) rounded IID of every draw (empty: nothing to simulate)
    sources: pd.DataFrame = field(repr=False)  # SOURCE_COLUMNS, one row per source
    main_source: str | None = None  # the source with the largest p_differs (None if none moves it)
    n_uncertain: int = 0  # claimed answers whose acceptance is random
    iid_claimed: float = 0.0  # every claimed level counted as if its evidence were accepted (exact)
    predicate_claimed: str = "Tidak Dapat Dinilai"
    nothing_to_simulate: bool = False  # no claimed level can count: every draw would be the point estimate 0
    varied: tuple[str, ...] = ()  # the sources that are random in this run

    @property
    def interval(self) -> dict[str, float]:
        """The simulated ``{"p5", "p50", "p95"}`` (results.json ``iid_interval``)."""
        return {"p5": float(self.p05), "p50": float(self.median), "p95": float(self.p95)}

    def results_fields(self) -> dict:
        """The results.json keys this analysis owns: ``iid_claimed``, ``iid_interval``,
        ``predicate_probabilities``."""
        return {"iid_claimed": float(self.iid_claimed), "iid_interval": self.interval,
                "predicate_probabilities": {p: float(self.predicate_probabilities.get(p, 0.0))
                                            for p in PREDICATES}}

    def to_dict(self, include_draws: bool = False) -> dict:
        out = {
            "year": int(self.year),
            "methodology_year": int(self.methodology_year),
            "draws": int(self.draws),
            "seed": int(self.seed),
            "settings": _plain(self.settings),
            "iid": float(self.iid),
            "predicate": self.predicate,
            "iid_claimed": float(self.iid_claimed),
            "predicate_claimed": self.predicate_claimed,
            "iid_interval": self.interval,
            "median": float(self.median),
            "p05": float(self.p05),
            "p95": float(self.p95),
            "mean": float(self.mean),
            "predicate_probabilities": {k: float(v) for k, v in self.predicate_probabilities.items()},
            "p_change": float(self.p_change),
            "sources": [_plain(r) for r in self.sources.to_dict("records")],
            "main_source": self.main_source,
            "n_uncertain": int(self.n_uncertain),
            "nothing_to_simulate": bool(self.nothing_to_simulate),
            "varied": list(self.varied),
        }
        if include_draws:
            out["iids"] = [float(x) for x in self.iids]
        return out


def _plain(x: Any) -> Any:
    if isinstance(x, Mapping):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, np.ndarray)):
        return [_plain(v) for v in x]
    if isinstance(x, np.bool_):
        return bool(x)
    if isinstance(x, np.integer):
        return int(x)
    if isinstance(x, np.floating):
        return float(x)
    return x


def totals(result: IndexResult, weights: np.ndarray | None = None,
           levels: np.ndarray | None = None) -> np.ndarray:
    """Vectorised totals of ``result`` under other weights and/or valid levels (tested against
    :func:`~iid_analysis.scoring.compute.score`).

    ``weights``: (D, K) or (K,) in ``result.methodology.indicator_ids`` order (maximum unchanged);
    ``levels``: (D, K) or (K,) Σ level over the answers that count, per indicator (default: the
    result's). Returns the (D,) totals.
    """
    model = model_of(result, alternatives=False)
    W = np.atleast_2d(model.weights if weights is None else np.asarray(weights, dtype="float64"))
    L = np.atleast_2d(model.base if levels is None else np.asarray(levels, dtype="float64"))
    D = max(len(W), len(L))
    W, L = np.broadcast_to(W, (D, W.shape[1])), np.broadcast_to(L, (D, L.shape[1]))
    wl = W * L
    cs = frame_terms(result.methodology, result.n, result.n_basic_covered)[1]
    return totals_from_points(wl[:, ~model.is_sid].sum(axis=1), wl[:, model.is_sid].sum(axis=1),
                              float(result.divisor), float(cs), model.max_total)["total"]


def _claimed(model: Model) -> float:
    """The IID with every claimed level counted (the result's frame; exact)."""
    _, iid, _ = evaluate(model, model.claimed[None, :], None, np.zeros((1, len(model.frame_rules)), "int64"),
                         None)
    return float(iid[0])


def _draw_p(model: Model, rng: np.random.Generator, draws: int) -> np.ndarray:
    """(draws, S) acceptance probability per status: Beta around each value where it varies."""
    P = np.broadcast_to(model.accept, (draws, len(model.accept))).copy()
    kappa = model.concentration
    for s in np.flatnonzero(model.varied_status()):
        p = model.accept[s]
        P[:, s] = rng.beta(kappa * p, kappa * (1 - p), size=draws)
    return P


def robustness(result: IndexResult, draws: int = 10_000, seed: int = 2021,
               accept_prob: Mapping[str, float] | None = None, weight_spread: float | None = None,
               alternatives: bool | Iterable[str] = True, sources: Iterable[str] | None = None,
               vary_prob: bool = True) -> Robustness:
    """Monte Carlo of the IID and its predicate (see :mod:`iid_analysis.analyses.uncertainty`).

    ``accept_prob`` (status → probability) and ``weight_spread`` override the methodology's
    ``[verification]`` values; ``alternatives`` True (all of the edition's), False (none) or a list
    of ids; ``sources`` (None: all) the sources to vary by name; ``vary_prob`` False keeps the
    acceptance probabilities fixed. Seeded (``numpy.random.SeedSequence(seed)``, one stream per
    source, reused by the one-source runs): the same seed gives the same result.
    Bad settings raise one ValueError naming the setting (Indonesian / English).
    """
    draws = check_count(draws, "draws")
    seed = check_seed(seed)
    model = model_of(result, accept_prob, weight_spread, alternatives, sources, vary_prob)
    m = result.methodology
    K, R = len(model.ids), len(model.frame_rules)
    iid0, pred0 = float(result.iid), str(result.predicate)
    claimed = _claimed(model)
    ss_v, ss_w, ss_r = np.random.SeedSequence(seed).spawn(3)
    rng_v, rng_w, rng_r = (np.random.default_rng(s) for s in (ss_v, ss_w, ss_r))

    P = _draw_p(model, rng_v, draws)
    L_ver = levels_binomial(model, rng_v, P) if model.active["verification"] else None
    F = rng_w.uniform(1 - model.spread, 1 + model.spread, size=(draws, K)) if model.active["weights"] else None
    picks = np.stack([r.pick(rng_r.random(draws)) for r in model.rules], axis=1) if model.rules \
        else np.zeros((draws, 0), dtype="int64")
    idx, floor = picks[:, :R], (picks[:, R] == 1 if R < len(model.rules) else None)

    L0 = np.broadcast_to(model.base, (draws, K))
    if model.fixed_levels is not None:
        L_ver = np.broadcast_to(model.fixed_levels, (draws, K))
    zero_idx = np.zeros((draws, R), dtype="int64")
    nothing = not (model.accept[model.ans_status] > 0).any() and model.base.sum() == 0
    runs: dict[str, tuple] = {"all": (L_ver if L_ver is not None else L0, F, idx, floor)}
    if model.active["verification"]:
        runs["verification"] = (L_ver, None, zero_idx, None)
    if F is not None:
        runs["weights"] = (L0, F, zero_idx, None)
    for j, r in enumerate(model.rules):
        if r.name == "inovatif_floor":
            runs[r.name] = (L0, None, zero_idx, floor)
        else:
            one = zero_idx.copy()
            one[:, j] = idx[:, j]
            runs[r.name] = (L0, None, one, None)
    out = {name: evaluate(model, *args) for name, args in runs.items()}

    _, iids, preds = out["all"]
    if nothing:
        iids, preds = np.zeros(0), np.array([pred0] * draws, dtype=object)
    counts = {pr: int(np.count_nonzero(preds == pr)) for pr in PREDICATES}
    probs = _probabilities(counts, draws)
    if nothing:
        q05 = q50 = q95 = mean = iid0
    else:
        q05, q50, q95 = (round_score(x) for x in np.percentile(iids, [5, 50, 95]))
        mean = round_score(float(np.mean(iids)))

    spread_txt = fmt.pct(model.spread, 0)
    rows = []
    for name in ("verification", "weights", *(r.name for r in model.rules)):
        label = SOURCE_LABELS.get(name, name).format(spread=spread_txt)
        if name not in out or nothing:
            rows.append({"source": name, "label": label, "active": False, "p_differs": 0.0, "p05": iid0,
                         "p50": iid0, "p95": iid0, "mean_shift": 0.0, "share_above": 0.0, "share_below": 0.0})
            continue
        _, x, pr = out[name]
        lo, mid, hi = np.percentile(x, [5, 50, 95])
        rows.append({"source": name, "label": label, "active": bool(model.active.get(name, False)),
                     "p_differs": round(float(np.mean(pr != pred0)), 4), "p05": round_score(lo),
                     "p50": round_score(mid), "p95": round_score(hi),
                     "mean_shift": round(float(np.mean(x)) - iid0, 4),
                     "share_above": round(float(np.mean(x > iid0)), 4),
                     "share_below": round(float(np.mean(x < iid0)), 4)})
    table = pd.DataFrame(rows, columns=list(SOURCE_COLUMNS))
    top = table.sort_values("p_differs", ascending=False, kind="stable").iloc[0]
    main = str(top["source"]) if float(top["p_differs"]) > 0 else None
    settings = {
        "accept_prob": {s: float(p) for s, p in zip(VERIFICATION_STATUSES, model.accept, strict=True)},
        "concentration": float(model.concentration),
        "weight_spread": float(model.spread),
        "own_frame": float(m.verification.own_frame),
        "rules": {r.name: {"options": ["(edisi)" if o is None else o for o in r.options],
                           "probabilities": [round(float(p), 4) for p in r.probs]} for r in model.rules},
        "alternatives": [o for r in model.frame_rules for o in r.options if o is not None],
        "active": dict(model.active),
        "one_at_a_time": True,
    }
    varied = tuple(k for k, v in model.active.items() if v) if not nothing else ()
    return Robustness(
        year=int(result.year), methodology_year=int(m.year), draws=draws, seed=seed, settings=settings,
        iid=iid0, predicate=pred0, median=q50, p05=q05, p95=q95, mean=mean, predicate_probabilities=probs,
        p_change=round(1.0 - probs[pred0], 4), iids=iids, sources=table, main_source=main,
        n_uncertain=int(model.live().sum()), iid_claimed=claimed,
        predicate_claimed=str(m.predicate(claimed)), nothing_to_simulate=bool(nothing), varied=varied,
    )
