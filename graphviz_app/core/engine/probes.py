"""Jobs that exercise the engine process itself: the tests send them, and they show what the
limits do without TensorFlow in the way."""
from __future__ import annotations

import os
import time

from graphviz_app.core.tasks import TaskContext


def echo(_ctx: TaskContext, value):
    return value


def pid(_ctx: TaskContext) -> int:
    return os.getpid()


def wait(ctx: TaskContext, seconds: float, cooperative: bool = True) -> str:
    """Sleep; a cooperative wait ends at a cancel, the other only when killed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if cooperative:
            ctx.check()
        time.sleep(0.01)
    return "waited"


def divide(_ctx: TaskContext, a, b):
    return a / b


def abort(_ctx: TaskContext) -> None:
    os.abort()


def allocate(_ctx: TaskContext, megabytes: int, step_mb: int = 64) -> int:
    """Touch MEGABYTES of memory, STEP_MB at a time (as a growing tensor would)."""
    blocks = [bytearray(step_mb << 20) for _ in range(max(1, megabytes // step_mb))]
    return sum(len(b) for b in blocks)


def keep(_ctx: TaskContext):
    """An object that stays in the engine (a handle for the app)."""
    return Kept()


def read_kept(_ctx: TaskContext, kept) -> int:
    kept.calls += 1
    return kept.calls


def stored(_ctx: TaskContext) -> int:
    from graphviz_app.core.engine import child

    return len(child.SERVER.store) if child.SERVER is not None else -1


def write_file(_ctx: TaskContext, path: str) -> str:
    with open(path, "w") as f:
        f.write("engine")
    return path


def listen(ctx: TaskContext, count: int) -> list:
    """Collect COUNT messages the app sends, then return them."""
    got: list = []
    ctx.listen(got.append)
    while len(got) < count:
        ctx.check()
        time.sleep(0.005)
    return got


def start_profiler(_ctx: TaskContext) -> None:
    """Hold TF's profiler, as another tool in the same process would."""
    import tempfile

    import tensorflow as tf

    tf.profiler.experimental.start(tempfile.mkdtemp(prefix="held_profiler_"))


def stop_profiler(_ctx: TaskContext) -> None:
    import tensorflow as tf

    tf.profiler.experimental.stop()


def bare_gd_loop(_ctx: TaskContext, problem, mode: str, seconds: float, lr: float = 0.1) -> float:
    """The lecture's loop and nothing else (tape, gradient, assign_sub; no recording, no frames):
    steps per second over SECONDS, the anchor of benchmarks/gd_lab.py."""
    import tensorflow as tf

    x, y = tf.constant(problem.x), tf.constant(problem.y)
    w, b = tf.Variable(0.0), tf.Variable(0.0)

    def step():
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(w * x + b - y))
        dw, db = tape.gradient(loss, [w, b])
        w.assign_sub(lr * dw)
        b.assign_sub(lr * db)
        return loss

    fn = tf.function(step) if mode == "graph" else step
    fn()  # trace / warm up outside the timing
    steps, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(50):
            fn()
        steps += 50
    float(w.numpy())  # the work is done before the clock stops
    return steps / (time.perf_counter() - start)


class Kept:
    engine_resident = True

    def __init__(self) -> None:
        self.calls = 0
