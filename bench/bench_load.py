"""Loading speed: a CSV folder of 20,000 innovations × 20 SID answers (400,000 rows).

The data is generated here (seeded numpy, vectorised) so the benchmark does not depend on the
sample generator; it covers the mixed forms the loader accepts (Indonesian headers on one table,
semicolons, date forms, enum spellings, a few unreadable cells).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

N_INNOVATIONS = 20_000
N_ANSWERS = 20


def write_large(folder: Path, n: int = N_INNOVATIONS, answers: int = N_ANSWERS, seed: int = 7) -> Path:
    """Write a large CSV dataset into ``folder`` and return it."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    opd_ids = [f"OPD{i:02d}" for i in range(40)]
    pd.DataFrame({"opd_id": opd_ids, "name": [f"Dinas {i}" for i in range(40)], "kind": "dinas"}).to_csv(
        folder / "opd.csv", index=False)
    ids = np.char.add("INV", np.char.zfill(np.arange(n).astype(str), 6))
    days = rng.integers(0, 700, n)
    base = pd.Timestamp("2019-01-01") + pd.to_timedelta(days, unit="D")
    forms = np.array([base.strftime("%Y-%m-%d"), base.strftime("%d/%m/%Y"),
                      base.strftime("%d ") + pd.Series(base.month).map(
                          {1: "Januari", 2: "Februari", 3: "Maret", 4: "April", 5: "Mei", 6: "Juni",
                           7: "Juli", 8: "Agustus", 9: "September", 10: "Oktober", 11: "November",
                           12: "Desember"}).to_numpy(dtype=str) + base.strftime(" %Y")])
    pick = rng.integers(0, 3, n)
    impl = forms[pick, np.arange(n)]
    impl[rng.random(n) < 0.001] = "31/02/2021"
    inv = pd.DataFrame({
        "ID Inovasi": ids,
        "Tahun Edisi": 2021,
        "Kode OPD": rng.choice(opd_ids, n),
        "Nama Inovasi": np.char.add("Inovasi ", np.arange(n).astype(str)),
        "Tahapan": rng.choice(["Penerapan", "uji coba", "INISIATIF", "uji-coba"], n),
        "Inisiator": rng.choice(["OPD", "ASN", "Masyarakat", "kepala daerah"], n),
        "Jenis": rng.choice(["Digital", "Non Digital"], n),
        "Bentuk": rng.choice(["Inovasi Pelayanan Publik", "tata_kelola", "urusan_lainnya"], n),
        "Waktu Penerapan": impl,
        "Tanggal Input": (pd.Timestamp("2021-05-01") + pd.to_timedelta(rng.integers(0, 130, n), unit="D"))
        .strftime("%Y-%m-%d"),
        "Keikutsertaan Sebelumnya": rng.integers(0, 3, n),
        "Rancang Bangun": "Rancang bangun inovasi yang cukup panjang untuk diuji",
        "Tujuan": "Meningkatkan layanan",
        "Manfaat": "Layanan lebih cepat",
        "Hasil": "Waktu tunggu turun",
    })
    inv.to_csv(folder / "innovations.csv", index=False, sep=";")
    m = n * answers
    levels = rng.integers(0, 4, m).astype(str).astype(object)
    levels[rng.random(m) < 0.0005] = "tiga"
    evidence = np.where(rng.random(m) < 0.7, "dokumen.pdf", "")
    ans = pd.DataFrame({
        "innovation_id": np.repeat(ids, answers),
        "indicator_id": np.tile([f"SID{i:02d}" for i in range(1, answers + 1)], n),
        "level": levels,
        "evidence": evidence,
        "evidence_status": rng.choice(["valid", "Tidak Valid", "", "menunggu verifikasi"], m),
    })
    ans.to_csv(folder / "innovation_indicators.csv", index=False)
    pd.DataFrame({"year": 2021, "indicator_id": [f"SPD{i:02d}" for i in range(1, 16)],
                  "level": rng.integers(0, 4, 15)}).to_csv(folder / "region_indicators.csv", index=False)
    return folder


def run() -> dict:
    from iid_analysis.io.dataset import load_dataset

    with tempfile.TemporaryDirectory() as tmp:
        folder = write_large(Path(tmp) / "large")
        size = sum(f.stat().st_size for f in folder.iterdir())
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            ds = load_dataset(folder)
            times.append(time.perf_counter() - t0)
    return {
        "innovations": len(ds.innovations),
        "answers": len(ds.innovation_indicators),
        "bytes": size,
        "findings": len(ds.problems),
        "seconds_best": round(min(times), 3),
        "seconds_all": [round(t, 3) for t in times],
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
