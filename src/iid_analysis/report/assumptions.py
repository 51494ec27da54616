"""The box "Asumsi dan sumber data": every assumed number of the edition in words with its
source, the project's own rules, and where the data came from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from iid_analysis.io.schema import ENUMS, TABLE_LABELS, TABLES
from iid_analysis.methodology.model import Methodology
from iid_analysis.report.prose import (
    bullets,
    count_of,
    listing,
    missing,
    text,
    trim,
)
from iid_analysis.review.rules import MIN_PROFILE_WORDS
from iid_analysis.text import fmt
from iid_analysis.text.escape import md_text

_EVIDENCE_RULE_TEXT = {
    "valid_only": "tingkat yang diklaim hanya dihitung bila bukti dukungnya valid; bukti tidak ada "
                  "atau tidak valid bernilai 0",
    "valid_or_pending": "tingkat yang diklaim dihitung bila bukti dukungnya valid atau masih "
                        "menunggu verifikasi",
    "claimed": "setiap tingkat yang diklaim dihitung tanpa memeriksa bukti",
}


#: Labels of the methodology's numbers (dotted keys of the year files), for the assumptions box.
NUMBER_LABELS: dict[str, str] = {
    "aggregation.divisor_min": "Pembagi minimum jumlah skor SID (inovasi yang lebih sedikit tetap "
                               "dibagi angka ini)",
    "aggregation.count_score_per_innovation": "Skor jumlah inovasi per inovasi yang dinilai",
    "aggregation.count_score_cap": "Batas jumlah inovasi yang diberi skor jumlah",
    "aggregation.max_spd": "Poin maksimum SPD",
    "aggregation.max_sid_per_innovation": "Poin maksimum SID per inovasi (skor kematangan maksimum)",
    "aggregation.max_count_score": "Skor jumlah inovasi maksimum",
    "aggregation.max_total": "Total poin maksimum",
    "aggregation.evidence_rule": "Aturan bukti dukung",
    "eligibility.implemented_from": "Awal periode penilaian",
    "eligibility.implemented_to": "Akhir periode penilaian",
    "eligibility.counted_stages": "Tahapan inovasi yang dihitung",
    "eligibility.max_previous_entries": "Batas keikutsertaan IGA sebelumnya",
    "input_window.opens": "Pembukaan periode pengisian",
    "input_window.closes": "Penutupan periode pengisian",
    "input_window.extended_to": "Batas perpanjangan periode pengisian",
    "aggregation.basic_affairs": "Urusan pelayanan dasar",
    "aggregation.basic_affairs_required": "Jumlah urusan pelayanan dasar yang harus tercakup agar skor "
                                          "jumlah inovasi diberikan",
    "aggregation.affair_coverage": "Cara menghitung urusan yang tercakup",
    "eligibility.development_counts": "Inovasi yang dikembangkan dalam periode penilaian ikut memenuhi syarat",
    "profile.min_design_words": "Jumlah kata minimum rancang bangun",
    "profile.fields_asked": "Isian profil tambahan yang ditanyakan",
    "planning.level_lead_days": "Jarak minimum (hari) sebelum batas akhir pengisian agar kenaikan tingkat "
                                "indikator masih direncanakan pada edisi yang sama (ketentuan proyek)",
}

#: How the coverage readings read in Indonesian.
_COVERAGE_TEXT = {
    "main": "urusan utama inovasi yang dinilai",
    "main_and_overlapping": "urusan utama dan urusan beririsan inovasi yang dinilai",
}

#: Optional profile fields as a reader knows them.
_FIELD_TEXT = {
    "latitude": "garis lintang", "longitude": "garis bujur", "asta_cita": "keterkaitan dengan Asta Cita",
    "development_date": "waktu pengembangan",
}


def value_text(key: str, value: Any) -> str:
    if key.endswith("evidence_rule"):
        return _EVIDENCE_RULE_TEXT.get(str(value), md_text(value))
    if key.endswith("affair_coverage"):
        return _COVERAGE_TEXT.get(str(value), md_text(value))
    if key.endswith("fields_asked") and isinstance(value, (list, tuple)):
        return listing([_FIELD_TEXT.get(str(v), md_text(v)) for v in value]) or "tidak ada"
    if key.endswith("counted_stages") and isinstance(value, (list, tuple)):
        return listing([ENUMS["stage"].get(str(s), md_text(s)) for s in value])
    if hasattr(value, "isoformat"):
        return fmt.date(value)
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return trim(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(md_text(v) for v in value)
    return md_text(value)


def number_label(key: str, note: str) -> str:
    if key in NUMBER_LABELS:
        return NUMBER_LABELS[key]
    return md_text(note) if note else "Angka metodologi lainnya"


def _aspect_of(methodology: Methodology, indicator_id: str) -> str:
    try:
        return methodology.indicator(indicator_id).aspect
    except KeyError:
        return ""


def assumption_items(methodology: Methodology) -> tuple[list[str], list[str]]:
    """Every assumed number of the methodology in words, and the numbered source list.

    Indicator weights are grouped per aspect and source; the lower and upper bound of a predicate
    band are one item; every other number is its own item with value, note and source number."""
    sources: list[str] = []

    def ref(src: str) -> str:
        if src not in sources:
            sources.append(src)
        return f"sumber [{sources.index(src) + 1}]"

    items: list[str] = []
    assumed = methodology.assumptions()
    weights: dict[tuple[str, str], list[tuple[str, float]]] = {}
    bands: dict[tuple[str, str], dict[str, Any]] = {}
    for num in assumed:
        parts = num.key.split(".")
        if parts[0] == "indicators" and len(parts) == 3 and parts[2] == "weight":
            aspect = _aspect_of(methodology, parts[1])
            weights.setdefault((aspect, num.source), []).append((parts[1], float(num.value)))
        elif parts[0] in ("bands", "edition_bands") and len(parts) == 3:
            bands.setdefault((parts[0], parts[1]), {"source": num.source})[parts[2]] = num.value
    done_w: set[tuple[str, str]] = set()
    done_b: set[tuple[str, str]] = set()
    for num in assumed:
        parts = num.key.split(".")
        if parts[0] == "indicators" and len(parts) == 3 and parts[2] == "weight":
            aspect = _aspect_of(methodology, parts[1])
            key = (aspect, num.source)
            if key in done_w:
                continue
            done_w.add(key)
            ws = weights[key]
            total_aspect = len(methodology.indicators_of(aspect)) if aspect else len(ws)
            whole = "" if len(ws) == total_aspect else f" dari {fmt.integer(total_aspect)}"
            vals = "; ".join(f"{md_text(i)}: {trim(w)}" for i, w in ws)
            items.append(f"Bobot {fmt.integer(len(ws))}{whole} indikator {aspect} (diasumsikan; "
                         f"jumlah {trim(sum(w for _, w in ws))}; {ref(num.source)}): {vals}")
        elif parts[0] in ("bands", "edition_bands") and len(parts) == 3:
            pred = parts[1]
            if (parts[0], pred) in done_b:
                continue
            done_b.add((parts[0], pred))
            b = bands[(parts[0], pred)]
            lo, hi = b.get("low"), b.get("high")
            if lo is not None and hi is not None:
                rng = fmt.num(lo) if float(lo) == float(hi) else f"{fmt.num(lo)}–{fmt.num(hi)}"
            elif lo is not None:
                rng = f"batas bawah {fmt.num(lo)}"
            else:
                rng = f"batas atas {fmt.num(hi)}"
            what = "IID predikat" if parts[0] == "bands" else f"skor skala edisi {methodology.year} predikat"
            items.append(f"Rentang {what} {md_text(pred)}: {rng} (diasumsikan; {ref(b['source'])})")
        else:
            label = number_label(num.key, num.note)
            raw_note = num.note.strip().rstrip(".") if num.note else ""
            note = (f" — {md_text(raw_note)}" if raw_note and num.key in NUMBER_LABELS
                    and not num.key.endswith("evidence_rule") else "")
            items.append(f"{label}: {value_text(num.key, num.value)}{note} (diasumsikan; "
                         f"{ref(num.source)})")
    return items, [md_text(s) for s in sources]


def is_bundled_sample(source: str) -> bool:
    if not source:
        return False
    parts = Path(str(source)).parts
    return len(parts) >= 2 and tuple(parts[-2:]) == ("data", "sample")


def data_source_items(dataset, review=None) -> list[str]:
    """Where the data came from: source, kind, rows per table, editions, synthetic or not."""
    items = []
    source = str(dataset.source or "")
    kind = str(dataset.kind or "")
    kind_text = {"csv": "folder berisi empat berkas CSV", "xlsx": "buku kerja Excel (XLSX)",
                 "memory": "tabel yang disusun langsung dalam analisis"}.get(kind, "")
    name = Path(source).name if source else ""
    if is_bundled_sample(source):
        items.append("Sumber: data contoh bawaan proyek. Data ini **sintetis** — "
                     "dibuat acak, dapat diulang persis, untuk peragaan. Nama OPD dapat menyerupai unit "
                     "kerja yang nyata, tetapi setiap inovasi, tanggal, tingkat indikator, dan bukti "
                     "dukung adalah rekaan; ini **bukan data resmi** pemerintah daerah mana pun, dan "
                     "angka dalam laporan ini hanya contoh.")
    elif name:
        items.append(f"Sumber: {md_text(name)}")
    if kind_text:
        items.append(f"Bentuk data: {kind_text}")
    files = dataset.files or {}
    counts = []
    for t in TABLES:
        tab = dataset.table(t)
        f = text(files.get(t, ""))
        where = f" (berkas {md_text(f)})" if f and f != name else ""
        counts.append(f"{TABLE_LABELS[t]} {fmt.integer(len(tab))} baris{where}")
    if counts:
        items.append("Jumlah baris seluruh data: " + "; ".join(counts))
    years = dataset.years()
    if years:
        items.append("Edisi dalam data: " + listing([str(y) for y in years]))
    if review is not None:
        c = review.counts()
        found = listing([count_of(c[k], w) for k, w in (("n_error", "kesalahan"), ("n_warning", "peringatan"),
                                                   ("n_info", "catatan")) if c.get(k)])
        items.append(
            f"Edisi {int(review.year)}: {count_of(c['n_submitted'], 'baris inovasi')}, "
            f"{count_of(len(review.answers), 'jawaban indikator SID')}, "
            f"{count_of(len(review.region_answers), 'jawaban indikator SPD')}; temuan telaah meja: "
            + (found or "tidak ada"))
    return items


def _project_rules(methodology: Methodology, rob: Any) -> list[str]:
    from iid_analysis.analyses.coaching import maturity_threshold

    out = [
        f"Ambang kematangan peta pembinaan: {fmt.num(maturity_threshold(methodology))} "
        f"(separuh dari maksimum {trim(methodology.max_sid_per_innovation)} per inovasi)",
        "Inovasi unggulan dipilih dengan aturan yang tertulis pada bagian inovasi unggulan",
    ]
    out.append(f"Profil inovasi dianggap terlalu singkat bila kurang dari "
               f"{fmt.integer(MIN_PROFILE_WORDS)} kata")
    draws, seed = (rob.draws, rob.seed) if rob is not None else (None, None)
    if rob is not None and not missing(draws):
        out.append(f"Analisis kepastian: {fmt.integer(draws)} simulasi"
                   + (f" dengan bilangan acak awal {int(seed)} (hasil dapat diulang persis)" if not missing(seed) else ""))
    return out


def assumptions_markdown(methodology: Methodology, dataset=None, review=None, rob: Any = None) -> str:
    """The box "Asumsi dan sumber data" as a Markdown block quote."""
    items, sources = assumption_items(methodology)
    blocks = [
        f"Kotak ini mencatat setiap angka metodologi edisi {methodology.year} yang berstatus "
        f"**diasumsikan** (belum dikonfirmasi oleh teks resmi) dan asal data laporan ini.",
    ]
    if items:
        blocks.append(f"**Angka yang diasumsikan ({fmt.integer(len(methodology.assumptions()))} "
                      f"angka)**")
        blocks.append(bullets(items))
    else:
        blocks.append("Tidak ada angka berstatus asumsi dalam metodologi edisi ini.")
    if methodology.frame_note:
        blocks.append(f"Catatan kerangka: {md_text(methodology.frame_note)}")
    blocks.append("**Ketentuan proyek (bukan aturan resmi)**")
    blocks.append(bullets(_project_rules(methodology, rob)))
    if sources:
        blocks.append("**Sumber angka**")
        blocks.append("\n".join(f"{i}. {s}" for i, s in enumerate(sources, start=1)))
    if dataset is not None:
        blocks.append("**Sumber data**")
        blocks.append(bullets(data_source_items(dataset, review)))
    body = "\n\n".join(blocks)
    return "\n".join(("> " + line) if line else ">" for line in body.split("\n"))
