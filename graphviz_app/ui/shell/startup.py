"""Start-up of the desktop app: the window first, TensorFlow loading meanwhile in the engine process.

Order matters for how fast the window appears: QApplication and the window (editor, console,
palette; no TensorFlow, no pyqtgraph) are built and shown, then the engine starts importing
TensorFlow, then the views are discovered on the next turn of the event loop. Runs submitted
meanwhile wait in the engine's queue behind the import.

Hardening lives here too, because it belongs to the session rather than to the window: the
editor's unsaved text is autosaved to a recovery file and offered on the next start after a
crash (``recovery``), an exception escaping a slot opens a dialog with its traceback
(``crash_dialog``), and closing the window ends the process within ~2 s even while the engine is
busy (``GuiSession.finish``).
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

SHUTDOWN_WAIT_MS = 1000  # for the engine to finish its job after a cancel; the rest of 2 s is teardown


def run_gui(source: str | None, startup_report: bool, process_start: float,
            memory_limit_gb: float | None = None) -> int:
    return start_gui(source, startup_report, process_start, memory_limit_gb=memory_limit_gb).exec()


class GuiSession:
    """The running desktop app: ``exec()`` runs the event loop, then ends the session so the process
    exits within ~2 s of the window closing, even while TensorFlow is busy."""

    def __init__(self, app, engine, window, autosaver=None, crash_reporter=None):
        self.app, self.engine, self.window = app, engine, window
        self.autosaver, self.crash_reporter = autosaver, crash_reporter

    def exec(self) -> int:
        return self.finish(self.app.exec())

    def finish(self, code: int) -> int:
        """Stop the engine; a job that ignores its cancel (one long TensorFlow kernel, an import,
        a layout in C) cannot be waited for, so the process leaves without it."""
        stopped = self.engine.shutdown(SHUTDOWN_WAIT_MS)
        if self.autosaver is not None:
            self.autosaver.release()  # the window asked about unsaved text before it closed
        if self.crash_reporter is not None:
            self.crash_reporter.uninstall()
        if not stopped:
            print("graphviz_app: the engine was still busy; leaving without waiting for it.",
                  file=sys.stderr)
            _remove_autograph_files()
            sys.stdout.flush()
            sys.stderr.flush()
            # Python's normal exit would destroy the QThread while it runs (Qt aborts) and wait
            # for TensorFlow; the settings were written when the window closed.
            os._exit(code)
        return code


def _remove_autograph_files() -> None:
    """AutoGraph writes each conversion to a temporary .py file and deletes it at exit (atexit),
    which os._exit skips: delete this process's files here."""
    for name, module in list(sys.modules.items()):
        if name.startswith("__autograph_generated_file"):
            try:
                os.remove(module.__file__)
            except (OSError, AttributeError, TypeError):
                pass


def start_gui(source: str | None, startup_report: bool, process_start: float,
              recovery_folder: str | None = None, memory_limit_gb: float | None = None) -> GuiSession:
    if startup_report:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from graphviz_app.ui.common.icons import icon
    from graphviz_app.ui.common.theme import ThemeManager
    from graphviz_app.ui.shell.crash_dialog import CrashReporter
    from graphviz_app.ui.shell.document import APP_NAME
    from graphviz_app.ui.shell.engine import Engine
    from graphviz_app.ui.shell.preferences import Preferences
    from graphviz_app.ui.shell.recovery import Autosaver, RecoveryStore, offer_recovery
    from graphviz_app.ui.shell.window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("graphviz-app")  # the launcher's .desktop file (its icon on Wayland)
    app.setWindowIcon(icon("app"))
    prefs = Preferences(None) if startup_report else Preferences.for_user()
    limit_gb = memory_limit_gb or prefs.memory_limit_gb()
    # TF starts loading in the engine process now, on the other core, while the window is built
    engine = Engine(preload_tensorflow=True, memory_limit=int(limit_gb * (1 << 30)) if limit_gb else None)
    themes = ThemeManager(app)
    window = MainWindow(engine, prefs, themes, load_views=False)
    autosaver = None
    if not startup_report:
        window.restore_layout()
        store = RecoveryStore(Path(recovery_folder) if recovery_folder else None)
        autosaver = Autosaver(window, store)
    crash_reporter = CrashReporter(window, autosaver, parent=window)
    crash_reporter.install()
    _open_initial_text(window, source, prefs)
    window.show()
    app.processEvents()  # the first paint
    window_shown_s = time.perf_counter() - process_start
    engine.load_tensorflow()
    QTimer.singleShot(0, lambda: _after_views(window, source))
    if autosaver is not None:
        QTimer.singleShot(0, lambda: offer_recovery(window, autosaver.store))

    if startup_report:
        def report(_import_s: float) -> None:
            tf_ready_s = time.perf_counter() - process_start
            print(json.dumps({"window_shown_s": round(window_shown_s, 3), "tf_ready_s": round(tf_ready_s, 3),
                              "tensorflow_in_gui": "tensorflow" in sys.modules}), flush=True)
            window.close_without_prompt()
            app.quit()

        engine.tf_ready.connect(report)
    return GuiSession(app, engine, window, autosaver, crash_reporter)


def _open_initial_text(window, source: str | None, prefs) -> None:
    """Put text in the editor before the first paint: SOURCE if it is a snippet, else the last file."""
    from graphviz_app.core.graph.zoo import is_model_source
    from graphviz_app.ui.shell.snippet_file import SnippetFileError

    if source and is_model_source(source):  # a graph for the graph view: the editor keeps the last file
        source = None
    candidates = [source] if source else [prefs.last_file(), "seed_gradient"]
    for candidate in candidates:
        if not candidate:
            continue
        try:
            if Path(candidate).is_file() and candidate.endswith(".py"):
                window.document.open_path(candidate, interactive=False)
                return
            if not Path(candidate).exists():
                window.document.load_example(candidate)
                return
        except SnippetFileError as e:
            if candidate == source:
                window.console.append(str(e), "error")
    window.document.set_text("import tensorflow as tf\n\n", "untitled.py")


def _after_views(window, source: str | None) -> None:
    """Discover the views; a SOURCE that is not a snippet (a GraphDef, ...) goes to its view now."""
    from graphviz_app.core.graph.zoo import is_model_source
    from graphviz_app.ui.shell.snippet_file import SnippetFileError

    window.load_views()
    if source and is_model_source(source):
        window.document.open_model(source)
    elif source and Path(source).exists() and not (Path(source).is_file() and source.endswith(".py")):
        try:
            window.document.open_path(source, interactive=False)
        except SnippetFileError as e:
            window.console.append(str(e), "error")
