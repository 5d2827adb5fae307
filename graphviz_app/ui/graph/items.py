"""Scene items of the graph view, built from Layout data.

Nodes, frames and edges are Qt's own C++ items (path, rect, text): painting them costs no Python
call, which keeps pan and zoom smooth. Text, arrowheads and edge labels are child items the scene
hides when they would be too small to read. A big layout gets items only where the view looks
(``lazy.py``); far out, tiles stand for all of them (``tiles.py``).
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
)

from graphviz_app.ui.common.core_text import layout_subtitle
from graphviz_app.ui.graph import style as st

DARK_FILL = 0.55  # fills darker than this (perceived luminance, 0..1) get light text


def luminance(color: QColor) -> float:
    """How light a colour looks (ITU-R BT.601 weights), 0 black .. 1 white."""
    return (0.299 * color.red() + 0.587 * color.green() + 0.114 * color.blue()) / 255

# Items carry their layout id as a Python attribute (``item_id``): QGraphicsItem.setData leaks a
# reference to None in PySide6 6.12 and crashes the interpreter at exit with thousands of items.


def _shape_path(rect: QRectF, shape: str) -> QPainterPath:
    path = QPainterPath()
    if shape == "ellipse":
        path.addEllipse(rect)
    elif shape == "pill":
        r = rect.height() / 2
        path.addRoundedRect(rect, r, r)
    elif shape == "round":
        path.addRoundedRect(rect, 5, 5)
    else:
        path.addRect(rect)
    return path


class NodeItem(QGraphicsPathItem):
    """An op or a folded group: shape and colour by kind, title and subtitle inside."""

    def __init__(self, item: int, kind: str, rect: QRectF, title: str, subtitle: str,
                 colors: tuple[QColor, QColor] | None = None):
        super().__init__()
        self.item_id = item
        self.kind = kind
        style = st.KINDS.get(kind, st.KINDS["op"])
        fill, border = colors or (QColor(style.fill), QColor(style.border))
        self.base_pen = QPen(border, 2.0 if kind == "group" else 1.2)
        self.base_fill = QColor(fill)
        self.setPath(_shape_path(rect, style.shape))
        self.setBrush(QBrush(fill))
        self.setPen(self.base_pen)
        self.setZValue(2)
        self.texts: list[QGraphicsSimpleTextItem] = []
        self._text_of = (rect, title, subtitle)
        self._tone: str | None = None  # an overlay's fill: "light" (dark text) or "dark" (white text)
        self._subtitle: str | None = None  # an overlay's, instead of the layout's
        if kind == "group":
            shadow = QGraphicsPathItem(_shape_path(rect.translated(3, 3), style.shape), self)
            shadow.setBrush(QBrush(border.lighter(170)))
            shadow.setPen(Qt.PenStyle.NoPen)
            shadow.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self._add_text(rect, title, subtitle)

    def set_fill(self, color: QColor | None) -> None:
        """Fill with COLOR (an overlay's), or the kind's own fill again (None)."""
        self.setBrush(QBrush(self.base_fill if color is None else color))
        # on an overlay's colours the subtitle (its numbers) takes the title's contrast
        tone = None if color is None else "dark" if luminance(color) < DARK_FILL else "light"
        if tone != self._tone:
            self._tone = tone
            for t, colour in zip(self.texts, (st.NODE_TEXT, st.NODE_SUBTEXT)):
                t.setBrush(self._text_colour(colour))

    def set_subtitle(self, subtitle: str | None) -> None:
        """Show SUBTITLE (text in the UI language) under the title; None: the layout's own."""
        if subtitle == self._subtitle:
            return
        self._subtitle = subtitle
        rect, title, own = self._text_of
        visible = self.texts[0].isVisible() if self.texts else True
        for t in self.texts:
            t.setParentItem(None)
            if t.scene() is not None:
                t.scene().removeItem(t)
        self.texts = []
        self._add_text(rect, title, own if subtitle is None else subtitle, subtitle is not None)
        for t in self.texts:
            t.setVisible(visible)

    def _text_colour(self, colour: QColor) -> QColor:
        if self._tone is None:
            return colour
        return st.NODE_TEXT_ON_DARK if self._tone == "dark" else st.NODE_TEXT

    def _add_text(self, rect: QRectF, title: str, subtitle: str, plain: bool = False) -> None:
        lines = [(layout_subtitle(title), True, st.NODE_TEXT)]  # a twin's title is a core message
        if subtitle:
            lines.append((subtitle if plain else layout_subtitle(subtitle), False, st.NODE_SUBTEXT))
        room = rect.width() - 6
        y = rect.center().y() - sum(st.metrics(bold).height() for _, bold, _ in lines) / 2
        for text, bold, color in lines:
            fm = st.metrics(bold)
            width = fm.horizontalAdvance(text)
            if width > room:  # long names are cut to the box
                text = fm.elidedText(text, Qt.TextElideMode.ElideRight, room)
                width = fm.horizontalAdvance(text)
            t = QGraphicsSimpleTextItem(text, self)
            t.setFont(st.title_font() if bold else st.subtitle_font())
            t.setBrush(self._text_colour(color))
            t.setPos(rect.center().x() - width / 2, y)
            self.texts.append(t)
            y += fm.height()

    def set_state(self, color: QColor | None, width: float = 3.0) -> None:
        if color is None:
            self.setPen(self.base_pen)
        else:
            pen = QPen(color, width)
            self.setPen(pen)


class BoxItem(QGraphicsRectItem):
    """The frame of an expanded group, with its title in the header."""

    def __init__(self, item: int, rect: QRectF, title: str, subtitle: str, depth: int,
                 colors: tuple[QColor, QColor] | None = None):
        super().__init__(rect)
        self.item_id = item
        self.kind = "box"
        fill, border = colors or (st.BOX_FILL, st.BOX_BORDER)
        pen = QPen(border, 1.2, Qt.PenStyle.DashLine)
        self.base_pen = pen
        self.setPen(pen)
        self.setBrush(QBrush(fill))
        self.setZValue(-1 + depth * 0.01)
        self._text_of = (title, layout_subtitle(subtitle))
        t = QGraphicsSimpleTextItem(self)
        t.setFont(st.subtitle_font())
        t.setBrush(st.BOX_TITLE)
        t.setPos(rect.left() + 6, rect.top() + 3)
        self.texts = [t]
        self.set_subtitle(None)

        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_subtitle(self, extra: str | None) -> None:
        """The header: title (N ops) ▾; EXTRA (UI text, e.g. an overlay's totals) joins the count."""
        if extra == getattr(self, "_extra", 0):
            return
        self._extra = extra
        title, count = self._text_of
        fm = st.metrics(False)
        room = self.rect().width() - 12
        text = f"{layout_subtitle(title)}  ({count} · {extra})  ▾" if extra else ""
        if not text or fm.horizontalAdvance(text) > room:  # the extra before the count
            text = f"{layout_subtitle(title)}  ({extra or count})  ▾"
        if fm.horizontalAdvance(text) > room:  # frames are as narrow as their content
            text = fm.elidedText(text, Qt.TextElideMode.ElideMiddle, max(room, 20.0))
        self.texts[0].setText(text)

    def set_fill(self, color: QColor | None) -> None:
        """Frames keep their own fill under an overlay (the nodes inside carry the colours)."""

    def set_state(self, color: QColor | None, width: float = 3.0) -> None:
        self.setPen(self.base_pen if color is None else QPen(color, width))

    def paint(self, painter: QPainter, option, widget=None) -> None:
        r = self.rect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.brush())
        painter.drawRect(r)
        painter.setPen(self.pen())
        paint_border(painter, r, option.exposedRect)


def paint_border(painter: QPainter, r: QRectF, clip: QRectF) -> None:
    """The sides of R that meet CLIP, with the painter's pen: a frame of a big graph is tens of
    thousands of pixels around, and dashing all of it cost a frame 1.6 ms per frame at 1:1. Each
    side starts at a whole dash period from the frame's corner, so the dashes stay put."""
    pen = painter.pen()
    w = pen.widthF()
    ex = clip.adjusted(-w, -w, w, w)
    period = sum(pen.dashPattern()) * w if pen.style() != Qt.PenStyle.SolidLine else 0.0

    def span(lo: float, hi: float, a: float, b: float) -> tuple[float, float]:
        a = max(lo, a)
        if period > 0:
            a = lo + math.floor((a - lo) / period) * period
        return a, min(hi, b)

    for y in (r.top(), r.bottom()):
        if ex.top() <= y <= ex.bottom():
            a, b = span(r.left(), r.right(), ex.left(), ex.right())
            if a < b:
                painter.drawLine(QPointF(a, y), QPointF(b, y))
    for x in (r.left(), r.right()):
        if ex.left() <= x <= ex.right():
            a, b = span(r.top(), r.bottom(), ex.top(), ex.bottom())
            if a < b:
                painter.drawLine(QPointF(x, a), QPointF(x, b))


def edge_path(points: np.ndarray, rankdir: str) -> QPainterPath:
    """Consecutive points joined by cubics whose tangents run along the rank direction."""
    path = QPainterPath(QPointF(points[0, 0], points[0, 1]))
    tb = rankdir == "TB"
    for (x0, y0), (x1, y1) in zip(points[:-1].tolist(), points[1:].tolist()):
        if x0 == x1 or y0 == y1:
            path.lineTo(x1, y1)
        elif tb:
            m = (y0 + y1) / 2
            path.cubicTo(x0, m, x1, m, x1, y1)
        else:
            m = (x0 + x1) / 2
            path.cubicTo(m, y0, m, y1, x1, y1)
    return path


class EdgeItem(QGraphicsPathItem):
    """One bundled edge: its curve, an arrowhead and a dtype/shape or count label. A *saved*
    edge (a forward tensor read by a gradient op) is drawn thick and orange, labelled halfway."""

    def __init__(self, index: int, points: np.ndarray, rankdir: str, count: int, label: str,
                 control: bool, saved: bool = False):
        super().__init__(edge_path(points, rankdir))
        self.index = index
        self.saved = saved
        self.points = points  # the route, in scene coordinates (the item may have been moved)
        self.label_text = label
        self.key: tuple = ()  # the scene's identity of the layout edge, to reuse the item
        width = st.EDGE_WIDTH + min(3.0, math.log2(count)) if count > 1 and not control else st.EDGE_WIDTH
        self.base_color = st.SAVED_EDGE if saved else st.EDGE
        if saved:
            width = max(width, st.SAVED_EDGE_WIDTH)
        self.base_pen = st.edge_pen(self.base_color, width, control)
        self.setPen(self.base_pen)
        self.setZValue(1.5 if saved else 1)  # over plain edges where they cross
        self.arrow = self._arrow(points, 7.0 + (width if saved else 0.0))
        self.label = None
        if label:
            self.label = self._label(points, label)

    def _arrow(self, points: np.ndarray, size: float) -> QGraphicsPolygonItem:
        # last non-degenerate direction
        end = QPointF(points[-1, 0], points[-1, 1])
        d = np.zeros(2)
        for k in range(len(points) - 2, -1, -1):
            d = points[-1] - points[k]
            if np.hypot(*d) > 0.5:
                break
        n = d / (np.hypot(*d) or 1.0)
        back = QPointF(end.x() - n[0] * size, end.y() - n[1] * size)
        side = QPointF(-n[1] * size * 0.5, n[0] * size * 0.5)
        poly = QPolygonF([end, back + side, back - side])
        arrow = QGraphicsPolygonItem(poly, self)
        arrow.setBrush(QBrush(self.base_color))
        arrow.setPen(Qt.PenStyle.NoPen)
        return arrow

    def _label(self, points: np.ndarray, text: str) -> QGraphicsItem:
        if self.saved:
            return self._saved_label(text)
        label = QGraphicsSimpleTextItem(text, self)
        label.setFont(st.label_font())
        label.setBrush(st.EDGE_LABEL)
        b = label.boundingRect()
        if len(points) >= 3:
            # just after leaving the source: in the gap between the ranks, beside the line
            a, c = points[1], points[2]
            x, y = a[0], (a[1] + c[1]) / 2
            if abs(c[1] - a[1]) < 1.0:  # left-to-right ranks
                x, y = (a[0] + c[0]) / 2, a[1] - b.height() / 2 - 2
        else:
            x, y = (points[0] + points[-1]) / 2
        label.setPos(x + 4, y - b.height() / 2)
        return label

    def _saved_label(self, text: str) -> QGraphicsItem:
        """Halfway along the curve, on a light plate so crossing lines do not garble it."""
        plate = QGraphicsRectItem(self)
        label = QGraphicsSimpleTextItem(text, plate)
        font = st.label_font()
        font.setBold(True)
        label.setFont(font)
        label.setBrush(self.base_color)
        b = label.boundingRect()
        mid = self.path().pointAtPercent(0.5)
        plate.setRect(QRectF(0, 0, b.width() + 6, b.height() + 2))
        plate.setBrush(QBrush(st.LABEL_PLATE))
        plate.setPen(Qt.PenStyle.NoPen)
        label.setPos(3, 1)
        plate.setPos(mid.x() + 5, mid.y() - plate.rect().height() / 2)
        return plate

    def set_state(self, color: QColor | None, width: float | None = None) -> None:
        if color is None:
            self.setPen(self.base_pen)
            self.arrow.setBrush(QBrush(self.base_color))
        else:
            pen = QPen(self.base_pen)
            pen.setColor(color)
            pen.setWidthF(width or self.base_pen.widthF() + 1.0)
            self.setPen(pen)
            self.arrow.setBrush(QBrush(color))
