"""The published results (data/published, real) and the back-test against the editions' rules."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

import iid_analysis
from iid_analysis.analyses.published import back_test, back_test_lines, implied_spd, load_facts
from iid_analysis.cli import main
from iid_analysis.methodology.loader import load_methodology

PUBLISHED = Path(__file__).resolve().parents[1] / "data" / "published"
RESULT_COLUMNS = ["region", "province", "region_kind", "edition", "iid", "predicate", "n_sent",
                  "n_accepted", "n_collected", "mean_maturity", "rank", "note", "source"]
NATIONAL_COLUMNS = ["edition", "scope", "regions", "innovations", "sangat_inovatif", "inovatif",
                    "kurang_inovatif", "tidak_dapat_dinilai", "mean_iid", "note", "source"]


@pytest.fixture(scope="module")
def results() -> pd.DataFrame:
    return pd.read_csv(PUBLISHED / "results.csv", encoding="utf-8")


@pytest.fixture(scope="module")
def national() -> pd.DataFrame:
    return pd.read_csv(PUBLISHED / "national.csv", encoding="utf-8")


def test_files_have_the_documented_columns_and_a_source_per_row(results, national):
    assert list(results.columns) == RESULT_COLUMNS
    assert list(national.columns) == NATIONAL_COLUMNS
    assert results["source"].notna().all() and national["source"].notna().all()
    assert set(results["region_kind"]) <= {"kota", "kabupaten", "provinsi"}
    assert not results.duplicated(["region", "edition", "source"]).any()
    readme = (PUBLISHED / "README.md").read_text(encoding="utf-8").lower()
    assert "real" in readme and "not synthetic" in readme
    for col in RESULT_COLUMNS + NATIONAL_COLUMNS:
        assert f"`{col}`" in readme, col


def test_the_city_facts_of_the_reference_are_there(results):
    city = results[results["region"] == "Kota Pekalongan"].set_index("source", append=True)
    by_year = results[results["region"] == "Kota Pekalongan"].groupby("edition").first()
    assert by_year.loc[2020, "n_collected"] == 4
    assert (by_year.loc[2022, ["iid", "predicate", "n_sent", "n_collected"]].tolist()
            == [53.96, "Inovatif", 22, 44])
    assert by_year.loc[2023, "predicate"] == "Inovatif" and by_year.loc[2023, "n_collected"] == 60
    assert by_year.loc[2024, ["predicate", "n_sent", "rank"]].tolist() == ["Sangat Inovatif", 135, 7]
    assert by_year.loc[2025, ["predicate", "n_sent"]].tolist() == ["Sangat Inovatif", 211]
    assert len(city) >= 5


def test_every_published_iid_gives_the_published_predicate(results):
    rows = results.dropna(subset=["iid", "predicate"])
    assert len(rows) >= 5
    for r in rows.itertuples():
        assert iid_analysis.predicate(r.iid, int(r.edition)) == r.predicate, (r.region, r.edition)


def test_the_2025_and_2022_edges():
    assert iid_analysis.predicate(77.59, 2025) == "Sangat Inovatif"
    assert iid_analysis.predicate(53.96, 2022) == "Inovatif"
    # 2025 raised the top band: 62.06 is Sangat Inovatif in 2021, not in 2025
    assert iid_analysis.predicate(62.06, 2021) == "Sangat Inovatif"
    assert iid_analysis.predicate(62.06, 2025) == "Inovatif"


def test_every_published_predicate_is_one_of_its_edition(results):
    for r in results.dropna(subset=["predicate"]).itertuples():
        names = {b.predicate for b in load_methodology(int(r.edition)).edition_bands}
        assert r.predicate in names, (r.region, r.edition)


def test_published_maturity_implies_an_spd_inside_0_to_63(results):
    rows = results.dropna(subset=["iid", "n_accepted", "mean_maturity"])
    assert len(rows) == 3  # Kab. Tegal 2023–2025
    got = {}
    for r in rows.itertuples():
        m = load_methodology(int(r.edition))
        assert r.n_accepted >= m.divisor_min
        spd = r.iid * 2.5 - r.mean_maturity - 0.38 * min(r.n_accepted, 200)
        assert 0 <= spd <= 63, (r.region, r.edition, spd)
        assert implied_spd(r.iid, int(r.n_accepted), r.mean_maturity, m) == pytest.approx(spd, abs=0.006)
        got[int(r.edition)] = round(spd, 1)
    assert got == {2023: 49.7, 2024: 56.0, 2025: 51.0}  # as the reference computes them


def test_back_test_passes_for_every_fact():
    checks = back_test()
    assert len(checks) == len(load_facts())
    assert all(c.ok for c in checks), [c.fact for c in checks if not c.ok]
    assert sum(c.predicate_ok is True for c in checks) >= 5
    assert sum(c.spd_ok is True for c in checks) == 3
    lines = back_test_lines(checks)
    assert len(lines) == len(checks) + 1 and "semua sesuai" in lines[-1]


def test_a_wrong_fact_fails_the_back_test():
    fact = next(f for f in load_facts() if f.region == "Kab. Tegal" and f.edition == 2024)
    wrong = dataclasses.replace(fact, predicate="Inovatif")
    (c,) = back_test([wrong])
    assert c.predicate_ok is False and not c.ok
    assert "TIDAK SESUAI" in back_test_lines([c])[-1]
    far = dataclasses.replace(fact, iid=95.0)  # implies an SPD above 63
    (c,) = back_test([far])
    assert c.spd_ok is False


def test_national_counts_add_up(national):
    n = national.set_index(["edition", "scope"])
    for y in (2020, 2021, 2022):
        row = n.loc[(y, "semua")]
        assert row["sangat_inovatif"] + row["inovatif"] + row["kurang_inovatif"] == row["regions"], y
    assert n.loc[(2024, "semua"), "mean_iid"] == 46.01
    assert n.loc[(2025, "semua"), "mean_iid"] == 49.43
    assert n.loc[(2025, "semua"), "innovations"] == 36742 and n.loc[(2025, "semua"), "regions"] == 531
    assert n.loc[(2018, "kota"), ["sangat_inovatif", "inovatif", "kurang_inovatif",
                                  "tidak_dapat_dinilai"]].tolist() == [26, 5, 15, 46]


def test_cli_prints_one_line_per_fact(capsys):
    assert main(["published"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == len(load_facts()) + 1
    assert any(line.startswith("Kab. Tegal 2025") and "77,59" in line and "sesuai" in line
               for line in out)
    assert main(["published", "--region", "kab. tegal"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 6 and all(line.startswith("Kab. Tegal") for line in out[:-1])  # 2021–2025, 2022
    assert main(["published", "--region", "Atlantis"]) == 2
    assert "Atlantis" in capsys.readouterr().err
