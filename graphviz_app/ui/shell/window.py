"""The main window: the composition root that wires editor, runs, views, console and files.

Views are discovered (``discover_views``), not listed here: a new view is a new package in
``graphviz_app/ui/views``.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QMainWindow,
    QWidget,
)

from graphviz_app.ui.common import i18n
from graphviz_app.ui.common.core_text import error_text
from graphviz_app.ui.common.i18n import error_kind
from graphviz_app.ui.common.icons import icon
from graphviz_app.ui.common.theme import ThemeManager
from graphviz_app.ui.lessons.lessons import LessonController
from graphviz_app.ui.shell import window_ui
from graphviz_app.ui.shell.actions import WindowActions
from graphviz_app.ui.shell.document import Document
from graphviz_app.ui.shell.engine_settings import EngineMenu
from graphviz_app.ui.shell.model_progress import ModelProgress
from graphviz_app.ui.shell.preferences import Preferences
from graphviz_app.ui.shell.run_controller import RunController
from graphviz_app.ui.shell.view_host import ViewHost
from graphviz_app.ui.views.base import AppContext, BaseView


class MainWindow(QMainWindow):
    views_loaded = Signal()

    def __init__(self, engine, prefs: Preferences | None = None, themes: ThemeManager | None = None,
                 load_views: bool = True):
        super().__init__()
        self.engine = engine
        self.prefs = prefs or Preferences(None)
        self.themes = themes or ThemeManager(self)
        self.ctx = AppContext(engine, self)
        self.export_detached: list[QWidget] = []
        self._closing_without_prompt = False
        self.language = i18n.install_language(self.prefs.language())
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.AnimatedDocks | QMainWindow.AllowTabbedDocks)
        window_ui.build_widgets(self)
        self.runs = RunController(self.ctx, self)
        self.host = ViewHost(self, self.ctx, self.tabs, self.inspector_stack, self.console)
        self.document = Document(self, self.editor, self.prefs, self.ctx, self.host, self.runs)
        self.model_progress = ModelProgress(self)  # an example model being built: progress, Cancel
        self.statusBar().insertPermanentWidget(0, self.model_progress)
        self.model_progress.cancel_requested.connect(self.document.cancel_model)
        self.engine_menu = EngineMenu(self, engine, self.prefs)
        self.actions_ = WindowActions(self)
        self.document.menus = self.actions_
        self.actions_.build_menus()
        self.addToolBar(self.actions_.build_toolbar())
        window_ui.build_docks(self)
        self.lessons = LessonController(self)
        self._connect()
        self.document.fill_examples_menu()
        self._fill_lessons_menu()
        self._check_language_action()
        self.document.fill_recent_menu()
        self._set_theme_mode(self.prefs.theme())
        self.actions_.auto_run.setChecked(self.prefs.auto_run())
        self.document.update_title()
        self.resize(1366, 768)
        if load_views:
            self.load_views()

    # ----- what others ask of the window -----------------------------------------------------------
    @property
    def views(self) -> dict[str, BaseView]:
        return self.host.views

    def load_views(self) -> None:
        self.host.load()

    def export_panel(self, name: str) -> QWidget:
        panels = {"window": self, "editor": self.editor_panel, "console": self.console,
                  "problems": self.problems}
        return panels[name] if name in panels else self.views[name]

    def export_target(self, name: str) -> QWidget:
        view = self.views.get(name)
        return view.export_widget() if view is not None else self.export_panel(name)

    def show_view(self, name: str) -> None:
        view = self.views.get(name)
        if view is not None:
            self.host.select(view)
        elif name in ("console", "problems"):
            (self.console_dock if name == "console" else self.problems_dock).raise_()

    def _connect(self) -> None:
        a = self.actions_
        self.editor.textChanged.connect(self.runs.text_edited)
        self.editor.cursor_line_changed.connect(self.ctx.line_selected)
        self.ctx.line_selected.connect(self.editor.select_line)
        self.problems.problem_activated.connect(self.editor.go_to)
        self.problems.count_changed.connect(self._on_problem_count)
        self.palette_panel.insert_requested.connect(self.editor.insert_snippet)
        self.runs.run_started.connect(self._on_run_started)
        self.runs.run_finished.connect(self._on_run_finished)
        self.runs.run_crashed.connect(self._on_run_crashed)
        self.runs.running_changed.connect(self._on_running_changed)
        self.runs.auto_run_due.connect(self.run_snippet)
        self.runs.text_source = self.editor.toPlainText
        self.runs.live_turned_off.connect(self._on_live_turned_off)
        self.engine.busy_changed.connect(self.host.delete_retired)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.host.loaded.connect(lambda: self._on_tab_changed(self.tabs.currentIndex()))
        self.host.loaded.connect(self.views_loaded)
        a.auto_run.toggled.connect(self._set_auto_run)
        a.theme_group.triggered.connect(lambda action: self._set_theme_mode(action.data()))
        a.language_group.triggered.connect(lambda action: self.set_language(action.data()))
        a.lesson_next.triggered.connect(self.lessons.next)
        a.lesson_previous.triggered.connect(self.lessons.previous)
        self.lesson_panel.next_requested.connect(self.lessons.next)
        self.lesson_panel.previous_requested.connect(self.lessons.previous)
        self.lesson_panel.step_requested.connect(self.lessons.go)
        self.lessons.step_changed.connect(self._on_lesson_step)
        self.themes.changed.connect(self._on_theme_changed)
        self.editor.viewport().installEventFilter(self)  # file drops on the editor open the file

    # ----- runs -----------------------------------------------------------------------------
    def run_snippet(self):
        text = self.editor.toPlainText()
        self.ctx.source_text = text
        return self.runs.run(text, Path(self.document.name).stem)

    def stop_run(self) -> None:
        if self.runs.running:
            self.runs.stop()
            self.statusBar().showMessage(self.tr("Stopping…"))

    def _on_run_started(self, name: str, waiting: bool) -> None:
        self.editor.clear_error()
        self.console.begin_run(name, waiting)
        self.statusBar().showMessage(self.tr("Waiting for TensorFlow…") if waiting else self.tr("Running…"))

    def _on_running_changed(self, running: bool) -> None:
        self.actions_.stop.setEnabled(running)

    def _on_run_finished(self, report) -> None:
        self.console.show_report(report)
        self.console_dock.raise_()
        self.problems.set_report(report)
        error = report.error
        if error is not None and error.kind != "cancelled" and error.line:
            self.editor.set_error(error.line, error.col, f"{error_kind(error.kind)}: {error_text(error)}")
        self.ctx.publish_report(report)
        if error is None:
            message = self.tr("Finished in %1 s").replace("%1", f"{report.wall_s:.2f}")
        elif error.kind == "cancelled":
            message = self.tr("Cancelled")
        else:
            message = self.tr("Stopped with a %1 error").replace("%1", error_kind(error.kind))
        self.statusBar().showMessage(message, 8000)

    def _on_run_crashed(self, traceback_text: str) -> None:
        self.console.show_failure(traceback_text)
        self.statusBar().showMessage(self.tr("The run failed inside the app"), 8000)

    def _on_problem_count(self, n: int) -> None:
        self.problems_dock.setWindowTitle(self.tr("Problems (%1)").replace("%1", str(n)) if n else self.tr("Problems"))

    def _set_auto_run(self, on: bool) -> None:
        self.runs.auto_run = on
        self.prefs.set_auto_run(on)

    def _on_live_turned_off(self, seconds: float) -> None:
        self.actions_.auto_run.setChecked(False)
        note = self.tr("Live mode is off: that run took %1 s (live mode keeps to runs under 2 s). "
                       "Run › Live turns it on again.")
        self.statusBar().showMessage(note.replace("%1", f"{seconds:.1f}"), 15000)

    # ----- views, themes, export --------------------------------------------------------------
    def _on_tab_changed(self, _index: int) -> None:
        view = self.host.current()
        inspector = view.inspector_widget() if view is not None else None
        if inspector is not None:
            self.inspector_stack.setCurrentWidget(inspector)
        if (inspector is not None) != self.inspector_dock.isVisible():
            self.inspector_dock.setVisible(inspector is not None)
            if inspector is not None:
                width = self.width()
                self.resizeDocks([self.console_dock, self.inspector_dock], [width * 3 // 5, width * 2 // 5],
                                 Qt.Horizontal)

    def _set_theme_mode(self, mode: str) -> None:
        self.themes.set_mode(mode)
        self.prefs.set_theme(self.themes.mode)
        action = self.actions_.theme_actions.get(self.themes.mode)
        if action is not None:
            action.setChecked(True)

    def _on_theme_changed(self, t) -> None:
        self.editor.set_theme(t)

    # ----- language and lessons ------------------------------------------------------------------
    def set_language(self, code: str) -> None:
        """Switch the UI language now ('' follows the system): the editor's text, the engine and
        the current report stay; views that cannot retranslate themselves are built again."""
        self.prefs.set_language(code)
        self.language = i18n.install_language(code)  # small widgets retranslate on LanguageChange
        self.retranslate()
        self.host.rebuild(self.engine.busy)
        self._on_tab_changed(self.tabs.currentIndex())

    def _check_language_action(self) -> None:
        action = self.actions_.language_actions.get(self.prefs.language() or "")
        if action is not None:
            action.setChecked(True)

    def retranslate(self) -> None:
        """Texts the window itself set: menus, toolbar, dock titles, tab titles, example titles."""
        self.actions_.retranslate()
        self._check_language_action()
        window_ui.retranslate_docks(self)
        self._on_problem_count(self.problems.topLevelItemCount())
        self.host.retranslate_titles()
        self.document.fill_examples_menu()
        self._fill_lessons_menu()
        self.statusBar().clearMessage()
        self.document.update_title()

    def _fill_lessons_menu(self) -> None:
        self.actions_.fill_lessons_menu(self.lessons.step_titles(), self.lessons.go)
        self.actions_.lessons_menu.addAction(self.lesson_dock.toggleViewAction())

    def _on_lesson_step(self, index: int) -> None:
        self.lesson_panel.show_step(index)
        if self.lesson_dock.isHidden():
            self.lesson_dock.show()
            if not self.lesson_dock.isFloating():  # first show: room for three sentences
                width = self.width()
                self.resizeDocks([self.lesson_dock, self.console_dock], [width * 2 // 5, width * 3 // 5],
                                 Qt.Horizontal)
        self.lesson_dock.raise_()

    def export_dialog(self) -> None:
        from graphviz_app.ui.shell.export_dialog import ExportDialog

        ExportDialog(self).exec()

    def copy_image(self) -> None:
        from graphviz_app.ui.common.rendering import render_image

        view = self.host.current()
        target = view.export_widget() if view is not None else self
        QGuiApplication.clipboard().setImage(render_image(target))
        what = self.tabs.tabText(self.tabs.currentIndex())
        self.statusBar().showMessage(self.tr("Copied a picture of %1").replace("%1", str(what)), 4000)

    # ----- events -----------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            # leave the drop handler before a dialog may open
            QTimer.singleShot(0, lambda: self.document.open_dropped(files[0]))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.editor.viewport() and event.type() in (QEvent.DragEnter, QEvent.DragMove, QEvent.Drop):
            if event.mimeData().hasUrls():
                if event.type() == QEvent.Drop:
                    self.dropEvent(event)
                else:
                    event.acceptProposedAction()
                return True
        return super().eventFilter(obj, event)

    def restore_layout(self) -> None:
        geometry, state = self.prefs.geometry(), self.prefs.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def close_without_prompt(self) -> None:
        self._closing_without_prompt = True
        self.close()

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self._closing_without_prompt and not self.document.maybe_discard():
            event.ignore()
            return
        self.runs.stop()
        self.prefs.save_window(self.saveGeometry(), self.saveState())
        self.document.remember()
        self.prefs.sync()
        event.accept()
