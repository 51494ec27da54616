"""The yearly pipeline: papermill runs of every notebook for every bundled edition.

One session-wide run of ``iid-analysis report --all`` on the bundled data feeds these tests; they
check ``results.json`` against the package's own numbers, the rendered pages, atomic failure and
byte-identical reruns. Marked ``notebooks`` (slow).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from iid_analysis.analysis import analyse
from iid_analysis.cli import main as cli_main
from iid_analysis.io.dataset import load_dataset
from iid_analysis.io.errors import DataError
from iid_analysis.run.artifacts import results_dict
from iid_analysis.run.pipeline import NOTEBOOKS, default_data, notebooks_dir, run_reports

pytestmark = pytest.mark.notebooks

DATA = default_data()
YEARS = load_dataset(DATA).years()
RESULT_KEYS = {"year", "iid", "predicate", "spd", "sid", "n_innovations", "n_submitted", "n_eligible",
               "n_opd", "n_opd_participating", "predicate_probabilities", "top_gaps", "assumptions",
               # added in 2026 (design §5)
               "region", "frame_edition", "formula_status", "mean_maturity", "iid_claimed",
               "iid_interval", "sensitivity", "path_to_next", "new_innovation_break_even",
               "opd_ranking"}
NOISE = re.compile(r"Traceback|\bNaN\b|\bnan\b|\bNone\b|&lt;NA&gt;|<NA>|NaT|Warning|warnings\.warn|"
                   r"object at 0x|<Figure size|DataFrame|dtype:", re.S)


def test_every_edition_is_bundled():
    """``make report`` covers 2019–2026: the editions the city has taken part in, 2026 in verification."""
    assert YEARS == list(range(2019, 2027))


def test_index_and_pages(reports):
    index = (reports / "index.html").read_text(encoding="utf-8")
    for y in YEARS:
        for nb in NOTEBOOKS:
            stem = Path(nb).stem
            assert (reports / str(y) / f"{stem}.html").is_file()
            assert (reports / str(y) / nb).is_file()
            assert f'href="{y}/{stem}.html"' in index
        assert (reports / str(y) / "review.xlsx").is_file()
        assert any((reports / str(y) / "figures").glob("*.png"))
    assert not list(reports.glob(".tmp-*")) and not (reports / "gagal").exists()


@pytest.mark.parametrize("year", YEARS)
def test_results_json_matches_the_package(reports, year):
    got = json.loads((reports / str(year) / "results.json").read_text(encoding="utf-8"))
    assert RESULT_KEYS <= set(got)
    expected = results_dict(analyse(DATA, year))
    for key in ("iid", "predicate", "spd", "sid", "n_innovations", "n_submitted", "n_eligible", "n_opd",
                "n_opd_participating", "predicate_probabilities", "top_gaps"):
        assert got[key] == expected[key], key
    assert abs(sum(got["predicate_probabilities"].values()) - 1) < 1e-9
    assert got["assumptions"], "every bundled edition rests on some assumed numbers"


@pytest.mark.parametrize("year", YEARS)
def test_pages_have_no_code_and_no_python_noise(reports, year):
    for nb in NOTEBOOKS:
        html = (reports / str(year) / f"{Path(nb).stem}.html").read_text(encoding="utf-8")
        body = html.split("<body", 1)[1]
        assert "jp-InputArea-editor" not in body and "highlight-ipynb" not in body
        assert "import iid_analysis" not in body and "analyse(" not in body
        text = re.sub(r"<script.*?</script>|<style.*?</style>", "", body, flags=re.S)
        text = re.sub(r'data:image/png;base64,[A-Za-z0-9+/=]+', "", text)
        m = NOISE.search(text)
        assert m is None, f"{year} {nb}: noise {m.group(0)!r} near {text[max(0, m.start()-120):m.end()+80]!r}"
        assert 'lang="id"' in html


@pytest.mark.parametrize("year", YEARS)
def test_check_lines_stay_in_the_notebook_not_on_the_page(reports, year):
    """The NBVAL check cells ran (their text is in the executed notebook) but no page shows it."""
    for name in NOTEBOOKS:
        nb = nbformat.read(str(reports / str(year) / name), as_version=4)
        printed = ["".join(o.get("text", "")).strip() for c in nb.cells if "# NBVAL_CHECK_OUTPUT" in c.source
                   for o in c.outputs if o.get("output_type") == "stream"]
        assert printed and all(printed), name
        page = (reports / str(year) / f"{Path(name).stem}.html").read_text(encoding="utf-8")
        for text in printed:
            assert text.splitlines()[0] not in page, (name, text)


def test_page_02_shows_the_rules_the_certainty_and_the_gate(reports):
    """What page 02 added for the living method and the certainty work is on the page."""
    page = (reports / "2026" / "02_index.html").read_text(encoding="utf-8")
    for text in ("Aturan edisi 2026", "dilaporkan", "Cakupan urusan pelayanan dasar",
                 "sekurang-kurangnya 5 dari 6 urusan pelayanan dasar", "IID terverifikasi",
                 "IID bila semua klaim diterima", "Rentang simulasi 5–95%", "Indeks Sobol"):
        assert text in page, text
    assert (reports / "2026" / "figures" / "asal_ketidakpastian.png").is_file()
    got = json.loads((reports / "2026" / "results.json").read_text(encoding="utf-8"))
    assert got["region"] == "Kota Pekalongan" and got["frame_edition"] == 2026
    assert got["iid_claimed"] >= got["iid"] and set(got["iid_interval"]) == {"p5", "p50", "p95"}
    assert all(0 <= s["total"] <= 1.2 for s in got["sensitivity"].values())
    # the 2026 input has closed at the date of the data: nothing is doable before the deadline
    assert got["path_to_next"] and not any(s["before_deadline"] for s in got["path_to_next"])


def test_the_2020_estimate_is_labelled_as_one(reports):
    """2020 had its own scale: no page shows an official-looking 2020 predikat."""
    page = (reports / "2020" / "02_index.html").read_text(encoding="utf-8")
    assert "IID (perkiraan kerangka 2023)" in page and "Predikat (pita 2023)" in page
    brief = (reports / "2020" / "03_iga_report.html").read_text(encoding="utf-8")
    assert "bukan hasil resmi edisi 2020" in brief
    got = json.loads((reports / "2020" / "results.json").read_text(encoding="utf-8"))
    assert got["frame_edition"] == 2023 and got["formula_status"] == "assumed"


def test_executed_notebooks_ran_with_the_parameters(reports):
    nb = nbformat.read(str(reports / "2021" / "02_index.ipynb"), as_version=4)
    params = nb.metadata["papermill"]["parameters"]
    assert params["year"] == 2021 and Path(params["data"]) == DATA.resolve()


def test_reruns_are_byte_identical(reports, tmp_path):
    out = tmp_path / "again"
    assert run_reports(DATA, [2021], out) == 0
    for name in ["results.json", *[f"{Path(nb).stem}.html" for nb in NOTEBOOKS]]:
        assert (out / "2021" / name).read_bytes() == (reports / "2021" / name).read_bytes(), name


def test_failure_keeps_the_previous_good_output(reports, tmp_path, capsys):
    out = tmp_path / "r"
    shutil.copytree(reports / "2021", out / "2021")
    before = (out / "2021" / "results.json").read_bytes()
    broken = tmp_path / "nb"
    shutil.copytree(notebooks_dir(), broken)
    nb = nbformat.read(str(broken / "02_index.ipynb"), as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('sel rusak untuk uji')"))
    nbformat.write(nb, str(broken / "02_index.ipynb"))
    status = run_reports(DATA, [2021], out, notebooks=broken)
    err = capsys.readouterr().err
    assert status == 1
    assert "02_index.ipynb" in err and "sel" in err and "RuntimeError" in err
    assert (out / "2021" / "results.json").read_bytes() == before
    assert (out / "gagal" / "2021_02_index.ipynb").is_file()
    assert not list(out.glob(".tmp-*"))


def test_edition_without_data_fails_before_any_kernel(tmp_path, capsys):
    with pytest.raises(DataError, match="2031"):
        run_reports(DATA, [2031], tmp_path)
    assert cli_main(["report", "--year", "2031", "--data", str(DATA), "--out", str(tmp_path)]) == 2
    assert "2031" in capsys.readouterr().err
    assert not any(tmp_path.iterdir()) or not list(tmp_path.glob("*/results.json"))


def test_relative_paths_and_parallel_editions(tmp_path, monkeypatch):
    """`make report` passes relative paths and runs editions in parallel threads; papermill
    changes the working folder while a kernel starts, so every path must be made absolute."""
    import os

    monkeypatch.chdir(tmp_path)
    rel_data = os.path.relpath(DATA, tmp_path)
    assert cli_main(["report", "--year", "2020", "--year", "2021", "--jobs", "2",
                     "--data", rel_data, "--out", "rel_out"]) == 0
    for y in (2020, 2021):
        assert (tmp_path / "rel_out" / str(y) / "03_iga_report.html").is_file()
    assert not list((tmp_path / "rel_out").glob(".tmp-*"))


def _images(html: str) -> set[str]:
    return set(re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", html))


def test_figures_shared_between_pages_are_the_saved_pngs(reports):
    """03 shows the trend (from 01) and the predicate chances (from 02) as the PNGs those notebooks
    saved, not redrawn: the same bytes on both pages and in figures/."""
    import base64

    folder = reports / "2021"
    pages = {Path(nb).stem: _images((folder / f"{Path(nb).stem}.html").read_text(encoding="utf-8"))
             for nb in NOTEBOOKS}
    for png, page in (("tren", "01_participation"), ("peluang_predikat", "02_index")):
        saved = base64.b64encode((folder / "figures" / f"{png}.png").read_bytes()).decode()
        assert saved in pages[page] and saved in pages["03_iga_report"], png
