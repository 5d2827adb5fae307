"""The QGraphicsScene of one Layout: items, level of detail, highlights."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainterPath
from PySide6.QtWidgets import QGraphicsScene

from graphviz_app.core.graph.layout import GraphLayoutEngine
from graphviz_app.core.graph.layout_data import Layout
from graphviz_app.ui.graph import style as st
from graphviz_app.ui.graph.items import BoxItem, EdgeItem, NodeItem, OverviewItem


def _same_box(old, new) -> bool:
    """Same item drawn the same way, wherever it is."""
    return (old.kind, old.w, old.h, old.title, old.subtitle, old.depth) == \
        (new.kind, new.w, new.h, new.title, new.subtitle, new.depth)


def _edge_key(e) -> tuple:
    return e.src, e.dst, e.src_port, e.dst_port, e.count, tuple(e.edges[:4])


class GraphScene(QGraphicsScene):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.layout: Layout | None = None
        self.engine: GraphLayoutEngine | None = None
        self.nodes: dict[int, NodeItem | BoxItem] = {}
        self.edges: list[EdgeItem] = []
        self.overview: OverviewItem | None = None
        self._detail: dict[str, bool] = {}
        self._scale = 1.0
        self._marked: list = []
        self.edge_kinds: set[str] = set()  # "data", "control", "saved": what the legend explains
        self.edge_labels = "all"  # or "saved": only saved-for-backward edges are labelled
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        # Far out, the canvas shows this scene instead: one bulk-painted item. Even hidden, the
        # thousands of detailed items would cost the view ~50 ms a frame in index lookups.
        self.overview_scene = QGraphicsScene(self)

    # ----- building
    def show_layout(self, layout: Layout, engine: GraphLayoutEngine, keep: bool = False) -> None:
        """Build the items of LAYOUT. With ``keep`` (a new layout of the same engine: a group
        folded or opened), items whose box or route only moved are moved, not rebuilt: in a
        fully open ResNet50 that is most of 4,500 items."""
        reuse = keep and self.engine is engine and self.layout is not None
        if reuse:
            self.clear_marks()
            old_nodes, old_edges = self.nodes, self._edges_by_key()
        else:
            self.clear()
            old_nodes, old_edges = {}, {}
        self.overview_scene.clear()
        self.layout, self.engine = layout, engine
        self.nodes, self.edges, self._marked = {}, [], []
        self._detail = {}
        model = engine.model
        names = engine.names
        rects_by_kind: dict[str, list[QRectF]] = {}
        boxes: list[QRectF] = []
        for b in layout.nodes:
            rect = QRectF(b.x - b.w / 2, b.y - b.h / 2, b.w, b.h)
            kind = "box" if b.kind == "box" else "group" if b.kind == "group" else (
                model.graph.nodes[names[b.item]].get("kind") or "op")
            (boxes if kind == "box" else rects_by_kind.setdefault(kind, [])).append(rect)
            item = old_nodes.pop(b.item, None)
            if item is not None and _same_box(item.box, b):
                item.moveBy(b.x - item.box.x, b.y - item.box.y)
            else:
                if item is not None:
                    self.removeItem(item)
                item = BoxItem(b.item, rect, b.title, b.subtitle, b.depth) if kind == "box" else \
                    NodeItem(b.item, kind, rect, b.title, b.subtitle)
                self.addItem(item)
            item.box = b
            self.nodes[b.item] = item
        for item in old_nodes.values():
            self.removeItem(item)
        tree = engine.tree
        labelled: set[int] = set()  # one label per source: they all sit just below it
        overview_path = QPainterPath()
        self.edge_kinds = set()
        saved_labelled: set[str] = set()
        for i, e in enumerate(layout.edges):
            label = ""
            data = [model.graph.edges[names[int(tree.edge_src[k])], names[int(tree.edge_dst[k])]]
                    for k in e.edges[:8]]
            control = all(d.get("control") for d in data)
            saved = any(d.get("saved_for_backward") for d in data)
            self.edge_kinds.add("saved" if saved else "control" if control else "data")
            key = (e.src << 1) | int(e.src_port)
            if saved:
                # one mark per saved tensor, on the piece that reaches the gradient op (not the
                # pieces that only run into an open group's frame)
                tensor = names[int(tree.edge_src[e.edges[0]])]
                into_frame = e.dst_port or (e.dst >= engine.n and engine.is_expanded(e.dst))
                if tensor not in saved_labelled and not into_frame:
                    saved_labelled.add(tensor)
                    label = self.tr("saved for backward")
            elif key in labelled or control or self.edge_labels != "all":
                pass
            elif e.count > 1:
                label = f"×{e.count}"
            elif e.edges:
                k = e.edges[0]
                label = model.edge_text(names[int(tree.edge_src[k])], names[int(tree.edge_dst[k])])
            if label and not saved:
                labelled.add(key)
            edge_key = _edge_key(e)
            item = self._moved_edge(old_edges.get(edge_key), e.points, label)
            if item is None:
                item = EdgeItem(i, e.points, layout.rankdir, e.count, label, control, saved)
                item.key = edge_key
                self.addItem(item)
            item.index = i
            self.edges.append(item)
            pts = e.points
            overview_path.moveTo(pts[0, 0], pts[0, 1])
            for x, y in pts[1:].tolist():
                overview_path.lineTo(x, y)
        for items in old_edges.values():
            for item in items:
                self.removeItem(item)
        self._place_saved_labels()
        bounds = QRectF(-20, -20, layout.width + 40, layout.height + 40)
        self.overview = OverviewItem(rects_by_kind, boxes, overview_path, bounds)
        self.overview_scene.addItem(self.overview)
        self.overview_scene.setSceneRect(bounds)
        self.setSceneRect(bounds)
        self.set_scale(self._scale, force=True)

    def _edges_by_key(self) -> dict[tuple, list[EdgeItem]]:
        found: dict[tuple, list[EdgeItem]] = {}
        for item in self.edges:
            found.setdefault(item.key, []).append(item)
        return found

    @staticmethod
    def _moved_edge(candidates: list[EdgeItem] | None, points: np.ndarray, label: str) -> EdgeItem | None:
        """An old item of the same edge whose route is the new one shifted (it is moved there and
        taken off CANDIDATES), or None."""
        for k, item in enumerate(candidates or []):
            if item.label_text != label or item.points.shape != points.shape:
                continue
            d = points - item.points
            if np.abs(d - d[0]).max() < 0.01:
                item.moveBy(float(d[0, 0]), float(d[0, 1]))
                item.points = points
                del candidates[k]
                return item
        return None

    def show_nothing(self) -> None:
        self.clear()
        self.overview_scene.clear()
        self.layout, self.engine, self.overview = None, None, None
        self.nodes, self.edges, self._marked = {}, [], []
        self.edge_kinds = set()
        self.setSceneRect(QRectF())

    def _place_saved_labels(self) -> None:
        """Move each "saved for backward" plate to a spot along its edge where it covers no node
        and no other plate (nodes are drawn above edges and would hide it)."""
        taken: list[QRectF] = []
        for edge in self.edges:
            plate = edge.label
            if not edge.saved or plate is None:
                continue
            w, h = plate.rect().width(), plate.rect().height()
            path = edge.path()
            spot = None
            for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9):
                p = edge.mapToScene(path.pointAtPercent(t))
                for dx in (5.0, -5.0 - w):
                    r = QRectF(p.x() + dx, p.y() - h / 2, w, h)
                    hits = [it for it in self.items(r) if isinstance(it, (NodeItem, BoxItem))
                            and it.kind != "box"]
                    if not hits and not any(r.intersects(o) for o in taken):
                        spot = r
                        break
                if spot is not None:
                    break
            if spot is not None:
                plate.setPos(edge.mapFromScene(spot.topLeft()))
                taken.append(spot)
            else:
                taken.append(plate.sceneBoundingRect())

    # ----- level of detail
    def set_scale(self, scale: float, force: bool = False) -> None:
        """Show only what is readable at this zoom; far out, the bulk overview only."""
        self._scale = scale
        want = {"overview": scale < st.OVERVIEW_MAX_SCALE,
                "text": scale >= st.TEXT_MIN_SCALE,
                "labels": scale >= st.EDGE_LABEL_MIN_SCALE,
                "arrows": scale >= st.ARROW_MIN_SCALE}
        changed = {k: v for k, v in want.items() if force or self._detail.get(k) != v}
        self._detail = want
        if "text" in changed:
            for item in self.nodes.values():
                for t in item.texts:
                    t.setVisible(want["text"])
        if "labels" in changed:
            for item in self.edges:
                if item.label is not None:
                    item.label.setVisible(want["labels"])
        if "arrows" in changed:
            for item in self.edges:
                item.arrow.setVisible(want["arrows"])

    def scene_for_scale(self, scale: float) -> QGraphicsScene:
        """The scene a view at this scale should show: this one, or the bulk overview."""
        return self.overview_scene if scale < st.OVERVIEW_MAX_SCALE and self.layout is not None else self

    @property
    def detail(self) -> dict[str, bool]:
        return dict(self._detail)

    # ----- highlights
    def clear_marks(self) -> None:
        for item in self._marked:
            item.set_state(None)
            item.setOpacity(1.0)
        self._marked = []

    def mark(self, items: dict[int, QColor], dim_others: bool = False,
             edges: dict[int, QColor] | None = None) -> None:
        """Colour the given visible items (and edges); optionally fade everything else."""
        self.clear_marks()
        for item_id, color in items.items():
            it = self.nodes.get(item_id)
            if it is not None:
                it.set_state(color)
                self._marked.append(it)
        for index, color in (edges or {}).items():
            if 0 <= index < len(self.edges):
                self.edges[index].set_state(color)
                self._marked.append(self.edges[index])
        if dim_others:
            marked_ids = set(items)
            for item_id, it in self.nodes.items():
                if item_id not in marked_ids and it.kind != "box":
                    it.setOpacity(st.DIMMED_ALPHA / 255)
                    self._marked.append(it)
            for k, e in enumerate(self.edges):
                if k not in (edges or {}):
                    e.setOpacity(st.DIMMED_ALPHA / 255)
                    self._marked.append(e)

    def node_kinds(self) -> set[str]:
        """Kinds of the nodes on display (folded scopes are "group")."""
        return {it.kind for it in self.nodes.values() if it.kind != "box"}

    def item_rect(self, item_id: int) -> QRectF | None:
        it = self.nodes.get(item_id)
        return it.sceneBoundingRect() if it is not None else None
