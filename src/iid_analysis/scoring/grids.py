"""The review read into the score's shape: which innovations are scored (``n``) and their SID
answers on the n × k grid, the SPD answers on one row of m cells.

An innovation is scored when the review found it ``eligible``, it has an id and it is the first
eligible row of that id. For each (scored innovation, SID indicator) — and each SPD indicator —
the first usable answer fills the cell (:func:`~iid_analysis.scoring.evidence.grid_cells`);
answers to indicators outside the frame are dropped and logged.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from iid_analysis.methodology.model import Methodology
from iid_analysis.scoring.columns import as_bool, column, levels_of
from iid_analysis.scoring.evidence import Grid, first_answers, grid_cells

__all__ = ["N_RULES", "Selection", "scored_innovations", "sid_grid", "spd_grid"]

#: Who is in ``n`` (iid-reference §8): the eligible scored innovations (default, assumed), or every
#: reported innovation, the rejected ones scoring 0 (documented alternative ``n_all_reported``).
N_RULES: tuple[str, ...] = ("eligible", "all_reported")


class Selection(NamedTuple):
    """Which innovation rows are scored: eligible, with an id, the first row of that id."""

    inn_ids: pd.Series  # innovation_id per row (string)
    id_ok: np.ndarray  # the row has an id
    eligible: np.ndarray
    uid: pd.Index  # distinct ids, input order
    row_u: np.ndarray  # row → position in uid (−1: no id)
    first_of_id: np.ndarray  # the first eligible row of its id
    scored: np.ndarray
    scored_rows: np.ndarray  # positions of the scored rows
    to_grid: np.ndarray  # position in uid → row of the SID grid (−1: not scored)
    n_dup_eligible: int
    n_reported: int  # every reported innovation: distinct ids, plus each row without an id

    @property
    def n(self) -> int:
        return len(self.scored_rows)

    def n_of(self, n_rule: str) -> int:
        """``n`` under a rule of :data:`N_RULES`: the scored innovations, or every reported one."""
        if n_rule not in N_RULES:
            raise ValueError(f"aturan n tidak dikenal {n_rule!r} (dikenal: {', '.join(N_RULES)}) / unknown n rule")
        return self.n if n_rule == "eligible" else self.n_reported

    def log_entry(self, meth: Methodology, n_rule: str = "eligible") -> dict:
        n, entered = self.n, len(self.eligible)
        entry = {
            "step": "n", "n": self.n_of(n_rule), "n_rule": n_rule, "n_scored": n,
            "n_reported": self.n_reported, "n_entered": int(entered), "n_eligible": int(self.eligible.sum()),
            "n_eligible_without_id": int((self.eligible & ~self.id_ok).sum()),
            "n_eligible_duplicate_id": self.n_dup_eligible,
            "counted_stages": list(meth.counted_stages),
            "rule": "n = inovasi yang memenuhi syarat menurut telaah meja (review.eligible)",
            "message": f"{n} inovasi dinilai dari {entered} yang diajukan",
        }
        if n_rule == "all_reported":
            entry["rule"] = ("n = semua inovasi yang dilaporkan (yang tidak memenuhi syarat bernilai 0, "
                             "tetap masuk pembagi)")
            entry["message"] += f"; n = {self.n_reported} (semua yang dilaporkan)"
        return entry


def scored_innovations(inn: pd.DataFrame) -> Selection:
    """The rows of ``review.innovations`` that are scored, and where each id sits on the grid."""
    inn_ids = column(inn, "innovation_id").astype("string")
    id_ok = inn_ids.notna().to_numpy() & (inn_ids.fillna("").str.strip() != "").to_numpy()
    eligible = as_bool(column(inn, "eligible"))
    uid = pd.Index(pd.unique(inn_ids[id_ok]), dtype="string")  # unique ids, input order
    row_u = np.full(len(inn), -1, dtype=np.int64)
    row_u[id_ok] = uid.get_indexer(inn_ids[id_ok])
    cand = eligible & id_ok
    first_of_id = np.zeros(len(inn), dtype=bool)
    if len(uid):
        _, first_pos = np.unique(np.where(cand, row_u, -1), return_index=True)
        first_of_id[first_pos] = True
    scored = cand & first_of_id
    scored_rows = np.flatnonzero(scored)
    to_grid = np.full(len(uid), -1, dtype=np.int64)
    to_grid[row_u[scored_rows]] = np.arange(len(scored_rows))
    return Selection(inn_ids, id_ok, eligible, uid, row_u, first_of_id, scored, scored_rows, to_grid,
                     int((cand & ~first_of_id).sum()), int(len(uid) + (~id_ok).sum()))


def sid_grid(ans: pd.DataFrame, sel: Selection, sid_inds, sid_w: np.ndarray, counted_by_status: np.ndarray,
             log: list[dict]) -> tuple[Grid, np.ndarray]:
    """SID answers → the n × k grid (flat); also the claimed SID points of every id (evidence
    ignored). Appends the ``frame_drop`` and ``sid_answers`` log entries."""
    sid_ids = tuple(i.id for i in sid_inds)
    n, k, uid = sel.n, len(sid_ids), sel.uid
    a_u = uid.get_indexer(ans["innovation_id"].astype("string")) if len(ans) else np.zeros(0, int)
    a_k = pd.Index(sid_ids).get_indexer(ans["indicator_id"].astype("string")) if len(ans) \
        else np.zeros(0, int)
    a_g = np.where(a_u >= 0, sel.to_grid[np.maximum(a_u, 0)] if len(uid) else -1, -1)
    usable = as_bool(ans["usable"]) if len(ans) else np.zeros(0, bool)
    outside = usable & (a_k < 0)
    dropped_ids = sorted(set(ans["indicator_id"].astype("string")[outside].dropna()))
    log.append({
        "step": "frame_drop", "aspect": "SID", "n_answers": int(outside.sum()),
        "indicator_ids": [str(x) for x in dropped_ids],
        "message": ("Jawaban untuk indikator di luar kerangka diabaikan: " + ", ".join(dropped_ids))
        if dropped_ids else "Semua jawaban yang dapat dipakai ada dalam kerangka",
    })
    pos = np.where((a_g >= 0) & (a_k >= 0), a_g * k + np.maximum(a_k, 0), -1)
    slots, lv, st, rows = first_answers(ans, pos)
    grid = grid_cells(n * k, slots, lv, st, rows, counted_by_status)
    log.append({
        "step": "sid_answers", "n_rows": int(len(ans)), "n_usable": int(usable.sum()),
        "n_not_usable": int((~usable).sum()),
        "n_of_not_scored": int((usable & (a_k >= 0) & (a_g < 0)).sum()),
        "n_scored": int(len(slots)), "n_counted": int(grid.counted.sum()),
        "grid": f"{n} × {k}", "missing_answers_as_level": 0,
        "message": f"{len(slots)} jawaban SID dinilai; jawaban yang tidak ada dihitung tingkat 0",
    })

    # claimed maturity for every entry with an id (evidence ignored)
    ok = usable & (a_u >= 0) & (a_k >= 0)
    lvl_all = levels_of(ans["level"]) if len(ans) else np.zeros(0)
    ok &= np.isfinite(lvl_all) & (lvl_all >= 0) & (lvl_all <= 3)
    cidx = np.flatnonzero(ok)
    _, cfirst = np.unique(a_u[cidx] * max(k, 1) + a_k[cidx], return_index=True)
    cidx = cidx[cfirst]
    claimed_u = np.bincount(a_u[cidx], weights=np.floor(lvl_all[cidx]) * sid_w[a_k[cidx]],
                            minlength=len(uid)) if len(uid) else np.zeros(0)
    return grid, claimed_u


def spd_grid(ra: pd.DataFrame, spd_inds, counted_by_status: np.ndarray, log: list[dict]) -> Grid:
    """SPD answers → one cell per SPD indicator. Appends the ``frame_drop_spd`` (when answers fall
    outside the frame) and ``spd_answers`` log entries."""
    spd_ids = tuple(i.id for i in spd_inds)
    m = len(spd_ids)
    r_k = pd.Index(spd_ids).get_indexer(ra["indicator_id"].astype("string")) if len(ra) \
        else np.zeros(0, int)
    r_usable = as_bool(ra["usable"]) if len(ra) else np.zeros(0, bool)
    r_out = r_usable & (r_k < 0)
    r_dropped = sorted(set(ra["indicator_id"].astype("string")[r_out].dropna())) if len(ra) else []
    if r_dropped:
        log.append({
            "step": "frame_drop_spd", "aspect": "SPD", "n_answers": int(r_out.sum()),
            "indicator_ids": [str(x) for x in r_dropped],
            "message": "Jawaban SPD di luar kerangka diabaikan: " + ", ".join(r_dropped),
        })
    rslots, rlv, rst, rrows = first_answers(ra, r_k)
    grid = grid_cells(m, rslots, rlv, rst, rrows, counted_by_status)
    log.append({
        "step": "spd_answers", "n_rows": int(len(ra)), "n_usable": int(r_usable.sum()),
        "n_scored": int(len(rslots)), "n_counted": int(grid.counted.sum()),
        "message": f"{len(rslots)} dari {m} indikator SPD dijawab",
    })
    return grid

