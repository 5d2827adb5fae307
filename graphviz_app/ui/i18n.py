"""The UI language: Chinese when the system locale is Chinese, else English.

Example titles and descriptions come in both languages; this picks which one to show. The
settings switch (English / 简体中文) of the classroom issue will override ``ui_language``.
"""
from __future__ import annotations

from PySide6.QtCore import QLocale

_override: str | None = None


def set_ui_language(language: str | None) -> None:
    global _override
    _override = language


def ui_language() -> str:
    if _override:
        return _override
    return "zh" if QLocale().language() == QLocale.Chinese else "en"


def pick(english: str, chinese: str | None) -> str:
    """The text in the UI language, falling back to English."""
    return chinese if ui_language() == "zh" and chinese else english
