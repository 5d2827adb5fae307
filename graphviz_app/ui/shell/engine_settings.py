"""Settings › TensorFlow Memory Limit: how much resident memory the engine process may use
before the app stops and restarts it (see core/engine/supervisor.py)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
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
        return translate("EngineSettings", "The memory limit is now %1 GB; TensorFlow takes all of it at its next restart.").replace(
            "%1", f"{gb:g}")
    engine.restart(translate("EngineSettings", "memory limit changed to %1 GB").replace("%1", f"{gb:g}"))
    return translate("EngineSettings", "The memory limit is now %1 GB.").replace("%1", f"{gb:g}")
