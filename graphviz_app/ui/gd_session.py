"""The GD lab's bridge to the engine: every TF call of the lab is a job submitted from here.

The trainer lives in the engine's world: the GUI holds a reference but only ever hands it back
to engine jobs. Jobs report through one relay object whose connections exist before any job is submitted, and
queued signals keep submission order, so a reset or a new setup always lands after the last
batch of the run before it.
"""
from __future__ import annotations

import contextlib
import itertools
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from graphviz_app.core.regression import LiveSettings, StepBatch, TrainConfig, train_loop
from graphviz_app.core.regression_data import SyntheticSpec
from graphviz_app.core.regression_lab import LabSetup, build_lab
from graphviz_app.core.tasks import TaskContext


FRAME_S = 1 / 34  # the engine reports (and the view redraws) 34 times a second


class _Relay(QObject):
    """Lives on the GUI thread; jobs emit on it from the engine thread (queued delivery)."""

    batch = Signal(object)
    done = Signal(int, object, object)  # token, result, error text or None


def _job(ctx, relay: _Relay, token: int, fn, *args):
    try:
        result, error = fn(TaskContext(ctx.cancel_event, relay.batch.emit), *args), None
    except Exception:  # reported to the view; the engine thread lives on
        result, error = None, traceback.format_exc()
    try:
        relay.done.emit(token, result, error)
    except RuntimeError:  # the view was closed meanwhile: nobody is listening
        pass
    return result


def _setup(_ctx, data, config):
    return build_lab(data, config)


def _train(ctx, trainer, settings, target):
    return train_loop(ctx, trainer, settings, target, frame_s=FRAME_S)


def _step(ctx, trainer, lr):
    batch = trainer.run(1, lr=lr)
    ctx.progress(batch)
    return None


def _reset(_ctx, trainer):
    trainer.reset()
    return trainer.current()


class GdSession(QObject):
    """``on_batch(StepBatch)``, at most 34 times a second, runs in the drawing turn. It is a plain
    call, not a signal: at 29 ms apart a signal's emission costs ~0.1 ms of cold Qt and PySide
    code per frame (benchmarks/gd_frame_cost.py: 969/996 → 868/894 µs a frame)."""

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
        self._relay = _Relay(self)
        # Queued and to declared slots: PySide may run a slot it cannot tie to a receiver in the
        # emitting (engine) thread; these must run on the GUI thread, and our public signals are
        # emitted there too (safe for lambdas and tests).
        self._relay.batch.connect(self._forward_batch, Qt.QueuedConnection)
        self._relay.done.connect(self._on_done, Qt.QueuedConnection)
        self._tokens = itertools.count(1)
        self._pending: dict[int, tuple[str, object]] = {}  # token -> (kind, job)
        self._training = False
        self._generation = 0  # of the latest configure(); older setups are dropped

    # ----- state -------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._pending)

    @property
    def training(self) -> bool:
        return self._training

    @property
    def ready_to_train(self) -> bool:
        return self.setup is not None and self.setup.trainer is not None

    def _submit(self, kind: str, fn, *args, extra=None) -> None:
        token = next(self._tokens)
        self._pending[token] = (kind, extra)  # before the engine can possibly answer
        job = self.engine.submit(_job, self._relay, token, fn, *args, name=f"gd-{kind}")
        # a job cancelled before it started never runs _job: the engine's own signal tells us
        job.failed.connect(lambda text, t=token: self._on_done(t, None, text))
        if len(self._pending) == 1:
            self.busy_changed.emit(True)

    @Slot(object)
    def _forward_batch(self, batch) -> None:
        # The turn first: the trainer parks while the view takes the batch, instead of stepping
        # against this thread for the GIL (the view's redraw in there joins this turn).
        with self.drawing_turn():
            self._on_batch(batch)

    @Slot(int, object, object)
    def _on_done(self, token: int, result, error) -> None:
        if token not in self._pending:
            return
        kind, extra = self._pending.pop(token)
        if kind == "setup":
            config, generation = extra
            if generation == self._generation:  # a newer configure() supersedes this one
                self.setup = result if error is None else LabSetup(None, None, None, config, error=error)
                self.setup_done.emit(self.setup)
        elif kind == "train":
            self._training = False
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
        self._submit("setup", _setup, data, config, extra=(config, self._generation))

    def start(self, target_steps: int) -> bool:
        """Train until the history holds ``target_steps`` steps. False if that cannot start now."""
        if self._training or not self.ready_to_train:
            return False
        self._training = True
        self.settings.clear_pause()
        self._submit("train", _train, self.setup.trainer, self.settings, target_steps)
        return True

    def pause(self) -> None:
        if self._training:
            self.settings.request_pause()

    def step(self) -> bool:
        if self._training or not self.ready_to_train:
            return False
        self._submit("step", _step, self.setup.trainer, self.settings.lr)
        return True

    def reset(self) -> None:
        if not self.ready_to_train:
            return
        self.pause()
        self._submit("reset", _reset, self.setup.trainer)

    def drawing_turn(self):
        """Draw inside this: a running trainer parks between two steps until the block ends, so
        the drawing and TF do not fight over the GIL (see core/frame_gate.py)."""
        return self.settings.gate.turn() if self._training else contextlib.nullcontext()

    def set_lr(self, lr: float) -> None:
        """Takes effect at the next frame of a running loop (the engine reads it every frame)."""
        self.settings.set_lr(lr)

    def set_steps_per_frame(self, steps: int | None) -> None:
        self.settings.set_steps_per_frame(steps)

    def shutdown(self) -> None:
        """Stop the run so the engine is free (the window is closing or the view goes away)."""
        self.pause()
