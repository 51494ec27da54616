"""The indicator answers: SID answers of the edition's innovations and SPD answers of the edition.

Each answer is checked (indicator known and of the right aspect, answered once, level 0–3,
evidence for a claimed level); an answer that passes is ``usable`` for scoring. Per innovation:
no SID answer at all, or some SID indicators unanswered; for the edition: no SPD answer at all, or
some SPD indicators unanswered; and answers of an innovation that is not in the data (or not in
the edition the answer names). Answers of a re-entered id are split between its editions by
:mod:`~iid_analysis.review.attribution`.

Empty evidence earns nothing whatever its status says: an answer whose evidence cell is empty
(or a placeholder such as "-") with status ``valid`` or ``pending`` is scored as ``missing``
(``evidence_status``; the status as entered is kept in ``evidence_status_declared``) and a
claimed level gets an ``evidence_empty`` finding.

Answers can be many (400,000 in the benchmark): masks are numpy, per-answer values are looked up
once per distinct indicator or innovation id, and texts are built only for the rows that have a
finding.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iid_analysis.io.schema import ENUMS, ROW
from iid_analysis.methodology.model import Methodology
from iid_analysis.review.attribution import NONE, answer_editions
from iid_analysis.review.cells import add_year_missing, attach_problems, required_empty
from iid_analysis.review.distinct import (
    as_objects,
    as_text,
    factorize,
    first_rows,
    keyed,
    lookup,
)
from iid_analysis.review.events import Events
from iid_analysis.review.placeholders import placeholders
from iid_analysis.review.rules import emit

#: evidence status of a claimed level → the rule it breaks
_EVIDENCE_RULES = (
    ("missing", "evidence_missing"),
    ("invalid", "evidence_invalid"),
    ("pending", "evidence_pending"),
)
#: statuses that claim a document: with an empty evidence cell they count as ``missing``
_CLAIMS_DOCUMENT = ("valid", "pending")


def empty_evidence(evidence: pd.Series) -> np.ndarray:
    """True where the evidence cell is empty or a placeholder (once per distinct text)."""
    codes, uniq = factorize(evidence.astype("string"))
    blank_u = np.append(placeholders(uniq), True)
    return blank_u[np.where(codes < 0, len(uniq), codes)]


def scored_status(a: pd.DataFrame) -> tuple[pd.Series, np.ndarray]:
    """The evidence status scoring reads (``missing`` where a document is claimed but the
    evidence cell is empty) and where that replaced the declared status."""
    declared = a["evidence_status"].astype("string")
    replaced = empty_evidence(a["evidence"]) & declared.isin(_CLAIMS_DOCUMENT).fillna(False).to_numpy(bool)
    if not replaced.any():
        return declared, replaced
    return declared.mask(pd.Series(replaced, index=a.index), "missing"), replaced


def answer_rules(
    ev: Events,
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

    ``pair_codes``: ``a["_pair"]`` factorised (−1 for <NA>), when the caller has it.
    """
    other = "SPD" if aspect == "SID" else "SID"
    a["_ind"], ind_codes, ind_keys = keyed(a["indicator_id"], upper=True)
    ind_take = np.where(ind_codes < 0, len(ind_keys), ind_codes)
    aspects = {i.id: i.aspect for i in m.indicators}
    names = {i.id: i.name for i in m.indicators}
    asp = np.array([aspects.get(k, "") for k in ind_keys] + [""], dtype=object)  # per key
    has_ind = ind_codes >= 0
    known = (asp == aspect)[ind_take]
    wrong = (asp == other)[ind_take]
    unknown = has_ind & (asp == "")[ind_take]
    kind = "gap" if aspect == "SID" else "none"  # SPD answers belong to no innovation
    ids = [i.id for i in m.indicators_of(aspect)]
    rng = f"{ids[0]}–{ids[-1]}" if ids else aspect

    # texts per answer (object arrays, one value per row of ``a``), built once per distinct value
    ind_t = np.append(ind_keys, "").astype(object)[ind_take]
    titles = [(k + " " + names.get(k, "")).strip() for k in ind_keys]
    title_t = np.array([*titles, ""], dtype=object)[ind_take]
    lvl_t = as_objects(a["level"])

    required_empty(
        ev, a, table, problems, prio=51, kind=kind, only=["indicator_id", "level"],
        blank={"indicator_id": ind_codes < 0},
    )
    attach_problems(ev, problems, table, a, prio=51, attach=(aspect == "SID"))
    emit(ev, a, unknown, table, "indicator_unknown", value=ind_t, kind=kind,
         indicator=ind_t, edition=m.year, range=rng)
    where_text = "indikator daerah (SPD)" if other == "SPD" else "indikator inovasi (SID)"
    emit(ev, a, wrong, table, "indicator_aspect", value=ind_t, kind=kind,
         indicator=ind_t, other_text=where_text, other=other, aspect=aspect, range=rng)

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
        first = first_rows(pairs)  # first answer of each pair
        d = first[pairs] != np.arange(len(pairs))
        dup[sel[d]] = True
        if d.any():
            rows = a[ROW].iloc[sel[first[pairs[d]]]]
            first_row.loc[a.index[sel[d]]] = as_objects(rows)
    emit(ev, a, dup, table, "answer_duplicate", value=ind_t, kind=kind,
         indicator=ind_t, first_row=first_row)

    level = a["level"].astype("Float64").to_numpy("float64", na_value=np.nan)
    lvl_ok = (level >= 0) & (level <= 3)
    bad_level = ~np.isnan(level) & ~lvl_ok
    emit(ev, a, bad_level, table, "level_range", value=lvl_t, kind=kind,
         indicator=ind_t, level=lvl_t)

    usable = known & lvl_ok & ~dup & ~id_dup
    claimed = usable & (level > 0)
    status, replaced = scored_status(a)
    declared = a["evidence_status"].astype("string")
    a["evidence_status_declared"] = declared
    a["evidence_status"] = status
    status_codes, status_values = factorize(declared)
    status_pos = {v: i for i, v in enumerate(status_values)}
    emit(ev, a, claimed & replaced, table, "evidence_empty", value="", kind=kind,
         indicator=ind_t, title=title_t, level=lvl_t, status=_status_labels(declared),
         status_code=declared)
    for code_status, code in _EVIDENCE_RULES:
        emit(ev, a, claimed & ~replaced & (status_codes == status_pos.get(code_status, -2)), table,
             code, value=a["evidence"] if code_status != "missing" else "", kind=kind,
             indicator=ind_t, title=title_t, level=lvl_t)
    return usable, (ind_codes, ind_keys)


def _status_labels(declared: pd.Series) -> pd.Series:
    return declared.map(ENUMS["evidence_status"]).astype("string")


def missing_indicators(
    answers: pd.DataFrame, ind: tuple[np.ndarray, np.ndarray], sid_ids: list[str], n: int
) -> pd.Series:
    """Per innovation position 0..n-1: the SID indicators without an answer, ", "-joined.
    ``ind``: ``answers["_ind"]`` factorised (see :func:`answer_rules`)."""
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
    texts = np.array([", ".join(names[~p]) for p in mat[first_rows(which)]], dtype=object)
    return pd.Series(texts[which], dtype="string")


def sid_answer_rules(ev: Events, inv: pd.DataFrame, ans_all: pd.DataFrame, a_codes: np.ndarray,
                     a_keys: np.ndarray, all_ids: pd.Series, dup_ids: pd.Index, m: Methodology,
                     problems: pd.DataFrame, inv_all: pd.DataFrame, year: int):
    """SID answers of the edition's innovations, answers of no innovation (or of no edition),
    innovations with no or some SID answers. Returns (the edition's answers, which of them are
    usable, which rows of ``ans_all`` belong to another edition, the edition of every row of
    ``ans_all``)."""
    n = len(inv)
    a_take = np.where(a_codes < 0, len(a_keys), a_codes)  # <NA> → the extra last entry
    edition = answer_editions(ans_all, a_codes, a_keys, inv_all, all_ids)
    ed_first = inv.loc[inv["_id"].notna() & ~inv["_id"].duplicated()]
    found = pd.Index(ed_first["_id"].to_numpy(dtype=object)).get_indexer(a_keys)
    i_of_key = lookup(ed_first["_i"].to_numpy("int64"), found, -1)
    opd_of_key = lookup(ed_first["_fopd"].to_numpy(dtype=object), found, "")
    in_edition = i_of_key[a_take] >= 0
    belongs = in_edition & (edition == year)
    answers = ans_all.copy(deep=False) if belongs.all() else ans_all.loc[belongs]
    answers = answers.reset_index(drop=True)
    sid_take = a_take[belongs]
    answers["_i"] = i_of_key[sid_take]
    answers["_fid"] = answers["_id"]  # never <NA> here
    answers["_fopd"] = pd.array(opd_of_key[sid_take], dtype="string")
    answers["_pair"] = answers["_id"]
    dup_key = np.append(pd.Index(a_keys).isin(dup_ids), False)
    sid_usable, sid_ind = answer_rules(
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
    known_key = np.append(pd.Index(a_keys).isin(all_ids.dropna()), False)[a_take]
    orphan = ~belongs & ~known_key
    orph = ans_all.loc[orphan].copy()
    orph["_i"], orph["_fid"], orph["_fopd"] = -1, as_text(orph["_id"]), ""
    orph_known = orph["_id"].notna().to_numpy(bool)
    emit(ev, orph, orph_known, "innovation_indicators", "innovation_unknown", value=orph["_fid"],
         id=orph["_fid"])
    required_empty(ev, orph, "innovation_indicators", problems, prio=51, only=["innovation_id"])
    # answers of a known id: of no edition, or naming this edition the id was not entered in
    stray = known_key & ~belongs & ((edition == NONE) | (edition == year))
    st = ans_all.loc[stray].copy()
    st["_i"], st["_fid"], st["_fopd"] = -1, as_text(st["_id"]), ""
    no_ed = (edition[stray] == NONE)
    emit(ev, st, no_ed, "innovation_indicators", "answer_no_edition", value=st["_fid"],
         id=st["_fid"])
    emit(ev, st, ~no_ed, "innovation_indicators", "innovation_not_in_edition", value=str(year),
         id=st["_fid"], year=year)
    aside = known_key & ~belongs & (edition != NONE) & (edition != year)

    # innovations without any SID answer; SID indicators not answered (info)
    has_any = np.bincount(answers["_i"].to_numpy("int64"), minlength=n)[:n] > 0
    ident = inv["_id"].notna().to_numpy(bool)
    sid_ids = [i.id for i in m.indicators_of("SID")]
    sid_range = f"{sid_ids[0]}–{sid_ids[-1]}" if sid_ids else "SID"
    emit(ev, inv, ident & ~has_any, "innovations", "sid_none", value=inv["_fid"],
         id=inv["_fid"], range=sid_range)
    missing_txt = missing_indicators(answers, sid_ind, sid_ids, n)
    some_missing = has_any & (missing_txt != "").to_numpy(bool)
    emit(ev, inv, some_missing, "innovations", "sid_incomplete", value=missing_txt,
         missing=missing_txt, range=sid_range)
    return answers, sid_usable, aside, edition


def spd_answer_rules(ev: Events, reg_all: pd.DataFrame, m: Methodology, year: int,
                     problems: pd.DataFrame):
    """SPD answers of the edition, SPD indicators not answered, region rows of no edition.
    Returns (the edition's region answers, which of them are usable)."""
    reg_year_ok = (reg_all["year"] == year).fillna(False).to_numpy(bool)
    region = reg_all.loc[reg_year_ok].reset_index(drop=True)
    region["_i"], region["_fid"], region["_fopd"] = -1, "", ""
    region["_pair"] = pd.Series(str(year), index=region.index, dtype="string")
    spd_usable, _ = answer_rules(
        ev, region, "region_indicators", "SPD", m, problems, id_dup=np.zeros(len(region), bool)
    )
    spd_ids = [i.id for i in m.indicators_of("SPD")]
    table_base = pd.DataFrame(
        {ROW: pd.array([pd.NA], dtype="Int64"), "_i": [-1], "_fid": [""], "_fopd": [""]}
    )
    if len(region) == 0:
        emit(ev, table_base, [True], "region_indicators", "spd_none", row=False, year=year,
             first=spd_ids[0] if spd_ids else "SPD", last=spd_ids[-1] if spd_ids else "")
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
            emit(ev, mb, np.ones(len(miss), bool), "region_indicators", "spd_missing",
                 value=ids, row=False, id=ids, name=names, year=year)
    no_year_r = reg_all.loc[reg_all["year"].isna().to_numpy(bool)].copy()
    no_year_r["_i"], no_year_r["_fid"], no_year_r["_fopd"] = -1, "", ""
    add_year_missing(ev, no_year_r, problems, "region_indicators")
    return region, spd_usable
