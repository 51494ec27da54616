"""The desk review's files: ``review.csv`` (one row per innovation, for scripts), ``findings.csv``
(one row per finding), both UTF-8 and guarded against spreadsheet formulas, and ``telaah.csv`` (the
same rows for people, :mod:`~iid_analysis.review.human_csv`). The workbook ``review.xlsx`` needs the
whole analysis and is written by the yearly run (:mod:`iid_analysis.report.workbook.book`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from iid_analysis.io.schema import ROW
from iid_analysis.review.human_csv import write_telaah_csv
from iid_analysis.review.model import Review
from iid_analysis.text.escape import guard_frame

#: The columns of ``review.csv``, in order.
REVIEW_CSV_COLUMNS: tuple[str, ...] = (
    "innovation_id",
    "opd_id",
    "eligible",
    "decision",
    "reasons",
    "row",
    "name",
    "opd_name",
    "stage",
    "implementation_date",
    "submitted_on",
    "in_window",
    "stage_counted",
    "reentry_ok",
    "on_time",
    "todo",
    "n_errors",
    "n_warnings",
)
#: The columns of ``findings.csv``, in order.
FINDINGS_CSV_COLUMNS: tuple[str, ...] = (
    "table",
    "row",
    "column",
    "rule",
    "severity",
    "message",
    "value",
    "expected",
    "message_en",
    "innovation_id",
    "opd_id",
    "file",
)


def review_table(review: Review) -> pd.DataFrame:
    """The rows of ``review.csv`` (design §5 columns first), dates as ISO text."""
    inv = review.innovations.rename(columns={ROW: "row"})
    out = inv[[c for c in REVIEW_CSV_COLUMNS]].copy()
    for c in ("implementation_date", "submitted_on"):
        out[c] = out[c].dt.strftime("%Y-%m-%d").astype("string")
    return out


def write_review_outputs(review: Review, out_dir: Path) -> list[Path]:
    """Write ``review.csv``, ``findings.csv`` (UTF-8) and ``telaah.csv`` into ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    p = out_dir / "review.csv"
    guard_frame(review_table(review)).to_csv(p, index=False, encoding="utf-8")
    paths.append(p)
    p = out_dir / "findings.csv"
    guard_frame(review.findings[list(FINDINGS_CSV_COLUMNS)]).to_csv(
        p, index=False, encoding="utf-8"
    )
    paths.append(p)
    paths.append(write_telaah_csv(review, out_dir / "telaah.csv"))
    return paths
