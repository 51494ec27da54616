"""The page per work unit (``<year>/opd/<file>.html``), its safe file names, the ranking and links on
page 01, and the batch PDF printer — on small datasets built here from the bundled sample with the
bad input of issue 17: long names, characters forbidden in file and sheet names, a leading ``=``,
codes that try to leave the folder, a unit with no innovations, 500 units."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from iid_analysis.analysis import analyse
from iid_analysis.io.locations import default_data
from iid_analysis.report.terms import scan_html
from iid_analysis.report.unit_page import (
    INDEX_FILE,
    UNITS_DIR,
    render_units,
    unit_files,
    unit_links,
)
from iid_analysis.report.views.units import ranking_table, units_links
from iid_analysis.run.pdf import find_chromium
from iid_analysis.run.unit_pages import PipePrinter, print_pdfs, unit_index_link, write_unit_pages
from iid_analysis.text import fmt

YEAR = 2021
LONG = "Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kota Baru"  # 60 characters
ODD = 'Bagian / \\ ? * [ ] <b>Umum</b> & "Protokol"'
FORMULA = "=HYPERLINK(\"http://x\")"
WEIRD_UNITS = [  # (opd_id, name): each gets one of the sample's 2021 innovations, except EMPTY
    ("LONG", LONG),
    ("ODD", ODD),
    ("FORMULA", FORMULA),
    ("../../evil", "Kode yang mencoba keluar folder"),
    ("a/b", "Kode dengan garis miring"),
    ("A/B", "Kode yang sama bila huruf diabaikan"),
    ("XSS", '<script>alert(1)</script>" onmouseover="x'),
]
HOSTILE_INNOVATION = "<img src=x onerror=alert(1)> {{ u.name }} {% raw %}"  # HTML and template syntax
EMPTY = ("KOSONG", "Kantor Tanpa Inovasi")


def _small_copy(tmp: Path, extra_units: list[tuple[str, str]], give: list[str]) -> Path:
    """The sample cut to edition 2021, with ``extra_units`` added; the first 2021 innovations are
    moved to the units ``give`` (one each)."""
    src = default_data()
    dst = tmp / "data"
    shutil.copytree(src, dst)
    inn = pd.read_csv(dst / "innovations.csv", dtype=str, keep_default_na=False)
    inn = inn[inn["year"] == str(YEAR)].reset_index(drop=True)
    for i, oid in enumerate(give):
        inn.loc[i, "opd_id"] = oid
    inn.loc[0, "name"] = HOSTILE_INNOVATION
    inn.to_csv(dst / "innovations.csv", index=False)
    ind = pd.read_csv(dst / "innovation_indicators.csv", dtype=str, keep_default_na=False)
    ind[ind["innovation_id"].isin(inn["innovation_id"])].to_csv(dst / "innovation_indicators.csv", index=False)
    reg = pd.read_csv(dst / "region_indicators.csv", dtype=str, keep_default_na=False)
    reg[reg["year"] == str(YEAR)].to_csv(dst / "region_indicators.csv", index=False)
    opd = pd.read_csv(dst / "opd.csv", dtype=str, keep_default_na=False)
    add = pd.DataFrame([{"opd_id": o, "name": n, "kind": "dinas", "active_from": "", "active_to": ""}
                        for o, n in extra_units])
    pd.concat([opd, add], ignore_index=True).to_csv(dst / "opd.csv", index=False)
    return dst


@pytest.fixture(scope="module")
def weird(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("units")
    data = _small_copy(tmp, [*WEIRD_UNITS, EMPTY], [o for o, _ in WEIRD_UNITS])
    a = analyse(data, YEAR, draws=200)
    written = write_unit_pages(a, tmp / "edition", pdf=False)
    return a, written, tmp


class _Page(HTMLParser):
    """Visible text, headings (tag, text) and links of one page."""

    def __init__(self):
        super().__init__()
        self.text, self.headings, self.links, self._stack, self._skip = [], [], [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "title"):
            self._skip += 1
        if tag in ("h1", "h2", "h3"):
            self._stack.append([tag, ""])
        if tag == "a":
            self.links.append(dict(attrs).get("href", ""))

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title"):
            self._skip -= 1
        if tag in ("h1", "h2", "h3") and self._stack:
            self.headings.append(tuple(self._stack.pop()))

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        for h in self._stack:
            h[1] += data


def _parse(html: str) -> _Page:
    p = _Page()
    p.feed(html)
    return p


# ---------------------------------------------------------------------- file names
def test_file_names_are_safe_and_unique():
    ids = ["../../evil", "a/b", "A/B", "a_b", "..", "", "CON", "index", "x" * 300, "Dinas Ä", "ok-1", "\\\\srv\\x"]
    files = unit_files(ids)
    assert set(files) == set(ids)
    for name in files.values():
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*\.html", name), name
        assert len(name) <= 70
    lowered = [n.lower() for n in files.values()]
    assert len(set(lowered)) == len(ids)  # unique even where case is ignored
    assert INDEX_FILE not in lowered  # the list of pages keeps its name
    assert files["a_b"] == "a_b.html" and files["A/B"] == "A_B-2.html" and files["a/b"] == "a_b-3.html"
    assert files["index"] == "index-2.html" and files[""] == "opd.html" and files["CON"] == "opd_CON.html"
    assert unit_files(reversed(ids)) == files  # deterministic, whatever the order given


# ---------------------------------------------------------------------- the pages
def test_a_page_for_every_active_unit_inside_the_folder(weird):
    a, written, tmp = weird
    folder = tmp / "edition" / UNITS_DIR
    active = a.units.profile["opd_id"].tolist()
    assert len(written.pages) == len(active) == len(set(written.pages))
    assert sorted(p.name for p in folder.glob("*.html")) == sorted([*written.pages, INDEX_FILE])
    # nothing was written anywhere else
    assert sorted(p.relative_to(tmp).as_posix() for p in tmp.rglob("*.html")) == sorted(
        f"edition/{UNITS_DIR}/{n}" for n in [*written.pages, INDEX_FILE])
    assert not (tmp / "evil.html").exists() and not (tmp.parent / "evil.html").exists()


def test_pages_escape_names_and_show_no_missing_values(weird):
    a, written, tmp = weird
    folder = tmp / "edition" / UNITS_DIR
    files = unit_files(a.units.profile["opd_id"])
    for name in [*written.pages, INDEX_FILE]:
        html = (folder / name).read_text(encoding="utf-8")
        page = _parse(html)
        text = " ".join(page.text)
        assert not re.search(r"\b(nan|NaN|None|NaT|<NA>)\b", text), (name, re.findall(r".{30}\b(?:nan|None)\b.{30}", text))
        assert "<b>Umum</b>" not in html  # a name is text, never markup
        assert "<script" not in html.lower() and "<img" not in html.lower(), name
        assert all(t.strip() for _, t in page.headings), (name, page.headings)
    odd = (folder / files["ODD"]).read_text(encoding="utf-8")
    assert "Bagian / \\ ? * [ ] &lt;b&gt;Umum&lt;/b&gt; &amp; &quot;Protokol&quot;" in odd
    h1 = [t for tag, t in _parse(odd).headings if tag == "h1"]
    assert h1 == [ODD]
    first = (folder / files[WEIRD_UNITS[0][0]]).read_text(encoding="utf-8")
    assert HOSTILE_INNOVATION in " ".join(_parse(first).text)  # shown as written, not run
    assert "&lt;img src=x onerror=alert(1)&gt; {{ u.name }} {% raw %}" in first
    long_page = _parse((folder / files["LONG"]).read_text(encoding="utf-8"))
    assert ("h1", LONG) in long_page.headings and len(LONG) == 60
    formula = _parse((folder / files["FORMULA"]).read_text(encoding="utf-8"))
    assert ("h1", FORMULA) in formula.headings


def test_pages_use_the_term_list(weird):
    """No forbidden form (report/terms.py) and no sentence opening with a numeral on any page."""
    a, written, tmp = weird
    folder = tmp / "edition" / UNITS_DIR
    for name in [*written.pages, INDEX_FILE]:
        assert scan_html((folder / name).read_text(encoding="utf-8")) == [], name


def test_every_link_leads_somewhere(weird):
    """Links inside the folder point at pages that exist; links up point at the edition's pages,
    downloads, the index and the glossary."""
    a, written, tmp = weird
    folder = tmp / "edition" / UNITS_DIR
    allowed_up = re.compile(r"\.\./(0[123]_[a-z_]+\.html(#[A-Za-z-]+)?|review\.xlsx|results\.json|telaah\.csv|"
                            r"03_iga_report\.pdf|opd/index\.html|\.\./index\.html|\.\./glosarium\.html)")
    for name in [*written.pages, INDEX_FILE]:
        links = _parse((folder / name).read_text(encoding="utf-8")).links
        assert links, name
        for href in links:
            if href.startswith("../"):
                assert allowed_up.fullmatch(href), (name, href)
            else:
                assert "/" not in href and (folder / href).is_file(), (name, href)
    listed = _parse((folder / INDEX_FILE).read_text(encoding="utf-8")).links
    assert set(written.pages) <= set(listed)


def test_list_of_pages_names_groups_in_words(weird):
    a, written, tmp = weird
    text = " ".join(_parse((tmp / "edition" / UNITS_DIR / INDEX_FILE).read_text(encoding="utf-8")).text)
    assert "Belum ikut serta" in text
    assert not re.search(r"\b(tidak_ikut|tidak_memenuhi|bukti_belum_lengkap)\b", text)


def test_unit_with_no_innovations_is_invited(weird):
    a, written, tmp = weird
    files = unit_files(a.units.profile["opd_id"])
    html = (tmp / "edition" / UNITS_DIR / files[EMPTY[0]]).read_text(encoding="utf-8")
    page = _parse(html)
    text = " ".join(" ".join(page.text).split())
    assert ("h2", "Belum ada inovasi dari OPD ini") in page.headings
    assert "Yang Anda masukkan" not in text and "Yang perlu dilengkapi" not in text
    suggested = a.units.profile.set_index("opd_id").loc[EMPTY[0], "suggested"]
    assert len(suggested) == 3 and all(s in text for s in suggested)
    assert "Belum masuk peringkat." in text
    assert f"Batas akhir pengisian: {fmt.date(a.units.deadline)}." in text


def test_a_participating_unit_reads_its_decisions_actions_and_rank(weird):
    """The unit ranked first: every innovation with its decision, the most valuable action first,
    its rank and interval as in a.units.ranking."""
    a, written, tmp = weird
    r = a.units.ranking.sort_values("rank").iloc[0]
    files = unit_files(a.units.profile["opd_id"])
    html = (tmp / "edition" / UNITS_DIR / files[str(r["opd_id"])]).read_text(encoding="utf-8")
    text = " ".join(" ".join(_parse(html).text).split())
    entries = a.units.entries[a.units.entries["opd_id"] == r["opd_id"]]
    assert len(entries) >= 1
    for e in entries.itertuples():
        assert " ".join(str(e.name).split()) in text
    acts = a.units.actions[(a.units.actions["opd_id"] == r["opd_id"]) & a.units.actions["before_deadline"]]
    best = acts.sort_values("gain", ascending=False, kind="mergesort").iloc[0]
    first = re.search(r"lebih dahulu\. (.*?) poin IID · (.*?) — ", text)
    assert first and first.group(1) == fmt.points(best["gain"]) and first.group(2) == best["innovation_name"]
    n = len(a.units.ranking)
    head = f"Peringkat {int(r['rank'])} dari {n} OPD menurut sumbangan bagi IID kota"
    assert head in text
    if int(r["rank_low"]) != int(r["rank_high"]):
        assert f"(rentang {int(r['rank_low'])}–{int(r['rank_high'])})" in text


def test_page_01_ranking_and_links(weird):
    a, written, tmp = weird
    table = ranking_table(a).data
    page = _parse(table)
    body = " ".join(page.text)
    assert table.count("<tr>") == len(a.units.ranking) + 1  # the heading row and one row per unit
    for name in a.units.ranking["name"]:
        assert str(name) in body
    assert "bukan peringkat resmi" in body  # the method paragraph with its limits
    links = _parse(units_links(a).data).links
    assert links == [href for _, href in unit_links(a)]
    assert sorted(h.removeprefix(f"{UNITS_DIR}/") for h in links) == sorted(written.pages)


def test_index_link_only_when_the_pages_exist(weird, tmp_path):
    a, written, tmp = weird
    edition = tmp / "edition"
    assert unit_index_link(edition) == f'<a href="edition/{UNITS_DIR}/{INDEX_FILE}">Halaman OPD</a>'
    assert unit_index_link(tmp_path) == ""


def test_five_hundred_units_render(tmp_path):
    many = [(f"U{i:03d}/x", f"Unit Kerja Nomor {i} {'&' if i % 7 == 0 else ''} Bagian {i % 13}") for i in range(500)]
    data = _small_copy(tmp_path, many, [many[0][0], many[1][0]])
    a = analyse(data, YEAR, draws=100)
    pages = render_units(a)
    n_active = len(a.units.profile)
    assert n_active >= 500 and len(pages) == n_active
    assert len({p.lower() for p in pages}) == n_active
    assert all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*\.html", p) for p in pages)
    html = pages[unit_files(a.units.profile["opd_id"])["U007/x"]]
    assert "Unit Kerja Nomor 7 &amp; Bagian 7" in html


# ---------------------------------------------------------------------- PDFs
def test_pdfs_beside_the_pages(weird, tmp_path):
    """Two pages printed by the batch printer (one Chromium per worker); a page that does not exist
    is reported, the others are printed."""
    chromium = find_chromium()
    assert chromium, "Chromium is needed for the PDFs (apt-get install chromium)"
    a, written, tmp = weird
    folder = tmp / "edition" / UNITS_DIR
    files = unit_files(a.units.profile["opd_id"])
    pages = [files["LONG"], files[EMPTY[0]]]
    for p in pages:
        shutil.copy(folder / p, tmp_path / p)
    made, problems = print_pdfs(tmp_path, [*pages, "missing.html"], chromium, workers=2)
    assert sorted(made) == sorted(Path(p).stem + ".pdf" for p in pages)
    assert len(problems) == 1 and problems[0].startswith("missing.pdf")
    for p in pages:
        reader = PdfReader(tmp_path / (Path(p).stem + ".pdf"))
        box = reader.pages[0].mediabox
        assert abs(float(box.width) - 595) < 2 and abs(float(box.height) - 842) < 2  # A4
        text = " ".join(pg.extract_text() for pg in reader.pages)
        assert "Batas akhir pengisian" in text
    assert "Dinas Pemberdayaan Perempuan" in PdfReader(tmp_path / (Path(files["LONG"]).stem + ".pdf")).pages[0].extract_text()


def test_pipe_printer_reports_what_it_could_not_print(tmp_path):
    """A browser that does not start leaves every job to the caller (who prints them one by one)."""
    page = tmp_path / "a.html"
    page.write_text("<html><body>x</body></html>", encoding="utf-8")
    jobs = [(page, tmp_path / "a.pdf")]
    assert PipePrinter("/bin/false", timeout=10).print_all(jobs) == jobs
    assert not (tmp_path / "a.pdf").exists()


def test_without_a_deadline_nothing_is_left_blank(weird):
    """An edition whose method names no input close: no deadline box, no empty date anywhere."""
    import dataclasses

    a, written, tmp = weird
    b = dataclasses.replace(a, units=dataclasses.replace(a.units, deadline=None))
    for name, html in render_units(b).items():
        text = " ".join(" ".join(_parse(html).text).split())
        assert "Batas akhir pengisian" not in text and "sebelum ." not in text and " sebelum ," not in text, name
        assert not re.search(r"\b(nan|None|NaT)\b", text), name


def test_page_01_has_the_ranking_section_the_unit_pages_link_to():
    """Unit pages link to ``01_participation.html#Peringkat-OPD``: nbconvert makes that anchor from
    the heading "## Peringkat OPD", followed by the ranking and the links to the unit pages."""
    import nbformat

    from iid_analysis.io.locations import notebooks_dir

    nb = nbformat.read(str(notebooks_dir() / "01_participation.ipynb"), as_version=4)
    at = next(i for i, c in enumerate(nb.cells)
              if c.cell_type == "markdown" and c.source.startswith("## Peringkat OPD\n"))
    assert [c.source for c in nb.cells[at + 1:at + 3]] == ["views.ranking_table(a)", "views.units_links(a)"]
