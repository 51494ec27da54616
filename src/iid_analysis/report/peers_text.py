"""The section "Posisi di antara daerah lain" of the IGA report: the region's own published result,
the published results of its province and the national predicate counts of the same edition, each
with its source (from :class:`iid_analysis.analyses.peers.Peers`, ``a.peers``).

Silent — an empty text, so no heading — when the region is unknown; one sentence when the region is
known but nothing is published for its province or the edition.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd

from iid_analysis.report.prose import listing, paragraphs
from iid_analysis.text import fmt
from iid_analysis.text.escape import md_text

__all__ = ["MAX_PEERS", "peers_markdown", "source_label"]

MAX_PEERS = 10  # province rows shown; the rest are named in a sentence
_COUNTS = (("sangat_inovatif", "Sangat Inovatif"), ("inovatif", "Inovatif"),
           ("kurang_inovatif", "Kurang Inovatif"), ("tidak_dapat_dinilai", "Tidak Dapat Dinilai"))
_SCOPES = {"kota": "kota", "kabupaten": "kabupaten", "provinsi": "provinsi"}


def source_label(source: object) -> str:
    """A short, escaped name for a source: the site of an address, else the text as given."""
    parts = [p.strip() for p in str(source or "").split(" ; ") if p.strip()]
    out = []
    for p in parts:
        host = urlparse(p).netloc if p.startswith(("http://", "https://")) else ""
        out.append(host.removeprefix("www.") if host else p)
    return md_text("; ".join(dict.fromkeys(out)))


def _own(peers, result, synthetic: bool) -> str:
    own = peers.own
    if not own:
        return (f"Hasil resmi {md_text(peers.region_name)} untuk edisi {peers.edition} belum ditemukan "
                f"dalam sumber terbitan yang ditelusuri.")
    bits = []
    if own.get("iid") is not None:
        bits.append(f"IID {fmt.num(own['iid'])}")
    if own.get("predicate"):
        bits.append(f"predikat {own['predicate']}")
    if own.get("rank") is not None:
        bits.append(f"peringkat {fmt.integer(own['rank'])}")
    if not bits:
        return (f"Untuk {md_text(own['region'])} edisi {peers.edition} belum ada IID atau predikat terbit "
                f"(sumber: {source_label(own['source'])}).")
    head = (f"Hasil terbit {md_text(own['region'])} edisi {peers.edition}: {listing(bits)} "
            f"(sumber: {source_label(own['source'])}).")
    if synthetic:
        return head + (" Hasil terbit itu nyata, sedangkan data laporan ini sintetis, sehingga keduanya "
                       "tidak untuk dibandingkan.")
    return head + (f" Menurut telaah meja, IID terverifikasi laporan ini {fmt.num(result.iid)} "
                   f"({result.predicate}).")


def _province(peers) -> str:
    prov = peers.province
    if prov is None or prov.empty:
        return ""
    by_pred = prov["predicate"].value_counts()
    if len(by_pred) == 1:  # one predikat for all: no list
        p = by_pred.index[0]
        counts = ("semuanya " if len(prov) > 1 else "") + (f"berpredikat {p}" if p else "tanpa predikat terbit")
        sep = ", "
    else:
        counts = listing([f"{fmt.integer(n)} daerah " + (f"berpredikat {p}" if p else "tanpa predikat terbit")
                          for p, n in by_pred.items()])
        sep = ": "
    lead = (f"Di Provinsi {md_text(peers.province_name)}, sumber terbitan yang ditelusuri memuat hasil edisi "
            f"{peers.edition} untuk {fmt.integer(len(prov))} daerah lain{sep}{counts}. "
            f"Tabel hanya memuat daerah yang disebut sumber.")
    shown = prov.head(MAX_PEERS)
    one_source = prov["source"].nunique() == 1
    rows = "\n".join(
        f"| {md_text(r.region)} | {md_text(r.predicate) or '–'} | "
        f"{fmt.num(r.iid) if not pd.isna(r.iid) else '–'} |"
        + ("" if one_source else f" {source_label(r.source)} |")
        for r in shown.itertuples())
    head = "| Daerah | Predikat | IID |" + ("" if one_source else " Sumber |")
    table = head + "\n|---|---|---|" + ("" if one_source else "---|") + "\n" + rows
    if one_source:
        table += f"\n\nSumber tabel: {source_label(prov['source'].iloc[0])}."
    rest = ""
    if len(prov) > MAX_PEERS:
        rest = (f"Daerah lain yang juga tercatat: "
                f"{listing([md_text(x) for x in prov['region'].iloc[MAX_PEERS:]], ';')}.")
    return paragraphs(lead, table, rest)


def _national(peers) -> str:
    nat = peers.national
    if nat is None or nat.empty:
        return ""
    row = nat.iloc[0]
    scope = _SCOPES.get(str(row["scope"]), "")
    where = f"di antara {scope} seluruh Indonesia" if scope else "secara nasional"
    counts = [f"{fmt.integer(row[c])} {label}" for c, label in _COUNTS if not pd.isna(row[c])]
    parts = []
    if counts:
        of = (f" dari {fmt.integer(row['regions'])} daerah peserta"
              if not scope and not pd.isna(row["regions"]) else "")
        scale = " (pada skala edisi 2020)" if peers.edition == 2020 else ""
        parts.append(f"Sebaran predikat edisi {peers.edition} {where}: {listing(counts)}{of}{scale}.")
    if not pd.isna(row["mean_iid"]):
        parts.append(f"Rata-rata IID nasional edisi {peers.edition}: {fmt.num(row['mean_iid'])}.")
    if not parts:
        return ""
    return " ".join(parts) + f" Sumber: {source_label(row['source'])}."


def peers_markdown(a) -> str:
    """The section's Markdown, or "" (silent) when the region is unknown."""
    peers, region = getattr(a, "peers", None), a.dataset.region
    if peers is None or not region or not str(region.get("name") or "").strip():
        return ""
    if peers.own is None and peers.province.empty:
        province = md_text(str(region.get("province") or "").strip())
        where = f"daerah di Provinsi {province}" if province else md_text(str(region["name"]))
        return (f"Belum ada hasil IID terbit untuk {where} pada edisi {peers.edition}, sehingga posisi di "
                f"antara daerah lain belum dapat ditampilkan.")
    synthetic = bool(region.get("synthetic"))
    where = (f"Alamat sumber: {'; '.join(md_text(x) for x in peers.sources)}."
             if peers.sources else "")
    return paragraphs(_own(peers, a.result, synthetic), _province(peers), _national(peers), where)
