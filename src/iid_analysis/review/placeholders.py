"""Placeholder texts: what stands for "nothing here" in a profile field or an evidence cell.

One list for the whole desk review (a project rule, not an edition's): a profile narrative, an
asked profile field or an evidence cell that holds only one of :data:`PLACEHOLDERS` ("Belum
diisi", "-", "–", "tidak ada", "N/A", "kosong", "belum ada", "…" …) counts as EMPTY, so the
finding says "masih kosong" and never "terlalu singkat (2 kata)". Texts are compared
lower-cased, without surrounding spaces and without final punctuation.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["PLACEHOLDERS", "is_placeholder", "placeholders"]

#: Texts that stand for "nothing here" (lower-case, without final punctuation).
PLACEHOLDERS: frozenset[str] = frozenset({
    "-", "--", "---", "–", "—", ".", "..", "...", "…", "n/a", "na", "n.a", "nil", "nihil", "none",
    "null", "tidak ada", "tidak ada data", "belum ada", "belum diisi", "belum tersedia", "menyusul",
    "kosong", "terlampir", "lihat dokumen", "lihat lampiran", "ada", "tbd", "todo", "xxx", "x", "0",
})


def placeholders(texts: np.ndarray) -> np.ndarray:
    """Per text of an object array: empty or only a placeholder (vectorised; missing → True)."""
    if not len(texts):
        return np.zeros(0, dtype=bool)
    t = pd.Series(texts, dtype="string").str.strip().str.lower()
    bare = t.str.rstrip(".!:;, …").str.strip()
    known = list(PLACEHOLDERS)
    out = (bare == "") | bare.isin(known) | t.isin(known)
    return out.fillna(True).to_numpy(dtype=bool)


def is_placeholder(text: str) -> bool:
    """True when ``text`` is empty or only a placeholder (see :data:`PLACEHOLDERS`)."""
    return bool(placeholders(np.array([text], dtype=object))[0])
