"""``review.xlsx``: the edition's working workbook, written from the analysis object.

Sheets: "Petunjuk" (first), "Ringkasan", one sheet per unit that entered something or has things to
do (named by its short name, :mod:`.names`), and "Peringkat OPD". Every sheet prints landscape on
A4, fitted to the width, header row repeated, "Halaman X dari Y" in the footer and, when the data
are synthetic, "Data sintetis — bukan data resmi <region>" in the header of every page
(:mod:`iid_analysis.io.printing`). No cell holds a formula (:mod:`.cells`).

The same analysis gives the same bytes: :func:`save_reproducibly` fixes the document's created and
modified times and the zip entries' times (openpyxl stamps the clock into both) to 1 January of
the edition.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from iid_analysis.io.printing import set_notice
from iid_analysis.report.workbook.cells import register_styles
from iid_analysis.report.workbook.names import (
    GUIDE_SHEET,
    RANKING_SHEET,
    SUMMARY_SHEET,
    unit_sheet_names,
)
from iid_analysis.report.workbook.petunjuk import write_guide
from iid_analysis.report.workbook.ranking import write_ranking
from iid_analysis.report.workbook.source import print_notice, unit_tables
from iid_analysis.report.workbook.summary import write_summary
from iid_analysis.report.workbook.unit_sheet import write_unit_sheet
from iid_analysis.text import fmt

_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def _units_with_sheets(tables) -> list[tuple[str, str]]:
    """(opd_id, full name) of units that entered something or have actions, in the profile's
    order (then any unit only the entries know, e.g. entries without an OPD code)."""
    ids = set(tables.entries["opd_id"].astype("string").fillna("")) | set(
        tables.actions["opd_id"].astype("string").fillna(""))
    out, seen = [], set()
    for rec in tables.profile.itertuples(index=False):
        oid = "" if fmt.is_missing(rec.opd_id) else str(rec.opd_id)
        if oid in ids and oid not in seen:
            out.append((oid, "" if fmt.is_missing(rec.name) else str(rec.name)))
            seen.add(oid)
    out.extend((oid, "") for oid in sorted(ids - seen))
    return out


def _by_unit(df) -> dict[str, list[dict]]:
    """The rows of ``df`` as records, per ``opd_id`` (missing → ""), in their order."""
    out: dict[str, list[dict]] = {}
    keys = df["opd_id"].astype("string").fillna("").tolist()
    for k, rec in zip(keys, df.to_dict("records"), strict=True):
        out.setdefault(k, []).append(rec)
    return out


def write_workbook(a: Any, path: Path, *, contact: str = "") -> Path:
    """Write ``review.xlsx`` of analysis ``a`` to ``path`` and return it. ``contact``: whom to
    contact at Bappeda (empty: the guide says only "Hubungi Bappeda")."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tables = unit_tables(a)
    deadline_text = fmt.date(tables.deadline) or "lihat pengumuman Bappeda"
    wb = Workbook()
    wb.properties.creator = "iid-analysis"
    register_styles(wb)
    guide = wb.active
    guide.title = GUIDE_SHEET
    taken = {GUIDE_SHEET.lower(), SUMMARY_SHEET.lower(), RANKING_SHEET.lower()}
    units = _units_with_sheets(tables)
    sheets = unit_sheet_names(units, taken)
    write_guide(guide, a, deadline_text, contact)
    write_summary(wb.create_sheet(SUMMARY_SHEET), a, deadline_text)
    profile = {str(r["opd_id"]): r for r in tables.profile.to_dict("records")}
    ent, act = _by_unit(tables.entries), _by_unit(tables.actions)
    for oid, name in units:
        write_unit_sheet(wb.create_sheet(sheets[oid]), oid, name, tables, profile.get(oid), int(a.year),
                         ent.get(oid, []), act.get(oid, []))
    write_ranking(wb.create_sheet(RANKING_SHEET), a, tables, sheets)
    notice = print_notice(a)
    for ws in wb.worksheets:
        set_notice(ws, notice)  # synthetic data: named at the top of every printed page
    wb.active = 0
    return save_reproducibly(wb, path, dt.datetime(max(1980, int(a.year)), 1, 1))


def save_reproducibly(wb: Workbook, path: Path, when: dt.datetime) -> Path:
    """Save ``wb`` to ``path`` with ``when`` as its created/modified time and every zip entry's
    time, so the same workbook always gives the same bytes (no clock in the file)."""
    buf = io.BytesIO()
    wb.save(buf)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = _CORE_TIMES.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
            info = zipfile.ZipInfo(item.filename, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            zout.writestr(info, data)
    path.write_bytes(out.getvalue())
    return path
