"""The data contract (design §4): tables, columns, Indonesian labels, enumerations.

This module is the single place that names columns. The loader (``dataset.py``), the template
(``template.py``), the sample generator and the validation rules all read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The four tables every submission has (a file or sheet each is required).
TABLES: tuple[str, ...] = ("opd", "innovations", "innovation_indicators", "region_indicators")
#: Tables a submission may leave out: ``region`` (the region's name, kind and province; one row).
OPTIONAL_TABLES: tuple[str, ...] = ("region",)
#: Every table of the data contract, required first.
ALL_TABLES: tuple[str, ...] = (*TABLES, *OPTIONAL_TABLES)

#: Indonesian names of the tables (sheet aliases in workbooks, headings in messages).
TABLE_LABELS: dict[str, str] = {
    "opd": "OPD",
    "innovations": "Inovasi",
    "innovation_indicators": "Indikator Inovasi",
    "region_indicators": "Indikator Daerah",
    "region": "Daerah",
}

#: Column holding the row number as the user sees it (header = row 1).
ROW = "_row"


@dataclass(frozen=True)
class Column:
    name: str  # canonical name
    label: str  # Indonesian label (the XLSX template's header)
    kind: str  # "text" | "int" | "year" | "date" | "enum" | "level" | "number" | "bool"
    required: bool = False  # the column must be present in the file
    nullable: bool = True  # cells may be empty
    enum: str | None = None  # key of ENUMS for kind == "enum"
    help: str = ""  # input help shown in the template (Indonesian)
    aliases: tuple[str, ...] = ()


#: Enumerations: canonical code → Indonesian label. Codes are matched case-insensitively with
#: spaces, hyphens and underscores treated alike; labels (and ENUM_ALIASES) are accepted too.
ENUMS: dict[str, dict[str, str]] = {
    "opd_kind": {
        "dinas": "Dinas",
        "badan": "Badan",
        "sekretariat": "Sekretariat",
        "inspektorat": "Inspektorat",
        "kecamatan": "Kecamatan",
        "kelurahan": "Kelurahan",
        "rsud": "RSUD",
        "puskesmas": "Puskesmas",
        "sekolah": "Sekolah",
        "lainnya": "Lainnya",
    },
    "stage": {"inisiatif": "Inisiatif", "uji_coba": "Uji Coba", "penerapan": "Penerapan"},
    "initiator": {
        "kepala_daerah": "Kepala Daerah",
        "anggota_dprd": "Anggota DPRD",
        "opd": "OPD",
        "asn": "ASN",
        "masyarakat": "Masyarakat",
    },
    "innovation_kind": {"digital": "Digital", "non_digital": "Nondigital"},
    "form": {
        "tata_kelola": "Inovasi Tata Kelola Pemerintahan Daerah",
        "pelayanan_publik": "Inovasi Pelayanan Publik",
        "urusan_lainnya": "Inovasi Daerah Lainnya sesuai Urusan",
    },
    "evidence_status": {
        "valid": "Valid",
        "invalid": "Tidak Valid",
        "pending": "Menunggu Verifikasi",
        "missing": "Tidak Ada",
    },
    "region_kind": {"kota": "Kota", "kabupaten": "Kabupaten", "provinsi": "Provinsi"},
}

#: Further accepted spellings (already normalised with :func:`norm_token`) → code.
ENUM_ALIASES: dict[str, dict[str, str]] = {
    "stage": {"ujicoba": "uji_coba", "trial": "uji_coba", "implementation": "penerapan", "initiative": "inisiatif"},
    "innovation_kind": {"nondigital": "non_digital", "non": "non_digital"},
    "form": {
        "tata_kelola_pemerintahan_daerah": "tata_kelola",
        "inovasi_tata_kelola": "tata_kelola",
        "inovasi_pelayanan_publik": "pelayanan_publik",
        "pelayanan": "pelayanan_publik",
        "inovasi_daerah_lainnya": "urusan_lainnya",
        "inovasi_daerah_lainnya_sesuai_urusan": "urusan_lainnya",
        "lainnya": "urusan_lainnya",
        "urusan": "urusan_lainnya",
    },
    "initiator": {"dprd": "anggota_dprd", "kepala": "kepala_daerah"},
    "region_kind": {"kab": "kabupaten", "kab.": "kabupaten", "city": "kota", "regency": "kabupaten",
                    "province": "provinsi", "prov": "provinsi", "propinsi": "provinsi"},
    "evidence_status": {
        "sah": "valid",
        "diterima": "valid",
        "tidak_sah": "invalid",
        "ditolak": "invalid",
        "menunggu": "pending",
        "diproses": "pending",
        "menunggu_verifikasi": "pending",
        "tidak_ada": "missing",
        "belum_ada": "missing",
        "kosong": "missing",
    },
}

_C = Column
COLUMNS: dict[str, tuple[Column, ...]] = {
    "opd": (
        _C("opd_id", "Kode OPD", "text", True, False, help="Kode unik unit kerja, mis. DINKES"),
        _C("name", "Nama OPD", "text", True, False, help="Nama lengkap, mis. Dinas Kesehatan"),
        _C("kind", "Jenis OPD", "enum", enum="opd_kind"),
        _C("active_from", "Aktif Sejak", "year", help="Tahun unit dibentuk (kosongkan bila sejak awal)"),
        _C("active_to", "Aktif Sampai", "year", help="Tahun terakhir unit aktif (kosongkan bila masih aktif)"),
    ),
    "innovations": (
        _C("innovation_id", "ID Inovasi", "text", True, False, help="Kode unik inovasi"),
        _C("year", "Tahun Edisi", "year", True, False, help="Edisi IGA (tahun penilaian)", aliases=("tahun",)),
        _C("opd_id", "Kode OPD", "text", True, False, help="Harus ada di lembar OPD"),
        _C("name", "Nama Inovasi", "text", True, False),
        _C("stage", "Tahapan", "enum", True, False, enum="stage"),
        _C("initiator", "Inisiator", "enum", True, False, enum="initiator"),
        _C("kind", "Jenis", "enum", True, False, enum="innovation_kind"),
        _C("form", "Bentuk", "enum", True, False, enum="form"),
        _C("affair", "Urusan Pemerintahan", "text"),
        _C("trial_date", "Waktu Uji Coba", "date", help="Tanggal mulai uji coba"),
        _C("implementation_date", "Waktu Penerapan", "date", help="Wajib untuk tahapan Penerapan"),
        _C("submitted_on", "Tanggal Input", "date", help="Tanggal OPD memasukkan inovasi"),
        _C("previous_entries", "Keikutsertaan Sebelumnya", "int",
           help="Berapa kali inovasi ini pernah diikutkan IGA (0 bila baru)"),
        _C("design", "Rancang Bangun", "text"),
        _C("goal", "Tujuan", "text"),
        _C("benefit", "Manfaat", "text"),
        _C("result", "Hasil", "text"),
        _C("affairs_other", "Urusan Beririsan", "text",
           help="Urusan pemerintahan lain yang beririsan, dipisah titik koma (;)"),
        _C("development_date", "Waktu Pengembangan", "date",
           help="Tanggal inovasi terakhir dikembangkan (bila dikembangkan sesudah diterapkan)"),
        _C("theme", "Tema", "text", help="Tema inovasi, mis. penurunan stunting"),
        _C("latitude", "Lintang", "number",
           help="Koordinat lokasi: lintang dalam derajat desimal, mis. -6.8886 (Indonesia: -11 s.d. 6)"),
        _C("longitude", "Bujur", "number",
           help="Koordinat lokasi: bujur dalam derajat desimal, mis. 109.6753 (Indonesia: 95 s.d. 141)"),
        _C("asta_cita", "Asta Cita", "text", help="Keterkaitan dengan Asta Cita, mis. Asta Cita 4"),
    ),
    "innovation_indicators": (
        _C("innovation_id", "ID Inovasi", "text", True, False),
        _C("indicator_id", "Kode Indikator", "text", True, False, help="SID01 … SID20"),
        _C("level", "Tingkat", "level", True, False, help="0 = tidak diklaim; 1–3 sesuai keterangan tingkat"),
        _C("evidence", "Bukti Dukung", "text", help="Nama dokumen atau tautan"),
        _C("evidence_status", "Status Bukti", "enum", enum="evidence_status",
           help="Kosong: 'Tidak Ada' bila tanpa bukti, selain itu 'Menunggu Verifikasi'"),
        _C("year", "Tahun Edisi", "year", aliases=("tahun",),
           help="Edisi jawaban; wajib bila ID inovasi yang sama diikutkan di beberapa edisi"),
    ),
    "region_indicators": (
        _C("year", "Tahun Edisi", "year", True, False, aliases=("tahun",)),
        _C("indicator_id", "Kode Indikator", "text", True, False, help="SPD01 … SPD15"),
        _C("level", "Tingkat", "level", True, False, help="0 = tidak diklaim; 1–3"),
        _C("evidence", "Bukti Dukung", "text"),
        _C("evidence_status", "Status Bukti", "enum", enum="evidence_status"),
    ),
    "region": (
        _C("name", "Nama Daerah", "text", True, False, help="mis. Kota Pekalongan", aliases=("nama",)),
        _C("kind", "Jenis Daerah", "enum", enum="region_kind"),
        _C("province", "Provinsi", "text", help="mis. Jawa Tengah"),
        _C("synthetic", "Data Sintetis", "bool", help="ya bila datanya buatan (contoh), tidak bila nyata"),
    ),
}

#: Profile narrative columns checked for completeness by the desk review.
PROFILE_COLUMNS: tuple[str, ...] = ("design", "goal", "benefit", "result")

#: Boolean cells: accepted spellings (normalised with :func:`norm_token`) → value.
BOOLS: dict[str, bool] = {
    "ya": True, "y": True, "true": True, "benar": True, "1": True, "yes": True,
    "tidak": False, "t": False, "false": False, "salah": False, "0": False, "no": False, "n": False,
}


def norm_token(value: object) -> str:
    """Normalise a header or enumeration value: lower case; spaces, hyphens, underscores alike."""
    s = str(value).strip().lower().replace("\ufeff", "")
    s = re.sub(r"[\s\-_/]+", "_", s)
    return s.strip("_")


def columns(table: str) -> tuple[Column, ...]:
    return COLUMNS[table]


def column(table: str, name: str) -> Column:
    for c in COLUMNS[table]:
        if c.name == name:
            return c
    raise KeyError(f"{table}.{name}")


def header_map(table: str) -> dict[str, str]:
    """Normalised header spelling (canonical name, Indonesian label, aliases) → canonical name."""
    out: dict[str, str] = {}
    for c in COLUMNS[table]:
        for spelling in (c.name, c.label, *c.aliases):
            out[norm_token(spelling)] = c.name
    return out


def enum_map(enum: str) -> dict[str, str]:
    """Normalised spelling (code or label or alias) → code."""
    out = {norm_token(code): code for code in ENUMS[enum]}
    out.update({norm_token(label): code for code, label in ENUMS[enum].items()})
    out.update(ENUM_ALIASES.get(enum, {}))
    return out


def table_for_sheet(sheet_name: str) -> str | None:
    """The table a workbook sheet holds (canonical name or Indonesian label), or None."""
    key = norm_token(sheet_name)
    for t in ALL_TABLES:
        if key in (norm_token(t), norm_token(TABLE_LABELS[t])):
            return t
    return None
