"""Resource bombs must stop with a clean limit error before they allocate.

Each snippet here would take 5-10 GB (or abort the process) if a guard missed it. They run in
this process with ``run_source``; a few run in a subprocess that reports its peak RSS.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from graphviz_app.core.run.guards import Limits
from graphviz_app.core.run.runner import run_source
from tests import support

ROOT = str(support.ROOT)
FAST_S = 10.0

# 1. tensor sizes read through every argument form
TENSOR_BOMBS = {
    "numpy shape": "s = tf.constant([50000, 50000]).numpy()\nx = tf.zeros(s)",
    "range shape": "x = tf.zeros(range(50000, 50002))",
    "TensorShape": "a = tf.zeros([50000, 1])\nb = tf.zeros([1, 50000])\n"
                   "x = tf.ones((a + 0).shape)\n"
                   "y = tf.zeros(tf.zeros([1, 50000]).shape + tf.zeros([50000, 1]).shape)",
    "tensor shape": "x = tf.ones(tf.constant([50000, 50000]))",
    "keyword add": "a = tf.zeros([50000, 1])\nb = tf.zeros([1, 50000])\nc = tf.add(x=a, y=b)",
    "keyword where": "a = tf.zeros([50000, 1])\nb = tf.zeros([1, 50000])\n"
                     "c = tf.where(a > 0, x=a, y=b)",
    "matmul transpose_b": "a = tf.zeros([50000, 1])\nc = tf.matmul(a, a, transpose_b=True)",
    "matmul adjoint_a": "a = tf.zeros([1, 50000])\nc = tf.matmul(a, a, adjoint_a=True)",
    "vector linspace": "s = tf.zeros([100000])\nc = tf.linspace(s, s + 1, 1000)",
    "jacobian": "x = tf.Variable(tf.zeros([20000]))\nwith tf.GradientTape() as tape:\n"
                "    y = x * 2.0\nj = tape.jacobian(y, x)",
    "nested list": "row = [0.0] * 10000\nx = tf.constant([row] * 10000)",
    "nested list Variable": "row = [0.0] * 10000\nv = tf.Variable([row] * 10000)",
    "constant shape kw": "x = tf.constant(1.0, shape=range(50000, 50002))",
    "fill dims": "x = tf.fill(dims=[50000, 50000], value=1.0)",
    "random range": "x = tf.random.normal(range(50000, 50002))",
    "concat keyword": "a = tf.zeros([30000000])\nx = tf.concat(values=[a, a], axis=0)",
    "binop list operand": "a = tf.zeros([50000, 1])\nb = a + [[0.0] * 50000]",
    "in tf.function static": "@tf.function\ndef f():\n    return tf.zeros([50000, 50000])\nf()",
}

# 3. plain-Python bombs
PYTHON_BOMBS = {
    "string doubling": "s = 'x' * 1000000\nfor i in range(40):\n    s = s + s",
    "list doubling": "l = [0] * 1000000\nfor i in range(40):\n    l = l + l",
    "bytes doubling": "s = str(1) * 1000000\nfor i in range(40):\n    s += s",
    "repeat": "s = 'x' * 6000000000",
    "in-place repeat str": "s = 'abc'\ns *= 2000000000",
    "in-place repeat list": "l = [1, 2]\nl *= 3000000000",
    "str of list": "s = 'x' * 9000000\nt = str([s] * 90)",
    "print of list": "s = 'x' * 9000000\nprint([s] * 90)",
    "big power": "x = 10 ** 10 ** 8",
    "big shift": "x = 1 << 10 ** 9",
    "squaring": "x = 10 ** 100000\nfor i in range(40):\n    x = x * x",
    "round": "x = round(1, -10 ** 8)",
    "int to str": "x = 10 ** 100000\ns = str(x)",
    "percent width": "s = '%4500000000d' % 1",
    "deep nesting to tf": "x = 0\nfor i in range(255):\n    x = [x]\nt = tf.constant(x)",
    "print flood": "s = 'x' * 1000\nfor i in range(1000000):\n    print(s)",
    "print one huge": "s = 'x' * 9000000\nprint(s, s)",
    "sum of lists": "l = [0] * 1000000\nt = sum([l] * 100, [])",
}

# the instrumenter routes method calls / f-string fields through the guard
ROUTED_BOMBS = {
    "join": "s = 'x' * 9000000\nt = ''.join([s] * 600)",
    "extend": "l = [0] * 1000000\nfor i in range(40):\n    l.extend(l)",
    "replace": "s = 'x' * 100000\nt = s.replace('x', s)",
    "f-string width": "x = 1\ns = f'{x:>4500000000}'",
    # an EagerTensor has no .tolist(); its numpy array does
    "tolist": "x = tf.zeros([40000000])\nl = x.numpy().tolist()",
}


def _routed() -> bool:
    from graphviz_app.core.run.instrument import instrument
    from graphviz_app.core.run.snippet import parse

    code = repr(__import__("ast").dump(instrument(parse("a = [1]\na.extend(a)\nb = f'{a:>3}'"))))
    return "_gv_method" in code and "_gv_format" in code


def _run(text: str, **limits):
    start = time.perf_counter()
    report = run_source(None, text, limits=Limits(**limits) if limits else None)
    return report, time.perf_counter() - start


def _assert_limit(report, took: float) -> None:
    assert report.error is not None, "the bomb ran to the end"
    assert report.error.kind == "limit", report.error
    assert report.exit_code == 3
    assert took < FAST_S, f"took {took:.1f} s"


@pytest.mark.parametrize("name", sorted(TENSOR_BOMBS))
def test_tensor_bombs_stop_before_allocating(name):
    _assert_limit(*_run(TENSOR_BOMBS[name]))


@pytest.mark.parametrize("name", sorted(PYTHON_BOMBS))
def test_python_bombs_stop_before_allocating(name):
    _assert_limit(*_run(PYTHON_BOMBS[name]))


@pytest.mark.parametrize("name", sorted(ROUTED_BOMBS))
def test_method_and_format_bombs(name):
    assert _routed()
    _assert_limit(*_run(ROUTED_BOMBS[name]))


# plain Python: the routed snippet must print exactly what the same text prints unrouted
ROUTED_SEMANTICS = textwrap.dedent("""
    a = [3, 1, 2]
    w = 6
    print(f"{a!r:>{w + 10}}|{w=}|{a[0]:{w}}|{3.14159:.{w - 4}f}|{a}|{w:x}|{'s'!a}")
    print(f"{a.pop()}-{a.pop()}", a)  # fields are evaluated left to right
    a.append(a.pop() + 10)
    a.extend(sorted([5, 4]))
    a.insert(0, a.index(13))
    print(a, ", ".join(str(x) for x in a), "a-b".replace("-", "+", 1), "Ab".upper())
    d = {"k": 1}
    print(d.get("k"), list(d.keys()), "x y".split(), " t ".strip().startswith("t"))
""")


def test_routed_calls_and_fields_print_what_python_prints():
    import contextlib
    import io

    report, _ = _run(ROUTED_SEMANTICS)
    assert report.ok, report.error
    plain = io.StringIO()
    with contextlib.redirect_stdout(plain):
        exec(ROUTED_SEMANTICS, {})  # noqa: S102 - our own constant text
    assert report.stdout == plain.getvalue()


def test_routed_tensor_methods_and_a_keyword_named_like_the_guards_parameter():
    text = textwrap.dedent("""
        v = tf.Variable(1.0)
        v.assign_sub(0.25)
        v.assign(v.numpy() * 2, name="twice")
        with tf.GradientTape() as tape:
            y = v * v
        g = tape.gradient(y, [v])
        print(v.numpy(), g[0].numpy(), tf.zeros([2, 3]).shape.as_list(), f"{v.numpy():.1f}")
    """)
    report, _ = _run(text)
    assert report.ok, report.error
    assert report.stdout == "1.5 3.0 [2, 3] 1.5\n"


def test_an_error_in_a_routed_call_names_the_users_line():
    report, _ = _run("a = [1]\nb = 2\na.index(5)\n")
    assert report.error.kind == "runtime" and report.error.line == 3, report.error
    assert "ValueError" in report.error.message

def test_guard_methods_refuse_growth_directly():
    from graphviz_app.core.errors import LimitError
    from graphviz_app.core.run.guards import Guard
    from graphviz_app.core.tasks import TaskContext

    guard = Guard(Limits(), TaskContext())
    s = "x" * 9_000_000
    for obj, name, args in (("", "join", ([s] * 600,)), (s, "replace", ("x", "yy")),
                            ([0] * 9_000_000, "extend", ([0] * 2_000_000,))):
        with pytest.raises(LimitError):
            guard.method(obj, name, *args)
    with pytest.raises(LimitError):
        guard.format_value(1, -1, ">4500000000")
    with pytest.raises(LimitError):
        guard.format_value(1, -1, ".9999999999f")
    assert guard.method(", ", "join", ["a", "b"]) == "a, b"
    assert guard.format_value(3.14159, -1, ">8.2f") == "    3.14"
    assert guard.format_value("a", ord("r"), "") == "'a'"


def test_graph_loop_over_constant_range_counts_against_loop_limit():
    text = textwrap.dedent("""
        @tf.function
        def f():
            s = tf.constant(0)
            for i in tf.range(100000000):
                s += 1
            return s
        f()
    """)
    _assert_limit(*_run(text))


def test_tf_print_summarises_and_keeps_its_stream():
    report, took = _run("x = tf.zeros([5000000])\ntf.print(x, summarize=-1)")
    assert report.ok, report.error
    assert len(report.stderr) < 2_000_000 and took < FAST_S
    report, _ = _run("tf.print(1, output_stream='file:///tmp/gv_owned.txt')")
    assert report.error is not None and report.error.kind in ("unsupported", "forbidden")


def test_lone_surrogate_in_print_is_escaped():
    report, _ = _run('print("a\\ud800b")')
    assert report.ok, report.error
    text = report.to_json()
    text.encode("utf-8")  # never a UnicodeEncodeError on the exit path
    assert json.loads(text)["stdout"].startswith("a")


def test_output_cap_keeps_what_was_printed():
    report, _ = _run("for i in range(100000):\n    print('x' * 200)")
    assert report.error.kind == "limit"
    assert 9_000_000 <= len(report.stdout) <= Limits().max_output_chars


def test_recorder_keeps_values_only_within_budget():
    text = "for i in range(6):\n    x = tf.ones([10000000])\ny = x + 1.0"
    report, _ = _run(text, max_total_bytes=100_000_000)
    assert report.ok, report.error
    notes = [o.outputs[0].value for o in report.eager_ops if o.op in ("Fill", "AddV2")]
    kept = [v for v in notes if "note" not in v]
    assert kept and len(kept) < len(notes)
    assert all(v.get("size") == 10_000_000 for v in notes)


def test_ordinary_sizes_still_run():
    text = textwrap.dedent("""
        a = tf.zeros([100, 100])
        b = tf.matmul(a, a, transpose_b=True)
        c = tf.add(x=a, y=b)
        d = tf.where(c > 0, x=c, y=a)
        e = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        f = tf.linspace(tf.zeros([3]), tf.ones([3]), 5)
        g = tf.zeros(range(2, 4))
        s = 'ab' * 1000 + 'c'
        n = round(3.14159, 2) + 2 ** 100 % 7
        print(f"{n:>10.3f}", str([1, 2, 3]), '%5d' % 42, ''.join(['a', 'b']))
        with tf.GradientTape() as tape:
            tape.watch(e)
            y = e * e
        j = tape.jacobian(y, e)
    """)
    report, _ = _run(text)
    assert report.ok, report.error


# the profiler's eager twin of a tf.function: real tf, but the snippet's rules for tf.print
BRANCH_PRINT = textwrap.dedent("""
    calls = []
    @tf.function
    def f(x):
        calls.append(1)
        if len(calls) > 1:  # not taken in the run; taken when the profiler calls again
            tf.print(x, output_stream="{stream}")
        return x + 1.0
    y = f(tf.constant(1.0))
""")


def test_a_twin_cannot_send_tf_print_to_a_file(tmp_path):
    from graphviz_app.core.errors import ForbiddenError
    from graphviz_app.core.profile.profiling import profile_report

    target = tmp_path / "owned.txt"
    report, _ = _run(BRANCH_PRINT.format(stream=f"file://{target}"))
    assert report.ok, report.error
    call = report.callables[0]
    assert call.python_function.__globals__["_gv_snippet"] is True  # AutoGraph's while guard
    with pytest.raises(ForbiddenError):
        call.python_function(*call.args, **call.kwargs)
    profile_report(None, report, budget_s=0.05, use_profiler=False)
    assert "error" not in report.timing["f"], report.timing
    assert list(tmp_path.iterdir()) == []


def test_a_twin_compiles_quietly_and_keeps_the_snippets_rules():
    import warnings

    from graphviz_app.core.errors import UnsupportedError
    from graphviz_app.core.run.runner import run_source

    text = ("import tensorflow as tf\n@tf.function\ndef g(x):\n    if False:\n"
            "        return ()[()]\n    return x + 1.0\ny = g(tf.constant(1.0))\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the user's SyntaxWarning is nobody's to show
        report = run_source(None, text)
    assert report.ok, report.error
    twin = report.callables[0].python_function
    assert twin.__globals__["_gv_snippet"] is True
    with pytest.raises(UnsupportedError):
        twin.__globals__["tf"].function(twin, experimental_attributes={"a": 1})
    with pytest.raises(UnsupportedError):
        twin.__globals__["tf"].print(1, output_stream="file:///dev/null", file="x")


def test_a_twin_keeps_the_defaults_the_run_evaluated():
    """The twin is compiled without its default values and given the run's: nothing of the
    user's text is evaluated after the run."""
    from graphviz_app.core.run.runner import run_source

    text = ("import tensorflow as tf\nn = 2\n@tf.function\ndef g(x, k=10 // n, *, m=n):\n"
            "    return x * k * m\ny = g(tf.constant(1.0))\nn = 0\n")
    report = run_source(None, text)
    assert report.ok, report.error
    twin = report.callables[0].python_function
    assert twin.__defaults__ == (5,) and twin.__kwdefaults__ == {"m": 2}


# VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork and exec, so a child of a big pytest
# process would report pytest's own peak (1.8 GB in the full suite).
_RSS_SCRIPT = """
import json, sys
from graphviz_app.core.run.runner import run_source
kinds = []
for text in json.loads(sys.argv[1]):
    kinds.append(run_source(None, text).error.kind)
with open("/proc/self/status") as f:
    peak_kb = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
print(json.dumps({"kinds": kinds, "peak_mb": peak_kb / 1024}))
"""


def test_peak_rss_stays_low_in_a_subprocess():
    texts = [TENSOR_BOMBS["numpy shape"], TENSOR_BOMBS["nested list"], TENSOR_BOMBS["jacobian"],
             PYTHON_BOMBS["string doubling"], PYTHON_BOMBS["str of list"],
             PYTHON_BOMBS["in-place repeat list"], PYTHON_BOMBS["big power"]]
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONPATH": ROOT}
    out = subprocess.run([sys.executable, "-c", _RSS_SCRIPT, json.dumps(texts)], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["kinds"] == ["limit"] * len(texts)
    assert result["peak_mb"] < 1500, result


# -- replays after the run: the run's guards, the run's values ------------------------------

def test_tape_analysis_reruns_the_block_in_its_globals_as_they_were():
    """A global changed after the block is not what the analysis re-runs it with."""
    report, _ = _run("import tensorflow as tf\nk = 2.0\nx = tf.Variable(1.0)\n"
                     "with tf.GradientTape() as t:\n    y = x * k\ng = t.gradient(y, x)\n"
                     "k = 'changed after the block'\n")
    assert report.ok, report.error
    (tape,) = report.tapes
    assert tape.note is None and tape.backward, tape.note
    assert all(c["passed"] for c in tape.check), tape.check


def test_tape_analysis_replay_keeps_the_loop_limit():
    """The re-run block is instrumented: its Python loop counts against the loop limit, afresh
    for the analysis (10 in the run, 10 in the backward trace), and the float64 check's second
    trace (10 more) is refused."""
    report, _ = _run("import tensorflow as tf\nn = 10\nx = tf.Variable(1.0)\n"
                     "with tf.GradientTape() as t:\n    y = x * 1.0\n    for i in range(n):\n"
                     "        y = y + 0.0\ng = t.gradient(y, x)\n", max_loop_iterations=15)
    assert report.ok, report.error
    (tape,) = report.tapes
    assert tape.note is None and tape.backward, tape.note
    float32, float64 = tape.check
    assert float32["passed"], float32
    assert "more than 15 loop iterations" in float64["note"], float64


def test_tf_print_inside_a_graph_loop_is_cut_at_the_output_limit():
    report, _ = _run("import tensorflow as tf\n@tf.function\ndef f(n):\n"
                     "    for i in tf.range(n):\n        tf.print('y' * 1000)\n    return n\n"
                     "f(tf.constant(30000))\n")
    assert report.error is not None and report.error.kind == "limit", report.error
    assert len(report.stderr) <= Limits().max_output_chars + 100


def test_a_profiled_call_replays_the_arguments_of_the_call():
    report, _ = _run("import tensorflow as tf\n@tf.function\ndef f(l):\n    return len(l)\n"
                     "l = [1.0, 2.0]\nf(l)\nl.append(3.0)\n")
    assert report.ok, report.error
    assert report.callables[0].args == ([1.0, 2.0],)


@pytest.mark.parametrize("text", ["l = [1]\ndel l[0]\n", "import tensorflow as tf\n"
                                  "v = tf.Variable(1.0)\ndel v.name\n", "del print\n"])
def test_del_is_only_for_names(text):
    report, _ = _run(text)
    assert report.exit_code == 2, report.error
