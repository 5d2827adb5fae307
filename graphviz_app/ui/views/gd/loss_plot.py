"""The loss per step, on a log or linear axis, with the closed-form optimum as a dashed line.

Ranges grow in jumps (never every frame) so the axes are re-laid out rarely: redraws stay cheap.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from graphviz_app.ui.views.gd.plot import GdPlot
from graphviz_app.ui.views.gd.style import FIT, OPTIMUM, Grown, PeakThinner, cache, pen

TINY = 1e-30
FIRST_X_RANGE = 64  # the step axis starts this long and grows as the run goes on, at least 2×
LOOKAHEAD_S = 2.0  # and far enough to hold this long at the current pace: each growth re-renders
# the plot's snapshot (~3 ms), so a fast run should not rescale its axis every few frames


class GdLossPlot(GdPlot):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Loss"), self.tr("step"), self.tr("L(w, b)"), parent)
        self._optimum_line = pg.InfiniteLine(angle=0, pen=pen(OPTIMUM, 1.2, Qt.DashLine), movable=False)
        self.addItem(self._optimum_line)
        cache(self._optimum_line)
        curve_pen = pen(FIT, 1.0)
        self._moving("curve", pg.PlotDataItem(pen=curve_pen, connect="finite"), curve_pen, grows=True)
        self._log = True
        self._optimum_loss = 1.0
        self._start_loss = 1.0
        self._pace = 0.0  # steps/s of the last run: a rerun's axis starts long enough for it
        self._x_max = 100.0
        self._y = [math.inf, -math.inf]  # lowest and highest loss shown so far
        self._steps = np.zeros(0)
        self._loss = np.zeros(0)
        self._thinner = PeakThinner()
        self._log_y = Grown()  # log10 of the curve; its first .n points are final
        self.getPlotItem().setLogMode(False, True)

    @property
    def log_scale(self) -> bool:
        return self._log

    def set_log_scale(self, on: bool) -> None:
        self._log = bool(on)
        self.getPlotItem().setLogMode(False, self._log)
        self._place_optimum()
        self._apply_y_range()
        self.refreeze()
        self._show_curve()

    def set_problem(self, optimum_loss: float, planned_steps: int, start_loss: float | None = None) -> None:
        """``start_loss``, the loss at the start, lets the axis hold the whole descent at once."""
        self._optimum_loss = float(optimum_loss)
        self._start_loss = float(start_loss) if start_loss is not None and math.isfinite(start_loss) else 0.0
        self._pace = 0.0  # a new problem or setup: its pace is not known yet
        self._place_optimum()
        self.clear_history(planned_steps)

    def clear_history(self, planned_steps: int) -> None:
        self._steps, self._loss = np.zeros(0), np.zeros(0)
        self._thinner.clear()
        self._show_curve()
        # (float32 losses dip below the optimum; the descent starts at the start loss)
        self._y = [self._optimum_loss / 1.2, max(self._optimum_loss, 1.5 * self._start_loss)]
        self._x_max = float(min(max(FIRST_X_RANGE, self._pace * LOOKAHEAD_S), max(1, planned_steps)))
        self.setXRange(0, self._x_max, padding=0.02)
        self._apply_y_range()

    def set_history(self, steps: np.ndarray, loss: np.ndarray, planned_steps: int, pace: float = 0.0) -> None:
        """The whole history so far (views of the lab's arrays; not modified); ``pace``: steps
        per second of the run, if known."""
        if steps.size == 0:
            self.clear_history(planned_steps)
            return
        changed = False
        last = float(steps[-1])
        self._pace = pace or self._pace
        if last > self._x_max:  # grow the span, up to the planned number of steps
            ahead = max(2 * self._x_max, last + pace * LOOKAHEAD_S)
            self._x_max = float(max(min(ahead, planned_steps), last * 1.25))
            self.setXRange(0, self._x_max, padding=0.02)
            changed = True
        self._thinner.set_size(max(1, int(self._x_max / max(100, self.width()))))  # ~1 run per pixel
        self._steps, self._loss, keep = self._thinner.update(steps, loss)
        new = self._loss[keep:]
        finite = new[np.isfinite(new)]
        if finite.size and (finite.min() < self._y[0] or finite.max() > self._y[1]):
            # grow with room to spare, so a slowly creeping loss does not re-lay the axis often
            lo, hi = float(finite.min()), float(finite.max())
            self._y = [min(self._y[0], lo / 1.5 if lo < self._y[0] else lo),
                       max(self._y[1], hi * 1.5 if hi > self._y[1] else hi)]
            self._apply_y_range()
            changed = True
        if changed:
            self.refreeze()  # (inks the curve so far anew; the new points follow as usual)
        self._show_curve(keep)

    def _show_curve(self, keep: int | None = None) -> None:
        """The overlay draws in view coordinates: log10 of the loss on a log axis, computed only
        for the points that changed (NaN/inf and a loss of 0 leave gaps)."""
        y = self._loss
        if not self._log:
            self._show("curve", self._steps, y, keep=keep)
            return
        done = min(self._log_y.n, keep if keep is not None else 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            view_y = self._log_y.put(done, np.log10(y[done:]))
        self._log_y.n = min(self._thinner.complete, view_y.size)
        self._show("curve", self._steps, y, view_y, keep=keep)

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
