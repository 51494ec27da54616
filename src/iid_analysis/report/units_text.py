"""The words about the city's internal ranking of its units (page 01, the workbook, the OPD pages).

The numbers come from ``a.units`` (:mod:`iid_analysis.analyses.ranking`); this module only says
what they mean and where they stop.
"""

from __future__ import annotations

from typing import Any

from iid_analysis.analyses.ranking import RANK_DRAWS
from iid_analysis.text import fmt

__all__ = ["ranking_method_text"]


def ranking_method_text(a: Any) -> str:
    """One Indonesian paragraph: how the units are ranked, where the interval comes from, and the
    limits of the ranking (it is not an official ranking)."""
    units = getattr(a, "units", None)
    ranked = len(units.ranking) if units is not None else 0
    draws = RANK_DRAWS
    res = a.result
    return (
        "Peringkat OPD disusun dari sumbangan setiap OPD terhadap IID: jumlah skor kematangan "
        "inovasinya yang dinilai, dibagi pembagi SID edisi ini "
        f"({fmt.integer(res.divisor)}) dan skor total maksimum ({fmt.num(res.max_total, 0)}), "
        "dikali 100. Sumbangan seluruh OPD ditambah bagian SPD dan skor jumlah inovasi sama "
        "dengan IID sebelum pembulatan. Hanya OPD yang memiliki minimal satu inovasi yang dinilai "
        f"masuk peringkat ({fmt.count(ranked, 'OPD')}); OPD lain belum menyumbang poin. Peringkat "
        "yang sama berarti sumbangan yang sama. Rentang peringkat berasal dari simulasi "
        f"verifikasi ({fmt.integer(draws)} undian): setiap tingkat yang "
        "diklaim diterima atau ditolak verifikator dengan peluang menurut status buktinya, lalu "
        "OPD diurutkan kembali; rentang peringkat adalah rentang 5–95 persen hasil undian. Peringkat ini alat "
        "pembinaan internal Bappeda, bukan peringkat resmi Kemendagri: bobot, pembagi dan status "
        "bukti mengikuti metodologi yang tercatat dalam laporan ini, dan hasil verifikasi nasional "
        "dapat berbeda. Peringkat menurut rata-rata skor kematangan ditampilkan terpisah karena "
        "OPD dengan satu inovasi matang dapat menyumbang lebih sedikit daripada OPD dengan "
        "beberapa inovasi."
    )

