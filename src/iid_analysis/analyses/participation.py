"""Participation: who takes part, who drops out where, whom to coach.

Functions take a desk review (:class:`~iid_analysis.review.desk.Review`) and, where scores are
needed, an :class:`~iid_analysis.scoring.compute.IndexResult`, and return tidy data (DataFrames, dicts,
lists of sentences). Nothing here draws: ``plots.py`` draws these frames, the notebooks show them.

Conventions shared by every function:

* "entered" counts rows of ``review.innovations`` (every row of the edition, broken and duplicated
  ones included), so the city's funnel starts at ``Review.counts()["n_submitted"]``.
* An OPD is *active* in an edition when ``active_from`` (empty: always) ≤ year ≤ ``active_to``
  (empty: still active). Only active units count in ``n_opd``; an active unit *participates* when it
  entered at least one innovation in that edition.
* Tables per OPD are sorted by OPD name, then ``opd_id`` (stable, deterministic).
* Indonesian text is built with :mod:`iid_analysis.text.fmt`; a sentence whose number is missing is
  left out rather than printed with a blank.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from iid_analysis.io.schema import ENUMS
from iid_analysis.text import fmt

if TYPE_CHECKING:  # pragma: no cover - typing only; keeps the import light
    from iid_analysis.methodology import Methodology
    from iid_analysis.review.desk import Review
    from iid_analysis.scoring.compute import IndexResult

__all__ = [
    "AFFAIR_ALIASES",
    "COACHING_GROUPS",
    "FUNNEL_STEPS",
    "MAIN_AFFAIRS",
    "MATURITY_THRESHOLD_SHARE",
    "PERIODS",
    "bimtek_priorities",
    "coaching_groups",
    "coaching_map",
    "composition",
    "funnel",
    "funnel_by_opd",
    "indicator_heatmap",
    "maturity_threshold",
    "missing_affairs",
    "opd_participation",
    "participation_summary",
    "results_fields",
    "timeline",
    "timeline_summary",
    "trend_sentences",
    "trends",
]

# --------------------------------------------------------------------------- constants

#: Funnel steps, in order: code → Indonesian label. Each step is a subset of the one before,
#: except ``scored`` (see :func:`funnel`).
FUNNEL_STEPS: dict[str, str] = {
    "entered": "Diinput OPD",
    "in_window": "Diterapkan dalam periode penilaian",
    "stage_counted": "Tahapan dihitung",
    "eligible": "Memenuhi syarat",
    "lanjut": "Bukti lengkap (lanjut)",
    "scored": "Dinilai dalam indeks",
}

#: The project's own maturity band for the coaching map: an OPD is "mature" when the mean maturity
#: (skor kematangan, Σ valid SID points per innovation) of its scored innovations reaches this
#: share of the maximum per innovation (111 in the 2023 frame → 55,5). There is no official maturity
#: band (iid-reference §2); half the maximum is a plain, explainable line: an innovation at or above
#: it proves, on average, level 1.5 of 3 on every indicator. Published example for scale: Kab. Tegal
#: averaged 52,04 in 2023 (just below) and 79,69 in 2024 (well above).
MATURITY_THRESHOLD_SHARE: float = 0.5

#: Main government affairs (urusan pemerintahan) of a kota, for :func:`missing_affairs`.
MAIN_AFFAIRS: tuple[str, ...] = (
    "Pendidikan",
    "Kesehatan",
    "Pekerjaan Umum dan Penataan Ruang",
    "Perumahan dan Kawasan Permukiman",
    "Ketenteraman dan Ketertiban Umum",
    "Sosial",
    "Tenaga Kerja",
    "Pemberdayaan Perempuan dan Perlindungan Anak",
    "Pangan",
    "Lingkungan Hidup",
    "Administrasi Kependudukan dan Pencatatan Sipil",
    "Pemberdayaan Masyarakat dan Desa",
    "Pengendalian Penduduk dan KB",
    "Perhubungan",
    "Komunikasi dan Informatika",
    "Koperasi dan UKM",
    "Penanaman Modal",
    "Kepemudaan dan Olahraga",
    "Kebudayaan",
    "Perpustakaan",
    "Kearsipan",
    "Kelautan dan Perikanan",
    "Pariwisata",
    "Pertanian",
    "Perdagangan",
    "Perindustrian",
    "Keuangan",
    "Kepegawaian",
    "Perencanaan",
    "Pengawasan",
)

#: Other spellings of a main affair found in the data (official long names, common short forms).
#: Matching ignores case, punctuation and "&" vs "dan" (see :func:`missing_affairs`).
AFFAIR_ALIASES: dict[str, tuple[str, ...]] = {
    "Pekerjaan Umum dan Penataan Ruang": ("Pekerjaan Umum", "PUPR"),
    "Ketenteraman dan Ketertiban Umum": (
        "Ketentraman dan Ketertiban Umum",
        "Ketenteraman dan Ketertiban Umum serta Pelindungan Masyarakat",
        "Ketenteraman dan Ketertiban Umum serta Perlindungan Masyarakat",
        "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat",
        "Trantibum",
    ),
    "Tenaga Kerja": ("Ketenagakerjaan",),
    "Administrasi Kependudukan dan Pencatatan Sipil": (
        "Kependudukan dan Pencatatan Sipil", "Kependudukan dan Catatan Sipil", "Kependudukan",
        "Adminduk",
    ),
    "Pemberdayaan Masyarakat dan Desa": ("Pemberdayaan Masyarakat",),
    "Pengendalian Penduduk dan KB": ("Pengendalian Penduduk dan Keluarga Berencana",),
    "Komunikasi dan Informatika": ("Kominfo",),
    "Koperasi dan UKM": (
        "Koperasi, Usaha Kecil dan Menengah", "Koperasi dan Usaha Kecil Menengah",
        "Koperasi dan Usaha Mikro, Kecil dan Menengah", "Koperasi dan UMKM",
    ),
    "Penanaman Modal": ("Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "Penanaman Modal dan PTSP"),
    "Kelautan dan Perikanan": ("Perikanan",),
    "Keuangan": ("Keuangan Daerah", "Pengelolaan Keuangan Daerah"),
    "Kepegawaian": ("Kepegawaian, Pendidikan dan Pelatihan", "Pendidikan dan Pelatihan"),
    "Perencanaan": ("Perencanaan Pembangunan", "Perencanaan Pembangunan Daerah"),
}

#: Periods of the input window used by :func:`timeline`: code → Indonesian label.
PERIODS: dict[str, str] = {
    "sebelum_dibuka": "Sebelum masa input dibuka",
    "masa_input": "Masa input",
    "perpanjangan": "Masa perpanjangan",
    "terlambat": "Setelah batas akhir",
}

#: Coaching groups in order (from least to most ready): code → Indonesian label and action.
#: The rule texts depend on the maturity threshold and are built by :func:`_group_texts`.
COACHING_GROUPS: dict[str, dict[str, str]] = {
    "tidak_ikut": {
        "label": "Belum ikut serta",
        "action": (
            "Datangi dan dampingi OPD: jelaskan apa yang dihitung sebagai inovasi daerah "
            "(PP 38/2017; tidak harus digital), bantu mengenali satu pembaruan yang sudah "
            "diterapkan, dan minta minimal satu inovasi pada edisi berikutnya."
        ),
    },
    "tidak_memenuhi": {
        "label": "Ikut, belum memenuhi syarat",
        "action": (
            "Jelaskan syarat kelayakan (diterapkan dalam periode penilaian, tahap penerapan, "
            "belum pernah diikutkan, input tepat waktu); arahkan inovasi tahap inisiatif atau "
            "uji coba ke edisi berikutnya dan catat tanggal penerapannya."
        ),
    },
    "bukti_belum_lengkap": {
        "label": "Memenuhi syarat, bukti belum lengkap",
        "action": (
            "Bimtek penyusunan bukti dukung per indikator SID dan tindak lanjuti daftar "
            "'yang harus dilengkapi' dari telaah meja sebelum batas input."
        ),
    },
    "matang": {
        "label": "Matang",
        "action": (
            "Pertahankan dan kembangkan: dorong replikasi, video kualitas inovasi dan evaluasi "
            "eksternal; jadikan calon inovasi unggulan untuk presentasi dan mentor bagi OPD lain."
        ),
    },
}

_MISSING_LABEL = "(tidak diisi)"
_NO_OPD_LABEL = "(tanpa kode OPD)"
_MINUS = "\u2212"  # the minus sign fmt.points uses


# --------------------------------------------------------------------------- small helpers


def _flag(df: pd.DataFrame, col: str) -> pd.Series:
    """A boolean column as plain bool (missing or absent → False)."""
    if col not in df.columns:
        return pd.Series(False, index=df.index, dtype=bool)
    return df[col].astype("boolean").fillna(False).astype(bool)


def _text(s: pd.Series) -> pd.Series:
    """Stripped text with missing → ""."""
    return s.astype("string").fillna("").str.strip()


def _opd_ids(df: pd.DataFrame) -> pd.Series:
    if "opd_id" not in df.columns:
        return pd.Series("", index=df.index, dtype="string")
    return _text(df["opd_id"])


def _ratio(num: float, den: float) -> float:
    return float(num) / float(den) if den else float("nan")


def _opd_table(review: Review) -> pd.DataFrame:
    """Known OPDs (first row per non-empty opd_id): opd_id, name, kind, active (for the edition)."""
    raw = review.dataset.opd
    year = int(review.year)
    ids = _opd_ids(raw)
    names = _text(raw["name"]) if "name" in raw.columns else pd.Series("", index=raw.index)
    kind = (
        raw["kind"].astype("string") if "kind" in raw.columns else pd.Series(pd.NA, index=raw.index)
    )

    def year_col(col: str) -> pd.Series:
        if col not in raw.columns:
            return pd.Series(np.nan, index=raw.index, dtype="float64")
        return pd.to_numeric(raw[col], errors="coerce").astype("float64")

    af, at = year_col("active_from"), year_col("active_to")
    active = (af.isna() | (af <= year)) & (at.isna() | (at >= year))
    out = pd.DataFrame(
        {
            "opd_id": ids.to_numpy(),
            "name": names.where(names != "", ids).to_numpy(),
            "kind": kind.to_numpy(),
            "active": active.to_numpy(dtype=bool),
        }
    )
    out = out[out["opd_id"] != ""].drop_duplicates("opd_id", keep="first")
    return out.reset_index(drop=True)


def _sort_opd(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(["name", "opd_id"], kind="mergesort").reset_index(drop=True)


def _step_flags(review: Review) -> pd.DataFrame:
    """One row per review innovation: opd_id and a cumulative boolean per funnel step (no scored)."""
    inn = review.innovations
    in_window = _flag(inn, "in_window")
    stage = in_window & _flag(inn, "stage_counted")
    eligible = stage & _flag(inn, "eligible")
    decision = _text(inn["decision"]) if "decision" in inn.columns else pd.Series("", index=inn.index)
    lanjut = eligible & (decision == "lanjut")
    return pd.DataFrame(
        {
            "opd_id": _opd_ids(inn),
            "entered": pd.Series(True, index=inn.index, dtype=bool),
            "in_window": in_window,
            "stage_counted": stage,
            "eligible": eligible,
            "lanjut": lanjut,
        },
        index=inn.index,
    )


def _scored_maturity(result: IndexResult | None) -> pd.DataFrame:
    """Scored innovations of a result: opd_id, maturity (float)."""
    if result is None:
        return pd.DataFrame({"opd_id": pd.Series(dtype="string"), "maturity": pd.Series(dtype=float)})
    inn = result.innovations
    scored = _flag(inn, "scored")
    mat = pd.to_numeric(inn["maturity"], errors="coerce").astype("float64")
    return pd.DataFrame({"opd_id": _opd_ids(inn)[scored], "maturity": mat[scored].fillna(0.0)})


# --------------------------------------------------------------------------- funnel


def funnel(review: Review, result: IndexResult | None = None) -> pd.DataFrame:
    """The city's funnel for the edition.

    Steps (cumulative): ``entered`` (rows of the edition) → ``in_window`` (implementation date in the
    methodology's window) → ``stage_counted`` (and a stage the index counts) → ``eligible`` (every
    eligibility rule) → ``lanjut`` (eligible and the desk decision is *lanjut*: evidence complete)
    → ``scored`` (``result.n``; only when ``result`` is given).

    ``scored`` is what the index counts. The index scores every eligible innovation, those still
    to be completed (*lengkapi*) too, with unproven claims at 0 points — so ``scored`` can exceed
    ``lanjut`` and its ``drop_from_previous`` is then negative.

    Columns: step (code), label (Indonesian), count (int), share_of_entered (float, NaN when nothing
    was entered), drop_from_previous (int; 0 for the first step).
    """
    flags = _step_flags(review)
    counts = {step: int(flags[step].sum()) for step in list(FUNNEL_STEPS)[:-1]}
    if result is not None:
        counts["scored"] = int(result.n)
    return _funnel_frame(counts)


def _funnel_frame(counts: dict[str, int]) -> pd.DataFrame:
    steps = [s for s in FUNNEL_STEPS if s in counts]
    values = np.array([counts[s] for s in steps], dtype="int64")
    entered = values[0] if len(values) else 0
    drop = np.concatenate([[0], values[:-1] - values[1:]]) if len(values) else values
    share = values / entered if entered else np.full(len(values), np.nan)
    return pd.DataFrame(
        {
            "step": pd.array(steps, dtype="string"),
            "label": pd.array([FUNNEL_STEPS[s] for s in steps], dtype="string"),
            "count": values,
            "share_of_entered": share.astype("float64"),
            "drop_from_previous": drop.astype("int64"),
        }
    )


def funnel_by_opd(review: Review, result: IndexResult | None = None) -> pd.DataFrame:
    """The funnel per OPD, wide: opd_id, name, active, then one count column per step.

    Rows: every OPD active in the edition, plus any unit that entered something without being an
    active, known OPD (``active`` False; entries with no OPD code under ``opd_id`` "" and the name
    "(tanpa kode OPD)"), so the columns add up to :func:`funnel`'s counts (``scored`` when the
    result's innovations carry the same OPD codes). Sorted by name, then opd_id.
    """
    flags = _step_flags(review)
    steps = list(FUNNEL_STEPS)[:-1]
    per = flags.groupby("opd_id", sort=True)[steps].sum().astype("int64")
    if result is not None:
        sm = _scored_maturity(result)
        per["scored"] = sm.groupby("opd_id").size().reindex(per.index, fill_value=0).astype("int64")
        steps = [*steps, "scored"]
    opd = _opd_table(review)
    active_ids = list(opd.loc[opd["active"], "opd_id"])
    is_active = set(active_ids)
    ids = active_ids + [i for i in per.index if i not in is_active]
    names = dict(zip(opd["opd_id"], opd["name"], strict=True))
    fallback = _fallback_names(review)
    out = pd.DataFrame(
        {
            "opd_id": pd.array(ids, dtype="string"),
            "name": pd.array(
                [names.get(i) or fallback.get(i) or (i or _NO_OPD_LABEL) for i in ids], dtype="string"
            ),
            "active": np.array([i in is_active for i in ids], dtype=bool),
        }
    )
    counts = per.reindex(ids, fill_value=0)
    for s in steps:
        out[s] = counts[s].to_numpy(dtype="int64")
    return _sort_opd(out)


def _fallback_names(review: Review) -> dict[str, str]:
    """opd_id → opd_name as carried by the review's innovations (for units not in the OPD table)."""
    inn = review.innovations
    if "opd_name" not in inn.columns or inn.empty:
        return {}
    df = pd.DataFrame({"opd_id": _opd_ids(inn), "name": _text(inn["opd_name"])})
    df = df[(df["opd_id"] != "") & (df["name"] != "")].drop_duplicates("opd_id")
    return dict(zip(df["opd_id"], df["name"], strict=True))


# --------------------------------------------------------------------------- participation


def opd_participation(review: Review, result: IndexResult | None = None) -> pd.DataFrame:
    """One row per OPD active in the edition (sorted by name, then opd_id).

    Columns: opd_id, name, kind, entered, eligible, lanjut, scored (int), mean_maturity (mean skor
    kematangan of the OPD's scored innovations; NaN without a result or with none scored),
    sid_points (Σ maturity), share_sid_points (sid_points / the city's Σ maturity over all scored
    innovations; 0 when the city has no SID points, as in ``IndexResult.opd``; NaN without a
    result), participating (entered ≥ 1).
    """
    opd = _opd_table(review)
    opd = opd[opd["active"]].drop(columns="active")
    flags = _step_flags(review)
    per = flags.groupby("opd_id")[["entered", "eligible", "lanjut"]].sum()
    out = _sort_opd(opd.assign(kind=opd["kind"].astype("string")))
    for col in ("entered", "eligible", "lanjut"):
        out[col] = per[col].reindex(out["opd_id"], fill_value=0).to_numpy(dtype="int64")
    sm = _scored_maturity(result)
    g = sm.groupby("opd_id")["maturity"]
    out["scored"] = g.size().reindex(out["opd_id"], fill_value=0).to_numpy(dtype="int64")
    out["mean_maturity"] = g.mean().reindex(out["opd_id"]).to_numpy(dtype="float64")
    total = float(sm["maturity"].sum())
    if result is None:
        out["sid_points"] = np.nan
        out["share_sid_points"] = np.nan
    else:
        pts = g.sum().reindex(out["opd_id"], fill_value=0.0).to_numpy(dtype="float64")
        out["sid_points"] = pts
        out["share_sid_points"] = pts / total if total > 0 else 0.0
    out["participating"] = out["entered"] > 0
    return out


def participation_summary(review: Review, result: IndexResult | None = None) -> dict[str, Any]:
    """n_opd (active units), n_opd_participating, rate (None when no unit is active),
    non_participating (names of active units that entered nothing, sorted by name then opd_id)."""
    table = opd_participation(review, result)
    n_opd = len(table)
    n_part = int(table["participating"].sum())
    return {
        "n_opd": int(n_opd),
        "n_opd_participating": n_part,
        "rate": (n_part / n_opd) if n_opd else None,
        "non_participating": [str(x) for x in table.loc[~table["participating"], "name"]],
    }


# --------------------------------------------------------------------------- trends


def _mean_maturity(result: IndexResult | None) -> float:
    sm = _scored_maturity(result)
    return float(sm["maturity"].mean()) if len(sm) else float("nan")


def trends(
    reviews: dict[int, Review], results: dict[int, IndexResult], upto: int | None = None
) -> pd.DataFrame:
    """One row per edition in ``reviews`` (ascending; only years ≤ ``upto`` when given).

    Columns: year, n_submitted, n_opd, n_opd_participating, rate, n_eligible, eligible_share
    (n_eligible / n_submitted), n_scored, mean_maturity (mean skor kematangan of scored innovations),
    iid, predicate. A year missing from ``results`` has NaN / <NA> in the score columns.
    """
    rows = []
    for year in sorted(int(y) for y in reviews):
        if upto is not None and year > int(upto):
            continue
        rv = reviews[year]
        res = results.get(year)
        flags = _step_flags(rv)
        summ = participation_summary(rv)
        n_sub, n_el = len(flags), int(flags["eligible"].sum())
        rows.append(
            {
                "year": year,
                "n_submitted": n_sub,
                "n_opd": summ["n_opd"],
                "n_opd_participating": summ["n_opd_participating"],
                "rate": float("nan") if summ["rate"] is None else float(summ["rate"]),
                "n_eligible": n_el,
                "eligible_share": _ratio(n_el, n_sub),
                "n_scored": pd.NA if res is None else int(res.n),
                "mean_maturity": _mean_maturity(res) if res is not None else float("nan"),
                "iid": float("nan") if res is None else float(res.iid),
                "predicate": pd.NA if res is None else str(res.predicate),
            }
        )
    cols = ["year", "n_submitted", "n_opd", "n_opd_participating", "rate", "n_eligible",
            "eligible_share", "n_scored", "mean_maturity", "iid", "predicate"]
    df = pd.DataFrame(rows, columns=cols)
    for c in ("year", "n_submitted", "n_opd", "n_opd_participating", "n_eligible", "n_scored"):
        df[c] = df[c].astype("Int64")
    for c in ("rate", "eligible_share", "mean_maturity", "iid"):
        df[c] = df[c].astype("float64")
    df["predicate"] = df["predicate"].astype("string")
    return df


def _signed_int(d: int) -> str:
    return f"+{fmt.integer(d)}" if d > 0 else f"{_MINUS}{fmt.integer(abs(d))}"


def _change(subject: str, prev: Any, cur: Any, kind: str) -> str:
    """'<subject> naik dari A menjadi B (+d)' / '... turun ...' / '<subject> tetap A' (no period)."""
    if fmt.is_missing(prev) or fmt.is_missing(cur):
        return ""
    if kind == "int":
        a, b = int(prev), int(cur)
        d = b - a
        show, delta = fmt.integer, _signed_int(d)
    elif kind == "pct":
        a, b = round(float(prev) * 100, 1), round(float(cur) * 100, 1)
        d = round(b - a, 1)

        def show(x: float) -> str:
            return fmt.pct(x / 100, 1)

        delta = ("+" if d > 0 else _MINUS) + fmt.num(abs(d), 1) + " poin persen"
    else:  # two-decimal score
        a, b = round(float(prev), 2), round(float(cur), 2)
        d = round(b - a, 2)
        show, delta = fmt.num, fmt.points(d)
    if not show(a) or not show(b):
        return ""
    if d == 0:
        return f"{subject} tetap {show(b)}"
    verb = "naik" if d > 0 else "turun"
    return f"{subject} {verb} dari {show(a)} menjadi {show(b)} ({delta})"


def trend_sentences(trends_df: pd.DataFrame, year: int) -> list[str]:
    """The change from the previous edition in ``trends_df`` to ``year``, in Indonesian sentences.

    Compares with the latest edition before ``year`` present in the frame (when that is not
    ``year - 1``, each sentence says which edition it compares with). Returns [] for the first
    edition or a year not in the frame; a sentence whose values are missing is left out.
    """
    df = trends_df.sort_values("year", kind="mergesort")
    cur = df[df["year"] == int(year)]
    prev = df[df["year"] < int(year)]
    if cur.empty or prev.empty:
        return []
    c, p = cur.iloc[-1], prev.iloc[-1]
    gap = "" if int(p["year"]) == int(year) - 1 else f" (dibanding edisi {int(p['year'])})"
    specs = [
        ("Jumlah inovasi", "n_submitted", "int"),
        ("OPD yang berpartisipasi", "n_opd_participating", "int"),
        ("Tingkat partisipasi OPD", "rate", "pct"),
        ("Porsi inovasi yang memenuhi syarat", "eligible_share", "pct"),
        ("Rata-rata skor kematangan", "mean_maturity", "score"),
        ("IID", "iid", "score"),
    ]
    out = []
    for subject, col, kind in specs:
        if col in df.columns:
            s = _change(subject, p[col], c[col], kind)
            if s:
                out.append(f"{s}{gap}.")
    if "predicate" in df.columns and not fmt.is_missing(p["predicate"]) and not fmt.is_missing(
        c["predicate"]
    ):
        a, b = str(p["predicate"]), str(c["predicate"])
        s = f"Predikat tetap {b}" if a == b else f"Predikat berubah dari {a} menjadi {b}"
        out.append(f"{s}{gap}.")
    return out


# --------------------------------------------------------------------------- timeline


def _submitted(review: Review) -> pd.Series:
    inn = review.innovations
    if "submitted_on" not in inn.columns:
        return pd.Series(pd.NaT, index=inn.index, dtype="datetime64[ns]")
    return pd.to_datetime(inn["submitted_on"], errors="coerce").dt.normalize()


def _window(m: Methodology) -> tuple[pd.Timestamp, pd.Timestamp, pd.Timestamp | None, pd.Timestamp]:
    ext = pd.Timestamp(m.input_extended_to) if m.input_extended_to else None
    return pd.Timestamp(m.input_opens), pd.Timestamp(m.input_closes), ext, pd.Timestamp(
        m.input_deadline
    )


def timeline(review: Review) -> pd.DataFrame:
    """Entries per day by ``submitted_on``, cumulative, for every day from the opening of the input
    window to the final deadline (extension included), widened to any dated entry outside it.

    Columns: date (datetime64), n_entries, cumulative, cumulative_share (of the entries with a
    date; NaN when none has one), period (code of :data:`PERIODS`), period_label. Entries without
    ``submitted_on`` are not on the timeline (see :func:`timeline_summary` ``n_without_date``).
    """
    opens, closes, ext, deadline = _window(review.methodology)
    dates = _submitted(review).dropna()
    start = min(opens, dates.min()) if len(dates) else opens
    end = max(deadline, dates.max()) if len(dates) else deadline
    days = pd.date_range(start, end, freq="D")
    n = dates.value_counts().reindex(days, fill_value=0).to_numpy(dtype="int64")
    cum = np.cumsum(n)
    total = int(cum[-1]) if len(cum) else 0
    period = np.where(
        days < opens,
        "sebelum_dibuka",
        np.where(days <= closes, "masa_input", np.where(days <= deadline, "perpanjangan", "terlambat")),
    )
    return pd.DataFrame(
        {
            "date": days.astype("datetime64[ns]"),
            "n_entries": n,
            "cumulative": cum.astype("int64"),
            "cumulative_share": cum / total if total else np.full(len(days), np.nan),
            "period": pd.array(period, dtype="string"),
            "period_label": pd.array([PERIODS[p] for p in period], dtype="string"),
        }
    )


def timeline_summary(review: Review) -> dict[str, Any]:
    """Key facts of the input window (dates as :class:`datetime.date`).

    Keys: opens, closes, extended_to (None without extension), deadline (the final deadline,
    extension included), n_entered, n_with_date, n_without_date, n_before_open (dated before the
    window opened), n_after_close (dated after the original closing day, up to the extended
    deadline: entries that came in thanks to the extension; 0 without one), n_late (after the final
    deadline), last_week_from, n_last_week, share_last_week.

    *Last week* is the 7 calendar days up to and including the final deadline (extension
    included): ``deadline - 6 days`` … ``deadline``. ``share_last_week`` = n_last_week / n_with_date
    (late entries stay in the denominator); None when no entry has a date.
    """
    m = review.methodology
    opens, closes, ext, deadline = _window(m)
    d = _submitted(review)
    dated = d.dropna()
    last_from = deadline - pd.Timedelta(days=6)
    n_with = len(dated)
    n_last = int(((dated >= last_from) & (dated <= deadline)).sum())
    return {
        "opens": m.input_opens,
        "closes": m.input_closes,
        "extended_to": m.input_extended_to,
        "deadline": m.input_deadline,
        "n_entered": len(d),
        "n_with_date": int(n_with),
        "n_without_date": int(len(d) - n_with),
        "n_before_open": int((dated < opens).sum()),
        "n_after_close": int(((dated > closes) & (dated <= deadline)).sum()) if ext is not None else 0,
        "n_late": int((dated > deadline).sum()),
        "last_week_from": last_from.date(),
        "n_last_week": n_last,
        "share_last_week": (n_last / n_with) if n_with else None,
    }


# --------------------------------------------------------------------------- composition


def _norm_affair(s: pd.Series) -> pd.Series:
    """Affair key for matching: case-insensitive, "&" = "dan", punctuation and extra spaces ignored."""
    t = _text(s).str.casefold().str.replace("&", " dan ", regex=False)
    return t.str.replace(r"[^\w\s]", " ", regex=True).str.replace(r"\s+", " ", regex=True).str.strip()


def _enum_counts(values: pd.Series, eligible: pd.Series, enum: str) -> pd.DataFrame:
    codes = _text(values)
    known = list(ENUMS[enum])
    total = len(codes)
    rows = []
    for code in known:
        sel = codes == code
        rows.append((code, ENUMS[enum][code], int(sel.sum()), int((sel & eligible).sum())))
    other = ~codes.isin(known)
    if other.any():
        rows.append(("", _MISSING_LABEL, int(other.sum()), int((other & eligible).sum())))
    return _composition_frame(rows, total)


def _composition_frame(rows: list[tuple[str, str, int, int]], total: int) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["code", "label", "count", "eligible"])
    df["code"] = df["code"].astype("string")
    df["label"] = df["label"].astype("string")
    df["count"] = df["count"].astype("int64")
    df["eligible"] = df["eligible"].astype("int64")
    df["share"] = (df["count"] / total).astype("float64") if total else np.nan
    return df[["code", "label", "count", "share", "eligible"]]


def composition(review: Review) -> dict[str, pd.DataFrame]:
    """What was entered, by ``kind`` (digital / non digital), ``form``, ``initiator`` and ``affair``.

    Each frame: code, label (Indonesian), count (entered), share (of entered; NaN when nothing was
    entered), eligible (count among eligible). Enumerations list every code in ``schema.ENUMS``
    order (zeros included), then one "(tidak diisi)" row when some value is empty or unknown.
    ``affair`` is free text: grouped ignoring case, punctuation and extra spaces (as
    :func:`missing_affairs` matches), labelled with its most frequent spelling (ties: alphabetical), sorted by count descending then label; empty → "(tidak
    diisi)" last.
    """
    inn = review.innovations
    elig = _step_flags(review)["eligible"]

    def col(name: str) -> pd.Series:
        return inn[name] if name in inn.columns else pd.Series(pd.NA, index=inn.index, dtype="string")

    out = {
        "kind": _enum_counts(col("kind"), elig, "innovation_kind"),
        "form": _enum_counts(col("form"), elig, "form"),
        "initiator": _enum_counts(col("initiator"), elig, "initiator"),
    }
    raw = _text(col("affair")).str.replace(r"\s+", " ", regex=True)
    key = _norm_affair(raw)
    df = pd.DataFrame({"key": key, "raw": raw, "eligible": elig})
    filled = df[df["key"] != ""]
    rows = []
    if len(filled):
        spell = (
            filled.groupby(["key", "raw"]).size().rename("n").reset_index()
            .sort_values(["key", "n", "raw"], ascending=[True, False, True], kind="mergesort")
            .drop_duplicates("key")
            .set_index("key")["raw"]
        )
        agg = filled.groupby("key").agg(count=("raw", "size"), eligible=("eligible", "sum"))
        agg["label"] = spell.reindex(agg.index)
        agg = agg.reset_index().sort_values(
            ["count", "label", "key"], ascending=[False, True, True], kind="mergesort"
        )
        rows = [(r.key, r.label, int(r.count), int(r.eligible)) for r in agg.itertuples()]
    empty = df["key"] == ""
    if empty.any():
        rows.append(("", _MISSING_LABEL, int(empty.sum()), int((empty & df["eligible"]).sum())))
    out["affair"] = _composition_frame(rows, len(inn))
    return out


def missing_affairs(
    review: Review,
    affairs: tuple[str, ...] | list[str] = MAIN_AFFAIRS,
    aliases: dict[str, tuple[str, ...]] | None = None,
) -> list[str]:
    """The affairs of ``affairs`` (in their order) that no innovation of the edition names.

    An innovation names an affair when its ``affair`` equals the affair's name or one of its
    ``aliases`` (default :data:`AFFAIR_ALIASES`) as a whole, ignoring case, punctuation, extra
    spaces and "&" vs "dan" ("kesehatan" and "KESEHATAN" match "Kesehatan"; "Kesehatan Hewan" does
    not). Every entered innovation counts, eligible or not.
    """
    aliases = AFFAIR_ALIASES if aliases is None else aliases
    inn = review.innovations
    seen = set(_norm_affair(inn["affair"])) if "affair" in inn.columns else set()
    out = []
    for a in affairs:
        names = pd.Series([a, *aliases.get(a, ())], dtype="string")
        if not seen.intersection(_norm_affair(names)):
            out.append(a)
    return out


# --------------------------------------------------------------------------- coaching map


def maturity_threshold(methodology: Methodology) -> float:
    """The project's maturity line: :data:`MATURITY_THRESHOLD_SHARE` × the maximum per innovation."""
    return float(MATURITY_THRESHOLD_SHARE * methodology.max_sid_per_innovation)


def _group_texts(threshold: float | None, max_maturity: float | None) -> dict[str, str]:
    """The rule of each coaching group in Indonesian words."""
    if threshold is None or max_maturity is None:
        line = "ambang kematangan proyek"
    else:
        line = (
            f"{fmt.num(threshold)} (separuh dari maksimum {fmt.num(max_maturity)} per inovasi; "
            "ambang proyek ini, bukan ketentuan resmi)"
        )
    return {
        "tidak_ikut": "Tidak menginput satu inovasi pun pada edisi ini.",
        "tidak_memenuhi": "Menginput inovasi, tetapi tidak satu pun memenuhi syarat.",
        "bukti_belum_lengkap": (
            "Ada inovasi yang memenuhi syarat, tetapi belum ada yang berstatus lanjut atau "
            f"rata-rata skor kematangannya di bawah {line}."
        ),
        "matang": (
            f"Minimal satu inovasi berstatus lanjut dan rata-rata skor kematangan minimal {line}."
        ),
    }


def coaching_map(review: Review, result: IndexResult) -> pd.DataFrame:
    """Every OPD active in the edition in exactly one coaching group (peta pembinaan).

    Rules, checked in this order (threshold = :func:`maturity_threshold` of ``result.methodology``,
    the project's own line, not an official band):

    * ``tidak_ikut`` — entered nothing;
    * ``tidak_memenuhi`` — entered, none eligible;
    * ``matang`` — at least one ``lanjut`` and mean maturity of its scored (eligible) innovations
      ≥ threshold;
    * ``bukti_belum_lengkap`` — every other unit: eligible ones, but no ``lanjut`` or mean maturity
      below the threshold (or unknown).

    Columns: opd_id, name, entered, eligible, lanjut, scored, mean_maturity, threshold, group,
    group_label, rule, action. Sorted by name, then opd_id.
    """
    m = result.methodology
    thr = maturity_threshold(m)
    texts = _group_texts(thr, float(m.max_sid_per_innovation))
    t = opd_participation(review, result)
    mature = (t["lanjut"] >= 1) & (t["mean_maturity"].fillna(-np.inf) >= thr)
    group = np.select(
        [t["entered"] == 0, t["eligible"] == 0, mature],
        ["tidak_ikut", "tidak_memenuhi", "matang"],
        default="bukti_belum_lengkap",
    )
    out = t[["opd_id", "name", "entered", "eligible", "lanjut", "scored", "mean_maturity"]].copy()
    out["threshold"] = thr
    out["group"] = pd.array(group, dtype="string")
    out["group_label"] = pd.array([COACHING_GROUPS[g]["label"] for g in group], dtype="string")
    out["rule"] = pd.array([texts[g] for g in group], dtype="string")
    out["action"] = pd.array([COACHING_GROUPS[g]["action"] for g in group], dtype="string")
    return out.reset_index(drop=True)


def coaching_groups(map_df: pd.DataFrame) -> pd.DataFrame:
    """Counts per coaching group, every group listed in order (zeros included).

    Columns: group, label, count, share (of active OPDs; NaN when none), rule, action.
    """
    if len(map_df) and "threshold" in map_df.columns:
        thr = float(map_df["threshold"].iloc[0])
        texts = _group_texts(thr, thr / MATURITY_THRESHOLD_SHARE)
    else:
        texts = _group_texts(None, None)
    counts = map_df["group"].value_counts() if len(map_df) else pd.Series(dtype="int64")
    groups = list(COACHING_GROUPS)
    n = np.array([int(counts.get(g, 0)) for g in groups], dtype="int64")
    total = int(n.sum())
    return pd.DataFrame(
        {
            "group": pd.array(groups, dtype="string"),
            "label": pd.array([COACHING_GROUPS[g]["label"] for g in groups], dtype="string"),
            "count": n,
            "share": n / total if total else np.full(len(groups), np.nan),
            "rule": pd.array([texts[g] for g in groups], dtype="string"),
            "action": pd.array([COACHING_GROUPS[g]["action"] for g in groups], dtype="string"),
        }
    )


def _sid_points(result: IndexResult) -> pd.DataFrame:
    p = result.points
    sid = p[_text(p["aspect"]) == "SID"]
    return pd.DataFrame(
        {
            "opd_id": _opd_ids(sid),
            "innovation_id": _text(sid["innovation_id"]),
            "indicator_id": _text(sid["indicator_id"]),
            "level": pd.to_numeric(sid["level"], errors="coerce").astype("float64").fillna(0.0),
            "weight": pd.to_numeric(sid["weight"], errors="coerce").astype("float64"),
            "points": pd.to_numeric(sid["points"], errors="coerce").astype("float64").fillna(0.0),
            "max_points": pd.to_numeric(sid["max_points"], errors="coerce").astype("float64"),
        }
    )


def indicator_heatmap(result: IndexResult) -> pd.DataFrame:
    """OPD × SID indicator: the mean *claimed* level (0–3; 0 when not answered) over the OPD's
    scored innovations — where each unit stands before evidence is checked.

    Wide: opd_id, name, n_scored, then one column per SID indicator of the methodology (its
    order). Rows: OPDs with at least one scored innovation, sorted by name, then opd_id.
    """
    ids = [i.id for i in result.methodology.indicators_of("SID")]
    sp = _sid_points(result)
    names = dict(zip(*(_opd_table(result.review)[c] for c in ("opd_id", "name")), strict=True))
    fallback = _fallback_names(result.review)
    wide = sp.pivot_table(index="opd_id", columns="indicator_id", values="level", aggfunc="mean")
    wide = wide.reindex(columns=ids)
    n = sp.groupby("opd_id")["innovation_id"].nunique()
    opd_ids = list(wide.index)
    out = pd.DataFrame(
        {
            "opd_id": pd.array(opd_ids, dtype="string"),
            "name": pd.array(
                [names.get(i) or fallback.get(i) or (i or _NO_OPD_LABEL) for i in opd_ids],
                dtype="string",
            ),
            "n_scored": n.reindex(opd_ids, fill_value=0).to_numpy(dtype="int64"),
        }
    )
    for c in ids:
        out[c] = wide[c].to_numpy(dtype="float64") if len(wide) else np.array([], dtype="float64")
    return _sort_opd(out)


def bimtek_priorities(result: IndexResult) -> pd.DataFrame:
    """SID indicators ranked by where technical guidance (bimtek) lifts the score most.

    Over every scored innovation of the city: mean_level_claimed, mean_level_valid (points /
    weight: the level that counts after evidence), mean_shortfall = 3 − mean_level_valid, and
    lift = mean_shortfall × weight (the SID points per innovation still open on that indicator).
    Columns: indicator_id, name, weight, n_innovations, mean_level_claimed, mean_level_valid,
    mean_shortfall, lift, rank. Sorted by lift descending, then indicator_id. Empty when nothing
    was scored.
    """
    m = result.methodology
    inds = m.indicators_of("SID")
    sp = _sid_points(result)
    g = sp.groupby("indicator_id")
    n = g["innovation_id"].nunique()
    rows = []
    for i in inds:
        if i.id not in n.index:
            continue
        lvl = float(g.get_group(i.id)["level"].mean())
        pts = float(g.get_group(i.id)["points"].mean())
        valid = pts / float(i.weight)
        rows.append((i.id, i.name, float(i.weight), int(n[i.id]), lvl, valid, 3.0 - valid,
                     (3.0 - valid) * float(i.weight)))
    cols = ["indicator_id", "name", "weight", "n_innovations", "mean_level_claimed",
            "mean_level_valid", "mean_shortfall", "lift"]
    df = pd.DataFrame(rows, columns=cols)
    df = df.sort_values(["lift", "indicator_id"], ascending=[False, True], kind="mergesort")
    df = df.reset_index(drop=True)
    df["indicator_id"] = df["indicator_id"].astype("string")
    df["name"] = df["name"].astype("string")
    df["n_innovations"] = df["n_innovations"].astype("int64")
    for c in ("weight", "mean_level_claimed", "mean_level_valid", "mean_shortfall", "lift"):
        df[c] = df[c].astype("float64")
    df["rank"] = np.arange(1, len(df) + 1, dtype="int64")
    return df


# --------------------------------------------------------------------------- results.json


def results_fields(review: Review, result: IndexResult) -> dict[str, Any]:
    """The participation part of results.json, plain JSON types only.

    Keys: n_submitted, n_eligible, n_opd, n_opd_participating, funnel (list of {step, label,
    count}), coaching_groups ({group: count}, every group).
    """
    f = funnel(review, result)
    summ = participation_summary(review, result)
    groups = coaching_groups(coaching_map(review, result))
    counts = dict(zip(f["step"], f["count"], strict=True))
    return {
        "n_submitted": int(counts["entered"]),
        "n_eligible": int(counts["eligible"]),
        "n_opd": int(summ["n_opd"]),
        "n_opd_participating": int(summ["n_opd_participating"]),
        "funnel": [
            {"step": str(r.step), "label": str(r.label), "count": int(r.count)}
            for r in f.itertuples(index=False)
        ],
        "coaching_groups": {str(g): int(c) for g, c in zip(groups["group"], groups["count"],
                                                             strict=True)},
    }
