"""Raw tables: the generator's internal frames written as a CSV would hold them — every cell a
string, ISO dates, enumeration codes, empty cells as ``""``, ``schema.COLUMNS`` order — with text
cells made formula-safe."""

from __future__ import annotations

import numpy as np
import pandas as pd

from iid_analysis.io import schema
from iid_analysis.synthetic.entries import NO_DATE
from iid_analysis.text.escape import FORMULA_START, cell_text

__all__ = ["guard", "raw_innovations", "raw_opd", "raw_region"]


def _iso_fast(days: np.ndarray) -> np.ndarray:
    d = np.asarray(days, dtype=np.int64)
    s = np.datetime_as_string(d.astype("datetime64[D]")).astype(object)
    s[d == NO_DATE] = ""
    return s


def raw_opd(opd: pd.DataFrame) -> pd.DataFrame:
    def year(v: object) -> str:
        return "" if v is None or pd.isna(v) else str(int(v))

    return pd.DataFrame({
        "opd_id": opd["opd_id"], "name": opd["name"], "kind": opd["kind"],
        "active_from": [year(v) for v in opd["active_from"]],
        "active_to": [year(v) for v in opd["active_to"]],
    }).astype("str")


def raw_innovations(e: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({
        "innovation_id": e["innovation_id"], "year": e["year"].astype(int).astype(str),
        "opd_id": e["opd"], "name": e["name"], "stage": e["stage"], "initiator": e["initiator"],
        "kind": e["kind"], "form": e["form"], "affair": e["affair"],
        "trial_date": _iso_fast(e["trial"].to_numpy(dtype=np.int64)),
        "implementation_date": _iso_fast(e["impl"].to_numpy(dtype=np.int64)),
        "submitted_on": _iso_fast(e["submitted"].to_numpy(dtype=np.int64)),
        "previous_entries": e["prev"].astype(int).astype(str),
        "design": e["design"], "goal": e["goal"], "benefit": e["benefit"], "result": e["result"],
        "affairs_other": _text(e, "affairs_other"), "development_date": _iso_fast(_days(e, "dev")),
        "theme": _text(e, "theme"), "latitude": _text(e, "lat"), "longitude": _text(e, "lon"),
        "asta_cita": _text(e, "asta"),
    })
    return out.astype("str")


def _text(e: pd.DataFrame, col: str) -> pd.Series | str:
    return e[col].fillna("").astype(str) if col in e else ""


def _days(e: pd.DataFrame, col: str) -> np.ndarray:
    if col not in e:
        return np.full(len(e), NO_DATE, dtype=np.int64)
    return e[col].fillna(NO_DATE).to_numpy(dtype=np.int64)


def raw_region(name: str, kind: str, province: str, synthetic: bool) -> pd.DataFrame:
    """The one-row ``region`` table."""
    return pd.DataFrame({"name": [name], "kind": [kind], "province": [province],
                         "synthetic": ["true" if synthetic else "false"]}).astype("str")


def guard(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """Canonical column order; text cells made formula-safe with ``textsafe.cell_text``."""
    cols = [c.name for c in schema.COLUMNS[table]]
    df = df[cols].copy()
    for c in schema.COLUMNS[table]:
        if c.kind == "text":
            risky = df[c.name].str.startswith(FORMULA_START).to_numpy(dtype=bool)
            if risky.any():  # only those cells go through cell_text (fast on large frames)
                df.loc[risky, c.name] = df.loc[risky, c.name].map(cell_text)
    return df.reset_index(drop=True)
