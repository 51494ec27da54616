"""Columns: reading the review's tables tolerantly (a missing column reads as empty) and writing
the result tables' text columns as pandas ``string`` arrays."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["as_bool", "column", "levels_of", "text_array", "text_take"]


def column(df: pd.DataFrame, name: str) -> pd.Series:
    """``df[name]``, or an all-missing string column when the table has no such column."""
    if name in df.columns:
        return df[name]
    return pd.Series(pd.NA, index=df.index, dtype="string")


def as_bool(s: pd.Series) -> np.ndarray:
    """A boolean column as a numpy array; missing values are False."""
    if s.dtype == bool:
        return s.to_numpy()
    return s.astype("boolean").fillna(False).to_numpy(dtype=bool)


def levels_of(s: pd.Series) -> np.ndarray:
    """Levels as float64; anything not a number is NaN."""
    return pd.to_numeric(s, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def text_array(values) -> pd.arrays.StringArray:
    return pd.array(values, dtype="string")


def text_take(values, positions: np.ndarray) -> pd.arrays.StringArray:
    """``text_array(values[positions])`` for a few distinct ``values`` repeated over many rows: the
    values are checked once, then taken."""
    return text_array(np.asarray(values, dtype=object)).take(np.asarray(positions, dtype=np.intp))
