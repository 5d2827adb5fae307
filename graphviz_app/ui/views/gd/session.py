"""The GD lab's bridge to the engine: every TF call of the lab is a job submitted from here.

The trainer lives in the engine process: the GUI holds a handle and only ever hands it back to
engine jobs (``core.jobs.gd_*``). The engine runs jobs in order and its messages arrive in
order, so a reset or a new setup always lands after the last batch of the run before it. A
running training listens for live settings (learning rate, speed, pause) sent to its job.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from shiboken6 import isValid

from graphviz_app.core import jobs
from graphviz_app.core.gd.config import LiveSettings, TrainConfig
from graphviz_app.core.gd.data import SyntheticSpec
from graphviz_app.core.gd.lab import LabSetup
from graphviz_app.core.gd.trainer import StepBatch

FRAME_S = jobs.GD_FRAME_S


class GdSession(QObject):
    """``on_batch(StepBatch)``, at most 34 times a second, is a plain call, not a signal: at
    29 ms apart a signal's emission costs ~0.1 ms of cold Qt and PySide code per frame
    (benchmarks/gd_frame_cost.py: 969/996 → 868/894 µs a frame)."""

    setup_done = Signal(object)  # LabSetup (check .error)
    stopped = Signal(object)  # TrainOutcome of a run, or None after a single step
    reset_done = Signal(object)  # (w, b) at the start
    busy_changed = Signal(bool)

    def __init__(self, engine, on_batch: Callable[[StepBatch], None], parent: QObject | None = None):
        super().__init__(parent)
        self.engine = engine
        self._on_batch = on_batch
        self.settings = LiveSettings()
        self.setup: LabSetup | None = None
        self._train_job = None  # the running training, which takes live settings
        # job id -> (job, kind, what it needs back). By id: a Job (a QObject) is no dict key
        # to trust, PySide's wrappers did not always find themselves again.
        self._pending: dict[int, tuple[object, str, object]] = {}
        self._training = False
        self._generation = 0  # of the latest configure(); older setups are dropped

    # ----- state -------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        if not isValid(self):  # deleted with its view: nothing of it can still be waited for
            return False
        self._settle()
        return bool(self._pending)

    def _settle(self) -> None:
        """Handle jobs that ended without their answer reaching us (a signal PySide dropped was
        seen under load): the job keeps its outcome, so nothing waits for an answer forever."""
        for job in [j for j, _kind, _extra in self._pending.values() if j.done and j.outcome is not None]:
            self._on_done(job, *job.outcome)

    @property
    def training(self) -> bool:
        return self._training

    @property
    def ready_to_train(self) -> bool:
        return self.setup is not None and self.setup.trainer is not None

    def _submit(self, kind: str, fn, *args, extra=None):
        job = self.engine.submit(fn, *args, name=f"gd-{kind}")
        self._pending[job.id] = (job, kind, extra)
        if kind in ("train", "step"):
            job.progress.connect(lambda batch: isValid(self) and self._on_batch(batch))
        job.finished.connect(lambda result, j=job: self._on_done(j, result, None))
        job.failed.connect(lambda text, j=job: self._on_done(j, None, text))
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        return job

    def _on_done(self, job, result, error) -> None:
        if not isValid(self) or job.id not in self._pending:  # (deleted by a language switch meanwhile)
            return
        _job, kind, extra = self._pending.pop(job.id)
        if kind == "setup":
            config, generation = extra
            if generation == self._generation:  # a newer configure() supersedes this one
                self.setup = result if error is None else LabSetup(None, None, None, config, error=error)
                self.setup_done.emit(self.setup)
        elif kind == "train":
            self._training = False
            self._train_job = None
            self.stopped.emit(result)
        elif kind == "step":
            self.stopped.emit(None)
        elif kind == "reset" and error is None:
            self.reset_done.emit(result)
        if not self._pending:
            self.busy_changed.emit(False)

    # ----- commands ----------------------------------------------------------------------
    def configure(self, data: SyntheticSpec | str, config: TrainConfig) -> None:
        """New data or training setup: stop any run and build a fresh trainer and surface."""
        self.pause()
        self.setup = None
        self._generation += 1
        self._submit("setup", jobs.gd_setup, data, config, extra=(config, self._generation))

    def start(self, target_steps: int) -> bool:
        """Train until the history holds ``target_steps`` steps. False if that cannot start now."""
        if self._training or not self.ready_to_train:
            return False
        self._training = True
        self._train_job = self._submit("train", jobs.gd_train, self.setup.trainer, self.settings.lr,
                                       self.settings.steps_per_frame, target_steps)
        return True

    def pause(self) -> None:
        if self._train_job is not None:
            self._train_job.send(("pause",))

    def step(self) -> bool:
        if self._training or not self.ready_to_train:
            return False
        self._submit("step", jobs.gd_step, self.setup.trainer, self.settings.lr)
        return True

    def reset(self) -> None:
        if not self.ready_to_train:
            return
        self.pause()
        self._submit("reset", jobs.gd_reset, self.setup.trainer)

    def set_lr(self, lr: float) -> None:
        """Takes effect at the next frame of a running loop (the engine reads it every frame)."""
        self.settings.set_lr(lr)
        if self._train_job is not None:
            self._train_job.send(("lr", self.settings.lr))

    def set_steps_per_frame(self, steps: int | None) -> None:
        self.settings.set_steps_per_frame(steps)
        if self._train_job is not None:
            self._train_job.send(("steps_per_frame", self.settings.steps_per_frame))

    def shutdown(self) -> None:
        """Stop the run so the engine is free (the window is closing or the view goes away)."""
        self.pause()
