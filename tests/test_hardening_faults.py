"""Failures leave good output alone and say what failed (issue 9: faults).

A good report of one edition (2021) is produced once; each fault then runs against a copy of it:
a kernel that dies halfway, a cell that hangs past the timeout, a broken dataset, an output folder
that cannot be written. The previous output must stay byte for byte, no ``.tmp-*`` folder may be
left, and the message must name the notebook and the cell (or the file) at fault.
"""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import nbformat
import pytest

from iid_analysis.cli import main as cli_main
from iid_analysis.run.pipeline import NOTEBOOKS, default_data, notebooks_dir, run_reports

DATA = default_data()
YEAR = 2021


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(out: Path) -> list[Path]:
    return [p for p in out.iterdir() if p.name.startswith((".tmp-", ".old-"))]


def _one_line(err: str) -> str:
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1, f"expected one line, got: {err!r}"
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("good")
    assert run_reports(DATA, [YEAR], out, timeout=300) == 0
    return out


@pytest.fixture()
def previous(good, tmp_path) -> tuple[Path, dict[str, bytes]]:
    """A copy of the good output, and its bytes."""
    out = tmp_path / "reports"
    shutil.copytree(good, out)
    return out, _snapshot(out / str(YEAR))


def _notebooks_with(tmp_path: Path, notebook: str, code: str, after: int) -> tuple[Path, int]:
    """A copy of the notebooks with ``code`` inserted as a new cell after cell ``after`` (0-based,
    in the notebook as written); returns the folder and the cell's 1-based number in the executed
    notebook (papermill adds its parameters cell after the ``parameters`` one)."""
    nb_dir = tmp_path / "notebooks"
    shutil.copytree(notebooks_dir(), nb_dir)
    path = nb_dir / notebook
    nb = nbformat.read(str(path), as_version=4)
    nb.cells.insert(after + 1, nbformat.v4.new_code_cell(code))
    nbformat.write(nb, str(path))
    params = next(i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", []))
    return nb_dir, after + 2 + (1 if params <= after else 0)


@pytest.mark.notebooks
def test_published_folder_is_readable_like_any_folder(good, tmp_path):
    ref = tmp_path / "ref"
    ref.mkdir()
    assert stat.S_IMODE((good / str(YEAR)).stat().st_mode) == stat.S_IMODE(ref.stat().st_mode)
    assert not _leftovers(good) and not (good / "gagal").exists()


@pytest.mark.notebooks
def test_kernel_death_keeps_previous_output_and_names_the_cell(previous, tmp_path, capsys):
    out, before = previous
    nb_dir, cell = _notebooks_with(tmp_path, "02_index.ipynb", "import os; os._exit(1)", after=4)
    assert run_reports(DATA, [YEAR], out, timeout=120, notebooks=nb_dir) == 1
    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if x.startswith("galat:"))
    assert "02_index.ipynb" in line and f"sel {cell} " in line and "os._exit(1)" in line, line
    assert "kernel" in line.lower()
    assert _snapshot(out / str(YEAR)) == before
    assert not _leftovers(out)
    kept = out / "gagal" / f"{YEAR}_02_index.ipynb"
    assert kept.is_file() and str(kept) in line
    nb = nbformat.read(str(kept), as_version=4)
    assert "os._exit(1)" in nb.cells[cell - 1].source


@pytest.mark.notebooks
def test_timeout_keeps_previous_output_and_names_the_cell(previous, tmp_path, capsys):
    out, before = previous
    first = NOTEBOOKS[0]
    nb_dir, cell = _notebooks_with(tmp_path, first, "import time\ntime.sleep(60)", after=1)
    assert run_reports(DATA, [YEAR], out, timeout=3, notebooks=nb_dir) == 1
    line = next(x for x in capsys.readouterr().err.splitlines() if x.startswith("galat:"))
    assert first in line and f"sel {cell} " in line, line
    assert "import time" in line and "batas waktu" in line
    assert _snapshot(out / str(YEAR)) == before
    assert not _leftovers(out)


@pytest.mark.notebooks
def test_broken_dataset_keeps_previous_output(previous, tmp_path, capsys):
    out, before = previous
    broken = tmp_path / "data"
    shutil.copytree(DATA, broken)
    inv = broken / "innovations.csv"
    lines = inv.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("name,", "nama_lain,", 1)  # the required column "name" is gone
    inv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status = cli_main(["report", "--year", str(YEAR), "--data", str(broken), "--out", str(out)])
    line = _one_line(capsys.readouterr().err)
    assert status == 2
    assert "innovations.csv" in line and "name" in line, line
    assert _snapshot(out / str(YEAR)) == before
    assert not _leftovers(out)


def test_failed_notebook_that_was_never_written_is_not_claimed(tmp_path):
    from iid_analysis.run.pipeline import _keep_failed

    said = _keep_failed(tmp_path / "nothing.ipynb", tmp_path, YEAR)
    assert "tidak tersimpan" in said and not (tmp_path / "gagal").exists()


# ---------------------------------------------------------------------- folders that cannot be written
@pytest.fixture()
def a_file(tmp_path) -> Path:
    f = tmp_path / "berkas.txt"
    f.write_text("bukan folder")
    return f


@pytest.mark.parametrize("under", [False, True])
def test_report_to_an_unwritable_folder(a_file, capsys, under):
    target = a_file / "laporan" if under else a_file  # tests run as root: a file in the way, not chmod
    status = cli_main(["report", "--year", str(YEAR), "--data", str(DATA), "--out", str(target)])
    line = _one_line(capsys.readouterr().err)
    assert status == 2
    assert "folder keluaran tidak dapat ditulis" in line and str(target) in line, line
    assert a_file.read_text() == "bukan folder"


@pytest.mark.parametrize("command", ["validate", "sample", "template"])
def test_other_commands_to_an_unwritable_folder(a_file, capsys, command):
    target = a_file / "keluaran"
    argv = {
        "validate": ["validate", str(DATA), "--year", str(YEAR), "--out", str(target)],
        "sample": ["sample", "--out", str(target)],
        "template": ["template", "--year", str(YEAR), "--out", str(target / "templat.xlsx")],
    }[command]
    status = cli_main(argv)
    line = _one_line(capsys.readouterr().err)
    assert status == 2, line
    assert "tidak dapat" in line and str(a_file) in line, line


@pytest.mark.notebooks
def test_a_killed_run_leaves_nothing_the_next_run_keeps(tmp_path):
    """SIGKILL (no clean-up possible) leaves a .tmp folder; the next run removes it, and leaves the
    folder of a run that is still going."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from iid_analysis.run.pipeline import remove_stale_work

    out = tmp_path / "reports"
    proc = subprocess.Popen([sys.executable, "-m", "iid_analysis.cli", "report", "--year", str(YEAR),
                             "--data", str(DATA), "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not list(out.glob(".tmp-*")) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its kernel, as an out-of-memory kill would
        proc.wait()
    left = list(out.glob(".tmp-*"))
    assert left and str(proc.pid) in left[0].name
    running = out / f".tmp-{YEAR}-{os.getpid()}-0badc0de"
    running.mkdir()
    assert remove_stale_work(out) == left
    assert not any(p.exists() for p in left) and running.is_dir()
