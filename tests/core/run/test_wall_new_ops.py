"""Red-team attacks on the neural-network ops and tf.function(jit_compile=...) of the snippet
language, and on Grappler's rewrite inside the run, run through the engine process as the app
does. Each test asserts the safe outcome (see test_wall_attacks.py for the walls)."""
from __future__ import annotations

from graphviz_app.core.engine.sync import JobStopped
from graphviz_app.core.run.guards import Limits
from tests.core.run.wall_engine import assert_limit, assert_peak_rss, assert_rejected, run

WALL = 20.0

# a None batch and out-channel count hid the explicit padding from the conv2d size rule: the
# conv ran, oneDNN failed to allocate its 6.4 GB output and the engine died of SIGSEGV
PADDED_CONV_UNKNOWN_BATCH = '''import tensorflow as tf
@tf.function(input_signature=[tf.TensorSpec([None, 1, 1, 1], tf.float32),
                              tf.TensorSpec([1, 1, 1, None], tf.float32)])
def f(x, k):
    p = [[0, 0], [20000, 20000], [20000, 20000], [0, 0]]
    return tf.reduce_sum(tf.nn.conv2d(x, k, 1, padding=p))
print(f(tf.ones([1, 1, 1, 1]), tf.ones([1, 1, 1, 1])))
'''

# Grappler's constant folding would materialise the Fill (1.6e9 floats) at optimize time
GRAPPLER_FOLDS_HUGE_FILL = '''import tensorflow as tf
@tf.function
def f(x):
    n = tf.shape(x)[0] * 40000
    return tf.reduce_sum(tf.fill([n, n], 1.0) * 2.0)
print(f(tf.ones([1])))
'''

EAGER_CONV_EXPLICIT_PADDING = '''import tensorflow as tf
y = tf.nn.conv2d(tf.ones([1, 10, 10, 1]), tf.ones([3, 3, 1, 1]), strides=1,
                 padding=[[0, 0], [9000, 9000], [9000, 9000], [0, 0]])
print(y.shape)
'''

# the batch comes from a tf.reshape of a runtime-sized input: no size is known while tracing,
# the conv's 16 GB output is refused by TF (ResourceExhausted: a limit) or, on oneDNN's
# Conv2D, the engine dies and is restarted (a crash stop): never a hang or an exit 0
DYNAMIC_BATCH_CONV = '''import tensorflow as tf
@tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
def f(x):
    y = tf.reshape(x, [-1, 1, 1, 1])
    return tf.reduce_sum(tf.nn.conv2d(y, tf.ones([1, 1, 1, 4096]), 1, "VALID"))
print(f(tf.ones([1000000])))
'''


def test_conv_with_unknown_batch_and_huge_padding_is_refused_while_tracing(engine):
    """wall 1: the rule counts an unknown dimension as 1, a lower bound still over the limit."""
    report, exc, seconds = run(engine, PADDED_CONV_UNKNOWN_BATCH, Limits(wall_time_s=WALL))
    assert_limit(report, exc, seconds, WALL)
    assert report.error.msg_id == "limit.elements" and "nn.conv2d" in report.error.message
    assert_peak_rss(engine)


def test_grappler_never_folds_a_huge_fill(engine):
    """wall 1: the Fill's output is checked while tracing, before Grappler sees the graph."""
    report, exc, seconds = run(engine, GRAPPLER_FOLDS_HUGE_FILL, Limits(wall_time_s=WALL))
    assert_limit(report, exc, seconds, WALL)
    assert report.error.msg_id == "limit.elements"
    assert_peak_rss(engine)


def test_explicit_padding_counts_in_the_conv_result(engine):
    """wall 1: nn_sizes adds explicit padding to the spatial dims."""
    report, exc, seconds = run(engine, EAGER_CONV_EXPLICIT_PADDING, Limits(wall_time_s=WALL))
    assert_limit(report, exc, seconds, WALL)
    assert report.error.params["count"] == 18010 ** 2


def test_jit_compile_takes_only_a_flag(engine):
    report, exc, _ = run(engine, 'import tensorflow as tf\n@tf.function(jit_compile="x")\n'
                                 'def f(x):\n    return x\nprint(f(1.0))\n')
    assert_rejected(report, exc)


def test_runtime_sized_conv_is_stopped(engine):
    """wall 2 (or TF's own OOM): the output size is unknowable while tracing."""
    report, exc, seconds = run(engine, DYNAMIC_BATCH_CONV, Limits(wall_time_s=WALL))
    assert seconds <= WALL + 30, seconds
    if exc is not None:
        assert isinstance(exc, JobStopped) and exc.stop.kind in ("limit", "crash"), exc
    else:
        assert report.exit_code == 3 and report.error.kind == "limit", report.error
    assert_peak_rss(engine)
