"""The one error the loader raises: the data cannot be read at all (:class:`DataError`).

Its message is one line, Indonesian then English, with the file, row and column it is about;
:func:`shown` puts a value from the file into such a message.
"""

from __future__ import annotations

import re


class DataError(Exception):
    """The data cannot be read at all. ``str(err)`` is one line, Indonesian then English."""

    def __init__(self, message: str, message_en: str = "", *, file: str = "", row: int | None = None,
                 column: str = ""):
        self.message = message
        self.message_en = message_en
        self.file = file
        self.row = row
        self.column = column
        super().__init__(self.line())

    def line(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", baris {self.row}"
        if self.column:
            where += f", kolom '{self.column}'"
        head = f"{where}: " if where else ""
        tail = f" / {self.message_en}" if self.message_en else ""
        # one line whatever the file held (a header cell may carry line breaks)
        return _CONTROLS.sub(" ", f"{head}{self.message}{tail}")


_CONTROLS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def shown(value: object, limit: int = 40) -> str:
    """A value from the file as a message shows it: on one line, at most ``limit`` characters."""
    s = _CONTROLS.sub(" ", str(value)).strip()
    return s if len(s) <= limit else s[: limit - 1] + "…"
