"""The path to the next predicate a region can walk before the input closes, the long-term
outcome actions beside it, and the maturity at which one more innovation pays.

Every step has a *kind* (design §5 ``path_to_next``): ``evidence`` (get verified, complete or
replace the evidence of a level already claimed), ``level`` (raise a level to 3 with valid
evidence) or ``innovation`` (add one scored innovation of the median maturity of the scored ones).
A step can be done before the deadline as the gaps table's ``before_deadline`` says
(:func:`~iid_analysis.analyses.gaps.doable_before_deadline`: evidence while the input is open, a
level raise or a new innovation only while the methodology's ``level_lead_days`` remain, an
*outcome* level never); the level steps that cannot go to a separate long-term list.
An answer whose claimed level has evidence that is not accepted is first an ``evidence`` step;
raising it further is a second, ``level`` step.

The plan is greedy: at each step the candidate with the largest exact IID gain *at that point* is
taken (computed with scoring's own :func:`~iid_analysis.scoring.totals.frame_terms` and
:func:`~iid_analysis.scoring.totals.totals_from_points`, so a new innovation moves the divisor, the
count score and, from 2026, the basic-affairs gate), until the rounded IID reaches the next band;
the last step is then swapped for the cheapest one that still reaches it. The sentence is written by
:mod:`iid_analysis.report.prose_path`; the break-even of one more innovation is
:func:`new_innovation_break_even`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from iid_analysis.analyses.gaps import ACTIONS, DOCUMENT_ACTIONS, EFFORT, KIND, gaps
from iid_analysis.methodology.model import Methodology
from iid_analysis.scoring.totals import frame_terms, totals_from_points

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.scoring.result import IndexResult

__all__ = [
    "ADD_INNOVATION",
    "BREAK_EVEN_KEYS",
    "MAX_NEW_INNOVATIONS",
    "PATH_ACTIONS",
    "PATH_KINDS",
    "new_innovation_break_even",
    "path_to_next",
    "path_to_next_json",
]

#: The kinds of step (design §5).
PATH_KINDS: tuple[str, ...] = ("evidence", "level", "innovation")
#: The action that adds one scored innovation of the median maturity of the scored ones.
ADD_INNOVATION = "add_innovation"
#: Every action the path may use.
PATH_ACTIONS: tuple[str, ...] = (*ACTIONS, ADD_INNOVATION)
#: At most this many new innovations in one path.
MAX_NEW_INNOVATIONS = 25
#: Why the break-even is what it is (a key for the prose).
BREAK_EVEN_KEYS: tuple[str, ...] = ("plain", "below_divisor_min", "gate_closed", "count_cap", "nothing_valid")

_KIND = {**KIND, ADD_INNOVATION: "innovation"}
_EFFORT = {**EFFORT, ADD_INNOVATION: 3}


def _answers(df: pd.DataFrame) -> pd.DataFrame:
    """One row per answer short of full points: its evidence step (if any) and its level step."""
    key = df.assign(_inn=df["innovation_id"].astype("string").fillna(""))
    ev = key[key["kind"] == "evidence"].drop_duplicates(["_inn", "indicator_id"])
    lv = key[key["kind"] == "level"].drop_duplicates(["_inn", "indicator_id"])
    both = pd.concat([ev[["_inn", "indicator_id"]], lv[["_inn", "indicator_id"]]]).drop_duplicates()
    out = both.merge(ev.add_prefix("ev_"), left_on=["_inn", "indicator_id"],
                     right_on=["ev__inn", "ev_indicator_id"], how="left")
    out = out.merge(lv.add_prefix("lv_"), left_on=["_inn", "indicator_id"],
                    right_on=["lv__inn", "lv_indicator_id"], how="left")
    return out.sort_values(["indicator_id", "_inn"], kind="stable").reset_index(drop=True)


def _step(row: Any, prefix: str, gain_ratio: float, max_total: float, *, after_evidence: bool) -> dict:
    """One step of the path as a JSON-able dict (the gaps row, updated when it follows the
    answer's evidence step)."""
    g = {c[len(prefix):]: getattr(row, c) for c in row._fields if c.startswith(prefix)}

    def text(v):
        return None if pd.isna(v) else str(v)

    from_status = "valid" if after_evidence else str(g["from_status"])
    gain_points = float(g["gain_points"])
    if after_evidence:
        gain_points -= float(row.ev_gain_points)
    return {
        "innovation_id": text(g["innovation_id"]),
        "innovation_name": text(g["innovation_name"]),
        "opd_id": text(g["opd_id"]),
        "opd_name": text(g["opd_name"]),
        "indicator_id": str(g["indicator_id"]),
        "indicator_name": str(g["name"]),
        "name": str(g["name"]),
        "kind": str(g["kind"]),
        "action": str(g["action"]),
        "action_label": str(g["action_label"]),
        "from_level": int(g["from_level"]),
        "to_level": int(g["to_level"]),
        "from_status": from_status,
        "outcome": bool(g["outcome"]),
        "before_deadline": bool(g["before_deadline"]),
        "gain_points": round(gain_points, 6),
        "gain": round(float(gain_ratio), 4),
        "gain_total": round(float(gain_ratio) * max_total / 100.0, 6),
        "effort": int(g["effort"]),
        "effort_note": str(g["effort_note"]),
    }


def _innovation_step(maturity: float, gain_ratio: float, max_total: float, basic_affair: bool) -> dict:
    name = f"Inovasi baru dengan skor kematangan {maturity:g}".replace(".", ",")
    if basic_affair:
        name += " pada urusan pelayanan dasar yang belum tercakup"
    return {
        "innovation_id": None, "innovation_name": None, "opd_id": None, "opd_name": None,
        "indicator_id": None, "indicator_name": name, "name": name, "kind": "innovation",
        "action": ADD_INNOVATION, "action_label": "Siapkan satu inovasi baru yang memenuhi syarat",
        "from_level": 0, "to_level": 0, "from_status": "", "outcome": False, "before_deadline": True,
        "maturity": float(maturity), "basic_affair": bool(basic_affair),
        "gain_points": float(maturity), "gain": round(float(gain_ratio), 4),
        "gain_total": round(float(gain_ratio) * max_total / 100.0, 6), "effort": _EFFORT[ADD_INNOVATION],
        "effort_note": "Berat: inovasi baru harus diterapkan, diprofilkan dan diberi bukti dukung valid "
                       "sebelum batas akhir pengisian.",
    }


_EV, _LV, _ADD, _ADD_BASIC = range(4)


class _Walk:
    """The state of the greedy walk: points added, answer steps taken, innovations added.

    Candidates are three arrays: what (``_EV``, ``_LV``, ``_ADD``, ``_ADD_BASIC``), the answer's
    index (0 for a new innovation) and the points the step adds."""

    def __init__(self, result: IndexResult, ans: pd.DataFrame, allowed: tuple[str, ...], maturity: float):
        self.r, self.m = result, result.methodology
        self.ans, self.maturity = ans, float(maturity)
        k = len(ans)
        self.is_sid = np.append((ans["_inn"] != "").to_numpy(bool), True)  # last: a new innovation
        self.has_ev = ans["ev_action"].notna().to_numpy(bool) & np.isin(
            ans["ev_action"].fillna("").to_numpy(object), allowed)
        self.has_lv = ans["lv_action"].notna().to_numpy(bool) & ("raise_level" in allowed)
        self.lv_doable = ans["lv_before_deadline"].fillna(False).to_numpy(bool)
        self.ev_doable = ans["ev_before_deadline"].fillna(False).to_numpy(bool)
        self.needs_ev = self.has_ev & any(a in allowed for a in DOCUMENT_ACTIONS)
        self.ev_pts = ans["ev_gain_points"].fillna(0.0).to_numpy("float64")
        self.lv_pts = ans["lv_gain_points"].fillna(0.0).to_numpy("float64")
        self.effort_of = np.stack([ans["ev_effort"].fillna(0).to_numpy("int64"),
                                   ans["lv_effort"].fillna(0).to_numpy("int64")]) if k else np.zeros((2, 0), int)
        self.ind = np.append(ans["indicator_id"].astype(str).to_numpy(object), "\uffff")
        self.inn = np.append(ans["_inn"].astype(str).to_numpy(object), "")
        self.taken_ev, self.taken_lv = np.zeros(k, bool), np.zeros(k, bool)
        self.add_ok = ADD_INNOVATION in allowed
        gate = self.m.basic_affairs_required > 0
        self.uncovered = (len(self.m.basic_affairs) - int(result.n_basic_covered)) if gate else 0
        self.spd = self.sid = 0.0
        self.new = self.new_basic = 0

    def totals(self, d_spd=0.0, d_sid=0.0, d_n=0, d_cov=0) -> dict[str, np.ndarray]:
        r = self.r
        div, cs = frame_terms(self.m, r.n + self.new + np.asarray(d_n),
                              r.n_basic_covered + self.new_basic + np.asarray(d_cov))
        return totals_from_points(r.spd + self.spd + np.asarray(d_spd), r.sid_sum + self.sid + np.asarray(d_sid),
                                  div, cs, r.max_total)

    def candidates(self, doable: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(what, index, points) of every step open now (``doable``: before the deadline only)."""
        ev_open = self.has_ev & ~self.taken_ev
        lv_open = self.has_lv & ~self.taken_lv & (self.taken_ev | ~self.needs_ev)
        if doable:
            ev_open &= self.ev_doable
            lv_open &= self.lv_doable
        ev = np.flatnonzero(ev_open)
        lv = np.flatnonzero(lv_open)
        adds = []
        if self.add_ok and self.new < MAX_NEW_INNOVATIONS:
            adds.append(_ADD)
            if self.new_basic < self.uncovered:
                adds.append(_ADD_BASIC)
        what = np.concatenate([np.full(len(ev), _EV), np.full(len(lv), _LV), np.array(adds, dtype=int)])
        idx = np.concatenate([ev, lv, np.full(len(adds), -1)]).astype(np.int64)
        pts = np.concatenate([self.ev_pts[ev], self.lv_pts[lv] - np.where(self.taken_ev[lv], self.ev_pts[lv], 0.0),
                              np.full(len(adds), self.maturity)])
        return what, idx, pts

    def after(self, what, idx, pts) -> dict[str, np.ndarray]:
        """The headline numbers after each candidate alone."""
        new = what >= _ADD
        sid = self.is_sid[idx]
        return self.totals(np.where(sid, 0.0, pts), np.where(sid, pts, 0.0), new.astype(int),
                           (what == _ADD_BASIC).astype(int))

    def gains(self, what, idx, pts) -> np.ndarray:
        return self.after(what, idx, pts)["ratio"] - float(self.totals()["ratio"])

    def best(self, what, idx, pts, gain) -> int:
        """The candidate to take: larger gain, cheaper, then indicator and innovation."""
        eff = self.effort(what, idx)
        return int(np.lexsort((what, self.inn[idx], self.ind[idx], eff, -np.round(gain, 12)))[0])

    def effort(self, what, idx) -> np.ndarray:
        row = np.where(what == _EV, 0, 1)
        eff = self.effort_of[row, np.clip(idx, 0, None)] if self.effort_of.shape[1] else np.zeros(len(what), int)
        return np.where(what >= _ADD, _EFFORT[ADD_INNOVATION], eff)

    def take(self, what: int, i: int, pts: float) -> None:
        if what >= _ADD:
            self.sid += pts
            self.new += 1
            self.new_basic += what == _ADD_BASIC
            return
        if self.is_sid[i]:
            self.sid += pts
        else:
            self.spd += pts
        (self.taken_ev if what == _EV else self.taken_lv)[i] = True

    def iid(self) -> float:
        return float(self.totals()["iid"])

    def step(self, what: int, i: int, gain_ratio: float) -> dict:
        if what >= _ADD:
            return _innovation_step(self.maturity, gain_ratio, float(self.r.max_total), what == _ADD_BASIC)
        row = next(self.ans.iloc[[i]].itertuples(index=False))
        after = what == _LV and bool(self.taken_ev[i])
        return _step(row, "ev_" if what == _EV else "lv_", gain_ratio, float(self.r.max_total),
                     after_evidence=after)


def _median_maturity(result: IndexResult) -> float:
    mat = pd.to_numeric(result.innovations["maturity"], errors="coerce").dropna() \
        if "maturity" in result.innovations else pd.Series([], dtype="float64")
    return float(np.median(mat)) if len(mat) else 0.0


def path_to_next(result: IndexResult, gaps_df: pd.DataFrame | None = None,
                 actions: Iterable[str] | None = None) -> dict:
    """The doable steps that lift ``result`` to the next predicate, and the long-term ones.

    ``actions`` restricts the actions (default :data:`PATH_ACTIONS`; e.g. ``DOCUMENT_ACTIONS``:
    only evidence, or :data:`~iid_analysis.analyses.gaps.ACTIONS`: no new innovation).

    Returns a JSON-able dict: method ("greedy"), actions_considered, predicate, iid,
    target_predicate, target_iid, needed_gain (IID points, unrounded), reachable (the doable steps
    reach the next predicate), actions (the doable steps, each with ``kind``, ``action``,
    ``before_deadline`` true, ``gain`` = the IID points it adds where it stands in the path),
    n_actions, n_by_kind, iid_after, predicate_after, iid_max (every doable answer step done, no new
    innovation), n_evidence_doable and iid_evidence (the answers whose evidence can still be fixed
    before the deadline and the IID once every one of them is fixed, rescored), doable (the gaps
    table's verdict per kind), innovation_maturity (the maturity of a new innovation), long_term
    (the level steps of outcome indicators, each alone, largest gain first), n_long_term, later
    (the other level steps not doable before the deadline — too little time left — same form)
    and n_later; when not reachable, partial (every doable step that adds something, greedy order).
    """
    m: Methodology = result.methodology
    df = gaps(result) if gaps_df is None else gaps_df
    allowed = tuple(actions) if actions is not None else PATH_ACTIONS
    doable = dict(df.attrs.get("doable") or {"evidence": True, "level": True})
    if not doable["level"]:  # a new innovation needs the same lead time as a level raise
        allowed = tuple(a for a in allowed if a != ADD_INNOVATION)
    maturity = _median_maturity(result)
    out: dict[str, Any] = {
        "method": "greedy", "actions_considered": list(allowed), "predicate": result.predicate,
        "iid": float(result.iid), "innovation_maturity": maturity, "doable": doable,
    }
    ans = _answers(df)
    ev_walk = _Walk(result, ans, allowed, maturity)
    ev_ok = ev_walk.has_ev & ev_walk.ev_doable
    ev_pts = np.where(ev_ok, ev_walk.ev_pts, 0.0)
    ev_sid = ev_walk.is_sid[:-1]
    out["n_evidence_doable"] = int(ev_ok.sum())
    out["iid_evidence"] = float(ev_walk.totals(ev_pts[~ev_sid].sum(), ev_pts[ev_sid].sum())["iid"])
    not_now = _long_term(result, ans)
    out["long_term"] = [d for d in not_now if d["outcome"]]
    out["n_long_term"] = len(out["long_term"])
    out["later"] = [d for d in not_now if not d["outcome"]]
    out["n_later"] = len(out["later"])
    band = m.next_band(result.predicate)
    if band is None:
        out.update(target_predicate=None, target_iid=None, needed_gain=0.0, reachable=True, actions=[],
                   n_actions=0, n_by_kind=dict.fromkeys(PATH_KINDS, 0), iid_after=float(result.iid),
                   predicate_after=result.predicate, iid_max=float(result.iid))
        return out
    target = float(band.low)
    out.update(target_predicate=band.predicate, target_iid=target,
               needed_gain=max(0.0, target - 0.005 - float(result.total) / float(result.max_total) * 100.0))
    rank = {p: i for i, p in enumerate(b.predicate for b in m.bands)}

    def reaches(iid: float) -> bool:
        return rank[m.predicate(float(iid))] <= rank[band.predicate]

    full = _Walk(result, ans, allowed, maturity)  # every doable answer step: additive, n fixed
    best = np.maximum(np.where(full.has_ev & full.ev_doable, full.ev_pts, 0.0),
                      np.where(full.has_lv & full.lv_doable, full.lv_pts, 0.0))
    sid = full.is_sid[:-1]
    out["iid_max"] = float(full.totals(best[~sid].sum(), best[sid].sum())["iid"])

    walk = _Walk(result, ans, allowed, maturity)
    steps = _walk(walk, lambda: reaches(walk.iid()))
    if not steps or not reaches(walk.iid()):
        out.update(reachable=False, actions=[], n_actions=0, n_by_kind=dict.fromkeys(PATH_KINDS, 0),
                   iid_after=float(result.iid), predicate_after=result.predicate,
                   iid_with_innovations=walk.iid(), partial=_replay(result, ans, allowed, maturity, steps))
        return out
    replay = _Walk(result, ans, allowed, maturity)
    for c in steps[:-1]:
        replay.take(*c)
    what, idx, pts = replay.candidates()
    tot = replay.after(what, idx, pts)
    ok = np.flatnonzero([reaches(x) for x in tot["iid"]])
    if len(ok):  # the cheapest open step that still reaches it (then the smaller gain)
        eff = replay.effort(what, idx)[ok]
        j = ok[np.lexsort((what[ok], replay.inn[idx[ok]], replay.ind[idx[ok]], np.round(tot["ratio"][ok], 12), eff))[0]]
        steps[-1] = (int(what[j]), int(idx[j]), float(pts[j]))
    replay = _Walk(result, ans, allowed, maturity)
    dicts = []
    for c in steps:
        dicts.append(replay.step(c[0], c[1], float(replay.gains(*(np.array([x]) for x in c))[0])))
        replay.take(*c)
    iid_after = replay.iid()
    out.update(reachable=True, actions=dicts, n_actions=len(dicts),
               n_by_kind={k: sum(d["kind"] == k for d in dicts) for k in PATH_KINDS},
               iid_after=iid_after, predicate_after=m.predicate(iid_after))
    return out


def _replay(result: IndexResult, ans: pd.DataFrame, allowed: tuple[str, ...], maturity: float,
            steps: list[tuple[int, int, float]]) -> list[dict]:
    """The steps as dicts, each with the gain it adds where it stands."""
    replay, dicts = _Walk(result, ans, allowed, maturity), []
    for c in steps:
        dicts.append(replay.step(c[0], c[1], float(replay.gains(*(np.array([x]) for x in c))[0])))
        replay.take(*c)
    return dicts


def _walk(walk: _Walk, done) -> list[tuple[int, int, float]]:
    """Greedy: take the open step with the largest gain until ``done()`` or no step gains."""
    steps: list[tuple[int, int, float]] = []
    while not done():
        what, idx, pts = walk.candidates()
        if not len(what):
            break
        gain = walk.gains(what, idx, pts)
        j = walk.best(what, idx, pts, gain)
        if gain[j] <= 1e-12:
            break
        steps.append((int(what[j]), int(idx[j]), float(pts[j])))
        walk.take(*steps[-1])
    return steps


def _long_term(result: IndexResult, ans: pd.DataFrame) -> list[dict]:
    """The level steps not doable before the deadline (outcome indicators; every level when too
    little time is left), each alone with its evidence already accepted, largest gain first."""
    lt = ans[ans["lv_action"].notna() & ~ans["lv_before_deadline"].fillna(True).astype(bool)]
    if lt.empty:
        return []
    walk = _Walk(result, lt.reset_index(drop=True), ACTIONS, 0.0)
    walk.taken_ev[:] = walk.has_ev  # the evidence is fixed first (a doable step)
    what, idx, pts = walk.candidates(doable=False)
    gain = walk.gains(what, idx, pts)
    order = np.lexsort((walk.inn[idx], walk.ind[idx], -np.round(gain, 12)))
    return [walk.step(int(what[j]), int(idx[j]), float(gain[j])) for j in order]


def path_to_next_json(path: dict) -> list[dict]:
    """``path_to_next`` for ``results.json`` (design §5): the doable steps, then the long-term
    ones, then the level steps left for lack of time (``before_deadline`` false); when the next
    predicate is out of reach, the doable steps are those of ``partial``, each ``{"indicator_id", "indicator_name", "innovation_id", "action", "gain",
    "before_deadline"}`` with ``action`` the kind (evidence, level or innovation)."""
    return [{"indicator_id": d["indicator_id"], "indicator_name": d["indicator_name"],
             "innovation_id": d["innovation_id"], "action": d["kind"], "gain": d["gain"],
             "before_deadline": bool(d["before_deadline"])}
            for d in [*(path.get("actions") or path.get("partial") or []), *path.get("long_term", []),
                      *path.get("later", [])]]


def new_innovation_break_even(result: IndexResult, *, new_basic_affair: bool = False) -> dict:
    """The maturity score at which one more scored innovation leaves the IID unchanged.

    Solved exactly from scoring's terms: with ``n + 1`` innovations the divisor and count score
    are :func:`frame_terms` (the 2026 gate applied; ``new_basic_affair``: the new innovation covers
    a basic-service affair not yet covered), so the unrounded total is unchanged when
    ``spd + (sid_sum + s) / divisor(n+1) + count_score(n+1) = total``. Above it, adding one raises
    the IID. With ``n`` ≥ the divisor minimum and the count score neither gated nor capped this is
    the plain rule ``s = mean maturity − per_innovation × (n + 1)``.

    Returns ``{"maturity", "key", "mean_maturity", "n", "max_maturity", "raises_with_any",
    "raises_with_none", "closed_form", "new_basic_affair", "per_innovation"}``: ``key`` is one of :data:`BREAK_EVEN_KEYS` (``plain``,
    ``below_divisor_min``: the divisor does not grow, so any maturity raises it (above 0 when the
    count score is gated); ``gate_closed``: the count score is withheld before and after, so the bar is the
    mean; ``count_cap``: the count score no longer grows; ``nothing_valid``: nothing earns a point,
    so any maturity raises it); ``closed_form`` is the plain rule's value (None without scored
    innovations).
    """
    m: Methodology = result.methodology
    n, cov = int(result.n), int(result.n_basic_covered)
    d0, c0 = (float(x) for x in frame_terms(m, n, cov))
    d1, c1 = (float(x) for x in frame_terms(m, n + 1, cov + int(bool(new_basic_affair))))
    spd, sid_sum = float(result.spd), float(result.sid_sum)
    nothing_valid = spd <= 0 and sid_sum <= 0
    total = spd + sid_sum / d0 + (0.0 if nothing_valid else c0)
    s = (total - spd - c1) * d1 - sid_sum
    s = 0.0 if abs(s) < 1e-9 else float(s)
    if nothing_valid:
        s, key = 0.0, "nothing_valid"
    elif d1 == d0:
        key = "below_divisor_min"
    elif c0 == 0 and c1 == 0 and m.basic_affairs_required > 0:
        key = "gate_closed"
    elif c1 == c0:
        key = "count_cap"
    else:
        key = "plain"
    mean = sid_sum / n if n else None
    closed = None if mean is None else mean - m.count_score_per_innovation * (n + 1)
    mx = float(m.max_sid_per_innovation)
    return {"maturity": float(s), "key": key, "mean_maturity": mean, "n": n, "max_maturity": mx,
            "raises_with_any": bool(s < 0), "raises_with_none": bool(s >= mx),
            "closed_form": closed, "new_basic_affair": bool(new_basic_affair),
            "per_innovation": float(m.count_score_per_innovation)}
