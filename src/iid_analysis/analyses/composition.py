"""What was entered: by kind, form, initiator and government affair; affairs nobody covers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from iid_analysis.analyses.funnel import step_flags
from iid_analysis.analyses.units import clean_text
from iid_analysis.io.schema import ENUMS
from iid_analysis.methodology.affairs import AFFAIR_GROUPS, affair_key
from iid_analysis.scoring.affairs import canonical_affairs

if TYPE_CHECKING:  # pragma: no cover - typing only; keeps the import light
    from iid_analysis.review.model import Review

__all__ = ["OBLIGATORY_GROUPS", "composition", "missing_affairs", "obligatory_affairs"]

#: The groups of the official list of government affairs (``Methodology.affair_groups``, UU 23/2014)
#: whose affairs :func:`missing_affairs` checks: the obligatory (wajib) affairs, basic services
#: and the others. The list itself lives in the methodology data (base.toml ``[affairs]``).
OBLIGATORY_GROUPS: tuple[str, ...] = AFFAIR_GROUPS[:2]

_MISSING_LABEL = "(tidak diisi)"


def _affair_keys(raw: pd.Series, meth) -> tuple[pd.Series, pd.Series]:
    """Group key and canonical name of each affair text: the official name when the text is a
    known affair or alias (normalised by scoring's one rule), else the folded text itself."""
    canon = canonical_affairs(raw, meth.affairs)
    folded = raw.map(affair_key, na_action="ignore").astype("string").fillna("")
    key = ("=" + canon).fillna("?" + folded).where(folded != "", "")
    return key, canon


def _enum_counts(values: pd.Series, eligible: pd.Series, enum: str) -> pd.DataFrame:
    codes = clean_text(values)
    known = list(ENUMS[enum])
    total = len(codes)
    rows = []
    for code in known:
        sel = codes == code
        rows.append((code, ENUMS[enum][code], int(sel.sum()), int((sel & eligible).sum())))
    other = ~codes.isin(known)
    if other.any():
        rows.append(("", _MISSING_LABEL, int(other.sum()), int((other & eligible).sum())))
    return _composition_frame(rows, total)


def _composition_frame(rows: list[tuple[str, str, int, int]], total: int) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["code", "label", "count", "eligible"])
    df["code"] = df["code"].astype("string")
    df["label"] = df["label"].astype("string")
    df["count"] = df["count"].astype("int64")
    df["eligible"] = df["eligible"].astype("int64")
    df["share"] = (df["count"] / total).astype("float64") if total else np.nan
    return df[["code", "label", "count", "share", "eligible"]]


def composition(review: Review) -> dict[str, pd.DataFrame]:
    """What was entered, by ``kind`` (digital / non digital), ``form``, ``initiator`` and ``affair``.

    Each frame: code, label (Indonesian), count (entered), share (of entered; NaN when nothing was
    entered), eligible (count among eligible). Enumerations list every code in ``schema.ENUMS``
    order (zeros included), then one "(tidak diisi)" row when some value is empty or unknown.
    ``affair`` is free text: a known affair (official name or alias, normalised with the
    methodology's list as :func:`missing_affairs` matches) is one group with code and label its
    official name; any other text is grouped ignoring case, punctuation and spacing (code: the
    folded text) and labelled with its most frequent spelling (ties: alphabetical). Sorted by count
    descending then label; empty → "(tidak diisi)" last.
    """
    inn = review.innovations
    elig = step_flags(review)["eligible"]

    def col(name: str) -> pd.Series:
        return inn[name] if name in inn.columns else pd.Series(pd.NA, index=inn.index, dtype="string")

    out = {
        "kind": _enum_counts(col("kind"), elig, "innovation_kind"),
        "form": _enum_counts(col("form"), elig, "form"),
        "initiator": _enum_counts(col("initiator"), elig, "initiator"),
    }
    raw = clean_text(col("affair")).str.replace(r"\s+", " ", regex=True)
    key, canon = _affair_keys(raw, review.methodology)
    df = pd.DataFrame({"key": key, "raw": canon.fillna(raw), "eligible": elig})
    filled = df[df["key"] != ""]
    rows = []
    if len(filled):
        spell = (
            filled.groupby(["key", "raw"]).size().rename("n").reset_index()
            .sort_values(["key", "n", "raw"], ascending=[True, False, True], kind="mergesort")
            .drop_duplicates("key")
            .set_index("key")["raw"]
        )
        agg = filled.groupby("key").agg(count=("raw", "size"), eligible=("eligible", "sum"))
        agg["label"] = spell.reindex(agg.index)
        agg = agg.reset_index().sort_values(
            ["count", "label", "key"], ascending=[False, True, True], kind="mergesort"
        )
        rows = [(r.key[1:], r.label, int(r.count), int(r.eligible)) for r in agg.itertuples()]
    empty = df["key"] == ""
    if empty.any():
        rows.append(("", _MISSING_LABEL, int(empty.sum()), int((empty & df["eligible"]).sum())))
    out["affair"] = _composition_frame(rows, len(inn))
    return out


def obligatory_affairs(meth) -> list[str]:
    """The obligatory (wajib) affairs of the methodology's official list, in its order."""
    groups = meth.affair_groups
    return [a for a in meth.affairs if groups.get(a) in OBLIGATORY_GROUPS]


def missing_affairs(review: Review, affairs: tuple[str, ...] | list[str] | None = None) -> list[str]:
    """The affairs of ``affairs`` (in their order; default: the obligatory affairs of the
    methodology's official list, :func:`obligatory_affairs`) that no innovation of the edition
    names as its main affair.

    Both sides are normalised with the methodology's list (official names and aliases, ignoring
    case, punctuation, spacing and "&" vs "dan"): "kesehatan" and "KESEHATAN" name "Kesehatan";
    "Kesehatan Hewan" does not. Every entered innovation counts, eligible or not.
    """
    meth = review.methodology
    wanted = obligatory_affairs(meth) if affairs is None else [str(a) for a in affairs]
    inn = review.innovations
    seen = set(canonical_affairs(inn["affair"], meth.affairs).dropna()) if "affair" in inn.columns else set()
    target = canonical_affairs(pd.Series(wanted, dtype="string"), meth.affairs)
    return [a for a, c in zip(wanted, target, strict=True) if pd.isna(c) or c not in seen]
