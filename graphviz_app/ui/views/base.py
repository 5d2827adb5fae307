"""The contract between the main window and its views.

A view is one package in ``graphviz_app/ui/views/`` whose ``view.py`` defines a ``BaseView``
subclass and names it ``VIEW``; its other modules are its parts. The main window and the
headless export find views by scanning that package, so adding a view never edits the window.
"""
from __future__ import annotations

import importlib
import pkgutil
import traceback

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget


class AppContext(QObject):
    """What every view shares: the engine, the latest report, and cross-view selection."""

    report_changed = Signal(object)  # RunReport | None
    line_selected = Signal(int)  # 1-based source line; the editor and views follow it
    source_loaded = Signal(str)  # the SOURCE the user opened (example name, path)
    # (a run's tf.function, names of nodes of its graph) the user selected in one view (the
    # graph's nodes, the timeline's slices); the others follow it
    nodes_selected = Signal(str, list)

    def __init__(self, engine, parent: QObject | None = None):
        super().__init__(parent)
        self.engine = engine
        self.report = None
        self.source_text = ""

    def publish_report(self, report) -> None:
        self.report = report
        self.report_changed.emit(report)


class BaseView(QWidget):
    """A panel of the main window. Views render models; they never write back into them."""

    view_name = ""  # the --view name of `main.py export`
    title = ""  # the tab title (translated by the window)
    order = 100  # tab order: lower first
    ready = Signal()  # emitted when work started by set_report/prepare_export is done

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._emitting_line = False  # True while this view tells the others a line was selected
        ctx.report_changed.connect(self.set_report)

    def _emit_line(self, line: int) -> None:
        """Select ``line`` in the editor (and the other views); ``_emitting_line`` is True
        meanwhile, so a view that also listens can ignore its own echo."""
        self._emitting_line = True
        try:
            self.ctx.line_selected.emit(line)
        finally:
            self._emitting_line = False

    def set_report(self, report) -> None:
        """Show a new RunReport (None clears). Must not modify it."""

    def is_ready(self) -> bool:
        """False while the view still waits for asynchronous work (export waits on `ready`)."""
        return True

    def prepare_export(self, options: dict) -> None:
        """Headless export hook, e.g. {"expand": "all", "steps": 200}. Emit `ready` when done."""

    def export_widget(self) -> QWidget:
        """The widget whose pixels are the exported picture."""
        return self

    def inspector_widget(self) -> QWidget | None:
        """An optional details panel; the window shows it in its Inspector dock while this view is
        the current tab. Create it once and return the same widget every time."""
        return None

    # ----- sources other than snippets ---------------------------------------------------
    # A view may open a SOURCE the editor cannot run (a GraphDef, a SavedModel folder, ...).
    # The window (File > Open, drag and drop, `python main.py SOURCE`) and the headless export
    # (`python main.py export SOURCE --view ...`) ask each view class `accepts_source(source)`
    # before treating SOURCE as a snippet; the first view that accepts becomes the current
    # tab and gets `open_source(source)`. The view loads it through the engine process, makes
    # `is_ready()` False meanwhile and emits `ready` when the result is on screen. A failure is
    # the view's to show (the previous content stays); it emits `ready` too.
    source_filters: tuple[str, ...] = ()  # Open-dialog filters, e.g. ("GraphDef (*.pb *.pbtxt)",)

    @classmethod
    def accepts_source(cls, source: str) -> bool:
        """True if this view opens SOURCE (a path) itself; called without an instance."""
        return False

    def open_source(self, source: str) -> None:
        """Start loading a SOURCE this view accepted; emit `ready` when it is shown."""


# (module name, traceback) of view modules that failed to import in the last discover_views()
discovery_errors: list[tuple[str, str]] = []


def discover_views() -> list[type[BaseView]]:
    """Every view class in graphviz_app.ui.views, in tab order.

    A module that fails to import is skipped (and listed in ``discovery_errors``) so one broken
    view never takes the window down with it.
    """
    from graphviz_app.ui import views as package

    found = []
    discovery_errors.clear()
    for info in pkgutil.iter_modules(package.__path__):
        if not info.ispkg:
            continue  # a tab is a package with its view.py (this module is not one)
        try:
            module = importlib.import_module(f"{package.__name__}.{info.name}.view")
        except Exception:  # noqa: BLE001 (reported, not swallowed: see discovery_errors)
            discovery_errors.append((info.name, traceback.format_exc()))
            continue
        view = getattr(module, "VIEW", None)
        if view is not None:
            found.append(view)
    return sorted(found, key=lambda v: (v.order, v.view_name))
