"""The region among its peers: the published results of the same edition (``data/published``).

From ``results.csv`` (one published fact per row) and ``national.csv`` (national participation and
predicate counts): the region's own published result for the edition, the other regions of its
province published for the same edition, and the national figures of the edition (the row of the
region's kind — kota, kabupaten, provinsi — where the source splits by kind, else all regions).
Names are matched case-insensitively after writing "Kab." as "Kabupaten". Every row keeps its
source. Nothing is estimated: an edition without published figures gives empty frames.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from iid_analysis.analyses.published import load_facts, published_dir

__all__ = ["PROVINCE_COLUMNS", "NATIONAL_COLUMNS", "Peers", "normalise_name", "peers"]

PROVINCE_COLUMNS = ["region", "region_kind", "iid", "predicate", "rank", "note", "source"]
NATIONAL_COLUMNS = ["scope", "regions", "innovations", "sangat_inovatif", "inovatif", "kurang_inovatif",
                    "tidak_dapat_dinilai", "mean_iid", "note", "source"]
_NATIONAL_INTS = ("regions", "innovations", "sangat_inovatif", "inovatif", "kurang_inovatif",
                  "tidak_dapat_dinilai")


@dataclass(frozen=True)
class Peers:
    """What is published for the region's edition: its province, the nation, its own result."""

    edition: int
    province: pd.DataFrame  # PROVINCE_COLUMNS: other regions of the same province, same edition
    national: pd.DataFrame  # NATIONAL_COLUMNS: the edition's row for the region's kind (or all regions)
    own: dict | None  # the region's own published result: iid, predicate, rank, note, source (None: none)
    province_name: str = ""  # the region's province ("" when the region is unknown)
    region_name: str = ""
    sources: tuple[str, ...] = field(default=())  # every source cited, in order, once

    @property
    def empty(self) -> bool:
        return self.own is None and self.province.empty and self.national.empty


def normalise_name(name: object) -> str:
    """A region name for matching: "Kab." → "kabupaten", case and spacing folded."""
    s = re.sub(r"\s+", " ", str(name or "")).strip().casefold()
    return re.sub(r"^kab\.?\s+", "kabupaten ", s)


def _facts(folder: Path | None) -> pd.DataFrame:
    rows = [f.__dict__ for f in load_facts(folder)]
    cols = ["region", "province", "region_kind", "edition", "iid", "predicate", "rank", "note", "source"]
    return pd.DataFrame(rows, columns=list(rows[0]) if rows else cols)


def _merge_rows(df: pd.DataFrame) -> dict:
    """Several facts about one region and edition as one: the first published IID, predikat and
    rank; every source, joined."""
    def first(col: str):
        vals = [v for v in df[col] if v is not None and not (isinstance(v, float) and pd.isna(v)) and v != ""]
        return vals[0] if vals else None
    sources = list(dict.fromkeys(str(s) for s in df["source"] if str(s or "").strip()))
    iid, rank = first("iid"), first("rank")
    return {"region": str(df["region"].iloc[0]), "region_kind": str(df["region_kind"].iloc[0]),
            "iid": None if iid is None else float(iid), "predicate": first("predicate") or "",
            "rank": None if rank is None else int(rank),
            "note": first("note") or "", "source": " ; ".join(sources)}


def _national(folder: Path | None, edition: int, kind: str) -> pd.DataFrame:
    path = Path(folder or published_dir()) / "national.csv"
    if not path.exists():
        return pd.DataFrame(columns=NATIONAL_COLUMNS)
    nat = pd.read_csv(path, dtype=str, keep_default_na=False)
    nat = nat[pd.to_numeric(nat["edition"], errors="coerce") == edition]
    counts = ["sangat_inovatif", "inovatif", "kurang_inovatif"]
    has_counts = (nat[counts].apply(lambda r: any(v.strip() for v in r), axis=1).astype(bool) if len(nat)
                  else pd.Series(False, index=nat.index, dtype=bool))
    by_kind = nat[(nat["scope"] == kind) & has_counts] if kind else nat.iloc[0:0]
    rows = by_kind if len(by_kind) else nat[nat["scope"] == "semua"]
    out = rows.reindex(columns=NATIONAL_COLUMNS).reset_index(drop=True)
    for c in _NATIONAL_INTS:
        out[c] = pd.to_numeric(out[c].replace("", None), errors="coerce").astype("Int64")
    out["mean_iid"] = pd.to_numeric(out["mean_iid"].replace("", None), errors="coerce").astype("Float64")
    return out


def peers(region: dict | None, edition: int, folder: Path | None = None) -> Peers:
    """The published peers of ``region`` (``Dataset.region``: name, kind, province) for ``edition``.

    Without a region, only the national figures of the edition are given."""
    edition = int(edition)
    facts = _facts(folder)
    facts = facts[facts["edition"] == edition] if len(facts) else facts
    name = str((region or {}).get("name") or "").strip()
    province = str((region or {}).get("province") or "").strip()
    kind = str((region or {}).get("kind") or "").strip().casefold()
    own = None
    prov = pd.DataFrame(columns=PROVINCE_COLUMNS)
    if name and len(facts):
        key = normalise_name(name)
        mine = facts[facts["region"].map(normalise_name) == key]
        if len(mine):
            own = _merge_rows(mine)
        if province:
            same = facts[(facts["province"].str.strip().str.casefold() == province.casefold())
                         & (facts["region"].map(normalise_name) != key)]
            rows = [_merge_rows(g) for _, g in same.groupby(same["region"].map(normalise_name), sort=False)]
            if rows:
                prov = pd.DataFrame(rows, columns=PROVINCE_COLUMNS)
                prov["iid"] = pd.to_numeric(prov["iid"], errors="coerce").astype("Float64")
                prov["rank"] = pd.to_numeric(prov["rank"], errors="coerce").astype("Int64")
                prov = prov.sort_values(["iid", "region"], ascending=[False, True], na_position="last",
                                        kind="stable").reset_index(drop=True)
    national = _national(folder, edition, kind)
    cited = [own["source"]] if own else []
    cited += list(prov["source"]) + list(national["source"])
    sources = tuple(dict.fromkeys(s for c in cited for s in str(c).split(" ; ") if s.strip()))
    return Peers(edition, prov, national, own, province if name else "", name, sources)
