"""Property tests: garbled tables never make the desk review raise, and rows in = rows out."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_validation import make_dataset

from iid_analysis.io import schema
from iid_analysis.io.findings import FINDING_COLUMNS, SEVERITIES
from iid_analysis.methodology import load_methodology
from iid_analysis.review import DECISIONS, review, summary_lines, write_review_outputs

YEAR = 2021
M = load_methodology(YEAR)
IDS = ["A1", "A2", "A3", " a1", "X9"]
OPDS = ["DINKES", "dinkes", "BAPPEDA", "NOPE", "=cmd|' /C calc'!A0"]

garbage = st.one_of(
    st.just(""),
    st.just(" "),
    st.just("NaN"),
    st.just("None"),
    st.just("-1"),
    st.just("1e99"),
    st.just("=1+1"),
    st.just("@SUM(A1)"),
    st.just("31/02/2020"),
    st.just("2021-13-45"),
    st.text(max_size=12),
)
values: dict[str, st.SearchStrategy] = {
    "innovation_id": st.sampled_from(IDS),
    "opd_id": st.sampled_from(OPDS),
    "year": st.sampled_from(["2021", "2021", "2021", "2020", "dua ribu", "2021.0"]),
    "stage": st.sampled_from([*schema.ENUMS["stage"], "Uji Coba", "selesai"]),
    "initiator": st.sampled_from([*schema.ENUMS["initiator"], "??"]),
    "kind": st.sampled_from([*schema.ENUMS["innovation_kind"], "Non Digital", "analog"]),
    "form": st.sampled_from([*schema.ENUMS["form"], "lain"]),
    "evidence_status": st.sampled_from([*schema.ENUMS["evidence_status"], "Tidak Valid", "?"]),
    "indicator_id": st.sampled_from(["SID01", "sid02", "SID20", "SPD01", "SPD15", "SID99", "X"]),
    "level": st.sampled_from(["0", "1", "2", "3", "4", "-1", "1.5", "tiga"]),
    "previous_entries": st.sampled_from(["0", "1", "2", "-3", "x"]),
    "active_from": st.sampled_from(["", "2010", "2022", "abc"]),
    "active_to": st.sampled_from(["", "2019", "2030"]),
}
dates = st.sampled_from(
    [
        "2019-05-01",
        "2020-12-31",
        "2021-03-12",
        "2021-09-18",
        "2021-04-30",
        "13/08/2021",
        "13 Agustus 2021",
        "2022-01-01",
        "2018-01-01",
    ]
)


def cell(table: str, column: schema.Column) -> st.SearchStrategy:
    if column.kind == "date":
        good = dates
    elif column.name in values:
        good = values[column.name]
    else:
        good = st.sampled_from(["Satu dua tiga empat lima enam", "Pendek", "Dinas Kesehatan"])
    return st.one_of(good, good, good, garbage)


@st.composite
def raw_table(draw, table: str, max_rows: int) -> pd.DataFrame:
    cols = schema.COLUMNS[table]
    keep = [c for c in cols if c.required or draw(st.booleans())]  # optional columns may be absent
    n = draw(st.integers(0, max_rows))
    rows = [{c.name: draw(cell(table, c)) for c in keep} for _ in range(n)]
    df = pd.DataFrame(rows, columns=[c.name for c in keep])
    if n and draw(st.booleans()):  # duplicated rows
        df = pd.concat(
            [
                df,
                df.sample(
                    n=draw(st.integers(1, n)), replace=True, random_state=draw(st.integers(0, 99))
                ),
            ],
            ignore_index=True,
        )
    if draw(st.booleans()):
        df["kolom_lain"] = "x"
    return df.astype(object)


@st.composite
def garbled_tables(draw) -> dict[str, pd.DataFrame]:
    return {
        "opd": draw(raw_table("opd", 4)),
        "innovations": draw(raw_table("innovations", 8)),
        "innovation_indicators": draw(raw_table("innovation_indicators", 25)),
        "region_indicators": draw(raw_table("region_indicators", 6)),
    }


def check(rv, ds) -> None:
    rows_in = int((ds.innovations["year"] == YEAR).fillna(False).sum())
    inv = rv.innovations
    assert len(inv) == rows_in
    assert list(inv.index) == list(range(rows_in))
    assert (
        inv["_row"].tolist()
        == ds.innovations.loc[
            (ds.innovations["year"] == YEAR).fillna(False).to_numpy(bool), "_row"
        ].tolist()
    )
    assert set(inv["decision"]) <= set(DECISIONS)
    assert not (inv["eligible"] & (inv["decision"] == "tidak_lanjut")).any()
    assert inv.loc[inv["decision"] == "lanjut", "eligible"].all()
    assert (inv.loc[inv["decision"] != "lanjut", "reasons"] != "").all()
    assert (inv.loc[inv["decision"] == "lengkapi", "todo"] != "").all()
    assert list(rv.findings.columns) == list(FINDING_COLUMNS)
    assert set(rv.findings["severity"]) <= set(SEVERITIES)
    assert rv.answers["usable"].dtype == bool and rv.region_answers["usable"].dtype == bool
    c = rv.counts()
    assert c["n_lanjut"] + c["n_lengkapi"] + c["n_tidak_lanjut"] == c["n_submitted"] == rows_in
    # every input row of every table comes out (in a table, a finding or set aside)
    total = sum(len(ds.table(t)) for t in schema.ALL_TABLES)
    assert summary_lines(rv)[-1] == f"Baris masuk = baris keluar: {total} = {total}"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(garbled_tables())
def test_garbled_tables_never_raise_and_keep_rows(tables):
    ds = make_dataset(tables)
    check(review(ds, M, YEAR), ds)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(garbled_tables())
def test_garbled_tables_write_outputs(tmp_path_factory, tables):
    ds = make_dataset(tables)
    rv = review(ds, M, YEAR)
    out = tmp_path_factory.mktemp("out")
    write_review_outputs(rv, out)
    got = pd.read_csv(out / "review.csv", dtype=str, keep_default_na=False)
    assert len(got) == len(rv.innovations)
