"""The brief as a PDF: headless Chromium prints ``03_iga_report.html`` beside it.

The page's own print CSS (:func:`iid_analysis.report.chrome.chrome_style`) sets A4, the page numbers
("Halaman X dari Y"), the synthetic-data notice on every page when the data are synthetic, keeps
figures and table rows whole and opens collapsed tables; Chromium's own
date/URL header and footer are switched off. Chromium writes a creation date into the PDF's
metadata, so two runs give PDFs that differ in that field only.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
HOW_TO_GET_PDF = "Pasang Chromium (apt-get install chromium) untuk membuat PDF laporan."


def find_chromium() -> str | None:
    """The path of the first Chromium on PATH, or None."""
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def print_pdf(html: Path, pdf: Path, *, chromium: str | None = None, timeout: int = 180) -> str:
    """Print ``html`` to ``pdf``. Returns "" on success, otherwise why not (one Indonesian line);
    a PDF left half-written is removed, so a PDF on disk is always a whole one."""
    browser = chromium or find_chromium()
    if browser is None:
        return "Chromium tidak ditemukan"
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="iid-chromium-") as profile:
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-extensions", "--no-pdf-header-footer", f"--user-data-dir={profile}",
               f"--print-to-pdf={pdf}", Path(html).resolve().as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            pdf.unlink(missing_ok=True)
            return f"Chromium tidak selesai dalam {timeout} detik"
        except OSError as exc:
            return f"Chromium tidak dapat dijalankan ({exc.strerror or exc})"
    if done.returncode != 0 or not _is_pdf(pdf):
        pdf.unlink(missing_ok=True)
        last = next((x.strip() for x in reversed(done.stderr.splitlines()) if x.strip()), "")
        return f"Chromium gagal (kode {done.returncode}){': ' + last[:200] if last else ''}"
    return ""


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            head = f.read(5)
        return head == b"%PDF-" and path.stat().st_size > 1000
    except OSError:
        return False
