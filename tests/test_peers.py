"""The region among its peers: published results of the same province and edition, the national
predicate counts, the region's own published result, and the section text (silent when it must be)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from iid_analysis.analyses.peers import normalise_name, peers
from iid_analysis.report.peers_text import MAX_PEERS, peers_markdown, source_label

RESULTS = """region,province,region_kind,edition,iid,predicate,n_sent,n_accepted,n_collected,mean_maturity,rank,note,source
Kota Alfa,Jawa Tengah,kota,2022,53.96,Inovatif,22,,44,,,a,https://satu.example/a
Kota Alfa,Jawa Tengah,kota,2022,,Inovatif,,,,,,b,dua.example
Kab. Beta,Jawa Tengah,kabupaten,2022,62.06,Sangat Inovatif,,,,,10,c,https://www.tiga.example/x
Kabupaten Gamma,jawa tengah,kabupaten,2022,,Inovatif,,,,,,d,dua.example
Kota Delta,Jawa Timur,kota,2022,70.00,Sangat Inovatif,,,,,,e,empat.example
Kab. Beta,Jawa Tengah,kabupaten,2021,40.00,Inovatif,,,,,,f,lima.example
"""
NATIONAL = """edition,scope,regions,innovations,sangat_inovatif,inovatif,kurang_inovatif,tidak_dapat_dinilai,mean_iid,note,source
2022,semua,510,26900,44,365,101,,,n,nasional.example
2022,kota,,,10,20,5,,,n,kota.example
2024,semua,529,31719,,,,,46.01,n,rata.example
"""


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "results.csv").write_text(RESULTS, encoding="utf-8")
    (tmp_path / "national.csv").write_text(NATIONAL, encoding="utf-8")
    return tmp_path


def test_normalise_name():
    assert normalise_name("Kab. Tegal") == normalise_name("kabupaten  tegal") == "kabupaten tegal"
    assert normalise_name("Kab Tegal") == "kabupaten tegal"
    assert normalise_name(" KOTA Pekalongan ") == "kota pekalongan"
    assert normalise_name(None) == ""


def test_own_province_and_national_by_kind(folder):
    p = peers({"name": "kota alfa", "kind": "kota", "province": "JAWA TENGAH"}, 2022, folder)
    # two facts about the region merge into one, keeping the published IID and both sources
    assert p.own["iid"] == pytest.approx(53.96) and p.own["predicate"] == "Inovatif"
    assert p.own["source"] == "https://satu.example/a ; dua.example"
    # the same province (case folded), the same edition, the region itself left out; IID first
    assert list(p.province["region"]) == ["Kab. Beta", "Kabupaten Gamma"]
    assert p.province["iid"].iloc[0] == pytest.approx(62.06) and pd.isna(p.province["iid"].iloc[1])
    assert int(p.province["rank"].iloc[0]) == 10
    # the national row of the region's kind, where the source splits by kind
    assert list(p.national["scope"]) == ["kota"] and int(p.national["sangat_inovatif"].iloc[0]) == 10
    assert p.sources[0] == "https://satu.example/a" and "kota.example" in p.sources


def test_kab_and_kabupaten_match_and_other_kinds_use_all_regions(folder):
    p = peers({"name": "Kabupaten Beta", "kind": "kabupaten", "province": "Jawa Tengah"}, 2022, folder)
    assert p.own["iid"] == pytest.approx(62.06) and p.own["rank"] == 10
    assert list(p.province["region"]) == ["Kota Alfa", "Kabupaten Gamma"]
    assert list(p.national["scope"]) == ["semua"] and int(p.national["regions"].iloc[0]) == 510


def test_nothing_published(folder):
    p = peers({"name": "Kota Alfa", "kind": "kota", "province": "Jawa Tengah"}, 2026, folder)
    assert p.own is None and p.province.empty and p.national.empty and p.empty and p.sources == ()
    p = peers({"name": "Kota Baru", "kind": "kota", "province": "Papua"}, 2022, folder)
    assert p.own is None and p.province.empty and not p.national.empty


def _a(region, p, iid=43.45, predicate="Inovatif"):
    return SimpleNamespace(peers=p, dataset=SimpleNamespace(region=region),
                           result=SimpleNamespace(iid=iid, predicate=predicate))


def test_section_text(folder):
    region = {"name": "Kota Alfa", "kind": "kota", "province": "Jawa Tengah", "synthetic": False}
    md = peers_markdown(_a(region, peers(region, 2022, folder)))
    assert md.startswith("Hasil terbit Kota Alfa edisi 2022: IID 53,96 dan predikat Inovatif "
                         "(sumber: satu\\.example; dua\\.example).")
    assert "IID terverifikasi laporan ini 43,45 (Inovatif)" in md
    assert "Di Provinsi Jawa Tengah, sumber terbitan yang ditelusuri memuat hasil edisi 2022 untuk 2 daerah lain: " in md
    assert "| Kab\\. Beta | Sangat Inovatif | 62,06 | tiga\\.example |" in md
    assert "| Kabupaten Gamma | Inovatif | – | dua\\.example |" in md
    assert "Sebaran predikat edisi 2022 di antara kota seluruh Indonesia: 10 Sangat Inovatif, " \
           "20 Inovatif, dan 5 Kurang Inovatif." in md
    assert "sintetis" not in md
    # synthetic data: the published result is not compared with the report's figure
    md = peers_markdown(_a({**region, "synthetic": True}, peers(region, 2022, folder)))
    assert "tidak untuk dibandingkan" in md and "IID terverifikasi laporan ini" not in md


def test_section_mean_iid_and_silence(folder):
    region = {"name": "Kab. Beta", "kind": "kabupaten", "province": "Jawa Tengah", "synthetic": False}
    md = peers_markdown(_a(region, peers({**region}, 2021, folder)))
    assert md.startswith("Hasil terbit Kab\\. Beta edisi 2021: IID 40,00 dan predikat Inovatif")
    # the region known, nothing published for its province and edition: one sentence
    other = {"name": "Kabupaten Contoh", "kind": "kabupaten", "province": "Jawa Timur"}
    md = peers_markdown(_a(other, peers(other, 2024, folder)))
    assert md == ("Belum ada hasil IID terbit untuk daerah di Provinsi Jawa Timur pada edisi 2024, "
                  "sehingga posisi di antara daerah lain belum dapat ditampilkan.")
    # the region unknown: silent
    assert peers_markdown(_a(None, peers(None, 2022, folder))) == ""


def test_long_province_lists_are_cut(tmp_path):
    rows = [f"Kota K{i:02d},Jawa Tengah,kota,2022,,Inovatif,,,,,,x,src.example" for i in range(MAX_PEERS + 3)]
    (tmp_path / "results.csv").write_text(RESULTS.splitlines()[0] + "\n" + "\n".join(rows) + "\n",
                                          encoding="utf-8")
    (tmp_path / "national.csv").write_text(NATIONAL, encoding="utf-8")
    region = {"name": "Kota Alfa", "kind": "kota", "province": "Jawa Tengah"}
    md = peers_markdown(_a(region, peers(region, 2022, tmp_path)))
    assert md.count("| Kota K") == MAX_PEERS
    assert "Daerah lain yang juga tercatat: Kota K10; Kota K11; dan Kota K12." in md
    assert "Sumber tabel: src\\.example." in md  # one source for every row: said once


def test_source_label():
    assert source_label("https://www.a.example/x ; b.example (rapat)") == "a\\.example; b\\.example \\(rapat\\)"
    assert source_label("") == ""


def test_published_2022_for_the_sample_region():
    p = peers({"name": "Kota Pekalongan", "kind": "kota", "province": "Jawa Tengah"}, 2022)
    assert p.own["iid"] == pytest.approx(53.96) and p.own["predicate"] == "Inovatif"
    assert "Kota Semarang" in set(p.province["region"]) and "Kota Pekalongan" not in set(p.province["region"])
    assert int(p.national["sangat_inovatif"].iloc[0]) == 44
