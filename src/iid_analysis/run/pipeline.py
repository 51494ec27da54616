"""The yearly run: papermill executes the notebooks per edition, nbconvert renders them without code.

For every edition: notebooks 01 → 03 run in a fresh kernel (``python3``) with one ``parameters``
cell (year, data, output_dir, seed); their figures land in the output folder; the run then writes
``results.json`` and ``review.xlsx`` from the package itself, renders each executed notebook to
HTML with ``--no-input`` semantics, and only when everything succeeded moves the edition's folder
into place (the previous good output stays untouched otherwise). An index page links every edition.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from iid_analysis.analysis import Analysis, build, review_editions, save
from iid_analysis.io.dataset import Dataset, load_dataset
from iid_analysis.io.errors import DataError
from iid_analysis.io.locations import default_data, notebooks_dir
from iid_analysis.methodology.loader import load_methodology
from iid_analysis.methodology.model import MethodologyError
from iid_analysis.report.chrome import BRIEF_PDF, BRIEF_STEM, PAGE_TITLES, chrome_style, nav_html
from iid_analysis.report.sources import is_synthetic, region_name
from iid_analysis.run.artifacts import write_artifacts
from iid_analysis.run.engine import ENGINE
from iid_analysis.run.index_page import write_glossary, write_index
from iid_analysis.run.pdf import HOW_TO_GET_PDF, find_chromium, print_pdf
from iid_analysis.run.render import render_html
from iid_analysis.run.unit_pages import write_unit_pages

NOTEBOOKS: tuple[str, ...] = ("01_participation.ipynb", "02_index.ipynb", "03_iga_report.ipynb")
KERNEL = "python3"
ANALYSIS_FILE = ".analysis.pickle"  # the edition's analysis, read by its notebooks, removed afterwards


class ReportError(Exception):
    """A report could not be produced; the message names the edition, notebook and cell."""


@dataclass
class EditionOutcome:
    year: int
    ok: bool
    seconds: float
    message: str = ""
    failed_notebook: str = ""


def _say(msg: str) -> None:
    print(msg, flush=True)


# ---------------------------------------------------------------------- one edition
def run_edition(data: Path, year: int, out: Path, *, timeout: int = 600, seed: int = 2021,
                notebooks: Path | None = None, editions: Editions | None = None,
                pdf: bool = True) -> EditionOutcome:
    """Compute the edition's analysis once, run the three notebooks on it, write ``results.json``
    and ``review.xlsx`` from it, render the pages; move the finished folder to ``out/<year>``
    atomically. ``editions``: the dataset with every edition already reviewed and scored (the
    report run computes them once for all editions); None computes them here. ``pdf``: print the
    brief to ``03_iga_report.pdf`` when Chromium is installed (a failure to print is said in one
    line and leaves the edition without a PDF, never fails it)."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    data = Path(data)
    start = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    # not mkdtemp: its 0700 mode would stay on the published folder; mkdir follows the umask
    # the process id in the name lets a later run remove it if this process is killed
    work = out / f".tmp-{year}-{os.getpid()}-{secrets.token_hex(4)}"
    work.mkdir()
    nb_dir = notebooks or notebooks_dir()
    try:
        _say(f"  [{year}] menghitung analisis …")
        try:
            analysis = _analysis(data, year, seed, editions)
        except (DataError, MethodologyError):
            raise
        except Exception as exc:  # a bug in the package: the edition fails, the others go on
            msg = f"edisi {year}: analisis gagal dihitung ({type(exc).__name__}: {exc})"
            return EditionOutcome(year, False, time.perf_counter() - start, msg, "")
        save(analysis, work / ANALYSIS_FILE)
        for name in NOTEBOOKS:
            _say(f"  [{year}] menjalankan {name} …")
            target = work / name
            try:
                pm.execute_notebook(
                    str(nb_dir / name), str(target),
                    parameters={"year": year, "data": str(data.resolve()), "output_dir": str(work),
                                "seed": seed, "analysis_file": str(work / ANALYSIS_FILE)},
                    kernel_name=KERNEL, cwd=str(nb_dir), progress_bar=False, log_output=False,
                    # written when execution starts and ends (also on failure), not at every cell
                    engine_name=ENGINE, execution_timeout=timeout,
                )
            except PapermillExecutionError as exc:
                kept = _keep_failed(target, out, year)
                msg = (f"edisi {year}: {name} gagal pada sel {exc.cell_index + 1}{_code(exc.source)} "
                       f"({exc.ename}: {exc.evalue}); {kept}")
                return EditionOutcome(year, False, time.perf_counter() - start, msg, name)
            except Exception as exc:  # kernel died, timeout, …
                where = _failed_cell(target)
                kept = _keep_failed(target, out, year)
                why = _WHY.get(type(exc).__name__, "")
                msg = (f"edisi {year}: {name} gagal{where} ({why}{type(exc).__name__}: {exc}); {kept}")
                return EditionOutcome(year, False, time.perf_counter() - start, msg, name)
        _say(f"  [{year}] menulis results.json, review.xlsx dan HTML …")
        (work / ANALYSIS_FILE).unlink(missing_ok=True)
        write_artifacts(analysis, work)
        _say(f"  [{year}] {write_unit_pages(analysis, work, pdf=pdf).summary()}")
        chromium = find_chromium() if pdf else None
        _render_pages(analysis, work, year, with_pdf=chromium is not None)
        if chromium is not None:
            why = print_pdf(work / f"{BRIEF_STEM}.html", work / BRIEF_PDF, chromium=chromium,
                            timeout=min(timeout, 300))
            if why:
                _say(f"  [{year}] PDF tidak dibuat: {why}")
                _render_pages(analysis, work, year, with_pdf=False)  # no link to a PDF that is not there
        _swap_into_place(work, out / str(year))
        return EditionOutcome(year, True, time.perf_counter() - start)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)


def _render_pages(analysis: Analysis, work: Path, year: int, *, with_pdf: bool) -> None:
    """The three executed notebooks → HTML, each with the header (region, edition, links) and the
    synthetic-data banner when the data say so."""
    region, synthetic = region_name(analysis), is_synthetic(analysis)
    extra = [(href, label) for href, label in (("opd/index.html", "Halaman OPD"),
                                               ("telaah.csv", "Daftar telaah (telaah.csv)"))
             if (work / href).is_file()]
    for name in NOTEBOOKS:
        stem = Path(name).stem
        header = nav_html(year, region, synthetic, stem, pdf=with_pdf, extra=extra)
        render_html(work / name, work / f"{stem}.html", f"{PAGE_TITLES[stem]} {year}",
                    header=header, head=chrome_style(region, synthetic))


class Editions:
    """The dataset with its editions reviewed and scored once, shared by every edition's run."""

    def __init__(self, ds: Dataset, upto: int):
        self.dataset = ds
        self.log: list[dict] = []
        self.reviews, self.results = review_editions(ds, upto=upto, log=self.log)


def _analysis(data: Path, year: int, seed: int, editions: Editions | None) -> Analysis:
    if editions is None:
        editions = Editions(load_dataset(data), year)
    return build(editions.dataset, year, editions.reviews, editions.results, seed=seed,
                 log=list(editions.log))


_WHY = {"DeadKernelError": "kernel Python berhenti mendadak; ",
        "CellTimeoutError": "sel melewati batas waktu; "}


def _code(source: str) -> str:
    """`` `first line` `` of a cell's code, for naming the cell in a message."""
    line = next((x.strip() for x in str(source or "").splitlines() if x.strip()), "")
    return f" `{line[:70]}`" if line else ""


def _failed_cell(executed: Path) -> str:
    """" pada sel N `code`" for the last cell that started, from the notebook the engine saved on failure."""
    import nbformat

    try:
        nb = nbformat.read(str(executed), as_version=4)
    except Exception:  # nothing saved yet (the kernel did not start) or unreadable
        return ""
    started = [i for i, c in enumerate(nb.cells)
               if c.get("metadata", {}).get("papermill", {}).get("start_time")]
    if not started:
        return ""
    return f" pada sel {started[-1] + 1}{_code(nb.cells[started[-1]].get('source', ''))}"


def _keep_failed(executed: Path, out: Path, year: int) -> str:
    """Keep the executed notebook that failed beside the previous good output; say where."""
    if not executed.exists():
        return "notebook yang gagal tidak tersimpan"
    dest_dir = out / "gagal"
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / f"{year}_{executed.name}"
    shutil.copyfile(executed, dest)
    return f"notebook yang gagal disimpan di {dest}"


def _swap_into_place(work: Path, final: Path) -> None:
    """Replace ``final`` with ``work``: the old folder is removed only after the new one is in place."""
    old = final.with_name(f".old-{final.name}")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    work.rename(final)
    if old.exists():
        shutil.rmtree(old)
    failed = final.parent / "gagal"
    for stale in failed.glob(f"{final.name}_*.ipynb") if failed.is_dir() else ():
        stale.unlink()
    if failed.is_dir() and not any(failed.iterdir()):
        failed.rmdir()


# ---------------------------------------------------------------------- many editions
def run_reports(data: Path | None, years: list[int] | None, out: Path, jobs: int = 1,
                timeout: int = 600, seed: int = 2021, notebooks: Path | None = None) -> int:
    """The ``iid-analysis report`` command. Returns the exit status (0 ok, 1 a notebook failed).

    Checks the data and every edition's methodology before any kernel starts.
    """
    # Absolute paths: papermill changes the process's working folder while a kernel starts, and
    # editions run in parallel threads, so a relative path could resolve against the wrong folder.
    data = Path(data).resolve() if data else default_data()
    out = Path(out).resolve()
    ds = load_dataset(data)  # DataError → exit 2 in the CLI
    have = ds.years()
    wanted = sorted(set(years)) if years else have
    missing = [y for y in wanted if y not in have]
    if missing:
        raise DataError(
            f"tidak ada data untuk edisi {', '.join(map(str, missing))} (ada: {', '.join(map(str, have)) or '-'})",
            f"no data for edition(s) {missing}", file=str(data),
        )
    for y in wanted:
        load_methodology(y)  # MethodologyError → exit 2
    _check_writable(out)
    for stale in remove_stale_work(out):
        _say(f"  sisa proses yang terhenti dihapus: {stale.name}")
    _say(f"Laporan IID untuk edisi {', '.join(map(str, wanted))} dari {data}")
    if find_chromium() is None:
        _say(HOW_TO_GET_PDF)
    _say("  menelaah dan menilai setiap edisi sekali …")
    editions = Editions(ds, max(wanted))
    outcomes: list[EditionOutcome]
    if jobs > 1 and len(wanted) > 1:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            outcomes = list(pool.map(
                lambda y: run_edition(data, y, out, timeout=timeout, seed=seed, notebooks=notebooks,
                                    editions=editions), wanted))
    else:
        outcomes = [run_edition(data, y, out, timeout=timeout, seed=seed, notebooks=notebooks,
                                    editions=editions) for y in wanted]
    for o in outcomes:
        _say(f"  [{o.year}] {'selesai' if o.ok else 'GAGAL'} ({o.seconds:.1f} detik)")
    index = write_index(out, ds.region)
    write_glossary(out, ds.region)
    failed = [o for o in outcomes if not o.ok]
    for o in failed:
        print(f"galat: {o.message}", file=sys.stderr)
    _say(f"Halaman indeks: {index}")
    return 1 if failed else 0


def remove_stale_work(out: Path) -> list[Path]:
    """Remove the ``.tmp-<year>-<pid>-*`` folders of runs whose process no longer exists (killed
    before it could clean up); a running process's folder is left alone. Returns what was removed."""
    removed = []
    for folder in sorted(out.glob(".tmp-*-*-*")):
        m = re.fullmatch(r"\.tmp-\d+-(\d+)-[0-9a-f]+", folder.name)
        if m is None or not folder.is_dir() or _alive(int(m.group(1))):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or not a pid we can ask about: keep the folder
    return True


def _check_writable(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        raise DataError(f"folder keluaran tidak dapat ditulis: {exc.strerror or exc}",
                        "output folder cannot be written", file=str(out)) from None
