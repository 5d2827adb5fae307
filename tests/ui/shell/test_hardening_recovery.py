"""The user's unsaved text survives a crash: autosaved while typing, offered on the next start,
never offered while the app that wrote it still runs, gone after a normal exit."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from graphviz_app.ui.shell.engine import Engine
from graphviz_app.ui.shell.preferences import Preferences
from graphviz_app.ui.shell.recovery import Autosaver, RecoveryStore, offer_recovery
from graphviz_app.ui.shell.window import MainWindow
from tests.support import ROOT

TYPED = "import tensorflow as tf\n\nx = tf.constant(3.0)  # typed, never saved\nprint(x * x)\n"

# a session that saves its text and then dies without a normal exit (argv: folder, "crash"|"live")
SESSION = r'''
import os, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from graphviz_app.ui.shell.recovery import RecoveryStore
app = QCoreApplication([])
store = RecoveryStore(Path(sys.argv[1]))
store.save("print('lost work')\n", "lost.py", "/home/student/lost.py")
print("SAVED", flush=True)
if sys.argv[2] == "crash":
    os._exit(3)
sys.stdin.readline()  # alive until the test kills it
'''


def session(folder: Path, how: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-c", SESSION, str(folder), how], env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "SAVED"
    return proc


@pytest.fixture
def window(qtbot):
    engine = Engine()
    w = MainWindow(engine, Preferences(None), load_views=False)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close_without_prompt()
    assert engine.shutdown(5000)


@pytest.fixture
def autosaver(window, tmp_path):
    saver = Autosaver(window, RecoveryStore(tmp_path / "recovery"), delay_ms=50)
    yield saver
    saver.release()


def type_text(qtbot, window, text: str = TYPED) -> None:
    window.document.set_text("import tensorflow as tf\n", "mine.py", Path("/tmp/mine.py"))
    window.editor.selectAll()
    window.editor.insertPlainText(text)  # an edit, as typing or pasting makes it


def test_typing_is_autosaved_and_saving_or_loading_clears_it(qtbot, window, autosaver):
    store = autosaver.store
    type_text(qtbot, window, "print('hello')\n")
    qtbot.waitUntil(store.file.exists, timeout=5000)
    record = json.loads(store.file.read_text(encoding="utf-8"))
    assert record["text"] == window.editor.toPlainText() and "print('hello')" in record["text"]
    assert record["doc_name"] == "mine.py" and record["path"] == str(Path("/tmp/mine.py"))
    window.editor.document().setModified(False)  # what a save does
    assert not store.file.exists()
    type_text(qtbot, window, "x = 1\n")
    qtbot.waitUntil(store.file.exists, timeout=5000)
    window.document.load_example("seed_gradient")  # new text that is not the user's: nothing to keep
    assert not store.file.exists() and not autosaver._timer.isActive()  # no late write either


def test_text_of_a_crashed_session_is_offered_but_not_that_of_a_running_one(qtbot, tmp_path):
    folder = tmp_path / "recovery"
    crashed = session(folder, "crash")
    assert crashed.wait(30) == 3
    live = session(folder, "live")
    try:
        mine = RecoveryStore(folder)
        mine.claim()
        orphans = mine.orphans()
        assert [(o.text, o.doc_name, o.path) for o in orphans] == [
            ("print('lost work')\n", "lost.py", "/home/student/lost.py")]
        assert orphans[0].file.stem == str(crashed.pid)
        assert RecoveryStore(folder).orphans() == []  # while we hold it, no other start offers it
        orphans[0].discard()
        assert not orphans[0].file.exists()
    finally:
        live.kill()
        live.wait(30)
    offered = RecoveryStore(folder).orphans()  # the live one was killed: now it is lost work
    assert [o.file.stem for o in offered] == [str(live.pid)]
    offered[0].discard()
    mine.release()
    assert sorted(p.name for p in folder.iterdir()) == []


def test_restored_text_is_put_back_as_unsaved(qtbot, window, tmp_path, monkeypatch):
    folder = tmp_path / "recovery"
    assert session(folder, "crash").wait(30) == 3
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes)
    assert offer_recovery(window, RecoveryStore(folder))
    assert "lost.py" in asked[0]
    assert window.editor.toPlainText() == "print('lost work')\n"
    assert window.document.name == "lost.py" and window.document.path == Path("/home/student/lost.py")
    assert window.editor.document().isModified() and window.isWindowModified()
    assert not offer_recovery(window, RecoveryStore(folder))  # offered once


def test_declined_text_is_discarded(qtbot, window, tmp_path, monkeypatch):
    folder = tmp_path / "recovery"
    assert session(folder, "crash").wait(30) == 3
    before = window.editor.toPlainText()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.No)
    assert not offer_recovery(window, RecoveryStore(folder))
    assert window.editor.toPlainText() == before
    assert list(folder.glob("*.json")) == []


# The whole story with the real app: text typed, a view fails, the process dies, the next start
# offers the text. Settings and recovery files live in a temporary HOME.
CRASHING_APP = r'''
import sys, time
from PySide6.QtCore import QTimer
from graphviz_app.ui.shell import startup as gui

session = gui.start_gui(None, False, time.perf_counter())
window = session.window
window.document.set_text("import tensorflow as tf\n", "lesson.py")
window.editor.selectAll()
window.editor.insertPlainText(sys.argv[1])  # the user's typing, not saved


def fail():
    raise RuntimeError("a view fell over")


def dialog_shown():
    dialog = session.crash_reporter.dialog
    if dialog is not None and dialog.isVisible():
        print("DIALOG", session.autosaver.store.file, flush=True)
        print(dialog.details.toPlainText(), flush=True)
        import os
        os._exit(9)  # and then the process dies before the user saves
    QTimer.singleShot(20, dialog_shown)


QTimer.singleShot(100, fail)
QTimer.singleShot(120, dialog_shown)
session.exec()
'''

NEXT_START = r'''
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from graphviz_app.ui.shell import startup as gui

QMessageBox.question = staticmethod(lambda *a, **k: print("ASKED", a[2].splitlines()[0], flush=True)
                                    or QMessageBox.Yes)
session = gui.start_gui(None, False, time.perf_counter())


def show():
    print("TEXT", repr(session.window.editor.toPlainText()), session.window.document.name, flush=True)
    session.window.close_without_prompt()


QTimer.singleShot(300, show)
session.exec()
'''


def test_after_a_crash_the_next_start_offers_the_text(tmp_path):
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(QT_QPA_PLATFORM="offscreen", TF_CPP_MIN_LOG_LEVEL="2", HOME=str(home), PYTHONPATH=str(ROOT),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local" / "share"))
    typed = "x = tf.constant(2.0)\nprint(x)  # work in progress\n"
    first = subprocess.run([sys.executable, "-c", CRASHING_APP, typed], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=180)
    assert first.returncode == 9, first.stderr[-3000:]
    assert "RuntimeError: a view fell over" in first.stdout  # the dialog shows the traceback
    assert "RuntimeError: a view fell over" in first.stderr  # and the terminal still gets it
    recovery_file = Path(first.stdout.split("DIALOG ", 1)[1].splitlines()[0])
    assert recovery_file.is_relative_to(home / ".local" / "share")
    assert json.loads(recovery_file.read_text(encoding="utf-8"))["text"] == typed

    started = time.monotonic()
    second = subprocess.run([sys.executable, "-c", NEXT_START], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=180)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "ASKED graphviz_app did not close normally last time" in second.stdout
    assert f"TEXT {typed!r} lesson.py" in second.stdout
    assert not recovery_file.exists()
    assert time.monotonic() - started < 60
