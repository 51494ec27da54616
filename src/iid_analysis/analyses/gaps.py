"""Gap analysis: every way to lift one answer to more points, with its exact IID gain.

Everything here starts from an :class:`~iid_analysis.scoring.result.IndexResult` (``result``) and
uses only what it carries (``result.points``, the headline numbers, ``result.methodology``).

The IID is linear in each answer's points while ``n`` stays the same, so the effect
of fixing one answer alone is exact: ``gain_total`` = Δpoints (SPD) or Δpoints / divisor (SID),
``gain`` = gain_total / max_total × 100 (IID points, *unrounded*), ``iid_after`` = the rounded
IID after that one fix and ``gain_rounded`` = iid_after − iid (what the published two-decimal
score would show). The one exception to linearity is scoring's disclaimer rule (nothing earns a
point → total 0, count score withheld): the first valid answer then also brings back the count
score, and every gain here includes it, because all "after" numbers are computed with scoring's
own ``totals_from_points``. Innovations that are not eligible (desk decision ``tidak_lanjut``) are not
gaps: they are not scored, so completing their documents does not move the IID until the
reason they stop is removed (see the review's ``reasons``).

The action labels, the owner of the SPD answers and the effort notes (:data:`ACTION_LABELS`,
:data:`SPD_OWNER`, :func:`_effort_note`) are columns of the gaps table, so they stay with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from iid_analysis.methodology.model import Methodology
from iid_analysis.scoring.totals import frame_terms, totals_from_points

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.scoring.result import IndexResult

__all__ = [
    "ACTIONS",
    "ACTION_LABELS",
    "DOCUMENT_ACTIONS",
    "EFFORT",
    "KIND",
    "GAPS_NOTE",
    "GAP_COLUMNS",
    "SPD_OWNER",
    "best_per_answer",
    "doable_before_deadline",
    "gaps",
    "gaps_by_opd",
    "result_names",
    "top_gaps",
]

#: Actions that close a gap, cheapest first.
ACTIONS: tuple[str, ...] = ("validate_evidence", "fix_evidence", "raise_level")
EFFORT: dict[str, int] = {"validate_evidence": 1, "fix_evidence": 2, "raise_level": 3}
#: The kind of each action (design §5 ``path_to_next``): ``evidence`` (have it checked, complete or
#: replace the evidence of a level already claimed) or ``level`` (raise the level).
KIND: dict[str, str] = {"validate_evidence": "evidence", "fix_evidence": "evidence", "raise_level": "level"}
#: What the owner of the answer does (an OPD for an innovation's answer): upload to the national
#: system (aplikasi IID) and ask Bappeda to check — never "make sure it is verified".
ACTION_LABELS: dict[str, str] = {
    "validate_evidence": "Minta Bappeda memeriksa dokumen yang sudah diunggah ke aplikasi IID",
    "fix_evidence": "Unggah dokumen yang sesuai ke aplikasi IID, lalu minta Bappeda memeriksanya",
    "raise_level": "Naikkan capaian ke tingkat 3, lalu unggah dokumennya ke aplikasi IID",
}
EFFORT_LABELS: dict[int, str] = {1: "ringan", 2: "sedang", 3: "berat"}
DOCUMENT_ACTIONS: tuple[str, ...] = ("validate_evidence", "fix_evidence")

GAP_COLUMNS: tuple[str, ...] = (
    "aspect", "innovation_id", "innovation_name", "opd_id", "opd_name", "indicator_id", "name",
    "action", "action_label", "from_level", "to_level", "from_status", "points", "max_points",
    "gain_points", "gain_total", "gain", "iid_after", "gain_rounded", "effort", "effort_note",
    "kind", "outcome", "before_deadline",
)

SPD_OWNER = "Pemerintah daerah (SPD)"
GAPS_NOTE = (
    "Inovasi yang tidak memenuhi syarat (keputusan tidak_lanjut) tidak dihitung sebagai celah: "
    "inovasi itu tidak dinilai, sehingga melengkapi buktinya tidak menaikkan IID selama alasan "
    "penghentiannya belum diatasi."
)


def result_names(result: IndexResult) -> tuple[dict, dict]:
    """innovation_id → name of the scored innovations, opd_id → name of the result's OPDs."""
    inv = result.innovations
    scored = inv[inv["scored"].fillna(False).astype(bool)] if "scored" in inv else inv
    inn = {str(k): str(v) for k, v in zip(scored["innovation_id"], scored["name"], strict=True)
           if not pd.isna(k)}
    opd = {}
    if "opd_id" in result.opd and "name" in result.opd:
        opd = {str(k): ("" if pd.isna(v) else str(v))
               for k, v in zip(result.opd["opd_id"], result.opd["name"], strict=True) if not pd.isna(k)}
    return inn, opd


def _effort_note(action: str, level: int, status: str, ind) -> str:
    def evidence(lv: int) -> str:
        text = ind.evidence_for(lv) if ind is not None else ""
        return text or "bukti dukung sesuai indikator"

    if action == "validate_evidence":
        return (f"Ringan: dokumen tingkat {level} sudah diunggah dan menunggu pemeriksaan; cocokkan "
                f"isinya dengan ketentuan ({evidence(level)}), lalu minta Bappeda memeriksanya.")
    if action == "fix_evidence":
        what = ("ganti dokumen yang tidak valid dengan dokumen yang sesuai" if status == "invalid"
                else "unggah dokumen yang sesuai")
        return (f"Sedang: {what} ({evidence(level)}) untuk tingkat {level} yang sudah diklaim ke "
                "aplikasi IID, lalu minta Bappeda memeriksanya.")
    top = ind.levels[2] if ind is not None else "tingkat 3"
    start = "capai" if level == 0 else f"naikkan dari tingkat {level} ke"
    return (f"Berat: {start} tingkat 3 ({top}), lalu unggah dokumennya ({evidence(3)}) ke aplikasi "
            "IID dan minta Bappeda memeriksanya.")


def doable_before_deadline(m: Methodology, as_of: dt.date | None) -> dict[str, bool]:
    """Which kinds of step can still be done before the input deadline, seen from ``as_of`` (the
    date of the data): ``evidence`` while the input is open; ``level`` (and a new innovation) only
    while at least ``m.level_lead_days`` days remain. ``as_of`` None (no date known): both."""
    if as_of is None:
        return {"evidence": True, "level": True}
    left = (m.input_deadline - as_of).days
    return {"evidence": left > 0, "level": left > 0 and left >= int(m.level_lead_days)}


def gaps(result: IndexResult, as_of: dt.date | None = None) -> pd.DataFrame:
    """Every way to lift one answer of ``result`` to more points, with its exact IID gain.

    One row per (answer short of full points × candidate action), for every row of
    ``result.points`` with ``points < max_points`` (SPD answers and the SID answers of *scored*
    innovations; innovations that are not eligible are not gaps — they are not scored).
    Actions: ``validate_evidence`` (level claimed, evidence pending → accepted),
    ``fix_evidence`` (level claimed, evidence missing or invalid → valid), ``raise_level``
    (to level 3 with valid evidence; not offered when the level is already 3).

    ``kind`` is :data:`KIND` of the action; ``outcome`` says the indicator's level is an outcome
    (``Indicator.outcome``); ``before_deadline`` whether the region can do it before the input
    closes, seen from ``as_of`` (the date of the data): evidence while the input is open; a level
    of a non-outcome indicator only while ``level_lead_days`` (methodology) remain; an outcome
    level never (:func:`doable_before_deadline`). ``attrs["doable"]`` keeps that verdict per kind.

    Columns: :data:`GAP_COLUMNS`. ``innovation_id`` and ``innovation_name`` are ``<NA>`` for SPD
    (``opd_name`` is then :data:`SPD_OWNER`). ``gain_points`` is the
    answer's Δpoints, ``gain_total`` its effect on the total (SID: divided by the divisor; plus
    the count score when it lifts a result out of the disclaimer rule),
    ``gain`` the unrounded IID gain (gain_total / max_total × 100), ``iid_after`` the rounded IID
    if only this action were done and ``gain_rounded`` = ``iid_after − iid``. Ranked by ``gain``
    descending, ties by indicator_id, innovation_id, then cheaper action first; index 0..n-1.
    """
    m: Methodology = result.methodology
    pts = result.points
    inn_names, opd_names = result_names(result)
    level = pd.to_numeric(pts["level"], errors="coerce").fillna(0).astype("int64").to_numpy()
    weight = pd.to_numeric(pts["weight"], errors="coerce").fillna(0.0).to_numpy("float64")
    points = pd.to_numeric(pts["points"], errors="coerce").fillna(0.0).to_numpy("float64")
    maxp = pd.to_numeric(pts["max_points"], errors="coerce").fillna(0.0).to_numpy("float64")
    valid = pts["valid"].fillna(False).astype(bool).to_numpy()
    status = pts["evidence_status"].astype("string").fillna("missing").to_numpy(dtype=object)
    short = points < maxp - 1e-12

    # candidate (row, action, to_level): evidence actions for claimed levels, then raise to 3
    doc = np.flatnonzero(short & (level > 0) & ~valid)
    rise = np.flatnonzero(short & (level < 3))
    rows = np.concatenate([doc, rise])
    action = np.concatenate([np.where(status[doc] == "pending", "validate_evidence", "fix_evidence"),
                             np.full(len(rise), "raise_level")]).astype(object)
    to_level = np.concatenate([level[doc], np.full(len(rise), 3, dtype="int64")])

    sub = pts.iloc[rows].reset_index(drop=True)
    inn = sub["innovation_id"].astype("string")
    opd = sub["opd_id"].astype("string") if "opd_id" in sub else pd.Series(pd.NA, index=sub.index,
                                                                           dtype="string")
    aspect = sub["aspect"].astype("string")
    spd_region = (aspect == "SPD") & opd.isna()
    df = pd.DataFrame({
        "aspect": aspect,
        "innovation_id": inn,
        "innovation_name": inn.map(inn_names).astype("string").mask(inn.notna() & inn.map(inn_names).isna(), ""),
        "opd_id": opd,
        "opd_name": opd.map(opd_names).astype("string").fillna("").mask(spd_region, SPD_OWNER),
        "indicator_id": sub["indicator_id"].astype("string"),
        "name": sub["name"].astype("string"),
        "action": pd.array(action, dtype="string"),
        "from_level": level[rows],
        "to_level": to_level,
        "from_status": pd.array(status[rows], dtype="string"),
        "points": points[rows],
        "max_points": maxp[rows],
    })
    df["action_label"] = df["action"].map(ACTION_LABELS).astype("string")
    df["gain_points"] = df["to_level"] * weight[rows] - df["points"]
    after = _after(result, df["gain_points"].to_numpy("float64"), (df["aspect"] == "SID").to_numpy(bool))
    gain_total = after["total"] - float(result.total)
    df["gain_total"] = gain_total
    df["gain"] = gain_total / float(result.max_total) * 100.0
    df["iid_after"] = after["iid"]
    df["gain_rounded"] = np.round(df["iid_after"].to_numpy("float64") - float(result.iid), 2)
    df["effort"] = df["action"].map(EFFORT).astype("int64")
    key = ["action", "from_level", "from_status", "indicator_id"]
    combos = df[key].drop_duplicates()
    notes = {tuple(c): _effort_note(c[0], int(c[1]), str(c[2]), _indicator(m, str(c[3])))
             for c in combos.itertuples(index=False)}
    df["effort_note"] = pd.array([notes[tuple(c)] for c in df[key].itertuples(index=False)],
                                 dtype="string")
    outcome = {i.id: bool(i.outcome) for i in m.indicators}
    df["kind"] = df["action"].map(KIND).astype("string")
    df["outcome"] = df["indicator_id"].map(outcome).fillna(False).astype(bool)
    ok = doable_before_deadline(m, as_of)
    level = (df["kind"] == "level").to_numpy(bool)
    df["before_deadline"] = np.where(level, ok["level"] & ~df["outcome"].to_numpy(bool), ok["evidence"])
    df = _rank(df[list(GAP_COLUMNS)])
    df.attrs["note"] = GAPS_NOTE
    df.attrs["doable"] = ok
    return df


def _after(result: IndexResult, d_spd_or_sid: np.ndarray, is_sid: np.ndarray) -> dict[str, np.ndarray]:
    """Headline numbers after adding points (one entry per candidate), through scoring's own
    :func:`~iid_analysis.scoring.totals.totals_from_points` (so the disclaimer rule applies: when nothing
    earned a point, the first valid answer also brings back the count score)."""
    d = np.asarray(d_spd_or_sid, dtype="float64")
    _, cs = frame_terms(result.methodology, result.n, result.n_basic_covered)
    return totals_from_points(float(result.spd) + np.where(is_sid, 0.0, d),
                              float(result.sid_sum) + np.where(is_sid, d, 0.0),
                              float(result.divisor), cs, float(result.max_total))


def _indicator(m: Methodology, indicator_id: str):
    try:
        return m.indicator(indicator_id)
    except KeyError:
        return None


def _rank(df: pd.DataFrame) -> pd.DataFrame:
    key = df.assign(_g=-df["gain"].round(12), _inn=df["innovation_id"].fillna(""))
    key = key.sort_values(["_g", "indicator_id", "_inn", "effort"], kind="stable")
    return key.drop(columns=["_g", "_inn"]).reset_index(drop=True)


def best_per_answer(gaps_df: pd.DataFrame, actions: Iterable[str] | None = None) -> pd.DataFrame:
    """One action per answer (innovation × indicator): the largest gain, the cheaper on a tie."""
    df = gaps_df
    if actions is not None:
        df = df[df["action"].isin(list(actions))]
    key = df.assign(_g=-df["gain"].round(12), _inn=df["innovation_id"].fillna(""))
    key = key.sort_values(["_g", "effort", "indicator_id", "_inn"], kind="stable")
    key = key.drop_duplicates(["_inn", "indicator_id"], keep="first")
    return _rank(key.drop(columns=["_g", "_inn"]))


def gaps_by_opd(gaps_df: pd.DataFrame) -> pd.DataFrame:
    """Gaps grouped by OPD (SPD answers under the region itself, ``opd_id`` <NA>).

    Columns: opd_id, opd_name, n_innovations (with a gap), n_answers (answers short of full
    points), n_pending (answers whose pending evidence only needs accepting), n_fix (claimed
    levels with missing/invalid evidence), gain_documents (IID points if every pending evidence
    were accepted and every missing/invalid one fixed, unrounded), gain_max (IID points if every
    answer reached level 3 with valid evidence). Sorted by gain_documents, then gain_max
    (descending), then opd_id.
    """
    cols = ["opd_id", "opd_name", "n_innovations", "n_answers", "n_pending", "n_fix",
            "gain_documents", "gain_max"]
    if gaps_df.empty:
        return pd.DataFrame(columns=cols)
    g = gaps_df.assign(_opd=gaps_df["opd_id"].fillna("\uffff"), _inn=gaps_df["innovation_id"].fillna(""))
    best = best_per_answer(gaps_df).assign(_opd=lambda d: d["opd_id"].fillna("\uffff"))
    docs = g[g["action"].isin(list(DOCUMENT_ACTIONS))]
    out = g.groupby("_opd", sort=True).agg(
        opd_id=("opd_id", "first"), opd_name=("opd_name", "first"),
    )
    out["n_innovations"] = g[g["aspect"] == "SID"].groupby("_opd")["_inn"].nunique()
    out["n_answers"] = g.drop_duplicates(["_inn", "indicator_id"]).groupby("_opd").size()
    out["n_pending"] = docs[docs["action"] == "validate_evidence"].groupby("_opd").size()
    out["n_fix"] = docs[docs["action"] == "fix_evidence"].groupby("_opd").size()
    out["gain_documents"] = docs.groupby("_opd")["gain"].sum()
    out["gain_max"] = best.groupby("_opd")["gain"].sum()
    for c in ("n_innovations", "n_answers", "n_pending", "n_fix"):
        out[c] = out[c].fillna(0).astype("int64")
    for c in ("gain_documents", "gain_max"):
        out[c] = out[c].fillna(0.0).astype("float64")
    out = out.reset_index().sort_values(["gain_documents", "gain_max", "_opd"],
                                        ascending=[False, False, True], kind="stable")
    return out[cols].reset_index(drop=True)


def top_gaps(result: IndexResult, k: int = 10, gaps_df: pd.DataFrame | None = None) -> list[dict]:
    """The ``k`` answers with the largest possible gain, as design §5 ``results.json`` wants:
    ``{"innovation_id": id or None (SPD), "indicator_id", "gain"}``, ``gain`` in IID points
    (unrounded gain of the best action for that answer, rounded to 4 decimals)."""
    df = gaps(result) if gaps_df is None else gaps_df
    best = best_per_answer(df).head(int(k))
    return [
        {"innovation_id": None if pd.isna(r.innovation_id) else str(r.innovation_id),
         "indicator_id": str(r.indicator_id),
         "gain": round(float(r.gain), 4)}
        for r in best.itertuples(index=False)
    ]
