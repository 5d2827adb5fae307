"""The red team's replay holes, closed: what re-runs the user's code after the run (tape
analysis, the profiler's twin, the scale sweep) keeps the run's guards and the values of the
run. The red team's method, walls and shared engine: see test_wall_attacks.py and
wall_engine.py."""
from __future__ import annotations

import os
import threading
import time

import pytest

from graphviz_app.core.run.guards import Limits
from tests.core.run.wall_engine import (
    LECTURE,
    SLACK_S,
    assert_peak_rss,
    profile,
    run,
    temp_dir,
)

# =========================================================================================
# HOLES, closed (each was an xfail(strict) while the attack succeeded): every replay of the
# user's code after the run (tape analysis, the profiler's twin, describing functions) runs
# under the run's guards and limits, with values as they were during the run
# =========================================================================================

DEFAULT_ARG_WRITE = '''import tensorflow as tf
s = None
@tf.function
def f(x, y=tf.print("written by a default argument", output_stream=s)):
    return x + 1
print(f(tf.constant(1.0)))
s = "file://{path}"
'''


def test_default_argument_reevaluated_with_real_tf_writes_into_engine_tmpdir(engine):
    """Wall 1 lets `output_stream=None` through in the run; plain_function evaluates the default
    again after `s` changed, with the real tf.print. Landlock allows the engine's TMPDIR."""
    path = os.path.join(temp_dir(engine), "pwn_default.txt")
    report, exc, _ = run(engine, DEFAULT_ARG_WRITE.format(path=path))
    written = os.path.exists(path)
    assert not written, "the snippet wrote a file of its choice inside the engine's TMPDIR"
    assert exc is None, f"traceback instead of a RunReport: {str(exc)[-200:]}"


def test_default_argument_to_a_path_outside_tmp_is_a_traceback(engine, tmp_path):
    """Landlock (wall 2) refuses the write outside TMPDIR, but wall 1 never saw it, and the
    PermissionDeniedError escapes as the app's traceback."""
    target = tmp_path / "pwned.txt"
    report, exc, _ = run(engine, DEFAULT_ARG_WRITE.format(path=target))
    assert not target.exists()  # Landlock held (wall 2)
    assert exc is None, f"traceback instead of a RunReport: {str(exc)[-300:]}"


def test_default_argument_failing_at_reevaluation_is_a_traceback(engine):
    text = '''import tensorflow as tf
n = 1
@tf.function
def f(x, k=10 // n):
    return x * k
print(f(tf.constant(1.0)))
n = 0
'''
    report, exc, _ = run(engine, text)
    assert exc is None, f"traceback instead of a RunReport: {str(exc)[-200:]}"


def test_tape_block_retraced_with_real_tf_writes_into_engine_tmpdir(engine):
    path = os.path.join(temp_dir(engine), "pwn_tape.txt")
    text = f'''import tensorflow as tf
s = None
x = tf.Variable(1.0)
with tf.GradientTape() as t:
    tf.print("written by the tape analysis", output_stream=s)
    y = x * x
g = t.gradient(y, x)
s = "file://{path}"
'''
    report, exc, _ = run(engine, text)
    written = os.path.exists(path)
    assert exc is None and report.ok, (exc, report and report.error)
    assert not written, "the tape analysis wrote a file of the snippet's choice"


def test_tape_block_write_outside_tmp_is_refused_by_landlock(engine, tmp_path):
    """Same attack to a path outside TMPDIR: Landlock (wall 2) refuses; the analysis notes the
    failure and the run stays a RunReport. Wall 1 did NOT stop it."""
    target = tmp_path / "pwned_tape.txt"
    text = f'''import tensorflow as tf
s = None
x = tf.Variable(1.0)
with tf.GradientTape() as t:
    tf.print("x", output_stream=s)
    y = x * x
g = t.gradient(y, x)
s = "file://{target}"
'''
    report, exc, _ = run(engine, text)
    assert exc is None and report.exit_code == 0
    assert not target.exists()


def test_profiler_twin_is_a_different_unguarded_def_of_the_same_name(engine):
    text = '''import tensorflow as tf
def f(x):
    s = "ab" * 10**7
    return int(str(len(s)) + "x")
@tf.function
def f(x):
    return x + 1
print(f(tf.constant(1.0)))
'''
    report, exc, _ = run(engine, text)
    assert exc is None and report.ok
    timing, pexc = profile(engine, report)
    assert pexc is None, pexc
    # "ab" * 10**7 is 2*10**7 characters, over the 10**7 limit: the guards would refuse it
    assert "20000000x" not in str(timing), timing


@pytest.mark.parametrize("arg", ["(v for v in [1])", "{'a': 1}.keys()"])
def test_unpicklable_tf_function_argument_is_a_traceback(engine, arg):
    text = f'''import tensorflow as tf
@tf.function
def f(x):
    return 1
f({arg})
'''
    report, exc, _ = run(engine, text)
    assert exc is None, f"traceback instead of a RunReport: {str(exc)[-200:]}"


def test_tf_print_of_string_tensors_floods_past_the_output_limit(engine):
    text = '''import tensorflow as tf
s = "x" * 100000
big = tf.fill([1000], s)
for i in range(3):
    tf.print(big, summarize=1000)
print("done")
'''
    peak = [0]
    done = threading.Event()

    directory = temp_dir(engine)

    def watch():
        while not done.is_set():
            total = 0
            try:
                for name in os.listdir(directory):
                    try:
                        total += os.path.getsize(os.path.join(directory, name))
                    except OSError:
                        pass
            except OSError:
                pass
            peak[0] = max(peak[0], total)
            time.sleep(0.02)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        report, exc, seconds = run(engine, text, Limits(wall_time_s=20))
    finally:
        done.set()
        watcher.join()
    assert_peak_rss(engine)
    assert exc is None, exc
    assert peak[0] <= 3 * Limits().max_output_chars, f"{peak[0] / 1e6:.0f} MB written"
    assert report.exit_code == 3, "the run printed ~300 MB and ended without a limit error"


def test_profile_replay_with_a_list_mutated_after_the_run_is_unguarded(engine):
    text = '''import tensorflow as tf
@tf.function
def f(l):
    s = tf.constant(0.0)
    for v in l:
        s = s + v
    return s
l = [1.0, 2.0]
print(f(l))
l.extend([1.0] * 300000)
'''
    report, exc, _ = run(engine, text)
    assert exc is None and report.ok
    started = time.monotonic()
    timing, pexc = profile(engine, report, wall_s=6)
    assert time.monotonic() - started <= 6 + SLACK_S
    assert pexc is None, f"profiling did not end by itself: {pexc}"


@pytest.mark.parametrize("text", [
    # never called in the run: the run itself is clean, the trace happens afterwards
    'import tensorflow as tf\n@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])\n'
    'def f(x):\n    for i in range(10**9):\n        x = x + 1.0\n    return x\n',
    # stopped by the watchdog in the run, traced again afterwards (a zero-arg function has
    # input_signature ())
    'import tensorflow as tf\n@tf.function\ndef f():\n    for i in range(10**10):\n        pass\n'
    '    return 1\nf()\n',
])
def test_functions_are_traced_again_after_the_run_without_guards(engine, text):
    limits = Limits(wall_time_s=3)
    report, exc, seconds = run(engine, text, limits)
    assert exc is None, f"the engine was killed: {exc}"
    assert report.exit_code == 3, report.error


def test_lecture_tf_function_inside_a_tape_profiles(engine):
    report, exc, _ = run(engine, LECTURE)
    assert exc is None and report.exit_code == 0, report.error
    timing, pexc = profile(engine, report)
    assert pexc is None and "error" not in timing["loss_fn"], timing


def test_del_of_a_persistent_tape_is_ordinary_lecture_code(engine):
    text = '''import tensorflow as tf
x = tf.constant(3.0)
with tf.GradientTape(persistent=True) as g:
    g.watch(x)
    y = x * x
    z = y * y
dz_dx = g.gradient(z, x)
dy_dx = g.gradient(y, x)
del g
print(dz_dx, dy_dx)
'''
    report, exc, _ = run(engine, text)
    assert exc is None and report.exit_code == 0, report.error
