"""What lifts the index: gap analysis, what-if scenarios, robustness of the predicate.

Everything here starts from an :class:`~iid_analysis.scoring.compute.IndexResult` (``result``) and uses
only what it carries (``result.points``, the headline numbers, ``result.methodology``), so the
numbers agree with :func:`iid_analysis.scoring.compute.score` by construction. Exact rescoring of a
changed review always goes through ``scoring.score``; the Monte Carlo and the leave-one-out use
closed forms of the same formula (tested against ``score``)::

    total = SPD + (Σ SID points) / max(divisor_min, n) + count_score(n)
    IID   = round_score(total / max_total × 100)

**Gaps.** The IID is linear in each answer's points while ``n`` stays the same, so the effect
of fixing one answer alone is exact: ``gain_total`` = Δpoints (SPD) or Δpoints / divisor (SID),
``gain`` = gain_total / max_total × 100 (IID points, *unrounded*), ``iid_after`` = the rounded
IID after that one fix and ``gain_rounded`` = iid_after − iid (what the published two-decimal
score would show). The one exception to linearity is scoring's disclaimer rule (nothing earns a
point → total 0, count score withheld): the first valid answer then also brings back the count
score, and every gain here includes it, because all "after" numbers are computed with scoring's
own ``totals_from_points``. Innovations that are not eligible (desk decision ``tidak_lanjut``) are not
gaps: they are not scored, so completing their documents does not move the IID until the
reason they stop is removed (see the review's ``reasons``).

**Robustness.** Monte Carlo over three sources, vectorised as draws × answers matrices:
(a) evidence not yet valid accepted with a probability per status (claimed levels only);
(b) weights perturbed uniformly ±``weight_spread`` per indicator, rescaled per aspect so the
maximum (Σ 3·w) is unchanged; (c) the methodology's documented alternatives (grouped by what
they replace, each option — the default included — with equal probability). Which source moves
the predicate most is measured one at a time (only that source random, the others at the point
estimate), using the same random streams as the combined run.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from iid_analysis.methodology import PREDICATES, Methodology, round_score
from iid_analysis.text import fmt

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.review.desk import Review
    from iid_analysis.scoring.compute import IndexResult

__all__ = [
    "ACTIONS",
    "GAP_COLUMNS",
    "Robustness",
    "add_innovations",
    "apply_changes",
    "best_per_answer",
    "compare",
    "drop_innovations",
    "gaps",
    "gaps_by_opd",
    "leave_one_out",
    "path_to_next",
    "results_fields",
    "robustness",
    "top_gaps",
]

#: Actions that close a gap, cheapest first.
ACTIONS: tuple[str, ...] = ("validate_evidence", "fix_evidence", "raise_level")
EFFORT: dict[str, int] = {"validate_evidence": 1, "fix_evidence": 2, "raise_level": 3}
ACTION_LABELS: dict[str, str] = {
    "validate_evidence": "Pastikan bukti yang menunggu verifikasi diterima",
    "fix_evidence": "Lengkapi atau perbaiki bukti dukung",
    "raise_level": "Naikkan capaian ke tingkat 3",
}
EFFORT_LABELS: dict[int, str] = {1: "ringan", 2: "sedang", 3: "berat"}
DOCUMENT_ACTIONS: tuple[str, ...] = ("validate_evidence", "fix_evidence")

GAP_COLUMNS: tuple[str, ...] = (
    "aspect", "innovation_id", "innovation_name", "opd_id", "opd_name", "indicator_id", "name",
    "action", "action_label", "from_level", "to_level", "from_status", "points", "max_points",
    "gain_points", "gain_total", "gain", "iid_after", "gain_rounded", "effort", "effort_note",
)

SPD_OWNER = "Pemerintah daerah (SPD)"
GAPS_NOTE = (
    "Inovasi yang tidak memenuhi syarat (keputusan tidak_lanjut) tidak dihitung sebagai celah: "
    "inovasi itu tidak dinilai, sehingga melengkapi buktinya tidak menaikkan IID selama alasan "
    "penghentiannya belum diatasi."
)

#: Placeholder written into an empty ``evidence`` cell when a what-if marks the evidence valid.
WHATIF_EVIDENCE = "(skenario) bukti dilengkapi"

SOURCE_LABELS: dict[str, str] = {
    "evidence": "bukti yang belum valid (diterima atau ditolak verifikator)",
    "weights": "bobot indikator (diganggu ±{spread})",
    "alternatives": "asumsi metodologi yang belum resmi (alternatif terdokumentasi)",
}

_CHUNK = 2048  # draws per block in the evidence matrix (keeps draws × answers small in memory)


# ============================================================================ gaps
def _names(result: IndexResult) -> tuple[dict, dict]:
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
    evidence = ind.evidence if ind is not None and ind.evidence else "bukti dukung sesuai indikator"
    if action == "validate_evidence":
        return (f"Ringan: bukti tingkat {level} sudah diunggah dan menunggu verifikasi; pastikan "
                f"isinya sesuai ketentuan ({evidence}) agar diterima.")
    if action == "fix_evidence":
        what = "ganti bukti yang tidak valid dengan" if status == "invalid" else "unggah"
        return f"Sedang: {what} bukti yang sesuai ({evidence}) untuk tingkat {level} yang sudah diklaim."
    top = ind.levels[2] if ind is not None else "tingkat 3"
    start = "capai" if level == 0 else f"naikkan dari tingkat {level} ke"
    return f"Berat: {start} tingkat 3 ({top}) dan siapkan bukti valid ({evidence})."


def gaps(result: IndexResult) -> pd.DataFrame:
    """Every way to lift one answer of ``result`` to more points, with its exact IID gain.

    One row per (answer short of full points × candidate action), for every row of
    ``result.points`` with ``points < max_points`` (SPD answers and the SID answers of *scored*
    innovations; innovations that are not eligible are not gaps — they are not scored).
    Actions: ``validate_evidence`` (level claimed, evidence pending → accepted),
    ``fix_evidence`` (level claimed, evidence missing or invalid → valid), ``raise_level``
    (to level 3 with valid evidence; not offered when the level is already 3).

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
    inn_names, opd_names = _names(result)
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
    df = _rank(df[list(GAP_COLUMNS)])
    df.attrs["note"] = GAPS_NOTE
    return df


def _after(result: IndexResult, d_spd_or_sid: np.ndarray, is_sid: np.ndarray) -> dict[str, np.ndarray]:
    """Headline numbers after adding points (one entry per candidate), through scoring's own
    :func:`~iid_analysis.scoring.compute.totals_from_points` (so the disclaimer rule applies: when nothing
    earned a point, the first valid answer also brings back the count score)."""
    from iid_analysis.scoring.compute import frame_terms, totals_from_points

    d = np.asarray(d_spd_or_sid, dtype="float64")
    _, cs = frame_terms(result.methodology, result.n)
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


def _action_dict(r: Any) -> dict:
    return {
        "innovation_id": None if pd.isna(r.innovation_id) else str(r.innovation_id),
        "innovation_name": None if pd.isna(r.innovation_name) else str(r.innovation_name),
        "opd_id": None if pd.isna(r.opd_id) else str(r.opd_id),
        "opd_name": None if pd.isna(r.opd_name) else str(r.opd_name),
        "indicator_id": str(r.indicator_id),
        "name": str(r.name),
        "action": str(r.action),
        "action_label": str(r.action_label),
        "from_level": int(r.from_level),
        "to_level": int(r.to_level),
        "from_status": str(r.from_status),
        "gain": round(float(r.gain), 4),
        "gain_total": round(float(r.gain_total), 6),
        "effort": int(r.effort),
        "effort_note": str(r.effort_note),
    }


def path_to_next(result: IndexResult, gaps_df: pd.DataFrame | None = None,
                 actions: Iterable[str] | None = None) -> dict:
    """The fewest actions that lift ``result`` to the next predicate (one action per answer).

    Greedy: answers ordered by the gain of their best action (``best_per_answer``), taken until
    the rounded IID reaches the next band; the last one is then swapped for the cheapest action
    that still reaches it. Gains are additive (``n`` does not change), so the *number* of actions
    is the minimum for the listed actions; the effort is not minimised. ``actions`` restricts the
    kinds of action (e.g. ``DOCUMENT_ACTIONS``: only documents, no new levels).

    Returns a JSON-able dict: method ("greedy"), method_note, predicate, iid, target_predicate,
    target_iid, needed_gain (IID points, unrounded), reachable, actions (list of dicts),
    n_actions, iid_after, predicate_after, iid_max (all listed actions done), sentence.
    """
    m: Methodology = result.methodology
    df = gaps(result) if gaps_df is None else gaps_df
    allowed = tuple(actions) if actions is not None else ACTIONS
    out: dict[str, Any] = {
        "method": "greedy",
        "method_note": (
            "Dipilih secara greedy: jawaban dengan kenaikan IID terbesar didahulukan, satu tindakan "
            "per jawaban. Karena tiap tindakan menambah poin secara terpisah (jumlah inovasi tetap), "
            "jumlah tindakannya sekecil mungkin untuk jenis tindakan yang dipertimbangkan, tetapi "
            "belum tentu yang paling ringan upayanya."
        ),
        "actions_considered": list(allowed),
        "predicate": result.predicate,
        "iid": float(result.iid),
    }
    band = m.next_band(result.predicate)
    if band is None:
        out.update(target_predicate=None, target_iid=None, needed_gain=0.0, reachable=True, actions=[],
                   n_actions=0, iid_after=float(result.iid), predicate_after=result.predicate,
                   iid_max=float(result.iid))
        out["sentence"] = (f"IID {fmt.num(result.iid)} sudah pada predikat tertinggi "
                           f"({result.predicate}); tidak ada predikat berikutnya untuk dikejar.")
        return out
    total, max_total = float(result.total), float(result.max_total)
    target = float(band.low)
    out.update(target_predicate=band.predicate, target_iid=target,
               needed_gain=max(0.0, target - 0.005 - total / max_total * 100.0))
    rank = {p: i for i, p in enumerate(b.predicate for b in m.bands)}

    from iid_analysis.scoring.compute import frame_terms, totals_from_points

    _, cs = frame_terms(m, result.n)

    def iid_with(d_spd: np.ndarray, d_sid: np.ndarray) -> np.ndarray:
        return totals_from_points(float(result.spd) + d_spd, float(result.sid_sum) + d_sid,
                                  float(result.divisor), cs, max_total)["iid"]

    def split(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        sid_rows = (frame["aspect"] == "SID").to_numpy(bool)
        gp = frame["gain_points"].to_numpy("float64")
        return np.where(sid_rows, 0.0, gp), np.where(sid_rows, gp, 0.0)

    def cumulative(frame: pd.DataFrame) -> np.ndarray:
        """Rounded IID after the first 1, 2, … actions of ``frame``."""
        d_spd, d_sid = split(frame)
        return iid_with(np.cumsum(d_spd), np.cumsum(d_sid))

    def reaches(iid: float) -> bool:
        return rank[m.predicate(float(iid))] <= rank[band.predicate]

    pool = df[df["action"].isin(list(allowed))]
    best = best_per_answer(pool)
    cum = cumulative(best)
    out["iid_max"] = float(cum[-1]) if len(cum) else float(result.iid)
    hit = next((i for i, x in enumerate(cum) if reaches(float(x))), None)
    if hit is None:
        out.update(reachable=False, actions=[], n_actions=0, iid_after=float(result.iid),
                   predicate_after=result.predicate)
        if set(allowed) >= set(ACTIONS):
            need = (f"Perlu tambahan inovasi yang memenuhi syarat (kini {fmt.count(result.n, 'inovasi')} "
                    f"dinilai; jumlah poin SID dibagi sekurang-kurangnya {m.divisor_min}).")
            how = "hanya dengan menutup celah"
        else:
            kinds = ", ".join(ACTION_LABELS[a].lower() for a in ACTIONS if a in allowed)
            need = "Perlu tindakan lain (misalnya kenaikan tingkat) atau tambahan inovasi yang memenuhi syarat."
            how = f"hanya dengan tindakan berikut: {kinds}"
        out["sentence"] = (
            f"Predikat {band.predicate} (IID minimal {fmt.num(target)}) belum dapat dicapai {how}: "
            f"bila semua tindakan itu dilakukan, IID menjadi {fmt.num(out['iid_max'])}. {need}"
        )
        return out
    chosen = best.iloc[:hit]
    c_spd, c_sid = split(chosen)
    taken = set(zip(chosen["innovation_id"].fillna(""), chosen["indicator_id"], strict=True))
    rest = pool[[(a, b) not in taken for a, b in
                 zip(pool["innovation_id"].fillna(""), pool["indicator_id"], strict=True)]]
    r_spd, r_sid = split(rest)
    one = iid_with(c_spd.sum() + r_spd, c_sid.sum() + r_sid)
    ok = rest[[reaches(float(x)) for x in one]]
    ok = ok.assign(_inn=ok["innovation_id"].fillna("")).sort_values(
        ["effort", "gain", "indicator_id", "_inn"], kind="stable")
    last = ok.iloc[[0]].drop(columns=["_inn"])
    path = pd.concat([chosen, last], ignore_index=True)
    iid_after = float(cumulative(path)[-1])
    out.update(reachable=True, actions=[_action_dict(r) for r in path.itertuples(index=False)],
               n_actions=int(len(path)), iid_after=iid_after, predicate_after=m.predicate(iid_after))
    n_docs = int(path["action"].isin(list(DOCUMENT_ACTIONS)).sum())
    out["sentence"] = (
        f"Untuk naik dari {result.predicate} (IID {fmt.num(result.iid)}) ke {band.predicate} "
        f"(IID minimal {fmt.num(target)}) cukup {fmt.count(len(path), 'tindakan')} "
        f"({fmt.count(n_docs, 'perbaikan bukti')}, {fmt.count(len(path) - n_docs, 'kenaikan tingkat')}); "
        f"IID menjadi {fmt.num(iid_after)}."
    )
    return out


# ============================================================================ what-if
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
    from iid_analysis.review.desk import review as run_review

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
    ``scoring.score(new_review, methodology=before.methodology)``.
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


_COMPARE_ROWS: tuple[tuple[str, str], ...] = (
    ("iid", "IID"),
    ("predicate", "Predikat"),
    ("spd", "SPD (poin)"),
    ("sid", "SID (poin)"),
    ("sid_avg", "Rata-rata SID (poin)"),
    ("count_score", "Skor jumlah inovasi"),
    ("n", "Inovasi dinilai (n)"),
    ("divisor", "Pembagi SID"),
    ("total", "Total"),
    ("max_total", "Total maksimum"),
)


def _list(items: Sequence[str], k: int = 4) -> str:
    items = list(items)
    head = ", ".join(items[:k])
    return head + (f" dan {len(items) - k} lainnya" if len(items) > k else "")


def compare(before: IndexResult, after: IndexResult) -> pd.DataFrame:
    """Two results side by side: measure, label, before, after, change, why (Indonesian)."""
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
    added, removed = sorted(ina - inb), sorted(inb - ina)
    changed = sorted(set(sid_moved["innovation_id"]) & ina & inb)

    d_spd = float(after.spd) - float(before.spd)
    d_sid = float(after.sid) - float(before.sid)
    why: dict[str, str] = {}
    why["spd"] = ("; ".join(f"{r.indicator_id} {fmt.points(r.d)}" for r in spd_moved.itertuples())
                  if len(spd_moved) else "tidak berubah")
    parts = []
    if changed:
        parts.append(f"poin berubah pada {fmt.count(len(changed), 'inovasi')} ({_list(changed)})")
    if added:
        parts.append(f"inovasi baru dinilai: {_list(added)}")
    if removed:
        parts.append(f"inovasi tidak lagi dinilai: {_list(removed)}")
    if int(before.divisor) != int(after.divisor):
        parts.append(f"pembagi {before.divisor} → {after.divisor}")
    if abs(float(after.count_score) - float(before.count_score)) > 1e-12:
        parts.append(f"skor jumlah inovasi {fmt.points(float(after.count_score) - float(before.count_score))}")
    why["sid"] = "; ".join(parts) if parts else "tidak berubah"
    why["sid_avg"] = ("Σ poin SID / pembagi" if abs(float(after.sid_avg) - float(before.sid_avg)) > 1e-12
                      else "tidak berubah")
    why["count_score"] = ("mengikuti jumlah inovasi yang dinilai (n)"
                          if abs(float(after.count_score) - float(before.count_score)) > 1e-12
                          else "tidak berubah")
    why["n"] = "; ".join(p for p in (f"ditambah {_list(added)}" if added else "",
                                     f"dikurangi {_list(removed)}" if removed else "") if p) or "tidak berubah"
    why["divisor"] = (f"maks({after.methodology.divisor_min}, n)" if int(before.divisor) != int(after.divisor)
                      else "tidak berubah")
    why["total"] = (f"SPD {fmt.points(d_spd)}, SID {fmt.points(d_sid)}"
                    if abs(d_spd) + abs(d_sid) > 1e-12 else "tidak berubah")
    why["max_total"] = ("metodologi berbeda" if abs(float(after.max_total) - float(before.max_total)) > 1e-9
                        else "tidak berubah")
    d_iid = float(after.iid) - float(before.iid)
    if abs(d_iid) < 1e-9 and abs(d_spd) + abs(d_sid) < 1e-12:
        why["iid"] = "tidak berubah"
    else:
        mt = float(after.max_total)
        contrib = {"SPD": d_spd / mt * 100.0, "SID": d_sid / mt * 100.0}
        main = max(contrib, key=lambda k: abs(contrib[k]))
        why["iid"] = (f"{'naik' if d_iid > 0 else 'turun' if d_iid < 0 else 'tetap'}; "
                      f"kontribusi SPD {fmt.points(contrib['SPD'])}, SID {fmt.points(contrib['SID'])} "
                      f"poin IID (terutama aspek {main})")
        if why["max_total"] != "tidak berubah":
            why["iid"] += "; total maksimum berbeda"
    rank = {p: i for i, p in enumerate(PREDICATES)}
    if before.predicate == after.predicate:
        why["predicate"] = "tetap"
    else:
        up = rank[after.predicate] < rank[before.predicate]
        why["predicate"] = f"{'naik' if up else 'turun'} dari {before.predicate} ke {after.predicate}"

    rows = []
    for measure, label in _COMPARE_ROWS:
        vb, va = getattr(before, measure), getattr(after, measure)
        if measure == "predicate":
            change: Any = why["predicate"]
        elif measure in ("n", "divisor"):
            vb, va = int(vb), int(va)
            change = va - vb
        else:
            vb, va = float(vb), float(va)
            change = round(va - vb, 2) if measure == "iid" else va - vb
        rows.append({"measure": measure, "label": label, "before": vb, "after": va,
                     "change": change, "why": why[measure]})
    return pd.DataFrame(rows, columns=["measure", "label", "before", "after", "change", "why"])


# ============================================================================ robustness
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
    sentence: str = ""  # Indonesian: which source moves the predicate most
    interval_sentence: str = ""  # Indonesian: the interval and the probability of the point predicate

    def summary_lines(self) -> list[str]:
        return [self.interval_sentence, self.sentence]

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
            "sentence": self.sentence,
            "interval_sentence": self.interval_sentence,
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
    through scoring's own :func:`~iid_analysis.scoring.compute.totals_from_points`."""
    from iid_analysis.scoring.compute import totals_from_points

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
                 np.full(D, float(result.methodology.count_score(result.n))), np.full(D, model.max_total))
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
    div_v = np.array([float(v.divisor(model.n)) for v in variants])
    cs_v = np.array([float(v.count_score(model.n)) for v in variants])
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
    if main is not None:
        sentence = (f"Sumber ketidakpastian yang paling menggeser predikat adalah {top['label']}: bila "
                    f"hanya sumber ini yang diacak, predikat berbeda dari {result.predicate} pada "
                    f"{fmt.pct(float(top['p_differs']))} simulasi (uji satu per satu).")
    elif p_change > 0:
        sentence = (f"Tidak ada sumber ketidakpastian yang sendirian mengubah predikat {result.predicate} "
                    f"(diuji satu per satu); predikat hanya berubah bila beberapa sumber bekerja bersama "
                    f"({fmt.pct(p_change)} simulasi).")
    else:
        sentence = (f"Predikat {result.predicate} tidak berubah dalam semua {fmt.integer(draws)} simulasi, "
                    f"baik gabungan maupun per sumber ketidakpastian.")
    p_point = probs[result.predicate]
    interval = (f"IID {fmt.num(result.iid)} ({result.predicate}); dalam {fmt.integer(draws)} simulasi "
                f"median {fmt.num(round_score(q50))}, interval 5–95% {fmt.num(round_score(q05))}–"
                f"{fmt.num(round_score(q95))}; peluang tetap {result.predicate} {fmt.pct(p_point)}.")
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
        sources=sources, main_source=main, n_uncertain=n_unc, sentence=sentence,
        interval_sentence=interval,
    )


# ============================================================================ leave-one-out
def leave_one_out(result: IndexResult, by: str = "opd") -> pd.DataFrame:
    """The IID without each OPD's (``by="opd"``) or each innovation's (``"innovation"``) entries.

    Closed form (``n``, the divisor and the count score change with the removal)::

        total_without = SPD + (S − s) / max(divisor_min, n − k) + count_score(n − k)

    where ``s`` is the SID points and ``k`` the number of scored innovations removed. Only scored
    innovations (and OPDs with at least one) are listed: the others do not move the IID. Columns:
    id (opd_id or innovation_id), name, opd_id (innovation), n_removed, sid_points, iid_without,
    delta (iid_without − iid), predicate_without, predicate_changes. Sorted by delta ascending
    (who carries the city first), ties by id.
    """
    if by not in ("opd", "innovation"):
        raise ValueError(f"by harus 'opd' atau 'innovation', ditemukan {by!r} / by must be opd or innovation")
    m: Methodology = result.methodology
    pts = result.points
    sid = pts[pts["aspect"] == "SID"]
    per_inn = sid.groupby(sid["innovation_id"].astype("string"), sort=True).agg(
        sid_points=("points", "sum"), opd_id=("opd_id", "first"))
    inn_names, opd_names = _names(result)
    if by == "innovation":
        frame = per_inn.reset_index().rename(columns={"innovation_id": "id"})
        frame["n_removed"] = 1
        frame["name"] = [inn_names.get(str(i), "") for i in frame["id"]]
    else:
        grp = per_inn.reset_index().assign(opd_id=lambda d: d["opd_id"].astype("string"))
        frame = grp.groupby("opd_id", sort=True).agg(sid_points=("sid_points", "sum"),
                                                     n_removed=("innovation_id", "size")).reset_index()
        frame = frame.rename(columns={"opd_id": "id"})
        frame["name"] = [opd_names.get(str(i), "") for i in frame["id"]]
    from iid_analysis.scoring.compute import frame_terms, totals_from_points

    S = float(sid["points"].sum())
    n_left = result.n - frame["n_removed"].to_numpy("int64")
    s = frame["sid_points"].to_numpy("float64")
    div, cs = frame_terms(m, n_left)
    iid_wo = totals_from_points(float(result.spd), S - s, div, cs, float(result.max_total))["iid"]
    frame["iid_without"] = iid_wo
    frame["delta"] = np.round(iid_wo - float(result.iid), 2)
    frame["predicate_without"] = pd.array(m.predicates_of(iid_wo), dtype="string")
    frame["predicate_changes"] = frame["predicate_without"] != result.predicate
    cols = ["id", "name"] + (["opd_id"] if by == "innovation" else []) + [
        "n_removed", "sid_points", "iid_without", "delta", "predicate_without", "predicate_changes"]
    frame["id"] = frame["id"].astype("string")
    frame = frame.sort_values(["delta", "id"], kind="stable")[cols].reset_index(drop=True)
    frame["n_removed"] = frame["n_removed"].astype("int64")
    frame["predicate_changes"] = frame["predicate_changes"].astype(bool)
    return frame


# ============================================================================ results.json
def results_fields(result: IndexResult, robustness: Robustness | None, k: int = 10) -> dict:
    """The ``results.json`` keys this module owns: ``predicate_probabilities`` and ``top_gaps``."""
    if robustness is None:
        probs = {p: (1.0 if p == result.predicate else 0.0) for p in PREDICATES}
    else:
        probs = {p: float(robustness.predicate_probabilities.get(p, 0.0)) for p in PREDICATES}
    return {"predicate_probabilities": probs, "top_gaps": top_gaps(result, k=k)}
