"""The one way to reach runtime assets (examples, icons, translations).

In an installed wheel they are the package ``graphviz_app.resources``; in a source checkout
that is not installed they are the top-level ``resources/`` folder beside the package.
"""
from __future__ import annotations

import importlib.resources
from pathlib import Path


def resources_root() -> Path:
    try:
        root = importlib.resources.files("graphviz_app.resources")
        path = Path(str(root))
        if (path / "examples").is_dir():
            return path
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / "resources"


def examples_dir() -> Path:
    return resources_root() / "examples"


def icons_dir() -> Path:
    return resources_root() / "icons"


def translations_dir() -> Path:
    return resources_root() / "translations"
