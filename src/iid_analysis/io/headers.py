"""Mapping the headers of a raw table to columns: canonical names, Indonesian labels, aliases.

A known header names its canonical column; an unknown one is kept as an extra column; a column
with data but no header is kept as ``kolom_<n>`` with a ``header`` note. A duplicated header or
a missing required column is a :class:`DataError`.
"""

from __future__ import annotations

from iid_analysis.io import schema
from iid_analysis.io.errors import DataError, shown
from iid_analysis.io.raw import RawTable
from iid_analysis.io.schema import ROW


def map_headers(raw: RawTable) -> tuple[dict[str, int], dict[str, int], list[dict]]:
    """Canonical column → position, extra header → position, and header findings."""
    hmap = schema.header_map(raw.table)
    canon: dict[str, int] = {}
    extras: dict[str, int] = {}
    notes: list[dict] = []
    original: dict[str, str] = {}
    for i, h in enumerate(raw.headers):
        if h == "":
            if raw.cols[i].blank().all():
                continue  # an empty column with no header: nothing to keep
            h = f"kolom_{i + 1}"
            notes.append({
                "table": raw.table, "file": raw.file, "row": raw.header_row, "column": h, "rule": "header",
                "severity": "warning", "value": "", "expected": "judul kolom",
                "message": f"kolom ke-{i + 1} berisi data tanpa judul; disimpan sebagai '{h}'",
                "message_en": f"column {i + 1} holds data but has no header; kept as '{h}'",
            })
        name = hmap.get(schema.norm_token(h))
        if name is not None:
            if name in canon:
                raise DataError(
                    f"judul kolom ganda: '{shown(original[name])}' dan '{shown(h)}' sama-sama kolom {name}",
                    f"duplicated header: '{shown(original[name])}' and '{shown(h)}' both mean {name}",
                    file=raw.where, row=raw.header_row, column=shown(h),
                )
            canon[name] = i
            original[name] = h
        else:
            if h in extras or h == ROW:
                raise DataError(f"judul kolom ganda: '{shown(h)}'", f"duplicated header: '{shown(h)}'",
                                file=raw.where, row=raw.header_row, column=shown(h))
            extras[h] = i
    missing = [c for c in schema.COLUMNS[raw.table] if c.required and c.name not in canon]
    if missing:
        wanted = "; ".join(
            f"'{c.name}' (judul: "
            + " atau ".join(f"'{s}'" for s in dict.fromkeys((c.name, c.label, *c.aliases)))
            + ")"
            for c in missing
        )
        found = ", ".join(f"'{shown(h)}'" for h in raw.headers[:40] if h) or "tidak ada"
        raise DataError(
            f"kolom wajib tidak ditemukan: {wanted}; judul yang ada: {found}",
            f"required column(s) missing: {', '.join(c.name for c in missing)}",
            file=raw.where, row=raw.header_row, column=", ".join(c.name for c in missing),
        )
    return canon, extras, notes
