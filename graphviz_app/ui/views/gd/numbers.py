"""Lines of numbers painted directly: the readout's part that changes ten times a second.

A rich-text QLabel re-parses its HTML and re-lays out the view on every change (about 2.5 ms
here); painting a few runs of text costs a tenth of that and never disturbs the layout. A line
too long for the width wraps between its segments, indented.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

Segment = tuple[str, QColor | None, bool]  # text, colour (None: the palette's), bold

MARGIN = 8


class GdNumbers(QWidget):
    rows_changed = Signal()  # wrapping made it taller or shorter

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._lines: list[list[Segment]] = []
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        self._rows = 1
        self._laid_out: tuple | None = None  # (width, font, rows) of the last layout
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)

    def _metrics(self, bold: bool) -> QFontMetrics:
        return QFontMetrics(self._bold if bold else self.font())

    def _line_height(self) -> int:
        return int(self._metrics(True).height() * 1.3)

    def sizeHint(self) -> QSize:
        return QSize(400, self._line_height() * self._rows + 2 * MARGIN)

    def minimumSizeHint(self) -> QSize:
        return QSize(100, self.sizeHint().height())

    def set_lines(self, lines: list[list[Segment]]) -> None:
        self._lines = lines
        self._laid_out = None
        rows = len(self._rows_now())
        if rows != self._rows:  # only then does the space we need change
            self._rows = rows
            self.resize(self.width(), self.sizeHint().height())
            self.rows_changed.emit()
        if self.isVisible():
            self.repaint()  # now, in the caller's slot: no extra wake-up of the GUI thread

    def text(self) -> str:
        return "\n".join("".join(seg[0] for seg in line) for line in self._lines)

    def _rows_now(self) -> list[list[tuple[int, Segment]]]:
        """The layout of the current lines, computed once per change (set_lines, then paint)."""
        key = (self.width(), self.font().key())
        if self._laid_out is None or self._laid_out[:2] != key:
            self._laid_out = (*key, self._layout())
        return self._laid_out[2]

    def _layout(self) -> list[list[tuple[int, Segment]]]:
        """Rows of (x, segment); a segment that would cross the right edge starts a new row."""
        width = max(self.width(), 200) - MARGIN
        metrics = {False: self._metrics(False), True: self._metrics(True)}
        indent = MARGIN + 2 * metrics[False].horizontalAdvance("M")
        rows = []
        for line in self._lines:
            row, x = [], MARGIN
            for segment in line:
                advance = metrics[segment[2]].horizontalAdvance(segment[0])
                if row and x + advance > width:
                    rows.append(row)
                    row, x = [], indent
                row.append((x, segment))
                x += advance
            rows.append(row)
        return rows

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.set_lines(self._lines)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        normal = self.palette().color(QPalette.WindowText)
        fonts = {False: self.font(), True: self._bold}
        y, line_height = MARGIN + self._metrics(True).ascent(), self._line_height()
        font = pen = None  # set only when a segment changes them: each Qt call counts, ~20 segments
        for row in self._rows_now():
            for x, (text, color, bold) in row:
                if bold is not font:
                    painter.setFont(fonts[bold])
                    font = bold
                if (color or normal) is not pen:
                    pen = color or normal
                    painter.setPen(pen)
                painter.drawText(x, y, text)
            y += line_height
        painter.end()
