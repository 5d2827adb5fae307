"""An exception escaping a view's slot opens a dialog with the traceback; the user's text is
saved to the recovery file first; the window keeps working."""
from __future__ import annotations

import json
import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from graphviz_app.ui.shell.crash_dialog import CrashReporter
from graphviz_app.ui.shell.engine import Engine
from graphviz_app.ui.shell.preferences import Preferences
from graphviz_app.ui.shell.recovery import Autosaver, RecoveryStore
from graphviz_app.ui.shell.window import MainWindow
from graphviz_app.ui.views.base import BaseView

pytestmark = pytest.mark.qt_no_exception_capture  # the reporter under test takes the exceptions


class FragileView(BaseView):
    """A view whose slot raises, like a view with a bug meeting an unexpected report."""

    view_name = "fragile"

    def set_report(self, report) -> None:
        if report == "bad":
            raise KeyError("a view fell over on this report")


@pytest.fixture
def asked(monkeypatch):
    """The unsaved-changes question is answered 'Discard' (a modal box would block the test)."""
    questions = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: questions.append(a[2]) or QMessageBox.Discard)
    return questions


@pytest.fixture
def app_parts(qtbot, tmp_path, asked):
    engine = Engine()
    window = MainWindow(engine, Preferences(None), load_views=False)
    qtbot.addWidget(window)
    window.show()
    view = FragileView(window.ctx, window)
    autosaver = Autosaver(window, RecoveryStore(tmp_path / "recovery"))
    reporter = CrashReporter(window, autosaver, parent=window)
    reporter.install()
    yield window, view, reporter
    reporter.uninstall()
    if reporter.dialog is not None:
        reporter.dialog.close()
    autosaver.release()
    window.close_without_prompt()
    assert engine.shutdown(5000)


def test_a_failing_slot_shows_the_traceback_and_keeps_the_text(qtbot, app_parts, tmp_path):
    window, _view, reporter = app_parts
    window.editor.insertPlainText("y = tf.exp(2.0)  # unsaved\n")
    assert not reporter.autosaver.store.file.exists()  # the autosave waits for a pause in typing
    window.ctx.publish_report("bad")  # the view's set_report raises inside the signal
    # the text is on disk before the dialog even exists (the dialog opens on the next loop turn)
    saved = json.loads(reporter.autosaver.store.file.read_text(encoding="utf-8"))
    assert saved["text"] == window.editor.toPlainText() and "unsaved" in saved["text"]
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=5000)
    dialog = reporter.dialog
    details = dialog.details.toPlainText()
    assert "KeyError: 'a view fell over on this report'" in details
    assert "in set_report" in details and "Traceback (most recent call last)" in details
    assert str(reporter.autosaver.store.file) in dialog.message.text()
    dialog.grab().save(str(tmp_path / "crash_dialog.png"))

    window.ctx.publish_report("bad")  # the same failure again: counted, not a second dialog
    qtbot.waitUntil(lambda: dialog.error_count() == 2, timeout=5000)
    assert reporter.dialog is dialog and "(2 times)" in dialog.details.toPlainText()

    dialog.copy_button.click()
    assert "KeyError" in QGuiApplication.clipboard().text()
    dialog.continue_button.click()
    qtbot.waitUntil(lambda: reporter.dialog is None, timeout=5000)
    window.ctx.publish_report(None)  # the window and the view still work
    assert window.isVisible() and window.editor.toPlainText().startswith("y = tf.exp")


def test_failures_in_timers_paint_handlers_and_threads_are_reported(qtbot, app_parts):
    window, _view, reporter = app_parts

    def fail_in_timer():
        raise ZeroDivisionError("from a timer")

    QTimer.singleShot(0, fail_in_timer)
    qtbot.waitUntil(lambda: len(reporter.reports) == 1, timeout=5000)

    def fail_in_thread():
        raise ValueError("from a worker thread")

    worker = threading.Thread(target=fail_in_thread, name="worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(reporter.reports) == 2, timeout=5000)
    assert "in thread worker" in reporter.reports[1] and "ValueError: from a worker thread" in reporter.reports[1]
    details = reporter.dialog.details.toPlainText()
    assert "ZeroDivisionError: from a timer" in details and "ValueError: from a worker thread" in details
    assert "Your text has no unsaved changes" in reporter.dialog.message.text()


def test_quit_from_the_dialog_closes_the_window_the_usual_way(qtbot, app_parts, asked):
    window, _view, reporter = app_parts
    window.editor.insertPlainText("z = 1\n")
    window.ctx.publish_report("bad")
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=5000)
    reporter.dialog.quit_button.click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert asked and "unsaved changes" in asked[0]  # the usual question before text is lost


def test_uninstall_restores_the_previous_hooks(app_parts):
    _window, _view, reporter = app_parts
    assert sys.excepthook == reporter._excepthook
    reporter.uninstall()
    assert sys.excepthook != reporter._excepthook and threading.excepthook != reporter._thread_excepthook
