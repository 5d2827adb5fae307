"""Run › Live: re-run after a pause in typing, only text that validates, off after a slow run."""
from __future__ import annotations

import pytest

from graphviz_app.ui.shell import run_controller
from tests.support import RUN_TIMEOUT_MS

VALID = "import tensorflow as tf\nprint(tf.constant(3.0))\n"


@pytest.fixture
def window(make_window, dialogs, prefs):
    w = make_window(prefs)
    yield w
    w.actions_.auto_run.setChecked(False)


def type_at_end(qtbot, window, text: str) -> None:
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    head, newline, tail = text.rpartition("\n")
    if newline:  # QTest types printable keys only
        window.editor.textCursor().insertText(head + newline)
    qtbot.keyClicks(window.editor, tail)


def test_live_reruns_valid_text_after_a_pause(qtbot, window):
    window.document.set_text(VALID, "live.py")
    window.actions_.auto_run.setChecked(True)
    assert window.runs._debounce.interval() == 500
    with qtbot.waitSignal(window.runs.run_finished, timeout=RUN_TIMEOUT_MS) as blocker:
        type_at_end(qtbot, window, "print(2)")
    assert blocker.args[0].stdout.endswith("2\n")


def test_live_does_not_send_text_that_does_not_validate(qtbot, window):
    window.document.set_text(VALID, "live.py")
    window.actions_.auto_run.setChecked(True)
    due = []
    window.runs.auto_run_due.connect(lambda: due.append(True))
    # half-typed (a syntax error) and forbidden (outside the whitelist): the pause passes, no run
    for text in ("print(", "\nimport os"):
        with qtbot.waitSignal(window.runs._debounce.timeout, timeout=5000):
            type_at_end(qtbot, window, text)
        assert not due and window.runs.job is None
        window.document.set_text(VALID, "live.py")


def test_a_slow_live_run_turns_live_mode_off_and_says_so(qtbot, window, monkeypatch):
    monkeypatch.setattr(run_controller, "LIVE_MAX_S", 0.0)  # every run is "too slow"
    window.document.set_text(VALID, "live.py")
    window.actions_.auto_run.setChecked(True)
    with qtbot.waitSignal(window.runs.live_turned_off, timeout=RUN_TIMEOUT_MS):
        type_at_end(qtbot, window, "print(2)")
    assert not window.actions_.auto_run.isChecked() and not window.runs.auto_run
    assert "Live mode is off" in window.statusBar().currentMessage()
    assert not window.prefs.auto_run()  # remembered off
    # a run started by hand never turns it off
    monkeypatch.setattr(run_controller, "LIVE_MAX_S", 0.0)
    window.actions_.auto_run.setChecked(True)
    off = []
    window.runs.live_turned_off.connect(off.append)
    with qtbot.waitSignal(window.runs.run_finished, timeout=RUN_TIMEOUT_MS):
        window.actions_.run.trigger()
    assert not off and window.actions_.auto_run.isChecked()


def test_live_is_remembered(qtbot, make_window, dialogs, prefs):
    first = make_window(prefs, load_tensorflow=False)
    first.actions_.auto_run.setChecked(True)
    second = make_window(prefs, load_tensorflow=False)
    assert second.actions_.auto_run.isChecked() and second.runs.auto_run
    second.actions_.auto_run.setChecked(False)
