"""What to do, in words: the coaching map, the input deadline, the documents each OPD must
complete, the entries that stop at the desk, and the path to the next predikat."""

from __future__ import annotations

import pandas as pd

from iid_analysis.methodology.model import Methodology
from iid_analysis.report.prose import (
    bare_count,
    bullets,
    cap,
    count_of,
    indicator_title,
    listing,
    missing,
    opening,
    paragraphs,
    pct,
    text,
)
from iid_analysis.text import fmt
from iid_analysis.text.escape import md_text

#: OPD names are listed in full for coaching groups up to this size.
MAX_NAMES = 10


#: Steps of the path to the next predicate shown one by one.
MAX_STEPS = 20


def coaching_markdown(map_df: pd.DataFrame, groups_df: pd.DataFrame, max_names: int = MAX_NAMES) -> str:
    """The coaching map in words: each group with its size, rule, action and (small groups) names."""
    if map_df is None or len(map_df) == 0:
        return ("Tidak ada OPD aktif yang tercatat untuk edisi ini, sehingga peta pembinaan belum "
                "dapat disusun.")
    total = int(len(map_df))
    lead = (f"Setiap OPD aktif ({count_of(total, 'OPD')}) ditempatkan dalam tepat satu kelompok pembinaan; "
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
            who = f" OPD: {listing(shown, ';')}."
        elif shown:
            who = f" Antara lain: {'; '.join(shown)}; dan {count_of(rest, 'OPD')} lainnya."
        share = f" ({pct(count / total)} dari OPD aktif)" if total else ""
        items.append(f"**{label}** — {fmt.integer(count)} OPD{share}. Aturan: {md_text(g.rule)} "
                     f"Tindakan yang disarankan: {md_text(g.action)}{who}")
    tail = (f"Tidak ada OPD dalam kelompok {listing([f'*{e}*' for e in empty], ';')}."
            if empty else "")
    return paragraphs(lead, bullets(items), tail)


def sentence_deadline(methodology: Methodology) -> str:
    """The input deadline of the edition (with the extension, when there was one)."""
    d = fmt.date(methodology.input_deadline)
    if not d:
        return ""
    if methodology.input_extended_to and methodology.input_extended_to != methodology.input_closes:
        return (f"Batas akhir pengisian edisi {methodology.year} adalah **{d}** (diperpanjang dari "
                f"{fmt.date(methodology.input_closes)}); semua dokumen di bawah harus lengkap paling "
                f"lambat tanggal itu.")
    return (f"Batas akhir pengisian edisi {methodology.year} adalah **{d}**; semua dokumen di bawah harus "
            f"lengkap paling lambat tanggal itu.")


def action_plan_markdown(todo: pd.DataFrame, gains: dict[str, float] | None = None) -> str:
    """Documents to complete, by OPD (a nested list). ``gains``: opd_id → IID points the OPD's
    open gaps are worth (shown when given)."""
    if todo.empty:
        return "Tidak ada inovasi yang harus melengkapi dokumen."
    n_opd = todo["opd_id"].nunique()
    lead = (f"Dokumen yang harus dilengkapi: {count_of(len(todo), 'inovasi')} dari {count_of(n_opd, 'OPD')}, "
            f"per OPD:")
    blocks = []
    for (opd_id, opd_name), grp in todo.groupby(["opd_id", "opd_name"], sort=False):
        label = md_text(opd_name) or "OPD tanpa kode"
        extra = ""
        if gains and not missing(gains.get(opd_id)) and float(gains[opd_id]) > 0:
            extra = f"; bila semua dilengkapi dan terbukti, IID dapat naik hingga {fmt.num(gains[opd_id])} poin"
        lines = [f"- **{label}** ({fmt.integer(len(grp))} inovasi{extra})"]
        for r in grp.itertuples():
            what = "; ".join(md_text(t) for t in r.todo) or "lengkapi data inovasi"
            lines.append(f"  - {md_text(r.name) or md_text(r.innovation_id) or 'tanpa nama'}: {what}.")
        blocks.append("\n".join(lines))
    return lead + "\n\n" + "\n".join(blocks)


def not_continued_reasons(review) -> list[tuple[str, int]]:
    """Why entries stop at the desk (*tidak dilanjutkan*): (reason in words, count), zeros left
    out. "Outside the period" counts the entries applied at a known date outside the assessment
    period; "not yet applied" those still at the stage of initiative or trial (no date of
    application); an entry can have more than one reason."""
    inv = review.innovations
    stop = (inv["decision"].astype("string") == "tidak_lanjut").fillna(False).to_numpy(dtype=bool)
    sub = inv[stop]
    if sub.empty:
        return []

    def false(col: str) -> pd.Series:
        if col not in sub.columns:
            return pd.Series(False, index=sub.index)
        return ~sub[col].astype("boolean").fillna(True).astype(bool)

    stage = sub["stage"].astype("string") if "stage" in sub.columns else pd.Series(pd.NA, index=sub.index,
                                                                                   dtype="string")
    not_applied = stage.isin(["inisiatif", "uji_coba"]).fillna(False).astype(bool)
    dated = (sub["implementation_date"].notna() if "implementation_date" in sub.columns
             else pd.Series(False, index=sub.index))
    outside = false("in_window") & dated & ~not_applied
    counts = [
        ("diterapkan di luar periode penilaian", int(outside.sum())),
        ("belum diterapkan karena masih tahap inisiatif atau uji coba", int(not_applied.sum())),
        ("tahapannya tidak dihitung", int((false("stage_counted") & ~not_applied).sum())),
        ("sudah pernah diikutkan IGA", int(false("reentry_ok").sum())),
        ("dimasukkan setelah batas akhir pengisian", int(false("on_time").sum())),
    ]
    return [(w, k) for w, k in counts if k]


def sentence_not_continued(review) -> str:
    """How many entries stop at the desk and why (see :func:`not_continued_reasons`)."""
    inv = review.innovations
    n = int((inv["decision"].astype("string") == "tidak_lanjut").fillna(False).sum())
    if n == 0:
        return ""
    why = [f"{fmt.integer(k)} {words}" for words, k in not_continued_reasons(review)]
    many = sum(k for _, k in not_continued_reasons(review)) > n
    s = f"{opening(count_of(n, 'inovasi'))} tidak dilanjutkan pada edisi ini"
    if len(why) > 1:
        s += f" ({listing(why)}" + ("; satu inovasi dapat memiliki lebih dari satu alasan)" if many else ")")
    elif why:
        s += f" ({why[0]})"
    return s + "; arahkan ke edisi berikutnya bila memenuhi syarat waktu dan tahapan."


def path_markdown(path: dict | None, result, max_steps: int = MAX_STEPS) -> str:
    """The path to the next predicate (the dict of :func:`iid_analysis.analyses.path.path_to_next`) as a numbered list."""
    if path is None or result.next_predicate is None:
        return ""
    target = text(path.get("target_predicate")) or result.next_predicate
    low = path.get("target_iid")
    aim = f"predikat {target}" + (f" (IID minimal {fmt.num(low)})" if not missing(low) else "")
    if not path.get("reachable", False):
        best = path.get("iid_max")
        s = f"{cap(aim)} belum dapat dicapai hanya dengan menutup celah pada inovasi yang sudah dinilai"
        if not missing(best):
            s += f": bila semua celah ditutup, IID menjadi {fmt.num(best)}"
        m = result.methodology
        return (s + f". Dibutuhkan tambahan inovasi yang memenuhi syarat (kini "
                f"{count_of(int(result.n), 'inovasi')} dinilai; jumlah skor kematangan dibagi "
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
        lines.append(f"\n… dan {count_of(more, 'tindakan')} lainnya dengan kenaikan lebih kecil.")
    by_kind = {k: sum(1 for d in actions if d.get("kind") == k) for k in ("evidence", "level", "innovation")}
    kinds = listing([f"{bare_count(n)} {w}" for n, w in (
        (by_kind["evidence"], "perbaikan bukti dukung"), (by_kind["level"], "kenaikan tingkat"),
        (by_kind["innovation"], "inovasi tambahan")) if n])
    after = path.get("iid_after")
    head = (f"Jalur menuju {aim} dengan tindakan yang dapat dikerjakan sebelum batas akhir pengisian: "
            f"{count_of(len(actions), 'tindakan')} ({kinds})"
            + (f", dan IID menjadi {fmt.num(after)}" if not missing(after) else "") + ". "
            "Tindakan dipilih berurutan menurut kenaikan IID terbesar; capaian indikator hasil "
            "(misalnya opini BPK atau angka kemiskinan) tidak dapat dinaikkan sebelum batas itu dan "
            "tidak dimasukkan.")
    return head + "\n\n" + "\n".join(lines)

_ACTION_TEXT = {
    "validate_evidence": "pastikan bukti yang menunggu verifikasi diterima",
    "fix_evidence": "lengkapi atau perbaiki bukti dukung",
    "raise_level": "naikkan capaian ke tingkat 3 dengan bukti valid",
    "add_innovation": "siapkan satu inovasi lagi yang memenuhi syarat",
}


def _step_text(d: dict, methodology: Methodology) -> str:
    """One what-if action in words (user text escaped)."""
    if d.get("kind") == "innovation" or d.get("action") == "add_innovation":
        s = d.get("maturity")
        return ("Inovasi baru: siapkan satu inovasi lagi yang memenuhi syarat"
                + (f" dengan skor kematangan sekitar {fmt.num(s)}" if not missing(s) else ""))
    ind = text(d.get("indicator_id"))
    ind_txt = indicator_title(methodology, ind) if ind else "indikator"
    if text(d.get("innovation_id")):
        who = md_text(text(d.get("innovation_name")) or text(d.get("innovation_id")))
        where = f"*{who}*, {ind_txt}"
    else:
        where = f"indikator daerah {ind_txt}"
    act = _ACTION_TEXT.get(text(d.get("action")), "perbaiki jawaban")
    lvl = d.get("from_level")
    if d.get("action") == "raise_level" and not missing(lvl):
        act = (f"naikkan capaian dari tingkat {int(lvl)} ke tingkat 3 dengan bukti valid" if int(lvl)
               else "capai tingkat 3 dengan bukti valid (kini belum diklaim)")
    return f"{cap(where)}: {act}"
