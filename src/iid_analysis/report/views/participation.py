"""Views of page 01 (participation): key figures, the funnel, participation per OPD, trends,
the input timeline, composition and the coaching map — each a table or figure of the analysis's
frames, formatted for the reviewer."""

from __future__ import annotations

import pandas as pd

from iid_analysis.report import plots, present
from iid_analysis.report.prose_trends import trend_sentences
from iid_analysis.report.views.common import (
    band_lines,
    saved,
    shared,
)
from iid_analysis.text import fmt
from iid_analysis.text.escape import md_text


def participation_figures(a):
    s = a.participation.summary
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
    s = a.participation.summary
    c = a.review.counts()
    return (f"Edisi {a.year}: {c['n_submitted']} inovasi masuk, {c['n_in_window']} dalam jendela waktu, "
            f"{c['n_eligible']} memenuhi syarat; OPD {s['n_opd_participating']}/{s['n_opd']}")


def funnel_table(a):
    f = a.participation.funnel
    return present.table(f, {"label": ("Tahap", "text"), "count": ("Jumlah", "int"),
                             "share_of_entered": ("Dari yang masuk", "pct")},
                         caption="Corong telaah meja")


def funnel_figure(a, output_dir=None):
    f = a.participation.funnel
    return saved(plots.funnel(f, f"Corong inovasi edisi {a.year}"), output_dir, "corong")


def opd_table(a):
    t = a.participation.by_opd
    t = t.sort_values(["entered", "name"], ascending=[False, True], kind="mergesort")
    return present.table(t, {"name": ("OPD", "text"), "entered": ("Masuk", "int"),
                             "eligible": ("Memenuhi syarat", "int"), "lanjut": ("Lanjut", "int"),
                             "mean_maturity": ("Rata-rata kematangan", "num"),
                             "share_sid_points": ("Porsi poin SID kota", "pct")},
                         caption="Partisipasi per OPD (diurutkan menurut jumlah inovasi)")


def non_participating(a):
    s = a.participation.summary
    names = s["non_participating"]
    if not names:
        return present.markdown("Semua OPD yang aktif memasukkan setidaknya satu inovasi.")
    return present.markdown(
        f"**{fmt.integer(len(names))} OPD belum memasukkan inovasi:** "
        + ", ".join(md_text(n) for n in names) + "."
    )


def trends_table(a):
    t = a.participation.trends
    return present.table(t, {"year": ("Edisi", "text"), "n_submitted": ("Inovasi masuk", "int"),
                             "n_opd_participating": ("OPD ikut", "int"), "rate": ("Partisipasi", "pct"),
                             "eligible_share": ("Memenuhi syarat", "pct"),
                             "mean_maturity": ("Rata-rata kematangan", "num"), "iid": ("IID", "num"),
                             "predicate": ("Predikat", "text")},
                         caption="Perkembangan antaredisi")


def trends_figure(a, output_dir=None):
    t = a.participation.trends
    title, bands = f"IID dan jumlah inovasi sampai edisi {a.year}", band_lines(a.methodology)
    return shared(output_dir, "tren", title, (t, bands), lambda: plots.trend(
        t, "year", {"iid": "IID"}, title, "IID", bands=bands, secondary={"n_submitted": "Inovasi masuk"}),
        code=__file__)


def trend_text(a):
    t = a.participation.trends
    lines = trend_sentences(t, a.year)
    if not lines:
        return present.markdown("Edisi ini adalah edisi pertama dalam data: belum ada pembanding.")
    return present.sentences(lines)


def timeline_figure(a, output_dir=None):
    t = a.participation.timeline
    s = a.participation.timeline_summary
    marks = [(s["closes"], "Batas awal")]
    if s.get("extended_to"):
        marks.append((s["extended_to"], "Perpanjangan"))
    fig = plots.timeline(t, "date", "cumulative", f"Inovasi masuk selama jendela input {a.year}", marks)
    return saved(fig, output_dir, "lini_masa")


def timeline_text(a):
    s = a.participation.timeline_summary
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
    c = a.participation.composition
    d = pd.concat([c["kind"], c["form"]], ignore_index=True)
    fig = plots.hbar(d, "label", "count", f"Jenis dan bentuk inovasi edisi {a.year}", "Jumlah inovasi")
    return saved(fig, output_dir, "komposisi")


def composition_tables(a):
    c = a.participation.composition
    spec = {"label": ("Kategori", "text"), "count": ("Masuk", "int"), "share": ("Porsi", "pct"),
            "eligible": ("Memenuhi syarat", "int")}
    html = "".join(present.table_html(c[k], spec, caption=cap) for k, cap in
                   (("initiator", "Inisiator"), ("affair", "Urusan pemerintahan")))
    return present.HTML(html)


def missing_affairs_text(a):
    miss = a.participation.missing_affairs
    if not miss:
        return present.markdown("Setiap urusan pemerintahan utama punya setidaknya satu inovasi.")
    return present.markdown(
        f"**Urusan tanpa inovasi ({fmt.integer(len(miss))}):** " + ", ".join(md_text(x) for x in miss)
        + ". Inovasi tidak harus digital: tata kelola dan pelayanan sederhana juga dihitung."
    )


def coaching_groups_table(a):
    g = a.coaching.groups
    return present.table(g, {"label": ("Kelompok", "text"), "count": ("Jumlah OPD", "int"),
                             "share": ("Porsi", "pct"), "rule": ("Aturan", "text"),
                             "action": ("Tindakan yang disarankan", "text")},
                         caption="Peta pembinaan: kelompok OPD")


def coaching_map_table(a):
    m = a.coaching.map
    return present.table(m, {"name": ("OPD", "text"), "group_label": ("Kelompok", "text"),
                             "entered": ("Masuk", "int"), "eligible": ("Memenuhi syarat", "int"),
                             "lanjut": ("Lanjut", "int"), "mean_maturity": ("Rata-rata kematangan", "num")},
                         caption="Peta pembinaan per OPD")


def heatmap_figure(a, output_dir=None):
    h = a.coaching.heatmap
    ids = [i.id for i in a.result.methodology.indicators_of("SID")]
    mat = h.set_index("name")[[c for c in ids if c in h.columns]] if len(h) else h
    fig = plots.heatmap(mat, f"Rata-rata tingkat yang diklaim per OPD dan indikator SID ({a.year})",
                        "Indikator SID", "OPD")
    return saved(fig, output_dir, "peta_panas")


def bimtek_table(a):
    b = a.coaching.bimtek.head(8)
    return present.table(b, {"indicator_id": ("Kode", "text"), "name": ("Indikator", "text"),
                             "weight": ("Bobot", "num1"), "mean_level_claimed": ("Tingkat diklaim", "num"),
                             "mean_level_valid": ("Tingkat terbukti", "num"),
                             "lift": ("Poin terbuka per inovasi", "num")},
                         caption="Prioritas bimtek: indikator dengan poin terbuka terbesar")
