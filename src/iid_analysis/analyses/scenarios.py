"""What-if scenarios: change answers, add or drop innovations, and compare two results.

A scenario never edits the review it starts from: it changes a copy of the dataset and runs the
desk review again (:func:`apply_changes`, :func:`add_innovations`, :func:`drop_innovations`), so
eligibility, decisions and findings stay consistent; rescore the new review with
:func:`~iid_analysis.scoring.compute.score`. :func:`compare` puts two results side by side; the
words that explain each change are written by :mod:`iid_analysis.report.prose_scenarios`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from iid_analysis.methodology.model import PREDICATES, Methodology
from iid_analysis.review.desk import review as run_review

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.review.model import Review
    from iid_analysis.scoring.result import IndexResult

__all__ = [
    "COMPARE_MEASURES",
    "WHATIF_EVIDENCE",
    "add_innovations",
    "apply_changes",
    "compare",
    "drop_innovations",
    "point_changes",
]

#: Placeholder written into an empty ``evidence`` cell when a what-if marks the evidence valid.
WHATIF_EVIDENCE = "(skenario) bukti dilengkapi"

#: The measures :func:`compare` lists, in order (attributes of an ``IndexResult``).
COMPARE_MEASURES: tuple[str, ...] = (
    "iid", "predicate", "spd", "sid", "sid_avg", "count_score", "n", "divisor", "total", "max_total",
)


def _records(changes: Any) -> list[dict]:
    if changes is None:
        return []
    if isinstance(changes, pd.DataFrame):
        recs = changes.to_dict("records")
    elif isinstance(changes, Mapping):
        recs = [dict(changes)]
    else:
        recs = [dict(c) for c in changes]
    out = []
    for r in recs:
        r = {k: (None if not isinstance(v, (list, tuple, dict)) and pd.isna(v) else v) for k, v in r.items()}
        if "action" in r and "to_level" in r:  # a row of gaps(): do what it says
            r.setdefault("level", r["to_level"])
            r.setdefault("evidence_status", "valid")
        out.append(r)
    return out


def _rereview(review: Review, dataset) -> Review:
    """The desk review run again on a changed copy of the dataset (same methodology and year)."""
    return run_review(dataset, review.methodology, review.year)


def _append(table: pd.DataFrame, row: dict) -> pd.DataFrame:
    rows = pd.to_numeric(table["_row"], errors="coerce") if "_row" in table else pd.Series([], dtype="float64")
    row = {"_row": int(rows.max()) + 1 if rows.notna().any() else 2, **row}
    new = pd.DataFrame([{c: row.get(c, None) for c in table.columns}])
    for c in table.columns:
        new[c] = _cast(new[c], table[c].dtype)
    return pd.concat([table, new], ignore_index=True)


def _cast(values: pd.Series, dtype) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return pd.to_datetime(values, errors="coerce").astype(dtype)
    try:
        return values.astype(dtype)
    except (TypeError, ValueError):
        return values.astype("string") if pd.api.types.is_string_dtype(dtype) else values


def apply_changes(review: Review, changes: Any) -> Review:
    """A new :class:`Review` with some answers changed; ``review`` is left as it is.

    ``changes``: a DataFrame, a list of dicts or one dict, each with ``innovation_id`` (None for
    an SPD indicator), ``indicator_id`` and any of ``level`` (0–3), ``evidence_status``
    (valid/invalid/pending/missing) and ``evidence`` (text). Rows of :func:`gaps` are accepted
    as they are (their ``to_level`` with valid evidence). The answer scored for that pair is
    changed in a copy of the dataset (added when there is none) and the desk review is run again
    on it, so eligibility, decisions and findings stay consistent. Rescore with
    ``score(new_review, methodology=before.methodology)``.
    """
    m: Methodology = review.methodology
    ds = review.dataset
    ii = ds.innovation_indicators.copy()
    ri = ds.region_indicators.copy()
    for ch in _records(changes):
        ind_id = str(ch.get("indicator_id") or "")
        try:
            aspect = m.indicator(ind_id).aspect
        except KeyError:
            raise ValueError(f"Indikator tidak dikenal: {ind_id!r} / unknown indicator") from None
        level = ch.get("level")
        if level is not None and int(level) not in (0, 1, 2, 3):
            raise ValueError(f"Tingkat harus 0–3, ditemukan {level!r} / level must be 0–3")
        status = ch.get("evidence_status")
        if status is not None and status not in ("valid", "invalid", "pending", "missing"):
            raise ValueError(f"Status bukti tidak dikenal: {status!r} / unknown evidence status")
        upd: dict[str, Any] = {}
        if level is not None:
            upd["level"] = int(level)
        if status is not None:
            upd["evidence_status"] = str(status)
        if ch.get("evidence") is not None:
            upd["evidence"] = str(ch["evidence"])
        if aspect == "SPD":
            ri = _set_answer(ri, review.region_answers, upd, ind_id, None, review.year)
        else:
            inn = ch.get("innovation_id")
            if inn is None or str(inn) not in set(review.innovations["innovation_id"].dropna().astype(str)):
                raise ValueError(f"Inovasi tidak dikenal untuk {ind_id}: {inn!r} / unknown innovation")
            ii = _set_answer(ii, review.answers, upd, ind_id, str(inn), review.year)
    new_ds = dataclasses.replace(ds, innovation_indicators=ii, region_indicators=ri)
    return _rereview(review, new_ds)


def _set_answer(table: pd.DataFrame, answers: pd.DataFrame, upd: dict, ind_id: str,
                inn: str | None, year: int) -> pd.DataFrame:
    ans = answers[answers["indicator_id"].astype("string") == ind_id]
    if inn is not None:
        ans = ans[ans["innovation_id"].astype("string") == inn]
    if "usable" in ans:
        ans = ans.sort_values("usable", ascending=False, kind="stable")
    idx = None
    if len(ans):
        hit = table.index[table["_row"] == ans["_row"].iloc[0]]
        idx = hit[0] if len(hit) else None
    if idx is None:
        row: dict[str, Any] = {"indicator_id": ind_id, "level": 0, "evidence": None, "evidence_status": "missing"}
        if inn is None:
            row["year"] = year
        else:
            row["innovation_id"] = inn
        row.update(upd)
        if row.get("evidence_status") == "valid" and not row.get("evidence"):
            row["evidence"] = WHATIF_EVIDENCE
        return _append(table, row)
    table = table.copy()
    for col, val in upd.items():
        table.loc[idx, col] = val
    if upd.get("evidence_status") == "valid" and "evidence" in table:
        ev = table.at[idx, "evidence"]
        if pd.isna(ev) or str(ev).strip() == "":
            table.loc[idx, "evidence"] = WHATIF_EVIDENCE
    return table


def drop_innovations(review: Review, ids: Iterable[str]) -> Review:
    """A new :class:`Review` without the given innovations of this edition (and their answers)."""
    ids = {str(i) for i in ([ids] if isinstance(ids, str) else ids)}
    ds = review.dataset
    inv = ds.innovations
    gone = inv["innovation_id"].astype("string").isin(ids).fillna(False) & (
        pd.to_numeric(inv["year"], errors="coerce") == review.year).fillna(False)
    kept = inv[~gone].reset_index(drop=True)
    still = set(kept["innovation_id"].dropna().astype(str))
    ii = ds.innovation_indicators
    drop_ans = ii["innovation_id"].astype("string").isin(ids - still).fillna(False)
    new_ds = dataclasses.replace(ds, innovations=kept,
                                 innovation_indicators=ii[~drop_ans].reset_index(drop=True))
    return _rereview(review, new_ds)


def add_innovations(review: Review, innovations: Any, answers: Any = None) -> Review:
    """A new :class:`Review` with innovations (and their SID answers) added to this edition.

    ``innovations``: a DataFrame or dicts with the canonical columns of the ``innovations``
    table (``year`` defaults to the edition; enumerations as codes, e.g. ``penerapan``; dates as
    ISO text or dates). ``answers``: rows of ``innovation_indicators`` (innovation_id,
    indicator_id, level, evidence, evidence_status).
    """
    ds = review.dataset
    inv = ds.innovations
    for r in _records(innovations):
        r.setdefault("year", review.year)
        inv = _append(inv, r)
    ii = ds.innovation_indicators
    for r in _records(answers):
        if r.get("evidence_status") is None:
            r["evidence_status"] = "pending" if r.get("evidence") else "missing"
        ii = _append(ii, r)
    return _rereview(review, dataclasses.replace(ds, innovations=inv, innovation_indicators=ii))


def point_changes(before: IndexResult, after: IndexResult) -> dict[str, list]:
    """What moved between two results.

    Keys: ``spd`` (``(indicator_id, Δpoints)`` of every SPD answer whose points changed, by
    indicator), ``changed`` (scored in both, SID points changed), ``added`` (scored only after),
    ``removed`` (scored only before); innovation ids sorted.
    """
    pb, pa = before.points, after.points
    key = ["aspect", "innovation_id", "indicator_id"]
    a = pb[key + ["points"]].assign(innovation_id=lambda d: d["innovation_id"].astype("string").fillna(""))
    b = pa[key + ["points"]].assign(innovation_id=lambda d: d["innovation_id"].astype("string").fillna(""))
    j = a.merge(b, on=key, how="outer", suffixes=("_b", "_a"))
    j["d"] = j["points_a"].fillna(0.0) - j["points_b"].fillna(0.0)
    moved = j[j["d"].abs() > 1e-12]
    spd_moved = moved[moved["aspect"] == "SPD"].sort_values("indicator_id")
    sid_moved = moved[moved["aspect"] == "SID"]

    inb = set(pb.loc[pb["aspect"] == "SID", "innovation_id"].dropna().astype(str))
    ina = set(pa.loc[pa["aspect"] == "SID", "innovation_id"].dropna().astype(str))
    return {
        "spd": [(r.indicator_id, r.d) for r in spd_moved.itertuples()],
        "changed": sorted(set(sid_moved["innovation_id"]) & ina & inb),
        "added": sorted(ina - inb),
        "removed": sorted(inb - ina),
    }


def compare(before: IndexResult, after: IndexResult) -> pd.DataFrame:
    """Two results side by side: measure (:data:`COMPARE_MEASURES`), before, after, change.

    ``change`` is after − before (IID rounded to two decimals; ``n`` and ``divisor`` as integers);
    for the predicate it is "same", "up" (a better predicate) or "down".
    """
    rank = {p: i for i, p in enumerate(PREDICATES)}
    rows = []
    for measure in COMPARE_MEASURES:
        vb, va = getattr(before, measure), getattr(after, measure)
        if measure == "predicate":
            change: Any = ("same" if vb == va else "up" if rank[va] < rank[vb] else "down")
        elif measure in ("n", "divisor"):
            vb, va = int(vb), int(va)
            change = va - vb
        else:
            vb, va = float(vb), float(va)
            change = round(va - vb, 2) if measure == "iid" else va - vb
        rows.append({"measure": measure, "before": vb, "after": va, "change": change})
    return pd.DataFrame(rows, columns=["measure", "before", "after", "change"])
