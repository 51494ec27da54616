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


def section(secs: dict, key: str):
    """One section of the brief: its heading (from :data:`iid_analysis.report.brief.SECTION_TITLES`,
    the one place titles are defined) and its Markdown; a silent section shows nothing."""
    s = secs[key]
    if not s.markdown and key in SILENT_SECTIONS:
        return present.markdown("")
    return present.markdown(f"## {s.title}\n\n{s.markdown or '_Tidak ada catatan._'}")


def report_check(a, secs: dict) -> str:
    """One line of rounded key figures for the report (checked by nbval)."""
    return (f"Laporan IGA {a.year}: IID {a.result.iid:.2f}, {a.result.predicate}; "
            f"{len(secs)} bagian: {', '.join(secs)}")
