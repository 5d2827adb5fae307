"""Incremental find for the editor (Ctrl+F): highlights every match, Enter / Shift+Enter step."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from graphviz_app.ui.editor.editor import CodeEditor


class FindBar(QWidget):
    def __init__(self, editor: CodeEditor, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.field = QLineEdit(self)
        self.field.setClearButtonEnabled(True)
        self.case = QCheckBox("Aa", self)
        self.count = QLabel(self)
        self._buttons = prev_btn, next_btn, close_btn = (QToolButton(self, text="↑"), QToolButton(self, text="↓"),
                                                         QToolButton(self, text="✕"))
        self._retranslate()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for w in (self.field, self.case, self.count, prev_btn, next_btn, close_btn):
            layout.addWidget(w)
        layout.setStretch(0, 1)
        self.field.textChanged.connect(self._update)
        self.case.toggled.connect(self._update)
        next_btn.clicked.connect(self.find_next)
        prev_btn.clicked.connect(self.find_previous)
        close_btn.clicked.connect(self.close_bar)
        self.field.installEventFilter(self)
        self.hide()

    def _retranslate(self) -> None:
        self.field.setPlaceholderText(self.tr("Find"))
        self.case.setToolTip(self.tr("Match case"))
        tips = (self.tr("Previous match (Shift+Enter)"), self.tr("Next match (Enter)"), self.tr("Close (Esc)"))
        for button, tip in zip(self._buttons, tips):
            button.setToolTip(tip)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self._retranslate()
            self._show_count(self.editor.set_find_pattern(self.field.text(), self._flags()))
        super().changeEvent(event)

    def open_bar(self) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self._update()

    def close_bar(self) -> None:
        self.hide()
        self.editor.set_find_pattern("", QTextDocument.FindFlag(0))
        self.editor.setFocus()

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case.isChecked():
            flags |= QTextDocument.FindCaseSensitively
        if backward:
            flags |= QTextDocument.FindBackward
        return flags

    def _update(self) -> None:
        self._show_count(self.editor.set_find_pattern(self.field.text(), self._flags()))
        if self.field.text():
            # incremental: jump to the first match at or after the cursor's start
            cursor = self.editor.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self._jump(cursor, self._flags())

    def _show_count(self, n: int) -> None:
        if not self.field.text():
            self.count.setText("")
        else:
            self.count.setText(self.tr("1 match") if n == 1 else self.tr("%1 matches").replace("%1", str(n)))

    def find_next(self) -> None:
        self._jump(self.editor.textCursor(), self._flags())

    def find_previous(self) -> None:
        self._jump(self.editor.textCursor(), self._flags(backward=True))

    def _jump(self, start: QTextCursor, flags: QTextDocument.FindFlag) -> bool:
        pattern = self.field.text()
        if not pattern:
            return False
        doc = self.editor.document()
        found = doc.find(pattern, start, flags)
        if found.isNull():  # wrap around
            wrap = QTextCursor(doc)
            if flags & QTextDocument.FindBackward:
                wrap.movePosition(QTextCursor.End)
            found = doc.find(pattern, wrap, flags)
        if found.isNull():
            return False
        self.editor.setTextCursor(found)
        return True

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.field and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.KeyPress:
            if event.key() in (Qt.Key_Return, Qt.Key_Enter):
                if event.modifiers() & Qt.ShiftModifier:
                    self.find_previous()
                else:
                    self.find_next()
                return True
            if event.key() == Qt.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(obj, event)
