"""The path to the next predicate in Indonesian words: the sentence on the doable path, the note on
the method, the sentence on the long-term outcome steps and the one on the break-even maturity of a
new innovation.

Reads the dicts of :func:`iid_analysis.analyses.path.path_to_next` and
:func:`iid_analysis.analyses.path.new_innovation_break_even` (and their ``result``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from iid_analysis.analyses.gaps import ACTION_LABELS, ACTIONS
from iid_analysis.analyses.path import ADD_INNOVATION
from iid_analysis.text import fmt

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.scoring.result import IndexResult

__all__ = ["PATH_METHOD_NOTE", "break_even_sentence", "long_term_sentence", "path_sentence"]

#: How the path is chosen (shown under the sentence).
PATH_METHOD_NOTE = (
    "Dipilih bertahap: pada tiap langkah diambil tindakan dengan kenaikan IID terbesar saat itu, "
    "hanya dari tindakan yang dapat dilakukan sebelum batas akhir pengisian (memperbaiki atau memverifikasi "
    "bukti, menaikkan tingkat indikator yang bukan hasil jangka panjang, menambah inovasi dengan skor "
    "kematangan median). Bukti yang belum diterima diperbaiki lebih dahulu sebelum tingkatnya dinaikkan. "
    "Cara ini menjaga jumlah tindakan tetap sedikit, tetapi belum tentu yang paling ringan upayanya."
)

_KIND_WORDS = {"evidence": "perbaikan bukti", "level": "kenaikan tingkat", "innovation": "inovasi baru"}


def path_sentence(path: dict, result: IndexResult) -> str:
    """The path in one sentence: how many doable actions reach the next predicate (by kind) and the
    IID after them, or why the doable actions do not reach it, or that the highest predicate is
    already reached."""
    target_predicate = path.get("target_predicate")
    if target_predicate is None:
        return (f"IID {fmt.num(result.iid)} sudah pada predikat tertinggi "
                f"({result.predicate}); tidak ada predikat berikutnya untuk dikejar.")
    target = path["target_iid"]
    doable = path.get("doable") or {}
    if doable.get("evidence") is False:  # the input of this edition has closed
        return (f"Pengisian data edisi ini sudah ditutup: predikat {target_predicate} (IID minimal "
                f"{fmt.num(target)}) tidak lagi dapat dikejar dengan perbaikan data. Bukti dukung, "
                f"kenaikan tingkat dan tambahan inovasi dimasukkan ke rencana edisi berikutnya; bukti yang "
                f"masih menunggu verifikasi dapat dijelaskan bila verifikator meminta klarifikasi.")
    if not path["reachable"]:
        allowed = path["actions_considered"]
        if ADD_INNOVATION in allowed:
            need = ("Tambahan inovasi dengan skor kematangan median pun belum cukup; perlu inovasi yang "
                    "lebih matang atau kenaikan capaian jangka panjang.")
            how = "dengan tindakan yang dapat dilakukan sebelum batas akhir pengisian"
        elif set(allowed) >= set(ACTIONS):
            need = (f"Perlu tambahan inovasi yang memenuhi syarat (kini {fmt.count(result.n, 'inovasi')} "
                    f"dinilai; jumlah poin SID dibagi sekurang-kurangnya {result.methodology.divisor_min}).")
            how = "hanya dengan menutup celah"
        else:
            kinds = ", ".join(ACTION_LABELS[a].lower() for a in ACTIONS if a in allowed)
            need = "Perlu tindakan lain (misalnya kenaikan tingkat) atau tambahan inovasi yang memenuhi syarat."
            how = f"hanya dengan tindakan berikut: {kinds}"
        if doable.get("level") is False:
            lead = result.methodology.level_lead_days
            need = ("Kenaikan tingkat dan tambahan inovasi tidak lagi dapat dikejar pada edisi ini"
                    + (f" (waktu tersisa kurang dari {lead} hari)" if lead else "")
                    + "; keduanya dimasukkan ke rencana edisi berikutnya.")
        return (
            f"Predikat {target_predicate} (IID minimal {fmt.num(target)}) belum dapat dicapai {how}: "
            f"bila semua celah yang dapat ditutup sebelum batas akhir pengisian ditutup, IID menjadi "
            f"{fmt.num(path['iid_max'])}. {need}"
        )
    actions = path["actions"]
    by_kind = path.get("n_by_kind") or {}
    parts = [fmt.count(int(by_kind.get(k, 0)), w) for k, w in _KIND_WORDS.items() if by_kind.get(k)]
    return (
        f"Untuk naik dari {result.predicate} (IID {fmt.num(result.iid)}) ke {target_predicate} "
        f"(IID minimal {fmt.num(target)}) dibutuhkan sekurang-kurangnya {fmt.count(len(actions), 'tindakan')} "
        f"yang dapat dilakukan sebelum batas akhir pengisian ({', '.join(parts)}); IID menjadi "
        f"{fmt.num(path['iid_after'])}."
    )


def long_term_sentence(path: dict) -> str:
    """The outcome indicators whose level cannot be raised before the deadline (empty when none)."""
    lt = path.get("long_term") or []
    if not lt:
        return ""
    names = ", ".join(f"{d['indicator_name']} ({d['indicator_id']})" for d in lt[:5])
    more = f" dan {fmt.count(len(lt) - 5, 'indikator')} lainnya" if len(lt) > 5 else ""
    gain = sum(float(d["gain"]) for d in lt)
    return (f"Capaian {fmt.count(len(lt), 'indikator SPD')} adalah hasil pembangunan yang tidak dapat "
            f"diubah sebelum batas akhir pengisian: {names}{more}. Buktinya tetap dapat dilengkapi sekarang; "
            f"menaikkan tingkatnya adalah kerja jangka panjang (bersama-sama sekitar +{fmt.num(gain)} poin IID).")


def break_even_sentence(be: dict) -> str:
    """When one more innovation raises the IID, from :func:`new_innovation_break_even`."""
    s, key = float(be["maturity"]), be["key"]
    mx = float(be["max_maturity"])
    if key == "nothing_valid":
        return ("Belum ada jawaban yang dihitung, sehingga inovasi baru dengan skor kematangan "
                "berapa pun menaikkan IID.")
    if key == "below_divisor_min":
        return (f"Jumlah inovasi yang dinilai ({fmt.integer(be['n'])}) masih di bawah pembagi minimum, "
                "sehingga setiap inovasi baru yang memenuhi syarat menaikkan IID"
                + (", berapa pun skor kematangannya." if s < 0 else ", asal skor kematangannya di atas nol."))
    head = (f"Satu inovasi baru menaikkan IID bila skor kematangannya di atas {fmt.num(s)} "
            f"(dari maksimum {fmt.num(mx)}); di bawah itu IID turun")
    why = {
        "plain": (f": rata-rata skor kematangan kini {fmt.num(be['mean_maturity'])}, dikurangi "
                  f"{fmt.num(be.get('per_innovation', 0.38))} × ({fmt.integer(be['n'])} + 1) karena skor jumlah "
                  "inovasi ikut naik."),
        "gate_closed": (": skor jumlah inovasi belum diberikan karena cakupan urusan pelayanan dasar belum "
                        f"terpenuhi, sehingga batasnya rata-rata skor kematangan ({fmt.num(be['mean_maturity'])}); "
                        "inovasi pada urusan pelayanan dasar yang belum tercakup dapat membuka syarat itu."),
        "count_cap": (": skor jumlah inovasi sudah mencapai batasnya, sehingga batasnya rata-rata skor "
                      f"kematangan ({fmt.num(be['mean_maturity'])})."),
    }[key]
    return head + why
