"""The editor's line-number gutter; it marks the line of the current error."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QToolTip, QWidget

from graphviz_app.ui.common import theme

if TYPE_CHECKING:
    from graphviz_app.ui.editor.editor import CodeEditor


class LineNumberGutter(QWidget):
    PADDING = 6

    def __init__(self, editor: "CodeEditor"):
        super().__init__(editor)
        self.editor = editor
        self.setMouseTracking(True)

    def width_hint(self) -> int:
        digits = max(3, len(str(self.editor.blockCount())))
        return self.PADDING * 2 + 10 + self.editor.fontMetrics().horizontalAdvance("9") * digits

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self.width_hint(), 0)

    def paintEvent(self, event) -> None:  # noqa: N802
        t = theme.current()
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(t.gutter_bg))
        editor = self.editor
        block = editor.firstVisibleBlock()
        number = block.blockNumber()
        top = round(editor.blockBoundingGeometry(block).translated(editor.contentOffset()).top())
        bottom = top + round(editor.blockBoundingRect(block).height())
        current = editor.textCursor().blockNumber()
        error_line = editor.error_line()
        height = editor.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible() and bottom >= event.rect().top():
                if error_line == number + 1:
                    painter.setBrush(QColor(t.error))
                    painter.setPen(Qt.NoPen)
                    r = min(4, height // 3)
                    painter.drawEllipse(QRect(3, top + height // 2 - r, 2 * r, 2 * r))
                colour = t.text if number == current else t.gutter_fg
                painter.setPen(QColor(t.error if error_line == number + 1 else colour))
                painter.drawText(0, top, self.width() - self.PADDING, height,
                                 Qt.AlignRight | Qt.AlignVCenter, str(number + 1))
            block = block.next()
            top = bottom
            bottom = top + round(editor.blockBoundingRect(block).height())
            number += 1
        painter.end()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        cursor = self.editor.cursorForPosition(event.position().toPoint())
        message = self.editor.error_message_for_line(cursor.blockNumber() + 1)
        if message:
            QToolTip.showText(event.globalPosition().toPoint(), message, self)
        else:
            QToolTip.hideText()
