"""Colours, plot styling and point thinning shared by the gradient-descent lab's plots (no widget here).

Plots follow the Qt palette (so light and dark themes both read well); the lab's own colours
are fixed so the same quantity has the same colour in every plot: data grey-blue, the fit and
the GD path orange, the closed-form optimum green.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QGraphicsItem

DATA = QColor(70, 110, 170, 170)
FIT = QColor(235, 120, 30)
PATH = QColor(245, 120, 20)
OPTIMUM = QColor(30, 160, 80)
TRUE_LINE = QColor(120, 120, 120)
CONTOUR = QColor(255, 255, 255, 110)
# on the loss surface's colour map (viridis), not on the theme's background: white in both themes
DOT = QColor(255, 255, 255, 210)
MARKER_RING = QColor(255, 255, 255)


def style_plot(widget: pg.PlotWidget, title: str, x_label: str, y_label: str) -> None:
    """Palette colours, small fonts, no mouse-wheel surprises, no auto range (we set ranges so
    axes are not re-laid out on every frame)."""
    palette = widget.palette()
    text = palette.color(QPalette.WindowText)
    widget.setBackground(palette.color(QPalette.Base))
    item = widget.getPlotItem()
    font = QFont(widget.font())
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    item.setTitle(title, color=text.name(), size=f"{font.pointSizeF() + 1:.0f}pt")
    for name, label in (("bottom", x_label), ("left", y_label)):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(text))
        axis.setTextPen(pg.mkPen(text))
        axis.setTickFont(font)
        axis.setLabel(label, color=text.name())
        axis.label.setFont(font)
        axis.enableAutoSIPrefix(False)
        cache(axis)  # replaying an axis' text costs ~4 ms a paint; a cached pixmap costs ~0
    cache(item.titleLabel)
    item.getAxis("left").setWidth(44)
    item.setMenuEnabled(False)
    item.hideButtons()
    item.disableAutoRange()
    item.getViewBox().setMouseEnabled(x=True, y=True)
    widget.setMinimumSize(160, 120)
    widget.setFocusPolicy(Qt.NoFocus)


def cache(item: QGraphicsItem) -> None:
    """Paint ``item`` once into a pixmap and blit it on later frames (until it changes).

    Every frame repaints the region of the moving line, which spans the plot; without the cache
    the static items under it (axes with their grid, the surface image, contours, the data
    points) would be re-rendered each time, holding the GIL the training thread needs."""
    item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)


def pen(color: QColor, width: float = 1.5, style=Qt.SolidLine) -> pg.QtGui.QPen:
    p = pg.mkPen(color, width=width)
    p.setStyle(style)
    p.setCosmetic(True)
    return p


class Grown:
    """A float64 array that is appended to in place (capacity doubles): a frame appends its few
    new points and hands out a view, instead of concatenating the whole curve again."""

    def __init__(self) -> None:
        self._a = np.empty(256)
        self.n = 0

    def clear(self) -> None:
        self.n = 0

    def append(self, values: np.ndarray) -> None:
        self.put(self.n, values)
        self.n += values.size

    def put(self, at: int, values: np.ndarray) -> np.ndarray:
        """``values`` written from ``at`` on, past the end if need be; the view up to their end.
        (Points past ``n`` are a scratch tail: the next append or put overwrites them.)"""
        end = at + values.size
        if end > self._a.size:
            grown = np.empty(max(2 * self._a.size, end))
            grown[:at] = self._a[:at]
            self._a = grown
        self._a[at:end] = values
        return self._a[:end]

    def view(self) -> np.ndarray:
        return self._a[: self.n]


class PathThinner:
    """Keeps, of a growing path, only the points that enter a new (cell_x × cell_y) cell; with
    cells about a pixel wide the polyline looks the same, and a converged run's thousands of
    steps collapse to a handful. Each call looks only at the points added since the last."""

    def __init__(self) -> None:
        self.cell = (1.0, 1.0)
        self._x, self._y = Grown(), Grown()
        self.clear()

    def clear(self) -> None:
        self._x.clear()
        self._y.clear()
        self._seen = 0
        self._last_cell = None

    def set_cell(self, cell_x: float, cell_y: float) -> None:
        if (cell_x, cell_y) != self.cell:
            self.cell = (cell_x, cell_y)
            self.clear()

    def update(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The thinned path of ``x, y`` (the whole path so far; it only ever grows or restarts),
        as views that stay valid until the next call."""
        if x.size < self._seen:
            self.clear()
        new_x, new_y = x[self._seen:], y[self._seen:]
        if new_x.size:
            with np.errstate(invalid="ignore", over="ignore"):
                cells = np.column_stack([np.floor(new_x / self.cell[0]), np.floor(new_y / self.cell[1])])
            keep = np.ones(new_x.size, bool)
            keep[1:] = np.any(cells[1:] != cells[:-1], axis=1)
            if self._last_cell is not None:
                keep[0] = bool(np.any(cells[0] != self._last_cell))
            self._last_cell = cells[-1]
            self._x.append(new_x[keep])
            self._y.append(new_y[keep])
            self._seen = x.size
        return self._x.view(), self._y.view()


class PeakThinner:
    """Of a growing curve, the lowest and highest y of each run of ``size`` points (a noisy
    mini-batch loss keeps its envelope); with about one run per pixel column it looks the same.
    Runs once complete never change, so each call only looks at the points added since."""

    def __init__(self) -> None:
        self.size = 1
        self._x, self._y = Grown(), Grown()  # the complete runs' points
        self.clear()

    def clear(self) -> None:
        self._x.clear()
        self._y.clear()
        self._done = 0  # input points already folded into complete runs

    def set_size(self, size: int) -> None:
        if size != self.size:
            self.size = size
            self.clear()

    @property
    def complete(self) -> int:
        """Leading output points that will never change."""
        return self._x.n

    def update(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
        """(x, y) to draw and how many leading points are the same as last time's; the arrays
        are views that stay valid until the next call."""
        if x.size < self._done:
            self.clear()
        kept = self._x.n
        size, start = self.size, self._done
        full = (x.size - start) // size * size
        if full:
            xs, ys = x[start:start + full], y[start:start + full]
            if size > 1:
                runs = ys.reshape(-1, size)
                lo, hi = np.fmin.reduce(runs, axis=1), np.fmax.reduce(runs, axis=1)  # NaN-skipping
                xs, ys = np.repeat(xs[::size], 2), np.column_stack([hi, lo]).ravel()
            self._x.append(xs)
            self._y.append(ys)
            self._done += full
        n = self._x.n  # the incomplete run's raw points follow, until it completes
        return self._x.put(n, x[self._done:]), self._y.put(n, y[self._done:]), kept
