"""The result of a desk review: :class:`Review` (the edition's innovations with their decisions,
the SID and SPD answers with a ``usable`` flag, the findings) and the decisions per OPD.

The findings table is made on first use (:class:`_OnFirstUse`): the decisions need only part of
each finding, and a caller that only scores never pays for the table's texts and sort.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from iid_analysis.io.dataset import Dataset
from iid_analysis.io.schema import ROW
from iid_analysis.methodology.model import Methodology

#: The three desk decisions, in the order reports list them.
DECISIONS: tuple[str, ...] = ("lanjut", "lengkapi", "tidak_lanjut")

#: Columns of ``Review.innovations`` copied from the innovation as entered (``opd_name`` from
#: the OPD table).
INNOVATION_INPUT_COLUMNS: tuple[str, ...] = (
    ROW,
    "innovation_id",
    "opd_id",
    "opd_name",
    "name",
    "stage",
    "initiator",
    "kind",
    "form",
    "affair",
    "trial_date",
    "implementation_date",
    "submitted_on",
    "previous_entries",
    "design",
    "goal",
    "benefit",
    "result",
    "affairs_other",
    "development_date",
    "theme",
    "latitude",
    "longitude",
    "asta_cita",
)
#: Columns of ``Review.innovations``: the innovation as entered, what the desk derived from it
#: (the affairs normalised to the official list; the editions of the data the id was entered in
#: before), then the desk's verdict.
INNOVATION_COLUMNS: tuple[str, ...] = (
    *INNOVATION_INPUT_COLUMNS,
    "affair_canonical",
    "affairs_other_canonical",
    "earlier_entries",
    "in_window",
    "stage_counted",
    "reentry_ok",
    "on_time",
    "eligible",
    "decision",
    "reasons",
    "todo",
    "n_errors",
    "n_warnings",
)
#: Columns of ``Review.answers`` (the SID answers of the edition's innovations).
ANSWER_COLUMNS: tuple[str, ...] = (
    ROW,
    "innovation_id",
    "indicator_id",
    "level",
    "evidence",
    "evidence_status",
    "evidence_status_declared",
    "usable",
)
#: Columns of ``Review.region_answers`` (the SPD answers of the edition).
REGION_ANSWER_COLUMNS: tuple[str, ...] = (
    ROW,
    "year",
    "indicator_id",
    "level",
    "evidence",
    "evidence_status",
    "evidence_status_declared",
    "usable",
)
#: Columns of ``Review.set_aside``: input rows the review leaves to another edition.
SET_ASIDE_COLUMNS: tuple[str, ...] = ("table", ROW, "year")


def _empty(columns: tuple[str, ...]):
    def make() -> pd.DataFrame:
        return pd.DataFrame({c: pd.Series([], dtype="object") for c in columns})

    return make


class Deferred:
    """A value made on first use (see :class:`_OnFirstUse`); pickled as the value itself."""

    __slots__ = ("make",)

    def __init__(self, make) -> None:
        self.make = make

    def __reduce__(self):
        return _same, (self.make(),)


def _same(value):
    return value


class _OnFirstUse:
    """A dataclass field that may hold a :class:`Deferred`: made when first read, then kept.

    The review's findings table is built this way: the decisions need only part of each finding
    (kind, reason, to-do), and a caller that only scores never pays for the table's texts and
    sort. Reading the field gives the same table as building it at once."""

    def __set_name__(self, owner, name: str) -> None:
        self.name, self.slot = name, f"_{name}_value"

    def __get__(self, obj, owner=None):
        if obj is None:
            raise AttributeError(self.name)  # no default value for the dataclass field
        d = obj.__dict__
        if self.slot in d:
            value = d[self.slot]
        elif self.name in d:  # pickled before the field was made this way
            value = d[self.name]
        else:
            raise AttributeError(self.name)
        if isinstance(value, Deferred):
            value = d[self.slot] = value.make()
        return value

    def __set__(self, obj, value) -> None:
        obj.__dict__[self.slot] = value


@dataclass
class Review:
    """The desk review of edition ``year`` (see :func:`iid_analysis.review.desk.review`).

    ``answers`` / ``region_answers``: ``evidence_status`` is the status scoring reads
    (``missing`` where the evidence cell is empty), ``evidence_status_declared`` the status as
    entered. ``opd``: the OPD table as reviewed (``used``: the first row of its code).
    ``region_rows``: the optional region table (``used``: the row :attr:`Dataset.region` is
    taken from). ``set_aside``: the input rows of other editions (``table``, ``_row``,
    ``year``), so that every input row is accounted for (:mod:`~iid_analysis.review.balance`)."""

    year: int
    methodology: Methodology
    dataset: Dataset
    innovations: pd.DataFrame
    answers: pd.DataFrame
    region_answers: pd.DataFrame
    findings: pd.DataFrame = _OnFirstUse()  # built on first use, see _OnFirstUse
    opd: pd.DataFrame = field(default_factory=_empty((ROW, "opd_id", "used")))
    region_rows: pd.DataFrame = field(default_factory=_empty((ROW, "name", "used")))
    set_aside: pd.DataFrame = field(default_factory=_empty(SET_ASIDE_COLUMNS))

    def counts(self) -> dict:
        """Innovations entered, at a counted stage, in the window, eligible (cumulative, in the
        order of the funnel); decisions; findings by severity."""
        inv, f = self.innovations, self.findings
        dec = inv["decision"].value_counts()
        sev = f["severity"].value_counts()
        return {
            "n_submitted": int(len(inv)),
            "n_stage_counted": int(inv["stage_counted"].sum()),
            "n_in_window": int((inv["stage_counted"] & inv["in_window"]).sum()),  # cumulative, as the funnel
            "n_eligible": int(inv["eligible"].sum()),
            "n_lanjut": int(dec.get("lanjut", 0)),
            "n_lengkapi": int(dec.get("lengkapi", 0)),
            "n_tidak_lanjut": int(dec.get("tidak_lanjut", 0)),
            "n_error": int(sev.get("error", 0)),
            "n_warning": int(sev.get("warning", 0)),
            "n_info": int(sev.get("info", 0)),
        }

    def opd_summary(self) -> pd.DataFrame:
        """Decisions per OPD: opd_id, opd_name, entered, eligible, lanjut, lengkapi, tidak_lanjut."""
        return opd_summary(self.innovations)


def opd_summary(innovations: pd.DataFrame) -> pd.DataFrame:
    """Decisions per OPD of a review's innovations, sorted by OPD code."""
    inv = innovations
    key = inv["opd_id"].astype("string").fillna("")
    frame = pd.DataFrame(
        {
            "opd_id": key,
            "opd_name": inv["opd_name"].astype("string").fillna(""),
            "eligible": inv["eligible"].astype(bool),
            **{d: (inv["decision"] == d).to_numpy(bool) for d in DECISIONS},
        }
    )
    g = frame.groupby("opd_id", sort=True)
    out = pd.DataFrame(
        {
            "opd_name": g["opd_name"].first(),
            "entered": g.size(),
            "eligible": g["eligible"].sum(),
            **{d: g[d].sum() for d in DECISIONS},
        }
    ).reset_index()
    for c in ("entered", "eligible", *DECISIONS):
        out[c] = out[c].astype("int64")
    return out
