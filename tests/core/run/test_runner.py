"""The runner against real TensorFlow: what it records, and how it ends bad runs."""
import time

import pytest
import tensorflow as tf

from graphviz_app.core.examples import find_example
from graphviz_app.core.run.guards import Limits
from graphviz_app.core.run.runner import run_source
from graphviz_app.core.tasks import TaskContext


def run(source, **limits):
    return run_source(None, "import tensorflow as tf\n" + source, limits=Limits(**limits))


def test_seed_gradient_records_every_eager_op_with_labels_and_lines():
    report = run_source(None, find_example("seed_gradient").source)
    assert report.ok, report.error
    ops = [(op.op, op.label) for op in report.eager_ops]
    assert ops == [("VarHandleOp", "w"), ("AssignVariableOp", None), ("ReadVariableOp", "w"),
                   ("Exp", "aa"), ("AddV2", "bb"), ("Sqrt", "cc"), ("SqrtGrad", None), ("Mul", None)]
    by_op = {op.op: op for op in report.eager_ops}
    source_lines = report.source.splitlines()
    assert "aa = tf.exp(w)" in source_lines[by_op["Exp"].line - 1]
    assert "tape.gradient" in source_lines[by_op["Mul"].line - 1]
    assert by_op["Exp"].outputs[0].value == pytest.approx(7.389056, rel=1e-6)
    assert by_op["Exp"].inputs == ["#2 ReadVariableOp (w)"]
    assert by_op["Mul"].outputs[0].value == pytest.approx(1.2755646, rel=1e-6)
    assert by_op["Mul"].outputs[0].dtype == "float32" and by_op["Mul"].outputs[0].shape == []
    # where TF runs an eager op: its first GPU when there is one, else the CPU
    expected = "GPU:0" if tf.config.list_logical_devices("GPU") else "CPU:0"
    assert by_op["Exp"].device.endswith(expected), by_op["Exp"].device
    tape = report.tapes[0]
    assert (tape.name, tape.persistent) == ("tape", False)
    assert tape.watched == [{"name": "w", "why": "trainable Variable accessed inside the block"}]
    assert tape.gradients[0].values == [pytest.approx(1.2755646, rel=1e-6)]


def test_tf_function_graph_carries_the_users_names():
    report = run_source(None, find_example("seed_tf_function").source)
    assert report.ok, report.error
    (fn,) = report.functions
    assert fn.name == "func" and fn.traces == 2
    labels = {n["label"]: n["op"] for n in fn.graph["nodes"] if n["label"]}
    assert labels == {"aa": "Exp", "bb": "AddV2", "cc": "Sqrt"}
    kinds = {n["op"]: n["kind"] for n in fn.graph["nodes"]}
    assert kinds["Placeholder"] == "input" and kinds["Identity"] == "output"
    assert report.graph_models["func"].graph.has_edge("Exp", "Add")
    assert any(op.op.startswith("__inference_func") for op in report.eager_ops)


def test_labels_survive_running_the_same_text_twice():
    # AutoGraph reuses its conversion of identical code; the labels must not depend on it
    for _ in range(2):
        report = run_source(None, find_example("seed_tf_function").source)
        labels = {n["label"] for n in report.functions[0].graph["nodes"] if n["label"]}
        assert labels == {"aa", "bb", "cc"}


def test_autograph_loop_becomes_a_while_op():
    report = run_source(None, find_example("autograph_loop").source)
    assert report.ok, report.error
    ops = {n["op"] for n in report.functions[0].graph["nodes"]}
    assert ops & {"While", "StatelessWhile"}


def test_unwatched_constant_gradient_is_null_with_a_reason():
    report = run_source(None, find_example("unwatched_constant").source)
    calls = report.tapes[0].gradients
    assert calls[0].values == [None] and "not watched" in calls[0].reasons[0]
    assert calls[1].values == [pytest.approx(6.0)] and calls[1].reasons == [None]


def test_second_gradient_on_a_non_persistent_tape_is_explained():
    report = run("x = tf.constant(3.0)\nwith tf.GradientTape() as g:\n    g.watch(x)\n"
                 "    y = x * x\ng.gradient(y, x)\ng.gradient(y, x)\n")
    assert report.error.kind == "runtime" and report.error.line == 7
    assert "persistent=True" in report.tapes[0].gradients[-1].error


def test_runtime_error_reports_line_and_exit_code_1():
    report = run("a = tf.ones((2, 3))\nb = tf.ones((4, 5))\nc = tf.matmul(a, b)\n")
    assert not report.ok and report.exit_code == 1
    assert report.error.kind == "runtime" and report.error.line == 4
    assert "InvalidArgumentError" in report.error.message


def test_error_inside_a_tf_function_points_at_the_users_line():
    report = run("@tf.function\ndef f(x):\n    y = tf.exp(x)\n    return tf.matmul(y, y)\n"
                 "f(tf.constant([1.0, 2.0]))\n")
    assert report.error.kind == "runtime" and report.error.line == 5, report.error


def test_big_values_are_summarised():
    report = run("x = tf.range(5000)\n")
    (op,) = [op for op in report.eager_ops if op.op == "Range"]
    assert op.outputs[0].value == {"size": 5000, "min": 0, "max": 4999, "mean": 2499.5}


def test_rejected_snippet_runs_nothing(tmp_path):
    marker = tmp_path / "ran.txt"
    source = (f"tf.print('ran', output_stream='file://{marker}')\n"
              f"x = open('{tmp_path / 'opened.txt'}', 'w')\n")
    report = run(source)
    assert report.error.kind == "forbidden" and report.error.line == 3
    assert not marker.exists() and not (tmp_path / "opened.txt").exists()
    assert report.eager_ops == []


def test_huge_tensor_is_refused_before_tensorflow_allocates():
    start = time.perf_counter()
    report = run("x = tf.ones([200000, 200000])\n")
    assert report.error.kind == "limit" and report.exit_code == 3
    assert "40,000,000,000 elements" in report.error.message and report.error.line == 2
    assert time.perf_counter() - start < 5
    assert not [op for op in report.eager_ops if op.op in ("Fill", "Const")]


@pytest.mark.parametrize("source", [
    "a = tf.ones((100000, 1))\nb = tf.ones((1, 100000))\nc = a + b\n",
    "a = tf.ones((100000, 10))\nc = tf.matmul(a, tf.transpose(a))\n",
    "x = tf.random.normal((60000, 1000))\n",
    "x = tf.range(0, 1e9)\n",
    "x = [0] * 10 ** 9\n",
    "x = 10 ** 10 ** 10\n",
    "x = list(range(10 ** 9))\n",
    "x = sum([i for i in range(10 ** 9)])\n",
])
def test_size_limits(source):
    report = run(source)
    assert report.error is not None and report.error.kind == "limit", report.error


def test_endless_loop_stops_at_the_iteration_limit():
    report = run("i = 0\nwhile True:\n    i += 1\n", max_loop_iterations=100_000)
    assert report.error.kind == "limit" and report.error.line == 3  # the while statement
    assert "100,000 loop iterations" in report.error.message


def test_endless_loop_stops_at_the_wall_time_limit():
    start = time.perf_counter()
    report = run("x = tf.constant(1.0)\nwhile True:\n    x = x * 1.0\n", wall_time_s=1.0)
    assert report.error.kind == "limit" and "wall-time" in report.error.message
    assert time.perf_counter() - start < 5


def test_while_inside_tf_function_is_unsupported():
    report = run("@tf.function\ndef f(x):\n    while x > 0:\n        x = x - 1\n    return x\n")
    assert report.error.kind == "unsupported" and report.error.line == 4


def test_python_loop_unrolled_in_a_trace_is_stopped():
    report = run("@tf.function\ndef f(x):\n    for i in range(10 ** 7):\n        x = x + 1.0\n"
                 "    return x\nf(tf.constant(0.0))\n", wall_time_s=60, max_graph_ops=3000)
    assert report.error.kind == "limit" and "use tf.range" in report.error.message


class CancelledAfterChecks(TaskContext):
    """The user presses Stop after the run's Nth guard check: that is, in the middle of the run,
    between two of its eager ops, at a moment the test knows without sleeping."""

    def __init__(self, checks: int):
        super().__init__()
        self.cancel_at, self.checks = checks, 0

    def check(self) -> None:
        self.checks += 1
        if self.checks == self.cancel_at:
            self.cancel()
        super().check()


def test_a_run_can_be_cancelled_between_eager_ops():
    ctx = CancelledAfterChecks(200)
    report = run_source(ctx, "import tensorflow as tf\nx = tf.constant(1.0)\nfor i in range(10 ** 6):\n"
                             "    x = tf.sin(x)\n")
    assert report.error.kind == "cancelled" and report.exit_code == 3 and report.error.line == 4
    assert ctx.checks == 200  # the check that saw the Stop ended the run: no guard ran after it
    sines = [op for op in report.eager_ops if op.op == "Sin"]
    assert 10 < len(sines) <= 200  # it had run some of the loop, and stopped long before its end


def test_the_watchdog_stops_code_the_guards_never_reach():
    """Builtin calls in a loop never tick a guard: past the wall time and the grace, the
    watchdog raises in the running thread; code that ends within the grace is left alone."""
    from graphviz_app.core.run.watchdog import AsyncCancel, AsyncTimeout, Watchdog

    started = time.monotonic()
    with pytest.raises(AsyncTimeout), Watchdog(TaskContext(), wall_time_s=0.2, grace_s=0.3):
        while True:
            sorted(range(2000))
    took = time.monotonic() - started
    assert 0.5 <= took < 60  # never before wall time + grace; the upper bound only catches a hang
    cancelled = TaskContext()
    cancelled.cancel()
    with pytest.raises(AsyncCancel), Watchdog(cancelled, wall_time_s=None, grace_s=0.1):
        while True:
            sum(range(2000))
    with Watchdog(cancelled, wall_time_s=None, grace_s=30):
        pass  # done within the grace: nothing is raised, now or later
    assert sum(sum(range(2000)) for _ in range(2000)) > 0


def test_print_inside_tf_function_runs_at_trace_time_and_tf_print_every_call():
    report = run_source(None, find_example("tf_print_vs_print").source)
    assert report.stdout.count("Python print: tracing") == 1
    assert report.stderr.count("tf.print: running") == 2
