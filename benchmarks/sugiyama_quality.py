"""Legibility of our layout beside igraph's ``layout_sugiyama``, measured the same way.

For one view (folded as the GUI first shows it, or fully open) igraph gets exactly what we draw:
the visible items (ops and folded groups, frames are ours alone) and one edge per pair of visible
items that some graph edge joins. Its points become a ``Layout`` with our boxes centred on them,
each edge a polyline from the source box's bottom through igraph's control points to the target
box's top, and ``graphviz_app.core.graph.quality.measure`` reads both pictures.

igraph places unit-size vertices: its horizontal gap is set to the widest box plus our node
separation and its layer distance to the tallest box plus our widest rank gap, so its boxes never
overlap (as ours never do). Times are CPU seconds of this process.
"""
from __future__ import annotations

import time

import numpy as np

QUALITY_HEADER = (f"{'graph':<12} {'view':<6} {'layout':<7} {'items':>6} {'routes':>7} {'upward':>8} "
                  f"{'area':>8} {'aspect h/w':>10} {'edges kpx':>10} {'CPU s':>7}  picture px")


def visible_edges(engine, index: dict[int, int]) -> list[tuple[int, int]]:
    """Pairs of visible items (positions in ``index``) that graph edges join, once each."""
    tree = engine.tree
    seen: set[tuple[int, int]] = set()
    visible: dict[int, int] = {}
    for s, d in zip(tree.edge_src.tolist(), tree.edge_dst.tolist()):
        if s in engine.hidden or d in engine.hidden:
            continue
        vs = visible.get(s)
        if vs is None:
            vs = visible[s] = engine.visible_item(s)
        vd = visible.get(d)
        if vd is None:
            vd = visible[d] = engine.visible_item(d)
        if vs != vd and vs in index and vd in index:
            seen.add((index[vs], index[vd]))
    return sorted(seen)


def sugiyama_layout(engine, ours, node_sep: float = 18.0, layer_sep: float = 36.0):
    """igraph's Sugiyama of the items ``ours`` draws, as a Layout with the same boxes."""
    import igraph

    from graphviz_app.core.graph.layout_data import EdgeRoute, Layout, NodeBox

    items = [b for b in ours.nodes if b.kind != "box"]
    index = {b.item: i for i, b in enumerate(items)}
    pairs = visible_edges(engine, index)
    g = igraph.Graph(n=len(items), edges=pairs, directed=True)
    w = np.array([b.w for b in items])
    h = np.array([b.h for b in items])
    start = time.process_time()
    lay = g.layout_sugiyama(hgap=float(w.max()) + node_sep, vgap=float(h.max()) + layer_sep)
    seconds = time.process_time() - start
    xy = np.asarray(lay.coords, dtype=float)[:len(items)]
    routing = lay.edge_routing
    routes = []
    for k, (a, b) in enumerate(pairs):
        ctrl = np.asarray(routing[k], dtype=float).reshape(-1, 2) if len(routing[k]) else np.zeros((0, 2))
        pts = np.vstack([[xy[a, 0], xy[a, 1] + h[a] / 2], ctrl, [xy[b, 0], xy[b, 1] - h[b] / 2]])
        routes.append(pts)
    left = min(float((xy[:, 0] - w / 2).min()), min(float(p[:, 0].min()) for p in routes) if routes else 0.0)
    top = min(float((xy[:, 1] - h / 2).min()), min(float(p[:, 1].min()) for p in routes) if routes else 0.0)
    shift = np.array([left, top])
    nodes = [NodeBox(b.item, b.kind, float(x - left), float(y - top), b.w, b.h, b.title, b.subtitle)
             for b, (x, y) in zip(items, xy)]
    edges = [EdgeRoute(items[a].item, items[b].item, p - shift, 1, []) for (a, b), p in zip(pairs, routes)]
    width = max(float((xy[:, 0] + w / 2).max()) - left, max(float(p[:, 0].max()) for p in routes) - left
                if routes else 0.0)
    height = max(float((xy[:, 1] + h / 2).max()) - top, max(float(p[:, 1].max()) for p in routes) - top
                 if routes else 0.0)
    return Layout(nodes, edges, width, height), seconds


def _row(name: str, view: str, who: str, q, seconds: float, w: float, h: float, note: str = "") -> str:
    return (f"{name:<12} {view:<6} {who:<7} {q.items:>6} {q.routes:>7} {q.upward:>8} "
            f"{q.area_ratio:>7.1f}x {q.aspect:>10.2f} {q.edge_length / 1e3:>10.1f} {seconds:>7.2f}  "
            f"{w:.0f} x {h:.0f}{note}")


def quality_rows(name: str, model, area_target: float) -> list[str]:
    """Ours and igraph's, folded then fully open: one line each. Our seconds: building the engine
    and the first view (folded), Open all and its layout (open)."""
    from graphviz_app.core.graph.layout import GraphLayoutEngine
    from graphviz_app.core.graph.quality import measure

    out = []
    start = time.process_time()
    engine = GraphLayoutEngine(model)  # as the GUI opens it: folded, single-use constants inline
    folded = engine.layout()
    folded_s = time.process_time() - start
    folded_ig = sugiyama_layout(engine, folded)
    start = time.process_time()
    engine.expand_all()
    opened = engine.layout()
    opened_s = time.process_time() - start
    opened_ig = sugiyama_layout(engine, opened)
    for view, ours, seconds, (ig, ig_s) in (("folded", folded, folded_s, folded_ig),
                                            ("open", opened, opened_s, opened_ig)):
        q = measure(ours)
        note = ""
        if view == "open":
            note = f"  (area target ≤ {area_target:.0f}x: {'ok' if q.area_ratio <= area_target else 'MISSED'})"
        out.append(_row(name, view, "ours", q, seconds, ours.width, ours.height, note))
        out.append(_row("", "", "igraph", measure(ig), ig_s, ig.width, ig.height))
    return out
