"""The QGraphicsScene of one Layout: what is drawn at which level of detail, and highlights.

A small layout gets every item at once (``full.py``). A big one (more than
``st.LAZY_MIN_ELEMENTS`` boxes and routes) is drawn by tiles below ``st.ITEM_MIN_SCALE``
(``tiles.py``) and by items made only where the view looks above it (``lazy.py``): opening all
of a 20k-op graph costs the arrays of its layout, not 150k items. Either way the layout's arrays
(``geometry.py``) answer where an item is and what lies under the mouse.
"""
from __future__ import annotations

import contextlib

from PySide6.QtCore import QPointF, QRectF, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene

from graphviz_app.core.graph.layout import GraphLayoutEngine
from graphviz_app.core.graph.layout_data import Layout, no_gc
from graphviz_app.ui.graph import style as st
from graphviz_app.ui.graph.full import build_all
from graphviz_app.ui.graph.geometry import BOX, SceneGeometry
from graphviz_app.ui.graph.items import BoxItem, EdgeItem, NodeItem
from graphviz_app.ui.graph.lazy import MARGIN, NOW, LazyItems
from graphviz_app.ui.graph.marks import Marks
from graphviz_app.ui.graph.overlay import Overlay, apply_to_item
from graphviz_app.ui.graph.tiles import TileLayer


class GraphScene(QGraphicsScene):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.edge_labels = "all"  # or "saved": only saved-for-backward edges are labelled
        # overlay_source(layout, engine) -> Overlay | None: fills and subtitles over each layout
        self.overlay_source = None
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self._prefetch = QTimer(self)
        self._prefetch.setSingleShot(True)
        self._prefetch.setInterval(0)
        self._prefetch.timeout.connect(self._make_margin)
        self._reset()

    def _reset(self) -> None:
        self.layout: Layout | None = None
        self.engine: GraphLayoutEngine | None = None
        self.geometry: SceneGeometry | None = None
        self.marks = Marks()
        self.overlay: Overlay | None = None
        self.tiles: TileLayer | None = None
        self.lazy: LazyItems | None = None
        self._nodes: dict[int, NodeItem | BoxItem] = {}
        self.edges: list[EdgeItem] = []  # one per layout route (small layouts only)
        self.edge_kinds: set[str] = set()  # "data", "control", "saved": what the legend explains
        self._detail: dict[str, bool] = {}
        self._pinned = False  # every item of a big layout is made, whatever the scale (a picture)
        # what the view shows, kept across layouts (lazy items are made there)
        self._scale = getattr(self, "_scale", 1.0)
        self._view_rect = getattr(self, "_view_rect", QRectF())

    @property
    def nodes(self) -> dict[int, NodeItem | BoxItem]:
        """Node and frame items by layout item: all of them, or for a big layout those made so far."""
        return self.lazy.nodes if self.lazy is not None else self._nodes

    @property
    def is_lazy(self) -> bool:
        return self.lazy is not None

    # ----- building
    def show_layout(self, layout: Layout, engine: GraphLayoutEngine, keep: bool = False) -> None:
        """Draw LAYOUT. With ``keep`` (a new layout of the same engine: a group folded or opened),
        a small layout's items whose box or route only moved are moved, not rebuilt."""
        with no_gc():  # thousands of small objects beside a big graph: no collections halfway
            self._show_layout(layout, engine, keep)
        for view in self.views():  # lazy items follow the view: tell it to say where it looks
            follow = getattr(view, "follow_scene", None)
            if follow is not None:
                follow()

    def _show_layout(self, layout: Layout, engine: GraphLayoutEngine, keep: bool) -> None:
        geometry = SceneGeometry(layout, engine)
        lazy = len(layout.nodes) + len(layout.edges) > st.LAZY_MIN_ELEMENTS
        reuse = keep and not lazy and not self.is_lazy and self.engine is engine and self.layout is not None
        old_nodes, old_edges = (self._nodes, self.edges) if reuse else ({}, [])
        if reuse:
            self.clear_marks()
        else:
            self.clear()
        self.layout, self.engine, self.geometry = layout, engine, geometry
        self.marks = Marks()
        self.overlay = self.overlay_source(layout, engine) if self.overlay_source is not None else None
        self.marks.overlay = self.overlay
        if lazy:
            self.tiles = TileLayer(geometry)
            self.tiles.marks, self.tiles.overlay = self.marks, self.overlay
            self.addItem(self.tiles)
            self.lazy = LazyItems(self, geometry, self.marks, self.edge_labels)
        else:
            self._nodes, self.edges = build_all(self, geometry, old_nodes, old_edges)
            if self.overlay is not None or reuse:  # reused items may wear the last overlay
                for item in self._nodes.values():
                    apply_to_item(self.overlay, item)
        self.edge_kinds = {k for k, present in (("saved", geometry.saved.any()),
                                                ("control", (geometry.control & ~geometry.saved).any()),
                                                ("data", (~geometry.control & ~geometry.saved).any()))
                           if present}
        self.setSceneRect(geometry.bounds)
        self.set_scale(self._scale, force=True)

    def clear(self) -> None:
        """Nothing on display (QGraphicsScene.clear, and this scene's own state)."""
        super().clear()
        self._reset()

    def show_nothing(self) -> None:
        self.clear()
        self.setSceneRect(QRectF())

    @contextlib.contextmanager
    def all_items(self):
        """Every item of a big layout for the duration (a picture of the whole scene)."""
        if self.lazy is None:
            yield
            return
        self.tiles.setVisible(False)
        self.lazy.ensure(self.geometry.bounds)
        self._pinned = True
        try:
            yield
        finally:
            self._pinned = False
            self.lazy.drop()
            self.lazy = LazyItems(self, self.geometry, self.marks, self.edge_labels)
            self.set_scale(self._scale, force=True)
            self.show_region(self._view_rect, self._scale)

    # ----- level of detail
    def set_scale(self, scale: float, force: bool = False) -> None:
        """Show only what is readable at this zoom."""
        self._scale = scale
        want = {"items": scale >= st.ITEM_MIN_SCALE or self.lazy is None,
                "text": scale >= st.TEXT_MIN_SCALE,
                "labels": scale >= st.EDGE_LABEL_MIN_SCALE,
                "arrows": scale >= st.ARROW_MIN_SCALE}
        changed = {k for k, v in want.items() if force or self._detail.get(k) != v}
        self._detail = want
        if self.lazy is not None:  # the items are made by show_region, where the view looks
            if "items" in changed and not self._pinned:
                self.tiles.setVisible(not want["items"])
                if not want["items"]:  # the tiles stand for them: no item is kept out of sight
                    self.lazy.clear()
            self.lazy.labels.setVisible(want["labels"])
            return
        if "text" in changed:
            for item in self._nodes.values():
                for t in item.texts:
                    t.setVisible(want["text"])
        if "labels" in changed:
            for item in self.edges:
                if item.label is not None:
                    item.label.setVisible(want["labels"])
        if "arrows" in changed:
            for item in self.edges:
                item.arrow.setVisible(want["arrows"])

    def show_region(self, rect: QRectF, scale: float) -> None:
        """The view shows RECT at SCALE: a big layout makes the items there (when readable)."""
        self._view_rect = QRectF(rect)
        self.set_scale(scale)
        if self.lazy is not None and self._detail.get("items"):
            self.lazy.ensure(rect, NOW)  # what this frame shows, now
            if not self.lazy.covers(rect, MARGIN / 2):
                self._prefetch.start()  # the margin, once the frame is painted

    def _make_margin(self) -> None:
        if self.lazy is not None and self._detail.get("items"):
            self.lazy.ensure(self._view_rect, MARGIN)

    @property
    def detail(self) -> dict[str, bool]:
        return dict(self._detail)

    # ----- overlay
    def refresh_overlay(self) -> None:
        """Ask ``overlay_source`` again for the layout on display and show what it says."""
        if self.layout is None:
            return
        self.overlay = self.overlay_source(self.layout, self.engine) if self.overlay_source is not None else None
        self.marks.overlay = self.overlay
        if self.lazy is not None:
            self.tiles.set_overlay(self.overlay)
            self.lazy.apply_overlay()
            return
        for item in self._nodes.values():
            apply_to_item(self.overlay, item)

    def fill_of(self, item_id: int) -> QColor | None:
        """The overlay's fill of an item on display (None: its own)."""
        return self.overlay.fills.get(item_id) if self.overlay is not None else None

    # ----- highlights
    def clear_marks(self) -> None:
        self.mark({})

    def mark(self, items: dict[int, QColor], dim_others: bool = False,
             edges: dict[int, QColor] | None = None) -> None:
        """Colour the given items (and edges by layout index); optionally fade everything else."""
        m = self.marks
        m.set(items, edges or {}, dim_others)
        if self.lazy is not None:
            self.lazy.apply_marks()
            self.tiles.update()
            return
        fade = st.DIMMED_ALPHA / 255 if dim_others else 1.0
        for item_id, it in self._nodes.items():
            it.set_state(m.items.get(item_id))
            it.setOpacity(1.0 if item_id in m.items or it.kind == BOX else fade)
        for k, e in enumerate(self.edges):
            e.set_state(m.edges.get(k))
            e.setOpacity(1.0 if k in m.edges else fade)

    def node_kinds(self) -> set[str]:
        """Kinds of the nodes on display (folded scopes are "group")."""
        return self.geometry.node_kinds() if self.geometry is not None else set()

    # ----- where things are
    def item_rect(self, item_id: int) -> QRectF | None:
        """The box of a layout item on display (made into an item or not), or None."""
        g = self.geometry
        row = g.row_of.get(item_id) if g is not None else None
        return g.rect(row) if row is not None else None

    def item_id_at(self, pos: QPointF, slack: float = 0.0) -> int | None:
        """The item drawn on top at a scene point (a node before the frame around it)."""
        if self.geometry is None:
            return None
        row = self.geometry.row_at(pos.x(), pos.y(), slack)
        return None if row is None else int(self.geometry.items[row])

    def shows_something(self, rect: QRectF) -> bool:
        return self.geometry is not None and self.geometry.shows_something(rect)
