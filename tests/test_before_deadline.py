"""What can still be done before the input deadline, seen from the date of the data
(analyses/gaps.py ``doable_before_deadline``, the path, the unit actions, the memo and the unit
pages): evidence fixes while the input is open; level raises only with ``level_lead_days`` left."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from iid_analysis.analyses.gaps import doable_before_deadline, gaps
from iid_analysis.analyses.path import path_to_next, path_to_next_json
from iid_analysis.analysis import analyse
from iid_analysis.io.dataset import dataset_from_frames
from iid_analysis.methodology.loader import load_methodology
from iid_analysis.report.assumptions import assumption_items
from iid_analysis.report.memo import memo_markdown
from iid_analysis.report.unit_page import render_unit
from iid_analysis.review.desk import review
from iid_analysis.scoring.compute import score

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
M2021 = load_methodology(2021)  # input deadline 17 September 2021


def test_lead_days_is_an_assumed_number_in_the_assumptions_box():
    assert M2021.level_lead_days == 30
    num = next(n for n in M2021.assumptions() if n.key == "planning.level_lead_days")
    assert num.status == "assumed" and num.value == 30
    items, _ = assumption_items(M2021)
    assert any(i.startswith("Jarak minimum (hari)") and ": 30" in i and "diasumsikan" in i for i in items)


@pytest.mark.parametrize(("as_of", "expected"), [
    (None, {"evidence": True, "level": True}),                     # no date known
    (dt.date(2021, 8, 18), {"evidence": True, "level": True}),     # 30 days left: just enough
    (dt.date(2021, 8, 19), {"evidence": True, "level": False}),    # 29 days left
    (dt.date(2021, 9, 16), {"evidence": True, "level": False}),    # one day left
    (dt.date(2021, 9, 17), {"evidence": False, "level": False}),   # closed
])
def test_doable_before_deadline(as_of, expected):
    assert M2021.input_deadline == dt.date(2021, 9, 17)
    assert doable_before_deadline(M2021, as_of) == expected


# a tiny city: X has a pending level 2 (SID18) and a valid level 1 (SID16); Y a missing-evidence
# level 2 (SID01)
def _city():
    opd = pd.DataFrame({"opd_id": ["A"], "name": ["Dinas A"], "kind": ["dinas"]})
    cols = ["innovation_id", "year", "opd_id", "name", "stage", "initiator", "kind", "form", "affair",
            "trial_date", "implementation_date", "submitted_on", "previous_entries"]
    inn = pd.DataFrame([(i, "2021", "A", f"Inovasi {i}", "penerapan", "opd", "digital",
                         "pelayanan_publik", "Kesehatan", "2019-06-01", "2020-03-01", "2021-07-01", "0")
                        for i in ("X", "Y")], columns=cols)
    for c in ("design", "goal", "benefit", "result"):
        inn[c] = " ".join(["kata"] * 400)
    ans = pd.DataFrame([("X", "SID16", "1", "r.pdf", "valid"), ("X", "SID18", "2", "p.xlsx", "pending"),
                        ("Y", "SID01", "2", "-", "missing")],
                       columns=["innovation_id", "indicator_id", "level", "evidence", "evidence_status"])
    region = pd.DataFrame(columns=["year", "indicator_id", "level", "evidence", "evidence_status"])
    ds = dataset_from_frames({k: v.astype("string") for k, v in {
        "opd": opd, "innovations": inn, "innovation_indicators": ans, "region_indicators": region}.items()})
    return score(review(ds, M2021, 2021))


def test_gaps_and_path_one_day_before_the_deadline():
    res = _city()
    late = gaps(res, as_of=dt.date(2021, 9, 16))
    ev, lv = late[late["kind"] == "evidence"], late[late["kind"] == "level"]
    assert len(ev) == 2 and ev["before_deadline"].all()
    assert len(lv) and not lv["before_deadline"].any()
    early = gaps(res, as_of=dt.date(2021, 7, 1))
    elv = early[early["kind"] == "level"]
    assert (elv["before_deadline"] == ~elv["outcome"]).all()
    p = path_to_next(res, late)
    assert {d["kind"] for d in p["actions"]} <= {"evidence"}
    assert p["n_evidence_doable"] == 2
    # every doable evidence fix: X SID18 2 × w, Y SID01 2 × w, rescored
    assert p["iid_evidence"] == p["iid_max"]
    assert p["iid_evidence"] > res.iid
    assert p["n_later"] + p["n_long_term"] == len(lv.drop_duplicates(["innovation_id", "indicator_id"]))
    assert p["n_long_term"] == int(lv["outcome"].sum()) and not any(d["outcome"] for d in p["later"])
    js = path_to_next_json(p)
    assert [d["before_deadline"] for d in js if d["action"] == "level"] and \
        not any(d["before_deadline"] for d in js if d["action"] == "level")
    closed = path_to_next(res, gaps(res, as_of=dt.date(2021, 9, 17)))
    assert closed["actions"] == [] and closed["n_evidence_doable"] == 0 and closed["iid_evidence"] == res.iid


@pytest.fixture(scope="module")
def a2021():
    return analyse(SAMPLE, 2021, draws=200)


def test_memo_asks_only_what_is_doable_and_reads_as_a_nota_dinas(a2021):
    memo = memo_markdown(a2021)
    p = a2021.lift.path
    for field in ("**NOTA DINAS**", "**Nomor:** ……", "**Sifat:**",
                  "**Lampiran:** Laporan lengkap dan buku kerja telaah",
                  "**Tanggal:** 16 September 2021", "NIP ……"):
        assert field in memo, field
    assert memo.rstrip().splitlines()[-5].startswith("Kepala Bappeda Kota Pekalongan")
    first = re.search(r"^1\. (.+)$", memo, flags=re.M).group(1)
    assert first.startswith("**Perbaikan bukti dukung.**")
    iid_ev = f"{p['iid_evidence']:.2f}".replace(".", ",")
    assert f"IID hitungan ulang menjadi {iid_ev}" in first
    assert "Sangat Inovatif" not in first  # its chance is 0 in the simulation
    steps = [*p["later"], *p["long_term"]]
    n_inn = len({d["innovation_id"] for d in steps if d["innovation_id"]})
    n_spd = len({d["indicator_id"] for d in steps if not d["innovation_id"]})
    assert f"Peningkatan capaian (regulasi, replikasi) pada {n_inn} inovasi dan {n_spd} indikator SPD" in first
    med = f"{a2021.robustness.median:.2f}".replace(".", ",")
    assert f"undian simulasi verifikasi: {med} (lebih rendah dari IID terverifikasi" in memo
    assert "rentang 5–95 persen" in memo


def test_actions_one_row_per_answer_and_units_pages(a2021):
    acts = a2021.units.actions
    sid = acts[acts["kind"] != "profile"]
    assert not sid.duplicated(["innovation_id", "indicator_id"]).any()
    assert "later" in acts.columns
    assert (sid["before_deadline"] == (sid["kind"] == "evidence")).all()  # one day left
    html = render_unit(a2021, "BPBD")
    text = re.sub(r"<[^>]+>", " ", html)
    assert "Data per 16 September 2021, tinggal 1 hari." in text
    assert "sebelum 17 September 2021" in text and "edisi berikutnya" not in text
    assert "diterapkan antara" in text and "tahapan penerapan" in text
    page = re.sub(r"<[^>]+>", " ", render_unit(a2021, "BKPSDM"))
    assert "Data per 16 September 2021" in page
    assert "untuk edisi berikutnya" in page  # the later step named on the evidence row
