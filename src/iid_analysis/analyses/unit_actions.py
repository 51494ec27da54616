"""What a work unit (OPD) itself can do, one row per scored innovation and SID indicator (and
per profile to-do): what is missing, what the unit does (upload the document to the national system, the
aplikasi IID, and ask Bappeda to check it), the evidence that counts for that indicator and level
(the methodology's ``evidence`` / ``evidence_levels`` texts) and the IID points it is worth.

The gains are the exact gains of :func:`~iid_analysis.analyses.gaps.gaps` (one action alone,
unrounded IID points): nothing is recomputed here. Of the actions on one answer (fix the
evidence, raise the level — the raise already includes the fix) the row keeps the one doable before
the deadline with the largest gain, else the largest; ``later`` names the larger step left for the
next edition and its worth. SPD answers belong to the region, not to a
unit, and are left out. The profile to-dos of innovations sent back (decision ``lengkapi``) are
listed too; they carry no gain (``gain`` NaN): such an innovation is already scored, so completing
its profile moves no point — it keeps the innovation from being turned down at verification
(``gain_note`` says so).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from iid_analysis.analyses.units import clean_text
from iid_analysis.review.rules import rule
from iid_analysis.review.tables import column_label
from iid_analysis.text import fmt

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.review.model import Review
    from iid_analysis.scoring.result import IndexResult

__all__ = ["ACTION_COLUMNS", "MISSING", "UNIT_ACTIONS", "PROFILE_GAIN_NOTE", "later_text", "unit_actions"]

ACTION_COLUMNS: tuple[str, ...] = (
    "opd_id", "innovation_id", "innovation_name", "indicator_id", "indicator_name", "level",
    "target_level", "kind", "gap_action", "missing", "action", "evidence", "gain", "gain_note",
    "effort", "before_deadline", "later",
)

#: The national system, as every action names it.
SYSTEM = "sistem nasional (aplikasi IID)"
#: What is missing, by (gap action, evidence status).
MISSING: dict[tuple[str, str], str] = {
    ("validate_evidence", "pending"): "dokumen belum diperiksa",
    ("fix_evidence", "missing"): "bukti dukung masih kosong",
    ("fix_evidence", "invalid"): "bukti dukung tidak valid",
}
#: What the unit does, by (gap action, evidence status).
UNIT_ACTIONS: dict[tuple[str, str], str] = {
    ("validate_evidence", "pending"): (f"Cocokkan dokumen yang sudah diunggah ke {SYSTEM} dengan "
                                       "ketentuan, lalu minta Bappeda memeriksanya"),
    ("fix_evidence", "missing"): f"Unggah dokumen ke {SYSTEM}, lalu minta Bappeda memeriksanya",
    ("fix_evidence", "invalid"): (f"Ganti dokumen yang tidak valid di {SYSTEM} dengan dokumen yang "
                                  "sesuai, lalu minta Bappeda memeriksanya"),
}
RAISE_ACTION = ("Capai tingkat 3 ({top}), unggah dokumennya ke " + SYSTEM
                + ", lalu minta Bappeda memeriksanya")
PROFILE_ACTION = f"Lengkapi isian profil inovasi di {SYSTEM}, lalu minta Bappeda memeriksanya"
PROFILE_GAIN_NOTE = ("Tidak menambah poin IID secara langsung: inovasi ini sudah dihitung; profil "
                     "yang lengkap menjaga agar inovasi tidak ditolak saat verifikasi.")
#: Review rules of the innovation table that are profile to-dos (not eligibility).
PROFILE_RULES: tuple[str, ...] = ("profile_empty", "profile_short", "design_short",
                                  "profile_field_missing", "coordinate_range", "affair_unknown")


def _missing_raise(level: int) -> str:
    return "indikator belum diisi" if level == 0 else f"baru tingkat {level} dari 3"


def _lower_label(message: str, column: str) -> str:
    """The finding's message with its leading field label in lower case ("rancang bangun masih
    kosong")."""
    label = column_label("innovations", column) if column else ""
    if label and message.lower().startswith(label.lower()):
        return label.lower() + message[len(label):]
    return message[:1].lower() + message[1:]


def later_text(to_level: int, gain: float) -> str:
    """"Kenaikan ke tingkat 3 bernilai +0,28 poin, untuk edisi berikutnya"."""
    return f"Kenaikan ke tingkat {int(to_level)} bernilai +{fmt.num(gain)} poin, untuk edisi berikutnya"


def _one_per_answer(g: pd.DataFrame) -> pd.DataFrame:
    """One action per (innovation, indicator): the doable one with the largest gain, else the
    largest; ``later`` names a larger step that is not doable before the deadline."""
    key = g.assign(_now=g["before_deadline"].astype(bool), _g=-g["gain"].round(12),
                   _inn=g["innovation_id"].astype(str), _ind=g["indicator_id"].astype(str))
    ans = ["_inn", "_ind"]
    top = key.sort_values([*ans, "_g", "effort"], kind="mergesort").drop_duplicates(ans)
    pick = key.sort_values([*ans, "_now", "_g", "effort"], ascending=[True, True, False, True, True],
                           kind="mergesort").drop_duplicates(ans)
    best = top.set_index(ans)
    later = []
    for inn, ind, gain in zip(pick["_inn"], pick["_ind"], pick["gain"], strict=True):
        b = best.loc[(inn, ind)]
        bigger = float(b["gain"]) > float(gain) + 1e-12 and not bool(b["before_deadline"])
        later.append(later_text(int(b["to_level"]), float(b["gain"])) if bigger else "")
    out = pick.drop(columns=["_now", "_g", "_inn", "_ind"]).reset_index(drop=True)
    out["later"] = later
    return out


def _gap_rows(result: IndexResult, gaps_df: pd.DataFrame) -> pd.DataFrame:
    m = result.methodology
    g = gaps_df[(gaps_df["aspect"].astype("string") == "SID") & gaps_df["innovation_id"].notna()]
    g = _one_per_answer(g.reset_index(drop=True)) if len(g) else g.assign(later="").reset_index(drop=True)
    inds = {i.id: i for i in m.indicators}
    action, status = g["action"].astype(str).to_numpy(), g["from_status"].astype(str).to_numpy()
    frm, to = g["from_level"].to_numpy("int64"), g["to_level"].to_numpy("int64")
    ind_id = g["indicator_id"].astype(str).to_numpy()
    missing, what, evidence = [], [], []
    for a, s, lv, tl, i in zip(action, status, frm, to, ind_id, strict=True):
        ind = inds.get(i)
        if a == "raise_level":
            missing.append(_missing_raise(int(lv)))
            what.append(RAISE_ACTION.format(top=ind.levels[2] if ind is not None else "tingkat 3"))
        else:
            key = (a, s if (a, s) in MISSING else ("missing" if a == "fix_evidence" else "pending"))
            missing.append(MISSING[key])
            what.append(UNIT_ACTIONS[key])
        evidence.append(ind.evidence_for(int(tl)) if ind is not None else "")
    return pd.DataFrame({
        "opd_id": clean_text(g["opd_id"]).to_numpy(),
        "innovation_id": clean_text(g["innovation_id"]).to_numpy(),
        "innovation_name": clean_text(g["innovation_name"]).to_numpy(),
        "indicator_id": ind_id,
        "indicator_name": clean_text(g["name"]).to_numpy(),
        "level": pd.array(frm, dtype="Int64"),
        "target_level": pd.array(to, dtype="Int64"),
        "kind": g["kind"].astype(str).to_numpy(),
        "gap_action": action,
        "missing": missing,
        "action": what,
        "evidence": evidence,
        "gain": g["gain"].to_numpy("float64"),
        "gain_note": "",
        "effort": g["effort"].to_numpy("int64"),
        "before_deadline": g["before_deadline"].to_numpy(bool),
        "later": g["later"].astype(str).to_numpy(),
    })


def _profile_rows(review: Review) -> pd.DataFrame:
    inv = review.innovations
    back = inv[clean_text(inv["decision"]) == "lengkapi"]
    f = review.findings
    cols = list(ACTION_COLUMNS)
    if back.empty or f.empty:
        return pd.DataFrame(columns=cols)
    f = f[(f["table"].astype("string") == "innovations") & f["rule"].astype("string").isin(PROFILE_RULES)
          & clean_text(f["innovation_id"]).isin(set(clean_text(back["innovation_id"])))]
    f = f[[rule("innovations", str(r)).kind == "gap" for r in f["rule"]]] if len(f) else f
    if f.empty:
        return pd.DataFrame(columns=cols)
    names = dict(zip(clean_text(back["innovation_id"]), clean_text(back["name"]), strict=False))
    opd = dict(zip(clean_text(back["innovation_id"]), clean_text(back["opd_id"]), strict=False))
    inn = clean_text(f["innovation_id"]).to_numpy()
    msg = clean_text(f["message"]).to_numpy()
    col = f["column"].astype("string").fillna("").to_numpy()
    n = len(f)
    return pd.DataFrame({
        "opd_id": [opd.get(i, "") for i in inn],
        "innovation_id": inn,
        "innovation_name": [names.get(i, "") for i in inn],
        "indicator_id": "",
        "indicator_name": [("Profil: " + column_label("innovations", c)) if c else "Profil" for c in col],
        "level": pd.array([pd.NA] * n, dtype="Int64"),
        "target_level": pd.array([pd.NA] * n, dtype="Int64"),
        "kind": "profile",
        "gap_action": "complete_profile",
        "missing": [_lower_label(m, c) for m, c in zip(msg, col, strict=True)],
        "action": PROFILE_ACTION,
        "evidence": clean_text(f["expected"]).to_numpy(),
        "gain": np.full(n, np.nan),
        "gain_note": PROFILE_GAIN_NOTE,
        "effort": np.full(n, 1, dtype="int64"),
        "before_deadline": np.ones(n, dtype=bool),
        "later": "",
    })


def unit_actions(review: Review, result: IndexResult, gaps_df: pd.DataFrame) -> pd.DataFrame:
    """One row per thing a unit can do (columns :data:`ACTION_COLUMNS`), from ``gaps_df`` (the
    edition's :func:`~iid_analysis.analyses.gaps.gaps`) and the review's profile findings.

    ``level`` is the level claimed, ``target_level`` the level the action reaches (<NA> for a
    profile to-do); ``kind`` evidence / level / profile; ``gap_action`` the gaps action code
    (``complete_profile`` for a profile to-do); ``missing`` and ``action`` Indonesian;
    ``evidence`` what counts for that indicator and target level (for a profile to-do: what the
    review expects); ``gain`` IID points (unrounded, exact; NaN for a profile to-do, see
    ``gain_note``); ``before_deadline`` whether it can be done before the input closes;
    ``later`` the larger step on the same answer left for the next edition ("" if none). One row
    per (innovation, indicator) for the SID answers.
    Sorted by opd_id, gain (largest first, NaN last), innovation_id, indicator_id, effort."""
    parts = [p for p in (_gap_rows(result, gaps_df), _profile_rows(review)) if len(p)]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in ACTION_COLUMNS})
    df = pd.concat(parts, ignore_index=True)
    key = df.assign(_g=-df["gain"].round(12).fillna(-np.inf))
    key = key.sort_values(["opd_id", "_g", "innovation_id", "indicator_id", "effort", "missing"],
                          kind="mergesort", na_position="last")
    out = key[list(ACTION_COLUMNS)].reset_index(drop=True)
    for c in ("level", "target_level"):
        out[c] = out[c].astype("Int64")
    out["before_deadline"] = out["before_deadline"].astype(bool)
    return out
