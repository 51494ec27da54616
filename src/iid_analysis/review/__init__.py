"""The desk review (telaah meja) of an IGA edition: rules → findings → a decision per innovation.

The public API, re-exported for users (modules of the package import from the defining module):

* :func:`review` (:mod:`.desk`) — run the desk review of one edition;
* :class:`Review`, :data:`DECISIONS`, :func:`opd_summary` (:mod:`.model`) — its result;
* :data:`RULES`, :data:`MIN_PROFILE_WORDS` (:mod:`.rules`) — every rule it applies;
* :func:`summary_lines` (:mod:`.summary`) — the CLI's Indonesian summary;
* :func:`row_balance`, :func:`check_rows`, :class:`RowsLost` (:mod:`.balance`) — rows in = rows out;
* :func:`write_review_outputs`, :func:`review_table` (:mod:`.outputs`) — ``review.csv``,
  ``findings.csv`` and ``telaah.csv`` (``review.xlsx`` is written by the yearly run);
* :func:`format_date_id` — ``2021-03-12`` → ``"12 Maret 2021"`` (:func:`iid_analysis.text.fmt.date`).
"""

from __future__ import annotations

import importlib

#: public name → the module that defines it (loaded on first use: ``iid-analysis score`` never
#: loads the workbook writer and openpyxl)
_WHERE = {
    "review": "desk",
    "DECISIONS": "model", "Review": "model", "opd_summary": "model",
    "FINDINGS_CSV_COLUMNS": "outputs", "REVIEW_CSV_COLUMNS": "outputs", "review_table": "outputs",
    "write_review_outputs": "outputs",
    "MIN_PROFILE_WORDS": "rules", "RULES": "rules", "Rule": "rules",
    "summary_lines": "summary",
    "RowBalance": "balance", "RowsLost": "balance", "check_rows": "balance", "row_balance": "balance",
}

__all__ = sorted([*_WHERE, "format_date_id"])


def __getattr__(name: str):
    if name == "format_date_id":
        from iid_analysis.text.fmt import date

        return date
    if name in _WHERE:
        return getattr(importlib.import_module(f"iid_analysis.review.{_WHERE[name]}"), name)
    raise AttributeError(name)
