"""One edition's analysis as one object (after COINr's "coin"): data, method, every result, a log.

``analyse(data, year)`` loads the dataset once, reviews and scores every edition up to ``year``
(for the trends), and for ``year`` computes every table the pages show — once. The notebooks and
the views only read these tables; ``results.json`` and ``review.xlsx`` are written from the same
object. In JupyterLab every table is a pandas DataFrame one attribute away::

    a = analyse("data/sample", 2021)
    a.participation.by_opd      # participation per OPD
    a.coaching.map              # the coaching map (peta pembinaan)
    a.lift.gaps                 # every answer short of full points and what fixing it is worth
    a.result.points             # every answer's points
    a.log                       # what was computed, in order

The yearly run computes the reviews and scores of all editions once (:func:`review_editions`),
builds each edition's analysis from them (:func:`build`) and hands the notebooks one saved file
(:func:`save`, read back by ``analyse(..., saved=path)``).
"""

from __future__ import annotations

import datetime as dt
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from iid_analysis.analyses import (
    agenda,
    coaching,
    composition,
    flagships,
    funnel,
    gaps,
    leave_one_out,
    participation,
    path,
    peers,
    ranking,
    robustness,
    scenarios,
    sensitivity,
    shares,
    timeline,
    todo,
    trends,
    unit_actions,
    unit_profile,
)
from iid_analysis.io.dataset import Dataset, load_dataset
from iid_analysis.io.locations import default_data
from iid_analysis.io.schema import TABLES
from iid_analysis.methodology.loader import load_methodology
from iid_analysis.methodology.model import Methodology, MethodologyError
from iid_analysis.review.desk import review
from iid_analysis.review.model import Review
from iid_analysis.scoring.compute import score
from iid_analysis.scoring.frames import latest_frame_year, score_under
from iid_analysis.scoring.result import IndexResult

DEFAULT_SEED = 2021
DEFAULT_DRAWS = 10_000
SAVED_FORMAT = "iid-analysis/1"  # written with the saved analysis; another value is not read


@dataclass(frozen=True)
class Participation:
    """Who took part and where entries fell out (page 01)."""

    summary: dict  # n_opd, n_opd_participating, rate, non_participating (names), …
    funnel: pd.DataFrame  # desk-review funnel: step, label, count, share_of_entered
    by_opd: pd.DataFrame  # one row per active OPD: entered, eligible, lanjut, maturity, share
    trends: pd.DataFrame  # one row per edition up to this one
    timeline: pd.DataFrame  # entries per day during the input period, cumulative
    timeline_summary: dict  # opens, closes, extended_to, last-week share, late entries
    composition: dict  # kind, form, initiator, affair → DataFrame (count, share, eligible)
    missing_affairs: list  # main government affairs no innovation names


@dataclass(frozen=True)
class Coaching:
    """The coaching map (peta pembinaan) and where bimtek lifts most (page 01)."""

    map: pd.DataFrame  # one row per active OPD with its group
    groups: pd.DataFrame  # the groups with their rule, action and count
    heatmap: pd.DataFrame  # OPD × SID indicator: mean level claimed
    bimtek: pd.DataFrame  # SID indicators by open points per innovation
    missed: pd.DataFrame  # OPD × SID indicator: mean points missed per scored innovation (heatmap)


@dataclass(frozen=True)
class Lift:
    """What would lift the index (page 02)."""

    gaps: pd.DataFrame  # every (answer, action) short of full points with its exact IID gain
    best: pd.DataFrame  # the best action per answer, ranked by gain
    by_opd: pd.DataFrame  # gaps summed per OPD
    path: dict  # the path to the next predikat: doable actions before the deadline, long-term ones
    break_even: dict  # the maturity above which one more scored innovation raises the IID
    pending_accepted: IndexResult  # the edition rescored with every pending document accepted
    pending_changes: pd.DataFrame  # the answers that scenario accepts
    pending_compare: pd.DataFrame  # before and after, side by side
    leave_one_out: pd.DataFrame  # the IID without each OPD


@dataclass(frozen=True)
class Brief:
    """What the nomination brief (page 03) draws on."""

    indicator_shares: pd.DataFrame  # SID indicators: points against the maximum
    variable_shares: pd.DataFrame  # variables: points against the maximum
    flagship_candidates: pd.DataFrame  # scored innovations in flagship order
    flagships: dict  # kind → the proposed flagship (or None)
    todo: pd.DataFrame  # documents to complete, per OPD and innovation


@dataclass(frozen=True)
class Comparison:
    """The edition scored under one common frame (like for like)."""

    frame_year: int
    result: IndexResult


@dataclass(frozen=True)
class Units:
    """Every work unit on its own (the OPD pages and sheets) and the city's internal ranking."""

    profile: pd.DataFrame  # one row per active OPD: counts, contribution, coaching, bimtek, suggested
    entries: pd.DataFrame  # one row per innovation entered: stage, decision, reasons, maturity
    actions: pd.DataFrame  # one row per thing an OPD can do: missing, action, evidence, gain
    ranking: pd.DataFrame  # OPDs with a scored innovation: contribution, rank and its interval
    deadline: dt.date | None  # the input close (with the extension)
    unattributed: float = 0.0  # IID points of scored innovations without an OPD code


@dataclass
class Analysis:
    """One edition's analysis: the data, the method, the review, the score and every derived table."""

    year: int
    dataset: Dataset
    methodology: Methodology
    review: Review
    result: IndexResult
    reviews: dict[int, Review]  # every edition ≤ year present in the data (for the trends)
    results: dict[int, IndexResult]
    participation: Participation
    coaching: Coaching
    lift: Lift
    brief: Brief
    comparison: Comparison
    robustness: Any  # analyses.robustness.Robustness: the Monte Carlo simulation
    sensitivity: Any  # analyses.sensitivity.Sensitivity: Sobol indices per source of uncertainty
    seed: int = DEFAULT_SEED
    log: list[dict] = field(default_factory=list)
    peers: Any = None  # analyses.peers.Peers: the published results of the edition (province, nation, own)
    units: Units | None = None  # every OPD on its own and the internal ranking

    @property
    def previous(self) -> IndexResult | None:
        """The IndexResult of the nearest earlier edition in the data, or None."""
        earlier = [y for y in self.results if y < self.year]
        return self.results[max(earlier)] if earlier else None


def resolve_data(data: str | Path | Dataset | None) -> Dataset:
    """A loaded dataset: ``data`` itself, the dataset at that path, or the bundled sample."""
    if isinstance(data, Dataset):
        return data
    if data is None or str(data) == "":
        data = default_data()
    return load_dataset(Path(data))


def review_editions(ds: Dataset, upto: int | None = None,
                    log: list[dict] | None = None) -> tuple[dict[int, Review], dict[int, IndexResult]]:
    """Review and score every edition in the data (up to ``upto``) once, with its own methodology.

    An edition without a methodology file is left out (and logged)."""
    reviews: dict[int, Review] = {}
    results: dict[int, IndexResult] = {}
    for y in ds.years():
        if upto is not None and y > upto:
            continue
        try:
            m = load_methodology(y)
        except MethodologyError:
            if log is not None:
                log.append({"step": "skip_edition", "year": y, "why": "no methodology"})
            continue
        reviews[y] = review(ds, m, y)
        results[y] = score(reviews[y])
        if log is not None:
            log.append({"step": "review_and_score", "year": y, "n_submitted": len(reviews[y].innovations),
                        "n_scored": int(results[y].n), "iid": results[y].iid})
    return reviews, results


def build(ds: Dataset, year: int, reviews: dict[int, Review], results: dict[int, IndexResult], *,
          seed: int = DEFAULT_SEED, draws: int = DEFAULT_DRAWS, log: list[dict] | None = None) -> Analysis:
    """The analysis of ``year`` from reviews and scores already computed (earlier editions for the
    trends); every derived table is computed here, once."""
    year = int(year)
    log = list(log or [])
    meth = load_methodology(year)
    if year not in reviews:
        reviews, results = dict(reviews), dict(results)
        reviews[year] = review(ds, meth, year)
        results[year] = score(reviews[year])
        log.append({"step": "review_and_score", "year": year})
    rv, res = reviews[year], results[year]
    own = {y: r for y, r in reviews.items() if y <= year}
    own_results = {y: r for y, r in results.items() if y <= year}

    part = _participation(rv, res, own, own_results, year)
    log.append({"step": "participation", "n_opd": part.summary["n_opd"]})
    cmap = coaching.coaching_map(rv, res)
    coach = Coaching(cmap, coaching.coaching_groups(cmap), coaching.indicator_heatmap(res),
                     coaching.bimtek_priorities(res), coaching.missed_heatmap(res))
    log.append({"step": "coaching", "groups": dict(zip(coach.groups["group"], coach.groups["count"],
                                                         strict=True))})
    lift = _lift(rv, res)
    log.append({"step": "gaps_and_path", "n_gaps": len(lift.gaps), "path_actions": len(lift.path.get("actions") or [])})
    cand = flagships.flagship_candidates(res)
    brief = Brief(shares.indicator_shares(res, "SID"), shares.variable_shares(res), cand,
                  flagships.flagship_choice(res, rv), todo.todo_by_opd(rv))
    frame_year = latest_frame_year(ds.years(), default=year)
    comparison = Comparison(frame_year, score_under(rv, load_methodology(frame_year)))
    log.append({"step": "comparison", "frame_year": frame_year, "iid": comparison.result.iid})
    rob = robustness.robustness(res, draws=draws, seed=seed)
    log.append({"step": "robustness", "draws": draws, "seed": seed})
    sens = sensitivity.sensitivity(res, seed=seed)
    log.append({"step": "sensitivity", "n": sens.n, "runs": sens.runs, "seed": seed})
    published = peers.peers(ds.region, year)
    log.append({"step": "peers", "own": published.own is not None, "province": len(published.province),
                "national": len(published.national)})
    units = _units(rv, res, cmap, lift.gaps, meth, seed)
    log.append({"step": "units", "n_units": len(units.profile), "n_ranked": len(units.ranking),
                "n_actions": len(units.actions)})
    return Analysis(year, ds, meth, rv, res, own, own_results, part, coach, lift, brief, comparison,
                    rob, sens, seed, log, peers=published, units=units)


def _participation(rv: Review, res: IndexResult, reviews: dict, results: dict, year: int) -> Participation:
    return Participation(
        summary=participation.participation_summary(rv, res),
        funnel=funnel.funnel(rv, res),
        by_opd=participation.opd_participation(rv, res),
        trends=trends.trends(reviews, results, year),
        timeline=timeline.timeline(rv),
        timeline_summary=timeline.timeline_summary(rv),
        composition=composition.composition(rv),
        missing_affairs=composition.missing_affairs(rv),
    )


def _units(rv: Review, res: IndexResult, cmap: pd.DataFrame, gaps_df: pd.DataFrame, meth: Methodology,
           seed: int) -> Units:
    return Units(
        profile=unit_profile.unit_profile(rv, res, cmap),
        entries=unit_profile.unit_entries(rv, res),
        actions=unit_actions.unit_actions(rv, res, gaps_df),
        ranking=ranking.unit_ranking(res, seed=seed),
        deadline=getattr(meth, "input_deadline", None),
        unattributed=ranking.unattributed(res),
    )


def _lift(rv: Review, res: IndexResult) -> Lift:
    found = gaps.gaps(res, as_of=agenda.data_date(rv.innovations, res.methodology))
    pend = res.points[(res.points["evidence_status"] == "pending") & (res.points["level"] > 0)]
    changes = pend[["innovation_id", "indicator_id"]].assign(evidence_status="valid").reset_index(drop=True)
    after = score(scenarios.apply_changes(rv, changes), methodology=res.methodology)
    return Lift(
        gaps=found,
        best=gaps.best_per_answer(found, gaps.ACTIONS),
        by_opd=gaps.gaps_by_opd(found),
        path=path.path_to_next(res, found),
        break_even=path.new_innovation_break_even(res),
        pending_accepted=after,
        pending_changes=changes,
        pending_compare=scenarios.compare(res, after),
        leave_one_out=leave_one_out.leave_one_out(res, by="opd"),
    )


def analyse(data: str | Path | Dataset | None, year: int, *, seed: int = DEFAULT_SEED,
            draws: int = DEFAULT_DRAWS, saved: str | Path | None = None) -> Analysis:
    """The analysis of ``year``: read from ``saved`` (a file the yearly run wrote with :func:`save`)
    when given, else computed from ``data`` (a folder, a workbook, a Dataset, or empty for the
    bundled sample)."""
    if saved:
        return load(saved)
    ds = resolve_data(data)
    log: list[dict] = [{"step": "load", "source": Path(ds.source).name if ds.source else "",
                        "kind": ds.kind,
                        "rows": {t: int(len(ds.table(t))) for t in TABLES}}]
    reviews, results = review_editions(ds, upto=int(year), log=log)
    return build(ds, int(year), reviews, results, seed=seed, draws=draws, log=log)


def save(a: Analysis, path: str | Path) -> Path:
    """Write the analysis for the notebooks of one yearly run (read back by :func:`load`)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        pickle.dump((SAVED_FORMAT, a), fh, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def load(path: str | Path) -> Analysis:
    """An analysis written by :func:`save` in this run (a file of this project, never user data)."""
    with Path(path).open("rb") as fh:
        fmt_tag, a = pickle.load(fh)
    if fmt_tag != SAVED_FORMAT or not isinstance(a, Analysis):
        raise ValueError(f"{path}: not an analysis saved by this version of iid-analysis")
    return a
