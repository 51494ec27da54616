"""The Monte Carlo of the predicate in Indonesian words (from a
:class:`~iid_analysis.analyses.robustness.Robustness`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from iid_analysis.text import fmt

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.analyses.robustness import Robustness

__all__ = ["interval_sentence", "robustness_sentences", "source_sentence"]


def interval_sentence(rob: Robustness) -> str:
    """The point estimate, the simulated median and 5–95% interval, the chance the predicate holds."""
    p_point = rob.predicate_probabilities[rob.predicate]
    return (f"IID {fmt.num(rob.iid)} ({rob.predicate}); dalam {fmt.integer(rob.draws)} simulasi "
            f"median {fmt.num(rob.median)}, interval 5–95% {fmt.num(rob.p05)}–"
            f"{fmt.num(rob.p95)}; peluang tetap {rob.predicate} {fmt.pct(p_point)}.")


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


def robustness_sentences(rob: Robustness) -> list[str]:
    """The interval sentence, then the source sentence."""
    return [interval_sentence(rob), source_sentence(rob)]
