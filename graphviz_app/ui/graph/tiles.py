"""The whole layout drawn from its arrays, for scales where graphics items would be specks.

``paint_region`` draws the nodes, frames, edges and arrowheads in a rectangle in a handful of bulk
calls (one path per edge style, one ``drawRects`` per colour far out). ``TileLayer`` keeps those
drawings as image tiles per power-of-two zoom level, like a map: a frame at any scale blits a few
cached images, and only tiles never seen before are painted. Marks (selection, search, lineage)
are drawn over the tiles every frame, so marking never repaints a tile.
"""
from __future__ import annotations

import math
import time
from collections import OrderedDict

import numpy as np
import shiboken6
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem

from graphviz_app.ui.graph import style as st
from graphviz_app.ui.graph.geometry import SceneGeometry, edge_pens, level_of
from graphviz_app.ui.graph.items import paint_border
from graphviz_app.ui.graph.paths import triangles_path

TILE = 512  # pixels per side
MAX_TILES = 64  # 64 MB of images at most
SHAPES_FROM = 5.0  # device px of node height from which nodes get their shape and border
CURVES_FROM = 1 / 16  # scale from which edges are drawn as curves, not polylines


def add_shape(path: QPainterPath, r: QRectF, shape: str) -> None:
    if shape == "ellipse":
        path.addEllipse(r)
    elif shape == "pill":
        path.addRoundedRect(r, r.height() / 2, r.height() / 2)
    elif shape == "round":
        path.addRoundedRect(r, 5, 5)
    else:
        path.addRect(r)


def paint_region(p: QPainter, g: SceneGeometry, rect: QRectF, scale: float, overlay=None) -> None:
    """Draw what of G meets RECT (scene coordinates, the painter's) as seen at SCALE, nodes
    filled with OVERLAY's colours where it has one (``overlay.Overlay``)."""
    rows = g.nodes_in(rect)
    boxes = rows[g.is_box[rows]]
    nodes = rows[~g.is_box[rows]]
    p.setRenderHint(QPainter.RenderHint.Antialiasing, scale >= CURVES_FROM)
    # frames, outermost first (their fills add up inside each other)
    if len(boxes):
        boxes = boxes[np.lexsort((boxes, g.depth[boxes]))]
        for s in np.unique(g.style[boxes]).tolist():
            style = g.styles[s]
            these = [g.rect(r) for r in boxes[g.style[boxes] == s].tolist()]
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QBrush(style.fill))
            p.drawRects(these)
            if scale < 1 / 8:  # hairlines
                p.setPen(QPen(style.border, 0))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRects(these)
                continue
            p.setPen(QPen(style.border, max(1.2, 1 / scale), Qt.PenStyle.DashLine))
            for r in these:
                paint_border(p, r, rect)
    _paint_edges(p, g, g.edges_in(rect), rect, scale)
    if len(nodes):
        _paint_nodes(p, g, nodes, scale, overlay.rows(g) if overlay is not None else None)


def _paint_edges(p: QPainter, g: SceneGeometry, mask: np.ndarray, rect: QRectF, scale: float) -> None:
    if not mask.any():
        return
    curves = scale >= CURVES_FROM
    p.setBrush(Qt.BrushStyle.NoBrush)
    for kind, color, control, _z in edge_pens(g):
        sel = mask & kind
        if not sel.any():
            continue
        if not curves:  # far out: hairlines (saved edges two pixels), every width alike
            pen = QPen(color, 2 if color == st.SAVED_EDGE else 0)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.drawPath(g.shapes.lines(sel))
            continue
        for w in np.unique(g.width[sel]).tolist():  # never thinner than a pixel
            p.setPen(st.edge_pen(color, max(w, 1 / scale), control))
            p.drawPath(g.shapes.curves(sel & (g.width == w), rect))
    if scale >= st.ARROW_MIN_SCALE:
        p.setPen(Qt.PenStyle.NoPen)
        for kind, color in ((~g.saved, st.EDGE), (g.saved, st.SAVED_EDGE)):
            sel = mask & kind
            if sel.any():
                p.setBrush(QBrush(color))
                p.drawPath(triangles_path(g.arrows[sel]))


def _paint_nodes(p: QPainter, g: SceneGeometry, rows: np.ndarray, scale: float, fills=None) -> None:
    """Nodes by style and fill: FILLS is (per row an index into the colours or -1, colours)."""
    tall = (g.y1[rows] - g.y0[rows]).min() * scale >= SHAPES_FROM
    index, colours = fills if fills is not None else (None, [])
    keys = g.style[rows].astype(np.int64) * (len(colours) + 1)
    if index is not None:
        keys = keys + index[rows] + 1
    for key in np.unique(keys).tolist():
        s, f = divmod(key, len(colours) + 1)
        style = g.styles[s]
        fill = colours[f - 1] if f > 0 else style.fill
        these = rows[keys == key].tolist()
        if not tall:  # specks: solid rectangles in the border colour (an overlay's fill)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QBrush(fill if f > 0 else style.border))
            p.drawRects([g.rect(r) for r in these])
            continue
        path = QPainterPath()
        for r in these:
            add_shape(path, g.rect(r), style.shape)
        if style.kind == "group":  # the folded group's shadow
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QBrush(QColor(style.border).lighter(170)))
            p.drawPath(path.translated(3, 3))
        p.setPen(QPen(style.border, max(2.0 if style.kind == "group" else 1.2, 1 / scale)))
        p.setBrush(QBrush(fill))
        p.drawPath(path)


class TileLayer(QGraphicsItem):
    """Every node and edge of a big layout, painted from cached tiles (see module doc).

    A tile not painted yet at the zoom level in view is stood in for by one of a coarser (or the
    four of the next finer) level, scaled, and painted right after the frame, a few at a time: a
    zoom never waits for tiles, except for the very first picture of a layout."""

    def __init__(self, geometry: SceneGeometry):
        super().__init__()
        self.geometry = geometry
        self._tiles: OrderedDict[tuple[int, int, int], QImage] = OrderedDict()
        self._wanted: list[tuple[int, int, int]] = []
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._paint_wanted)
        self.marks = None  # the scene's Marks, drawn over the tiles
        self.overlay = None  # the scene's Overlay: node fills painted into the tiles
        self.tiles_painted = 0  # tiles drawn since the layer was made (the benchmark reports it)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setZValue(-10)

    def boundingRect(self) -> QRectF:
        return self.geometry.bounds

    def set_overlay(self, overlay) -> None:
        """New fills: every tile is painted again (the next frame paints what it shows)."""
        self.overlay = overlay
        self._tiles.clear()
        self._wanted = []
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        t = painter.worldTransform()
        scale = math.hypot(t.m11(), t.m12())
        if scale <= 0:
            return
        exposed = option.exposedRect.intersected(self.geometry.bounds)
        level = level_of(scale)
        span = TILE / 2.0 ** level  # scene units per tile
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.setWorldTransform(QTransform())  # blit on whole device pixels: no seams
        wanted = []
        for j in range(math.floor(exposed.top() / span), math.floor(exposed.bottom() / span) + 1):
            top, bottom = round(t.map(0.0, j * span)[1]), round(t.map(0.0, (j + 1) * span)[1])
            for i in range(math.floor(exposed.left() / span), math.floor(exposed.right() / span) + 1):
                left, right = round(t.map(i * span, 0.0)[0]), round(t.map((i + 1) * span, 0.0)[0])
                target = QRectF(left, top, right - left, bottom - top)
                key = (level, i, j)
                if key not in self._tiles and self._paint_stand_in(painter, target, key):
                    wanted.append(key)
                else:
                    painter.drawImage(target, self._tile(key))
        painter.restore()
        self._wanted = wanted
        if wanted:
            self._timer.start()
        if self.marks is not None and self.marks.any():
            self.marks.paint_over(painter, self.geometry, exposed, scale)

    def _paint_stand_in(self, painter: QPainter, target: QRectF, key: tuple[int, int, int]) -> bool:
        """Draw the tile KEY from painted tiles of other levels, if there are; True if drawn."""
        level, i, j = key
        for up in (1, 2, 3):  # a coarser tile holds this one in a corner
            k = 2 ** up
            img = self._tiles.get((level - up, i // k, j // k))
            if img is not None:
                side = TILE / k
                painter.drawImage(target, img, QRectF((i % k) * side, (j % k) * side, side, side))
                return True
        kids = [self._tiles.get((level + 1, 2 * i + a, 2 * j + b)) for b in (0, 1) for a in (0, 1)]
        if all(img is not None for img in kids):
            w, h = target.width() / 2, target.height() / 2
            for n, img in enumerate(kids):
                painter.drawImage(QRectF(target.left() + (n % 2) * w, target.top() + (n // 2) * h, w, h), img)
            return True
        return False

    def _paint_wanted(self) -> None:
        """Paint the tiles the last frame stood in for, for about a frame's time, then show them."""
        if not shiboken6.isValid(self) or self.scene() is None:  # the layout is gone
            return
        start = time.perf_counter()
        while self._wanted and time.perf_counter() - start < 0.012:
            self._tile(self._wanted.pop(0))
        if self._wanted:
            self._timer.start()
        self.update()

    def _tile(self, key: tuple[int, int, int]) -> QImage:
        img = self._tiles.get(key)
        if img is not None:
            self._tiles.move_to_end(key)
            return img
        level, i, j = key
        img = QImage(TILE, TILE, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(Qt.GlobalColor.transparent)
        ls = 2.0 ** level
        span = TILE / ls
        p = QPainter(img)
        p.scale(ls, ls)
        p.translate(-i * span, -j * span)
        # a pixel's worth of margin: strokes that start in the neighbour tile still show here
        paint_region(p, self.geometry, QRectF(i * span, j * span, span, span).adjusted(
            -8 / ls, -8 / ls, 8 / ls, 8 / ls), ls, self.overlay)
        p.end()
        self._tiles[key] = img
        self.tiles_painted += 1
        while len(self._tiles) > MAX_TILES:
            self._tiles.popitem(last=False)
        return img
