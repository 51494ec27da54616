"""Methodology files: base.toml plus one short file per edition (2019–2027); every edition loads and
keeps its invariants; weights belong to indicator keys; the rule pack per edition; predicates on the
band edges (2020 on its own scale); the list of government affairs; broken files are refused with a
clear message."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from pathlib import Path

import pytest

from iid_analysis import predicate
from iid_analysis.methodology import (
    PREDICATES,
    STATUSES,
    MethodologyError,
    available_years,
    closest_affairs,
    load_methodology,
    normalise_affair,
    round_score,
)
from iid_analysis.methodology.affairs import affair_group, affairs_catalogue

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


YEARS = list(range(2019, 2028))

#: The 2026 SPD weights of the letter of 29 April 2026, sub-items merged per indicator (§8).
SPD_2026 = {
    "spd.visi_misi": 1, "spd.apbd": 1 + 1, "spd.perizinan": 1, "spd.pendapatan_per_kapita": 1,
    "spd.pengangguran": 0.75 + 0.75, "spd.investasi": 1.5, "spd.pad": 1.5, "spd.opini_bpk": 1.5,
    "spd.sakip": 1, "spd.kemiskinan": 0.75 + 0.75, "spd.ipm": 0.75 + 0.75, "spd.penghargaan_inovator": 2,
    "spd.kebijakan": 1 + 1, "spd.iptek": 1, "spd.haki": 1,
}


def test_every_edition_2019_to_2027_has_a_file():
    assert available_years() == YEARS


@pytest.mark.parametrize("year", YEARS)
def test_edition_invariants(year):
    m = load_methodology(year)
    assert m.year == year
    ids = [i.id for i in m.indicators]
    assert len(ids) == len(set(ids)) == 35  # 15 SPD + 20 SID (+ the count score = 36 indicators)
    assert [i.id for i in m.indicators_of("SPD")] == [f"SPD{k:02d}" for k in range(1, 16)]
    assert [i.id for i in m.indicators_of("SID")] == [f"SID{k:02d}" for k in range(1, 21)]
    assert all(i.weight > 0 and len(i.levels) == 3 and all(i.levels) and i.key for i in m.indicators)
    assert [b.predicate for b in m.bands] == list(PREDICATES)
    assert [b.predicate for b in m.edition_bands] == list(PREDICATES)
    assert m.bands[0].high == 100.0 and m.bands[-1].low == 0.0
    assert m.eligible_from < m.eligible_to
    assert m.input_opens <= m.input_closes <= m.input_deadline
    assert m.counted_stages == ("penerapan",)
    assert (m.max_spd, m.max_sid_per_innovation, m.max_count_score, m.max_total) == (63, 111, 76, 250)
    assert m.formula_status in STATUSES and m.formula_source
    for n in m.numbers:
        assert n.status in STATUSES and n.source
    assert m.assumptions() == [n for n in m.numbers if n.status == "assumed"]
    assert m.reported() == [n for n in m.numbers if n.status == "reported"]


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
        found = list(numbers({k: v for k, v in raw.items() if k not in ("sources", "alternatives")}, path.stem))
        assert len(found) > 5 or path.stem == "2023", path.stem
        for where, node in found:
            assert node.get("status") in STATUSES, where
            assert node.get("source") in sources, where
        for status in raw.get("weight_status", {}).values():
            assert status["status"] in STATUSES and status["source"] in sources
        assert raw.get("formula_source", "deck2023") in sources


def test_base_toml_is_not_an_edition():
    assert (METH_DIR / "base.toml").is_file()
    assert [p.stem for p in EDITION_FILES] == [str(y) for y in available_years()]


@pytest.mark.parametrize("path", EDITION_FILES, ids=lambda p: p.stem)
def test_edition_files_are_short(path):
    """An edition holds only what differs from base.toml; the catalogue and code map are not repeated."""
    assert len(path.read_text(encoding="utf-8").splitlines()) < 125


def _key(entry):
    return entry if isinstance(entry, str) else entry["key"]


@pytest.mark.parametrize("path", EDITION_FILES, ids=lambda p: p.stem)
def test_edition_codes_map_to_keys_of_the_base_catalogue(path):
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    known = set(_catalogue_keys(BASE["catalogue"]))
    merged = {**BASE["indicators"], **raw.get("indicators", {})}
    keys = [_key(entry) for entry in merged.values()]
    assert keys and set(keys) <= known, sorted(set(keys) - known)
    assert len(keys) == len(set(keys))
    # wording overrides only touch indicators the base knows
    assert set(_catalogue_keys(raw.get("catalogue", {}))) <= known
    m = load_methodology(int(path.stem))
    assert [i.key for i in m.indicators] == keys


def test_same_indicator_same_key_across_editions():
    """Codes differ between editions (2021's SPD09 is 2023's SPD08); the key names the indicator."""
    m21, m23 = load_methodology(2021), load_methodology(2023)
    assert m21.indicator("SPD09").name == m23.indicator("SPD08").name == "Opini BPK"
    assert m21.indicator("SPD09").key == m23.indicator("SPD08").key == "spd.opini_bpk"
    assert m21.indicator("SPD09").weight == m23.indicator("SPD08").weight == 1.5
    # 2021's SPD05 and 2022's SPD04 are both income per head: one weight (1), not 1.5 and 1
    assert m21.indicator("SPD05").key == load_methodology(2022).indicator("SPD04").key == "spd.pendapatan_per_kapita"
    assert m21.indicator("SPD05").weight == load_methodology(2022).indicator("SPD04").weight == 1.0


@pytest.mark.parametrize("year", YEARS)
def test_spd_weights_by_key_are_the_2026_weights(year):
    """A weight belongs to the indicator: every edition's SPD weights, by key, are the 2026 letter's
    merged per indicator; 2019–2021 list "lembaga kelitbangan" (weight 1, assumed) instead of HAKI."""
    m = load_methodology(year)
    got = {i.key: i.weight for i in m.indicators_of("SPD")}
    want = dict(SPD_2026)
    if year <= 2021:
        del want["spd.haki"]
        want["spd.kelitbangan"] = 1
    assert got == pytest.approx(want)
    assert sum(got.values()) == 21 and m.max_spd == 63
    statuses = {n.status for n in m.numbers if n.key.startswith("indicators.SPD")}
    assert statuses == ({"reported"} if year == 2026 else {"assumed"})


def test_weight_statuses_follow_the_sources():
    """SID weights copied from the regional form are reported (assumed for the 2019–2021 editions)."""
    def sid_statuses(year):
        return {n.status for n in load_methodology(year).numbers if n.key.startswith("indicators.SID")}

    for year in (2019, 2020, 2021):
        assert sid_statuses(year) == {"assumed"}
    for year in range(2022, 2028):
        assert sid_statuses(year) == {"reported"}
    assert "official" not in {n.status for y in YEARS for n in load_methodology(y).numbers
                              if n.key.startswith("indicators.")}


@pytest.mark.parametrize("year", YEARS)
def test_flagship_tiebreak_is_data(year):
    m = load_methodology(year)
    assert m.flagship_tiebreak == ("SID16", "SID18")
    assert [m.indicator(i).name for i in m.flagship_tiebreak] == ["Replikasi", "Kemanfaatan inovasi"]


def test_2023_maxima():
    m = load_methodology(2023)
    assert (m.max_spd, m.max_sid_per_innovation, m.max_count_score, m.max_total) == (63, 111, 76, 250)
    assert m.weights("SID").sum() == 37 and m.weights("SPD").sum() == 21
    assert m.divisor(3) == 10 and m.divisor(44) == 44
    assert m.count_score(19) == pytest.approx(7.22) and m.count_score(500) == pytest.approx(76)
    assert m.formula_status == "official" and m.frame_edition == 2023


def test_2021_windows_and_assumptions():
    m = load_methodology(2021)
    assert (m.eligible_from, m.eligible_to) == (dt.date(2019, 1, 1), dt.date(2020, 12, 31))
    assert m.input_closes == dt.date(2021, 8, 13) and m.input_deadline == dt.date(2021, 9, 17)
    assert m.max_previous_entries == 0
    keys = {n.key for n in m.assumptions()}
    assert {"aggregation.count_score_per_innovation", "eligibility.implemented_from",
            "bands.Inovatif.low", "indicators.SID01.weight", "indicators.SPD02.weight"} <= keys
    reported = {n.key for n in m.reported()}
    assert {"input_window.closes", "bands.Sangat Inovatif.low"} <= reported  # news, not an official text
    assert "input_window.closes" not in keys
    alt = m.with_alternative("sid_weights_form2021")
    assert alt.max_sid_per_innovation == 150 and alt.max_total == 63 + 150 + 76
    assert m.max_total == 250  # the original is unchanged
    cap = m.with_alternative("count_score_cap100")
    assert cap.count_score(30) == pytest.approx(22.8) and cap.count_score(150) == pytest.approx(76)
    assert cap.max_total == 250  # the official maximum of the count score (76) is kept


# (year, divisor_min, basic_affairs_required, development_counts, min_design_words, profile fields,
#  formula_status, eligibility window)
RULES = [
    (2019, 10, 0, False, 0, (), "assumed", (2017, 2018)),
    (2020, 10, 0, False, 0, (), "assumed", (2018, 2019)),
    (2021, 10, 0, False, 0, (), "assumed", (2019, 2020)),
    (2022, 10, 0, False, 0, (), "assumed", (2020, 2021)),
    (2023, 10, 0, False, 0, (), "official", (2021, 2022)),
    (2024, 10, 0, True, 0, (), "assumed", (2022, 2023)),
    (2025, 10, 0, True, 0, ("latitude", "longitude", "asta_cita"), "assumed", (2023, 2024)),
    (2026, 12, 5, True, 300, ("latitude", "longitude", "asta_cita"), "reported", (2024, 2025)),
    (2027, 14, 6, True, 300, ("latitude", "longitude", "asta_cita"), "assumed", (2025, 2026)),
]


@pytest.mark.parametrize("year, dmin, required, developed, words, asked, formula, window", RULES)
def test_rule_pack_per_edition(year, dmin, required, developed, words, asked, formula, window):
    m = load_methodology(year)
    assert (m.divisor_min, m.basic_affairs_required, m.development_counts) == (dmin, required, developed)
    assert (m.min_design_words, m.profile_fields_asked, m.formula_status) == (words, asked, formula)
    assert (m.eligible_from, m.eligible_to) == (dt.date(window[0], 1, 1), dt.date(window[1], 12, 31))
    assert m.affair_coverage == "main" and len(m.basic_affairs) == 6
    assert m.frame_edition == (2023 if year == 2020 else year)
    # hand-computed: SID divided by MAX(dmin, n)
    assert m.divisor(dmin - 3) == dmin and m.divisor(dmin + 7) == dmin + 7


def test_2026_and_2027_rules_are_reported_where_the_letter_says_so():
    m26, m27 = load_methodology(2026), load_methodology(2027)
    status26 = {n.key: n.status for n in m26.numbers}
    status27 = {n.key: n.status for n in m27.numbers}
    for key in ("aggregation.divisor_min", "aggregation.basic_affairs_required", "eligibility.implemented_from",
                "eligibility.development_counts", "profile.min_design_words", "bands.Inovatif.low"):
        assert status26[key] == "reported", key
    assert status27["aggregation.divisor_min"] == status27["aggregation.basic_affairs_required"] == "reported"
    assert status27["bands.Inovatif.low"] == status27["input_window.opens"] == "assumed"
    assert m26.input_opens == dt.date(2026, 6, 1) and status26["input_window.opens"] == "assumed"


def test_input_windows_per_edition():
    want = {2019: (dt.date(2019, 5, 21), "assumed"), 2020: (dt.date(2020, 5, 14), "reported"),
            2024: (dt.date(2024, 6, 13), "reported"), 2025: (dt.date(2025, 6, 20), "reported")}
    for year, (opens, status) in want.items():
        m = load_methodology(year)
        assert m.input_opens == opens
        assert next(n for n in m.numbers if n.key == "input_window.opens").status == status
    assert load_methodology(2020).input_closes == dt.date(2020, 9, 20)
    assert load_methodology(2024).input_deadline == dt.date(2024, 8, 22)
    assert load_methodology(2025).input_deadline == dt.date(2025, 8, 23)


def test_alternatives_per_edition():
    def alts(year):
        return {a.id: a for a in load_methodology(year).alternatives}

    assert set(alts(2021)) == {"sid_weights_form2021", "count_score_cap100"}
    assert set(alts(2019)) == set(alts(2020)) == {"count_score_cap100"}
    for year in (2022, 2023, 2024, 2025):
        assert set(alts(year)) == {"count_score_cap100", "n_all_reported"}
    for year in (2026, 2027):
        a = alts(year)
        assert set(a) == {"count_score_cap100", "n_all_reported", "affair_coverage_overlapping"}
        assert a["affair_coverage_overlapping"].value == "main_and_overlapping"
    n_all = alts(2023)["n_all_reported"]
    assert (n_all.replaces, n_all.value, n_all.status) == ("n_all_reported", True, "reported")
    assert "gatra.com" in n_all.source
    m = load_methodology(2026)
    over = m.with_alternative("affair_coverage_overlapping")
    assert over.affair_coverage == "main_and_overlapping" and m.affair_coverage == "main"
    both = over.with_alternative("n_all_reported")
    assert both.n_all_reported and not m.n_all_reported
    assert both.variant == "affair_coverage_overlapping+n_all_reported"


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


@pytest.mark.parametrize(
    "year, iid, expected",
    [(2025, 65.0, "Inovatif"), (2025, 65.004, "Inovatif"), (2025, 65.005, "Sangat Inovatif"),
     (2025, 65.01, "Sangat Inovatif"), (2025, 35.0, "Inovatif"), (2025, 34.99, "Kurang Inovatif"),
     (2026, 40.0, "Kurang Inovatif"), (2026, 40.01, "Inovatif"), (2026, 65.0, "Inovatif"),
     (2026, 65.01, "Sangat Inovatif"), (2026, 0.01, "Kurang Inovatif"), (2026, 0, "Tidak Dapat Dinilai"),
     (2027, 40.0, "Kurang Inovatif"), (2027, 40.01, "Inovatif"), (2027, 65.01, "Sangat Inovatif"),
     (2024, 60.01, "Sangat Inovatif"), (2022, 35.0, "Inovatif"), (2019, 60.0, "Inovatif")],
)
def test_predicate_bands_of_later_editions(year, iid, expected):
    assert predicate(iid, year) == expected
    assert load_methodology(year).predicate(iid) == expected  # bands == edition_bands outside 2020


def test_2020_on_its_own_scale():
    """2020 gave its predicates on a scale of its own; the IID the project shows for 2020 is the
    like-for-like estimate under the 2023 frame, classified on the 2023 bands."""
    assert predicate(1000.01, 2020) == "Sangat Inovatif"
    assert predicate(1000.0, 2020) == predicate(600, 2020) == predicate(500.01, 2020) == "Inovatif"
    assert predicate(500, 2020) == predicate(0.01, 2020) == "Kurang Inovatif"
    assert predicate(0, 2020) == "Tidak Dapat Dinilai"
    m = load_methodology(2020)
    assert m.edition_bands[0].high == float("inf") and m.edition_bands != m.bands
    assert [(b.low, b.high) for b in m.bands] == [(b.low, b.high) for b in load_methodology(2023).bands]
    assert m.predicate(60.01) == "Sangat Inovatif"
    assert m.predicate(50) == "Inovatif" and predicate(50, 2020) == "Kurang Inovatif"
    assert (m.frame_edition, m.formula_status) == (2023, "assumed")
    assert {n.status for n in m.numbers if n.key.startswith("bands.")} == {"assumed"}  # not official-looking
    assert "35 indikator" in m.frame_note and "7 variabel" in m.frame_note
    with pytest.raises(MethodologyError, match="di luar rentang"):
        m.predicate(600)


def test_round_half_up():
    assert round_score(34.995) == 35.0 and round_score(60.005) == 60.01 and round_score(53.964) == 53.96


def test_unknown_edition_is_a_clear_error():
    with pytest.raises(MethodologyError, match="2031.*tersedia: 2019"):
        load_methodology(2031)


def _edition_2023_with_defaults() -> str:
    """2023.toml with the aggregation, bands and code map it inherits from base.toml written out."""
    base = (METH_DIR / "base.toml").read_text(encoding="utf-8")
    inherited = base[base.index("[aggregation]"):base.index("[eligibility]")]
    inherited += base[base.index("[[bands]]"):base.index("[[alternatives]]")]
    start = base.index("\n[indicators]\n") + 1
    inherited += base[start:base.index("# ------", start)]
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
        ('SID02 = "sid.sdm"', 'SID02 = "sid.regulasi"', "ganda"),
        ('SID02 = "sid.sdm"', 'SID02 = "sid.sdm_typo"', "tidak ada di katalog"),
        ('SID02 = "sid.sdm"', 'SID02 = { key = "sid.sdm", weight = { value = -2, status = "reported", source = "sidform" } }',
         "positif"),
        ("low = { value = 35.0,", "low = { value = 35.5,", "celah"),
        ("low = { value = 35.0,", "low = { value = 34.0,", "tumpang tindih"),
        ('status = "official", source = "deck2023", note = "Inovasi', 'status = "maybe", source = "deck2023", note = "Inovasi',
         "official/reported/assumed"),
        ("max_total = { value = 250", "max_total = { value = 260", "max_total"),
        ("edition = 2023", "edition = 2023\nflagship_tiebreak = [\"sid.replikasi\", \"spd.kelitbangan\"]",
         "flagship_tiebreak"),
        ("edition = 2023", "edition = 2023\nframe_edition = \"2023\"", "frame_edition"),
        ("edition = 2023", "edition = 2023\nformula_status = \"official-ish\"", "formula_status"),
        ("[indicators]", "[catalogue]\nsid.regulasii.name = \"x\"\n[indicators]", "aspek"),
        ('SID02 = "sid.sdm"', 'SID02 = { key = "sid.sdm", name = "x" }', "tidak dikenal"),
        ("basic_affairs_required = { value = 0", "basic_affairs_required = { value = 7", "0–6"),
        ('affair_coverage = { value = "main"', 'affair_coverage = { value = "all"', "affair_coverage"),
        ('"Sosial"], status', '"Sosial Budaya"], status', r"tidak ada di \[affairs\]"),
        ("[indicators]", '[affairs]\n"Kesehatan Hewan" = { group = "pilihan", aliases = ["pu"] }\n[indicators]', "dua urusan"),
        ("[indicators]", '[affairs]\n"Kesehatan Hewan" = { group = "lain", aliases = [] }\n[indicators]', "group"),
        ("[indicators]", '[profile]\nfields_asked = { value = ["nik"], status = "assumed", source = "project" }\n[indicators]',
         "profile"),
        ("[indicators]", '[weight_status]\nSID = { status = "reported", source = "sidform", value = 1 }\n[indicators]',
         "weight_status"),
        ("[indicators]", '[[alternatives]]\nid = "x"\nreplaces = "affair_coverage"\nsource = "project"\nvalue = "all"\n'
         "[indicators]", "tidak valid"),
        ("[indicators]", '[[alternatives]]\nid = "x"\nreplaces = "who_knows"\nsource = "project"\nvalue = 1\n'
         "[indicators]", "tidak valid"),
        ("[indicators]", '[[edition_bands]]\npredicate = "Sangat Inovatif"\nlow = { value = 50.01, status = "assumed", '
         'source = "project" }\nhigh = { value = 90.0, status = "assumed", source = "project" }\n[indicators]', "0–100"),
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
    text = (METH_DIR / "2023.toml").read_text(encoding="utf-8")
    text += '\n[aggregation]\ndivisor_min = { value = 12, status = "assumed", source = "project" }\n'
    p = tmp_path / "2028.toml"
    p.write_text(text.replace("edition = 2023", "edition = 2028"), encoding="utf-8")
    m = load_methodology(p)
    n = next(x for x in m.numbers if x.key == "aggregation.divisor_min")
    assert (m.year, m.divisor_min, n.status, n.note) == (2028, 12, "assumed", "")
    assert m.indicators == load_methodology(2023).indicators  # the rest comes from base and the file
    assert m.frame_edition == 2028  # frame_edition defaults to the edition itself


def test_an_edition_overrides_a_weight_or_its_status_only(tmp_path):
    """The weight comes from the key; [weight_status] changes the status of an aspect, an entry
    with its own weight changes one indicator."""
    text = (METH_DIR / "2023.toml").read_text(encoding="utf-8")
    text += ('\n[weight_status]\nSPD = { status = "reported", source = "spd2026" }\n'
             '[indicators]\nSID20 = { key = "sid.video", weight = { value = 5, status = "assumed", source = "project" } }\n'
             '[aggregation]\nmax_sid_per_innovation = { value = 114, status = "assumed", source = "project" }\n'
             'max_total = { value = 253, status = "assumed", source = "project" }\n')
    p = tmp_path / "x.toml"
    p.write_text(text, encoding="utf-8")
    m, m23 = load_methodology(p), load_methodology(2023)
    status = {n.key: n.status for n in m.numbers}
    assert status["indicators.SPD08.weight"] == "reported" and m.indicator("SPD08").weight == 1.5
    assert m.indicator("SID20").weight == 5 and status["indicators.SID20.weight"] == "assumed"
    assert m.max_sid_per_innovation == m23.max_sid_per_innovation + 3
    assert m23.indicator("SID20").weight == 4  # the base is unchanged


SAMPLE_AFFAIRS = [
    "Administrasi Kependudukan dan Pencatatan Sipil", "Hukum", "Kearsipan", "Kebudayaan", "Kelautan dan Perikanan",
    "Kepegawaian", "Kepemudaan dan Olahraga", "Kesatuan Bangsa dan Politik", "Kesehatan",
    "Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat", "Keuangan", "Komunikasi dan Informatika",
    "Koperasi, Usaha Kecil dan Menengah", "Lingkungan Hidup", "Pangan", "Pariwisata",
    "Pekerjaan Umum dan Penataan Ruang", "Pemberdayaan Masyarakat dan Desa",
    "Pemberdayaan Perempuan dan Pelindungan Anak", "Pemerintahan Umum", "Penanaman Modal", "Pendidikan",
    "Pendidikan dan Pelatihan", "Penelitian dan Pengembangan", "Pengadaan Barang dan Jasa", "Pengawasan",
    "Pengendalian Penduduk dan Keluarga Berencana", "Perdagangan", "Perencanaan", "Perhubungan", "Perindustrian",
    "Perpustakaan", "Persandian", "Pertanahan", "Pertanian", "Perumahan Rakyat dan Kawasan Permukiman", "Sosial",
    "Statistik", "Tenaga Kerja",
]


def test_the_list_of_government_affairs():
    """UU 23/2014: 6 basic-service affairs, 18 other obligatory, 8 optional; supporting functions too."""
    m = load_methodology(2026)
    assert m.affairs == affairs_catalogue() and m.affairs == load_methodology(2019).affairs
    groups = [m.affair_groups[a] for a in m.affairs]
    assert (groups.count("pelayanan_dasar"), groups.count("non_pelayanan_dasar"), groups.count("pilihan")) == (6, 18, 8)
    assert [a for a in m.affairs if m.affair_groups[a] == "pelayanan_dasar"] == list(m.basic_affairs)
    assert m.basic_affairs == (
        "Pendidikan", "Kesehatan", "Pekerjaan Umum dan Penataan Ruang", "Perumahan Rakyat dan Kawasan Permukiman",
        "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat", "Sosial",
    )
    for name in ("Perencanaan", "Keuangan", "Kepegawaian", "Pendidikan dan Pelatihan",
                 "Penelitian dan Pengembangan", "Pengawasan", "Pemerintahan Umum", "Kesekretariatan"):
        assert affair_group(name) == "penunjang"
    assert all(a == a.casefold() for aliases in m.affairs.values() for a in aliases)


@pytest.mark.parametrize("text", SAMPLE_AFFAIRS)
def test_every_affair_of_the_sample_normalises(text):
    assert normalise_affair(text) is not None


@pytest.mark.parametrize(
    "text, canonical",
    [("PU", "Pekerjaan Umum dan Penataan Ruang"), ("pupr", "Pekerjaan Umum dan Penataan Ruang"),
     ("Dukcapil", "Administrasi Kependudukan dan Pencatatan Sipil"),
     ("Kependudukan dan Pencatatan Sipil", "Administrasi Kependudukan dan Pencatatan Sipil"),
     ("Koperasi dan UKM", "Koperasi, Usaha Kecil, dan Menengah"),
     ("Koperasi, Usaha Kecil dan Menengah", "Koperasi, Usaha Kecil, dan Menengah"),
     ("Trantibum", "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat"),
     ("Ketentraman dan Ketertiban Umum", "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat"),
     ("  KESEHATAN ", "Kesehatan"), ("kepemudaan & olahraga", "Kepemudaan dan Olah Raga"),
     ("Perumahan dan Kawasan Permukiman", "Perumahan Rakyat dan Kawasan Permukiman"),
     ("Pengendalian Penduduk dan KB", "Pengendalian Penduduk dan Keluarga Berencana"),
     ("Kesehatan Hewan", None), ("", None), (None, None), (float("nan"), None)],
)
def test_normalise_affair(text, canonical):
    assert normalise_affair(text) == canonical


def test_closest_affairs():
    assert closest_affairs("Kesehtan")[0] == "Kesehatan"
    assert closest_affairs("Kesehatan Hewan", k=1) == ["Kesehatan"]
    assert len(closest_affairs("Pendidkan", k=2)) <= 2 and closest_affairs("Pendidkan")[0] == "Pendidikan"
    assert closest_affairs("qwertyuiop") == [] and closest_affairs("") == []
    small = {"Pendidikan": ("disdik",)}
    assert normalise_affair("DISDIK", small) == "Pendidikan" and normalise_affair("Kesehatan", small) is None


def test_predicate_lines_in_figures_come_from_the_methodology():
    from iid_analysis.report.views import band_lines

    assert band_lines(load_methodology(2023)) == [(35.0, "batas Inovatif"), (60.01, "batas Sangat Inovatif")]
    shifted = load_methodology(2023)
    from iid_analysis.methodology import Band

    shifted = dataclasses.replace(shifted, bands=(Band("Sangat Inovatif", 70.01, 100.0),) + shifted.bands[1:])
    assert band_lines(shifted)[-1] == (70.01, "batas Sangat Inovatif")
