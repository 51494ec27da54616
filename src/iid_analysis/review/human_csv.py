"""``telaah.csv``: the desk review for people, beside the machine file ``review.csv``.

Same rows as ``review.csv``; Indonesian headers, *ya/tidak*, dates as "13 Agustus 2021", labels
instead of codes (tahapan from :data:`~iid_analysis.io.schema.ENUMS`, keputusan Lanjut / Lengkapi /
Tidak dilanjutkan), the unit's name beside its code. UTF-8 with a byte-order mark so Excel reads it as
UTF-8; no cell starts a formula.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from iid_analysis.io.schema import ENUMS, ROW
from iid_analysis.review.model import Review
from iid_analysis.text import fmt
from iid_analysis.text.escape import guard_frame

DECISION_LABELS = {"lanjut": "Lanjut", "lengkapi": "Lengkapi", "tidak_lanjut": "Tidak dilanjutkan"}

#: review column → Indonesian header, in the order of ``telaah.csv``.
HEADERS: dict[str, str] = {
    "innovation_id": "ID Inovasi",
    "name": "Nama Inovasi",
    "opd_id": "Kode OPD",
    "opd_name": "Nama OPD",
    "decision": "Keputusan",
    "reasons": "Alasan",
    "todo": "Yang harus dilakukan",
    "eligible": "Memenuhi syarat",
    "stage": "Tahapan",
    "implementation_date": "Tanggal penerapan",
    "submitted_on": "Tanggal pengisian",
    "in_window": "Diterapkan dalam periode penilaian",
    "stage_counted": "Tahapan dihitung",
    "reentry_ok": "Keikutsertaan sebelumnya dalam batas",
    "on_time": "Dimasukkan tepat waktu",
    ROW: "Baris di berkas data",
    "n_errors": "Jumlah kesalahan",
    "n_warnings": "Jumlah peringatan",
}
_FLAGS = ("eligible", "in_window", "stage_counted", "reentry_ok", "on_time")
_DATES = ("implementation_date", "submitted_on")


def _yes_no(s: pd.Series) -> pd.Series:
    b = s.astype("boolean")
    return pd.Series(["" if pd.isna(v) else ("ya" if v else "tidak") for v in b], index=s.index,
                     dtype="string")


def telaah_table(review: Review) -> pd.DataFrame:
    """The rows of ``telaah.csv`` (Indonesian headers and values)."""
    inv = review.innovations
    out = pd.DataFrame(index=inv.index)
    for col in HEADERS:
        s = inv[col] if col in inv.columns else pd.Series(pd.NA, index=inv.index)
        if col in _FLAGS:
            s = _yes_no(s)
        elif col in _DATES:
            s = pd.Series([fmt.date(v) for v in s], index=inv.index, dtype="string")
        elif col == "decision":
            s = s.astype("string").map(lambda v: DECISION_LABELS.get(v, v) if isinstance(v, str) else "")
        elif col == "stage":
            s = s.astype("string").map(lambda v: ENUMS["stage"].get(v, v) if isinstance(v, str) else "")
        out[HEADERS[col]] = s
    return out.reset_index(drop=True)


def write_telaah_csv(review: Review, path: Path) -> Path:
    """Write ``telaah.csv`` (UTF-8 with BOM) and return its path."""
    path = Path(path)
    guard_frame(telaah_table(review)).to_csv(path, index=False, encoding="utf-8-sig")
    return path
