"""The desk review (telaah meja) of an IGA edition: rules → findings → a decision per innovation.

The public API, re-exported for users (modules of the package import from the defining module):

* :func:`review` (:mod:`.desk`) — run the desk review of one edition;
* :class:`Review`, :data:`DECISIONS`, :func:`opd_summary` (:mod:`.model`) — its result;
* :data:`RULES`, :data:`MIN_PROFILE_WORDS` (:mod:`.rules`) — every rule it applies;
* :func:`summary_lines` (:mod:`.summary`) — the CLI's Indonesian summary;
* :func:`write_review_outputs`, :func:`review_table` (:mod:`.outputs`) — ``review.csv``,
  ``findings.csv`` and ``review.xlsx``;
* :func:`format_date_id` — ``2021-03-12`` → ``"12 Maret 2021"`` (:func:`iid_analysis.text.fmt.date`).
"""

from iid_analysis.review.desk import review
from iid_analysis.review.model import DECISIONS, Review, opd_summary
from iid_analysis.review.outputs import (
    FINDINGS_CSV_COLUMNS,
    REVIEW_CSV_COLUMNS,
    review_table,
    write_review_outputs,
)
from iid_analysis.review.rules import MIN_PROFILE_WORDS, RULES, Rule
from iid_analysis.review.summary import summary_lines
from iid_analysis.text.fmt import date as format_date_id

__all__ = [
    "DECISIONS",
    "FINDINGS_CSV_COLUMNS",
    "MIN_PROFILE_WORDS",
    "REVIEW_CSV_COLUMNS",
    "RULES",
    "Review",
    "Rule",
    "format_date_id",
    "opd_summary",
    "review",
    "review_table",
    "summary_lines",
    "write_review_outputs",
]
