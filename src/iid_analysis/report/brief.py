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
from iid_analysis.report.glossary import glossary_markdown
from iid_analysis.report.memo import addressee, memo_markdown, region_label
from iid_analysis.report.peers_text import peers_markdown
from iid_analysis.report.prose import bullets, count_of, join, listing, missing, paragraphs

#: Section keys → Indonesian titles, in report order.
SECTION_TITLES: dict[str, str] = {
    "ringkasan": "Ringkasan",
    "kekuatan_kelemahan": "Kekuatan dan kelemahan",
    "unggulan": "Inovasi unggulan untuk presentasi",
    "profil": "Profil inovasi unggulan",
    "peta_pembinaan": "Peta pembinaan",
    "rencana_aksi": "Rencana aksi",
    "kepastian": "Kepastian predikat",
    "posisi": "Posisi di antara daerah lain",
    "asumsi": "Asumsi dan sumber data",
    "glosarium": "Glosarium",
}
#: Sections that may be silent (empty Markdown): shown without heading, or not at all.
SILENT_SECTIONS: frozenset[str] = frozenset({"posisi"})
#: The action plan lists the OPDs whose documents are worth most, this many, with at most
#: TODO_PER_OPD innovations each and TODO_ITEMS documents per innovation; the workbook has them all.
TODO_OPDS = 5
TODO_PER_OPD = 2
TODO_ITEMS = 2
#: Steps of the path to the next predikat listed on this page (page 02 lists them all).
PATH_STEPS = 5
#: OPD names listed per coaching group on this page (page 01 has the whole map).
COACHING_NAMES = 5


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
            "inovasi nondigital. Usulan berikut diambil dari inovasi yang dinilai dalam indeks.")
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
    return coaching_markdown(a.coaching.map, a.coaching.groups, max_names=COACHING_NAMES)


def _opd_gains(by_opd: pd.DataFrame) -> dict[str, float]:
    """OPD → IID points its open documents are worth."""
    return {str(i): float(g) for i, g in zip(by_opd["opd_id"], by_opd["gain_documents"], strict=True)
            if not missing(i) and not missing(g)}


def _capped_todo(todo: pd.DataFrame, gains: dict[str, float]) -> tuple[pd.DataFrame, str]:
    """The documents to complete, cut to the OPDs worth most (a sentence says what was cut)."""
    if todo.empty:
        return todo, ""
    n_opd = todo["opd_id"].nunique()
    if n_opd <= TODO_OPDS and todo.groupby("opd_id").size().max() <= TODO_PER_OPD and \
            todo["todo"].map(len).max() <= TODO_ITEMS:
        return todo, ""
    order = (todo.assign(_gain=todo["opd_id"].map(lambda i: gains.get(str(i), 0.0)))
             .groupby(["opd_id", "opd_name"], sort=False)["_gain"].first()
             .sort_values(ascending=False, kind="stable"))
    keep = [i for i, _ in order.index[:TODO_OPDS]]
    cut = todo[todo["opd_id"].isin(keep)]
    cut = pd.concat([cut[cut["opd_id"] == i].head(TODO_PER_OPD) for i in keep], ignore_index=True)

    def few(items) -> list:
        items = list(items)
        more = len(items) - TODO_ITEMS
        return items[:TODO_ITEMS] + ([f"dan {count_of(more, 'dokumen')} lain"] if more > 0 else [])
    cut = cut.assign(todo=cut["todo"].map(few))
    note = (f"Seluruhnya {count_of(len(todo), 'inovasi')} dari {count_of(n_opd, 'OPD')} harus melengkapi "
            f"dokumen. Di bawah ini hanya {count_of(len(keep), 'OPD')} dengan kenaikan IID terbesar, "
            f"paling banyak {count_of(TODO_PER_OPD, 'inovasi')} per OPD dan {count_of(TODO_ITEMS, 'dokumen')} "
            f"per inovasi; daftar lengkapnya ada di buku kerja telaah meja (review.xlsx).")
    return cut, note


def _section_rencana(a) -> str:
    r = a.result
    gains = _opd_gains(a.lift.by_opd)
    todo, note = _capped_todo(a.brief.todo, gains)
    blocks = [sentence_deadline(r.methodology), note, action_plan_markdown(todo, gains),
              sentence_not_continued(a.review)]
    if r.next_predicate is None:
        blocks.append(f"Predikat tertinggi sudah tercapai; rencana aksi diarahkan untuk "
                      f"mempertahankan predikat {r.predicate}.")
    else:
        path = path_markdown(a.lift.path, r, max_steps=PATH_STEPS)
        if path and len(a.lift.path.get("actions") or []) > PATH_STEPS:
            path += "\n\nDaftar lengkap tindakan ada di halaman Indeks Inovasi Daerah."
        blocks.append(path)
    return paragraphs(*blocks)


def _section_kepastian(a) -> str:
    return sentence_robustness(a.robustness, a.result)


def _section_posisi(a) -> str:
    return peers_markdown(a)


def _section_asumsi(a) -> str:
    return assumptions_markdown(a.methodology, a.dataset, a.review, a.robustness)


def _section_glosarium(a) -> str:
    return glossary_markdown(heading="").strip()


_BUILDERS = {
    "ringkasan": _section_ringkasan,
    "kekuatan_kelemahan": _section_kekuatan,
    "unggulan": _section_unggulan,
    "profil": _section_profil,
    "peta_pembinaan": _section_pembinaan,
    "rencana_aksi": _section_rencana,
    "kepastian": _section_kepastian,
    "posisi": _section_posisi,
    "asumsi": _section_asumsi,
    "glosarium": _section_glosarium,
}


def report_sections(analysis: Analysis) -> list[Section]:
    """The nomination brief of ``analysis`` as sections in fixed order: ringkasan,
    kekuatan_kelemahan, unggulan, profil, peta_pembinaan, rencana_aksi, kepastian, posisi, asumsi,
    glosarium (``posisi`` may be empty: see :data:`SILENT_SECTIONS`)."""
    return [Section(k, SECTION_TITLES[k], _BUILDERS[k](analysis)) for k in SECTION_TITLES]


def memo_title(analysis: Analysis) -> str:
    """"Nota Dinas untuk Wali Kota Pekalongan" (escaped)."""
    return f"Nota Dinas untuk {addressee(analysis.dataset.region)}"


def report_title(analysis: Analysis) -> str:
    """"Laporan nominasi IGA edisi 2021 — Kota Pekalongan" (the region escaped; without it when unknown)."""
    place = region_label(analysis.dataset.region)
    return f"Laporan nominasi IGA edisi {int(analysis.year)}" + (f" — {place}" if place else "")


def report_markdown(analysis: Analysis) -> str:
    """The whole brief as one Markdown document: the memo, then ``## title`` per section (a silent
    section has no heading)."""
    parts = [f"# {report_title(analysis)}", f"## {memo_title(analysis)}\n\n{memo_markdown(analysis)}"]
    for s in report_sections(analysis):
        if not s.markdown and s.key in SILENT_SECTIONS:
            continue
        parts.append(f"## {s.title}\n\n{s.markdown}")
    return "\n\n".join(parts) + "\n"
