"""Test helpers for scoring: a Review builder from hand-written answers, and a slow oracle.

``make_review`` builds the desk review's own ``Review`` from short hand-written records, computing
``usable`` as the Review contract says. ``oracle_score`` is a plain reference implementation
written straight from iid-reference.md §2–§3: loops over innovations and indicators, exact rational
arithmetic (``fractions.Fraction``, numbers taken as written in the year file) so that it does not
share the fast path's floating-point summation order, and half-up rounding done exactly.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from iid_analysis.io.findings import empty_findings
from iid_analysis.methodology import Methodology, load_methodology
from iid_analysis.methodology.affairs import normalise_affair
from iid_analysis.review.model import Review

INNOVATION_DEFAULTS = {
    "opd_id": "DINKES",
    "opd_name": "Dinas Kesehatan",
    "stage": "penerapan",
    "initiator": "opd",
    "kind": "digital",
    "form": "pelayanan_publik",
    "eligible": True,
    "reasons": "",
}
INELIGIBLE_REASON = "tidak memenuhi syarat waktu penerapan"


def innovations_frame(records: list[dict]) -> pd.DataFrame:
    rows = []
    for i, rec in enumerate(records):
        r = {**INNOVATION_DEFAULTS, **rec}
        r.setdefault("name", f"Inovasi {r.get('innovation_id')}")
        if not r["eligible"] and not r["reasons"]:
            r["reasons"] = INELIGIBLE_REASON
        r["_row"] = i + 2
        rows.append(r)
    cols = ["_row", "innovation_id", "opd_id", "opd_name", "name", "stage", "initiator", "kind",
            "form", "affair", "affairs_other", "eligible", "reasons"]
    df = pd.DataFrame(rows, columns=cols)
    for c in cols:
        if c == "_row":
            df[c] = df[c].astype("int64")
        elif c == "eligible":
            df[c] = df[c].astype(bool)
        else:
            df[c] = df[c].astype("string")
    df["decision"] = pd.array(["lanjut" if e else "tidak_lanjut" for e in df["eligible"]],
                              dtype="string")
    return df


def _answers_frame(rows: list[dict], cols: list[str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=cols)
    df["_row"] = pd.array(range(2, len(df) + 2), dtype="int64")
    df["level"] = pd.array(df["level"].tolist(), dtype="Int64")
    for c in cols:
        if c not in ("_row", "level", "usable"):
            df[c] = df[c].astype("string")
    df["usable"] = df["usable"].astype(bool)
    return df


def make_review(innovations=(), answers=(), region_answers=(), *, year: int = 2021,
                methodology: Methodology | None = None, dataset=None):
    """A Review from hand-written records.

    ``innovations``: dicts with at least ``innovation_id`` (defaults: eligible, DINKES, penerapan;
    ``affair`` and ``affairs_other`` — ``;``-separated — empty unless given).
    ``answers``: tuples ``(innovation_id, indicator_id, level, evidence_status)``.
    ``region_answers``: tuples ``(indicator_id, level, evidence_status)``.
    ``usable`` follows the Review contract: SID indicator known to the methodology, level 0..3,
    first answer of its (innovation, indicator) pair, innovation id present exactly once.
    """
    meth = methodology or load_methodology(year)
    inn = innovations_frame(list(innovations))
    id_counts = inn["innovation_id"].value_counts(dropna=True).to_dict()
    sid_ids = {i.id for i in meth.indicators_of("SID")}
    spd_ids = {i.id for i in meth.indicators_of("SPD")}
    seen: set = set()
    rows = []
    for inn_id, ind, level, status in answers:
        ok = (ind in sid_ids and level is not None and 0 <= level <= 3
              and id_counts.get(inn_id, 0) == 1 and (inn_id, ind) not in seen)
        if ok:
            seen.add((inn_id, ind))
        rows.append({"innovation_id": inn_id, "indicator_id": ind, "level": level,
                     "evidence": None if status in (None, "missing") else f"bukti-{ind}.pdf",
                     "evidence_status": status or "missing", "usable": ok})
    ans = _answers_frame(rows, ["innovation_id", "indicator_id", "level", "evidence",
                                "evidence_status", "usable"])
    seen = set()
    rrows = []
    for ind, level, status in region_answers:
        ok = ind in spd_ids and level is not None and 0 <= level <= 3 and ind not in seen
        if ok:
            seen.add(ind)
        rrows.append({"year": year, "indicator_id": ind, "level": level, "evidence": None,
                      "evidence_status": status or "missing", "usable": ok})
    ra = _answers_frame(rrows, ["year", "indicator_id", "level", "evidence", "evidence_status",
                                "usable"])
    return Review(year=year, methodology=meth, dataset=dataset, innovations=inn, answers=ans,
                      region_answers=ra, findings=empty_findings())


def full_marks(innovation_id: str, methodology: Methodology, status: str = "valid") -> list[tuple]:
    """Level 3 with the given evidence status on every SID indicator of the methodology."""
    return [(innovation_id, i.id, 3, status) for i in methodology.indicators_of("SID")]


# ---------------------------------------------------------------------------- the oracle
def _exact(x) -> Fraction:
    return Fraction(str(x))  # the number as written (0.38 is 19/50, not its binary neighbour)


def _covered_basic_affairs(rows: list[dict], meth: Methodology) -> set:
    """iid-reference §8: the basic-service affairs some scored innovation has as its main affair
    (or, under "main_and_overlapping", also among its ``;``-separated overlapping affairs)."""
    basic = set(meth.basic_affairs)
    covered = set()
    for row in rows:
        texts = [row.get("affair")]
        if meth.affair_coverage == "main_and_overlapping":
            other = row.get("affairs_other")
            texts += str(other).split(";") if isinstance(other, str) else []
        for text in texts:
            name = normalise_affair(text.strip()) if isinstance(text, str) else None
            if name in basic:
                covered.add(name)
    return covered


def oracle_score(review, methodology: Methodology | None = None) -> dict:
    """IID by hand, following iid-reference §2, §3 and §8 (divisor minimum, affair gate, who is
    in n) line by line."""
    meth = methodology or review.methodology
    assert meth.evidence_rule == "valid_only"

    # the first usable answer of each (innovation, indicator) pair
    sid_answers: dict = {}
    for row in review.answers.to_dict("records"):
        if not bool(row["usable"]):
            continue
        key = (row["innovation_id"], row["indicator_id"])
        if key not in sid_answers:
            sid_answers[key] = (int(row["level"]), row["evidence_status"])
    spd_answers: dict = {}
    for row in review.region_answers.to_dict("records"):
        if bool(row["usable"]) and row["indicator_id"] not in spd_answers:
            spd_answers[row["indicator_id"]] = (int(row["level"]), row["evidence_status"])

    # SPD = Σ points of SPD01..SPD15; points = level × weight when the evidence is valid
    spd = Fraction(0)
    for ind in meth.indicators:
        if ind.aspect != "SPD":
            continue
        level, status = spd_answers.get(ind.id, (0, "missing"))
        if status == "valid":
            spd += level * _exact(ind.weight)

    # the innovations the review found eligible; maturity = Σ SID points of each
    maturities: dict = {}
    scored_rows: list[dict] = []
    reported: set = set()
    no_id = 0
    for row in review.innovations.to_dict("records"):
        inn_id = row["innovation_id"]
        if isinstance(inn_id, str) and inn_id.strip():
            reported.add(inn_id)
        else:
            no_id += 1
        if not bool(row["eligible"]):
            continue
        if inn_id in maturities:
            continue
        scored_rows.append(row)
        maturity = Fraction(0)
        for ind in meth.indicators:
            if ind.aspect != "SID":
                continue
            level, status = sid_answers.get((inn_id, ind.id), (0, "missing"))
            if status == "valid":
                maturity += level * _exact(ind.weight)
        maturities[inn_id] = maturity

    # who is in n: the scored innovations, or (alternative) every reported one, rejected ones 0
    n = len(reported) + no_id if meth.n_all_reported else len(maturities)
    divisor = max(meth.divisor_min, n)  # MAX(10, n); 12 in 2026, 14 in 2027
    count_score = _exact(meth.count_score_per_innovation) * min(n, meth.count_score_cap)
    covered = _covered_basic_affairs(scored_rows, meth)
    if meth.basic_affairs_required > 0 and len(covered) < meth.basic_affairs_required:
        count_score = Fraction(0)  # the affair gate (2026: 5 of 6; 2027: 6 of 6)
    sid_sum = sum(maturities.values(), Fraction(0))
    if spd == 0 and sid_sum == 0:  # iid-reference §3: nothing valid → Tidak Dapat Dinilai (total 0)
        count_score = 0
    sid = sid_sum / divisor + count_score
    total = spd + sid
    exact = total / _exact(meth.max_total) * 100
    hundredths = (exact * 100 + Fraction(1, 2)).__floor__()  # two decimals, half up
    iid = Fraction(hundredths, 100)
    pred = None
    for band in meth.bands:
        if _exact(band.low) <= iid <= _exact(band.high):
            pred = band.predicate
            break
    return {
        "spd": float(spd), "sid_sum": float(sid_sum), "sid": float(sid), "n": n,
        "divisor": divisor, "count_score": float(count_score), "total": float(total),
        "iid": float(iid), "predicate": pred, "covered": sorted(covered),
        "maturities": {k: float(v) for k, v in maturities.items()},
    }
