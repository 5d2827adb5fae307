"""How legible a Layout is, as numbers: routes that run against the data flow, area per node,
aspect and total edge length. The benchmark prints them beside igraph's; tests assert them."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graphviz_app.core.graph.layout_data import Layout

UPWARD_TOLERANCE = 1.0  # px: a route whose end sits above its start by more than this runs upward


@dataclass(frozen=True)
class Quality:
    items: int  # drawn items that are not frames (ops and folded groups)
    frames: int  # expanded group frames
    routes: int
    upward: int  # routes whose end is above their start (TB) / left of it (LR)
    area_ratio: float  # picture area over the items' area
    aspect: float  # height / width of the picture (> 1: taller than wide)
    edge_length: float  # total length of the routes' polylines

    @property
    def upward_share(self) -> float:
        return self.upward / self.routes if self.routes else 0.0

    def row(self) -> str:
        return (f"{self.items:6d} items {self.upward:5d}/{self.routes:<6d} up ({self.upward_share:6.2%})  "
                f"area {self.area_ratio:7.1f}x  aspect h/w {self.aspect:5.2f}  "
                f"edges {self.edge_length / 1e3:8.1f} kpx")


def upward_routes(layout: Layout) -> list[int]:
    """Indices of the routes that run against the rank direction."""
    axis = 1 if layout.rankdir == "TB" else 0
    out = []
    for i, e in enumerate(layout.edges):
        pts = e.points
        if len(pts) >= 2 and pts[-1][axis] < pts[0][axis] - UPWARD_TOLERANCE:
            out.append(i)
    return out


def measure(layout: Layout) -> Quality:
    items = [b for b in layout.nodes if b.kind != "box"]
    node_area = sum(b.w * b.h for b in items) or 1.0
    length = 0.0
    for e in layout.edges:
        pts = np.asarray(e.points, dtype=float)
        if len(pts) >= 2:
            length += float(np.hypot(*np.diff(pts, axis=0).T).sum())
    return Quality(items=len(items), frames=len(layout.nodes) - len(items), routes=len(layout.edges),
                   upward=len(upward_routes(layout)),
                   area_ratio=layout.width * layout.height / node_area,
                   aspect=layout.height / layout.width if layout.width else 0.0, edge_length=length)
