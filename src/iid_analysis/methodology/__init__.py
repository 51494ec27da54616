"""Methodology is data: ``base.toml`` (the indicator catalogue and shared defaults) plus one
``<year>.toml`` per IID edition, loaded into a :class:`Methodology`.

Every number in the files is a table ``{value, status, source}`` where ``status`` is
``"official"``, ``"reported"`` or ``"assumed"``. :meth:`Methodology.assumptions` lists the
assumed ones and :meth:`Methodology.reported` the reported ones, so every report can say what
it rests on. The objects live in :mod:`.model`, the reading in :mod:`.loader`, the list of
government affairs and matching free text to it in :mod:`.affairs`; docs/methodology.md
describes the method edition by edition.
"""

from iid_analysis.methodology.affairs import closest_affairs, normalise_affair
from iid_analysis.methodology.loader import available_years, load_methodology
from iid_analysis.methodology.model import (
    PREDICATES,
    STATUSES,
    Alternative,
    Band,
    Indicator,
    Methodology,
    MethodologyError,
    Number,
    round_score,
    round_scores,
)

__all__ = [
    "round_score",
    "round_scores",
    "Alternative",
    "Band",
    "Indicator",
    "Methodology",
    "MethodologyError",
    "Number",
    "PREDICATES",
    "STATUSES",
    "available_years",
    "closest_affairs",
    "normalise_affair",
    "load_methodology",
]
