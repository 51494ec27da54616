"""Reading a folder of CSV files into raw tables: file names, encoding, separator, parsing.

One file per table (canonical or Indonesian name); UTF-8 (with or without BOM), else cp1252
with an ``encoding`` note; comma, semicolon or tab, sniffed from the header line or named by an
Excel ``sep=`` line; records longer than the header are kept, nothing is dropped.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from iid_analysis.io import schema
from iid_analysis.io.errors import DataError
from iid_analysis.io.limits import check_size, limit_fields
from iid_analysis.io.raw import RawTable, grid_to_raw, padded_frame
from iid_analysis.io.schema import OPTIONAL_TABLES, TABLE_LABELS, TABLES


def read_csv_folder(folder: Path, max_bytes: int,
                    max_rows: int) -> tuple[list[RawTable], dict[str, str], list[dict]]:
    """One raw table per table (in ``schema.TABLES`` order, then the optional tables found), the
    encoding used per table, and an ``encoding`` note (as a findings record) for each file read
    as cp1252."""
    found: dict[str, Path] = {}
    csv_names = []
    for f in sorted(folder.iterdir()):
        if not f.is_file() or f.suffix.lower() != ".csv":
            continue
        csv_names.append(f.name)
        t = schema.table_for_sheet(f.stem)
        if t is None:
            continue
        if t in found:
            raise DataError(
                f"dua berkas untuk tabel {t}: '{found[t].name}' dan '{f.name}'; sisakan satu",
                f"two files for table {t}; keep one", file=str(folder),
            )
        found[t] = f
    missing = [t for t in TABLES if t not in found]
    if missing:
        expected = "; ".join(f"'{t}.csv' atau '{TABLE_LABELS[t]}.csv'" for t in missing)
        have = ", ".join(csv_names) if csv_names else "tidak ada berkas CSV"
        raise DataError(
            f"berkas tidak ditemukan: {expected} (berkas CSV yang ada: {have})",
            f"missing file(s): {', '.join(t + '.csv' for t in missing)}", file=str(folder),
        )
    raws, encodings, notes = [], {}, []
    for t in (*TABLES, *(t for t in OPTIONAL_TABLES if t in found)):
        f = found[t]
        text, enc = _read_text(f, max_bytes)
        encodings[t] = enc
        if enc == "cp1252":
            notes.append({
                "table": t, "file": f.name, "row": None, "column": "", "rule": "encoding",
                "severity": "info", "value": "cp1252", "expected": "UTF-8",
                "message": "berkas bukan UTF-8; dibaca sebagai cp1252 (Windows-1252)",
                "message_en": "file is not UTF-8; read as cp1252 (Windows-1252)",
            })
        grid = _parse_csv(text, f.name)
        raws.append(grid_to_raw(t, f.name, grid, np.arange(len(grid), dtype="int64") + 1, max_rows))
    return raws, encodings, notes


_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))


def _read_text(path: Path, max_bytes: int) -> tuple[str, str]:
    """The file's text and the encoding used; DataError when it is not readable text."""
    name = path.name
    check_size(path, max_bytes)
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError("berkas UTF-16 tidak didukung; simpan sebagai CSV UTF-8",
                        "UTF-16 files are not supported; save as CSV UTF-8", file=name)
    head = data[:8192]
    controls = sum(head.count(bytes([b])) for b in _CONTROL)
    if b"\x00" in head or controls > max(2, len(head) // 100):
        raise DataError("bukan berkas teks (berkas biner?); simpan sebagai CSV",
                        "not a text file (binary?); save as CSV", file=name)
    try:
        text = data.decode("utf-8-sig")
        enc = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
            enc = "cp1252"
        except UnicodeDecodeError:
            raise DataError("teks bukan UTF-8 maupun cp1252; simpan sebagai CSV UTF-8",
                            "text is neither UTF-8 nor cp1252; save as CSV UTF-8", file=name) from None
    if "\x00" in text:
        raise DataError("bukan berkas teks (berkas biner?)", "not a text file (binary?)", file=name)
    if not text.strip():
        raise DataError("berkas kosong", "file is empty", file=name)
    return text, enc


def _lines(text: str):
    """The lines of ``text`` one by one (as ``str.splitlines`` cuts them), without splitting the
    whole text at once: the header is near the top of a file of many megabytes."""
    start, size = 0, 4096
    while start < len(text):
        chunk = text[start : start + size]
        lines = chunk.splitlines(keepends=True)
        if start + size < len(text) and len(lines) <= 1:
            size *= 4  # a very long line: read a bigger piece
            continue
        if start + size < len(text):
            lines = lines[:-1]  # the last piece may be cut in the middle of a line
        for line in lines:
            yield line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
            start += len(line)


def _sniff_sep(text: str) -> str:
    """Comma, semicolon or tab: the most frequent one on the header line (quotes ignored)."""
    for line in _lines(text):
        if line.strip():
            bare = re.sub(r'"[^"]*"', "", line)
            counts = {sep: bare.count(sep) for sep in (",", ";", "\t")}
            best = max(counts, key=lambda s: counts[s])
            return best if counts[best] else ","
    return ","


def _parse_csv(text: str, name: str) -> pd.DataFrame:
    """Every record as a row of text cells (header included), blank lines kept.

    An Excel ``sep=;`` first line names the separator and is not a row (Excel hides it too).
    """
    nl = text.find("\n")
    first = text if nl < 0 else text[:nl]
    hint = re.fullmatch(r"\s*sep=(.)\s*", first)
    if hint:
        sep, text = hint.group(1), ("" if nl < 0 else text[nl + 1 :])
    else:
        sep = _sniff_sep(text)
    limit_fields(text, sep, name)
    try:
        # the C parser reads UTF-8 bytes directly (a text buffer would be encoded again chunk
        # by chunk); the cells are the same Python strings as with dtype=str, without the
        # string-array wrapping that grid_to_raw would undo
        return pd.read_csv(
            io.BytesIO(text.encode("utf-8")), encoding="utf-8", sep=sep, header=None, dtype=object,
            keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c",
            quotechar='"',
        )
    except pd.errors.EmptyDataError:
        raise DataError("berkas kosong", "file is empty", file=name) from None
    except pd.errors.ParserError:
        pass  # rows longer than the header: read them with the csv module, nothing dropped
    try:
        records = list(csv.reader(io.StringIO(text), delimiter=sep, quotechar='"'))
    except csv.Error as exc:
        raise DataError(f"CSV tidak dapat dibaca: {exc}", f"CSV cannot be parsed: {exc}", file=name) from None
    return padded_frame(records)
