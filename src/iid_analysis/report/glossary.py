"""The glossary every page links to: the terms of the IID and the IGA, in formal Indonesian.

:data:`GLOSSARY` is the one list; :func:`glossary_markdown` renders it as the closing section of
the IGA report (page 03) and :func:`glossary_html` as an escaped HTML fragment for the standalone
``glosarium.html`` that the page header links to.
"""

from __future__ import annotations

from iid_analysis.text.escape import html_text, md_text

#: (term, definition), in reading order: the index and its parts, the review and its decisions, the
#: coaching groups, the award, the indicators with English in their official names, then the
#: abbreviations a reader meets on the pages.
GLOSSARY: list[tuple[str, str]] = [
    ("IID (Indeks Inovasi Daerah)",
     "Indeks tahunan Kementerian Dalam Negeri (0–100) tentang seberapa inovatif pemerintah daerah, "
     "dihitung dari aspek SPD, aspek SID, dan jumlah inovasi."),
    ("IGA (Innovative Government Award)",
     "Penghargaan tahunan Kementerian Dalam Negeri bagi pemerintah daerah terinovatif, berdasarkan IID; "
     "nama resmi yang tidak diterjemahkan."),
    ("SPD (satuan pemerintah daerah)",
     "Aspek IID yang menilai pemerintah daerah sebagai lembaga (misalnya ketepatan waktu APBD dan opini "
     "BPK); diisi sekali per edisi."),
    ("SID (satuan inovasi daerah)",
     "Aspek IID yang menilai setiap inovasi dengan dua puluh indikator (SID01–SID20). Nilai aspek SID "
     "adalah jumlah skor kematangan inovasi yang dinilai (paling tinggi 111 per inovasi) dibagi banyaknya "
     "inovasi itu, tetapi sekurang-kurangnya dibagi pembagi minimum edisi (10 sampai edisi 2025, 12 pada "
     "edisi 2026), ditambah skor jumlah inovasi. Bila inovasi yang dinilai tidak kurang dari pembagi "
     "minimum, bagian pertama itu sama dengan rata-rata skor kematangan."),
    ("Skor jumlah inovasi",
     "Bagian aspek SID dari banyaknya inovasi yang dinilai: 0,38 × jumlah inovasi, paling banyak 200 "
     "inovasi dihitung, sehingga paling tinggi 76. Sejak edisi 2026 hanya diberikan bila inovasi yang "
     "dinilai mencakup cukup banyak urusan wajib pelayanan dasar."),
    ("OPD (organisasi perangkat daerah)",
     "Unit kerja pemerintah daerah, seperti dinas, badan, kecamatan, dan RSUD."),
    ("Bappeda",
     "Badan Perencanaan Pembangunan Daerah; menghimpun inovasi OPD, menelaahnya, dan membina OPD."),
    ("Edisi",
     "Satu putaran penilaian IID dan IGA dalam satu tahun, dengan periode dan ketentuannya sendiri."),
    ("Periode penilaian",
     "Rentang tanggal penerapan yang membuat inovasi memenuhi syarat suatu edisi."),
    ("Periode pengisian",
     "Rentang waktu OPD memasukkan inovasi ke aplikasi IID; berakhir pada batas akhir pengisian."),
    ("Telaah meja",
     "Pemeriksaan dokumen oleh Bappeda sebelum inovasi dikirim: tanggal penerapan dalam periode "
     "penilaian, tahapan, kelengkapan isian, dan bukti dukung. Setiap inovasi mendapat satu dari tiga "
     "keputusan: lanjut, lengkapi, atau tidak dilanjutkan."),
    ("Lanjut",
     "Keputusan telaah meja: inovasi memenuhi syarat dan berkasnya lengkap, sehingga dapat dikirim ke "
     "aplikasi IID."),
    ("Lengkapi",
     "Keputusan telaah meja: inovasi belum gugur, tetapi OPD harus melengkapi atau memperbaiki sesuatu "
     "lebih dahulu, misalnya bukti dukung yang belum ada atau tidak sah, isian profil yang kosong, atau "
     "tanggal penerapan yang belum terbaca; daftar yang harus dilengkapi menyertai setiap inovasi."),
    ("Tidak dilanjutkan",
     "Keputusan telaah meja: data memastikan inovasi tidak memenuhi syarat edisi ini, misalnya "
     "diterapkan di luar periode penilaian, masih tahap inisiatif atau uji coba, terlalu sering "
     "diikutkan, atau dimasukkan setelah batas akhir pengisian."),
    ("Tahapan",
     "Tahap perkembangan inovasi: inisiatif, uji coba, atau penerapan; hanya tahapan penerapan yang "
     "dihitung (asumsi proyek)."),
    ("Tingkat",
     "Pilihan jawaban indikator, 1 sampai 3 (0: tidak diklaim); poin indikator = tingkat × bobot."),
    ("Variabel",
     "Kelompok indikator dalam satu aspek, misalnya Kesiapan dan dukungan inovasi atau Dampak dan "
     "keberlanjutan pada aspek SID."),
    ("Bukti dukung",
     "Dokumen yang membuktikan tingkat yang diklaim; tanpa bukti yang sah, indikator bernilai nol."),
    ("Bimtek",
     "Bimbingan teknis: pelatihan bagi OPD, misalnya tentang penyusunan bukti dukung."),
    ("Skor kematangan",
     "Jumlah poin SID satu inovasi, paling tinggi 111."),
    ("Predikat",
     "Golongan hasil IID: Sangat Inovatif, Inovatif, Kurang Inovatif, atau Tidak Dapat Dinilai; "
     "batasnya ditetapkan per edisi."),
    ("IID terverifikasi dan IID klaim",
     "IID terverifikasi hanya menghitung klaim dengan bukti dukung yang sah; IID klaim menghitung semua "
     "tingkat yang diisi OPD."),
    ("Sumbangan OPD",
     "Bagian IID yang berasal dari inovasi satu OPD: jumlah skor kematangan inovasinya yang dinilai, "
     "dibagi pembagi SID dan skor total maksimum, dikali 100."),
    ("Peta pembinaan",
     "Pembagian setiap OPD aktif ke dalam tepat satu dari empat kelompok pembinaan berikut, masing-masing "
     "dengan tindakan yang disarankan bagi Bappeda."),
    ("Belum ikut serta",
     "Kelompok pembinaan: OPD tidak memasukkan satu inovasi pun pada edisi ini."),
    ("Ikut, belum memenuhi syarat",
     "Kelompok pembinaan: OPD memasukkan inovasi, tetapi tidak satu pun memenuhi syarat."),
    ("Memenuhi syarat, bukti belum lengkap",
     "Kelompok pembinaan: ada inovasi yang memenuhi syarat, tetapi belum ada yang berstatus lanjut atau "
     "rata-rata skor kematangannya di bawah ambang kematangan proyek (separuh dari 111)."),
    ("Matang",
     "Kelompok pembinaan: sekurang-kurangnya satu inovasi berstatus lanjut dan rata-rata skor "
     "kematangannya mencapai ambang kematangan proyek (separuh dari 111); ambang ini buatan proyek, "
     "bukan ketentuan resmi."),
    ("Tahapan IGA",
     "Kegiatan setelah pengisian data: verifikasi dan validasi oleh kementerian, presentasi kepala daerah "
     "dan validasi lapangan bagi nomine, lalu penganugerahan."),
    ("Alat kerja (penggunaan IT)",
     "Nama resmi indikator SID04 dalam formulir nasional: sarana kerja inovasi, dari manual, elektronik, "
     "sampai sistem informasi daring; IT berarti teknologi informasi."),
    ("Online sistem (layanan terintegrasi)",
     "Nama resmi indikator SID15 dalam formulir nasional: layanan inovasi yang dapat diakses secara "
     "daring, dari informasi di situs web atau media sosial sampai aplikasi web dan aplikasi seluler."),
    ("Monitoring dan evaluasi inovasi daerah",
     "Nama resmi indikator SID19 dalam formulir nasional: pemantauan dan evaluasi inovasi, dari evaluasi "
     "internal OPD sampai evaluasi eksternal berbasis penelitian."),
    ("Roadmap SIDa",
     "Nama resmi indikator SPD dalam formulir nasional: peta jalan Sistem Inovasi Daerah, yaitu dokumen "
     "rencana pengembangan inovasi daerah untuk beberapa tahun."),
    ("APBD", "Anggaran Pendapatan dan Belanja Daerah."),
    ("Balitbang", "Badan Penelitian dan Pengembangan; sampai 2021 Balitbang Kemendagri menyelenggarakan "
                  "IID dan IGA."),
    ("BPK", "Badan Pemeriksa Keuangan; opininya atas laporan keuangan daerah menjadi salah satu indikator "
            "SPD."),
    ("BSKDN", "Badan Strategi Kebijakan Dalam Negeri, penerus Balitbang Kemendagri; penyelenggara IID dan "
              "IGA sejak 2022."),
    ("DPRD", "Dewan Perwakilan Rakyat Daerah."),
    ("HAKI", "Hak atas kekayaan intelektual."),
    ("IPM", "Indeks Pembangunan Manusia."),
    ("Kemendagri", "Kementerian Dalam Negeri."),
    ("LAKIP", "Laporan Akuntabilitas Kinerja Instansi Pemerintah."),
    ("PAD", "Pendapatan asli daerah."),
    ("PP", "Peraturan Pemerintah, misalnya PP 38/2017 tentang Inovasi Daerah."),
    ("RKPD", "Rencana Kerja Pemerintah Daerah, rencana pembangunan tahunan daerah."),
    ("RSUD", "Rumah Sakit Umum Daerah."),
    ("SDM", "Sumber daya manusia."),
    ("SIDa", "Sistem Inovasi Daerah."),
    ("SK", "Surat keputusan."),
    ("SOP", "Standar operasional prosedur."),
    ("TI", "Teknologi informasi (dalam nama resmi indikator ditulis IT)."),
    ("UU", "Undang-undang, misalnya UU 23/2014 tentang Pemerintahan Daerah."),
]


def glossary_markdown(heading: str = "## Glosarium") -> str:
    """The glossary as a Markdown section: a heading (none when empty) and one bold term per line."""
    lines = [heading, ""] if heading else []
    for term, definition in GLOSSARY:
        lines.append(f"- **{md_text(term)}**: {md_text(definition)}")
    return "\n".join(lines) + "\n"


def glossary_html() -> str:
    """The glossary as an HTML fragment (a ``<dl>``), every term and definition escaped."""
    items = "\n".join(
        f"  <dt id=\"{_anchor(term)}\">{html_text(term)}</dt>\n  <dd>{html_text(definition)}</dd>"
        for term, definition in GLOSSARY)
    return f"<dl class=\"glossary\">\n{items}\n</dl>\n"


def _anchor(term: str) -> str:
    """A stable id for a term: its first word, lower case (``iid``, ``telaah``, …)."""
    word = term.split(" (")[0].lower().replace(" ", "-")
    return "g-" + "".join(ch for ch in word if ch.isalnum() or ch == "-")
