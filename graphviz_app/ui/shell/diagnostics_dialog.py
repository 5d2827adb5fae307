"""Help › Diagnostics: versions, devices, what the engine process enforces, and the engine's log
(TensorFlow's own logging, kept off the terminal), in plain words a user can copy into a bug report."""
from __future__ import annotations

import os
import platform

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from graphviz_app import __version__


def diagnostics_text(engine) -> str:
    import PySide6

    gb = 1 << 30
    lines = [
        f"graphviz_app {__version__}",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"PySide6 {PySide6.__version__}",
        f"TensorFlow {engine.tf_version or '(still loading)'} in the engine process "
        f"(pid {engine._process.pid}); the window's process does not import it",
        "devices: " + (", ".join(engine.devices) if engine.devices else "(known once TensorFlow is loaded)"),
        "",
        "What the engine process enforces:",
        f"- memory: killed and restarted past {engine.memory_limit / gb:.1f} GB resident "
        f"(watched from the app every 20 ms; peak so far {engine.peak_rss / gb:.2f} GB)",
        "- wall time: a run is stopped at its limit (60 s) and the engine killed 3 s after",
        "- cancel: cooperative first; the engine is killed if it has not stopped 1 s later",
        "- a crash (a TensorFlow abort, a segfault) ends the run with kind 'crash'; a new "
        "engine starts and the window keeps everything",
    ]
    for key, text in sorted(engine.enforced.items()):
        lines.append(f"- {key.replace('_', ' ')}: {text}")
    if engine._process.restarts:
        lines.append(f"restarts so far: {engine._process.restarts}")
    lines += ["", *log_section(engine)]
    return "\n".join(lines) + "\n"


LOG_TAIL_BYTES = 64 * 1024  # the start of TF's import and what followed; enough for a bug report


def engine_log_path(engine) -> str:
    """The engine process's log: its stdout and stderr from the moment it started, so TensorFlow's
    native logging lands there, the lines logged before absl initialises included."""
    return engine.log_path


def read_log(path: str, limit: int = LOG_TAIL_BYTES) -> str:
    """The file's text, or its last LIMIT bytes (from a line start) when longer."""
    try:
        with open(path, "rb") as f:
            size = f.seek(0, os.SEEK_END)
            f.seek(max(0, size - limit))
            data = f.read()
    except OSError:
        return ""
    if size > limit:
        data = data[data.find(b"\n") + 1:]
    return data.decode("utf-8", "replace")


def log_section(engine) -> list[str]:
    if getattr(engine._process, "verbose", False):
        return ["TensorFlow's own logging: shown on the terminal (--verbose)."]
    path = engine_log_path(engine)
    text = read_log(path).rstrip("\n") if path else ""
    head = f"TensorFlow's own logging (the engine process's log, {path}):"
    return [head, text if text else "(nothing logged so far)"]


class DiagnosticsDialog(QDialog):
    def __init__(self, engine, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Diagnostics"))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.text.setPlainText(diagnostics_text(engine))
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        copy = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(860, 560)


def show_diagnostics(engine, parent: QWidget | None = None) -> DiagnosticsDialog:
    dialog = DiagnosticsDialog(engine, parent)
    dialog.show()
    return dialog
