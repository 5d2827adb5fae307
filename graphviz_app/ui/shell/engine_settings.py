"""Settings › TensorFlow Memory Limit: how much resident memory the engine process may use
before the app stops and restarts it (see core/engine/supervisor.py)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QInputDialog, QWidget

GB = 1 << 30
MIN_GB, MAX_GB = 0.5, 1024.0


translate = QCoreApplication.translate  # lupdate reads translate("EngineSettings", "...")


def ask_memory_limit(parent: QWidget, engine, prefs) -> str | None:
    """Ask for a new limit in GB; apply it (restarting an idle engine) and remember it. Returns
    what to tell the user, or None when they cancelled."""
    gb, ok = QInputDialog.getDouble(
        parent, translate("EngineSettings", "TensorFlow Memory Limit"),
        translate("EngineSettings", "Stop TensorFlow's engine process when it uses more than this many GB of memory:"),
        engine.memory_limit / GB, MIN_GB, MAX_GB, 1)
    if not ok:
        return None
    return apply_memory_limit(engine, prefs, gb)


def apply_memory_limit(engine, prefs, gb: float) -> str:
    """Set the limit; a busy engine keeps running and takes the new address-space cap later."""
    gb = min(max(gb, MIN_GB), MAX_GB)
    prefs.set_memory_limit_gb(gb)
    engine.set_memory_limit(int(gb * GB))
    if engine.busy:
        return translate("EngineSettings", "The memory limit is now %1 GB; TensorFlow takes all of it "
                         "at its next restart.").replace("%1", f"{gb:g}")
    engine.restart(translate("EngineSettings", "memory limit changed to %1 GB").replace("%1", f"{gb:g}"))
    return translate("EngineSettings", "The memory limit is now %1 GB.").replace("%1", f"{gb:g}")


class EngineMenu(QObject):
    """The window's dealings with the engine: its state in the status bar, Help › Diagnostics,
    Help › Restart TensorFlow, Settings › TensorFlow Memory Limit, and what a restart tells."""

    def __init__(self, window, engine, prefs):
        super().__init__(window)
        self.window, self.engine, self.prefs = window, engine, prefs
        self._diagnostics = None
        if not engine.is_tf_ready:
            window.status_panel.set_tf_loading()
        engine.tf_ready.connect(self._on_tf_ready)
        engine.restarted.connect(self._on_restarted)
        engine.busy_changed.connect(window.status_panel.set_busy)

    def _on_tf_ready(self, seconds: float) -> None:
        self.window.status_panel.set_tf_ready(seconds, self.engine.tf_version)

    def show_diagnostics(self) -> None:
        from graphviz_app.ui.shell.diagnostics_dialog import show_diagnostics

        self._diagnostics = show_diagnostics(self.engine, self.window)

    def ask_memory_limit(self) -> None:
        message = ask_memory_limit(self.window, self.engine, self.prefs)
        if message:
            self.window.statusBar().showMessage(message, 8000)

    def restart(self) -> None:
        self.engine.restart(self.tr("restarted from the Help menu"))

    def _on_restarted(self, stop) -> None:
        """The engine died or was killed (a limit, a crash, a cancel it ignored): a new one is
        loading TensorFlow. The editor and every view keep what they had."""
        self.window.status_panel.set_tf_loading()
        message = self.tr("TensorFlow was restarted (%1); run again").replace("%1", stop.message)
        self.window.console.append(message, "error")
        self.window.statusBar().showMessage(message, 10000)
