"""The IGA nomination brief (notebook 03) as sections: key, Indonesian title, Markdown body, in a
fixed order. Every sentence is generated from the analysis's results by the report's text modules."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from iid_analysis.analyses.flagships import FLAGSHIP_KINDS
from iid_analysis.analysis import Analysis
from iid_analysis.report.assumptions import assumptions_markdown
from iid_analysis.report.brief_actions import (
    action_plan_markdown,
    coaching_markdown,
    path_markdown,
    sentence_deadline,
    sentence_not_continued,
)
from iid_analysis.report.brief_certainty import sentence_robustness
from iid_analysis.report.brief_flagships import (
    FLAGSHIP_WORDS,
    flagship_rule,
    profile_markdown,
    sentence_flagship,
)
from iid_analysis.report.brief_strengths import (
    sentence_evidence_loss,
    sentence_sid_indicators,
    sentence_spd_gaps,
    sentence_variables,
)
from iid_analysis.report.brief_summary import (
    sentence_components,
    sentence_decisions,
    sentence_distance,
    sentence_iid,
    sentence_no_innovations,
    sentence_participation,
    sentence_participation_change,
    sentence_tdd,
)
from iid_analysis.report.prose import bullets, join, listing, missing, paragraphs

#: Section keys → Indonesian titles, in report order.
SECTION_TITLES: dict[str, str] = {
    "ringkasan": "Ringkasan",
    "kekuatan_kelemahan": "Kekuatan dan kelemahan",
    "unggulan": "Inovasi unggulan untuk presentasi",
    "profil": "Profil inovasi unggulan",
    "peta_pembinaan": "Peta pembinaan",
    "rencana_aksi": "Rencana aksi",
    "kepastian": "Kepastian predikat",
    "asumsi": "Asumsi dan sumber data",
}


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    markdown: str


def _section_ringkasan(a) -> str:
    r, rv, prev = a.result, a.review, a.previous
    c = rv.counts()
    ps = a.participation.summary
    first = join(sentence_iid(r, prev), sentence_components(r))
    tdd = sentence_tdd(r, c["n_submitted"])
    blocks = [first, tdd, sentence_no_innovations(r), sentence_distance(r)]
    part = sentence_participation(c["n_submitted"], c["n_eligible"], r.n, ps["n_opd"],
                                  ps["n_opd_participating"], a.year, c["n_in_window"])
    change = ""
    if prev is not None:
        pt = a.participation.trends.set_index("year")
        change = sentence_participation_change(
            {"n_submitted": c["n_submitted"], "n_opd_participating": ps["n_opd_participating"]},
            {"n_submitted": len(prev.review.innovations),
             "n_opd_participating": int(pt.loc[prev.year, "n_opd_participating"])},
            prev.year)
    blocks.append(join(part, change, sentence_decisions(c)))
    return paragraphs(*blocks)


def _section_kekuatan(a) -> str:
    r = a.result
    return paragraphs(
        sentence_sid_indicators(a.brief.indicator_shares, r.methodology, r.n),
        sentence_evidence_loss(r),
        sentence_variables(a.brief.variable_shares),
        sentence_spd_gaps(r),
    )


def _section_unggulan(a) -> str:
    m = a.result.methodology
    lead = ("Tahap presentasi IGA meminta kepala daerah memaparkan satu inovasi digital dan satu "
            "inovasi non digital. Usulan berikut diambil dari inovasi yang dinilai dalam indeks.")
    return paragraphs(lead, flagship_rule(m),
                      bullets(sentence_flagship(k, a.brief.flagships[k], m) for k in FLAGSHIP_KINDS))


def _section_profil(a) -> str:
    choice = a.brief.flagships
    blocks = [profile_markdown(c, a.review, a.result) for c in choice.values() if c is not None]
    if not blocks:
        return "Belum ada inovasi unggulan yang dapat diprofilkan, karena tidak ada inovasi yang dinilai."
    absent = [FLAGSHIP_WORDS[k] for k, c in choice.items() if c is None]
    tail = (f"Profil unggulan {listing(absent)} belum ada karena tidak ada inovasi jenis itu yang "
            f"dinilai." if absent else "")
    return paragraphs(*blocks, tail)


def _section_pembinaan(a) -> str:
    return coaching_markdown(a.coaching.map, a.coaching.groups)


def _opd_gains(by_opd: pd.DataFrame) -> dict[str, float]:
    """OPD → IID points its open documents are worth."""
    return {str(i): float(g) for i, g in zip(by_opd["opd_id"], by_opd["gain_documents"], strict=True)
            if not missing(i) and not missing(g)}


def _section_rencana(a) -> str:
    r = a.result
    blocks = [sentence_deadline(r.methodology), action_plan_markdown(a.brief.todo, _opd_gains(a.lift.by_opd)),
              sentence_not_continued(a.review)]
    if r.next_predicate is None:
        blocks.append(f"Predikat tertinggi sudah tercapai; rencana aksi diarahkan untuk "
                      f"mempertahankan predikat {r.predicate}.")
    else:
        blocks.append(path_markdown(a.lift.path, r))
    return paragraphs(*blocks)


def _section_kepastian(a) -> str:
    return sentence_robustness(a.robustness, a.result)


def _section_asumsi(a) -> str:
    return assumptions_markdown(a.methodology, a.dataset, a.review, a.robustness)


_BUILDERS = {
    "ringkasan": _section_ringkasan,
    "kekuatan_kelemahan": _section_kekuatan,
    "unggulan": _section_unggulan,
    "profil": _section_profil,
    "peta_pembinaan": _section_pembinaan,
    "rencana_aksi": _section_rencana,
    "kepastian": _section_kepastian,
    "asumsi": _section_asumsi,
}


def report_sections(analysis: Analysis) -> list[Section]:
    """The nomination brief of ``analysis`` as sections in fixed order: ringkasan,
    kekuatan_kelemahan, unggulan, profil, peta_pembinaan, rencana_aksi, kepastian, asumsi."""
    return [Section(k, SECTION_TITLES[k], _BUILDERS[k](analysis)) for k in SECTION_TITLES]


def report_markdown(analysis: Analysis) -> str:
    """The whole brief as one Markdown document (``## title`` per section)."""
    parts = [f"# Laporan nominasi IGA edisi {int(analysis.year)}"]
    for s in report_sections(analysis):
        parts.append(f"## {s.title}\n\n{s.markdown}")
    return "\n\n".join(parts) + "\n"
