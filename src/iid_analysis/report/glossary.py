"""The glossary every page links to: the terms of the IID and the IGA, in formal Indonesian.

:data:`GLOSSARY` is the one list; :func:`glossary_markdown` renders it as the closing section of
the IGA report (page 03) and :func:`glossary_html` as an escaped HTML fragment for the standalone
``glosarium.html`` that the page header links to.
"""

from __future__ import annotations

from iid_analysis.text.escape import html_text, md_text

#: (term, definition), in reading order: the index and its parts, then the review, then the award.
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
     "Aspek IID yang menilai setiap inovasi dengan dua puluh indikator (SID01–SID20)."),
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
     "Pemeriksaan dokumen oleh Bappeda sebelum inovasi dikirim: periode penerapan, tahapan, "
     "kelengkapan isian, dan bukti dukung."),
    ("Tahapan",
     "Tahap perkembangan inovasi: inisiatif, uji coba, atau penerapan; hanya tahapan penerapan yang "
     "dihitung (asumsi proyek)."),
    ("Tingkat",
     "Pilihan jawaban indikator, 1 sampai 3 (0: tidak diklaim); poin indikator = tingkat × bobot."),
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
    ("Tahapan IGA",
     "Kegiatan setelah pengisian data: verifikasi dan validasi oleh kementerian, presentasi kepala daerah "
     "dan validasi lapangan bagi nomine, lalu penganugerahan."),
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
