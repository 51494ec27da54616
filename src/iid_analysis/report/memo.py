"""The one-page memo (a Nota Dinas) that opens the IGA report (page 03): from the head of Bappeda
to the head of region, the verified and claimed IID, the simulated median and the chance of each
predikat, three to five decisions with an owner and a date set against the input deadline, the IGA
stages ahead and a signature block. What is asked before the deadline is only what can still be
done then (``before_deadline`` of the gaps table): evidence fixes while the input is open, level
raises (*peningkatan capaian*) only with enough lead time, else for the next edition. A predikat is
promised only when the simulation gives it a chance.

Every number is read from the analysis (``a.result``, ``a.robustness``, ``a.lift.path``,
``a.brief``, ``a.participation``) and the methodology (input window, ``[stages]``); the date of
the memo is the date of the data (:func:`iid_analysis.analyses.agenda.data_date`), never today.
"""

from __future__ import annotations

import datetime as dt
import re

from iid_analysis.analyses.agenda import data_date, deadline_status, input_closed, stages_ahead
from iid_analysis.methodology.loader import available_years, load_methodology
from iid_analysis.methodology.model import PREDICATES
from iid_analysis.report.prose import count_of, listing, paragraphs, pct, rank
from iid_analysis.report.prose_robustness import floor_note, median_note
from iid_analysis.text import fmt
from iid_analysis.text.escape import md_text

__all__ = ["MAX_DECISIONS", "addressee", "memo_markdown", "period_text", "region_label"]

MAX_DECISIONS = 5
SPD_OWNER = "Pemerintah daerah (SPD)"  # the opd_name the gap tables give the region's own answers
_TITLES = {"kota": ("Wali Kota", "Kota"), "kabupaten": ("Bupati", "Kabupaten"),
           "provinsi": ("Gubernur", "Provinsi")}
_STATUS_WORDS = {"official": "resmi", "reported": "dilaporkan", "assumed": "diasumsikan"}


def _kind(region: dict | None) -> str:
    kind = str((region or {}).get("kind") or "").strip().casefold()
    name = str((region or {}).get("name") or "").strip().casefold()
    if kind in _TITLES:
        return kind
    for k, prefixes in (("kabupaten", ("kabupaten ", "kab. ", "kab ")), ("kota", ("kota ",)),
                        ("provinsi", ("provinsi ",))):
        if name.startswith(prefixes):
            return k
    return ""


def _bare_name(name: str) -> str:
    """The region's name without its kind: "Kota Pekalongan" → "Pekalongan"."""
    return re.sub(r"^(kota|kabupaten|kab\.?|provinsi)\s+", "", name.strip(), flags=re.IGNORECASE).strip()


def region_label(region: dict | None) -> str:
    """The region's name as given (escaped), or "" when the data have no region table."""
    return md_text(str((region or {}).get("name") or "").strip())


def _head_title(region: dict | None) -> str:
    """"Wali Kota", "Bupati", "Gubernur", or "Kepala Daerah" when the kind is unknown."""
    kind = _kind(region)
    return _TITLES[kind][0] if kind else "Kepala Daerah"


def addressee(region: dict | None) -> str:
    """"Wali Kota Pekalongan", "Bupati Contoh", "Gubernur Jawa Tengah", or "Kepala Daerah" (escaped)."""
    name = str((region or {}).get("name") or "").strip()
    kind = _kind(region)
    if not name or not kind:
        return "Kepala Daerah"
    bare = _bare_name(name) or name
    return f"{_TITLES[kind][0]} {md_text(bare)}"


def period_text(start: dt.date, end: dt.date, precision: str) -> str:
    """``23–25 November 2021``, ``29 Desember 2021``, ``September–Oktober 2021``, ``November 2021``."""
    months = [fmt.date(dt.date(2000, m, 1)).split(" ")[1] for m in range(1, 13)]
    if precision == "day":
        if start == end:
            return fmt.date(start)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{fmt.date(end)}"
        return f"{fmt.date(start)} – {fmt.date(end)}"
    m0, m1 = months[start.month - 1], months[end.month - 1]
    if (start.year, start.month) == (end.year, end.month):
        return f"{m0} {start.year}"
    if start.year == end.year:
        return f"{m0}–{m1} {end.year}"
    return f"{m0} {start.year} – {m1} {end.year}"


def _opd_names(names, limit: int = 2) -> str:
    """The first ``limit`` OPD names (escaped), then "dan N OPD lain"."""
    names = [str(n) for n in dict.fromkeys(names) if str(n).strip()]
    shown = [("Bappeda (indikator SPD)" if n == SPD_OWNER else md_text(n)) for n in names[:limit]]
    rest = len(names) - limit
    if rest > 0:
        shown.append(f"{count_of(rest, 'OPD')} lain")
    return listing(shown, ";")


def _deadline(m) -> str:
    d = fmt.date(m.input_deadline)
    return d + (" (diasumsikan)" if deadline_status(m) == "assumed" else "")


def _next_edition(year: int) -> str:
    """"pembukaan pengisian edisi 2022 (1 Mei 2022, diasumsikan)" or "edisi 2028"."""
    nxt = year + 1
    if nxt not in available_years():
        return f"awal edisi {nxt}"
    m = load_methodology(nxt)
    status = next((n.status for n in m.numbers if n.key == "input_window.opens"), "assumed")
    tail = ", diasumsikan" if status == "assumed" else ""
    return f"pembukaan pengisian edisi {nxt} ({fmt.date(m.input_opens)}{tail})"


def _stage_start(m, key: str) -> str:
    s = next((s for s in m.stages if s.key == key), None)
    if s is None:
        return ""
    when = fmt.date(s.start) if s.precision == "day" else period_text(s.start, s.start, "month")
    return when + (" (diasumsikan)" if s.status == "assumed" else "")


def _decision(title: str, body: str, owner: str, when: str) -> str:
    return f"**{title}.** {body} *Penanggung jawab:* {owner}. *Tenggat:* {when}."


def _chance(a, predicate: str) -> float:
    """The simulated probability of ``predicate`` (1 without a simulation)."""
    probs = getattr(a.robustness, "predicate_probabilities", None)
    return 1.0 if not probs else float(probs.get(predicate, 0.0))


def _with_predicate(a, iid: float) -> str:
    """"60,01 (Sangat Inovatif)", the predikat left out when the simulation gives it no chance."""
    pred = a.methodology.predicate(float(iid))
    return f"{fmt.num(iid)} ({pred})" if _chance(a, pred) > 0 else fmt.num(iid)


def _claimed_ahead(a) -> bool:
    """The claimed predikat is above the verified one: the pending evidence decides it."""
    rob = a.robustness
    return rob is not None and rank(rob.predicate_claimed) > rank(a.result.predicate)


def _where(steps: list[dict]) -> str:
    """"17 inovasi dan 9 indikator SPD": where the level raises left for later are."""
    inn = {d["innovation_id"] for d in steps if d.get("innovation_id")}
    spd = {d["indicator_id"] for d in steps if not d.get("innovation_id")}
    return listing([count_of(len(inn), "inovasi") if inn else "", count_of(len(spd), "indikator SPD") if spd else ""])


def _path_decision(a, closed: bool) -> str:
    """Before the deadline: the evidence fixes still doable and the IID they reach (rescored), with
    the level raises left for the next edition; once closed: the level raises for the next edition."""
    p, r = a.lift.path or {}, a.result
    g = a.lift.gaps
    steps = [*(p.get("long_term") or []), *(p.get("later") or [])]
    later = len(steps)
    where = _where(steps)
    if not closed and p.get("n_evidence_doable"):
        ev = g[(g["kind"] == "evidence") & g["before_deadline"].astype(bool)]
        order = ev.groupby("opd_name", sort=False)["gain"].sum().sort_values(ascending=False, kind="stable")
        n_lv = (p.get("n_by_kind") or {}).get("level", 0)
        lv = (f"; dengan peningkatan capaian yang masih sempat dikejar, IID paling tinggi "
              f"{_with_predicate(a, p['iid_max'])}" if n_lv and p.get("iid_max", 0) > p["iid_evidence"] else "")
        nxt = (f" Peningkatan capaian (regulasi, replikasi) pada {where} masuk rencana "
               f"edisi {a.year + 1}." if later else "")
        return _decision("Perbaikan bukti dukung",
                         f"Perintahkan perbaikan bukti dukung {count_of(p['n_evidence_doable'], 'jawaban indikator')} "
                         f"sebelum batas akhir; bila semuanya diterima, IID hitungan ulang menjadi {_with_predicate(a, p['iid_evidence'])}"
                         f"{lv}.{nxt}",
                         _opd_names(order.index, limit=1), f"sebelum {_deadline(a.methodology)}")
    if not later or r.next_predicate is None:
        return ""
    aim = ("untuk menaikkan IID edisi berikutnya" if _claimed_ahead(a) or _chance(a, r.next_predicate) >= 0.5
           else f"agar predikat {r.next_predicate} terbuka pada edisi berikutnya")
    return _decision("Peningkatan capaian",
                     f"Masukkan peningkatan capaian (regulasi, replikasi, jumlah pengguna) pada {where} "
                     f"yang tidak dapat dikejar dalam edisi ini ke rencana kerja, {aim}.",
                     "Bappeda", f"sebelum {_next_edition(a.year)}")


def _todo_decision(a, closed: bool) -> str:
    todo = a.brief.todo
    if todo is None or not len(todo):
        return ""
    n = count_of(len(todo), "inovasi")
    owners = _opd_names(todo["opd_name"].value_counts().index, limit=1)
    if not closed:
        return _decision("Kelengkapan dokumen",
                         f"Minta kepala OPD melengkapi dokumen {n} yang sudah dinilai "
                         f"tetapi masih berstatus *lengkapi*.", f"kepala OPD: {owners}",
                         f"sebelum {_deadline(a.methodology)}")
    when = _stage_start(a.methodology, "verifikasi")
    rob = a.robustness
    stake = (f" Bila bukti itu diterima, IID menjadi {fmt.num(rob.iid_claimed)} ({rob.predicate_claimed}; "
             f"peluang {pct(_chance(a, rob.predicate_claimed))})." if _claimed_ahead(a) else "")
    return _decision("Klarifikasi saat verifikasi",
                     f"Siapkan klarifikasi bagi {n} yang sudah dinilai tetapi bukti dukungnya masih "
                     f"menunggu verifikasi (status *lengkapi*), bila diminta verifikator.{stake}",
                     f"Bappeda bersama kepala OPD: {owners}",
                     f"selama verifikasi{', mulai ' + when if when else ''}")


def _coaching_decision(a, closed: bool) -> str:
    names = a.participation.summary.get("non_participating") or []
    if not names:
        return ""
    n = count_of(len(names), "OPD")
    if not closed:
        return _decision("Keikutsertaan OPD",
                         f"Wajibkan {n} yang belum ikut serta mengusulkan sekurang-kurangnya satu inovasi "
                         f"yang sudah diterapkan.", "Sekretaris Daerah, didampingi Bappeda",
                         f"sebelum {_deadline(a.methodology)}")
    return _decision("Pembinaan OPD",
                     f"Tetapkan pendampingan bagi {n} yang belum ikut serta pada edisi ini.",
                     "Bappeda", f"sebelum {_next_edition(a.year)}")


def _flagship_decision(a) -> str:
    chosen = [c for c in (a.brief.flagships or {}).values() if c]
    if not chosen:
        return ""
    items = listing([f"*{md_text(c['name'])}* ({md_text(c['opd_name'])})" for c in chosen], ";")
    when = _stage_start(a.methodology, "presentasi")
    return _decision("Inovasi unggulan",
                     f"Setujui {items} sebagai bahan presentasi kepala daerah bila daerah masuk nomine.",
                     f"{_head_title(a.dataset.region)}; bahan disiapkan Bappeda bersama OPD pengampu",
                     f"sebelum tahap presentasi{', ' + when if when else ''}")


def _fallback_decisions(a, closed: bool) -> list[str]:
    """Decisions that always apply, used when the analysis asks fewer than three."""
    when = f"sebelum {_next_edition(a.year)}" if closed else f"sebelum {_deadline(a.methodology)}"
    return [
        _decision("Bukti dukung SPD",
                  "Pastikan setiap indikator SPD diklaim pada tingkat yang sebenarnya dengan bukti dukung "
                  "yang sah.", "Bappeda bersama OPD penyedia data", when),
        _decision("Sosialisasi IID dan IGA",
                  "Selenggarakan sosialisasi IID dan IGA bagi seluruh kepala OPD.", "Bappeda",
                  f"sebelum {_next_edition(a.year)}"),
        _decision("Target edisi berikutnya",
                  f"Tetapkan target predikat dan jumlah inovasi untuk edisi {a.year + 1}.",
                  f"{_head_title(a.dataset.region)}, disiapkan Bappeda", f"sebelum {_next_edition(a.year)}"),
    ]


def decisions(a, closed: bool) -> list[str]:
    """Three to five decisions asked of the head of region, most urgent first."""
    if closed:  # the next stages first: verification, presentation, then the next edition
        found = [_todo_decision(a, closed), _flagship_decision(a), _path_decision(a, closed),
                 _coaching_decision(a, closed)]
    else:
        found = [_path_decision(a, closed), _todo_decision(a, closed), _coaching_decision(a, closed),
                 _flagship_decision(a)]
    found = [d for d in found if d]
    for extra in _fallback_decisions(a, closed):
        if len(found) >= 3:
            break
        found.append(extra)
    return found[:MAX_DECISIONS]


def _figures(a) -> str:
    r, rob = a.result, a.robustness
    probs = getattr(rob, "predicate_probabilities", {}) or {}
    shown = [f"{p} {pct(probs[p])}" for p in PREDICATES if probs.get(p, 0) > 0]
    lines = [f"IID terverifikasi edisi {a.year}: **{fmt.num(r.iid)}**, predikat **{r.predicate}**."]
    if rob is not None:
        lines.append(f"Bila semua klaim OPD diterima, IID klaim menjadi {fmt.num(rob.iid_claimed)} "
                     f"({rob.predicate_claimed}).")
    if rob is not None and not getattr(rob, "nothing_to_simulate", False):
        lines.append(f"Median {fmt.integer(rob.draws)} undian simulasi verifikasi: {fmt.num(rob.median)}"
                     f"{median_note(rob, r.iid)}, rentang 5–95 persen {fmt.num(rob.p05)}–{fmt.num(rob.p95)}.")
    if shown:
        lines.append(f"Peluang predikat akhir: {listing(shown)}{floor_note(rob, a.methodology)}.")
        likely = max(PREDICATES, key=lambda p: probs.get(p, 0))
        if likely != r.predicate and probs.get(likely, 0) > 0.5:
            lines.append(f"Predikat {r.predicate} ini belum predikat akhir: setelah verifikasi, "
                         f"predikat yang paling mungkin adalah {likely} ({pct(probs[likely])}).")
    return " ".join(lines)


def _stage_table(m, as_of: dt.date) -> str:
    rows = stages_ahead(m, as_of)
    if not rows:
        return f"Semua tahapan IGA edisi {m.year} sudah berlalu pada tanggal data."
    body = "\n".join(f"| {md_text(s['label'])} | {period_text(s['start'], s['end'], s['precision'])} | "
                     f"{_STATUS_WORDS.get(s['status'], s['status'])} |" for s in rows)
    return ("**Tahapan IGA berikutnya**\n\n| Tahapan | Waktu | Status tanggal |\n|---|---|---|\n" + body)


def memo_markdown(a) -> str:
    """The memo as Markdown (names escaped); fits one A4 page."""
    m, region = a.methodology, a.dataset.region
    as_of = data_date(a.review.innovations, m)
    closed = input_closed(m, as_of)
    place = region_label(region)
    head = ["**NOTA DINAS**",
            f"**Kepada:** {addressee(region)}",
            f"**Dari:** Kepala Bappeda{' ' + place if place else ''}",
            f"**Nomor:** …… · **Sifat:** {'Segera' if not closed else 'Biasa'} · "
            f"**Tanggal:** {fmt.date(as_of)} (tanggal data)",
            "**Lampiran:** Laporan lengkap dan buku kerja telaah",
            f"**Perihal:** Indeks Inovasi Daerah (IID) dan Innovative Government Award (IGA) edisi {a.year}"]
    notes = []
    if not place:
        notes.append("Data tidak memuat tabel daerah, sehingga nama daerah tidak dapat disebut.")
    if not len(a.review.innovations):
        notes.append(f"Tidak ada inovasi yang diisikan untuk edisi {a.year}; IID hanya berasal dari aspek SPD.")
    if closed:
        notes.append(f"Pengisian data edisi {a.year} sudah ditutup pada {_deadline(m)}; "
                     f"keputusan di bawah menyangkut tahap berikutnya.")
    else:
        days = (m.input_deadline - as_of).days
        notes.append(f"Batas akhir pengisian: {_deadline(m)}, {count_of(days, 'hari')} lagi.")
    asks = decisions(a, closed)
    return paragraphs(
        "  \n".join(head),
        " ".join([_figures(a), *notes]),
        f"**Keputusan yang diminta dari {addressee(region)}**",
        "\n".join(f"{i}. {d}" for i, d in enumerate(asks, 1)),
        _stage_table(m, as_of),
        _signature(place),
    )


def _signature(place: str) -> str:
    """The closing signature block, name and NIP left blank to fill in."""
    return "  \n".join([f"Kepala Bappeda{' ' + place if place else ''}", "", "",
                        "……………………………… (nama)", "NIP ………………………………"])
