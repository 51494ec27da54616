"""The documents each OPD must complete: the innovations the desk review sent back (lengkapi)
with their to-do items, per OPD."""

from __future__ import annotations

import numpy as np
import pandas as pd

from iid_analysis.text.fmt import is_missing as _missing


def todo_by_opd(review) -> pd.DataFrame:
    """Innovations to complete (decision ``lengkapi``): opd_id, opd_name, innovation_id, name, todo
    (list of items). Sorted by OPD name, OPD code, innovation name, innovation code."""
    inv = review.innovations
    sel = inv[inv["decision"].astype("string") == "lengkapi"]
    df = pd.DataFrame({
        "opd_id": sel["opd_id"].astype("string").fillna("").to_numpy(),
        "opd_name": (sel["opd_name"].astype("string") if "opd_name" in sel.columns
                     else pd.Series(pd.NA, index=sel.index, dtype="string")).fillna("").to_numpy(),
        "innovation_id": sel["innovation_id"].astype("string").fillna("").to_numpy(),
        "name": sel["name"].astype("string").fillna("").to_numpy(),
        "todo": [[t.strip() for t in str(x).split(";") if t.strip()] if not _missing(x) else []
                 for x in sel["todo"]],
    })
    df["opd_name"] = np.where(df["opd_name"].str.strip() != "", df["opd_name"], df["opd_id"])
    return df.sort_values(["opd_name", "opd_id", "name", "innovation_id"], kind="mergesort",
                          ignore_index=True)
