"""Views of page 03 (the IGA brief): its sections, each with its heading, and the check line."""

from __future__ import annotations

from iid_analysis.report import present
from iid_analysis.report.brief import report_sections


def sections(a) -> dict:
    """The brief's sections, by key (see :func:`iid_analysis.report.brief.report_sections`)."""
    return {s.key: s for s in report_sections(a)}


def section(secs: dict, key: str):
    """One section of the brief: its heading (from :data:`iid_analysis.report.brief.SECTION_TITLES`,
    the one place titles are defined) and its Markdown."""
    s = secs[key]
    return present.markdown(f"## {s.title}\n\n{s.markdown or '_Tidak ada catatan._'}")


def report_check(a, secs: dict) -> str:
    """One line of rounded key figures for the report (checked by nbval)."""
    return (f"Laporan IGA {a.year}: IID {a.result.iid:.2f}, {a.result.predicate}; "
            f"{len(secs)} bagian: {', '.join(secs)}")
