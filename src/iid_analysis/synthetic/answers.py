"""The answers of a synthetic dataset: one SID answer per (innovation, indicator), its level drawn
from the innovation's maturity, its evidence document and the state of that evidence; and the 15
SPD answers of each edition.

Evidence gaps (invalid, pending, missing) appear only where an innovation was drawn with gaps; a
status is sometimes left empty for the loader to infer.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from iid_analysis.methodology.model import Methodology

__all__ = ["sid_answers", "spd_answers"]

_STR = np.dtypes.StringDType()

#: Evidence documents per SID indicator: one template, or one per level 1..3; {n} a number, {y} a year.
_SID_EVIDENCE: dict[str, tuple[str, ...]] = {
    "SID01": ("SK Kepala {opd} No. 800/{n}/{y}.pdf", "SK Walikota No. 050/{n}/{y}.pdf",
              "Perwal No. {n} Tahun {y}.pdf"),
    "SID02": ("SK Penugasan Tim Inovasi No. 800/{n}/{y}.pdf",),
    "SID03": ("DPA {opd} Tahun {y}.pdf",),
    "SID04": ("Foto dan tangkapan layar alat kerja {n}.pdf",),
    "SID05": ("Daftar hadir bimtek inovasi {y}.pdf",),
    "SID06": ("RKPD Kota Pekalongan {y} hlm {n}.pdf",),
    "SID07": ("Undangan rapat aktor inovasi No. 005/{n}/{y}.pdf",),
    "SID08": ("Susunan tim pelaksana {y}.pdf", "SK Kepala {opd} Tim Pelaksana No. 800/{n}/{y}.pdf",
              "SK Walikota Tim Pelaksana No. 050/{n}/{y}.pdf"),
    "SID09": ("Surat tugas jejaring OPD No. 090/{n}/{y}.pdf",),
    "SID10": ("Kliping berita dan media sosial {y}.pdf",),
    "SID11": ("Pedoman teknis inovasi {y}.pdf",),
    "SID12": ("Tangkapan layar kanal informasi {n}.png",),
    "SID13": ("SOP layanan No. {n} Tahun {y}.pdf",),
    "SID14": ("Rekap pengaduan {y}.xlsx",),
    "SID15": ("Tangkapan layar aplikasi web dan seluler {n}.png",),
    "SID16": ("Surat pernyataan replikasi No. {n}/{y}.pdf",),
    "SID17": ("Laporan tahapan inovasi {y}.pdf",),
    "SID18": ("Daftar penerima manfaat {y}.xlsx",),
    "SID19": ("Laporan monev dan SKM {y}.pdf",),
    "SID20": ("Video profil inovasi {n}.mp4",),
}
#: How much easier (+) or harder (−) an indicator is to reach than the innovation's maturity says.
_SID_OFFSET = {"SID01": 0.10, "SID03": -0.05, "SID05": -0.10, "SID06": -0.10, "SID08": 0.10,
               "SID09": -0.05, "SID10": 0.15, "SID11": -0.10, "SID12": 0.10, "SID14": -0.05,
               "SID16": -0.45, "SID18": 0.10, "SID19": -0.10, "SID20": -0.05}
#: Indicators that digital innovations reach more easily (non-digital ones less easily).
_SID_DIGITAL = {"SID04": 0.10, "SID12": 0.05, "SID15": 0.30}


def _fill(template: str, n: np.ndarray, y: np.ndarray, opd: np.ndarray) -> np.ndarray:
    """Vectorised ``template.format(n=…, y=…, opd=…)`` over aligned arrays (StringDType)."""
    parts = re.split(r"(\{n\}|\{y\}|\{opd\})", template)
    acc = np.full(len(n), "", dtype=_STR)
    for p in parts:
        if not p:
            continue
        val = {"{n}": n, "{y}": y, "{opd}": opd}.get(p, p)
        acc = np.strings.add(acc, val)
    return acc


def sid_answers(rng: np.random.Generator, entries: pd.DataFrame, meth: Methodology,
                pending: float = 0.0) -> pd.DataFrame:
    """One row per (innovation, SID indicator): levels from maturity, evidence and its state.

    ``pending``: the share of claimed answers still waiting for verification (an edition whose
    results are not out yet)."""
    n = len(entries)
    sid = [i.id for i in meth.indicators_of("SID")]
    k = len(sid)
    q = entries["quality"].to_numpy(dtype=float)
    digital = (entries["kind"] == "digital").to_numpy()
    gaps = entries["gaps"].to_numpy(dtype=bool)
    years = entries["year"].to_numpy(dtype=np.int64)

    off = np.array([_SID_OFFSET.get(s, 0.0) for s in sid])
    dig = np.array([_SID_DIGITAL.get(s, 0.0) for s in sid])
    u = q[:, None] + off[None, :] + np.where(digital[:, None], dig, -dig) \
        + rng.normal(0.0, 0.22, (n, k))
    level = np.clip(np.floor(u * 4), 0, 3).astype(np.int64)
    claimed = level > 0

    r = rng.random((n, k, 3))
    state = np.select([r[..., 0] < 0.62, r[..., 0] < 0.75, r[..., 0] < 0.86], [0, 1, 2], 3)
    state = np.where(gaps[:, None], state, 0)  # 0 valid, 1 invalid, 2 pending, 3 missing
    blank = (state >= 2) & (r[..., 1] < 0.4)  # status left empty: the loader infers it
    if pending:
        waiting = (state == 0) & (rng.random((n, k)) < pending)
        state = np.where(waiting, 2, state)  # named explicitly: the verification is under way

    num = rng.integers(1, 999, size=(n, k)).astype(_STR)
    ev_year = (years[:, None] - (r[..., 2] < 0.4)).astype(_STR)
    opd_short = entries["opd"].str.replace(r"_R\d+$", "", regex=True).to_numpy().astype(_STR)
    evidence = np.full((n, k), "", dtype=_STR)
    for j, s in enumerate(sid):
        templates = _SID_EVIDENCE.get(s, (f"Bukti {s} {{y}}.pdf",))
        for lv, tpl in enumerate(templates, start=1):
            m = claimed[:, j] if len(templates) == 1 else level[:, j] == lv
            if m.any():
                evidence[m, j] = _fill(tpl, num[m, j], ev_year[m, j], opd_short[m])
    evidence[~claimed | (state == 3)] = ""

    codes = np.array(["valid", "invalid", "pending", "missing"], dtype=_STR)
    status = codes[state]
    status[~claimed | blank] = ""

    return pd.DataFrame({
        "innovation_id": np.repeat(entries["innovation_id"].to_numpy(), k),
        "indicator_id": np.tile(np.array(sid, dtype=object), n),
        "level": level.ravel().astype(str).astype(object),
        "evidence": evidence.ravel().astype(object),
        "evidence_status": status.ravel().astype(object),
        "year": np.repeat(years.astype(str), k).astype(object),
    }).astype("str")


def spd_answers(rng: np.random.Generator, year: int, meth: Methodology, mean: float,
                pending: float = 0.0) -> pd.DataFrame:
    """The 15 SPD answers of an edition: levels mostly 1–3, evidence mostly valid (``pending``: the
    share of valid ones still waiting for verification)."""
    inds = meth.indicators_of("SPD")
    k = len(inds)
    level = np.clip(np.rint(mean + rng.normal(0.0, 0.45, k)), 1, 3).astype(int)
    r = rng.random((k, 2))
    state = np.select([r[:, 0] < 0.88, r[:, 0] < 0.93, r[:, 0] < 0.96], [0, 1, 2], 3)
    if pending:
        state = np.where((state == 0) & (rng.random(k) < pending), 2, state)
    evidence = [
        "" if s == 3 else f"{i.name.replace('/', '-')} ({year - 1}).pdf"
        for i, s in zip(inds, state, strict=True)
    ]
    codes = np.array(["valid", "invalid", "pending", "missing"])
    status = np.where((state == 3) & (r[:, 1] < 0.5), "", codes[state])
    return pd.DataFrame({
        "year": str(year),
        "indicator_id": [i.id for i in inds],
        "level": level.astype(str),
        "evidence": evidence,
        "evidence_status": status,
    }).astype("str")
