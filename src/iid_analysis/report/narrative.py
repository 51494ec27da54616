"""The IGA nomination report in Indonesian prose, every sentence generated from the results.

``report_sections(analysis)`` returns the report as :class:`Section` objects (key, Indonesian
title, Markdown body) in a fixed order; notebook 03 shows each with ``IPython.display.Markdown``.
``report_markdown(analysis)`` joins them into one Markdown document with ``## title`` headings.

Each sentence comes from a small function that takes plain results and returns a string (or a list
of strings). House rules every function keeps:

* numbers and dates are formatted with :mod:`iid_analysis.text.fmt` (``50,42``, ``13 Agustus 2021``);
* a sentence whose numbers are missing is left out (the function returns ``""``) — never a blank,
  ``nan``, ``None`` or ``<NA>``;
* one vs many reads naturally ("satu inovasi", "2 inovasi", "tidak ada inovasi"); changes read
  "naik", "turun" or "tetap";
* every piece of user text (innovation and OPD names, profile narratives, to-do texts, file names)
  goes through :func:`iid_analysis.text.escape.md_text`; enumerations use the Indonesian labels of
  :data:`iid_analysis.io.schema.ENUMS`; no code identifiers or column names reach the text;
* deterministic: stable orderings (ties broken by codes), no clock.

The functions are plain Python (no template engine): each is short enough to read as a template and
is tested on its own.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from iid_analysis.io.schema import ENUMS, TABLE_LABELS, TABLES
from iid_analysis.methodology import PREDICATES, Methodology
from iid_analysis.text import fmt
from iid_analysis.text.escape import md_text

__all__ = [
    "FLAGSHIP_KINDS",
    "FLAGSHIP_TIEBREAK",
    "SECTION_TITLES",
    "Section",
    "action_plan_markdown",
    "assumption_items",
    "assumptions_markdown",
    "coaching_markdown",
    "data_source_items",
    "flagship_candidates",
    "flagship_choice",
    "flagship_rule",
    "indicator_shares",
    "path_markdown",
    "profile_markdown",
    "report_markdown",
    "report_sections",
    "sentence_change",
    "sentence_components",
    "sentence_deadline",
    "sentence_decisions",
    "sentence_distance",
    "sentence_evidence_loss",
    "sentence_flagship",
    "sentence_iid",
    "sentence_no_innovations",
    "sentence_not_continued",
    "sentence_participation",
    "sentence_participation_change",
    "sentence_robustness",
    "sentence_sid_indicators",
    "sentence_spd_gaps",
    "sentence_tdd",
    "sentence_variables",
    "todo_by_opd",
    "variable_shares",
]

TDD = "Tidak Dapat Dinilai"
TOP = PREDICATES[0]

#: Section keys → Indonesian titles, in report order.
SECTION_TITLES: dict[str, str] = {
    "ringkasan": "Ringkasan",
    "kekuatan_kelemahan": "Kekuatan dan kelemahan",
    "unggulan": "Inovasi unggulan untuk presentasi",
    "profil": "Profil inovasi unggulan",
    "peta_pembinaan": "Peta pembinaan OPD",
    "rencana_aksi": "Rencana aksi",
    "kepastian": "Seberapa pasti predikat ini",
    "asumsi": "Asumsi dan sumber data",
}

#: The two flagship slots of the presentation: innovation kind code → words used in the text.
FLAGSHIP_KINDS: dict[str, str] = {"digital": "digital", "non_digital": "non digital"}

#: Tie-breakers after maturity, in order: the level proven with valid evidence on these indicators
#: (replication, then benefit). Indicators the edition's methodology lacks are skipped.
FLAGSHIP_TIEBREAK: tuple[str, ...] = ("SID16", "SID18")

#: OPD names are listed in full for coaching groups up to this size.
MAX_NAMES = 10

#: Steps of the path to the next predicate shown one by one.
MAX_STEPS = 20

_EVIDENCE_RULE_TEXT = {
    "valid_only": "tingkat yang diklaim hanya dihitung bila bukti dukungnya valid; bukti tidak ada "
                  "atau tidak valid bernilai 0",
    "valid_or_pending": "tingkat yang diklaim dihitung bila bukti dukungnya valid atau masih "
                        "menunggu verifikasi",
    "claimed": "setiap tingkat yang diklaim dihitung tanpa memeriksa bukti",
}

#: Labels of the methodology's numbers (dotted keys of the year files), for the assumptions box.
NUMBER_LABELS: dict[str, str] = {
    "aggregation.divisor_min": "Pembagi minimum jumlah skor SID (inovasi yang lebih sedikit tetap "
                               "dibagi angka ini)",
    "aggregation.count_score_per_innovation": "Skor jumlah inovasi per inovasi yang dinilai",
    "aggregation.count_score_cap": "Batas jumlah inovasi yang diberi skor jumlah",
    "aggregation.max_spd": "Poin maksimum SPD",
    "aggregation.max_sid_per_innovation": "Poin maksimum SID per inovasi (skor kematangan maksimum)",
    "aggregation.max_count_score": "Skor jumlah inovasi maksimum",
    "aggregation.max_total": "Total poin maksimum",
    "aggregation.evidence_rule": "Aturan bukti dukung",
    "eligibility.implemented_from": "Awal periode penerapan yang memenuhi syarat",
    "eligibility.implemented_to": "Akhir periode penerapan yang memenuhi syarat",
    "eligibility.counted_stages": "Tahapan inovasi yang dihitung",
    "eligibility.max_previous_entries": "Batas keikutsertaan IGA sebelumnya",
    "input_window.opens": "Pembukaan masa input",
    "input_window.closes": "Penutupan masa input",
    "input_window.extended_to": "Batas perpanjangan masa input",
}


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    markdown: str


# =============================================================================== small helpers
def _missing(*values: object) -> bool:
    return any(fmt.is_missing(v) for v in values)


def _trim(value: object) -> str:
    """A number with at most two decimals and no trailing zeros: ``10``, ``0,38``, ``1,5``."""
    if _missing(value):
        return ""
    x = float(value)
    if not math.isfinite(x):
        return ""
    if abs(x - round(x)) < 1e-9:
        return fmt.integer(x)
    s = fmt.num(x, 2)
    return s.rstrip("0").rstrip(",") if "," in s else s


def _n(n: int, noun: str) -> str:
    """``satu inovasi`` / ``2 inovasi`` / ``tidak ada inovasi``."""
    n = int(n)
    if n == 0:
        return f"tidak ada {noun}"
    if n == 1:
        return f"satu {noun}"
    return f"{fmt.integer(n)} {noun}"


def _k(n: int) -> str:
    """A bare count inside a sentence: ``satu`` / ``2`` / ``tidak satu pun``."""
    n = int(n)
    return "tidak satu pun" if n == 0 else ("satu" if n == 1 else fmt.integer(n))


def _listing(items: Sequence[str], sep: str = ",") -> str:
    """``A``; ``A dan B``; ``A, B, dan C`` (``sep=";"`` for items that hold commas themselves,
    such as OPD names: ``A; B; dan C``)."""
    items = [s for s in items if s]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} dan {items[1]}"
    return f"{sep} ".join(items[:-1]) + f"{sep} dan {items[-1]}"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _pct(x: object) -> str:
    """A share as a percentage; a tiny non-zero share reads ``<0,1%`` rather than ``0,0%``."""
    if _missing(x):
        return ""
    v = float(x)
    if 0 < v < 0.0005:
        return "<0,1%"
    if 0.9995 < v < 1:
        return ">99,9%"
    return fmt.pct(v)


def _rank(predicate: str) -> int:
    """Higher is better: Sangat Inovatif 3 … Tidak Dapat Dinilai 0."""
    return len(PREDICATES) - 1 - PREDICATES.index(predicate) if predicate in PREDICATES else -1


def _text(value: object) -> str:
    return "" if _missing(value) else str(value).strip()


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    """The first of ``names`` found as a key or attribute of ``obj``."""
    for name in names:
        if isinstance(obj, dict) and name in obj:
            return obj[name]
        if not isinstance(obj, dict) and hasattr(obj, name):
            return getattr(obj, name)
    return default


def _indicator_title(methodology: Methodology, indicator_id: str) -> str:
    """``SID18 Kemanfaatan inovasi`` (the name escaped)."""
    try:
        name = methodology.indicator(indicator_id).name
    except KeyError:
        return md_text(indicator_id)
    return f"{md_text(indicator_id)} {md_text(name)}"


def _enum_label(enum: str, code: object) -> str:
    code = _text(code)
    return ENUMS[enum].get(code, "") if code else ""


def _bullets(lines: Iterable[str], indent: str = "") -> str:
    return "\n".join(f"{indent}- {s}" for s in lines if s)


def _paragraphs(*blocks: str) -> str:
    return "\n\n".join(b for b in blocks if b)


# =============================================================================== ringkasan
def sentence_iid(result, previous=None) -> str:
    """The headline: IID and predicate, then the change from ``previous`` (an earlier edition's
    result) when there is one."""
    if _missing(getattr(result, "iid", None)) or not getattr(result, "predicate", ""):
        return ""
    head = (f"Indeks Inovasi Daerah (IID) edisi {int(result.year)} adalah **{fmt.num(result.iid)}** "
            f"dengan predikat **{result.predicate}**.")
    return _join(head, sentence_change(result, previous))


def sentence_change(result, previous) -> str:
    """The change in IID points and predicate since ``previous``; ``""`` without one (first edition)."""
    if previous is None or _missing(getattr(result, "iid", None), getattr(previous, "iid", None)):
        return ""
    cur, old = round(float(result.iid), 2), round(float(previous.iid), 2)
    d = round(cur - old, 2)
    if d > 0:
        iid = f"IID naik {fmt.num(d)} poin dari {fmt.num(old)} menjadi {fmt.num(cur)}"
    elif d < 0:
        iid = f"IID turun {fmt.num(abs(d))} poin dari {fmt.num(old)} menjadi {fmt.num(cur)}"
    else:
        iid = f"IID tetap {fmt.num(cur)}"
    a, b = str(previous.predicate), str(result.predicate)
    if a == b:
        pred = f"predikat tetap {b}"
    elif _rank(b) > _rank(a):
        pred = f"predikat naik dari {a} menjadi {b}"
    else:
        pred = f"predikat turun dari {a} menjadi {b}"
    s = f"Dibanding edisi {int(previous.year)}, {iid} dan {pred}."
    try:
        mt_old, mt_new = float(previous.max_total), float(result.max_total)
    except (AttributeError, TypeError, ValueError):
        return s
    if abs(mt_old - mt_new) > 1e-9:
        s += (f" Kedua edisi dinilai dengan kerangka masing-masing (total maksimum "
              f"{_trim(mt_old)} dan {_trim(mt_new)} poin), sehingga selisihnya dibaca dengan hati-hati.")
    return s


def sentence_components(result) -> str:
    """Where the total comes from: SPD, SID (sum of maturity ÷ divisor + count score)."""
    m = result.methodology
    vals = (result.total, result.max_total, result.spd, result.sid, result.sid_sum, result.count_score)
    if _missing(*vals):
        return ""
    n = int(result.n)
    if n == 0:
        sid = f"SID {fmt.num(result.sid)} (tidak ada inovasi yang dinilai)"
    else:
        held = (f"; karena inovasi yang dinilai kurang dari {fmt.integer(m.divisor_min)}, jumlah itu "
                f"tetap dibagi {fmt.integer(result.divisor)}" if n < int(m.divisor_min) else "")
        sid = (f"SID {fmt.num(result.sid)} (jumlah skor kematangan {fmt.num(result.sid_sum)} dibagi "
               f"{fmt.integer(result.divisor)}, ditambah skor jumlah inovasi "
               f"{fmt.num(result.count_score)}{held})")
    return (f"Total poin {fmt.num(result.total)} dari maksimum {_trim(result.max_total)} terdiri atas "
            f"SPD {fmt.num(result.spd)} (maksimum {_trim(m.max_spd)}) dan {sid}.")


def sentence_tdd(result, n_submitted: int | None = None) -> str:
    """What *Tidak Dapat Dinilai* means and what to do; ``""`` for any other predicate."""
    if getattr(result, "predicate", None) != TDD:
        return ""
    m = result.methodology
    if n_submitted is None:
        n_submitted = len(result.innovations)
    if int(n_submitted) == 0:
        why = "tidak ada inovasi yang diinput untuk edisi ini"
    elif int(result.n) == 0:
        why = f"tidak satu pun dari {_n(n_submitted, 'inovasi')} yang diinput memenuhi syarat"
    else:
        why = "inovasi yang dinilai belum memiliki bukti dukung yang valid"
    spd = ("indikator daerah (SPD) juga belum memperoleh poin"
           if _missing(result.spd) or float(result.spd) == 0 else "")
    stages = _listing([ENUMS["stage"].get(s, s).lower() for s in m.counted_stages])
    span = ""
    if m.eligible_from and m.eligible_to:
        span = f" yang diterapkan antara {fmt.date(m.eligible_from)} dan {fmt.date(m.eligible_to)}"
    return (f"Predikat {TDD} berarti tidak ada poin yang dapat dihitung: {why}"
            + (f", dan {spd}" if spd else "") + ". "
            f"Yang perlu dilakukan sebelum batas input {fmt.date(m.input_deadline)}: jawab indikator "
            f"SPD beserta bukti dukungnya, dan pastikan OPD menginput inovasi tahap {stages}{span} "
            f"dengan bukti dukung yang valid. Satu indikator saja yang terbukti sudah cukup untuk "
            f"keluar dari predikat ini.")


def sentence_no_innovations(result) -> str:
    """When no innovation is scored but SPD alone gives an IID above 0."""
    if int(result.n) != 0 or _missing(result.iid) or float(result.iid) <= 0:
        return ""
    return ("Tidak ada inovasi yang dinilai: seluruh IID berasal dari indikator daerah (SPD). "
            "Setiap inovasi tahap penerapan yang memenuhi syarat menambah skor jumlah inovasi dan "
            "skor kematangan, sehingga menghimpun inovasi adalah langkah pertama.")


def sentence_distance(result) -> str:
    """Distance to the next predicate, or — at the top band — the margin to keep it."""
    pred = getattr(result, "predicate", None)
    if pred in (None, TDD) or _missing(result.iid):
        return ""
    m = result.methodology
    try:
        band = m.band_of(pred)
    except KeyError:
        return ""
    margin = round(float(result.iid) - float(band.low), 2)
    if result.next_predicate is None:
        where = ("tepat di batas bawahnya" if margin <= 0
                 else f"{fmt.num(margin)} poin di atas batas bawahnya ({fmt.num(band.low)})")
        return (f"Predikat tertinggi, {pred}, sudah tercapai; IID berada {where}. Tugas berikutnya "
                f"adalah mempertahankan predikat ini: jaga jumlah inovasi yang dinilai dan kelengkapan "
                f"bukti dukungnya pada edisi berikutnya.")
    if _missing(result.distance_to_next):
        return ""
    dist = float(result.distance_to_next)
    try:
        low = fmt.num(m.band_of(result.next_predicate).low)
    except KeyError:
        low = ""
    total = dist * float(result.max_total) / 100.0
    s = (f"Untuk mencapai predikat {result.next_predicate} dibutuhkan tambahan {fmt.num(dist)} poin IID"
         + (f" (batas bawah {low})" if low else "")
         + f", setara sekitar {fmt.num(total)} poin dari total maksimum {_trim(result.max_total)}.")
    if float(band.low) > 0.01 + 1e-9:  # a fall below the band would change the predicate
        s += (f" IID saat ini {fmt.num(margin)} poin di atas batas bawah predikat {pred} "
              f"({fmt.num(band.low)}).")
    return s


def sentence_participation(n_submitted, n_eligible, n_scored, n_opd=None, n_opd_participating=None,
                           year: int | None = None, n_in_window=None) -> str:
    """Entries (in the time window), eligible, scored; then participating OPD of the active ones."""
    if _missing(n_submitted):
        return ""
    edition = f" untuk edisi {int(year)}" if year is not None else ""
    n_sub = int(n_submitted)
    if n_sub == 0:
        first = f"Tidak ada inovasi yang diinput{edition}."
    else:
        first = f"OPD menginput {_n(n_sub, 'inovasi')}{edition}"
        parts = []
        if not _missing(n_in_window):
            parts.append(f"{_k(n_in_window)} di antaranya diterapkan dalam periode penilaian")
        if not _missing(n_eligible):
            parts.append(f"{_k(n_eligible)} memenuhi syarat" if parts
                         else f"{_k(n_eligible)} di antaranya memenuhi syarat")
        if not _missing(n_scored) and int(n_scored) > 0:
            parts.append(f"{_k(n_scored)} dinilai dalam indeks")
        first += ("; " + _listing(parts) if parts else "") + "."
    second = ""
    if not _missing(n_opd, n_opd_participating) and int(n_opd) > 0:
        n, p = int(n_opd), int(n_opd_participating)
        rate = _pct(p / n)
        if p == 0:
            second = f"Tidak satu pun dari {_n(n, 'OPD aktif')} menginput inovasi."
        elif p == n:
            second = ("Satu-satunya OPD aktif ikut serta menginput inovasi." if n == 1
                      else f"Seluruh {fmt.integer(n)} OPD aktif ikut serta menginput inovasi.")
        else:
            second = (f"{_cap(_k(p))} dari {_n(n, 'OPD aktif')} ({rate}) ikut serta menginput "
                      f"inovasi.")
    return _join(first, second)


def sentence_participation_change(current: dict, previous: dict, previous_year: int) -> str:
    """Change in entries and participating OPD since the previous edition (dicts with
    ``n_submitted`` and ``n_opd_participating``)."""
    parts = []
    for key, subject in (("n_submitted", "jumlah inovasi yang diinput"),
                         ("n_opd_participating", "jumlah OPD yang ikut serta")):
        a, b = previous.get(key), current.get(key)
        if _missing(a, b):
            continue
        a, b = int(a), int(b)
        if a == b:
            parts.append(f"{subject} tetap {fmt.integer(b)}")
        else:
            verb = "naik" if b > a else "turun"
            parts.append(f"{subject} {verb} dari {fmt.integer(a)} menjadi {fmt.integer(b)}")
    if not parts:
        return ""
    return f"Dibanding edisi {int(previous_year)}, {_listing(parts)}."


def sentence_decisions(counts: dict) -> str:
    """The desk decisions: lanjut / harus melengkapi / tidak lanjut (zeros left out)."""
    items = []
    for key, words in (("n_lanjut", "lanjut"), ("n_lengkapi", "harus melengkapi dokumen"),
                       ("n_tidak_lanjut", "tidak lanjut")):
        v = counts.get(key)
        if not _missing(v) and int(v) > 0:
            items.append(f"{_n(int(v), 'inovasi')} {words}")
    if not items:
        return ""
    return f"Hasil telaah meja: {_listing(items)}."


# =============================================================================== kekuatan
def indicator_shares(result, aspect: str = "SID") -> pd.DataFrame:
    """Per indicator of ``aspect`` (methodology order): indicator_id, name, variable, points,
    max_points, share (points / max_points over the scored innovations for SID; NaN when the
    maximum is 0, e.g. nothing scored)."""
    m = result.methodology
    inds = m.indicators_of(aspect)
    p = result.points
    sel = p[p["aspect"].astype("string") == aspect]
    g = sel.groupby(sel["indicator_id"].astype("string"))
    pts = g["points"].sum()
    mx = g["max_points"].sum()
    ids = [i.id for i in inds]
    df = pd.DataFrame({
        "indicator_id": ids,
        "name": [i.name for i in inds],
        "variable": [i.variable for i in inds],
        "points": pts.reindex(ids, fill_value=0.0).to_numpy(dtype="float64"),
        "max_points": mx.reindex(ids, fill_value=0.0).to_numpy(dtype="float64"),
    })
    with np.errstate(invalid="ignore", divide="ignore"):
        df["share"] = np.where(df["max_points"] > 0, df["points"] / df["max_points"].where(
            df["max_points"] > 0, 1.0), np.nan)
    return df


def sentence_sid_indicators(shares: pd.DataFrame, methodology: Methodology, n_scored: int,
                            k: int = 3) -> str:
    """The strongest and weakest SID indicators by share of the maximum points."""
    df = shares.dropna(subset=["share"])
    if int(n_scored) == 0 or df.empty:
        return ("Belum ada inovasi yang dinilai, sehingga kekuatan dan kelemahan per indikator SID "
                "belum dapat dibaca.")
    basis = f"atas {_n(int(n_scored), 'inovasi')} yang dinilai"

    def item(r) -> str:
        return f"{_indicator_title(methodology, r.indicator_id)} ({_pct(r.share)})"

    if len(df) == 1 or float(df["share"].max()) - float(df["share"].min()) < 1e-12:
        return (f"Semua indikator SID memperoleh porsi poin yang sama, {_pct(df['share'].iloc[0])} "
                f"dari maksimum ({basis}).")
    k = max(1, min(int(k), len(df) // 2))
    best = df.sort_values(["share", "indicator_id"], ascending=[False, True], kind="mergesort").head(k)
    rest = df[~df["indicator_id"].isin(best["indicator_id"])]
    worst = rest.sort_values(["share", "indicator_id"], ascending=[True, True], kind="mergesort").head(k)
    return (f"Indikator SID terkuat (poin yang diperoleh dibanding poin maksimum, {basis}): "
            f"{_listing([item(r) for r in best.itertuples()])}. Indikator SID terlemah: "
            f"{_listing([item(r) for r in worst.itertuples()])}.")


def variable_shares(result) -> pd.DataFrame:
    """Per variable: aspect, variable, points, max_points, share (SID variables over the scored
    innovations), then the count score as its own row. Methodology order."""
    rows = []
    for aspect in ("SPD", "SID"):
        s = indicator_shares(result, aspect)
        g = s.groupby("variable", sort=False)[["points", "max_points"]].sum().reset_index()
        for r in g.itertuples():
            share = r.points / r.max_points if r.max_points > 0 else float("nan")
            rows.append((aspect, r.variable, float(r.points), float(r.max_points), share))
    m = result.methodology
    if m.max_count_score > 0 and not _missing(result.count_score):
        rows.append(("SID", "Jumlah inovasi", float(result.count_score), float(m.max_count_score),
                     float(result.count_score) / float(m.max_count_score)))
    return pd.DataFrame(rows, columns=["aspect", "variable", "points", "max_points", "share"])


def sentence_variables(shares: pd.DataFrame) -> str:
    """Each variable's share of its maximum, then the strongest and the weakest."""
    df = shares.dropna(subset=["share"])
    if df.empty:
        return ""
    parts = []
    for aspect in ("SPD", "SID"):
        sub = df[df["aspect"] == aspect]
        if len(sub):
            parts.append(f"{aspect}: " + "; ".join(
                f"{md_text(r.variable)} {_pct(r.share)}" for r in sub.itertuples()))
    s = ("Menurut variabel (poin yang diperoleh dibanding maksimum) — " + " · ".join(parts) + ".")
    if len(df) >= 2 and float(df["share"].max()) > float(df["share"].min()):
        order = df.assign(_o=np.arange(len(df)))
        best = order.sort_values(["share", "_o"], ascending=[False, True], kind="mergesort").iloc[0]
        worst = order.sort_values(["share", "_o"], ascending=[True, True], kind="mergesort").iloc[0]
        s += (f" Variabel terkuat: {md_text(best['variable'])} ({best['aspect']}); terlemah: "
              f"{md_text(worst['variable'])} ({worst['aspect']}).")
    return s


def _gap_reason(reason: str, level: int) -> str:
    if reason:
        return reason
    return f"tingkat {level} dari 3"


def sentence_spd_gaps(result, k: int = 5) -> str:
    """SPD points not yet earned, their worth in IID points, and the largest gaps."""
    m = result.methodology
    p = result.points
    spd = p[p["aspect"].astype("string") == "SPD"]
    if spd.empty or _missing(result.max_total):
        return ""
    lost = (spd["max_points"] - spd["points"]).astype("float64")
    total_lost = float(lost.sum())
    if total_lost <= 1e-9:
        return "Semua indikator SPD sudah memperoleh poin penuh."
    worth = total_lost / float(result.max_total) * 100.0
    gaps = spd.assign(lost=lost.to_numpy(), ind=spd["indicator_id"].astype("string"))
    gaps = gaps[gaps["lost"] > 1e-9].sort_values(["lost", "ind"], ascending=[False, True],
                                                  kind="mergesort")
    items = []
    for r in gaps.head(int(k)).itertuples():
        why = _gap_reason(_text(r.reason), int(r.level))
        items.append(f"{_indicator_title(m, r.ind)} ({_trim(r.points)} dari {_trim(r.max_points)} "
                     f"poin; {md_text(why)})")
    more = len(gaps) - len(items)
    tail = f", dan {_n(more, 'indikator')} lainnya" if more > 0 else ""
    return (f"Indikator SPD masih menyisakan {_trim(total_lost)} dari {_trim(m.max_spd)} poin "
            f"(setara {fmt.num(worth)} poin IID). Kesenjangan terbesar: {'; '.join(items)}{tail}.")


def sentence_evidence_loss(result) -> str:
    """SID points claimed by the scored innovations but not counted, by evidence status."""
    p = result.points
    sid = p[p["aspect"].astype("string") == "SID"]
    if sid.empty:
        return ""
    claimed = (sid["level"].astype("float64") * sid["weight"].astype("float64"))
    total = float(claimed.sum())
    if total <= 0:
        return ""
    valid = sid["valid"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    lost = claimed.where(~valid, 0.0)
    n_lost = float(lost.sum())
    if n_lost <= 1e-9:
        return (f"Semua {_trim(total)} poin SID yang diklaim inovasi yang dinilai didukung bukti "
                f"yang valid.")
    status = sid["evidence_status"].astype("string").fillna("missing")
    by = lost.groupby(status.to_numpy()).sum()
    words = {"pending": "bukti belum diverifikasi", "missing": "bukti tidak ada",
             "invalid": "bukti tidak valid"}
    parts = [f"{_trim(by[s])} poin karena {w}" for s, w in words.items()
             if s in by.index and float(by[s]) > 1e-9]
    s = (f"Dari {_trim(total)} poin SID yang diklaim inovasi yang dinilai, {_trim(n_lost)} poin "
         f"({_pct(n_lost / total)}) belum dihitung")
    s += (": " + _listing(parts) + ".") if parts else "."
    try:
        worth = n_lost / float(result.divisor) / float(result.max_total) * 100.0
        s += f" Bila semuanya terbukti, IID naik sekitar {fmt.num(worth)} poin."
    except (TypeError, ValueError, ZeroDivisionError):
        pass
    return s


# =============================================================================== unggulan
def _proven_levels(result, indicator_ids: Sequence[str]) -> pd.DataFrame:
    """innovation_id × indicator: the level that counts (valid evidence), 0 otherwise."""
    p = result.points
    sid = p[(p["aspect"].astype("string") == "SID")
            & p["indicator_id"].astype("string").isin(list(indicator_ids))]
    lvl = sid["level"].astype("float64").where(
        sid["valid"].astype("boolean").fillna(False).to_numpy(dtype=bool), 0.0)
    df = pd.DataFrame({"innovation_id": sid["innovation_id"].astype("string").to_numpy(),
                       "indicator_id": sid["indicator_id"].astype("string").to_numpy(),
                       "level": lvl.to_numpy()})
    if df.empty:
        return pd.DataFrame(columns=list(indicator_ids), dtype="float64")
    return df.pivot_table(index="innovation_id", columns="indicator_id", values="level",
                          aggfunc="max").reindex(columns=list(indicator_ids))


def _tiebreak_ids(methodology: Methodology) -> list[str]:
    have = set(methodology.indicator_ids)
    return [i for i in FLAGSHIP_TIEBREAK if i in have]


def flagship_candidates(result) -> pd.DataFrame:
    """Scored innovations in flagship order (per kind apply :func:`flagship_rule`).

    Columns: pos (row position in ``result.innovations``), innovation_id, name, opd_id, kind,
    maturity, one column per tie-break indicator (proven level), rank (1 = best within its kind).
    """
    inn = result.innovations
    scored = inn["scored"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    ties = _tiebreak_ids(result.methodology)
    df = pd.DataFrame({
        "pos": np.flatnonzero(scored),
        "innovation_id": inn["innovation_id"].astype("string").to_numpy()[scored],
        "name": inn["name"].astype("string").to_numpy()[scored],
        "opd_id": inn["opd_id"].astype("string").to_numpy()[scored],
        "kind": inn["kind"].astype("string").to_numpy()[scored],
        "maturity": pd.to_numeric(inn["maturity"], errors="coerce").to_numpy(dtype="float64")[scored],
    })
    lv = _proven_levels(result, ties)
    for t in ties:
        col = lv[t] if t in lv.columns else pd.Series(dtype="float64")
        df[t] = col.reindex(df["innovation_id"]).fillna(0.0).to_numpy(dtype="float64")
    df["maturity"] = df["maturity"].fillna(0.0)
    keys = ["maturity", *ties, "innovation_id"]
    df = df.sort_values(keys, ascending=[False] * (1 + len(ties)) + [True], kind="mergesort")
    df["rank"] = df.groupby(df["kind"].fillna(""), sort=False).cumcount() + 1
    return df.reset_index(drop=True)


def flagship_rule(methodology: Methodology) -> str:
    """The selection rule in words (tie-breakers named from the methodology)."""
    ties = [f"tingkat {md_text(methodology.indicator(t).name)} ({t}) yang tertinggi"
            for t in _tiebreak_ids(methodology)]
    steps = [*ties, "kode inovasi menurut abjad"]
    proven = (" Tingkat yang dipakai adalah tingkat yang terbukti dengan bukti dukung valid."
              if ties else "")
    return ("Aturan pemilihan: untuk masing-masing jenis (digital dan non digital), di antara inovasi "
            "yang dinilai dipilih yang skor kematangannya tertinggi; bila sama, "
            + ", lalu ".join(steps) + "." + proven)


def _opd_names(result, review) -> dict[str, str]:
    names: dict[str, str] = {}
    opd = getattr(result, "opd", None)
    if opd is not None and len(opd):
        for i, n in zip(opd["opd_id"].astype("string"), opd["name"].astype("string"), strict=True):
            if not _missing(i) and not _missing(n) and str(n).strip():
                names.setdefault(str(i), str(n).strip())
    inn = getattr(review, "innovations", None)
    if inn is not None and "opd_name" in inn.columns:
        for i, n in zip(inn["opd_id"].astype("string"), inn["opd_name"].astype("string"), strict=True):
            if not _missing(i) and not _missing(n) and str(n).strip():
                names.setdefault(str(i), str(n).strip())
    return names


def flagship_choice(result, review=None) -> dict[str, dict | None]:
    """One flagship per kind (``digital``, ``non_digital``) among the scored innovations, by
    :func:`flagship_rule`; None for a kind with no scored innovation.

    Each choice: pos, innovation_id, name, opd_id, opd_name, kind, maturity, max_maturity, levels
    ({indicator: proven level}), n_candidates (scored innovations of that kind), decision, todo."""
    review = review if review is not None else getattr(result, "review", None)
    cand = flagship_candidates(result)
    ties = _tiebreak_ids(result.methodology)
    names = _opd_names(result, review)
    inv = getattr(review, "innovations", None)
    out: dict[str, dict | None] = {}
    for kind in FLAGSHIP_KINDS:
        sub = cand[cand["kind"] == kind]
        if sub.empty:
            out[kind] = None
            continue
        r = sub.iloc[0]
        pos = int(r["pos"])
        row = inv.iloc[pos] if inv is not None and pos < len(inv) else None
        opd_id = _text(r["opd_id"])
        out[kind] = {
            "pos": pos,
            "innovation_id": _text(r["innovation_id"]),
            "name": _text(r["name"]),
            "opd_id": opd_id,
            "opd_name": names.get(opd_id, opd_id),
            "kind": kind,
            "maturity": float(r["maturity"]),
            "max_maturity": float(result.methodology.max_sid_per_innovation),
            "levels": {t: int(r[t]) for t in ties},
            "n_candidates": int(len(sub)),
            "decision": _text(row.get("decision")) if row is not None else "",
            "todo": _text(row.get("todo")) if row is not None else "",
        }
    return out


def sentence_flagship(kind: str, choice: dict | None, methodology: Methodology) -> str:
    """The proposed flagship of one kind, or why there is none."""
    words = FLAGSHIP_KINDS.get(kind, kind)
    if choice is None:
        return (f"Tidak ada inovasi {words} yang dinilai pada edisi ini, sehingga unggulan {words} "
                f"belum dapat diusulkan. Cari inovasi {words} yang sudah diterapkan dan lengkapi "
                f"bukti dukungnya sebelum batas input.")
    facts = [f"skor kematangan {fmt.num(choice['maturity'])} dari {_trim(choice['max_maturity'])}"]
    for t, lvl in choice.get("levels", {}).items():
        try:
            name = md_text(methodology.indicator(t).name)
        except KeyError:
            continue
        facts.append(f"{name} tingkat {lvl}" if lvl > 0 else f"{name} belum terbukti")
    opd = f" dari {md_text(choice['opd_name'])}" if choice.get("opd_name") else ""
    among = ("satu-satunya inovasi " + words + " yang dinilai" if choice["n_candidates"] == 1
             else f"dipilih dari {fmt.integer(choice['n_candidates'])} inovasi {words} yang dinilai")
    s = (f"Unggulan {words}: **{md_text(choice['name'])}**{opd} ({'; '.join(facts)}), {among}.")
    if choice.get("decision") == "lengkapi" and choice.get("todo"):
        s += f" Sebelum presentasi, dokumennya masih harus dilengkapi: {md_text(choice['todo'])}."
    return s


def profile_markdown(choice: dict, review, result=None) -> str:
    """The profile of a flagship as a Markdown list (user text escaped; empty fields say so)."""
    inv = getattr(review, "innovations", None)
    row = inv.iloc[int(choice["pos"])] if inv is not None and int(choice["pos"]) < len(inv) else {}

    def field(col: str) -> object:
        return row.get(col) if hasattr(row, "get") else None

    empty = "_belum diisi_"

    def text(col: str) -> str:
        v = _text(field(col))
        return md_text(v) if v else empty

    words = FLAGSHIP_KINDS.get(choice["kind"], choice["kind"])
    dates = []
    for col, label in (("trial_date", "uji coba"), ("implementation_date", "penerapan")):
        d = fmt.date(field(col)) if not _missing(field(col)) else ""
        if d:
            dates.append(f"{label} {d}")
    lines = [
        f"**Nama inovasi**: {md_text(choice['name']) or empty}",
        f"**OPD**: {md_text(choice.get('opd_name', '')) or empty}",
        f"**Tahapan**: {_enum_label('stage', field('stage')) or empty}",
        f"**Jenis**: {_enum_label('innovation_kind', field('kind')) or empty}",
        f"**Bentuk**: {_enum_label('form', field('form')) or empty}",
        f"**Urusan pemerintahan**: {text('affair')}",
        f"**Waktu**: {', '.join(dates)}" if dates else "",
        f"**Skor kematangan**: {fmt.num(choice['maturity'])} dari {_trim(choice['max_maturity'])}",
        f"**Manfaat**: {text('benefit')}",
        f"**Hasil**: {text('result')}",
    ]
    return f"### Unggulan {words}: {md_text(choice['name'])}\n\n" + _bullets(lines)


# =============================================================================== pembinaan
def coaching_markdown(map_df: pd.DataFrame, groups_df: pd.DataFrame, max_names: int = MAX_NAMES) -> str:
    """The coaching map in words: each group with its size, rule, action and (small groups) names."""
    if map_df is None or len(map_df) == 0:
        return ("Tidak ada OPD aktif yang tercatat untuk edisi ini, sehingga peta pembinaan belum "
                "dapat disusun.")
    total = int(len(map_df))
    lead = (f"Setiap OPD aktif ({_n(total, 'OPD')}) ditempatkan dalam tepat satu kelompok pembinaan; "
            f"aturan kelompok diperiksa berurutan dari atas.")
    items, empty = [], []
    for g in groups_df.itertuples(index=False):
        count = int(g.count)
        label = md_text(g.label)
        if count == 0:
            empty.append(label)
            continue
        members = map_df[map_df["group"].astype("string") == str(g.group)]
        names = sorted(
            zip(members["name"].astype("string").fillna(""), members["opd_id"].astype("string").fillna(""),
                strict=True))
        shown = [md_text(n or i) for n, i in names[:max_names]]
        rest = count - len(shown)
        who = ""
        if shown and count <= max_names:
            who = f" OPD: {_listing(shown, ';')}."
        elif shown:
            who = f" Antara lain: {'; '.join(shown)}; dan {_n(rest, 'OPD')} lainnya."
        share = f" ({_pct(count / total)} dari OPD aktif)" if total else ""
        items.append(f"**{label}** — {_n(count, 'OPD')}{share}. Aturan: {md_text(g.rule)} "
                     f"Tindakan yang disarankan: {md_text(g.action)}{who}")
    tail = (f"Tidak ada OPD dalam kelompok {_listing([f'*{e}*' for e in empty], ';')}."
            if empty else "")
    return _paragraphs(lead, _bullets(items), tail)


# =============================================================================== rencana aksi
def sentence_deadline(methodology: Methodology) -> str:
    """The input deadline of the edition (with the extension, when there was one)."""
    d = fmt.date(methodology.input_deadline)
    if not d:
        return ""
    if methodology.input_extended_to and methodology.input_extended_to != methodology.input_closes:
        return (f"Batas akhir input edisi {methodology.year} adalah **{d}** (diperpanjang dari "
                f"{fmt.date(methodology.input_closes)}); semua dokumen di bawah harus lengkap paling "
                f"lambat tanggal itu.")
    return (f"Batas akhir input edisi {methodology.year} adalah **{d}**; semua dokumen di bawah harus "
            f"lengkap paling lambat tanggal itu.")


def todo_by_opd(review) -> pd.DataFrame:
    """Innovations to complete (decision ``lengkapi``): opd_id, opd_name, innovation_id, name, todo
    (list of items). Sorted by OPD name, OPD code, innovation name, innovation code."""
    inv = review.innovations
    sel = inv[inv["decision"].astype("string") == "lengkapi"]
    df = pd.DataFrame({
        "opd_id": sel["opd_id"].astype("string").fillna("").to_numpy(),
        "opd_name": (sel["opd_name"].astype("string") if "opd_name" in sel.columns
                     else pd.Series(pd.NA, index=sel.index, dtype="string")).fillna("").to_numpy(),
        "innovation_id": sel["innovation_id"].astype("string").fillna("").to_numpy(),
        "name": sel["name"].astype("string").fillna("").to_numpy(),
        "todo": [[t.strip() for t in str(x).split(";") if t.strip()] if not _missing(x) else []
                 for x in sel["todo"]],
    })
    df["opd_name"] = np.where(df["opd_name"].str.strip() != "", df["opd_name"], df["opd_id"])
    return df.sort_values(["opd_name", "opd_id", "name", "innovation_id"], kind="mergesort",
                          ignore_index=True)


def action_plan_markdown(todo: pd.DataFrame, gains: dict[str, float] | None = None) -> str:
    """Documents to complete, by OPD (a nested list). ``gains``: opd_id → IID points the OPD's
    open gaps are worth (shown when given)."""
    if todo.empty:
        return "Tidak ada inovasi yang harus melengkapi dokumen."
    n_opd = todo["opd_id"].nunique()
    lead = (f"Dokumen yang harus dilengkapi: {_n(len(todo), 'inovasi')} dari {_n(n_opd, 'OPD')}, "
            f"per OPD:")
    blocks = []
    for (opd_id, opd_name), grp in todo.groupby(["opd_id", "opd_name"], sort=False):
        label = md_text(opd_name) or "OPD tanpa kode"
        extra = ""
        if gains and not _missing(gains.get(opd_id)) and float(gains[opd_id]) > 0:
            extra = f"; bila semua dilengkapi dan terbukti, IID dapat naik hingga {fmt.num(gains[opd_id])} poin"
        lines = [f"- **{label}** ({_n(len(grp), 'inovasi')}{extra})"]
        for r in grp.itertuples():
            what = "; ".join(md_text(t) for t in r.todo) or "lengkapi data inovasi"
            lines.append(f"  - {md_text(r.name) or md_text(r.innovation_id) or 'tanpa nama'}: {what}.")
        blocks.append("\n".join(lines))
    return lead + "\n\n" + "\n".join(blocks)


def sentence_not_continued(review) -> str:
    """How many entries stop at the desk and why (from the eligibility flags)."""
    inv = review.innovations
    stop = inv["decision"].astype("string") == "tidak_lanjut"
    n = int(stop.sum())
    if n == 0:
        return ""
    sub = inv[stop.to_numpy(dtype=bool)]
    why = []
    for col, words in (("in_window", "diterapkan di luar periode penilaian"),
                       ("stage_counted", "tahapannya tidak dihitung"),
                       ("reentry_ok", "sudah pernah diikutkan IGA"),
                       ("on_time", "diinput setelah batas akhir")):
        if col in sub.columns:
            k = int((~sub[col].astype("boolean").fillna(True).to_numpy(dtype=bool)).sum())
            if k:
                why.append(f"{fmt.integer(k)} {words}")
    s = f"{_cap(_n(n, 'inovasi'))} tidak lanjut pada edisi ini"
    s += (f" ({_listing(why)}; satu inovasi dapat memiliki lebih dari satu alasan)" if len(why) > 1
          else (f" ({why[0]})" if why else ""))
    return s + "; arahkan ke edisi berikutnya bila memenuhi syarat waktu dan tahapan."


def path_markdown(path: dict | None, result, max_steps: int = MAX_STEPS) -> str:
    """The path to the next predicate (the dict of ``whatif.path_to_next``) as a numbered list."""
    if path is None or result.next_predicate is None:
        return ""
    target = _text(path.get("target_predicate")) or result.next_predicate
    low = path.get("target_iid")
    aim = f"predikat {target}" + (f" (IID minimal {fmt.num(low)})" if not _missing(low) else "")
    if not path.get("reachable", False):
        best = path.get("iid_max")
        s = f"{_cap(aim)} belum dapat dicapai hanya dengan menutup celah pada inovasi yang sudah dinilai"
        if not _missing(best):
            s += f": bila semua celah ditutup, IID menjadi {fmt.num(best)}"
        m = result.methodology
        return (s + f". Dibutuhkan tambahan inovasi yang memenuhi syarat (kini "
                f"{_n(int(result.n), 'inovasi')} dinilai; jumlah skor kematangan dibagi "
                f"sekurang-kurangnya {fmt.integer(m.divisor_min)}).")
    actions = list(path.get("actions") or [])
    if not actions:
        return ""
    m = result.methodology
    lines = []
    for i, d in enumerate(actions[:max_steps], start=1):
        g = fmt.num(d.get("gain"))
        lines.append(f"{i}. {_step_text(d, m)}" + (f"; +{g} poin IID" if g else "") + ".")
    more = len(actions) - len(lines)
    if more > 0:
        lines.append(f"\n… dan {_n(more, 'tindakan')} lainnya dengan kenaikan lebih kecil.")
    n_docs = sum(1 for d in actions if d.get("action") in ("validate_evidence", "fix_evidence"))
    kinds = _listing([x for x in (f"{_k(n_docs)} perbaikan bukti dukung" if n_docs else "",
                                  f"{_k(len(actions) - n_docs)} kenaikan tingkat"
                                  if len(actions) > n_docs else "") if x])
    after = path.get("iid_after")
    head = (f"Jalur menuju {aim}: cukup {_n(len(actions), 'tindakan')} ({kinds})"
            + (f", dan IID menjadi {fmt.num(after)}" if not _missing(after) else "") + ". "
            "Tindakan dipilih berurutan menurut kenaikan IID terbesar (pilihan rakus, satu tindakan "
            "per jawaban); jumlah tindakannya sekecil mungkin, tetapi belum tentu yang paling ringan "
            "upayanya.")
    return head + "\n\n" + "\n".join(lines)


_ACTION_TEXT = {
    "validate_evidence": "pastikan bukti yang menunggu verifikasi diterima",
    "fix_evidence": "lengkapi atau perbaiki bukti dukung",
    "raise_level": "naikkan capaian ke tingkat 3 dengan bukti valid",
}


def _step_text(d: dict, methodology: Methodology) -> str:
    """One what-if action in words (user text escaped)."""
    ind = _text(d.get("indicator_id"))
    ind_txt = _indicator_title(methodology, ind) if ind else "indikator"
    if _text(d.get("innovation_id")):
        who = md_text(_text(d.get("innovation_name")) or _text(d.get("innovation_id")))
        where = f"*{who}*, {ind_txt}"
    else:
        where = f"indikator daerah {ind_txt}"
    act = _ACTION_TEXT.get(_text(d.get("action")), "perbaiki jawaban")
    lvl = d.get("from_level")
    if d.get("action") == "raise_level" and not _missing(lvl):
        act = (f"naikkan capaian dari tingkat {int(lvl)} ke tingkat 3 dengan bukti valid" if int(lvl)
               else "capai tingkat 3 dengan bukti valid (kini belum diklaim)")
    return f"{_cap(where)}: {act}"


# =============================================================================== kepastian
def sentence_robustness(rob: Any, result) -> str:
    """Median and 5–95 % interval of the simulated IID, predicate probabilities, main source."""
    unavailable = "Analisis kepastian predikat tidak tersedia untuk edisi ini."
    if rob is None:
        return unavailable
    med, lo, hi = _get(rob, "median"), _get(rob, "p05"), _get(rob, "p95")
    draws, seed = _get(rob, "draws"), _get(rob, "seed")
    out = []
    if not _missing(med, lo, hi):
        basis = "Dalam simulasi"
        if not _missing(draws):
            basis = f"Dalam {fmt.integer(draws)} simulasi"
            basis += f" (benih acak {int(seed)})" if not _missing(seed) else ""
        out.append(f"{basis} yang mengacak penerimaan bukti yang belum valid, bobot indikator, dan "
                   f"angka metodologi yang diasumsikan, median IID adalah {fmt.num(med)} dengan "
                   f"rentang 5–95% {fmt.num(lo)}–{fmt.num(hi)}.")
        accept = (_get(rob, "settings", default={}) or {}).get("accept_prob", {})
        p_pending = accept.get("pending") if isinstance(accept, dict) else None
        if not _missing(p_pending):
            out.append(f"Setiap bukti yang menunggu verifikasi dianggap diterima dengan peluang "
                       f"{_pct(p_pending)}.")
    probs = _get(rob, "predicate_probabilities")
    if isinstance(probs, pd.Series):
        probs = probs.to_dict()
    if isinstance(probs, dict) and probs:
        clean = {str(k): float(v) for k, v in probs.items() if not _missing(v) and float(v) > 0}
        order = sorted(clean, key=lambda p: (-_rank(p), p))
        cur = result.predicate
        if len(clean) == 1:
            out.append(f"Predikat {order[0]} muncul di semua simulasi.")
        elif clean:
            out.append("Peluang tiap predikat: " + "; ".join(
                f"{p} {_pct(clean[p])}" + (" (predikat saat ini)" if p == cur else "")
                for p in order) + ".")
            if cur not in clean:
                out.append(f"Predikat saat ini, {cur}, tidak muncul dalam simulasi.")
    src = _source_text(rob, result)
    if src:
        out.append(src)
    return " ".join(out) if out else unavailable


def _source_text(rob: Any, result) -> str:
    """The source that moves the predicate most, measured one at a time."""
    sources = _get(rob, "sources")
    main = _text(_get(rob, "main_source"))
    if not isinstance(sources, pd.DataFrame) or sources.empty or "source" not in sources.columns:
        return ""
    if not main:
        return ("Tidak ada satu sumber ketidakpastian pun yang sendirian mengubah predikat "
                f"{result.predicate} (diuji satu per satu).")
    row = sources[sources["source"].astype("string") == main]
    if row.empty:
        return ""
    r = row.iloc[0]
    label = _text(r.get("label"))
    p = r.get("p_differs")
    if not label:
        return ""
    s = f"Sumber ketidakpastian terbesar: {md_text(label)}"
    if not _missing(p):
        s += (f" — bila hanya sumber ini yang diacak, predikat berbeda dari {result.predicate} pada "
              f"{_pct(p)} simulasi (diuji satu per satu)")
    return s + "."


# =============================================================================== asumsi
def _value_text(key: str, value: Any) -> str:
    if key.endswith("evidence_rule"):
        return _EVIDENCE_RULE_TEXT.get(str(value), md_text(value))
    if key.endswith("counted_stages") and isinstance(value, (list, tuple)):
        return _listing([ENUMS["stage"].get(str(s), md_text(s)) for s in value])
    if hasattr(value, "isoformat"):
        return fmt.date(value)
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return _trim(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(md_text(v) for v in value)
    return md_text(value)


def _number_label(key: str, note: str) -> str:
    if key in NUMBER_LABELS:
        return NUMBER_LABELS[key]
    return md_text(note) if note else "Angka metodologi lainnya"


def _aspect_of(methodology: Methodology, indicator_id: str) -> str:
    try:
        return methodology.indicator(indicator_id).aspect
    except KeyError:
        return ""


def assumption_items(methodology: Methodology) -> tuple[list[str], list[str]]:
    """Every assumed number of the methodology in words, and the numbered source list.

    Indicator weights are grouped per aspect and source; the lower and upper bound of a predicate
    band are one item; every other number is its own item with value, note and source number."""
    sources: list[str] = []

    def ref(src: str) -> str:
        if src not in sources:
            sources.append(src)
        return f"sumber [{sources.index(src) + 1}]"

    items: list[str] = []
    assumed = methodology.assumptions()
    weights: dict[tuple[str, str], list[tuple[str, float]]] = {}
    bands: dict[str, dict[str, Any]] = {}
    for num in assumed:
        parts = num.key.split(".")
        if parts[0] == "indicators" and len(parts) == 3 and parts[2] == "weight":
            aspect = _aspect_of(methodology, parts[1])
            weights.setdefault((aspect, num.source), []).append((parts[1], float(num.value)))
        elif parts[0] == "bands" and len(parts) == 3:
            bands.setdefault(parts[1], {"source": num.source})[parts[2]] = num.value
    done_w: set[tuple[str, str]] = set()
    done_b: set[str] = set()
    for num in assumed:
        parts = num.key.split(".")
        if parts[0] == "indicators" and len(parts) == 3 and parts[2] == "weight":
            aspect = _aspect_of(methodology, parts[1])
            key = (aspect, num.source)
            if key in done_w:
                continue
            done_w.add(key)
            ws = weights[key]
            total_aspect = len(methodology.indicators_of(aspect)) if aspect else len(ws)
            whole = "" if len(ws) == total_aspect else f" dari {fmt.integer(total_aspect)}"
            vals = "; ".join(f"{md_text(i)}: {_trim(w)}" for i, w in ws)
            items.append(f"Bobot {fmt.integer(len(ws))}{whole} indikator {aspect} (diasumsikan; "
                         f"jumlah {_trim(sum(w for _, w in ws))}; {ref(num.source)}): {vals}")
        elif parts[0] == "bands" and len(parts) == 3:
            pred = parts[1]
            if pred in done_b:
                continue
            done_b.add(pred)
            b = bands[pred]
            lo, hi = b.get("low"), b.get("high")
            if lo is not None and hi is not None:
                rng = fmt.num(lo) if float(lo) == float(hi) else f"{fmt.num(lo)}–{fmt.num(hi)}"
            elif lo is not None:
                rng = f"batas bawah {fmt.num(lo)}"
            else:
                rng = f"batas atas {fmt.num(hi)}"
            items.append(f"Rentang IID predikat {md_text(pred)}: {rng} (diasumsikan; {ref(b['source'])})")
        else:
            label = _number_label(num.key, num.note)
            raw_note = num.note.strip().rstrip(".") if num.note else ""
            note = (f" — {md_text(raw_note)}" if raw_note and num.key in NUMBER_LABELS
                    and not num.key.endswith("evidence_rule") else "")
            items.append(f"{label}: {_value_text(num.key, num.value)}{note} (diasumsikan; "
                         f"{ref(num.source)})")
    return items, [md_text(s) for s in sources]


def _is_bundled_sample(source: str) -> bool:
    if not source:
        return False
    parts = Path(str(source)).parts
    return len(parts) >= 2 and tuple(parts[-2:]) == ("data", "sample")


def data_source_items(dataset, review=None) -> list[str]:
    """Where the data came from: source, kind, rows per table, editions, synthetic or not."""
    items = []
    source = str(getattr(dataset, "source", "") or "")
    kind = str(getattr(dataset, "kind", "") or "")
    kind_text = {"csv": "folder berisi empat berkas CSV", "xlsx": "buku kerja Excel (XLSX)",
                 "memory": "tabel yang disusun langsung dalam analisis"}.get(kind, "")
    name = Path(source).name if source else ""
    if _is_bundled_sample(source):
        items.append("Sumber: data contoh bawaan proyek (folder sample). Data ini **sintetis** — "
                     "dibuat acak dengan benih tetap untuk peragaan. Nama OPD dapat menyerupai unit "
                     "kerja yang nyata, tetapi setiap inovasi, tanggal, tingkat indikator, dan bukti "
                     "dukung adalah rekaan; ini **bukan data resmi** pemerintah daerah mana pun, dan "
                     "angka dalam laporan ini hanya contoh.")
    elif name:
        items.append(f"Sumber: {md_text(name)}")
    if kind_text:
        items.append(f"Bentuk data: {kind_text}")
    files = getattr(dataset, "files", {}) or {}
    counts = []
    for t in TABLES:
        tab = getattr(dataset, t, None)
        if tab is None:
            continue
        f = _text(files.get(t, ""))
        where = f" (berkas {md_text(f)})" if f and f != name else ""
        counts.append(f"{TABLE_LABELS[t]} {fmt.integer(len(tab))} baris{where}")
    if counts:
        items.append("Jumlah baris seluruh data: " + "; ".join(counts))
    try:
        years = dataset.years()
    except (AttributeError, KeyError, TypeError, ValueError):
        years = []
    if years:
        items.append("Edisi dalam data: " + _listing([str(y) for y in years]))
    if review is not None:
        c = review.counts()
        found = _listing([_n(c[k], w) for k, w in (("n_error", "galat"), ("n_warning", "peringatan"),
                                                   ("n_info", "catatan")) if c.get(k)])
        items.append(
            f"Edisi {int(review.year)}: {_n(c['n_submitted'], 'baris inovasi')}, "
            f"{_n(len(review.answers), 'jawaban indikator SID')}, "
            f"{_n(len(review.region_answers), 'jawaban indikator SPD')}; temuan telaah meja: "
            + (found or "tidak ada"))
    return items


def _project_rules(methodology: Methodology, rob: Any) -> list[str]:
    from iid_analysis.analyses import participation

    out = [
        f"Ambang kematangan peta pembinaan: {fmt.num(participation.maturity_threshold(methodology))} "
        f"(separuh dari maksimum {_trim(methodology.max_sid_per_innovation)} per inovasi)",
        "Inovasi unggulan dipilih dengan aturan yang tertulis pada bagian inovasi unggulan",
    ]
    try:
        from iid_analysis.review.desk import MIN_PROFILE_WORDS

        out.append(f"Profil inovasi dianggap terlalu singkat bila kurang dari "
                   f"{fmt.integer(MIN_PROFILE_WORDS)} kata")
    except ImportError:  # pragma: no cover - validation is part of the package
        pass
    draws, seed = _get(rob, "draws", "n_draws"), _get(rob, "seed")
    if rob is not None and not _missing(draws):
        out.append(f"Analisis kepastian: {fmt.integer(draws)} simulasi"
                   + (f" dengan benih acak {int(seed)}" if not _missing(seed) else ""))
    return out


def assumptions_markdown(methodology: Methodology, dataset=None, review=None, rob: Any = None) -> str:
    """The box "Asumsi dan sumber data" as a Markdown block quote."""
    items, sources = assumption_items(methodology)
    blocks = [
        f"Kotak ini mencatat setiap angka metodologi edisi {methodology.year} yang berstatus "
        f"**diasumsikan** (belum dikonfirmasi oleh teks resmi) dan asal data laporan ini.",
    ]
    if items:
        blocks.append(f"**Angka yang diasumsikan ({fmt.integer(len(methodology.assumptions()))} "
                      f"angka)**")
        blocks.append(_bullets(items))
    else:
        blocks.append("Tidak ada angka berstatus asumsi dalam metodologi edisi ini.")
    if methodology.frame_note:
        blocks.append(f"Catatan kerangka: {md_text(methodology.frame_note)}")
    blocks.append("**Ketentuan proyek (bukan aturan resmi)**")
    blocks.append(_bullets(_project_rules(methodology, rob)))
    if sources:
        blocks.append("**Sumber angka**")
        blocks.append("\n".join(f"{i}. {s}" for i, s in enumerate(sources, start=1)))
    if dataset is not None:
        blocks.append("**Sumber data**")
        blocks.append(_bullets(data_source_items(dataset, review)))
    body = "\n\n".join(blocks)
    return "\n".join(("> " + line) if line else ">" for line in body.split("\n"))


# =============================================================================== sections
def _whatif():
    try:
        from iid_analysis.analyses import whatif
    except ImportError:  # the what-if module is optional for the prose
        return None
    return whatif


def _section_ringkasan(a) -> str:
    from iid_analysis.analyses import participation

    r, rv, prev = a.result, a.review, a.previous
    c = rv.counts()
    ps = participation.participation_summary(rv, r)
    first = _join(sentence_iid(r, prev), sentence_components(r))
    tdd = sentence_tdd(r, c["n_submitted"])
    blocks = [first, tdd, sentence_no_innovations(r), sentence_distance(r)]
    part = sentence_participation(c["n_submitted"], c["n_eligible"], r.n, ps["n_opd"],
                                  ps["n_opd_participating"], a.year, c["n_in_window"])
    change = ""
    if prev is not None and getattr(prev, "review", None) is not None:
        pps = participation.participation_summary(prev.review, prev)
        change = sentence_participation_change(
            {"n_submitted": c["n_submitted"], "n_opd_participating": ps["n_opd_participating"]},
            {"n_submitted": len(prev.review.innovations),
             "n_opd_participating": pps["n_opd_participating"]},
            prev.year)
    blocks.append(_join(part, change, sentence_decisions(c)))
    return _paragraphs(*blocks)


def _section_kekuatan(a) -> str:
    r = a.result
    return _paragraphs(
        sentence_sid_indicators(indicator_shares(r, "SID"), r.methodology, r.n),
        sentence_evidence_loss(r),
        sentence_variables(variable_shares(r)),
        sentence_spd_gaps(r),
    )


def _section_unggulan(a, choice) -> str:
    m = a.result.methodology
    lead = ("Tahap presentasi IGA meminta kepala daerah memaparkan satu inovasi digital dan satu "
            "inovasi non digital. Usulan berikut diambil dari inovasi yang dinilai dalam indeks.")
    return _paragraphs(lead, flagship_rule(m),
                       _bullets(sentence_flagship(k, choice[k], m) for k in FLAGSHIP_KINDS))


def _section_profil(a, choice) -> str:
    blocks = [profile_markdown(c, a.review, a.result) for c in choice.values() if c is not None]
    if not blocks:
        return "Belum ada inovasi unggulan yang dapat diprofilkan, karena tidak ada inovasi yang dinilai."
    missing = [FLAGSHIP_KINDS[k] for k, c in choice.items() if c is None]
    tail = (f"Profil unggulan {_listing(missing)} belum ada karena tidak ada inovasi jenis itu yang "
            f"dinilai." if missing else "")
    return _paragraphs(*blocks, tail)


def _section_pembinaan(a) -> str:
    from iid_analysis.analyses import participation

    cmap = participation.coaching_map(a.review, a.result)
    groups = participation.coaching_groups(cmap)
    return coaching_markdown(cmap, groups)


def _opd_gains(gaps_df: pd.DataFrame | None) -> dict[str, float] | None:
    """OPD → IID points its open documents are worth (``whatif.gaps_by_opd``), when available."""
    w = _whatif()
    if w is None or gaps_df is None:
        return None
    df = w.gaps_by_opd(gaps_df)
    if "gain_documents" not in df.columns:
        return None
    return {str(i): float(g) for i, g in zip(df["opd_id"], df["gain_documents"], strict=True)
            if not _missing(i) and not _missing(g)}


def _section_rencana(a) -> str:
    r = a.result
    todo = todo_by_opd(a.review)
    w = _whatif()
    gaps_df = w.gaps(r) if w is not None else None
    blocks = [sentence_deadline(r.methodology), action_plan_markdown(todo, _opd_gains(gaps_df)),
              sentence_not_continued(a.review)]
    if r.next_predicate is None:
        blocks.append(f"Predikat tertinggi sudah tercapai; rencana aksi diarahkan untuk "
                      f"mempertahankan predikat {r.predicate}.")
    elif w is not None:
        blocks.append(path_markdown(w.path_to_next(r, gaps_df), r))
    return _paragraphs(*blocks)


def _section_kepastian(a) -> str:
    return sentence_robustness(a.robustness, a.result)


def _section_asumsi(a) -> str:
    return assumptions_markdown(a.methodology, a.dataset, a.review, a.robustness)


def report_sections(analysis) -> list[Section]:
    """The nomination report of ``analysis`` (an :class:`~iid_analysis.analysis.Analysis`) as
    sections in fixed order: ringkasan, kekuatan_kelemahan, unggulan, profil, peta_pembinaan,
    rencana_aksi, kepastian, asumsi."""
    a = analysis
    choice = flagship_choice(a.result, a.review)
    bodies = {
        "ringkasan": _section_ringkasan(a),
        "kekuatan_kelemahan": _section_kekuatan(a),
        "unggulan": _section_unggulan(a, choice),
        "profil": _section_profil(a, choice),
        "peta_pembinaan": _section_pembinaan(a),
        "rencana_aksi": _section_rencana(a),
        "kepastian": _section_kepastian(a),
        "asumsi": _section_asumsi(a),
    }
    return [Section(k, SECTION_TITLES[k], bodies[k]) for k in SECTION_TITLES]


def report_markdown(analysis) -> str:
    """The whole report as one Markdown document (``## title`` per section)."""
    parts = [f"# Laporan nominasi IGA edisi {int(analysis.year)}"]
    for s in report_sections(analysis):
        parts.append(f"## {s.title}\n\n{s.markdown}")
    return "\n\n".join(parts) + "\n"
