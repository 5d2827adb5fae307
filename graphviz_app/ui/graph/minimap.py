"""A small overview of the whole graph with the visible part framed; click or drag to go there."""
from __future__ import annotations

import numpy as np
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
        _paint_boxes(p, layout, s)
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


def _paint_boxes(p: QPainter, layout, s: float) -> None:
    """Frames as outlines, nodes and folded groups as dots of their kind's colour, at scale S: at
    most a dot per pixel and colour (20k nodes in a 170 px square are a few thousand dots)."""
    nodes = layout.nodes
    a = np.array([(b.x, b.y, b.w, b.h, b.kind == "box", b.kind == "group") for b in nodes], float)
    a = a.reshape(len(nodes), 6)
    x0, y0 = (a[:, 0] - a[:, 2] / 2) * s, (a[:, 1] - a[:, 3] / 2) * s
    w, h = a[:, 2] * s, a[:, 3] * s
    box, group = a[:, 4] > 0, a[:, 5] > 0
    frames = np.flatnonzero(box & (w >= 3) & (h >= 3))
    p.setPen(QPen(st.BOX_BORDER, 0))
    p.setBrush(QBrush(st.BOX_FILL))
    p.drawRects([QRectF(*r) for r in np.stack([x0, y0, w, h], 1)[frames].tolist()])
    p.setPen(Qt.PenStyle.NoPen)
    for kind, rows in (("op", ~box & ~group), ("group", group)):
        # at least 1.5 px, so small graphs in big layouts still show; then one per pixel
        rw, rh = np.maximum(w[rows], 1.5), np.maximum(h[rows], 1.5)
        rx, ry = x0[rows] + (w[rows] - rw) / 2, y0[rows] + (h[rows] - rh) / 2
        r = np.unique(np.round(np.stack([rx, ry, rw, rh], 1) * 2) / 2, axis=0)
        p.setBrush(QColor(st.KINDS[kind].border))
        p.drawRects([QRectF(*q) for q in r.tolist()])
