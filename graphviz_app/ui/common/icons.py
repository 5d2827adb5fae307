"""Toolbar and window icons, loaded from the assets folder (SVG), cached by name."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QIcon

from graphviz_app.assets import icons_dir


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``; an empty icon if it is missing."""
    path = icons_dir() / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()
