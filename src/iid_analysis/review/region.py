"""The optional ``region`` table (the region the data are about) and the rows of the other
editions, as the desk review accounts for them.

:func:`region_rules`: the first row with a name is used (:attr:`Dataset.region`); every later
row gets a ``region_extra`` finding (a row without a name already has the loader's ``required``
finding). :func:`set_aside_rows`: the input rows of other editions (innovations, their answers,
SPD answers), listed so that every input row is accounted for.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iid_analysis.io.schema import ROW
from iid_analysis.review.distinct import as_text, is_blank
from iid_analysis.review.events import Events
from iid_analysis.review.model import SET_ASIDE_COLUMNS
from iid_analysis.review.rules import emit


def region_rules(ev: Events, region: pd.DataFrame) -> pd.DataFrame:
    """The region table with ``used`` (the row the region is taken from); ``region_extra`` for
    every other row that has a name."""
    r = region.copy()
    n = len(r)
    named = ~is_blank(r["name"]).to_numpy(bool) if n else np.zeros(0, bool)
    used = np.zeros(n, bool)
    if named.any():
        first = int(np.flatnonzero(named)[0])
        used[first] = True
        r["_i"], r["_fid"], r["_fopd"] = -1, "", ""
        extra = named & ~used
        emit(ev, r, extra, "region", "region_extra", value=r["name"],
             first_row=str(r[ROW].iloc[first]), name=as_text(r["name"]).iloc[first].strip())
    out = pd.DataFrame({ROW: r[ROW].to_numpy() if n else pd.array([], dtype="Int64"),
                        "name": r["name"].to_numpy() if n else [], "used": used})
    return out


def set_aside_rows(inv_all: pd.DataFrame, year_ok: np.ndarray, ans_all: pd.DataFrame,
                   aside: np.ndarray, edition_of_answer: np.ndarray | None,
                   reg_all: pd.DataFrame, year: int) -> pd.DataFrame:
    """The input rows of other editions: ``table``, ``_row``, ``year``."""
    other_inv = inv_all["year"].notna().to_numpy(bool) & ~year_ok
    reg_other = (reg_all["year"].notna() & (reg_all["year"] != year)).fillna(False).to_numpy(bool)
    parts = [
        ("innovations", inv_all[ROW].to_numpy()[other_inv], inv_all["year"].to_numpy()[other_inv]),
        ("innovation_indicators", ans_all[ROW].to_numpy()[aside],
         edition_of_answer[aside] if edition_of_answer is not None else np.full(int(aside.sum()), pd.NA)),
        ("region_indicators", reg_all[ROW].to_numpy()[reg_other], reg_all["year"].to_numpy()[reg_other]),
    ]
    frames = [
        pd.DataFrame({"table": t, ROW: pd.array(rows, dtype="Int64"), "year": pd.array(years, dtype="Int64")})
        for t, rows, years in parts if len(rows)
    ]
    if not frames:
        return pd.DataFrame({"table": pd.Series([], dtype="string"), ROW: pd.array([], dtype="Int64"),
                             "year": pd.array([], dtype="Int64")})[list(SET_ASIDE_COLUMNS)]
    out = pd.concat(frames, ignore_index=True)
    out["table"] = out["table"].astype("string")
    return out[list(SET_ASIDE_COLUMNS)]
