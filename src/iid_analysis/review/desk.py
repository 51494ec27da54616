"""Desk review (telaah meja) of one IGA edition: rules → findings, eligibility, a decision per innovation.

``review(dataset, methodology, year)`` checks every innovation entered for the edition, its SID
answers and the edition's SPD answers, and returns a :class:`Review`:

* ``innovations`` — one row per innovation row of the edition (broken and duplicated rows included,
  input order), with the eligibility flags, the decision (``lanjut`` / ``lengkapi`` /
  ``tidak_lanjut``) and the reasons and the to-do list in Indonesian;
* ``answers`` / ``region_answers`` — the SID and SPD answers of the edition with a ``usable`` flag;
* ``findings`` — every problem found (the loader's unreadable cells of these rows included), one
  row each, with a stable rule code, severity, the value found, what was expected, and a message in
  Indonesian and English.

Decision rules (per innovation):

* ``tidak_lanjut`` — the data say for certain that it is not eligible for this edition: applied
  outside the window, stage not counted, re-entered too often, or entered after the input deadline
  (extension included);
* ``lengkapi`` — not ruled out, but something must be completed or corrected first: evidence
  missing / invalid / pending for a claimed level, profile incomplete, any other error on the row or
  its answers, or eligibility that cannot be proven yet (empty or unreadable implementation date,
  stage, ID or OPD). Such a row can have ``eligible == False``;
* ``lanjut`` — eligible and complete.

Rule codes (stable; the loader's own are ``type``, ``date``, ``enum``, ``required``, ``empty_row``,
``header``, ``encoding``):

* innovations: ``required`` (required cell empty), ``year_missing``, ``duplicate_id`` (same
  innovation_id anywhere in the data), ``duplicate_name`` (same name and OPD twice in the
  edition; the later rows), ``opd_unknown``, ``opd_inactive`` (``active_from``/``active_to``),
  ``implementation_date_missing`` (stage penerapan), ``outside_window``,
  ``implementation_after_deadline``, ``trial_after_implementation``, ``stage_not_counted``,
  ``reentry_limit`` (``max_previous_entries``), ``range`` (negative previous entries),
  ``submitted_late`` (after the deadline, extension included), ``submitted_early`` (warning only:
  the opening dates are mostly assumed), ``profile_empty`` / ``profile_short`` (fewer than
  :data:`MIN_PROFILE_WORDS` words), ``sid_none`` (no SID answer at all), ``sid_incomplete`` (info);
* answers (SID and SPD): ``indicator_unknown``, ``indicator_aspect`` (SPD id among SID answers or
  the reverse), ``answer_duplicate`` (the first answer is used), ``level_range``,
  ``evidence_missing`` / ``evidence_invalid`` (errors) and ``evidence_pending`` (warning) for a
  claimed level, ``innovation_unknown`` (answer for an id not in the data);
* SPD table: ``spd_none`` (no SPD row for the edition: one error), ``spd_missing`` (one warning per
  unanswered SPD indicator);
* OPD table: ``required``, ``duplicate_id``.

Everything is vectorised with pandas; odd data never raises, it becomes findings.

``review`` runs one function per rule family, in this order (the order findings are collected):
``_opd_rules``, ``_edition_innovations`` (keys and OPD look-ups), ``_identity_rules``,
``_date_and_stage_rules`` (returns the eligibility flags), ``_duplicate_name_rule``,
``_profile_rules``, ``_sid_answer_rules``, ``_spd_answer_rules``, ``_other_loader_problems``, then
``_decide``. Each takes the tables it reads and the collector of findings
(:class:`~iid_analysis.review.events.Events`), and returns what later steps need. String work is
done once per distinct value (:mod:`iid_analysis.review.distinct`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from iid_analysis.io import schema
from iid_analysis.io.dataset import Dataset
from iid_analysis.io.findings import FINDING_COLUMNS
from iid_analysis.io.schema import ROW
from iid_analysis.methodology import Methodology
from iid_analysis.review.distinct import as_objects as _obj
from iid_analysis.review.distinct import as_text as _str
from iid_analysis.review.distinct import factorize as _codes
from iid_analysis.review.distinct import first_rows as _first_rows
from iid_analysis.review.distinct import is_blank as _blank
from iid_analysis.review.distinct import key as _key
from iid_analysis.review.distinct import keyed as _keyed
from iid_analysis.review.distinct import lookup as _lookup
from iid_analysis.review.distinct import map_values as _map
from iid_analysis.review.distinct import per_value as _per_value
from iid_analysis.review.events import Events as _Events
from iid_analysis.review.events import cat as _cat
from iid_analysis.review.events import empty_events as _empty_events
from iid_analysis.text import fmt

__all__ = [
    "DECISIONS",
    "MIN_PROFILE_WORDS",
    "Review",
    "format_date_id",
    "review",
    "summary_lines",
    "write_review_outputs",
]

#: The three desk decisions, in the order reports list them.
DECISIONS: tuple[str, ...] = ("lanjut", "lengkapi", "tidak_lanjut")

#: A profile narrative (rancang bangun, tujuan, manfaat, hasil) with fewer words than this is
#: "trivially short" and asked to be completed. A project rule, not an official one.
MIN_PROFILE_WORDS = 5

INNOVATION_COLUMNS: tuple[str, ...] = (
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
ANSWER_COLUMNS: tuple[str, ...] = (
    ROW,
    "innovation_id",
    "indicator_id",
    "level",
    "evidence",
    "evidence_status",
    "usable",
)
REGION_ANSWER_COLUMNS: tuple[str, ...] = (
    ROW,
    "year",
    "indicator_id",
    "level",
    "evidence",
    "evidence_status",
    "usable",
)

_STAGE_TEXT = {"inisiatif": "inisiatif", "uji_coba": "uji coba", "penerapan": "penerapan"}
#: What an OPD must do when the loader could not read a cell of these columns.
_FIX_TODO = {
    "implementation_date": "isi waktu penerapan yang benar",
    "trial_date": "isi waktu uji coba yang benar",
    "submitted_on": "isi tanggal input yang benar",
    "stage": "isi tahapan yang benar (inisiatif, uji coba, penerapan)",
    "previous_entries": "isi keikutsertaan sebelumnya dengan bilangan 0 atau lebih",
    "level": "isi tingkat 0–3",
}
#: Loader rules about one cell: the value must be corrected before the desk can decide.
_CELL_RULES = ("type", "date", "enum", "required", "schema")
_KINDS = ("ineligible", "gap", "note", "none")


# ============================================================================ the result
class _Deferred:
    """A value made on first use (see :class:`_OnFirstUse`); pickled as the value itself."""

    __slots__ = ("make",)

    def __init__(self, make) -> None:
        self.make = make

    def __reduce__(self):
        return _same, (self.make(),)


def _same(value):
    return value


class _OnFirstUse:
    """A dataclass field that may hold a :class:`_Deferred`: made when first read, then kept.

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
        if isinstance(value, _Deferred):
            value = d[self.slot] = value.make()
        return value

    def __set__(self, obj, value) -> None:
        obj.__dict__[self.slot] = value


@dataclass
class Review:
    year: int
    methodology: Methodology
    dataset: Dataset
    innovations: pd.DataFrame
    answers: pd.DataFrame
    region_answers: pd.DataFrame
    findings: pd.DataFrame = _OnFirstUse()  # built on first use, see _OnFirstUse

    def counts(self) -> dict:
        inv, f = self.innovations, self.findings
        dec = inv["decision"].value_counts()
        sev = f["severity"].value_counts()
        return {
            "n_submitted": int(len(inv)),
            "n_in_window": int(inv["in_window"].sum()),
            "n_stage_counted": int(inv["stage_counted"].sum()),
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


# ============================================================================ helpers
#: ``2021-03-12`` → ``"12 Maret 2021"`` (kept under this name for callers of the desk review)
format_date_id = fmt.date


def _fmt_dates(s: pd.Series) -> pd.Series:
    """Vectorised :func:`format_date_id` (formats each distinct date once)."""
    codes, uniques = pd.factorize(s)
    texts = np.array([format_date_id(u) for u in uniques] + [""], dtype=object)
    return pd.Series(texts[codes], index=s.index, dtype="string")


def _iso_dates(s: pd.Series) -> pd.Series:
    """``s.dt.strftime("%Y-%m-%d")`` as ``string`` (each distinct date formatted once)."""
    codes, uniques = pd.factorize(s)
    texts = pd.Series(uniques).dt.strftime("%Y-%m-%d").to_numpy(dtype=object, na_value=pd.NA)
    return pd.Series(np.append(texts, pd.NA)[codes], index=s.index, dtype="string")


def _conform(df: pd.DataFrame | None, table: str) -> pd.DataFrame:
    """The table with every canonical column present and typed as the loader types it.

    A dataset from the loader already conforms; this only protects the review from hand-built
    tables (no column, object columns, …) so that odd input never raises.
    """
    if df is not None and _conforms(df, table):  # the loader's tables: only ``_row`` changes
        out = df.copy(deep=False)
        out[ROW] = pd.array(df[ROW].to_numpy(), dtype="Int64")
        return out
    out = pd.DataFrame(index=pd.RangeIndex(0)) if df is None else df.reset_index(drop=True)
    n = len(out)
    cols = {}
    if ROW in out.columns and out[ROW].dtype == "int64":  # the loader's row numbers
        cols[ROW] = pd.array(out[ROW].to_numpy(), dtype="Int64")
    elif ROW in out.columns:
        r = pd.to_numeric(out[ROW], errors="coerce")
        cols[ROW] = pd.array(
            r.where(r.notna(), pd.Series(np.arange(n) + 2, dtype="float64")), dtype="float64"
        ).astype("Int64")
    else:
        cols[ROW] = pd.array(np.arange(n) + 2, dtype="Int64")
    for c in schema.COLUMNS[table]:
        s = out[c.name] if c.name in out.columns else pd.Series([pd.NA] * n, dtype="object")
        if c.kind in ("int", "year", "level"):
            if str(s.dtype) != "Int64":
                num = pd.to_numeric(s.astype("object"), errors="coerce")
                num = num.where(np.isfinite(num) & (num == np.round(num))) if len(num) else num
                s = pd.array(num.astype("float64"), dtype="Float64").astype("Int64")
        elif c.kind == "date":
            if not pd.api.types.is_datetime64_any_dtype(s.dtype):
                s = pd.to_datetime(s.astype("object"), errors="coerce", format="mixed")
            if getattr(s.dt, "tz", None) is not None:
                s = s.dt.tz_localize(None)
            s = s.astype("datetime64[ns]")
        else:
            if str(s.dtype) != "string":
                s = s.astype("object").where(pd.notna(s), None).astype("string")
        cols[c.name] = (
            pd.Series(s, index=out.index) if not isinstance(s, pd.Series) else s.set_axis(out.index)
        )
    extra = [c for c in out.columns if c not in cols]
    res = pd.DataFrame(cols, index=out.index, copy=False)
    for c in extra:
        res[c] = out[c]
    return res


def _conforms(df: pd.DataFrame, table: str) -> bool:
    """True when ``df`` is laid out and typed as :func:`_conform` would make it (``_row`` as
    int64, the canonical columns in order, a 0..n-1 index)."""
    kinds = {"int": "Int64", "year": "Int64", "level": "Int64", "date": "datetime64[ns]"}
    names = [ROW, *(c.name for c in schema.COLUMNS[table])]
    if list(df.columns[: len(names)]) != names or df.columns.has_duplicates:
        return False
    index = df.index
    if not (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1):
        return False
    if df[ROW].dtype != "int64":
        return False
    return all(str(df[c.name].dtype) == kinds.get(c.kind, "string") for c in schema.COLUMNS[table])


def _problems(ds: Dataset) -> pd.DataFrame:
    p = getattr(ds, "problems", None)
    if p is None or not isinstance(p, pd.DataFrame) or not len(p):
        return _empty_events()
    p = p.reset_index(drop=True).reindex(columns=list(FINDING_COLUMNS))
    out = pd.DataFrame({c: _str(p[c]) for c in FINDING_COLUMNS if c != "row"})
    out["row"] = pd.array(pd.to_numeric(p["row"], errors="coerce"), dtype="Float64").astype("Int64")
    return out


def _label(table: str, column: str) -> str:
    try:
        return schema.column(table, column).label
    except KeyError:
        return column


# ============================================================================ review

def _add_year_missing(ev, rows: pd.DataFrame, problems: pd.DataFrame, table: str) -> None:
    """Rows of no edition (year empty or unreadable): one finding each, unless the loader already
    reported the year cell."""
    ev.add(
        rows,
        ~rows[ROW].isin(_problem_rows(problems, table, "year")),
        table=table,
        rule="year_missing",
        severity="error",
        column="year",
        expected="tahun edisi, mis. 2021",
        message="Tahun edisi kosong atau tidak terbaca; baris ini tidak masuk edisi mana pun",
        message_en="Edition year empty or unreadable; this row belongs to no edition",
    )


def review(dataset: Dataset, methodology: Methodology, year: int) -> Review:
    """Desk review of edition ``year`` of ``dataset`` under ``methodology`` (see the module doc)."""
    m, year = methodology, int(year)
    ds = dataset
    files = dict(getattr(ds, "files", {}) or {})
    ev = _Events(files)
    problems = _problems(ds)

    opd = _conform(getattr(ds, "opd", None), "opd")
    inv_all = _conform(getattr(ds, "innovations", None), "innovations")
    ans_all = _conform(getattr(ds, "innovation_indicators", None), "innovation_indicators")
    reg_all = _conform(getattr(ds, "region_indicators", None), "region_indicators")

    opd_first = _opd_rules(ev, opd, problems)
    inv, opd_key, known_opd, year_ok = _edition_innovations(inv_all, opd_first, year)
    is_dup, all_ids, dup_ids = _identity_rules(ev, inv, inv_all, opd_key, known_opd, opd_first, problems, year)
    elig = _date_and_stage_rules(ev, inv, m, year, problems)
    _duplicate_name_rule(ev, inv, opd_key)
    _profile_rules(ev, inv)
    # 400,000 answers in the benchmark: keyed once, look-ups once per distinct innovation id
    ans_all["_id"], a_codes, a_keys = _keyed(ans_all["innovation_id"])
    answers, sid_usable = _sid_answer_rules(ev, inv, ans_all, a_codes, a_keys, all_ids, dup_ids, m, problems)
    region, spd_usable = _spd_answer_rules(ev, reg_all, m, year, problems)
    _other_loader_problems(ev, problems, inv_all, year_ok, inv, all_ids, answers, ans_all, reg_all)

    # ---------------------------------------------------------------- decision
    events = ev.frame()
    inv_out = _decide(inv, events, elig.in_window, elig.counted, elig.reentry_ok, elig.on_time, is_dup,
                      known_opd)

    findings = _Deferred(ev.findings)  # the table is built when first read
    answers_out = _frame_of(
        answers, ANSWER_COLUMNS, innovation_id=answers["_id"], indicator_id=answers["_ind"],
        usable=sid_usable,
    )
    region_out = _frame_of(
        region, REGION_ANSWER_COLUMNS, indicator_id=region["_ind"], usable=spd_usable
    )
    return Review(
        year=year,
        methodology=m,
        dataset=ds,
        innovations=inv_out,
        answers=answers_out,
        region_answers=region_out,
        findings=findings,
    )


def _opd_rules(ev: _Events, opd: pd.DataFrame, problems: pd.DataFrame) -> pd.DataFrame:
    """OPD table: required cells, duplicate codes. Returns the first row of each OPD code, by code."""
    opd["_key"] = _key(opd["opd_id"], upper=True)
    opd["_i"], opd["_fid"], opd["_fopd"] = -1, "", _str(opd["opd_id"]).str.strip()
    opd_first = opd.loc[opd["_key"].notna() & ~opd["_key"].duplicated()].set_index("_key")
    _required_empty(ev, opd, "opd", problems, prio=11)
    dup_opd = opd["_key"].notna() & opd["_key"].duplicated()
    first_row = opd["_key"].map(opd_first[ROW])
    ev.add(
        opd,
        dup_opd,
        table="opd",
        rule="duplicate_id",
        severity="error",
        column="opd_id",
        value=opd["opd_id"],
        expected="kode OPD unik",
        message=_cat(
            "Kode OPD ",
            opd["_fopd"],
            " sudah dipakai di baris ",
            first_row,
            "; baris ini diabaikan",
        ),
        message_en=_cat(
            "OPD code ", opd["_fopd"], " already used in row ", first_row, "; this row is ignored"
        ),
    )
    return opd_first


def _edition_innovations(inv_all: pd.DataFrame, opd_first: pd.DataFrame, year: int):
    """The innovations of edition ``year`` with their keys and OPD look-ups; also the OPD key per
    row, whether that OPD is known, and which rows of ``inv_all`` are of the edition."""
    year_ok = (inv_all["year"] == year).fillna(False).to_numpy(bool)
    inv = inv_all.loc[year_ok].reset_index(drop=True)
    n = len(inv)
    inv["_i"] = np.arange(n, dtype="int64")
    inv["_id"] = _key(inv["innovation_id"])
    opd_key = _key(inv["opd_id"], upper=True)
    known_opd = opd_key.isin(opd_first.index).to_numpy(bool)
    inv["_fid"] = _str(inv["_id"])
    canon_opd = _map(opd_key, opd_first["opd_id"]).astype("string")
    inv["_fopd"] = _str(canon_opd.fillna(_key(inv["opd_id"]))).str.strip()
    inv["opd_name"] = _map(opd_key, opd_first["name"]).astype("string")
    return inv, opd_key, known_opd, year_ok


def _identity_rules(ev: _Events, inv: pd.DataFrame, inv_all: pd.DataFrame, opd_key: pd.Series,
                    known_opd: np.ndarray, opd_first: pd.DataFrame, problems: pd.DataFrame, year: int):
    """Rows of no edition, duplicate innovation ids, required cells and loader problems, unknown or
    inactive OPD. Returns (is_dup per row, every row's id key, the duplicated keys)."""
    # rows of no edition (year empty or unreadable) are reported in every review, never lost
    no_year = inv_all.loc[inv_all["year"].isna().to_numpy(bool)].copy()
    no_year["_i"], no_year["_fid"] = -1, _str(_key(no_year["innovation_id"]))
    no_year["_fopd"] = _str(_key(no_year["opd_id"]))
    _add_year_missing(ev, no_year, problems, "innovations")

    # dataset-wide duplicate innovation ids
    all_ids = _key(inv_all["innovation_id"])
    id_counts = all_ids.value_counts()
    dup_ids = id_counts.index[id_counts > 1]
    is_dup = inv["_id"].isin(dup_ids).to_numpy(bool)
    if is_dup.any():
        dup_rows = (
            inv_all.loc[all_ids.isin(dup_ids), ROW]
            .astype("string")
            .groupby(all_ids[all_ids.isin(dup_ids)])
            .agg(", ".join)
        )
        rows_txt = inv["_id"].map(dup_rows)
    else:
        rows_txt = pd.Series("", index=inv.index, dtype="string")
    ev.add(
        inv,
        is_dup,
        table="innovations",
        rule="duplicate_id",
        severity="error",
        column="innovation_id",
        value=inv["_fid"],
        expected="ID inovasi unik dalam seluruh data",
        reason=_cat(
            "ID inovasi ", inv["_fid"], " dipakai lebih dari sekali (baris ", rows_txt, ")"
        ),
        message=_cat(
            "ID inovasi ", inv["_fid"], " dipakai lebih dari sekali (baris ", rows_txt, ")"
        ),
        message_en=_cat(
            "Innovation ID ", inv["_fid"], " used more than once (rows ", rows_txt, ")"
        ),
        todo=_cat("beri ID unik untuk inovasi ", inv["_fid"]),
        kind="gap",
        prio=10,
    )

    # required cells, loader problems
    _required_empty(ev, inv, "innovations", problems, prio=11, kind="gap")
    _attach_problems(ev, problems, "innovations", inv, prio=12)

    # references: OPD
    has_opd = opd_key.notna().to_numpy(bool)
    ev.add(
        inv,
        has_opd & ~known_opd,
        table="innovations",
        rule="opd_unknown",
        severity="error",
        column="opd_id",
        value=inv["_fopd"],
        expected="kode OPD yang ada di lembar OPD",
        reason=_cat("kode OPD ", inv["_fopd"], " tidak ada di daftar OPD"),
        message=_cat("Kode OPD ", inv["_fopd"], " tidak ada di lembar OPD"),
        message_en=_cat("OPD code ", inv["_fopd"], " is not in the OPD table"),
        todo=_cat("perbaiki kode OPD ", inv["_fopd"], " atau tambahkan OPD itu ke lembar OPD"),
        kind="gap",
        prio=13,
    )
    act_from = _map(opd_key, opd_first["active_from"]).astype("Float64")
    act_to = _map(opd_key, opd_first["active_to"]).astype("Float64")
    inactive = known_opd & (
        (act_from > year).fillna(False) | (act_to < year).fillna(False)
    ).to_numpy(bool)
    a_from, a_to = _str(act_from.astype("Int64")), _str(act_to.astype("Int64"))
    span = pd.Series(
        np.where(
            a_from == "",
            "sampai " + a_to,
            np.where(a_to == "", "sejak " + a_from, a_from + "–" + a_to),
        ),
        index=inv.index,
        dtype="string",
    )
    ev.add(
        inv,
        inactive,
        table="innovations",
        rule="opd_inactive",
        severity="error",
        column="opd_id",
        value=inv["_fopd"],
        expected=f"OPD yang aktif pada {year}",
        reason=_cat("OPD ", inv["_fopd"], " tidak aktif pada ", str(year), " (aktif ", span, ")"),
        message=_cat("OPD ", inv["_fopd"], " tidak aktif pada ", str(year), " (aktif ", span, ")"),
        message_en=_cat("OPD ", inv["_fopd"], " not active in ", str(year), " (active ", span, ")"),
        todo=_cat("pindahkan inovasi ke OPD yang aktif pada ", str(year)),
        kind="gap",
        prio=14,
    )
    return is_dup, all_ids, dup_ids


class _Eligibility(NamedTuple):
    """Per innovation of the edition: the eligibility rules the decision rests on."""

    in_window: np.ndarray
    counted: np.ndarray
    reentry_ok: np.ndarray
    on_time: np.ndarray


def _date_and_stage_rules(ev: _Events, inv: pd.DataFrame, m: Methodology, year: int,
                          problems: pd.DataFrame) -> _Eligibility:
    """Dates against the window and the input deadline, stage, re-entries, submission date."""
    n = len(inv)
    # dates and eligibility
    start, end = pd.Timestamp(m.eligible_from), pd.Timestamp(m.eligible_to)
    deadline, opens = pd.Timestamp(m.input_deadline), pd.Timestamp(m.input_opens)
    impl = inv["implementation_date"].dt.normalize()
    trial = inv["trial_date"].dt.normalize()
    subm = inv["submitted_on"].dt.normalize()
    stage = inv["stage"]
    window_txt = f"{format_date_id(m.eligible_from)}–{format_date_id(m.eligible_to)}"
    deadline_txt = format_date_id(m.input_deadline)
    impl_txt, trial_txt, subm_txt = _fmt_dates(impl), _fmt_dates(trial), _fmt_dates(subm)
    impl_iso, trial_iso, subm_iso = _iso_dates(impl), _iso_dates(trial), _iso_dates(subm)
    impl_known = impl.notna().to_numpy(bool)
    in_window = (impl_known & (impl >= start).fillna(False) & (impl <= end).fillna(False)).to_numpy(
        bool
    )
    impl_future = impl_known & (impl > deadline).fillna(False).to_numpy(bool)
    counted = stage.isin(list(m.counted_stages)).fillna(False).to_numpy(bool)
    stage_known = stage.notna().to_numpy(bool)
    prev = inv["previous_entries"]
    max_prev = m.max_previous_entries
    reentry_ok = (
        np.ones(n, bool)
        if max_prev is None
        else (prev.fillna(0) <= max_prev).fillna(True).to_numpy(bool)
    )
    late = (subm > deadline).fillna(False).to_numpy(bool)
    early = (subm < opens).fillna(False).to_numpy(bool)
    on_time = ~late
    is_penerapan = (stage == "penerapan").fillna(False).to_numpy(bool)
    impl_problem = (
        inv[ROW].isin(_problem_rows(problems, "innovations", "implementation_date")).to_numpy(bool)
    )

    ev.add(
        inv,
        impl_known & ~in_window & ~impl_future,
        table="innovations",
        rule="outside_window",
        severity="error",
        column="implementation_date",
        value=impl_txt,
        expected=window_txt,
        reason=_cat("diterapkan ", impl_txt, ", di luar jendela ", window_txt),
        message=_cat(
            "Diterapkan ", impl_txt, ", di luar jendela penerapan ", window_txt, f" edisi {year}"
        ),
        message_en=_cat(
            "Implemented ",
            impl_iso,
            ", outside the window ",
            f"{m.eligible_from}–{m.eligible_to}",
        ),
        kind="ineligible",
        prio=20,
    )
    ev.add(
        inv,
        impl_future,
        table="innovations",
        rule="implementation_after_deadline",
        severity="error",
        column="implementation_date",
        value=impl_txt,
        expected=f"paling lambat {deadline_txt}",
        reason=_cat(
            "waktu penerapan ", impl_txt, " setelah batas input ", deadline_txt, " (tidak mungkin)"
        ),
        message=_cat(
            "Waktu penerapan ",
            impl_txt,
            " jatuh setelah batas input edisi ",
            str(year),
            " (",
            deadline_txt,
            "); periksa tanggalnya",
        ),
        message_en=_cat(
            "Implementation date ",
            impl_iso,
            f" is after the edition's input deadline {m.input_deadline}",
        ),
        todo="periksa dan perbaiki waktu penerapan",
        kind="gap",
        prio=20,
    )
    ev.add(
        inv,
        is_penerapan & ~impl_known & ~impl_problem,
        table="innovations",
        rule="implementation_date_missing",
        severity="error",
        column="implementation_date",
        expected="tanggal penerapan (wajib untuk tahapan penerapan)",
        reason="waktu penerapan kosong; jendela waktu tidak dapat dibuktikan",
        message="Waktu penerapan wajib diisi untuk tahapan penerapan",
        message_en="Implementation date is required for stage 'penerapan'",
        todo="isi waktu penerapan yang benar",
        kind="gap",
        prio=20,
    )
    trial_after = (trial > impl).fillna(False).to_numpy(bool)
    ev.add(
        inv,
        trial_after,
        table="innovations",
        rule="trial_after_implementation",
        severity="error",
        column="trial_date",
        value=trial_txt,
        expected=_cat("paling lambat ", impl_txt),
        reason=_cat("uji coba (", trial_txt, ") sesudah penerapan (", impl_txt, ")"),
        message=_cat("Waktu uji coba ", trial_txt, " sesudah waktu penerapan ", impl_txt),
        message_en=_cat(
            "Trial date ",
            trial_iso,
            " is after the implementation date ",
            impl_iso,
        ),
        todo="periksa waktu uji coba dan waktu penerapan",
        kind="gap",
        prio=22,
    )
    stage_txt = _str(_map(stage, _STAGE_TEXT))
    counted_txt = ", ".join(_STAGE_TEXT.get(s, s) for s in m.counted_stages)
    ev.add(
        inv,
        stage_known & ~counted,
        table="innovations",
        rule="stage_not_counted",
        severity="error",
        column="stage",
        value=stage_txt,
        expected=counted_txt,
        reason=_cat("tahapan ", stage_txt, " tidak dihitung (yang dihitung: ", counted_txt, ")"),
        message=_cat(
            "Tahapan ",
            stage_txt,
            " tidak dihitung pada edisi ",
            str(year),
            " (yang dihitung: ",
            counted_txt,
            ")",
        ),
        message_en=_cat(
            "Stage ",
            _str(stage),
            f" is not counted in {year} (counted: ",
            ", ".join(m.counted_stages),
            ")",
        ),
        kind="ineligible",
        prio=23,
    )
    if max_prev is not None:
        prev_txt = _str(prev)
        ev.add(
            inv,
            ~reentry_ok,
            table="innovations",
            rule="reentry_limit",
            severity="error",
            column="previous_entries",
            value=prev_txt,
            expected=f"paling banyak {max_prev}",
            reason=_cat(
                "sudah ", prev_txt, " kali diikutkan IGA sebelumnya (batas ", str(max_prev), ")"
            ),
            message=_cat(
                "Sudah ",
                prev_txt,
                f" kali diikutkan IGA; edisi {year} membolehkan paling banyak ",
                str(max_prev),
            ),
            message_en=_cat(
                "Entered ", prev_txt, f" times before; {year} allows at most ", str(max_prev)
            ),
            kind="ineligible",
            prio=24,
        )
    neg = (prev < 0).fillna(False).to_numpy(bool)
    ev.add(
        inv,
        neg,
        table="innovations",
        rule="range",
        severity="error",
        column="previous_entries",
        value=_str(prev),
        expected="bilangan bulat ≥ 0",
        message="Keikutsertaan sebelumnya tidak boleh negatif",
        message_en="Previous entries cannot be negative",
        todo=_FIX_TODO["previous_entries"],
        kind="gap",
        prio=24,
    )
    ev.add(
        inv,
        late,
        table="innovations",
        rule="submitted_late",
        severity="error",
        column="submitted_on",
        value=subm_txt,
        expected=f"paling lambat {deadline_txt}",
        reason=_cat("dimasukkan ", subm_txt, ", setelah batas input ", deadline_txt),
        message=_cat(
            "Dimasukkan ",
            subm_txt,
            ", setelah batas input ",
            deadline_txt,
            " (perpanjangan sudah dihitung)",
        ),
        message_en=_cat(
            "Submitted ",
            subm_iso,
            f", after the input deadline {m.input_deadline} (extension included)",
        ),
        kind="ineligible",
        prio=25,
    )
    opens_txt = format_date_id(m.input_opens)
    ev.add(
        inv,
        early,
        table="innovations",
        rule="submitted_early",
        severity="warning",
        column="submitted_on",
        value=subm_txt,
        expected=f"sejak {opens_txt}",
        reason=_cat("tanggal input ", subm_txt, " sebelum jendela input dibuka (", opens_txt, ")"),
        message=_cat(
            "Dimasukkan ",
            subm_txt,
            " sebelum jendela input dibuka (",
            opens_txt,
            "); periksa tanggal input",
        ),
        message_en=_cat(
            "Submitted ",
            subm_iso,
            f" before the input window opened ({m.input_opens})",
        ),
        kind="note",
        prio=26,
    )
    return _Eligibility(in_window, counted, reentry_ok, on_time)


def _duplicate_name_rule(ev: _Events, inv: pd.DataFrame, opd_key: pd.Series) -> None:
    """The same name and OPD twice in the edition."""
    n = len(inv)
    # same name and OPD twice in the edition
    # (key: name stripped and lower-cased, with the OPD key; per distinct value)
    name_codes, names_u = _codes(
        pd.Series(_per_value(inv["name"], lambda u: u.str.strip().str.lower()), dtype="string")
    )
    named_u = np.append(names_u != "", False)  # <NA> or empty: no name
    opd_codes, opds_u = _codes(opd_key)
    named = named_u[name_codes] & (opd_codes >= 0)
    dup_name = np.zeros(n, bool)
    first_of = pd.Series("", index=inv.index, dtype="string")
    sel = np.flatnonzero(named)
    if len(sel):
        pairs, _ = pd.factorize(name_codes[sel] * (len(opds_u) + 1) + opd_codes[sel])
        first = _first_rows(pairs)  # the first row with that name and OPD
        d = first[pairs] != np.arange(len(sel))
        dup_name[sel[d]] = True
        if d.any():
            first_of.iloc[sel[d]] = _obj(inv[ROW].iloc[sel[first[pairs[d]]]])
    ev.add(
        inv,
        dup_name,
        table="innovations",
        rule="duplicate_name",
        severity="error",
        column="name",
        value=inv["name"],
        expected="satu entri per inovasi",
        reason=_cat("nama inovasi dan OPD sama dengan baris ", first_of),
        message=_cat(
            "Nama inovasi sama dengan baris ", first_of, " dari OPD yang sama (entri ganda?)"
        ),
        message_en=_cat("Same name and OPD as row ", first_of, " (entered twice?)"),
        todo=_cat("hapus entri ganda atau bedakan dari baris ", first_of),
        kind="gap",
        prio=28,
    )


def _profile_rules(ev: _Events, inv: pd.DataFrame) -> None:
    """Profile texts (design, goal, benefit, result): empty or too short."""
    # profile completeness
    for c in schema.PROFILE_COLUMNS:
        label = _label("innovations", c)
        # words = runs of non-space characters (as r"\S+" counts them), per distinct text;
        # counted up to MIN_PROFILE_WORDS only (all that decides and is shown)
        cap = max(MIN_PROFILE_WORDS, 1)
        codes, texts = _codes(inv[c].astype("string"))
        per_text = np.array([len(v.split(None, cap)) for v in texts] + [0], dtype="int64")
        per_text = per_text.clip(max=cap)
        words = pd.Series(per_text[codes], index=inv.index)  # missing (−1) → 0
        empty = (words == 0).to_numpy(bool)
        short = ((words > 0) & (words < MIN_PROFILE_WORDS)).to_numpy(bool)
        ev.add(
            inv,
            empty,
            table="innovations",
            rule="profile_empty",
            severity="warning",
            column=c,
            expected=f"uraian minimal {MIN_PROFILE_WORDS} kata",
            reason=f"{label.lower()} masih kosong",
            message=f"{label} masih kosong",
            message_en=f"{c} is empty",
            todo=f"lengkapi {label.lower()}",
            kind="gap",
            prio=40,
        )
        wtxt = words
        ev.add(
            inv,
            short,
            table="innovations",
            rule="profile_short",
            severity="warning",
            column=c,
            value=inv[c],
            expected=f"uraian minimal {MIN_PROFILE_WORDS} kata",
            reason=_cat(f"{label.lower()} terlalu singkat (", wtxt, " kata)"),
            message=_cat(f"{label} terlalu singkat: ", wtxt, f" kata, minimal {MIN_PROFILE_WORDS}"),
            message_en=_cat(f"{c} too short: ", wtxt, f" words, at least {MIN_PROFILE_WORDS}"),
            todo=f"lengkapi {label.lower()}",
            kind="gap",
            prio=40,
        )


def _sid_answer_rules(ev: _Events, inv: pd.DataFrame, ans_all: pd.DataFrame, a_codes: np.ndarray,
                      a_keys: np.ndarray, all_ids: pd.Series, dup_ids: pd.Index, m: Methodology,
                      problems: pd.DataFrame):
    """SID answers of the edition's innovations, answers of no innovation, innovations with no or
    some SID answers. Returns (the edition's answers, which of them are usable)."""
    n = len(inv)
    a_take = np.where(a_codes < 0, len(a_keys), a_codes)  # <NA> → the extra last entry
    ed_first = inv.loc[inv["_id"].notna() & ~inv["_id"].duplicated()]
    found = pd.Index(ed_first["_id"].to_numpy(dtype=object)).get_indexer(a_keys)
    i_of_key = _lookup(ed_first["_i"].to_numpy("int64"), found, -1)
    opd_of_key = _lookup(ed_first["_fopd"].to_numpy(dtype=object), found, "")
    belongs = i_of_key[a_take] >= 0
    answers = ans_all.copy(deep=False) if belongs.all() else ans_all.loc[belongs]
    answers = answers.reset_index(drop=True)
    sid_take = a_take[belongs]
    answers["_i"] = i_of_key[sid_take]
    answers["_fid"] = answers["_id"]  # never <NA> here
    answers["_fopd"] = pd.array(opd_of_key[sid_take], dtype="string")
    answers["_pair"] = answers["_id"]
    dup_key = np.append(pd.Index(a_keys).isin(dup_ids), False)
    sid_usable, sid_ind = _answer_rules(
        ev,
        answers,
        "innovation_indicators",
        "SID",
        m,
        problems,
        id_dup=dup_key[sid_take],
        pair_codes=a_codes[belongs],
    )

    # answers that belong to no innovation of the data (or have no id)
    orphan = ~belongs & ~np.append(pd.Index(a_keys).isin(all_ids.dropna()), False)[a_take]
    orph = ans_all.loc[orphan].copy()
    orph["_i"], orph["_fid"], orph["_fopd"] = -1, _str(orph["_id"]), ""
    orph_known = orph["_id"].notna().to_numpy(bool)
    ev.add(
        orph,
        orph_known,
        table="innovation_indicators",
        rule="innovation_unknown",
        severity="error",
        column="innovation_id",
        value=orph["_fid"],
        expected="ID inovasi yang ada di lembar Inovasi",
        message=_cat(
            "Jawaban untuk ID inovasi ", orph["_fid"], " yang tidak ada di lembar Inovasi"
        ),
        message_en=_cat(
            "Answer for innovation ID ", orph["_fid"], " which is not in the innovations table"
        ),
    )
    _required_empty(ev, orph, "innovation_indicators", problems, prio=51, only=["innovation_id"])

    # innovations without any SID answer; SID indicators not answered (info)
    has_any = np.bincount(answers["_i"].to_numpy("int64"), minlength=n)[:n] > 0
    ident = inv["_id"].notna().to_numpy(bool)
    sid_ids = [i.id for i in m.indicators_of("SID")]
    sid_range = f"{sid_ids[0]}–{sid_ids[-1]}" if sid_ids else "SID"
    ev.add(
        inv,
        ident & ~has_any,
        table="innovations",
        rule="sid_none",
        severity="error",
        column="innovation_id",
        value=inv["_fid"],
        expected=f"jawaban indikator {sid_range}",
        reason="belum ada jawaban indikator SID",
        message=_cat("Inovasi ", inv["_fid"], " belum punya jawaban indikator SID"),
        message_en=_cat("Innovation ", inv["_fid"], " has no SID answers"),
        todo=f"isi jawaban indikator {sid_range}",
        kind="gap",
        prio=50,
    )
    missing_txt = _missing_indicators(answers, sid_ind, sid_ids, n)
    some_missing = has_any & (missing_txt != "").to_numpy(bool)
    ev.add(
        inv,
        some_missing,
        table="innovations",
        rule="sid_incomplete",
        severity="info",
        column="innovation_id",
        value=missing_txt,
        expected=f"jawaban {sid_range}",
        message=_cat("Indikator belum dijawab (dihitung tingkat 0): ", missing_txt),
        message_en=_cat("Indicators not answered (counted as level 0): ", missing_txt),
        prio=90,
    )
    return answers, sid_usable


def _spd_answer_rules(ev: _Events, reg_all: pd.DataFrame, m: Methodology, year: int,
                      problems: pd.DataFrame):
    """SPD answers of the edition, SPD indicators not answered, region rows of no edition.
    Returns (the edition's region answers, which of them are usable)."""
    reg_year_ok = (reg_all["year"] == year).fillna(False).to_numpy(bool)
    region = reg_all.loc[reg_year_ok].reset_index(drop=True)
    region["_i"], region["_fid"], region["_fopd"] = -1, "", ""
    region["_pair"] = pd.Series(str(year), index=region.index, dtype="string")
    spd_usable, _ = _answer_rules(
        ev, region, "region_indicators", "SPD", m, problems, id_dup=np.zeros(len(region), bool)
    )
    spd_ids = [i.id for i in m.indicators_of("SPD")]
    table_base = pd.DataFrame(
        {ROW: pd.array([pd.NA], dtype="Int64"), "_i": [-1], "_fid": [""], "_fopd": [""]}
    )
    if len(region) == 0:
        ev.add(
            table_base,
            [True],
            table="region_indicators",
            rule="spd_none",
            severity="error",
            column="indicator_id",
            expected=f"jawaban {spd_ids[0] if spd_ids else 'SPD'}…"
            f"{spd_ids[-1] if spd_ids else ''} untuk edisi {year}",
            message=f"Tidak ada jawaban indikator SPD untuk edisi {year}",
            message_en=f"No SPD answers for edition {year}",
            row=False,
        )
    else:
        got = set(region.loc[spd_usable, "_ind"].dropna())
        miss = [i for i in m.indicators_of("SPD") if i.id not in got]
        if miss:
            mb = pd.DataFrame(
                {
                    ROW: pd.array([pd.NA] * len(miss), dtype="Int64"),
                    "_i": -1,
                    "_fid": "",
                    "_fopd": "",
                }
            )
            ids = pd.Series([i.id for i in miss], dtype="string")
            names = pd.Series([i.name for i in miss], dtype="string")
            ev.add(
                mb,
                np.ones(len(miss), bool),
                table="region_indicators",
                rule="spd_missing",
                severity="warning",
                column="indicator_id",
                value=ids,
                expected="tingkat 0–3 dan bukti",
                message=_cat(
                    "Indikator ",
                    ids,
                    " ",
                    names,
                    " belum dijawab untuk edisi ",
                    str(year),
                    " (dihitung tingkat 0)",
                ),
                message_en=_cat(
                    "Indicator ", ids, f" not answered for edition {year} (counted as level 0)"
                ),
                row=False,
            )
    no_year_r = reg_all.loc[reg_all["year"].isna().to_numpy(bool)].copy()
    no_year_r["_i"], no_year_r["_fid"], no_year_r["_fopd"] = -1, "", ""
    _add_year_missing(ev, no_year_r, problems, "region_indicators")
    return region, spd_usable


def _other_loader_problems(ev: _Events, problems: pd.DataFrame, inv_all: pd.DataFrame, year_ok: np.ndarray,
                           inv: pd.DataFrame, all_ids: pd.Series, answers: pd.DataFrame,
                           ans_all: pd.DataFrame, reg_all: pd.DataFrame) -> None:
    """Every loader finding not yet reported, except those of rows that belong to another edition:
    the OPD table, rows of no edition, orphan answers, header and whole-table findings."""
    rest = np.ones(len(problems), bool)
    if len(problems):
        other_inv = inv_all["year"].notna().to_numpy(bool) & ~year_ok
        other_ids = set(all_ids[other_inv].dropna()) - set(inv["_id"].dropna())
        handled = {
            "innovations": inv_all[ROW][year_ok | other_inv],
            "innovation_indicators": pd.concat(
                [answers[ROW], ans_all.loc[ans_all["_id"].isin(other_ids), ROW]]
            ),
            "region_indicators": reg_all.loc[reg_all["year"].notna().to_numpy(bool), ROW],
        }
        for t, rows in handled.items():
            rest &= ~(
                (problems["table"] == t).to_numpy(bool) & problems["row"].isin(rows).to_numpy(bool)
            )
    if rest.any():
        e = problems.loc[rest].copy()
        e["_i"], e["_kind"], e["_prio"], e["_reason"], e["_todo"] = -1, "none", 0, e["message"], ""
        ev.add_frame(e)


def _frame_of(df: pd.DataFrame, columns: Iterable[str], **replace) -> pd.DataFrame:
    """``df.assign(**replace)[columns].reset_index(drop=True)`` without copying the columns."""
    index = pd.RangeIndex(len(df))
    cols = {}
    for c in columns:
        v = replace[c] if c in replace else df[c]
        cols[c] = (
            v.set_axis(index) if isinstance(v, pd.Series) else pd.Series(v, index=index, copy=False)
        )
    return pd.DataFrame(cols, index=index, copy=False)


def _problem_rows(problems: pd.DataFrame, table: str, column: str) -> np.ndarray:
    """Rows the loader already reported for ``column`` (or as a wholly empty row)."""
    if not len(problems):
        return np.zeros(0, dtype="int64")
    text = {c: problems[c].to_numpy(dtype=object, na_value="") for c in ("table", "column", "rule")}
    sel = (text["table"] == table) & ((text["column"] == column) | (text["rule"] == "empty_row"))
    rows = problems["row"].array[sel]
    return rows[~rows.isna()].to_numpy("int64")


def _required_empty(
    ev: _Events,
    base: pd.DataFrame,
    table: str,
    problems: pd.DataFrame,
    *,
    prio: int,
    kind: str = "none",
    only: Iterable[str] | None = None,
    blank: dict[str, np.ndarray] | None = None,
) -> None:
    """``required``: a cell of a required column is empty (and the loader did not already
    report it as unreadable). ``blank``: the empty cells of a column, when the caller knows them."""
    for c in schema.COLUMNS[table]:
        if (
            not c.required
            or c.nullable
            or c.name == "year"
            or (only is not None and c.name not in only)
        ):
            continue
        empty = (
            blank[c.name] if blank and c.name in blank else _blank(base[c.name]).to_numpy(bool)
        )
        reported = _problem_rows(problems, table, c.name)
        if len(reported) and empty.any():
            empty = empty & ~base[ROW].isin(reported).to_numpy(bool)
        ev.add(
            base,
            empty,
            table=table,
            rule="required",
            severity="error",
            column=c.name,
            expected=f"{c.label} wajib diisi",
            reason=f"{c.label.lower()} kosong",
            message=f"{c.label} wajib diisi",
            message_en=f"{c.name} is required",
            todo=_FIX_TODO.get(c.name, f"isi {c.label.lower()}"),
            kind=kind,
            prio=prio,
        )


def _attach_problems(
    ev: _Events,
    problems: pd.DataFrame,
    table: str,
    base: pd.DataFrame,
    *,
    prio: int,
    attach: bool = True,
) -> None:
    """The loader's findings for the rows of ``base``, linked to their innovation when ``attach``."""
    if not len(problems) or not len(base):
        return
    p = problems.loc[
        (problems["table"] == table).to_numpy(bool) & problems["row"].notna().to_numpy(bool)
    ]
    if not len(p) or not len(base):
        return
    b = base.drop_duplicates(ROW).set_index(ROW)
    p = p.loc[p["row"].isin(b.index).to_numpy(bool)].copy()
    if not len(p):
        return
    i = b["_i"].reindex(p["row"].to_numpy()).to_numpy() if attach else np.full(len(p), -1)
    fid = _str(b["_fid"].reindex(p["row"].to_numpy())).to_numpy(object)
    fopd = _str(b["_fopd"].reindex(p["row"].to_numpy())).to_numpy(object)
    p["innovation_id"] = np.where(
        p["innovation_id"].to_numpy(object) == "", fid, p["innovation_id"].to_numpy(object)
    )
    p["opd_id"] = np.where(p["opd_id"].to_numpy(object) == "", fopd, p["opd_id"].to_numpy(object))
    p["_i"] = i
    # a cell the loader could not read (or a required one left empty) must be fixed, whatever
    # the severity: the decision cannot rest on it
    cell = p["rule"].isin(_CELL_RULES).to_numpy(bool) | (p["severity"] == "error").to_numpy(bool)
    p["_kind"] = np.where(cell, "gap", np.where(p["severity"] == "warning", "note", "none"))
    p["_prio"] = prio
    labels = _str(p["column"].map(lambda c: _label(table, c).lower() if c else ""))
    required = (p["rule"] == "required").to_numpy(bool)
    p["_reason"] = np.where(required, labels + " kosong", p["message"])
    generic = np.where(
        required,
        "isi " + labels,
        "perbaiki " + labels + np.where(p["expected"] != "", " (" + p["expected"] + ")", ""),
    )
    p["_todo"] = _str(p["column"].map(_FIX_TODO)).mask(
        lambda x: x == "", pd.Series(generic, index=p.index)
    )
    ev.add_frame(p)


def _answer_rules(
    ev: _Events,
    a: pd.DataFrame,
    table: str,
    aspect: str,
    m: Methodology,
    problems: pd.DataFrame,
    *,
    id_dup: np.ndarray,
    pair_codes: np.ndarray | None = None,
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """Rules on indicator answers (SID or SPD). Adds ``_ind`` to ``a``; returns ``usable`` and
    ``_ind`` factorised (code per answer, −1 for <NA>; the distinct indicator ids).

    Answers can be many (400,000 in the benchmark): masks are numpy, per-answer values are
    looked up once per distinct indicator, and texts are built only for the rows that have a
    finding. ``pair_codes``: ``a["_pair"]`` factorised (−1 for <NA>), when the caller has it.
    """
    other = "SPD" if aspect == "SID" else "SID"
    a["_ind"], ind_codes, ind_keys = _keyed(a["indicator_id"], upper=True)
    ind_take = np.where(ind_codes < 0, len(ind_keys), ind_codes)
    aspects = {i.id: i.aspect for i in m.indicators}
    names = {i.id: i.name for i in m.indicators}
    asp = np.array([aspects.get(k, "") for k in ind_keys] + [""], dtype=object)  # per key
    has_ind = ind_codes >= 0
    known = (asp == aspect)[ind_take]
    wrong = (asp == other)[ind_take]
    unknown = has_ind & (asp == "")[ind_take]
    kind = "gap" if aspect == "SID" else "none"
    ids = [i.id for i in m.indicators_of(aspect)]
    rng = f"{ids[0]}–{ids[-1]}" if ids else aspect

    # texts per answer (object arrays, one value per row of ``a``), built once per distinct value
    ind_t = np.append(ind_keys, "").astype(object)[ind_take]
    titles = [(k + " " + names.get(k, "")).strip() for k in ind_keys]
    title_t = np.array([*titles, ""], dtype=object)[ind_take]
    lvl_t = _obj(a["level"])

    _required_empty(
        ev, a, table, problems, prio=51, kind=kind, only=["indicator_id", "level"],
        blank={"indicator_id": ind_codes < 0},
    )
    _attach_problems(ev, problems, table, a, prio=51, attach=(aspect == "SID"))
    ev.add(
        a,
        unknown,
        table=table,
        rule="indicator_unknown",
        severity="error",
        column="indicator_id",
        value=ind_t,
        expected=f"kode indikator {rng}",
        reason=_cat("indikator ", ind_t, f" tidak dikenal di metodologi {m.year}"),
        message=_cat(
            "Indikator ", ind_t, f" tidak dikenal di metodologi {m.year} (yang dikenal: {rng})"
        ),
        message_en=_cat("Indicator ", ind_t, f" unknown to the {m.year} methodology"),
        todo=_cat("perbaiki kode indikator ", ind_t, f" ({rng})"),
        kind=kind,
        prio=51,
    )
    where_text = "indikator daerah (SPD)" if other == "SPD" else "indikator inovasi (SID)"
    ev.add(
        a,
        wrong,
        table=table,
        rule="indicator_aspect",
        severity="error",
        column="indicator_id",
        value=ind_t,
        expected=f"kode indikator {rng}",
        reason=_cat(ind_t, f" adalah {where_text}, bukan indikator {aspect}"),
        message=_cat(ind_t, f" adalah {where_text}; di lembar ini hanya {rng}"),
        message_en=_cat(
            ind_t, f" is an {other} indicator; this table takes {aspect} indicators only"
        ),
        todo=_cat("pindahkan jawaban ", ind_t, " ke lembar yang benar"),
        kind=kind,
        prio=51,
    )

    # the same indicator answered twice: the first answer is used
    if pair_codes is None:
        pair_codes = np.asarray(pd.factorize(a["_pair"])[0], dtype=np.intp)
    pair_ok = known & (pair_codes >= 0)
    dup = np.zeros(len(a), bool)
    first_row = pd.Series("", index=a.index, dtype="string")
    if pair_ok.any():
        sel = np.flatnonzero(pair_ok)
        pair_key = pair_codes[sel].astype("int64") * (len(ind_keys) + 1) + ind_codes[sel]
        pairs, _ = pd.factorize(pair_key)
        first = _first_rows(pairs)  # first answer of each pair
        d = first[pairs] != np.arange(len(pairs))
        dup[sel[d]] = True
        if d.any():
            rows = a[ROW].iloc[sel[first[pairs[d]]]]
            first_row.loc[a.index[sel[d]]] = _obj(rows)
    ev.add(
        a,
        dup,
        table=table,
        rule="answer_duplicate",
        severity="error",
        column="indicator_id",
        value=ind_t,
        expected="satu jawaban per indikator",
        reason=_cat("indikator ", ind_t, " dijawab lebih dari sekali"),
        message=_cat(
            "Indikator ",
            ind_t,
            " dijawab lebih dari sekali; yang dipakai baris ",
            first_row,
        ),
        message_en=_cat(
            "Indicator ",
            ind_t,
            " answered more than once; row ",
            first_row,
            " is used",
        ),
        todo=_cat("hapus jawaban ganda ", ind_t),
        kind=kind,
        prio=51,
    )

    level = a["level"].astype("Float64").to_numpy("float64", na_value=np.nan)
    lvl_ok = (level >= 0) & (level <= 3)
    bad_level = ~np.isnan(level) & ~lvl_ok
    ev.add(
        a,
        bad_level,
        table=table,
        rule="level_range",
        severity="error",
        column="level",
        value=lvl_t,
        expected="0, 1, 2 atau 3",
        reason=_cat("tingkat ", ind_t, " = ", lvl_t, ", harus 0–3"),
        message=_cat("Tingkat ", ind_t, " = ", lvl_t, "; harus 0, 1, 2 atau 3"),
        message_en=_cat("Level of ", ind_t, " = ", lvl_t, "; must be 0–3"),
        todo=_cat("perbaiki tingkat ", ind_t, " (0–3)"),
        kind=kind,
        prio=51,
    )

    usable = known & lvl_ok & ~dup & ~id_dup
    claimed = usable & (level > 0)
    status_codes, status_values = _codes(a["evidence_status"])
    status_pos = {v: i for i, v in enumerate(status_values)}
    for code, sev, rule, what, what_en, todo in (
        ("missing", "error", "evidence_missing", " belum ada", " missing", "lengkapi bukti "),
        (
            "invalid",
            "error",
            "evidence_invalid",
            " tidak valid",
            " invalid",
            "ganti bukti tidak valid ",
        ),
        (
            "pending",
            "warning",
            "evidence_pending",
            " belum diverifikasi",
            " not yet verified",
            "pastikan bukti diverifikasi: ",
        ),
    ):
        ev.add(
            a,
            claimed & (status_codes == status_pos.get(code, -2)),
            table=table,
            rule=rule,
            severity=sev,
            column="evidence_status",
            value=a["evidence"] if code != "missing" else "",
            expected="bukti dukung valid",
            reason=_cat("bukti ", title_t, what),
            message=_cat(
                "Bukti ",
                title_t,
                what,
                " (tingkat ",
                lvl_t,
                " diklaim; tanpa bukti valid = 0 poin)",
            ),
            message_en=_cat(
                "Evidence for ", ind_t, what_en, " (level ", lvl_t, " claimed)"
            ),
            todo=_cat(todo, title_t),
            kind=kind,
            prio=60,
        )
    return usable, (ind_codes, ind_keys)


def _missing_indicators(
    answers: pd.DataFrame, ind: tuple[np.ndarray, np.ndarray], sid_ids: list[str], n: int
) -> pd.Series:
    """Per innovation position 0..n-1: the SID indicators without an answer, ", "-joined.
    ``ind``: ``answers["_ind"]`` factorised (see :func:`_answer_rules`)."""
    out = pd.Series([""] * n, dtype="string")
    if not n or not sid_ids:
        return out
    ind_codes, ind_keys = ind
    col = np.append(pd.Index(sid_ids, dtype=object).get_indexer(ind_keys), -1)[ind_codes]
    known = col >= 0
    mat = np.zeros((n, len(sid_ids)), dtype=bool)
    mat[answers["_i"].to_numpy("int64")[known], col[known]] = True
    # one text per distinct pattern of answered indicators
    if mat.shape[1] <= 62:
        which, _ = pd.factorize(mat @ (np.int64(1) << np.arange(mat.shape[1], dtype=np.int64)))
    else:
        which = np.unique(mat, axis=0, return_inverse=True)[1].ravel()
        which = pd.factorize(which)[0]
    names = np.array(sid_ids, dtype=object)
    texts = np.array([", ".join(names[~p]) for p in mat[_first_rows(which)]], dtype=object)
    return pd.Series(texts[which], dtype="string")


def _decide(
    inv: pd.DataFrame,
    events: pd.DataFrame,
    in_window,
    counted,
    reentry_ok,
    on_time,
    is_dup,
    known_opd,
) -> pd.DataFrame:
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
    kind_codes, kind_names = _codes(events["_kind"])
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
    for c in INNOVATION_COLUMNS[:18]:
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


# ============================================================================ summary and outputs
def summary_lines(review: Review) -> list[str]:
    """The review in a few Indonesian lines (printed by ``iid-analysis validate``)."""
    m, c = review.methodology, review.counts()
    ds_inv = review.dataset.innovations
    try:
        rows_in = int((pd.to_numeric(ds_inv["year"], errors="coerce") == review.year).sum())
    except (KeyError, TypeError):
        rows_in = c["n_submitted"]
    rows_out = int(len(review.innovations))
    stages = ", ".join(_STAGE_TEXT.get(s, s) for s in m.counted_stages)
    n_opd = int(review.innovations["opd_id"].dropna().nunique())
    lines = [
        f"Telaah meja IGA {review.year} (metodologi: {m.title})",
        f"Inovasi masuk: {c['n_submitted']} dari {n_opd} OPD",
        f"Diterapkan dalam jendela waktu ({format_date_id(m.eligible_from)}–"
        f"{format_date_id(m.eligible_to)}): {c['n_in_window']}",
        f"Tahapan yang dihitung ({stages}): {c['n_stage_counted']}",
        f"Memenuhi syarat: {c['n_eligible']}",
        f"Keputusan: lanjut {c['n_lanjut']}, lengkapi {c['n_lengkapi']}, "
        f"tidak lanjut {c['n_tidak_lanjut']}",
        f"Temuan: {c['n_error']} galat, {c['n_warning']} peringatan, {c['n_info']} info",
        f"Jawaban SPD edisi {review.year}: {int(review.region_answers['usable'].sum())} dapat dipakai "
        f"dari {len(m.indicators_of('SPD'))} indikator",
        f"Baris masuk = baris keluar: {rows_in} = {rows_out}",
    ]
    return lines


REVIEW_CSV_COLUMNS: tuple[str, ...] = (
    "innovation_id",
    "opd_id",
    "eligible",
    "decision",
    "reasons",
    "row",
    "name",
    "opd_name",
    "stage",
    "implementation_date",
    "submitted_on",
    "in_window",
    "stage_counted",
    "reentry_ok",
    "on_time",
    "todo",
    "n_errors",
    "n_warnings",
)
FINDINGS_CSV_COLUMNS: tuple[str, ...] = (
    "table",
    "row",
    "column",
    "rule",
    "severity",
    "message",
    "value",
    "expected",
    "message_en",
    "innovation_id",
    "opd_id",
    "file",
)


def review_table(review: Review) -> pd.DataFrame:
    """The rows of ``review.csv`` (design §5 columns first), dates as ISO text."""
    inv = review.innovations.rename(columns={ROW: "row"})
    out = inv[[c for c in REVIEW_CSV_COLUMNS]].copy()
    for c in ("implementation_date", "submitted_on"):
        out[c] = out[c].dt.strftime("%Y-%m-%d").astype("string")
    return out


def write_review_outputs(review: Review, out_dir: Path) -> list[Path]:
    """Write ``review.csv``, ``findings.csv`` (UTF-8) and ``review.xlsx`` into ``out_dir``."""
    from iid_analysis.review.workbook import write_review_xlsx
    from iid_analysis.text.escape import guard_frame

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    p = out_dir / "review.csv"
    guard_frame(review_table(review)).to_csv(p, index=False, encoding="utf-8")
    paths.append(p)
    p = out_dir / "findings.csv"
    guard_frame(review.findings[list(FINDINGS_CSV_COLUMNS)]).to_csv(
        p, index=False, encoding="utf-8"
    )
    paths.append(p)
    paths.append(write_review_xlsx(review, out_dir / "review.xlsx"))
    return paths
