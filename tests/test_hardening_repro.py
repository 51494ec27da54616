"""Same input, same output (issue 9: reproducibility).

``test_pipeline.py::test_reruns_are_byte_identical`` already compares two papermill runs (pages and
``results.json``). These tests cover the rest without a kernel: ``results_dict`` across calls and
across row orders of the input, the Monte Carlo seed, and byte-identical ``review.xlsx`` /
``review.csv`` / ``findings.csv`` / ``results.json`` even when the clock has moved between writes.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import zipfile

import numpy as np
import openpyxl.writer.excel
import pytest

from iid_analysis.analyses.robustness import robustness
from iid_analysis.analysis import analyse
from iid_analysis.io.dataset import dataset_from_frames
from iid_analysis.report.prose_robustness import robustness_sentences
from iid_analysis.review import write_review_outputs
from iid_analysis.run.artifacts import results_dict, write_artifacts
from iid_analysis.synthetic.sample import make_sample

DRAWS = 300


@pytest.fixture(scope="module")
def tables():
    return make_sample()


def _shuffled(tables: dict, seed: int) -> dict:
    """Every table's rows in another order (row numbers renumbered, as in a re-sorted file)."""
    rng = np.random.default_rng(seed)
    return {k: v.iloc[rng.permutation(len(v))].reset_index(drop=True) for k, v in tables.items()}


def _results(tables: dict, year: int, seed: int = 2021) -> dict:
    return results_dict(analyse(dataset_from_frames(tables), year, draws=DRAWS, seed=seed))


@pytest.mark.parametrize("year", [2021, 2024])
def test_results_are_identical_across_calls_and_row_orders(tables, year):
    first = _results(tables, year)
    assert json.dumps(_results(tables, year), sort_keys=True) == json.dumps(first, sort_keys=True)
    for seed in (1, 2):
        again = _results(_shuffled(tables, seed), year)
        diff = sorted(k for k in first.keys() | again.keys() if first.get(k) != again.get(k))
        assert diff == [], f"results depend on the row order of the input: {diff}"


def test_robustness_depends_on_the_seed_only(tables):
    a = analyse(dataset_from_frames(tables), 2021, draws=DRAWS)
    r1 = robustness(a.result, draws=DRAWS, seed=7)
    r2 = robustness(a.result, draws=DRAWS, seed=7)
    r3 = robustness(a.result, draws=DRAWS, seed=8)
    assert np.array_equal(r1.iids, r2.iids)
    assert r1.predicate_probabilities == r2.predicate_probabilities
    assert (r1.median, r1.p05, r1.p95, robustness_sentences(r1)) == (r2.median, r2.p05, r2.p95,
                                                                     robustness_sentences(r2))
    assert r1.sources.equals(r2.sources)
    assert not np.array_equal(r1.iids, r3.iids), "another seed must give other draws"


# ---------------------------------------------------------------------- files, with the clock moved
class _LaterDatetime(dt.datetime):
    """``datetime.now`` a day and a half later than the real clock."""

    @classmethod
    def now(cls, tz=None):
        return dt.datetime.now(tz) + dt.timedelta(days=1, hours=12, seconds=7)


def _move_clock(monkeypatch) -> None:
    """Both clocks a workbook write reads: openpyxl's document times and zipfile's entry times."""
    import time

    monkeypatch.setattr(openpyxl.writer.excel, "datetime",
                        types.SimpleNamespace(datetime=_LaterDatetime, timezone=dt.timezone))
    later = time.time() + 129_607
    monkeypatch.setattr(zipfile, "time", types.SimpleNamespace(
        time=lambda: later, localtime=lambda t=None: time.localtime(later if t is None else t)))


@pytest.fixture(scope="module")
def sample_analysis(tables):
    return analyse(dataset_from_frames(tables), 2021, draws=DRAWS)


def test_review_outputs_are_byte_identical(sample_analysis, tmp_path, monkeypatch):
    first = write_review_outputs(sample_analysis.review, tmp_path / "a")
    _move_clock(monkeypatch)
    second = write_review_outputs(sample_analysis.review, tmp_path / "b")
    for p, q in zip(first, second, strict=True):
        assert p.read_bytes() == q.read_bytes(), p.name


def test_artifacts_are_byte_identical(sample_analysis, tmp_path, monkeypatch):
    first = write_artifacts(sample_analysis, tmp_path / "a")
    _move_clock(monkeypatch)
    second = write_artifacts(sample_analysis, tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    for p, q in zip(first, second, strict=True):
        assert p.read_bytes() == q.read_bytes(), p.name
    xlsx = next(p for p in first if p.name == "review.xlsx")
    with zipfile.ZipFile(xlsx) as z:
        core = z.read("docProps/core.xml").decode()
        assert "2021-01-01T00:00:00Z" in core  # created = modified = 1 January of the edition
        assert {i.date_time for i in z.infolist()} == {(2021, 1, 1, 0, 0, 0)}


def test_moving_the_clock_is_noticed(tmp_path, monkeypatch):
    """The clock patch really changes what a plain openpyxl save writes (so the tests above can fail)."""
    from openpyxl import Workbook

    Workbook().save(tmp_path / "a.xlsx")
    _move_clock(monkeypatch)
    Workbook().save(tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() != (tmp_path / "b.xlsx").read_bytes()
