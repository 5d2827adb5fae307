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

import pytest

from graphviz_app.core.run.guards import Limits
from tests.core.run.wall_engine import (
    LECTURE,
    SLACK_S,
    assert_limit,
    assert_peak_rss,
    assert_rejected,
    no_secret,
    profile,
    run,
)

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
