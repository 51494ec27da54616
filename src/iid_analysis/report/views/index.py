"""Views of page 02 (the index): key figures, the formula with the edition's numbers, the
breakdown, maturity, one innovation point by point, the SPD points, OPD contributions, the
like-for-like comparison and the assumptions."""

from __future__ import annotations

import pandas as pd

from iid_analysis.analyses.coaching import maturity_threshold
from iid_analysis.report import plots, present
from iid_analysis.report.assumptions import assumptions_markdown
from iid_analysis.report.sources import source_line
from iid_analysis.report.views.common import (
    EVIDENCE_LABELS,
    KIND_LABELS,
    label,
    saved,
    shared,
)
from iid_analysis.text import fmt


def index_figures(a):
    r, m = a.result, a.result.methodology
    estimate = m.frame_edition != m.year  # e.g. 2020: its own scale, shown under another frame
    return present.key_figures([
        (f"IID (perkiraan kerangka {m.frame_edition})" if estimate else "IID terverifikasi", fmt.num(r.iid)),
        ("IID bila semua klaim diterima", fmt.num(a.robustness.iid_claimed)),
        (f"Predikat (pita {m.frame_edition})" if estimate else "Predikat", r.predicate),
        ("SPD", f"{fmt.num(r.spd)} / {fmt.num(r.methodology.max_spd)}"),
        ("SID", f"{fmt.num(r.sid)} / {fmt.num(m.max_sid_per_innovation + m.max_count_score)}"),
        ("Inovasi dinilai", fmt.integer(r.n)),
        ("Menuju predikat berikutnya",
         f"{fmt.num(r.distance_to_next)} poin IID" if r.next_predicate else "sudah tertinggi"),
    ])


def index_check(a) -> str:
    """One line of rounded key figures (checked by nbval)."""
    r = a.result
    return (f"IID {a.year}: {r.iid:.2f} ({r.predicate}); SPD {r.spd:.2f}; SID {r.sid:.2f}; "
            f"n = {r.n}; total {r.total:.2f} / {r.max_total:.0f}")


def formula_text(a):
    r, m = a.result, a.result.methodology
    return present.markdown(
        f"IID = (SPD + SID) ÷ {fmt.num(r.max_total, 0)} × 100, dengan SPD = {fmt.num(r.spd)}, "
        f"SID = {fmt.num(r.sid_sum)} ÷ {fmt.integer(r.divisor)} (jumlah poin SID dibagi "
        f"MAX({m.divisor_min}, n)) + skor jumlah inovasi {fmt.num(r.count_score)} "
        f"({fmt.num(m.count_score_per_innovation)} × min(n; {fmt.integer(m.count_score_cap)}), "
        f"n = {fmt.integer(r.n)}"
        + ("; tidak diberikan karena syarat cakupan urusan pelayanan dasar belum terpenuhi"
           if r.count_score_gated else "") + "). "
        f"Total {fmt.num(r.total)} → IID **{fmt.num(r.iid)}**, predikat **{r.predicate}**."
    )


def breakdown_table(a):
    """The breakdown by aspect and variable, with one line under it on rounding: each row is
    rounded on its own, so the printed contributions may add up to a hundredth or two off the IID."""
    b = a.result.breakdown
    table = present.table_html(b, {"aspect": ("Aspek", "text"), "variable": ("Variabel", "text"),
                                   "points": ("Poin", "num"), "max_points": ("Poin maksimum", "num"),
                                   "contribution": ("Sumbangan ke IID", "num")},
                               caption="Rincian menurut aspek dan variabel", source=source_line(a))
    return present.HTML(f'{table}<p class="{present.IGNORE}">{rounding_note(b, a.result.iid)}</p>')


def rounding_note(breakdown: pd.DataFrame, iid: float) -> str:
    """The one line under the breakdown: the rows are rounded separately (with both sums when the
    rounded rows do not add up to the IID shown)."""
    shown = sum(round(float(x), 2) for x in breakdown["contribution"])  # as fmt.num prints each
    note = "Setiap baris dibulatkan sendiri-sendiri"
    if fmt.num(shown) != fmt.num(iid):
        return (f"{note}, sehingga jumlah sumbangan yang tertulis ({fmt.num(shown)}) dapat berbeda "
                f"sedikit dari IID ({fmt.num(iid)}).")
    return f"{note}; jumlahnya sama dengan IID ({fmt.num(iid)})."


def breakdown_figure(a, output_dir=None):
    b = a.result.breakdown.assign(label=lambda d: d["aspect"] + " · " + d["variable"])
    fig = plots.hbar(b.sort_values("contribution", ascending=False, kind="mergesort"), "label", "contribution",
                     f"Sumbangan tiap variabel ke IID {a.year}", "Poin IID", value_format=fmt.num,
                     source=source_line(a))
    return saved(fig, output_dir, "rincian")


def innovations_table(a):
    t = a.result.innovations[a.result.innovations["scored"]].sort_values(
        ["maturity", "innovation_id"], ascending=[False, True], kind="mergesort")
    t = t.assign(kind_label=label(t["kind"], KIND_LABELS),
                 opd_name=t["opd_id"].map(_opd_names(a)).fillna(t["opd_id"]))
    return present.table(t, {"innovation_id": ("ID", "text"), "name": ("Inovasi", "text"),
                             "opd_name": ("OPD", "text"), "kind_label": ("Jenis", "text"),
                             "claimed_maturity": ("Kematangan diklaim", "num"),
                             "maturity": ("Skor kematangan", "num")},
                         caption=f"Inovasi yang dinilai (skor kematangan, maksimum "
                                 f"{fmt.num(a.result.methodology.max_sid_per_innovation, 0)})", source=source_line(a))


def not_scored_table(a):
    t = a.result.innovations[~a.result.innovations["scored"]]
    return present.table(t, {"innovation_id": ("ID", "text"), "name": ("Inovasi", "text"),
                             "why_not": ("Mengapa tidak dinilai", "text")},
                         caption="Inovasi yang tidak dinilai", max_rows=40, source=source_line(a))


def maturity_figure(a, output_dir=None):
    """Maturity scores of the scored innovations on the whole scale (0 to the edition's maximum),
    with the mean and the coaching threshold (pages 02 and 03: drawn once per run)."""
    inn = a.result.innovations
    scored = inn["scored"].fillna(False).astype(bool) if "scored" in inn else pd.Series(True, index=inn.index)
    m = pd.to_numeric(inn.loc[scored, "maturity"], errors="coerce").dropna().astype(float)
    top = float(a.result.methodology.max_sid_per_innovation)
    line = maturity_threshold(a.result.methodology)
    title = f"Sebaran skor kematangan inovasi yang dinilai, edisi {a.year}"
    src = source_line(a, f"skor maksimum {fmt.num(top, 0)} per inovasi")
    mean = (float(m.mean()), f"rata-rata {fmt.num(m.mean())}") if len(m) else None
    threshold = (line, f"ambang pembinaan {fmt.num(line)}")

    def draw():
        return plots.histogram(m.to_numpy(), title, f"Skor kematangan (0–{fmt.num(top, 0)})", marker=mean,
                               bins=[top * k / 20 for k in range(21)], xlim=(0.0, top), threshold=threshold,
                               ylabel="Jumlah inovasi", source=src)

    return shared(output_dir, "kematangan", title, (list(m), top, line, src), draw, code=__file__)


def opd_scores_table(a):
    t = a.result.opd[a.result.opd["entered"] > 0].sort_values(
        ["sid_points", "name"], ascending=[False, True], kind="mergesort")
    return present.table(t, {"name": ("OPD", "text"), "entered": ("Dimasukkan", "int"),
                             "scored": ("Dinilai", "int"), "mean_maturity": ("Rata-rata kematangan", "num"),
                             "share_sid_points": ("Porsi poin SID", "pct")},
                         caption="Sumbangan OPD", source=source_line(a))


def _opd_names(a) -> dict:
    o = a.dataset.opd
    return dict(zip(o["opd_id"].astype(str), o["name"].astype(str), strict=False))


def points_explained(a, innovation_id: str | None = None):
    """Point by point for one innovation (default: the most mature scored one)."""
    inn = a.result.innovations[a.result.innovations["scored"]]
    if innovation_id is None:
        if inn.empty:
            return present.markdown("Tidak ada inovasi yang dinilai.")
        innovation_id = inn.sort_values(["maturity", "innovation_id"], ascending=[False, True],
                                        kind="mergesort")["innovation_id"].iloc[0]
    p = a.result.points
    p = p[(p["aspect"] == "SID") & (p["innovation_id"] == innovation_id)]
    p = p.assign(status_label=label(p["evidence_status"], EVIDENCE_LABELS))
    name = inn.loc[inn["innovation_id"] == innovation_id, "name"]
    cap = f"Poin per indikator: {innovation_id} {name.iloc[0] if len(name) else ''}"
    return present.table(p, {"indicator_id": ("Kode", "text"), "name": ("Indikator", "text"),
                             "level": ("Tingkat", "int"), "status_label": ("Bukti", "text"),
                             "weight": ("Bobot", "num1"), "points": ("Poin", "num"),
                             "max_points": ("Maks", "num"), "reason": ("Keterangan", "text")}, caption=cap, source=source_line(a))


def spd_points_table(a):
    p = a.result.points[a.result.points["aspect"] == "SPD"]
    p = p.assign(status_label=label(p["evidence_status"], EVIDENCE_LABELS))
    return present.table(p, {"indicator_id": ("Kode", "text"), "name": ("Indikator", "text"),
                             "level": ("Tingkat", "int"), "status_label": ("Bukti", "text"),
                             "weight": ("Bobot", "num1"), "points": ("Poin", "num"),
                             "reason": ("Keterangan", "text")},
                         caption="Poin SPD (satuan pemerintah daerah)", source=source_line(a))


def like_for_like_table(a):
    """The edition scored with its own frame and with the common frame, side by side."""
    other, frame_year = a.comparison.result, a.comparison.frame_year
    rows = pd.DataFrame([
        {"frame": f"Metodologi {a.result.methodology.year} (edisi sendiri)", "iid": a.result.iid,
         "predicate": a.result.predicate, "spd": a.result.spd, "sid": a.result.sid},
        {"frame": f"Kerangka {frame_year} (perbandingan setara)", "iid": other.iid,
         "predicate": other.predicate, "spd": other.spd, "sid": other.sid},
    ])
    return present.table(rows, {"frame": ("Kerangka", "text"), "iid": ("IID", "num"),
                                "predicate": ("Predikat", "text"), "spd": ("SPD", "num"), "sid": ("SID", "num")},
                         caption="Perbandingan setara antarkerangka", source=source_line(a))


def assumptions_table(a):
    """Every assumed number of the edition's methodology in words, with sources (as in the report)."""
    return present.markdown(assumptions_markdown(a.methodology, a.dataset, a.review, a.robustness))
