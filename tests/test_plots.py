"""Figures shown by two notebooks of one run are drawn once (plots.drawn_once)."""

from __future__ import annotations

import pandas as pd
import pytest
from PIL import Image

from iid_analysis.report import plots, plots_trend


def _draw(calls: list[int], title: str = "Peluang predikat"):
    def draw():
        calls.append(1)
        return plots.shares(["Inovatif", "Sangat Inovatif"], [0.7, 0.3], title,
                            [plots.PREDICATE_COLOURS["Inovatif"], plots.PREDICATE_COLOURS["Sangat Inovatif"]])
    return draw


def test_second_call_reuses_the_saved_png(tmp_path):
    calls: list[int] = []
    key = plots.fingerprint("peluang", [0.7, 0.3])
    first = plots.drawn_once(tmp_path, "peluang", key, _draw(calls))
    second = plots.drawn_once(tmp_path, "peluang", key, _draw(calls))
    assert calls == [1] and first == second == (tmp_path / "figures" / "peluang.png").read_bytes()
    with Image.open(tmp_path / "figures" / "peluang.png") as im:
        assert im.info[plots.KEY_FIELD] == key and "Software" not in im.info


def test_other_inputs_or_a_damaged_file_are_drawn_again(tmp_path):
    calls: list[int] = []
    plots.drawn_once(tmp_path, "peluang", plots.fingerprint([0.7, 0.3]), _draw(calls))
    plots.drawn_once(tmp_path, "peluang", plots.fingerprint([0.6, 0.4]), _draw(calls))
    assert len(calls) == 2
    (tmp_path / "figures" / "peluang.png").write_bytes(b"bukan png")
    again = plots.drawn_once(tmp_path, "peluang", plots.fingerprint([0.6, 0.4]), _draw(calls))
    assert len(calls) == 3 and again.startswith(b"\x89PNG")


def test_without_an_output_folder_it_draws_every_time(tmp_path):
    calls: list[int] = []
    a = plots.drawn_once(None, "peluang", "k", _draw(calls))
    b = plots.drawn_once("", "peluang", "k", _draw(calls))
    assert len(calls) == 2 and a == b  # same inputs, same bytes


@pytest.mark.parametrize(("left", "right", "same"), [
    ((pd.DataFrame({"a": [1, 2]}), "judul"), (pd.DataFrame({"a": [1, 2]}), "judul"), True),
    ((pd.DataFrame({"a": [1, 2]}), "judul"), (pd.DataFrame({"a": [1, 3]}), "judul"), False),
    ((pd.DataFrame({"a": [1, 2]}), "judul"), (pd.DataFrame({"a": [1, 2]}), "judul lain"), False),
    (([(50.0, "Inovatif")],), ([(60.0, "Inovatif")],), False),
])
def test_fingerprint_follows_the_inputs(left, right, same):
    assert (plots.fingerprint(*left) == plots.fingerprint(*right)) is same


def test_fingerprint_follows_the_drawing_code(tmp_path):
    other = tmp_path / "views.py"
    other.write_text("label = 'Inovasi masuk'\n", encoding="utf-8")
    before = plots.fingerprint("tren", code=(other,))
    other.write_text("label = 'Jumlah inovasi'\n", encoding="utf-8")
    assert plots.fingerprint("tren", code=(other,)) != before
    assert plots.fingerprint("tren") != before


def test_trend_has_one_axis_per_quantity_and_its_legends_beside_the_panels():
    """The trend used to put IID and counts on two y-axes of one panel, its legend over the
    predikat lines; now each quantity has its own panel and the legends sit right of them."""
    t = pd.DataFrame({"year": [2019, 2020, 2021], "iid": [29.76, 20.02, 45.78], "n_submitted": [14, 4, 52]})
    bands = {y: [(60.01, 100.0, "Sangat Inovatif"), (35.0, 60.0, "Inovatif"), (0.01, 34.99, "Kurang Inovatif")]
             for y in (2019, 2020, 2021)}
    fig = plots_trend.trend(t, "year", "IID", counts={"n_submitted": "Inovasi masuk"}, bands=bands)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)  # the figure comes back closed: give it a canvas to lay it out
    canvas.draw()
    renderer = canvas.get_renderer()
    iid_ax, count_ax = fig.axes
    for ax in (iid_ax, count_ax):
        assert ax.get_legend().get_window_extent(renderer).x0 >= ax.get_window_extent(renderer).x1
    assert [t.get_text() for t in count_ax.get_legend().get_texts()] == ["Inovasi masuk"]
    assert iid_ax.get_legend().get_texts()[0].get_text() == "IID"
