"""The window outlives its engine: a TF abort or a memory bomb in the middle of a run ends that
run with a clear error, a new engine loads, and the editor keeps every character."""
from __future__ import annotations

import os
import signal

import pytest

from graphviz_app.core.engine.supervisor import GB
from tests.support import MAIN_PY
from tests.support import RUN_TIMEOUT_MS as TIMEOUT_MS

LONG_RUN = "import tensorflow as tf\ntotal = 0\nfor i in range(10**6):\n    total = total + i\nprint(total)\n"
MEMORY_BOMB = ("import tensorflow as tf\nkept = []\nfor i in range(40):\n"
               "    kept.append(tf.ones([5000, 5000]) + float(i))\nprint(len(kept))\n")


@pytest.fixture
def window(qtbot, make_window):
    w = make_window(load_views=False, memory_limit=int(1.5 * GB))
    qtbot.waitUntil(lambda: w.engine.is_tf_ready, timeout=TIMEOUT_MS)
    return w


def _run_until_stopped(qtbot, window, text: str, during=None):
    window.document.set_text(text, "attack.py")
    with qtbot.waitSignal(window.runs.run_started, timeout=TIMEOUT_MS):
        window.runs.run(window.editor.toPlainText(), "attack")
    if during is not None:
        qtbot.waitUntil(lambda: window.engine._process._current is not None, timeout=TIMEOUT_MS)
        during()
    with qtbot.waitSignal(window.runs.run_finished, timeout=TIMEOUT_MS) as finished:
        pass
    return finished.args[0]


def test_a_tf_abort_mid_run_is_a_crash_and_the_window_lives_on(qtbot, window):
    engine = window.engine
    old_pid = engine._process.pid
    with qtbot.waitSignal(engine.restarted, timeout=TIMEOUT_MS):
        report = _run_until_stopped(qtbot, window, LONG_RUN,
                                    during=lambda: os.kill(engine._process.pid, signal.SIGABRT))
    assert report.error.kind == "crash" and report.exit_code == 1
    assert "SIGABRT" in report.error.message
    assert window.isVisible() and window.editor.toPlainText() == LONG_RUN
    qtbot.waitUntil(lambda: engine.is_tf_ready, timeout=TIMEOUT_MS)
    assert engine._process.pid != old_pid
    again = _run_until_stopped(qtbot, window, "import tensorflow as tf\nprint(tf.exp(0.0))\n")
    assert again.ok and "1.0" in again.stdout


def test_a_memory_bomb_mid_run_is_a_limit_error(qtbot, window):
    report = _run_until_stopped(qtbot, window, MEMORY_BOMB)
    assert report.error.kind == "limit" and report.exit_code == 3, report.error
    assert "memory" in report.error.message
    assert window.engine.peak_rss <= 1.1 * 1.5 * GB
    assert window.editor.toPlainText() == MEMORY_BOMB
    qtbot.waitUntil(lambda: window.engine.is_tf_ready, timeout=TIMEOUT_MS)


def test_the_memory_limit_setting_is_applied_and_remembered(qtbot, make_engine, prefs):
    from graphviz_app.ui.shell.engine_settings import apply_memory_limit

    engine = make_engine()
    with qtbot.waitSignal(engine.restarted, timeout=TIMEOUT_MS) as restarted:
        message = apply_memory_limit(engine, prefs, 2.5)
    assert "2.5 GB" in message and "2.5 GB" in restarted.args[0].message
    assert engine.memory_limit == int(2.5 * GB)
    assert prefs.memory_limit_gb() == 2.5
    assert apply_memory_limit(engine, prefs, 10_000) and prefs.memory_limit_gb() == 1024


@pytest.mark.parametrize("argv", [["run", "seed_gradient", "--memory-limit", "0.1"],
                                  ["run", "seed_gradient", "--memory-limit", "lots"],
                                  ["--memory-limit", "nan"]])
def test_a_bad_memory_limit_is_refused_with_usage(argv):
    import subprocess
    import sys

    main = MAIN_PY
    done = subprocess.run([sys.executable, str(main), *argv], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 2
    assert "memory-limit" in done.stderr
