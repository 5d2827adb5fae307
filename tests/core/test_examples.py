"""Every bundled example: runs cleanly, and its stdout is exactly what real Python prints."""
import os
import subprocess
import sys

import pytest
import tensorflow as tf  # noqa: F401  (a hard dependency: without it these tests fail, never skip)

from graphviz_app.core.examples import list_examples
from graphviz_app.core.run.runner import run_source

EXAMPLES = list_examples()
QUIET_TF = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}


@pytest.fixture(scope="module")
def real_stdout():
    """Run every example under plain Python, all at once (the machine has spare cores)."""
    procs = {e.name: subprocess.Popen([sys.executable, str(e.path)], stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, text=True, env=QUIET_TF)
             for e in EXAMPLES}
    out = {}
    for name, proc in procs.items():
        stdout, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"{name} fails under plain Python"
        out[name] = stdout
    return out


def test_there_are_the_lecture_examples_and_more():
    names = {e.name for e in EXAMPLES}
    assert {"seed_gradient", "seed_variable", "seed_watch", "seed_persistent", "seed_tf_function",
            "seed_linear_regression"} <= names
    assert len(names) >= 10
    for e in EXAMPLES:
        assert e.title and e.title_zh and e.description and e.description_zh, e.name


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example_stdout_matches_real_python(example, real_stdout):
    report = run_source(None, example.source, name=example.name)
    assert report.ok, report.error
    assert report.stdout == real_stdout[example.name]
    assert report.eager_ops or report.functions


def test_lecture_numbers():
    by_name = {e.name: e for e in EXAMPLES}
    assert run_source(None, by_name["seed_gradient"].source).stdout == \
        "tf.Tensor(1.2755646, shape=(), dtype=float32)\n"
    numbers = [line.rsplit("numpy=", 1)[1].rstrip(">") for line in
               run_source(None, by_name["seed_variable"].source).stdout.splitlines()]
    assert numbers == ["2.0", "3.0", "5.0", "4.0"]
    persistent = run_source(None, by_name["seed_persistent"].source)
    assert [c.values for c in persistent.tapes[0].gradients] == [[108.0], [6.0]]
