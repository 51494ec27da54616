"""The profile fields the later editions ask for, drawn for one edition of the synthetic city:
overlapping affairs (urusan beririsan), theme, location coordinates and the link to the Asta Cita
(from 2025), and the long rancang bangun of 2026 (at least 300 words; a few entries stay short so
that the desk review has a finding to show).

Every field is filled for most entries of the editions that ask for it and left empty for a few
(the ``lengkapi`` findings); editions that do not ask for a field leave it empty. Coordinates lie
inside Kota Pekalongan (about 6.85–6.93° S, 109.63–109.72° E), near the unit's office.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iid_analysis.methodology.model import Methodology

__all__ = ["ASTA_CITA", "EXTRA_COLUMNS", "add_profile", "long_design"]

#: Columns this module fills (internal names; ``raw`` writes them as the schema's columns).
EXTRA_COLUMNS = ("affairs_other", "theme", "lat", "lon", "asta")

#: The eight Asta Cita (national priorities 2025–2029), as entries cite them.
ASTA_CITA: tuple[str, ...] = (
    "Asta Cita 1: Memperkokoh ideologi Pancasila, demokrasi, dan hak asasi manusia",
    "Asta Cita 2: Memantapkan sistem pertahanan keamanan negara dan kemandirian bangsa melalui "
    "swasembada pangan, energi, air, ekonomi kreatif, ekonomi hijau, dan ekonomi biru",
    "Asta Cita 3: Meningkatkan lapangan kerja yang berkualitas, mendorong kewirausahaan, "
    "mengembangkan industri kreatif, dan melanjutkan pengembangan infrastruktur",
    "Asta Cita 4: Memperkuat pembangunan sumber daya manusia, sains, teknologi, pendidikan, "
    "kesehatan, prestasi olahraga, kesetaraan gender, serta peran perempuan, pemuda, dan "
    "penyandang disabilitas",
    "Asta Cita 5: Melanjutkan hilirisasi dan industrialisasi untuk meningkatkan nilai tambah di "
    "dalam negeri",
    "Asta Cita 6: Membangun dari desa dan dari bawah untuk pemerataan ekonomi dan pemberantasan "
    "kemiskinan",
    "Asta Cita 7: Memperkuat reformasi politik, hukum, dan birokrasi, serta pencegahan dan "
    "pemberantasan korupsi dan narkoba",
    "Asta Cita 8: Memperkuat penyelarasan kehidupan yang harmonis dengan lingkungan, alam, dan "
    "budaya, serta toleransi antarumat beragama",
)
#: Which Asta Cita (1-based) each domain of work serves first, and a second one.
_DOMAIN_ASTA: dict[str, tuple[int, int]] = {
    "tatakelola": (7, 1), "pengawasan": (7, 7), "perencanaan": (7, 6), "keuangan": (7, 3),
    "kepegawaian": (7, 4), "bencana": (2, 8), "pendidikan": (4, 4), "kesehatan": (4, 6),
    "infrastruktur": (3, 6), "ketertiban": (7, 2), "sosial": (6, 4), "lingkungan": (8, 2),
    "kependudukan": (7, 4), "perhubungan": (3, 7), "kominfo": (7, 4), "perizinan": (3, 5),
    "ekonomi": (3, 5), "pertanian": (2, 6), "perikanan": (2, 5), "pariwisata": (3, 4),
    "perpustakaan": (4, 8), "rumahsakit": (4, 4), "kewilayahan": (6, 1),
}
#: Themes per domain (2025's presentation theme was raising PAD or controlling inflation).
_DOMAIN_THEMES: dict[str, tuple[str, ...]] = {
    "keuangan": ("Peningkatan PAD",), "perizinan": ("Peningkatan PAD", "Kemudahan berusaha"),
    "ekonomi": ("Pengendalian inflasi", "Peningkatan PAD"), "pertanian": ("Pengendalian inflasi",),
    "perikanan": ("Pengendalian inflasi",), "kesehatan": ("Penurunan stunting",),
    "rumahsakit": ("Peningkatan mutu layanan kesehatan",), "sosial": ("Penanggulangan kemiskinan",),
    "lingkungan": ("Pengelolaan sampah",), "bencana": ("Ketangguhan bencana",),
    "pendidikan": ("Peningkatan mutu pendidikan",), "pariwisata": ("Peningkatan PAD",),
}
_DEFAULT_THEME = ("Transformasi digital layanan publik", "Reformasi birokrasi")
#: Overlapping affairs per domain (canonical names of government affairs).
_DOMAIN_OVERLAP: dict[str, tuple[str, ...]] = {
    "kesehatan": ("Sosial", "Pangan"), "rumahsakit": ("Komunikasi dan Informatika",),
    "sosial": ("Kesehatan", "Pemberdayaan Perempuan dan Pelindungan Anak"),
    "pendidikan": ("Kebudayaan", "Perpustakaan"), "infrastruktur": ("Lingkungan Hidup",),
    "lingkungan": ("Pekerjaan Umum dan Penataan Ruang",), "ekonomi": ("Perindustrian", "Pariwisata"),
    "kewilayahan": ("Sosial", "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat"),
    "bencana": ("Sosial",), "kependudukan": ("Komunikasi dan Informatika",),
    "keuangan": ("Komunikasi dan Informatika",), "perizinan": ("Komunikasi dan Informatika",),
}
#: Office locations (latitude, longitude): the city centre, and the four kecamatan.
_CENTRE = (-6.8886, 109.6753)
_PLACES = {"KEC_PKL_BARAT": (-6.8890, 109.6560), "KEC_PKL_TIMUR": (-6.8930, 109.6920),
           "KEC_PKL_SELATAN": (-6.9180, 109.6760), "KEC_PKL_UTARA": (-6.8640, 109.6880)}


def long_design(name: str, unit: str, what: str, problem: str, target: str, goal: str,
                mechanism: str, benefit: str) -> str:
    """A rancang bangun of well over 300 words, one line in five parts (background, idea, stages,
    actors and resources, benefit and sustainability)."""
    return (
        f"Latar belakang. {unit} menghadapi {problem}. Kondisi ini dirasakan langsung oleh {target} "
        f"di Kota Pekalongan dan terlihat dari capaian kinerja yang belum memenuhi target rencana "
        f"strategis perangkat daerah. Analisis masalah dilakukan melalui rapat koordinasi, telaah "
        f"data tiga tahun terakhir, dan diskusi kelompok terarah bersama perwakilan {target}, kader, "
        f"tokoh masyarakat, serta mitra dari perguruan tinggi. Hasilnya menunjukkan bahwa cara kerja "
        f"lama belum menjawab kebutuhan warga, memerlukan waktu yang panjang, dan sulit dipantau oleh "
        f"pimpinan. "
        f"Gagasan. {name} adalah {what} yang dirancang untuk meningkatkan {goal}. Ide awal "
        f"berasal dari penjaringan gagasan di lingkungan {unit} dan disempurnakan melalui konsultasi "
        f"dengan pengguna layanan. Pembaruan yang ditawarkan terletak pada cara layanan diberikan. "
        f"{mechanism} "
        f"Tahapan. Pelaksanaan dibagi ke dalam empat tahap. Tahap pertama adalah perancangan, yaitu "
        f"penyusunan konsep, standar operasional prosedur, dan pembagian peran tim pelaksana. Tahap "
        f"kedua adalah uji coba terbatas di beberapa kelurahan atau unit layanan untuk menguji alur "
        f"kerja dan menampung masukan pengguna. Tahap ketiga adalah penerapan menyeluruh yang "
        f"ditetapkan dengan keputusan kepala perangkat daerah. Tahap keempat adalah pemantauan dan "
        f"evaluasi berkala untuk memastikan inovasi berjalan sesuai tujuan dan dapat dikembangkan "
        f"lebih lanjut. Setiap tahap didokumentasikan dalam laporan singkat yang menjadi bahan evaluasi "
        f"tim dan pimpinan. "
        f"Aktor dan sumber daya. Tim pelaksana terdiri atas aparatur {unit}, kader dan tokoh "
        f"masyarakat, serta mitra dari dunia usaha dan perguruan tinggi. Anggaran bersumber dari "
        f"APBD melalui program dan kegiatan yang tercantum dalam RKPD, ditambah dukungan mitra tanpa "
        f"membebani masyarakat. Sarana kerja disesuaikan dengan kebutuhan layanan dan dipelihara "
        f"secara rutin oleh tim. "
        f"Manfaat dan keberlanjutan. {benefit} Capaian diukur dengan indikator kinerja perangkat "
        f"daerah dan survei kepuasan masyarakat yang dilaksanakan setiap semester. Agar "
        f"berkelanjutan, inovasi ini dimasukkan ke dalam dokumen perencanaan daerah, didukung "
        f"regulasi, disosialisasikan melalui media sosial dan media massa, serta terbuka untuk "
        f"direplikasi oleh perangkat daerah lain maupun pemerintah daerah lain yang menghadapi "
        f"persoalan serupa."
    )


def _pick(options: tuple, x: float) -> object:
    return options[int(x * len(options))]


def add_profile(rng: np.random.Generator, ed: pd.DataFrame, meth: Methodology,
                units: pd.DataFrame, uncovered: str = "", renamed: tuple[str, str] = ("", "")
                ) -> pd.DataFrame:
    """Fill the profile fields ``meth`` asks for (one edition; ``units``: the OPD registry).

    ``uncovered``: a basic-service affair that no entry of the edition has as its main affair
    (it moves to the overlapping affairs), so that the affair gate has something to show.
    ``renamed``: (official name, name as entered) — an affair the units write by a name that is
    not in the official list, so that the desk review has an unknown affair to show.
    """
    ed = ed.copy()
    for c in EXTRA_COLUMNS:
        ed[c] = ""
    n = len(ed)
    asked = set(meth.profile_fields_asked)
    coords = {"latitude", "longitude"} <= asked
    if not n or not (coords or "asta_cita" in asked or meth.min_design_words):
        return ed
    names = units.set_index("opd_id")["name"]
    affairs = units.set_index("opd_id")["affairs"]
    r = rng.random((n, 8))
    dom = ed["domain"].to_numpy()
    if coords:
        base = np.array([_PLACES.get(o.split("_R")[0] if o.startswith("KEC") else o, _CENTRE)
                         for o in ed["opd"]])
        spread = np.where([o.startswith("KEC") for o in ed["opd"]], 0.008, 0.014)
        lat = base[:, 0] + (r[:, 0] - 0.5) * spread
        lon = base[:, 1] + (r[:, 1] - 0.5) * spread
        has = r[:, 2] >= 0.08  # a few left empty
        ed["lat"] = np.where(has, [f"{x:.5f}" for x in lat], "")
        ed["lon"] = np.where(has, [f"{x:.5f}" for x in lon], "")
    if "asta_cita" in asked:
        asta = [ASTA_CITA[_DOMAIN_ASTA.get(d, (4, 7))[int(x < 0.3)] - 1] for d, x in zip(dom, r[:, 3], strict=True)]
        ed["asta"] = np.where(r[:, 4] >= 0.07, asta, "")
        ed["theme"] = [str(_pick(_DOMAIN_THEMES.get(d, _DEFAULT_THEME), x)) if y < 0.75 else ""
                       for d, x, y in zip(dom, r[:, 5], r[:, 6], strict=True)]
        other = [str(_pick(_DOMAIN_OVERLAP.get(d, ("Komunikasi dan Informatika",)), x))
                 for d, x in zip(dom, r[:, 5], strict=True)]
        ed["affairs_other"] = [o if (y < 0.35 and o != a) else ""
                               for o, a, y in zip(other, ed["affair"], r[:, 7], strict=True)]
    if uncovered:
        hit = (ed["affair"] == uncovered).to_numpy()
        alt = [next((a for a in affairs[o] if a != uncovered), "Pemerintahan Umum") for o in ed.loc[hit, "opd"]]
        ed.loc[hit, "affair"] = alt
        ed.loc[hit, "affairs_other"] = uncovered
    if renamed[0]:
        ed.loc[ed["affair"] == renamed[0], "affair"] = renamed[1]
    if meth.min_design_words:
        short = rng.random(n) < 0.12  # a few stay short: the desk review asks for more
        ok = (ed["stage"] != "inisiatif").to_numpy() & ~short & (ed["design"].str.len() >= 20).to_numpy()
        mech = ed["design"].str.split(". ", n=1, regex=False).str[1].fillna("")
        what = np.where(ed["kind"] == "digital", "layanan berbasis teknologi informasi",
                        "gerakan layanan langsung")
        ed.loc[ok, "design"] = [
            long_design(nm, names[o], w, p, t, g, mc, b)
            for nm, o, w, p, t, g, mc, b in zip(
                ed.loc[ok, "name"], ed.loc[ok, "opd"], what[ok], ed.loc[ok, "problem"],
                ed.loc[ok, "target"], ed.loc[ok, "goal_word"], mech[ok], ed.loc[ok, "benefit"],
                strict=True)
        ]
    return ed
