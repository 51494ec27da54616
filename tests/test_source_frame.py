"""The "Sumber:" line names the frame the IID is actually computed with, as the page header does.

Hand-read from the bundled methodology files: 2021 borrows the 2023 formula and weights
(formula_status assumed, source deck2023); 2020 is shown under the 2023 frame (frame_edition
2023); 2023 and 2026 use their own (official / reported) formula; 2027 borrows 2026's.
"""

from __future__ import annotations

from types import SimpleNamespace

from iid_analysis.methodology.loader import load_methodology
from iid_analysis.report.sources import frame_year, method_text, source_line


def _a(year):
    return SimpleNamespace(year=year, methodology=load_methodology(year),
                           dataset=SimpleNamespace(region={"name": "Kota Contoh", "synthetic": False}))


def test_frame_year_of_each_edition():
    got = {y: frame_year(load_methodology(y)) for y in range(2019, 2028)}
    assert got == {2019: 2023, 2020: 2023, 2021: 2023, 2022: 2023, 2023: None, 2024: 2023,
                   2025: 2023, 2026: None, 2027: 2026}


def test_source_line_of_2021_names_the_borrowed_frame_and_ends_with_who_processed():
    assert source_line(_a(2021), "catatan") == (
        "Sumber: data inovasi Kota Contoh edisi 2021; metodologi edisi 2021 dengan bobot kerangka "
        "2023 (diasumsikan); catatan; diolah Bappeda dengan iid-analysis.")
    assert method_text(load_methodology(2023), 2023) == "metodologi edisi 2023"
    assert source_line(_a(2026)).endswith("metodologi edisi 2026; diolah Bappeda dengan iid-analysis.")


def test_a_trend_line_keeps_each_editions_method():
    line = source_line(_a(2021), years=[2019, 2020, 2021])
    assert "metodologi masing-masing edisi; diolah Bappeda dengan iid-analysis." in line
