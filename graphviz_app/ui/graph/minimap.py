"""A small overview of the whole graph with the visible part framed; click or drag to go there."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QWidget

from graphviz_app.ui.graph import style as st

SIZE = 170


class GraphMinimap(QWidget):
    navigate = Signal(QPointF)  # a scene point to centre on

    def __init__(self, parent=None):
        super().__init__(parent)
        self.side = SIZE
        self.setFixedSize(SIZE, SIZE)
        self._layout = None
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._pixmap: QPixmap | None = None
        self._scene_rect = QRectF()
        self._view_rect = QRectF()
        self._scale = 1.0
        self._offset = QPointF()

    def set_layout(self, layout) -> None:
        """Draw the layout's boxes once into a pixmap, fitted into the minimap."""
        self._layout = layout
        SIZE = self.side  # noqa: N806 - the current side length
        if layout is None or layout.width <= 0 or layout.height <= 0:
            self._pixmap = None
            self.update()
            return
        self._scene_rect = QRectF(0, 0, layout.width, layout.height)
        s = min((SIZE - 8) / layout.width, (SIZE - 8) / layout.height)
        self._scale = s
        w, h = max(1, round(layout.width * s)), max(1, round(layout.height * s))
        self._offset = QPointF((SIZE - w) / 2, (SIZE - h) / 2)
        pm = QPixmap(w, h)
        pm.fill(st.MINIMAP_PAPER)
        p = QPainter(pm)
        p.scale(s, s)
        p.setPen(QPen(st.BOX_BORDER, 0))
        p.setBrush(QBrush(st.BOX_FILL))
        p.drawRects([QRectF(b.x - b.w / 2, b.y - b.h / 2, b.w, b.h) for b in layout.nodes if b.kind == "box"])
        p.setPen(Qt.PenStyle.NoPen)
        by_color: dict[str, list[QRectF]] = {}
        for b in layout.nodes:
            if b.kind != "box":
                color = st.KINDS["group" if b.kind == "group" else "op"].border
                # at least a pixel, so small graphs in big layouts still show
                mw, mh = max(b.w, 1.5 / s), max(b.h, 1.5 / s)
                by_color.setdefault(color, []).append(QRectF(b.x - mw / 2, b.y - mh / 2, mw, mh))
        for color, rects in by_color.items():
            p.setBrush(QColor(color))
            p.drawRects(rects)
        p.end()
        self._pixmap = pm
        self.update()

    def set_side(self, side: int) -> None:
        """Resize (a small canvas gets a small minimap) and redraw."""
        if side != self.side:
            self.side = side
            self.setFixedSize(side, side)
            self.set_layout(self._layout)

    def set_view_rect(self, rect: QRectF) -> None:
        self._view_rect = rect
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), st.MINIMAP_BACK)
        p.setPen(QPen(st.CANVAS_BORDER, 1))
        p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        if self._pixmap is None:
            return
        p.drawPixmap(self._offset, self._pixmap)
        r = self._view_rect
        frame = QRectF(self._offset.x() + r.x() * self._scale, self._offset.y() + r.y() * self._scale,
                       r.width() * self._scale, r.height() * self._scale).intersected(QRectF(self.rect()))
        p.setPen(QPen(st.SELECTED, 1.5))
        p.setBrush(st.MINIMAP_FRAME_FILL)
        p.drawRect(frame)

    def _go(self, pos: QPointF) -> None:
        if self._pixmap is None or self._scale <= 0:
            return
        self.navigate.emit(QPointF((pos.x() - self._offset.x()) / self._scale,
                                   (pos.y() - self._offset.y()) / self._scale))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._go(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._go(event.position())
