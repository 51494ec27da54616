"""Shared fixtures. ``reports``: one run of the whole pipeline on the bundled data per session."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def reports(tmp_path_factory) -> Path:
    from iid_analysis.run.pipeline import default_data, run_reports

    out = tmp_path_factory.mktemp("reports")
    status = run_reports(default_data(), None, out, jobs=2, timeout=600)
    assert status == 0, "the report run on the bundled data failed"
    return out
