"""Typing one raw table: headers mapped, columns typed, ``evidence_status`` filled, extras kept,
and the findings of the table collected (unreadable cells, schema failures, empty rows).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iid_analysis.io import schema
from iid_analysis.io.checks import Cells, cell_findings, id_columns, schema_findings
from iid_analysis.io.column_types import Unread, text_values, type_column
from iid_analysis.io.findings import records_part
from iid_analysis.io.headers import map_headers
from iid_analysis.io.raw import Factored, RawTable, blank_rows
from iid_analysis.io.schema import ROW


def type_table(raw: RawTable) -> tuple[pd.DataFrame, list[dict[str, np.ndarray]]]:
    """The typed frame of ``raw`` and its findings as column parts (see
    :func:`~iid_analysis.io.findings.frame_of_parts`)."""
    table, n = raw.table, len(raw)
    canon, extras, notes = map_headers(raw)
    index = pd.RangeIndex(n)
    out: dict[str, object] = {ROW: pd.Series(raw.rows, index=index, dtype="int64")}
    factored: dict[str, Factored] = {}
    unread: dict[str, Unread] = {}
    row_blank = blank_rows(raw.cols, n)
    cells: dict[str, Cells] = {}  # what the pandera row checks look at, per column
    typed: dict[str, pd.Series] = {}  # typed distinct values, per column

    for col in schema.COLUMNS[table]:
        f = raw.cols[canon[col.name]] if col.name in canon else Factored.empty(n)
        factored[col.name] = f
        values, problem, typed_u = type_column(col, f)
        typed[col.name] = typed_u
        out[col.name] = pd.Series(values, index=index)
        if problem is not None and problem.bad_u.any():
            unread[col.name] = problem
        cells[col.name] = Cells.of(typed_u, f.codes)

    if "evidence_status" in out:
        empty = factored["evidence_status"].blank()
        if empty.any():
            # a non-blank evidence cell is never empty text after typing (see text_values)
            has_evidence = ~factored["evidence"].blank()
            status_u = typed["evidence_status"].to_numpy(dtype=object, na_value=pd.NA)
            k = len(status_u)
            pick = factored["evidence_status"].codes.copy()
            pick[empty & has_evidence] = k  # "pending"
            pick[empty & ~has_evidence] = k + 1  # "missing"
            filled = pd.array([*status_u, "pending", "missing"], dtype="string").take(pick)
            out["evidence_status"] = pd.Series(filled, index=index)
            cells["evidence_status"] = cells["evidence_status"].filled(
                empty, has_evidence, "pending", "missing"
            )

    for h, i in extras.items():
        f = raw.cols[i]
        out[h] = pd.Series(text_values(f.uniques).array.take(f.codes), index=index, dtype="string")

    frame = pd.DataFrame(out, index=index, copy=False)
    ids = id_columns(table, frame)
    problems = [records_part(notes)]
    bad_cells: dict[str, np.ndarray] = {}
    for name, p in unread.items():
        f = factored[name]
        mask = p.bad_u[f.codes]
        bad_cells[name] = mask
        which = f.codes[mask]
        severity = "error" if schema.column(table, name).required else "warning"
        problems.append(cell_findings(
            raw, name, mask, p.rule, severity, f.uniques.to_numpy(dtype=object)[which], p.expected,
            p.message_u[which], p.message_en_u[which], ids,
        ))
    if n:
        problems.extend(schema_findings(raw, frame, bad_cells, row_blank, ids, cells))
    if row_blank.any():
        k = int(row_blank.sum())
        problems.append(cell_findings(
            raw, "", row_blank, "empty_row", "warning", np.full(k, "", dtype=object), "baris berisi data",
            np.full(k, "baris kosong di tengah data; hapus atau isi", dtype=object),
            np.full(k, "empty row between data rows; delete or fill it", dtype=object), ids,
        ))
    return frame, problems
