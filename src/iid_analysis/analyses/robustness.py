"""How sure the predicate is: a vectorised Monte Carlo of the IID over three sources of uncertainty.

Starts from an :class:`~iid_analysis.scoring.result.IndexResult` and uses only what it carries;
every draw's headline numbers go through scoring's own
:func:`~iid_analysis.scoring.totals.totals_from_points` (tested against
:func:`~iid_analysis.scoring.compute.score`)::

    total = SPD + (Σ SID points) / max(divisor_min, n) + count_score(n)   (affair gate applied)
    IID   = round_score(total / max_total × 100)

The three sources, vectorised as draws × answers matrices:
(a) evidence not yet valid accepted with a probability per status (claimed levels only);
(b) weights perturbed uniformly ±``weight_spread`` per indicator, rescaled per aspect so the
maximum (Σ 3·w) is unchanged; (c) the methodology's documented alternatives (grouped by what
they replace, each option — the default included — with equal probability). Which source moves
the predicate most is measured one at a time (only that source random, the others at the point
estimate), using the same random streams as the combined run.

The sentences that say the result are written by :mod:`iid_analysis.report.prose_robustness`; the
source labels (:data:`SOURCE_LABELS`) are the row labels of :attr:`Robustness.sources`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from iid_analysis.methodology.model import PREDICATES, Methodology, round_score
from iid_analysis.scoring.affairs import covered_count
from iid_analysis.scoring.totals import frame_terms, totals_from_points
from iid_analysis.text import fmt

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.scoring.result import IndexResult

__all__ = ["SOURCE_LABELS", "Robustness", "robustness", "totals"]

#: Row labels of the one-at-a-time table (``{spread}``: the weight spread as a percentage).
SOURCE_LABELS: dict[str, str] = {
    "evidence": "bukti yang belum valid (diterima atau ditolak verifikator)",
    "weights": "bobot indikator (diganggu ±{spread})",
    "alternatives": "asumsi metodologi yang belum resmi (alternatif terdokumentasi)",
}

_CHUNK = 2048  # draws per block in the evidence matrix (keeps draws × answers small in memory)


@dataclass
class _Model:
    """The result reduced to arrays: columns = the methodology's indicators (its order)."""

    ids: tuple[str, ...]
    is_sid: np.ndarray  # (K,) bool
    weights: np.ndarray  # (K,) the result's weights
    base: np.ndarray  # (K,) Σ level over valid answers, per indicator (SID summed over innovations)
    unc_col: np.ndarray  # (U,) indicator column of each uncertain answer
    unc_level: np.ndarray  # (U,) its claimed level
    unc_status: np.ndarray  # (U,) its evidence status
    n: int
    divisor: float
    total: float
    max_total: float


def _model(result: IndexResult) -> _Model:
    m: Methodology = result.methodology
    ids = m.indicator_ids
    col = {k: i for i, k in enumerate(ids)}
    pts = result.points
    k = pts["indicator_id"].astype("string").map(col)
    if k.isna().any():
        raise ValueError("points memuat indikator di luar metodologi / points hold unknown indicators")
    k = k.to_numpy("int64")
    level = pd.to_numeric(pts["level"], errors="coerce").fillna(0).to_numpy("float64")
    valid = pts["valid"].fillna(False).astype(bool).to_numpy()
    status = pts["evidence_status"].astype("string").fillna("missing").to_numpy(dtype=object)
    base = np.bincount(k, weights=level * valid, minlength=len(ids)).astype("float64")
    unc = (~valid) & (level > 0) & (status != "valid")
    return _Model(
        ids=ids,
        is_sid=np.array([m.indicator(i).aspect == "SID" for i in ids]),
        weights=np.array([float(m.indicator(i).weight) for i in ids]),
        base=base,
        unc_col=k[unc],
        unc_level=level[unc],
        unc_status=status[unc],
        n=int(result.n),
        divisor=float(result.divisor),
        total=float(result.total),
        max_total=float(result.max_total),
    )


def _variants(m: Methodology, alternatives: Any) -> tuple[list[list[str | None]], list[Methodology]]:
    """Option groups (by what each alternative replaces; None = the default) and every combination."""
    if alternatives is True:
        alts = list(m.alternatives)
    elif not alternatives:
        alts = []
    else:
        wanted = [str(a) for a in alternatives]
        known = {a.id for a in m.alternatives}
        unknown = [a for a in wanted if a not in known]
        if unknown:
            raise ValueError(f"Alternatif tidak dikenal: {unknown} / unknown alternatives")
        alts = [a for a in m.alternatives if a.id in wanted]
    groups: dict[str, list[str | None]] = {}
    for a in alts:
        groups.setdefault(a.replaces, [None]).append(a.id)
    options = list(groups.values())
    combos = []
    for combo in itertools.product(*options) if options else [()]:
        mm = m
        for a in combo:
            if a is not None:
                mm = mm.with_alternative(a)
        combos.append(mm)
    return options, combos


def _variant_terms(result: IndexResult, variants: list[Methodology]) -> tuple[np.ndarray, np.ndarray]:
    """Divisor and count score of each variant: who is in ``n`` (``n_all_reported``) and how an
    affair counts as covered (``affair_coverage``) may differ from the result's, the affair gate
    applied through scoring's own :func:`~iid_analysis.scoring.totals.frame_terms`."""
    n = np.array([result.n_reported if v.n_all_reported else result.n for v in variants], dtype="int64")
    covered = np.array([covered_count(result.affair_coverage, v.affair_coverage) for v in variants],
                       dtype="int64")
    out = [frame_terms(v, n[i], covered[i]) for i, v in enumerate(variants)]
    return (np.array([float(d) for d, _ in out], dtype="float64"),
            np.array([float(c) for _, c in out], dtype="float64"))


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
    """How sure the predicate is: Monte Carlo over evidence, weights and assumed alternatives."""

    year: int
    methodology_year: int
    draws: int
    seed: int
    settings: dict  # accept_prob, weight_spread, alternatives (ids), sources switched on
    iid: float  # the point estimate (result.iid)
    predicate: str  # the point estimate's predicate
    median: float
    p05: float
    p95: float
    mean: float
    predicate_probabilities: dict[str, float]  # every predicate, summing to exactly 1
    p_change: float  # probability that the predicate differs from the point estimate (all sources)
    iids: np.ndarray = field(repr=False)  # (draws,) rounded IID of every draw
    sources: pd.DataFrame = field(repr=False)  # one-at-a-time: source, label, active, p_differs, p05, p95
    main_source: str | None = None  # the source with the largest p_differs (None if none moves it)
    n_uncertain: int = 0  # answers whose acceptance is random in (a)

    def to_dict(self, include_draws: bool = False) -> dict:
        out = {
            "year": int(self.year),
            "methodology_year": int(self.methodology_year),
            "draws": int(self.draws),
            "seed": int(self.seed),
            "settings": _plain(self.settings),
            "iid": float(self.iid),
            "predicate": self.predicate,
            "median": float(self.median),
            "p05": float(self.p05),
            "p95": float(self.p95),
            "mean": float(self.mean),
            "predicate_probabilities": {k: float(v) for k, v in self.predicate_probabilities.items()},
            "p_change": float(self.p_change),
            "sources": [_plain(r) for r in self.sources.to_dict("records")],
            "main_source": self.main_source,
            "n_uncertain": int(self.n_uncertain),
        }
        if include_draws:
            out["iids"] = [float(x) for x in self.iids]
        return out


def _plain(x: Any) -> Any:
    if isinstance(x, Mapping):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    if isinstance(x, np.bool_):
        return bool(x)
    if isinstance(x, np.integer):
        return int(x)
    if isinstance(x, np.floating):
        return float(x)
    return x


def _iids(model: _Model, W: np.ndarray, L: np.ndarray, divisor: np.ndarray, count_score: np.ndarray,
          max_total: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Total and rounded IID of each draw (rows of W and L; divisor, count score, maximum per draw),
    through scoring's own :func:`~iid_analysis.scoring.totals.totals_from_points`."""
    wl = W * L
    tot = totals_from_points(wl[:, ~model.is_sid].sum(axis=1), wl[:, model.is_sid].sum(axis=1),
                             divisor, count_score, max_total)
    return tot["total"], tot["iid"]


def totals(result: IndexResult, weights: np.ndarray | None = None,
           levels: np.ndarray | None = None) -> np.ndarray:
    """Vectorised totals of ``result`` under other weights and/or valid levels (used by the Monte
    Carlo; tested against :func:`~iid_analysis.scoring.compute.score`).

    ``weights``: (D, K) or (K,) in ``result.methodology.indicator_ids`` order (maximum unchanged);
    ``levels``: (D, K) or (K,) Σ level over the answers that count, per indicator (default: the
    result's). Returns the (D,) totals.
    """
    model = _model(result)
    W = np.atleast_2d(model.weights if weights is None else np.asarray(weights, dtype="float64"))
    L = np.atleast_2d(model.base if levels is None else np.asarray(levels, dtype="float64"))
    D = max(len(W), len(L))
    t, _ = _iids(model, np.broadcast_to(W, (D, W.shape[1])), np.broadcast_to(L, (D, L.shape[1])),
                 np.full(D, float(result.divisor)),
                 np.full(D, float(frame_terms(result.methodology, result.n, result.n_basic_covered)[1])),
                 np.full(D, model.max_total))
    return t


def robustness(result: IndexResult, draws: int = 10_000, seed: int = 2021,
               accept_prob: Mapping[str, float] | None = None, weight_spread: float = 0.25,
               alternatives: bool | Iterable[str] = True) -> Robustness:
    """Monte Carlo of the IID and its predicate over three sources of uncertainty.

    (a) ``accept_prob``: status → probability that a claimed level whose evidence has that
    status is accepted (default pending 0.5, invalid 0, missing 0; statuses not listed: 0; valid
    evidence is taken as accepted). (b) every weight × U(1 − spread, 1 + spread), rescaled per
    aspect to the same maximum. (c) ``alternatives`` (True: all of the methodology's; False: none;
    or a list of ids): grouped by what they replace, each option of a group (the default included)
    drawn with equal probability, groups independently.

    Seeded (``numpy.random.SeedSequence(seed)``, one stream per source), so the same seed gives
    the same result; the one-at-a-time runs reuse the combined run's streams.
    """
    if accept_prob is None:
        accept_prob = {"pending": 0.5, "invalid": 0.0, "missing": 0.0}
    draws = int(draws)
    if draws < 1:
        raise ValueError("draws harus ≥ 1 / draws must be ≥ 1")
    for k, p in accept_prob.items():
        if not 0.0 <= float(p) <= 1.0:
            raise ValueError(f"Peluang diterima untuk {k!r} harus 0–1, ditemukan {p} / probability must be 0–1")
    spread = float(weight_spread)
    if not 0.0 <= spread < 1.0:
        raise ValueError(f"weight_spread harus 0 ≤ s < 1, ditemukan {spread} / weight_spread must be in [0, 1)")

    m: Methodology = result.methodology
    model = _model(result)
    K = len(model.ids)
    ss_a, ss_b, ss_c = np.random.SeedSequence(int(seed)).spawn(3)
    rng_a, rng_b, rng_c = (np.random.default_rng(s) for s in (ss_a, ss_b, ss_c))

    # (a) evidence: Σ accepted level per indicator and draw, draws × answers in blocks
    p = np.array([float(accept_prob.get(str(s), 0.0)) for s in model.unc_status], dtype="float64")
    live = (p > 0.0) & (model.unc_level > 0)
    cols, lv, pl = model.unc_col[live], model.unc_level[live], p[live].astype("float32")
    n_unc = int(np.count_nonzero(live & (p < 1.0)))
    Lacc = np.zeros((draws, K), dtype="float64")
    if len(cols):
        M = np.zeros((len(cols), K), dtype="float32")
        M[np.arange(len(cols)), cols] = lv
        for s in range(0, draws, _CHUNK):
            e = min(draws, s + _CHUNK)
            acc = (rng_a.random((e - s, len(cols)), dtype=np.float32) < pl).astype(np.float32)
            Lacc[s:e] = acc @ M
    L0 = np.broadcast_to(model.base, (draws, K))
    La = model.base + Lacc

    # (c) alternatives: option per group, combined into a variant index
    options, variants = _variants(m, alternatives)
    Wv = np.array([[float(v.indicator(i).weight) for i in model.ids] for v in variants])
    div_v, cs_v = _variant_terms(result, variants)
    max_v = np.array([float(v.max_total) for v in variants])
    choice = np.zeros(draws, dtype="int64")
    for opts in options:
        choice = choice * len(opts) + rng_c.integers(0, len(opts), size=draws)
    # variant 0 is the result's own frame (count score before the disclaimer rule, which
    # totals_from_points applies per draw)
    max_v[0] = model.max_total

    # (b) weights: uniform factors, rescaled per aspect to the variant's own maximum
    F = rng_b.uniform(1.0 - spread, 1.0 + spread, size=(draws, K)) if spread > 0 else None

    def perturb(Wbase: np.ndarray) -> np.ndarray:
        if F is None:
            return Wbase
        W = Wbase * F
        for mask in (model.is_sid, ~model.is_sid):
            W[:, mask] *= (Wbase[:, mask].sum(axis=1) / W[:, mask].sum(axis=1))[:, None]
        return W

    W0 = np.broadcast_to(model.weights, (draws, K))
    Wc = Wv[choice]
    zero = np.zeros(draws, dtype="int64")
    runs = {
        "all": (perturb(Wc), La, choice),
        "evidence": (W0, La, zero),
        "weights": (perturb(np.array(W0)), L0, zero),
        "alternatives": (Wc, L0, choice),
    }
    out: dict[str, np.ndarray] = {}
    for name, (W, L, ch) in runs.items():
        _, out[name] = _iids(model, W, L, div_v[ch], cs_v[ch], max_v[ch])

    iids = out["all"]
    preds = m.predicates_of(iids)
    counts = {pr: int(np.count_nonzero(preds == pr)) for pr in PREDICATES}
    probs = _probabilities(counts, draws)
    q05, q50, q95 = np.percentile(iids, [5, 50, 95])

    active = {"evidence": bool(len(cols)) and n_unc > 0, "weights": spread > 0,
              "alternatives": len(variants) > 1}
    label = {k: v.format(spread=fmt.pct(spread, 0)) for k, v in SOURCE_LABELS.items()}
    src_rows = []
    for name in ("evidence", "weights", "alternatives"):
        x = out[name]
        differs = float(np.mean(m.predicates_of(x) != result.predicate))
        lo, hi = np.percentile(x, [5, 95])
        src_rows.append({"source": name, "label": label[name], "active": active[name],
                         "p_differs": round(differs, 4), "p05": round_score(lo), "p95": round_score(hi)})
    sources = pd.DataFrame(src_rows, columns=["source", "label", "active", "p_differs", "p05", "p95"])
    top = sources.sort_values("p_differs", ascending=False, kind="stable").iloc[0]
    main = str(top["source"]) if float(top["p_differs"]) > 0 else None
    p_change = round(1.0 - probs[result.predicate], 4)
    settings = {
        "accept_prob": {str(k): float(v) for k, v in accept_prob.items()},
        "weight_spread": spread,
        "alternatives": [a for opts in options for a in opts if a is not None],
        "active": active,
        "one_at_a_time": True,
    }
    return Robustness(
        year=int(result.year), methodology_year=int(m.year), draws=draws, seed=int(seed),
        settings=settings, iid=float(result.iid), predicate=str(result.predicate),
        median=round_score(q50), p05=round_score(q05), p95=round_score(q95),
        mean=round_score(float(np.mean(iids))), predicate_probabilities=probs, p_change=p_change,
        iids=iids,
        sources=sources, main_source=main, n_uncertain=n_unc,
    )

