"""Red-team attacks on the snippet walls, run through the engine process the way the app does.

Each test asserts the SAFE outcome. An attack that succeeds (a real hole) is marked
``xfail(strict=True, reason="HOLE: ...")``: the suite stays green while the hole is open and
turns red (XPASS) once it is closed, so the mark can be removed.

Which wall stopped an attack is said in each test's docstring:
  wall 1 = the language (validator, guards, size checks, watchdog) inside the engine;
  wall 2 = the engine process (Landlock, RSS watch, job wall-time kill) from outside.
"""
from __future__ import annotations

import os
import threading
import time

import pytest

from graphviz_app.core import jobs
from graphviz_app.core.engine.sync import JobFailed, JobStopped, SyncEngine
from graphviz_app.core.run.guards import Limits

GB = 1 << 30
PEAK_RSS_MAX = int(4.4 * GB)
SLACK_S = 5.0


@pytest.fixture(scope="module")
def engine():
    eng = SyncEngine()
    # TF's import (3-4 s) happens inside the first job: keep it out of the timed attacks
    eng.call(jobs.run_snippet, "import tensorflow as tf\nprint(tf.constant(1.0))\n", "warm", None,
             wall_s=jobs.run_wall_s())
    yield eng
    eng.close()


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


# =========================================================================================
# STOPPED attacks (must stay green)
# =========================================================================================

@pytest.mark.parametrize("text", [
    'ｏｐｅｎ("/etc/passwd")\n',  # NFKC fullwidth: AST is normalised
    'print(ｏｐｅｎ("/etc/passwd").read())\n',
    'x = ＿＿import＿＿("os")\n',
    'print(__builtins__)\n',
    '_gv_tick(1)\n',
    'import os\n',
    'import tensorflow as tf, os\n',
    'import tensorflow as t2\n',
    'from tensorflow import io\n',
    'import tensorflow as tf\ntf = 1\n',
    'import tensorflow as tf\nt = tf\n',
    'import tensorflow as tf\nprint(tf.io.read_file("/etc/passwd"))\n',
    'import tensorflow as tf\nprint(tf.raw_ops.ReadFile(filename="/etc/passwd"))\n',
    'import tensorflow as tf\nd = tf.data.TextLineDataset("/etc/passwd")\n',
    'import tensorflow as tf\nprint(tf.strings.format("{}", 1))\n',
    'import tensorflow as tf\nprint(tf.compat.v1.gfile.GFile("/etc/passwd").read())\n',
    'import tensorflow as tf\ntf.config.run_functions_eagerly(True)\n',
    'import tensorflow as tf\ntf.summary.create_file_writer("/tmp/x")\n',
    'import tensorflow as tf\ntf.py_function(print, [1], [])\n',
    'import tensorflow as tf\ntf.numpy_function(print, [1], [])\n',
    'import tensorflow as tf\ntf.nest.map_structure(print, [1])\n',
    'import tensorflow as tf\ntf.map_fn(print, tf.zeros([1]))\n',
    'import tensorflow as tf\ntf.debugging.assert_equal(1, 1)\n',
    'import tensorflow as tf\ntf.experimental.numpy.ones(1)\n',
    'import tensorflow as tf\ntf.keras.utils.get_file("x", "http://x")\n',
    'import tensorflow as tf\ntf.load_op_library("/tmp/x.so")\n',
    'import tensorflow as tf\nprint(tf.print.__globals__)\n',
    'import tensorflow as tf\nprint(tf.float32.as_numpy_dtype)\n',
    'import tensorflow as tf\nprint([tf.TensorSpec][0].from_tensor)\n',
    'import tensorflow as tf\nprint(tf.constant(1.0).op)\n',
    'print((1).__class__)\n',
    'print("".__class__.__mro__)\n',
    'print(f"{print.__self__}")\n',
    'print(f"{1:{print.__module__}}")\n',
    'getattr(print, "__self__")\n',
    'eval("1")\n',
    'exec("import os")\n',
    'f = lambda: 1\n',
    'class A:\n    pass\n',
    'try:\n    pass\nexcept Exception:\n    pass\n',
    'def f():\n    global x\n',
    'def f(**k):\n    return k\nprint(f(**{"_gv_x": 1}))\n',
    'def f(x=open):\n    return x\n',
    'def f(x: open = 1):\n    return x\n',
    'def f() -> open:\n    return 1\n',
    'import tensorflow as tf\ndef f():\n    import tensorflow as tf\n    return tf\n',
    'import tensorflow as tf\n@print\ndef f():\n    return 1\n',
    'import tensorflow as tf\n@tf.function(experimental_attributes={"a": 1})\n'
    'def f():\n    return 1\nf()\n',
    'print((x := 1))\n',
    'print({1, 2})\n',
    'print(type(1))\n',
    'print(vars())\n',
    'print(globals())\n',
    'import tensorflow as tf\nprint(tf.constant(1.0).numpy().tofile("/tmp/x"))\n',
    'import tensorflow as tf\nf = tf.function(print)\nf(1)\n',
    'import tensorflow as tf\n@tf.function\ndef f(x):\n    return ag__.os\nf(1)\n',
    'import tensorflow as tf\ntf.print("x", output_stream="file:///tmp/gv_attack.txt")\n',
    'import tensorflow as tf\n@tf.function\ndef f():\n    tf.print("x", output_stream="file:///tmp/gv_attack.txt")\nf()\n',
    'print("x", file=None)\nprint("y", file=1)\n',
])
def test_escapes_are_refused(engine, text):
    """Wall 1: refused before (or, for keyword arguments, when) anything reaches the OS."""
    report, exc, _ = run(engine, text)
    assert exc is None, exc
    assert report.exit_code in (2, 3) or report.error is not None, (report.stdout, report.error)
    assert report.exit_code != 0
    no_secret(report)
    assert not os.path.exists("/tmp/gv_attack.txt")
    assert not os.path.exists("/tmp/x")


def test_unicode_line_separators_stay_in_the_comment(engine):
    """Wall 1: U+2028, \\x0c, \\x1c end a line for str.splitlines but not for the compiler;
    AutoGraph reads the same lines the compiler compiled."""
    text = ('import tensorflow as tf\n'
            '@tf.function\n'
            'def f(x):\n'
            '    # note\u2028 return tf.print(open("/etc/passwd").read())\x0c\x1c\n'
            '    return x + 1\n'
            'print(f(tf.constant(1.0)))\n')
    report, exc, _ = run(engine, text)
    assert exc is None and report.exit_code == 0, report.error
    no_secret(report)
    timing, pexc = profile(engine, report)
    assert pexc is None


def test_hostile_strings_in_a_legit_snippet_are_only_text(engine):
    text = '''import tensorflow as tf
cmd = "__import__('os').system('id'); open('/etc/passwd')"
x = tf.constant(cmd)
print(cmd.upper().lower(), x.numpy())
print(f"{cmd!r:>20}")
'''
    report, exc, _ = run(engine, text)
    assert exc is None and report.exit_code == 0, report.error
    no_secret(report)


def test_ag_name_inside_tf_function_gives_no_attribute(engine):
    """`ag__` (AutoGraph's operators module) IS visible inside a converted tf.function, but wall 1
    refuses every attribute off it (none of ALLOWED_METHODS exists there)."""
    text = '''import tensorflow as tf
@tf.function
def f(x):
    return ag__.converted_call
f(1)
'''
    report, exc, _ = run(engine, text)
    assert_rejected(report, exc)


def test_while_in_a_traced_helper_is_refused(engine):
    text = '''import tensorflow as tf
def g(x):
    while x > 0:
        x = x + 1
    return x
@tf.function
def f(x):
    return g(x)
f(tf.constant(1.0))
'''
    report, exc, _ = run(engine, text)
    assert exc is None and report.exit_code in (2, 3), report.error


@pytest.mark.parametrize("text", [
    'import tensorflow as tf\nx = tf.zeros([100000, 100000])\n',
    'import tensorflow as tf\nx = tf.ones([8000, 1]) * tf.ones([1, 8000])\n',
    'import tensorflow as tf\nx = tf.ones([8000, 1]) @ tf.ones([1, 8000])\n',
    'import tensorflow as tf\nx = tf.fill(tf.constant([10000, 10000]), 1.0)\n',
    'import tensorflow as tf\nx = tf.random.normal(shape=(10000, 10000))\n',
    'import tensorflow as tf\nx = tf.range(10**9)\n',
    'import tensorflow as tf\nx = tf.linspace(0.0, 1.0, 10**9)\n',
    'import tensorflow as tf\nx = tf.concat([tf.ones([3 * 10**7])] * 3, 0)\n',
    'import tensorflow as tf\nx = tf.stack([tf.ones([3 * 10**7])] * 3)\n',
    'import tensorflow as tf\nx = tf.constant(1.0, shape=[10**5, 10**5])\n',
    'import tensorflow as tf\nx = tf.ones([8000])\n'
    'with tf.GradientTape(persistent=True) as t:\n    t.watch(x)\n    y = x * 2.0\n'
    'j = t.jacobian(y, x)\n',
    'import tensorflow as tf\nx = tf.constant([[0.0] * 10**4] * 10**4)\n',
    's = "a" * 10**10\n',
    'x = 10 ** 10 ** 8\n',
    'l = [0]\nl *= 10**9\n',
    'print(f"{1:>4500000000}")\n',
    'print("%4500000000d" % 1)\n',
    'print(round(1, -10**8))\n',
    's = "ab" * 1000\ns = s.replace("", "x" * 10**6)\n',
    'l = ["a" * 10**6] * 100\ns = "".join(l)\n',
    'l = [1] * 10**6\nl.extend(l)\nl.extend(l)\nl.extend(l)\nl.extend(l)\n',
    'print(str([[1] * 10**6] * 100))\n',
    'x = sum([[1] * 10**6] * 11, [])\n',
])
def test_size_bombs_are_a_clean_limit(engine, text):
    """Wall 1: sized before the allocation."""
    report, exc, seconds = run(engine, text)
    assert_limit(report, exc, seconds, 60)
    assert exc is None, "wall 1 should have stopped it"
    assert_peak_rss(engine)


@pytest.mark.parametrize("text", [
    'while True:\n    pass\n',
    'for i in range(10**9):\n    pass\n',
    'def f(n):\n    return f(n + 1)\nprint(f(0))\n',
    'for i in range(10**6):\n    print("x" * 1000)\n',
])
def test_time_and_output_bombs_end_cleanly(engine, text):
    """Wall 1: loop limit, recursion, output limit, watchdog."""
    limits = Limits(wall_time_s=3)
    report, exc, seconds = run(engine, text, limits)
    assert exc is None, exc
    assert seconds <= 3 + SLACK_S
    assert report.exit_code in (1, 3), report.error  # RecursionError is a runtime error (1)


def test_graph_loop_with_a_runtime_trip_count_is_killed_at_the_wall(engine):
    """Wall 2: a While op whose trip count is known only at run time runs in C; the watchdog
    cannot stop it, the app kills the engine at wall + 3 s (README: 'C-level work')."""
    text = '''import tensorflow as tf
@tf.function
def f(n):
    s = tf.constant(0)
    for i in tf.range(n):
        s = s + 1
    return s
print(f(tf.constant(10**15, tf.int64)))
'''
    limits = Limits(wall_time_s=2)
    report, exc, seconds = run(engine, text, limits)
    assert_limit(report, exc, seconds, 2)
    assert_peak_rss(engine)


def test_string_tensor_memory_bomb_is_killed_by_the_rss_watch(engine):
    """Wall 2 only: the element count (10**6) passes wall 1, but 10**6 strings of 100 KB are
    100 GB; the RSS watch kills the engine at 4 GB."""
    text = '''import tensorflow as tf
s = "x" * 100000
t = tf.fill([1000000], s)
print("survived")
'''
    report, exc, seconds = run(engine, text)
    assert_limit(report, exc, seconds, 60)
    assert_peak_rss(engine)




def test_lecture_code_runs(engine):
    report, exc, _ = run(engine, LECTURE)
    assert exc is None and report.exit_code == 0, report.error
    assert "epoch   0" in report.stdout
