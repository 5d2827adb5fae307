"""Closing the window while the engine is busy ends the process within 2 s.

Each case starts the real desktop app (``gui.start_gui``) in a subprocess, starts work on the
engine thread, closes the window the way a user does, and measures from the close to the moment
the process has exited, interpreter teardown included. Work that cooperates with its cancel
(a Python loop in a snippet) stops cleanly; work that cannot be interrupted (a graph loop inside
one TensorFlow kernel, parsing a big text GraphDef) must not keep the process alive either.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import ROOT

CLOSE_BUDGET_S = 2.0
START_TIMEOUT_S = 180

DRIVER = r'''
import sys, time
from PySide6.QtCore import QTimer
from graphviz_app.ui.shell import startup as gui

mode, argument = sys.argv[1], sys.argv[2]
session = gui.start_gui(None, False, time.perf_counter())
window = session.window


def close():
    print("CLOSING", repr(time.time()), flush=True)
    window.close()


def begin(*_):
    if mode == "run":
        window.document.set_text(open(argument, encoding="utf-8").read(), "long.py")
        job = window.run_snippet()
    else:
        window.document.open_path(argument, interactive=False)
        job = window.views["graph"]._job
    print("JOB", job.name, flush=True)
    job.started.connect(lambda: QTimer.singleShot(400, close))  # well inside the work
    job.finished.connect(lambda *_: print("FINISHED", flush=True))


if mode == "import":
    QTimer.singleShot(300, close)  # TensorFlow is still importing on the engine thread
else:
    session.engine.tf_ready.connect(lambda *_: QTimer.singleShot(0, begin))
code = session.exec()
print("EXITING", repr(time.time()), flush=True)
sys.exit(code)
'''

COOPERATIVE_LOOP = """import tensorflow as tf

x = tf.constant(0.0)
for i in range(900000):
    x = x + 1.0
print(x)
"""

# one While kernel: no Python runs until it returns, so neither guards nor the watchdog reach it
KERNEL_LOOP = """import tensorflow as tf


@tf.function
def spin(n):
    total = tf.constant(0.0)
    for i in tf.range(n):
        total += 1.0
    return total


print(spin(tf.constant(2_000_000_000)))
"""


def big_text_graph(path: Path, blocks: int = 400, per_block: int = 40) -> Path:
    """A text GraphDef of blocks*per_block ops (slow to parse and lay out, like a real model)."""
    lines = ['node { name: "input" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }']
    previous = "input"
    for b in range(blocks):
        for k in range(per_block):
            name = f"block{b}/op{k}"
            lines.append(f'node {{ name: "{name}" op: "{"AddV2" if k % 2 else "Relu"}" input: "{previous}" '
                         f'attr {{ key: "T" value {{ type: DT_FLOAT }} }} }}')
            previous = name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def close_while_busy(tmp_path: Path, mode: str, argument: str = "") -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    home = tmp_path / "home"  # settings and recovery files of this run only
    env.update(QT_QPA_PLATFORM="offscreen", TF_CPP_MIN_LOG_LEVEL="2", HOME=str(home),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local" / "share"),
               PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, mode, argument], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    closing_at = None
    seen = []
    deadline = time.monotonic() + START_TIMEOUT_S
    for line in proc.stdout:
        seen.append(line)
        if line.startswith("CLOSING"):
            closing_at = float(line.split()[1])
            break
        if time.monotonic() > deadline:
            break
    if closing_at is None:
        proc.kill()
        pytest.fail(f"the window never closed: {''.join(seen)} {proc.stderr.read()[-3000:]}")
    code = proc.wait(timeout=60)
    exited_after = time.time() - closing_at
    proc.stdout.read()
    stderr = proc.stderr.read()
    assert code == 0, stderr[-3000:]
    assert "FINISHED" not in "".join(seen), "the work ended before the close: too short to test one"
    assert "Traceback" not in stderr, stderr[-3000:]
    return exited_after, stderr


def test_close_during_a_cooperative_run_stops_the_engine_cleanly(tmp_path):
    snippet = tmp_path / "long.py"
    snippet.write_text(COOPERATIVE_LOOP, encoding="utf-8")
    seconds, stderr = close_while_busy(tmp_path, "run", str(snippet))
    print(f"close during a Python loop: exited {seconds:.2f} s after the close")
    assert seconds < CLOSE_BUDGET_S
    assert "still busy" not in stderr  # cancelled and joined, not abandoned


def test_close_during_a_kernel_that_ignores_cancel_still_exits(tmp_path):
    snippet = tmp_path / "spin.py"
    snippet.write_text(KERNEL_LOOP, encoding="utf-8")
    seconds, stderr = close_while_busy(tmp_path, "run", str(snippet))
    print(f"close during one long kernel: exited {seconds:.2f} s after the close")
    assert seconds < CLOSE_BUDGET_S
    assert "still busy" in stderr


def test_close_during_a_graph_load_exits(tmp_path):
    graph = big_text_graph(tmp_path / "big.pbtxt")
    seconds, _stderr = close_while_busy(tmp_path, "load", str(graph))
    print(f"close during a graph load: exited {seconds:.2f} s after the close")
    assert seconds < CLOSE_BUDGET_S


def test_close_while_tensorflow_is_importing_exits(tmp_path):
    seconds, _stderr = close_while_busy(tmp_path, "import")
    print(f"close during the TensorFlow import: exited {seconds:.2f} s after the close")
    assert seconds < CLOSE_BUDGET_S
