"""Which edition each SID answer belongs to, when an innovation id is entered in several editions
(a re-entry keeps its id).

The answers table names the innovation, not the edition. An answer belongs to:

* the edition in its own ``year`` cell, when given;
* else the one edition its innovation id was entered in;
* else (the id entered in several editions, no ``year``) by order: per innovation and
  indicator, the first answer to the earliest edition, the second to the next, and so on (the
  extra ones to the latest). Appending a later edition's rows therefore never moves an earlier
  edition's answers; a ``year`` column makes it exact.

An answer whose id no edition has (every row of that id without a usable year) belongs to none
(−1), as does an answer whose id is not in the data at all.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iid_analysis.review.distinct import keyed, lookup

#: No edition.
NONE = -1


def answer_editions(ans_all: pd.DataFrame, a_codes: np.ndarray, a_keys: np.ndarray,
                    inv_all: pd.DataFrame, all_ids: pd.Series) -> np.ndarray:
    """The edition (int64 year, :data:`NONE` for none) of every row of ``ans_all``.

    ``a_codes`` / ``a_keys``: ``ans_all["innovation_id"]`` keyed (code per row, −1 for <NA>;
    the distinct keys); ``all_ids``: the id key of every row of ``inv_all``."""
    n = len(ans_all)
    out = np.full(n, NONE, dtype="int64")
    if not n:
        return out
    years = inv_all["year"]
    ok = all_ids.notna().to_numpy(bool) & years.notna().to_numpy(bool)
    pairs = pd.DataFrame(
        {"id": all_ids[ok].to_numpy(object), "year": years[ok].to_numpy("int64")}
    ).drop_duplicates()
    per_id = pairs["id"].value_counts()
    n_of = pairs["id"].map(per_id).to_numpy("int64")
    single = pairs.loc[n_of == 1]
    # per distinct key: its only edition, or NONE (none or several)
    found = pd.Index(single["id"].to_numpy(object)).get_indexer(a_keys)
    single_u = lookup(single["year"].to_numpy("int64"), found, NONE)  # + NONE for <NA>
    take = np.where(a_codes < 0, len(a_keys), a_codes)
    out[:] = single_u[take]

    own = (ans_all["year"].astype("Float64").to_numpy("float64", na_value=np.nan)
           if "year" in ans_all else np.full(n, np.nan))
    has_own = ~np.isnan(own) & (a_codes >= 0)
    out[has_own] = own[has_own].astype("int64")

    multi = pairs.loc[n_of > 1].sort_values(["id", "year"], kind="stable")
    if not len(multi):
        return out
    multi_ids = pd.Index(pd.unique(multi["id"].to_numpy(object)))
    m_of_key = np.append(multi_ids.get_indexer(a_keys), -1)  # distinct key → multi position
    by_order = (m_of_key[take] >= 0) & ~has_own
    if by_order.any():
        sel = np.flatnonzero(by_order)
        ind = keyed(ans_all["indicator_id"].iloc[sel].reset_index(drop=True), upper=True)[1]
        nth = (
            pd.DataFrame({"k": a_codes[sel], "i": ind})
            .groupby(["k", "i"], sort=False, dropna=False)
            .cumcount()
            .to_numpy("int64")
        )
        pos = multi_ids.get_indexer(multi["id"].to_numpy(object))
        count = np.bincount(pos, minlength=len(multi_ids))
        rank = np.arange(len(multi)) - np.r_[0, np.cumsum(count)[:-1]][pos]
        mat = np.full((len(multi_ids), int(count.max())), NONE, dtype="int64")  # key → its editions
        mat[pos, rank] = multi["year"].to_numpy("int64")
        m = m_of_key[take[sel]]
        out[sel] = mat[m, np.minimum(nth, count[m] - 1)]
    return out
