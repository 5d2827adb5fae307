"""A Layout as numpy arrays: node rectangles, kinds, colours and edge routes, with the questions
the scene asks of them (what lies in a rectangle, what is under a point, what is nearest).

Built once per layout in a few tens of milliseconds for 20k nodes and 30k edge routes; the scene
draws and hit-tests from it instead of from thousands of graphics items.
"""
from __future__ import annotations

import math
import weakref
from dataclasses import dataclass
from itertools import chain

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from graphviz_app.ui.graph import style as st
from graphviz_app.ui.graph.paths import EdgeShapes, arrow_heads

BOX = "box"
EDGE_FLAGS_PER_ROUTE = 8  # a route's kind is read from its first graph edges (as the items do)
_FACTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # engine -> EngineFacts


@dataclass(frozen=True)
class NodeStyle:
    kind: str  # a key of st.KINDS, or "box"
    fill: QColor
    border: QColor
    shape: str
    twin: bool = False  # coloured as one of a set of twins


class EngineFacts:
    """What the scene reads of an engine's graph, once per engine: each leaf's drawing kind and,
    per graph edge of its scope tree, whether it is a control dependency or saved for backward."""

    def __init__(self, engine):
        self.leaf_kind = [a.get("kind") or "op" for a in engine._attrs]
        adj, names = engine.model.graph.adj, engine.names
        src, dst = engine.tree.edge_src.tolist(), engine.tree.edge_dst.tolist()
        data = [adj[names[u]][names[v]] for u, v in zip(src, dst)]
        self.control = np.fromiter((bool(d.get("control")) for d in data), bool, len(data))
        self.saved = np.fromiter((bool(d.get("saved_for_backward")) for d in data), bool, len(data))

    @classmethod
    def of(cls, engine) -> "EngineFacts":
        facts = _FACTS.get(engine)
        if facts is None:
            facts = _FACTS[engine] = cls(engine)
        return facts


class SceneGeometry:
    """Nodes (rows in layout order) and edge routes of one Layout, as arrays."""

    def __init__(self, layout, engine):
        self.layout, self.engine = layout, engine
        nodes = layout.nodes
        n = len(nodes)
        a = np.array([(b.x, b.y, b.w, b.h, b.depth, b.item) for b in nodes], float).reshape(n, 6)
        self.x0, self.y0 = a[:, 0] - a[:, 2] / 2, a[:, 1] - a[:, 3] / 2
        self.x1, self.y1 = a[:, 0] + a[:, 2] / 2, a[:, 1] + a[:, 3] / 2
        self.depth = a[:, 4].astype(np.int32)
        self.items = a[:, 5].astype(np.int64)
        self.row_of: dict[int, int] = layout.index or {b.item: i for i, b in enumerate(nodes)}
        facts = EngineFacts.of(engine)
        self.styles: list[NodeStyle] = []
        self.style = self._styles(nodes, facts.leaf_kind)
        self.kinds = np.array([style.kind for style in self.styles], object)
        self.is_box = (self.kinds == BOX)[self.style] if n else np.zeros(0, bool)
        self.bounds = QRectF(-20, -20, layout.width + 40, layout.height + 40)
        self._edges(layout, facts)

    # ----- building
    def _styles(self, nodes, leaf_kind: list[str]) -> np.ndarray:
        index: dict[tuple, int] = {}
        out = np.empty(len(nodes), np.int32)
        for row, b in enumerate(nodes):
            kind = BOX if b.kind == "box" else "group" if b.kind == "group" else leaf_kind[b.item]
            key = (kind, b.structure if b.twins > 1 and kind in ("group", BOX) else "")
            s = index.get(key)
            if s is None:
                s = index[key] = len(self.styles)
                self.styles.append(_style(*key))
            out[row] = s
        return out

    def _edges(self, layout, facts: EngineFacts) -> None:
        edges = layout.edges
        m = len(edges)
        a = np.array([(len(e.points), e.count, e.src, e.src_port, len(e.edges)) for e in edges],
                     np.int64).reshape(m, 5)
        counts, self.count, self.src, self.src_port = a[:, 0], a[:, 1], a[:, 2], a[:, 3].astype(bool)
        starts = np.zeros(m + 1, np.int64)
        np.cumsum(counts, out=starts[1:])
        pts = np.concatenate([e.points for e in edges]).astype(float) if m else np.zeros((0, 2))
        self.shapes = EdgeShapes(pts, starts, layout.rankdir)
        if m:
            self.ex0 = np.minimum.reduceat(pts[:, 0], starts[:-1])
            self.ex1 = np.maximum.reduceat(pts[:, 0], starts[:-1])
            self.ey0 = np.minimum.reduceat(pts[:, 1], starts[:-1])
            self.ey1 = np.maximum.reduceat(pts[:, 1], starts[:-1])
        else:
            self.ex0 = self.ex1 = self.ey0 = self.ey1 = np.zeros(0)
        lens = np.minimum(a[:, 4], EDGE_FLAGS_PER_ROUTE)
        flat = np.fromiter(chain.from_iterable(e.edges[:EDGE_FLAGS_PER_ROUTE] for e in edges), np.int64,
                           int(lens.sum()))
        seg = np.repeat(np.arange(m), lens)
        self.control = (np.bincount(seg, facts.control[flat], m) == lens) & (lens > 0)
        self.saved = np.bincount(seg, facts.saved[flat], m) > 0
        widths = np.where((self.count > 1) & ~self.control,
                          st.EDGE_WIDTH + np.minimum(3.0, np.log2(np.maximum(self.count, 1))), st.EDGE_WIDTH)
        self.width = np.where(self.saved, np.maximum(widths, st.SAVED_EDGE_WIDTH), widths)
        self.arrow_size = 7.0 + np.where(self.saved, self.width, 0.0)
        self._arrows: np.ndarray | None = None

    @property
    def arrows(self) -> np.ndarray:
        if self._arrows is None:
            self._arrows = arrow_heads(self.shapes.points, self.shapes.starts, self.arrow_size)
        return self._arrows

    def labelled_routes(self, edge_labels: str) -> np.ndarray:
        """Routes that carry a dtype/shape or "×N" label: the first of each source (they would
        all sit just below it), never control edges; saved edges are labelled apart."""
        out = np.zeros(len(self.count), bool)
        if edge_labels != "all" or not len(out):
            return out
        eligible = np.flatnonzero(~self.control & ~self.saved)
        keys = self.src[eligible] * 2 + self.src_port[eligible]
        _, first = np.unique(keys, return_index=True)
        out[eligible[first]] = True
        return out

    # ----- questions
    def rect(self, row: int) -> QRectF:
        return QRectF(self.x0[row], self.y0[row], self.x1[row] - self.x0[row], self.y1[row] - self.y0[row])

    def nodes_in(self, r: QRectF) -> np.ndarray:
        """Rows whose box meets rectangle R."""
        return np.flatnonzero((self.x1 >= r.left()) & (self.x0 <= r.right())
                              & (self.y1 >= r.top()) & (self.y0 <= r.bottom()))

    def edges_in(self, r: QRectF) -> np.ndarray:
        """A mask of the routes whose bounding box meets rectangle R."""
        return (self.ex1 >= r.left()) & (self.ex0 <= r.right()) & (self.ey1 >= r.top()) & (self.ey0 <= r.bottom())

    def row_at(self, x: float, y: float, slack: float = 0.0) -> int | None:
        """The row drawn on top at a point: a node or folded group, else the innermost frame."""
        hit = np.flatnonzero((self.x0 - slack <= x) & (x <= self.x1 + slack)
                             & (self.y0 - slack <= y) & (y <= self.y1 + slack))
        if not len(hit):
            return None
        nodes = hit[~self.is_box[hit]]
        if len(nodes):
            return int(nodes[-1])
        return int(hit[np.argmax(self.depth[hit] * 1e6 + hit)])

    def nearest_row(self, x: float, y: float, boxes: bool = True) -> int | None:
        """The row whose box is closest to a point (0 inside it); frames only if BOXES."""
        rows = np.arange(len(self.items)) if boxes else np.flatnonzero(~self.is_box)
        if not len(rows):
            return None
        dx = np.maximum(np.maximum(self.x0[rows] - x, x - self.x1[rows]), 0.0)
        dy = np.maximum(np.maximum(self.y0[rows] - y, y - self.y1[rows]), 0.0)
        d = np.hypot(dx, dy) - (~self.is_box[rows]) * 1e-6  # a node before the frame it sits in
        return int(rows[np.argmin(d)])

    def shows_something(self, r: QRectF) -> bool:
        """Whether anything is drawn in R: a node, or a frame's border (not a frame that merely
        surrounds R with its empty inside)."""
        rows = self.nodes_in(r)
        if not len(rows):
            return False
        if (~self.is_box[rows]).any():
            return True
        inside = (self.x0[rows] < r.left()) & (self.x1[rows] > r.right()) \
            & (self.y0[rows] < r.top()) & (self.y1[rows] > r.bottom())
        return not inside.all()

    def node_kinds(self) -> set[str]:
        """Kinds of the nodes drawn, and "twins" if repeated blocks are coloured alike."""
        used = [self.styles[s] for s in np.unique(self.style).tolist()]
        twins = {"twins"} if any(s.twin for s in used) else set()
        return {s.kind for s in used} - {BOX} | twins


def edge_pens(g: SceneGeometry) -> list[tuple[np.ndarray, QColor, bool, float]]:
    """(routes, colour, dashed, z) of each kind of edge: plain, control, saved for backward."""
    return [(~g.control & ~g.saved, st.EDGE, False, 1.0),
            (g.control & ~g.saved, st.EDGE, True, 1.0),
            (g.saved, st.SAVED_EDGE, False, 1.5)]


def _style(kind: str, twin: str) -> NodeStyle:
    if kind == BOX:
        if twin:
            fill, border = st.twin_colors(twin)
            fill.setAlpha(st.BOX_FILL.alpha() * 2)
            return NodeStyle(BOX, fill, border, "rect", True)
        return NodeStyle(BOX, QColor(st.BOX_FILL), QColor(st.BOX_BORDER), "rect")
    style = st.KINDS.get(kind, st.KINDS["op"])
    if twin:
        fill, border = st.twin_colors(twin)
        return NodeStyle(kind, fill, border, style.shape, True)
    return NodeStyle(kind, QColor(style.fill), QColor(style.border), style.shape)


def level_of(scale: float) -> int:
    """The power-of-two zoom level whose pixels best match SCALE."""
    return int(round(math.log2(max(scale, 1e-9))))
