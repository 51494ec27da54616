"""From findings to a decision per innovation, with the reasons and the to-do list in Indonesian.

* ``tidak_lanjut`` — the data say for certain that it is not eligible for this edition: applied
  outside the window, stage not counted, re-entered too often, or entered after the input deadline
  (extension included): a finding of kind ``ineligible``;
* ``lengkapi`` — not ruled out, but something must be completed or corrected first: evidence
  missing / invalid / pending for a claimed level, profile incomplete, any other error on the row or
  its answers (a finding of kind ``gap``), or eligibility that cannot be proven yet (empty or
  unreadable implementation date, stage, ID or OPD). Such a row can have ``eligible == False``;
* ``lanjut`` — eligible and complete; findings of kind ``note`` are added as remarks.

The reasons are the findings of the kind that decided (the to-dos those of kind ``gap``), ordered
by the rules' priority, then by row; each distinct text once, joined with "; ". A ``lengkapi``
without a gap reads "syarat kelayakan belum dapat dipastikan"; a ``lanjut`` reads "memenuhi syarat
dan berkas lengkap", with its notes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iid_analysis.review.distinct import factorize
from iid_analysis.review.eligibility import Eligibility
from iid_analysis.review.model import INNOVATION_INPUT_COLUMNS


def decide(
    inv: pd.DataFrame,
    events: pd.DataFrame,
    elig: Eligibility,
    is_dup: np.ndarray,
    known_opd: np.ndarray,
) -> pd.DataFrame:
    """The innovations of the edition (``INNOVATION_INPUT_COLUMNS``) with their eligibility flags,
    decision, reasons, to-do and counts of errors and warnings. ``events``: the findings with
    their innovation (``_i``), kind, priority, reason and to-do."""
    in_window, counted, reentry_ok, on_time = elig
    n = len(inv)
    ident = inv["_id"].notna().to_numpy(bool) & ~is_dup & known_opd
    eligible = in_window & counted & reentry_ok & on_time & ident

    # the innovations' events, ordered by innovation, priority, row (<NA> first); stable
    ei_all = events["_i"].to_numpy("int64")
    sel = np.flatnonzero(ei_all >= 0)
    row = events["row"].array[sel]
    row_na = row.isna()
    row_v = row.to_numpy("int64", na_value=0)
    order = sel[
        np.lexsort((row_v, ~row_na, events["_prio"].to_numpy("int64")[sel], ei_all[sel]))
    ]
    ei = ei_all[order]
    kind_codes, kind_names = factorize(events["_kind"])
    kind_of = kind_codes[order]
    kind_pos = {k: j for j, k in enumerate(kind_names)}

    def per_kind(kind: str, column: str) -> np.ndarray:
        """Texts of one kind joined with "; " per innovation (events are sorted by ``_i``),
        each distinct text once."""
        out = np.full(n, "", dtype=object)
        rows = np.flatnonzero(kind_of == kind_pos.get(kind, -2))
        text = events[column].to_numpy(dtype=object, na_value="")[order[rows]]
        keep = np.flatnonzero(text != "")
        if len(keep):
            i, t = ei[rows[keep]], text[keep].tolist()
            starts = np.flatnonzero(np.r_[True, i[1:] != i[:-1]])
            ends = np.r_[starts[1:], len(i)]
            spans = zip(starts.tolist(), ends.tolist(), strict=True)
            # each distinct text once per innovation, in order (dict keys keep the first)
            out[i[starts]] = ["; ".join(dict.fromkeys(t[a:b])) for a, b in spans]
        return out

    inel_r = per_kind("ineligible", "_reason")
    gap_r, gap_t = per_kind("gap", "_reason"), per_kind("gap", "_todo")
    note_r = per_kind("note", "_reason")
    has_inel = inel_r != ""
    has_gap = gap_r != ""

    decision = np.where(
        has_inel, "tidak_lanjut", np.where(has_gap | ~eligible, "lengkapi", "lanjut")
    )
    unexplained = (decision == "lengkapi") & ~has_gap
    gap_r[unexplained] = "syarat kelayakan belum dapat dipastikan"
    gap_t[unexplained & (gap_t == "")] = "lengkapi data inovasi"
    has_note = note_r != ""
    ok_txt = np.full(n, "memenuhi syarat dan berkas lengkap", dtype=object)
    ok_txt[has_note] = "memenuhi syarat dan berkas lengkap; catatan: " + note_r[has_note]
    reasons = np.where(
        decision == "tidak_lanjut", inel_r, np.where(decision == "lengkapi", gap_r, ok_txt)
    )
    todo = np.where(decision == "lengkapi", gap_t, "")

    out = pd.DataFrame(index=inv.index)
    for c in INNOVATION_INPUT_COLUMNS:
        out[c] = inv[c]
    out["innovation_id"] = inv["_id"]
    out["opd_id"] = inv["_fopd"].mask(inv["_fopd"] == "")
    out["in_window"] = in_window
    out["stage_counted"] = counted
    out["reentry_ok"] = reentry_ok
    out["on_time"] = on_time
    out["eligible"] = eligible
    out["decision"] = pd.array(decision, dtype="string")
    out["reasons"] = pd.array(reasons, dtype="string")
    out["todo"] = pd.array(todo, dtype="string")
    sev = events["severity"].to_numpy(object)[order]
    for c, level in (("n_errors", "error"), ("n_warnings", "warning")):
        out[c] = np.bincount(ei[sev == level], minlength=n).astype("int64")[:n]
    return out.reset_index(drop=True)
