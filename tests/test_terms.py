"""Clean Indonesian on every generated page: no forbidden form of the term list
(:data:`iid_analysis.report.terms.FORBIDDEN`) and no sentence that opens with a numeral.

The scanner is tested on hand-made HTML first (it must fail on "10 dari 37 OPD…" and on
"Non Digital"), then run on every HTML page of one pipeline run on the bundled data (the session
fixture ``reports``) and on the strings of each edition's review.xlsx.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from iid_analysis.report.terms import (
    FORBIDDEN,
    find_forbidden,
    numeral_openings,
    page_blocks,
    page_text,
    scan_html,
    sentences,
)

# --------------------------------------------------------------------------- the scanner itself


def test_every_term_has_a_reason_and_compiles():
    assert len(FORBIDDEN) >= 25
    for pattern, why in FORBIDDEN.items():
        re.compile(pattern)
        assert "—" in why and len(why) > 10, pattern


def test_scanner_fails_on_a_sentence_opening_with_a_numeral():
    page = "<html><body><p>Ringkasan. 10 dari 37 OPD aktif ikut serta.</p></body></html>"
    hits = scan_html(page)
    assert [h.rule for h in hits] == ["numeral"]
    assert hits[0].snippet.startswith("10 dari 37 OPD")


def test_scanner_fails_on_non_digital_in_any_spelling():
    for form in ("Non Digital", "non digital", "non-digital", "Non-Digital"):
        hits = scan_html(f"<p>Jenis: {form}.</p>")
        assert [h.match for h in hits] == [form], form


def test_scanner_passes_clean_text():
    page = ("<html><head><title>input</title><style>.x{level:1}</style></head><body>"
            "<h2>Edisi 2021</h2><p>Sebanyak 10 dari 37 OPD aktif ikut serta. Inovasi nondigital "
            "juga dinilai s.d. 31 Desember 2020.</p><table><tr><td>10 OPD</td></tr></table>"
            "<ul><li>Dinilai: 17 inovasi.</li></ul><script>var input = 1;</script>"
            "<p>Berkas review.xlsx memuat rinciannya.</p></body></html>")
    assert scan_html(page) == []


def test_visible_text_only_and_entities_unescaped():
    page = "<style>p{}</style><p>A&nbsp;&amp;&#32;B</p><script>galat()</script>"
    assert page_text(page) == "A & B"
    assert find_forbidden(page_text("<p>Sebelum <b>batas</b> input.</p>"))[0].match == "input"


def test_blocks_are_paragraphs_and_list_items_not_cells_or_headings():
    page = ("<h1>2021 dalam angka</h1><p>Satu. <em>Dua</em> tiga.</p><table><tr><td>5 OPD</td></tr>"
            "</table><ul><li>Butir <ul><li>3 anak</li></ul></li></ul>")
    assert page_blocks(page) == ["Satu. Dua tiga.", "3 anak", "Butir"]
    assert [h.snippet for h in numeral_openings(page_blocks(page))] == ["3 anak"]


def test_sentences_split_after_a_full_stop_before_a_capital_or_digit():
    assert sentences("Satu. Dua! 3 tiga? (4) empat.") == ["Satu.", "Dua!", "3 tiga?", "4) empat."]
    assert sentences("Kab. Rote Ndao s.d. 31 Desember.") == ["Kab. Rote Ndao s.d. 31 Desember."]


# --------------------------------------------------------------------------- the generated pages


def _pages(root: Path) -> list[Path]:
    pages = sorted(root.glob("*.html")) + sorted(root.glob("*/*.html")) + sorted(root.glob("*/opd/*.html"))
    return [p for p in pages if p.is_file()]


def _report(hits: list[tuple[str, str, str, str]]) -> str:
    return "\n".join(f"{page}: {rule} «{match}» … {snippet}" for page, rule, match, snippet in hits[:60])


def test_every_generated_page_is_clean_indonesian(reports):
    pages = _pages(reports)
    names = {p.name for p in pages}
    assert {"index.html", "01_participation.html", "02_index.html", "03_iga_report.html"} <= names
    hits = [(p.relative_to(reports).as_posix(), h.rule, h.match, h.snippet)
            for p in pages for h in scan_html(p.read_text(encoding="utf-8"))]
    assert not hits, f"{len(hits)} temuan bahasa:\n{_report(hits)}"


def test_every_workbook_string_avoids_the_forbidden_forms(reports):
    books = sorted(reports.glob("*/review.xlsx"))
    assert books
    hits = []
    for book in books:
        wb = load_workbook(book, read_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                for v in row:
                    if isinstance(v, str):
                        hits += [(f"{book.parent.name}/review.xlsx:{ws.title}", h.rule, h.match, h.snippet)
                                 for h in find_forbidden(v)]
        wb.close()
    assert not hits, f"{len(hits)} temuan bahasa:\n{_report(hits)}"


@pytest.mark.parametrize("form", ["Non Digital", "menginput", "jendela", "galat", "greedy", "sample",
                                  "mandatory spending", "benih acak", "puncak", "tidak lanjut",
                                  # the language editor's review
                                  "wajib non-pelayanan dasar", "non fisik", "+2,0 poin persen)",
                                  "Lini masa pemasukan", "periode penerapan", "1 Mei 2022 (perkiraan)",
                                  "kontribusi", "berkontribusi", "Inovasi masuk", "Dari yang masuk",
                                  "bidang indikator"])
def test_the_issue_forms_are_on_the_list(form):
    assert find_forbidden(f"x {form} y"), form


@pytest.mark.parametrize("text", ["urusan wajib nonpelayanan dasar", "Parkir Non Tunai",
                                  "+2,0 poin persentase", "Lini masa pengisian", "periode penilaian",
                                  "1 Mei 2022 (diasumsikan)", "sumbangan OPD", "Dimasukkan OPD",
                                  "inovasi yang dimasukkan", "daerah masuk nomine", "variabel"])
def test_the_chosen_forms_pass(text):
    assert find_forbidden(text) == [], text
