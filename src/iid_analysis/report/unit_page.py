"""One page per work unit (OPD): what it entered and the decision on each innovation, what to
complete and what each fix is worth, the deadline, its coaching, and its place in the city's ranking.

Every active unit gets a page, participating or not, rendered from ONE jinja2 template
(``templates/unit_page.html.j2``); the numbers come from ``a.units`` (computed in the analysis) and
are formatted here with :mod:`iid_analysis.text.fmt`. Every value the template prints passes
through :func:`iid_analysis.text.escape.html_text` (the environment's ``finalize``), except the
navigation header the package builds itself.

File names: an ``opd_id`` is user data, so the page's file name is a sanitised form of it
(:func:`unit_files`): letters, digits, ``-`` and ``_`` only, never empty, never ``..``, unique
even when two codes sanitise alike (case-insensitively, for file systems that ignore case).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from iid_analysis.analyses.agenda import data_date, input_closed
from iid_analysis.analyses.ranking import RANK_DRAWS
from iid_analysis.report.chrome import chrome_style, nav_html
from iid_analysis.report.sources import is_synthetic, region_name, source_line
from iid_analysis.text import fmt
from iid_analysis.text.escape import html_text

UNITS_DIR = "opd"  # the folder of the unit pages inside an edition's folder
INDEX_FILE = "index.html"  # the list of every unit page, inside UNITS_DIR
TEMPLATE = "unit_page.html.j2"
_MAX_STEM = 60
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul",
                     *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}

CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;color:#1d2733;margin:0;line-height:1.45}
.opd-page{max-width:62rem;margin:0 auto;padding:1rem 1.5rem 2rem}

a{color:#0b5cad}
h1{font-size:1.7rem;margin:.2rem 0 .6rem;overflow-wrap:anywhere}
h2{font-size:1.25rem;margin:1.6rem 0 .5rem;border-bottom:2px solid #9fb1c7;padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1.1rem 0 .3rem;overflow-wrap:anywhere}
.opd-kicker{color:#4a5a6a;font-size:.9rem;margin:0}
.opd-deadline{background:#fff4d6;border:2px solid #d9a400;border-radius:6px;padding:.6rem .9rem;
  font-size:1.1rem;margin:.6rem 0}
.opd-figures{margin:.4rem 0}
.opd-fig{display:inline-block;min-width:8.5rem;margin:.25rem .5rem .25rem 0;padding:.45rem .7rem;
  border:1px solid #c9d4e0;border-radius:6px;background:#f7f9fc;vertical-align:top}
.opd-fig .k{font-size:.78rem;color:#4a5a6a}.opd-fig .v{font-size:1.25rem;font-weight:bold;color:#17324d}
.opd-first{border-left:4px solid #0b5cad;padding:.1rem .9rem;margin:.8rem 0;background:#f3f7fc}
.opd-table .nw{white-space:nowrap}
.opd-table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.3rem 0 .8rem}
.opd-table.todo{table-layout:fixed}
.opd-table th.n{white-space:normal}
.opd-table th{background:#eef2f7;text-align:left;padding:.35rem .5rem;border-bottom:2px solid #9fb1c7}
.opd-table td{padding:.35rem .5rem;border-bottom:1px solid #dde3ea;vertical-align:top;overflow-wrap:anywhere}
.opd-table .n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.opd-table tr.later td{color:#5b6775;background:#fafafa}
.lvl{font-size:.8rem;color:#4a5a6a;margin-top:.15rem}
.reasons{margin:0;padding-left:1.1rem}
.dec{white-space:nowrap;font-weight:bold}.dec-lanjut{color:#1b6e2a}.dec-lengkapi{color:#9a5b00}
.dec-tidak_lanjut{color:#a3231b}
.note{font-size:.85rem;color:#4a5a6a}
.opd-invite{background:#eef6ee;border:1px solid #b7d8b9;border-radius:6px;padding:.2rem 1rem .6rem}
.opd-rank{font-size:1.05rem}
.opd-source{margin-top:2rem;border-top:1px solid #ccd;font-size:.82rem;color:#4a5a6a}
.opd-list td,.opd-list th{font-size:.92rem}
@media print{
  body{font-size:9.5pt}.opd-page{max-width:none;padding:0}
  .opd-deadline,.opd-invite,.opd-fig{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
"""  # A4, page numbers, rows kept whole, headings kept with what follows: the chrome's STYLE

DECISION_NOTE = "Memenuhi semua syarat."
LATER_NOTE = "Tidak dapat dikejar sebelum batas akhir: siapkan untuk edisi berikutnya."


# ---------------------------------------------------------------------- file names
def _stem(opd_id: str) -> str:
    s = re.sub(r"[^A-Za-z0-9_-]+", "_", str(opd_id)).strip("._-")[:_MAX_STEM].strip("._-")
    if not s or s.lower() in _WINDOWS_RESERVED:
        s = f"opd_{s}" if s else "opd"
    return s


def unit_files(ids: Iterable[str]) -> dict[str, str]:
    """``opd_id`` → the page's file name (``<safe>.html``) inside :data:`UNITS_DIR`: safe characters
    only and unique. A code that is already safe keeps its name; a clash (also one differing only
    in case) gets ``-2``, ``-3`` … — in a fixed order, so the same codes always give the same names."""
    out: dict[str, str] = {}
    taken: set[str] = {INDEX_FILE.removesuffix(".html")}
    every = sorted({str(i) for i in ids})
    for oid in [i for i in every if _stem(i) == i] + [i for i in every if _stem(i) != i]:
        base = _stem(oid)
        stem, n = base, 1
        while stem.lower() in taken:
            n += 1
            stem = f"{base}-{n}"
        taken.add(stem.lower())
        out[oid] = f"{stem}.html"
    return dict(sorted(out.items()))


def active_units(a) -> pd.DataFrame:
    """The units that get a page: ``a.units.profile`` (every active unit), in name order."""
    prof = a.units.profile
    prof = prof[prof["opd_id"].astype("string").fillna("").str.strip() != ""]
    return prof.sort_values(["name", "opd_id"], kind="mergesort").reset_index(drop=True)


def unit_links(a) -> list[tuple[str, str]]:
    """(name, path relative to the edition's folder) for every unit page, in name order."""
    prof = active_units(a)
    files = unit_files(prof["opd_id"])
    return [(_text(n) or str(o), f"{UNITS_DIR}/{files[str(o)]}")
            for o, n in zip(prof["opd_id"], prof["name"], strict=True)]


# ---------------------------------------------------------------------- rendering
@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("iid_analysis", "templates"), autoescape=False,
                       undefined=StrictUndefined, finalize=_escape, trim_blocks=True,
                       lstrip_blocks=True, keep_trailing_newline=True)


def _escape(value: object) -> object:
    return value if isinstance(value, Markup) else html_text(value)


def render_units(a) -> dict[str, str]:
    """Every active unit's page: file name (see :func:`unit_files`) → HTML."""
    template = _environment().get_template(TEMPLATE)
    prof = active_units(a)
    files = unit_files(prof["opd_id"])
    shared = _shared(a)
    entries = _by_unit(a.units.entries)
    actions = _by_unit(a.units.actions)
    ranking = a.units.ranking
    ranks = {str(r["opd_id"]): r for r in ranking.to_dict("records")}
    pages = {}
    for row in prof.to_dict("records"):
        oid = str(row["opd_id"])
        ctx = unit_context(a, row, entries.get(oid), actions.get(oid), ranks.get(oid), len(ranking), shared)
        pages[files[oid]] = template.render(**ctx)
    return pages


def page_nav(a) -> str:
    """The edition's navigation header for a page in :data:`UNITS_DIR` (HTML, escaped inside)."""
    return nav_html(a.year, region_name(a), is_synthetic(a), UNITS_DIR, depth=1,
                    extra=[(f"{UNITS_DIR}/{INDEX_FILE}", "Halaman OPD")])


def render_unit(a, opd_id: str) -> str:
    """One unit's page (for a notebook or a test)."""
    files = unit_files(active_units(a)["opd_id"])
    return render_units(a)[files[str(opd_id)]]


def _by_unit(df: pd.DataFrame) -> dict[str, pd.DataFrame]:
    if df is None or df.empty:
        return {}
    return {str(k): g for k, g in df.groupby(df["opd_id"].astype(str), sort=False)}


def _deadline_state(a) -> dict:
    """The date of the data, whether the input is still open on it and the days left."""
    m = a.methodology
    as_of = data_date(a.review.innovations, m)
    is_open = not input_closed(m, as_of)
    days = (m.input_deadline - as_of).days if is_open else 0
    left = f"data per {fmt.date(as_of)}, tinggal {fmt.count(days, 'hari')}"
    when = (_sentence(left) + "." if is_open
            else f"Data per {fmt.date(as_of)}; pengisian edisi ini sudah ditutup.")
    return {"as_of": fmt.date(as_of), "open": is_open, "days": days, "as_of_note": when, "left": left,
            "eligible": (f"Inovasi memenuhi syarat bila diterapkan antara {fmt.date(m.eligible_from)} "
                         f"dan {fmt.date(m.eligible_to)} dan sudah berada pada tahapan penerapan.")}


def _shared(a) -> dict:
    deadline = fmt.date(getattr(a.units, "deadline", None))
    return {"year": a.year, "state": _deadline_state(a), "region": region_name(a), "css": Markup(CSS),
            "chrome_style": Markup(chrome_style(region_name(a), is_synthetic(a))), "nav": Markup(page_nav(a)),
            "deadline": deadline, "source": source_line(a, "halaman OPD"),
            "deadline_note": (f"Bukti dukung dan perbaikan yang masuk sesudah {deadline} tidak "
                              "dihitung untuk edisi ini." if deadline else ""),
            "later_note": LATER_NOTE, "group_labels": _group_labels(a)}


def _group_labels(a) -> dict[str, str]:
    """Coaching group code → its label (from the coaching map's groups)."""
    g = getattr(getattr(a, "coaching", None), "groups", None)
    if g is None or g.empty or "label" not in g.columns:
        return {}
    return {_text(k): _text(v) for k, v in zip(g["group"], g["label"], strict=True) if _text(v)}


def unit_context(a, u: dict, entries: pd.DataFrame | None, actions: pd.DataFrame | None,
                 rank: dict | None, n_ranked: int, shared: dict) -> dict:
    """What the template shows for one unit, every value already formatted as text."""
    name = _text(u.get("name")) or _text(u.get("opd_id"))
    n_entered = _int(u.get("n_entered"))
    todo, first = _todo(actions)
    deadline, state = shared["deadline"], shared["state"]
    until = f" sebelum {deadline}" if deadline and state["open"] else ""
    coaching = _sentence(_text(u.get("coaching_action")))
    if not n_entered and state["open"]:  # one deadline logic: this edition is still open
        coaching = f"Bappeda mendatangi dan mendampingi OPD ini agar memasukkan satu inovasi{until}."
    ctx = dict(shared)
    ctx.update({
        "u": {"name": name},
        "figures": _figures(u, n_entered) if n_entered else [],
        "entries": _entries(entries),
        "first": first,
        "first_intro": f"Mulai dari sini: langkah yang masih dapat dikerjakan{until}, yang paling bernilai lebih dahulu.",
        "todo": todo,
        "todo_intro": ("Setiap baris adalah satu indikator pada satu inovasi: yang masih kurang, bukti "
                       "yang dihitung untuk tingkat itu, dan yang harus dilakukan. Nilai bagi IID adalah "
                       "kenaikan IID kota bila baris itu saja diselesaikan. Baris yang masih dapat "
                       "dikerjakan sebelum batas akhir ada di atas, diurutkan menurut nilainya."),
        "todo_none": ("Tidak ada yang perlu dilengkapi: semua indikator inovasi yang dinilai sudah "
                      "bernilai penuh." if _int(u.get("n_eligible")) else
                      "Tidak ada yang dapat dilengkapi untuk edisi ini: inovasi OPD ini tidak memenuhi "
                      "syarat (alasannya ada pada tabel di atas). Bappeda dapat membantu menyiapkannya "
                      "untuk edisi berikutnya."),
        "group": shared["group_labels"].get(_text(u.get("coaching_group")), _text(u.get("coaching_group"))),
        "coaching_action": coaching,
        "bimtek": _names(u.get("bimtek")) if n_entered else [],
        "bimtek_intro": ("Bappeda menawarkan bimbingan teknis (bimtek) pada indikator tempat OPD ini "
                         "paling banyak kehilangan nilai:"),
        "suggested": _names(u.get("suggested"))[:3],
        "invitation": (f"{name} belum memasukkan inovasi untuk edisi {a.year}. Satu inovasi yang "
                       "sudah diterapkan, dengan bukti dukung yang lengkap, sudah cukup untuk ikut "
                       "serta dan menambah jumlah inovasi kota."),
        "invitation_how": ((f"Pilih satu inovasi yang sudah berjalan, isi profilnya, siapkan bukti "
                            f"dukung untuk indikator-indikator itu, dan masukkan{until} ({state['left']}). "
                            f"{state['eligible']} Bappeda siap mendampingi pengisiannya.")
                           if state["open"] else
                           (f"Pengisian edisi {a.year} sudah ditutup. Pilih satu inovasi yang sudah "
                            "berjalan, isi profilnya dan siapkan bukti dukung untuk indikator-indikator itu, "
                            f"lalu masukkan pada edisi {a.year + 1}. Bappeda siap mendampingi "
                            "pengisiannya.")),
        "rank": _rank(rank, n_ranked, name),
    })
    return ctx


def _figures(u: dict, n_entered: int) -> list[tuple[str, str]]:
    figs = [("Inovasi dimasukkan", fmt.integer(n_entered)),
            ("Memenuhi syarat", fmt.integer(_int(u.get("n_eligible")))),
            ("Dinilai", fmt.integer(_int(u.get("n_scored"))))]
    mat = fmt.num(u.get("mean_maturity"))
    if mat:
        figs.append(("Rata-rata skor kematangan", mat))
    contrib = fmt.num(u.get("contribution"))
    if contrib and _int(u.get("n_scored")):
        figs.append(("Sumbangan bagi IID kota", f"{contrib} poin"))
    return figs


def _entries(df: pd.DataFrame | None) -> list[dict]:
    if df is None or df.empty:
        return []
    df = df.assign(_n=df["name"].astype("string").fillna(""), _i=df["innovation_id"].astype("string").fillna(""))
    out = []
    for r in df.sort_values(["_n", "_i"], kind="mergesort").to_dict("records"):
        decision = _text(r.get("decision"))
        out.append({
            "name": _text(r.get("name")) or _text(r.get("innovation_id")) or "(tanpa nama)",
            "stage": _text(r.get("stage_label")) or "—",
            "decision": re.sub(r"[^a-z_]", "", decision),
            "decision_label": _text(r.get("decision_label")) or "—",
            "reasons": _reasons(r.get("reasons")),
            "no_reason": DECISION_NOTE if decision == "lanjut" else "—",
            "maturity": fmt.num(r.get("maturity")) or "—",
        })
    return out


def _todo(df: pd.DataFrame | None) -> tuple[list[dict], list[dict]]:
    """Actions grouped per innovation (innovations in the order of their most valuable action;
    within one, actions before the deadline first, each by worth), and the five most valuable
    actions before the deadline over all innovations."""
    if df is None or df.empty:
        return [], []
    d = df.assign(_now=df["before_deadline"].astype("boolean").fillna(False).astype(bool),
                  _gain=pd.to_numeric(df["gain"], errors="coerce").fillna(0.0),
                  _iid=df["innovation_id"].astype(str), _ind=df["indicator_id"].astype(str))
    d = d.sort_values(["_now", "_gain", "_iid", "_ind"], ascending=[False, False, True, True],
                      kind="mergesort")
    groups: dict[str, dict] = {}
    first = []
    for r in d.to_dict("records"):
        inn = _text(r.get("innovation_name")) or r["_iid"]
        row = {
            "indicator": " ".join(x for x in (_text(r.get("indicator_id")), _text(r.get("indicator_name"))) if x),
            "missing_lower": _text(r.get("missing")) or _levels(r.get("level"), r.get("target_level")),
            "missing": _sentence(_text(r.get("missing"))) or "—",
            "evidence": _sentence(_text(r.get("evidence"))) or "—",
            "action": _sentence(_text(r.get("action"))) or "—",
            "gain": fmt.points(r["_gain"]) if r["_gain"] else "—",
            "gain_note": _sentence(_text(r.get("gain_note"))),
            "before_deadline": bool(r["_now"]),
            "later": _sentence(_text(r.get("later"))),
        }
        groups.setdefault(r["_iid"], {"name": inn, "rows": []})["rows"].append(row)
        if row["before_deadline"] and r["_gain"] > 0 and len(first) < 5:
            first.append({"innovation": inn, **row})
    return list(groups.values()), first


def _levels(level, target) -> str:
    lv, tg = _int(level, -1), _int(target, -1)
    if lv < 0 or tg < 0:
        return ""
    if lv == tg:
        return f"tingkat {lv}, bukti belum diterima"
    return f"sekarang tingkat {lv}, sasaran tingkat {tg}"


def _rank(rank: dict | None, n: int, name: str) -> dict:
    """The headline, its one-line meaning and the rank by maturity."""
    if not rank or fmt.is_missing(rank.get("rank")):
        return {"headline": "Belum masuk peringkat.",
                "meaning": ("Peringkat hanya memuat OPD yang mempunyai inovasi yang dinilai: OPD ini "
                            "belum menyumbang nilai bagi IID kota pada edisi ini."),
                "maturity": ""}
    r, lo, hi = _int(rank.get("rank")), _int(rank.get("rank_low")), _int(rank.get("rank_high"))
    head = f"Peringkat {r} dari {n} OPD menurut sumbangan bagi IID kota"
    if lo and hi and (lo, hi) != (r, r):
        head += f" (rentang {lo}–{hi})."
        meaning = (f"Bila verifikasi menerima atau menolak bukti yang masih diklaim, peringkat OPD "
                   f"ini berada di antara {lo} dan {hi} (rentang 5–95 persen dari "
                   f"{fmt.integer(RANK_DRAWS)} undian simulasi); OPD yang rentangnya "
                   "bertumpuk belum dapat dibedakan dengan pasti.")
    else:
        head += "."
        meaning = "Peringkat ini tidak berubah dalam simulasi verifikasi bukti."
    mat = ""
    if not fmt.is_missing(rank.get("rank_maturity")):
        mat = (f"Menurut rata-rata skor kematangan inovasinya ({fmt.num(rank.get('mean_maturity'))}), "
               f"{name} berada di peringkat {_int(rank.get('rank_maturity'))} dari {n}.")
    return {"headline": head, "meaning": meaning, "maturity": mat}


# ---------------------------------------------------------------------- the list of unit pages
def units_index_html(a) -> str:
    """``opd/index.html``: every unit's page with its entries and coaching group (the mapping from a
    unit to its file, for people)."""
    prof = active_units(a)
    files = unit_files(prof["opd_id"])
    labels = _group_labels(a)
    rows = "".join(
        f'<tr><td><a href="{html_text(files[str(r["opd_id"])])}">{html_text(_text(r["name"]) or r["opd_id"])}</a></td>'
        f'<td class="n">{html_text(fmt.integer(_int(r.get("n_entered"))))}</td>'
        f'<td>{html_text(labels.get(_text(r.get("coaching_group")), _text(r.get("coaching_group"))) or "—")}</td></tr>'
        for r in prof.to_dict("records"))
    dl = fmt.date(getattr(a.units, "deadline", None))
    return (f'<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Halaman OPD — Indeks Inovasi Daerah {a.year}</title>\n{chrome_style(region_name(a), is_synthetic(a))}\n"
            f"<style>{CSS}</style></head><body>\n{page_nav(a)}\n<main class=\"opd-page\">"
            f"<h1>Halaman OPD edisi {a.year}</h1>"
            + (f'<p class="opd-deadline"><strong>Batas akhir pengisian: {html_text(dl)}.</strong></p>' if dl else "")
            + "<p>Setiap OPD yang aktif mempunyai satu halaman: inovasi yang dimasukkan dan keputusan "
            "atasnya, yang perlu dilengkapi beserta nilainya bagi IID, pembinaan dari Bappeda, dan "
            "peringkatnya di kota. Setiap halaman dapat dicetak pada kertas A4.</p>"
            '<table class="opd-table opd-list"><thead><tr><th>OPD</th><th class="n">Inovasi dimasukkan</th>'
            f"<th>Kelompok pembinaan</th></tr></thead><tbody>{rows}</tbody></table>"
            f'<footer class="opd-source"><p>{html_text(source_line(a, "halaman OPD"))}</p></footer>'
            "</main></body></html>\n")


# ---------------------------------------------------------------------- small helpers
def _text(v) -> str:
    return "" if fmt.is_missing(v) else str(v).strip()


def _int(v, default: int = 0) -> int:
    try:
        return default if fmt.is_missing(v) else int(v)
    except (TypeError, ValueError):
        return default


def _sentence(s: str) -> str:
    s = s.strip()
    return s[:1].upper() + s[1:] if s else ""


def _names(v) -> list[str]:
    if v is None or isinstance(v, float) and fmt.is_missing(v):
        return []
    if isinstance(v, str):
        v = [x for x in re.split(r";\s*", v)]
    return [t for t in (_text(x) for x in v) if t]


def _reasons(v) -> list[str]:
    return [_sentence(x) for x in _names(v)]
