"""What was entered: by kind, form, initiator and government affair; affairs nobody covers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from iid_analysis.analyses.funnel import step_flags
from iid_analysis.analyses.units import clean_text
from iid_analysis.io.schema import ENUMS

if TYPE_CHECKING:  # pragma: no cover - typing only; keeps the import light
    from iid_analysis.review.model import Review

__all__ = ["AFFAIR_ALIASES", "MAIN_AFFAIRS", "composition", "missing_affairs"]

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

_MISSING_LABEL = "(tidak diisi)"


def _norm_affair(s: pd.Series) -> pd.Series:
    """Affair key for matching: case-insensitive, "&" = "dan", punctuation and extra spaces ignored."""
    t = clean_text(s).str.casefold().str.replace("&", " dan ", regex=False)
    return t.str.replace(r"[^\w\s]", " ", regex=True).str.replace(r"\s+", " ", regex=True).str.strip()


def _enum_counts(values: pd.Series, eligible: pd.Series, enum: str) -> pd.DataFrame:
    codes = clean_text(values)
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
    elig = step_flags(review)["eligible"]

    def col(name: str) -> pd.Series:
        return inn[name] if name in inn.columns else pd.Series(pd.NA, index=inn.index, dtype="string")

    out = {
        "kind": _enum_counts(col("kind"), elig, "innovation_kind"),
        "form": _enum_counts(col("form"), elig, "form"),
        "initiator": _enum_counts(col("initiator"), elig, "initiator"),
    }
    raw = clean_text(col("affair")).str.replace(r"\s+", " ", regex=True)
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

