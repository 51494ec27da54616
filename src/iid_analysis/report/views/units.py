"""Views of the units on page 01: the city's internal ranking (peringkat OPD) with its method, and
the links to every unit's own page (``opd/<file>.html``, written by the yearly run)."""

from __future__ import annotations

from iid_analysis.report import present
from iid_analysis.report.sources import source_line
from iid_analysis.report.unit_page import unit_links
from iid_analysis.report.units_text import ranking_method_text
from iid_analysis.text import fmt
from iid_analysis.text.escape import html_text

RANKING_SPEC = {
    "rank": ("Peringkat", "int"),
    "name": ("OPD", "text"),
    "interval": ("Rentang peringkat", "text"),
    "contribution": ("Sumbangan bagi IID (poin)", "num"),
    "n_scored": ("Inovasi dinilai", "int"),
    "mean_maturity": ("Rata-rata kematangan", "num"),
    "rank_maturity": ("Peringkat menurut kematangan", "int"),
}

LINKS_CSS = ("<style>.iid-units{columns:3 18rem;margin:.3rem 0 1rem;padding-left:1.2rem}"
             ".iid-units li{break-inside:avoid;margin:.1rem 0}</style>")


def ranking_table(a):
    """The units with a scored innovation, by contribution to the IID, with the rank interval of the
    verification simulation, then the paragraph on the method and its limits."""
    r = a.units.ranking
    method = f'<p class="{present.IGNORE}">{html_text(ranking_method_text(a))}</p>'
    if r.empty:
        return present.HTML("<p>Belum ada OPD dengan inovasi yang dinilai: peringkat belum dapat "
                            f"disusun.</p>{method}")
    t = r.sort_values(["rank", "name"], kind="mergesort").assign(
        interval=[_interval(lo, hi) for lo, hi in zip(r["rank_low"], r["rank_high"], strict=True)])
    table = present.table_html(t, RANKING_SPEC, caption=f"Peringkat OPD edisi {a.year}", collapse=None,
                               source=source_line(a, "rentang dari simulasi verifikasi"))
    return present.HTML(table + method)


def _interval(lo, hi) -> str:
    lo_s, hi_s = fmt.integer(lo), fmt.integer(hi)
    if not lo_s or not hi_s:
        return ""
    return lo_s if lo_s == hi_s else f"{lo_s}–{hi_s}"


def units_links(a):
    """A link to every active unit's page, in name order."""
    links = unit_links(a)
    if not links:
        return present.markdown("Tidak ada OPD yang aktif pada edisi ini.")
    items = "".join(f'<li><a href="{html_text(href)}">{html_text(name)}</a></li>' for name, href in links)
    return present.HTML(
        f'{LINKS_CSS}<div class="{present.IGNORE}"><p>Setiap OPD yang aktif mempunyai halaman sendiri '
        f"({fmt.count(len(links), 'OPD')}): inovasi yang dimasukkan dan keputusan atasnya, yang "
        "perlu dilengkapi beserta nilainya bagi IID, pembinaan dari Bappeda, dan peringkatnya. "
        f'Halaman dapat dicetak pada kertas A4.</p><ul class="iid-units">{items}</ul></div>')
