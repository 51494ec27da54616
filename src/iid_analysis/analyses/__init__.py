"""Analyses of a reviewed and scored edition: tables and numbers, no prose (the report writes that).

Participation and coaching (page 01): :mod:`~iid_analysis.analyses.units` (shared OPD and
innovation columns), :mod:`~iid_analysis.analyses.funnel`, :mod:`~iid_analysis.analyses.participation`,
:mod:`~iid_analysis.analyses.trends`, :mod:`~iid_analysis.analyses.timeline`,
:mod:`~iid_analysis.analyses.composition`, :mod:`~iid_analysis.analyses.coaching`.

What lifts the index (page 02): :mod:`~iid_analysis.analyses.gaps`, :mod:`~iid_analysis.analyses.path`,
:mod:`~iid_analysis.analyses.scenarios`, :mod:`~iid_analysis.analyses.robustness`,
:mod:`~iid_analysis.analyses.leave_one_out`.

The report's building blocks (page 03): :mod:`~iid_analysis.analyses.shares`,
:mod:`~iid_analysis.analyses.flagships`, :mod:`~iid_analysis.analyses.todo`; and
:mod:`~iid_analysis.analyses.results` for ``results.json``.

Nothing is re-exported here: several modules share their name with their main function
(``funnel.funnel``, ``trends.trends``, ``robustness.robustness`` …), so ``from
iid_analysis.analyses import funnel`` gives the module.
"""
