"""``reports/index.html``: one row per edition with its IID, predikat and links to its pages."""

from __future__ import annotations

import json
from pathlib import Path

from iid_analysis.text import fmt
from iid_analysis.text.escape import html_text

PAGE_TITLES: dict[str, str] = {
    "01_participation": "Partisipasi OPD",
    "02_index": "Indeks Inovasi Daerah",
    "03_iga_report": "Laporan Nominasi IGA",
}


def write_index(out: Path) -> Path:
    """``index.html`` linking every edition's pages found under ``out`` (newest first)."""

    rows = []
    for res_path in sorted(out.glob("*/results.json"), key=lambda p: p.parent.name, reverse=True):
        year_dir = res_path.parent
        if not year_dir.name.isdigit():
            continue
        res = json.loads(res_path.read_text(encoding="utf-8"))
        links = " · ".join(
            f'<a href="{html_text(year_dir.name)}/{stem}.html">{html_text(title)}</a>'
            for stem, title in PAGE_TITLES.items() if (year_dir / f"{stem}.html").is_file()
        )
        rows.append(
            f"<tr><td>{html_text(year_dir.name)}</td><td class=\"num\">{html_text(fmt.num(res.get('iid')))}</td>"
            f"<td class=\"pred\">{html_text(res.get('predicate', ''))}</td>"
            f"<td class=\"num\">{html_text(fmt.integer(res.get('n_submitted')))}</td>"
            f"<td class=\"num\">{html_text(fmt.integer(res.get('n_innovations')))}</td><td>{links}</td></tr>"
        )
    page = f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>Indeks Inovasi Daerah — laporan per edisi</title>
<style>body{{font-family:DejaVu Sans,Arial,sans-serif;margin:2rem;max-width:72rem;color:#1d2733}}
table{{border-collapse:collapse;width:100%}}th,td{{border-bottom:1px solid #ccd;padding:.5rem;text-align:left}}
th{{background:#eef2f7}}a{{color:#0b5cad;white-space:nowrap}}.num{{text-align:right}}.pred{{white-space:nowrap}}</style></head><body>
<h1>Indeks Inovasi Daerah (IID) — laporan per edisi</h1>
<p>Setiap edisi memuat tiga halaman: partisipasi OPD, perhitungan indeks, dan laporan nominasi IGA.
Angka dihitung ulang dari data dengan metodologi edisi masing-masing; asumsi dicantumkan di setiap laporan.</p>
<table><thead><tr><th>Edisi</th><th class="num">IID</th><th>Predikat</th><th class="num">Inovasi masuk</th>
<th class="num">Inovasi dinilai</th>
<th>Halaman</th></tr></thead><tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
"""
    path = out / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
