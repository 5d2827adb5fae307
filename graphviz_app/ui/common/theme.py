"""Light and dark themes: the Qt palette plus the few colours our own widgets paint with.

``"system"`` follows the platform's colour scheme (and its changes at run time); ``"light"`` and
``"dark"`` force one. Widgets that paint themselves (editor, highlighter, console) read
``current()`` when they paint and listen to ``ThemeManager.changed``; a widget that has no
manager at hand styles itself with ``bind_style`` or listens to ``notifier().changed``, which
every manager also emits. Views name a role (``muted``, ``error``...), never a hex literal: the
colours live here, one value per theme.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

MODES = ("system", "light", "dark")


@dataclass(frozen=True)
class Theme:
    name: str
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    highlight: str
    highlight_text: str
    current_line: str
    gutter_bg: str
    gutter_fg: str
    error: str
    warning: str
    ok: str
    # syntax colours
    keyword: str
    builtin: str
    tf_name: str
    string: str
    number: str
    comment: str
    decorator: str
    definition: str
    find_match: str
    # a notice that is neither an error nor plain text (e.g. "approximate timeline")
    notice_text: str
    notice_back: str
    # data series compared across views: eager vs tf.function, call vs return arrows
    eager_series: str
    graph_series: str
    jit_series: str  # tf.function(jit_compile=True), XLA's path
    call_mark: str
    return_mark: str
    # background tints that mark related text spans (AutoGraph's conversions), in rotation
    marks: tuple[str, ...]


LIGHT = Theme(
    name="light", window="#f3f3f3", base="#ffffff", alt_base="#f7f7f9", text="#1e1e1e",
    muted="#6e6e6e", highlight="#2f6fde", highlight_text="#ffffff", current_line="#f1f5fb",
    gutter_bg="#f7f7f7", gutter_fg="#9a9a9a", error="#d12f2f", warning="#b26b00", ok="#25803a",
    keyword="#0033b3", builtin="#7a3e9d", tf_name="#b8560b", string="#067d17", number="#1750eb",
    comment="#8c8c8c", decorator="#9e880d", definition="#00627a", find_match="#ffe77a",
    notice_text="#8a4b00", notice_back="#fff3e0", eager_series="#1e88e5", graph_series="#e65100", jit_series="#8e24aa",
    call_mark="#e65100", return_mark="#6a1b9a",
    marks=("#fff3c4", "#d7f0dd", "#dbe9fb", "#f7dcef"),
)

DARK = Theme(
    name="dark", window="#2b2d30", base="#1e1f22", alt_base="#26282b", text="#dcdcdc",
    muted="#9a9a9a", highlight="#2f5fae", highlight_text="#ffffff", current_line="#26282e",
    gutter_bg="#1e1f22", gutter_fg="#6f737a", error="#f75464", warning="#e0a040", ok="#5fb865",
    keyword="#cf8e6d", builtin="#c77dbb", tf_name="#e6b450", string="#6aab73", number="#2aacb8",
    comment="#7a7e85", decorator="#b3ae60", definition="#56a8f5", find_match="#5c4a12",
    notice_text="#f0b45a", notice_back="#3a2f1f", eager_series="#64b5f6", graph_series="#ff8a50", jit_series="#ce93d8",
    call_mark="#ff8a50", return_mark="#ce93d8",
    marks=("#4a4220", "#23402b", "#22364f", "#472a3f"),
)

_current = LIGHT


def current() -> Theme:
    return _current


def color(role: str) -> QColor:
    """The current theme's colour of ROLE (a field name of Theme), e.g. ``color("muted")``."""
    return QColor(getattr(_current, role))


def css(template: str) -> str:
    """TEMPLATE with ``{role}`` names filled from the current theme: ``css("color:{muted}")``."""
    return template.format_map({f.name: getattr(_current, f.name) for f in fields(Theme)})


class _Notifier(QObject):
    changed = Signal(object)  # Theme


_notifier: _Notifier | None = None


def notifier() -> _Notifier:
    """One application-wide signal source: ``changed(theme)`` after any ThemeManager applies."""
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()  # no parent: it outlives any one application object
    return _notifier


class _StyleBinding(QObject):
    """A widget's style-sheet template, re-filled on every theme change; a child of the widget,
    so the connection ends with it."""

    def __init__(self, widget: QWidget, template: str):
        super().__init__(widget)
        self.template = template
        notifier().changed.connect(self.apply)

    def apply(self, *_theme) -> None:
        self.parent().setStyleSheet(css(self.template))


def bind_style(widget: QWidget, template: str) -> None:
    """Style WIDGET with TEMPLATE (see ``css``) now and again whenever the theme changes."""
    binding = widget.findChild(_StyleBinding, "", Qt.FindChildOption.FindDirectChildrenOnly)
    if binding is None:
        binding = _StyleBinding(widget, template)
    binding.template = template
    binding.apply()


def system_is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def _palette(t: Theme) -> QPalette:
    p = QPalette()
    c = QColor
    roles = {
        QPalette.Window: t.window, QPalette.WindowText: t.text, QPalette.Base: t.base,
        QPalette.AlternateBase: t.alt_base, QPalette.Text: t.text, QPalette.Button: t.window,
        QPalette.ButtonText: t.text, QPalette.Highlight: t.highlight,
        QPalette.HighlightedText: t.highlight_text, QPalette.ToolTipBase: t.base,
        QPalette.ToolTipText: t.text, QPalette.PlaceholderText: t.muted, QPalette.Link: t.highlight,
        QPalette.BrightText: t.error,
    }
    for role, colour in roles.items():
        p.setColor(role, c(colour))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        p.setColor(QPalette.Disabled, role, c(t.muted))
    p.setColor(QPalette.Light, c(t.base).lighter(120))
    p.setColor(QPalette.Mid, c(t.window).darker(130))
    p.setColor(QPalette.Dark, c(t.window).darker(160))
    return p


class ThemeManager(QObject):
    """Applies a theme mode to the application and re-applies it when the system changes."""

    changed = Signal(object)  # Theme

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.mode = "system"
        app = QGuiApplication.instance()
        if app is not None:
            app.styleHints().colorSchemeChanged.connect(self._on_system_changed)

    def set_mode(self, mode: str) -> None:
        self.mode = mode if mode in MODES else "system"
        self.apply()

    def apply(self) -> None:
        global _current
        dark = self.mode == "dark" or (self.mode == "system" and system_is_dark())
        _current = DARK if dark else LIGHT
        app = QGuiApplication.instance()
        if isinstance(app, QApplication):
            # Fusion draws every control from the palette, so dark looks dark on every platform
            app.setStyle("Fusion")
        if app is not None:
            app.setPalette(_palette(_current))
        self.changed.emit(_current)
        notifier().changed.emit(_current)

    def _on_system_changed(self, _scheme) -> None:
        if self.mode == "system":
            self.apply()
