"""The index page's trend marks the editions whose method differs from the one before.

By hand from the bundled methodology files: 2020 is shown under the 2023 frame (frame_edition
2023); 2025 raises the Sangat Inovatif floor from 60,01 to 65,01; 2026 moves the Inovatif floor
to 40,01, divides by MAX(12, n) and gates the count score on 5 of the 6 basic affairs. 2019,
2021–2024 are computed as the edition before them.
"""

from __future__ import annotations

import re

from iid_analysis.run.index_page import method_changes, trend_note, trend_svg


def _res(year, frame=None):
    return {"methodology_year": year, "frame_edition": frame or year, "iid": 40.0}


EDITIONS = [(str(y), _res(y, 2023 if y == 2020 else None)) for y in range(2019, 2027)]


def test_the_changed_editions_and_what_changed():
    c = method_changes(EDITIONS)
    assert list(c) == ["2020", "2025", "2026"]
    assert c["2020"] == "adalah perkiraan dengan kerangka 2023"
    assert c["2025"] == "menaikkan batas bawah Sangat Inovatif menjadi 65,01"
    assert c["2026"] == ("mengubah rentang predikat, membagi SID dengan MAX(12, n) dan memberi skor "
                         "jumlah inovasi hanya bila sekurang-kurangnya 5 dari 6 urusan pelayanan "
                         "dasar tercakup")


def test_a_single_edition_has_nothing_to_compare_and_no_note():
    assert method_changes([("2021", _res(2021))]) == {}
    assert trend_note({}) == ""


def test_marked_points_are_open_circles_with_an_asterisk():
    svg = trend_svg([("2024", 60.0), ("2025", 70.0)], marked={"2025"})
    assert len(re.findall(r'fill="#fff" stroke="#c25b00"', svg)) == 1
    assert ">2025*<" in svg and ">2024<" in svg


def test_the_note_names_the_changes_and_links_page_02():
    note = trend_note(method_changes(EDITIONS), "2026/02_index.html")
    assert note.startswith("<p>Titik berlingkar jingga dan bertanda * menandai edisi")
    assert "2020 adalah perkiraan dengan kerangka 2023; 2025 menaikkan" in note
    assert '<a href="2026/02_index.html">perbandingan setara di halaman 02</a>' in note
