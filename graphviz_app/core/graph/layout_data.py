"""What a layout is, as data: the options it was made with, node boxes and edge routes (draw
each consecutive pair of points as a cubic curve, see ``curve_points``), and the helpers the
layout and the scene share. No Qt: the scene, SVG and JSON exports are built from it."""
from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass, field
from typing import Callable

import numpy as np


def estimate_text_width(text: str, bold: bool = False) -> float:
    """Width of text in the view's 11 px sans font (measured average), for the headless path."""
    return len(text) * (7.0 if bold else 6.4)


@dataclass
class LayoutOptions:
    rankdir: str = "TB"  # or "LR"
    node_sep: float = 18.0
    layer_sep: float = 36.0  # between ranks whose edges turn sideways...
    min_layer_sep: float = 16.0  # ...and between ranks whose edges run straight down
    group_pad: float = 8.0
    header: float = 18.0  # a frame's title line: 10 px text
    # draw single-use constants on their consumer, not as nodes; None: yes for big graphs
    inline_constants: bool | None = None
    text_width: Callable[[str, bool], float] = estimate_text_width
    # graphs of at most this many ops are drawn without name-scope groups (each edge on its own)
    flat_up_to: int = 0


@dataclass
class NodeBox:
    item: int  # leaf index (< n) or group id
    kind: str  # "node" (an op), "group" (folded scope), "box" (expanded scope frame)
    x: float  # centre
    y: float
    w: float
    h: float
    title: str
    subtitle: str
    depth: int = 0
    ops: int = 1  # ops inside (1 for an op)
    structure: str = ""  # equal strings: identical structure (op types and wiring)
    twins: int = 1  # groups in the whole graph with this structure

    @property
    def rect(self) -> tuple[float, float, float, float]:
        return self.x - self.w / 2, self.y - self.h / 2, self.x + self.w / 2, self.y + self.h / 2


@dataclass
class EdgeRoute:
    src: int  # visible item (leaf or folded group); for pieces at a port: the group id
    dst: int
    points: np.ndarray  # (k, 2) in data-flow order
    count: int  # graph edges bundled in this route
    edges: list[int]  # indices into ScopeTree.edge_src/edge_dst
    src_port: bool = False  # src is an expanded group's port, not a node
    dst_port: bool = False


@dataclass
class Layout:
    nodes: list[NodeBox]
    edges: list[EdgeRoute]
    width: float
    height: float
    rankdir: str = "TB"
    index: dict[int, int] = field(default_factory=dict)  # item -> position in nodes

    def to_json_dict(self) -> dict:
        return {"width": self.width, "height": self.height, "rankdir": self.rankdir,
                "nodes": [{"item": b.item, "kind": b.kind, "x": b.x, "y": b.y, "w": b.w, "h": b.h,
                           "title": b.title, "subtitle": b.subtitle, "ops": b.ops,
                           "structure": b.structure, "twins": b.twins} for b in self.nodes],
                "edges": [{"src": e.src, "dst": e.dst, "count": e.count,
                           "points": np.round(e.points, 1).tolist()} for e in self.edges]}


@contextlib.contextmanager
def no_gc():
    """Pause the cyclic GC: building tens of thousands of small objects next to a big networkx
    graph otherwise triggers full collections that cost more than the layout itself."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def curve_points(points: np.ndarray, rankdir: str = "TB", samples: int = 8) -> np.ndarray:
    """The polyline a renderer draws: consecutive points joined by cubics with rank tangents."""
    pts = np.asarray(points, dtype=float)
    if len(pts) < 2:
        return pts
    t = np.linspace(0.0, 1.0, samples)[:, None]
    out = [pts[:1]]
    axis = 1 if rankdir == "TB" else 0
    for p0, p3 in zip(pts[:-1], pts[1:]):
        mid = (p0[axis] + p3[axis]) / 2
        p1, p2 = p0.copy(), p3.copy()
        p1[axis] = mid
        p2[axis] = mid
        seg = ((1 - t) ** 3) * p0 + 3 * ((1 - t) ** 2) * t * p1 + 3 * (1 - t) * t * t * p2 + t ** 3 * p3
        out.append(seg[1:])
    return np.concatenate(out)
