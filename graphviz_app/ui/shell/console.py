"""The output console: a run's stdout exactly as Python would print it, then its error and a summary."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QColor, QFont, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from graphviz_app.ui.common import theme
from graphviz_app.ui.common.core_text import error_text
from graphviz_app.ui.common.i18n import error_kind


class Console(QPlainTextEdit):
    MAX_BLOCKS = 20000  # a runaway print loop must not eat the memory

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setMaximumBlockCount(self.MAX_BLOCKS)
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        font = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0))
        self.setFont(font)
        self._retranslate()

    def _retranslate(self) -> None:
        self.setPlaceholderText(self.tr("The output of a run appears here. Run with Ctrl+Enter."))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self._retranslate()  # what was printed stays as it was
        super().changeEvent(event)

    # kinds: "text" (the snippet's stdout), "info", "ok", "error", "warning"
    def append(self, text: str, kind: str = "text") -> None:
        t = theme.current()
        fmt = QTextCharFormat()
        colours = {"text": t.text, "info": t.muted, "ok": t.ok, "error": t.error, "warning": t.warning}
        fmt.setForeground(QColor(colours.get(kind, t.text)))
        if kind in ("ok", "error"):
            fmt.setFontWeight(QFont.DemiBold)
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.End)
        if not self.document().isEmpty() and not self.toPlainText().endswith("\n"):
            cursor.insertText("\n")
        cursor.insertText(text.rstrip("\n") if kind != "text" else text.removesuffix("\n"), fmt)
        self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())

    def begin_run(self, name: str, waiting_for_tf: bool) -> None:
        self.clear()
        self.append(self.tr("▶ Running %1").replace("%1", str(name)), "info")
        if waiting_for_tf:
            self.append(self.tr("  (waiting for TensorFlow to finish loading…)"), "info")

    def show_report(self, report) -> None:
        if report.stdout:
            self.append(report.stdout, "text")
        error = report.error
        if error is not None:
            where = self.tr(" at line %1").replace("%1", str(error.line)) if error.line else ""
            if error.kind == "cancelled":
                self.append(self.tr("■ cancelled%1").replace("%1", where), "warning")
            else:
                self.append(self.tr("✖ %1 error%2: %3").replace("%1", error_kind(error.kind)).replace("%2", where)
                            .replace("%3", error_text(error)), "error")
        else:
            self.append(self.tr("✔ finished in %1 · %2").replace("%1", _seconds(report.wall_s))
                        .replace("%2", _counts(report)), "ok")

    def show_cancelled(self) -> None:
        self.append(self.tr("■ cancelled"), "warning")

    def show_failure(self, traceback_text: str) -> None:
        self.append(self.tr("✖ internal error (please report it):"), "error")
        self.append(traceback_text, "error")


def _seconds(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def _counts(report) -> str:
    ops = len(report.eager_ops) + report.eager_ops_dropped
    parts = [QCoreApplication.translate("Console", "1 eager op") if ops == 1
             else QCoreApplication.translate("Console", "%1 eager ops").replace("%1", str(ops))]
    n = len(report.functions)
    if n:
        parts.append(QCoreApplication.translate("Console", "1 tf.function") if n == 1
                     else QCoreApplication.translate("Console", "%1 tf.functions").replace("%1", str(n)))
    n = len(report.tapes)
    if n:
        parts.append(QCoreApplication.translate("Console", "1 tape") if n == 1
                     else QCoreApplication.translate("Console", "%1 tapes").replace("%1", str(n)))
    return " · ".join(parts)
