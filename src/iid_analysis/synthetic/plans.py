"""Per-edition plans: how many innovations each edition of the bundled dataset has, how many fit
its eligibility window, how many OPD take part, how mature they are, and which earlier innovations
are entered again; and the editions drawn from them (bundled, or one large edition for benchmarks).

The bundled dataset (seed 2021) is calibrated to the public facts in ``iid-reference.md`` §4–5
and §8: 4 innovations in 2020; 52 entered in 2021 of which exactly 19 were applied within the
edition's eligibility window, entered between the opening of the input window and its extension;
44 in 2022 of which 22 are eligible (sent); about 60 in 2023; 135 eligible in 2024 and 211 in
2025 (sent); 2026 a full edition still in verification; OPD participation falling into 2021 and
recovering. Windows and rules come from each edition's methodology file, not from this module.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from iid_analysis.methodology.model import Methodology
from iid_analysis.synthetic.catalogue import active_units
from iid_analysis.synthetic.entries import (
    AFTER,
    BEFORE,
    DEVELOPED,
    ENTRY_COLUMNS,
    IDEA,
    IN_WINDOW,
    NO_DATE,
    TRIAL,
    day,
    new_entries,
    result_texts,
    submitted_days,
)
from iid_analysis.synthetic.profile import add_profile

__all__ = ["PLANS", "Plan", "bundled_edition", "large_edition", "with_ids"]

#: How entries outside the eligibility window split: applied before it, applied after it
#: (in the edition year), still in trial (uji coba), still an idea (inisiatif).
_OUT_SPLIT = np.array([0.15, 0.30, 0.35, 0.20])


@dataclass(frozen=True)
class Plan:
    n: int | tuple[int, int]  # innovations entered (exact, or an inclusive range)
    n_in: int | float  # of which eligible by date: applied within the window, or (from 2024)
    #                    applied before it and developed further inside it (exact, or a share)
    opd: tuple[int, int]  # participating OPD (inclusive range)
    quality: float  # mean maturity (0..1) of applied innovations
    gaps: float  # share of innovations with evidence gaps (invalid, pending, missing)
    spd: float  # mean SPD level
    reentry_in: int = 0  # innovations entered again, applied within the window
    reentry_out: int = 0  # ... applied before the window (developed inside it from 2024)
    developed: int = 0  # new entries applied before the window, developed inside it (of n_in)
    pending: float = 0.0  # share of claimed answers still waiting for verification
    uncovered: str = ""  # a basic-service affair no entry has as its main affair
    renamed: tuple[str, str] = ("", "")  # an affair some unit writes by a name not in the list
    iid: float | None = None  # the published IID the edition is tuned to (exactly)


#: Calibration of the bundled dataset (see data/sample/README.md).
PLANS: dict[int, Plan] = {
    2019: Plan((11, 14), 0.70, (11, 13), 0.52, 0.55, 1.7),
    2020: Plan(4, 3, (3, 3), 0.55, 0.50, 1.8),
    2021: Plan(52, 19, (9, 10), 0.66, 0.45, 2.2, reentry_in=2, reentry_out=2),
    2022: Plan(44, 24, (16, 18), 0.73, 0.35, 2.5, reentry_in=2, reentry_out=1, iid=53.96),
    2023: Plan((58, 62), 0.68, (26, 29), 0.74, 0.20, 2.6, reentry_in=8, reentry_out=1),
    2024: Plan(150, 135, (35, 37), 0.62, 0.25, 2.5, reentry_in=14, reentry_out=4, developed=8),
    2025: Plan(218, 211, (36, 37), 0.66, 0.20, 2.6, reentry_in=30, reentry_out=6, developed=10),
    2026: Plan(236, 222, (36, 37), 0.70, 0.20, 2.7, reentry_in=40, reentry_out=6, developed=10,
               pending=0.5, uncovered="Perumahan Rakyat dan Kawasan Permukiman",
               renamed=("Pariwisata", "Pariwisata dan Kebudayaan")),
}


def _draw(rng: np.random.Generator, spec: int | tuple[int, int]) -> int:
    if isinstance(spec, tuple):
        return int(rng.integers(spec[0], spec[1] + 1))
    return int(spec)


def _reentries(rng: np.random.Generator, meth: Methodology, plan: Plan, opd: pd.DataFrame,
               active: np.ndarray, pool: pd.DataFrame, n_in: int) -> pd.DataFrame:
    """Innovations entered again: the same id, name and OPD; ``prev`` counts the earlier entries.

    Where the edition allows earlier entries, only innovations within that limit are picked; from
    2024 those applied before the window were developed further inside it (``dev``)."""
    again = pd.DataFrame(columns=list(ENTRY_COLUMNS))
    if not len(pool) or not (plan.reentry_in or plan.reentry_out):
        return again
    e_from, e_to = day(meth.eligible_from), day(meth.eligible_to)
    last = pool.drop_duplicates("lineage", keep="last")
    entered = pool.groupby("lineage").size()
    ok = (last["stage"] == "penerapan") & last["opd"].isin(opd.loc[active, "opd_id"])
    limit = meth.max_previous_entries
    if limit:  # the edition allows re-entries: keep within its limit
        ok &= entered.reindex(last["lineage"]).to_numpy() <= limit
    last = last[ok]
    inside = last[(last["impl"] >= e_from) & (last["impl"] <= e_to)]
    before = last[(last["impl"] >= 0) & (last["impl"] < e_from)]
    pick_in = inside.iloc[rng.permutation(len(inside))[: min(plan.reentry_in, n_in)]]
    pick_out = before.iloc[rng.permutation(len(before))[: plan.reentry_out]]
    again = pd.concat([pick_in, pick_out], ignore_index=True)
    again["prev"] = entered.reindex(again["lineage"]).to_numpy().astype(int)
    again["quality"] = np.minimum(again["quality"].astype(float) + 0.08, 0.95)
    again["gaps"] = rng.random(len(again)) < plan.gaps
    again["dev"] = NO_DATE
    if meth.development_counts and len(pick_out):
        out = np.arange(len(pick_in), len(again))
        span = max(e_to - e_from - 60, 1)
        again.loc[out, "dev"] = e_from + np.floor(rng.random(len(out)) * span).astype(np.int64)
    return again[list(ENTRY_COLUMNS)]


def bundled_edition(rng: np.random.Generator, year: int, meth: Methodology, plan: Plan,
                    opd: pd.DataFrame, pool: pd.DataFrame, names: set[str]) -> pd.DataFrame:
    """One edition of one region: re-entries from earlier editions, then new innovations."""
    opd = opd.reset_index(drop=True)
    active = active_units(opd, year)
    n = _draw(rng, plan.n)
    n_in = plan.n_in if isinstance(plan.n_in, int) else round(plan.n_in * n)
    e_from, e_to = day(meth.eligible_from), day(meth.eligible_to)

    again = _reentries(rng, meth, plan, opd, active, pool, n_in)
    if len(again):
        in_window = (again["impl"] >= e_from) & (again["impl"] <= e_to)
        n_again_in = int((in_window | (again["dev"] != NO_DATE)).sum())
    else:
        n_again_in = 0

    # --- participating OPD: those re-entering, then others by propensity
    k = min(_draw(rng, plan.opd), int(active.sum()), n)
    chosen = list(dict.fromkeys(opd.index[opd["opd_id"].isin(again["opd"])]))
    others = np.flatnonzero(active & ~opd.index.isin(chosen))
    need = max(k - len(chosen), 0)
    if need:
        w = opd["weight"].to_numpy()[others]
        chosen += list(rng.choice(others, size=need, replace=False, p=w / w.sum()))
    chosen = np.array(sorted(chosen), dtype=int)

    # --- new entries: one per chosen OPD without a re-entry, the rest by propensity
    n_new = n - len(again)
    has = opd.loc[chosen, "opd_id"].isin(again["opd"]).to_numpy()
    first = chosen[~has][:n_new]
    w = opd["weight"].to_numpy()[chosen]
    extra = rng.choice(chosen, size=n_new - len(first), p=w / w.sum())
    units = np.concatenate([first, extra])

    developed = plan.developed if meth.development_counts else 0
    n_win = n_in - n_again_in - developed
    cats = np.concatenate([
        np.full(n_win, IN_WINDOW),
        np.full(developed, DEVELOPED),
        np.repeat([BEFORE, AFTER, TRIAL, IDEA],
                  rng.multinomial(n_new - n_win - developed, _OUT_SPLIT)),
    ])
    cats = cats[rng.permutation(len(cats))]
    new = new_entries(rng, year, meth, plan.quality, plan.gaps,
                      opd.iloc[units].reset_index(drop=True), cats, names, unique=True)
    new["lineage"] = [f"{year}:{o}:{i}" for i, o in enumerate(new["opd"])]

    # --- re-entries get this edition's submission date and an updated result
    if len(again):
        sub = submitted_days(rng, meth, len(again))
        again["submitted"] = sub
        again["result"] = result_texts(rng, again, year)
    ed = pd.concat([again, new], ignore_index=True) if len(again) else new
    ed = add_profile(rng, ed, meth, opd, plan.uncovered, plan.renamed)
    ed["year"] = year
    return ed


def large_edition(rng: np.random.Generator, year: int, meth: Methodology, n: int,
                  opd: pd.DataFrame) -> pd.DataFrame:
    """``n`` innovations of one edition spread over every active OPD (benchmarks)."""
    plan = PLANS[year]
    active = np.flatnonzero(active_units(opd, year))
    w = opd["weight"].to_numpy()[active]
    units = rng.choice(active, size=n, p=w / w.sum())
    n_in = plan.n_in if isinstance(plan.n_in, float) else plan.n_in / _draw(rng, plan.n)
    p = np.concatenate([[n_in], (1 - n_in) * _OUT_SPLIT])
    cats = rng.choice(5, size=n, p=p / p.sum())
    ed = new_entries(rng, year, meth, plan.quality, plan.gaps,
                     opd.iloc[units].reset_index(drop=True), cats, set(), unique=False)
    ed["prev"] = (rng.random(n) < 0.05).astype(int)
    ed["lineage"] = np.arange(n).astype(str)
    ed["year"] = year
    return ed


def with_ids(ed: pd.DataFrame, year: int, region: int | None) -> pd.DataFrame:
    """Order an edition by submission (stable) and number its new innovations: PKL-2021-001,
    R2-2021-001, …; an innovation entered again keeps the id of its first entry."""
    ed = ed.iloc[np.argsort(ed["submitted"].to_numpy(), kind="stable")].reset_index(drop=True)
    new = (ed["innovation_id"].fillna("") == "").to_numpy() if "innovation_id" in ed else np.ones(len(ed), bool)
    width = max(3, len(str(int(new.sum()))))
    prefix = "PKL" if not region else f"R{region + 1}"
    ids = ed["innovation_id"].to_numpy(dtype=object) if "innovation_id" in ed else np.full(len(ed), "", object)
    ids[new] = [f"{prefix}-{year}-{i + 1:0{width}d}" for i in range(int(new.sum()))]
    ed["innovation_id"] = ids
    ed["year"] = year
    return ed
