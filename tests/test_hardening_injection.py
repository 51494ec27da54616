"""Hostile text in the data never becomes markup, a link, math or a formula (issue 9: injection).

The bundled synthetic data gets hostile innovation names, OPD names, narratives, affairs and
evidence texts; everything the notebooks show (every view, every report section, the rendered page)
must show them as plain text, and every CSV/XLSX the package writes must hold them as text, never
as a formula. Input workbooks are read for their values: a formula is never evaluated.
"""

from __future__ import annotations

import csv
import inspect
import json
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from iid_analysis import analysis
from iid_analysis.io.dataset import dataset_from_frames, load_dataset
from iid_analysis.io.template import write_template
from iid_analysis.report import views
from iid_analysis.review import write_review_outputs
from iid_analysis.run.artifacts import write_artifacts
from iid_analysis.run.pipeline import NOTEBOOKS, run_reports
from iid_analysis.run.render import render_html
from iid_analysis.synthetic.sample import make_sample
from iid_analysis.text.escape import FORMULA_START

YEAR = 2021
HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**bold** [link](javascript:alert(1))",
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
    "\t=1+1",
    "\r=2+2",
    r"$\frac{$ x_1^2 $",
    r"\(x\) <a href=javascript:alert(1)>klik</a>",
)
#: what the loader keeps of each (text is stripped)
SHOWN = tuple(h.strip() for h in HOSTILE)


def hostile_tables() -> dict[str, pd.DataFrame]:
    """The bundled data as raw text, with hostile text in every user-written column of 2021."""
    t = make_sample()
    inv = t["innovations"].copy()
    rows = inv.index[inv["year"] == str(YEAR)]
    k = len(HOSTILE)
    for j, i in enumerate(rows):
        inv.loc[i, "name"] = f"{HOSTILE[j % k]} inovasi {j}"
        inv.loc[i, "benefit"] = f"{HOSTILE[(j + 1) % k]} manfaat"
        inv.loc[i, "result"] = f"{HOSTILE[(j + 2) % k]} hasil"
        inv.loc[i, "affair"] = HOSTILE[(j + 3) % k]
    opd = t["opd"].copy()
    opd["name"] = [f"{HOSTILE[j % k]} OPD {j}" for j in range(len(opd))]
    ans = t["innovation_indicators"].copy()
    ans["evidence"] = [HOSTILE[j % k] if e else e for j, e in enumerate(ans["evidence"])]
    return {**t, "innovations": inv, "opd": opd, "innovation_indicators": ans}


@pytest.fixture(scope="module")
def hostile():
    return analysis.analyse(dataset_from_frames(hostile_tables()), YEAR, draws=200)


# ---------------------------------------------------------------------- HTML checks
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Page(HTMLParser):
    """Every start tag with its attributes, and the visible text (entities decoded); ``typeset``
    holds the text MathJax would look at (outside elements of class ``tex2jax_ignore``)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.typeset: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, ignored by MathJax)
        self._skip = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attrs))
        if tag in ("style", "script"):
            self._skip += 1
        if tag not in VOID:
            inherited = bool(self._open) and self._open[-1][1]
            self._open.append((tag, inherited or "tex2jax_ignore" in attrs.get("class", "").split()))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip = max(0, self._skip - 1)
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)
            if not (self._open and self._open[-1][1]):
                self.typeset.append(data)

    @property
    def visible(self) -> str:
        return "".join(self.text)


URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "form", "input", "button", "svg", "math",
                  "base", "meta", "link", "frame", "frameset"}


# the package's own relative links between the files of one output folder (navigation header,
# unit pages with sanitised file names): a path of safe segments, never a scheme or a user string
OWN_LINK = re.compile(r"(\.\./)?(\d{4}/)?([A-Za-z0-9_-]+/)?[A-Za-z0-9_-]+(\.[a-z]+)?\.(html|pdf|xlsx|json|csv)(#[A-Za-z0-9_-]+)?")


def assert_inert(html: str, where: str, *, page: bool = False) -> _Page:
    """No active content: no script/iframe/…, no event handler, no javascript: URL, images only
    embedded PNG figures, links only nbconvert's heading anchors (``#…``) and the package's own
    relative links (:data:`OWN_LINK`)."""
    p = _Page(html)
    for tag, attrs in p.tags:
        if page and tag in ("meta", "link"):  # the page head: charset, viewport
            assert not any(v.lower().startswith(("http:", "https:", "//")) for v in attrs.values()), \
                f"{where}: <{tag} {attrs}> loads a remote resource"
            continue
        assert tag not in FORBIDDEN_TAGS, f"{where}: <{tag} {attrs}>"
        for k, v in attrs.items():
            assert not k.startswith("on"), f"{where}: <{tag} {k}={v!r}>"
            if k in URL_ATTRS:
                url = re.sub(r"[\x00-\x20]", "", v).lower()
                assert not url.startswith(("javascript:", "vbscript:", "data:text")), f"{where}: <{tag} {k}={v!r}>"
        if tag == "img":
            assert attrs.get("src", "").startswith("data:image/png;base64,"), f"{where}: <img {attrs}>"
        if tag == "a":
            href = attrs.get("href", "")
            heading_anchor = href.startswith("#") and "anchor-link" in attrs.get("class", "")
            assert heading_anchor or OWN_LINK.fullmatch(href), \
                f"{where}: user text became a link <a {attrs}>"
    return p


def html_of(obj) -> str:
    """A view's output as the rendered page holds it: Markdown through nbconvert's renderer."""
    if type(obj).__name__ == "Markdown":
        return markdown2html_mistune(obj.data)
    return obj.data


def _public_views() -> list[str]:
    out = []
    for name, fn in inspect.getmembers(views, inspect.isfunction):
        if name.startswith("_") or not fn.__module__.startswith(views.__name__ + "."):
            continue
        params = list(inspect.signature(fn).parameters.values())
        if params and params[0].name == "a" and all(p.default is not p.empty for p in params[1:]):
            out.append(name)
    return out


VIEWS = _public_views()


def _all_outputs(a) -> dict[str, object]:
    outs = {name: getattr(views, name)(a) for name in VIEWS}
    secs = views.sections(a)
    outs.update({f"section:{k}": views.section(secs, k) for k in secs})
    return outs


def test_every_view_is_covered():
    assert len(VIEWS) >= 40 and {"header", "opd_table", "non_participating", "innovations_table",
                                 "points_explained", "path_table", "sections"} <= set(VIEWS)


@pytest.mark.parametrize("name", VIEWS)
def test_view_output_is_inert(hostile, name):
    out = getattr(views, name)(hostile)
    if isinstance(out, str):  # the nbval check lines, printed as text/plain (escaped by nbconvert)
        return
    if isinstance(out, dict):  # views.sections: checked below
        return
    assert_inert(html_of(out), name)


def test_report_sections_are_inert(hostile):
    secs = views.sections(hostile)
    assert {"ringkasan", "profil", "rencana_aksi", "peta_pembinaan"} <= set(secs)
    for key in secs:
        assert_inert(html_of(views.section(secs, key)), f"section {key}")


def test_hostile_text_is_shown_literally(hostile):
    """Escaped, not dropped: each hostile string reads exactly as written, in Markdown and in HTML."""
    md_text, html_text = [], []
    for out in _all_outputs(hostile).values():
        if isinstance(out, (str, dict)):
            continue
        (md_text if type(out).__name__ == "Markdown" else html_text).append(_Page(html_of(out)).visible)
    md_all, html_all = "\n".join(md_text), "\n".join(html_text)
    for s in SHOWN:
        assert s in html_all, f"HTML tables do not show {s!r} as written"
        assert s in md_all, f"Markdown does not show {s!r} as written (interpreted as markup/math/link?)"


def test_html_tables_are_left_alone_by_mathjax(hostile):
    """JupyterLab typesets ``$…$`` in HTML outputs too: text from the data sits in ``tex2jax_ignore``."""
    for name in VIEWS:
        out = getattr(views, name)(hostile)
        if type(out).__name__ != "HTML":
            continue
        typeset = "".join(_Page(out.data).typeset)
        assert "$" not in typeset and "\\(" not in typeset, f"{name}: {typeset[:200]!r}"


def test_header_shows_the_file_name_as_written(hostile):
    import dataclasses

    name = "data_iga_2021 (final) *revisi*.xlsx"
    a = dataclasses.replace(hostile, dataset=dataclasses.replace(hostile.dataset, source=f"/tmp/{name}"))
    p = assert_inert(html_of(views.header(a)), "header")
    assert name in p.visible, p.visible


def test_markdown_escape_defuses_math_and_autolinks():
    from iid_analysis.text.escape import md_text

    for s in ("$x$ dan $y$", "lihat http://contoh.go.id/a_b dan https://x.y", r"\(x\)", "$$x$$"):
        html = markdown2html_mistune(f"- {md_text(s)}")
        p = assert_inert(html, s)
        assert p.visible.strip() == s


def test_rendered_page_has_no_scripts_and_no_remote_resources(hostile, tmp_path):
    """The page an official opens: user text inert, no script at all (MathJax would typeset
    ``$…$`` in names; CDN scripts would be fetched on opening)."""
    nb = nbformat.v4.new_notebook()
    for name in ("header", "non_participating", "opd_table", "innovations_table", "missing_affairs_text"):
        out = getattr(views, name)(hostile)
        mime = "text/markdown" if type(out).__name__ == "Markdown" else "text/html"
        cell = nbformat.v4.new_code_cell(f"views.{name}(a)")
        cell.outputs = [nbformat.v4.new_output("display_data", data={mime: out.data})]
        nb.cells.append(cell)
    secs = views.sections(hostile)
    cell = nbformat.v4.new_code_cell("views.section(secs, 'profil')")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": secs["profil"].markdown})]
    nb.cells.append(cell)
    src = tmp_path / "page.ipynb"
    nbformat.write(nb, str(src))
    render_html(src, tmp_path / "page.html", "Uji")
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "mathjax" not in re.sub(r"<!--.*?-->", "", page, flags=re.S).lower()
    p = assert_inert(page, "page", page=True)
    for s in SHOWN:
        assert s in p.visible, s


# ---------------------------------------------------------------------- CSV and XLSX
NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def assert_csv_inert(path: Path) -> int:
    """No cell can start a formula (numbers excepted); returns the number of guarded cells."""
    guarded = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for r, row in enumerate(csv.reader(fh), start=1):
            for c, cell in enumerate(row, start=1):
                assert not cell.startswith(FORMULA_START) or NUMBER.fullmatch(cell), \
                    f"{path.name} row {r} col {c}: {cell!r}"
                guarded += cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@")
    return guarded


def assert_xlsx_inert(path: Path) -> int:
    """No formula cell, no text cell that would start one; returns the number of guarded cells."""
    wb = openpyxl.load_workbook(path)  # not data_only: a formula would show as data_type "f"
    guarded = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{path.name} {ws.title}!{c.coordinate}: formula {c.value!r}"
                if isinstance(c.value, str):
                    assert not c.value.startswith(FORMULA_START), f"{path.name} {ws.title}!{c.coordinate}"
                    guarded += c.value.startswith("'") and c.value[1:2] in ("=", "+", "-", "@")
    with zipfile.ZipFile(path) as z:  # and the raw XML holds no <f> element at all
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name
    return guarded


def test_review_outputs_hold_text_not_formulas(hostile, tmp_path):
    paths = write_review_outputs(hostile.review, tmp_path)
    assert [p.name for p in paths] == ["review.csv", "findings.csv", "telaah.csv"]
    assert assert_csv_inert(tmp_path / "review.csv") > 0
    assert_csv_inert(tmp_path / "findings.csv")
    assert assert_csv_inert(tmp_path / "telaah.csv") > 0
    names = pd.read_csv(tmp_path / "review.csv", dtype=str, keep_default_na=False)["name"]
    assert names.str.startswith("'=HYPERLINK").any() and names.str.startswith("'+cmd").any()
    assert names.str.startswith("'-2+3").any() and names.str.startswith("'@SUM").any()


def test_artifacts_hold_text_not_formulas(hostile, tmp_path):
    paths = write_artifacts(hostile, tmp_path)
    assert {p.name for p in paths} == {"results.json", "review.csv", "findings.csv", "telaah.csv",
                                       "review.xlsx"}
    json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    for p in paths:
        if p.suffix == ".csv":
            assert_csv_inert(p)
        elif p.suffix == ".xlsx":
            assert assert_xlsx_inert(p) > 0


def test_dataset_writers_hold_text_not_formulas(hostile, tmp_path):
    ds = hostile.dataset
    guarded = sum(assert_csv_inert(p) for p in ds.to_csv_folder(tmp_path / "csv"))
    assert guarded > 0
    assert assert_xlsx_inert(ds.to_xlsx(tmp_path / "data.xlsx")) > 0
    # and they read back to the same text (the guard is undone by the loader)
    for back in (load_dataset(tmp_path / "csv"), load_dataset(tmp_path / "data.xlsx")):
        pd.testing.assert_series_equal(back.innovations["name"], ds.innovations["name"])


def test_template_holds_no_formula(tmp_path):
    assert_xlsx_inert(write_template(YEAR, tmp_path / "template.xlsx"))


# ---------------------------------------------------------------------- input workbooks
def _with_cached_formulas(src: Path, dest: Path, cells: dict[str, tuple[str, str]]) -> None:
    """Copy ``src`` and turn cells of the "Inovasi" sheet into formulas with a cached value, the way
    Excel saves them: coordinate → (formula, cached text)."""
    wb = openpyxl.load_workbook(src)
    sheet_index = wb.sheetnames.index("Inovasi") + 1
    part = f"xl/worksheets/sheet{sheet_index}.xml"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                for ref, (formula, cached) in cells.items():
                    data, n = re.subn(
                        rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)'.encode(),
                        f'<c r="{ref}" t="str"><f>{formula}</f><v>{cached}</v></c>'.encode(), data, count=1,
                        flags=re.S)
                    assert n == 1, ref
            zout.writestr(item, data)


def test_formulas_in_input_workbooks_are_read_as_values(tmp_path, monkeypatch):
    t = make_sample()
    ds = dataset_from_frames({k: v.head(30) for k, v in t.items()})
    src = ds.to_xlsx(tmp_path / "src.xlsx")
    # D = name; Q = result (the canonical column order of the Inovasi sheet)
    hostile = tmp_path / "hostile.xlsx"
    _with_cached_formulas(src, hostile, {
        "D2": ('HYPERLINK("http://x","klik")', "klik"),
        "D3": ("cmd|' /C calc'!A0", "0"),
        "Q2": ('CONCAT("a","b")', "ab"),
    })
    assert openpyxl.load_workbook(hostile)["Inovasi"]["D2"].data_type == "f"  # really a formula

    seen = {}
    real = openpyxl.load_workbook

    def spy(*args, **kwargs):
        seen.update(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", spy)
    back = load_dataset(hostile)
    assert seen.get("read_only") is True and seen.get("data_only") is True
    assert back.innovations.loc[0, "name"] == "klik"  # Excel's cached value, never the formula
    assert back.innovations.loc[1, "name"] == "0"
    assert back.innovations.loc[0, "result"] == "ab"
    text = back.innovations.astype("string").fillna("")
    assert not text.apply(lambda c: c.str.contains("HYPERLINK|cmd\\||CONCAT", regex=True)).any().any()


# ---------------------------------------------------------------------- the whole run
@pytest.mark.notebooks
def test_report_run_on_hostile_data(tmp_path):
    """End to end: a hostile CSV folder as a user would write it (no guard) → papermill → pages."""
    data = tmp_path / "data"
    data.mkdir()
    for name, df in hostile_tables().items():
        # CRLF as Excel writes it (a field holding a CR is then quoted, not a line break)
        df.to_csv(data / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\r\n")
    out = tmp_path / "reports"
    assert run_reports(data, [YEAR], out, timeout=300) == 0
    year_dir = out / str(YEAR)
    for nb in NOTEBOOKS:
        page = (year_dir / f"{Path(nb).stem}.html").read_text(encoding="utf-8")
        assert "<script" not in page.lower(), nb
        assert_inert(page, nb, page=True)
    shown = "".join(_Page((year_dir / f"{Path(nb).stem}.html").read_text(encoding="utf-8")).visible
                    for nb in NOTEBOOKS)
    for s in SHOWN:
        assert s in shown, s
    assert assert_xlsx_inert(year_dir / "review.xlsx") > 0
    assert assert_csv_inert(year_dir / "review.csv") > 0
    assert_csv_inert(year_dir / "findings.csv")
    shutil.rmtree(out)


# ---------------------------------------------------------------------- what reports never show
CONTACT = {"email_pengusul": "pengusul.rahasia@contoh.go.id", "telepon": "+62 812 3456 7890",
           "alamat_rumah": "Jl. Rahasia No. 13"}


def test_extra_columns_such_as_contact_data_never_reach_a_report(tmp_path):
    """Columns outside the data contract are kept in the data but shown nowhere: not in a view,
    a report section, results.json, review.csv, findings.csv or review.xlsx."""
    t = make_sample()
    t["innovations"] = t["innovations"].assign(**CONTACT)
    t["opd"] = t["opd"].assign(telepon=CONTACT["telepon"])
    ds = dataset_from_frames(t)
    assert ds.extra_columns("innovations") == list(CONTACT)  # kept in the data
    a = analysis.analyse(ds, YEAR, draws=200)
    texts = [out if isinstance(out, str) else getattr(out, "data", "") for out in _all_outputs(a).values()]
    paths = write_artifacts(a, tmp_path)
    texts += [p.read_text(encoding="utf-8") for p in paths if p.suffix in (".json", ".csv")]
    wb = openpyxl.load_workbook(tmp_path / "review.xlsx")
    texts += [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
    blob = "\n".join(t for t in texts if isinstance(t, str))
    for column, value in CONTACT.items():
        assert value not in blob and column not in blob, column
