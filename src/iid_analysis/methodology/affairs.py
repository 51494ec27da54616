"""The government affairs (urusan pemerintahan) an innovation may name, and matching free text to them.

The list is data: ``base.toml`` ``[affairs]`` maps each canonical name (UU 23/2014: the six
basic-service affairs, the 18 other obligatory affairs, the 8 optional affairs, plus the
supporting functions regions name as an affair in the IGA form) to its group and its aliases.
Matching folds case, punctuation, spacing and "&" vs "dan", so "Kepemudaan dan Olahraga",
"KEPEMUDAAN & OLAH RAGA" and "Kepemudaan dan Olah Raga" are one affair.

:func:`read_affairs` checks the table (the loader builds ``Methodology.affairs`` with it);
:func:`normalise_affair` and :func:`closest_affairs` use the package's ``base.toml`` unless a
mapping (e.g. ``Methodology.affairs``) is given.
"""

from __future__ import annotations

import difflib
import functools
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

from iid_analysis.methodology.model import MethodologyError

__all__ = [
    "AFFAIR_GROUPS",
    "BASIC_GROUP",
    "affair_group",
    "affair_key",
    "affairs_catalogue",
    "closest_affairs",
    "normalise_affair",
    "read_affairs",
]

#: Groups of ``[affairs]``: obligatory basic services, other obligatory, optional, supporting.
AFFAIR_GROUPS: tuple[str, ...] = ("pelayanan_dasar", "non_pelayanan_dasar", "pilihan", "penunjang")
BASIC_GROUP = "pelayanan_dasar"

_FOLD = re.compile(r"[\W_]+")


def affair_key(text: object) -> str:
    """The matching key of an affair text: lower case, "&" = "dan", no punctuation, no spaces."""
    if text is None or not isinstance(text, str):
        return ""
    return _FOLD.sub("", text.casefold().replace("&", " dan "))


def read_affairs(table: object, where: str) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """Check a raw ``[affairs]`` table: ``(name → aliases in lower case, name → group)``.

    Every entry needs a known group; a name or alias that folds to the key of another affair is
    refused, so matching can never be ambiguous.
    """
    if not isinstance(table, dict) or not table:
        raise MethodologyError(f"{where}: [affairs] tidak ada atau kosong / missing or empty")
    aliases: dict[str, tuple[str, ...]] = {}
    groups: dict[str, str] = {}
    owner: dict[str, str] = {}
    for name, entry in table.items():
        if not isinstance(entry, dict) or entry.get("group") not in AFFAIR_GROUPS:
            raise MethodologyError(
                f"{where}: urusan {name!r} perlu group salah satu {AFFAIR_GROUPS} / needs a known group"
            )
        alias_list = entry.get("aliases", [])
        if not isinstance(alias_list, list) or not all(isinstance(a, str) for a in alias_list):
            raise MethodologyError(f"{where}: urusan {name!r}: aliases harus daftar teks / must be a list of texts")
        for text in (name, *alias_list):
            key = affair_key(text)
            if not key:
                raise MethodologyError(f"{where}: urusan {name!r}: nama kosong / empty name or alias")
            if owner.get(key, name) != name:
                raise MethodologyError(
                    f"{where}: {text!r} cocok dengan dua urusan ({owner[key]}, {name}) / ambiguous alias"
                )
            owner[key] = name
        aliases[str(name)] = tuple(a.casefold() for a in alias_list)
        groups[str(name)] = str(entry["group"])
    return aliases, groups


@functools.cache
def _bundled() -> tuple[tuple[tuple[str, tuple[str, ...]], ...], tuple[tuple[str, str], ...]]:
    path = Path(str(resources.files("iid_analysis.methodology"))) / "base.toml"
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    aliases, groups = read_affairs(raw.get("affairs"), path.name)
    return tuple(aliases.items()), tuple(groups.items())


def affairs_catalogue() -> dict[str, tuple[str, ...]]:
    """The bundled list: canonical name → aliases (lower case), in the file's order."""
    return dict(_bundled()[0])


def affair_group(name: str) -> str | None:
    """The group of a canonical affair name (e.g. ``"pelayanan_dasar"``); None when unknown."""
    return dict(_bundled()[1]).get(name)


@functools.cache
def _index(items: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    index: dict[str, str] = {}
    for name, alias_list in items:
        for text in (name, *alias_list):
            index.setdefault(affair_key(text), name)
    return index


def _items(affairs: Mapping[str, tuple[str, ...]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if affairs is None:
        return _bundled()[0]
    return tuple((str(k), tuple(v)) for k, v in affairs.items())


def normalise_affair(text: object, affairs: Mapping[str, tuple[str, ...]] | None = None) -> str | None:
    """The canonical name ``text`` stands for (by name or alias, folded), or None (empty or unknown)."""
    key = affair_key(text)
    if not key:
        return None
    return _index(_items(affairs)).get(key)


def closest_affairs(text: object, k: int = 3, affairs: Mapping[str, tuple[str, ...]] | None = None) -> list[str]:
    """Up to ``k`` canonical names closest to ``text`` (difflib on the folded names and aliases).

    Meant for a finding on an unknown affair: "did you mean …". Names below a similarity of 0.6
    are left out, so nonsense gets an empty list rather than random suggestions.
    """
    key = affair_key(text)
    if not key or k <= 0:
        return []
    index = _index(_items(affairs))
    out: list[str] = []
    for match in difflib.get_close_matches(key, list(index), n=len(index), cutoff=0.6):
        name = index[match]
        if name not in out:
            out.append(name)
        if len(out) == k:
            break
    return out
