"""Small Indonesian prose helpers shared by every text the report writes.

Counts that read naturally ("satu inovasi", "tidak ada inovasi"), lists joined with "dan",
shares as percentages, numbers trimmed of trailing zeros, indicator titles with their names, and
paragraph/bullet joining. A helper given a missing value returns "" so no "nan" reaches a page.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from iid_analysis.io.schema import ENUMS
from iid_analysis.methodology.model import PREDICATES, Methodology
from iid_analysis.text import fmt
from iid_analysis.text.escape import md_text

TDD = "Tidak Dapat Dinilai"

TOP = PREDICATES[0]


def missing(*values: object) -> bool:
    return any(fmt.is_missing(v) for v in values)


def trim(value: object) -> str:
    """A number with at most two decimals and no trailing zeros: ``10``, ``0,38``, ``1,5``."""
    if missing(value):
        return ""
    x = float(value)
    if not math.isfinite(x):
        return ""
    if abs(x - round(x)) < 1e-9:
        return fmt.integer(x)
    s = fmt.num(x, 2)
    return s.rstrip("0").rstrip(",") if "," in s else s


def count_of(n: int, noun: str) -> str:
    """``satu inovasi`` / ``2 inovasi`` / ``tidak ada inovasi``."""
    n = int(n)
    if n == 0:
        return f"tidak ada {noun}"
    if n == 1:
        return f"satu {noun}"
    return f"{fmt.integer(n)} {noun}"


def bare_count(n: int) -> str:
    """A bare count inside a sentence: ``satu`` / ``2`` / ``tidak satu pun``."""
    n = int(n)
    return "tidak satu pun" if n == 0 else ("satu" if n == 1 else fmt.integer(n))


def listing(items: Sequence[str], sep: str = ",") -> str:
    """``A``; ``A dan B``; ``A, B, dan C`` (``sep=";"`` for items that hold commas themselves,
    such as OPD names: ``A; B; dan C``)."""
    items = [s for s in items if s]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} dan {items[1]}"
    return f"{sep} ".join(items[:-1]) + f"{sep} dan {items[-1]}"


def cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def opening(s: str) -> str:
    """``s`` at the start of a sentence: capitalised, and a leading numeral turned into
    "Sebanyak 10 …" (no sentence opens with a digit)."""
    return f"Sebanyak {s}" if s[:1].isdigit() else cap(s)


def join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def pct(x: object) -> str:
    """A share as a percentage; a tiny non-zero share reads ``<0,1%`` rather than ``0,0%``."""
    if missing(x):
        return ""
    v = float(x)
    if 0 < v < 0.0005:
        return "<0,1%"
    if 0.9995 < v < 1:
        return ">99,9%"
    return fmt.pct(v)


def rank(predicate: str) -> int:
    """Higher is better: Sangat Inovatif 3 … Tidak Dapat Dinilai 0."""
    return len(PREDICATES) - 1 - PREDICATES.index(predicate) if predicate in PREDICATES else -1


def text(value: object) -> str:
    return "" if missing(value) else str(value).strip()


def indicator_title(methodology: Methodology, indicator_id: str) -> str:
    """``SID18 Kemanfaatan inovasi`` (the name escaped)."""
    try:
        name = methodology.indicator(indicator_id).name
    except KeyError:
        return md_text(indicator_id)
    return f"{md_text(indicator_id)} {md_text(name)}"


def enum_label(enum: str, code: object) -> str:
    code = text(code)
    return ENUMS[enum].get(code, "") if code else ""


def bullets(lines: Iterable[str], indent: str = "") -> str:
    return "\n".join(f"{indent}- {s}" for s in lines if s)


def paragraphs(*blocks: str) -> str:
    return "\n\n".join(b for b in blocks if b)
