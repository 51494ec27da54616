"""The loader runs pandera only on the rows its pre-check suspects; pandera on every row is the oracle.

``checks.schema_suspects`` mirrors the checks of ``checks.table_schema`` (non-nullable columns,
enum codes) so that clean rows skip pandera. If the two drift apart, a bad cell would go unreported.
Hypothesis spoils cells of a small bundled dataset (blanks, unknown codes, codes of another
column, labels, numbers, dates, junk) and the findings and typed tables must be the same as when
pandera checks the whole table.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iid_analysis.io import checks, schema
from iid_analysis.io.dataset import dataset_from_frames
from iid_analysis.synthetic.sample import make_sample

ENUM_WORDS = sorted({v for codes in schema.ENUMS.values() for v in codes}
                    | {label for enum in schema.ENUMS for label in schema.enum_map(enum)})
JUNK = ["", " ", "-", "xyz", "12", "2021", "3", "3.0", "-1", "nan", "None", "31/02/2021",
        "13 Agustus 2021", "2021-08-13", "Ya", "tidak", "🙂"]


def _base() -> dict[str, pd.DataFrame]:
    t = make_sample()
    inv = t["innovations"]
    inv = pd.concat([inv[inv["year"] == "2021"].head(6), inv[inv["year"] == "2020"].head(2)])
    ans = t["innovation_indicators"]
    ans = ans[ans["innovation_id"].isin(inv["innovation_id"])].groupby("innovation_id").head(3)
    reg = t["region_indicators"]
    reg = reg[reg["year"].isin(["2021", "2020"])].groupby("year").head(3)
    opd = t["opd"][t["opd"]["opd_id"].isin(inv["opd_id"])]
    return {k: v.reset_index(drop=True).astype(str) for k, v in
            {"opd": opd, "innovations": inv, "innovation_indicators": ans, "region_indicators": reg}.items()}


BASE = _base()


@st.composite
def spoiled(draw):
    tables = {k: v.copy() for k, v in BASE.items()}
    for _ in range(draw(st.integers(1, 12))):
        name = draw(st.sampled_from(sorted(tables)))
        df = tables[name]
        col = draw(st.sampled_from(list(df.columns)))
        row = draw(st.integers(0, len(df) - 1))
        df.iat[row, df.columns.get_loc(col)] = draw(st.sampled_from(JUNK + ENUM_WORDS))
    return tables


def _findings(ds) -> pd.DataFrame:
    return ds.problems.sort_values(list(ds.problems.columns), kind="stable").reset_index(drop=True)


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(spoiled())
def test_prechecked_rows_give_the_findings_pandera_gives_on_every_row(tables):
    fast = dataset_from_frames(tables)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(checks, "schema_suspects", lambda *a, **k: None)  # pandera on the whole table
        full = dataset_from_frames(tables)
    pd.testing.assert_frame_equal(_findings(fast), _findings(full))
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(fast.table(name), full.table(name))


def test_the_comparison_would_catch_a_pre_check_that_misses_rows():
    """Teeth: a blank required cell is reported by pandera; a pre-check that suspects nothing
    would lose that finding, and the comparison above would see the difference."""
    import numpy as np

    tables = {k: v.copy() for k, v in BASE.items()}
    required = next(c.name for c in schema.COLUMNS["innovations"] if not c.nullable and c.kind == "text"
                    and c.name != "innovation_id")
    tables["innovations"].loc[0, required] = ""
    found = dataset_from_frames(tables).problems
    assert ((found["rule"] == "required") & (found["column"] == required)).any()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(checks, "schema_suspects", lambda *a, **k: np.zeros(0, dtype=np.intp))
        blind = dataset_from_frames(tables).problems
    assert not ((blind["rule"] == "required") & (blind["column"] == required)).any()
