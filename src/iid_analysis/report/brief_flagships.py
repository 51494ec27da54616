"""The proposed flagship innovations in words: the selection rule, one sentence per kind, and the
flagship's profile (the narratives the OPD wrote)."""

from __future__ import annotations

from iid_analysis.analyses.flagships import tiebreak_ids
from iid_analysis.methodology.model import Methodology
from iid_analysis.report.prose import (
    bullets,
    enum_label,
    missing,
    text,
    trim,
)
from iid_analysis.text import fmt
from iid_analysis.text.escape import md_text

#: The two flagship slots of the presentation: innovation kind code → words used in the text.
FLAGSHIP_WORDS: dict[str, str] = {"digital": "digital", "non_digital": "nondigital"}


def flagship_rule(methodology: Methodology) -> str:
    """The selection rule in words (tie-breakers named from the methodology)."""
    ties = [f"tingkat {md_text(methodology.indicator(t).name)} ({t}) yang tertinggi"
            for t in tiebreak_ids(methodology)]
    steps = [*ties, "kode inovasi menurut abjad"]
    proven = (" Tingkat yang dipakai adalah tingkat yang terbukti dengan bukti dukung valid."
              if ties else "")
    return ("Aturan pemilihan: untuk masing-masing jenis (digital dan nondigital), di antara inovasi "
            "yang dinilai dipilih yang skor kematangannya tertinggi; bila sama, "
            + ", lalu ".join(steps) + "." + proven)


def sentence_flagship(kind: str, choice: dict | None, methodology: Methodology) -> str:
    """The proposed flagship of one kind, or why there is none."""
    words = FLAGSHIP_WORDS.get(kind, kind)
    if choice is None:
        return (f"Tidak ada inovasi {words} yang dinilai pada edisi ini, sehingga unggulan {words} "
                f"belum dapat diusulkan. Cari inovasi {words} yang sudah diterapkan dan lengkapi "
                f"bukti dukungnya sebelum batas akhir pengisian.")
    facts = [f"skor kematangan {fmt.num(choice['maturity'])} dari {trim(choice['max_maturity'])}"]
    for t, lvl in choice.get("levels", {}).items():
        try:
            name = md_text(methodology.indicator(t).name)
        except KeyError:
            continue
        facts.append(f"{name} tingkat {lvl}" if lvl > 0 else f"{name} belum terbukti")
    opd = f" dari {md_text(choice['opd_name'])}" if choice.get("opd_name") else ""
    among = ("satu-satunya inovasi " + words + " yang dinilai" if choice["n_candidates"] == 1
             else f"dipilih dari {fmt.integer(choice['n_candidates'])} inovasi {words} yang dinilai")
    s = (f"Unggulan {words}: **{md_text(choice['name'])}**{opd} ({'; '.join(facts)}), {among}.")
    if choice.get("decision") == "lengkapi" and choice.get("todo"):
        s += f" Sebelum presentasi, dokumennya masih harus dilengkapi: {md_text(choice['todo'])}."
    return s


def profile_markdown(choice: dict, review, result=None) -> str:
    """The profile of a flagship as a Markdown list (user text escaped; empty fields say so)."""
    inv = review.innovations
    row = inv.iloc[int(choice["pos"])] if int(choice["pos"]) < len(inv) else {}

    def field(col: str) -> object:
        return row.get(col) if hasattr(row, "get") else None

    empty = "_belum diisi_"

    def shown(col: str) -> str:
        v = text(field(col))
        return md_text(v) if v else empty

    words = FLAGSHIP_WORDS.get(choice["kind"], choice["kind"])
    dates = []
    for col, label in (("trial_date", "uji coba"), ("implementation_date", "penerapan")):
        d = fmt.date(field(col)) if not missing(field(col)) else ""
        if d:
            dates.append(f"{label} {d}")
    lines = [
        f"**Nama inovasi**: {md_text(choice['name']) or empty}",
        f"**OPD**: {md_text(choice.get('opd_name', '')) or empty}",
        f"**Tahapan**: {enum_label('stage', field('stage')) or empty}",
        f"**Jenis**: {enum_label('innovation_kind', field('kind')) or empty}",
        f"**Bentuk**: {enum_label('form', field('form')) or empty}",
        f"**Urusan pemerintahan**: {shown('affair')}",
        f"**Waktu**: {', '.join(dates)}" if dates else "",
        f"**Skor kematangan**: {fmt.num(choice['maturity'])} dari {trim(choice['max_maturity'])}",
        f"**Manfaat**: {shown('benefit')}",
        f"**Hasil**: {shown('result')}",
    ]
    return f"### Unggulan {words}: {md_text(choice['name'])}\n\n" + bullets(lines)
