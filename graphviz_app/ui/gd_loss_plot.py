"""The loss per step, on a log or linear axis, with the closed-form optimum as a dashed line.

Ranges grow in jumps (never every frame) so the axes are re-laid out rarely: redraws stay cheap.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from graphviz_app.ui.gd_style import FIT, OPTIMUM, cache, pen, style_plot

TINY = 1e-30
FIRST_X_RANGE = 64  # the step axis starts this long and doubles as the run goes on


class GdLossPlot(pg.PlotWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        style_plot(self, self.tr("Loss"), self.tr("step"), self.tr("L(w, b)"))
        self._curve = pg.PlotDataItem(pen=pen(FIT, 1.6), connect="finite")
        self._curve.setDownsampling(auto=True, method="peak")
        self._curve.setClipToView(True)
        self._optimum_line = pg.InfiniteLine(angle=0, pen=pen(OPTIMUM, 1.2, Qt.DashLine), movable=False)
        self.addItem(self._optimum_line)
        cache(self._optimum_line)
        self.addItem(self._curve)
        self._log = True
        self._optimum_loss = 1.0
        self._x_max = 100.0
        self._y = [math.inf, -math.inf]  # lowest and highest loss shown so far
        self._steps = np.zeros(0)
        self._loss = np.zeros(0)
        self.getPlotItem().setLogMode(False, True)

    @property
    def log_scale(self) -> bool:
        return self._log

    def set_log_scale(self, on: bool) -> None:
        self._log = bool(on)
        self.getPlotItem().setLogMode(False, self._log)
        self._place_optimum()
        self._apply_y_range()

    def set_problem(self, optimum_loss: float, planned_steps: int) -> None:
        self._optimum_loss = float(optimum_loss)
        self._place_optimum()
        self.clear_history(planned_steps)

    def clear_history(self, planned_steps: int) -> None:
        self._steps, self._loss = np.zeros(0), np.zeros(0)
        self._curve.setData([], [])
        self._y = [self._optimum_loss, self._optimum_loss]
        self._x_max = float(min(FIRST_X_RANGE, max(1, planned_steps)))
        self.setXRange(0, self._x_max, padding=0.02)
        self._apply_y_range()

    def set_history(self, steps: np.ndarray, loss: np.ndarray, planned_steps: int) -> None:
        """The whole history so far (views of the lab's arrays; not modified)."""
        if steps.size == 0:
            self.clear_history(planned_steps)
            return
        shown = np.where(np.isfinite(loss), np.maximum(loss, TINY), np.nan)
        self._curve.setData(steps, shown)
        last = float(steps[-1])
        if last > self._x_max:  # double the span, up to the planned number of steps
            self._x_max = float(max(min(2 * self._x_max, planned_steps), last * 1.25))
            self.setXRange(0, self._x_max, padding=0.02)
        new = shown[-min(shown.size, 4096):]
        finite = new[np.isfinite(new)]
        if finite.size and (finite.min() < self._y[0] or finite.max() > self._y[1]):
            self._y = [min(self._y[0], float(finite.min())), max(self._y[1], float(finite.max()))]
            self._apply_y_range()

    def _place_optimum(self) -> None:
        value = self._optimum_loss
        self._optimum_line.setPos(math.log10(max(value, TINY)) if self._log else value)

    def _apply_y_range(self) -> None:
        lo, hi = self._y
        if self._log:
            lo_log, hi_log = math.log10(max(lo, TINY)), math.log10(max(hi, TINY))
            span = max(hi_log - lo_log, 0.5)
            self.setYRange(lo_log - 0.08 * span, hi_log + 0.12 * span, padding=0)
        else:
            self.setYRange(0.0, max(hi, TINY) * 1.08, padding=0)
