"""Desk-review rules of issue 14: re-entries never change an earlier edition, rows in = rows out
(and a review that loses a row is caught), empty evidence earns nothing, eligibility by
development date, the rancang bangun minimum, the fields an edition asks for, coordinates,
affairs normalised to the official list, years no methodology describes."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_validation import base_tables, make_dataset, row_of, rules, run, set_cell

from iid_analysis.methodology import load_methodology
from iid_analysis.review import review, summary_lines
from iid_analysis.review.balance import RowsLost, check_rows, row_balance
from iid_analysis.scoring.compute import score


# ============================================================================ re-entries
def _edition(year: int, n: int, prefix: str = "INV") -> dict[str, pd.DataFrame]:
    t = base_tables(n, year=year)
    window = {2021: "2020-03-01", 2022: "2021-03-01", 2023: "2022-03-01", 2024: "2023-03-01"}
    t["innovations"]["implementation_date"] = window[year]
    t["innovations"]["trial_date"] = window[year][:4] + "-01-10"
    t["innovations"]["submitted_on"] = f"{year}-06-20"
    ids = {f"INV{k + 1}": f"{prefix}{k + 1}" for k in range(n)}
    t["innovations"]["innovation_id"] = t["innovations"]["innovation_id"].map(ids)
    t["innovation_indicators"]["innovation_id"] = t["innovation_indicators"]["innovation_id"].map(ids)
    return t


def _join(a: dict, b: dict) -> dict:
    """``a`` with ``b``'s rows appended (one OPD table)."""
    return {k: a[k] if k == "opd" else pd.concat([a[k], b[k]], ignore_index=True) for k in a}


def _decisions(rv) -> list:
    return rv.innovations[["_row", "innovation_id", "eligible", "decision", "reasons"]].values.tolist()


def test_adding_a_later_edition_with_reentries_keeps_the_earlier_result():
    """The reproduction: a 2023 innovation re-entered in 2024 with the same id made the 2023 row
    ineligible (duplicate id across editions) and lowered 2023's IID."""
    early = _edition(2023, 4)
    later = _edition(2024, 3, prefix="NEW")
    later["innovations"].loc[0, "innovation_id"] = "INV1"  # a re-entry keeps its id
    later["innovations"].loc[0, "previous_entries"] = ""
    later["innovation_indicators"].loc[later["innovation_indicators"]["innovation_id"] == "NEW1",
                                       "innovation_id"] = "INV1"
    m = load_methodology(2023)
    before = review(make_dataset(early), m, 2023)
    after = review(make_dataset(_join(early, later)), m, 2023)
    assert _decisions(after) == _decisions(before)
    assert score(after).iid == score(before).iid
    assert "duplicate_id" not in rules(after)
    rv24 = review(make_dataset(_join(early, later)), load_methodology(2024), 2024)
    assert row_of(rv24, "INV1")["earlier_entries"] == 1
    assert (rv24.answers["innovation_id"] == "INV1").sum() == 20
    assert check_rows(rv24).ok


@st.composite
def _later_edition(draw):
    n = draw(st.integers(1, 4))
    t = _edition(2024, n, prefix="L")
    reuse = draw(st.lists(st.integers(0, n - 1), unique=True, max_size=n))
    for k in reuse:  # re-entries of 2023 innovations, with the same id
        old = f"INV{draw(st.integers(1, 3))}"
        new = t["innovations"].loc[k, "innovation_id"]
        if old in set(t["innovations"]["innovation_id"]):
            continue
        t["innovations"].loc[k, "innovation_id"] = old
        a = t["innovation_indicators"]
        a.loc[a["innovation_id"] == new, "innovation_id"] = old
    if draw(st.booleans()):  # a later edition's duplicate id: its own problem, not 2023's
        t["innovations"].loc[0, "previous_entries"] = draw(st.sampled_from(["", "0", "5"]))
    return t


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_later_edition())
def test_property_a_later_edition_never_changes_an_earlier_one(later):
    early = _edition(2023, 3)
    set_cell(early, "innovations", 1, "goal", "")  # a lengkapi
    set_cell(early, "innovations", 2, "implementation_date", "2019-01-01")  # a tidak_lanjut
    m = load_methodology(2023)
    before = review(make_dataset(early), m, 2023)
    after = review(make_dataset(_join(early, later)), m, 2023)
    assert _decisions(after) == _decisions(before)
    assert after.answers["_row"].tolist() == before.answers["_row"].tolist()
    assert score(after).iid == score(before).iid
    assert check_rows(after).ok


# ============================================================================ rows in = rows out
def test_rows_in_equal_rows_out_counts_every_table():
    t = base_tables(3)
    set_cell(t, "innovations", 2, "year", "")  # no usable year: a finding, still counted
    t["region"] = pd.DataFrame({"name": ["Kota Contoh", "Kota Lain"], "kind": ["kota", "kota"]})
    rv = run(t)
    b = row_balance(rv)
    assert b.rows_in == {"opd": 3, "innovations": 3, "innovation_indicators": 60,
                         "region_indicators": 15, "region": 2}
    assert b.ok and b.rows_out == b.rows_in
    assert summary_lines(rv)[-1] == "Baris masuk = baris keluar: 83 = 83"


@pytest.mark.parametrize("table", ["innovations", "answers", "region_answers", "opd", "region_rows"])
def test_a_review_that_loses_a_row_fails_the_check(monkeypatch, table):
    import iid_analysis.review.desk as desk

    real = desk.review

    def lossy(*args, **kwargs):
        rv = real(*args, **kwargs)
        return dataclasses.replace(rv, **{table: getattr(rv, table).iloc[1:].reset_index(drop=True)},
                                   findings=rv.findings)

    monkeypatch.setattr(desk, "review", lossy)
    t = base_tables(2)
    t["region"] = pd.DataFrame({"name": ["Kota Contoh", "Kota Lain"]})
    rv = desk.review(make_dataset(t), load_methodology(2021), 2021)
    b = row_balance(rv)  # the first row is dropped: it has no finding to stand for it
    assert not b.ok
    line = summary_lines(rv)[-1]
    assert line.startswith("Baris masuk ≠ baris keluar") and "baris 2" in line
    with pytest.raises(RowsLost):
        check_rows(rv)


def test_a_dropped_row_of_no_edition_is_caught():
    t = base_tables(2)
    set_cell(t, "innovations", 1, "year", "")
    rv = run(t)
    assert check_rows(rv).ok
    f = rv.findings
    rv2 = dataclasses.replace(rv, findings=f[~((f["table"] == "innovations") & (f["row"] == 3))])
    assert row_balance(rv2).lost["innovations"] == (3,)


# ============================================================================ empty evidence
@pytest.mark.parametrize("status", ["valid", "pending", "Valid", "Menunggu Verifikasi"])
@pytest.mark.parametrize("evidence", ["", "-", "tidak ada", "n/a"])
def test_empty_evidence_earns_nothing_whatever_its_status(status, evidence):
    t = base_tables(1)
    a = t["innovation_indicators"]
    a.loc[0, "evidence"] = evidence
    a.loc[0, "evidence_status"] = status
    a.loc[0, "level"] = "3"
    rv = run(t)
    f = rv.findings[rv.findings["rule"] == "evidence_empty"]
    assert f["row"].tolist() == [2] and f["column"].tolist() == ["evidence"]
    assert "0 poin" in f["message"].iloc[0] and f["file"].iloc[0]
    ans = rv.answers.iloc[0]
    assert ans["evidence_status"] == "missing"
    assert ans["evidence_status_declared"] == ("valid" if status.lower() == "valid" else "pending")
    assert row_of(rv, "INV1")["decision"] == "lengkapi"
    pts = score(rv).points
    cell = pts[(pts["innovation_id"] == "INV1") & (pts["indicator_id"] == "SID01")]
    assert cell["points"].iloc[0] == 0
    # with the document named, the same answer earns its points
    a.loc[0, "evidence"] = "sk_inovasi.pdf"
    a.loc[0, "evidence_status"] = "valid"
    rv = run(t)
    pts = score(rv).points
    assert pts[(pts["innovation_id"] == "INV1") & (pts["indicator_id"] == "SID01")]["points"].iloc[0] > 0


def test_empty_spd_evidence_earns_nothing():
    t = base_tables(1)
    t["region_indicators"].loc[0, "evidence"] = ""
    rv = run(t)
    assert rv.region_answers["evidence_status"].iloc[0] == "missing"
    f = rv.findings[rv.findings["rule"] == "evidence_empty"]
    assert f["table"].tolist() == ["region_indicators"] and f["row"].tolist() == [2]
    assert score(rv).spd < score(run(base_tables(1))).spd


# ============================================================================ development date
def test_development_in_the_window_makes_an_older_innovation_eligible():
    t = base_tables(2, year=2024)
    t["innovations"]["implementation_date"] = "2020-05-01"  # before 2022–2023
    t["innovations"]["trial_date"] = "2020-01-01"
    t["innovations"]["submitted_on"] = "2024-07-01"
    t["innovations"]["development_date"] = ["2023-02-01", ""]
    rv = run(t, year=2024)
    r1, r2 = row_of(rv, "INV1"), row_of(rv, "INV2")
    assert r1["in_window"] and r1["eligible"]
    assert "waktu pengembangan" in r1["reasons"]  # the note says why it counts
    assert not r2["in_window"] and r2["decision"] == "tidak_lanjut"
    # 2023 does not count development
    t["innovations"]["year"] = "2023"
    t["region_indicators"]["year"] = "2023"
    t["innovations"]["implementation_date"] = "2019-05-01"
    t["innovations"]["development_date"] = ["2022-02-01", ""]
    assert not row_of(run(t, year=2023), "INV1")["in_window"]


def test_development_before_implementation_is_a_finding():
    t = base_tables(1, year=2024)
    t["innovations"]["implementation_date"] = "2022-05-01"
    t["innovations"]["trial_date"] = "2022-01-01"
    t["innovations"]["submitted_on"] = "2024-07-01"
    t["innovations"]["development_date"] = "2021-01-01"
    rv = run(t, year=2024)
    f = rv.findings[rv.findings["rule"] == "development_before_implementation"]
    assert f[["row", "column", "file"]].values.tolist() == [[2, "development_date", "innovations"]]
    assert row_of(rv, "INV1")["decision"] == "lengkapi"


# ============================================================================ profile rules
def test_placeholders_count_as_empty_never_as_short():
    t = base_tables(4)
    for k, text in enumerate(["Belum diisi", "-", "Terlampir.", "Lihat dokumen."]):
        set_cell(t, "innovations", k, "goal", text)
    rv = run(t)
    f = rv.findings[rv.findings["column"] == "goal"]
    assert set(f["rule"]) == {"profile_empty"}
    assert all("masih kosong" in m for m in f["message"])
    assert not any("kata" in m for m in f["message"])


def test_design_minimum_from_2026():
    t = base_tables(2, year=2026)
    t["innovations"]["implementation_date"] = "2025-02-01"
    t["innovations"]["trial_date"] = "2024-06-01"
    t["innovations"]["submitted_on"] = "2026-07-01"
    t["innovations"]["design"] = [" ".join(["kata"] * 120), " ".join(["kata"] * 300)]
    for c, v in (("latitude", "-6.89"), ("longitude", "109.67"), ("asta_cita", "Asta Cita 4")):
        t["innovations"][c] = v
    rv = run(t, year=2026)
    f = rv.findings[rv.findings["rule"] == "design_short"]
    assert f["innovation_id"].tolist() == ["INV1"] and "120 kata" in f["message"].iloc[0]
    assert row_of(rv, "INV1")["decision"] == "lengkapi" and row_of(rv, "INV1")["eligible"]
    assert "design_short" not in rules(rv, "INV2")
    assert "design_short" not in rules(run(base_tables(1)))  # 2021: no such rule


def test_fields_asked_from_2025():
    t = base_tables(1, year=2025)
    t["innovations"]["implementation_date"] = "2024-02-01"
    t["innovations"]["trial_date"] = "2023-06-01"
    t["innovations"]["submitted_on"] = "2025-07-01"
    rv = run(t, year=2025)
    f = rv.findings[rv.findings["rule"] == "profile_field_missing"]
    assert sorted(f["column"]) == ["asta_cita", "latitude", "longitude"]
    assert row_of(rv, "INV1")["decision"] == "lengkapi"
    assert "profile_field_missing" not in rules(run(base_tables(1)))  # 2021 asks none of them


def test_coordinates_not_numbers_or_outside_indonesia():
    t = base_tables(3)
    t["innovations"]["latitude"] = ["-6,8886", "utara", "-6.9"]
    t["innovations"]["longitude"] = ["109.67", "109.6", "19.6"]
    rv = run(t)
    assert rv.innovations["latitude"].iloc[0] == pytest.approx(-6.8886)
    f = rv.findings
    bad = f[f["rule"] == "type"]
    assert bad[["row", "column", "file"]].values.tolist() == [[3, "latitude", "innovations"]]
    out = f[f["rule"] == "coordinate_range"]
    assert out[["row", "column"]].values.tolist() == [[4, "longitude"]]
    assert row_of(rv, "INV1")["decision"] == "lanjut"
    assert len(rv.innovations) == 3  # nothing dropped


# ============================================================================ affairs, years
def test_affairs_are_normalised_and_unknown_ones_named():
    t = base_tables(3)
    t["innovations"]["affair"] = ["KESEHATAN", "Kepemudaan & Olah Raga", "Kesehatn Hewan"]
    t["innovations"]["affairs_other"] = ["pendidikan; Sosial", "", "Sosial; Urusan Ajaib"]
    rv = run(t)
    inv = rv.innovations
    assert inv["affair_canonical"].tolist()[:2] == ["Kesehatan", "Kepemudaan dan Olah Raga"]
    assert pd.isna(inv["affair_canonical"].iloc[2])
    assert inv["affairs_other_canonical"].iloc[0] == "Pendidikan;Sosial"
    assert inv["affair"].iloc[2] == "Kesehatn Hewan"  # kept as entered
    f = rv.findings[rv.findings["rule"] == "affair_unknown"]
    assert f[["row", "column"]].values.tolist() == [[4, "affair"], [4, "affairs_other"]]
    assert "Kesehatan" in f["message"].iloc[0] and f["severity"].iloc[0] == "warning"
    assert row_of(rv, "INV3")["decision"] == "lanjut"  # a warning, nothing dropped


def test_a_year_no_methodology_describes_is_reported():
    t = base_tables(2)
    set_cell(t, "innovations", 1, "year", "2035")
    rv = run(t)
    f = rv.findings[rv.findings["rule"] == "year_unknown"]
    assert f[["row", "column", "file"]].values.tolist() == [[3, "year", "innovations"]]
    assert "2035" in f["message"].iloc[0]
    assert check_rows(rv).ok


def test_bundled_sample_later_editions_never_change_earlier_ones():
    """The bundled sample re-enters innovations with their ids: every edition reviewed on the data
    cut after it gives the same decisions and IID as on the whole data — with the answers' year
    column, and without it (answers then split between editions by order)."""
    from pathlib import Path

    from iid_analysis.io.dataset import dataset_from_frames, load_dataset
    from iid_analysis.methodology.loader import available_years

    loaded = load_dataset(Path(__file__).resolve().parents[1] / "data" / "sample")
    years = [y for y in loaded.years() if y in available_years()]
    no_year = dataclasses.replace(
        loaded, innovation_indicators=loaded.innovation_indicators.assign(year=pd.NA).astype(
            {"year": "Int64"}))
    for full, y in [(d, y) for d in (loaded, no_year) for y in years[:-1]]:
        cut = {}
        for t, df in full.all_tables().items():
            if t in ("innovations", "region_indicators"):
                df = df[~(df["year"] > y).fillna(False)]
            elif t == "innovation_indicators":  # the answers of the editions kept, in file order
                keep = loaded.innovation_indicators["year"].le(y).fillna(True).to_numpy(bool)
                df = df[keep]
            if len(df) or t != "region":
                cut[t] = df.drop(columns=["_row"]).reset_index(drop=True)
        m = load_methodology(y)
        a, b = review(full, m, y), review(dataset_from_frames(cut), m, y)
        cols = ["innovation_id", "eligible", "decision", "reasons"]
        assert a.innovations[cols].values.tolist() == b.innovations[cols].values.tolist(), y
        assert score(a).iid == score(b).iid, y
