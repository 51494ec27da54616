"""Printed pages (reader review): text flows from page 1 on (JupyterLab's "keep each output whole"
is undone), and the synthetic-data notice is in the top margin of EVERY printed page — only when
the data are synthetic."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from iid_analysis.report.chrome import STYLE, chrome_style, nav_html, synthetic_notice
from iid_analysis.run.pdf import print_pdf

NOTICE = "Data sintetis — bukan data resmi Kabupaten Uji"
# the rule of JupyterLab's CSS that pushed the memo (one big output) to page 2
JUPYTER_PRINT = "<style>@media print{.jp-OutputArea-child{break-inside:avoid-page}}</style>"


def _texts(pdf: Path) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(str(pdf)).pages]


def _print(tmp_path: Path, css: str, synthetic: bool) -> list[str]:
    memo = "".join(f"<p>Kalimat nota nomor {i}. {'Isi nota dinas. ' * 30}</p>" for i in range(12))
    page = tmp_path / "p.html"
    page.write_text(
        f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">{JUPYTER_PRINT}{css}</head><body>'
        f'{nav_html(2021, "Kabupaten Uji", synthetic, "03_iga_report")}'
        f'<p>{"Pembuka. " * 60}</p>'
        f'<div class="jp-OutputArea-child"><div class="jp-OutputArea-output">'
        f'<h2>Nota Dinas</h2><p>MEMO MULAI</p>{memo}</div></div></body></html>', encoding="utf-8")
    pdf = tmp_path / "p.pdf"
    assert print_pdf(page, pdf, timeout=120) == ""
    return _texts(pdf)


def test_the_notice_is_plain_text_and_names_the_region():
    assert synthetic_notice("Kabupaten Uji") == NOTICE
    assert synthetic_notice(None) == "Data sintetis — bukan data resmi Pemerintah Daerah"


def test_the_notice_is_in_the_page_box_only_when_synthetic():
    assert "@top-center" in chrome_style("Kabupaten Uji", True)
    assert "@top-center" not in chrome_style("Kabupaten Uji", False)
    assert "@top-center" not in STYLE
    assert "Data sintetis" not in STYLE


def test_a_region_name_cannot_leave_the_css_string():
    css = chrome_style('Kota "X"; } </style><script>alert(1)</script>', True)
    assert "</style>" not in css[:-len("</style>")]
    assert "<script>" not in css
    top = css[css.index("@top-center"):]
    content = re.match(r'@top-center\{content:"((?:[^"\\]|\\.)*)";', top)
    assert content, top[:200]


def test_every_printed_page_carries_the_notice_and_text_starts_on_page_1(tmp_path):
    texts = _print(tmp_path, chrome_style("Kabupaten Uji", True), True)
    assert len(texts) >= 2
    assert all(NOTICE in t for t in texts), [t[:80] for t in texts]
    assert "MEMO MULAI" in texts[0]  # the big output is not pushed to page 2


def test_no_notice_when_not_synthetic(tmp_path):
    texts = _print(tmp_path, chrome_style("Kabupaten Uji", False), False)
    assert not any("Data sintetis" in t for t in texts)


def test_the_brief_pdf_carries_the_notice_on_every_page(reports):
    texts = _texts(reports / "2021" / "03_iga_report.pdf")
    notice = "Data sintetis — bukan data resmi Kota Pekalongan"
    assert all(notice in t for t in texts), [i + 1 for i, t in enumerate(texts) if notice not in t]
    assert "Nota Dinas" in texts[0]  # the memo starts on page 1


def test_every_unit_page_carries_the_notice_when_printed(reports):
    units = sorted((reports / "2021" / "opd").glob("*.html"))
    assert units
    assert all("@top-center" in p.read_text(encoding="utf-8") for p in units)
