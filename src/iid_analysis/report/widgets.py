"""The interactive what-if panel of notebook 04_simulasi: ipywidgets wired to
:class:`~iid_analysis.analyses.simulate.WhatIf`.

Choose the region (SPD) or a scored innovation, an indicator, a level and an evidence status, or add
a hypothetical innovation of a given maturity and affair: the IID, predicate and distance to the
next band are recomputed at once from the same scoring code. :func:`whatif_text` is the line the
panel shows (plain text, testable without a browser).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from iid_analysis.analyses.simulate import WhatIf
from iid_analysis.scoring.evidence import EVIDENCE_STATUSES
from iid_analysis.text import fmt
from iid_analysis.text.escape import html_text

__all__ = ["REGION", "whatif_panel", "whatif_text"]

#: The target value of the region's own (SPD) answers.
REGION = ""
_STATUS_WORDS = {"valid": "valid", "invalid": "tidak valid", "pending": "menunggu verifikasi",
                 "missing": "tidak ada"}


def whatif_text(sim: dict) -> str:
    """One line: IID, predicate, change, distance to the next band, n and the count score."""
    s = (f"IID {fmt.num(sim['iid'])} ({sim['predicate']}); perubahan {fmt.points(sim['change'])} "
         f"dari {fmt.num(sim['iid_before'])}")
    if sim["next_predicate"]:
        s += f"; {fmt.num(sim['distance_to_next'])} poin menuju {sim['next_predicate']}"
    return s + f"; {fmt.count(sim['n'], 'inovasi')} dinilai, skor jumlah inovasi {fmt.num(sim['count_score'])}."


class _Panel:
    """The widgets and the changes chosen so far."""

    def __init__(self, result):
        self.sim = WhatIf(result)
        self.result = result
        m = result.methodology
        self.answers: dict[tuple[str, str], dict] = {}
        self.added: list[dict] = []
        inv = result.innovations
        scored = inv[inv["scored"].astype(bool)] if "scored" in inv else inv
        targets = [("Pemerintah daerah (SPD)", REGION)] + [
            (f"{i} — {n}"[:80], str(i)) for i, n in zip(scored["innovation_id"], scored["name"], strict=True)]
        self.target = w.Dropdown(options=targets, value=REGION, description="Jawaban")
        self.indicator = w.Dropdown(description="Indikator")
        self.level = w.IntSlider(min=0, max=3, description="Tingkat")
        self.status = w.Dropdown(options=[(_STATUS_WORDS[s], s) for s in EVIDENCE_STATUSES], description="Bukti")
        self.maturity = w.FloatSlider(min=0.0, max=float(m.max_sid_per_innovation), step=1.0,
                                      value=float(round(result.mean_maturity or 0.0)),
                                      description="Kematangan")
        self.affair = w.Dropdown(options=[("(tidak ditentukan)", "")] + [(a, a) for a in m.basic_affairs],
                                 description="Urusan")
        self.add = w.Button(description="Tambah inovasi")
        self.reset = w.Button(description="Ulangi")
        self.out = w.HTML()
        self._loading = False
        self.target.observe(self._on_target, names="value")
        self.indicator.observe(self._on_indicator, names="value")
        self.level.observe(self._on_answer, names="value")
        self.status.observe(self._on_answer, names="value")
        self.add.on_click(self._on_add)
        self.reset.on_click(self._on_reset)
        self._on_target()

    def _on_target(self, _change: Any = None) -> None:
        aspect = "SPD" if self.target.value == REGION else "SID"
        inds = self.result.methodology.indicators_of(aspect)
        self._loading = True
        self.indicator.options = [(f"{i.id} {i.name}"[:80], i.id) for i in inds]
        self.indicator.value = inds[0].id
        self._loading = False
        self._on_indicator()

    def _current(self) -> dict:
        key = (self.target.value, self.indicator.value)
        if key in self.answers:
            return self.answers[key]
        pts = self.result.points
        inn = pts["innovation_id"].astype("string").fillna(REGION)
        row = pts[(inn == key[0]) & (pts["indicator_id"].astype("string") == key[1])].iloc[0]
        return {"level": int(row["level"]), "evidence_status": str(row["evidence_status"])}

    def _on_indicator(self, _change: Any = None) -> None:
        cur = self._current()
        self._loading = True
        self.level.value = cur["level"]
        self.status.value = cur["evidence_status"] if cur["evidence_status"] in EVIDENCE_STATUSES else "missing"
        self._loading = False
        self.update()

    def _on_answer(self, _change: Any = None) -> None:
        if self._loading:
            return
        key = (self.target.value, self.indicator.value)
        self.answers[key] = {"innovation_id": key[0] or None, "indicator_id": key[1],
                             "level": int(self.level.value), "evidence_status": self.status.value}
        self.update()

    def _on_add(self, _button: Any = None) -> None:
        self.added.append({"maturity": float(self.maturity.value), "affair": self.affair.value or None})
        self.update()

    def _on_reset(self, _button: Any = None) -> None:
        self.answers.clear()
        self.added.clear()
        self._on_indicator()

    def changes(self) -> list[dict]:
        return [*self.answers.values(), *self.added]

    def update(self) -> None:
        sim = self.sim.run(self.changes())
        n_ans, n_new = len(self.answers), len(self.added)
        self.out.value = (f"<p><b>{html_text(whatif_text(sim))}</b></p>"
                          f"<p>{fmt.count(n_ans, 'jawaban')} diubah, {fmt.count(n_new, 'inovasi')} ditambahkan.</p>")

    def box(self) -> w.VBox:
        return w.VBox([
            w.HBox([self.target, self.indicator]), w.HBox([self.level, self.status]),
            w.HBox([self.maturity, self.affair, self.add]), w.HBox([self.reset]), self.out,
        ])


def whatif_panel(a) -> w.VBox:
    """The panel for an analysis ``a`` (or an ``IndexResult``): an ipywidgets box; its ``panel``
    attribute holds the state (``panel.changes()``, ``panel.update()``) for tests."""
    result = getattr(a, "result", a)
    panel = _Panel(result)
    box = panel.box()
    box.panel = panel
    return box
