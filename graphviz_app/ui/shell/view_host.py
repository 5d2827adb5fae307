"""The views of the window: discovered, built as tab pages, shown, rebuilt in a new language,
and the names ``export`` uses. One broken view is reported and skipped, never fatal."""
from __future__ import annotations

import sys
import traceback

from PySide6.QtCore import QObject, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget

from graphviz_app.ui.common.i18n import view_title
from graphviz_app.ui.views import base as view_base
from graphviz_app.ui.views.base import BaseView, discover_views


class ViewHost(QObject):
    loaded = Signal()

    def __init__(self, window, ctx, tabs, inspector_stack, console):
        super().__init__(window)
        self.window, self.ctx, self.tabs = window, ctx, tabs
        self.inspector_stack, self.console = inspector_stack, console
        self.views: dict[str, BaseView] = {}
        self.broken_views: dict[str, str] = {}  # view name -> traceback of its failure to load
        self._pages: dict[str, QScrollArea] = {}  # view name -> its tab page
        self._sources: dict[str, str] = {}  # view name -> the file it opened itself
        self._retired: list[QWidget] = []  # views replaced by a language switch, deleted when idle
        self.placeholder: QLabel | None = QLabel(self.tr("Loading views…"), alignment=Qt.AlignCenter)
        tabs.addTab(self.placeholder, self.tr("Views"))

    def load(self) -> None:
        """Create every discovered view as a tab (deferred at start-up so the window shows first)."""
        if self.views:
            return
        if self.placeholder is not None:
            self.tabs.removeTab(self.tabs.indexOf(self.placeholder))
            self.placeholder.deleteLater()
            self.placeholder = None
        for view_class in discover_views():
            self._build(view_class, self.tabs.count())
        for module, text in view_base.discovery_errors:
            self._report_broken(module, text)
        self.loaded.emit()

    def _build(self, view_class, position: int) -> BaseView | None:
        name = view_class.view_name or view_class.__name__
        try:
            view = view_class(self.ctx, self.window)
        except Exception:  # noqa: BLE001 (one broken view must not take the window down)
            self._report_broken(name, traceback.format_exc())
            return None
        self.views[view.view_name] = view
        page = QScrollArea(self.tabs)  # scrolls a view bigger than its room: the editor keeps its own
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.NoFrame)
        page.setWidget(view)
        self._pages[view.view_name] = page
        self.tabs.insertTab(position, page, view_title(view))
        inspector = view.inspector_widget()
        if inspector is not None:
            self.inspector_stack.addWidget(inspector)
        return view

    def _report_broken(self, name: str, traceback_text: str) -> None:
        self.broken_views[name] = traceback_text
        self.console.append(self.tr("The %1 view could not be loaded:").replace("%1", name), "error")
        self.console.append(traceback_text, "error")
        print(f"graphviz_app: the {name} view could not be loaded:\n{traceback_text}", file=sys.stderr)

    # ----- which view
    def current(self) -> BaseView | None:
        page = self.tabs.currentWidget()
        view = page.widget() if isinstance(page, QScrollArea) else None
        return view if isinstance(view, BaseView) else None

    def select(self, view: BaseView) -> None:
        page = self._pages.get(view.view_name)
        if page is not None:
            self.tabs.setCurrentWidget(page)

    def open_in_view(self, source: str) -> bool:
        """Hand SOURCE to the view that accepts it (a graph file); False if none does."""
        self.load()
        view = next((v for v in self.views.values() if type(v).accepts_source(source)), None)
        if view is None:
            return False
        self.select(view)
        view.open_source(source)
        self._sources[view.view_name] = source
        self.ctx.source_loaded.emit(source)
        return True

    def retranslate_titles(self) -> None:
        if self.placeholder is not None:
            self.placeholder.setText(self.tr("Loading views…"))
            self.tabs.setTabText(self.tabs.indexOf(self.placeholder), self.tr("Views"))
        for name, page in self._pages.items():
            self.tabs.setTabText(self.tabs.indexOf(page), view_title(self.views[name]))

    # ----- a new language
    def rebuild(self, engine_busy: bool) -> None:
        """Build the views again in the new language and give them the current report.

        A view that defines ``retranslate()`` is asked to do it instead. The old views are hidden
        at once and deleted when the engine is idle, so no job of theirs finishes into a deleted
        widget."""
        if not self.views:
            return  # not loaded yet: they will be built in the new language
        current = self.current()
        current_name = current.view_name if current is not None else None
        kept = set()
        for name, view in list(self.views.items()):
            if callable(getattr(view, "retranslate", None)):
                view.retranslate()
                kept.add(name)
            else:
                self._retire(name, view)
        with QSignalBlocker(self.tabs):
            for view_class in discover_views():
                name = view_class.view_name
                if name in kept:
                    continue
                self.views.pop(name, None)
                view = self._build(view_class, self._tab_position(view_class))
                if view is None:
                    continue
                if self.ctx.report is not None:
                    view.set_report(self.ctx.report)
                if name in self._sources:
                    view.open_source(self._sources[name])
        if current_name in self.views:
            self.select(self.views[current_name])
        self.delete_retired(engine_busy)

    def _retire(self, name: str, view: BaseView) -> None:
        page = self._pages.pop(name)
        self.tabs.removeTab(self.tabs.indexOf(page))
        inspector = view.inspector_widget()
        if inspector is not None:
            self.inspector_stack.removeWidget(inspector)
            inspector.setParent(None)
            self._retired.append(inspector)
        try:
            self.ctx.report_changed.disconnect(view.set_report)
        except (RuntimeError, TypeError):
            pass
        page.setParent(None)  # hidden now (a running GD loop pauses), deleted when idle
        self._retired.append(page)

    def _tab_position(self, view_class) -> int:
        """Where a rebuilt view goes among the tabs: before the first tab of a higher order."""
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            other = page.widget() if isinstance(page, QScrollArea) else None
            if isinstance(other, BaseView) and (other.order, other.view_name) > (view_class.order,
                                                                                 view_class.view_name):
                return index
        return self.tabs.count()

    def delete_retired(self, busy: bool = False) -> None:
        if not self._retired or busy:
            return  # engine.busy_changed(False) calls again
        for widget in self._retired:
            widget.deleteLater()
        self._retired.clear()
