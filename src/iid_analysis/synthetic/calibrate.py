"""Tuning an edition of the synthetic sample to a published IID exactly (2022: 53.96).

The drawn answers give an IID near the target; the smallest deterministic change then makes it
exact: a few weight-1 SID answers of scored innovations move one level (valid evidence, one
evidence document for every level), and the SPD levels are chosen (dynamic programming over the
valid SPD answers) to be as close as possible to the drawn ones. The arithmetic is the scoring's
(iid-reference §2: IID = (SPD + Σ SID / divisor(n) + count_score(n)) / max_total × 100, rounded
half up to two decimals); which innovations are scored is known to the generator (it drew them).
The real scoring of the written files is checked by ``tests/test_sample.py``.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from iid_analysis.methodology.model import Methodology, round_score

__all__ = ["eligible_ids", "tune_to_iid"]

_EPOCH = dt.date(1970, 1, 1)
_STEP = 4  # SPD sums on a grid of 1/4 point (weights are multiples of 0.25)


def eligible_ids(ed: pd.DataFrame, meth: Methodology) -> list[str]:
    """The ids of an edition's entries the desk review finds eligible (internal frame, day numbers):
    applied, inside the window by application (or by development where the edition counts it),
    within the re-entry limit, entered inside the input window."""
    e_from = (meth.eligible_from - _EPOCH).days
    e_to = (meth.eligible_to - _EPOCH).days
    opens, deadline = (meth.input_opens - _EPOCH).days, (meth.input_deadline - _EPOCH).days
    impl, dev = ed["impl"].to_numpy(dtype=np.int64), ed["dev"].to_numpy(dtype=np.int64)
    in_window = (impl >= e_from) & (impl <= e_to)
    if meth.development_counts:
        in_window |= (dev >= e_from) & (dev <= e_to)
    ok = (ed["stage"] == "penerapan").to_numpy() & in_window
    if meth.max_previous_entries is not None:
        ok &= ed["prev"].to_numpy(dtype=np.int64) <= meth.max_previous_entries
    sub = ed["submitted"].to_numpy(dtype=np.int64)
    ok &= (sub >= opens) & (sub <= deadline)
    return list(ed.loc[ok, "innovation_id"])


def _counted(df: pd.DataFrame) -> np.ndarray:
    return ((df["evidence_status"] == "valid") & (df["evidence"] != "")).to_numpy()


def _spd_options(levels: np.ndarray, weights: np.ndarray) -> dict[int, tuple[int, tuple[int, ...]]]:
    """Every reachable SPD sum (in quarter points) → (fewest level changes, the levels)."""
    best: dict[int, tuple[int, tuple[int, ...]]] = {0: (0, ())}
    for lv, w in zip(levels, weights, strict=True):
        nxt: dict[int, tuple[int, tuple[int, ...]]] = {}
        for total, (cost, chosen) in best.items():
            for new in (1, 2, 3):
                key = total + int(round(new * w * _STEP))
                cand = (cost + abs(new - int(lv)), (*chosen, new))
                if key not in nxt or cand < nxt[key]:
                    nxt[key] = cand
        best = nxt
    return best


def _moves(rows: np.ndarray, wt: np.ndarray, d: int) -> np.ndarray | None:
    """Rows (lightest first) whose weights add up to exactly ``d``: the light ones first, then the
    heaviest that still fit; None when no such pick is found."""
    ones = rows[wt[rows] == 1.0]
    if d <= len(ones):
        return ones[:d]
    picked, rest = list(ones), d - len(ones)
    for r in rows[::-1]:
        w = int(wt[r])
        if w > 1 and w <= rest:
            picked.append(r)
            rest -= w
        if not rest:
            return np.array(picked, dtype=np.int64)
    return None


def tune_to_iid(answers: pd.DataFrame, spd: pd.DataFrame, scored: list[str], meth: Methodology,
                target: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The SID answers (of one edition) and SPD answers changed as little as possible so that the
    ``scored`` innovations and the SPD give exactly ``target`` (left as drawn when no such change
    exists, which the bundled seed never meets: ``tests/test_sample.py`` checks 53.96)."""
    answers, spd = answers.copy(), spd.copy()
    n = len(scored)
    div, count = float(meth.divisor(n)), float(meth.count_score(n))
    w_sid = meth.weights("SID")
    w_spd = meth.weights("SPD")
    mine = answers["innovation_id"].isin(scored).to_numpy()
    ok_sid = _counted(answers) & mine
    lv = answers["level"].astype(int).to_numpy().copy()
    wt = answers["indicator_id"].map(w_sid).to_numpy(dtype=float)
    s0 = float((lv * wt)[ok_sid].sum())

    ok_spd = _counted(spd)
    spd_w = spd["indicator_id"].map(w_spd).to_numpy(dtype=float)
    spd_lv = spd["level"].astype(int).to_numpy().copy()
    options = _spd_options(spd_lv[ok_spd], spd_w[ok_spd])

    # SID answers that can move one level (one evidence document for every level), lightest first
    movable = ok_sid & ~answers["indicator_id"].isin(["SID01", "SID08"]).to_numpy()
    up = np.flatnonzero(movable & (lv < 3))
    down = np.flatnonzero(movable & (lv > 1))
    up, down = up[np.argsort(wt[up], kind="stable")], down[np.argsort(wt[down], kind="stable")]
    keys = np.array(sorted(options))
    goal = target * meth.max_total / 100.0
    reach_up, reach_down = int(wt[up].sum()), int(wt[down].sum())
    for d in sorted(range(-reach_down, reach_up + 1), key=lambda x: (abs(x), x)):
        rows = _moves(up if d > 0 else down, wt, abs(d))
        if rows is None:
            continue
        sid_sum = s0 + d
        need = (goal - sid_sum / div - count) * _STEP
        near = keys[np.abs(keys - need) <= 0.05 * _STEP]
        fits = [(options[int(k)][0], int(k)) for k in near
                if round_score((k / _STEP + sid_sum / div + count) / meth.max_total * 100.0) == target]
        if not fits:
            continue
        _, key = min(fits)
        lv[rows] += 1 if d > 0 else -1
        answers["level"] = lv.astype(str)
        spd_lv[ok_spd] = options[key][1]
        spd["level"] = spd_lv.astype(str)
        return answers, spd
    return answers, spd  # out of reach for this draw (another seed): left as drawn
