"""The synthetic city's catalogue (data): its units (OPD) and, per domain of work, the words its
innovations are made of — what they are about, for whom, against which problem, to what end —
with the acronyms, qualifiers and sentences that turn them into names and profiles.

Nothing here is real Pekalongan data; the units are those of a kota of Pekalongan's size.
:func:`opd_frame` lays the registry out once per region of a dataset.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "ACRONYMS",
    "BENEFITS",
    "COMMUNITY_QUALIFIERS",
    "DOMAINS",
    "MECHANISMS",
    "MONTHS",
    "OFFICE_DOMAINS",
    "QUALIFIERS",
    "SHORT_TEXTS",
    "UNITS",
    "Domain",
    "Unit",
    "active_units",
    "opd_frame",
]

# ---------------------------------------------------------------------------------- OPD registry


@dataclass(frozen=True)
class Unit:
    opd_id: str
    name: str
    kind: str  # schema.ENUMS["opd_kind"] code
    domain: str  # key of DOMAINS (word lists)
    weight: float  # propensity to take part and to enter many innovations
    affairs: tuple[str, ...]  # urusan pemerintahan
    active_from: int | None = None
    active_to: int | None = None


_KEW = ("Pemberdayaan Masyarakat dan Desa", "Pemerintahan Umum")
_U = Unit
#: A kota of Pekalongan's size. DINPARBUDPORA was split at the end of 2021: tourism, youth and
#: sport went to DINPORAPAR (from 2022), culture to the education office.
UNITS: tuple[Unit, ...] = (
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
       ("Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat",)),
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
       0.7, ("Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat",)),
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
       1.3, ("Perdagangan", "Koperasi, Usaha Kecil, dan Menengah")),
    _U("DINPERINAKER", "Dinas Perindustrian dan Tenaga Kerja", "dinas", "ekonomi", 1.0,
       ("Perindustrian", "Tenaga Kerja")),
    _U("DINPERPA", "Dinas Pertanian dan Pangan", "dinas", "pertanian", 0.8, ("Pertanian", "Pangan")),
    _U("DKP", "Dinas Kelautan dan Perikanan", "dinas", "perikanan", 0.8, ("Kelautan dan Perikanan",)),
    _U("DINPARBUDPORA", "Dinas Pariwisata, Kebudayaan, Kepemudaan dan Olahraga", "dinas",
       "pariwisata", 1.0, ("Pariwisata", "Kepemudaan dan Olah Raga", "Kebudayaan"), None, 2021),
    _U("DINPORAPAR", "Dinas Kepemudaan, Olahraga dan Pariwisata", "dinas", "pariwisata", 1.0,
       ("Pariwisata", "Kepemudaan dan Olah Raga"), 2022, None),
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
class Domain:
    digital: float  # share of digital innovations
    form: tuple[float, float, float]  # tata_kelola, pelayanan_publik, urusan_lainnya
    cores: tuple[str, ...]  # what an innovation is about; "*" digital only, "~" non-digital only
    targets: tuple[str, ...]  # who benefits (lower case)
    problems: tuple[str, ...]  # the problem it answers (lower case)
    goals: tuple[str, ...]  # what it improves (lower case)
    metrics: tuple[str, ...]  # what its result is measured by (lower case)


_D = Domain
DOMAINS: dict[str, Domain] = {
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

ACRONYMS = {
    True: ("SI-CANTIK", "SIMPEL", "E-SAPA", "SIGAP", "SIPANDU", "SIMONA", "E-LAPOR", "SIJARI",
           "SIKAT", "SIMAS", "SIDARLING", "SI-BATIK", "E-KINERJA", "SIPENA", "KLIK", "SIPINTER",
           "SIMANTAP", "E-KLINIK", "SIMPATIK", "SIAP"),
    False: ("GERCEP", "SEHATI", "JEMPOL", "BERKAH", "GESIT", "PRIMA", "SEKAR", "MAWAR", "TERATAI",
            "PESAT", "SEMAR", "BANGKIT", "GEMPITA", "SAPA WARGA", "LIBAS", "PAS MANTAP", "KERIS",
            "GENDHIS", "RUMAH KITA", "KITA BISA"),
}
QUALIFIERS = {
    True: ("Daring", "Berbasis Aplikasi", "Terintegrasi", "Digital", "Online", "Berbasis Web"),
    False: ("Terpadu", "Jemput Bola", "Satu Pintu"),
}
#: Non-digital qualifiers for innovations that work in the neighbourhoods.
COMMUNITY_QUALIFIERS = ("Berbasis Kelurahan", "Keliling", "Berbasis Masyarakat", "Kelurahan",
                         "Gotong Royong", "Terpadu", "Jemput Bola")
#: Domains whose innovations work inside offices (no neighbourhood qualifiers).
OFFICE_DOMAINS = frozenset({"tatakelola", "pengawasan", "perencanaan", "keuangan", "kepegawaian",
                             "kominfo", "perizinan", "rumahsakit"})
MECHANISMS = {
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
BENEFITS = (
    "{Target} memperoleh layanan yang lebih cepat, mudah, dan terukur.",
    "{Target} tidak perlu datang berulang kali sehingga waktu dan biaya berkurang.",
    "Perangkat daerah memperoleh data yang akurat untuk meningkatkan {goal}.",
)
SHORT_TEXTS = ("Terlampir.", "Lihat dokumen.", "Ada", "Belum diisi")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember")


# ---------------------------------------------------------------------------------- OPD


def opd_frame(regions: int) -> pd.DataFrame:
    """Internal OPD registry: one block of units per region (region 0 keeps the plain ids)."""
    rows = []
    for r in range(regions):
        for u in UNITS:
            rows.append({
                "region": r,
                "opd_id": u.opd_id if r == 0 else f"{u.opd_id}_R{r + 1}",
                "name": u.name if r == 0 else f"{u.name} (Daerah {r + 1})",
                "kind": u.kind, "domain": u.domain, "weight": u.weight, "affairs": u.affairs,
                "active_from": u.active_from, "active_to": u.active_to,
            })
    return pd.DataFrame(rows)


def active_units(opd: pd.DataFrame, year: int) -> np.ndarray:
    lo = opd["active_from"].fillna(0).astype(int).to_numpy()
    hi = opd["active_to"].fillna(9999).astype(int).to_numpy()
    return (lo <= year) & (year <= hi)
