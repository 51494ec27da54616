"""Findings about single cells and the loader's own findings: required cells left empty, rows of
no edition, and the loader's findings (unreadable cells, empty rows, headers) linked to the
innovation of their row, so that the decision rests on them too.

The base tables carry ``_row``, ``_i`` (the innovation's position, −1 for none), ``_fid`` and
``_fopd`` (the innovation and OPD codes shown with a finding), as :meth:`Events.add` expects.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from iid_analysis.io import schema
from iid_analysis.io.schema import ROW
from iid_analysis.review.distinct import as_text, is_blank
from iid_analysis.review.events import Events
from iid_analysis.review.rules import CELL_RULES, FIX_TODO, emit
from iid_analysis.review.tables import column_label, problem_rows


def add_year_missing(ev: Events, rows: pd.DataFrame, problems: pd.DataFrame, table: str) -> None:
    """Rows of no edition (year empty or unreadable): one finding each, unless the loader already
    reported the year cell."""
    emit(ev, rows, ~rows[ROW].isin(problem_rows(problems, table, "year")), table, "year_missing")


def add_year_unknown(ev: Events, rows: pd.DataFrame, table: str, known: list[int]) -> None:
    """Rows of an edition no methodology file describes: one finding each (in every review)."""
    years = rows["year"]
    unknown = (years.notna() & ~years.isin(known)).fillna(False).to_numpy(bool)
    if not unknown.any():
        return
    base = rows.loc[unknown].copy()
    base["_i"] = -1
    for c, src in (("_fid", "innovation_id"), ("_fopd", "opd_id")):
        base[c] = as_text(base[src]) if src in base else ""
    span = f"{min(known)}–{max(known)}" if known else "-"
    emit(ev, base, np.ones(len(base), bool), table, "year_unknown", value=as_text(base["year"]),
         year=as_text(base["year"]), known=span)


def required_empty(
    ev: Events,
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
            blank[c.name] if blank and c.name in blank else is_blank(base[c.name]).to_numpy(bool)
        )
        reported = problem_rows(problems, table, c.name)
        if len(reported) and empty.any():
            empty = empty & ~base[ROW].isin(reported).to_numpy(bool)
        emit(ev, base, empty, table, "required", column=c.name, label=c.label,
             todo=FIX_TODO.get(c.name), kind=kind, prio=prio)


def attach_problems(
    ev: Events,
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
    fid = as_text(b["_fid"].reindex(p["row"].to_numpy())).to_numpy(object)
    fopd = as_text(b["_fopd"].reindex(p["row"].to_numpy())).to_numpy(object)
    p["innovation_id"] = np.where(
        p["innovation_id"].to_numpy(object) == "", fid, p["innovation_id"].to_numpy(object)
    )
    p["opd_id"] = np.where(p["opd_id"].to_numpy(object) == "", fopd, p["opd_id"].to_numpy(object))
    p["_i"] = i
    # a cell the loader could not read (or a required one left empty) must be fixed, whatever
    # the severity: the decision cannot rest on it
    cell = p["rule"].isin(CELL_RULES).to_numpy(bool) | (p["severity"] == "error").to_numpy(bool)
    p["_kind"] = np.where(cell, "gap", np.where(p["severity"] == "warning", "note", "none"))
    p["_prio"] = prio
    labels = as_text(p["column"].map(lambda c: column_label(table, c).lower() if c else ""))
    required = (p["rule"] == "required").to_numpy(bool)
    p["_reason"] = np.where(required, labels + " kosong", p["message"])
    generic = np.where(
        required,
        "isi " + labels,
        "perbaiki " + labels + np.where(p["expected"] != "", " (" + p["expected"] + ")", ""),
    )
    p["_todo"] = as_text(p["column"].map(FIX_TODO)).mask(
        lambda x: x == "", pd.Series(generic, index=p.index)
    )
    ev.add_frame(p)


def other_loader_problems(ev: Events, problems: pd.DataFrame, inv_all: pd.DataFrame,
                          year_ok: np.ndarray, answers: pd.DataFrame, ans_all: pd.DataFrame,
                          aside: np.ndarray, reg_all: pd.DataFrame) -> None:
    """Every loader finding not yet reported, except those of rows that belong to another edition:
    the OPD and region tables, rows of no edition, orphan answers, header and whole-table
    findings. ``aside``: the rows of ``ans_all`` that belong to another edition."""
    rest = np.ones(len(problems), bool)
    if len(problems):
        other_inv = inv_all["year"].notna().to_numpy(bool) & ~year_ok
        handled = {
            "innovations": inv_all[ROW][year_ok | other_inv],
            "innovation_indicators": pd.concat([answers[ROW], ans_all.loc[aside, ROW]]),
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
