"""`main.py run`'s limit options and `main.py gd --batch-size`, as a user passes them: each limit
is exact at its boundary (the snippet fits it) and refuses one step past it."""
import json

import pytest

from tests.support import main_py

# 100x100 = 10,000 elements; 50 loop iterations
FITS = """import tensorflow as tf
x = tf.zeros([100, 100])
total = 0
for i in range(50):
    total = total + i
print(total, x.shape)
"""
LONG = """import tensorflow as tf
x = tf.constant(0.0)
for i in range(900000):
    x = x + 1.0
print(x)
"""


@pytest.fixture
def snippet(tmp_path):
    def write(text: str) -> str:
        path = tmp_path / "snippet.py"
        path.write_text(text, encoding="utf-8")
        return str(path)
    return write


def run_json(*args) -> tuple[int, dict]:
    done = main_py("run", *args, "--json")
    return done.returncode, json.loads(done.stdout)


def test_limits_at_their_boundary_let_the_snippet_run(snippet):
    code, report = run_json(snippet(FITS), "--max-elements", "10000", "--max-iterations", "50")
    assert code == 0, report["error"]
    assert report["stdout"] == "1225 (100, 100)\n"


@pytest.mark.parametrize("option, value, line, words", [
    ("--max-elements", "9999", 2, "9,999"),
    ("--max-iterations", "49", 4, "more than 49 loop iterations"),
])
def test_one_past_a_limit_is_a_limit_error_on_its_line(snippet, option, value, line, words):
    code, report = run_json(snippet(FITS), option, value)
    assert code == 3
    assert report["error"]["kind"] == "limit" and report["error"]["line"] == line, report["error"]
    assert words in report["error"]["message"]


def test_timeout_stops_a_long_run_at_its_wall_time(snippet):
    code, report = run_json(snippet(LONG), "--timeout", "1")
    assert code == 3 and report["error"]["kind"] == "limit", report["error"]
    # (a cold engine spends its first seconds importing TensorFlow: the run may be ended by the
    # guard inside, or by the engine's wall from outside, which counts the import too)
    assert "wall-time limit" in report["error"]["message"]
    assert report["wall_s"] < 30  # near its limit, not after the loop's minute (generous: a busy host)
    assert report["stdout"] == ""


def test_gd_batch_size_trains_on_mini_batches():
    done = main_py("gd", "--steps", "200", "--batch-size", "16", "--mode", "eager", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["batch_size"] == 16 and result["steps"] == 200 and not result["diverged"]
    assert result["final"]["loss"] < 1.2 * result["optimum"]["loss"]  # noisy steps, still near the optimum
    full = json.loads(main_py("gd", "--steps", "5", "--batch-size", "0", "--json").stdout)
    assert full["batch_size"] > 16  # 0 is the full batch: every sample


def test_a_negative_batch_size_is_refused():
    done = main_py("gd", "--batch-size", "-1")
    assert done.returncode == 2 and "--batch-size must be 0 (full batch) or more" in done.stderr
