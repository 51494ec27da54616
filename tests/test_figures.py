"""Figures a reader trusts (issue 16, item 5): every figure of the pages carries its "Sumber:" line,
is saved at print resolution, shows one quantity per axis, names units and indicators, and
labels the deadlines and the coaching line — checked on the figures the views really draw."""

from __future__ import annotations

import io
import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from iid_analysis.analyses.coaching import maturity_threshold, missed_heatmap
from iid_analysis.analysis import analyse
from iid_analysis.methodology.loader import load_methodology
from iid_analysis.report import plots, plots_trend, present
from iid_analysis.report.sources import source_line
from iid_analysis.report.views import index as index_views
from iid_analysis.report.views import lift as lift_views
from iid_analysis.report.views import participation as part_views
from iid_analysis.text import fmt

REGION = {"name": "Kota Pekalongan", "kind": "kota", "province": "Jawa Tengah", "synthetic": True}
FIGURES = [
    (part_views.funnel_figure, "corong"), (part_views.trends_figure, "tren"),
    (part_views.timeline_figure, "lini_masa"), (part_views.composition_figure, "komposisi"),
    (part_views.heatmap_figure, "peta_panas"), (index_views.breakdown_figure, "rincian"),
    (index_views.maturity_figure, "kematangan"), (lift_views.sensitivity_figure, "asal_ketidakpastian"),
    (lift_views.robustness_figure, "ketahanan"), (lift_views.probabilities_figure, "peluang_predikat"),
    (lift_views.gains_figure, "tambahan_dokumen"),  # the analysts' notebook 00
]


def _ns(year, region):
    return SimpleNamespace(year=year, dataset=SimpleNamespace(region=region))


# --- the source line ---------------------------------------------------------------------------

def test_source_line_names_the_region_edition_and_method():
    assert source_line(_ns(2021, REGION)) == (
        "Sumber: data inovasi Kota Pekalongan edisi 2021 (data sintetis); metodologi edisi 2021; "
        "diolah Bappeda dengan iid-analysis.")


def test_source_line_without_region_or_not_synthetic_says_so_plainly():
    real = {**REGION, "name": "Kabupaten Tegal", "synthetic": False}
    assert source_line(_ns(2024, real)) == (
        "Sumber: data inovasi Kabupaten Tegal edisi 2024; metodologi edisi 2024; "
        "diolah Bappeda dengan iid-analysis.")
    none = source_line(_ns(2022, None), "catatan.")
    assert none == ("Sumber: data inovasi Pemerintah Daerah edisi 2022; metodologi edisi 2022; catatan; "
                    "diolah Bappeda dengan iid-analysis.")
    assert "sintetis" not in none and "sample" not in none


def test_source_line_of_a_trend_spans_its_editions():
    line = source_line(_ns(2021, REGION), years=[2019, 2020, 2021])
    assert "edisi 2019–2021 (data sintetis)" in line and "metodologi masing-masing edisi" in line


# --- the figures the views draw, for the sample's 2021 ----------------------------------------

@pytest.fixture(scope="module")
def a():
    return analyse(None, 2021, draws=300)  # the bundled sample, wherever the tests run from


@pytest.fixture(scope="module")
def drawn(a):
    """Every figure of the pages: name → (Figure, PNG bytes, HTML shown)."""
    out = {}
    original = plots.png_bytes
    with pytest.MonkeyPatch.context() as mp:
        seen = []
        mp.setattr(plots, "png_bytes", lambda fig, key=None: seen.append(fig) or original(fig, key))
        for view, name in FIGURES:
            html = view(a).data
            png = original(seen[-1])
            out[name] = (seen[-1], png, html)
    return out


def _texts(fig) -> list[str]:
    texts = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        texts += [ax.get_title(loc="left"), ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        texts += [t.get_text() for t in ax.texts]
        texts += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        if ax.get_legend():
            texts += [t.get_text() for t in ax.get_legend().get_texts()]
    for leg in fig.legends:
        texts += [t.get_text() for t in leg.get_texts()]
    return [t for t in texts if t]


def _draw(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    return fig


def test_every_figure_carries_the_source_line(drawn):
    assert set(drawn) == {n for _v, n in FIGURES}
    for name, (fig, _png, _html) in drawn.items():
        lines = [t.replace("\n", " ") for t in _texts(fig) if t.startswith("Sumber: ")]
        assert lines, name
        assert lines[0].startswith("Sumber: data inovasi Kota Pekalongan edisi "), name
        assert "(data sintetis)" in lines[0] and "sample" not in lines[0], name


def test_figures_are_saved_at_print_resolution_and_shown_at_their_size(drawn):
    for name, (fig, png, html) in drawn.items():
        with Image.open(io.BytesIO(png)) as im:
            dpi = im.info["dpi"]
            assert round(dpi[0]) >= 200 and round(dpi[1]) >= 200, name
            assert im.width == round(fig.get_figwidth() * plots.DPI), name
        width = int(re.search(r'width="(\d+)"', html).group(1))
        assert width == round(fig.get_figwidth() * 96), name


def test_figure_text_is_indonesian_with_decimal_commas(drawn):
    english = re.compile(r"\b(source|count|entries|mean|frequency|threshold|deadline|non digital|"
                         r"non-digital|sample)\b", re.I)
    for name, (fig, _png, _html) in drawn.items():
        for text in _texts(fig):
            assert not english.search(text), (name, text)
            assert not re.search(r"\d\.\d{1,2}(?!\d)", text), (name, text)  # 3,5 never 3.5


def test_trend_has_one_axis_per_quantity_counts_from_zero(drawn):
    fig = _draw(drawn["tren"][0])
    iid_ax, count_ax = fig.axes  # two panels, no twin axis
    assert iid_ax.get_ylim() == (0.0, 100.0)
    assert count_ax.get_ylim()[0] == 0.0
    assert iid_ax.get_ylabel() == "IID" and count_ax.get_ylabel() == "Jumlah inovasi"
    heights = [p.get_height() for p in count_ax.patches]
    assert max(heights) == 52  # 2021: 52 entries, on the counts axis, not the IID axis


def test_trend_bands_are_each_editions_own():
    t = pd.DataFrame({"year": [2024, 2025, 2026], "iid": [63.08, 75.23, 60.0], "n_submitted": [150, 218, 200]})
    fake = SimpleNamespace(year=2026, results={}, methodology=load_methodology(2026))
    bands = part_views._edition_bands(fake, [2024, 2025, 2026])
    fig = plots_trend.trend(t, "year", "IID", counts={"n_submitted": "Inovasi masuk"}, bands=bands)
    ax = fig.axes[0]
    bottoms = {}
    for p in ax.patches:  # band rectangles: (edition, bottom)
        bottoms.setdefault(round(p.get_x() + p.get_width() / 2), set()).add(round(p.get_y(), 2))
    assert bottoms[2024] == {0.01, 35.0, 60.01}
    assert bottoms[2025] == {0.01, 35.0, 65.01}  # Sangat Inovatif from 65,01 in 2025
    assert bottoms[2026] == {0.01, 40.01, 65.01}  # and Inovatif from 40,01 in 2026


def test_composition_panels_each_add_up_to_the_entries(a, drawn):
    fig = drawn["komposisi"][0]
    n = a.review.counts()["n_submitted"]
    assert len(fig.axes) == 2
    for ax in fig.axes:
        assert sum(p.get_width() for p in ax.patches) == n
    labels = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert "Nondigital" in labels and "Digital" in labels
    assert fig.axes[0].get_title(loc="left") == f"Jenis (jumlah {n})"


def test_heatmap_shows_points_missed_by_unit_name_and_indicator_name(a, drawn):
    fig = drawn["peta_panas"][0]
    ax = fig.axes[0]
    ylabels = [t.get_text() for t in ax.get_yticklabels()]
    codes = set(a.coaching.missed["opd_id"])
    names = {plots.short(n, 28) for n in a.coaching.missed["name"]}
    assert ylabels and set(ylabels) == names and not codes & set(ylabels)
    assert all(len(y) <= 28 for y in ylabels)
    xlabels = [t.get_text() for t in ax.get_xticklabels()]
    first = a.result.methodology.indicators_of("SID")[0]
    assert xlabels[0] == f"{first.id} {plots.short(first.name, 30)}"
    assert fig.axes[1].get_ylabel() == "Poin terlewat per inovasi"  # the colour bar
    assert "terlewat" in ax.get_title(loc="left") and "diklaim" not in ax.get_title(loc="left")


def test_missed_heatmap_is_max_minus_points_over_the_units_scored_innovations(a):
    m = missed_heatmap(a.result)
    p = a.result.points
    sid = p[p["aspect"] == "SID"]
    row = m.iloc[0]
    mine = sid[sid["opd_id"] == row["opd_id"]]
    for ind in ("SID01", "SID16"):
        x = mine[mine["indicator_id"] == ind]
        expected = float((x["max_points"] - x["points"]).sum()) / mine["innovation_id"].nunique()
        assert row[ind] == pytest.approx(expected)
    ids = [i.id for i in a.result.methodology.indicators_of("SID")]
    assert row["total"] == pytest.approx(float(row[ids].sum()))
    assert (m[ids].to_numpy() >= 0).all()
    assert a.coaching.missed.equals(m) and "SID01" in a.coaching.heatmap  # the claimed levels stay


def test_maturity_histogram_spans_the_whole_scale_with_the_coaching_line(a, drawn):
    fig = drawn["kematangan"][0]
    ax = fig.axes[0]
    top = a.result.methodology.max_sid_per_innovation
    assert ax.get_xlim() == (0.0, top) and top == 111
    assert fmt.num(top, 0) in [t.get_text() for t in ax.get_xticklabels()]
    xs = sorted(float(line.get_xdata()[0]) for line in ax.lines)
    line = maturity_threshold(a.result.methodology)
    inn = a.result.innovations[a.result.innovations["scored"]]
    assert xs == pytest.approx(sorted([line, float(inn["maturity"].mean())]))
    texts = [t.get_text() for t in ax.texts]
    assert any("ambang pembinaan 55,50" in t for t in texts) and any(t.strip().startswith("rata-rata") for t in texts)
    assert sum(p.get_height() for p in ax.patches) == len(inn)


def test_timeline_labels_the_opening_and_the_deadlines(drawn):
    ax = drawn["lini_masa"][0].axes[0]
    lines = [[part.strip() for part in t.get_text().split("\n")] for t in ax.texts]
    assert lines == [["Dibuka", "1 Mei 2021"], ["Batas semula", "13 Agustus 2021"],
                     ["Batas perpanjangan", "17 September 2021"]]
    assert ax.get_ylim()[0] == 0.0


@pytest.mark.parametrize(("year", "labels"), [
    (2022, ["Dibuka", "Batas akhir"]),  # no extension recorded
    (2025, ["Dibuka", "Batas perpanjangan"]),  # the recorded closing day includes the extension
    (2021, ["Dibuka", "Batas semula", "Batas perpanjangan"]),
])
def test_deadline_labels_per_edition(year, labels):
    m = load_methodology(year)
    summary = {"opens": m.input_opens, "closes": m.input_closes, "extended_to": m.input_extended_to}
    fake = SimpleNamespace(methodology=m, participation=SimpleNamespace(timeline_summary=summary))
    assert [lab for _d, lab in part_views._deadline_marks(fake)] == labels


def test_funnel_labels_round_like_the_table_under_it(a, drawn):
    fig = drawn["corong"][0]
    f = a.participation.funnel
    texts = [t.get_text() for t in fig.axes[0].texts]
    expected = [f"{fmt.integer(c)} ({present.FORMATTERS['pct'](s)})"
                for c, s in zip(f["count"], f["share_of_entered"], strict=True)]
    assert texts == expected


def test_a_shared_figure_is_drawn_once_per_run(a, tmp_path, monkeypatch):
    part_views.trends_figure(a, tmp_path)
    calls = []
    original = plots.png_bytes
    monkeypatch.setattr(plots, "png_bytes", lambda fig, key=None: calls.append(1) or original(fig, key))
    again = part_views.trends_figure(a, tmp_path).data
    assert calls == [] and "data:image/png;base64," in again


def test_png_palette_keeps_pages_light():
    fig = plots.histogram(np.arange(100.0), "Uji", "Skor", source="Sumber: uji.")
    png = plots.png_bytes(fig)
    with Image.open(io.BytesIO(png)) as im:
        assert im.mode == "P" and len(im.getpalette()) // 3 <= plots.PNG_COLOURS


def test_axis_ticks_keep_their_decimals_with_a_comma():
    assert [plots._num_tick(v) for v in (10.0, 2.5, 1.25, 1000.0, 0.0)] == ["10", "2,5", "1,25", "1.000", "0"]


def test_names_with_dollar_signs_are_drawn_as_text():
    """A "$" in a unit's or region's name is a dollar sign, not the start of a formula."""
    df = pd.DataFrame({"SID01 Regulasi": [1.0, 2.0]}, index=["Dinas $x^$ dan $y$", "=SUM(A1)"])
    fig = plots_trend.heatmap(df, "Judul", "Indikator", "OPD", source="Sumber: data inovasi $Kota_$.")
    png = plots.png_bytes(fig)  # parsed as mathtext, "$x^$" would raise
    assert png.startswith(b"\x89PNG")
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Dinas $x^$ dan $y$", "=SUM(A1)"]
