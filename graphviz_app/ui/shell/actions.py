"""The window's actions, menus and toolbar, built in one place so the window stays about wiring.

Texts are set in ``retranslate()`` (called once at construction and again whenever the UI
language changes), the Qt Designer idiom for switching language without rebuilding.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QToolButton

from graphviz_app.ui.common.i18n import LANGUAGES
from graphviz_app.ui.common.icons import icon
from graphviz_app.ui.common.theme import MODES
from graphviz_app.ui.shell.models_menu import ModelsMenu


class WindowActions(QObject):
    def __init__(self, window: QMainWindow):
        """WINDOW: the main window; the actions call its run_snippet, stop_run, export_dialog,
        copy_image and close, its document's and engine menu's commands, and its editor's."""
        super().__init__(window)
        self.window = window
        w = window
        self.run = self._action(w.run_snippet, "run", [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.stop = self._action(w.stop_run, "stop", [QKeySequence(Qt.Key_Escape)])
        self.stop.setEnabled(False)
        self.auto_run = self._action(None, None, [QKeySequence("Ctrl+Shift+L")])
        self.auto_run.setCheckable(True)
        self.new = self._action(w.document.new_file, None, [QKeySequence.New])
        self.open = self._action(w.document.open_dialog, "open", [QKeySequence.Open])
        self.compare = self._action(w.document.compare_dialog, None, [])
        self.save = self._action(w.document.save, "save", [QKeySequence.Save])
        self.save_as = self._action(w.document.save_as, None, [QKeySequence.SaveAs])
        self.export = self._action(w.export_dialog, "export", [QKeySequence("Ctrl+E")])
        self.copy_image = self._action(w.copy_image, None, [QKeySequence("Ctrl+Shift+C")])
        self.quit = self._action(w.close, None, [QKeySequence.Quit])
        self.diagnostics = self._action(w.engine_menu.show_diagnostics, None, [])
        self.restart_engine = self._action(w.engine_menu.restart, None, [])
        self.memory_limit = self._action(w.engine_menu.ask_memory_limit, None, [])
        editor = w.editor
        self.undo = self._action(editor.undo, None, [QKeySequence.Undo])
        self.redo = self._action(editor.redo, None, [QKeySequence.Redo])
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        editor.undoAvailable.connect(self.undo.setEnabled)
        editor.redoAvailable.connect(self.redo.setEnabled)
        self.find = self._action(w.editor_panel.find_bar.open_bar, None, [QKeySequence.Find])
        self.recent_menu = QMenu(w)
        self.examples_menu = QMenu(w)
        self.models_menu = ModelsMenu(w)  # Examples › Models, added by the document's fill
        self.models_menu.model_chosen.connect(w.document.open_model)
        self.theme_group = QActionGroup(self)
        self.theme_actions = {}
        for mode in MODES:
            action = QAction(self.theme_group, checkable=True)
            action.setData(mode)
            self.theme_actions[mode] = action
        # the language menu: follow the system, or one of the languages (named in their own)
        self.language_group = QActionGroup(self)
        self.language_actions = {}
        for code, name in (("", ""), *LANGUAGES):
            action = QAction(name, self.language_group, checkable=True)
            action.setData(code)
            self.language_actions[code] = action
        self.lesson_next = self._action(None, None, [QKeySequence("Alt+Right")])
        self.lesson_previous = self._action(None, None, [QKeySequence("Alt+Left")])
        self.lesson_panel = self._action(None, None, [])
        self.lesson_panel.setCheckable(True)
        self.examples_button: QToolButton | None = None
        self._menus: dict[str, QMenu] = {}
        self._toolbar: QToolBar | None = None
        self.retranslate()

    def _action(self, slot, icon_name, shortcuts) -> QAction:
        action = QAction(self.window)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcuts:
            action.setShortcuts(shortcuts)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    @staticmethod
    def _texts(action: QAction, text: str, tip: str = "") -> None:
        action.setText(text)
        action.setToolTip(tip or text.replace("&", "").removesuffix("…"))
        action.setStatusTip(tip)

    def retranslate(self) -> None:
        t = self._texts
        t(self.run, self.tr("Run"), self.tr("Run the snippet on the TensorFlow thread (Ctrl+Enter)"))
        t(self.stop, self.tr("Stop"), self.tr("Cancel the running snippet (Esc)"))
        t(self.auto_run, self.tr("Live"),
          self.tr("Re-run the snippet when typing pauses and the text is valid (runs over 2 s turn it off)"))
        t(self.new, self.tr("New"))
        t(self.open, self.tr("Open…"), self.tr("Open a snippet (Ctrl+O)"))
        t(self.compare, self.tr("Compare…"),
          self.tr("Compare two graph files (GraphDef, SavedModel, .keras): what was added, removed or changed"))
        t(self.save, self.tr("Save"), self.tr("Save (Ctrl+S)"))
        t(self.save_as, self.tr("Save As…"))
        t(self.export, self.tr("Export View…"), self.tr("Save the view or the window as PNG or SVG"))
        t(self.copy_image, self.tr("Copy Image"), self.tr("Copy a picture of the current view"))
        t(self.quit, self.tr("Quit"))
        t(self.diagnostics, self.tr("Diagnostics…"),
          self.tr("Versions, devices and what the TensorFlow engine process enforces"))
        t(self.restart_engine, self.tr("Restart TensorFlow"),
          self.tr("Stop TensorFlow's engine process and start a fresh one"))
        t(self.memory_limit, self.tr("TensorFlow Memory Limit…"),
          self.tr("How much memory TensorFlow's engine process may use before it is restarted"))
        t(self.undo, self.tr("Undo"))
        t(self.redo, self.tr("Redo"))
        t(self.find, self.tr("Find…"))
        self.recent_menu.setTitle(self.tr("Open Recent"))
        self.examples_menu.setTitle(self.tr("Examples"))
        labels = {"system": self.tr("Follow System"), "light": self.tr("Light"), "dark": self.tr("Dark")}
        for mode, action in self.theme_actions.items():
            action.setText(labels[mode])
        self.language_actions[""].setText(self.tr("Follow System"))
        t(self.lesson_next, self.tr("Next Step"), self.tr("Go to the next step of the lesson (Alt+Right)"))
        t(self.lesson_previous, self.tr("Previous Step"),
          self.tr("Go back to the previous step of the lesson (Alt+Left)"))
        t(self.lesson_panel, self.tr("Lesson Panel"), self.tr("Show or hide the lesson's explanation"))
        titles = {"file": self.tr("&File"), "edit": self.tr("&Edit"), "run": self.tr("&Run"),
                  "view": self.tr("&View"), "theme": self.tr("Theme"), "lessons": self.tr("&Lessons"),
                  "settings": self.tr("&Settings"), "language": self.tr("Language"),
                  "help": self.tr("&Help")}
        for key, menu in self._menus.items():
            menu.setTitle(titles[key])
        if self._toolbar is not None:
            self._toolbar.setWindowTitle(self.tr("Main"))
        if self.examples_button is not None:
            self.examples_button.setText(self.tr("Examples"))
            self.examples_button.setToolTip(self.tr("Open a bundled example"))

    def build_menus(self) -> None:
        bar = self.window.menuBar()
        menus = self._menus
        file_menu = menus["file"] = bar.addMenu("")
        for a in (self.new, self.open):
            file_menu.addAction(a)
        file_menu.addMenu(self.recent_menu)
        file_menu.addMenu(self.examples_menu)
        file_menu.addAction(self.compare)
        file_menu.addSeparator()
        for a in (self.save, self.save_as):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.export)
        file_menu.addAction(self.copy_image)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit = menus["edit"] = bar.addMenu("")
        for a in (self.undo, self.redo):
            edit.addAction(a)
        edit.addSeparator()
        edit.addAction(self.find)
        run = menus["run"] = bar.addMenu("")
        for a in (self.run, self.stop):
            run.addAction(a)
        run.addSeparator()
        run.addAction(self.auto_run)
        self.view_menu = menus["view"] = bar.addMenu("")
        theme_menu = menus["theme"] = self.view_menu.addMenu("")
        for a in self.theme_actions.values():
            theme_menu.addAction(a)
        self.view_menu.addSeparator()
        self.lessons_menu = menus["lessons"] = bar.addMenu("")
        settings = menus["settings"] = bar.addMenu("")
        settings.addAction(self.memory_limit)
        language_menu = menus["language"] = settings.addMenu("")
        for code, action in self.language_actions.items():
            language_menu.addAction(action)
            if not code:
                language_menu.addSeparator()
        help_menu = menus["help"] = bar.addMenu("")
        help_menu.addAction(self.diagnostics)
        help_menu.addAction(self.restart_engine)
        self.retranslate()

    def fill_lessons_menu(self, steps: list[str], on_step) -> None:
        """STEPS: the titles of the lesson's steps in the UI language; ON_STEP(i) opens one."""
        menu = self.lessons_menu
        menu.clear()
        for i, title in enumerate(steps):
            action = menu.addAction(f"{i + 1}. {title}")
            action.setData(i)
            action.triggered.connect(lambda _c=False, n=i: on_step(n))
        menu.addSeparator()
        menu.addAction(self.lesson_previous)
        menu.addAction(self.lesson_next)
        menu.addAction(self.lesson_panel)

    def build_toolbar(self) -> QToolBar:
        bar = self._toolbar = QToolBar(self.window)
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        bar.addAction(self.run)
        bar.addAction(self.stop)
        bar.addSeparator()
        examples = self.examples_button = QToolButton(bar)
        examples.setIcon(icon("examples"))
        examples.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        examples.setPopupMode(QToolButton.InstantPopup)
        examples.setMenu(self.examples_menu)
        bar.addWidget(examples)
        bar.addAction(self.open)
        bar.addAction(self.save)
        bar.addAction(self.export)
        self.retranslate()
        return bar
