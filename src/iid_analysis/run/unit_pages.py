"""The unit pages of one edition: ``<year>/opd/<file>.html`` for every active unit, the list
``<year>/opd/index.html``, and, when Chromium is present, a PDF beside each unit page.

The HTML comes from one template (:mod:`iid_analysis.report.unit_page`), rendered in-process: a
fraction of a second for forty units. The PDFs are printed by headless Chromium, two browsers at
once, each printing its share of the pages one after the other over the DevTools pipe
(:class:`PipePrinter`): a browser start costs about as much as printing several pages, so one
process per page (:func:`iid_analysis.run.pdf.print_pdf`, kept as the fallback for a page the pipe
could not print) is several times slower (``bench/bench_unit_pages.py``). A PDF that fails is left
out and said in the outcome; the HTML pages stay. File names are sanitised forms of ``opd_id``
(:func:`iid_analysis.report.unit_page.unit_files`): nothing a unit's code holds can write outside
the ``opd`` folder.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import signal
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from iid_analysis.report.unit_page import INDEX_FILE, UNITS_DIR, render_units, units_index_html
from iid_analysis.run.pdf import find_chromium, print_pdf
from iid_analysis.text.escape import html_text

PDF_WORKERS = 2  # Chromium processes printing at once (the report machine has few cores)
INDEX_LABEL = "Halaman OPD"


@dataclass
class UnitPages:
    """What :func:`write_unit_pages` wrote and how long it took."""

    folder: Path
    pages: list[str] = field(default_factory=list)  # HTML file names inside ``folder``
    pdfs: list[str] = field(default_factory=list)  # PDF file names inside ``folder``
    html_seconds: float = 0.0
    pdf_seconds: float = 0.0
    pdf_problems: list[str] = field(default_factory=list)  # one line per PDF that was not made

    def summary(self) -> str:
        """One Indonesian line for the run's log."""
        line = (f"halaman OPD: {len(self.pages)} HTML ({self.html_seconds:.1f} detik)"
                + (f", {len(self.pdfs)} PDF ({self.pdf_seconds:.1f} detik)" if self.pdfs else ""))
        if self.pdf_problems:
            line += f"; {len(self.pdf_problems)} PDF gagal, mis. {self.pdf_problems[0]}"
        return line


def write_unit_pages(a, edition_dir: Path, *, pdf: bool = True, workers: int = PDF_WORKERS,
                     chromium: str | None = None) -> UnitPages:
    """Write every active unit's page of analysis ``a`` into ``edition_dir/opd`` (and the list of
    pages); with ``pdf`` and a Chromium on PATH, print each page to a PDF beside it."""
    folder = Path(edition_dir) / UNITS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    pages = render_units(a)
    root = folder.resolve()
    for name, html in pages.items():
        target = (folder / name).resolve()
        if target.parent != root:  # unit_files never makes such a name; refuse rather than trust
            raise ValueError(f"nama berkas halaman OPD tidak aman: {name!r}")
        target.write_text(html, encoding="utf-8")
    (folder / INDEX_FILE).write_text(units_index_html(a), encoding="utf-8")
    out = UnitPages(folder, sorted(pages), html_seconds=time.perf_counter() - start)
    browser = (chromium or find_chromium()) if pdf else None
    if browser:
        start = time.perf_counter()
        out.pdfs, out.pdf_problems = print_pdfs(folder, out.pages, browser, workers)
        out.pdf_seconds = time.perf_counter() - start
    return out


def print_pdfs(folder: Path, pages: list[str], chromium: str,
               workers: int = PDF_WORKERS) -> tuple[list[str], list[str]]:
    """Print ``folder/<page>.html`` to ``folder/<page>.pdf``: the pages split over ``workers``
    Chromium processes, each printing its share one after the other (:class:`PipePrinter`; one
    browser start per worker, not per page). A page the pipe could not print is printed alone with
    :func:`~iid_analysis.run.pdf.print_pdf`. Returns (the PDFs made, one line per page that failed)."""
    if not pages:
        return [], []
    workers = max(1, min(int(workers), len(pages)))
    shares = [pages[i::workers] for i in range(workers)]

    def share(names: list[str]) -> list[tuple[str, str]]:
        jobs = [(folder / n, folder / (Path(n).stem + ".pdf")) for n in names]
        left = PipePrinter(chromium).print_all(jobs)
        return [(pdf.name, print_pdf(html, pdf, chromium=chromium) if (html, pdf) in left else "")
                for html, pdf in jobs]

    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = [x for part in pool.map(share, shares) for x in part]
    done.sort()
    return [p for p, why in done if not why], [f"{p}: {why}" for p, why in done if why]


class PipePrinter:
    """One headless Chromium driven over its DevTools pipe (``--remote-debugging-pipe``: commands
    in on file descriptor 3, answers out on 4, JSON ended by a NUL byte): open each page, wait for
    its load event, print it (A4 and margins from the page's own CSS, no date or URL header)."""

    def __init__(self, chromium: str, timeout: float = 60.0):
        self.chromium, self.timeout = chromium, timeout
        self._id, self._buf = 0, b""
        self._pid: int | None = None
        self._cmd_w = self._ans_r = -1

    def print_all(self, jobs: list[tuple[Path, Path]]) -> list[tuple[Path, Path]]:
        """Print every (html, pdf); returns the jobs NOT printed (all of them if the browser fails)."""
        todo, left = list(jobs), []
        with tempfile.TemporaryDirectory(prefix="iid-chromium-") as profile:
            try:
                self._start(profile)
            except OSError:
                return todo
            try:
                target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
                session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
                self._call("Page.enable", session=session)
                while todo:
                    html, pdf = todo[0]
                    pdf.unlink(missing_ok=True)
                    if not html.is_file():  # Chromium would wait for a load event that never comes
                        left.append(todo.pop(0))
                        continue
                    self._call("Page.navigate", {"url": html.resolve().as_uri()}, session=session,
                               event="Page.loadEventFired")
                    data = self._call("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True},
                                      session=session)["data"]
                    pdf.write_bytes(base64.b64decode(data))
                    todo.pop(0)
                self._send("Browser.close")
            except (OSError, EOFError, TimeoutError, RuntimeError, KeyError, ValueError):
                pass
            finally:
                self._stop()
        return left + todo

    def _start(self, profile: str) -> None:
        """Start Chromium with posix_spawn (safe beside other threads, unlike a ``preexec_fn``): its
        fds 3 and 4 are the two pipe ends, everything else this process holds is closed on exec."""
        to_child, self._cmd_w = os.pipe()
        self._ans_r, from_child = os.pipe()
        # out of the way of 3 and 4 first, so that wiring one cannot overwrite the other
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_child, from_child)]
        for fd in (to_child, from_child):
            os.close(fd)
        args = [self.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", f"--user-data-dir={profile}", "--remote-debugging-pipe",
                "about:blank"]
        actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                   (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                   (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
                   (os.POSIX_SPAWN_DUP2, high[0], 3), (os.POSIX_SPAWN_DUP2, high[1], 4)]
        try:
            self._pid = os.posix_spawnp(self.chromium, args, os.environ, file_actions=actions)
        finally:
            for fd in high:
                os.close(fd)

    def _stop(self) -> None:
        for fd in (self._cmd_w, self._ans_r):
            try:
                os.close(fd)
            except OSError:
                pass
        if self._pid is None:
            return
        until = time.monotonic() + 10
        while os.waitpid(self._pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > until:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
                break
            time.sleep(0.05)
        self._pid = None

    def _send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._cmd_w, json.dumps(msg).encode("utf-8") + b"\0")
        return self._id

    def _receive(self, until: float) -> dict:
        while b"\0" not in self._buf:
            wait = until - time.monotonic()
            if wait <= 0 or not select.select([self._ans_r], [], [], wait)[0]:
                raise TimeoutError("Chromium tidak menjawab")
            chunk = os.read(self._ans_r, 1 << 20)
            if not chunk:
                raise EOFError("Chromium berhenti")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def _call(self, method: str, params: dict | None = None, session: str | None = None,
              event: str | None = None) -> dict:
        """Send one command; wait for its answer and, when given, for ``event`` of the session
        arriving after that answer (an earlier one belongs to an earlier page)."""
        ident = self._send(method, params, session)
        until = time.monotonic() + self.timeout
        result, seen = None, event is None
        while result is None or not seen:
            msg = self._receive(until)
            if msg.get("id") == ident:
                if "error" in msg:
                    raise RuntimeError(str(msg["error"]))
                result = msg.get("result", {})
            elif result is not None and msg.get("method") == event and msg.get("sessionId") == session:
                seen = True
        return result


def unit_index_link(edition_dir: Path) -> str:
    """The link "Halaman OPD" to an edition's list of unit pages, for ``reports/index.html``
    (relative to the folder that holds the editions); "" when the edition has none."""
    edition_dir = Path(edition_dir)
    if not (edition_dir / UNITS_DIR / INDEX_FILE).is_file():
        return ""
    return (f'<a href="{html_text(edition_dir.name)}/{UNITS_DIR}/{INDEX_FILE}">'
            f"{html_text(INDEX_LABEL)}</a>")
