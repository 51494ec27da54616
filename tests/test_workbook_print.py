"""The workbooks as a clerk prints them: review.xlsx (2021 sample) and the input template converted
to PDF by LibreOffice headless, then read with pypdf: landscape pages, the guide and a unit's full
name present, no unit page cut on the right (issue 17 item 2)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from iid_analysis import analysis
from iid_analysis.io import schema
from iid_analysis.io.schema import ALL_TABLES, TABLE_LABELS
from iid_analysis.io.template import write_template
from iid_analysis.report.workbook.book import write_workbook
from iid_analysis.report.workbook.petunjuk import DEFAULT_CONTACT

pytestmark = pytest.mark.office

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice") or "soffice"


def to_pdf(xlsx: Path, tmp: Path) -> list[str]:
    """Convert with a private LibreOffice profile (parallel runs do not clash); the text per page."""
    out = tmp / "pdf"
    out.mkdir(exist_ok=True)
    profile = (tmp / "lo-profile").resolve().as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(xlsx)], check=True, timeout=120,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pdf = out / (xlsx.stem + ".pdf")
    assert pdf.is_file(), f"LibreOffice wrote no PDF for {xlsx.name}"
    reader = PdfReader(pdf)
    assert len(reader.pages) > 0
    for i, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        w, h = float(box.width), float(box.height)
        if page.get("/Rotate", 0) in (90, 270):
            w, h = h, w
        assert w > h, f"{xlsx.name} page {i} is not landscape ({w}×{h})"
        assert abs(max(w, h) - 842) < 5 and abs(min(w, h) - 595) < 5, "not A4"
    return [" ".join((p.extract_text() or "").split()) for p in reader.pages]


def test_review_workbook_prints(tmp_path):
    a = analysis.analyse(None, 2021, draws=50)
    pages = to_pdf(write_workbook(a, tmp_path / "review.xlsx"), tmp_path)
    text = " ".join(pages)
    assert "Petunjuk" in pages[0] and DEFAULT_CONTACT in pages[0] and "17 September 2021" in pages[0]
    assert "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia" in text
    assert "Ringkasan telaah meja IGA 2021" in text and "Peringkat OPD" in text
    unit_pages = [p for p in pages if "Yang kurang" in p and "Bukti yang diterima" in p]
    assert len(unit_pages) >= 10  # every unit page repeats the header row
    for p in unit_pages:  # the whole width on one page: the last column beside the first
        assert "Inovasi" in p and "Status" in p and "Catatan" in p, p[:200]
    for p in pages:  # no page holding only columns cut off on the right
        assert ("Catatan" in p) <= ("Inovasi" in p), p[:200]
        assert "nan" not in p.split() and "None" not in p.split()


def test_template_prints_fitted_to_width(tmp_path):
    pages = to_pdf(write_template(2021, tmp_path / "isian.xlsx"), tmp_path)
    for table in ALL_TABLES:
        labels = [c.label for c in schema.COLUMNS[table]]
        first, last = labels[0], labels[-1]
        assert any(first in p and last in p for p in pages), (TABLE_LABELS[table], first, last)
    assert "Buku kerja isian" in pages[0]
