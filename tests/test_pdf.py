"""The brief as a PDF (issue 16, item 7): printed by headless Chromium beside the HTML.

CI installs Chromium (``.ci/run``), so the PDF of the pipeline run must be there: A4, at least two
pages, numbered "Halaman X dari Y", naming the region and carrying the synthetic-data banner.
A browser that fails leaves no PDF behind and says why in one line.
"""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from iid_analysis.run.pdf import find_chromium, print_pdf

A4 = (595.0, 842.0)


def _text(pdf: Path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(str(pdf)).pages]


def test_chromium_is_installed():
    assert find_chromium(), "Chromium is needed for the PDF (apt-get install chromium)"


def test_the_brief_pdf(reports):
    pdf = reports / "2021" / "03_iga_report.pdf"
    assert pdf.is_file()
    reader = PdfReader(str(pdf))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(w - A4[0]) <= 2 and abs(h - A4[1]) <= 2, (w, h)
    texts = _text(pdf)
    assert "Kota Pekalongan" in texts[0]
    assert "Data sintetis: angka di halaman ini dibuat untuk contoh, bukan data resmi Kota Pekalongan" in texts[0]
    n = len(texts)
    assert "Halaman 1 dari" in texts[0]
    assert f"Halaman {n} dari {n}" in texts[-1]
    assert not any("file://" in t or ".html" in t for t in texts)  # no browser header or footer


def test_every_edition_page_links_its_pdf(reports):
    for page in sorted(reports.glob("*/0*.html")):
        assert ('href="03_iga_report.pdf"' in page.read_text(encoding="utf-8")) == \
            (page.parent / "03_iga_report.pdf").is_file(), page
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert 'href="2021/03_iga_report.pdf"' in index


def test_a_failing_browser_leaves_no_pdf(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><body>x</body></html>", encoding="utf-8")
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(b"%PDF-old")
    why = print_pdf(page, pdf, chromium="/bin/false", timeout=20)
    assert why.startswith("Chromium gagal (kode 1)")
    assert not pdf.exists()


def test_a_small_page_prints_to_numbered_a4(tmp_path):
    from iid_analysis.report.chrome import STYLE, nav_html

    body = "".join(f"<h2>Bagian {i}</h2><p>{'Isi laporan. ' * 80}</p>" for i in range(12))
    page = tmp_path / "p.html"
    page.write_text(f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">{STYLE}</head><body>'
                    f'{nav_html(2021, "Kabupaten Uji", True, "03_iga_report")}'
                    f'<details class="iid-more"><summary>Tampilkan</summary><p>BARIS TERSEMBUNYI</p></details>'
                    f'{body}</body></html>', encoding="utf-8")
    pdf = tmp_path / "p.pdf"
    assert print_pdf(page, pdf, timeout=120) == ""
    texts = _text(pdf)
    assert len(texts) >= 2
    assert "Halaman 1 dari " + str(len(texts)) in texts[0]
    assert "BARIS TERSEMBUNYI" in texts[0]  # collapsed content is printed
    assert "Semua edisi" not in " ".join(texts)  # the navigation links are left off the paper
