"""Desk review (telaah meja) of one IGA edition: rules → findings, eligibility, a decision per innovation.

``review(dataset, methodology, year)`` checks every innovation entered for the edition, its SID
answers and the edition's SPD answers, and returns a :class:`~iid_analysis.review.model.Review`:

* ``innovations`` — one row per innovation row of the edition (broken and duplicated rows included,
  input order), with the eligibility flags, the decision (``lanjut`` / ``lengkapi`` /
  ``tidak_lanjut``) and the reasons and the to-do list in Indonesian;
* ``answers`` / ``region_answers`` — the SID and SPD answers of the edition with a ``usable`` flag
  (``evidence_status``: what scoring reads, ``missing`` for an empty evidence cell;
  ``evidence_status_declared``: as entered);
* ``opd``, ``region_rows``, ``set_aside`` — the OPD and region tables as reviewed, and the input
  rows of other editions, so that every input row is accounted for
  (:mod:`~iid_analysis.review.balance`);
* ``findings`` — every problem found (the loader's unreadable cells of these rows included), one
  row each, with a stable rule code, severity, the value found, what was expected, and a message in
  Indonesian and English.

Every rule the review applies (code, severity, texts) is listed in :mod:`~iid_analysis.review.rules`;
the loader's own rule codes are ``type``, ``date``, ``enum``, ``required``, ``empty_row``,
``header``, ``encoding``. How findings make a decision: :mod:`~iid_analysis.review.decisions`.

``review`` runs one function per rule family, in this order (the order findings are collected):

1. :func:`~iid_analysis.review.identity.opd_rules` (the OPD table),
   :func:`~iid_analysis.review.identity.edition_innovations` (keys and OPD look-ups),
   :func:`~iid_analysis.review.identity.identity_rules` (ids, required cells, OPD),
   :func:`~iid_analysis.review.identity.earlier_entries` (re-entries counted from the data);
2. :func:`~iid_analysis.review.eligibility.date_and_stage_rules` (returns the eligibility flags);
3. :func:`~iid_analysis.review.identity.duplicate_name_rule`,
   :func:`~iid_analysis.review.profile.profile_rules`,
   :func:`~iid_analysis.review.affairs.affair_rules`;
4. :func:`~iid_analysis.review.answers.sid_answer_rules`,
   :func:`~iid_analysis.review.answers.spd_answer_rules`,
   :func:`~iid_analysis.review.region.region_rules`;
5. :func:`~iid_analysis.review.cells.other_loader_problems`, then
   :func:`~iid_analysis.review.decisions.decide`.

Each takes the tables it reads and the collector of findings
(:class:`~iid_analysis.review.events.Events`), and returns what later steps need. Everything is
vectorised with pandas, string work is done once per distinct value
(:mod:`~iid_analysis.review.distinct`); odd data never raises, it becomes findings.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from iid_analysis.io.dataset import Dataset
from iid_analysis.io.schema import ROW
from iid_analysis.methodology.loader import available_years
from iid_analysis.methodology.model import Methodology
from iid_analysis.review.affairs import affair_rules
from iid_analysis.review.answers import sid_answer_rules, spd_answer_rules
from iid_analysis.review.cells import add_year_unknown, other_loader_problems
from iid_analysis.review.decisions import decide
from iid_analysis.review.distinct import keyed
from iid_analysis.review.eligibility import date_and_stage_rules
from iid_analysis.review.events import Events
from iid_analysis.review.identity import (
    duplicate_name_rule,
    earlier_entries,
    edition_innovations,
    identity_rules,
    opd_rules,
)
from iid_analysis.review.model import (
    ANSWER_COLUMNS,
    INNOVATION_COLUMNS,
    REGION_ANSWER_COLUMNS,
    Deferred,
    Review,
)
from iid_analysis.review.profile import profile_rules
from iid_analysis.review.region import region_rules, set_aside_rows
from iid_analysis.review.tables import conform, loader_problems


def review(dataset: Dataset, methodology: Methodology, year: int) -> Review:
    """Desk review of edition ``year`` of ``dataset`` under ``methodology`` (see the module doc)."""
    m, year = methodology, int(year)
    ds = dataset
    files = dict(getattr(ds, "files", {}) or {})
    ev = Events(files)
    problems = loader_problems(ds)

    opd = conform(getattr(ds, "opd", None), "opd")
    inv_all = conform(getattr(ds, "innovations", None), "innovations")
    ans_all = conform(getattr(ds, "innovation_indicators", None), "innovation_indicators")
    reg_all = conform(getattr(ds, "region_indicators", None), "region_indicators")
    region_all = conform(getattr(ds, "region_table", None), "region")

    opd_first = opd_rules(ev, opd, problems)
    inv, opd_key, known_opd, year_ok = edition_innovations(inv_all, opd_first, year)
    is_dup, all_ids, dup_ids = identity_rules(ev, inv, inv_all, opd_key, known_opd, opd_first,
                                              problems, year)
    earlier = earlier_entries(inv, inv_all, all_ids, year)
    elig, _ = date_and_stage_rules(ev, inv, m, year, problems, earlier)
    duplicate_name_rule(ev, inv, opd_key)
    profile_rules(ev, inv, m, year)
    affair, affairs_other = affair_rules(ev, inv, m)
    # 400,000 answers in the benchmark: keyed once, look-ups once per distinct innovation id
    ans_all["_id"], a_codes, a_keys = keyed(ans_all["innovation_id"])
    answers, sid_usable, aside, edition = sid_answer_rules(
        ev, inv, ans_all, a_codes, a_keys, all_ids, dup_ids, m, problems, inv_all, year
    )
    region, spd_usable = spd_answer_rules(ev, reg_all, m, year, problems)
    region_rows = region_rules(ev, region_all)
    known = sorted({*available_years(), year})
    add_year_unknown(ev, inv_all, "innovations", known)
    add_year_unknown(ev, reg_all, "region_indicators", known)
    other_loader_problems(ev, problems, inv_all, year_ok, answers, ans_all, aside, reg_all)

    inv_out = decide(inv, ev.frame(), elig, is_dup, known_opd)
    inv_out = inv_out.assign(
        affair_canonical=affair.to_numpy(), affairs_other_canonical=affairs_other.to_numpy(),
        earlier_entries=earlier.to_numpy(),
    )[list(INNOVATION_COLUMNS)]
    answers_out = _frame_of(
        answers, ANSWER_COLUMNS, innovation_id=answers["_id"], indicator_id=answers["_ind"],
        usable=sid_usable,
    )
    region_out = _frame_of(
        region, REGION_ANSWER_COLUMNS, indicator_id=region["_ind"], usable=spd_usable
    )
    opd_out = pd.DataFrame({
        ROW: opd[ROW].to_numpy(), "opd_id": opd["opd_id"].to_numpy(),
        "used": (opd["_key"].notna() & ~opd["_key"].duplicated()).to_numpy(bool),
    })
    return Review(
        year=year,
        methodology=m,
        dataset=ds,
        innovations=inv_out,
        answers=answers_out,
        region_answers=region_out,
        findings=Deferred(ev.findings),  # the table is built when first read
        opd=opd_out,
        region_rows=region_rows,
        set_aside=set_aside_rows(inv_all, year_ok, ans_all, aside, edition, reg_all, year),
    )


def _frame_of(df: pd.DataFrame, columns: Iterable[str], **replace) -> pd.DataFrame:
    """``df.assign(**replace)[columns].reset_index(drop=True)`` without copying the columns."""
    index = pd.RangeIndex(len(df))
    cols = {}
    for c in columns:
        v = replace[c] if c in replace else df[c]
        cols[c] = (
            v.set_axis(index) if isinstance(v, pd.Series) else pd.Series(v, index=index, copy=False)
        )
    return pd.DataFrame(cols, index=index, copy=False)
