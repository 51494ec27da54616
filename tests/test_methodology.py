"""Methodology files: base.toml plus one short file per edition; every edition loads and keeps its
invariants; predicates on the band edges; broken files are refused with a clear message."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from pathlib import Path

import pytest

from iid_analysis import predicate
from iid_analysis.methodology import (
    PREDICATES,
    MethodologyError,
    available_years,
    load_methodology,
    round_score,
)

METH_DIR = Path(__file__).resolve().parents[1] / "src" / "iid_analysis" / "methodology"
EDITION_FILES = sorted(p for p in METH_DIR.glob("*.toml") if p.stem.isdigit())
BASE = tomllib.loads((METH_DIR / "base.toml").read_text(encoding="utf-8"))


def _catalogue_keys(node, prefix=""):
    """Dotted keys of the catalogue entries (tables holding texts) in a raw TOML table."""
    for name, value in node.items():
        key = f"{prefix}.{name}" if prefix else name
        if all(isinstance(v, dict) for v in value.values()):
            yield from _catalogue_keys(value, key)
        else:
            yield key


def test_every_edition_2019_to_2024_has_a_file():
    years = available_years()
    assert years == sorted(years) and {2019, 2020, 2021, 2022, 2023, 2024} <= set(years)


@pytest.mark.parametrize("year", [2019, 2020, 2021, 2022, 2023, 2024])
def test_edition_invariants(year):
    m = load_methodology(year)
    assert m.year == year
    ids = [i.id for i in m.indicators]
    assert len(ids) == len(set(ids)) == 35  # 15 SPD + 20 SID (+ the count score = 36 indicators)
    assert [i.id for i in m.indicators_of("SPD")] == [f"SPD{k:02d}" for k in range(1, 16)]
    assert [i.id for i in m.indicators_of("SID")] == [f"SID{k:02d}" for k in range(1, 21)]
    assert all(i.weight > 0 and len(i.levels) == 3 and all(i.levels) for i in m.indicators)
    assert [b.predicate for b in m.bands] == list(PREDICATES)
    assert m.bands[0].high == 100.0 and m.bands[-1].low == 0.0
    assert m.eligible_from < m.eligible_to
    assert m.input_opens <= m.input_closes <= m.input_deadline
    assert m.counted_stages == ("penerapan",)
    for n in m.numbers:
        assert n.status in ("official", "assumed") and n.source


def test_every_number_in_the_files_is_marked():
    """Walk the raw TOML: every {value = …} table carries a status and a source key that exists."""
    def numbers(node, where):
        if isinstance(node, dict):
            if "value" in node:
                yield where, node
            else:
                for k, v in node.items():
                    yield from numbers(v, f"{where}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from numbers(v, f"{where}[{i}]")

    for path in sorted(METH_DIR.glob("*.toml")):
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        sources = {**BASE["sources"], **raw.get("sources", {})}
        found = list(numbers({k: v for k, v in raw.items() if k != "sources"}, path.stem))
        assert len(found) > 15
        for where, node in found:
            assert node.get("status") in ("official", "assumed"), where
            assert node.get("source") in sources, where


def test_base_toml_is_not_an_edition():
    assert (METH_DIR / "base.toml").is_file()
    assert [p.stem for p in EDITION_FILES] == [str(y) for y in available_years()]


@pytest.mark.parametrize("path", EDITION_FILES, ids=lambda p: p.stem)
def test_edition_files_are_short(path):
    """An edition holds only what differs from base.toml; the catalogue is not repeated."""
    assert len(path.read_text(encoding="utf-8").splitlines()) < 150


@pytest.mark.parametrize("path", EDITION_FILES, ids=lambda p: p.stem)
def test_edition_codes_map_to_keys_of_the_base_catalogue(path):
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    known = set(_catalogue_keys(BASE["catalogue"]))
    keys = [entry["key"] for entry in raw["indicators"].values()]
    assert keys and set(keys) <= known, sorted(set(keys) - known)
    assert len(keys) == len(set(keys))
    # wording overrides only touch indicators the base knows
    assert set(_catalogue_keys(raw.get("catalogue", {}))) <= known


def test_same_indicator_same_key_across_editions():
    """Codes differ between editions (2021's SPD09 is 2023's SPD08); the key names the indicator."""
    m21, m23 = load_methodology(2021), load_methodology(2023)
    assert m21.indicator("SPD09").name == m23.indicator("SPD08").name == "Opini BPK"
    raw21 = tomllib.loads((METH_DIR / "2021.toml").read_text(encoding="utf-8"))
    raw23 = tomllib.loads((METH_DIR / "2023.toml").read_text(encoding="utf-8"))
    assert raw21["indicators"]["SPD09"]["key"] == raw23["indicators"]["SPD08"]["key"] == "spd.opini_bpk"


@pytest.mark.parametrize("year", [2019, 2020, 2021, 2022, 2023, 2024])
def test_flagship_tiebreak_and_comparison_frame_are_data(year):
    m = load_methodology(year)
    assert m.flagship_tiebreak == ("SID16", "SID18")
    assert [m.indicator(i).name for i in m.flagship_tiebreak] == ["Replikasi", "Kemanfaatan inovasi"]
    assert m.comparison_frame == 2023 and m.comparison_frame in available_years()


def test_2023_maxima():
    m = load_methodology(2023)
    assert (m.max_spd, m.max_sid_per_innovation, m.max_count_score, m.max_total) == (63, 111, 76, 250)
    assert m.weights("SID").sum() == 37 and m.weights("SPD").sum() == 21
    assert m.divisor(3) == 10 and m.divisor(44) == 44
    assert m.count_score(19) == pytest.approx(7.22) and m.count_score(500) == pytest.approx(76)


def test_2021_windows_and_assumptions():
    m = load_methodology(2021)
    assert (m.eligible_from, m.eligible_to) == (dt.date(2019, 1, 1), dt.date(2020, 12, 31))
    assert m.input_closes == dt.date(2021, 8, 13) and m.input_deadline == dt.date(2021, 9, 17)
    assert m.max_previous_entries == 0
    keys = {n.key for n in m.assumptions()}
    assert {"aggregation.count_score_per_innovation", "eligibility.implemented_from",
            "bands.Inovatif.low", "indicators.SID01.weight"} <= keys
    assert "input_window.closes" not in keys  # 13 August 2021 is official
    alt = m.with_alternative("sid_weights_form2021")
    assert alt.max_sid_per_innovation == 150 and alt.max_total == 63 + 150 + 76
    assert m.max_total == 250  # the original is unchanged
    cap = m.with_alternative("count_score_cap100")
    assert cap.count_score(30) == pytest.approx(22.8) and cap.count_score(150) == pytest.approx(76)
    assert cap.max_total == 250  # the official maximum of the count score (76) is kept


@pytest.mark.parametrize(
    "iid, expected",
    [(0, "Tidak Dapat Dinilai"), (0.004, "Tidak Dapat Dinilai"), (0.005, "Kurang Inovatif"),
     (0.01, "Kurang Inovatif"), (34.99, "Kurang Inovatif"), (34.995, "Inovatif"), (35.0, "Inovatif"),
     (60.0, "Inovatif"), (60.004, "Inovatif"), (60.005, "Sangat Inovatif"), (60.01, "Sangat Inovatif"),
     (100.0, "Sangat Inovatif")],
)
def test_predicate_band_edges(iid, expected):
    assert predicate(iid, 2023) == expected
    assert load_methodology(2021).predicate(iid) == expected


def test_round_half_up():
    assert round_score(34.995) == 35.0 and round_score(60.005) == 60.01 and round_score(53.964) == 53.96


def test_unknown_edition_is_a_clear_error():
    with pytest.raises(MethodologyError, match="2031.*tersedia: 2019"):
        load_methodology(2031)


def _edition_2023_with_defaults() -> str:
    """2023.toml with the aggregation and bands it inherits from base.toml written out."""
    base = (METH_DIR / "base.toml").read_text(encoding="utf-8")
    inherited = base[base.index("[aggregation]"):base.index("[eligibility]")]
    inherited += base[base.index("[[bands]]"):base.index("[[alternatives]]")]
    return (METH_DIR / "2023.toml").read_text(encoding="utf-8") + "\n" + inherited


def _broken(tmp_path, old, new):
    text = _edition_2023_with_defaults()
    assert old in text
    p = tmp_path / "x.toml"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return p


def test_the_2023_copy_used_below_loads_like_2023(tmp_path):
    p = tmp_path / "x.toml"
    p.write_text(_edition_2023_with_defaults(), encoding="utf-8")
    m = load_methodology(p)
    assert dataclasses.replace(m, path="") == dataclasses.replace(load_methodology(2023), path="")


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('SID02 = { key = "sid.sdm",', 'SID02 = { key = "sid.regulasi",', "ganda"),
        ('SID02 = { key = "sid.sdm",', 'SID02 = { key = "sid.sdm_typo",', "tidak ada di katalog"),
        ('weight = { value = 2,   status = "official", source = "sidform"',
         'weight = { value = -2,  status = "official", source = "sidform"', "positif"),
        ("low = { value = 35.0,", "low = { value = 35.5,", "celah"),
        ("low = { value = 35.0,", "low = { value = 34.0,", "tumpang tindih"),
        ('status = "official", source = "deck2023", note = "Inovasi', 'status = "maybe", source = "deck2023", note = "Inovasi',
         "official/assumed"),
        ("max_total = { value = 250", "max_total = { value = 260", "max_total"),
        ("edition = 2023", "edition = 2023\nflagship_tiebreak = [\"sid.replikasi\", \"spd.kelitbangan\"]",
         "flagship_tiebreak"),
        ("edition = 2023", "edition = 2023\ncomparison_frame = \"2023\"", "comparison_frame"),
        ("[indicators]", "[catalogue]\nsid.regulasii.name = \"x\"\n[indicators]", "aspek"),
        ('SID02 = { key = "sid.sdm",', 'SID02 = { key = "sid.sdm", name = "x",', "tidak dikenal"),
    ],
)
def test_broken_files_are_refused(tmp_path, old, new, message):
    with pytest.raises(MethodologyError, match=message):
        load_methodology(_broken(tmp_path, old, new))


def test_old_full_format_is_refused_clearly(tmp_path):
    p = tmp_path / "old.toml"
    p.write_text('edition = 2023\n[[indicators]]\nid = "SID01"\n', encoding="utf-8")
    with pytest.raises(MethodologyError, match="kode"):
        load_methodology(p)


def test_an_edition_number_replaces_the_base_number_whole(tmp_path):
    """A number given by an edition is read as written: no note or status leaks from base.toml."""
    text = (METH_DIR / "2024.toml").read_text(encoding="utf-8")
    text += '\n[aggregation]\ndivisor_min = { value = 12, status = "assumed", source = "project" }\n'
    p = tmp_path / "2025.toml"
    p.write_text(text.replace("edition = 2024", "edition = 2025"), encoding="utf-8")
    m = load_methodology(p)
    n = next(x for x in m.numbers if x.key == "aggregation.divisor_min")
    assert (m.year, m.divisor_min, n.status, n.note) == (2025, 12, "assumed", "")
    assert m.indicators == load_methodology(2024).indicators  # the rest comes from base and the file


def test_predicate_lines_in_figures_come_from_the_methodology():
    from iid_analysis.report.views import band_lines

    assert band_lines(load_methodology(2023)) == [(35.0, "batas Inovatif"), (60.01, "batas Sangat Inovatif")]
    shifted = load_methodology(2023)
    from iid_analysis.methodology import Band

    shifted = dataclasses.replace(shifted, bands=(Band("Sangat Inovatif", 70.01, 100.0),) + shifted.bands[1:])
    assert band_lines(shifted)[-1] == (70.01, "batas Sangat Inovatif")
