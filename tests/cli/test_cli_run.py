"""`main.py run` and `main.py examples` as a user calls them: output, JSON and exit codes."""
import json

import pytest

from tests.support import ROOT, main_py

cli = main_py


def test_run_json_has_the_report_fields():
    result = cli("run", "seed_gradient", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["error"] is None
    assert report["stdout"] == "tf.Tensor(1.2755646, shape=(), dtype=float32)\n"
    op = next(o for o in report["eager_ops"] if o["op"] == "Exp")
    assert {"op", "label", "line", "inputs", "outputs", "device"} <= set(op)
    assert op["label"] == "aa" and op["outputs"][0]["dtype"] == "float32"
    tape = report["tapes"][0]
    assert {"name", "persistent", "watched", "gradients"} <= set(tape)


def test_run_plain_prints_stdout_then_a_summary():
    result = cli("run", "seed_variable")
    assert result.returncode == 0
    assert result.stdout.count("<tf.Variable 'Variable:0'") == 4
    assert "eager ops" in result.stderr


@pytest.mark.parametrize("body, code, kind", [
    ("y = tf.constant(1.0).nope\n", 2, "forbidden"),
    ("x = (\n", 2, "syntax"),
    ("x = tf.ones([200000, 200000])\n", 3, "limit"),
    ("x = tf.matmul(tf.ones((2, 3)), tf.ones((2, 3)))\n", 1, "runtime"),
])
def test_exit_codes(tmp_path, body, code, kind):
    snippet = tmp_path / "s.py"
    snippet.write_text("import tensorflow as tf\n" + body)
    result = cli("run", str(snippet), "--json")
    assert result.returncode == code, result.stderr
    error = json.loads(result.stdout)["error"]
    assert error["kind"] == kind and error["line"] == 2


def test_bad_sources_are_clear(tmp_path):
    bad = tmp_path / "latin1.py"
    bad.write_bytes(b"x = 1\n# caf\xe9\n")
    result = cli("run", str(bad))
    assert result.returncode == 2 and "not valid UTF-8" in result.stderr and "line 2" in result.stderr
    result = cli("run", "no_such_example")
    assert result.returncode == 2 and "seed_gradient" in result.stderr
    big = tmp_path / "big.py"
    big.write_text("#" * 1_100_000)
    assert "limited to 1 MB" in cli("run", str(big)).stderr


def test_examples_lists_every_example():
    result = cli("examples")
    assert result.returncode == 0
    names = {p.stem for p in (ROOT / "resources" / "examples").glob("*.py")}
    snippets = result.stdout.partition("\n\n")[0]  # then the example graphs (model:NAME)
    listed = {line.split()[0] for line in snippets.splitlines() if line and not line[0].isspace()}
    assert names == listed
