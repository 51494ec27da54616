"""Views of page 03 (the IGA brief): the memo, its sections, each with its heading, and the check line."""

from __future__ import annotations

from iid_analysis.report import present
from iid_analysis.report.brief import SILENT_SECTIONS, memo_title, report_sections
from iid_analysis.report.memo import memo_markdown


def sections(a) -> dict:
    """The brief's sections, by key (see :func:`iid_analysis.report.brief.report_sections`)."""
    return {s.key: s for s in report_sections(a)}


def memo(a):
    """The one-page memo to the head of region that opens the brief (see :mod:`iid_analysis.report.memo`)."""
    return present.markdown(f"## {memo_title(a)}\n\n{memo_markdown(a)}")


#: Sections a reader consults rather than reads: folded on screen under their heading (the print
#: style opens them, so the PDF holds them whole).
FOLDED: dict[str, str] = {
    "asumsi": "Tampilkan asumsi dan sumber data",
    "glosarium": "Tampilkan glosarium",
}


def section(secs: dict, key: str):
    """One section of the brief: its heading (from :data:`iid_analysis.report.brief.SECTION_TITLES`,
    the one place titles are defined) and its Markdown; a silent section shows nothing; the
    sections of :data:`FOLDED` are folded on screen."""
    s = secs[key]
    if not s.markdown and key in SILENT_SECTIONS:
        return present.markdown("")
    body = s.markdown or "_Tidak ada catatan._"
    if key in FOLDED and s.markdown:
        body = (f'<details class="iid-more"><summary>{FOLDED[key]}</summary>\n\n{body}\n\n'
                f'</details>')
    return present.markdown(f"## {s.title}\n\n{body}")


def report_check(a, secs: dict) -> str:
    """One line of rounded key figures for the report (checked by nbval)."""
    return (f"Laporan IGA {a.year}: IID {a.result.iid:.2f}, {a.result.predicate}; "
            f"{len(secs)} bagian: {', '.join(secs)}")
