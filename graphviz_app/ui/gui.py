"""Start-up of the desktop app: the window first, TensorFlow afterwards on the engine thread.

Order matters for how fast the window appears: QApplication and the window (editor, console,
palette; no TensorFlow, no pyqtgraph) are built and shown, then the engine starts importing
TensorFlow, then the views are discovered on the next turn of the event loop. Runs submitted
meanwhile wait in the engine's queue behind the import.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def run_gui(source: str | None, startup_report: bool, process_start: float) -> int:
    if startup_report:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from graphviz_app.ui.engine import Engine
    from graphviz_app.ui.icons import icon
    from graphviz_app.ui.main_window import APP_NAME, MainWindow
    from graphviz_app.ui.preferences import Preferences
    from graphviz_app.ui.theme import ThemeManager

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(icon("app"))
    engine = Engine()
    prefs = Preferences(None) if startup_report else Preferences.for_user()
    themes = ThemeManager(app)
    window = MainWindow(engine, prefs, themes, load_views=False)
    if not startup_report:
        window.restore_layout()
    _open_initial_text(window, source, prefs)
    window.show()
    app.processEvents()  # the first paint
    window_shown_s = time.perf_counter() - process_start
    engine.load_tensorflow()
    QTimer.singleShot(0, lambda: _after_views(window, source))

    if startup_report:
        def report(_import_s: float) -> None:
            tf_ready_s = time.perf_counter() - process_start
            print(json.dumps({"window_shown_s": round(window_shown_s, 3), "tf_ready_s": round(tf_ready_s, 3)}),
                  flush=True)
            window.close_without_prompt()
            app.quit()

        engine.tf_ready.connect(report)
    code = app.exec()
    engine.shutdown()
    return code


def _open_initial_text(window, source: str | None, prefs) -> None:
    """Put text in the editor before the first paint: SOURCE if it is a snippet, else the last file."""
    from graphviz_app.ui.snippet_file import SnippetFileError

    candidates = [source] if source else [prefs.last_file(), "seed_gradient"]
    for candidate in candidates:
        if not candidate:
            continue
        try:
            if Path(candidate).is_file() and candidate.endswith(".py"):
                window.open_path(candidate, interactive=False)
                return
            if not Path(candidate).exists():
                window.load_example(candidate)
                return
        except SnippetFileError as e:
            if candidate == source:
                window.console.append(str(e), "error")
    window.set_document("import tensorflow as tf\n\n", "untitled.py")


def _after_views(window, source: str | None) -> None:
    """Discover the views; a SOURCE that is not a snippet (a GraphDef, ...) goes to its view now."""
    from graphviz_app.ui.snippet_file import SnippetFileError

    window.load_views()
    if source and Path(source).exists() and not (Path(source).is_file() and source.endswith(".py")):
        try:
            window.open_path(source, interactive=False)
        except SnippetFileError as e:
            window.console.append(str(e), "error")
