"""A papermill engine that writes the executed notebook when it starts and when it ends.

Stock papermill writes the whole notebook (figures included) as every cell starts and as it ends:
about 200 writes for one edition's three notebooks, three quarters of a second of pure
serialisation. This engine is papermill's own ``nbclient`` engine with a quieter execution
manager: cell metadata (start, end, duration, status) is kept exactly as papermill records it, the
time-based autosave during a long cell stays, and the notebook is written when execution starts
and, in papermill's ``finally``, when it ends — also when a cell fails, times out or the kernel
dies, so the cell that was running is still named by the saved notebook.

The kernel's own standard error goes nowhere: its log lines ("KeyboardInterrupt caught in
kernel" at shutdown, heartbeat port notices) would otherwise fill the terminal of ``make report``.
A cell's errors are unaffected: they reach the notebook and the run's message as before.

Registered with papermill under :data:`ENGINE` when this module is imported.
"""

from __future__ import annotations

import subprocess
from contextlib import contextmanager

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines
from papermill.log import logger
from papermill.utils import merge_kwargs, remove_args

ENGINE = "iid-analysis"


class QuietExecutionManager(NotebookExecutionManager):
    """papermill's manager without the write at every cell start and completion."""

    _holding = False

    def save(self, **kwargs):
        if not self._holding:
            super().save(**kwargs)

    @contextmanager
    def _held(self):
        """papermill's bookkeeping runs as usual; only its write is skipped."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False

    def cell_start(self, cell, cell_index=None, **kwargs):
        with self._held():
            super().cell_start(cell, cell_index, **kwargs)

    def cell_complete(self, cell, cell_index=None, **kwargs):
        with self._held():
            super().cell_complete(cell, cell_index, **kwargs)


class QuietEngine(NBClientEngine):
    """papermill's ``nbclient`` engine driven by :class:`QuietExecutionManager`."""

    @classmethod
    def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True, log_output=False,
                         autosave_cell_every=30, **kwargs):
        # papermill's Engine.execute_notebook with the manager class swapped
        nb_man = QuietExecutionManager(nb, output_path=output_path, progress_bar=progress_bar,
                                       log_output=log_output, autosave_cell_every=autosave_cell_every)
        nb_man.notebook_start()
        try:
            cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
        finally:
            nb_man.cleanup_pbar()
            nb_man.notebook_complete()
        return nb_man.nb

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                 stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):
        # papermill's NBClientEngine.execute_managed_notebook; the kernel starts with stderr closed
        kwargs = remove_args(["input_path"], **kwargs)
        safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(
            safe_kwargs,
            timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log=logger,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        return PapermillNotebookClient(nb_man, **final_kwargs).execute(stderr=subprocess.DEVNULL)


papermill_engines.register(ENGINE, QuietEngine)
