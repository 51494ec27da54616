"""Methodology files: every edition loads and keeps its invariants; predicates on the band edges."""

from __future__ import annotations

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


def test_every_edition_2019_to_2024_has_a_file():
    assert available_years() == [2019, 2020, 2021, 2022, 2023, 2024]


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
        found = list(numbers({k: v for k, v in raw.items() if k != "sources"}, path.stem))
        assert len(found) > 40
        for where, node in found:
            assert node.get("status") in ("official", "assumed"), where
            assert node.get("source") in raw["sources"], where


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


def _broken(tmp_path, old, new):
    text = (METH_DIR / "2023.toml").read_text(encoding="utf-8").replace(old, new, 1)
    p = tmp_path / "x.toml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('id = "SID02"', 'id = "SID01"', "ganda"),
        ('value = 2, status = "official", source = "sidform"',
         'value = -2, status = "official", source = "sidform"', "positif"),
        ("low = { value = 35.0,", "low = { value = 35.5,", "celah"),
        ("low = { value = 35.0,", "low = { value = 34.0,", "tumpang tindih"),
        ('status = "official", source = "deck2023", note = "Inovasi', 'status = "maybe", source = "deck2023", note = "Inovasi',
         "official/assumed"),
        ("max_total = { value = 250", "max_total = { value = 260", "max_total"),
    ],
)
def test_broken_files_are_refused(tmp_path, old, new, message):
    with pytest.raises(MethodologyError, match=message):
        load_methodology(_broken(tmp_path, old, new))


def test_predicate_lines_in_figures_come_from_the_methodology():
    from iid_analysis.report.views import band_lines

    assert band_lines(load_methodology(2023)) == [(35.0, "batas Inovatif"), (60.01, "batas Sangat Inovatif")]
    shifted = load_methodology(2023)
    import dataclasses

    from iid_analysis.methodology import Band

    shifted = dataclasses.replace(shifted, bands=(Band("Sangat Inovatif", 70.01, 100.0),) + shifted.bands[1:])
    assert band_lines(shifted)[-1] == (70.01, "batas Sangat Inovatif")
