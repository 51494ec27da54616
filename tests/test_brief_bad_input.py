"""The IGA brief (memo and sections) on bad input: a region name with markup or a formula, no region
table, an edition with no published peers, no previous edition, no innovations at all, and a
kabupaten in another province that is not synthetic. Each renders, says what is missing in a
sentence, and shows no "nan", "None", "NaT" nor an empty heading."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import mistune
import pandas as pd
import pytest

from iid_analysis.analysis import analyse
from iid_analysis.report.brief import report_markdown, report_sections
from iid_analysis.report.memo import memo_markdown

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample"
DRAWS = 200


def _copy(tmp_path: Path, name: str) -> Path:
    dst = tmp_path / name
    shutil.copytree(SAMPLE, dst)
    return dst


def _read(folder: Path, table: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)


def _write(folder: Path, table: str, df: pd.DataFrame) -> None:
    df.to_csv(folder / f"{table}.csv", index=False)


def _region(folder: Path, name: str, kind: str = "kota", province: str = "Jawa Tengah",
            synthetic: str = "true") -> None:
    _write(folder, "region", pd.DataFrame([{"name": name, "kind": kind, "province": province,
                                            "synthetic": synthetic}]))


def _only_years(folder: Path, years: set[str]) -> None:
    for table in ("innovations", "innovation_indicators", "region_indicators"):
        df = _read(folder, table)
        _write(folder, table, df[df["year"].isin(years)])


def _clean(md: str) -> None:
    """No missing-value tokens, no empty heading (a heading followed by a heading of the same or a
    higher level, or by the end)."""
    for token in ("nan", "None", "NaT"):
        assert not re.search(rf"\b{token}\b", md), token
    lines = [line for line in md.splitlines() if line.strip()]

    def level(line: str) -> int:
        m = re.match(r"^(#+) ", line)
        return len(m.group(1)) if m else 0
    for i, line in enumerate(lines):
        if level(line):
            nxt = level(lines[i + 1]) if i + 1 < len(lines) else 1
            assert i + 1 < len(lines) and not (nxt and nxt <= level(line)), f"empty heading: {line}"


def _render(a) -> tuple[str, str]:
    memo = memo_markdown(a)
    whole = report_markdown(a)
    _clean(whole)
    assert memo in whole
    return memo, whole


def test_region_name_with_markup_is_escaped(tmp_path):
    folder = _copy(tmp_path, "markup")
    _region(folder, "<b>Kota X</b>")
    a = analyse(folder, 2021, draws=DRAWS)
    memo, whole = _render(a)
    html = mistune.html(whole)
    assert "<b>Kota X</b>" not in html and "<b>" not in html
    assert "&lt;b&gt;Kota X&lt;/b&gt;" in html  # shown as written
    assert "Kepala Bappeda &lt;b&gt;Kota X&lt;/b&gt;" in html
    # the kind "kota" gives the title even though the name does not start with it
    assert "Wali Kota" in memo


def test_region_name_that_starts_a_formula(tmp_path):
    folder = _copy(tmp_path, "formula")
    _region(folder, "=HYPERLINK(\"x\")")
    a = analyse(folder, 2021, draws=DRAWS)
    memo, whole = _render(a)
    assert "Kepala Bappeda =HYPERLINK" in memo
    assert "Kepada:** Wali Kota =HYPERLINK" in memo


def test_no_region_table(tmp_path):
    folder = _copy(tmp_path, "noregion")
    (folder / "region.csv").unlink()
    a = analyse(folder, 2021, draws=DRAWS)
    assert a.dataset.region is None
    memo, whole = _render(a)
    assert "**Kepada:** Kepala Daerah" in memo
    assert "**Dari:** Kepala Bappeda\n" in memo or "**Dari:** Kepala Bappeda  \n" in memo
    assert "Data tidak memuat tabel daerah" in memo
    assert "Posisi di antara daerah lain" not in whole  # silent: no heading at all
    assert "Pekalongan" not in memo


def test_edition_without_published_peers_and_no_previous_edition(tmp_path):
    folder = _copy(tmp_path, "only2026")
    _only_years(folder, {"2026"})
    a = analyse(folder, 2026, draws=DRAWS)
    assert a.previous is None and a.dataset.years() == [2026]
    assert a.peers.own is None and a.peers.province.empty and a.peers.national.empty
    memo, whole = _render(a)
    assert ("## Posisi di antara daerah lain\n\nBelum ada hasil IID terbit untuk daerah di Provinsi "
            "Jawa Tengah pada edisi 2026") in whole
    assert "Dibanding edisi" not in whole


def test_only_one_edition_in_the_data(tmp_path):
    folder = _copy(tmp_path, "only2021")
    _only_years(folder, {"2021"})
    a = analyse(folder, 2021, draws=DRAWS)
    assert a.previous is None
    memo, whole = _render(a)
    assert "Wali Kota Pekalongan" in memo and "**Tanggal:** 16 September 2021 (tanggal data)" in memo


def test_no_innovations_for_the_edition(tmp_path):
    folder = _copy(tmp_path, "noinnov")
    for table in ("innovations", "innovation_indicators"):
        df = _read(folder, table)
        _write(folder, table, df[df["year"] != "2021"])
    a = analyse(folder, 2021, draws=DRAWS)
    assert len(a.review.innovations) == 0
    memo, whole = _render(a)
    assert "Tidak ada inovasi yang diisikan untuk edisi 2021" in memo
    # no entries: the data date is the close of the input period, never today's date
    assert "**Tanggal:** 13 Agustus 2021 (tanggal data)" in memo
    n = len(re.findall(r"^\d+\. \*\*", memo, flags=re.M))
    assert 3 <= n <= 5


def test_kabupaten_in_another_province_not_synthetic(tmp_path):
    folder = _copy(tmp_path, "contoh")
    _region(folder, "Kabupaten Contoh", kind="kabupaten", province="Jawa Timur", synthetic="false")
    a = analyse(folder, 2021, draws=DRAWS)
    assert a.dataset.region["synthetic"] is False
    memo, whole = _render(a)
    assert "**Kepada:** Bupati Contoh" in memo
    assert "Kepala Bappeda Kabupaten Contoh" in memo
    assert "Keputusan yang diminta dari Bupati Contoh" in memo
    assert a.peers.province_name == "Jawa Timur" and a.peers.province.empty and a.peers.own is None
    # nothing published for Jawa Timur: one sentence, no Central Java peers
    assert "Belum ada hasil IID terbit untuk daerah di Provinsi Jawa Timur pada edisi 2021" in whole
    posisi = next(s.markdown for s in report_sections(a) if s.key == "posisi")
    assert posisi.startswith("Belum ada hasil IID terbit") and "Tegal" not in posisi
    assert "Jawa Tengah" not in whole
    assert "sintetis" not in whole.lower()
    assert "Pekalongan" not in memo


@pytest.mark.parametrize("year", [2021])
def test_bundled_sample_memo_is_short(year):
    a = analyse(SAMPLE, year, draws=DRAWS)
    memo = memo_markdown(a)
    # the body between the Nota Dinas header (Kepada … Perihal) and the stage table
    prose = memo.split("**Perihal:**")[1].split("\n\n", 1)[1].split("**Tahapan IGA berikutnya**")[0]
    assert len(re.findall(r"\w+", prose)) <= 260
    _clean(report_markdown(a))
