"""The IGA stages after the input period, read from ``[stages]`` (``base.toml``, an edition may
override a stage).

Each stage is a table::

    [stages.presentasi]
    order = 2
    label = "Presentasi kepala daerah …"
    months = { value = [11, 11], status = "assumed", source = "stages" }       # months of the edition
    dates = { value = [2021-11-23, 2021-11-25], status = "reported", source = "iga2021" }  # optional

``dates`` (reported days) wins over ``months`` (first and last month of the edition year; a month
below the previous stage's is in the next year). Stages are returned in ``order``.
"""

from __future__ import annotations

import calendar
import datetime as dt

from iid_analysis.methodology.model import STATUSES, MethodologyError, Stage

__all__ = ["read_stages"]


def _period(item: dict, year: int, key: str, where: str) -> tuple[dt.date, dt.date, str, dict]:
    if "dates" in item:
        spec = item["dates"]
        value = spec.get("value") if isinstance(spec, dict) else None
        lo, hi = (list(value) + [None, None])[:2] if isinstance(value, list) else (None, None)
        if not (isinstance(lo, dt.date) and isinstance(hi, dt.date)) or lo > hi:
            raise MethodologyError(f"{where}: 'stages.{key}.dates' harus [awal, akhir] / must be two dates")
        return lo, hi, "day", spec
    spec = item.get("months")
    if not isinstance(spec, dict):
        raise MethodologyError(f"{where}: 'stages.{key}' tanpa months atau dates / has no months or dates")
    months = spec.get("value") or []
    if len(months) != 2 or not all(isinstance(m, int) and 1 <= m <= 12 for m in months):
        raise MethodologyError(f"{where}: 'stages.{key}.months' harus [bulan, bulan] / must be two months")
    m0, m1 = months
    y1 = year if m1 >= m0 else year + 1
    return (dt.date(year, m0, 1), dt.date(y1, m1, calendar.monthrange(y1, m1)[1]), "month", spec)


def read_stages(raw: dict | None, year: int, sources: dict[str, str], where: str) -> tuple[Stage, ...]:
    """The stages of ``year`` in order; every period carries a status and a source."""
    out: list[tuple[int, Stage]] = []
    for key, item in (raw or {}).items():
        if not isinstance(item, dict) or "label" not in item:
            raise MethodologyError(f"{where}: 'stages.{key}' harus tabel dengan label / must be a table with a label")
        start, end, precision, spec = _period(item, year, key, where)
        status, src = spec.get("status"), spec.get("source", "")
        if status not in STATUSES or not src:
            raise MethodologyError(f"{where}: 'stages.{key}' tanpa status atau sumber / has no status or source")
        out.append((int(item.get("order", 99)), Stage(
            key=str(key), label=str(item["label"]), start=start, end=end, precision=precision,
            status=str(status), source=sources.get(src, src), note=str(spec.get("note", "")))))
    return tuple(s for _, s in sorted(out, key=lambda t: (t[0], t[1].start, t[1].key)))
