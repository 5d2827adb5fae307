"""Shared test set-up: Qt renders offscreen unless the caller chose a platform, and the fixtures
that build the app's parts (the window's engine client, an AppContext, the main window), each
torn down after its test so no engine process outlives the test that started it.

Qt and the app are imported inside the fixtures: core tests never load them through here."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHUTDOWN_MS = 20_000  # an engine process that is mid-import of TensorFlow takes a few seconds to end


@pytest.fixture
def make_engine():
    """Engine(**kwargs) for the window side (ui.shell.engine); every one is shut down afterwards."""
    from graphviz_app.ui.shell.engine import Engine

    made = []

    def make(**kwargs):
        made.append(Engine(**kwargs))
        return made[-1]

    yield make
    for engine in made:
        assert engine.shutdown(SHUTDOWN_MS)


@pytest.fixture
def app_ctx(make_engine):
    """An AppContext whose engine has started loading TensorFlow."""
    from graphviz_app.ui.views.base import AppContext

    engine = make_engine()
    engine.load_tensorflow()
    return AppContext(engine)


@pytest.fixture
def prefs(tmp_path):
    """Preferences kept in this test's own settings file."""
    from PySide6.QtCore import QSettings

    from graphviz_app.ui.shell.preferences import Preferences

    return Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))


@pytest.fixture
def make_window(qtbot, make_engine):
    """make(prefs=None, load_views=True, load_tensorflow=True, **engine_kwargs): a shown MainWindow
    on a new engine; closed without prompting after the test, before its engine is shut down."""
    from graphviz_app.ui.shell.preferences import Preferences
    from graphviz_app.ui.shell.window import MainWindow

    windows = []

    def make(prefs=None, *, load_views=True, load_tensorflow=True, show=True, **engine_kwargs):
        engine = make_engine(**engine_kwargs)
        window = MainWindow(engine, prefs if prefs is not None else Preferences(None), load_views=load_views)
        qtbot.addWidget(window)
        windows.append(window)
        if show:
            window.show()
        if load_tensorflow:
            engine.load_tensorflow()
        return window

    yield make
    for window in windows:
        window.close_without_prompt()


@pytest.fixture
def dialogs(monkeypatch):
    """Modal boxes would block the test: record their texts and answer Ok / Discard."""
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]) or QMessageBox.Ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: shown.append(a[2]) or QMessageBox.Discard)
    return shown
