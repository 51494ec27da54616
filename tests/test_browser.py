"""The rendered pages, loaded in headless Chromium as a reviewer would.

A copy of each page gets a small script that, once the page has loaded, measures every figure and
looks for code cells and error text; Chromium's ``--dump-dom`` returns the verdict. Skipped only
when Chromium is not installed (``.ci/run`` installs Debian's ``chromium``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from iid_analysis.run.pipeline import NOTEBOOKS

pytestmark = [pytest.mark.notebooks, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")

PROBE = """<script>
window.addEventListener('load', function () {
  var imgs = Array.prototype.slice.call(document.querySelectorAll('img'));
  var sizes = imgs.map(function (i) { return [i.naturalWidth, i.naturalHeight, i.clientWidth, i.clientHeight]; });
  var code = document.querySelectorAll('.jp-InputArea:not(.jp-mod-noInput) .jp-Editor, .input_area, pre.jp-CodeMirrorEditor').length;
  var errs = document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .output_error').length;
  var text = document.body.innerText;
  var header = document.querySelector('header.iid-header');
  var banner = document.querySelector('.iid-banner');
  var verdict = {images: sizes, code: code, errors: errs, textLength: text.length,
                 header: header ? header.getBoundingClientRect().top : null,
                 headerText: header ? header.innerText : '',
                 banner: banner ? banner.getBoundingClientRect().bottom : null,
                 headings: document.querySelectorAll('h1, h2').length,
                 traceback: /Traceback|Error:/.test(text)};
  var pre = document.createElement('pre'); pre.id = 'iid-verdict';
  pre.textContent = JSON.stringify(verdict); document.body.appendChild(pre);
});
</script>"""


def _verdict(page: Path, tmp_path: Path) -> dict:
    probe_page = tmp_path / page.name
    probe_page.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>", 1), encoding="utf-8")
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000", "--window-size=1280,1000",
           "--dump-dom",
           probe_page.as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    m = re.search(r'<pre id="iid-verdict">(.*?)</pre>', done.stdout, re.S)
    assert m, f"Chromium did not render {page.name}: {done.stderr[-500:]}"
    return json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&"))


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_pages_render_in_chromium(reports, tmp_path, notebook):
    for year_dir in sorted(p for p in reports.iterdir() if p.name.isdigit()):
        page = year_dir / f"{Path(notebook).stem}.html"
        v = _verdict(page, tmp_path)
        assert v["code"] == 0, f"{page}: code cells visible"
        assert v["errors"] == 0 and not v["traceback"], f"{page}: error output visible"
        assert v["headings"] >= 2 and v["textLength"] > 500, f"{page}: page looks empty"
        assert v["images"], f"{page}: no figures"
        for w, h, cw, ch in v["images"]:
            assert w > 0 and h > 0 and cw > 0 and ch > 0, f"{page}: a figure has zero size"


FIRST_SCREEN = 1000  # px: the window's height above


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_every_page_opens_with_the_header_and_the_synthetic_banner(reports, tmp_path):
    """Issue 16: the region and the edition at the top of every page, and — the sample's region
    table says its data are synthetic — the banner on the first screen."""
    pages = sorted(reports.glob("*/0*.html")) + [reports / "index.html", reports / "glosarium.html"]
    for page in pages:
        v = _verdict(page, tmp_path)
        assert v["header"] is not None and v["header"] < 50, f"{page}: no header at the top"
        assert "Kota Pekalongan" in v["headerText"], f"{page}: the header does not name the region"
        assert "Glosarium" in v["headerText"] and "Semua edisi" in v["headerText"], page
        assert v["banner"] is not None and 0 < v["banner"] <= FIRST_SCREEN, f"{page}: banner not on the first screen"
