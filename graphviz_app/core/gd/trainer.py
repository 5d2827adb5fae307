"""Linear regression trained by gradient descent in real TensorFlow: the lecture's last example.

The problem (regression_data.py) is 1-D, y ≈ w·x + b, so it can be drawn. Training runs the lecture's loop —
tape, gradient, ``assign_sub`` — one TF call per step, eagerly or as a ``tf.function``, on the
device TF picks. Steps are recorded cheaply (the step's own tensors are kept and copied out once
per frame) so that watching the run costs almost nothing.

Everything here runs in the engine process; ``LiveSettings`` (regression_config.py) is the only
object another thread (the engine's reader) touches while a run is going. Headless runs and the
view's setup: regression_lab.py.
"""
from __future__ import annotations

import contextlib
import io
import math
import time
from dataclasses import dataclass

import numpy as np

from graphviz_app.core.gd.config import (
    DIVERGENCE_FACTOR,
    FRAME_S,
    HISTORY_COLUMNS,
    LiveSettings,
    TrainConfig,
    default_device,
    resolve_device,
)
from graphviz_app.core.gd.data import Problem
from graphviz_app.core.messages import message
from graphviz_app.core.tasks import TaskContext


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class Divergence:
    step: int
    loss: float
    lr: float

    @property
    def message(self) -> str:
        if not math.isfinite(self.loss):
            return message("gd.diverged.nonfinite", step=self.step, lr=self.lr)
        return message("gd.diverged.grew", step=self.step, loss=self.loss, lr=self.lr)


@dataclass
class StepBatch:
    """Steps first_step … first_step+len−1; per step the values *before* its update."""

    first_step: int
    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    grad_w: np.ndarray
    grad_b: np.ndarray
    update_w: np.ndarray  # what assign_sub subtracted: w_next = w − update_w
    update_b: np.ndarray
    lr: np.ndarray
    w_after: float
    b_after: float
    seconds: float = 0.0
    ran: int = 0  # steps TF ran; more than len() when a divergence cut the batch
    divergence: Divergence | None = None

    def __len__(self) -> int:
        return int(self.loss.size)

    @property
    def steps(self) -> np.ndarray:
        return np.arange(self.first_step, self.first_step + len(self))


class History:
    """Every recorded step of a run in growable float64 arrays (``HISTORY_COLUMNS``)."""

    def __init__(self) -> None:
        self._data = {c: np.empty(1024) for c in HISTORY_COLUMNS}
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, column: str) -> np.ndarray:
        return self._data[column][: self._n]

    def clear(self) -> None:
        self._n = 0

    def extend(self, batch: StepBatch) -> None:
        k = len(batch)
        if self._n + k > self._data["step"].size:
            size = max(2 * self._data["step"].size, self._n + k)
            for c, a in self._data.items():
                grown = np.empty(size)
                grown[: self._n] = a[: self._n]
                self._data[c] = grown
        values = dict(step=batch.steps, w=batch.w, b=batch.b, loss=batch.loss,
                      grad_w=batch.grad_w, grad_b=batch.grad_b, lr=batch.lr)
        for c in HISTORY_COLUMNS:
            self._data[c][self._n: self._n + k] = values[c]
        self._n += k

    def to_csv(self) -> str:
        out = io.StringIO()
        out.write(",".join(HISTORY_COLUMNS) + "\n")
        columns = [self[c] for c in HISTORY_COLUMNS]
        for i in range(self._n):
            out.write(f"{int(columns[0][i])}," + ",".join(f"{c[i]:.9g}" for c in columns[1:]) + "\n")
        return out.getvalue()


def write_history_csv(history: History, path: str) -> None:
    """The loss history as CSV: one row per step, columns ``HISTORY_COLUMNS``."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(history.to_csv())


# --------------------------------------------------------------------------- training
class Trainer:
    """The lecture's loop on one device. Build it, step it and reset it in the engine process only.

    Optimizers are written out with ``assign``/``assign_sub`` rather than taken from Keras: the
    update the view prints must be exactly the update TF ran, and Keras would add its import time.
    """

    engine_resident = True  # it holds Variables: the app gets a handle (core/engine/wire.py)

    def __init__(self, problem: Problem, config: TrainConfig = TrainConfig()):  # noqa: B008 (frozen)
        import tensorflow as tf

        self._tf = tf
        self.problem, self.config = problem, config
        self.device = resolve_device(config.device)
        # A device scope costs every call ~5% of a tf.function step: pin only when the choice
        # differs from where TF would put the ops anyway (the CPU while a GPU is there).
        self._pinned = self.device != default_device()
        self._results_on_host = self.device.startswith("/CPU")
        self.history = History()
        self.divergence: Divergence | None = None
        n = problem.n
        self._minibatch = bool(config.batch_size) and config.batch_size < n
        self._lr_value = config.learning_rate
        n_slots = {"gd": 0, "momentum": 2, "adam": 5}[config.optimizer]
        with tf.device(self.device):
            self._x = tf.constant(problem.x, tf.float32)
            self._y = tf.constant(problem.y, tf.float32)
            self._w = tf.Variable(config.w0, dtype=tf.float32, name="w")
            self._b = tf.Variable(config.b0, dtype=tf.float32, name="b")
            self._slots = [tf.Variable(0.0, dtype=tf.float32) for _ in range(n_slots)]
        self._eager_step = self._build_step()
        self._graph_steps: dict[float, object] = {}  # γ → its traced step
        self.trace_s = 0.0
        if config.mode == "graph":
            start = time.perf_counter()
            self._graph_step_for(self._lr_value)
            self.trace_s = time.perf_counter() - start
        self.reset()

    @property
    def devices(self) -> dict:
        """Where TF put things, read from the tensors' own ``.device``."""
        return {"requested": self.config.device, "device": self.device,
                "data": self._x.device, "variables": self._w.device}

    @property
    def lr(self) -> float:
        return self._lr_value

    def reset(self) -> None:
        cfg = self.config
        self._w.assign(cfg.w0)
        self._b.assign(cfg.b0)
        for slot in self._slots:
            slot.assign(0.0)
        self.history.clear()
        self.divergence = None
        self._loss_start: float | None = None
        self._w_host, self._b_host = float(np.float32(cfg.w0)), float(np.float32(cfg.b0))
        self._rng = np.random.default_rng(cfg.seed)
        self._perm = None
        self._cursor = 0

    def current(self) -> tuple[float, float]:
        """(w, b) now, as last fetched from the device."""
        return self._w_host, self._b_host

    def _updates(self, dw, db, lr):
        """What assign_sub subtracts, per optimizer: w ← w − update."""
        tf, cfg = self._tf, self.config
        if cfg.optimizer == "gd":
            return lr * dw, lr * db
        if cfg.optimizer == "momentum":  # heavy ball: v ← βv + g; w ← w − γv
            vw, vb = self._slots
            vw.assign(cfg.momentum * vw + dw)
            vb.assign(cfg.momentum * vb + db)
            return lr * vw, lr * vb
        mw, mb, sw, sb, t = self._slots  # Adam with bias correction
        t.assign_add(1.0)
        c1, c2 = 1.0 - cfg.beta1 ** t, 1.0 - cfg.beta2 ** t
        out = []
        for g, m, s in ((dw, mw, sw), (db, mb, sb)):
            m.assign(cfg.beta1 * m + (1.0 - cfg.beta1) * g)
            s.assign(cfg.beta2 * s + (1.0 - cfg.beta2) * g * g)
            out.append(lr * (m / c1) / (tf.sqrt(s / c2) + cfg.epsilon))
        return out

    def _build_step(self):
        """The lecture's step, with γ a Python float as in the lecture."""
        tf, w, b = self._tf, self._w, self._b

        def lecture_step(x, y, lr):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(w * x + b - y))
            dw, db = tape.gradient(loss, [w, b])
            update_w, update_b = self._updates(dw, db, lr)
            w.assign_sub(update_w)
            b.assign_sub(update_b)
            return loss, dw, db, update_w, update_b

        return lecture_step

    def _graph_step_for(self, lr: float):
        """The traced step for this γ. γ is a constant in the graph, as the lecture's Python float
        is: a live change traces once more (tens of ms) instead of every call reading a Variable."""
        fn = self._graph_steps.get(lr)
        if fn is not None:
            return fn
        tf, step, x, y = self._tf, self._eager_step, self._x, self._y
        place = self._placement
        if self._minibatch:
            def graph_step(indices):
                with place():
                    return tf.stack(step(tf.gather(x, indices), tf.gather(y, indices), lr))

            fn = tf.function(graph_step, autograph=False,
                             input_signature=[tf.TensorSpec([None], tf.int32)])
        else:
            def graph_step():
                with place():
                    return tf.stack(step(x, y, lr))

            fn = tf.function(graph_step, autograph=False)
        fn.get_concrete_function()  # trace now, not inside the timed loop
        if len(self._graph_steps) >= 32:
            self._graph_steps.clear()
        self._graph_steps[lr] = fn
        return fn

    def _placement(self):
        """The device scope for the steps' ops: none unless the device is pinned."""
        return self._tf.device(self.device) if self._pinned else contextlib.nullcontext()

    def _next_indices(self):
        n, size = self.problem.n, self.config.batch_size
        if self._perm is None or self._cursor >= n:
            self._perm = self._tf.constant(self._rng.permutation(n).astype(np.int32))
            self._cursor = 0
        indices = self._perm[self._cursor: self._cursor + size]
        self._cursor += size
        return indices

    def _run_steps(self, max_steps: int, deadline: float | None) -> list:
        """The steps' results, one (5,) or five scalars per step, not yet fetched from the device."""
        tf, records = self._tf, []
        graph, lr = self.config.mode == "graph", self._lr_value
        step = self._graph_step_for(lr) if graph else self._eager_step
        x, y, clock, record = self._x, self._y, time.perf_counter, records.append
        if deadline is None:
            deadline = math.inf
        for _ in range(max_steps):
            if self._minibatch:
                idx = self._next_indices()
                record(step(idx) if graph else step(tf.gather(x, idx), tf.gather(y, idx), lr))
            else:
                record(step() if graph else step(x, y, lr))
            if clock() >= deadline:
                break
        return records

    def run(self, max_steps: int, deadline: float | None = None, lr: float | None = None) -> StepBatch:
        """Run up to ``max_steps`` steps (fewer if ``deadline`` passes); fetch them in one go."""
        if lr is not None:
            self._lr_value = float(lr)
        if self.divergence is not None or max_steps <= 0:
            return self._batch(np.zeros((0, 5), np.float32), 0.0)
        start = time.perf_counter()
        with self._placement():
            records = self._run_steps(max_steps, deadline)
            rows = self._fetch(records)
        seconds = time.perf_counter() - start
        batch = self._batch(rows, seconds)
        batch.ran = len(records)
        self._check_divergence(batch)
        self.history.extend(batch)
        self._w_host, self._b_host = batch.w_after, batch.b_after
        return batch

    def _fetch(self, records: list) -> np.ndarray:
        """The steps' float32 results as (steps, 5) rows, copied out in one go. Not with a TF op
        joining them (tf.concat/tf.stack): that builds a new kernel for every batch length (its N
        attribute), milliseconds each. A CPU tensor lends its memory (the buffer protocol), so
        ``bytes.join`` copies them all in C: a frame's fetch 254 → 158 µs against numpy asking
        each tensor for an array; a GPU's results are copied to the host one by one."""
        flat = records if self.config.mode == "graph" else [t for record in records for t in record]
        if self._results_on_host:
            return np.frombuffer(b"".join(flat), np.float32).reshape(-1, 5)
        return np.array(flat, np.float32).reshape(-1, 5)

    def _batch(self, rows: np.ndarray, seconds: float) -> StepBatch:
        """``rows``: float32 (loss, dw, db, update_w, update_b) per step. w and b before each step
        are not read from the device: TF's assign_sub is one float32 subtraction, so subtracting
        the recorded updates in float32, in order, gives exactly the values TF holds (tested);
        reading the Variables each frame cost ~0.4 ms of eager dispatch."""
        k = rows.shape[0]
        with np.errstate(over="ignore", invalid="ignore"):
            w = np.subtract.accumulate(np.concatenate([np.float32([self._w_host]), rows[:, 3]]))
            b = np.subtract.accumulate(np.concatenate([np.float32([self._b_host]), rows[:, 4]]))
        rows = rows.astype(np.float64)
        return StepBatch(len(self.history), w[:k].astype(np.float64), b[:k].astype(np.float64),
                         rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3], rows[:, 4],
                         np.full(k, self._lr_value), float(w[k]), float(b[k]), seconds)

    def _check_divergence(self, batch: StepBatch) -> None:
        """NaN/inf, or 10⁶× the first loss: cut the batch there and park (w, b) on that step."""
        if not len(batch):
            return
        if self._loss_start is None:
            self._loss_start = float(batch.loss[0])
        start = self._loss_start if math.isfinite(self._loss_start) else 0.0
        limit = DIVERGENCE_FACTOR * max(start, 1e-30)
        if (batch.loss <= limit).all():  # the usual frame, in one pass (a NaN or inf fails it, and a
            return  # mean of squares is never below 0)
        bad = ~np.isfinite(batch.loss) | (batch.loss > limit)
        i = int(np.argmax(bad))
        for name in ("w", "b", "loss", "grad_w", "grad_b", "update_w", "update_b", "lr"):
            setattr(batch, name, getattr(batch, name)[: i + 1])
        batch.w_after, batch.b_after = float(batch.w[i]), float(batch.b[i])
        self._w.assign(batch.w_after)
        self._b.assign(batch.b_after)
        batch.divergence = self.divergence = Divergence(batch.first_step + i, float(batch.loss[i]),
                                                        self._lr_value)


@dataclass
class TrainOutcome:
    reason: str  # "done" | "paused" | "diverged" | "cancelled"
    steps: int  # steps in the history now
    stepped: int  # steps TF ran in this call
    busy_s: float  # time spent stepping (excludes frame waits)
    wall_s: float  # the whole call: stepping, fetching, reporting, waiting
    divergence: Divergence | None = None

    @property
    def steps_per_s(self) -> float:
        return self.stepped / self.busy_s if self.busy_s > 0 else 0.0


def train_loop(ctx: TaskContext, trainer: Trainer, settings: LiveSettings, target_steps: int,
               frame_s: float = FRAME_S) -> TrainOutcome:
    """Train until the history holds ``target_steps`` steps; one progress(StepBatch) per frame.

    Reads the live learning rate and speed every frame; returns early on pause, cancel or
    divergence. ``steps_per_frame`` None means as fast as TF goes.
    """
    stepped, busy, start = 0, 0.0, time.perf_counter()
    while True:
        remaining = target_steps - len(trainer.history)
        if trainer.divergence is not None:
            reason = "diverged"
        elif ctx.cancelled:
            reason = "cancelled"
        elif settings.pause_requested:
            reason = "paused"
        elif remaining <= 0:
            reason = "done"
        else:
            reason = ""
        if reason:
            return TrainOutcome(reason, len(trainer.history), stepped, busy,
                                time.perf_counter() - start, trainer.divergence)
        frame_start = time.perf_counter()
        per_frame = settings.steps_per_frame
        count = remaining if per_frame is None else min(remaining, per_frame)
        batch = trainer.run(count, deadline=frame_start + frame_s, lr=settings.lr)
        stepped, busy = stepped + batch.ran, busy + batch.seconds
        ctx.progress(batch)
        if per_frame is not None:
            rest = frame_start + frame_s - time.perf_counter()
            if rest > 0:
                settings.wait(rest)
