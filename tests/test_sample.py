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
        for t in schema.TABLES
    }


@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    return read_csv_folder(SAMPLE)


@pytest.fixture(scope="module")
def inv(sample) -> pd.DataFrame:
    df = sample["innovations"].copy()
    df["year"] = df["year"].astype(int)
    for c in ("trial_date", "implementation_date", "submitted_on"):
        df[c] = pd.to_datetime(df[c].replace("", None), format="%Y-%m-%d")
    df["previous_entries"] = df["previous_entries"].astype(int)
    return df


def participation(inv: pd.DataFrame) -> dict[int, int]:
    return inv.groupby("year")["opd_id"].nunique().to_dict()


# ------------------------------------------------------------------ the committed files


def test_bundled_files_are_the_generator_output_byte_for_byte(tmp_path):
    paths = write_sample(tmp_path, seed=2021)
    assert [p.name for p in paths] == [f"{t}.csv" for t in schema.TABLES]
    for p in paths:
        assert p.read_bytes() == (SAMPLE / p.name).read_bytes(), f"{p.name} differs from data/sample"


def test_files_are_utf8_comma_lf_with_canonical_headers_in_schema_order():
    for t in schema.TABLES:
        raw = (SAMPLE / f"{t}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
        raw.decode("utf-8")
        header = raw.split(b"\n", 1)[0].decode()
        assert header.split(",") == [c.name for c in schema.COLUMNS[t]]


def test_make_sample_returns_what_write_sample_writes(sample):
    made = make_sample(seed=2021)
    for t in schema.TABLES:
        pd.testing.assert_frame_equal(made[t], sample[t], check_dtype=False, obj=t)
        assert all(pd.api.types.is_string_dtype(made[t][c]) for c in made[t].columns)


def test_readme_says_synthetic_and_how_it_was_made():
    text = (SAMPLE / "README.md").read_text(encoding="utf-8")
    assert "synthetic" in text.lower() and "sintetis" in text.lower()
    assert "iid-analysis sample --out data/sample --seed 2021" in text


# ------------------------------------------------------------------ calibration (seed facts)


def test_editions_2019_to_2024(inv):
    assert sorted(inv["year"].unique()) == list(BUNDLED_YEARS)


def test_seed_counts_per_edition(inv):
    n = inv.groupby("year").size()
    assert 10 <= n[2019] <= 15
    assert n[2020] == 4
    assert n[2021] == 52
    assert n[2022] == 44
    assert 55 <= n[2023] <= 65
    assert n[2024] == 135


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


def test_2022_about_half_fit_to_send(inv, sample):
    m = load_methodology(2022)
    y = inv[inv["year"] == 2022]
    eligible = (y["implementation_date"].between(pd.Timestamp(m.eligible_from), pd.Timestamp(m.eligible_to))
                & y["stage"].isin(m.counted_stages) & (y["previous_entries"] <= m.max_previous_entries))
    ans = sample["innovation_indicators"]
    gap_ids = set(ans.loc[(ans["level"] != "0") & (ans["evidence_status"] != "valid"), "innovation_id"])
    profile_ok = (y[list(schema.PROFILE_COLUMNS)].apply(lambda s: s.str.len()) >= 20).all(axis=1)
    fit = eligible & ~y["innovation_id"].isin(gap_ids) & profile_ok
    assert 0.4 <= fit.sum() / len(y) <= 0.6


def test_reentries_in_2024_mostly_within_the_one_earlier_entry_limit(inv):
    y = inv[inv["year"] == 2024]
    assert (y["previous_entries"] == 1).sum() >= 5
    assert load_methodology(2024).max_previous_entries == 1


def test_participation_falls_into_2021_and_recovers(inv, sample):
    p = participation(inv)
    assert p[2021] < p[2019]
    assert p[2020] <= 4  # only 4 innovations in 2020
    assert p[2021] < p[2022] < p[2023] < p[2024]
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
    ids = sample["innovations"]["innovation_id"]
    assert len(ans) == 20 * len(ids)
    per = ans.groupby("innovation_id")["indicator_id"].apply(list)
    assert set(per.index) == set(ids)
    assert all(v == SID for v in per)  # in indicator order, no duplicates
    assert [i.id for i in load_methodology(2021).indicators_of("SID")] == SID


def test_every_edition_has_the_15_spd_rows(sample):
    reg = sample["region_indicators"]
    per = reg.groupby("year")["indicator_id"].apply(list)
    assert sorted(int(y) for y in per.index) == list(BUNDLED_YEARS)
    assert all(v == SPD for v in per)
    assert set(reg["level"]) <= {"1", "2", "3"}


def test_references_and_ids(sample, inv):
    opd = sample["opd"]
    assert inv["innovation_id"].is_unique
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
    for df in sample.values():
        for c in df.columns:
            assert not df[c].str.startswith(FORMULA_START).any(), c


def test_stage_and_dates_are_consistent(inv):
    applied = inv["stage"] == "penerapan"
    assert inv.loc[applied, "implementation_date"].notna().all()
    assert inv.loc[~applied, "implementation_date"].isna().all()
    assert inv.loc[inv["stage"] == "uji_coba", "trial_date"].notna().all()
    assert inv.loc[inv["stage"] == "inisiatif", "trial_date"].isna().all()
    both = inv["trial_date"].notna() & inv["implementation_date"].notna()
    assert (inv.loc[both, "trial_date"] < inv.loc[both, "implementation_date"]).all()
    assert (inv["implementation_date"].dropna() < inv.loc[applied, "submitted_on"]).all()


def test_a_realistic_mix(sample, inv):
    a = sample["innovation_indicators"]
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
    assert (n["2020"], n["2021"], n["2022"], n["2024"]) == (4, 52, 44, 135)
    assert 55 <= n["2023"] <= 65 and 10 <= n["2019"] <= 15
    y = i[i["year"] == "2021"]
    assert y["implementation_date"].between("2019-01-01", "2020-12-31").sum() == 19
    assert y["submitted_on"].between("2021-05-01", "2021-09-17").all()
    assert len(t["innovation_indicators"]) == 20 * len(i)
    assert i["innovation_id"].is_unique and set(i["opd_id"]) <= set(t["opd"]["opd_id"])
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
    assert i["innovation_id"].is_unique and set(i["opd_id"]) <= set(opd["opd_id"])
    assert (i["year"] == "2021").sum() == 2 * 52
    assert i.loc[i["opd_id"].str.endswith("_R2"), "innovation_id"].str.startswith("R2-").all()
    big = make_sample(seed=5, regions=3, innovations=300)
    assert len(big["opd"]) == 3 * len(opd) // 2 and len(big["innovations"]) == 300
    paths = write_sample(tmp_path, seed=5, regions=2, innovations=40)
    assert [len(pd.read_csv(p, dtype=str)) for p in paths] == [len(opd), 40, 800, 15]


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


def test_sample_scores_are_plausible():
    """IID per edition (the scoring module): Inovatif 2021–2023, 2022 near the public 53.96."""
    ds = load_dataset(SAMPLE)
    iid = {}
    for y in (2021, 2022, 2023, 2024):
        m = load_methodology(y)
        r = score(review(ds, m, y))
        iid[y] = (r.iid, r.predicate)
    assert all(iid[y][1] == "Inovatif" for y in (2021, 2022, 2023)), iid
    assert 40 <= iid[2021][0] <= 55
    assert abs(iid[2022][0] - 53.96) <= 2
    assert iid[2023][0] >= iid[2022][0] - 1
    assert 58 <= iid[2024][0] <= 66
    assert np.isfinite([v[0] for v in iid.values()]).all()
