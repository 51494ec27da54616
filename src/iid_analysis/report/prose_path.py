"""The path to the next predicate in Indonesian words: one sentence and the note on the method.

Reads the dict of :func:`iid_analysis.analyses.path.path_to_next` (and its ``result``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from iid_analysis.analyses.gaps import ACTION_LABELS, ACTIONS, DOCUMENT_ACTIONS
from iid_analysis.text import fmt

if TYPE_CHECKING:  # pragma: no cover - typing only
    from iid_analysis.scoring.result import IndexResult

__all__ = ["PATH_METHOD_NOTE", "path_sentence"]

#: How the path is chosen (shown under the sentence).
PATH_METHOD_NOTE = (
    "Dipilih secara greedy: jawaban dengan kenaikan IID terbesar didahulukan, satu tindakan "
    "per jawaban. Karena tiap tindakan menambah poin secara terpisah (jumlah inovasi tetap), "
    "jumlah tindakannya sekecil mungkin untuk jenis tindakan yang dipertimbangkan, tetapi "
    "belum tentu yang paling ringan upayanya."
)


def path_sentence(path: dict, result: IndexResult) -> str:
    """The path in one sentence: the actions and the IID after them, why the next predicate is out
    of reach with the actions considered, or that the highest predicate is already reached."""
    target_predicate = path.get("target_predicate")
    if target_predicate is None:
        return (f"IID {fmt.num(result.iid)} sudah pada predikat tertinggi "
                f"({result.predicate}); tidak ada predikat berikutnya untuk dikejar.")
    target = path["target_iid"]
    if not path["reachable"]:
        allowed = path["actions_considered"]
        if set(allowed) >= set(ACTIONS):
            need = (f"Perlu tambahan inovasi yang memenuhi syarat (kini {fmt.count(result.n, 'inovasi')} "
                    f"dinilai; jumlah poin SID dibagi sekurang-kurangnya {result.methodology.divisor_min}).")
            how = "hanya dengan menutup celah"
        else:
            kinds = ", ".join(ACTION_LABELS[a].lower() for a in ACTIONS if a in allowed)
            need = "Perlu tindakan lain (misalnya kenaikan tingkat) atau tambahan inovasi yang memenuhi syarat."
            how = f"hanya dengan tindakan berikut: {kinds}"
        return (
            f"Predikat {target_predicate} (IID minimal {fmt.num(target)}) belum dapat dicapai {how}: "
            f"bila semua tindakan itu dilakukan, IID menjadi {fmt.num(path['iid_max'])}. {need}"
        )
    actions = path["actions"]
    n_docs = sum(1 for d in actions if d["action"] in DOCUMENT_ACTIONS)
    return (
        f"Untuk naik dari {result.predicate} (IID {fmt.num(result.iid)}) ke {target_predicate} "
        f"(IID minimal {fmt.num(target)}) cukup {fmt.count(len(actions), 'tindakan')} "
        f"({fmt.count(n_docs, 'perbaikan bukti')}, {fmt.count(len(actions) - n_docs, 'kenaikan tingkat')}); "
        f"IID menjadi {fmt.num(path['iid_after'])}."
    )
