"""The snippet editor: line numbers, current-line highlight, find matches, run errors underlined."""
from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QRect, QSignalBlocker, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QKeyEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from graphviz_app.ui.common import theme
from graphviz_app.ui.editor.gutter import LineNumberGutter
from graphviz_app.ui.editor.highlighter import PythonHighlighter

INDENT = "    "


class CodeEditor(QPlainTextEdit):
    """Signals carry 1-based line numbers, as the RunReport does."""

    cursor_line_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)
        self._retranslate()
        self._error: tuple[int, int | None, str] | None = None  # (line, col, message)
        self._find_pattern = ""
        self._find_flags = QTextDocument.FindFlag(0)
        self._last_line = 0
        self.gutter = LineNumberGutter(self)
        self.highlighter: QSyntaxHighlighter = PythonHighlighter(self.document())
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._update_gutter)
        self.cursorPositionChanged.connect(self._on_cursor_moved)
        self.textChanged.connect(self._on_text_changed)
        self._update_gutter_width()
        self._refresh_selections()

    # ----- public API -----------------------------------------------------------------
    def set_theme(self, t: theme.Theme) -> None:
        self.highlighter.set_theme(t)
        self._refresh_selections()
        self.gutter.update()

    def current_line(self) -> int:
        return self.textCursor().blockNumber() + 1

    def set_error(self, line: int | None, col: int | None, message: str) -> None:
        """Underline the error at line/col (1-based line, 0-based col) and remember the message."""
        self._error = (line, col, message) if line else None
        self._refresh_selections()
        self.gutter.update()

    def clear_error(self) -> None:
        self.set_error(None, None, "")

    def error_line(self) -> int | None:
        return self._error[0] if self._error else None

    def error_message_for_line(self, line: int) -> str:
        return self._error[2] if self._error and self._error[0] == line else ""

    def error_range(self) -> tuple[int, int] | None:
        """Document positions [start, end) of the underlined error, for tests and tooltips."""
        if not self._error:
            return None
        line, col, _ = self._error
        block = self.document().findBlockByNumber(line - 1)
        if not block.isValid():
            return None
        text = block.text()
        stripped_end = len(text.rstrip())
        indent = len(text) - len(text.lstrip())
        start = col if col is not None and 0 <= col < max(stripped_end, 1) else indent
        end = stripped_end if stripped_end > start else len(text)
        if end <= start:  # an empty line: underline one cell so there is something to see
            end = start + 1
        return block.position() + start, block.position() + end

    def go_to(self, line: int, col: int | None = None) -> None:
        block = self.document().findBlockByNumber(max(line, 1) - 1)
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        if col:
            cursor.movePosition(QTextCursor.Right, QTextCursor.MoveAnchor, min(col, block.length() - 1))
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()

    def select_line(self, line: int) -> None:
        """Select a whole line because another panel picked it; does not echo cursor_line_changed."""
        block = self.document().findBlockByNumber(line - 1)
        if not block.isValid() or self.current_line() == line:
            return  # the cursor is on that line already (possibly our own cursor_line_changed)
        self._last_line = line
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.EndOfBlock, QTextCursor.KeepAnchor)
        with QSignalBlocker(self):
            self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self._refresh_selections()
        self.gutter.update()

    def _retranslate(self) -> None:
        self.setPlaceholderText(self.tr("Type TensorFlow 2 code here, or pick an example…"))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def set_find_pattern(self, pattern: str, flags: QTextDocument.FindFlag) -> int:
        """Highlight every match; returns how many there are."""
        self._find_pattern, self._find_flags = pattern, flags
        self._refresh_selections()
        return len(self._find_matches())

    def insert_snippet(self, text: str) -> None:
        """Insert text at the cursor; a '|' in it marks where the cursor goes afterwards."""
        caret = text.find("|")
        text = text.replace("|", "", 1) if caret >= 0 else text
        cursor = self.textCursor()
        start = cursor.selectionStart() if cursor.hasSelection() else cursor.position()
        cursor.insertText(text)
        if caret >= 0:
            cursor.setPosition(start + caret)
            self.setTextCursor(cursor)
        self.setFocus()

    # ----- geometry and painting --------------------------------------------------------
    def _update_gutter_width(self, _count: int = 0) -> None:
        self.setViewportMargins(self.gutter.width_hint(), 0, 0, 0)

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())
        if rect.contains(self.viewport().rect()):
            self._update_gutter_width()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        r = self.contentsRect()
        self.gutter.setGeometry(QRect(r.left(), r.top(), self.gutter.width_hint(), r.height()))

    # ----- selections ---------------------------------------------------------------------
    def _on_cursor_moved(self) -> None:
        self._refresh_selections()
        self.gutter.update()
        line = self.current_line()
        if line != self._last_line:
            self._last_line = line
            self.cursor_line_changed.emit(line)

    def _on_text_changed(self) -> None:
        if self._find_pattern:
            self._refresh_selections()

    def _find_matches(self) -> list[QTextCursor]:
        if not self._find_pattern:
            return []
        matches, doc = [], self.document()
        cursor = doc.find(self._find_pattern, 0, self._find_flags)
        while not cursor.isNull() and len(matches) < 5000:
            matches.append(cursor)
            cursor = doc.find(self._find_pattern, cursor, self._find_flags)
        return matches

    def _refresh_selections(self) -> None:
        t = theme.current()
        selections = []
        line_sel = QTextEdit.ExtraSelection()
        line_sel.format.setBackground(QColor(t.current_line))
        line_sel.format.setProperty(QTextFormat.FullWidthSelection, True)
        line_sel.cursor = self.textCursor()
        line_sel.cursor.clearSelection()
        selections.append(line_sel)
        for match in self._find_matches():
            sel = QTextEdit.ExtraSelection()
            sel.format.setBackground(QColor(t.find_match))
            sel.cursor = match
            selections.append(sel)
        span = self.error_range()
        if span:
            whole = QTextEdit.ExtraSelection()
            tint = QColor(t.error)
            tint.setAlpha(28)
            whole.format.setBackground(tint)
            whole.format.setProperty(QTextFormat.FullWidthSelection, True)
            whole.cursor = QTextCursor(self.document().findBlock(span[0]))
            selections.append(whole)
            sel = QTextEdit.ExtraSelection()
            sel.format.setUnderlineStyle(QTextCharFormat.WaveUnderline)
            sel.format.setUnderlineColor(QColor(t.error))
            sel.cursor = QTextCursor(self.document())
            sel.cursor.setPosition(span[0])
            sel.cursor.setPosition(min(span[1], self.document().characterCount() - 1),
                                   QTextCursor.KeepAnchor)
            selections.append(sel)
        self.setExtraSelections(selections)

    # ----- events -------------------------------------------------------------------------
    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.ToolTip:
            cursor = self.cursorForPosition(self.viewport().mapFrom(self, e.pos()))
            message = self.error_message_for_line(cursor.blockNumber() + 1)
            if message:
                QToolTip.showText(e.globalPos(), message, self)
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        if e.key() == Qt.Key_Tab and not e.modifiers():
            self.textCursor().insertText(INDENT)
            return
        if e.key() == Qt.Key_Backtab:
            self._dedent()
            return
        if e.key() in (Qt.Key_Return, Qt.Key_Enter) and not e.modifiers():
            line = self.textCursor().block().text()[: self.textCursor().positionInBlock()]
            indent = re.match(r"\s*", line).group(0)
            if line.rstrip().endswith(":"):
                indent += INDENT
            self.textCursor().insertText("\n" + indent)
            self.ensureCursorVisible()
            return
        super().keyPressEvent(e)

    def _dedent(self) -> None:
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.StartOfBlock)
        text = cursor.block().text()
        remove = len(text) - len(text.lstrip(" "))
        remove = min(remove, len(INDENT))
        if remove:
            cursor.movePosition(QTextCursor.Right, QTextCursor.KeepAnchor, remove)
            cursor.removeSelectedText()
