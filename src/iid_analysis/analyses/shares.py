"""Points earned against the maximum, per indicator and per variable: where the index is strong
and where it loses."""

from __future__ import annotations

import numpy as np
import pandas as pd

from iid_analysis.text.fmt import is_missing as _missing


def indicator_shares(result, aspect: str = "SID") -> pd.DataFrame:
    """Per indicator of ``aspect`` (methodology order): indicator_id, name, variable, points,
    max_points, share (points / max_points over the scored innovations for SID; NaN when the
    maximum is 0, e.g. nothing scored)."""
    m = result.methodology
    inds = m.indicators_of(aspect)
    p = result.points
    sel = p[p["aspect"].astype("string") == aspect]
    g = sel.groupby(sel["indicator_id"].astype("string"))
    pts = g["points"].sum()
    mx = g["max_points"].sum()
    ids = [i.id for i in inds]
    df = pd.DataFrame({
        "indicator_id": ids,
        "name": [i.name for i in inds],
        "variable": [i.variable for i in inds],
        "points": pts.reindex(ids, fill_value=0.0).to_numpy(dtype="float64"),
        "max_points": mx.reindex(ids, fill_value=0.0).to_numpy(dtype="float64"),
    })
    with np.errstate(invalid="ignore", divide="ignore"):
        df["share"] = np.where(df["max_points"] > 0, df["points"] / df["max_points"].where(
            df["max_points"] > 0, 1.0), np.nan)
    return df


def variable_shares(result) -> pd.DataFrame:
    """Per variable: aspect, variable, points, max_points, share (SID variables over the scored
    innovations), then the count score as its own row. Methodology order."""
    rows = []
    for aspect in ("SPD", "SID"):
        s = indicator_shares(result, aspect)
        g = s.groupby("variable", sort=False)[["points", "max_points"]].sum().reset_index()
        for r in g.itertuples():
            share = r.points / r.max_points if r.max_points > 0 else float("nan")
            rows.append((aspect, r.variable, float(r.points), float(r.max_points), share))
    m = result.methodology
    if m.max_count_score > 0 and not _missing(result.count_score):
        rows.append(("SID", "Jumlah inovasi", float(result.count_score), float(m.max_count_score),
                     float(result.count_score) / float(m.max_count_score)))
    return pd.DataFrame(rows, columns=["aspect", "variable", "points", "max_points", "share"])
