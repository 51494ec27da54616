"""Synthetic datasets (seeded): the bundled Kota Pekalongan sample and large ones for benchmarks.

Nothing here is real Pekalongan data. The bundled dataset (``write_sample(Path("data/sample"))``,
seed 2021) is calibrated to the city's published facts in ``iid-reference.md`` §4–5 and §8 (see
:mod:`~iid_analysis.synthetic.plans`; 2022 is tuned to its published IID by ``calibrate``). The
editions are drawn by ``plans`` from the ``catalogue`` of units and words (new entries:
``entries``, the later editions' profile fields: ``profile``), their answers by ``answers``, and
``raw`` writes them as CSV cells, with the one-row ``region`` table naming the city.

The tables returned by :func:`make_sample` are *raw*: every cell is a string as it would be typed
in a CSV (ISO dates, enumeration codes, empty cells as ``""``), in ``schema.COLUMNS`` order.
Same seed, same tables, same bytes: one ``numpy.random.default_rng(seed)`` drives everything,
orders are stable and no wall-clock time is read.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from iid_analysis.io import schema
from iid_analysis.methodology.loader import load_methodology
from iid_analysis.synthetic.answers import sid_answers, spd_answers
from iid_analysis.synthetic.calibrate import eligible_ids, tune_to_iid
from iid_analysis.synthetic.catalogue import opd_frame
from iid_analysis.synthetic.plans import PLANS, bundled_edition, large_edition, with_ids
from iid_analysis.synthetic.raw import guard, raw_innovations, raw_opd, raw_region

__all__ = ["BUNDLED_YEARS", "LARGE_YEAR", "make_sample", "write_sample"]

#: Editions of the bundled dataset.
BUNDLED_YEARS: tuple[int, ...] = (2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026)
#: The one edition of a large (benchmark) dataset.
LARGE_YEAR = 2021


def make_sample(seed: int = 2021, regions: int = 1, innovations: int | None = None
                ) -> dict[str, pd.DataFrame]:
    """The raw tables of a synthetic dataset (strings, canonical columns, stable order): the four
    required ones and ``region``.

    ``innovations=None``: the Kota Pekalongan editions 2019–2026 (``regions`` > 1 repeats the OPD
    registry and the editions' plans once per region, with suffixed ids). ``innovations=N``: one
    edition (2021) with ``N`` innovations spread over the OPD of every region and ``20·N`` SID
    answers, for benchmarks.
    """
    if int(regions) < 1:
        raise ValueError(f"regions harus >= 1, ditemukan {regions} / regions must be >= 1")
    if innovations is not None and int(innovations) < 1:
        raise ValueError(f"innovations harus >= 1, ditemukan {innovations} / innovations must be >= 1")
    rng = np.random.default_rng(seed)
    regions = int(regions)
    opd = opd_frame(regions)
    years = (LARGE_YEAR,) if innovations is not None else BUNDLED_YEARS
    meths = {y: load_methodology(y) for y in years}

    parts: list[pd.DataFrame] = []
    if innovations is None:
        for r in range(regions):
            pool = pd.DataFrame()
            names: set[str] = set()
            for y in years:
                ed = bundled_edition(rng, y, meths[y], PLANS[y], opd[opd["region"] == r],
                                     pool, names)
                ed = with_ids(ed, y, r)
                ed["_region"] = r
                pool = pd.concat([pool, ed], ignore_index=True) if len(pool) else ed
                parts.append(ed)
    else:
        ed = with_ids(large_edition(rng, LARGE_YEAR, meths[LARGE_YEAR], int(innovations), opd),
                      LARGE_YEAR, None)
        ed["_region"] = 0
        parts.append(ed)
    entries = pd.concat(parts, ignore_index=True)
    entries = entries.sort_values(["year", "_region", "innovation_id"], kind="stable")
    entries = entries.reset_index(drop=True)

    sid, spd = [], []
    for y in years:
        plan, ed = PLANS[y], entries[entries["year"] == y]
        pending = plan.pending if innovations is None else 0.0
        a = sid_answers(rng, ed, meths[y], pending)
        r = spd_answers(rng, y, meths[y], plan.spd, pending / 2)
        if plan.iid is not None and innovations is None and regions == 1:
            a, r = tune_to_iid(a, r, eligible_ids(ed, meths[y]), meths[y], plan.iid)
        sid.append(a)
        spd.append(r)
    tables = {
        "opd": raw_opd(opd),
        "innovations": raw_innovations(entries),
        "innovation_indicators": pd.concat(sid, ignore_index=True),
        "region_indicators": pd.concat(spd, ignore_index=True),
        "region": raw_region("Kota Pekalongan", "kota", "Jawa Tengah", synthetic=True),
    }
    return {t: guard(t, df) for t, df in tables.items()}


def write_sample(out: Path, *, seed: int = 2021, regions: int = 1,
                 innovations: int | None = None) -> list[Path]:
    """Write the CSV files of :func:`make_sample` (``schema.ALL_TABLES``) into ``out``; return their paths.

    UTF-8, comma separated, ``\\n`` line endings, canonical headers: the same arguments always give
    the same bytes.
    """
    tables = make_sample(seed=seed, regions=regions, innovations=innovations)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for t in schema.ALL_TABLES:
        path = out / f"{t}.csv"
        tables[t].to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        paths.append(path)
    return paths
