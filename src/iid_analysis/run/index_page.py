"""``reports/index.html`` and ``reports/glosarium.html``: the pages beside the editions' folders.

The index names the region, draws the IID per edition (inline SVG, axis 0–100) and gives one row
per edition with its IID, predikat, its three pages and its downloads (the brief's PDF, the review
workbook, ``telaah.csv`` when present, ``results.json``). The glossary page shows
:data:`iid_analysis.report.glossary.GLOSSARY`. Both wear the same header as the editions' pages,
with the synthetic-data banner when the data say so.
"""

from __future__ import annotations

import json
from pathlib import Path

from iid_analysis.methodology.loader import load_methodology
from iid_analysis.methodology.model import MethodologyError
from iid_analysis.report.chrome import (
    BRIEF_PDF,
    GLOSSARY_PAGE,
    INDEX_PAGE,
    PAGE_TITLES,
    root_nav_html,
    standalone_page,
)
from iid_analysis.report.glossary import glossary_html
from iid_analysis.run.unit_pages import unit_index_link
from iid_analysis.text import fmt
from iid_analysis.text.escape import html_text

DOWNLOADS: tuple[tuple[str, str], ...] = (
    (BRIEF_PDF, "Laporan IGA (PDF)"),
    ("review.xlsx", "review.xlsx"),
    ("telaah.csv", "telaah.csv"),
    ("results.json", "results.json"),
)

INDEX_CSS = """<style>
.iid-index table{border-collapse:collapse;width:100%}
.iid-index th,.iid-index td{border-bottom:1px solid #ccd;padding:.5rem;text-align:left;vertical-align:top}
.iid-index th{background:#eef2f7}.iid-index a{color:#0b5cad;white-space:nowrap}
.iid-index .num{text-align:right}.iid-index .pred{white-space:nowrap}
.iid-index .links a{margin-right:.7rem}
dl.glossary dt{font-weight:bold;margin-top:.8rem}dl.glossary dd{margin:.2rem 0 0 1.5rem}
</style>"""


def _region(region: dict | None) -> tuple[str, bool]:
    if not isinstance(region, dict):
        return "", False
    return str(region.get("name") or ""), region.get("synthetic") is True


def _editions(out: Path) -> list[tuple[Path, dict]]:
    """(edition folder, its results.json), newest first."""
    found = []
    for res_path in sorted(out.glob("*/results.json"), key=lambda p: p.parent.name, reverse=True):
        if res_path.parent.name.isdigit():
            found.append((res_path.parent, json.loads(res_path.read_text(encoding="utf-8"))))
    return found


def _rules(res: dict) -> dict | None:
    """What of an edition's method moves its IID besides the answers: the bands, the divisor
    minimum and the affair gate (None when its methodology cannot be loaded)."""
    year = res.get("methodology_year")
    try:
        m = load_methodology(int(year))
    except (MethodologyError, TypeError, ValueError):
        return None
    return {"bands": [(b.predicate, b.low) for b in m.bands],
            "top": m.bands[0].low if m.bands else None, "divisor_min": int(m.divisor_min),
            "gate": (int(m.basic_affairs_required), len(m.basic_affairs))}


def method_changes(editions: list[tuple[str, dict]]) -> dict[str, str]:
    """Edition → what its method changes, in words, for the editions (oldest first) whose IID is
    not computed like the one before: an estimate under another frame (``frame_edition`` differs
    from the edition), other predicate bands, another divisor minimum or a new affair gate."""
    out: dict[str, str] = {}
    before: dict | None = None
    for name, res in editions:
        rules = _rules(res)
        frame, year = res.get("frame_edition"), res.get("methodology_year")
        said = []
        if frame is not None and year is not None and int(frame) != int(year):
            said.append(f"adalah perkiraan dengan kerangka {int(frame)}")
        if rules is not None and before is not None:
            if rules["top"] != before["top"]:
                verb = "menaikkan" if (rules["top"] or 0) > (before["top"] or 0) else "menurunkan"
                said.append(f"{verb} batas bawah Sangat Inovatif menjadi {fmt.num(rules['top'])}")
            elif rules["bands"] != before["bands"]:
                said.append("mengubah rentang predikat")
            if rules["divisor_min"] != before["divisor_min"]:
                said.append(f"membagi SID dengan MAX({rules['divisor_min']}, n)")
            if rules["gate"] != before["gate"] and rules["gate"][0] > 0:
                need, of = rules["gate"]
                said.append(f"memberi skor jumlah inovasi hanya bila sekurang-kurangnya {need} dari "
                            f"{of} urusan pelayanan dasar tercakup")
        if said:
            out[str(name)] = _joined(said)
        before = rules if rules is not None else before
    return out


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " dan " + parts[-1]


def trend_note(changes: dict[str, str], page: str = "") -> str:
    """The sentence under the trend: which editions are marked and why, and where the like-for-like
    comparison is (``page``: the link to an edition's page 02, or "" for none)."""
    if not changes:
        return ""
    items = "; ".join(f"{html_text(e)} {html_text(t)}" for e, t in changes.items())
    where = (f'tabel <a href="{html_text(page)}">perbandingan setara di halaman 02</a>' if page
             else "tabel perbandingan setara di halaman 02 setiap edisi")
    return (f"<p>Titik berlingkar jingga dan bertanda * menandai edisi yang cara hitungnya berubah "
            f"({items}), sehingga garis melintasi perubahan metode; nilai yang sebanding antarkerangka "
            f"ada pada {where}.</p>")


def trend_svg(points: list[tuple[str, float]], width: int = 560, height: int = 220,
              marked: frozenset[str] | set[str] = frozenset()) -> str:
    """A small line chart of the IID per edition, y axis 0–100; ``points``: (edition, IID) oldest
    first, missing IIDs left out; ``marked``: editions whose method differs (an open orange circle
    and an asterisk on the edition). Empty string when there is nothing to draw."""
    pts = [(str(e), float(v)) for e, v in points if v is not None and v == v]
    if not pts:
        return ""
    left, right, top, bottom = 44, 16, 14, 30
    w, h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        inset = 28  # room for the first and last value labels
        return left + (w / 2 if len(pts) == 1 else inset + i * (w - 2 * inset) / (len(pts) - 1))

    def y(v: float) -> float:
        return top + h * (1 - min(max(v, 0.0), 100.0) / 100)

    parts = [f'<svg class="iid-trend" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="IID per edisi, sumbu 0 sampai 100">',
             "<title>IID per edisi (0–100)</title>"]
    for tick in range(0, 101, 20):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                     f'stroke="#dde3ea"/><text x="{left - 6}" y="{y(tick) + 4:.1f}" font-size="11" '
                     f'text-anchor="end" fill="#4a5a6a">{tick}</text>')
    coords = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_, v) in enumerate(pts))
    parts.append(f'<polyline points="{coords}" fill="none" stroke="#0b5cad" stroke-width="2"/>')
    for i, (edition, v) in enumerate(pts):
        mark = edition in marked
        dot = (f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="5.5" fill="#fff" stroke="#c25b00" '
               f'stroke-width="2.5"/>' if mark else
               f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="#0b5cad"/>')
        parts.append(f'{dot}<text x="{x(i):.1f}" y="{y(v) - 9:.1f}" font-size="11" text-anchor="middle" '
                     f'fill="#17324d">{html_text(fmt.num(v))}</text>'
                     f'<text x="{x(i):.1f}" y="{height - 10}" font-size="11" text-anchor="middle" '
                     f'fill="{"#c25b00" if mark else "#4a5a6a"}">{html_text(edition)}{"*" if mark else ""}</text>')
    parts.append("</svg>")
    return "".join(parts)


def write_index(out: Path, region: dict | None = None) -> Path:
    """``index.html`` linking every edition's pages and downloads found under ``out`` (newest
    first). ``region``: the data's region table row (name, synthetic, …) or None."""
    name, synthetic = _region(region)
    editions = _editions(out)
    rows = []
    for year_dir, res in editions:
        y = html_text(year_dir.name)
        pages = " ".join(f'<a href="{y}/{stem}.html">{html_text(title)}</a>'
                         for stem, title in PAGE_TITLES.items() if (year_dir / f"{stem}.html").is_file())
        pages = " ".join(x for x in (pages, unit_index_link(year_dir)) if x)
        files = " ".join(f'<a href="{y}/{html_text(f)}">{html_text(label)}</a>'
                         for f, label in DOWNLOADS if (year_dir / f).is_file())
        rows.append(
            f"<tr><td>{y}</td><td class=\"num\">{html_text(fmt.num(res.get('iid')))}</td>"
            f"<td class=\"pred\">{html_text(res.get('predicate') or '')}</td>"
            f"<td class=\"num\">{html_text(fmt.integer(res.get('n_submitted')))}</td>"
            f"<td class=\"num\">{html_text(fmt.integer(res.get('n_innovations')))}</td>"
            f"<td class=\"links\">{pages}</td><td class=\"links\">{files}</td></tr>"
        )
    changes = method_changes([(d.name, r) for d, r in reversed(editions)])
    chart = trend_svg([(d.name, r.get("iid")) for d, r in reversed(editions)], marked=set(changes))
    newest = editions[0][0] if editions else None
    page = f"{newest.name}/02_index.html" if newest is not None and (newest / "02_index.html").is_file() else ""
    trend = (f"<h2>IID per edisi</h2>\n<figure>{chart}<figcaption class=\"iid-source\">Sumber: "
             f"results.json setiap edisi, dihitung ulang dari data dengan metodologi edisi masing-masing; "
             f"diolah Bappeda dengan iid-analysis.</figcaption></figure>\n{trend_note(changes, page)}"
             if chart else "")
    table = ("<table><thead><tr><th>Edisi</th><th class=\"num\">IID</th><th>Predikat</th>"
             "<th class=\"num\">Dimasukkan OPD</th><th class=\"num\">Dinilai</th><th>Halaman</th>"
             f"<th>Unduhan</th></tr></thead><tbody>\n{chr(10).join(rows)}\n</tbody></table>"
             if rows else "<p>Belum ada edisi yang selesai dibuat.</p>")
    body = f"""<div class="iid-index">{INDEX_CSS}
<h1>Indeks Inovasi Daerah (IID) — laporan per edisi</h1>
<p>Setiap edisi memuat tiga halaman: partisipasi organisasi perangkat daerah (OPD), perhitungan
indeks, dan laporan nominasi Innovative Government Award (IGA), beserta unduhannya. Angka dihitung ulang dari data dengan metodologi edisi masing-masing; asumsi
dicantumkan di setiap laporan. Istilah dijelaskan di <a href="{GLOSSARY_PAGE}">glosarium</a>.</p>
{trend}
<h2>Laporan dan unduhan per edisi</h2>
{table}</div>"""
    page = standalone_page("Indeks Inovasi Daerah — laporan per edisi",
                           root_nav_html(name, synthetic, INDEX_PAGE), body)
    path = out / INDEX_PAGE
    path.write_text(page, encoding="utf-8")
    return path


def write_glossary(out: Path, region: dict | None = None) -> Path:
    """``glosarium.html``: every term of the reports with its definition."""
    name, synthetic = _region(region)
    body = (f'<div class="iid-index">{INDEX_CSS}\n<h1>Glosarium</h1>\n<p>Istilah yang dipakai di '
            f'halaman laporan, buku kerja telaah, dan <code>results.json</code>.</p>\n{glossary_html()}</div>')
    page = standalone_page("Glosarium Indeks Inovasi Daerah", root_nav_html(name, synthetic, GLOSSARY_PAGE), body)
    path = out / GLOSSARY_PAGE
    path.write_text(page, encoding="utf-8")
    return path
