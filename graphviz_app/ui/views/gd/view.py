"""The gradient-descent lab: the lecture's linear regression trained live by real TensorFlow.

Composition root of the lab: controls, four panels (data + fit, loss surface + path, loss curve,
numbers) and the session that talks to the engine. The engine sends batches of steps at most 34
times a second; the view folds every batch that arrived into one redraw that only moves existing
items, drawn over a snapshot while training (see overlay.py). The trainer runs in the engine
process, so the drawing never competes with it for Python's GIL.
"""
from __future__ import annotations

import math
import time
from collections import deque

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGridLayout,
    QVBoxLayout,
    QWidget,
)

from graphviz_app.core.gd.data import loss_at
from graphviz_app.core.gd.trainer import History, write_history_csv
from graphviz_app.ui.views.base import AppContext, BaseView
from graphviz_app.ui.views.gd.controls import GdControls
from graphviz_app.ui.views.gd.data_plot import GdDataPlot
from graphviz_app.ui.views.gd.loss_plot import GdLossPlot
from graphviz_app.ui.views.gd.readout import GdReadout
from graphviz_app.ui.views.gd.session import GdSession
from graphviz_app.ui.views.gd.surface_plot import GdSurfacePlot

DEFAULT_EXPORT_STEPS = 200
SPEED_WINDOW_S = 1.0  # steps/s is averaged over about this much training time
REDRAW_INTERVAL_S = 1 / 34  # at most 34 redraws a second: smooth, and cheap for the engine
READOUT_INTERVAL_S = 1 / 4  # numbers changing faster than this cannot be read anyway


class GdLabView(BaseView):
    view_name = "gd"
    title = QT_TRANSLATE_NOOP("ViewTitle", "Gradient descent")
    order = 60

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.session = GdSession(ctx.engine, self._on_batch, self)
        self.controls = GdControls(self)
        self.data_plot = GdDataPlot(self)
        self.surface_plot = GdSurfacePlot(self)
        self.loss_plot = GdLossPlot(self)
        self.readout = GdReadout(self)
        self._plots = (self.data_plot, self.surface_plot, self.loss_plot)
        self.history = History()
        self.redraws = 0  # frames drawn; the benchmark reads it
        self._setup = None
        self._w_now = self._b_now = 0.0
        self._last_batch = None
        self._drawn = None  # (w, b, steps) when the fit and the path were last drawn
        self._speed: deque = deque()  # (steps run, seconds) of recent batches
        self._speed_sum = [0, 0.0]  # their totals
        self._redraw_timer = QTimer(self)  # one pending redraw folds every batch that arrives meanwhile
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.timeout.connect(self._redraw)
        self._last_redraw = self._last_readout = 0.0
        self._start_after_setup = False
        self._export_steps: int | None = None
        self._layout()
        self._connect()
        self.session.set_lr(self.controls.lr.value())
        self.session.set_steps_per_frame(self.controls.steps_per_frame())
        self.readout.show_waiting(self.tr("The lab builds its problem when it is first shown."))

    def _layout(self) -> None:
        grid = QGridLayout()
        grid.setContentsMargins(4, 0, 4, 4)
        grid.setSpacing(4)
        grid.addWidget(self.data_plot, 0, 0)
        grid.addWidget(self.surface_plot, 0, 1)
        grid.addWidget(self.loss_plot, 1, 0)
        grid.addWidget(self.readout, 1, 1)
        grid.setRowStretch(0, 3)  # the plots above get more height than the loss and numbers
        grid.setRowStretch(1, 2)
        for i in (0, 1):
            grid.setColumnStretch(i, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.controls)
        layout.addLayout(grid, 1)

    def _connect(self) -> None:
        c, s = self.controls, self.session
        c.start_pause.connect(self.start_or_pause)
        c.step.connect(self.step_once)
        c.reset.connect(self.reset)
        c.lr_changed.connect(s.set_lr)
        c.speed_changed.connect(s.set_steps_per_frame)
        c.log_scale_changed.connect(self.loss_plot.set_log_scale)
        c.export_csv.connect(self._ask_export_csv)
        c.setup_changed.connect(self.configure)
        s.setup_done.connect(self._on_setup)
        s.stopped.connect(self._on_stopped)
        s.reset_done.connect(self._on_reset)

    # ----- commands (buttons, tests, export) ----------------------------------------------
    def configure(self) -> None:
        """(Re)build data, trainer and loss surface from the controls, on the engine."""
        self.controls.set_running(False)
        self.readout.show_waiting(self.tr("Building the problem and the loss surface in TensorFlow…"))
        self.session.configure(self.controls.data_form.data(), self.controls.train_config())

    def start_or_pause(self) -> None:
        if self.session.training:
            self.session.pause()
            return
        if not self.session.ready_to_train:
            self._start_after_setup = True
            if not self.session.busy:
                self.configure()
            return
        if self._last_batch is not None and self._last_batch.divergence is not None:
            self.session.reset()  # a diverged run restarts from the beginning (with the new γ)
            self._last_batch = None
        planned = self.controls.steps.value()
        target = planned if len(self.history) < planned else len(self.history) + planned
        self._start_training(target, clear_message=True)

    def step_once(self) -> None:
        self.session.step()

    def reset(self) -> None:
        self.session.reset()

    def save_loss_history(self, path: str) -> None:
        """The loss history so far as CSV (step, w, b, loss, grad_w, grad_b, lr)."""
        write_history_csv(self.history, path)

    # ----- engine results ------------------------------------------------------------------
    def _on_setup(self, setup) -> None:
        self._setup = setup
        self._clear_run()
        if setup.error:
            self.readout.show_waiting(self.tr("No problem to train."))
            self.readout.set_message(setup.error, "error")
        else:
            problem, config = setup.problem, setup.config
            self.readout.set_context(config.optimizer, config.mode, config.momentum, setup.devices, problem.optimum)
            self.readout.set_message(problem.source)
            self.data_plot.set_problem(problem.x, problem.y, problem.optimum)
            self.loss_plot.set_problem(problem.optimum.loss, self.controls.steps.value(),
                                       loss_at(problem, config.w0, config.b0))
            self.surface_plot.set_surface(setup.surface, problem.optimum, (config.w0, config.b0))
            self._w_now, self._b_now = config.w0, config.b0
            self._redraw()
        if self._export_steps is not None:
            if setup.error or not self._start_training(self._export_steps):
                self._finish_export()
        elif self._start_after_setup and not setup.error:
            self._start_after_setup = False
            self.start_or_pause()
        self._start_after_setup = False

    def _clear_run(self) -> None:
        self.history.clear()
        self._last_batch = None
        self._speed.clear()
        self._speed_sum = [0, 0.0]

    def _on_batch(self, batch) -> None:
        """(Called inside the session's drawing turn while training: the trainer is parked.)"""
        self.history.extend(batch)
        self._last_batch = batch
        self._w_now, self._b_now = batch.w_after, batch.b_after
        if batch.ran:
            self._speed.append((batch.ran, batch.seconds))
            self._speed_sum[0] += batch.ran
            self._speed_sum[1] += batch.seconds
            while len(self._speed) > 2 and self._speed_sum[1] > SPEED_WINDOW_S:
                ran, seconds = self._speed.popleft()
                self._speed_sum[0] -= ran
                self._speed_sum[1] -= seconds
        if batch.divergence is not None:
            self.readout.set_message(batch.divergence.message, "error")
        if not self._redraw_timer.isActive():
            wait = self._last_redraw + REDRAW_INTERVAL_S - time.perf_counter()
            if wait <= 0.2 * REDRAW_INTERVAL_S:
                self._redraw()  # on time: draw now, one wake-up of the GUI thread, not two
            else:
                self._redraw_timer.start(round(wait * 1000))

    def _start_training(self, target: int, clear_message: bool = False) -> bool:
        if self.session.training or not self.session.ready_to_train:
            return False
        for plot in self._plots:  # first, so the snapshots do not compete with the first steps
            plot.freeze()  # moving parts drawn by a cheap overlay until the run stops
        self.controls.set_running(True)
        if clear_message:
            self.readout.set_message("")
        # lay out and paint what starting changed now, not in the run's first frames (where it
        # would compete with the steps for the GIL)
        QApplication.sendPostedEvents(None, QEvent.LayoutRequest)
        QApplication.sendPostedEvents(None, QEvent.UpdateRequest)
        self.session.start(target)
        return True

    def _on_stopped(self, outcome) -> None:
        self.controls.set_running(False)
        self._redraw()  # the final state, numbers included
        for plot in self._plots:
            plot.thaw()
        if outcome is not None and self._setup is not None and self._setup.problem is not None:
            opt = self._setup.problem.optimum
            if outcome.reason == "done":
                gap = (loss_at(self._setup.problem, self._w_now, self._b_now) - opt.loss) / opt.loss if opt.loss else 0
                self.readout.set_message(self.tr("Done: %1 steps; the loss is %2% above the closed-form optimum.")
                                         .replace("%1", f"{outcome.steps:,}").replace("%2", f"{100 * gap:.3g}"), "ok")
            elif outcome.reason == "paused":
                self.readout.set_message(self.tr("Paused at step %1.").replace("%1", f"{outcome.steps:,}"))
        if self._export_steps is not None:
            self._finish_export()

    def _on_reset(self, start) -> None:
        self._clear_run()
        self._w_now, self._b_now = start
        self.readout.set_message(self.tr("Reset to the start."))
        self._redraw()

    # ----- drawing --------------------------------------------------------------------------
    def _redraw(self) -> None:
        self._redraw_timer.stop()
        self._last_redraw = time.perf_counter()
        setup = self._setup
        if setup is None or setup.problem is None:
            return
        h, planned = self.history, max(self.controls.steps.value(), len(self.history))
        self.loss_plot.set_history(h["step"], h["loss"], planned, self._progress_pace())
        if self._moved():  # a converged run stops moving (w, b): nothing to redraw there
            self.data_plot.set_line(self._w_now, self._b_now)
            self.surface_plot.set_path(h["w"], h["b"], (self._w_now, self._b_now))
        changed = [plot for plot in self._plots if plot.needs_flush]
        for plot in changed:  # marked, and all painted by the last one's repaint: one window flush
            plot.flush(now=plot is changed[-1])
        if self.session.training and self._last_redraw - self._last_readout < READOUT_INTERVAL_S:
            self.redraws += 1
            return
        self._last_readout = self._last_redraw
        batch = self._last_batch
        if batch is None or not len(batch):
            self.readout.show_start(self._w_now, self._b_now, planned,
                                    loss_at(setup.problem, self._w_now, self._b_now))
        else:
            i = len(batch) - 1
            self.readout.show_step(int(batch.first_step + i), planned, float(batch.w[i]), float(batch.b[i]),
                                   float(batch.loss[i]), float(batch.grad_w[i]), float(batch.grad_b[i]),
                                   float(batch.update_w[i]), float(batch.update_b[i]), float(batch.lr[i]),
                                   self.steps_per_s)
        self.redraws += 1

    def _moved(self) -> bool:
        """Has (w, b) moved by a thousandth of the surface's window since it was last drawn?"""
        surface = self._setup.surface
        w, b, n = self._w_now, self._b_now, len(self.history)
        last = self._drawn
        self._drawn = (w, b, n)
        if last is None or n < last[2] or not self.session.training:
            return True
        moved = (abs(w - last[0]) * 1000 > surface.w[-1] - surface.w[0]
                 or abs(b - last[1]) * 1000 > surface.b[-1] - surface.b[0])
        if not moved:
            self._drawn = last  # measure from where it was drawn, so slow drifts still show
        return moved or not (math.isfinite(w) and math.isfinite(b))

    def _progress_pace(self) -> float:
        """Steps the history gains per second while training: TF's pace, or less when the speed
        control holds it to a number of steps per frame."""
        if not self.session.training:
            return 0.0
        per_frame = self.controls.steps_per_frame()
        return min(self.steps_per_s, per_frame / REDRAW_INTERVAL_S) if per_frame else self.steps_per_s

    @property
    def steps_per_s(self) -> float:
        """TF's pace over the last second of training (time spent stepping, not waiting)."""
        steps, seconds = self._speed_sum
        return steps / seconds if seconds > 0 else 0.0

    # ----- BaseView hooks -------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._setup is None and not self.session.busy:
            self.configure()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        if self._export_steps is None:
            self.session.pause()  # leaving the tab frees the engine for the other views

    def is_ready(self) -> bool:
        return self._export_steps is None and not self.session.busy

    def prepare_export(self, options: dict) -> None:
        """Train ``options["steps"]`` steps (default 200) from a fresh start, then emit ready."""
        steps = options.get("steps")
        self._export_steps = int(DEFAULT_EXPORT_STEPS if steps is None else steps)
        self.session.set_steps_per_frame(None)
        self.configure()

    def _finish_export(self) -> None:
        self._export_steps = None
        self.session.set_steps_per_frame(self.controls.steps_per_frame())
        self._redraw()
        self.ready.emit()

    def _ask_export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the loss history"), "loss_history.csv",
                                              self.tr("CSV files (*.csv)"))
        if path:
            try:
                self.save_loss_history(path)
            except OSError as exc:
                self.readout.set_message(self.tr("Could not save %1: %2").replace("%1", str(path))
                                         .replace("%2", str(exc)), "error")
            else:
                self.readout.set_message(self.tr("Saved %1 steps to %2").replace("%1", str(len(self.history)))
                                         .replace("%2", str(path)), "ok")


VIEW = GdLabView
