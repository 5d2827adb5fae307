"""The main window: the composition root that wires editor, runs, views, console and files.

Views are discovered (``discover_views``), not listed here: a new view is a new package in
``graphviz_app/ui/views``.
"""
from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from graphviz_app.ui.common import i18n
from graphviz_app.ui.common.i18n import error_kind, pick, view_title
from graphviz_app.ui.common.icons import icon
from graphviz_app.ui.common.theme import ThemeManager
from graphviz_app.ui.editor.op_palette import OpPalette
from graphviz_app.ui.editor.panel import EditorPanel
from graphviz_app.ui.lessons.lessons import LessonController
from graphviz_app.ui.lessons.panel import LessonPanel
from graphviz_app.ui.shell.actions import WindowActions
from graphviz_app.ui.shell.console import Console
from graphviz_app.ui.shell.preferences import Preferences
from graphviz_app.ui.shell.problems import ProblemsList
from graphviz_app.ui.shell.run_controller import RunController
from graphviz_app.ui.shell.snippet_file import (
    SnippetFileError,
    read_snippet,
    write_snippet,
)
from graphviz_app.ui.shell.status_panel import StatusPanel
from graphviz_app.ui.views import base as view_base
from graphviz_app.ui.views.base import AppContext, BaseView, discover_views

APP_NAME = "graphviz_app"


class MainWindow(QMainWindow):
    views_loaded = Signal()

    def __init__(self, engine, prefs: Preferences | None = None, themes: ThemeManager | None = None,
                 load_views: bool = True):
        super().__init__()
        self.engine = engine
        self.prefs = prefs or Preferences(None)
        self.themes = themes or ThemeManager(self)
        self.ctx = AppContext(engine, self)
        self.views: dict[str, BaseView] = {}
        self.broken_views: dict[str, str] = {}  # view name -> traceback of its failure to load
        self._pages: dict[str, QScrollArea] = {}  # view name -> its tab page
        self._view_sources: dict[str, str] = {}  # view name -> the file it opened itself
        self._retired: list[QWidget] = []  # views replaced by a language switch, deleted when idle
        self.export_detached: list[QWidget] = []
        self.path: Path | None = None  # the file on disk, None for examples and new text
        self.doc_name = "untitled.py"
        self.example_name: str | None = None
        self._closing_without_prompt = False
        self.language = i18n.install_language(self.prefs.language())
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.AnimatedDocks | QMainWindow.AllowTabbedDocks)
        self._build_widgets()
        self.actions_ = WindowActions(self)
        self.actions_.build_menus()
        self.addToolBar(self.actions_.build_toolbar())
        self._build_docks()
        self.lessons = LessonController(self)
        self._connect()
        self._fill_examples_menu()
        self._fill_lessons_menu()
        self._check_language_action()
        self._fill_recent_menu()
        self._set_theme_mode(self.prefs.theme())
        self.actions_.auto_run.setChecked(self.prefs.auto_run())
        self._update_title()
        self.resize(1366, 768)
        if load_views:
            self.load_views()

    # ----- construction ---------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.editor_panel = EditorPanel(self)
        self.editor = self.editor_panel.editor
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setMovable(True)
        self._views_placeholder: QLabel | None = QLabel(self.tr("Loading views…"), alignment=Qt.AlignCenter)
        self.tabs.addTab(self._views_placeholder, self.tr("Views"))
        self.splitter = QSplitter(Qt.Horizontal, self)
        self.splitter.addWidget(self.editor_panel)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 9)
        self.splitter.setStretchFactor(1, 11)
        self.splitter.setSizes([540, 660])  # proportions until the window has its size
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.console = Console(self)
        self.problems = ProblemsList(self)
        self.palette_panel = OpPalette(self)
        self.inspector_stack = QStackedWidget(self)
        self._nothing_to_inspect = QLabel(self.tr("Nothing to inspect."), alignment=Qt.AlignCenter)
        self.inspector_stack.addWidget(self._nothing_to_inspect)
        self.status_panel = StatusPanel(self)
        self.statusBar().addPermanentWidget(self.status_panel)
        if not self.engine.is_tf_ready:
            self.status_panel.set_tf_loading()
        self.runs = RunController(self.ctx, self)

    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetClosable | QDockWidget.DockWidgetMovable
                         | QDockWidget.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        self.actions_.view_menu.addAction(dock.toggleViewAction())
        return dock

    def _build_docks(self) -> None:
        self.palette_dock = self._dock(self.tr("Op Palette"), "palette_dock", self.palette_panel,
                                       Qt.LeftDockWidgetArea)
        # the lesson's explanation sits left of the console, which shows what the step printed
        self.lesson_panel = LessonPanel(self)
        self.lesson_dock = self._dock(self.tr("Lesson"), "lesson_dock", self.lesson_panel, Qt.BottomDockWidgetArea)
        self.console_dock = self._dock(self.tr("Console"), "console_dock", self.console, Qt.BottomDockWidgetArea)
        self.problems_dock = self._dock(self.tr("Problems"), "problems_dock", self.problems,
                                        Qt.BottomDockWidgetArea)
        self.inspector_dock = self._dock(self.tr("Inspector"), "inspector_dock", self.inspector_stack,
                                         Qt.BottomDockWidgetArea)
        # split before tabifying: the inspector sits beside the console/problems tabs, not among them
        self.splitDockWidget(self.lesson_dock, self.console_dock, Qt.Horizontal)
        self.splitDockWidget(self.console_dock, self.inspector_dock, Qt.Horizontal)
        self.tabifyDockWidget(self.console_dock, self.problems_dock)
        self.console_dock.raise_()
        self.inspector_dock.hide()
        self.lesson_dock.hide()
        self.resizeDocks([self.palette_dock], [170], Qt.Horizontal)
        self.resizeDocks([self.console_dock], [210], Qt.Vertical)

    def _connect(self) -> None:
        a = self.actions_
        self.editor.document().modificationChanged.connect(self._update_title)
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
        self.engine.tf_ready.connect(self._on_tf_ready)
        self.engine.restarted.connect(self._on_engine_restarted)
        self.engine.busy_changed.connect(self.status_panel.set_busy)
        self.engine.busy_changed.connect(self._delete_retired)
        self.tabs.currentChanged.connect(self._on_tab_changed)
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

    def load_views(self) -> None:
        """Create every discovered view as a tab (deferred at start-up so the window shows first)."""
        if self.views:
            return
        if self._views_placeholder is not None:
            self.tabs.removeTab(self.tabs.indexOf(self._views_placeholder))
            self._views_placeholder.deleteLater()
            self._views_placeholder = None
        for view_class in discover_views():
            try:
                view = view_class(self.ctx, self)
            except Exception:  # noqa: BLE001 (one broken view must not take the window down)
                self._report_broken_view(view_class.view_name or view_class.__name__, traceback.format_exc())
                continue
            self.views[view.view_name] = view
            self.tabs.addTab(self._page_for(view), view_title(view))
            inspector = view.inspector_widget()
            if inspector is not None:
                self.inspector_stack.addWidget(inspector)
        for module, text in view_base.discovery_errors:
            self._report_broken_view(module, text)
        self._on_tab_changed(self.tabs.currentIndex())
        self.views_loaded.emit()

    def _report_broken_view(self, name: str, traceback_text: str) -> None:
        self.broken_views[name] = traceback_text
        self.console.append(self.tr("The %s view could not be loaded:") % name, "error")
        self.console.append(traceback_text, "error")
        print(f"graphviz_app: the {name} view could not be loaded:\n{traceback_text}", file=sys.stderr)

    # ----- names used by export ----------------------------------------------------------------
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
            self._select_tab(view)
        elif name in ("console", "problems"):
            (self.console_dock if name == "console" else self.problems_dock).raise_()

    def current_view(self) -> BaseView | None:
        page = self.tabs.currentWidget()
        view = page.widget() if isinstance(page, QScrollArea) else None
        return view if isinstance(view, BaseView) else None

    def _select_tab(self, view: BaseView) -> None:
        page = self._pages.get(view.view_name)
        if page is not None:
            self.tabs.setCurrentWidget(page)

    def _page_for(self, view: BaseView) -> QScrollArea:
        """A tab page that scrolls a view wider or taller than the room it has, so a view's
        minimum size never squeezes the editor (the splitter honours the tabs' minimum)."""
        page = QScrollArea(self.tabs)
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.NoFrame)
        page.setWidget(view)
        self._pages[view.view_name] = page
        return page

    # ----- documents ------------------------------------------------------------------------
    def set_document(self, text: str, name: str, path: Path | None = None, example: str | None = None) -> None:
        with QSignalBlocker(self.runs):  # loading a file is not typing: no auto-run
            self.editor.setPlainText(text)
        self.editor.document().setModified(False)
        self.editor.clear_error()
        self.path, self.doc_name, self.example_name = path, name, example
        self.ctx.source_text = text
        self._update_title()

    def load_example(self, name: str) -> None:
        from graphviz_app.core.examples import find_example, list_examples

        example = find_example(name)
        if example is None:
            known = ", ".join(e.name for e in list_examples())
            raise SnippetFileError(self.tr("%1 is neither a file nor a bundled example (examples: %2).")
                                   .replace("%1", repr(name)).replace("%2", known))
        self.set_document(example.source, f"{example.name}.py", None, example.name)
        self.ctx.source_loaded.emit(example.name)
        self.statusBar().showMessage(pick(example.title, example.title_zh), 5000)

    def open_source(self, source: str) -> str:
        """Open an example name, a snippet path or a source a view accepts; start a run for
        snippets. Returns "run" or "view". Raises SnippetFileError with a message for the user."""
        view = self._view_for_source(source)
        if view is not None:
            self._select_tab(view)
            view.open_source(source)
            self._view_sources[view.view_name] = source
            self.ctx.source_loaded.emit(source)
            return "view"
        if Path(source).exists():
            self.open_path(source, interactive=False)
        else:
            self.load_example(source)
        self.run_snippet()
        return "run"

    def _view_for_source(self, source: str) -> BaseView | None:
        self.load_views()
        for view in self.views.values():
            if type(view).accepts_source(source):
                return view
        return None

    def open_path(self, path: str | os.PathLike, interactive: bool = True) -> bool:
        """Open a file (or a folder a view accepts). Errors raise when not interactive."""
        path = Path(path)
        try:
            view = self._view_for_source(str(path))
            if view is not None:
                self._select_tab(view)
                view.open_source(str(path))
                self._view_sources[view.view_name] = str(path)
                self.ctx.source_loaded.emit(str(path))
            else:
                text = read_snippet(path)
                self.set_document(text, path.name, path.resolve())
                self.prefs.set_last_file(str(path.resolve()))
                self.ctx.source_loaded.emit(str(path))
        except SnippetFileError as e:
            if not interactive:
                raise
            self.prefs.remove_recent(str(path))
            self._fill_recent_menu()
            QMessageBox.warning(self, self.tr("Cannot open file"), str(e))
            return False
        self.prefs.add_recent(str(path.resolve()))
        self.prefs.set_last_dir(str(path.resolve().parent))
        self._fill_recent_menu()
        return True

    def maybe_discard(self) -> bool:
        """True if the current text may be replaced (saved, discarded, or not modified)."""
        if not self.editor.document().isModified() or not self.editor.toPlainText().strip():
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("%s has unsaved changes. Save them first?") % self.doc_name,
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    def new_file(self) -> None:
        if self.maybe_discard():
            self.set_document("import tensorflow as tf\n\n", "untitled.py")

    def open_dialog(self) -> None:
        if not self.maybe_discard():
            return
        filters = [self.tr("Python snippets (*.py)")]
        for view in self.views.values():  # marked QT_TRANSLATE_NOOP("SourceFilter", ...) by the views
            filters.extend(QCoreApplication.translate("SourceFilter", f) for f in view.source_filters)
        filters.append(self.tr("All files (*)"))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open"), self.prefs.last_dir(), ";;".join(filters))
        if path:
            self.open_path(path)

    def open_example_interactive(self, name: str) -> None:
        if self.maybe_discard():
            self.load_example(name)

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        start = str(Path(self.prefs.last_dir() or Path.home()) / self.doc_name)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save As"), start, self.tr("Python snippets (*.py)"))
        if not path:
            return False
        path = Path(path if path.endswith(".py") else path + ".py")
        return self._write(path)

    def _write(self, path: Path) -> bool:
        try:
            write_snippet(path, self.editor.toPlainText())
        except SnippetFileError as e:
            QMessageBox.warning(self, self.tr("Cannot save"), str(e))
            return False
        self.path, self.doc_name, self.example_name = path.resolve(), path.name, None
        self.editor.document().setModified(False)
        self.prefs.set_last_file(str(self.path))
        self.prefs.add_recent(str(self.path))
        self.prefs.set_last_dir(str(self.path.parent))
        self._fill_recent_menu()
        self._update_title()
        self.statusBar().showMessage(self.tr("Saved %s") % path, 4000)
        return True

    def _update_title(self, *_args) -> None:
        self.setWindowTitle(f"{APP_NAME} — {self.doc_name}[*]")
        self.setWindowModified(self.editor.document().isModified())

    def _fill_examples_menu(self) -> None:
        menu = self.actions_.examples_menu
        menu.clear()
        try:
            from graphviz_app.core.examples import list_examples

            examples = list_examples()
        except Exception as e:  # noqa: BLE001 (a broken examples folder must not stop the window)
            menu.addAction(self.tr("Examples unavailable: %s") % e).setEnabled(False)
            return
        for example in examples:
            action = menu.addAction(pick(example.title, example.title_zh))
            action.setData(example.name)
            action.setToolTip(pick(example.description, example.description_zh))
            action.setStatusTip(pick(example.description, example.description_zh))
            action.triggered.connect(lambda _c=False, n=example.name: self.open_example_interactive(n))
        menu.setToolTipsVisible(True)

    def _fill_recent_menu(self) -> None:
        menu = self.actions_.recent_menu
        menu.clear()
        for path in self.prefs.recent_files():
            action = menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.maybe_discard() and self.open_path(p))
        menu.setEnabled(not menu.isEmpty())

    # ----- runs -----------------------------------------------------------------------------
    def run_snippet(self):
        text = self.editor.toPlainText()
        self.ctx.source_text = text
        return self.runs.run(text, Path(self.doc_name).stem)

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
            self.editor.set_error(error.line, error.col, f"{error_kind(error.kind)}: {error.message}")
        self.ctx.publish_report(report)
        if error is None:
            message = self.tr("Finished in %.2f s") % report.wall_s
        elif error.kind == "cancelled":
            message = self.tr("Cancelled")
        else:
            message = self.tr("Stopped with a %s error") % error_kind(error.kind)
        self.statusBar().showMessage(message, 8000)

    def _on_run_crashed(self, traceback_text: str) -> None:
        self.console.show_failure(traceback_text)
        self.statusBar().showMessage(self.tr("The run failed inside the app"), 8000)

    def _on_problem_count(self, n: int) -> None:
        self.problems_dock.setWindowTitle(self.tr("Problems (%d)") % n if n else self.tr("Problems"))

    def _on_tf_ready(self, seconds: float) -> None:
        self.status_panel.set_tf_ready(seconds, self.engine.tf_version)

    def show_diagnostics(self) -> None:
        from graphviz_app.ui.shell.diagnostics_dialog import show_diagnostics

        self._diagnostics = show_diagnostics(self.engine, self)

    def ask_memory_limit(self) -> None:
        from graphviz_app.ui.shell.engine_settings import ask_memory_limit

        message = ask_memory_limit(self, self.engine, self.prefs)
        if message:
            self.statusBar().showMessage(message, 8000)

    def restart_engine(self) -> None:
        self.engine.restart(self.tr("restarted from the Help menu"))

    def _on_engine_restarted(self, stop) -> None:
        """The engine died or was killed (a limit, a crash, a cancel it ignored): a new one is
        loading TensorFlow. The editor and every view keep what they had."""
        self.status_panel.set_tf_loading()
        message = self.tr("TensorFlow was restarted (%1); run again").replace("%1", stop.message)
        self.console.append(message, "error")
        self.statusBar().showMessage(message, 10000)

    def _set_auto_run(self, on: bool) -> None:
        self.runs.auto_run = on
        self.prefs.set_auto_run(on)

    # ----- views, themes, export --------------------------------------------------------------
    def _on_tab_changed(self, _index: int) -> None:
        view = self.current_view()
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
        self._rebuild_views()

    def _check_language_action(self) -> None:
        action = self.actions_.language_actions.get(self.prefs.language() or "")
        if action is not None:
            action.setChecked(True)

    def retranslate(self) -> None:
        """Texts the window itself set: menus, toolbar, dock titles, tab titles, example titles."""
        self.actions_.retranslate()
        self._check_language_action()
        self.palette_dock.setWindowTitle(self.tr("Op Palette"))
        self.console_dock.setWindowTitle(self.tr("Console"))
        self._on_problem_count(self.problems.topLevelItemCount())
        self.inspector_dock.setWindowTitle(self.tr("Inspector"))
        self.lesson_dock.setWindowTitle(self.tr("Lesson"))
        self._nothing_to_inspect.setText(self.tr("Nothing to inspect."))
        if self._views_placeholder is not None:
            self._views_placeholder.setText(self.tr("Loading views…"))
            self.tabs.setTabText(self.tabs.indexOf(self._views_placeholder), self.tr("Views"))
        for name, page in self._pages.items():
            self.tabs.setTabText(self.tabs.indexOf(page), view_title(self.views[name]))
        self._fill_examples_menu()
        self._fill_lessons_menu()
        self.statusBar().clearMessage()
        self._update_title()

    def _rebuild_views(self) -> None:
        """Build the views again in the new language and give them the current report.

        A view that defines ``retranslate()`` is asked to do it instead. The old views are hidden
        at once and deleted when the engine is idle, so no job of theirs finishes into a deleted
        widget."""
        if not self.views:
            return  # not loaded yet: they will be built in the new language
        current = self.current_view()
        current_name = current.view_name if current is not None else None
        kept = {}
        for name, view in list(self.views.items()):
            if callable(getattr(view, "retranslate", None)):
                view.retranslate()
                kept[name] = view
                continue
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
        with QSignalBlocker(self.tabs):
            for view_class in discover_views():
                name = view_class.view_name
                if name in kept:
                    continue
                self.views.pop(name, None)
                try:
                    view = view_class(self.ctx, self)
                except Exception:  # noqa: BLE001 (as in load_views)
                    self._report_broken_view(name or view_class.__name__, traceback.format_exc())
                    continue
                self.views[name] = view
                self.tabs.insertTab(self._tab_position(view), self._page_for(view), view_title(view))
                inspector = view.inspector_widget()
                if inspector is not None:
                    self.inspector_stack.addWidget(inspector)
                if self.ctx.report is not None:
                    view.set_report(self.ctx.report)
                source = self._view_sources.get(name)
                if source is not None:
                    view.open_source(source)
        if current_name in self.views:
            self._select_tab(self.views[current_name])
        self._on_tab_changed(self.tabs.currentIndex())
        self._delete_retired()

    def _tab_position(self, view: BaseView) -> int:
        """Where a rebuilt view goes among the tabs: before the first tab of a higher order."""
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            other = page.widget() if isinstance(page, QScrollArea) else None
            if isinstance(other, BaseView) and (other.order, other.view_name) > (view.order, view.view_name):
                return index
        return self.tabs.count()

    def _delete_retired(self, busy: bool = False) -> None:
        if not self._retired or busy or self.engine.busy:
            return  # engine.busy_changed(False) calls again
        for widget in self._retired:
            widget.deleteLater()
        self._retired.clear()

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

        view = self.current_view()
        target = view.export_widget() if view is not None else self
        QGuiApplication.clipboard().setImage(render_image(target))
        what = self.tabs.tabText(self.tabs.currentIndex())
        self.statusBar().showMessage(self.tr("Copied a picture of %s") % what, 4000)

    # ----- events -----------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            # leave the drop handler before a dialog may open
            QTimer.singleShot(0, lambda: self.maybe_discard() and self.open_path(files[0]))

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
        if not self._closing_without_prompt and not self.maybe_discard():
            event.ignore()
            return
        self.runs.stop()
        self.prefs.save_window(self.saveGeometry(), self.saveState())
        if self.path is not None:
            self.prefs.set_last_file(str(self.path))
        elif self.example_name:
            self.prefs.set_last_file(self.example_name)
        self.prefs.sync()
        event.accept()
