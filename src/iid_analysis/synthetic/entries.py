"""New entries of an edition: one innovation per (OPD, entry category), drawn from the catalogue.

An entry's category says where its dates fall: applied within the edition's eligibility window
(:data:`IN_WINDOW`), applied before it, applied after it, still in trial (uji coba), still an
idea (inisiatif), or applied before the window and developed further inside it
(:data:`DEVELOPED`, eligible from 2024). Dates are day numbers since :data:`EPOCH` (:data:`NO_DATE`: none) until the raw
tables write them as ISO dates. Names, profiles and results are put together from the domain's
words; names are unique within a region when asked.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from iid_analysis.io import schema
from iid_analysis.methodology.model import Methodology
from iid_analysis.synthetic.catalogue import (
    ACRONYMS,
    BENEFITS,
    COMMUNITY_QUALIFIERS,
    DOMAINS,
    MECHANISMS,
    MONTHS,
    OFFICE_DOMAINS,
    QUALIFIERS,
    SHORT_TEXTS,
)

__all__ = [
    "AFTER",
    "BEFORE",
    "DEVELOPED",
    "ENTRY_COLUMNS",
    "EPOCH",
    "IDEA",
    "IN_WINDOW",
    "NO_DATE",
    "TRIAL",
    "day",
    "new_entries",
    "result_texts",
    "submitted_days",
]

EPOCH = dt.date(1970, 1, 1)
NO_DATE = -1  # "no date" in the internal day-number arrays
IN_WINDOW, BEFORE, AFTER, TRIAL, IDEA, DEVELOPED = range(6)  # entry categories

_INITIATORS = ("opd", "asn", "kepala_daerah", "masyarakat", "anggota_dprd")
_INITIATOR_P = np.array([0.45, 0.2, 0.15, 0.15, 0.05])
_FORMS = ("tata_kelola", "pelayanan_publik", "urusan_lainnya")

ENTRY_COLUMNS = ("innovation_id", "opd", "name", "stage", "initiator", "kind", "form", "affair",
                 "trial", "impl", "dev", "submitted", "prev", "design", "goal", "benefit", "result",
                 "quality", "gaps", "lineage", "domain", "target", "problem", "goal_word")


def day(d: dt.date) -> int:
    """A date as its day number since :data:`EPOCH`."""
    return (d - EPOCH).days


def submitted_days(rng: np.random.Generator, meth: Methodology, n: int) -> np.ndarray:
    """Submission days: a few early, a rush in the three weeks before the deadline, a few late."""
    opens, closes = day(meth.input_opens), day(meth.input_closes)
    rush = max(opens, closes - 21)
    ext = day(meth.input_extended_to) if meth.input_extended_to else None
    seg = rng.choice(3, size=n, p=[0.33, 0.55, 0.12] if ext else [0.35, 0.65, 0.0])
    u = rng.random(n)
    lo = np.select([seg == 0, seg == 1], [opens, rush], closes + 1)
    hi = np.select([seg == 0, seg == 1], [rush - 1, closes], ext if ext else closes)
    hi = np.maximum(hi, lo)
    return (lo + np.floor(u * (hi - lo + 1))).astype(np.int64)


def new_entries(rng: np.random.Generator, year: int, meth: Methodology, mean_quality: float,
                gap_share: float, units: pd.DataFrame, cats: np.ndarray, names: set[str], *,
                unique: bool) -> pd.DataFrame:
    """New innovations, one per row of ``units`` (the OPD) and ``cats`` (entry category).

    From the edition's plan: ``mean_quality``, the mean maturity (0..1) of applied innovations, and
    ``gap_share``, the share of innovations with evidence gaps."""
    n = len(cats)
    e_from, e_to = day(meth.eligible_from), day(meth.eligible_to)
    sub = submitted_days(rng, meth, n)

    u = rng.random((n, 3))
    impl = np.full(n, NO_DATE, dtype=np.int64)
    m = cats == IN_WINDOW
    impl[m] = e_from + np.floor(u[m, 0] * (e_to - e_from + 1)).astype(np.int64)
    m = (cats == BEFORE) | (cats == DEVELOPED)
    impl[m] = e_from - 1 - np.floor(u[m, 0] * 3 * 365).astype(np.int64)
    dev = np.full(n, NO_DATE, dtype=np.int64)
    m = cats == DEVELOPED  # developed further inside the window, at least two weeks before entry
    dev_hi = np.maximum(np.minimum(sub[m] - 14, e_to), e_from)
    dev[m] = e_from + np.floor(u[m, 1] * (dev_hi - e_from + 1)).astype(np.int64)
    m = cats == AFTER
    hi = np.maximum(sub[m] - 14, e_to + 1)
    impl[m] = e_to + 1 + np.floor(u[m, 0] * (hi - e_to)).astype(np.int64)
    trial = np.full(n, NO_DATE, dtype=np.int64)
    applied = impl != NO_DATE
    with_trial = applied & (u[:, 1] < 0.6)
    trial[with_trial] = impl[with_trial] - 60 - np.floor(u[with_trial, 2] * 240).astype(np.int64)
    m = cats == TRIAL
    trial[m] = sub[m] - 20 - np.floor(u[m, 2] * 280).astype(np.int64)

    stage = np.where(applied, "penerapan", np.where(cats == TRIAL, "uji_coba", "inisiatif"))
    doms = [DOMAINS[d] for d in units["domain"]]
    r = rng.random((n, 8))
    digital = r[:, 0] < np.array([d.digital for d in doms])
    fcum = np.cumsum(np.array([d.form for d in doms]), axis=1)
    form = np.array(_FORMS)[(r[:, [1]] > fcum[:, :2]).sum(axis=1)]
    initiator = np.array(_INITIATORS)[rng.choice(len(_INITIATORS), size=n, p=_INITIATOR_P)]
    affair = [a[int(x * len(a))] for a, x in zip(units["affairs"], r[:, 2], strict=True)]

    base = np.clip(mean_quality + rng.normal(0.0, 0.12, n), 0.05, 0.95)
    quality = np.where(applied, base, np.where(cats == TRIAL, 0.6 * base, 0.35 * base))
    gap_p = np.where(applied, gap_share, np.minimum(1.3 * gap_share, 0.9))
    gaps = r[:, 3] < gap_p

    pick = rng.random((n, 10))
    dkeys = units["domain"].to_numpy()
    name = [_name(d, dig, row) for d, dig, row in zip(dkeys, digital, pick, strict=True)]
    if unique:
        for i in range(n):
            tries = 0
            while (name[i] in names or _repeats_word(name[i])) and tries < 60:
                name[i] = _name(dkeys[i], digital[i], rng.random(4))
                tries += 1
            names.add(name[i])

    tgt = [d.targets[int(x * len(d.targets))] for d, x in zip(doms, pick[:, 5], strict=True)]
    prob = [d.problems[int(x * len(d.problems))] for d, x in zip(doms, pick[:, 6], strict=True)]
    goal = [d.goals[int(x * len(d.goals))] for d, x in zip(doms, pick[:, 7], strict=True)]
    mech = [MECHANISMS[bool(dg)][int(x * 3)].format(target=t)
            for dg, x, t in zip(digital, pick[:, 8], tgt, strict=True)]
    what = np.where(digital, "layanan berbasis teknologi informasi", "gerakan layanan langsung")
    design = [f"{nm} adalah {w} yang dikembangkan {o} untuk mengatasi {p}. {mc}"
              for nm, w, o, p, mc in zip(name, what, units["name"], prob, mech, strict=True)]
    goal_txt = [f"Meningkatkan {g} bagi {t} di Kota Pekalongan." if x < 0.6
                else f"Mengatasi {p} dan meningkatkan {g}."
                for g, t, p, x in zip(goal, tgt, prob, pick[:, 9], strict=True)]
    benefit = [BENEFITS[int(x * 3)].format(Target=t[0].upper() + t[1:], goal=g)
               for t, g, x in zip(tgt, goal, r[:, 4], strict=True)]

    ed = pd.DataFrame({
        "innovation_id": "", "opd": units["opd_id"].to_numpy(), "name": name, "stage": stage, "initiator": initiator,
        "kind": np.where(digital, "digital", "non_digital"), "form": form, "affair": affair,
        "trial": trial, "impl": impl, "dev": dev, "submitted": sub, "prev": np.zeros(n, dtype=int),
        "design": design, "goal": goal_txt, "benefit": benefit, "result": "",
        "quality": quality, "gaps": gaps, "lineage": "",
        "domain": units["domain"].to_numpy(), "target": tgt, "problem": prob, "goal_word": goal,
    })
    ed["result"] = result_texts(rng, ed, year)

    # a few profiles left empty or very short (only where the evidence has gaps too)
    thin = gaps & (r[:, 5] < 0.4)
    cols = np.array(schema.PROFILE_COLUMNS)
    which = cols[np.floor(r[:, 6] * len(cols)).astype(int)]
    short = np.array(SHORT_TEXTS)[np.floor(r[:, 7] * len(SHORT_TEXTS)).astype(int)]
    for c in cols:
        m = thin & (which == c)
        ed.loc[m, c] = np.where(r[m, 4] < 0.5, "", short[m])
    return ed


def _words(domain: str, digital: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Cores and qualifiers that fit a domain and a kind (digital or not)."""
    key = (domain, digital)
    if key not in _WORDS:
        drop = "~" if digital else "*"
        cores = tuple(c.rstrip("*~") for c in DOMAINS[domain].cores if not c.endswith(drop))
        if digital or domain in OFFICE_DOMAINS:
            quals = QUALIFIERS[digital]
        else:
            quals = COMMUNITY_QUALIFIERS
        _WORDS[key] = (cores, quals)
    return _WORDS[key]


_WORDS: dict[tuple[str, bool], tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _name(domain: str, digital: bool, x: np.ndarray) -> str:
    cores, quals = _words(domain, bool(digital))
    core = cores[int(x[0] * len(cores))]
    acr = ACRONYMS[bool(digital)][int(x[1] * len(ACRONYMS[bool(digital)]))]
    qual = quals[int(x[2] * len(quals))]
    if x[3] < 0.35:
        return f"{acr} {core} {qual}"
    if x[3] < 0.6:
        return f"{acr} {core}"
    return f"{core} {qual}"


def _repeats_word(name: str) -> bool:
    words = [w.lower() for w in name.split()]
    return len(words) != len(set(words))


def result_texts(rng: np.random.Generator, ed: pd.DataFrame, year: int) -> list[str]:
    """The 'hasil' narrative, by stage."""
    n = len(ed)
    x = rng.random((n, 4))
    out = []
    for i, (stage, impl, trial, name) in enumerate(
        zip(ed["stage"], ed["impl"], ed["trial"], ed["name"], strict=True)
    ):
        users = f"{int(50 + x[i, 0] * 4950):,}".replace(",", ".")  # Indonesian thousands
        pct = int(8 + x[i, 1] * 52)
        if stage == "penerapan":
            d = EPOCH + dt.timedelta(days=int(impl))
            out.append(f"Sejak diterapkan pada {MONTHS[d.month - 1]} {d.year}, {name} dimanfaatkan "
                       f"{users} pengguna dan capaian layanan membaik {pct}% dibanding sebelumnya.")
        elif stage == "uji_coba":
            d = EPOCH + dt.timedelta(days=int(trial))
            k = 1 + int(x[i, 2] * 6)
            out.append(f"Uji coba sejak {MONTHS[d.month - 1]} {d.year} di {k} kelurahan menjangkau "
                       f"{users} warga; hasil awal menunjukkan perbaikan layanan.")
        else:
            out.append(f"Masih tahap perancangan; uji coba direncanakan pada {year + 1}.")
    return out
