"""Every page's header (region, edition, links), the synthetic-data banner and collapsed tables
(issue 16, items 1, 2, 6).

The header is checked on the pages of the whole pipeline run (``reports``): present on every page,
every link resolving to a file of the output folder. The banner is checked from the data: the
bundled sample (synthetic) shows it, a copy whose region table says ``synthetic=false`` and a copy
without a region table do not. A region name with markup is shown as text.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import nbformat
import pandas as pd
import pytest

from iid_analysis.io.dataset import load_dataset
from iid_analysis.io.locations import default_data
from iid_analysis.report import present
from iid_analysis.report.chrome import PAGE_TITLES, banner_html, nav_html, root_nav_html
from iid_analysis.run.index_page import trend_svg, write_glossary, write_index
from iid_analysis.run.pipeline import NOTEBOOKS, _render_pages

BANNER = "Data sintetis: angka di halaman ini dibuat untuk contoh, bukan data resmi"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.in_header = 0
        self.header_hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "header":
            self.in_header += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)
            if self.in_header:
                self.header_hrefs.append(href)

    def handle_endtag(self, tag):
        if tag == "header":
            self.in_header -= 1


def _links(page: Path) -> _Links:
    p = _Links()
    p.feed(page.read_text(encoding="utf-8"))
    return p


# ---------------------------------------------------------------------- the fragments
def test_header_links_of_an_edition_page():
    html = nav_html(2021, "Kota Pekalongan", False, "02_index", pdf=True)
    p = _Links()
    p.feed(html)
    assert p.header_hrefs == ["01_participation.html", "03_iga_report.html", "03_iga_report.pdf",
                              "review.xlsx", "results.json", "../index.html", "../glosarium.html"]
    assert "Kota Pekalongan" in html and "edisi 2021" in html
    assert 'aria-current="page">Indeks Inovasi Daerah<' in html  # the page itself is not a link
    assert BANNER not in html


def test_header_one_folder_deeper_and_without_pdf():
    p = _Links()
    p.feed(nav_html(2022, None, False, "opd-x", depth=1))
    assert p.header_hrefs == ["../01_participation.html", "../02_index.html", "../03_iga_report.html",
                              "../review.xlsx", "../results.json", "../../index.html", "../../glosarium.html"]


def test_header_without_a_region_says_pemerintah_daerah():
    assert "<b>Pemerintah Daerah</b>" in nav_html(2021, "", False, "01_participation")
    assert "<b>Pemerintah Daerah</b>" in root_nav_html(None, False, "index.html")


def test_banner_only_when_synthetic_is_true():
    assert BANNER + " Kota Pekalongan." in nav_html(2021, "Kota Pekalongan", True, "03_iga_report")
    for flag in (False, None, "true", 1):
        assert BANNER not in nav_html(2021, "Kota Pekalongan", flag, "03_iga_report")


def test_region_name_with_markup_is_text():
    name = '<script>alert(1)</script> Kab. "X" & =SUM(A1)'
    for html in (nav_html(2021, name, True, "01_participation"), root_nav_html(name, True, "index.html"),
                 banner_html(name)):
        assert "<script" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Kab. &quot;X&quot; &amp; =SUM(A1)" in html


def test_trend_svg_axis_runs_from_zero_to_hundred():
    svg = trend_svg([("2020", 40.0), ("2021", 55.5)])
    ticks = re.findall(r'text-anchor="end" fill="#4a5a6a">(\d+)<', svg)
    assert ticks == ["0", "20", "40", "60", "80", "100"]
    assert "55,50" in svg and ">2021<" in svg
    assert trend_svg([("2021", None)]) == ""


# ---------------------------------------------------------------------- collapsed tables, source
def test_long_table_collapses_and_keeps_every_row():
    df = pd.DataFrame({"name": [f"OPD {i:02d}" for i in range(40)]})
    html = present.table_html(df, {"name": ("OPD", "text")}, collapse=15, source="Sumber: uji <x>.")
    head, _, tail = html.partition("<details")
    assert head.count("<tr>") == 16  # the heading row and 15 rows
    assert "<summary>Tampilkan semua 40 baris</summary>" in tail
    assert all(f"OPD {i:02d}" in html for i in range(40))
    assert html.count("OPD 20") == 1
    assert '<div class="iid-source tex2jax_ignore">Sumber: uji &lt;x&gt;.</div>' in html
    short = present.table_html(df.head(17), {"name": ("OPD", "text")}, collapse=15)
    assert "<details" not in short and "iid-source" not in short.split("</style>")[1]
    assert "<details" not in present.table_html(df, {"name": ("OPD", "text")}, collapse=None)


# ---------------------------------------------------------------------- pages from data
def _data_copy(tmp_path: Path, region: str | None) -> Path:
    data = tmp_path / "data"
    shutil.copytree(default_data(), data)
    if region is None:
        (data / "region.csv").unlink()
    else:
        (data / "region.csv").write_text(region, encoding="utf-8")
    return data


def _pages(tmp_path: Path, data: Path) -> dict[str, str]:
    """The three pages, the index and the glossary rendered for ``data`` (stand-in notebooks)."""
    ds = load_dataset(data)
    work = tmp_path / "out" / "2021"
    work.mkdir(parents=True)
    for name in NOTEBOOKS:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Judul\n\nIsi halaman.")])
        nbformat.write(nb, str(work / name))
    (work / "results.json").write_text('{"iid": 50.0, "predicate": "Inovatif"}', encoding="utf-8")
    _render_pages(SimpleNamespace(dataset=ds, year=2021), work, 2021, with_pdf=False)
    write_index(work.parent, ds.region)
    write_glossary(work.parent, ds.region)
    pages = {stem: (work / f"{stem}.html").read_text(encoding="utf-8") for stem in PAGE_TITLES}
    for name in ("index.html", "glosarium.html"):
        pages[name] = (work.parent / name).read_text(encoding="utf-8")
    return pages


def test_banner_on_every_page_of_synthetic_data(tmp_path):
    pages = _pages(tmp_path, default_data())
    for name, html in pages.items():
        body = html.split("<body", 1)[1]
        assert BANNER + " Kota Pekalongan." in body, name
        # first screen: the header and the banner come before any content
        assert body.index("iid-banner") < body.index("Glosarium</h1>" if name == "glosarium.html" else
                                                      "Indeks Inovasi Daerah (IID)" if name == "index.html"
                                                      else "Judul"), name
        assert "Kota Pekalongan" in body.split("</header>")[0], name
    assert "Partisipasi OPD" in pages["index.html"] and "<svg" in pages["index.html"]
    assert "Telaah meja" in pages["glosarium.html"]


@pytest.mark.parametrize("region", [
    "name,kind,province,synthetic\nKabupaten Contoh,kabupaten,Nusa Tenggara Barat,false\n", None])
def test_no_banner_unless_the_data_say_synthetic(tmp_path, region):
    pages = _pages(tmp_path, _data_copy(tmp_path, region))
    expect = "Kabupaten Contoh" if region else "Pemerintah Daerah"
    for name, html in pages.items():
        assert "Data sintetis" not in html, name
        assert "iid-banner" not in html.split("<body", 1)[1], name
        assert f"<b>{expect}</b>" in html, name


def test_region_name_with_markup_on_the_pages(tmp_path):
    region = 'name,kind,province,synthetic\n"<b onmouseover=x>Kota</b> =1+1",kota,Jawa Tengah,true\n'
    pages = _pages(tmp_path, _data_copy(tmp_path, region))
    for name, html in pages.items():
        assert "<b onmouseover" not in html, name
        assert "&lt;b onmouseover=x&gt;Kota&lt;/b&gt; =1+1" in html, name


# ---------------------------------------------------------------------- the pipeline's pages
def test_every_page_has_the_header_and_its_links_resolve(reports):
    pages = sorted(reports.glob("*/0*.html")) + [reports / "index.html", reports / "glosarium.html"]
    assert len(pages) >= 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.count('<header class="iid-header') == 1, page
        body = html.split("<body", 1)[1]
        assert body.index("iid-header") < 200, page  # right after <body>
        links = _links(page)
        assert links.header_hrefs, page
        if page.parent != reports:
            year = page.parent.name
            assert f"edisi {year}" in body.split("</header>")[0], page
            assert {"../index.html", "../glosarium.html", "review.xlsx", "results.json"} <= set(links.header_hrefs)
            others = {f"{s}.html" for s in PAGE_TITLES} - {page.name}
            assert others <= set(links.header_hrefs), page
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("#"):
                continue
            target = (page.parent / parts.path).resolve()
            assert target.is_file(), f"{page}: link to missing {href}"
            assert reports.resolve() in target.parents, f"{page}: link outside the output folder {href}"
