"""The model of uncertainty behind the robustness Monte Carlo and the Sobol sensitivity analysis.

An :class:`~iid_analysis.scoring.result.IndexResult` is reduced to arrays (:class:`Model`) and
every draw's IID goes through scoring's own
:func:`~iid_analysis.scoring.totals.totals_from_points`, so a draw at the point estimate gives
exactly ``result.iid``. The sources of uncertainty (each one a *group* of inputs):

``verification``
    every claimed level's evidence is accepted with a probability by its status (valid, pending,
    invalid, missing; ``Methodology.verification.accept``), and those probabilities are themselves
    drawn from Beta(κ·p, κ·(1 − p)) — so valid evidence can be rejected and the interval is
    two-sided around the verified point estimate;
``weights``
    every weight × U(1 − s, 1 + s), rescaled per aspect so the maximum is unchanged;
one source per assumed rule
    the edition's documented alternatives grouped by what they replace (``sid_weights``,
    ``count_score``, ``n_all_reported``, ``affair_coverage`` …) and ``inovatif_floor`` where the
    edition's Inovatif floor is assumed. The edition's own value of every rule together is drawn
    with probability ``own_frame``; each rule independently keeps its own value with
    ``own_frame ** (1 / rules)``, the rest split equally among its alternatives.

Nothing else varies: eligibility, stages, windows and the data entered stay as they are.
Settings are checked by :func:`check_settings` (one clear bilingual ValueError naming the setting).
"""

from __future__ import annotations

import dataclasses
import itertools
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from iid_analysis.methodology.model import VERIFICATION_STATUSES, Band, Methodology
from iid_analysis.scoring.affairs import covered_count
from iid_analysis.scoring.totals import frame_terms, totals_from_points

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.scoring.result import IndexResult

__all__ = [
    "MAX_DRAWS",
    "SOURCE_LABELS",
    "Model",
    "check_count",
    "check_seed",
    "evaluate",
    "model_of",
    "variant_terms",
    "variants_of",
]

MAX_DRAWS = 200_000

#: Indonesian labels of the sources (``{spread}``: the weight spread as a percentage).
SOURCE_LABELS: dict[str, str] = {
    "verification": "verifikasi bukti (tingkat yang diklaim diterima atau ditolak verifikator)",
    "weights": "bobot indikator (diganggu ±{spread})",
    "sid_weights": "bobot SID (alternatif terdokumentasi)",
    "spd_weights": "bobot SPD (alternatif terdokumentasi)",
    "count_score": "aturan skor jumlah inovasi (alternatif terdokumentasi)",
    "count_score_per_innovation": "skor per inovasi (alternatif terdokumentasi)",
    "n_all_reported": "siapa yang dihitung dalam n, pembagi SID (alternatif terdokumentasi)",
    "affair_coverage": "cara urusan pelayanan dasar dihitung tercakup (alternatif terdokumentasi)",
    "inovatif_floor": "batas bawah predikat Inovatif yang diasumsikan",
}


@dataclass
class Rule:
    """One assumed rule: its options (None = the edition's own value) and their probabilities."""

    name: str
    options: list[str | None]
    probs: np.ndarray

    def pick(self, u: np.ndarray) -> np.ndarray:
        """Option index for uniforms ``u`` (inverse of the categorical distribution)."""
        cum = np.cumsum(self.probs)[:-1]
        return np.searchsorted(cum, u, side="right").astype("int64")


@dataclass
class Model:
    """The result reduced to arrays (columns = the methodology's indicators) and the settings."""

    methodology: Methodology
    ids: tuple[str, ...]
    is_sid: np.ndarray  # (K,)
    weights: np.ndarray  # (K,)
    base: np.ndarray  # (K,) Σ level over counted answers
    claimed: np.ndarray  # (K,) Σ level over every claimed answer (level > 0)
    ans_col: np.ndarray  # (A,) every claimed answer: its column, level, status index
    ans_level: np.ndarray
    ans_status: np.ndarray
    accept: np.ndarray  # (S,) acceptance probability per status (VERIFICATION_STATUSES order)
    concentration: float  # κ of the Beta around each probability (0: fixed)
    spread: float
    rules: list[Rule]  # assumed rules drawn (the Inovatif floor last, if drawn)
    variants: list[Methodology]  # every combination of the frame rules (variant 0: the result's)
    Wv: np.ndarray  # (V, K) weights per variant
    div_v: np.ndarray
    cs_v: np.ndarray
    max_v: np.ndarray
    floor_methodology: Methodology | None  # the bands with the alternative Inovatif floor
    active: dict[str, bool]  # source → varied
    total: float
    max_total: float
    fixed_levels: np.ndarray | None = None  # (K,) Σ level when verification is on but nothing is random

    @property
    def frame_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.name != "inovatif_floor"]

    def varied_status(self) -> np.ndarray:
        """Per status: is its probability drawn (strictly inside 0–1 and κ > 0)?"""
        return (self.accept > 0) & (self.accept < 1) & (self.concentration > 0)

    def live(self) -> np.ndarray:
        """Per claimed answer: can its acceptance differ between draws?"""
        p = self.accept[self.ans_status]
        return (p > 0) & (p < 1)

    def variant_index(self, idx: np.ndarray) -> np.ndarray:
        """Variant of each draw from the option index of every frame rule (draws × rules)."""
        v = np.zeros(len(idx), dtype="int64")
        for j, r in enumerate(self.frame_rules):
            v = v * len(r.options) + idx[:, j]
        return v


# ---------------------------------------------------------------------- checks
def _where(setting: str) -> str:
    return f"pengaturan '{setting}' / setting '{setting}'"


def check_seed(seed: Any) -> int:
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or int(seed) < 0:
        raise ValueError(f"{_where('seed')}: benih acak harus bilangan bulat ≥ 0, ditemukan {seed!r} "
                         f"/ the seed must be an integer ≥ 0")
    return int(seed)


def check_count(value: Any, setting: str, low: int = 1, high: int = MAX_DRAWS) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not low <= int(value) <= high:
        raise ValueError(f"{_where(setting)}: harus bilangan bulat {low}–{high:,}, ditemukan {value!r} "
                         f"/ must be an integer from {low} to {high:,}".replace(",", "."))
    return int(value)


def _probability(value: Any, setting: str) -> float:
    try:
        p = float(value)
    except (TypeError, ValueError):
        p = float("nan")
    if isinstance(value, bool) or not 0.0 <= p <= 1.0:
        raise ValueError(f"{_where(setting)}: peluang harus 0–1, ditemukan {value!r} "
                         f"/ a probability must be between 0 and 1")
    return p


# ---------------------------------------------------------------------- building
def _frame_rules(m: Methodology, alternatives: Any) -> dict[str, list[str | None]]:
    if alternatives is True:
        alts = list(m.alternatives)
    elif not alternatives:
        alts = []
    else:
        wanted = [str(a) for a in alternatives]
        known = {a.id for a in m.alternatives}
        unknown = [a for a in wanted if a not in known]
        if unknown:
            raise ValueError(f"{_where('alternatives')}: alternatif tidak dikenal {unknown} (dikenal: "
                             f"{sorted(known)}) / unknown alternatives")
        alts = [a for a in m.alternatives if a.id in wanted]
    groups: dict[str, list[str | None]] = {}
    for a in alts:
        groups.setdefault(a.replaces, [None]).append(a.id)
    return groups


def variants_of(m: Methodology, alternatives: Any) -> tuple[list[list[str | None]], list[Methodology]]:
    """Option groups (by what each alternative replaces; None = the default) and every combination."""
    options = list(_frame_rules(m, alternatives).values())
    combos = []
    for combo in itertools.product(*options):
        mm = m
        for a in combo:
            if a is not None:
                mm = mm.with_alternative(a)
        combos.append(mm)
    return options, combos


def variant_terms(result: IndexResult, variants: list[Methodology]) -> tuple[np.ndarray, np.ndarray]:
    """Divisor and count score of each variant: who is in ``n`` and how an affair counts as covered
    may differ from the result's, the affair gate applied through scoring's own ``frame_terms``."""
    n = np.array([result.n_reported if v.n_all_reported else result.n for v in variants], dtype="int64")
    cov = np.array([covered_count(result.affair_coverage, v.affair_coverage) for v in variants], dtype="int64")
    out = [frame_terms(v, n[i], cov[i]) for i, v in enumerate(variants)]
    return (np.array([float(d) for d, _ in out], dtype="float64"),
            np.array([float(c) for _, c in out], dtype="float64"))


def _floor_methodology(m: Methodology, floor: float) -> Methodology | None:
    """The bands with the alternative Inovatif floor, where the edition's floor is assumed."""
    status = next((n.status for n in m.numbers if n.key == "bands.Inovatif.low"), None)
    if status != "assumed" or floor <= 0:
        return None
    try:
        ino, below = m.band_of("Inovatif"), m.band_of("Kurang Inovatif")
    except KeyError:
        return None
    if abs(floor - ino.low) < 1e-9 or not below.low < floor <= ino.high:
        return None
    bands = tuple(Band(b.predicate, floor, b.high) if b.predicate == "Inovatif"
                  else Band(b.predicate, b.low, round(floor - 0.01, 2)) if b.predicate == "Kurang Inovatif"
                  else b for b in m.bands)
    return dataclasses.replace(m, bands=bands, variant=(m.variant + "+" if m.variant else "") + "inovatif_floor")


def model_of(result: IndexResult, accept_prob: Mapping[str, float] | None = None,
             weight_spread: float | None = None, alternatives: bool | Iterable[str] = True,
             sources: Iterable[str] | None = None, vary_prob: bool = True) -> Model:
    """The model of ``result`` with the methodology's ``[verification]`` settings, ``accept_prob``
    (status → probability, over the methodology's) and ``weight_spread`` over them; ``sources``
    (None: all) names the sources to vary; ``vary_prob`` False keeps the probabilities fixed."""
    m: Methodology = result.methodology
    ver = m.verification
    accept = dict(ver.accept)
    for k, p in (accept_prob or {}).items():
        if str(k) not in VERIFICATION_STATUSES:
            raise ValueError(f"{_where('accept_prob')}: status bukti tidak dikenal {k!r} (dikenal: "
                             f"{', '.join(VERIFICATION_STATUSES)}) / unknown evidence status")
        accept[str(k)] = _probability(p, f"accept_prob.{k}")
    spread = ver.weight_spread if weight_spread is None else weight_spread
    try:
        spread_f = float(spread)
    except (TypeError, ValueError):
        spread_f = float("nan")
    if isinstance(spread, bool) or not 0.0 <= spread_f < 1.0:
        raise ValueError(f"{_where('weight_spread')}: harus 0 ≤ s < 1, ditemukan {spread!r} "
                         f"/ must be in [0, 1)")

    ids = m.indicator_ids
    col = {k: i for i, k in enumerate(ids)}
    pts = result.points
    k = pts["indicator_id"].astype("string").map(col)
    if k.isna().any():
        raise ValueError("points memuat indikator di luar metodologi / points hold unknown indicators")
    k = k.to_numpy("int64")
    level = np.nan_to_num(pts["level"].to_numpy("float64", na_value=0.0))
    counted = pts["valid"].fillna(False).astype(bool).to_numpy()
    status = pts["evidence_status"].astype("string").fillna("missing")
    s_idx = np.asarray(pd.Index(VERIFICATION_STATUSES).get_indexer(status), dtype="int64")
    s_idx[s_idx < 0] = VERIFICATION_STATUSES.index("missing")
    claimed = level > 0
    # a canonical order of the claimed answers (innovation, indicator): the per-answer draws of the
    # Sobol design must not depend on the row order of the input files
    who = (pts["innovation_id"].astype("string").fillna("") + "\x00"
           + pts["indicator_id"].astype("string").fillna("")).to_numpy(object)[claimed]
    order = np.argsort(who, kind="stable")
    K = len(ids)

    wanted_alts = alternatives
    if alternatives is not True and alternatives:
        wanted_alts = [a for a in (str(x) for x in alternatives) if a != "inovatif_floor"]
    groups = _frame_rules(m, wanted_alts) if wanted_alts else {}
    floor_on = alternatives is True or (bool(alternatives) and "inovatif_floor" in [str(a) for a in alternatives])
    floor_m = _floor_methodology(m, ver.inovatif_floor) if floor_on else None
    names = ["verification", "weights", *groups, *(["inovatif_floor"] if floor_m is not None else [])]
    if sources is not None:
        wanted = [str(s) for s in ([sources] if isinstance(sources, str) else sources)]
        unknown = [s for s in wanted if s not in names]
        if unknown:
            raise ValueError(f"{_where('sources')}: sumber tidak dikenal {unknown} (dikenal untuk edisi "
                             f"ini: {', '.join(names)}) / unknown source")
        groups = {g: o for g, o in groups.items() if g in wanted}
        floor_m = floor_m if "inovatif_floor" in wanted else None
    else:
        wanted = names
    n_rules = len(groups) + (floor_m is not None)
    keep = float(ver.own_frame) ** (1.0 / n_rules) if n_rules else 1.0
    rules = [Rule(g, o, np.array([keep] + [(1 - keep) / (len(o) - 1)] * (len(o) - 1))) for g, o in groups.items()]
    if floor_m is not None:
        rules.append(Rule("inovatif_floor", [None, "inovatif_floor"], np.array([keep, 1 - keep])))

    _, variants = variants_of(m, [a for r in rules for a in r.options if a not in (None, "inovatif_floor")])
    div_v, cs_v = variant_terms(result, variants)
    max_v = np.array([float(v.max_total) for v in variants])
    max_v[0] = float(result.max_total)
    acc = np.array([accept[s] for s in VERIFICATION_STATUSES], dtype="float64")
    model = Model(
        methodology=m, ids=ids, is_sid=np.array([m.indicator(i).aspect == "SID" for i in ids]),
        weights=np.array([float(m.indicator(i).weight) for i in ids]),
        base=np.bincount(k, weights=level * counted, minlength=K).astype("float64"),
        claimed=np.bincount(k, weights=level * claimed, minlength=K).astype("float64"),
        ans_col=k[claimed][order], ans_level=level[claimed][order], ans_status=s_idx[claimed][order],
        accept=acc,
        concentration=float(ver.concentration) if vary_prob else 0.0, spread=spread_f, rules=rules,
        variants=variants, Wv=np.array([[float(v.indicator(i).weight) for i in ids] for v in variants]),
        div_v=div_v, cs_v=cs_v,
        max_v=max_v, floor_methodology=floor_m, active={}, total=float(result.total),
        max_total=float(result.max_total),
    )
    if "verification" in wanted and not model.live().any():
        # every probability is 0 or 1: acceptance is certain, not random
        model.fixed_levels = np.bincount(model.ans_col, weights=model.ans_level * acc[model.ans_status],
                                         minlength=K).astype("float64")
    model.active = {
        "verification": "verification" in wanted and bool(model.live().any()),
        "weights": "weights" in wanted and spread_f > 0,
        **{r.name: True for r in rules},
    }
    return model


# ---------------------------------------------------------------------- draws
def beta_params(model: Model) -> tuple[np.ndarray, np.ndarray]:
    p, kappa = model.accept, max(model.concentration, 1e-12)
    return kappa * p, kappa * (1 - p)


def levels_binomial(model: Model, rng: np.random.Generator, P: np.ndarray) -> np.ndarray:
    """(draws, K) Σ accepted level per indicator: claimed answers grouped by (indicator, level,
    status), the number accepted in each group Binomial(count, P[draw, status]) — the same
    distribution as one Bernoulli per answer, with far fewer random numbers."""
    key = np.stack([model.ans_col, model.ans_level.astype("int64"), model.ans_status], axis=1)
    if not len(key):
        return np.zeros((len(P), len(model.ids)))
    uniq, count = np.unique(key, axis=0, return_counts=True)
    probs = P[:, uniq[:, 2]]
    acc = rng.binomial(count[None, :], probs).astype("float64")
    M = np.zeros((len(uniq), len(model.ids)))
    M[np.arange(len(uniq)), uniq[:, 0]] = uniq[:, 1]
    return acc @ M


def levels_coupled(model: Model, P: np.ndarray, luck: np.ndarray, seed: int, chunk: int = 1024) -> np.ndarray:
    """(rows, K) Σ accepted level per indicator with one Bernoulli per claimed answer: answer j is
    accepted when w_j < P[row, status_j], the w drawn from a generator seeded by the row's ``luck``
    (a uniform), so equal (luck, P) give equal outcomes — what the Sobol design needs."""
    K, A = len(model.ids), len(model.ans_col)
    out = np.zeros((len(P), K))
    if not A:
        return out
    uniq, inv = np.unique(luck, return_inverse=True)
    W = np.empty((len(uniq), A), dtype="float32")
    for i, u in enumerate(uniq):
        W[i] = np.random.default_rng([seed, int(u * 2**52)]).random(A, dtype=np.float32)
    M = np.zeros((A, K), dtype="float32")
    M[np.arange(A), model.ans_col] = model.ans_level
    for s in range(0, len(P), chunk):
        e = min(len(P), s + chunk)
        acc = (W[inv[s:e]] < P[s:e][:, model.ans_status].astype("float32")).astype("float32")
        out[s:e] = acc @ M
    return out


def evaluate(model: Model, L: np.ndarray, F: np.ndarray | None, idx: np.ndarray,
             floor: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unrounded IID, rounded IID and predicate of every draw.

    ``L`` (D, K) Σ accepted level per indicator; ``F`` (D, K) weight factors or None; ``idx``
    (D, frame rules) option index per rule; ``floor`` (D,) bool: the alternative Inovatif floor."""
    D = len(L)
    v = model.variant_index(idx) if idx.shape[1] else np.zeros(D, dtype="int64")
    Wb = model.Wv[v]
    if F is not None:
        W = Wb * F
        for mask in (model.is_sid, ~model.is_sid):
            W[:, mask] *= (Wb[:, mask].sum(axis=1) / W[:, mask].sum(axis=1))[:, None]
    else:
        W = Wb
    wl = W * L
    tot = totals_from_points(wl[:, ~model.is_sid].sum(axis=1), wl[:, model.is_sid].sum(axis=1),
                             model.div_v[v], model.cs_v[v], model.max_v[v])
    preds = model.methodology.predicates_of(tot["iid"])
    if floor is not None and model.floor_methodology is not None and floor.any():
        preds[floor] = model.floor_methodology.predicates_of(tot["iid"][floor])
    return tot["ratio"], tot["iid"], preds
