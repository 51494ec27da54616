"""Who entered what: the OPD table's codes, the edition's innovations with their keys and OPD,
duplicate innovation ids (within the edition), unknown or inactive OPD, rows of no edition, and
the same innovation entered twice (same name and OPD).

An id is unique within an edition. The same id in another edition is a re-entry of the same
innovation, never a duplicate: it must not change the other edition's result. Re-entries are
counted from the data (:func:`earlier_entries`) for rows whose ``previous_entries`` is empty.

Keys are the codes stripped (OPD codes also upper-cased), worked on once per distinct value
(:mod:`~iid_analysis.review.distinct`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iid_analysis.io.schema import ROW
from iid_analysis.review.cells import add_year_missing, attach_problems, required_empty
from iid_analysis.review.distinct import (
    as_objects,
    as_text,
    factorize,
    first_rows,
    key,
    map_values,
    per_value,
)
from iid_analysis.review.events import Events
from iid_analysis.review.rules import emit


def opd_rules(ev: Events, opd: pd.DataFrame, problems: pd.DataFrame) -> pd.DataFrame:
    """OPD table: required cells, duplicate codes. Returns the first row of each OPD code, by code."""
    opd["_key"] = key(opd["opd_id"], upper=True)
    opd["_i"], opd["_fid"], opd["_fopd"] = -1, "", as_text(opd["opd_id"]).str.strip()
    opd_first = opd.loc[opd["_key"].notna() & ~opd["_key"].duplicated()].set_index("_key")
    required_empty(ev, opd, "opd", problems, prio=11)
    dup_opd = opd["_key"].notna() & opd["_key"].duplicated()
    emit(ev, opd, dup_opd, "opd", "duplicate_id", value=opd["opd_id"],
         opd=opd["_fopd"], first_row=opd["_key"].map(opd_first[ROW]))
    return opd_first


def edition_innovations(inv_all: pd.DataFrame, opd_first: pd.DataFrame, year: int):
    """The innovations of edition ``year`` with their keys and OPD look-ups; also the OPD key per
    row, whether that OPD is known, and which rows of ``inv_all`` are of the edition."""
    year_ok = (inv_all["year"] == year).fillna(False).to_numpy(bool)
    inv = inv_all.loc[year_ok].reset_index(drop=True)
    n = len(inv)
    inv["_i"] = np.arange(n, dtype="int64")
    inv["_id"] = key(inv["innovation_id"])
    opd_key = key(inv["opd_id"], upper=True)
    known_opd = opd_key.isin(opd_first.index).to_numpy(bool)
    inv["_fid"] = as_text(inv["_id"])
    canon_opd = map_values(opd_key, opd_first["opd_id"]).astype("string")
    inv["_fopd"] = as_text(canon_opd.fillna(key(inv["opd_id"]))).str.strip()
    inv["opd_name"] = map_values(opd_key, opd_first["name"]).astype("string")
    return inv, opd_key, known_opd, year_ok


def identity_rules(ev: Events, inv: pd.DataFrame, inv_all: pd.DataFrame, opd_key: pd.Series,
                   known_opd: np.ndarray, opd_first: pd.DataFrame, problems: pd.DataFrame,
                   year: int):
    """Rows of no edition, duplicate innovation ids within the edition, required cells and loader
    problems, unknown or inactive OPD. Returns (is_dup per row, every row's id key, the keys used
    more than once in the edition)."""
    # rows of no edition (year empty or unreadable) are reported in every review, never lost
    no_year = inv_all.loc[inv_all["year"].isna().to_numpy(bool)].copy()
    no_year["_i"], no_year["_fid"] = -1, as_text(key(no_year["innovation_id"]))
    no_year["_fopd"] = as_text(key(no_year["opd_id"]))
    add_year_missing(ev, no_year, problems, "innovations")

    # innovation ids used more than once in the edition (another edition's use is a re-entry)
    all_ids = key(inv_all["innovation_id"])
    id_counts = inv["_id"].value_counts()
    dup_ids = id_counts.index[id_counts > 1]
    is_dup = inv["_id"].isin(dup_ids).to_numpy(bool)
    if is_dup.any():
        dup_rows = (
            inv.loc[is_dup, ROW]
            .astype("string")
            .groupby(inv["_id"][is_dup])
            .agg(", ".join)
        )
        rows_txt = inv["_id"].map(dup_rows)
    else:
        rows_txt = pd.Series("", index=inv.index, dtype="string")
    fid, fopd = inv["_fid"], inv["_fopd"]
    emit(ev, inv, is_dup, "innovations", "duplicate_id", value=fid, id=fid, rows=rows_txt)

    # required cells, loader problems
    required_empty(ev, inv, "innovations", problems, prio=11, kind="gap")
    attach_problems(ev, problems, "innovations", inv, prio=12)

    # references: OPD
    has_opd = opd_key.notna().to_numpy(bool)
    emit(ev, inv, has_opd & ~known_opd, "innovations", "opd_unknown", value=fopd, opd=fopd)
    act_from = map_values(opd_key, opd_first["active_from"]).astype("Float64")
    act_to = map_values(opd_key, opd_first["active_to"]).astype("Float64")
    inactive = known_opd & (
        (act_from > year).fillna(False) | (act_to < year).fillna(False)
    ).to_numpy(bool)
    a_from, a_to = as_text(act_from.astype("Int64")), as_text(act_to.astype("Int64"))
    span = pd.Series(
        np.where(
            a_from == "",
            "sampai " + a_to,
            np.where(a_to == "", "sejak " + a_from, a_from + "–" + a_to),
        ),
        index=inv.index,
        dtype="string",
    )
    emit(ev, inv, inactive, "innovations", "opd_inactive", value=fopd, opd=fopd, year=year,
         span=span)
    return is_dup, all_ids, dup_ids



def earlier_entries(inv: pd.DataFrame, inv_all: pd.DataFrame, all_ids: pd.Series,
                    year: int) -> pd.Series:
    """Per innovation of the edition: in how many earlier editions of the data its id was entered
    (``Int64``; 0 when never)."""
    years = inv_all["year"]
    earlier = (years < year).fillna(False).to_numpy(bool) & all_ids.notna().to_numpy(bool)
    if not earlier.any():
        return pd.Series(np.zeros(len(inv), dtype="int64"), index=inv.index).astype("Int64")
    pairs = pd.DataFrame({"id": all_ids[earlier].to_numpy(object),
                          "year": years[earlier].to_numpy("int64")}).drop_duplicates()
    per_id = pairs.groupby("id").size()
    got = map_values(inv["_id"], per_id).astype("Float64").fillna(0)
    return got.astype("Int64")


def duplicate_name_rule(ev: Events, inv: pd.DataFrame, opd_key: pd.Series) -> None:
    """The same name and OPD twice in the edition."""
    n = len(inv)
    # same name and OPD twice in the edition
    # (key: name stripped and lower-cased, with the OPD key; per distinct value)
    name_codes, names_u = factorize(
        pd.Series(per_value(inv["name"], lambda u: u.str.strip().str.lower()), dtype="string")
    )
    named_u = np.append(names_u != "", False)  # <NA> or empty: no name
    opd_codes, opds_u = factorize(opd_key)
    named = named_u[name_codes] & (opd_codes >= 0)
    dup_name = np.zeros(n, bool)
    first_of = pd.Series("", index=inv.index, dtype="string")
    sel = np.flatnonzero(named)
    if len(sel):
        pairs, _ = pd.factorize(name_codes[sel] * (len(opds_u) + 1) + opd_codes[sel])
        first = first_rows(pairs)  # the first row with that name and OPD
        d = first[pairs] != np.arange(len(sel))
        dup_name[sel[d]] = True
        if d.any():
            first_of.iloc[sel[d]] = as_objects(inv[ROW].iloc[sel[first[pairs[d]]]])
    emit(ev, inv, dup_name, "innovations", "duplicate_name", value=inv["name"],
         first_row=first_of)
