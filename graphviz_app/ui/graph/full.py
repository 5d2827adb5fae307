"""Every item of a small layout, built at once: an item per node, frame and edge route, each with
its text, arrowhead and label (a tape's backward graph, a snippet's tf.function, a folded view).

A new layout of the same engine (a group folded or opened) moves the items whose box or route
only moved instead of rebuilding them. Big layouts are drawn lazily instead (``lazy.py``).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF

from graphviz_app.ui.graph.geometry import BOX, SceneGeometry
from graphviz_app.ui.graph.items import BoxItem, EdgeItem, NodeItem


def _same_box(old, new) -> bool:
    """Same item drawn the same way, wherever it is."""
    return (old.kind, old.w, old.h, old.title, old.subtitle, old.depth, old.structure, old.twins) == \
        (new.kind, new.w, new.h, new.title, new.subtitle, new.depth, new.structure, new.twins)


def _edge_key(e) -> tuple:
    return e.src, e.dst, e.src_port, e.dst_port, e.count, tuple(e.edges[:4])


def build_all(scene, g: SceneGeometry, old_nodes: dict, old_edges: list[EdgeItem]) -> tuple[dict, list]:
    """Items for every node and edge of G's layout in SCENE, reusing OLD ones that only moved.
    Returns (nodes by layout item, edge items in layout order)."""
    layout = g.layout
    nodes: dict[int, NodeItem | BoxItem] = {}
    for row, b in enumerate(layout.nodes):
        style = g.styles[int(g.style[row])]
        item = old_nodes.pop(b.item, None)
        if item is not None and _same_box(item.box, b):
            item.moveBy(b.x - item.box.x, b.y - item.box.y)
        else:
            if item is not None:
                scene.removeItem(item)
            rect = g.rect(row)
            colors = (style.fill, style.border)
            item = BoxItem(b.item, rect, b.title, b.subtitle, b.depth, colors) if style.kind == BOX else \
                NodeItem(b.item, style.kind, rect, b.title, b.subtitle, colors)
            scene.addItem(item)
        item.box = b
        nodes[b.item] = item
    for item in old_nodes.values():
        scene.removeItem(item)
    by_key: dict[tuple, list[EdgeItem]] = {}
    for item in old_edges:
        by_key.setdefault(item.key, []).append(item)
    edges = []
    labels = _labels(scene, g)
    for i, e in enumerate(layout.edges):
        key = _edge_key(e)
        item = _moved_edge(by_key.get(key), e.points, labels[i])
        if item is None:
            item = EdgeItem(i, e.points, layout.rankdir, e.count, labels[i], bool(g.control[i]), bool(g.saved[i]))
            item.key = key
            scene.addItem(item)
        item.index = i
        edges.append(item)
    for items in by_key.values():
        for item in items:
            scene.removeItem(item)
    _place_saved_labels(scene, edges, nodes)
    return nodes, edges


def _labels(scene, g: SceneGeometry) -> list[str]:
    """Each route's label: dtype/shape (or "×N") on the first route from each source, "saved for
    backward" once per saved tensor, on the piece that reaches the gradient op (not the pieces that
    only run into an open group's frame)."""
    engine, layout = g.engine, g.layout
    names, tree = engine.names, engine.tree
    first = g.labelled_routes(scene.edge_labels)
    out = [""] * len(layout.edges)
    saved_done: set[str] = set()
    for i, e in enumerate(layout.edges):
        if g.saved[i]:
            tensor = names[int(tree.edge_src[e.edges[0]])]
            into_frame = e.dst_port or (e.dst >= engine.n and engine.is_expanded(e.dst))
            if tensor not in saved_done and not into_frame:
                saved_done.add(tensor)
                out[i] = QCoreApplication.translate("GraphScene", "saved for backward")
        elif first[i]:
            if e.count > 1:
                out[i] = f"×{e.count}"
            elif e.edges:
                k = e.edges[0]
                out[i] = engine.model.edge_text(names[int(tree.edge_src[k])], names[int(tree.edge_dst[k])])
    return out


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


def _place_saved_labels(scene, edges: list[EdgeItem], nodes: dict) -> None:
    """Move each "saved for backward" plate to a spot along its edge where it covers no node
    and no other plate (nodes are drawn above edges and would hide it)."""
    taken: list[QRectF] = []
    for edge in edges:
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
                hits = [it for it in scene.items(r) if isinstance(it, (NodeItem, BoxItem))
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
