"""The command line as design §5 fixes it: exit codes, outputs, one clear line on bad input."""

from __future__ import annotations

import json

import pandas as pd

from iid_analysis.cli import main
from iid_analysis.run.pipeline import default_data

DATA = str(default_data())


def test_validate_writes_one_row_per_innovation(tmp_path, capsys):
    assert main(["validate", DATA, "--year", "2021", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "52" in out and "19" in out
    review = pd.read_csv(tmp_path / "review.csv")
    assert len(review) == 52
    assert {"innovation_id", "opd_id", "eligible", "decision", "reasons"} <= set(review.columns)
    assert set(review["decision"]) <= {"lanjut", "lengkapi", "tidak_lanjut"}
    findings = pd.read_csv(tmp_path / "findings.csv")
    assert {"table", "row", "column", "rule", "severity", "message"} <= set(findings.columns)
    assert (tmp_path / "telaah.csv").is_file()  # review.xlsx needs the whole analysis: `report`
    assert not (tmp_path / "review.xlsx").exists()


def test_score_json_has_the_fixed_keys(capsys):
    assert main(["score", DATA, "--year", "2021", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert {"year", "iid", "predicate", "spd", "sid", "n_innovations"} <= set(got)
    assert got["year"] == 2021 and got["predicate"] == "Inovatif" and got["iid"] == 43.45


def test_limits_from_the_command_line_refuse_with_one_line(capsys):
    assert main(["validate", DATA, "--year", "2021", "--max-rows", "100"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "innovations.csv" in err and "100" in err
    assert main(["score", DATA, "--year", "2021", "--max-mb", "0.01"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_unknown_edition_and_missing_folder_exit_2(tmp_path, capsys):
    assert main(["score", DATA, "--year", "2031"]) == 2
    assert "2031" in capsys.readouterr().err
    assert main(["validate", str(tmp_path / "nope"), "--year", "2021"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
