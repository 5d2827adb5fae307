"""The snippet language's new ops: they run as in Python, the ones whose result can outgrow
their arguments are sized before TensorFlow allocates, tf.function takes jit_compile, and a
run's optimized graph crosses as JSON."""
from __future__ import annotations

import json

import pytest

from graphviz_app.core.run.runner import run_source

HEAD = "import tensorflow as tf\n"


def test_new_nn_ops_run():
    report = run_source(None, HEAD + (
        "x = tf.reshape(tf.range(16, dtype=tf.float32), (1, 4, 4, 1))\n"
        "k = tf.ones((2, 2, 1, 3))\n"
        "c = tf.nn.conv2d(x, k, strides=1, padding='SAME')\n"
        "p = tf.nn.max_pool2d(c, ksize=2, strides=2, padding='VALID')\n"
        "y = tf.nn.softmax(tf.nn.relu6(tf.nn.bias_add(p, tf.constant([1.0, 2.0, 3.0]))))\n"
        "print(c.shape, p.shape, y.shape)\n"))
    assert report.ok, report.error
    assert report.stdout == "(1, 4, 4, 3) (1, 2, 2, 3) (1, 2, 2, 3)\n"


@pytest.mark.parametrize("text", [
    "x = tf.ones((1, 1000, 1000, 1))\nk = tf.ones((1, 1, 1, 100))\ny = tf.nn.conv2d(x, k, 1, 'SAME')\n",
    "x = tf.ones((1, 10, 10, 1))\nk = tf.ones((1, 1, 1, 1))\n"
    "y = tf.nn.conv2d(x, k, 1, [[0, 0], [5000, 5000], [5000, 5000], [0, 0]])\n",
])
def test_outgrowing_results_are_refused_before_allocation(text):
    report = run_source(None, HEAD + text)
    assert report.error is not None and report.error.kind == "limit", report.error
    assert report.error.line == 4 and "the result" in report.error.message


def test_jit_compile_is_accepted_and_only_as_a_flag():
    ok = run_source(None, HEAD + "@tf.function(jit_compile=True)\ndef f(x):\n    return x * 2.0\n"
                                 "print(f(tf.constant(2.0)))\n")
    assert ok.ok and ok.stdout == "tf.Tensor(4.0, shape=(), dtype=float32)\n"
    assert ok.functions[0].optimized["jit_compile"] is True
    bad = run_source(None, HEAD + "def f(x):\n    return x\ng = tf.function(f, jit_compile='x')\n")
    assert bad.error is not None and bad.error.kind == "unsupported"


def test_the_optimized_graph_is_part_of_the_reports_json():
    report = run_source(None, HEAD + "@tf.function\ndef f(x):\n    return tf.exp(x) + 1.0\n"
                                     "f(tf.constant(1.0))\n")
    optimized = json.loads(report.to_json())["functions"][0]["optimized"]
    assert optimized == report.functions[0].optimized
    assert {n["op"] for n in optimized["nodes"]} == {"_Arg", "Exp", "AddV2", "Const", "_Retval"}
    assert optimized["note"] is None and optimized["counts"]["traced"] > optimized["counts"]["optimized"]


def test_a_graph_too_big_for_the_run_is_left_for_a_job(monkeypatch):
    from graphviz_app.core.rewrite import run as rewrite_run

    monkeypatch.setattr(rewrite_run, "MAX_RUN_NODES", 3)
    report = run_source(None, HEAD + "@tf.function\ndef f(x):\n    return tf.exp(x) + 1.0\n"
                                     "f(tf.constant(1.0))\n")
    optimized = report.functions[0].optimized
    assert optimized["deferred"] and optimized["nodes"] == [] and "3" in optimized["note"]
    from graphviz_app.core import jobs

    later = jobs.optimized_graph(None, report.callables[0])
    assert {n["op"] for n in later["nodes"]} == {"_Arg", "Exp", "AddV2", "Const", "_Retval"}
