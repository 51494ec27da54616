"""The desk review in a few Indonesian lines, as ``iid-analysis validate`` prints them."""

from __future__ import annotations

from iid_analysis.io.errors import shown
from iid_analysis.review.balance import row_balance
from iid_analysis.review.model import Review
from iid_analysis.review.rules import STAGE_TEXT
from iid_analysis.text import fmt


def summary_lines(review: Review) -> list[str]:
    """The review in a few Indonesian lines (printed by ``iid-analysis validate``)."""
    m, c = review.methodology, review.counts()
    stages = ", ".join(STAGE_TEXT.get(s, s) for s in m.counted_stages)
    n_opd = int(review.innovations["opd_id"].dropna().nunique())
    region = review.dataset.region if hasattr(review.dataset, "region") else None
    lines = [
        f"Telaah meja IGA {review.year} (metodologi: {m.title})"
        + (f" — {shown(region['name'], 80)}" if region else ""),
        f"Dimasukkan OPD: {c['n_submitted']} inovasi dari {n_opd} OPD",
        f"Pada tahapan yang dinilai ({stages}): {c['n_stage_counted']}",
        f"Dan diterapkan dalam periode penilaian ({fmt.date(m.eligible_from)}–"
        f"{fmt.date(m.eligible_to)}): {c['n_in_window']}",
        f"Memenuhi semua syarat: {c['n_eligible']}",
        f"Keputusan: lanjut {c['n_lanjut']}, lengkapi {c['n_lengkapi']}, "
        f"tidak dilanjutkan {c['n_tidak_lanjut']}",
        f"Temuan: {c['n_error']} kesalahan, {c['n_warning']} peringatan, {c['n_info']} info",
        f"Jawaban SPD edisi {review.year}: {int(review.region_answers['usable'].sum())} dapat dipakai "
        f"dari {len(m.indicators_of('SPD'))} indikator",
        row_balance(review).line(),
    ]
    return lines
