"""Whom to coach: the coaching map (peta pembinaan), its groups, the OPD × indicator heatmap and the
SID indicators where technical guidance (bimtek) lifts the score most.

The group labels, rules and actions (:data:`COACHING_GROUPS`, the rules of ``_group_texts``) are
columns of the coaching tables, so they are kept with the rules that assign the groups.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from iid_analysis.analyses.participation import opd_participation
from iid_analysis.analyses.units import (
    NO_OPD_LABEL,
    clean_text,
    fallback_names,
    opd_ids,
    opd_table,
    sort_by_opd,
)
from iid_analysis.text import fmt

if TYPE_CHECKING:  # pragma: no cover - typing only; keeps the import light
    from iid_analysis.methodology.model import Methodology
    from iid_analysis.review.model import Review
    from iid_analysis.scoring.result import IndexResult

__all__ = [
    "COACHING_GROUPS",
    "MATURITY_THRESHOLD_SHARE",
    "bimtek_priorities",
    "coaching_groups",
    "coaching_map",
    "indicator_heatmap",
    "maturity_threshold",
    "missed_heatmap",
]

#: The project's own maturity band for the coaching map: an OPD is "mature" when the mean maturity
#: (skor kematangan, Σ valid SID points per innovation) of its scored innovations reaches this
#: share of the maximum per innovation (111 in the 2023 frame → 55,5). There is no official maturity
#: band (iid-reference §2); half the maximum is a plain, explainable line: an innovation at or above
#: it proves, on average, level 1.5 of 3 on every indicator. Published example for scale: Kab. Tegal
#: averaged 52,04 in 2023 (just below) and 79,69 in 2024 (well above).
MATURITY_THRESHOLD_SHARE: float = 0.5

#: Coaching groups in order (from least to most ready): code → Indonesian label and action.
#: The rule texts depend on the maturity threshold and are built by :func:`_group_texts`.
COACHING_GROUPS: dict[str, dict[str, str]] = {
    "tidak_ikut": {
        "label": "Belum ikut serta",
        "action": (
            "Datangi dan dampingi OPD. Jelaskan apa yang dihitung sebagai inovasi daerah "
            "(Peraturan Pemerintah Nomor 38 Tahun 2017; tidak harus digital), bantu mengenali satu "
            "pembaruan yang sudah diterapkan, dan minta minimal satu inovasi pada edisi berikutnya."
        ),
    },
    "tidak_memenuhi": {
        "label": "Ikut, belum memenuhi syarat",
        "action": (
            "Jelaskan syarat kelayakan (diterapkan dalam periode penilaian, tahap penerapan, "
            "belum pernah diikutkan, dimasukkan tepat waktu); arahkan inovasi tahap inisiatif atau "
            "uji coba ke edisi berikutnya dan catat tanggal penerapannya."
        ),
    },
    "bukti_belum_lengkap": {
        "label": "Memenuhi syarat, bukti belum lengkap",
        "action": (
            "Adakan bimtek penyusunan bukti dukung per indikator SID dan tindak lanjuti daftar "
            "'yang harus dilengkapi' dari telaah meja sebelum batas akhir pengisian."
        ),
    },
    "matang": {
        "label": "Matang",
        "action": (
            "Pertahankan dan kembangkan inovasinya. Dorong replikasi, video kualitas inovasi, dan "
            "evaluasi eksternal; usulkan inovasinya sebagai calon unggulan untuk presentasi dan "
            "libatkan OPD ini sebagai mentor bagi OPD lain."
        ),
    },
}


def maturity_threshold(methodology: Methodology) -> float:
    """The project's maturity line: :data:`MATURITY_THRESHOLD_SHARE` × the maximum per innovation."""
    return float(MATURITY_THRESHOLD_SHARE * methodology.max_sid_per_innovation)


def _group_texts(threshold: float | None, max_maturity: float | None) -> dict[str, str]:
    """The rule of each coaching group in Indonesian words."""
    if threshold is None or max_maturity is None:
        line = "ambang kematangan proyek"
    else:
        line = (
            f"{fmt.num(threshold)} (separuh dari maksimum {fmt.num(max_maturity)} per inovasi; "
            "ambang proyek ini, bukan ketentuan resmi)"
        )
    return {
        "tidak_ikut": "Tidak memasukkan satu inovasi pun pada edisi ini.",
        "tidak_memenuhi": "Memasukkan inovasi, tetapi tidak satu pun memenuhi syarat.",
        "bukti_belum_lengkap": (
            "Ada inovasi yang memenuhi syarat, tetapi belum ada yang berstatus lanjut atau "
            f"rata-rata skor kematangannya di bawah {line}."
        ),
        "matang": (
            f"Minimal satu inovasi berstatus lanjut dan rata-rata skor kematangan minimal {line}."
        ),
    }


def coaching_map(review: Review, result: IndexResult) -> pd.DataFrame:
    """Every OPD active in the edition in exactly one coaching group (peta pembinaan).

    Rules, checked in this order (threshold = :func:`maturity_threshold` of ``result.methodology``,
    the project's own line, not an official band):

    * ``tidak_ikut`` — entered nothing;
    * ``tidak_memenuhi`` — entered, none eligible;
    * ``matang`` — at least one ``lanjut`` and mean maturity of its scored (eligible) innovations
      ≥ threshold;
    * ``bukti_belum_lengkap`` — every other unit: eligible ones, but no ``lanjut`` or mean maturity
      below the threshold (or unknown).

    Columns: opd_id, name, entered, eligible, lanjut, scored, mean_maturity, threshold, group,
    group_label, rule, action. Sorted by name, then opd_id.
    """
    m = result.methodology
    thr = maturity_threshold(m)
    texts = _group_texts(thr, float(m.max_sid_per_innovation))
    t = opd_participation(review, result)
    mature = (t["lanjut"] >= 1) & (t["mean_maturity"].fillna(-np.inf) >= thr)
    group = np.select(
        [t["entered"] == 0, t["eligible"] == 0, mature],
        ["tidak_ikut", "tidak_memenuhi", "matang"],
        default="bukti_belum_lengkap",
    )
    out = t[["opd_id", "name", "entered", "eligible", "lanjut", "scored", "mean_maturity"]].copy()
    out["threshold"] = thr
    out["group"] = pd.array(group, dtype="string")
    out["group_label"] = pd.array([COACHING_GROUPS[g]["label"] for g in group], dtype="string")
    out["rule"] = pd.array([texts[g] for g in group], dtype="string")
    out["action"] = pd.array([COACHING_GROUPS[g]["action"] for g in group], dtype="string")
    return out.reset_index(drop=True)


def coaching_groups(map_df: pd.DataFrame) -> pd.DataFrame:
    """Counts per coaching group, every group listed in order (zeros included).

    Columns: group, label, count, share (of active OPDs; NaN when none), rule, action.
    """
    if len(map_df) and "threshold" in map_df.columns:
        thr = float(map_df["threshold"].iloc[0])
        texts = _group_texts(thr, thr / MATURITY_THRESHOLD_SHARE)
    else:
        texts = _group_texts(None, None)
    counts = map_df["group"].value_counts() if len(map_df) else pd.Series(dtype="int64")
    groups = list(COACHING_GROUPS)
    n = np.array([int(counts.get(g, 0)) for g in groups], dtype="int64")
    total = int(n.sum())
    return pd.DataFrame(
        {
            "group": pd.array(groups, dtype="string"),
            "label": pd.array([COACHING_GROUPS[g]["label"] for g in groups], dtype="string"),
            "count": n,
            "share": n / total if total else np.full(len(groups), np.nan),
            "rule": pd.array([texts[g] for g in groups], dtype="string"),
            "action": pd.array([COACHING_GROUPS[g]["action"] for g in groups], dtype="string"),
        }
    )


def _sid_points(result: IndexResult) -> pd.DataFrame:
    p = result.points
    sid = p[clean_text(p["aspect"]) == "SID"]
    return pd.DataFrame(
        {
            "opd_id": opd_ids(sid),
            "innovation_id": clean_text(sid["innovation_id"]),
            "indicator_id": clean_text(sid["indicator_id"]),
            "level": pd.to_numeric(sid["level"], errors="coerce").astype("float64").fillna(0.0),
            "weight": pd.to_numeric(sid["weight"], errors="coerce").astype("float64"),
            "points": pd.to_numeric(sid["points"], errors="coerce").astype("float64").fillna(0.0),
            "max_points": pd.to_numeric(sid["max_points"], errors="coerce").astype("float64"),
        }
    )


def _unit_rows(result: IndexResult, sp: pd.DataFrame, opd_ids: list) -> pd.DataFrame:
    """The first columns of a unit × indicator frame: opd_id, name (the unit's name, else a
    fallback), n_scored (the unit's scored innovations in ``sp``)."""
    names = dict(zip(*(opd_table(result.review)[c] for c in ("opd_id", "name")), strict=True))
    fallback = fallback_names(result.review)
    n = sp.groupby("opd_id")["innovation_id"].nunique()
    return pd.DataFrame(
        {
            "opd_id": pd.array(opd_ids, dtype="string"),
            "name": pd.array(
                [names.get(i) or fallback.get(i) or (i or NO_OPD_LABEL) for i in opd_ids],
                dtype="string",
            ),
            "n_scored": n.reindex(opd_ids, fill_value=0).to_numpy(dtype="int64"),
        }
    )


def indicator_heatmap(result: IndexResult) -> pd.DataFrame:
    """OPD × SID indicator: the mean *claimed* level (0–3; 0 when not answered) over the OPD's
    scored innovations — where each unit stands before evidence is checked.

    Wide: opd_id, name, n_scored, then one column per SID indicator of the methodology (its
    order). Rows: OPDs with at least one scored innovation, sorted by name, then opd_id.
    """
    ids = [i.id for i in result.methodology.indicators_of("SID")]
    sp = _sid_points(result)
    wide = sp.pivot_table(index="opd_id", columns="indicator_id", values="level", aggfunc="mean")
    wide = wide.reindex(columns=ids)
    out = _unit_rows(result, sp, list(wide.index))
    for c in ids:
        out[c] = wide[c].to_numpy(dtype="float64") if len(wide) else np.array([], dtype="float64")
    return sort_by_opd(out)


def missed_heatmap(result: IndexResult) -> pd.DataFrame:
    """OPD × SID indicator: the SID points *missed* per scored innovation — the mean of
    (max_points − points) over the OPD's scored innovations — what bimtek can still recover.

    Wide like :func:`indicator_heatmap`: opd_id, name, n_scored, total (the mean points missed per
    innovation over all SID indicators: the sum of the indicator columns), then one column per SID
    indicator of the methodology (its order). Rows: OPDs with at least one scored innovation,
    sorted by name, then opd_id. An answer not given counts as fully missed (max_points, 0 points).
    """
    ids = [i.id for i in result.methodology.indicators_of("SID")]
    sp = _sid_points(result)
    sp = sp.assign(missed=(sp["max_points"] - sp["points"]).clip(lower=0.0))
    # missed per (OPD, indicator) summed over innovations, divided by the OPD's scored innovations:
    # an innovation without a row for an indicator would otherwise drop out of that mean
    summed = sp.pivot_table(index="opd_id", columns="indicator_id", values="missed", aggfunc="sum")
    summed = summed.reindex(columns=ids)
    out = _unit_rows(result, sp, list(summed.index))
    counts = out["n_scored"].to_numpy(dtype="float64")
    cols = {}
    for c in ids:
        col = summed[c].to_numpy(dtype="float64") if len(summed) else np.array([], dtype="float64")
        cols[c] = np.where(counts > 0, col / np.where(counts > 0, counts, 1.0), np.nan)
    out["total"] = np.nansum(np.vstack(list(cols.values())), axis=0) if cols and len(out) else 0.0
    for c in ids:
        out[c] = cols[c]
    out["total"] = out["total"].astype("float64")
    return sort_by_opd(out)


def bimtek_priorities(result: IndexResult) -> pd.DataFrame:
    """SID indicators ranked by where technical guidance (bimtek) lifts the score most.

    Over every scored innovation of the city: mean_level_claimed, mean_level_valid (points /
    weight: the level that counts after evidence), mean_shortfall = 3 − mean_level_valid, and
    lift = mean_shortfall × weight (the SID points per innovation still open on that indicator).
    Columns: indicator_id, name, weight, n_innovations, mean_level_claimed, mean_level_valid,
    mean_shortfall, lift, rank. Sorted by lift descending, then indicator_id. Empty when nothing
    was scored.
    """
    m = result.methodology
    inds = m.indicators_of("SID")
    sp = _sid_points(result)
    g = sp.groupby("indicator_id")
    n = g["innovation_id"].nunique()
    rows = []
    for i in inds:
        if i.id not in n.index:
            continue
        lvl = float(g.get_group(i.id)["level"].mean())
        pts = float(g.get_group(i.id)["points"].mean())
        valid = pts / float(i.weight)
        rows.append((i.id, i.name, float(i.weight), int(n[i.id]), lvl, valid, 3.0 - valid,
                     (3.0 - valid) * float(i.weight)))
    cols = ["indicator_id", "name", "weight", "n_innovations", "mean_level_claimed",
            "mean_level_valid", "mean_shortfall", "lift"]
    df = pd.DataFrame(rows, columns=cols)
    df = df.sort_values(["lift", "indicator_id"], ascending=[False, True], kind="mergesort")
    df = df.reset_index(drop=True)
    df["indicator_id"] = df["indicator_id"].astype("string")
    df["name"] = df["name"].astype("string")
    df["n_innovations"] = df["n_innovations"].astype("int64")
    for c in ("weight", "mean_level_claimed", "mean_level_valid", "mean_shortfall", "lift"):
        df[c] = df[c].astype("float64")
    df["rank"] = np.arange(1, len(df) + 1, dtype="int64")
    return df

