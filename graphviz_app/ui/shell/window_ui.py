"""The main window's widgets and docks, built as Qt Designer's ``setupUi`` would build them:
attributes of the window, texts in the window's translation context."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from graphviz_app.ui.editor.op_palette import OpPalette
from graphviz_app.ui.editor.panel import EditorPanel
from graphviz_app.ui.lessons.panel import LessonPanel
from graphviz_app.ui.shell.console import Console
from graphviz_app.ui.shell.problems import ProblemsList
from graphviz_app.ui.shell.status_panel import StatusPanel

translate = QCoreApplication.translate  # lupdate reads translate("MainWindow", "...")


def build_widgets(w) -> None:
    """The editor beside the views' tabs, and the panels the docks will hold."""
    w.editor_panel = EditorPanel(w)
    w.editor = w.editor_panel.editor
    w.tabs = QTabWidget(w)
    w.tabs.setDocumentMode(True)
    w.tabs.setMovable(True)
    w.splitter = QSplitter(Qt.Horizontal, w)
    w.splitter.addWidget(w.editor_panel)
    w.splitter.addWidget(w.tabs)
    w.splitter.setStretchFactor(0, 9)
    w.splitter.setStretchFactor(1, 11)
    w.splitter.setSizes([540, 660])  # proportions until the window has its size
    w.splitter.setChildrenCollapsible(False)
    w.setCentralWidget(w.splitter)
    w.console = Console(w)
    w.problems = ProblemsList(w)
    w.palette_panel = OpPalette(w)
    w.inspector_stack = QStackedWidget(w)
    w.nothing_to_inspect = QLabel(translate("MainWindow", "Nothing to inspect."), alignment=Qt.AlignCenter)
    w.inspector_stack.addWidget(w.nothing_to_inspect)
    w.status_panel = StatusPanel(w)
    w.statusBar().addPermanentWidget(w.status_panel)


def _dock(w, title: str, name: str, widget: QWidget, area) -> QDockWidget:
    dock = QDockWidget(title, w)
    dock.setObjectName(name)
    dock.setWidget(widget)
    dock.setFeatures(QDockWidget.DockWidgetClosable | QDockWidget.DockWidgetMovable
                     | QDockWidget.DockWidgetFloatable)
    w.addDockWidget(area, dock)
    w.actions_.view_menu.addAction(dock.toggleViewAction())
    return dock


def build_docks(w) -> None:
    bottom = Qt.BottomDockWidgetArea
    w.palette_dock = _dock(w, translate("MainWindow", "Op Palette"), "palette_dock", w.palette_panel,
                           Qt.LeftDockWidgetArea)
    # the lesson's explanation sits left of the console, which shows what the step printed
    w.lesson_panel = LessonPanel(w)
    w.lesson_dock = _dock(w, translate("MainWindow", "Lesson"), "lesson_dock", w.lesson_panel, bottom)
    w.console_dock = _dock(w, translate("MainWindow", "Console"), "console_dock", w.console, bottom)
    w.problems_dock = _dock(w, translate("MainWindow", "Problems"), "problems_dock", w.problems, bottom)
    w.inspector_dock = _dock(w, translate("MainWindow", "Inspector"), "inspector_dock", w.inspector_stack, bottom)
    # split before tabifying: the inspector sits beside the console/problems tabs, not among them
    w.splitDockWidget(w.lesson_dock, w.console_dock, Qt.Horizontal)
    w.splitDockWidget(w.console_dock, w.inspector_dock, Qt.Horizontal)
    w.tabifyDockWidget(w.console_dock, w.problems_dock)
    w.console_dock.raise_()
    w.inspector_dock.hide()
    w.lesson_dock.hide()
    w.resizeDocks([w.palette_dock], [170], Qt.Horizontal)
    w.resizeDocks([w.console_dock], [210], Qt.Vertical)


def retranslate_docks(w) -> None:
    w.palette_dock.setWindowTitle(translate("MainWindow", "Op Palette"))
    w.console_dock.setWindowTitle(translate("MainWindow", "Console"))
    w.inspector_dock.setWindowTitle(translate("MainWindow", "Inspector"))
    w.lesson_dock.setWindowTitle(translate("MainWindow", "Lesson"))
    w.nothing_to_inspect.setText(translate("MainWindow", "Nothing to inspect."))
