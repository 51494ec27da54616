"""The government affairs of the edition's innovations, normalised to the official list (UU
23/2014, the methodology's ``affairs``): the main affair (``affair``) and the overlapping ones
(``affairs_other``, ``;``-separated).

:func:`affair_rules` gives ``affair_canonical`` (the canonical name or <NA>) and
``affairs_other_canonical`` (the canonical names ``;``-joined, <NA> when none is known) and
reports each affair that matches no official name (``affair_unknown``, naming the closest ones);
nothing is dropped: the affair stays as entered. Each distinct text is matched once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iid_analysis.methodology.affairs import closest_affairs, normalise_affair
from iid_analysis.methodology.model import Methodology
from iid_analysis.review.distinct import factorize
from iid_analysis.review.events import Events
from iid_analysis.review.rules import emit

#: Separator of several affairs in one cell (and of the canonical names in the review).
AFFAIR_SEPARATOR = ";"


def _catalogue(m: Methodology):
    return getattr(m, "affairs", None) or None


def _closest(text: str, affairs) -> str:
    names = closest_affairs(text, 3, affairs)
    return ", ".join(names) if names else "tidak ada yang mirip"


def affair_rules(ev: Events, inv: pd.DataFrame, m: Methodology) -> tuple[pd.Series, pd.Series]:
    """``(affair_canonical, affairs_other_canonical)`` per innovation, with an
    ``affair_unknown`` finding for every affair that is not in the official list."""
    affairs = _catalogue(m)
    # the affair counts for the count score from 2026 (the basic-service gate): fix it first
    kind = "gap" if int(getattr(m, "basic_affairs_required", 0) or 0) > 0 else "note"

    codes, uniq = factorize(inv["affair"].astype("string"))
    canon_u = [normalise_affair(v, affairs) for v in uniq]
    known_u = np.array([c is not None or not str(v).strip() for c, v in zip(canon_u, uniq,
                                                                            strict=True)] + [True])
    main = pd.Series(pd.array([*canon_u, None], dtype="string").take(
        np.where(codes < 0, len(uniq), codes)), index=inv.index)
    unknown = ~known_u[np.where(codes < 0, len(uniq), codes)]
    closest_u = np.array([_closest(v, affairs) if not k else "" for v, k in
                          zip(uniq, known_u[:-1], strict=True)] + [""], dtype=object)
    emit(ev, inv, unknown, "innovations", "affair_unknown", column="affair", value=inv["affair"],
         affair=inv["affair"], closest=closest_u[np.where(codes < 0, len(uniq), codes)], kind=kind)

    o_codes, o_uniq = factorize(inv["affairs_other"].astype("string"))
    joined_u: list[str | None] = []
    bad_u: list[str] = []
    near_u: list[str] = []
    for v in o_uniq:
        names, bad = [], []
        for part in str(v).split(AFFAIR_SEPARATOR):
            if not part.strip():
                continue
            c = normalise_affair(part, affairs)
            if c is None:
                bad.append(part.strip())
            elif c not in names:
                names.append(c)
        joined_u.append(AFFAIR_SEPARATOR.join(names) if names else None)
        bad_u.append("; ".join(bad))
        near_u.append("; ".join(_closest(b, affairs) for b in bad))
    take = np.where(o_codes < 0, len(o_uniq), o_codes)
    other = pd.Series(pd.array([*joined_u, None], dtype="string").take(take), index=inv.index)
    bad_t = np.array([*bad_u, ""], dtype=object)[take]
    emit(ev, inv, bad_t != "", "innovations", "affair_unknown", column="affairs_other",
         value=bad_t, affair=bad_t, closest=np.array([*near_u, ""], dtype=object)[take], kind="note")
    return main, other
