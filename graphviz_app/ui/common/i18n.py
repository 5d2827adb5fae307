"""The UI language: English or Simplified Chinese, from the settings or else the system locale.

Every user-visible string goes through Qt's translation system (``self.tr`` /
``QCoreApplication.translate``); ``install_language`` loads the compiled catalogue
``resources/translations/graphviz_app_zh_CN.qm`` (plus Qt's own ``qtbase`` catalogue, for the
buttons of standard dialogs) into the application. Installing or removing a translator makes Qt
post ``LanguageChange`` to every widget; ``install_language`` delivers those events at once so
the caller can rebuild what does not retranslate itself.

Example titles and descriptions come in both languages; ``pick`` chooses one. The source text of
the catalogue is ``resources/translations/graphviz_app_zh_CN.ts``, kept current by
``tools/update_translations.py``.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from graphviz_app.assets import translations_dir

ENGLISH, CHINESE = "en", "zh_CN"
# (code, name shown in the language menu): each name is written in its own language
LANGUAGES = ((ENGLISH, "English"), (CHINESE, "简体中文"))
CATALOGUE = "graphviz_app"

_current: str | None = None  # the installed language; None until install_language ran
_translators: list[QTranslator] = []


def normalise(language: str | None) -> str:
    """'zh', 'zh_CN', 'zh-Hans-CN', ... -> 'zh_CN'; anything else -> 'en'."""
    return CHINESE if (language or "").lower().replace("-", "_").startswith("zh") else ENGLISH


def system_language() -> str:
    """The language of the system locale, as one the app offers."""
    locale = QLocale.system()
    for name in locale.uiLanguages() or [locale.name()]:
        if normalise(name) == CHINESE:
            return CHINESE
    return ENGLISH


def catalogue_path(language: str = CHINESE) -> Path:
    return translations_dir() / f"{CATALOGUE}_{language}.qm"


def install_language(language: str | None) -> str:
    """Make LANGUAGE ('en', 'zh_CN'; empty or None: the system's) the UI language.

    Replaces the translators installed before and delivers the ``LanguageChange`` events at
    once. Returns the language now in use ('en' when the catalogue cannot be loaded).
    """
    global _current
    wanted = normalise(language) if language else system_language()
    app = QCoreApplication.instance()
    for translator in _translators:
        if app is not None:
            app.removeTranslator(translator)
    _translators.clear()
    installed = ENGLISH
    if wanted != ENGLISH and app is not None:
        ours = QTranslator(app)
        if ours.load(str(catalogue_path(wanted))):
            _translators.append(ours)
            qt_own = QTranslator(app)
            if qt_own.load(f"qtbase_{wanted}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
                _translators.append(qt_own)
            for translator in _translators:
                app.installTranslator(translator)
            installed = wanted
    _current = installed
    if app is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.LanguageChange)
    return installed


def current_language() -> str:
    """'en' or 'zh_CN': the installed language, else the system's."""
    return _current if _current is not None else system_language()


def set_ui_language(language: str | None) -> str:
    """Kept for callers of the first version: same as ``install_language``."""
    return install_language(language)


def ui_language() -> str:
    """'zh' or 'en' (the short form example headers use)."""
    return "zh" if current_language() == CHINESE else "en"


def pick(english: str, chinese: str | None) -> str:
    """The text in the UI language, falling back to English."""
    return chinese if ui_language() == "zh" and chinese else english


def translate(context: str, text: str) -> str:
    """``QCoreApplication.translate`` for text marked elsewhere with ``QT_TRANSLATE_NOOP``."""
    return QCoreApplication.translate(context, text)


# The kinds of RunReport.error (core/errors.py). The core's messages stay English (they are
# the validator's and TensorFlow's words); the kind around them is translated.
ERROR_KINDS = {
    "runtime": QT_TRANSLATE_NOOP("ErrorKind", "runtime"),
    "syntax": QT_TRANSLATE_NOOP("ErrorKind", "syntax"),
    "forbidden": QT_TRANSLATE_NOOP("ErrorKind", "forbidden"),
    "unsupported": QT_TRANSLATE_NOOP("ErrorKind", "unsupported"),
    "limit": QT_TRANSLATE_NOOP("ErrorKind", "limit"),
    "cancelled": QT_TRANSLATE_NOOP("ErrorKind", "cancelled"),
    "source": QT_TRANSLATE_NOOP("ErrorKind", "source"),
}


def error_kind(kind: str) -> str:
    """An error kind in the UI language ('syntax' -> '语法')."""
    return QCoreApplication.translate("ErrorKind", ERROR_KINDS[kind]) if kind in ERROR_KINDS else kind


# pyqtgraph's own text: the plots' right-click menu (pyqtgraph asks Qt for it in this context)
_PYQTGRAPH = (QT_TRANSLATE_NOOP("GraphicsScene", "Export..."),)


def view_title(view) -> str:
    """A view's tab title in the UI language (views mark ``title`` QT_TRANSLATE_NOOP("ViewTitle", ...))."""
    return QCoreApplication.translate("ViewTitle", view.title or view.view_name)
