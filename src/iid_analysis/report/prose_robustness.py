"""The robustness Monte Carlo and the Sobol sensitivity in Indonesian words (from a
:class:`~iid_analysis.analyses.robustness.Robustness` and a
:class:`~iid_analysis.analyses.sensitivity.Sensitivity`): claimed and verified side by side, what
the simulation varies (exactly), in which direction each source moves the score, and where the
variance comes from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from iid_analysis.analyses.uncertainty import SOURCE_LABELS
from iid_analysis.methodology.model import PREDICATES
from iid_analysis.text import fmt

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.analyses.robustness import Robustness
    from iid_analysis.analyses.sensitivity import Sensitivity

__all__ = [
    "NOTHING_TO_SIMULATE",
    "direction_sentences",
    "floor_note",
    "median_note",
    "interval_sentence",
    "robustness_sentences",
    "scope_sentence",
    "sensitivity_sentence",
    "source_sentence",
]

NOTHING_TO_SIMULATE = ("Tidak ada yang dapat disimulasikan: tidak ada tingkat yang diklaim yang dapat "
                       "dihitung, sehingga IID tetap {iid} ({predicate}) apa pun hasil verifikasi, bobot, "
                       "atau aturan yang diasumsikan.")

_STATUS_WORDS = {"valid": "valid", "pending": "menunggu verifikasi", "invalid": "tidak valid",
                 "missing": "tidak ada"}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _signed(x: float) -> str:
    """A signed change with a true minus sign: ``+0,26`` / ``−2,67``."""
    return fmt.points(x)


def median_note(rob: Robustness, iid: float) -> str:
    """Why the simulated median differs from the verified IID, as a parenthesis ("" when equal)."""
    med = float(rob.median)
    if med < float(iid):
        return " (lebih rendah dari IID terverifikasi: verifikasi dapat menolak bukti yang dinilai valid oleh kota)"
    if med > float(iid):
        return " (lebih tinggi dari IID terverifikasi: sebagian bukti yang menunggu verifikasi akan diterima)"
    return ""


def floor_note(rob: Robustness, methodology) -> str:
    """Why a predikat below Inovatif is more likely than the share of draws below the edition's
    floor: the simulation also draws the alternative floor where the edition's is assumed. "" when
    the floor is not varied or the two agree."""
    rules = (rob.settings or {}).get("rules") or {}
    low = next((b.low for b in methodology.bands if b.predicate == "Inovatif"), None)
    iids = getattr(rob, "iids", None)
    if "inovatif_floor" not in rules or low is None or iids is None or not len(iids):
        return ""
    lower = PREDICATES[PREDICATES.index("Inovatif") + 1:]
    below = sum(float(v) for p, v in rob.predicate_probabilities.items() if p in lower)
    if below <= float((iids < float(low) - 0.005).mean()) + 1e-9:
        return ""
    return (f" (sebagian undian memakai batas bawah Inovatif {fmt.num(methodology.verification.inovatif_floor)} "
            f"sebagai ganti {fmt.num(low)} yang diasumsikan)")


def interval_sentence(rob: Robustness) -> str:
    """Verified, claimed and the simulated interval on one line, with the predicate probabilities."""
    if rob.nothing_to_simulate:
        return NOTHING_TO_SIMULATE.format(iid=fmt.num(rob.iid), predicate=rob.predicate)
    probs = "; ".join(f"{k} {fmt.pct(v)}" for k, v in rob.predicate_probabilities.items() if v > 0)
    return (f"IID terverifikasi {fmt.num(rob.iid)} ({rob.predicate}); bila semua tingkat yang diklaim "
            f"diterima {fmt.num(rob.iid_claimed)} ({rob.predicate_claimed}); dalam "
            f"{fmt.integer(rob.draws)} undian simulasi median {fmt.num(rob.median)}, rentang 5–95 persen "
            f"{fmt.num(rob.p05)}–{fmt.num(rob.p95)}; peluang predikat: {probs}.")


def scope_sentence(rob: Robustness) -> str:
    """Exactly what the simulation varies, with the numbers it uses, and what it keeps fixed."""
    s = rob.settings
    parts = []
    active = s.get("active", {})
    if active.get("verification"):
        acc = "; ".join(f"{_STATUS_WORDS.get(k, k)} {fmt.num(v)}" for k, v in s["accept_prob"].items())
        varied = (f", peluang ini sendiri diacak (sebaran Beta, κ = {fmt.num(s['concentration'], 0)})"
                  if s.get("concentration", 0) > 0 else "")
        parts.append(f"penerimaan bukti setiap tingkat yang diklaim oleh verifikator, dengan peluang "
                     f"menurut status bukti ({acc}){varied}")
    if active.get("weights"):
        parts.append(f"bobot setiap indikator ±{fmt.pct(s['weight_spread'], 0)} (dinormalkan ulang per "
                     f"aspek agar nilai maksimum tetap)")
    rules = [r for r in s.get("rules", {}) if active.get(r)]
    if rules:
        names = "; ".join(SOURCE_LABELS.get(r, r) for r in rules)
        parts.append(f"aturan yang diasumsikan ({names}) — nilai edisi sendiri untuk semua aturan itu "
                     f"dipakai dengan peluang {fmt.pct(s['own_frame'], 0)}, sisanya dibagi rata di antara "
                     f"alternatif terdokumentasi")
    if not parts:
        return "Simulasi ini tidak mengacak apa pun: semua sumber ketidakpastian dimatikan."
    listed = "; ".join(f"({i}) {p}" for i, p in enumerate(parts, start=1))
    return (f"Simulasi ini mengacak tepat {fmt.integer(len(parts))} hal: {listed}. Tidak diacak: "
            f"kelayakan inovasi, tahapan yang dihitung, periode penilaian, dan data yang dimasukkan.")


def _direction(row, rob: Robustness) -> str:
    lo, hi, shift = float(row["p05"]), float(row["p95"]), float(row["mean_shift"])
    above, below = float(row["share_above"]), float(row["share_below"])
    src = str(row["source"])
    if src == "inovatif_floor":
        return (f"{_cap(row['label'])} tidak mengubah IID, hanya predikat: bila hanya sumber ini "
                f"yang diacak, predikat berbeda dari {rob.predicate} pada {fmt.pct(float(row['p_differs']))} "
                f"simulasi.")
    if above == 0 and below == 0:
        return f"{_cap(row['label'])}: tidak menggeser IID {fmt.num(rob.iid)}."
    if src == "verification":
        moves = []
        if below > 0:
            moves.append(f"penolakan bukti dapat menurunkan IID hingga {fmt.num(lo)} (persentil 5)")
        if above > 0:
            moves.append(f"penerimaan bukti yang belum valid dapat menaikkannya hingga {fmt.num(hi)} "
                         f"(persentil 95)")
        head = "Verifikasi bukti: " + " dan ".join(moves)
    elif below > 0 and above > 0:
        head = (f"{_cap(row['label'])}: dapat menurunkan IID hingga {fmt.num(lo)} atau menaikkannya "
                f"hingga {fmt.num(hi)} (persentil 5–95)")
    elif below > 0:
        head = f"{_cap(row['label'])}: hanya dapat menurunkan IID, hingga {fmt.num(lo)} (persentil 5)"
    else:
        head = f"{_cap(row['label'])}: hanya dapat menaikkan IID, hingga {fmt.num(hi)} (persentil 95)"
    return (f"{head}; rata-rata bergeser {_signed(shift)} poin, {fmt.pct(above)} simulasi di atas dan "
            f"{fmt.pct(below)} di bawah IID terverifikasi {fmt.num(rob.iid)} (hanya sumber ini yang diacak).")


def direction_sentences(rob: Robustness) -> list[str]:
    """Per active source, in which direction it moves the score (only that source random)."""
    if rob.nothing_to_simulate:
        return []
    return [_direction(r, rob) for _, r in rob.sources.iterrows() if bool(r["active"])]


def source_sentence(rob: Robustness) -> str:
    """Which source of uncertainty moves the predicate most (measured one at a time)."""
    if rob.main_source is not None:
        top = rob.sources[rob.sources["source"] == rob.main_source].iloc[0]
        return (f"Sumber ketidakpastian yang paling menggeser predikat adalah {top['label']}: bila "
                f"hanya sumber ini yang diacak, predikat berbeda dari {rob.predicate} pada "
                f"{fmt.pct(float(top['p_differs']))} simulasi (uji satu per satu).")
    if rob.p_change > 0:
        return (f"Tidak ada sumber ketidakpastian yang sendirian mengubah predikat {rob.predicate} "
                f"(diuji satu per satu); predikat hanya berubah bila beberapa sumber bekerja bersama "
                f"({fmt.pct(rob.p_change)} simulasi).")
    return (f"Predikat {rob.predicate} tidak berubah dalam semua {fmt.integer(rob.draws)} simulasi, "
            f"baik gabungan maupun per sumber ketidakpastian.")


def sensitivity_sentence(sens: Sensitivity) -> str:
    """Where the variance of the IID comes from (Sobol indices), with the sample size and confidence."""
    if sens.nothing_to_analyse:
        return "Tidak ada ragam IID yang dapat dibagi ke sumber ketidakpastian: IID sama di semua simulasi."
    t = sens.table
    top = "; ".join(f"{r.label}: orde pertama {fmt.num(r.first_order)} ± {fmt.num(r.first_order_conf)}, "
                    f"total {fmt.num(r.total)} ± {fmt.num(r.total_conf)}" for r in t.head(2).itertuples())
    return (f"Asal ragam IID (indeks Sobol, SALib; N = {fmt.integer(sens.n)}, "
            f"{fmt.integer(sens.runs)} kali model dijalankan, interval kepercayaan "
            f"{fmt.pct(sens.conf_level, 0)}): {top}.")


def robustness_sentences(rob: Robustness) -> list[str]:
    """The claimed–verified–interval line, what is varied, the direction per source, the source
    that moves the predicate most; or the one "nothing to simulate" sentence."""
    if rob.nothing_to_simulate:
        return [interval_sentence(rob)]
    return [interval_sentence(rob), scope_sentence(rob), *direction_sentences(rob), source_sentence(rob)]
