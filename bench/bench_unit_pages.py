"""The per-unit pages of one edition: HTML from one template, and the PDFs beside them.

Edition 2021 of the bundled data (37 active units). HTML: ``write_unit_pages(pdf=False)`` (render
every page and the list of pages, write them), best of three. PDF: the batch printer (one headless
Chromium per worker, pages printed one after the other over the DevTools pipe) with one and with
two workers; for comparison, one Chromium process per page (``run.pdf.print_pdf``) on eight pages
with two workers, scaled to all pages. Targets: the HTML of 40 units in a few seconds (≤ 3 s), the
PDFs of 40 units in about 10 s with two workers. The machine's load average is recorded: PDF
times move with it.
"""

from __future__ import annotations

import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TARGET_HTML_SECONDS_40 = 3.0
TARGET_PDF_SECONDS_40 = 10.0


def run() -> dict:
    from iid_analysis.analysis import analyse
    from iid_analysis.io.locations import default_data
    from iid_analysis.run.pdf import find_chromium, print_pdf
    from iid_analysis.run.unit_pages import write_unit_pages

    a = analyse(default_data(), 2021, draws=500)
    out: dict = {"edition": 2021, "load_average_1min": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        html = []
        for i in range(3):
            start = time.perf_counter()
            written = write_unit_pages(a, work / f"h{i}", pdf=False)
            html.append(time.perf_counter() - start)
        n = len(written.pages)
        out.update({"units": n, "html_seconds": round(min(html), 3),
                    "html_seconds_per_40_units": round(min(html) / n * 40, 3),
                    "target_html_seconds_40": TARGET_HTML_SECONDS_40})
        chromium = find_chromium()
        if chromium is None:
            out["pdf"] = "Chromium not installed"
            out["ok"] = out["html_seconds_per_40_units"] <= TARGET_HTML_SECONDS_40
            return out
        for workers in (1, 2):
            w = write_unit_pages(a, work / f"p{workers}", pdf=True, workers=workers, chromium=chromium)
            out[f"pdf_seconds_workers_{workers}"] = round(w.pdf_seconds, 2)
            out[f"pdfs_made_workers_{workers}"] = len(w.pdfs)
        out["pdf_seconds_per_40_units_workers_2"] = round(out["pdf_seconds_workers_2"] / n * 40, 2)
        folder = work / "h0" / "opd"
        sample = written.pages[:8]
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda p: print_pdf(folder / p, folder / (Path(p).stem + ".pdf"), chromium=chromium),
                          sample))
        per_page = (time.perf_counter() - start) / len(sample)
        out["pdf_seconds_one_process_per_page_workers_2_estimated"] = round(per_page * n, 2)
        out["target_pdf_seconds_40"] = TARGET_PDF_SECONDS_40
        out["ok"] = (out["html_seconds_per_40_units"] <= TARGET_HTML_SECONDS_40
                     and out["pdf_seconds_per_40_units_workers_2"] <= TARGET_PDF_SECONDS_40)
    return out
