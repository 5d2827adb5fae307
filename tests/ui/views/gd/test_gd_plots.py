"""The lab's plots: the training overlay must look like the plot it stands in for, and the
point thinning must keep the picture while dropping points."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor, QImage, QPalette, QPen
from PySide6.QtWidgets import QApplication

from graphviz_app.core.gd.data import loss_surface, surface_window, synthetic_problem
from graphviz_app.ui.views.gd.data_plot import GdDataPlot
from graphviz_app.ui.views.gd.loss_plot import GdLossPlot
from graphviz_app.ui.views.gd.plot import GdPlot
from graphviz_app.ui.views.gd.style import Grown, PathThinner, PeakThinner
from graphviz_app.ui.views.gd.surface_plot import GdSurfacePlot


def pixels(widget) -> np.ndarray:
    """``widget`` rendered afresh."""
    return rgb(widget.grab().toImage())


def shown(widget) -> np.ndarray:
    """What ``widget``'s window holds now, as the frames painted it (not a fresh render)."""
    return rgb(widget.screen().grabWindow(widget.window().winId()).toImage())


def rgb(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format_RGB32)
    raw = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return raw[:, : image.width() * 4].reshape(image.height(), image.width(), 4)[..., :3].astype(int)


def differing(a: np.ndarray, b: np.ndarray) -> float:
    """Share of pixels that differ clearly (antialiasing and 1-px offsets aside)."""
    return float((np.abs(a - b).max(axis=2) > 60).mean())


@pytest.fixture(scope="module")
def problem():
    return synthetic_problem()


def show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(640, 360)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_data_plot_overlay_looks_like_the_plot(qtbot, problem):
    plot = show(qtbot, GdDataPlot())
    plot.set_problem(problem.x, problem.y, problem.optimum)
    plot.set_line(2.5, 1.0)
    live = pixels(plot)
    plot.freeze()
    assert plot.frozen
    frozen = pixels(plot)
    assert differing(live, frozen) < 0.01
    plot.set_line(1.0, 3.0)  # moves in the overlay only
    moved = pixels(plot)
    assert differing(frozen, moved) > 0.002
    plot.thaw()
    assert not plot.frozen and differing(moved, pixels(plot)) < 0.01


def test_surface_and_path_overlay_looks_like_the_plot(qtbot, problem):
    plot = show(qtbot, GdSurfacePlot())
    surface = loss_surface(problem, surface_window(problem), resolution=61)
    plot.set_surface(surface, problem.optimum, (0.0, 0.0))
    t = np.linspace(0, 1, 400)
    w, b = 3 * t ** 0.5, 2 * t
    plot.set_path(w[:200], b[:200], (w[200], b[200]))
    live = pixels(plot)
    plot.freeze()
    assert differing(live, pixels(plot)) < 0.02
    plot.set_path(w, b, (3.0, 2.0))
    plot.thaw()
    final = pixels(plot)
    assert differing(live, final) > 0.001


def test_new_ends_painted_over_the_last_frame_look_like_a_whole_paint(qtbot):
    plot = show(qtbot, GdLossPlot())
    plot.set_problem(0.25, 500, start_loss=30.0)
    steps = np.arange(300.0)
    loss = 0.25 + 30 * np.exp(-steps / 20) * (1 + 0.3 * np.sin(steps))
    plot.set_history(steps[:100], loss[:100], 500)
    plot.freeze()
    QApplication.processEvents()  # its first paint, through the event loop as in the app
    for end in range(110, 300, 10):  # frames that only add to the curve
        plot.set_history(steps[:end], loss[:end], 500)
        plot.flush()
    _item, curve = plot._items["curve"]
    assert curve.inked < curve.shown  # painted over the window's last frame, not yet inked
    window = shown(plot)
    whole = pixels(plot)  # a whole paint inks what was missing
    assert curve.inked == curve.shown
    assert differing(window, whole) == 0


class TwoGrowingLines(GdPlot):
    """A line and dots that only grow (as the descent path and its dots do), nothing else moving."""

    def __init__(self):
        super().__init__("t", "x", "y")
        self.getPlotItem().setRange(xRange=(0, 1), yRange=(-1, 1), padding=0)
        line_pen, dot_pen = QPen(QColor("#1f77b4"), 1.0), QPen(QColor("#d62728"), 4.0)
        line_pen.setCosmetic(True)
        dot_pen.setCosmetic(True)
        self._moving("line", pg.PlotCurveItem(pen=line_pen), line_pen, grows=True)
        self._moving("dots", pg.ScatterPlotItem(size=4), dot_pen, "dots", grows=True)


def test_new_ends_of_a_line_and_of_dots_over_the_last_frame_look_like_a_whole_paint(qtbot):
    plot = show(qtbot, TwoGrowingLines())
    x = np.linspace(0, 1, 200)
    y, dots_y = 0.4 + 0.5 * np.sin(9 * x), -0.5 + 0.3 * np.sin(9 * x)  # apart: no overlaps to order
    plot._show("line", x[:20], y[:20])
    plot._show("dots", x[:20:4], dots_y[:20:4])
    plot.freeze()
    QApplication.processEvents()
    for end in range(30, 200, 10):
        before = end - 10
        plot._show("line", x[:end], y[:end], keep=before)
        plot._show("dots", x[:end:4], dots_y[:end:4], keep=len(range(0, before, 4)))
        plot.flush()
    layers = [layer for _item, layer in plot._items.values()]
    assert all(layer.inked < layer.shown for layer in layers)  # painted over the last frame
    window = shown(plot)
    # (Qt strokes a wide point's square cap a pixel or two longer on the snapshot pixmap than on
    # the window: the newest dot's end, 20 pixels here; a frame that missed its dots lacks ~2000)
    assert differing(window, pixels(plot)) < 0.0002
    assert (window.min(axis=2) < 200).mean() > 0.01  # and the window does show them


def test_loss_plot_overlay_and_log_scale(qtbot):
    plot = show(qtbot, GdLossPlot())
    plot.set_problem(0.25, 500)
    steps = np.arange(300.0)
    loss = 0.25 + 30 * np.exp(-steps / 20)
    plot.set_history(steps[:150], loss[:150], 500)
    live = pixels(plot)
    plot.freeze()
    assert differing(live, pixels(plot)) < 0.01
    plot.set_history(steps, loss, 500)
    plot.set_log_scale(False)
    plot.thaw()
    assert not plot.log_scale
    linear = pixels(plot)
    # a thin curve covers ~1% of the plot: 0.3% of pixels changed is a redrawn curve
    assert differing(live, linear) > 0.003  # the thaw shows the new history on the new scale
    plot.set_log_scale(True)
    assert plot.log_scale and differing(linear, pixels(plot)) > 0.003  # the switch redraws the curve


def test_a_closed_plot_ignores_a_theme_switch(qtbot):
    """pyqtgraph's close() drops the plot item; a palette change reaching the closed plot later
    (a hidden top-level window by then) must not restyle what is gone. (pytest-qt fails the test
    on an exception raised in changeEvent.)"""
    plot = show(qtbot, GdLossPlot())
    plot.freeze()
    plot.close()
    plot.setPalette(QPalette(QColor("black")))  # what a light/dark switch sends every window
    assert plot.getPlotItem() is None and not plot.frozen


def test_path_thinner_keeps_the_shape_and_drops_the_crowd():
    thinner = PathThinner()
    thinner.set_cell(0.01, 0.01)
    t = np.arange(5000.0)
    x, y = 1 - np.exp(-t / 30), 2 * (1 - np.exp(-t / 50))
    first_x, _ = thinner.update(x[:2500], y[:2500])
    thin_x, thin_y = thinner.update(x, y)  # only the new part is looked at
    assert thin_x.size < 400 and thin_x[: first_x.size].tolist() == first_x.tolist()
    assert (thin_x[0], thin_y[0]) == (x[0], y[0])
    # every dropped point is within one cell of a kept one
    kept = np.column_stack([thin_x, thin_y])
    for i in (10, 99, 777, 4999):
        assert np.min(np.abs(kept - [x[i], y[i]]).max(axis=1)) <= 0.02
    shorter, _ = thinner.update(x[:10], y[:10])  # a reset starts over
    assert shorter.size <= 10


def test_a_grown_array_appends_in_place_and_keeps_its_points_when_it_grows():
    grown = Grown()
    grown.append(np.arange(200.0))
    tail = grown.put(grown.n, np.array([-1.0, -2.0]))  # a scratch tail after the 200 points
    assert tail.size == 202 and tail[-1] == -2.0 and grown.view().size == 200
    grown.append(np.arange(200.0, 1000.0))  # past the first capacity: moves, keeps the points
    assert grown.view().tolist() == list(range(1000))
    grown.clear()
    assert grown.view().size == 0


def test_peak_thinner_keeps_the_envelope():
    thinner = PeakThinner()
    thinner.set_size(10)
    x = np.arange(1000.0)
    y = np.where(x % 7 == 0, 5.0, 1.0)
    y[500] = np.nan  # a gap does not poison its bucket
    out_x, out_y, kept = thinner.update(x[:995], y[:995])
    assert kept == 0 and out_x.size == 2 * 99 + 5
    out_x, out_y, kept = thinner.update(x, y)
    assert kept == 2 * 99 and out_x.size == 200
    assert np.nanmax(out_y) == 5.0 and np.nanmin(out_y) == 1.0


def test_loss_axis_holds_the_descent_and_grows_ahead_of_a_fast_run(qtbot):
    plot = show(qtbot, GdLossPlot())
    plot.set_problem(0.25, 100_000, start_loss=20.0)
    x_range, y_range = plot.getPlotItem().viewRange()
    assert x_range[1] < 100  # a run of unknown pace starts short
    assert 10 ** y_range[1] >= 20.0 and 10 ** y_range[0] <= 0.25  # start loss and optimum in view
    steps = np.arange(100.0)
    plot.freeze()
    snapshots = plot._overlay.snapshots
    plot.set_history(steps, 0.25 + 20 * np.exp(-steps / 10), 100_000, pace=3000.0)
    assert plot.getPlotItem().viewRange()[0][1] >= 100 + 2 * 3000  # ~2 s ahead at 3000 steps/s
    assert plot._overlay.snapshots == snapshots + 1  # one re-render for the growth, none for y
    plot.thaw()
    plot.clear_history(500)  # a rerun of the same setup: its pace is remembered, up to the plan
    assert plot.getPlotItem().viewRange()[0][1] == pytest.approx(500, rel=0.05)
