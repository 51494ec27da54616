"""What every page wears around its content: the header, the synthetic-data banner and the CSS.

``nav_html(year, region_name, synthetic, current)`` is the header of an edition's page (01, 02,
03, and pages one folder deeper with ``depth=1``): the region, the edition, links to the other
pages, the edition's downloads, the index and the glossary — and, when the data say they are
synthetic, the banner. ``root_nav_html`` is the same header for pages beside ``index.html``.
``chrome_style(region_name, synthetic)`` is the CSS every page carries, screen and print: A4 pages
numbered "Halaman X dari Y" and, when the data are synthetic, "Data sintetis — bukan data resmi …"
at the top of every printed page; text flows across pages (JupyterLab's "keep each output whole"
is undone, so the memo starts on page 1 and charts share pages); figures (at most 11 cm high) and
table rows never split; headings kept with what follows; collapsed tables printed open. ``STYLE``
is the same CSS for data that are not synthetic.
Every region name is user data and is escaped here; the caller passes plain text.
"""

from __future__ import annotations

from iid_analysis.report.sources import REGION_FALLBACK
from iid_analysis.text.escape import html_text

#: the three pages of an edition: file stem → title
PAGE_TITLES: dict[str, str] = {
    "01_participation": "Partisipasi OPD",
    "02_index": "Indeks Inovasi Daerah",
    "03_iga_report": "Laporan Nominasi IGA",
}
BRIEF_STEM = "03_iga_report"
BRIEF_PDF = f"{BRIEF_STEM}.pdf"
INDEX_PAGE = "index.html"
GLOSSARY_PAGE = "glosarium.html"

_CSS = """<style id="iid-chrome">
.iid-header{font-family:DejaVu Sans,Arial,sans-serif;background:#17324d;color:#fff;padding:.55rem 1rem;
  margin:0 0 .8rem;border-radius:0 0 6px 6px;line-height:1.5}
.iid-header .iid-where{font-size:1.05rem}
.iid-header .iid-where b{font-size:1.15rem}
.iid-header nav{font-size:.9rem;margin-top:.2rem}
.iid-header nav a{color:#d7e8ff;text-decoration:underline;white-space:nowrap;margin-right:.9rem}
.iid-header nav .iid-here{color:#fff;font-weight:bold;white-space:nowrap;margin-right:.9rem}
.iid-header nav .iid-sep{color:#8fa7c0;margin-right:.9rem}
.iid-banner{font-family:DejaVu Sans,Arial,sans-serif;background:#fff3cd;color:#5c4300;
  border:2px solid #e0a800;border-radius:6px;padding:.55rem 1rem;margin:0 0 1rem;font-weight:bold}
.iid-source{font-size:.82rem;color:#4a5a6a;margin:-.6rem 0 1rem}
details.iid-more>summary{cursor:pointer;color:#0b5cad;margin:.2rem 0 .8rem}
.iid-page{font-family:DejaVu Sans,Arial,sans-serif;margin:0 auto 2rem;max-width:72rem;color:#1d2733;padding:0 1rem}
@page{size:A4;margin:15mm 15mm 18mm;@@TOP@@
  @bottom-center{content:"Halaman " counter(page) " dari " counter(pages);font-family:DejaVu Sans,Arial,sans-serif;font-size:8.5pt;color:#4a5a6a}}
@media print{
  .iid-header{background:none;color:#17324d;border-bottom:2px solid #17324d;border-radius:0;padding:0 0 .3rem}
  .iid-header nav{display:none}
  .iid-banner{-webkit-print-color-adjust:exact;print-color-adjust:exact;padding:.3rem .8rem;margin:0 0 .6rem}
  details::details-content{content-visibility:visible;display:contents}
  details.iid-more>summary,.iid-screen{display:none}
  details.iid-names>summary{list-style:none}
  .jp-Cell,.jp-Cell-outputWrapper,.jp-OutputArea,.jp-OutputArea-child,.jp-OutputArea-output,
  .jp-RenderedHTMLCommon,.jp-MarkdownCell,section,article,main,div{break-inside:auto;page-break-inside:auto}
  .jp-Cell,.jp-OutputArea-child{margin:0;padding:0}
  img,svg,figure,tr,.iid-figure,.jp-RenderedImage{break-inside:avoid;page-break-inside:avoid}
  img{max-width:100%;max-height:11cm;width:auto;height:auto;object-fit:contain}
  .jp-RenderedImage img,.iid-figure img,figure img{display:block;margin:0 auto}
  h1,h2,h3,h4,h5,.iid-caption{break-after:avoid;page-break-after:avoid;break-inside:avoid}
  thead{display:table-header-group}
  a{color:inherit;text-decoration:none}
}
</style>"""
_TOP = ('\n  @top-center{{content:"{}";font-family:DejaVu Sans,Arial,sans-serif;font-size:8.5pt;'
        'font-weight:bold;color:#5c4300}}')


def synthetic_notice(region_name: str | None) -> str:
    """The short notice printed at the top of every page when the data are synthetic (plain text)."""
    return f"Data sintetis — bukan data resmi {region_label(region_name)}"


def _css_string(text: str) -> str:
    """``text`` inside a CSS string: backslash, quotes, line ends and ``<`` (no ``</style>``) escaped."""
    out = []
    for ch in text:
        if ch in '\\"' or ch in "<>&" or ord(ch) < 32 or ch == "\x7f":
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return "".join(out)


def chrome_style(region_name: str | None = None, synthetic: bool = False) -> str:
    """The CSS every page carries (:data:`STYLE`); when ``synthetic`` is True, every printed page
    also carries :func:`synthetic_notice` at its top (the page's margin box)."""
    top = _TOP.format(_css_string(synthetic_notice(region_name))) if synthetic is True else ""
    return _CSS.replace("@@TOP@@", top)


def region_label(region_name: str | None) -> str:
    """The region's name, or "Pemerintah Daerah" when the data name none (plain text)."""
    name = str(region_name or "").strip()
    return name or REGION_FALLBACK


def banner_html(region_name: str | None) -> str:
    """The synthetic-data banner (escaped); the caller shows it only when the data say so."""
    return (f'<div class="iid-banner" role="note">Data sintetis: angka di halaman ini dibuat untuk '
            f'contoh, bukan data resmi {html_text(region_label(region_name))}.</div>')


def _link(href: str, label: str, current: bool = False, cls: str = "") -> str:
    if current:
        return f'<span class="iid-here" aria-current="page">{html_text(label)}</span>'
    klass = f' class="{cls}"' if cls else ""
    return f'<a href="{html_text(href)}"{klass}>{html_text(label)}</a>'


def nav_html(year: int | str, region_name: str | None, synthetic: bool, current: str, depth: int = 0,
             *, pdf: bool = False, extra: list[tuple[str, str]] | None = None) -> str:
    """The header of one page of edition ``year``: ``current`` is the page's stem (one of
    :data:`PAGE_TITLES`, or anything else for a page that is none of them); ``depth`` is how many
    folders below the edition's folder the page lies (0 for 01–03, 1 for ``<year>/opd/…``);
    ``pdf``: link the brief's PDF; ``extra``: further (href relative to the edition's folder, label)."""
    up = "../" * int(depth)
    root = "../" * (int(depth) + 1)
    pages = [_link(f"{up}{stem}.html", title, stem == current) for stem, title in PAGE_TITLES.items()]
    files = []
    if pdf:
        files.append(_link(f"{up}{BRIEF_PDF}", "Laporan IGA (PDF)", cls="iid-pdf"))
    files += [_link(f"{up}review.xlsx", "Buku kerja telaah (review.xlsx)"),
              _link(f"{up}results.json", "Hasil (results.json)")]
    files += [_link(f"{up}{href}", label) for href, label in (extra or [])]
    site = [_link(f"{root}{INDEX_PAGE}", "Semua edisi"), _link(f"{root}{GLOSSARY_PAGE}", "Glosarium")]
    sep = '<span class="iid-sep">|</span>'
    return _header(f"<b>{html_text(region_label(region_name))}</b> · Indeks Inovasi Daerah edisi "
                   f"{html_text(str(year))}", sep.join(" ".join(g) for g in (pages, files, site)),
                   region_name, synthetic)


def root_nav_html(region_name: str | None, synthetic: bool, current: str, subtitle: str = "") -> str:
    """The header of a page beside ``index.html`` (the index itself, the glossary)."""
    links = " ".join((_link(INDEX_PAGE, "Semua edisi", current == INDEX_PAGE),
                      _link(GLOSSARY_PAGE, "Glosarium", current == GLOSSARY_PAGE)))
    where = f"<b>{html_text(region_label(region_name))}</b> · Indeks Inovasi Daerah"
    if subtitle:
        where += f" · {html_text(subtitle)}"
    return _header(where, links, region_name, synthetic)


def _header(where: str, links: str, region_name: str | None, synthetic: bool) -> str:
    banner = banner_html(region_name) if synthetic is True else ""
    return (f'<header class="iid-header tex2jax_ignore"><div class="iid-where">{where}</div>'
            f'<nav aria-label="Navigasi laporan">{links}</nav></header>{banner}')


def standalone_page(title: str, header: str, body: str) -> str:
    """A whole page (index, glossary) with the header and the shared CSS; ``body`` is HTML."""
    return (f'<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{html_text(title)}</title>\n{STYLE}\n</head><body>\n{header}\n'
            f'<main class="iid-page">\n{body}\n</main>\n</body></html>\n')


#: The CSS of a page whose data are not synthetic (no notice at the top of printed pages).
STYLE = chrome_style()
