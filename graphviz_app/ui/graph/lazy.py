"""Graphics items for the part of a big layout the view looks at, made as the view moves.

A fully open 20k-op graph would need 150k items (8 s to build, most never seen). Here nodes and
frames get their items when they come into view, and a margin around the view right after the
frame is painted (so panning meets items already made, and zooming in costs the first frame only
what it shows); the pieces of edges that come into view together become one path item per pen
(``paths.EdgeShapes``): one batch instead of an item, arrowhead and label per edge, and a route
across the whole layout costs only its pieces near the view. Items stay once made; past
``MAX_NODES`` the layer starts again from what is in view. Marked edges get a batch of their own
over the others, remade with the marks.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsSimpleTextItem

from graphviz_app.ui.graph import style as st
from graphviz_app.ui.graph.geometry import BOX, SceneGeometry, edge_pens
from graphviz_app.ui.graph.items import BoxItem, NodeItem
from graphviz_app.ui.graph.marks import Marks
from graphviz_app.ui.graph.overlay import apply_to_item
from graphviz_app.ui.graph.paths import triangles_path

MARGIN = 0.4  # items are made this many viewports beyond each side of the view...
NOW = 0.05  # ...but only this far before the frame that needs them; the rest just after it
MAX_NODES = 6000


class Layer(QGraphicsItem):
    """A parent without a picture of its own: removing it removes every lazy item at once, and
    hiding the labels' layer hides every edge label."""

    def __init__(self):
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter, option, widget=None) -> None:
        pass


class LazyItems:
    def __init__(self, scene, geometry: SceneGeometry, marks: Marks, edge_labels: str):
        self.scene, self.geometry, self.marks = scene, geometry, marks
        self.labelled = geometry.labelled_routes(edge_labels)
        self.layer: Layer | None = None
        self.labels: Layer | None = None
        self.nodes: dict[int, NodeItem | BoxItem] = {}  # by layout item
        self.batches: list[QGraphicsPathItem] = []
        self.overlays: list[QGraphicsPathItem] = []  # marked edges, over the batches
        self._reset()

    def _reset(self) -> None:
        if self.layer is not None:
            self.scene.removeItem(self.layer)  # and every item under it
        self.layer, self.labels = Layer(), Layer()
        self.labels.setParentItem(self.layer)
        self.labels.setVisible(self.scene.detail.get("labels", False))
        self.scene.addItem(self.layer)
        self.nodes, self.batches, self.overlays = {}, [], []
        g = self.geometry
        self.node_done = np.zeros(len(g.items), bool)
        self.piece_done = np.zeros(len(g.shapes.pieces[1]), bool)
        self.end_done = np.zeros(len(g.count), bool)  # arrowheads and labels
        self.have = QRectF()

    def clear(self) -> None:
        """No item at all until the next ``ensure``."""
        if self.nodes or self.batches:
            self._reset()

    def drop(self) -> None:
        if self.layer is not None:
            self.scene.removeItem(self.layer)
        self.layer = self.labels = None
        self.nodes, self.batches, self.overlays = {}, [], []

    # ----- making items
    def ensure(self, view_rect: QRectF, margin: float = MARGIN) -> int:
        """Make the items that meet VIEW_RECT grown by MARGIN viewports on each side (unless all
        are made already); returns how many nodes were made."""
        region = grow(view_rect, margin)
        if self.have.contains(region) or view_rect.isEmpty():
            return 0
        if self.node_done.sum() > MAX_NODES:
            self._reset()
        g = self.geometry
        rows = g.nodes_in(region)
        rows = rows[~self.node_done[rows]]
        self.node_done[rows] = True
        for r in rows.tolist():
            self._make_node(r)
        self._make_edges(region)
        self.have = region
        self._make_overlays()
        return len(rows)

    def covers(self, view_rect: QRectF, margin: float) -> bool:
        return self.have.contains(grow(view_rect, margin))

    def _make_node(self, row: int) -> None:
        g = self.geometry
        b = g.layout.nodes[row]
        style = g.styles[int(g.style[row])]
        rect = g.rect(row)
        colors = (style.fill, style.border)
        if style.kind == BOX:
            item = BoxItem(b.item, rect, b.title, b.subtitle, b.depth, colors)
        else:
            item = NodeItem(b.item, style.kind, rect, b.title, b.subtitle, colors)
        item.setParentItem(self.layer)
        if self.scene.overlay is not None:
            apply_to_item(self.scene.overlay, item)
        color = self.marks.items.get(b.item)
        if color is not None:
            item.set_state(color)
        elif self.marks.dim and style.kind != BOX:
            item.setOpacity(st.DIMMED_ALPHA / 255)
        self.nodes[b.item] = item

    def _make_edges(self, region: QRectF) -> None:
        g = self.geometry
        shapes = g.shapes
        edge_of = shapes.pieces[1]
        new = shapes.piece_mask(np.ones(len(g.count), bool), region) & ~self.piece_done
        self.piece_done |= new
        ends = shapes.points[shapes.starts[1:] - 1]
        near = (ends[:, 0] >= region.left()) & (ends[:, 0] <= region.right()) \
            & (ends[:, 1] >= region.top()) & (ends[:, 1] <= region.bottom()) & ~self.end_done
        self.end_done |= near
        for kind, color, control, z in edge_pens(g):
            sel = new & kind[edge_of]
            for w in np.unique(g.width[edge_of[sel]]).tolist():
                pen = st.edge_pen(color, w, control)
                self._batch(shapes.pieces_path(sel & (g.width[edge_of] == w)), pen, None, z)
            heads = near & kind
            if heads.any():
                self._batch(triangles_path(g.arrows[heads]), Qt.PenStyle.NoPen, QBrush(color), z)
        for index in np.flatnonzero(near & self.labelled).tolist():
            self._make_label(index)

    def _batch(self, path, pen, brush, z: float) -> None:
        item = QGraphicsPathItem(path, self.layer)
        item.setPen(pen)
        if brush is not None:
            item.setBrush(brush)
        item.setZValue(z)
        if self.marks.dim:
            item.setOpacity(st.DIMMED_ALPHA / 255)
        self.batches.append(item)

    def _make_label(self, index: int) -> None:
        """A route's dtype/shape (or "×N") label, just after it leaves its source."""
        g = self.geometry
        e = g.layout.edges[index]
        if e.count > 1:
            text = f"×{e.count}"
        else:
            engine = g.engine
            k = e.edges[0]
            text = engine.model.edge_text(engine.names[int(engine.tree.edge_src[k])],
                                          engine.names[int(engine.tree.edge_dst[k])])
        if not text:
            return
        label = QGraphicsSimpleTextItem(text, self.labels)
        label.setFont(st.label_font())
        label.setBrush(st.EDGE_LABEL)
        label.setZValue(1)
        h = label.boundingRect().height()
        pts = e.points
        if len(pts) >= 3:
            a, c = pts[1], pts[2]
            x, y = a[0], (a[1] + c[1]) / 2
            if abs(c[1] - a[1]) < 1.0:  # left-to-right ranks
                x, y = (a[0] + c[0]) / 2, a[1] - h / 2 - 2
        else:
            x, y = (pts[0] + pts[-1]) / 2
        label.setPos(float(x) + 4, float(y) - h / 2)

    def apply_overlay(self) -> None:
        """The scene's overlay (fills, subtitles) on the items made so far."""
        for item in self.nodes.values():
            apply_to_item(self.scene.overlay, item)

    # ----- marks
    def apply_marks(self) -> None:
        """Show the scene's marks on the items made so far (and overlays on marked edges)."""
        m = self.marks
        fade = st.DIMMED_ALPHA / 255 if m.dim else 1.0
        for item_id, item in self.nodes.items():
            item.set_state(m.items.get(item_id))
            item.setOpacity(1.0 if item_id in m.items or item.kind == BOX else fade)
        for item in self.batches:
            item.setOpacity(fade)
        self._make_overlays()

    def _make_overlays(self) -> None:
        """The marked edges near the view, one path per colour over the batches."""
        for item in self.overlays:
            self.scene.removeItem(item)
        self.overlays = []
        if not self.marks.edges or self.have.isEmpty():
            return
        g = self.geometry
        by_color: dict[str, list[int]] = {}
        for index, color in self.marks.edges.items():
            if 0 <= index < len(g.count):
                by_color.setdefault(color.name(), []).append(index)
        for name, indices in by_color.items():
            mask = np.zeros(len(g.count), bool)
            mask[indices] = True
            pen = QPen(QColor(name), float(g.width[mask].max()) + 1.0)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            item = QGraphicsPathItem(g.shapes.curves(mask, self.have), self.layer)
            item.setPen(pen)
            item.setZValue(1.8)
            self.overlays.append(item)
            heads = QGraphicsPathItem(triangles_path(g.arrows[mask]), self.layer)
            heads.setPen(Qt.PenStyle.NoPen)
            heads.setBrush(QBrush(QColor(name)))
            heads.setZValue(1.8)
            self.overlays.append(heads)


def grow(r: QRectF, margin: float) -> QRectF:
    """R with MARGIN times its size added on each side."""
    mx, my = r.width() * margin, r.height() * margin
    return r.adjusted(-mx, -my, mx, my)
