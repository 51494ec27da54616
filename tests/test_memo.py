"""The memo that opens the IGA report, the IGA stages of the methodology, the agenda (data date,
stages ahead) and the glossary."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import mistune
import pandas as pd
import pytest

from iid_analysis.analyses.agenda import data_date, input_closed, stages_ahead
from iid_analysis.analysis import analyse
from iid_analysis.methodology.loader import load_methodology
from iid_analysis.methodology.model import MethodologyError
from iid_analysis.methodology.stages import read_stages
from iid_analysis.report.glossary import GLOSSARY, glossary_html, glossary_markdown
from iid_analysis.report.memo import addressee, decisions, memo_markdown, period_text

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


# ----------------------------------------------------------------------------- addressee
@pytest.mark.parametrize("region, expected", [
    ({"name": "Kota Pekalongan", "kind": "kota"}, "Wali Kota Pekalongan"),
    ({"name": "Kabupaten Contoh", "kind": "kabupaten"}, "Bupati Contoh"),
    ({"name": "Kab. Tegal", "kind": ""}, "Bupati Tegal"),  # kind from the name
    ({"name": "Provinsi Jawa Tengah", "kind": "provinsi"}, "Gubernur Jawa Tengah"),
    ({"name": "Pekalongan", "kind": ""}, "Kepala Daerah"),  # kind unknown
    (None, "Kepala Daerah"),
    ({"name": "Kota <i>X</i>", "kind": "kota"}, "Wali Kota &lt;i&gt;X&lt;/i&gt;"),
])
def test_addressee(region, expected):
    assert addressee(region) == expected


def test_period_text():
    d = dt.date
    assert period_text(d(2021, 11, 23), d(2021, 11, 25), "day") == "23–25 November 2021"
    assert period_text(d(2021, 12, 29), d(2021, 12, 29), "day") == "29 Desember 2021"
    assert period_text(d(2021, 11, 30), d(2021, 12, 2), "day") == "30 November 2021 – 2 Desember 2021"
    assert period_text(d(2026, 9, 1), d(2026, 10, 31), "month") == "September–Oktober 2026"
    assert period_text(d(2026, 12, 1), d(2026, 12, 31), "month") == "Desember 2026"
    assert period_text(d(2026, 12, 1), d(2027, 1, 31), "month") == "Desember 2026 – Januari 2027"


# ----------------------------------------------------------------------------- stages
def test_stages_2021_reported_dates_override_assumed_months():
    m = load_methodology(2021)
    st = {s.key: s for s in m.stages}
    assert [s.key for s in m.stages] == ["verifikasi", "presentasi", "lapangan", "penganugerahan"]
    assert (st["presentasi"].start, st["presentasi"].end) == (dt.date(2021, 11, 23), dt.date(2021, 11, 25))
    assert st["presentasi"].status == "reported" and st["presentasi"].precision == "day"
    assert "mdnnews.id" in st["presentasi"].source
    assert st["penganugerahan"].start == dt.date(2021, 12, 29)
    assert st["verifikasi"].status == "assumed" and st["verifikasi"].precision == "month"
    assert (st["verifikasi"].start, st["verifikasi"].end) == (dt.date(2021, 9, 1), dt.date(2021, 10, 31))


def test_stages_default_to_assumed_months_of_the_edition():
    m = load_methodology(2026)
    assert all(s.status == "assumed" and s.precision == "month" for s in m.stages)
    award = m.stages[-1]
    assert award.key == "penganugerahan" and (award.start, award.end) == (dt.date(2026, 12, 1),
                                                                        dt.date(2026, 12, 31))


def test_stage_reader_rejects_bad_tables():
    with pytest.raises(MethodologyError):
        read_stages({"x": {"label": "X"}}, 2021, {}, "t.toml")  # no months, no dates
    with pytest.raises(MethodologyError):
        read_stages({"x": {"label": "X", "months": {"value": [13, 1], "status": "assumed",
                                                    "source": "s"}}}, 2021, {}, "t.toml")
    with pytest.raises(MethodologyError):
        read_stages({"x": {"label": "X", "months": {"value": [9, 10], "status": "guess",
                                                    "source": "s"}}}, 2021, {}, "t.toml")
    # a month below the first one is in the next year
    s = read_stages({"x": {"label": "X", "months": {"value": [12, 1], "status": "assumed",
                                                    "source": "s"}}}, 2021, {"s": "Sumber"}, "t.toml")[0]
    assert (s.start, s.end, s.source) == (dt.date(2021, 12, 1), dt.date(2022, 1, 31), "Sumber")


# ----------------------------------------------------------------------------- agenda
def test_data_date_is_the_latest_submission_or_the_input_close():
    m = load_methodology(2021)
    inv = pd.DataFrame({"submitted_on": pd.to_datetime(["2021-06-01", "2021-09-16", None])})
    assert data_date(inv, m) == dt.date(2021, 9, 16)
    assert data_date(inv.iloc[0:0], m) == dt.date(2021, 8, 13)  # input_window.closes
    assert not input_closed(m, dt.date(2021, 9, 16)) and input_closed(m, dt.date(2021, 9, 17))


def test_stages_ahead():
    m = load_methodology(2021)
    keys = [s["key"] for s in stages_ahead(m, dt.date(2021, 9, 16))]
    assert keys == ["input", "verifikasi", "presentasi", "lapangan", "penganugerahan"]
    # after the presentations, only what ends later is left
    assert [s["key"] for s in stages_ahead(m, dt.date(2021, 11, 26))] == ["lapangan", "penganugerahan"]
    assert stages_ahead(m, dt.date(2022, 1, 1)) == []


# ----------------------------------------------------------------------------- the memo
@pytest.fixture(scope="module")
def a2021():
    return analyse(SAMPLE, 2021, draws=200)


def test_memo_2021(a2021):
    memo = memo_markdown(a2021)
    assert "**Kepada:** Wali Kota Pekalongan" in memo
    assert "**Dari:** Kepala Bappeda Kota Pekalongan" in memo
    assert "Indeks Inovasi Daerah (IID) dan Innovative Government Award (IGA) edisi 2021" in memo
    assert "**Tanggal:** 16 September 2021" in memo  # the latest submission, not today
    assert f"IID terverifikasi edisi 2021: **{a2021.result.iid:.2f}**".replace(".", ",") in memo
    assert "predikat **Inovatif**" in memo
    claimed = f"{a2021.robustness.iid_claimed:.2f}".replace(".", ",")
    assert f"IID klaim menjadi {claimed} ({a2021.robustness.predicate_claimed})" in memo
    assert "Peluang predikat akhir" in memo and "Inovatif" in memo
    asks = re.findall(r"^\d+\. \*\*(.+?)\.\*\*", memo, flags=re.M)
    assert 3 <= len(asks) <= 5
    assert asks[0] == "Perbaikan bukti dukung"  # one day left: evidence only, levels for 2022
    assert memo.count("*Penanggung jawab:*") == len(asks) == memo.count("*Tenggat:*")
    assert "sebelum 17 September 2021" in memo
    assert "Telekonsultasi Dokter Spesialis Daring" in memo  # the digital flagship
    # the stages ahead, reported ones with their dates
    assert "| Batas akhir pengisian data inovasi | 17 September 2021 | dilaporkan |" in memo
    assert "| 23–25 November 2021 | dilaporkan |" in memo
    assert "| Penganugerahan IGA | 29 Desember 2021 | dilaporkan |" in memo
    prose = memo.split("**Tahapan IGA berikutnya**")[0].split("**Perihal:**")[1].split("\n", 1)[1]  # after the Nota Dinas head
    assert len(re.findall(r"\w+", prose)) <= 260
    for token in ("nan", "None", "NaT"):
        assert not re.search(rf"\b{token}\b", memo)
    assert memo == memo_markdown(a2021)  # deterministic


def test_memo_after_the_input_closed():
    a = analyse(SAMPLE, 2026, draws=200)
    memo = memo_markdown(a)
    assert "**Tanggal:** 31 Agustus 2026" in memo
    assert "sudah ditutup pada 31 Agustus 2026 (diasumsikan)" in memo  # the 2026 window is assumed
    assert "Batas akhir pengisian data inovasi" not in memo  # the deadline is behind
    asks = decisions(a, closed=True)
    assert 3 <= len(asks) <= 5
    assert asks[0].startswith("**Klarifikasi saat verifikasi.**")
    assert "edisi 2027" in memo  # the next edition
    assert "| Penganugerahan IGA | Desember 2026 | diasumsikan |" in memo


# ----------------------------------------------------------------------------- glossary
def test_glossary_terms_and_renderings():
    terms = " ".join(t for t, _ in GLOSSARY)
    for t in ("IID", "SPD", "SID", "OPD", "IGA", "Telaah meja", "Tingkat", "Bukti dukung",
              "Skor kematangan", "Predikat", "Tahapan", "Edisi", "Bappeda"):
        assert t in terms, t
    assert "Indeks Inovasi Daerah" in terms and "Innovative Government Award" in terms
    md = glossary_markdown()
    assert md.startswith("## Glosarium\n\n- **IID \\(Indeks Inovasi Daerah\\)**:")
    assert not glossary_markdown(heading="").startswith("#")
    html = glossary_html()
    assert html.count("<dt") == len(GLOSSARY) == html.count("<dd>")
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    rendered = mistune.html(md)
    assert "Indeks Inovasi Daerah" in rendered and "\\" not in rendered
