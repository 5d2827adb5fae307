"""What the red-team tests share: running a snippet and profiling it in the engine process as
the app does, the lecture's code, and the checks of a safe outcome."""
from __future__ import annotations

import time

from graphviz_app.core import jobs
from graphviz_app.core.engine.sync import JobFailed, JobStopped

GB = 1 << 30
PEAK_RSS_MAX = int(4.4 * GB)
# a limit's stop may come this long after the wall: a busy 2-core host, the watchdog's grace,
# an engine restart; a wall that does not hold at all overshoots by minutes
SLACK_S = 30.0


def run(engine, text, limits=None):
    """(report or None, exception or None, seconds). Profiles a clean run as the app does."""
    started = time.monotonic()
    try:
        report = engine.call(jobs.run_snippet, text, "attack", limits,
                             wall_s=jobs.run_wall_s(limits))
    except (JobStopped, JobFailed) as e:
        return None, e, time.monotonic() - started
    return report, None, time.monotonic() - started


def profile(engine, report, wall_s=jobs.PROFILE_WALL_S):
    """(timing or None, exception or None)."""
    if not (report.ok and report.callables):
        return None, None
    try:
        _timeline, timing = engine.call(jobs.profile, report, wall_s=wall_s)
    except (JobStopped, JobFailed) as e:
        return None, e
    return timing, None


LECTURE = '''import tensorflow as tf
tf.random.set_seed(0)
X = tf.random.normal([100, 1])
Y = 3.0 * X + 2.0 + tf.random.normal([100, 1], stddev=0.1)
w = tf.Variable(tf.zeros([1, 1]), name="w")
b = tf.Variable(0.0, name="b")
lr = 0.1


@tf.function
def loss_fn(X, Y):
    """Mean squared error."""
    return tf.reduce_mean(tf.square(X @ w + b - Y))


for epoch in range(20):
    with tf.GradientTape() as tape:
        loss = loss_fn(X, Y)
    dw, db = tape.gradient(loss, [w, b])
    w.assign_sub(lr * dw)
    b.assign_sub(lr * db)
    if epoch % 5 == 0:
        print(f"epoch {epoch:3d}: loss={loss.numpy():.4f} w={w.numpy()[0, 0]:.3f}")
x = tf.ones((2, 2))
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    y = tf.reduce_sum(x)
    z = tf.multiply(y, y)
print(t.gradient(z, x), t.jacobian(y, x), x.shape[0], x[:, 0])
print(f"{loss=}", loss_fn.experimental_get_tracing_count())
'''


def temp_dir(engine) -> str:
    return engine.process._proc.temp_dir


def no_secret(report):
    text = ((report.stdout or "") + (report.stderr or "")
            + (report.error.message if report.error else ""))
    assert "root:" not in text


def assert_rejected(report, exc, kinds=("forbidden", "unsupported", "syntax")):
    assert exc is None, f"engine job failed: {exc}"
    assert report.exit_code == 2, report.error
    assert report.error.kind in kinds, report.error
    no_secret(report)


def assert_limit(report, exc, seconds, wall):
    assert seconds <= wall + SLACK_S, seconds
    if exc is not None:  # wall 2: the engine was killed at a limit
        assert isinstance(exc, JobStopped) and exc.stop.kind == "limit", exc
    else:  # wall 1: a clean limit error
        assert report.exit_code == 3 and report.error.kind == "limit", report.error


def assert_peak_rss(engine):
    assert engine.process.peak_rss <= PEAK_RSS_MAX, engine.process.peak_rss / GB
