"""Ready-made views for the notebooks: one call per cell, each returning something to show.

A view picks the package's results for an :class:`~iid_analysis.analysis.Analysis`, gives columns
Indonesian headings and formats (via :mod:`iid_analysis.report.present`), or draws a figure (via
:mod:`iid_analysis.report.plots`) and saves it as PNG when an output folder is given. Views hold no
analysis of their own: the numbers come from participation, scoring, whatif and narrative.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from iid_analysis.analyses import participation
from iid_analysis.io.schema import ENUMS
from iid_analysis.report import plots, present
from iid_analysis.text import fmt
from iid_analysis.text.escape import md_text

EVIDENCE_LABELS = ENUMS["evidence_status"]
STAGE_LABELS = ENUMS["stage"]
KIND_LABELS = ENUMS["innovation_kind"]
FORM_LABELS = ENUMS["form"]


def _out(output_dir: str | Path | None) -> str | None:
    return str(output_dir) if output_dir else None


def _saved(fig, output_dir, name):
    """Render once: saved as PNG when an output folder is given, shown as that same PNG."""
    title = fig.axes[0].get_title(loc="left") if fig.axes else ""
    return present.image(plots.save(fig, _out(output_dir), name), alt=title or name)


def _shared(output_dir, name, title, inputs, draw):
    """A figure shown by two notebooks of one run (01 and 03, 02 and 03): the second shows the
    PNG the first saved in ``output_dir`` when it was drawn from the same inputs."""
    key = plots.fingerprint(name, title, *inputs, code=(__file__,))  # labels are set here too
    return present.image(plots.drawn_once(_out(output_dir), name, key, draw), alt=title)


def _label(series: pd.Series, labels: dict[str, str]) -> pd.Series:
    return series.map(lambda v: labels.get(v, "") if isinstance(v, str) else "")


# ---------------------------------------------------------------------- common
def header(a) -> present.Markdown:
    """Edition, data source and method in one line."""
    m = a.methodology
    src = Path(a.dataset.source).name if a.dataset.source else "data"
    frame = m.frame_note or ""
    # the file name is plain escaped text: inside a code span its backslash escapes would show
    return present.markdown(
        f"**Edisi {a.year}** · penyelenggara {md_text(m.organiser)} · sumber data: {md_text(src)} "
        f"({fmt.integer(len(a.dataset.innovations))} baris inovasi untuk semua edisi). {md_text(frame)}"
    )


# ---------------------------------------------------------------------- 01 participation
def participation_figures(a):
    s = participation.participation_summary(a.review, a.result)
    c = a.review.counts()
    return present.key_figures([
        ("Inovasi masuk", fmt.integer(c["n_submitted"])),
        ("Diterapkan dalam jendela", fmt.integer(c["n_in_window"])),
        ("Memenuhi syarat", fmt.integer(c["n_eligible"])),
        ("OPD berpartisipasi", f"{fmt.integer(s['n_opd_participating'])} dari {fmt.integer(s['n_opd'])}"),
        ("Tingkat partisipasi", fmt.pct(s["rate"])),
    ])


def participation_check(a) -> str:
    """One line of rounded key figures (checked by nbval)."""
    s = participation.participation_summary(a.review, a.result)
    c = a.review.counts()
    return (f"Edisi {a.year}: {c['n_submitted']} inovasi masuk, {c['n_in_window']} dalam jendela waktu, "
            f"{c['n_eligible']} memenuhi syarat; OPD {s['n_opd_participating']}/{s['n_opd']}")


def funnel_table(a):
    f = participation.funnel(a.review, a.result)
    return present.table(f, {"label": ("Tahap", "text"), "count": ("Jumlah", "int"),
                             "share_of_entered": ("Dari yang masuk", "pct")},
                         caption="Corong telaah meja")


def funnel_figure(a, output_dir=None):
    f = participation.funnel(a.review, a.result)
    return _saved(plots.funnel(f, f"Corong inovasi edisi {a.year}"), output_dir, "corong")


def opd_table(a):
    t = participation.opd_participation(a.review, a.result)
    t = t.sort_values(["entered", "name"], ascending=[False, True], kind="mergesort")
    return present.table(t, {"name": ("OPD", "text"), "entered": ("Masuk", "int"),
                             "eligible": ("Memenuhi syarat", "int"), "lanjut": ("Lanjut", "int"),
                             "mean_maturity": ("Rata-rata kematangan", "num"),
                             "share_sid_points": ("Porsi poin SID kota", "pct")},
                         caption="Partisipasi per OPD (diurutkan menurut jumlah inovasi)")


def non_participating(a):
    s = participation.participation_summary(a.review, a.result)
    names = s["non_participating"]
    if not names:
        return present.markdown("Semua OPD yang aktif memasukkan setidaknya satu inovasi.")
    return present.markdown(
        f"**{fmt.integer(len(names))} OPD belum memasukkan inovasi:** "
        + ", ".join(md_text(n) for n in names) + "."
    )


def trends_table(a):
    t = participation.trends(a.reviews, a.results, a.year)
    return present.table(t, {"year": ("Edisi", "text"), "n_submitted": ("Inovasi masuk", "int"),
                             "n_opd_participating": ("OPD ikut", "int"), "rate": ("Partisipasi", "pct"),
                             "eligible_share": ("Memenuhi syarat", "pct"),
                             "mean_maturity": ("Rata-rata kematangan", "num"), "iid": ("IID", "num"),
                             "predicate": ("Predikat", "text")},
                         caption="Perkembangan antaredisi")


def band_lines(methodology) -> list[tuple[float, str]]:
    """The lower edges of the predicate bands above 1 IID point, from the edition's methodology."""
    return [(b.low, f"batas {b.predicate}") for b in reversed(methodology.bands) if b.low >= 1.0]


def trends_figure(a, output_dir=None):
    t = participation.trends(a.reviews, a.results, a.year)
    title, bands = f"IID dan jumlah inovasi sampai edisi {a.year}", band_lines(a.methodology)
    return _shared(output_dir, "tren", title, (t, bands), lambda: plots.trend(
        t, "year", {"iid": "IID"}, title, "IID", bands=bands, secondary={"n_submitted": "Inovasi masuk"}))


def trend_text(a):
    t = participation.trends(a.reviews, a.results, a.year)
    lines = participation.trend_sentences(t, a.year)
    if not lines:
        return present.markdown("Edisi ini adalah edisi pertama dalam data: belum ada pembanding.")
    return present.sentences(lines)


def timeline_figure(a, output_dir=None):
    t = participation.timeline(a.review)
    s = participation.timeline_summary(a.review)
    marks = [(s["closes"], "Batas awal")]
    if s.get("extended_to"):
        marks.append((s["extended_to"], "Perpanjangan"))
    fig = plots.timeline(t, "date", "cumulative", f"Inovasi masuk selama jendela input {a.year}", marks)
    return _saved(fig, output_dir, "lini_masa")


def timeline_text(a):
    s = participation.timeline_summary(a.review)
    lines = [
        f"Jendela input dibuka {fmt.date(s['opens'])} dan ditutup {fmt.date(s['closes'])}"
        + (f", diperpanjang sampai {fmt.date(s['extended_to'])}." if s.get("extended_to") else "."),
        (f"{fmt.integer(s['n_last_week'])} dari {fmt.integer(s['n_with_date'])} inovasi bertanggal "
         f"({fmt.pct(s['share_last_week'])}) masuk pada tujuh hari terakhir sebelum batas akhir."
         if s["n_with_date"] else ""),
        (f"{fmt.integer(s['n_after_close'])} inovasi masuk berkat perpanjangan." if s.get("extended_to") else ""),
        (f"{fmt.integer(s['n_late'])} inovasi masuk setelah batas akhir." if s["n_late"] else ""),
        (f"{fmt.integer(s['n_without_date'])} inovasi tanpa tanggal input." if s["n_without_date"] else ""),
    ]
    return present.sentences(lines)


def composition_figure(a, output_dir=None):
    c = participation.composition(a.review)
    d = pd.concat([c["kind"], c["form"]], ignore_index=True)
    fig = plots.hbar(d, "label", "count", f"Jenis dan bentuk inovasi edisi {a.year}", "Jumlah inovasi")
    return _saved(fig, output_dir, "komposisi")


def composition_tables(a):
    c = participation.composition(a.review)
    spec = {"label": ("Kategori", "text"), "count": ("Masuk", "int"), "share": ("Porsi", "pct"),
            "eligible": ("Memenuhi syarat", "int")}
    html = "".join(present.table_html(c[k], spec, caption=cap) for k, cap in
                   (("initiator", "Inisiator"), ("affair", "Urusan pemerintahan")))
    return present.HTML(html)


def missing_affairs_text(a):
    miss = participation.missing_affairs(a.review)
    if not miss:
        return present.markdown("Setiap urusan pemerintahan utama punya setidaknya satu inovasi.")
    return present.markdown(
        f"**Urusan tanpa inovasi ({fmt.integer(len(miss))}):** " + ", ".join(md_text(x) for x in miss)
        + ". Inovasi tidak harus digital: tata kelola dan pelayanan sederhana juga dihitung."
    )


def coaching_groups_table(a):
    g = participation.coaching_groups(participation.coaching_map(a.review, a.result))
    return present.table(g, {"label": ("Kelompok", "text"), "count": ("Jumlah OPD", "int"),
                             "share": ("Porsi", "pct"), "rule": ("Aturan", "text"),
                             "action": ("Tindakan yang disarankan", "text")},
                         caption="Peta pembinaan: kelompok OPD")


def coaching_map_table(a):
    m = participation.coaching_map(a.review, a.result)
    return present.table(m, {"name": ("OPD", "text"), "group_label": ("Kelompok", "text"),
                             "entered": ("Masuk", "int"), "eligible": ("Memenuhi syarat", "int"),
                             "lanjut": ("Lanjut", "int"), "mean_maturity": ("Rata-rata kematangan", "num")},
                         caption="Peta pembinaan per OPD")


def heatmap_figure(a, output_dir=None):
    h = participation.indicator_heatmap(a.result)
    ids = [i.id for i in a.result.methodology.indicators_of("SID")]
    mat = h.set_index("name")[[c for c in ids if c in h.columns]] if len(h) else h
    fig = plots.heatmap(mat, f"Rata-rata tingkat yang diklaim per OPD dan indikator SID ({a.year})",
                        "Indikator SID", "OPD")
    return _saved(fig, output_dir, "peta_panas")


def bimtek_table(a):
    b = participation.bimtek_priorities(a.result).head(8)
    return present.table(b, {"indicator_id": ("Kode", "text"), "name": ("Indikator", "text"),
                             "weight": ("Bobot", "num1"), "mean_level_claimed": ("Tingkat diklaim", "num"),
                             "mean_level_valid": ("Tingkat terbukti", "num"),
                             "lift": ("Poin terbuka per inovasi", "num")},
                         caption="Prioritas bimtek: indikator dengan poin terbuka terbesar")


# ---------------------------------------------------------------------- 02 index
def index_figures(a):
    r = a.result
    return present.key_figures([
        ("IID", fmt.num(r.iid)),
        ("Predikat", r.predicate),
        ("SPD", f"{fmt.num(r.spd)} / {fmt.num(r.methodology.max_spd)}"),
        ("SID", fmt.num(r.sid)),
        ("Inovasi dinilai", fmt.integer(r.n)),
        ("Menuju predikat berikutnya", fmt.num(r.distance_to_next) if r.next_predicate else "puncak"),
    ])


def index_check(a) -> str:
    """One line of rounded key figures (checked by nbval)."""
    r = a.result
    return (f"IID {a.year}: {r.iid:.2f} ({r.predicate}); SPD {r.spd:.2f}; SID {r.sid:.2f}; "
            f"n = {r.n}; total {r.total:.2f} / {r.max_total:.0f}")


def formula_text(a):
    r, m = a.result, a.result.methodology
    return present.markdown(
        f"IID = (SPD + SID) ÷ {fmt.num(r.max_total, 0)} × 100, dengan SPD = {fmt.num(r.spd)}, "
        f"SID = {fmt.num(r.sid_sum)} ÷ {fmt.integer(r.divisor)} (jumlah poin SID dibagi "
        f"maks({m.divisor_min}, n)) + skor jumlah inovasi {fmt.num(r.count_score)} "
        f"({fmt.num(m.count_score_per_innovation)} × n, n = {fmt.integer(r.n)}). "
        f"Total {fmt.num(r.total)} → IID **{fmt.num(r.iid)}**, predikat **{r.predicate}**."
    )


def breakdown_table(a):
    return present.table(a.result.breakdown, {"aspect": ("Aspek", "text"), "variable": ("Variabel", "text"),
                                              "points": ("Poin", "num"), "max_points": ("Poin maksimum", "num"),
                                              "contribution": ("Sumbangan ke IID", "num")},
                         caption="Rincian menurut aspek dan variabel")


def breakdown_figure(a, output_dir=None):
    b = a.result.breakdown.assign(label=lambda d: d["aspect"] + " · " + d["variable"])
    fig = plots.hbar(b.sort_values("contribution", ascending=False, kind="mergesort"), "label", "contribution",
                     f"Sumbangan tiap variabel ke IID {a.year}", "Poin IID", value_format=fmt.num)
    return _saved(fig, output_dir, "rincian")


def innovations_table(a):
    t = a.result.innovations[a.result.innovations["scored"]].sort_values(
        ["maturity", "innovation_id"], ascending=[False, True], kind="mergesort")
    t = t.assign(kind_label=_label(t["kind"], KIND_LABELS),
                 opd_name=t["opd_id"].map(_opd_names(a)).fillna(t["opd_id"]))
    return present.table(t, {"innovation_id": ("ID", "text"), "name": ("Inovasi", "text"),
                             "opd_name": ("OPD", "text"), "kind_label": ("Jenis", "text"),
                             "claimed_maturity": ("Kematangan diklaim", "num"),
                             "maturity": ("Skor kematangan", "num")},
                         caption=f"Inovasi yang dinilai (skor kematangan, maksimum "
                                 f"{fmt.num(a.result.methodology.max_sid_per_innovation, 0)})")


def not_scored_table(a):
    t = a.result.innovations[~a.result.innovations["scored"]]
    return present.table(t, {"innovation_id": ("ID", "text"), "name": ("Inovasi", "text"),
                             "why_not": ("Mengapa tidak dinilai", "text")},
                         caption="Inovasi yang tidak dinilai", max_rows=40)


def maturity_figure(a, output_dir=None):
    m = a.result.innovations["maturity"].dropna()
    fig = plots.histogram(m, f"Sebaran skor kematangan edisi {a.year}", "Skor kematangan",
                          marker=(float(m.mean()), f"rata-rata {fmt.num(m.mean())}") if len(m) else None,
                          bins=15)
    return _saved(fig, output_dir, "kematangan")


def opd_scores_table(a):
    t = a.result.opd[a.result.opd["entered"] > 0].sort_values(
        ["sid_points", "name"], ascending=[False, True], kind="mergesort")
    return present.table(t, {"name": ("OPD", "text"), "entered": ("Masuk", "int"),
                             "scored": ("Dinilai", "int"), "mean_maturity": ("Rata-rata kematangan", "num"),
                             "share_sid_points": ("Porsi poin SID", "pct")},
                         caption="Sumbangan OPD")


def _value_text(v) -> str:
    """A number the Indonesian way, or the text as it is (for mixed columns)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return "" if fmt.is_missing(v) else str(v)
    return fmt.integer(v) if float(v).is_integer() and abs(v) >= 1000 else fmt.num(v)


def _change_text(v) -> str:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return "" if fmt.is_missing(v) else str(v)
    return fmt.points(v)


def _opd_names(a) -> dict:
    o = a.dataset.opd
    return dict(zip(o["opd_id"].astype(str), o["name"].astype(str), strict=False))


def points_explained(a, innovation_id: str | None = None):
    """Point by point for one innovation (default: the most mature scored one)."""
    inn = a.result.innovations[a.result.innovations["scored"]]
    if innovation_id is None:
        if inn.empty:
            return present.markdown("Tidak ada inovasi yang dinilai.")
        innovation_id = inn.sort_values(["maturity", "innovation_id"], ascending=[False, True],
                                        kind="mergesort")["innovation_id"].iloc[0]
    p = a.result.points
    p = p[(p["aspect"] == "SID") & (p["innovation_id"] == innovation_id)]
    p = p.assign(status_label=_label(p["evidence_status"], EVIDENCE_LABELS))
    name = inn.loc[inn["innovation_id"] == innovation_id, "name"]
    cap = f"Poin per indikator: {innovation_id} {name.iloc[0] if len(name) else ''}"
    return present.table(p, {"indicator_id": ("Kode", "text"), "name": ("Indikator", "text"),
                             "level": ("Tingkat", "int"), "status_label": ("Bukti", "text"),
                             "weight": ("Bobot", "num1"), "points": ("Poin", "num"),
                             "max_points": ("Maks", "num"), "reason": ("Keterangan", "text")}, caption=cap)


def spd_points_table(a):
    p = a.result.points[a.result.points["aspect"] == "SPD"]
    p = p.assign(status_label=_label(p["evidence_status"], EVIDENCE_LABELS))
    return present.table(p, {"indicator_id": ("Kode", "text"), "name": ("Indikator", "text"),
                             "level": ("Tingkat", "int"), "status_label": ("Bukti", "text"),
                             "weight": ("Bobot", "num1"), "points": ("Poin", "num"),
                             "reason": ("Keterangan", "text")},
                         caption="Poin SPD (satuan pemerintah daerah)")


def like_for_like_table(a, frame_year: int = 2023):
    """The edition scored with its own frame and with another edition's frame, side by side."""
    from iid_analysis.methodology import load_methodology
    from iid_analysis.scoring.compute import score

    other = score(a.review, methodology=load_methodology(frame_year))
    rows = pd.DataFrame([
        {"frame": f"Metodologi {a.result.methodology.year} (edisi sendiri)", "iid": a.result.iid,
         "predicate": a.result.predicate, "spd": a.result.spd, "sid": a.result.sid},
        {"frame": f"Kerangka {frame_year} (perbandingan setara)", "iid": other.iid,
         "predicate": other.predicate, "spd": other.spd, "sid": other.sid},
    ])
    return present.table(rows, {"frame": ("Kerangka", "text"), "iid": ("IID", "num"),
                                "predicate": ("Predikat", "text"), "spd": ("SPD", "num"), "sid": ("SID", "num")},
                         caption="Perbandingan setara antarkerangka")


def assumptions_table(a):
    """Every assumed number of the edition's methodology in words, with sources (as in the report)."""
    from iid_analysis.report import narrative

    return present.markdown(narrative.assumptions_markdown(a.methodology, a.dataset, a.review, a.robustness))


# ---------------------------------------------------------------------- 02: what lifts the index
def gaps_table(a, k: int = 15):
    from iid_analysis.analyses import whatif

    g = whatif.best_per_answer(whatif.gaps(a.result), whatif.ACTIONS).head(k)
    g = g.assign(owner=g["innovation_name"].fillna(whatif.SPD_OWNER))
    return present.table(g, {"owner": ("Inovasi", "text"), "opd_name": ("OPD", "text"),
                             "indicator_id": ("Kode", "text"), "name": ("Indikator", "text"),
                             "action_label": ("Tindakan", "text"), "gain": ("Tambahan IID", "num"),
                             "effort_note": ("Upaya", "text")},
                         caption=f"{k} celah dengan tambahan IID terbesar (satu tindakan per jawaban)")


def gaps_by_opd_table(a):
    from iid_analysis.analyses import whatif

    g = whatif.gaps_by_opd(whatif.gaps(a.result))
    return present.table(g, {"opd_name": ("OPD", "text"), "n_answers": ("Jawaban belum penuh", "int"),
                             "n_pending": ("Bukti menunggu", "int"), "n_fix": ("Bukti perlu dilengkapi", "int"),
                             "gain_documents": ("Tambahan IID dari dokumen", "num"),
                             "gain_max": ("Tambahan IID maksimum", "num")},
                         caption="Celah per OPD", max_rows=25)


def path_text(a):
    from iid_analysis.analyses import whatif

    p = whatif.path_to_next(a.result)
    return present.markdown(md_text(p["sentence"]) + ("\n\n_" + md_text(p["method_note"]) + "_"
                                                      if p.get("method_note") else ""))


def path_table(a):
    from iid_analysis.analyses import whatif

    p = whatif.path_to_next(a.result)
    acts = pd.DataFrame(p["actions"])
    if acts.empty:
        return present.markdown("Tidak ada tindakan yang perlu dicantumkan.")
    acts = acts.assign(owner=acts["innovation_name"].fillna(whatif.SPD_OWNER))
    return present.table(acts, {"owner": ("Inovasi", "text"), "opd_name": ("OPD", "text"),
                                "indicator_id": ("Kode", "text"), "action_label": ("Tindakan", "text"),
                                "gain": ("Tambahan IID", "num")},
                         caption=f"Langkah menuju {p.get('target_predicate') or 'predikat berikutnya'}",
                         max_rows=20)


def whatif_pending_accepted(a):
    """What if every pending document were accepted? Before and after, side by side."""
    from iid_analysis.analyses import whatif
    from iid_analysis.scoring.compute import score

    pend = a.result.points[(a.result.points["evidence_status"] == "pending")
                           & (a.result.points["level"] > 0)]
    changes = pend[["innovation_id", "indicator_id"]].assign(evidence_status="valid")
    after = score(whatif.apply_changes(a.review, changes), methodology=a.result.methodology)
    c = whatif.compare(a.result, after)
    c = c.assign(before=c["before"].map(_value_text), after=c["after"].map(_value_text),
                 change=c["change"].map(_change_text))
    return present.table(c, {"label": ("Ukuran", "text"), "before": ("Sekarang", "text"),
                             "after": ("Jika bukti menunggu diterima", "text"), "change": ("Perubahan", "text"),
                             "why": ("Mengapa", "text")},
                         caption=f"Skenario: {fmt.integer(len(changes))} bukti yang menunggu verifikasi diterima")


def robustness_text(a):
    r = a.robustness
    return present.sentences([r.interval_sentence, r.sentence])


def robustness_check(a) -> str:
    r = a.robustness
    probs = ", ".join(f"{k} {v:.2f}" for k, v in r.predicate_probabilities.items() if v > 0)
    return f"Monte Carlo {a.year} ({r.draws} tarikan, benih {r.seed}): median {r.median:.1f}; {probs}"


def robustness_figure(a, output_dir=None):
    r = a.robustness
    m = a.result.methodology
    edges = [(b.low, f"{b.predicate} ≥ {fmt.num(b.low)}") for b in m.bands if 0 < b.low < 100]
    fig = plots.histogram(r.iids, f"Sebaran IID {a.year} dalam {fmt.integer(r.draws)} simulasi", "IID",
                          edges=edges, marker=(a.result.iid, f"IID {fmt.num(a.result.iid)}"))
    return _saved(fig, output_dir, "ketahanan")


def probabilities_figure(a, output_dir=None):
    r = a.robustness
    labels = list(r.predicate_probabilities)
    shares = [r.predicate_probabilities[k] for k in labels]
    title = f"Peluang predikat edisi {a.year}"
    return _shared(output_dir, "peluang_predikat", title, (labels, shares), lambda: plots.shares(
        labels, shares, title, [plots.PREDICATE_COLOURS[k] for k in labels]))


def sources_table(a):
    return present.table(a.robustness.sources, {"label": ("Sumber ketidakpastian", "text"),
                                                "p_differs": ("Peluang predikat berubah", "pct"),
                                                "p05": ("IID persentil 5", "num"), "p95": ("IID persentil 95", "num")},
                         caption="Satu sumber pada satu waktu")


def loo_table(a, by: str = "opd"):
    from iid_analysis.analyses import whatif

    t = whatif.leave_one_out(a.result, by=by).head(12)
    return present.table(t, {"name": ("OPD" if by == "opd" else "Inovasi", "text"),
                             "n_removed": ("Inovasi dinilai", "int"), "iid_without": ("IID tanpa", "num"),
                             "delta": ("Perubahan IID", "points"), "predicate_without": ("Predikat tanpa", "text")},
                         caption="Siapa yang menopang kota: IID bila satu OPD tidak ikut")


# ---------------------------------------------------------------------- 03: the IGA report
def sections(a) -> dict:
    """The narrative sections of the report, by key (see :func:`narrative.report_sections`)."""
    from iid_analysis.report import narrative

    return {s.key: s for s in narrative.report_sections(a)}


def section(secs: dict, key: str):
    """One narrative section's Markdown (its heading is in the notebook)."""
    s = secs.get(key)
    return present.markdown(s.markdown if s is not None and s.markdown else "_Tidak ada catatan._")


def report_check(a, secs: dict) -> str:
    """One line of rounded key figures for the report (checked by nbval)."""
    return (f"Laporan IGA {a.year}: IID {a.result.iid:.2f}, {a.result.predicate}; "
            f"{len(secs)} bagian: {', '.join(secs)}")
