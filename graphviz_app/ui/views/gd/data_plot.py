"""The data as a scatter plot with the line the gradient descent has fitted so far."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from graphviz_app.ui.views.gd.plot import GdPlot
from graphviz_app.ui.views.gd.style import DATA, FIT, OPTIMUM, cache, pen

MAX_DRAWN_POINTS = 5000  # a big CSV is drawn from an even sample; the fit uses every row


class GdDataPlot(GdPlot):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Data and the fitted line"), "x", "y", parent)
        self._legend = self.addLegend(offset=(-8, -30), labelTextSize="8pt", verSpacing=-6)
        self._scatter = pg.ScatterPlotItem(size=5, pen=None, brush=DATA, name=self.tr("data"))
        self._optimum = pg.PlotCurveItem(pen=pen(OPTIMUM, 1.3, Qt.DashLine), name=self.tr("closed form"))
        self.addItem(self._scatter)
        self.addItem(self._optimum)
        fit_pen = pen(FIT, 2.5)
        self._moving("fit", pg.PlotCurveItem(pen=fit_pen, name=self.tr("y = w·x + b")), fit_pen)
        for item in (self._scatter, self._optimum, self._legend):
            cache(item)
        self._x_ends = np.array([0.0, 1.0])

    def set_problem(self, x: np.ndarray, y: np.ndarray, optimum) -> None:
        if x.size > MAX_DRAWN_POINTS:
            pick = np.linspace(0, x.size - 1, MAX_DRAWN_POINTS).astype(int)
            x, y = x[pick], y[pick]
        self._scatter.setData(x, y)
        x_lo, x_hi = float(x.min()), float(x.max())
        y_lo, y_hi = float(y.min()), float(y.max())
        pad_x, pad_y = 0.06 * (x_hi - x_lo or 1.0), 0.08 * (y_hi - y_lo or 1.0)
        self._x_ends = np.array([x_lo - pad_x, x_hi + pad_x])
        self.setRange(xRange=tuple(self._x_ends), yRange=(y_lo - pad_y, y_hi + pad_y), padding=0)
        self._optimum.setData(self._x_ends, optimum.w * self._x_ends + optimum.b)
        self.refreeze()

    def set_line(self, w: float, b: float) -> None:
        if math.isfinite(w) and math.isfinite(b):
            self._show("fit", self._x_ends, w * self._x_ends + b)
        else:
            self._show("fit", np.zeros(0), np.zeros(0))
