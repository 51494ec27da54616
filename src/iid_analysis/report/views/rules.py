"""Views of page 02 (the edition's rules): the rule pack the edition is scored with — every number of
its methodology with its status and source — and, where the edition gates the count score on the
basic-service affairs, which of them the scored innovations cover."""

from __future__ import annotations

import pandas as pd

from iid_analysis.report import present
from iid_analysis.report.assumptions import number_label, value_text
from iid_analysis.report.prose import count_of, listing
from iid_analysis.report.sources import frame_year, source_line
from iid_analysis.text import fmt
from iid_analysis.text.escape import html_text, md_text

#: Status words as a reader sees them.
STATUS_LABELS: dict[str, str] = {
    "official": "resmi",
    "reported": "dilaporkan",
    "assumed": "diasumsikan",
}


def rules_frame(a) -> pd.DataFrame:
    """The edition's rule pack: one row per number of the methodology other than indicator weights
    (those are in the points tables), a predikat band as one row, in the order of the edition file;
    ``source`` is the number of the source in :func:`rules_sources`."""
    m = a.methodology
    sources: list[str] = []
    rows: list[dict] = []
    bands: dict[tuple[str, str], dict] = {}
    for n in m.numbers:
        if n.key.startswith("indicators."):
            continue
        if n.source not in sources:
            sources.append(n.source)
        ref = sources.index(n.source) + 1
        parts = n.key.split(".")
        if parts[0] in ("bands", "edition_bands") and len(parts) == 3:
            row = bands.get((parts[0], parts[1]))
            if row is None:
                what = "IID" if parts[0] == "bands" else f"skor skala edisi {m.year}"
                row = {"key": f"{parts[0]}.{parts[1]}", "label": f"Rentang {what} predikat {parts[1]}",
                       "low": None, "high": None, "statuses": [], "refs": []}
                bands[(parts[0], parts[1])] = row
                rows.append(row)
            row[parts[2]] = n.value
            row["statuses"].append(n.status)
            row["refs"].append(ref)
            continue
        rows.append({"key": n.key, "label": number_label(n.key, n.note), "value": value_text(n.key, n.value),
                     "statuses": [n.status], "refs": [ref]})
    out = []
    for r in rows:
        if "value" not in r:
            lo, hi = r["low"], r["high"]
            r["value"] = (fmt.num(lo) if lo == hi else
                          f"di atas {fmt.num(lo - 0.01)}" if hi == float("inf") else f"{fmt.num(lo)}–{fmt.num(hi)}")
        status = "; ".join(dict.fromkeys(STATUS_LABELS.get(s, s) for s in r["statuses"]))
        refs = ", ".join(f"[{i}]" for i in dict.fromkeys(r["refs"]))
        out.append({"key": r["key"], "label": r["label"], "value": r["value"], "status": status, "source": refs})
    frame = pd.DataFrame(out, columns=["key", "label", "value", "status", "source"])
    frame.attrs["sources"] = sources
    return frame


def rules_table(a):
    """The rule pack as a table: what, value, status (resmi / dilaporkan / diasumsikan), source number;
    the numbered sources under it."""
    m = a.methodology
    frame = rules_frame(a)
    status = STATUS_LABELS.get(m.formula_status, m.formula_status)
    if m.frame_edition != m.year:
        lead = (f"Edisi {a.year} tidak memublikasikan formulanya: IID yang ditampilkan dihitung dengan "
                f"formula dan bobot edisi {m.frame_edition} (status: {status}).")
    elif frame_year(m) is not None:  # e.g. 2021: the 2023 formula and weights, assumed
        lead = (f"IID edisi {a.year} dihitung dengan formula dan bobot kerangka {frame_year(m)} "
                f"(status formula: {status}).")
    else:
        lead = f"IID edisi {a.year} dihitung dengan formula dan bobot edisi ini (status formula: {status})."
    table = present.table_html(
        frame, {"label": ("Aturan", "text"), "value": ("Nilai", "text"), "status": ("Status", "text"),
                "source": ("Sumber", "text")},
        caption=f"Aturan edisi {a.year}. {lead}", source=source_line(a))
    notes = "".join(f"<li>{html_text(s)}</li>" for s in frame.attrs["sources"])
    return present.HTML(f'{table}<ol class="{present.IGNORE}">{notes}</ol>')


def basic_affairs_text(a):
    """The affair-coverage gate of the count score in words (or that the edition has none)."""
    m, r = a.methodology, a.result
    if m.basic_affairs_required <= 0:
        return present.markdown(
            f"Edisi {a.year} tidak mensyaratkan cakupan urusan pelayanan dasar: skor jumlah inovasi "
            f"diberikan untuk setiap inovasi yang dinilai.")
    need, have, total = m.basic_affairs_required, int(r.n_basic_covered), len(m.basic_affairs)
    lead = (f"Mulai edisi ini skor jumlah inovasi hanya diberikan bila inovasi yang dinilai mencakup "
            f"sekurang-kurangnya {fmt.integer(need)} dari {fmt.integer(total)} urusan pelayanan dasar. "
            f"Kini tercakup {fmt.integer(have)} urusan")
    if r.count_score_gated:
        short = need - have
        tail = ", sehingga skor jumlah inovasi bernilai 0."
        if short == 1:
            gain = float(r.count_score_if_one_more)
            worth = gain / float(r.max_total) * 100.0 if r.max_total else 0.0
            tail += (f" Bila satu urusan lagi tercakup, skor jumlah inovasi menjadi {fmt.num(gain)} poin, "
                     f"setara {fmt.num(worth)} poin IID.")
        else:
            tail += f" Masih kurang {count_of(short, 'urusan')}."
    else:
        tail = f", sehingga skor jumlah inovasi {fmt.num(r.count_score)} poin diberikan."
        if have == need and r.max_total:
            worth = float(r.count_score) / float(r.max_total) * 100.0
            tail += (f" Cakupan ini tepat di batas: bila satu urusan tidak lagi tercakup, skor jumlah "
                     f"inovasi hilang seluruhnya, setara {fmt.num(worth)} poin IID. Pastikan lebih dari satu "
                     f"inovasi yang dinilai mencakup setiap urusan, dan periksa urusan utama inovasi "
                     f"pada urusan yang belum tercakup.")
    missing = [md_text(x) for x in r.affair_coverage.loc[~r.affair_coverage["covered"], "affair"]]
    gap = f" Urusan yang belum tercakup: {listing(missing)}." if missing else ""
    return present.markdown(lead + tail + gap)


def basic_affairs_table(a):
    """The basic-service affairs: covered or not, and by which scored innovations."""
    m, r = a.methodology, a.result
    if m.basic_affairs_required <= 0:
        return present.markdown("")
    cov = r.affair_coverage
    t = cov.assign(covered_label=cov["covered"].map({True: "ya", False: "belum"}),
                   overlap_label=cov["by_overlapping"].map({True: "ya", False: "tidak"}))
    return present.table(t, {"affair": ("Urusan pelayanan dasar", "text"), "covered_label": ("Tercakup", "text"),
                             "innovations": ("Inovasi yang mencakupnya", "text"),
                             "overlap_label": ("Muncul sebagai urusan beririsan", "text")},
                         caption="Cakupan urusan pelayanan dasar oleh inovasi yang dinilai", source=source_line(a))
