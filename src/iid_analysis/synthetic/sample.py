"""Synthetic datasets (seeded): the bundled Kota Pekalongan sample and large ones for benchmarks.

Nothing here is real Pekalongan data. The bundled dataset (``write_sample(Path("data/sample"))``,
seed 2021) is calibrated to the public facts in ``iid-reference.md`` §4–5: 4 innovations in 2020;
52 entered in 2021 of which exactly 19 were applied within the edition's eligibility window,
entered between the opening of the input window and its extension; 44 in 2022 (about half fit
to send); about 60 in 2023; 135 in 2024; OPD participation falling into 2021 and recovering.
Windows and indicator ids come from each edition's methodology file, not from this module.

The tables returned by :func:`make_sample` are *raw*: every cell is a string as it would be typed
in a CSV (ISO dates, enumeration codes, empty cells as ``""``), in ``schema.COLUMNS`` order.
Same seed, same tables, same bytes: one ``numpy.random.default_rng(seed)`` drives everything,
orders are stable and no wall-clock time is read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from iid_analysis.io import schema
from iid_analysis.methodology import Methodology, load_methodology
from iid_analysis.text.escape import FORMULA_START, cell_text

__all__ = ["BUNDLED_YEARS", "LARGE_YEAR", "make_sample", "write_sample"]

#: Editions of the bundled dataset.
BUNDLED_YEARS: tuple[int, ...] = (2019, 2020, 2021, 2022, 2023, 2024)
#: The one edition of a large (benchmark) dataset.
LARGE_YEAR = 2021

_STR = np.dtypes.StringDType()
_EPOCH = dt.date(1970, 1, 1)
_NONE = -1  # "no date" in the internal day-number arrays

# ---------------------------------------------------------------------------------- OPD registry


@dataclass(frozen=True)
class _Unit:
    opd_id: str
    name: str
    kind: str  # schema.ENUMS["opd_kind"] code
    domain: str  # key of _DOMAINS (word lists)
    weight: float  # propensity to take part and to enter many innovations
    affairs: tuple[str, ...]  # urusan pemerintahan
    active_from: int | None = None
    active_to: int | None = None


_KEW = ("Pemberdayaan Masyarakat dan Desa", "Pemerintahan Umum")
_U = _Unit
#: A kota of Pekalongan's size. DINPARBUDPORA was split at the end of 2021: tourism, youth and
#: sport went to DINPORAPAR (from 2022), culture to the education office.
_UNITS: tuple[_Unit, ...] = (
    _U("SETDA", "Sekretariat Daerah", "sekretariat", "tatakelola", 1.3,
       ("Pemerintahan Umum", "Hukum", "Pengadaan Barang dan Jasa")),
    _U("SETWAN", "Sekretariat DPRD", "sekretariat", "tatakelola", 0.6, ("Pemerintahan Umum",)),
    _U("INSPEKTORAT", "Inspektorat", "inspektorat", "pengawasan", 0.8, ("Pengawasan",)),
    _U("BAPPEDA", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", "badan", "perencanaan",
       1.4, ("Perencanaan", "Penelitian dan Pengembangan")),
    _U("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "badan", "keuangan", 1.0, ("Keuangan",)),
    _U("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan", "kepegawaian",
       1.0, ("Kepegawaian", "Pendidikan dan Pelatihan")),
    _U("BAPENDA", "Badan Pendapatan Daerah", "badan", "keuangan", 1.1, ("Keuangan",)),
    _U("BPBD", "Badan Penanggulangan Bencana Daerah", "badan", "bencana", 0.9,
       ("Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat",)),
    _U("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "badan", "tatakelola", 0.5,
       ("Kesatuan Bangsa dan Politik",)),
    _U("DINDIKBUD", "Dinas Pendidikan dan Kebudayaan", "dinas", "pendidikan", 1.5,
       ("Pendidikan", "Kebudayaan")),
    _U("DINKES", "Dinas Kesehatan", "dinas", "kesehatan", 3.0, ("Kesehatan",)),
    _U("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", "infrastruktur", 1.0,
       ("Pekerjaan Umum dan Penataan Ruang",)),
    _U("DINPERKIM", "Dinas Perumahan dan Kawasan Permukiman", "dinas", "infrastruktur", 0.9,
       ("Perumahan Rakyat dan Kawasan Permukiman", "Pertanahan")),
    _U("SATPOLPP", "Satuan Polisi Pamong Praja dan Pemadam Kebakaran", "lainnya", "ketertiban",
       0.7, ("Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat",)),
    _U("DINSOSP2KB", "Dinas Sosial, Pengendalian Penduduk dan Keluarga Berencana", "dinas",
       "sosial", 1.4, ("Sosial", "Pengendalian Penduduk dan Keluarga Berencana")),
    _U("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "dinas", "sosial", 1.0,
       ("Pemberdayaan Perempuan dan Pelindungan Anak",)),
    _U("DLH", "Dinas Lingkungan Hidup", "dinas", "lingkungan", 1.2, ("Lingkungan Hidup",)),
    _U("DINDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas", "kependudukan", 1.8,
       ("Administrasi Kependudukan dan Pencatatan Sipil",)),
    _U("DINHUB", "Dinas Perhubungan", "dinas", "perhubungan", 0.9, ("Perhubungan",)),
    _U("DISKOMINFO", "Dinas Komunikasi dan Informatika", "dinas", "kominfo", 2.5,
       ("Komunikasi dan Informatika", "Statistik", "Persandian")),
    _U("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", "perizinan",
       1.8, ("Penanaman Modal",)),
    _U("DINDAGKOPUKM", "Dinas Perdagangan, Koperasi dan Usaha Kecil Menengah", "dinas", "ekonomi",
       1.3, ("Perdagangan", "Koperasi, Usaha Kecil dan Menengah")),
    _U("DINPERINAKER", "Dinas Perindustrian dan Tenaga Kerja", "dinas", "ekonomi", 1.0,
       ("Perindustrian", "Tenaga Kerja")),
    _U("DINPERPA", "Dinas Pertanian dan Pangan", "dinas", "pertanian", 0.8, ("Pertanian", "Pangan")),
    _U("DKP", "Dinas Kelautan dan Perikanan", "dinas", "perikanan", 0.8, ("Kelautan dan Perikanan",)),
    _U("DINPARBUDPORA", "Dinas Pariwisata, Kebudayaan, Kepemudaan dan Olahraga", "dinas",
       "pariwisata", 1.0, ("Pariwisata", "Kepemudaan dan Olahraga", "Kebudayaan"), None, 2021),
    _U("DINPORAPAR", "Dinas Kepemudaan, Olahraga dan Pariwisata", "dinas", "pariwisata", 1.0,
       ("Pariwisata", "Kepemudaan dan Olahraga"), 2022, None),
    _U("DINARPUS", "Dinas Perpustakaan dan Kearsipan", "dinas", "perpustakaan", 0.7,
       ("Perpustakaan", "Kearsipan")),
    _U("RSUD", "RSUD Bendan", "rsud", "rumahsakit", 2.0, ("Kesehatan",)),
    _U("KEC_PKL_BARAT", "Kecamatan Pekalongan Barat", "kecamatan", "kewilayahan", 0.9, _KEW),
    _U("KEC_PKL_TIMUR", "Kecamatan Pekalongan Timur", "kecamatan", "kewilayahan", 0.9, _KEW),
    _U("KEC_PKL_SELATAN", "Kecamatan Pekalongan Selatan", "kecamatan", "kewilayahan", 0.9, _KEW),
    _U("KEC_PKL_UTARA", "Kecamatan Pekalongan Utara", "kecamatan", "kewilayahan", 0.9, _KEW),
    _U("PKM_KUSUMA_BANGSA", "Puskesmas Kusuma Bangsa", "puskesmas", "kesehatan", 1.2, ("Kesehatan",)),
    _U("PKM_NOYONTAAN", "Puskesmas Noyontaan", "puskesmas", "kesehatan", 1.0, ("Kesehatan",)),
    _U("PKM_TIRTO", "Puskesmas Tirto", "puskesmas", "kesehatan", 1.0, ("Kesehatan",)),
    _U("KEL_PANJANG_WETAN", "Kelurahan Panjang Wetan", "kelurahan", "kewilayahan", 0.6, _KEW),
    _U("KEL_MEDONO", "Kelurahan Medono", "kelurahan", "kewilayahan", 0.6, _KEW),
)

# ---------------------------------------------------------------------------------- word lists


@dataclass(frozen=True)
class _Domain:
    digital: float  # share of digital innovations
    form: tuple[float, float, float]  # tata_kelola, pelayanan_publik, urusan_lainnya
    cores: tuple[str, ...]  # what an innovation is about; "*" digital only, "~" non-digital only
    targets: tuple[str, ...]  # who benefits (lower case)
    problems: tuple[str, ...]  # the problem it answers (lower case)
    goals: tuple[str, ...]  # what it improves (lower case)
    metrics: tuple[str, ...]  # what its result is measured by (lower case)


_D = _Domain
_DOMAINS: dict[str, _Domain] = {
    "tatakelola": _D(
        0.75, (0.7, 0.2, 0.1),
        ("Layanan Naskah Dinas*", "Pengadaan Barang dan Jasa", "Rapat Koordinasi", "Produk Hukum Daerah",
         "Aspirasi Masyarakat", "Agenda Pimpinan*", "Pembinaan Ormas~", "Wawasan Kebangsaan Pelajar~"),
        ("perangkat daerah", "pejabat struktural", "masyarakat dan ormas"),
        ("surat-menyurat yang lambat dan berbasis kertas", "informasi produk hukum yang sulit dicari",
         "tindak lanjut aspirasi yang tidak terpantau"),
        ("kecepatan tata naskah dinas", "keterbukaan informasi produk hukum",
         "tindak lanjut aspirasi warga"),
        ("waktu penyelesaian naskah dinas", "jumlah produk hukum yang dapat diakses"),
    ),
    "pengawasan": _D(
        0.6, (0.85, 0.1, 0.05),
        ("Pengawasan Berbasis Risiko", "Klinik Konsultasi Pengawasan~", "Tindak Lanjut Temuan",
         "Whistleblowing System*", "Probity Audit Pengadaan~", "Reviu Laporan Keuangan"),
        ("perangkat daerah", "auditor internal"),
        ("tindak lanjut temuan pemeriksaan yang berlarut-larut",
         "kurangnya pendampingan pengendalian intern"),
        ("penyelesaian tindak lanjut temuan", "kualitas pengendalian intern"),
        ("persentase temuan yang ditindaklanjuti", "nilai maturitas SPIP"),
    ),
    "perencanaan": _D(
        0.7, (0.7, 0.15, 0.15),
        ("Perencanaan Pembangunan Terpadu", "Musrenbang Tematik", "Data Pembangunan Daerah*",
         "Bank Data Riset*", "Kompetisi Inovasi Daerah", "Pengendalian dan Evaluasi Pembangunan",
         "Forum Anak Musrenbang~"),
        ("perangkat daerah", "peneliti dan perguruan tinggi", "warga kelurahan"),
        ("usulan musrenbang yang tidak terlacak", "data perencanaan yang tersebar di banyak unit",
         "hasil kajian yang jarang dipakai dalam kebijakan"),
        ("keterpaduan perencanaan dan penganggaran", "pemanfaatan hasil riset",
         "partisipasi warga dalam perencanaan"),
        ("usulan musrenbang yang terakomodasi", "jumlah kajian yang dimanfaatkan"),
    ),
    "keuangan": _D(
        0.8, (0.55, 0.35, 0.1),
        ("Pembayaran Pajak Daerah", "Layanan PBB-P2", "Penatausahaan Aset", "Pajak Restoran dan Hotel",
         "Retribusi Pasar", "Belanja Non Tunai*", "Penagihan Piutang Pajak"),
        ("wajib pajak", "bendahara perangkat daerah", "pelaku usaha"),
        ("antrean panjang saat membayar pajak", "data aset yang tidak mutakhir",
         "kebocoran penerimaan retribusi"),
        ("penerimaan pendapatan asli daerah", "akurasi data aset daerah", "kemudahan membayar pajak"),
        ("realisasi PAD", "jumlah transaksi non tunai"),
    ),
    "kepegawaian": _D(
        0.85, (0.8, 0.15, 0.05),
        ("Layanan Kenaikan Pangkat", "Penilaian Kinerja ASN", "Pelatihan ASN", "Arsip Kepegawaian",
         "Layanan Cuti Pegawai", "Pengembangan Kompetensi"),
        ("ASN", "pengelola kepegawaian"),
        ("berkas kepegawaian yang menumpuk", "proses kenaikan pangkat yang lama"),
        ("kecepatan layanan kepegawaian", "kompetensi ASN"),
        ("waktu layanan kenaikan pangkat", "jam pelatihan ASN per tahun"),
    ),
    "bencana": _D(
        0.4, (0.15, 0.45, 0.4),
        ("Kampung Siaga Bencana~", "Peringatan Dini Rob", "Tanggap Banjir", "Kelurahan Tangguh Bencana~",
         "Edukasi Kebencanaan Sekolah~", "Posko Pengungsian~"),
        ("warga kawasan pesisir", "relawan kebencanaan", "siswa"),
        ("banjir rob yang berulang di wilayah utara", "lambatnya informasi saat bencana"),
        ("kesiapsiagaan warga", "kecepatan respons kebencanaan"),
        ("waktu respons kejadian", "jumlah kelurahan tangguh bencana"),
    ),
    "pendidikan": _D(
        0.5, (0.15, 0.6, 0.25),
        ("Sekolah Ramah Anak~", "Literasi Batik", "Penerimaan Peserta Didik Baru*", "Kelas Inspirasi~",
         "Bimbingan Belajar Gratis~", "Guru Penggerak Berbagi", "Pelestarian Budaya Lokal",
         "Sekolah Peduli Sampah~"),
        ("siswa", "guru", "orang tua siswa"),
        ("angka putus sekolah", "rendahnya minat baca siswa", "pendaftaran sekolah yang berdesakan"),
        ("mutu pembelajaran", "minat baca siswa", "pemerataan akses pendidikan"),
        ("nilai literasi siswa", "angka partisipasi sekolah"),
    ),
    "kesehatan": _D(
        0.45, (0.05, 0.8, 0.15),
        ("Posyandu Remaja~", "Deteksi Dini Stunting", "Pendampingan Ibu Hamil Risiko Tinggi",
         "Antrean Puskesmas", "Kunjungan Rumah Lansia~", "Pojok Gizi~", "Layanan Kesehatan Jiwa",
         "Pemantauan Pasien TBC", "Ambulans Gratis~", "Kelas Ibu Balita~"),
        ("ibu hamil", "balita", "lansia", "remaja"),
        ("angka stunting yang masih tinggi", "antrean pasien yang panjang",
         "rendahnya kunjungan pemeriksaan kehamilan"),
        ("derajat kesehatan masyarakat", "cakupan pelayanan kesehatan dasar",
         "penurunan angka stunting"),
        ("prevalensi stunting", "cakupan kunjungan ibu hamil", "kepuasan pasien"),
    ),
    "infrastruktur": _D(
        0.45, (0.15, 0.45, 0.4),
        ("Perizinan Bangunan Gedung", "Drainase Kampung~", "Pemeliharaan Jalan Lingkungan",
         "Bedah Rumah Tidak Layak Huni~", "Penataan Kawasan Kumuh", "Sanitasi Komunal~",
         "Pengaduan Jalan Rusak"),
        ("warga", "pemohon izin bangunan", "masyarakat berpenghasilan rendah"),
        ("genangan saat hujan dan rob", "jalan lingkungan yang rusak lama ditangani",
         "rumah tidak layak huni"),
        ("kualitas infrastruktur permukiman", "kecepatan penanganan kerusakan jalan"),
        ("luas kawasan kumuh", "waktu penanganan aduan jalan"),
    ),
    "ketertiban": _D(
        0.4, (0.2, 0.6, 0.2),
        ("Patroli Ketertiban~", "Penegakan Perda", "Pemadam Kebakaran Cepat", "Penataan PKL~",
         "Linmas Siaga~"),
        ("warga", "pedagang kaki lima"),
        ("pelanggaran perda yang berulang", "waktu tanggap kebakaran yang lama"),
        ("ketenteraman dan ketertiban umum", "kecepatan tanggap kebakaran"),
        ("waktu tanggap kebakaran", "jumlah pelanggaran perda"),
    ),
    "sosial": _D(
        0.4, (0.1, 0.6, 0.3),
        ("Data Terpadu Kesejahteraan Sosial*", "Kampung KB~", "Rumah Aman Perempuan dan Anak~",
         "Pendampingan Disabilitas", "Bantuan Sosial Tepat Sasaran", "Sekolah Ayah~",
         "Pencegahan Perkawinan Anak", "Layanan Pengaduan Kekerasan"),
        ("keluarga penerima manfaat", "perempuan dan anak", "penyandang disabilitas",
         "pasangan usia subur"),
        ("data penerima bantuan yang tidak tepat sasaran",
         "kasus kekerasan terhadap perempuan dan anak", "perkawinan usia anak"),
        ("ketepatan sasaran bantuan sosial", "perlindungan perempuan dan anak"),
        ("jumlah data penerima bantuan yang dimutakhirkan", "kasus kekerasan yang tertangani"),
    ),
    "lingkungan": _D(
        0.3, (0.05, 0.35, 0.6),
        ("Gerakan Bank Sampah~", "Pengolahan Sampah Organik~", "Kampung Iklim~",
         "Pengaduan Limbah Batik", "Taman Kota Hijau~", "Pilah Sampah dari Rumah", "IPAL Batik Komunal~",
         "Tabungan Bank Sampah*"),
        ("warga", "perajin batik", "pengelola bank sampah"),
        ("sampah rumah tangga yang tidak terpilah", "pencemaran sungai oleh limbah batik"),
        ("pengurangan sampah ke TPA", "kualitas air sungai"),
        ("sampah yang terkelola", "jumlah nasabah bank sampah"),
    ),
    "kependudukan": _D(
        0.75, (0.05, 0.9, 0.05),
        ("Layanan Adminduk", "Akta Kelahiran Langsung Jadi", "KTP-el Keliling~", "Kartu Identitas Anak",
         "Cetak Dokumen Mandiri*", "Perekaman KTP-el Difabel~", "Akta Kematian Jemput Bola~"),
        ("warga", "penyandang disabilitas dan lansia", "orang tua bayi baru lahir"),
        ("antrean panjang di kantor Dindukcapil", "rendahnya kepemilikan akta kelahiran"),
        ("cakupan kepemilikan dokumen kependudukan", "kecepatan layanan adminduk"),
        ("cakupan akta kelahiran anak", "waktu layanan dokumen"),
    ),
    "perhubungan": _D(
        0.6, (0.15, 0.6, 0.25),
        ("Parkir Non Tunai*", "Uji Kendaraan Bermotor", "Angkutan Sekolah Gratis~", "Halte Pintar*",
         "Manajemen Lalu Lintas", "Zona Selamat Sekolah~"),
        ("pengguna jalan", "pemilik kendaraan angkutan", "pelajar"),
        ("kebocoran retribusi parkir", "kemacetan di jam sibuk"),
        ("ketertiban lalu lintas", "penerimaan retribusi parkir"),
        ("pendapatan retribusi parkir", "waktu layanan uji kendaraan"),
    ),
    "kominfo": _D(
        0.95, (0.45, 0.45, 0.1),
        ("Layanan Pengaduan Warga", "Satu Data Kota", "Wi-Fi Publik*", "Aplikasi Super Kota*",
         "Keamanan Informasi*", "Portal Informasi Publik*", "Command Center*", "Tanda Tangan Elektronik*",
         "Literasi Digital Warga~"),
        ("warga", "perangkat daerah", "pemohon informasi publik"),
        ("aduan warga yang tersebar di banyak kanal", "data sektoral yang tidak seragam",
         "dokumen yang masih ditandatangani manual"),
        ("kecepatan tindak lanjut aduan", "keterpaduan data daerah", "keterbukaan informasi publik"),
        ("aduan yang selesai ditindaklanjuti", "jumlah dataset terbuka"),
    ),
    "perizinan": _D(
        0.85, (0.2, 0.7, 0.1),
        ("Layanan Perizinan", "Izin Usaha Mikro", "Pendampingan Investasi~", "Mal Pelayanan Publik",
         "Konsultasi Perizinan", "Peta Peluang Investasi*"),
        ("pelaku usaha", "calon investor", "pemohon izin"),
        ("perizinan yang berbelit dan lama", "informasi peluang investasi yang terbatas"),
        ("kemudahan berusaha", "realisasi investasi"),
        ("waktu terbit izin", "nilai realisasi investasi"),
    ),
    "ekonomi": _D(
        0.55, (0.05, 0.4, 0.55),
        ("Batik Digital UMKM*", "Pasar Rakyat Bersih~", "Kurasi Produk UMKM", "Koperasi Sehat~",
         "Bursa Kerja", "Pelatihan Kerja Berbasis Kompetensi~", "Pemasaran Batik & Tenun",
         "Tera Ulang Timbangan", "Inkubator Wirausaha Muda"),
        ("pelaku UMKM", "perajin batik", "pencari kerja", "pedagang pasar"),
        ("pemasaran batik yang masih konvensional", "pengangguran usia muda",
         "produk UMKM yang sulit menembus pasar"),
        ("daya saing UMKM", "penyerapan tenaga kerja", "omzet perajin batik"),
        ("omzet UMKM binaan", "pencari kerja yang ditempatkan"),
    ),
    "pertanian": _D(
        0.3, (0.05, 0.3, 0.65),
        ("Urban Farming~", "Lumbung Pangan~", "Pekarangan Pangan Lestari~", "Pengawasan Keamanan Pangan",
         "Kartu Tani*", "Klinik Hewan"),
        ("kelompok wanita tani", "petani kota", "warga"),
        ("lahan pertanian kota yang menyempit", "kerawanan pangan keluarga"),
        ("ketahanan pangan keluarga", "produktivitas lahan pekarangan"),
        ("luas pekarangan produktif", "skor pola pangan harapan"),
    ),
    "perikanan": _D(
        0.3, (0.05, 0.3, 0.65),
        ("Budidaya Ikan Sistem Bioflok~", "Pengolahan Hasil Perikanan~", "Nelayan Sejahtera",
         "Gemar Makan Ikan~", "Pelelangan Ikan Transparan", "Mangrove Pesisir~"),
        ("nelayan", "pembudidaya ikan", "kelompok pengolah hasil perikanan"),
        ("harga ikan yang tidak transparan di pelelangan", "abrasi dan rob di pesisir"),
        ("pendapatan nelayan", "konsumsi ikan masyarakat"),
        ("angka konsumsi ikan", "produksi budidaya ikan"),
    ),
    "pariwisata": _D(
        0.5, (0.05, 0.35, 0.6),
        ("Kampung Wisata Batik~", "Kalender Event Kota", "Pemandu Wisata Muda~", "Sport Center",
         "Promosi Wisata Kreatif", "Festival Budaya Kota~", "Olahraga Rekreasi Masyarakat~"),
        ("wisatawan", "pemuda", "pelaku wisata"),
        ("kunjungan wisata yang belum optimal", "minimnya ruang kreatif pemuda"),
        ("kunjungan wisatawan", "prestasi olahraga", "ekonomi kreatif"),
        ("jumlah kunjungan wisatawan", "jumlah event terselenggara"),
    ),
    "perpustakaan": _D(
        0.5, (0.2, 0.5, 0.3),
        ("Perpustakaan Keliling~", "Pojok Baca~", "Arsip Digital*", "Perpustakaan Digital*",
         "Literasi Keluarga~", "Penyelamatan Arsip Vital"),
        ("pelajar", "warga", "pengelola arsip perangkat daerah"),
        ("rendahnya tingkat kegemaran membaca", "arsip vital yang rusak dan tercecer"),
        ("kegemaran membaca masyarakat", "keamanan arsip daerah"),
        ("jumlah pengunjung perpustakaan", "arsip yang terdigitalisasi"),
    ),
    "rumahsakit": _D(
        0.65, (0.1, 0.8, 0.1),
        ("Pendaftaran Pasien", "Rekam Medis Elektronik*", "Layanan Farmasi Cepat",
         "Home Care Pasca Rawat Inap~", "Informasi Ketersediaan Tempat Tidur*",
         "Telekonsultasi Dokter Spesialis*", "Antar Obat Pasien Kronis~"),
        ("pasien", "keluarga pasien", "pasien rujukan"),
        ("waktu tunggu pendaftaran dan obat yang lama", "informasi tempat tidur yang tidak pasti"),
        ("mutu layanan rumah sakit", "kecepatan pelayanan pasien"),
        ("waktu tunggu rawat jalan", "indeks kepuasan pasien"),
    ),
    "kewilayahan": _D(
        0.35, (0.25, 0.55, 0.2),
        ("Layanan Administrasi Terpadu", "Kampung Tertib~", "Sambang Warga~", "Posyandu Terintegrasi~",
         "Kerja Bakti Lingkungan~", "Rembug Warga~", "Layanan Surat Pengantar", "Kampung Batik Bersih~"),
        ("warga", "ketua RT dan RW", "kader kelurahan"),
        ("surat pengantar yang harus diurus berulang",
         "partisipasi warga yang rendah dalam kegiatan lingkungan"),
        ("kualitas layanan kewilayahan", "partisipasi warga"),
        ("waktu layanan surat pengantar", "jumlah RW aktif"),
    ),
}

_ACRONYMS = {
    True: ("SI-CANTIK", "SIMPEL", "E-SAPA", "SIGAP", "SIPANDU", "SIMONA", "E-LAPOR", "SIJARI",
           "SIKAT", "SIMAS", "SIDARLING", "SI-BATIK", "E-KINERJA", "SIPENA", "KLIK", "SIPINTER",
           "SIMANTAP", "E-KLINIK", "SIMPATIK", "SIAP"),
    False: ("GERCEP", "SEHATI", "JEMPOL", "BERKAH", "GESIT", "PRIMA", "SEKAR", "MAWAR", "TERATAI",
            "PESAT", "SEMAR", "BANGKIT", "GEMPITA", "SAPA WARGA", "LIBAS", "PAS MANTAP", "KERIS",
            "GENDHIS", "RUMAH KITA", "KITA BISA"),
}
_QUALIFIERS = {
    True: ("Daring", "Berbasis Aplikasi", "Terintegrasi", "Digital", "Online", "Berbasis Web"),
    False: ("Terpadu", "Jemput Bola", "Satu Pintu"),
}
#: Non-digital qualifiers for innovations that work in the neighbourhoods.
_COMMUNITY_QUALIFIERS = ("Berbasis Kelurahan", "Keliling", "Berbasis Masyarakat", "Kelurahan",
                         "Gotong Royong", "Terpadu", "Jemput Bola")
#: Domains whose innovations work inside offices (no neighbourhood qualifiers).
_OFFICE_DOMAINS = frozenset({"tatakelola", "pengawasan", "perencanaan", "keuangan", "kepegawaian",
                             "kominfo", "perizinan", "rumahsakit"})
_MECHANISMS = {
    True: ("Warga mengajukan layanan melalui aplikasi, petugas memverifikasi, dan statusnya dapat "
           "dipantau secara daring.",
           "Data {target} dihimpun dalam satu sistem yang terhubung antarunit dan diperbarui setiap "
           "bulan.",
           "Pengguna cukup mengisi formulir daring dan menerima pemberitahuan melalui WhatsApp."),
    False: ("Petugas mendatangi {target} secara terjadwal bersama kader kelurahan.",
            "Kegiatan dijalankan bersama kader, tokoh masyarakat, dan mitra swasta dengan jadwal "
            "bulanan.",
            "Setiap kelurahan menunjuk penanggung jawab yang melaporkan capaian setiap bulan."),
}
_BENEFITS = (
    "{Target} memperoleh layanan yang lebih cepat, mudah, dan terukur.",
    "{Target} tidak perlu datang berulang kali sehingga waktu dan biaya berkurang.",
    "Perangkat daerah memperoleh data yang akurat untuk meningkatkan {goal}.",
)
_SHORT_TEXTS = ("Terlampir.", "Lihat dokumen.", "Ada", "Belum diisi")
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember")

#: Evidence documents per SID indicator: one template, or one per level 1..3; {n} a number, {y} a year.
_SID_EVIDENCE: dict[str, tuple[str, ...]] = {
    "SID01": ("SK Kepala {opd} No. 800/{n}/{y}.pdf", "SK Walikota No. 050/{n}/{y}.pdf",
              "Perwal No. {n} Tahun {y}.pdf"),
    "SID02": ("SK Penugasan Tim Inovasi No. 800/{n}/{y}.pdf",),
    "SID03": ("DPA {opd} Tahun {y}.pdf",),
    "SID04": ("Foto dan tangkapan layar alat kerja {n}.pdf",),
    "SID05": ("Daftar hadir bimtek inovasi {y}.pdf",),
    "SID06": ("RKPD Kota Pekalongan {y} hlm {n}.pdf",),
    "SID07": ("Undangan rapat aktor inovasi No. 005/{n}/{y}.pdf",),
    "SID08": ("Susunan tim pelaksana {y}.pdf", "SK Kepala {opd} Tim Pelaksana No. 800/{n}/{y}.pdf",
              "SK Walikota Tim Pelaksana No. 050/{n}/{y}.pdf"),
    "SID09": ("Surat tugas jejaring OPD No. 090/{n}/{y}.pdf",),
    "SID10": ("Kliping berita dan media sosial {y}.pdf",),
    "SID11": ("Pedoman teknis inovasi {y}.pdf",),
    "SID12": ("Tangkapan layar kanal informasi {n}.png",),
    "SID13": ("SOP layanan No. {n} Tahun {y}.pdf",),
    "SID14": ("Rekap pengaduan {y}.xlsx",),
    "SID15": ("Tangkapan layar aplikasi web dan seluler {n}.png",),
    "SID16": ("Surat pernyataan replikasi No. {n}/{y}.pdf",),
    "SID17": ("Laporan tahapan inovasi {y}.pdf",),
    "SID18": ("Daftar penerima manfaat {y}.xlsx",),
    "SID19": ("Laporan monev dan SKM {y}.pdf",),
    "SID20": ("Video profil inovasi {n}.mp4",),
}
#: How much easier (+) or harder (−) an indicator is to reach than the innovation's maturity says.
_SID_OFFSET = {"SID01": 0.10, "SID03": -0.05, "SID05": -0.10, "SID06": -0.10, "SID08": 0.10,
               "SID09": -0.05, "SID10": 0.15, "SID11": -0.10, "SID12": 0.10, "SID14": -0.05,
               "SID16": -0.45, "SID18": 0.10, "SID19": -0.10, "SID20": -0.05}
#: Indicators that digital innovations reach more easily (non-digital ones less easily).
_SID_DIGITAL = {"SID04": 0.10, "SID12": 0.05, "SID15": 0.30}

# ---------------------------------------------------------------------------------- edition plans

_IN, _BEFORE, _AFTER, _TRIAL, _IDEA = range(5)  # entry categories
#: How entries outside the eligibility window split: applied before it, applied after it
#: (in the edition year), still in trial (uji coba), still an idea (inisiatif).
_OUT_SPLIT = np.array([0.15, 0.30, 0.35, 0.20])


@dataclass(frozen=True)
class _Plan:
    n: int | tuple[int, int]  # innovations entered (exact, or an inclusive range)
    n_in: int | float  # of which applied within the eligibility window (exact, or a share)
    opd: tuple[int, int]  # participating OPD (inclusive range)
    quality: float  # mean maturity (0..1) of applied innovations
    gaps: float  # share of innovations with evidence gaps (invalid, pending, missing)
    spd: float  # mean SPD level
    reentry_in: int = 0  # innovations entered again, applied within the window
    reentry_out: int = 0  # ... applied before the window


#: Calibration of the bundled dataset (see data/sample/README.md).
_PLANS: dict[int, _Plan] = {
    2019: _Plan((11, 14), 0.70, (11, 13), 0.52, 0.55, 1.7),
    2020: _Plan(4, 3, (3, 3), 0.55, 0.50, 1.8),
    2021: _Plan(52, 19, (9, 10), 0.66, 0.45, 2.2, reentry_in=2, reentry_out=2),
    2022: _Plan(44, 0.64, (16, 18), 0.73, 0.35, 2.5, reentry_in=2, reentry_out=1),
    2023: _Plan((57, 63), 0.68, (26, 29), 0.80, 0.20, 2.8, reentry_in=8, reentry_out=1),
    2024: _Plan(135, 0.76, (35, 37), 0.65, 0.25, 2.5, reentry_in=18, reentry_out=2),
}

_INITIATORS = ("opd", "asn", "kepala_daerah", "masyarakat", "anggota_dprd")
_INITIATOR_P = np.array([0.45, 0.2, 0.15, 0.15, 0.05])
_FORMS = ("tata_kelola", "pelayanan_publik", "urusan_lainnya")

_ENTRY_COLUMNS = ("opd", "name", "stage", "initiator", "kind", "form", "affair", "trial",
                  "impl", "submitted", "prev", "design", "goal", "benefit", "result", "quality",
                  "gaps", "lineage")


# ---------------------------------------------------------------------------------- public API


def make_sample(seed: int = 2021, regions: int = 1, innovations: int | None = None
                ) -> dict[str, pd.DataFrame]:
    """The four raw tables of a synthetic dataset (strings, canonical columns, stable order).

    ``innovations=None``: the Kota Pekalongan editions 2019–2024 (``regions`` > 1 repeats the OPD
    registry and the editions' plans once per region, with suffixed ids). ``innovations=N``: one
    edition (2021) with ``N`` innovations spread over the OPD of every region and ``20·N`` SID
    answers, for benchmarks.
    """
    if int(regions) < 1:
        raise ValueError(f"regions harus >= 1, ditemukan {regions} / regions must be >= 1")
    if innovations is not None and int(innovations) < 1:
        raise ValueError(f"innovations harus >= 1, ditemukan {innovations} / innovations must be >= 1")
    rng = np.random.default_rng(seed)
    regions = int(regions)
    opd = _opd_frame(regions)
    years = (LARGE_YEAR,) if innovations is not None else BUNDLED_YEARS
    meths = {y: load_methodology(y) for y in years}

    parts: list[pd.DataFrame] = []
    if innovations is None:
        for r in range(regions):
            pool = pd.DataFrame()
            names: set[str] = set()
            for y in years:
                ed = _bundled_edition(rng, y, meths[y], _PLANS[y], opd[opd["region"] == r],
                                      pool, names)
                ed = _with_ids(ed, y, r)
                ed["_region"] = r
                pool = pd.concat([pool, ed], ignore_index=True) if len(pool) else ed
                parts.append(ed)
    else:
        ed = _with_ids(_large_edition(rng, LARGE_YEAR, meths[LARGE_YEAR], int(innovations), opd),
                       LARGE_YEAR, None)
        ed["_region"] = 0
        parts.append(ed)
    entries = pd.concat(parts, ignore_index=True)
    entries = entries.sort_values(["year", "_region", "innovation_id"], kind="stable")
    entries = entries.reset_index(drop=True)

    answers = pd.concat(
        [_sid_answers(rng, entries[entries["year"] == y], meths[y]) for y in years],
        ignore_index=True,
    )
    region = pd.concat([_spd_answers(rng, y, meths[y], _PLANS[y].spd) for y in years],
                       ignore_index=True)
    tables = {
        "opd": _raw_opd(opd),
        "innovations": _raw_innovations(entries),
        "innovation_indicators": answers,
        "region_indicators": region,
    }
    return {t: _guard(t, df) for t, df in tables.items()}


def write_sample(out: Path, *, seed: int = 2021, regions: int = 1,
                 innovations: int | None = None) -> list[Path]:
    """Write the four CSV files of :func:`make_sample` into ``out``; return their paths.

    UTF-8, comma separated, ``\\n`` line endings, canonical headers: the same arguments always give
    the same bytes.
    """
    tables = make_sample(seed=seed, regions=regions, innovations=innovations)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for t in schema.TABLES:
        path = out / f"{t}.csv"
        tables[t].to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------------- OPD


def _opd_frame(regions: int) -> pd.DataFrame:
    """Internal OPD registry: one block of units per region (region 0 keeps the plain ids)."""
    rows = []
    for r in range(regions):
        for u in _UNITS:
            rows.append({
                "region": r,
                "opd_id": u.opd_id if r == 0 else f"{u.opd_id}_R{r + 1}",
                "name": u.name if r == 0 else f"{u.name} (Daerah {r + 1})",
                "kind": u.kind, "domain": u.domain, "weight": u.weight, "affairs": u.affairs,
                "active_from": u.active_from, "active_to": u.active_to,
            })
    return pd.DataFrame(rows)


def _active(opd: pd.DataFrame, year: int) -> np.ndarray:
    lo = opd["active_from"].fillna(0).astype(int).to_numpy()
    hi = opd["active_to"].fillna(9999).astype(int).to_numpy()
    return (lo <= year) & (year <= hi)


# ---------------------------------------------------------------------------------- editions


def _draw(rng: np.random.Generator, spec: int | tuple[int, int]) -> int:
    if isinstance(spec, tuple):
        return int(rng.integers(spec[0], spec[1] + 1))
    return int(spec)


def _day(d: dt.date) -> int:
    return (d - _EPOCH).days


def _bundled_edition(rng: np.random.Generator, year: int, meth: Methodology, plan: _Plan,
                     opd: pd.DataFrame, pool: pd.DataFrame, names: set[str]) -> pd.DataFrame:
    """One edition of one region: re-entries from earlier editions, then new innovations."""
    opd = opd.reset_index(drop=True)
    active = _active(opd, year)
    n = _draw(rng, plan.n)
    n_in = plan.n_in if isinstance(plan.n_in, int) else round(plan.n_in * n)
    e_from, e_to = _day(meth.eligible_from), _day(meth.eligible_to)

    # --- innovations entered again (same name and OPD; previous_entries = earlier entries)
    again = pd.DataFrame(columns=list(_ENTRY_COLUMNS))
    if len(pool) and (plan.reentry_in or plan.reentry_out):
        last = pool.drop_duplicates("lineage", keep="last")
        entered = pool.groupby("lineage").size()
        ok = (last["stage"] == "penerapan") & last["opd"].isin(opd.loc[active, "opd_id"])
        last = last[ok]
        inside = last[(last["impl"] >= e_from) & (last["impl"] <= e_to)]
        before = last[(last["impl"] >= 0) & (last["impl"] < e_from)]
        pick_in = inside.iloc[rng.permutation(len(inside))[: min(plan.reentry_in, n_in)]]
        pick_out = before.iloc[rng.permutation(len(before))[: plan.reentry_out]]
        again = pd.concat([pick_in, pick_out], ignore_index=True)
        again["prev"] = entered.reindex(again["lineage"]).to_numpy().astype(int)
        again["quality"] = np.minimum(again["quality"].astype(float) + 0.08, 0.95)
        again["gaps"] = rng.random(len(again)) < plan.gaps
        again = again[list(_ENTRY_COLUMNS)]
    n_again_in = int(((again["impl"] >= e_from) & (again["impl"] <= e_to)).sum()) if len(again) else 0

    # --- participating OPD: those re-entering, then others by propensity
    k = min(_draw(rng, plan.opd), int(active.sum()), n)
    chosen = list(dict.fromkeys(opd.index[opd["opd_id"].isin(again["opd"])]))
    others = np.flatnonzero(active & ~opd.index.isin(chosen))
    need = max(k - len(chosen), 0)
    if need:
        w = opd["weight"].to_numpy()[others]
        chosen += list(rng.choice(others, size=need, replace=False, p=w / w.sum()))
    chosen = np.array(sorted(chosen), dtype=int)

    # --- new entries: one per chosen OPD without a re-entry, the rest by propensity
    n_new = n - len(again)
    has = opd.loc[chosen, "opd_id"].isin(again["opd"]).to_numpy()
    first = chosen[~has][:n_new]
    w = opd["weight"].to_numpy()[chosen]
    extra = rng.choice(chosen, size=n_new - len(first), p=w / w.sum())
    units = np.concatenate([first, extra])

    cats = np.concatenate([
        np.full(n_in - n_again_in, _IN),
        np.repeat([_BEFORE, _AFTER, _TRIAL, _IDEA],
                  rng.multinomial(n_new - (n_in - n_again_in), _OUT_SPLIT)),
    ])
    cats = cats[rng.permutation(len(cats))]
    new = _new_entries(rng, year, meth, plan, opd.iloc[units].reset_index(drop=True), cats,
                       names, unique=True)
    new["lineage"] = [f"{year}:{o}:{i}" for i, o in enumerate(new["opd"])]

    # --- re-entries get this edition's submission date and an updated result
    if len(again):
        sub = _submitted(rng, meth, len(again))
        again["submitted"] = sub
        again["result"] = _results(rng, again, year)
    ed = pd.concat([again, new], ignore_index=True) if len(again) else new
    ed["year"] = year
    return ed


def _large_edition(rng: np.random.Generator, year: int, meth: Methodology, n: int,
                   opd: pd.DataFrame) -> pd.DataFrame:
    """``n`` innovations of one edition spread over every active OPD (benchmarks)."""
    plan = _PLANS[year]
    active = np.flatnonzero(_active(opd, year))
    w = opd["weight"].to_numpy()[active]
    units = rng.choice(active, size=n, p=w / w.sum())
    n_in = plan.n_in if isinstance(plan.n_in, float) else plan.n_in / _draw(rng, plan.n)
    p = np.concatenate([[n_in], (1 - n_in) * _OUT_SPLIT])
    cats = rng.choice(5, size=n, p=p / p.sum())
    ed = _new_entries(rng, year, meth, plan, opd.iloc[units].reset_index(drop=True), cats,
                      set(), unique=False)
    ed["prev"] = (rng.random(n) < 0.05).astype(int)
    ed["lineage"] = np.arange(n).astype(str)
    ed["year"] = year
    return ed


def _submitted(rng: np.random.Generator, meth: Methodology, n: int) -> np.ndarray:
    """Submission days: a few early, a rush in the three weeks before the deadline, a few late."""
    opens, closes = _day(meth.input_opens), _day(meth.input_closes)
    rush = max(opens, closes - 21)
    ext = _day(meth.input_extended_to) if meth.input_extended_to else None
    seg = rng.choice(3, size=n, p=[0.33, 0.55, 0.12] if ext else [0.35, 0.65, 0.0])
    u = rng.random(n)
    lo = np.select([seg == 0, seg == 1], [opens, rush], closes + 1)
    hi = np.select([seg == 0, seg == 1], [rush - 1, closes], ext if ext else closes)
    hi = np.maximum(hi, lo)
    return (lo + np.floor(u * (hi - lo + 1))).astype(np.int64)


def _new_entries(rng: np.random.Generator, year: int, meth: Methodology, plan: _Plan,
                 units: pd.DataFrame, cats: np.ndarray, names: set[str], *, unique: bool
                 ) -> pd.DataFrame:
    """New innovations, one per row of ``units`` (the OPD) and ``cats`` (entry category)."""
    n = len(cats)
    e_from, e_to = _day(meth.eligible_from), _day(meth.eligible_to)
    sub = _submitted(rng, meth, n)

    u = rng.random((n, 3))
    impl = np.full(n, _NONE, dtype=np.int64)
    m = cats == _IN
    impl[m] = e_from + np.floor(u[m, 0] * (e_to - e_from + 1)).astype(np.int64)
    m = cats == _BEFORE
    impl[m] = e_from - 1 - np.floor(u[m, 0] * 3 * 365).astype(np.int64)
    m = cats == _AFTER
    hi = np.maximum(sub[m] - 14, e_to + 1)
    impl[m] = e_to + 1 + np.floor(u[m, 0] * (hi - e_to)).astype(np.int64)
    trial = np.full(n, _NONE, dtype=np.int64)
    applied = impl != _NONE
    with_trial = applied & (u[:, 1] < 0.6)
    trial[with_trial] = impl[with_trial] - 60 - np.floor(u[with_trial, 2] * 240).astype(np.int64)
    m = cats == _TRIAL
    trial[m] = sub[m] - 20 - np.floor(u[m, 2] * 280).astype(np.int64)

    stage = np.where(applied, "penerapan", np.where(cats == _TRIAL, "uji_coba", "inisiatif"))
    doms = [_DOMAINS[d] for d in units["domain"]]
    r = rng.random((n, 8))
    digital = r[:, 0] < np.array([d.digital for d in doms])
    fcum = np.cumsum(np.array([d.form for d in doms]), axis=1)
    form = np.array(_FORMS)[(r[:, [1]] > fcum[:, :2]).sum(axis=1)]
    initiator = np.array(_INITIATORS)[rng.choice(len(_INITIATORS), size=n, p=_INITIATOR_P)]
    affair = [a[int(x * len(a))] for a, x in zip(units["affairs"], r[:, 2], strict=True)]

    base = np.clip(plan.quality + rng.normal(0.0, 0.12, n), 0.05, 0.95)
    quality = np.where(applied, base, np.where(cats == _TRIAL, 0.6 * base, 0.35 * base))
    gap_p = np.where(applied, plan.gaps, np.minimum(1.3 * plan.gaps, 0.9))
    gaps = r[:, 3] < gap_p

    pick = rng.random((n, 10))
    dkeys = units["domain"].to_numpy()
    name = [_name(d, dig, row) for d, dig, row in zip(dkeys, digital, pick, strict=True)]
    if unique:
        for i in range(n):
            tries = 0
            while (name[i] in names or _repeats_word(name[i])) and tries < 60:
                name[i] = _name(dkeys[i], digital[i], rng.random(4))
                tries += 1
            names.add(name[i])

    tgt = [d.targets[int(x * len(d.targets))] for d, x in zip(doms, pick[:, 5], strict=True)]
    prob = [d.problems[int(x * len(d.problems))] for d, x in zip(doms, pick[:, 6], strict=True)]
    goal = [d.goals[int(x * len(d.goals))] for d, x in zip(doms, pick[:, 7], strict=True)]
    mech = [_MECHANISMS[bool(dg)][int(x * 3)].format(target=t)
            for dg, x, t in zip(digital, pick[:, 8], tgt, strict=True)]
    what = np.where(digital, "layanan berbasis teknologi informasi", "gerakan layanan langsung")
    design = [f"{nm} adalah {w} yang dikembangkan {o} untuk mengatasi {p}. {mc}"
              for nm, w, o, p, mc in zip(name, what, units["name"], prob, mech, strict=True)]
    goal_txt = [f"Meningkatkan {g} bagi {t} di Kota Pekalongan." if x < 0.6
                else f"Mengatasi {p} dan meningkatkan {g}."
                for g, t, p, x in zip(goal, tgt, prob, pick[:, 9], strict=True)]
    benefit = [_BENEFITS[int(x * 3)].format(Target=t[0].upper() + t[1:], goal=g)
               for t, g, x in zip(tgt, goal, r[:, 4], strict=True)]

    ed = pd.DataFrame({
        "opd": units["opd_id"].to_numpy(), "name": name, "stage": stage, "initiator": initiator,
        "kind": np.where(digital, "digital", "non_digital"), "form": form, "affair": affair,
        "trial": trial, "impl": impl, "submitted": sub, "prev": np.zeros(n, dtype=int),
        "design": design, "goal": goal_txt, "benefit": benefit, "result": "",
        "quality": quality, "gaps": gaps, "lineage": "",
        "_target": tgt, "_domain": units["domain"].to_numpy(),
    })
    ed["result"] = _results(rng, ed, year)

    # a few profiles left empty or very short (only where the evidence has gaps too)
    thin = gaps & (r[:, 5] < 0.4)
    cols = np.array(schema.PROFILE_COLUMNS)
    which = cols[np.floor(r[:, 6] * len(cols)).astype(int)]
    short = np.array(_SHORT_TEXTS)[np.floor(r[:, 7] * len(_SHORT_TEXTS)).astype(int)]
    for c in cols:
        m = thin & (which == c)
        ed.loc[m, c] = np.where(r[m, 4] < 0.5, "", short[m])
    return ed.drop(columns=["_target", "_domain"])


def _words(domain: str, digital: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Cores and qualifiers that fit a domain and a kind (digital or not)."""
    key = (domain, digital)
    if key not in _WORDS:
        drop = "~" if digital else "*"
        cores = tuple(c.rstrip("*~") for c in _DOMAINS[domain].cores if not c.endswith(drop))
        if digital or domain in _OFFICE_DOMAINS:
            quals = _QUALIFIERS[digital]
        else:
            quals = _COMMUNITY_QUALIFIERS
        _WORDS[key] = (cores, quals)
    return _WORDS[key]


_WORDS: dict[tuple[str, bool], tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _name(domain: str, digital: bool, x: np.ndarray) -> str:
    cores, quals = _words(domain, bool(digital))
    core = cores[int(x[0] * len(cores))]
    acr = _ACRONYMS[bool(digital)][int(x[1] * len(_ACRONYMS[bool(digital)]))]
    qual = quals[int(x[2] * len(quals))]
    if x[3] < 0.35:
        return f"{acr} {core} {qual}"
    if x[3] < 0.6:
        return f"{acr} {core}"
    return f"{core} {qual}"


def _repeats_word(name: str) -> bool:
    words = [w.lower() for w in name.split()]
    return len(words) != len(set(words))


def _results(rng: np.random.Generator, ed: pd.DataFrame, year: int) -> list[str]:
    """The 'hasil' narrative, by stage."""
    n = len(ed)
    x = rng.random((n, 4))
    out = []
    for i, (stage, impl, trial, name) in enumerate(
        zip(ed["stage"], ed["impl"], ed["trial"], ed["name"], strict=True)
    ):
        users = f"{int(50 + x[i, 0] * 4950):,}".replace(",", ".")  # Indonesian thousands
        pct = int(8 + x[i, 1] * 52)
        if stage == "penerapan":
            d = _EPOCH + dt.timedelta(days=int(impl))
            out.append(f"Sejak diterapkan pada {_MONTHS[d.month - 1]} {d.year}, {name} dimanfaatkan "
                       f"{users} pengguna dan capaian layanan membaik {pct}% dibanding sebelumnya.")
        elif stage == "uji_coba":
            d = _EPOCH + dt.timedelta(days=int(trial))
            k = 1 + int(x[i, 2] * 6)
            out.append(f"Uji coba sejak {_MONTHS[d.month - 1]} {d.year} di {k} kelurahan menjangkau "
                       f"{users} warga; hasil awal menunjukkan perbaikan layanan.")
        else:
            out.append(f"Masih tahap perancangan; uji coba direncanakan pada {year + 1}.")
    return out


def _with_ids(ed: pd.DataFrame, year: int, region: int | None) -> pd.DataFrame:
    """Order an edition by submission (stable) and number it: PKL-2021-001, R2-2021-001, …"""
    ed = ed.iloc[np.argsort(ed["submitted"].to_numpy(), kind="stable")].reset_index(drop=True)
    width = max(3, len(str(len(ed))))
    prefix = "PKL" if not region else f"R{region + 1}"
    ed["innovation_id"] = [f"{prefix}-{year}-{i + 1:0{width}d}" for i in range(len(ed))]
    ed["year"] = year
    return ed


# ---------------------------------------------------------------------------------- answers


def _fill(template: str, n: np.ndarray, y: np.ndarray, opd: np.ndarray) -> np.ndarray:
    """Vectorised ``template.format(n=…, y=…, opd=…)`` over aligned arrays (StringDType)."""
    parts = re.split(r"(\{n\}|\{y\}|\{opd\})", template)
    acc = np.full(len(n), "", dtype=_STR)
    for p in parts:
        if not p:
            continue
        val = {"{n}": n, "{y}": y, "{opd}": opd}.get(p, p)
        acc = np.strings.add(acc, val)
    return acc


def _sid_answers(rng: np.random.Generator, entries: pd.DataFrame, meth: Methodology
                 ) -> pd.DataFrame:
    """One row per (innovation, SID indicator): levels from maturity, evidence and its state."""
    n = len(entries)
    sid = [i.id for i in meth.indicators_of("SID")]
    k = len(sid)
    q = entries["quality"].to_numpy(dtype=float)
    digital = (entries["kind"] == "digital").to_numpy()
    gaps = entries["gaps"].to_numpy(dtype=bool)
    years = entries["year"].to_numpy(dtype=np.int64)

    off = np.array([_SID_OFFSET.get(s, 0.0) for s in sid])
    dig = np.array([_SID_DIGITAL.get(s, 0.0) for s in sid])
    u = q[:, None] + off[None, :] + np.where(digital[:, None], dig, -dig) \
        + rng.normal(0.0, 0.22, (n, k))
    level = np.clip(np.floor(u * 4), 0, 3).astype(np.int64)
    claimed = level > 0

    r = rng.random((n, k, 3))
    state = np.select([r[..., 0] < 0.62, r[..., 0] < 0.75, r[..., 0] < 0.86], [0, 1, 2], 3)
    state = np.where(gaps[:, None], state, 0)  # 0 valid, 1 invalid, 2 pending, 3 missing
    blank = (state >= 2) & (r[..., 1] < 0.4)  # status left empty: the loader infers it

    num = rng.integers(1, 999, size=(n, k)).astype(_STR)
    ev_year = (years[:, None] - (r[..., 2] < 0.4)).astype(_STR)
    opd_short = entries["opd"].str.replace(r"_R\d+$", "", regex=True).to_numpy().astype(_STR)
    evidence = np.full((n, k), "", dtype=_STR)
    for j, s in enumerate(sid):
        templates = _SID_EVIDENCE.get(s, (f"Bukti {s} {{y}}.pdf",))
        for lv, tpl in enumerate(templates, start=1):
            m = claimed[:, j] if len(templates) == 1 else level[:, j] == lv
            if m.any():
                evidence[m, j] = _fill(tpl, num[m, j], ev_year[m, j], opd_short[m])
    evidence[~claimed | (state == 3)] = ""

    codes = np.array(["valid", "invalid", "pending", "missing"], dtype=_STR)
    status = codes[state]
    status[~claimed | blank] = ""

    return pd.DataFrame({
        "innovation_id": np.repeat(entries["innovation_id"].to_numpy(), k),
        "indicator_id": np.tile(np.array(sid, dtype=object), n),
        "level": level.ravel().astype(str).astype(object),
        "evidence": evidence.ravel().astype(object),
        "evidence_status": status.ravel().astype(object),
    }).astype("str")


def _spd_answers(rng: np.random.Generator, year: int, meth: Methodology, mean: float
                 ) -> pd.DataFrame:
    """The 15 SPD answers of an edition: levels mostly 1–3, evidence mostly valid."""
    inds = meth.indicators_of("SPD")
    k = len(inds)
    level = np.clip(np.rint(mean + rng.normal(0.0, 0.45, k)), 1, 3).astype(int)
    r = rng.random((k, 2))
    state = np.select([r[:, 0] < 0.88, r[:, 0] < 0.93, r[:, 0] < 0.96], [0, 1, 2], 3)
    evidence = [
        "" if s == 3 else f"{i.name.replace('/', '-')} ({year - 1}).pdf"
        for i, s in zip(inds, state, strict=True)
    ]
    codes = np.array(["valid", "invalid", "pending", "missing"])
    status = np.where((state == 3) & (r[:, 1] < 0.5), "", codes[state])
    return pd.DataFrame({
        "year": str(year),
        "indicator_id": [i.id for i in inds],
        "level": level.astype(str),
        "evidence": evidence,
        "evidence_status": status,
    }).astype("str")


# ---------------------------------------------------------------------------------- raw tables


def _iso_fast(days: np.ndarray) -> np.ndarray:
    d = np.asarray(days, dtype=np.int64)
    s = np.datetime_as_string(d.astype("datetime64[D]")).astype(object)
    s[d == _NONE] = ""
    return s


def _raw_opd(opd: pd.DataFrame) -> pd.DataFrame:
    def year(v: object) -> str:
        return "" if v is None or pd.isna(v) else str(int(v))

    return pd.DataFrame({
        "opd_id": opd["opd_id"], "name": opd["name"], "kind": opd["kind"],
        "active_from": [year(v) for v in opd["active_from"]],
        "active_to": [year(v) for v in opd["active_to"]],
    }).astype("str")


def _raw_innovations(e: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({
        "innovation_id": e["innovation_id"], "year": e["year"].astype(int).astype(str),
        "opd_id": e["opd"], "name": e["name"], "stage": e["stage"], "initiator": e["initiator"],
        "kind": e["kind"], "form": e["form"], "affair": e["affair"],
        "trial_date": _iso_fast(e["trial"].to_numpy(dtype=np.int64)),
        "implementation_date": _iso_fast(e["impl"].to_numpy(dtype=np.int64)),
        "submitted_on": _iso_fast(e["submitted"].to_numpy(dtype=np.int64)),
        "previous_entries": e["prev"].astype(int).astype(str),
        "design": e["design"], "goal": e["goal"], "benefit": e["benefit"], "result": e["result"],
    })
    return out.astype("str")


def _guard(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """Canonical column order; text cells made formula-safe with ``textsafe.cell_text``."""
    cols = [c.name for c in schema.COLUMNS[table]]
    df = df[cols].copy()
    for c in schema.COLUMNS[table]:
        if c.kind == "text":
            risky = df[c.name].str.startswith(FORMULA_START).to_numpy(dtype=bool)
            if risky.any():  # only those cells go through cell_text (fast on large frames)
                df.loc[risky, c.name] = df.loc[risky, c.name].map(cell_text)
    return df.reset_index(drop=True)
