"""A ``Drawing`` (``core/graph/picture.py``) painted with QPainter: the PDF and PNG files and the
export widget of the graph view draw with this, the SVG writer (``core/graph/svg.py``) writes the
same picture in the same order, fonts and colours (``view_palette``). No scene is involved: a
picture of 20k ops costs its painting, not 150k graphics items.
"""
from __future__ import annotations

import math
from typing import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from graphviz_app.core.graph import picture as pic
from graphviz_app.core.graph.picture import Drawing, Shape, Stroke
from graphviz_app.core.graph.picture_cost import BAR_H, KEY_H
from graphviz_app.core.graph.svg import ARROW, Palette, twin_colours
from graphviz_app.ui.graph import style as st


def view_palette() -> Palette:
    """The graph view's canvas colours (ui/graph/style.py) for the SVG writer and the painter."""
    kinds = {k: (s.fill, s.border, s.shape) for k, s in st.KINDS.items()}
    scene_twins = getattr(st, "twin_colors", None)  # repeated groups share a colour in the scene

    def twin(key: str) -> tuple[str, str, str]:
        if scene_twins is None:
            return twin_colours(key)
        fill, border = scene_twins(key)
        return fill.name(), border.name(), border.lighter(170).name()

    return Palette(kinds=kinds, background=st.EXPORT_BACKGROUND.name(), text=st.NODE_TEXT.name(),
                   subtext=st.NODE_SUBTEXT.name(), edge=st.EDGE.name(), saved=st.SAVED_EDGE.name(),
                   label=st.EDGE_LABEL.name(), plate=st.LABEL_PLATE.name(),
                   box_fill=st.BOX_FILL.name(), box_fill_opacity=st.BOX_FILL.alphaF(),
                   box_border=st.BOX_BORDER.name(), box_title=st.BOX_TITLE.name(),
                   group_shadow=QColor(st.KINDS["group"].border).lighter(170).name(),
                   legend_text=st.CANVAS_TEXT.name(), twin=twin,
                   twin_box_fill_opacity=min(1.0, 2 * st.BOX_FILL.alphaF()),
                   text_on_dark=st.NODE_TEXT_ON_DARK.name(), key_muted=st.CANVAS_MUTED.name(),
                   key_border=st.CANVAS_BORDER.name())


def _font(px: int, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(px)
    f.setBold(bold)
    return f


KeyPainter = Callable[[QPainter, float], None]  # paints a cost key in a width: CostLegend.paint


class DrawingPainter:
    """Paints a Drawing (or the part of it in a rectangle) with a QPainter. A drawing's cost key
    is painted by KEY (the graph view's own colour bar) when given, else from the drawing."""

    def __init__(self, key: KeyPainter | None = None):
        self.key = key
        self.fonts = {"title": _font(11, True), "sub": _font(10), "header": _font(10), "label": _font(9),
                      "saved": _font(9, True), "legend": _font(11)}
        self.metrics = {k: QFontMetricsF(f) for k, f in self.fonts.items()}
        self.palette = view_palette()

    def paint(self, p: QPainter, d: Drawing, rect: QRectF | None = None, scale: float = 1.0) -> None:
        """Paint what lies in RECT (picture coordinates; None: all) with the level of detail of
        SCALE, in the painter's current coordinates."""
        rect = rect if rect is not None else QRectF(0, 0, d.width, d.height)
        text = scale >= st.TEXT_MIN_SCALE
        p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        p.fillRect(rect, QColor(self.palette.background))
        if d.band and rect.top() < d.band and text:
            self._legend(p, d)
            if d.key is not None:
                self._key(p, d)
        shapes, strokes = d.visible((rect.left(), rect.top(), rect.right(), rect.bottom()))
        shapes = shapes.tolist()
        for i in shapes:  # frames, outer first (the drawing lists them so)
            if d.shapes[i].kind == "box":
                self._frame(p, d.shapes[i], text)
        for k in strokes.tolist():
            self._stroke(p, d.strokes[k], d.rankdir, arrows=scale >= st.ARROW_MIN_SCALE,
                         labels=scale >= st.EDGE_LABEL_MIN_SCALE)
        for i in shapes:
            if d.shapes[i].kind != "box":
                self._node(p, d.shapes[i], text)

    # ----- pieces
    def _frame(self, p: QPainter, s: Shape, text: bool) -> None:
        pal = self.palette
        if s.twin:
            fill_name, border_name, _ = pal.twin(s.twin)
            fill, opacity = QColor(fill_name), pal.twin_box_fill_opacity
        else:
            fill, border_name, opacity = QColor(pal.box_fill), pal.box_border, pal.box_fill_opacity
        fill.setAlphaF(opacity)
        p.setPen(QPen(QColor(border_name), 1.2, Qt.PenStyle.DashLine))
        p.setBrush(QBrush(fill))
        p.drawRect(QRectF(s.x, s.y, s.w, s.h))
        if text:
            p.setFont(self.fonts["header"])
            p.setPen(QColor(pal.box_title))
            p.drawText(QPointF(s.x + pic.HEADER_INDENT, s.y + pic.BASELINE_HEADER), s.title)

    def _outline(self, p: QPainter, rect: QRectF, shape: str, round_r: float = 5.0) -> None:
        if shape == "ellipse":
            p.drawEllipse(rect)
        elif shape in ("pill", "round"):
            r = rect.height() / 2 if shape == "pill" else round_r
            p.drawRoundedRect(rect, r, r)
        else:
            p.drawRect(rect)

    def _node(self, p: QPainter, s: Shape, text: bool) -> None:
        fill, border, shape = self.palette.style(s.kind)
        shadow = self.palette.group_shadow
        if s.twin:
            fill, border, shadow = self.palette.twin(s.twin)
        fill = s.fill or fill  # a cost overlay's
        rect = QRectF(s.x, s.y, s.w, s.h)
        if s.kind == "group":
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(shadow))
            self._outline(p, rect.translated(3, 3), shape)
        p.setPen(QPen(QColor(border), 2.0 if s.kind == "group" else 1.2))
        p.setBrush(QColor(fill))
        self._outline(p, rect, shape)
        if not text:
            return
        cx, cy = s.x + s.w / 2, s.y + s.h / 2
        lines = [("title", s.title, pic.BASELINE_TITLE if s.subtitle else pic.BASELINE_ONE)]
        if s.subtitle:
            lines.append(("sub", s.subtitle, pic.BASELINE_SUB))
        pal = self.palette
        colours = {"": (pal.text, pal.subtext), "light": (pal.text, pal.text),
                   "dark": (pal.text_on_dark, pal.text_on_dark)}[s.tone]
        for font, line, baseline in lines:
            p.setFont(self.fonts[font])
            p.setPen(QColor(colours[font != "title"]))
            w = self.metrics[font].horizontalAdvance(line)
            p.drawText(QPointF(cx - w / 2, cy + baseline), line)

    def _stroke(self, p: QPainter, e: Stroke, rankdir: str, arrows: bool, labels: bool) -> None:
        colour = QColor(self.palette.saved if e.kind == "saved" else self.palette.edge)
        pts = e.points.tolist()
        path = QPainterPath(QPointF(*pts[0]))
        tb = rankdir == "TB"
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            if x0 == x1 or y0 == y1:
                path.lineTo(x1, y1)
            elif tb:
                m = (y0 + y1) / 2
                path.cubicTo(x0, m, x1, m, x1, y1)
            else:
                m = (x0 + x1) / 2
                path.cubicTo(m, y0, m, y1, x1, y1)
        pen = QPen(colour, e.width, Qt.PenStyle.DashLine if e.kind == "control" else Qt.PenStyle.SolidLine)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        if arrows and len(pts) >= 2:
            x1, y1 = pts[-1]
            x0, y0 = next(((x, y) for x, y in reversed(pts[:-1]) if abs(x - x1) + abs(y - y1) > 0.5), pts[0])
            # a straight piece points along itself; a cubic ends along the rank direction
            dx, dy = (x1 - x0, y1 - y0) if (x0 == x1 or y0 == y1) else \
                ((0.0, y1 - y0) if tb else (x1 - x0, 0.0))
            n = math.hypot(dx, dy) or 1.0
            dx, dy = dx / n, dy / n
            size = ARROW + (pic.SAVED_WIDTH if e.kind == "saved" else 0.0)
            bx, by = x1 - dx * size, y1 - dy * size
            sx, sy = -dy * size / 2, dx * size / 2
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawPolygon(QPolygonF([QPointF(x1, y1), QPointF(bx + sx, by + sy), QPointF(bx - sx, by - sy)]))
        if labels and e.label:
            x, y = e.label_at
            if e.plate is not None:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(st.LABEL_PLATE)
                p.drawRect(QRectF(*e.plate))
                p.setFont(self.fonts["saved"])
                p.setPen(colour)
            else:
                p.setFont(self.fonts["label"])
                p.setPen(QColor(self.palette.label))
            p.drawText(QPointF(x, y), e.label)

    def _legend(self, p: QPainter, d: Drawing) -> None:
        for entry in d.legend:
            x, y = entry.x, entry.y
            swatch = QRectF(x, y + (pic.ROW_H - pic.SWATCH_H) / 2, pic.SWATCH_W, pic.SWATCH_H)
            if entry.what == "node":
                fill, border, shape = self.palette.style(entry.key)
                p.setPen(QPen(QColor(border), 1.2))
                p.setBrush(QColor(fill))
                self._outline(p, swatch, shape, round_r=3.0)
            else:
                colour = QColor(self.palette.saved if entry.key == "saved" else self.palette.edge)
                width = pic.SAVED_WIDTH if entry.key == "saved" else pic.EDGE_WIDTH
                cy, tip = swatch.center().y(), swatch.right()
                pen = QPen(colour, width, Qt.PenStyle.DashLine if entry.key == "control" else Qt.PenStyle.SolidLine)
                p.setPen(pen)
                p.drawLine(QPointF(swatch.left(), cy), QPointF(tip - 5, cy))
                head = 3.0 + width / 2
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(colour)
                p.drawPolygon(QPolygonF([QPointF(tip, cy), QPointF(tip - 7, cy - head), QPointF(tip - 7, cy + head)]))
            p.setFont(self.fonts["legend"])
            p.setPen(QColor(self.palette.legend_text))
            p.drawText(QPointF(x + pic.SWATCH_W + 5, y + pic.ROW_H / 2 + 4), entry.text)

    def _key(self, p: QPainter, d: Drawing) -> None:
        key = d.key
        if self.key is not None:
            p.save()
            p.translate(0, key.y)
            self.key(p, d.width)
            p.restore()
            return
        y = key.y + (KEY_H - BAR_H) / 2
        for part in key.parts:
            if part.what in ("bar", "swatch"):
                if part.what == "bar":
                    brush = QLinearGradient(part.x, y, part.x + part.w, y)
                    for k, c in enumerate(key.colours):
                        brush.setColorAt(k / max(1, len(key.colours) - 1), QColor(c))
                else:
                    brush = QColor(key.none)
                p.setPen(QPen(QColor(self.palette.key_border), 1))
                p.setBrush(brush)
                p.drawRect(QRectF(part.x, y, part.w, BAR_H))
            else:
                font = QFont(self.fonts["legend"])
                font.setBold(part.what == "bold")
                p.setFont(font)
                p.setPen(QColor(self.palette.key_muted if part.what == "muted" else self.palette.legend_text))
                p.drawText(QPointF(part.x, key.y + KEY_H / 2 + 4), part.text)
