"""TensorFlow's native logging stays off the terminal.

TF writes 7-9 lines at import (oneDNN notices, the CUDA stub, a cuInit error), several of them
before absl initialises, when TF_CPP_MIN_LOG_LEVEL does not apply yet. TF runs only in the engine
process, whose stdout and stderr are its log file from the moment it starts: those lines land
there (Help > Diagnostics shows it), not on the user's terminal. Run as a user would: main.py in a
subprocess, with no TF_CPP_MIN_LOG_LEVEL and no offscreen setting inherited from the test session.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.support import MAIN_PY, ROOT

TF_NATIVE_LINE = re.compile(r"^(?:[IWEF]\d{4} |WARNING: All log messages before absl)", re.MULTILINE)
SEED_GRADIENT_STDOUT = "tf.Tensor(1.2755646, shape=(), dtype=float32)\n"


def user_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TF_", "QT_"))}
    env.update(extra)
    return env


def main_py(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(MAIN_PY), *args], capture_output=True, text=True,
                          timeout=300, env=user_env(**env), cwd=ROOT)


def test_run_leaves_only_the_snippets_own_output_on_the_terminal():
    done = main_py("run", "seed_gradient")
    assert done.returncode == 0, done.stderr
    assert done.stdout == SEED_GRADIENT_STDOUT
    lines = done.stderr.splitlines()
    # the run's summary is all: "-- N eager ops, ..." and its indented details
    assert lines and lines[0].startswith("-- ") and "eager ops" in lines[0], done.stderr
    assert all(line.startswith("   ") for line in lines[1:]), done.stderr
    assert not TF_NATIVE_LINE.search(done.stderr)


def test_export_writes_its_file_and_says_nothing_else(tmp_path):
    out = tmp_path / "timeline.png"
    done = main_py("export", "seed_tf_function", "--view", "timeline", "-o", str(out),
                   QT_QPA_PLATFORM="offscreen")
    assert done.returncode == 0, done.stderr
    assert out.is_file() and done.stdout.startswith(f"wrote {out}")
    assert done.stderr == ""  # no TF lines, and not Qt offscreen's propagateSizeHints() warning


def test_verbose_shows_tensorflows_logging_on_the_terminal():
    done = main_py("--verbose", "run", "seed_gradient")
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(SEED_GRADIENT_STDOUT)
    assert TF_NATIVE_LINE.search(done.stderr), done.stderr
