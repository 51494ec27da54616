"""String columns worked on once per distinct value.

Ids, codes, levels and dates repeat a great deal (400,000 answers carry a few thousand distinct
innovation ids), so the desk review does its string work on the distinct values and takes the
result back to every row with the codes of :func:`pandas.factorize`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def as_text(s: pd.Series) -> pd.Series:
    """Any series as ``string`` with missing → ``""``."""
    return s.astype("string").fillna("")


def as_objects(s: pd.Series) -> np.ndarray:
    """``as_text(s)`` as an object array of ``str`` (distinct values converted once)."""
    if isinstance(s.dtype, pd.StringDtype):
        return s.to_numpy(dtype=object, na_value="")
    if pd.api.types.is_integer_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        codes, uniques = pd.factorize(s)
        texts = as_text(pd.Series(uniques)).to_numpy(dtype=object)
        return np.append(texts, "")[codes]
    return as_text(s).to_numpy(dtype=object)


def first_rows(codes: np.ndarray) -> np.ndarray:
    """Row of the first occurrence of each code, for codes numbered in order of first appearance
    (as :func:`pandas.factorize` numbers them, no −1): where the running maximum grows."""
    if not len(codes):
        return np.zeros(0, dtype=np.intp)
    top = np.maximum.accumulate(codes)
    return np.flatnonzero(np.r_[True, top[1:] > top[:-1]])

def factorize(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``pandas.factorize`` of a series' values (−1 for missing; distinct values as an object
    array). A ``string`` series is factorised on its object values, without copying them."""
    values = s.to_numpy(dtype=object) if isinstance(s.dtype, pd.StringDtype) else s
    codes, uniq = pd.factorize(values)
    return np.asarray(codes, dtype=np.intp), np.asarray(uniq, dtype=object)


def map_values(s: pd.Series, mapping) -> pd.Series:
    """``s.map(mapping)`` looked up once per distinct value (missing where not found)."""
    codes, uniq = factorize(s)
    mapped = pd.Series(uniq, dtype=object).map(mapping)
    return pd.Series(mapped.array.take(codes, allow_fill=True), index=s.index)


def per_value(s: pd.Series, fn) -> np.ndarray:
    """``fn`` applied to the distinct values of ``s`` as a ``string`` series (missing included as
    <NA>), taken back to every row: elementwise string work done once per distinct value."""
    codes, uniq = factorize(s.astype("string"))
    u = pd.Series(pd.array(np.append(uniq, pd.NA), dtype="string"))
    res = fn(u)
    res = res.array if isinstance(res, pd.Series) else res
    return res.take(np.where(codes < 0, len(u) - 1, codes))


def is_blank(s: pd.Series) -> pd.Series:
    """True where a cell is empty (missing or only spaces)."""
    if pd.api.types.is_string_dtype(s.dtype) or s.dtype == object:
        codes, uniq = factorize(s.astype("string"))
        blank_u = np.array([v.strip() == "" for v in uniq] + [True], dtype=bool)
        return pd.Series(blank_u[codes], index=s.index, dtype=bool)  # missing (−1) → True
    return s.isna().astype(bool)


def key_values(uniq: np.ndarray, upper: bool) -> pd.arrays.StringArray:
    """Keys of distinct texts (stripped, upper-cased if asked, empty → <NA>) plus a last <NA>."""
    keys = [v.strip() for v in uniq]
    if upper:
        keys = [v.upper() for v in keys]
    return pd.array([v if v != "" else pd.NA for v in keys] + [pd.NA], dtype="string")


def key(s: pd.Series, upper: bool = False) -> pd.Series:
    """Identifier key: stripped text, empty → <NA>."""
    codes, uniq = factorize(s.astype("string"))
    return pd.Series(key_values(uniq, upper).take(codes), index=s.index)  # missing (−1) → <NA>


def keyed(s: pd.Series, upper: bool = False) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """``key(s, upper)``, with the code of each row's key (−1 for <NA>) and the distinct keys
    (objects), from one pass over the rows."""
    raw, uniq = factorize(s.astype("string"))
    key_arr = key_values(uniq, upper)  # per distinct text, then <NA>
    key_codes, keys = pd.factorize(key_arr)
    codes = np.asarray(key_codes, dtype=np.intp)[raw]  # raw −1 → the last entry: <NA> → −1
    return pd.Series(key_arr.take(raw), index=s.index), codes, np.asarray(keys, dtype=object)


def lookup(values: np.ndarray, found: np.ndarray, missing) -> np.ndarray:
    """``values[found]`` with ``missing`` where ``found`` is −1, plus one ``missing`` entry at the
    end (for rows whose key is <NA>: code −1, see :func:`keyed`)."""
    out = np.full(len(found) + 1, missing, dtype=values.dtype)
    ok = np.flatnonzero(found >= 0)
    out[ok] = values[found[ok]]
    return out
