"""Views of page 02 (what lifts the index and how sure it is): gaps, the path to the next
predikat, the pending-evidence scenario, leave-one-out and the Monte Carlo simulation."""

from __future__ import annotations

import pandas as pd

from iid_analysis.analyses.gaps import SPD_OWNER
from iid_analysis.report import plots, present
from iid_analysis.report.prose_path import (
    PATH_METHOD_NOTE,
    break_even_sentence,
    long_term_sentence,
    path_sentence,
)
from iid_analysis.report.prose_robustness import robustness_sentences, sensitivity_sentence
from iid_analysis.report.prose_scenarios import compare_table
from iid_analysis.report.sources import source_line
from iid_analysis.report.views.common import (
    saved,
    shared,
)
from iid_analysis.text import fmt
from iid_analysis.text.escape import md_text

#: The kinds of a path step as a reader sees them.
KIND_LABELS_PATH = {"evidence": "bukti dukung", "level": "kenaikan tingkat", "innovation": "inovasi"}


def gaps_table(a, k: int = 15):
    """The largest gaps a region can close before the input deadline (outcome levels are listed
    with the path's long-term actions instead)."""
    g = a.lift.best[a.lift.best["before_deadline"].fillna(False).astype(bool)].head(k)
    g = g.assign(owner=g["innovation_name"].fillna(SPD_OWNER))
    return present.table(g, {"owner": ("Inovasi", "text"), "opd_name": ("OPD", "text"),
                             "indicator_id": ("Kode", "text"), "name": ("Indikator", "text"),
                             "action_label": ("Tindakan", "text"), "gain": ("Tambahan IID", "num"),
                             "effort_note": ("Upaya", "text")},
                         caption=f"Celah dengan tambahan IID terbesar yang dapat ditutup sebelum batas "
                                 f"akhir pengisian (paling banyak {k}, satu tindakan per jawaban)", source=source_line(a))


def gaps_by_opd_table(a):
    g = a.lift.by_opd
    return present.table(g, {"opd_name": ("OPD", "text"), "n_answers": ("Jawaban belum penuh", "int"),
                             "n_pending": ("Bukti menunggu", "int"), "n_fix": ("Bukti perlu dilengkapi", "int"),
                             "gain_documents": ("Tambahan IID dari dokumen", "num"),
                             "gain_max": ("Tambahan IID maksimum", "num")},
                         caption="Celah per OPD", max_rows=25, source=source_line(a))


def path_text(a):
    p = a.lift.path
    parts = [path_sentence(p, a.result), long_term_sentence(p), break_even_sentence(a.lift.break_even)]
    return present.markdown("\n\n".join(md_text(s) for s in parts if s)
                            + "\n\n_" + md_text(PATH_METHOD_NOTE) + "_")


def path_table(a):
    p = a.lift.path
    acts = pd.DataFrame(p["actions"])
    if acts.empty:
        return present.markdown("Tidak ada tindakan yang perlu dicantumkan.")
    new = acts["kind"] == "innovation"
    acts = acts.assign(
        owner=acts["innovation_name"].where(acts["innovation_name"].notna(),
                                            pd.Series(["(inovasi baru)" if x else SPD_OWNER for x in new],
                                                      index=acts.index)),
        what=[f"{i} {n}" if isinstance(i, str) and i else str(n or "") for i, n in
              zip(acts["indicator_id"], acts["indicator_name"], strict=True)],
        kind_label=acts["kind"].map(KIND_LABELS_PATH),
    )
    return present.table(acts, {"owner": ("Inovasi", "text"), "opd_name": ("OPD", "text"),
                                "what": ("Indikator", "text"), "kind_label": ("Jenis tindakan", "text"),
                                "action_label": ("Tindakan", "text"), "gain": ("Tambahan IID", "num")},
                         caption=f"Langkah sebelum batas akhir pengisian menuju "
                                 f"{p.get('target_predicate') or 'predikat berikutnya'}",
                         max_rows=20, source=source_line(a))


def _value_text(v) -> str:
    """A number the Indonesian way, or the text as it is (for mixed columns)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return "" if fmt.is_missing(v) else str(v)
    return fmt.integer(v) if float(v).is_integer() and abs(v) >= 1000 else fmt.num(v)


def _change_text(v) -> str:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return "" if fmt.is_missing(v) else str(v)
    return fmt.points(v)


def whatif_pending_accepted(a):
    """What if every pending document were accepted? Before and after, side by side."""
    c = compare_table(a.result, a.lift.pending_accepted)
    c = c.assign(before=c["before"].map(_value_text), after=c["after"].map(_value_text),
                 change=c["change"].map(_change_text))
    return present.table(c, {"label": ("Ukuran", "text"), "before": ("Sekarang", "text"),
                             "after": ("Jika bukti menunggu diterima", "text"), "change": ("Perubahan", "text"),
                             "why": ("Mengapa", "text")},
                         caption=f"Skenario: {fmt.integer(len(a.lift.pending_changes))} bukti yang menunggu "
                                 f"verifikasi diterima", source=source_line(a))


def certainty_figures(a):
    """The three numbers a head of Bappeda needs on one line: the verified IID, the IID if every
    claim were accepted, the simulated interval, and the chance of the current predikat."""
    r, rob = a.result, a.robustness
    tiles = [("IID terverifikasi", fmt.num(r.iid)), ("IID bila semua klaim diterima", fmt.num(rob.iid_claimed))]
    if not rob.nothing_to_simulate:
        iv = rob.interval
        tiles.append(("Rentang simulasi 5–95%", f"{fmt.num(iv['p5'])}–{fmt.num(iv['p95'])}"))
    for pred, p in rob.predicate_probabilities.items():
        if p > 0:
            tiles.append((f"Peluang {pred}", fmt.pct(p)))
    return present.key_figures(tiles)


def robustness_text(a):
    r = a.robustness
    return present.sentences(robustness_sentences(r))


def sensitivity_text(a):
    return present.sentences([sensitivity_sentence(a.sensitivity)])


def sensitivity_figure(a, output_dir=None):
    """What the uncertainty comes from: total Sobol index per source (largest first)."""
    s = a.sensitivity
    if s.nothing_to_analyse:
        return present.markdown("")
    fig = plots.hbar(s.table, "label", "total", f"Dari mana ketidakpastian IID {a.year} berasal",
                     "Indeks Sobol total (porsi ragam IID)", value_format=fmt.num,
                     source=source_line(a, f"analisis sensitivitas Sobol, {fmt.integer(s.runs)} kali model dijalankan"))
    return saved(fig, output_dir, "asal_ketidakpastian")


def sensitivity_table(a):
    s = a.sensitivity
    return present.table(s.table, {"label": ("Sumber ketidakpastian", "text"),
                                   "first_order": ("Indeks orde pertama", "num"),
                                   "first_order_conf": ("± (95%)", "num"),
                                   "total": ("Indeks total", "num"), "total_conf": ("± (95%) ", "num")},
                         caption=f"Indeks Sobol (SALib): N = {fmt.integer(s.n)}, "
                                 f"{fmt.integer(s.runs)} kali model dijalankan", source=source_line(a))


def robustness_check(a) -> str:
    r = a.robustness
    probs = ", ".join(f"{k} {v:.2f}" for k, v in r.predicate_probabilities.items() if v > 0)
    return f"Monte Carlo {a.year} ({r.draws} tarikan, benih {r.seed}): median {r.median:.1f}; {probs}"


def robustness_figure(a, output_dir=None):
    r = a.robustness
    if r.nothing_to_simulate:
        return present.markdown("")
    m = a.result.methodology
    edges = [(b.low, f"{b.predicate} ≥ {fmt.num(b.low)}") for b in m.bands if 1 <= b.low < 100]
    fig = plots.histogram(r.iids, f"Sebaran IID {a.year} dalam {fmt.integer(r.draws)} simulasi", "IID",
                          edges=edges, marker=(a.result.iid, f"IID terverifikasi {fmt.num(a.result.iid)}"),
                          ylabel="Jumlah simulasi",
                          source=source_line(a, f"simulasi Monte Carlo, {fmt.integer(r.draws)} kali"))
    return saved(fig, output_dir, "ketahanan")


def probabilities_figure(a, output_dir=None):
    r = a.robustness
    labels = list(r.predicate_probabilities)
    shares = [r.predicate_probabilities[k] for k in labels]
    title = f"Peluang predikat edisi {a.year}"
    src = source_line(a, f"simulasi Monte Carlo, {fmt.integer(r.draws)} kali")
    return shared(output_dir, "peluang_predikat", title, (labels, shares, src), lambda: plots.shares(
        labels, shares, title, [plots.PREDICATE_COLOURS[k] for k in labels], source=src), code=__file__)


def sources_table(a):
    return present.table(a.robustness.sources, {"label": ("Sumber ketidakpastian", "text"),
                                                "p_differs": ("Peluang predikat berubah", "pct"),
                                                "mean_shift": ("Geseran rata-rata IID", "points"),
                                                "share_below": ("Simulasi di bawah IID", "pct"),
                                                "share_above": ("Simulasi di atas IID", "pct"),
                                                "p05": ("IID persentil 5", "num"), "p95": ("IID persentil 95", "num")},
                         caption="Satu sumber pada satu waktu: ke arah mana setiap sumber menggeser IID", source=source_line(a))


def loo_table(a, by: str = "opd"):
    t = a.lift.leave_one_out.head(12)
    return present.table(t, {"name": ("OPD" if by == "opd" else "Inovasi", "text"),
                             "n_removed": ("Inovasi dinilai", "int"), "iid_without": ("IID tanpa", "num"),
                             "delta": ("Perubahan IID", "points"), "predicate_without": ("Predikat tanpa", "text")},
                         caption="Siapa yang menopang kota: IID bila satu OPD tidak ikut", source=source_line(a))


def gains_figure(a, output_dir=None, top: int = 10):
    """The IID points each OPD would add by completing its documents (the ``top`` largest)."""
    t = a.lift.by_opd.sort_values(["gain_documents", "opd_name"], ascending=[False, True], kind="mergesort")
    t = t[t["gain_documents"] > 0].head(top)
    fig = plots.hbar(t, "opd_name", "gain_documents", f"Tambahan IID bila dokumen dilengkapi, per OPD (edisi {a.year})",
                     "Poin IID", value_format=fmt.num, source=source_line(a))
    return saved(fig, output_dir, "tambahan_dokumen")
