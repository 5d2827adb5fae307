"""What the window remembers between sessions (QSettings): geometry, last file, recent files, theme,
language.

``Preferences(None)`` remembers nothing; the headless export uses it so it never touches the
user's settings.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class Preferences:
    def __init__(self, settings: QSettings | None):
        self.settings = settings

    @classmethod
    def for_user(cls) -> "Preferences":
        return cls(QSettings("graphviz_app", "graphviz_app"))

    def _get(self, key: str, default, kind=None):
        if self.settings is None:
            return default
        value = self.settings.value(key, default)
        if kind is bool:
            return value in (True, "true", "1", 1)
        if kind is list:
            if value is None:
                return []
            return [value] if isinstance(value, str) else list(value)
        return value

    def _set(self, key: str, value) -> None:
        if self.settings is not None:
            self.settings.setValue(key, value)

    # geometry and dock layout
    def geometry(self) -> QByteArray | None:
        return self._get("window/geometry", None)

    def window_state(self) -> QByteArray | None:
        return self._get("window/state", None)

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._set("window/geometry", geometry)
        self._set("window/state", state)

    # files
    def last_file(self) -> str | None:
        return self._get("files/last", None) or None

    def set_last_file(self, path: str | None) -> None:
        self._set("files/last", path or "")

    def recent_files(self) -> list[str]:
        return [p for p in self._get("files/recent", [], list) if p]

    def add_recent(self, path: str) -> None:
        recent = [path] + [p for p in self.recent_files() if p != path]
        self._set("files/recent", recent[:MAX_RECENT])

    def remove_recent(self, path: str) -> None:
        self._set("files/recent", [p for p in self.recent_files() if p != path])

    def last_dir(self) -> str:
        return self._get("files/last_dir", "") or ""

    def set_last_dir(self, path: str) -> None:
        self._set("files/last_dir", path)

    # behaviour
    def theme(self) -> str:
        return self._get("ui/theme", "system") or "system"

    def set_theme(self, mode: str) -> None:
        self._set("ui/theme", mode)

    def language(self) -> str:
        """'en', 'zh_CN', or '' to follow the system locale."""
        return self._get("ui/language", "") or ""

    def set_language(self, language: str) -> None:
        self._set("ui/language", language or "")

    def auto_run(self) -> bool:
        return self._get("run/auto", False, bool)

    def set_auto_run(self, on: bool) -> None:
        self._set("run/auto", on)

    def memory_limit_gb(self) -> float | None:
        """The engine's memory limit the user chose, or None for the default."""
        try:
            value = float(self._get("engine/memory_limit_gb", 0) or 0)
        except (TypeError, ValueError):
            return None
        return value if value > 0 else None

    def set_memory_limit_gb(self, gb: float | None) -> None:
        self._set("engine/memory_limit_gb", float(gb or 0))

    def sync(self) -> None:
        if self.settings is not None:
            self.settings.sync()
