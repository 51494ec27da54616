"""The synthetic generator and the bundled Kota Pekalongan sample (data/sample).

The CSV files are read with plain pandas (every cell a string, empty as ""), so these tests
check the files as a user's spreadsheet would see them, independently of the loader.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iid_analysis.io import schema
from iid_analysis.io.dataset import dataset_from_frames, load_dataset
from iid_analysis.methodology import load_methodology
from iid_analysis.review.desk import review
from iid_analysis.scoring.compute import score
from iid_analysis.synthetic.sample import BUNDLED_YEARS, make_sample, write_sample
from iid_analysis.text.escape import FORMULA_START

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
SID = [f"SID{k:02d}" for k in range(1, 21)]
SPD = [f"SPD{k:02d}" for k in range(1, 16)]


def read_csv_folder(folder: Path) -> dict[str, pd.DataFrame]:
    return {
        t: pd.read_csv(folder / f"{t}.csv", dtype=str, keep_default_na=False, encoding="utf-8")
        for t in schema.ALL_TABLES
    }


@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    return read_csv_folder(SAMPLE)


@pytest.fixture(scope="module")
def inv(sample) -> pd.DataFrame:
    df = sample["innovations"].copy()
    df["year"] = df["year"].astype(int)
    for c in ("trial_date", "implementation_date", "submitted_on", "development_date"):
        df[c] = pd.to_datetime(df[c].replace("", None), format="%Y-%m-%d")
    df["previous_entries"] = df["previous_entries"].astype(int)
    return df


def participation(inv: pd.DataFrame) -> dict[int, int]:
    return inv.groupby("year")["opd_id"].nunique().to_dict()


# ------------------------------------------------------------------ the committed files


def test_bundled_files_are_the_generator_output_byte_for_byte(tmp_path):
    paths = write_sample(tmp_path, seed=2021)
    assert [p.name for p in paths] == [f"{t}.csv" for t in schema.ALL_TABLES]
    for p in paths:
        assert p.read_bytes() == (SAMPLE / p.name).read_bytes(), f"{p.name} differs from data/sample"


def test_files_are_utf8_comma_lf_with_canonical_headers_in_schema_order():
    for t in schema.ALL_TABLES:
        raw = (SAMPLE / f"{t}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
        raw.decode("utf-8")
        header = raw.split(b"\n", 1)[0].decode()
        assert header.split(",") == [c.name for c in schema.COLUMNS[t]]


def test_make_sample_returns_what_write_sample_writes(sample):
    made = make_sample(seed=2021)
    assert set(made) == set(schema.ALL_TABLES)
    for t in schema.ALL_TABLES:
        pd.testing.assert_frame_equal(made[t], sample[t], check_dtype=False, obj=t)
        assert all(pd.api.types.is_string_dtype(made[t][c]) for c in made[t].columns)


def test_readme_says_synthetic_and_how_it_was_made():
    text = (SAMPLE / "README.md").read_text(encoding="utf-8")
    assert "synthetic" in text.lower() and "sintetis" in text.lower()
    assert "iid-analysis sample --out data/sample --seed 2021" in text


# ------------------------------------------------------------------ calibration (seed facts)


def test_editions_2019_to_2026(inv):
    assert sorted(inv["year"].unique()) == list(BUNDLED_YEARS) == list(range(2019, 2027))


def test_region_table_names_the_synthetic_city(sample):
    region = sample["region"]
    assert region.to_dict("records") == [
        {"name": "Kota Pekalongan", "kind": "kota", "province": "Jawa Tengah", "synthetic": "true"}]
    assert load_dataset(SAMPLE).region == {"name": "Kota Pekalongan", "kind": "kota",
                                           "province": "Jawa Tengah", "synthetic": True}


def test_seed_counts_per_edition(inv):
    n = inv.groupby("year").size()
    assert 10 <= n[2019] <= 15
    assert n[2020] == 4
    assert n[2021] == 52
    assert n[2022] == 44
    assert 58 <= n[2023] <= 62
    assert n[2024] == 150  # 135 of them eligible and sent (see the published facts below)
    assert n[2025] == 218  # "genjot 218 inovasi daerah di 2025"; 211 eligible and sent
    assert n[2026] == 236


def test_2021_exactly_19_applied_in_2019_2020(inv):
    y = inv[inv["year"] == 2021]
    applied = y["implementation_date"].between(pd.Timestamp("2019-01-01"), pd.Timestamp("2020-12-31"))
    assert applied.sum() == 19
    # the methodology file says the same window
    m = load_methodology(2021)
    assert (m.eligible_from.isoformat(), m.eligible_to.isoformat()) == ("2019-01-01", "2020-12-31")
    # the others: not applied yet (no date), applied in 2021, or applied before 2019
    others = y[~applied]
    assert (others["implementation_date"].isna() | (others["implementation_date"] < "2019-01-01")
            | (others["implementation_date"] >= "2021-01-01")).all()
    assert set(others["stage"]) >= {"uji_coba", "inisiatif", "penerapan"}


def test_2021_submitted_between_may_and_17_september_with_a_rush_before_13_august(inv):
    sub = inv.loc[inv["year"] == 2021, "submitted_on"]
    assert sub.notna().all()
    assert sub.min() >= pd.Timestamp("2021-05-01") and sub.max() <= pd.Timestamp("2021-09-17")
    late = (sub > pd.Timestamp("2021-08-13")).sum()
    rush = sub.between(pd.Timestamp("2021-07-22"), pd.Timestamp("2021-08-13")).sum()
    assert 1 <= late <= 10  # a few used the extension
    assert rush > len(sub) / 3  # most came in the weeks before the first deadline


def test_every_edition_submitted_within_its_input_window(inv):
    for y, g in inv.groupby("year"):
        m = load_methodology(y)
        sub = g["submitted_on"]
        assert sub.min() >= pd.Timestamp(m.input_opens), y
        assert sub.max() <= pd.Timestamp(m.input_deadline), y


def test_some_2021_innovations_were_entered_before_so_the_new_only_rule_bites(inv):
    y = inv[inv["year"] == 2021]
    in_window = y["implementation_date"].between(pd.Timestamp("2019-01-01"), pd.Timestamp("2020-12-31"))
    again = y[in_window & (y["previous_entries"] >= 1)]
    assert 1 <= len(again) <= 5
    earlier = inv[inv["year"] < 2021]
    for _, row in again.iterrows():  # the same innovation (name, OPD) in an earlier edition
        assert ((earlier["name"] == row["name"]) & (earlier["opd_id"] == row["opd_id"])).any()


def test_2022_half_eligible_to_send(inv):
    m = load_methodology(2022)
    y = inv[inv["year"] == 2022]
    eligible = (y["implementation_date"].between(pd.Timestamp(m.eligible_from), pd.Timestamp(m.eligible_to))
                & y["stage"].isin(m.counted_stages) & (y["previous_entries"] <= m.max_previous_entries))
    assert eligible.sum() == 22  # 22 sent of 44 collected


def test_reentries_in_2024_mostly_within_the_one_earlier_entry_limit(inv):
    y = inv[inv["year"] == 2024]
    assert (y["previous_entries"] == 1).sum() >= 5
    assert load_methodology(2024).max_previous_entries == 1


def test_participation_falls_into_2021_and_recovers(inv, sample):
    p = participation(inv)
    assert p[2021] < p[2019]
    assert p[2020] <= 4  # only 4 innovations in 2020
    assert p[2021] < p[2022] < p[2023] < p[2024] <= p[2025]
    # 2021: many entries from few units (interest was falling)
    assert 52 / p[2021] > len(inv[inv["year"] == 2019]) / p[2019]
    opd = sample["opd"]
    lo = pd.to_numeric(opd["active_from"]).fillna(0)
    hi = pd.to_numeric(opd["active_to"]).fillna(9999)
    active_2024 = int(((lo <= 2024) & (hi >= 2024)).sum())
    assert p[2024] >= 0.9 * active_2024


# ------------------------------------------------------------------ structure and references


def test_opd_registry_of_a_kota(sample):
    opd = sample["opd"]
    assert 35 <= len(opd) <= 40 and opd["opd_id"].is_unique
    names = set(opd["name"])
    for must in ("Sekretariat Daerah", "Sekretariat DPRD", "Inspektorat", "Dinas Kesehatan",
                 "RSUD Bendan", "Kecamatan Pekalongan Barat", "Kecamatan Pekalongan Timur",
                 "Kecamatan Pekalongan Selatan", "Kecamatan Pekalongan Utara",
                 "Dinas Komunikasi dan Informatika"):
        assert must in names
    assert set(opd["kind"]) <= set(schema.ENUMS["opd_kind"])
    assert {"dinas", "badan", "sekretariat", "inspektorat", "kecamatan", "rsud"} <= set(opd["kind"])
    assert ((opd["active_from"] != "") | (opd["active_to"] != "")).sum() >= 2  # a reorganisation


def test_every_innovation_has_the_20_sid_rows(sample):
    ans = sample["innovation_indicators"]
    inn = sample["innovations"]
    assert len(ans) == 20 * len(inn)
    per = ans.groupby(["year", "innovation_id"])["indicator_id"].apply(list)
    assert set(per.index) == set(zip(inn["year"], inn["innovation_id"], strict=True))
    assert all(v == SID for v in per)  # in indicator order, no duplicates
    assert [i.id for i in load_methodology(2021).indicators_of("SID")] == SID


def test_every_edition_has_the_15_spd_rows(sample):
    reg = sample["region_indicators"]
    per = reg.groupby("year")["indicator_id"].apply(list)
    assert sorted(int(y) for y in per.index) == list(BUNDLED_YEARS)
    for y, v in per.items():
        assert v == [i.id for i in load_methodology(int(y)).indicators_of("SPD")], y
    assert set(reg["level"]) <= {"1", "2", "3"}


def test_references_and_ids(sample, inv):
    opd = sample["opd"]
    assert not inv.duplicated(["year", "innovation_id"]).any()  # unique within an edition
    assert set(inv["opd_id"]) <= set(opd["opd_id"])
    lo = pd.to_numeric(opd.set_index("opd_id")["active_from"]).fillna(0)
    hi = pd.to_numeric(opd.set_index("opd_id")["active_to"]).fillna(9999)
    assert ((inv["year"] >= inv["opd_id"].map(lo)) & (inv["year"] <= inv["opd_id"].map(hi))).all()
    assert set(sample["innovation_indicators"]["innovation_id"]) <= set(inv["innovation_id"])
    names = inv.loc[inv["previous_entries"] == 0]
    assert not names.duplicated(["year", "name"]).any()


def test_values_are_typed_as_in_a_csv(sample, inv):
    i = sample["innovations"]
    for col, enum in (("stage", "stage"), ("initiator", "initiator"), ("kind", "innovation_kind"),
                      ("form", "form")):
        assert set(i[col]) <= set(schema.ENUMS[enum]), col
    for col in ("trial_date", "implementation_date", "submitted_on"):
        assert i[col].str.fullmatch(r"(\d{4}-\d{2}-\d{2})?").all(), col
    assert set(i["previous_entries"]) <= {"0", "1", "2", "3"}
    a = sample["innovation_indicators"]
    assert set(a["level"]) <= {"0", "1", "2", "3"}
    assert set(a["evidence_status"]) <= set(schema.ENUMS["evidence_status"]) | {""}
    for t, df in sample.items():  # text cells are formula-safe (numbers such as -6.88 are numbers)
        for c in schema.COLUMNS[t]:
            if c.kind == "text":
                assert not df[c.name].str.startswith(FORMULA_START).any(), c.name


def test_stage_and_dates_are_consistent(inv):
    applied = inv["stage"] == "penerapan"
    assert inv.loc[applied, "implementation_date"].notna().all()
    assert inv.loc[~applied, "implementation_date"].isna().all()
    assert inv.loc[inv["stage"] == "uji_coba", "trial_date"].notna().all()
    assert inv.loc[inv["stage"] == "inisiatif", "trial_date"].isna().all()
    both = inv["trial_date"].notna() & inv["implementation_date"].notna()
    assert (inv.loc[both, "trial_date"] < inv.loc[both, "implementation_date"]).all()
    assert (inv["implementation_date"].dropna() < inv.loc[applied, "submitted_on"]).all()
    dev = inv["development_date"].notna()
    assert (inv.loc[dev, "stage"] == "penerapan").all()
    assert (inv.loc[dev, "development_date"] > inv.loc[dev, "implementation_date"]).all()
    assert (inv.loc[dev, "development_date"] < inv.loc[dev, "submitted_on"]).all()


def test_a_realistic_mix(sample, inv):
    a = sample["innovation_indicators"]
    a = a[a["year"] != "2026"]  # 2026 is still in verification (see below)
    level = a["level"].astype(int)
    assert {0, 1, 2, 3} <= set(level)
    # level 0 = not claimed: no evidence, no status
    assert (a.loc[level == 0, "evidence"] == "").all() and (a.loc[level == 0, "evidence_status"] == "").all()
    claimed = a[level > 0]
    status = claimed["evidence_status"].value_counts(normalize=True)
    assert status["valid"] > 0.7
    assert {"invalid", "pending", "missing"} <= set(status.index)
    # a claimed level with no evidence document exists (missing), and some statuses left empty
    assert ((claimed["evidence"] == "") & (claimed["evidence_status"].isin(["missing", ""]))).any()
    assert ((claimed["evidence"] != "") & (claimed["evidence_status"] == "")).any()
    assert claimed["evidence"].str.contains("SK Walikota No. 050/").any()
    # kinds, forms, initiators mixed; about 55 % digital
    assert 0.45 <= (inv["kind"] == "digital").mean() <= 0.65
    assert inv["form"].nunique() == 3 and inv["initiator"].nunique() == 5
    # a few profiles empty or very short (the completeness rule has work to do)
    short = inv[list(schema.PROFILE_COLUMNS)].apply(lambda s: s.str.len() < 15).any(axis=1)
    assert 3 <= short.sum() <= 0.2 * len(inv)


# ------------------------------------------------------------------ determinism and options


def test_same_seed_same_tables_different_seed_different_tables():
    a, b, c = make_sample(seed=7), make_sample(seed=7), make_sample(seed=8)
    for t in schema.TABLES:
        pd.testing.assert_frame_equal(a[t], b[t])
    assert not a["innovations"].equals(c["innovations"])
    assert not a["innovation_indicators"].equals(c["innovation_indicators"])
    assert a["opd"].equals(c["opd"])  # the registry is not random


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_calibration_holds_for_every_seed(seed):
    t = make_sample(seed=seed)
    i = t["innovations"]
    n = i.groupby("year").size()
    assert (n["2020"], n["2021"], n["2022"], n["2024"], n["2025"]) == (4, 52, 44, 150, 218)
    assert 58 <= n["2023"] <= 62 and 10 <= n["2019"] <= 15
    y = i[i["year"] == "2021"]
    assert y["implementation_date"].between("2019-01-01", "2020-12-31").sum() == 19
    assert y["submitted_on"].between("2021-05-01", "2021-09-17").all()
    assert len(t["innovation_indicators"]) == 20 * len(i)
    assert not i.duplicated(["year", "innovation_id"]).any()
    assert set(i["opd_id"]) <= set(t["opd"]["opd_id"])
    p = i.groupby("year")["opd_id"].nunique()
    assert p["2021"] < p["2019"] and p["2021"] < p["2022"] < p["2023"] < p["2024"]


def test_large_mode_gives_n_innovations_and_20n_answers():
    n = 500
    t = make_sample(seed=3, innovations=n)
    i = t["innovations"]
    assert len(i) == n and i["innovation_id"].is_unique
    assert set(i["year"]) == {"2021"}
    assert len(t["innovation_indicators"]) == 20 * n
    assert len(t["region_indicators"]) == 15 and set(t["region_indicators"]["year"]) == {"2021"}
    assert set(i["opd_id"]) <= set(t["opd"]["opd_id"])
    assert i["opd_id"].nunique() > 30  # spread over the OPD
    assert set(i["stage"]) == {"penerapan", "uji_coba", "inisiatif"}
    share = i["implementation_date"].between("2019-01-01", "2020-12-31").mean()
    assert 0.25 < share < 0.5


def test_regions_repeat_the_registry_with_suffixes(tmp_path):
    t = make_sample(seed=5, regions=2)
    opd = t["opd"]
    assert len(opd) == 2 * len(make_sample(seed=5)["opd"]) and opd["opd_id"].is_unique
    assert opd["opd_id"].str.endswith("_R2").sum() == len(opd) // 2
    i = t["innovations"]
    assert not i.duplicated(["year", "innovation_id"]).any() and set(i["opd_id"]) <= set(opd["opd_id"])
    assert (i["year"] == "2021").sum() == 2 * 52
    assert i.loc[i["opd_id"].str.endswith("_R2"), "innovation_id"].str.startswith("R2-").all()
    big = make_sample(seed=5, regions=3, innovations=300)
    assert len(big["opd"]) == 3 * len(opd) // 2 and len(big["innovations"]) == 300
    paths = write_sample(tmp_path, seed=5, regions=2, innovations=40)
    assert [len(pd.read_csv(p, dtype=str)) for p in paths] == [len(opd), 40, 800, 15, 1]


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="regions"):
        make_sample(regions=0)
    with pytest.raises(ValueError, match="innovations"):
        make_sample(innovations=0)


# ------------------------------------------------------------------ with the package's loader


def test_sample_loads_with_no_error_level_problem():
    ds = load_dataset(SAMPLE)
    problems = ds.problems
    assert (problems["severity"] == "error").sum() == 0, problems.head().to_string()
    raw = read_csv_folder(SAMPLE)
    for t in schema.TABLES:
        assert len(ds.table(t)) == len(raw[t])
    assert ds.years() == list(BUNDLED_YEARS)
    # the loader's typing of the files equals its typing of the generator's frames
    mem = dataset_from_frames(make_sample(seed=2021))
    for t in schema.TABLES:
        pd.testing.assert_frame_equal(mem.table(t), ds.table(t), obj=t)


# ------------------------------------------------------------------ re-entries and the later editions


def test_reentries_keep_their_id(inv):
    again = inv[inv["previous_entries"] >= 1]
    assert len(again) >= 40
    for _, row in again.iterrows():
        earlier = inv[(inv["innovation_id"] == row["innovation_id"]) & (inv["year"] < row["year"])]
        assert len(earlier) == row["previous_entries"], row["innovation_id"]
        assert (earlier["name"] == row["name"]).all() and (earlier["opd_id"] == row["opd_id"]).all()
    new = inv[inv["previous_entries"] == 0]
    assert (new["innovation_id"].str.slice(4, 8).astype(int) == new["year"]).all()


def test_profile_fields_follow_what_each_edition_asks(inv):
    early = inv[inv["year"] <= 2023]
    for c in ("affairs_other", "theme", "latitude", "longitude", "asta_cita"):
        assert (early[c] == "").all(), c
    assert early["development_date"].isna().all()
    late = inv[inv["year"] >= 2025]
    for c in ("latitude", "longitude", "asta_cita"):
        share = (late[c] != "").mean()
        assert 0.85 <= share < 1.0, (c, share)  # most filled, a few left for the desk review
    lat = pd.to_numeric(late["latitude"].replace("", None))
    lon = pd.to_numeric(late["longitude"].replace("", None))
    assert lat.dropna().between(-6.95, -6.84).all() and lon.dropna().between(109.62, 109.73).all()
    assert late["asta_cita"].replace("", None).dropna().str.match(r"Asta Cita [1-8]: ").all()
    assert (late["affairs_other"] != "").mean() > 0.2 and (late["theme"] != "").mean() > 0.5
    for y in (2024, 2025, 2026):  # developed further inside the window: eligible from 2024
        m = load_methodology(y)
        dev = inv.loc[inv["year"] == y, "development_date"].dropna()
        assert len(dev) >= 8, y
        assert dev.between(pd.Timestamp(m.eligible_from), pd.Timestamp(m.eligible_to)).all(), y


def test_2026_design_is_long_for_most_and_short_for_some(inv):
    words = inv.loc[inv["year"] == 2026, "design"].str.split().str.len()
    assert (words >= 300).mean() >= 0.7
    assert 5 <= (words < 300).sum()
    assert (inv.loc[inv["year"] < 2026, "design"].str.split().str.len() < 300).all()


def test_2026_has_an_affair_outside_the_official_list(inv):
    odd = inv[inv["affair"] == "Pariwisata dan Kebudayaan"]
    assert len(odd) >= 3 and set(odd["year"]) == {2026}


def test_2026_is_in_verification(sample):
    a = sample["innovation_indicators"]
    claimed = a[(a["year"] == "2026") & (a["level"] != "0")]
    share = (claimed["evidence_status"] == "pending").mean()
    assert 0.4 <= share <= 0.6, share
    earlier = a[(a["year"] != "2026") & (a["level"] != "0")]
    assert (earlier["evidence_status"] == "pending").mean() < 0.1


# ------------------------------------------------------------------ the city's published facts


@pytest.fixture(scope="module")
def scored() -> dict[int, object]:
    ds = load_dataset(SAMPLE)
    return {y: score(review(ds, load_methodology(y), y)) for y in BUNDLED_YEARS}


def test_published_facts_are_reproduced(inv, scored):
    """data/published/results.csv, Kota Pekalongan (see data/sample/README.md)."""
    n = inv.groupby("year").size()
    assert n[2020] == 4
    y21 = inv[inv["year"] == 2021]
    assert n[2021] == 52 and y21["implementation_date"].between("2019-01-01", "2020-12-31").sum() == 19
    assert n[2022] == 44 and scored[2022].n == 22
    assert scored[2022].iid == 53.96 and scored[2022].predicate == "Inovatif"
    assert 58 <= n[2023] <= 62 and scored[2023].predicate == "Inovatif"
    assert scored[2024].n == 135 and scored[2024].predicate == "Sangat Inovatif"
    assert scored[2025].n == 211 and scored[2025].predicate == "Sangat Inovatif"
    assert scored[2025].iid >= 65.01  # on 2025's own bands


def test_every_edition_scores_plausibly(scored):
    for y, r in scored.items():
        assert np.isfinite(r.iid) and 0 < r.iid < 100, y
        assert r.predicate == load_methodology(y).predicate(r.iid), y
    assert 40 <= scored[2021].iid <= 60
    assert scored[2023].iid >= scored[2022].iid - 1


def test_2026_passes_the_affair_gate_with_five_of_six(scored):
    r = scored[2026]
    assert r.n >= 200
    d = r.to_dict()
    covered = d.get("basic_affairs_covered")
    assert covered is not None and len(covered) == 5, covered
    assert "Perumahan Rakyat dan Kawasan Permukiman" not in covered
    assert d["count_score"] > 0


def test_readme_per_edition_table_is_what_the_package_computes(inv, scored):
    text = (SAMPLE / "README.md").read_text(encoding="utf-8")
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in text.splitlines()
            if line.startswith("| 20") and line.count("|") == 9]
    assert [int(r[0]) for r in rows] == list(BUNDLED_YEARS)
    n = inv.groupby("year").size()
    for r in rows:
        y = int(r[0])
        assert int(r[1]) == n[y] and int(r[5]) == scored[y].n, y
        assert float(r[6]) == scored[y].iid and r[7].startswith(scored[y].predicate), y
