"""Synthetic datasets (seeded): the bundled Kota Pekalongan sample and large ones for benchmarks.

``make_sample`` / ``write_sample`` (:mod:`~iid_analysis.synthetic.sample`) assemble the four raw
tables; the editions come from ``plans`` and ``entries``, drawn from the ``catalogue`` of units
and words; ``answers`` draws the SID and SPD answers and ``raw`` writes every cell as a string.
"""

from iid_analysis.synthetic.sample import BUNDLED_YEARS, LARGE_YEAR, make_sample, write_sample

__all__ = ["BUNDLED_YEARS", "LARGE_YEAR", "make_sample", "write_sample"]
