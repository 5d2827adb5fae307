"""The window's actions, menus and toolbar, built in one place so the window stays about wiring."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton

from graphviz_app.ui.icons import icon
from graphviz_app.ui.theme import MODES

if TYPE_CHECKING:
    from graphviz_app.ui.main_window import MainWindow


class WindowActions(QObject):
    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        w = window
        tr = self.tr
        self.run = self._action(tr("Run"), w.run_snippet, "run",
                                [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")],
                                tr("Run the snippet on the TensorFlow thread (Ctrl+Enter)"))
        self.stop = self._action(tr("Stop"), w.stop_run, "stop", [QKeySequence(Qt.Key_Escape)],
                                 tr("Cancel the running snippet (Esc)"))
        self.stop.setEnabled(False)
        self.auto_run = self._action(tr("Auto-run After Typing"), None, None, [],
                                     tr("Run again after a pause in typing"))
        self.auto_run.setCheckable(True)
        self.new = self._action(tr("New"), w.new_file, None, [QKeySequence.New])
        self.open = self._action(tr("Open…"), w.open_dialog, "open", [QKeySequence.Open],
                                 tr("Open a snippet (Ctrl+O)"))
        self.save = self._action(tr("Save"), w.save, "save", [QKeySequence.Save], tr("Save (Ctrl+S)"))
        self.save_as = self._action(tr("Save As…"), w.save_as, None, [QKeySequence.SaveAs])
        self.export = self._action(tr("Export View…"), w.export_dialog, "export",
                                   [QKeySequence("Ctrl+E")], tr("Save the view or the window as PNG or SVG"))
        self.copy_image = self._action(tr("Copy Image"), w.copy_image, None, [QKeySequence("Ctrl+Shift+C")],
                                       tr("Copy a picture of the current view"))
        self.quit = self._action(tr("Quit"), w.close, None, [QKeySequence.Quit])
        editor = w.editor
        self.undo = self._action(tr("Undo"), editor.undo, None, [QKeySequence.Undo])
        self.redo = self._action(tr("Redo"), editor.redo, None, [QKeySequence.Redo])
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        editor.undoAvailable.connect(self.undo.setEnabled)
        editor.redoAvailable.connect(self.redo.setEnabled)
        self.find = self._action(tr("Find…"), w.editor_panel.find_bar.open_bar, None, [QKeySequence.Find])
        self.recent_menu = QMenu(tr("Open Recent"), w)
        self.examples_menu = QMenu(tr("Examples"), w)
        self.theme_group = QActionGroup(self)
        labels = {"system": tr("Follow System"), "light": tr("Light"), "dark": tr("Dark")}
        self.theme_actions = {}
        for mode in MODES:
            action = QAction(labels[mode], self.theme_group, checkable=True)
            action.setData(mode)
            self.theme_actions[mode] = action

    def _action(self, text, slot, icon_name, shortcuts, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcuts:
            action.setShortcuts(shortcuts)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def build_menus(self) -> None:
        w, tr = self.window, self.tr
        bar = w.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        for a in (self.new, self.open):
            file_menu.addAction(a)
        file_menu.addMenu(self.recent_menu)
        file_menu.addMenu(self.examples_menu)
        file_menu.addSeparator()
        for a in (self.save, self.save_as):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.export)
        file_menu.addAction(self.copy_image)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit = bar.addMenu(tr("&Edit"))
        for a in (self.undo, self.redo):
            edit.addAction(a)
        edit.addSeparator()
        edit.addAction(self.find)
        run = bar.addMenu(tr("&Run"))
        for a in (self.run, self.stop):
            run.addAction(a)
        run.addSeparator()
        run.addAction(self.auto_run)
        self.view_menu = bar.addMenu(tr("&View"))
        theme_menu = self.view_menu.addMenu(tr("Theme"))
        for a in self.theme_actions.values():
            theme_menu.addAction(a)
        self.view_menu.addSeparator()

    def build_toolbar(self) -> QToolBar:
        bar = QToolBar(self.tr("Main"), self.window)
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        bar.addAction(self.run)
        bar.addAction(self.stop)
        bar.addSeparator()
        examples = QToolButton(bar)
        examples.setText(self.tr("Examples"))
        examples.setIcon(icon("examples"))
        examples.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        examples.setPopupMode(QToolButton.InstantPopup)
        examples.setMenu(self.examples_menu)
        examples.setToolTip(self.tr("Open a bundled example"))
        bar.addWidget(examples)
        bar.addAction(self.open)
        bar.addAction(self.save)
        bar.addAction(self.export)
        return bar
