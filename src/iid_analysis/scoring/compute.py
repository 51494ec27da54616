"""The index: points per answer → maturity per innovation → SPD, SID, total, IID, predikat.

``score(review, methodology=None) -> IndexResult`` follows iid-reference §2 with every number taken
from the :class:`~iid_analysis.methodology.Methodology` (weights, divisor rule, count score, maximum,
evidence rule, bands)::

    points  = level × weight        when the evidence counts (evidence_rule "valid_only": status valid)
    SPD     = Σ points of the SPD indicators
    SID     = Σ points of the SID indicators over the scored innovations / divisor(n) + count_score(n)
    total   = SPD + SID;   IID = round_score(total / max_total × 100);   predikat = bands(IID)

Only the review's ``usable`` answers count; an indicator not answered counts as level 0.
``n`` is the number of innovations the review found ``eligible`` (their ids are unique).
Scoring with another edition's methodology (like-for-like) keeps the review's eligibility and
scores the same answers with that frame's indicators and weights; answers to indicators the frame
does not know are dropped and logged.

Everything is vectorised (index look-ups, ``bincount``, reshapes); there is no Python loop over
innovations or answers.

Fast core for what-if and Monte Carlo (``whatif.py``)
-----------------------------------------------------
:class:`ScoreArrays` (``result.arrays`` or :func:`answer_arrays`) holds the scored answers as
matrices: ``sid_level`` (n × k), ``sid_status`` (codes into :data:`EVIDENCE_STATUSES`),
``sid_counted`` (n × k bool: the evidence counts under the rule), ``sid_weight`` (k), and the same
for SPD (m). From these:

* :func:`totals_from_points` turns SPD points, summed SID points, divisor, count score and maximum
  (scalars or arrays of any broadcastable shape, e.g. one entry per variant) into spd, sid, total
  and the rounded IID — the very function :func:`score` uses, so both paths agree;
* :func:`frame_terms` gives divisor(n) and count_score(n) for an array of ``n`` from the methodology;
* :func:`iids_for_weights` scores V weight sets at once (``sid_weights`` V × k, ``spd_weights`` V × m)
  using column sums: Σ_i Σ_j level·counted·w_j = Σ_j w_j · colsum_j.

For evidence variants (e.g. pending evidence validated with probability p) draw a boolean mask of
shape (V, n, k) or loop over chunks of variants, compute ``(mask * arrays.sid_claimed).sum((1, 2))``
and pass it to :func:`totals_from_points`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from iid_analysis.methodology import Methodology, MethodologyError, round_scores

__all__ = [
    "EVIDENCE_RULES",
    "EVIDENCE_STATUSES",
    "REASONS",
    "IndexResult",
    "ScoreArrays",
    "answer_arrays",
    "frame_terms",
    "iids_for_weights",
    "score",
    "totals_from_points",
]

#: Evidence status codes; the position is the code used in :class:`ScoreArrays`.
EVIDENCE_STATUSES: tuple[str, ...] = ("valid", "invalid", "pending", "missing")
_MISSING = EVIDENCE_STATUSES.index("missing")

#: Evidence rules a methodology may name → the statuses whose claimed level counts.
EVIDENCE_RULES: dict[str, tuple[str, ...]] = {
    "valid_only": ("valid",),
    "valid_or_pending": ("valid", "pending"),  # what-if: every pending document is accepted
    "claimed": EVIDENCE_STATUSES,  # what-if: every claim counts, evidence ignored
}

#: Why an answer earns no points (Indonesian), by reason code; code 0 = points counted.
REASONS: tuple[str, ...] = (
    "",
    "bukti tidak valid",
    "bukti belum diverifikasi",
    "bukti tidak ada",
    "tidak diklaim",
    "tidak dijawab",
)
_R_COUNTED, _R_INVALID, _R_PENDING, _R_MISSING, _R_NOT_CLAIMED, _R_NOT_ANSWERED = range(6)
_STATUS_REASON = np.array([_R_COUNTED, _R_INVALID, _R_PENDING, _R_MISSING], dtype=np.int8)

WHY_NOT_DEFAULT = "tidak memenuhi syarat"
WHY_NOT_DUPLICATE = "ID inovasi ganda (hanya entri pertama yang dinilai)"
WHY_NOT_NO_ID = "ID inovasi kosong"
COUNT_VARIABLE = "Jumlah inovasi"

POINT_COLUMNS: tuple[str, ...] = (
    "aspect", "innovation_id", "opd_id", "indicator_id", "variable", "name", "level", "weight",
    "evidence_status", "valid", "points", "max_points", "reason", "answer_row",
)
INNOVATION_COLUMNS: tuple[str, ...] = (
    "_row", "innovation_id", "opd_id", "name", "kind", "form", "stage", "eligible", "scored",
    "maturity", "max_maturity", "claimed_maturity", "why_not",
)
OPD_COLUMNS: tuple[str, ...] = (
    "opd_id", "name", "active", "entered", "eligible", "scored", "mean_maturity", "sid_points",
    "share_sid_points",
)
BREAKDOWN_COLUMNS: tuple[str, ...] = (
    "aspect", "variable", "n_indicators", "sum_points", "points", "max_points", "contribution",
)


# ---------------------------------------------------------------------------- fast core
@dataclass(frozen=True)
class ScoreArrays:
    """The scored answers as matrices (rows: scored innovations in review order; columns: the
    frame's SID indicators in methodology order). Levels are 0 where not answered; status codes
    index :data:`EVIDENCE_STATUSES`; ``*_counted`` says whether the evidence counts under the rule
    (False where not answered)."""

    innovation_ids: np.ndarray  # (n,) object
    sid_ids: tuple[str, ...]
    sid_weight: np.ndarray  # (k,) float64
    sid_level: np.ndarray  # (n, k) float64
    sid_status: np.ndarray  # (n, k) int8
    sid_counted: np.ndarray  # (n, k) bool
    spd_ids: tuple[str, ...]
    spd_weight: np.ndarray  # (m,)
    spd_level: np.ndarray  # (m,)
    spd_status: np.ndarray  # (m,) int8
    spd_counted: np.ndarray  # (m,) bool
    max_count_score: float
    max_total: float

    @property
    def n(self) -> int:
        return int(self.sid_level.shape[0])

    @property
    def sid_claimed(self) -> np.ndarray:
        """(n, k) level × weight, evidence ignored."""
        return self.sid_level * self.sid_weight

    @property
    def sid_points(self) -> np.ndarray:
        """(n, k) points under the evidence rule."""
        return self.sid_claimed * self.sid_counted

    @property
    def spd_points(self) -> np.ndarray:
        return self.spd_level * self.spd_weight * self.spd_counted

    def sid_column_sums(self, counted: np.ndarray | None = None) -> np.ndarray:
        """(k,) Σ over innovations of level × counted (weights not applied)."""
        mask = self.sid_counted if counted is None else counted
        return (self.sid_level * mask).sum(axis=0)


def totals_from_points(spd_points, sid_sum, divisor, count_score, max_total) -> dict[str, np.ndarray]:
    """Headline numbers from points; every argument is a scalar or an array (broadcast together).

    Returns float64 arrays ``spd``, ``sid_sum``, ``divisor``, ``sid_avg``, ``count_score``, ``sid``,
    ``total``, ``max_total``, ``ratio`` (total / max_total × 100, unrounded) and ``iid`` (rounded
    half up to two decimals, as published).

    Disclaimer rule (iid-reference §3: *Tidak Dapat Dinilai* when nothing is reported **or nothing
    is valid*): when no SPD and no SID answer earns a point, the total is 0 — the count score of
    innovations whose every claim is unproven does not make a region assessable."""
    spd, sid_sum, divisor, count_score, max_total = np.broadcast_arrays(
        *(np.asarray(x, dtype="float64") for x in (spd_points, sid_sum, divisor, count_score, max_total))
    )
    nothing_valid = (spd <= 0) & (sid_sum <= 0)
    count_score = np.where(nothing_valid, 0.0, count_score)
    sid_avg = sid_sum / divisor
    sid = sid_avg + count_score
    total = spd + sid
    ratio = total / max_total * 100.0
    return {
        "spd": spd, "sid_sum": sid_sum, "divisor": divisor, "sid_avg": sid_avg,
        "count_score": count_score, "sid": sid, "total": total, "max_total": max_total,
        "ratio": ratio, "iid": round_scores(ratio),
    }


def frame_terms(methodology: Methodology, n) -> tuple[np.ndarray, np.ndarray]:
    """``divisor(n)`` and ``count_score(n)`` of the methodology for an array (or scalar) of n."""
    n = np.asarray(n, dtype="int64")
    uniq, inv = np.unique(n, return_inverse=True)
    div = np.array([methodology.divisor(int(x)) for x in uniq], dtype="float64")
    cs = np.array([methodology.count_score(int(x)) for x in uniq], dtype="float64")
    return div[inv].reshape(n.shape), cs[inv].reshape(n.shape)


def iids_for_weights(arrays: ScoreArrays, methodology: Methodology, *, sid_weights=None,
                     spd_weights=None) -> dict[str, np.ndarray]:
    """Score V weight sets at once. ``sid_weights`` (V × k) and ``spd_weights`` (V × m) follow
    ``arrays.sid_ids`` / ``arrays.spd_ids``; None keeps the frame's weights. The maximum is
    recomputed from the weights (as :meth:`Methodology.with_weights` does). Returns
    :func:`totals_from_points` arrays of length V."""
    sw = np.atleast_2d(arrays.sid_weight if sid_weights is None else np.asarray(sid_weights, float))
    pw = np.atleast_2d(arrays.spd_weight if spd_weights is None else np.asarray(spd_weights, float))
    v = max(sw.shape[0], pw.shape[0])
    sw = np.broadcast_to(sw, (v, sw.shape[1]))
    pw = np.broadcast_to(pw, (v, pw.shape[1]))
    sid_sum = sw @ arrays.sid_column_sums()
    spd = pw @ (arrays.spd_level * arrays.spd_counted)
    max_total = 3 * sw.sum(axis=1) + 3 * pw.sum(axis=1) + arrays.max_count_score
    if sid_weights is None and spd_weights is None:
        max_total = np.full(v, arrays.max_total)
    divisor, count_score = frame_terms(methodology, np.full(v, arrays.n))
    return totals_from_points(spd, sid_sum, divisor, count_score, max_total)


def answer_arrays(result: IndexResult) -> ScoreArrays:
    """The scored answers of a result as matrices (see :class:`ScoreArrays`)."""
    return result.arrays


# ---------------------------------------------------------------------------- result
@dataclass
class IndexResult:
    year: int  # the edition of the data
    methodology: Methodology  # the frame used
    review: Any
    points: pd.DataFrame
    innovations: pd.DataFrame
    opd: pd.DataFrame
    breakdown: pd.DataFrame
    spd: float
    sid_sum: float
    divisor: int
    sid_avg: float
    count_score: float
    sid: float
    n: int
    total: float
    max_total: float
    iid: float
    predicate: str
    next_predicate: str | None
    distance_to_next: float | None
    log: list[dict]
    arrays: ScoreArrays = field(repr=False, compare=False)

    @property
    def like_for_like(self) -> bool:
        """True when the frame is not the data's own edition as published."""
        return self.methodology.year != self.year or bool(self.methodology.variant)

    @property
    def mean_maturity(self) -> float | None:
        m = self.innovations["maturity"].dropna()
        return float(m.mean()) if len(m) else None

    def to_dict(self) -> dict:
        """The results.json fields scoring owns (plain JSON types)."""
        return {
            "year": int(self.year),
            "iid": float(self.iid),
            "predicate": self.predicate,
            "spd": float(self.spd),
            "sid": float(self.sid),
            "sid_sum": float(self.sid_sum),
            "sid_avg": float(self.sid_avg),
            "n_innovations": int(self.n),
            "n_submitted": int(len(self.innovations)),
            "n_eligible": int(self.innovations["eligible"].sum()),
            "mean_maturity": self.mean_maturity,
            "total": float(self.total),
            "max_total": float(self.max_total),
            "count_score": float(self.count_score),
            "divisor": int(self.divisor),
            "methodology_year": int(self.methodology.year),
            "variant": self.methodology.variant,
            "evidence_rule": self.methodology.evidence_rule,
            "next_predicate": self.next_predicate,
            "distance_to_next": None if self.distance_to_next is None else float(self.distance_to_next),
            "assumptions": [
                {"key": a.key, "value": _jsonable(a.value), "source": a.source, "note": a.note}
                for a in self.methodology.assumptions()
            ],
        }

    def summary_lines(self) -> list[str]:
        """The result in a few Indonesian lines."""
        from iid_analysis.text import fmt

        m = self.methodology
        frame = f"metodologi {m.year}" + (f" ({m.variant})" if m.variant else "")
        lines = [f"IID edisi {self.year} ({frame}): {fmt.num(self.iid)} — predikat {self.predicate}"]
        if self.like_for_like:
            lines.append(f"Perbandingan setara: data edisi {self.year} dinilai dengan kerangka {frame}.")
        lines.append(f"SPD {fmt.num(self.spd)} dari {fmt.num(m.max_spd)}")
        lines.append(
            f"SID {fmt.num(self.sid)} = {fmt.num(self.sid_sum)} ÷ {self.divisor} "
            f"+ skor jumlah inovasi {fmt.num(self.count_score)} (n = {self.n})"
        )
        lines.append(f"Total {fmt.num(self.total)} dari {fmt.num(self.max_total)}")
        entered = len(self.innovations)
        lines.append(
            f"Inovasi dinilai: {fmt.integer(self.n)} dari {fmt.integer(entered)} yang diajukan "
            f"({fmt.integer(entered - self.n)} tidak dinilai)"
        )
        if self.mean_maturity is not None:
            lines.append(
                f"Rata-rata skor kematangan: {fmt.num(self.mean_maturity)} dari "
                f"{fmt.num(m.max_sid_per_innovation)}"
            )
        if self.next_predicate is None:
            lines.append("Predikat tertinggi sudah tercapai.")
        else:
            lines.append(
                f"Menuju {self.next_predicate}: kurang {fmt.num(self.distance_to_next)} poin IID"
            )
        dropped = next((e for e in self.log if e.get("step") == "frame_drop"), None)
        if dropped and dropped.get("n_answers"):
            lines.append(
                f"{fmt.integer(dropped['n_answers'])} jawaban untuk indikator di luar kerangka "
                f"diabaikan: {', '.join(dropped['indicator_ids'])}"
            )
        n_assumed = len(m.assumptions())
        if n_assumed:
            lines.append(f"Bersandar pada {n_assumed} angka berstatus asumsi dalam metodologi {m.year}.")
        return lines


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        return value.item()
    return value


# ---------------------------------------------------------------------------- scoring
def _text(values) -> pd.arrays.StringArray:
    return pd.array(values, dtype="string")


def _text_take(values, positions: np.ndarray) -> pd.arrays.StringArray:
    """``_text(values[positions])`` for a few distinct ``values`` repeated over many rows: the
    values are checked once, then taken."""
    return _text(np.asarray(values, dtype=object)).take(np.asarray(positions, dtype=np.intp))


def _bool(s: pd.Series) -> np.ndarray:
    if s.dtype == bool:
        return s.to_numpy()
    return s.astype("boolean").fillna(False).to_numpy(dtype=bool)


def _col(df: pd.DataFrame, name: str) -> pd.Series:
    if name in df.columns:
        return df[name]
    return pd.Series(pd.NA, index=df.index, dtype="string")


def _status_codes(s: pd.Series) -> np.ndarray:
    codes = pd.Index(EVIDENCE_STATUSES).get_indexer(s.astype("string"))
    codes[codes < 0] = _MISSING
    return codes.astype(np.int8)


def _levels(s: pd.Series) -> np.ndarray:
    return pd.to_numeric(s, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def _first_answers(ans: pd.DataFrame, pos: np.ndarray):
    """Pick, for each target slot ``pos`` (−1 = not scored here), the first usable answer.

    Returns (slots, level, status code, answer row) for the chosen answers."""
    usable = _bool(ans["usable"]) if "usable" in ans.columns else np.ones(len(ans), dtype=bool)
    level = _levels(ans["level"])
    keep = usable & (pos >= 0) & np.isfinite(level) & (level >= 0) & (level <= 3)
    idx = np.flatnonzero(keep)
    slots = pos[idx]
    first = ~pd.Series(slots).duplicated().to_numpy()  # first answer per slot, input order
    slots, idx = slots[first], idx[first]
    status = _status_codes(ans["evidence_status"].iloc[idx]) if len(idx) else np.zeros(0, np.int8)
    rows = ans["_row"].iloc[idx].to_numpy(dtype="float64", na_value=np.nan) if "_row" in ans.columns \
        else np.full(len(idx), np.nan)
    return slots, np.floor(level[idx]), status, rows


def _grid(size: int, slots, level, status, rows, counted_by_status):
    lv = np.zeros(size, dtype="float64")
    st = np.full(size, _MISSING, dtype=np.int8)
    ar = np.full(size, np.nan)
    answered = np.zeros(size, dtype=bool)
    lv[slots], st[slots], ar[slots], answered[slots] = level, status, rows, True
    counted = counted_by_status[st] & answered
    reason = np.where(counted, _R_COUNTED, _STATUS_REASON[st]).astype(np.int8)
    reason[lv == 0] = _R_NOT_CLAIMED
    reason[~answered] = _R_NOT_ANSWERED
    return lv, st, ar, counted, reason


def score(review, methodology: Methodology | None = None) -> IndexResult:
    """Score a desk review: points, maturity, SPD, SID, total, IID and predikat (see module doc).

    ``methodology`` None → ``review.methodology``; another edition's methodology scores the same
    answers with that frame (eligibility stays the review's).

    The steps, each logged: which innovations are scored (``n``), their SID answers on an
    n × k grid, the SPD answers, the totals, then the points and innovations tables."""
    meth = methodology if methodology is not None else review.methodology
    year = int(review.year)
    rule = meth.evidence_rule
    if rule not in EVIDENCE_RULES:
        raise MethodologyError(
            f"aturan bukti tidak dikenal {rule!r} (dikenal: {', '.join(EVIDENCE_RULES)}) "
            f"/ unknown evidence rule"
        )
    counted_by_status = np.isin(np.array(EVIDENCE_STATUSES), EVIDENCE_RULES[rule])
    log: list[dict] = [
        {
            "step": "frame", "data_year": year, "methodology_year": int(meth.year),
            "variant": meth.variant, "file": Path(meth.path).name if meth.path else "",
            "like_for_like": bool(meth.year != year or meth.variant),
            "n_spd_indicators": len(meth.indicators_of("SPD")),
            "n_sid_indicators": len(meth.indicators_of("SID")),
            "message": f"Data edisi {year} dinilai dengan metodologi {meth.year}"
                       + (f" ({meth.variant})" if meth.variant else ""),
        },
        {
            "step": "evidence", "evidence_rule": rule, "counted_statuses": list(EVIDENCE_RULES[rule]),
            "message": "Tingkat yang diklaim dihitung hanya bila status bukti: "
                       + ", ".join(EVIDENCE_RULES[rule]),
        },
    ]
    sid_inds = meth.indicators_of("SID")
    spd_inds = meth.indicators_of("SPD")
    sid_w = np.array([i.weight for i in sid_inds], dtype="float64")
    spd_w = np.array([i.weight for i in spd_inds], dtype="float64")
    k = len(sid_inds)

    sel = _scored_innovations(review.innovations)
    log.append(sel.log_entry(meth))
    sid, claimed_u = _sid_grid(review.answers, sel, sid_inds, sid_w, counted_by_status, log)
    spd = _spd_grid(review.region_answers, spd_inds, counted_by_status, log)

    # ------------------------------------------------------------ totals
    n = sel.n
    sid_pts = sid.level * np.tile(sid_w, n) * sid.counted
    spd_pts = spd.level * spd_w * spd.counted
    maturity = sid_pts.reshape(n, k).sum(axis=1) if k else np.zeros(n)
    divisor = meth.divisor(n)
    count_score = meth.count_score(n)
    tot = totals_from_points(spd_pts.sum(), maturity.sum(), divisor, count_score, meth.max_total)
    iid = float(tot["iid"])
    pred = meth.predicate(iid)
    nb = meth.next_band(pred)
    next_pred = nb.predicate if nb else None
    dist = float(round(nb.low - iid, 2)) if nb else None
    log.extend(_totals_log(meth, tot, n, divisor, count_score, pred, next_pred, dist))

    scored_ids = sel.inn_ids.to_numpy(dtype=object, na_value=None)[sel.scored_rows]
    points = _points_table(review.innovations, sel, scored_ids, sid_inds, spd_inds, sid_w, spd_w, sid, spd,
                           sid_pts, spd_pts)
    innovations, mat_rows = _innovations_table(review.innovations, sel, maturity, claimed_u, meth)
    opd = _opd_table(review, review.innovations, sel.eligible, sel.scored, mat_rows, float(tot["sid_sum"]),
                     year)
    breakdown = _breakdown(meth, sid_inds, spd_inds, sid_pts.reshape(n, k).sum(axis=0) if n else np.zeros(k),
                           spd_pts, divisor, count_score)

    arrays = ScoreArrays(
        innovation_ids=scored_ids, sid_ids=tuple(i.id for i in sid_inds), sid_weight=sid_w,
        sid_level=sid.level.reshape(n, k), sid_status=sid.status.reshape(n, k),
        sid_counted=sid.counted.reshape(n, k), spd_ids=tuple(i.id for i in spd_inds), spd_weight=spd_w,
        spd_level=spd.level, spd_status=spd.status, spd_counted=spd.counted,
        max_count_score=meth.max_count_score, max_total=float(meth.max_total),
    )
    return IndexResult(
        year=year, methodology=meth, review=review, points=points, innovations=innovations, opd=opd,
        breakdown=breakdown, spd=float(tot["spd"]), sid_sum=float(tot["sid_sum"]), divisor=int(divisor),
        sid_avg=float(tot["sid_avg"]), count_score=float(tot["count_score"]), sid=float(tot["sid"]), n=int(n),
        total=float(tot["total"]), max_total=float(meth.max_total), iid=iid, predicate=pred,
        next_predicate=next_pred, distance_to_next=dist, log=log, arrays=arrays,
    )


class _Selection(NamedTuple):
    """Which innovation rows are scored: eligible, with an id, the first row of that id."""

    inn_ids: pd.Series  # innovation_id per row (string)
    id_ok: np.ndarray  # the row has an id
    eligible: np.ndarray
    uid: pd.Index  # distinct ids, input order
    row_u: np.ndarray  # row → position in uid (−1: no id)
    first_of_id: np.ndarray  # the first eligible row of its id
    scored: np.ndarray
    scored_rows: np.ndarray  # positions of the scored rows
    to_grid: np.ndarray  # position in uid → row of the SID grid (−1: not scored)
    n_dup_eligible: int

    @property
    def n(self) -> int:
        return len(self.scored_rows)

    def log_entry(self, meth: Methodology) -> dict:
        n, entered = self.n, len(self.eligible)
        return {
            "step": "n", "n": n, "n_entered": int(entered), "n_eligible": int(self.eligible.sum()),
            "n_eligible_without_id": int((self.eligible & ~self.id_ok).sum()),
            "n_eligible_duplicate_id": self.n_dup_eligible,
            "counted_stages": list(meth.counted_stages),
            "rule": "n = inovasi yang memenuhi syarat menurut telaah meja (review.eligible)",
            "message": f"{n} inovasi dinilai dari {entered} yang diajukan",
        }


def _scored_innovations(inn: pd.DataFrame) -> _Selection:
    inn_ids = _col(inn, "innovation_id").astype("string")
    id_ok = inn_ids.notna().to_numpy() & (inn_ids.fillna("").str.strip() != "").to_numpy()
    eligible = _bool(_col(inn, "eligible"))
    uid = pd.Index(pd.unique(inn_ids[id_ok]), dtype="string")  # unique ids, input order
    row_u = np.full(len(inn), -1, dtype=np.int64)
    row_u[id_ok] = uid.get_indexer(inn_ids[id_ok])
    cand = eligible & id_ok
    first_of_id = np.zeros(len(inn), dtype=bool)
    if len(uid):
        _, first_pos = np.unique(np.where(cand, row_u, -1), return_index=True)
        first_of_id[first_pos] = True
    scored = cand & first_of_id
    scored_rows = np.flatnonzero(scored)
    to_grid = np.full(len(uid), -1, dtype=np.int64)
    to_grid[row_u[scored_rows]] = np.arange(len(scored_rows))
    return _Selection(inn_ids, id_ok, eligible, uid, row_u, first_of_id, scored, scored_rows, to_grid,
                      int((cand & ~first_of_id).sum()))


class _Grid(NamedTuple):
    """One cell per (innovation, indicator) — or per indicator for SPD — from the first usable answer."""

    level: np.ndarray
    status: np.ndarray  # position in EVIDENCE_STATUSES
    row: np.ndarray  # the answer's row in the input (−1: no answer)
    counted: np.ndarray  # the level counts (evidence rule)
    reason: np.ndarray  # position in REASONS


def _sid_grid(ans: pd.DataFrame, sel: _Selection, sid_inds, sid_w: np.ndarray, counted_by_status: np.ndarray,
              log: list[dict]) -> tuple[_Grid, np.ndarray]:
    """SID answers → the n × k grid (flat); also the claimed SID points of every id (evidence
    ignored). Appends the ``frame_drop`` and ``sid_answers`` log entries."""
    sid_ids = tuple(i.id for i in sid_inds)
    n, k, uid = sel.n, len(sid_ids), sel.uid
    a_u = uid.get_indexer(ans["innovation_id"].astype("string")) if len(ans) else np.zeros(0, int)
    a_k = pd.Index(sid_ids).get_indexer(ans["indicator_id"].astype("string")) if len(ans) \
        else np.zeros(0, int)
    a_g = np.where(a_u >= 0, sel.to_grid[np.maximum(a_u, 0)] if len(uid) else -1, -1)
    usable = _bool(ans["usable"]) if len(ans) else np.zeros(0, bool)
    outside = usable & (a_k < 0)
    dropped_ids = sorted(set(ans["indicator_id"].astype("string")[outside].dropna()))
    log.append({
        "step": "frame_drop", "aspect": "SID", "n_answers": int(outside.sum()),
        "indicator_ids": [str(x) for x in dropped_ids],
        "message": ("Jawaban untuk indikator di luar kerangka diabaikan: " + ", ".join(dropped_ids))
        if dropped_ids else "Semua jawaban yang dapat dipakai ada dalam kerangka",
    })
    pos = np.where((a_g >= 0) & (a_k >= 0), a_g * k + np.maximum(a_k, 0), -1)
    slots, lv, st, rows = _first_answers(ans, pos)
    grid = _Grid(*_grid(n * k, slots, lv, st, rows, counted_by_status))
    log.append({
        "step": "sid_answers", "n_rows": int(len(ans)), "n_usable": int(usable.sum()),
        "n_not_usable": int((~usable).sum()),
        "n_of_not_scored": int((usable & (a_k >= 0) & (a_g < 0)).sum()),
        "n_scored": int(len(slots)), "n_counted": int(grid.counted.sum()),
        "grid": f"{n} × {k}", "missing_answers_as_level": 0,
        "message": f"{len(slots)} jawaban SID dinilai; jawaban yang tidak ada dihitung tingkat 0",
    })

    # claimed maturity for every entry with an id (evidence ignored)
    ok = usable & (a_u >= 0) & (a_k >= 0)
    lvl_all = _levels(ans["level"]) if len(ans) else np.zeros(0)
    ok &= np.isfinite(lvl_all) & (lvl_all >= 0) & (lvl_all <= 3)
    cidx = np.flatnonzero(ok)
    _, cfirst = np.unique(a_u[cidx] * max(k, 1) + a_k[cidx], return_index=True)
    cidx = cidx[cfirst]
    claimed_u = np.bincount(a_u[cidx], weights=np.floor(lvl_all[cidx]) * sid_w[a_k[cidx]],
                            minlength=len(uid)) if len(uid) else np.zeros(0)
    return grid, claimed_u


def _spd_grid(ra: pd.DataFrame, spd_inds, counted_by_status: np.ndarray, log: list[dict]) -> _Grid:
    """SPD answers → one cell per SPD indicator. Appends the ``frame_drop_spd`` (when answers fall
    outside the frame) and ``spd_answers`` log entries."""
    spd_ids = tuple(i.id for i in spd_inds)
    m = len(spd_ids)
    r_k = pd.Index(spd_ids).get_indexer(ra["indicator_id"].astype("string")) if len(ra) \
        else np.zeros(0, int)
    r_usable = _bool(ra["usable"]) if len(ra) else np.zeros(0, bool)
    r_out = r_usable & (r_k < 0)
    r_dropped = sorted(set(ra["indicator_id"].astype("string")[r_out].dropna())) if len(ra) else []
    if r_dropped:
        log.append({
            "step": "frame_drop_spd", "aspect": "SPD", "n_answers": int(r_out.sum()),
            "indicator_ids": [str(x) for x in r_dropped],
            "message": "Jawaban SPD di luar kerangka diabaikan: " + ", ".join(r_dropped),
        })
    rslots, rlv, rst, rrows = _first_answers(ra, r_k)
    grid = _Grid(*_grid(m, rslots, rlv, rst, rrows, counted_by_status))
    log.append({
        "step": "spd_answers", "n_rows": int(len(ra)), "n_usable": int(r_usable.sum()),
        "n_scored": int(len(rslots)), "n_counted": int(grid.counted.sum()),
        "message": f"{len(rslots)} dari {m} indikator SPD dijawab",
    })
    return grid


def _totals_log(meth: Methodology, tot, n: int, divisor, count_score, pred: str, next_pred, dist) -> list[dict]:
    """The log entries of SPD, divisor, count score, SID, total, IID and predikat."""
    return [
        {"step": "spd", "value": float(tot["spd"]), "max": meth.max_spd,
         "rule": "SPD = Σ poin SPD (tingkat × bobot bila bukti dihitung)",
         "message": f"SPD = {float(tot['spd']):.2f}"},
        {"step": "divisor", "rule": "divisor = max(divisor_min, n)", "divisor_min": meth.divisor_min,
         "n": n, "value": int(divisor), "message": f"Pembagi SID = max({meth.divisor_min}, {n}) = {divisor}"},
        {"step": "count_score", "rule": "count_score = per_innovation × min(n, cap)",
         "per_innovation": meth.count_score_per_innovation, "cap": meth.count_score_cap, "n": n,
         "value": float(count_score), "message": f"Skor jumlah inovasi = {count_score:.2f}"},
        {"step": "sid", "sid_sum": float(tot["sid_sum"]), "divisor": int(divisor),
         "sid_avg": float(tot["sid_avg"]), "count_score": float(count_score), "value": float(tot["sid"]),
         "rule": "SID = Σ poin SID / divisor + count_score",
         "message": f"SID = {float(tot['sid_sum']):.2f} / {divisor} + {count_score:.2f} = {float(tot['sid']):.2f}"},
        {"step": "total", "value": float(tot["total"]), "max_total": float(meth.max_total),
         "message": f"Total = {float(tot['total']):.4f} dari {meth.max_total:g}"},
        {"step": "iid", "unrounded": float(tot["ratio"]), "value": float(tot["iid"]),
         "rule": "IID = round_score(total / max_total × 100), dua desimal, setengah ke atas",
         "message": f"IID = {float(tot['iid']):.2f}"},
        {"step": "predicate", "value": pred, "bands": [[b.predicate, b.low, b.high] for b in meth.bands],
         "next_predicate": next_pred, "distance_to_next": dist,
         "message": f"Predikat {pred}" + (f"; {dist:.2f} poin menuju {next_pred}" if next_pred else "")},
    ]


def _points_table(inn: pd.DataFrame, sel: _Selection, scored_ids: np.ndarray, sid_inds, spd_inds,
                  sid_w: np.ndarray, spd_w: np.ndarray, sid: _Grid, spd: _Grid, sid_pts: np.ndarray,
                  spd_pts: np.ndarray) -> pd.DataFrame:
    """One row per SPD indicator, then one per (scored innovation, SID indicator)."""
    n, k, m = sel.n, len(sid_inds), len(spd_inds)
    scored_opd = _col(inn, "opd_id").astype("string").to_numpy(dtype=object, na_value=None)[sel.scored_rows]
    ind_pos = np.tile(np.arange(k), n)
    inn_pos = np.repeat(np.arange(n), k)
    sid_var = np.array([i.variable for i in sid_inds], dtype=object)
    sid_name = np.array([i.name for i in sid_inds], dtype=object)
    spd_var = np.array([i.variable for i in spd_inds], dtype=object)
    spd_name = np.array([i.name for i in spd_inds], dtype=object)
    status_txt = np.array(EVIDENCE_STATUSES, dtype=object)
    reason_txt = np.array(REASONS, dtype=object)
    no_id = np.array([None], dtype=object)
    weight_all = np.concatenate([spd_w, sid_w[ind_pos]])
    # text columns: each distinct value checked once, then taken for every row
    ind_all = np.concatenate([np.arange(m), m + ind_pos])  # SPD indicators, then SID
    inn_all = np.concatenate([np.zeros(m, dtype=np.intp), 1 + inn_pos])  # 0: no innovation
    return pd.DataFrame({
        "aspect": _text_take(["SPD", "SID"], np.arange(m + n * k) >= m),
        "innovation_id": _text_take(np.concatenate([no_id, scored_ids]), inn_all),
        "opd_id": _text_take(np.concatenate([no_id, scored_opd]), inn_all),
        "indicator_id": _text_take([*(i.id for i in spd_inds), *(i.id for i in sid_inds)], ind_all),
        "variable": _text_take(np.concatenate([spd_var, sid_var]), ind_all),
        "name": _text_take(np.concatenate([spd_name, sid_name]), ind_all),
        "level": np.concatenate([spd.level, sid.level]).astype(np.int64),
        "weight": weight_all,
        "evidence_status": _text_take(status_txt, np.concatenate([spd.status, sid.status])),
        "valid": np.concatenate([spd.counted, sid.counted]),
        "points": np.concatenate([spd_pts, sid_pts]),
        "max_points": 3.0 * weight_all,
        "reason": _text_take(reason_txt, np.concatenate([spd.reason, sid.reason])),
        "answer_row": pd.array(np.concatenate([spd.row, sid.row]), dtype="Int64"),
    })


def _innovations_table(inn: pd.DataFrame, sel: _Selection, maturity: np.ndarray, claimed_u: np.ndarray,
                       meth: Methodology) -> tuple[pd.DataFrame, np.ndarray]:
    """Every innovation row with its maturity (scored rows), claimed maturity and why it is not
    scored; also the maturity per row (NaN when not scored)."""
    mat_rows = np.full(len(inn), np.nan)
    mat_rows[sel.scored_rows] = maturity
    claimed_rows = np.full(len(inn), np.nan)
    claimed_rows[sel.id_ok] = claimed_u[sel.row_u[sel.id_ok]]
    eligible, id_ok, scored = sel.eligible, sel.id_ok, sel.scored
    reasons = _col(inn, "reasons").astype("string").fillna("").str.strip()
    why = np.where(reasons.to_numpy(dtype=object) == "", WHY_NOT_DEFAULT, reasons.to_numpy(dtype=object))
    why = np.where(eligible & id_ok & ~sel.first_of_id, WHY_NOT_DUPLICATE, why)
    why = np.where(eligible & ~id_ok, WHY_NOT_NO_ID, why)
    why = np.where(scored, "", why)
    table = pd.DataFrame({
        "_row": pd.array(_col(inn, "_row"), dtype="Int64") if "_row" in inn.columns
        else pd.array(np.arange(len(inn)) + 2, dtype="Int64"),
        "innovation_id": sel.inn_ids.to_numpy(),
        "opd_id": _col(inn, "opd_id").astype("string").to_numpy(),
        "name": _col(inn, "name").astype("string").to_numpy(),
        "kind": _col(inn, "kind").astype("string").to_numpy(),
        "form": _col(inn, "form").astype("string").to_numpy(),
        "stage": _col(inn, "stage").astype("string").to_numpy(),
        "eligible": eligible,
        "scored": scored,
        "maturity": mat_rows,
        "max_maturity": np.full(len(inn), meth.max_sid_per_innovation),
        "claimed_maturity": claimed_rows,
        "why_not": _text(why),
    })
    return table, mat_rows


def _opd_table(review, inn: pd.DataFrame, eligible, scored, maturity, sid_sum: float,
               year: int) -> pd.DataFrame:
    """Per OPD: the registry's units active that year (even without entries), then any other OPD
    seen in the entries, in first-seen order."""
    seen = _col(inn, "opd_id").astype("string")
    reg_ids = pd.Index([], dtype="string")
    reg_names = pd.Series([], dtype="string")
    active_ids = pd.Index([], dtype="string")
    ds = getattr(review, "dataset", None)
    reg = getattr(ds, "opd", None) if ds is not None else None
    if reg is not None and len(reg):
        reg = reg[_col(reg, "opd_id").astype("string").notna()]
        reg = reg.drop_duplicates("opd_id", keep="first")
        ids = reg["opd_id"].astype("string")
        lo = pd.to_numeric(_col(reg, "active_from"), errors="coerce")
        hi = pd.to_numeric(_col(reg, "active_to"), errors="coerce")
        active = ((lo.isna() | (lo <= year)) & (hi.isna() | (hi >= year))).to_numpy(dtype=bool)
        reg_ids = pd.Index(ids, dtype="string")
        reg_names = pd.Series(_col(reg, "name").astype("string").to_numpy(), index=reg_ids)
        active_ids = pd.Index(ids[active], dtype="string")
    extra = pd.Index(pd.unique(seen.dropna()), dtype="string").difference(active_ids, sort=False)
    order = active_ids.append(extra)
    pos = order.get_indexer(seen)
    has = pos >= 0
    size = len(order)

    def count(mask):
        return np.bincount(pos[has & mask], minlength=size).astype(np.int64)

    entered = count(np.ones(len(inn), dtype=bool))
    n_elig = count(eligible)
    n_scored = count(scored)
    pts = np.bincount(pos[has & scored], weights=maturity[has & scored], minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n_scored > 0, pts / np.maximum(n_scored, 1), np.nan)
    share = pts / sid_sum if sid_sum > 0 else np.zeros(size)
    # names: registry first, else the name written on the entries
    names = pd.Series(pd.NA, index=order, dtype="string")
    if len(reg_names):
        names = reg_names.reindex(order).astype("string")
    if "opd_name" in inn.columns and names.isna().any():
        written = (pd.DataFrame({"opd_id": seen, "opd_name": inn["opd_name"].astype("string")})
                   .dropna().drop_duplicates("opd_id").set_index("opd_id")["opd_name"])
        names = names.fillna(written.reindex(order))
    return pd.DataFrame({
        "opd_id": _text(order.to_numpy(dtype=object)),
        "name": _text(names.fillna("").to_numpy(dtype=object)),
        "active": order.isin(active_ids) if len(reg_ids) else np.ones(size, dtype=bool),
        "entered": entered,
        "eligible": n_elig,
        "scored": n_scored,
        "mean_maturity": mean,
        "sid_points": pts,
        "share_sid_points": share,
    })


def _breakdown(meth: Methodology, sid_inds, spd_inds, sid_col_pts, spd_pts, divisor: int,
               count_score: float) -> pd.DataFrame:
    """Points by aspect and variable on the scale of the total (SID sums divided by the divisor),
    so ``points`` adds up to the total and ``contribution`` (IID points) to the unrounded IID."""
    rows = []
    for aspect, inds, pts, scale in (("SPD", spd_inds, spd_pts, 1.0), ("SID", sid_inds, sid_col_pts, divisor)):
        var = pd.Series([i.variable for i in inds])
        df = pd.DataFrame({
            "variable": var, "sum_points": pts, "max_points": [3.0 * i.weight for i in inds],
            "n_indicators": 1,
        }).groupby("variable", sort=False, as_index=False).sum()
        df.insert(0, "aspect", aspect)
        df["points"] = df["sum_points"] / scale
        rows.append(df)
    rows.append(pd.DataFrame({
        "aspect": ["SID"], "variable": [COUNT_VARIABLE], "n_indicators": [0],
        "sum_points": [float(count_score)], "points": [float(count_score)],
        "max_points": [meth.max_count_score],
    }))
    out = pd.concat(rows, ignore_index=True)
    out["contribution"] = out["points"] / meth.max_total * 100.0
    out["aspect"] = out["aspect"].astype("string")
    out["variable"] = out["variable"].astype("string")
    out["n_indicators"] = out["n_indicators"].astype(np.int64)
    return out[list(BREAKDOWN_COLUMNS)]
