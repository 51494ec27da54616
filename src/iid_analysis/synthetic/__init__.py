"""Synthetic datasets (seeded): the bundled Kota Pekalongan sample and large ones for benchmarks.

``make_sample`` / ``write_sample`` (:mod:`~iid_analysis.synthetic.sample`) assemble the raw
tables (the four required ones and ``region``); the editions 2019–2026 come from ``plans`` and
``entries``, drawn from the ``catalogue`` of units and words, with the later editions' profile
fields from ``profile``; ``answers`` draws the SID and SPD answers, ``calibrate`` tunes 2022 to
its published IID and ``raw`` writes every cell as a string.
"""

from iid_analysis.synthetic.sample import BUNDLED_YEARS, LARGE_YEAR, make_sample, write_sample

__all__ = ["BUNDLED_YEARS", "LARGE_YEAR", "make_sample", "write_sample"]
