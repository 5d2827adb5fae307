"""An exception that escapes a slot or an event handler is shown, not lost in a terminal.

``CrashReporter.install()`` replaces ``sys.excepthook`` (which PySide calls for an exception
escaping a slot, a timer or a virtual override such as ``paintEvent``) and ``threading.excepthook``.
It saves the editor's unsaved text to the recovery file at once, still prints the traceback to
stderr, and opens a ``CrashDialog`` with the traceback on the next turn of the event loop (never
inside the failing handler). The window keeps running: the user decides whether to continue or
quit. Repeats of the same failure (a paint handler fails on every paint) are counted, not
stacked as new dialogs.
"""
from __future__ import annotations

import sys
import threading
import traceback

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
)

MAX_KEPT_TRACEBACKS = 20


class CrashDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setObjectName("crash_dialog")
        self._tracebacks: list[str] = []
        self._counts: list[int] = []
        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("Copy details"), self)
        self.quit_button = QPushButton(self.tr("Quit…"), self)
        self.continue_button = QPushButton(self.tr("Continue"), self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy_details)
        self.continue_button.clicked.connect(self.accept)
        self.quit_button.clicked.connect(self._quit)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(760, 460)
        self.recovery_note = ""

    def set_recovery_note(self, note: str) -> None:
        self.recovery_note = note
        self._update_message()

    def add_traceback(self, text: str) -> None:
        if text in self._tracebacks:
            self._counts[self._tracebacks.index(text)] += 1
        elif len(self._tracebacks) < MAX_KEPT_TRACEBACKS:
            self._tracebacks.append(text)
            self._counts.append(1)
        else:
            self._counts[-1] += 1
        self.details.setPlainText(self.details_text())
        self._update_message()

    def details_text(self) -> str:
        parts = []
        for text, count in zip(self._tracebacks, self._counts):
            times = self.tr(" (%n times)", "", count) if count > 1 else ""
            parts.append(f"{text.rstrip()}{times}")
        return "\n\n".join(parts)

    def error_count(self) -> int:
        return sum(self._counts)

    def _update_message(self) -> None:
        count = self.error_count()
        head = (self.tr("An error inside graphviz_app interrupted what you were doing.") if count <= 1 else
                self.tr("%n errors inside graphviz_app interrupted what you were doing.", "", count))
        self.message.setText(f"<b>{head}</b><br>" + self.tr(
            "The window keeps working, but the panel that failed may show stale results.")
            + (f"<br><br>{self.recovery_note}" if self.recovery_note else "") + "<br><br>"
            + self.tr("Please include the details below when you report this problem."))

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())

    def _quit(self) -> None:
        self.accept()
        parent = self.parentWidget()
        if parent is not None:
            parent.close()  # the usual close: asks about unsaved changes
        else:
            QGuiApplication.quit()


class CrashReporter(QObject):
    """Installs the hooks; shows one CrashDialog at a time for the window."""

    crashed = Signal(str)  # a formatted traceback; emitted from any thread

    def __init__(self, window=None, autosaver=None, parent: QObject | None = None):
        super().__init__(parent)
        self.window = window
        self.autosaver = autosaver
        self.dialog: CrashDialog | None = None
        self.reports: list[str] = []
        self._previous_hooks = None
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        if self._previous_hooks is None:
            self._previous_hooks = (sys.excepthook, threading.excepthook)
            sys.excepthook = self._excepthook
            threading.excepthook = self._thread_excepthook

    def uninstall(self) -> None:
        if self._previous_hooks is not None:
            if sys.excepthook == self._excepthook:
                sys.excepthook = self._previous_hooks[0]
            if threading.excepthook == self._thread_excepthook:
                threading.excepthook = self._previous_hooks[1]
            self._previous_hooks = None

    def _excepthook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt) and self._previous_hooks:
            self._previous_hooks[0](exc_type, exc, tb)
            return
        self.report("".join(traceback.format_exception(exc_type, exc, tb)))

    def _thread_excepthook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        text = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
        self.report(f"in thread {name}:\n{text}")

    def report(self, text: str) -> None:
        """Called in the failing context: keep the user's text first, then queue the dialog."""
        print(text, file=sys.stderr, end="" if text.endswith("\n") else "\n", flush=True)
        if threading.current_thread() is threading.main_thread():
            self._save_text()  # before anything else can go wrong
        self.crashed.emit(text)

    def _save_text(self) -> bool | None:
        if self.autosaver is None:
            return None
        try:
            return self.autosaver.save_now()
        except Exception as e:  # noqa: BLE001 - the report must still be shown
            print(f"graphviz_app: could not save the recovery copy: {e}", file=sys.stderr)
            return None

    def _recovery_note(self, saved: bool | None) -> str:
        if self.autosaver is None:
            return ""
        if saved:
            return self.tr("Your unsaved text was saved to %1 and will be offered the next time the app "
                           "starts if it does not close normally.").replace("%1", str(self.autosaver.store.file))
        return self.tr("Your text has no unsaved changes.")

    def _show(self, text: str) -> None:
        self.reports.append(text)
        saved = self._save_text()
        if self.dialog is None:
            self.dialog = CrashDialog(self.window)
            self.dialog.finished.connect(self._dialog_closed)
        self.dialog.set_recovery_note(self._recovery_note(saved))
        self.dialog.add_traceback(text)
        if not self.dialog.isVisible():
            self.dialog.open()  # window-modal, does not block the failing code's caller

    def _dialog_closed(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
