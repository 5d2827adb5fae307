"""Geometric checks of a Layout: no two boxes overlap, no edge passes through a box."""
from __future__ import annotations

import numpy as np

from graphviz_app.core.graph.layout_data import Layout, curve_points

EPS = 0.5


def overlapping_boxes(layout: Layout) -> list[tuple[int, int]]:
    """Pairs of boxes that overlap, where neither is an expanded group containing the other."""
    rects = np.array([b.rect for b in layout.nodes]) if layout.nodes else np.zeros((0, 4))
    frames = {b.item for b in layout.nodes if b.kind == "box"}
    order = np.argsort(rects[:, 0]) if len(rects) else []
    bad = []
    active: list[int] = []
    for i in order:
        x0 = rects[i, 0]
        active = [j for j in active if rects[j, 2] > x0 + EPS]
        for j in active:
            if rects[i, 1] < rects[j, 3] - EPS and rects[j, 1] < rects[i, 3] - EPS:
                a, b = layout.nodes[i], layout.nodes[j]
                if a.item in frames and _contains(rects[i], rects[j]):
                    continue
                if b.item in frames and _contains(rects[j], rects[i]):
                    continue
                bad.append((a.item, b.item))
        active.append(i)
    return bad


def _contains(outer, inner) -> bool:
    return outer[0] <= inner[0] + EPS and outer[1] <= inner[1] + EPS and \
        outer[2] >= inner[2] - EPS and outer[3] >= inner[3] - EPS


def edges_through_boxes(layout: Layout, samples: int = 6) -> list[tuple[int, int, int]]:
    """(edge index, src, box item) for every sampled curve point strictly inside a leaf box.

    Leaf boxes are ops and folded groups; an edge may of course touch its own two ends.
    """
    leaves = [b for b in layout.nodes if b.kind != "box"]
    if not leaves:
        return []
    rects = np.array([b.rect for b in leaves])
    items = np.array([b.item for b in leaves])
    # grid buckets for speed
    cell = 400.0
    buckets: dict[tuple[int, int], list[int]] = {}
    for k, (x0, y0, x1, y1) in enumerate(rects):
        for gx in range(int(x0 // cell), int(x1 // cell) + 1):
            for gy in range(int(y0 // cell), int(y1 // cell) + 1):
                buckets.setdefault((gx, gy), []).append(k)
    bad = []
    for ei, e in enumerate(layout.edges):
        pts = curve_points(e.points, layout.rankdir, samples)
        ends = {e.src, e.dst}
        for px, py in pts:
            for k in buckets.get((int(px // cell), int(py // cell)), ()):
                x0, y0, x1, y1 = rects[k]
                if x0 + EPS < px < x1 - EPS and y0 + EPS < py < y1 - EPS and int(items[k]) not in ends:
                    bad.append((ei, e.src, int(items[k])))
                    break
    return bad
