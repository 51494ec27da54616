"""Views of page 01 (participation): key figures, the funnel, participation per OPD, trends,
the input timeline, composition and the coaching map — each a table or figure of the analysis's
frames, formatted for the reviewer."""

from __future__ import annotations

from iid_analysis.methodology.loader import load_methodology
from iid_analysis.methodology.model import MethodologyError
from iid_analysis.report import plots, plots_trend, present
from iid_analysis.report.prose_trends import trend_sentences
from iid_analysis.report.sources import source_line
from iid_analysis.report.views.common import (
    saved,
    shared,
)
from iid_analysis.text import fmt
from iid_analysis.text.escape import html_text, md_text


def participation_figures(a):
    s = a.participation.summary
    c = a.review.counts()
    return present.key_figures([
        ("Dimasukkan OPD", fmt.integer(c["n_submitted"])),
        ("Pada tahapan penerapan", fmt.integer(c["n_stage_counted"])),
        ("Diterapkan dalam periode penilaian", fmt.integer(c["n_in_window"])),
        ("Memenuhi syarat", fmt.integer(c["n_eligible"])),
        ("OPD berpartisipasi", f"{fmt.integer(s['n_opd_participating'])} dari {fmt.integer(s['n_opd'])}"),
        ("Tingkat partisipasi", fmt.pct(s["rate"])),
    ])


def participation_check(a) -> str:
    """One line of rounded key figures (checked by nbval)."""
    s = a.participation.summary
    c = a.review.counts()
    return (f"Edisi {a.year}: {c['n_submitted']} inovasi dimasukkan, "
            f"{c['n_stage_counted']} pada tahapan penerapan, {c['n_in_window']} dalam periode penilaian, "
            f"{c['n_eligible']} memenuhi syarat; OPD {s['n_opd_participating']}/{s['n_opd']}")


def funnel_table(a):
    f = a.participation.funnel
    return present.table(f, {"label": ("Tahap", "text"), "count": ("Jumlah", "int"),
                             "share_of_entered": ("Dari yang dimasukkan", "pct"),
                             "note": ("Keterangan", "text")},
                         caption="Corong telaah meja: setiap tahap bagian dari tahap sebelumnya",
                         source=source_line(a))


def funnel_figure(a, output_dir=None):
    """The funnel as the frame defines it; labels rounded as the table under it (fmt.pct)."""
    f = a.participation.funnel
    return saved(plots.funnel(f, f"Corong inovasi edisi {a.year}", source=source_line(a)), output_dir, "corong")


def opd_table(a):
    """The OPD that entered at least one innovation; the others are named in one line below."""
    t = a.participation.by_opd
    t = t[t["entered"] > 0].sort_values(["entered", "name"], ascending=[False, True], kind="mergesort")
    return present.table(t, {"name": ("OPD", "text"), "entered": ("Dimasukkan", "int"),
                             "eligible": ("Memenuhi syarat", "int"), "lanjut": ("Lanjut", "int"),
                             "mean_maturity": ("Rata-rata kematangan", "num"),
                             "share_sid_points": ("Porsi poin SID kota", "pct")},
                         caption="Partisipasi per OPD yang memasukkan inovasi (diurutkan menurut jumlah inovasi)",
                         source=source_line(a))


NAMES_SHOWN = 10  # more OPD names than this: one line that opens on a click (printed open)


def non_participating(a):
    """The OPD without any innovation, in one line of names (collapsed when long)."""
    s = a.participation.summary
    names = s["non_participating"]
    if not names:
        return present.markdown("Semua OPD yang aktif memasukkan setidaknya satu inovasi.")
    head = f"Sebanyak {fmt.integer(len(names))} OPD belum memasukkan inovasi"
    line = ", ".join(html_text(n) for n in names) + "."
    if len(names) <= NAMES_SHOWN:
        return present.HTML(f'<p class="{present.IGNORE}"><b>{head}:</b> {line}</p>')
    return present.HTML(
        f'<details class="iid-names {present.IGNORE}"><summary><b>{head}</b>'
        f'<span class="iid-screen"> (tampilkan nama)</span></summary><p>{line}</p></details>')


def trends_table(a):
    t = a.participation.trends
    return present.table(t, {"year": ("Edisi", "text"), "n_submitted": ("Dimasukkan OPD", "int"),
                             "n_opd_participating": ("OPD ikut", "int"), "rate": ("Partisipasi", "pct"),
                             "eligible_share": ("Memenuhi syarat", "pct"),
                             "mean_maturity": ("Rata-rata kematangan", "num"), "iid": ("IID", "num"),
                             "predicate": ("Predikat", "text")},
                         caption="Perkembangan antaredisi", source=source_line(a, years=t["year"]))


def _edition_bands(a, years) -> dict[int, list[tuple[float, float, str]]]:
    """Each edition's own predikat bands (low, high, predikat), from that edition's methodology."""
    out = {}
    for y in years:
        res = a.results.get(int(y)) if isinstance(getattr(a, "results", None), dict) else None
        m = res.methodology if res is not None else (a.methodology if int(y) == a.year else None)
        if m is None:
            try:
                m = load_methodology(int(y))
            except MethodologyError:
                continue
        out[int(y)] = [(float(b.low), float(b.high), b.predicate) for b in m.bands]
    return out


def trends_figure(a, output_dir=None):
    """Small multiples over editions: the IID (0–100, each edition's own predikat bands) and the
    counts of innovations (from zero) — never on one axis."""
    t = a.participation.trends
    years = [int(y) for y in t["year"]] if len(t) else [a.year]
    title = f"IID dan jumlah inovasi sampai edisi {a.year}"
    bands, src = _edition_bands(a, years), source_line(a, years=years)
    counts = {"n_submitted": "Dimasukkan OPD", "n_eligible": "Memenuhi syarat", "n_scored": "Dinilai"}
    return shared(output_dir, "tren", title, (t, sorted(bands.items()), src), lambda: plots_trend.trend(
        t, "year", title, iid="iid", counts=counts, bands=bands, source=src), code=__file__)


def trend_text(a):
    t = a.participation.trends
    lines = trend_sentences(t, a.year)
    if not lines:
        return present.markdown("Edisi ini adalah edisi pertama dalam data: belum ada pembanding.")
    return present.sentences(lines)


def _deadline_marks(a) -> list[tuple[object, str]]:
    """The timeline's vertical lines: "Dibuka"; "Batas semula" and "Batas perpanjangan" when the
    period was extended; "Batas perpanjangan" when the methodology's closing day already includes
    an extension (2025: the original day is not recorded); "Batas akhir" otherwise."""
    s = a.participation.timeline_summary
    marks = [(s.get("opens"), "Dibuka")]
    if s.get("extended_to"):
        return [*marks, (s.get("closes"), "Batas semula"), (s["extended_to"], "Batas perpanjangan")]
    closes = next((n for n in getattr(a.methodology, "numbers", ()) if n.key == "input_window.closes"), None)
    extended = closes is not None and "perpanjangan" in (closes.note or "").lower()
    return [*marks, (s.get("closes"), "Batas perpanjangan" if extended else "Batas akhir")]


def timeline_figure(a, output_dir=None):
    t = a.participation.timeline
    fig = plots_trend.timeline(t, "date", "cumulative", f"Inovasi yang dimasukkan selama periode pengisian {a.year}",
                               _deadline_marks(a), source=source_line(a))
    return saved(fig, output_dir, "lini_masa")


def timeline_text(a):
    s = a.participation.timeline_summary
    lines = [
        f"Periode pengisian dibuka {fmt.date(s['opens'])} dan ditutup {fmt.date(s['closes'])}"
        + (f", diperpanjang sampai {fmt.date(s['extended_to'])}." if s.get("extended_to") else "."),
        (f"Dari {fmt.integer(s['n_with_date'])} inovasi yang tanggal pengisiannya tercatat, "
         f"{fmt.integer(s['n_last_week'])} ({fmt.pct(s['share_last_week'])}) dimasukkan dalam tujuh hari "
         f"terakhir sebelum batas akhir."
         if s["n_with_date"] else ""),
        (f"Sebanyak {fmt.integer(s['n_after_close'])} inovasi dimasukkan berkat perpanjangan." if s.get("extended_to") else ""),
        (f"Sebanyak {fmt.integer(s['n_late'])} inovasi dimasukkan setelah batas akhir." if s["n_late"] else ""),
        (f"Sebanyak {fmt.integer(s['n_without_date'])} inovasi tanpa tanggal pengisian." if s["n_without_date"] else ""),
    ]
    return present.sentences(lines)


#: jenis labels of the composition figure (one word: *nondigital*)
KIND_FIGURE_LABELS = {"digital": "Digital", "non_digital": "Nondigital"}


def composition_figure(a, output_dir=None):
    """Jenis and bentuk as two panels, each adding up to the number of entries."""
    c = a.participation.composition
    kind = c["kind"].assign(label=lambda d: d["code"].map(KIND_FIGURE_LABELS).fillna(d["label"]))
    fig = plots_trend.composition([("Jenis", kind), ("Bentuk", c["form"])],
                                  f"Inovasi yang dimasukkan menurut jenis dan bentuk, edisi {a.year}",
                                  source=source_line(a))
    return saved(fig, output_dir, "komposisi")


def composition_tables(a):
    c = a.participation.composition
    spec = {"label": ("Kategori", "text"), "count": ("Dimasukkan", "int"), "share": ("Porsi", "pct"),
            "eligible": ("Memenuhi syarat", "int")}
    html = "".join(present.table_html(c[k], spec, caption=cap, source=source_line(a)) for k, cap in
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
                         caption="Peta pembinaan: kelompok OPD", source=source_line(a))


def coaching_map_table(a):
    m = a.coaching.map
    return present.table(m, {"name": ("OPD", "text"), "group_label": ("Kelompok", "text"),
                             "entered": ("Dimasukkan", "int"), "eligible": ("Memenuhi syarat", "int"),
                             "lanjut": ("Lanjut", "int"), "mean_maturity": ("Rata-rata kematangan", "num")},
                         caption="Peta pembinaan per OPD", source=source_line(a))


def heatmap_figure(a, output_dir=None):
    """Points missed per scored innovation, OPD × SID indicator: where bimtek can still win
    points (the claimed-level frame a.coaching.heatmap stays available, not drawn)."""
    h = a.coaching.missed
    inds = [i for i in a.result.methodology.indicators_of("SID") if i.id in h.columns]
    if len(h):
        h = h.sort_values(["total", "name"], ascending=[False, True], kind="mergesort")
        mat = h[[i.id for i in inds]].astype(float)
        mat.index = [plots.short(n, 28) for n in h["name"]]
        mat.columns = [f"{i.id} {plots.short(i.name, 30)}" for i in inds]
    else:
        mat = h
    fig = plots_trend.heatmap(
        mat, f"Poin SID yang terlewat per inovasi, menurut OPD dan indikator ({a.year})",
        "Indikator SID", "OPD (terbanyak poin terlewat di atas)",
        colour_label="Poin terlewat per inovasi",
        source=source_line(a, "poin terlewat = poin maksimum dikurangi poin setelah telaah meja"))
    return saved(fig, output_dir, "peta_panas")


def bimtek_table(a):
    b = a.coaching.bimtek.head(8)
    return present.table(b, {"indicator_id": ("Kode", "text"), "name": ("Indikator", "text"),
                             "weight": ("Bobot", "num1"), "mean_level_claimed": ("Tingkat diklaim", "num"),
                             "mean_level_valid": ("Tingkat terbukti", "num"),
                             "lift": ("Poin terbuka per inovasi", "num")},
                         caption="Prioritas bimtek: indikator dengan poin terbuka terbesar", source=source_line(a))
