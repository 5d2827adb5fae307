"""One expanded group of a GraphLayoutEngine laid out on its own (``layered.py``), its children as
nodes: ops, folded groups and expanded groups (a box as big as their own layout). Edges that leave
the group run through an entry port at the top of its box or an exit port at the bottom.

``layout_group(engine, gid)`` reads the engine's folding state, sizes and bundled edges and returns
a ``GroupLayout`` in coordinates relative to the group box's top-left (layout space: u across
ranks' width, v along ranks).

What keeps it compact:
- edges are lined up at their real ends (an expanded child's port, a side input's place), so a
  chain of groups runs straight down instead of zigzagging;
- side inputs sit beside their consumer (``side_inputs.py``);
- edges into a collector (the final NoOp that every variable read is ordered before) barely pull;
- the frame is as wide as its content: the title is elided to fit, not the frame widened to it;
- gaps between ranks are as tall as their edges need.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np

from graphviz_app.core.graph.layered import LayeredResult, layered_layout
from graphviz_app.core.graph.side_inputs import Compounds, Link, find_compounds

PORT_IN, PORT_OUT = -1, -2
AUX_FANIN = 8  # a node with this many control inputs collects them: they do not shape the layout
AUX_WEIGHT = 0.05
MIN_FRAME = 48.0  # narrowest frame (content and padding); its title is elided to its width
HEAD_GAP = 2.0  # between a frame's header and its content (the entry port sits there)
_aux_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@dataclass
class GroupLayout:
    """One expanded group laid out on its own; coordinates relative to its box's top-left."""
    w: float
    h: float
    children: list[int]
    cx: np.ndarray
    cy: np.ndarray
    in_x: float | None
    out_x: float | None
    routes: list[tuple[int, int, np.ndarray, list[int], bool, bool]]  # src, dst, pts, edges, sp, dp


def aux_edges(engine) -> np.ndarray:
    """Per edge of the engine's scope tree: a control edge into a collector."""
    mask = _aux_cache.get(engine)
    if mask is None:
        g, names = engine.model.graph, engine.names
        src = np.asarray(engine.tree.edge_src, np.int64)
        dst = np.asarray(engine.tree.edge_dst, np.int64)
        mask = np.zeros(len(dst), bool)
        if len(dst):
            # only edges into a node with many inputs can be collector edges: look those up
            busy = np.flatnonzero(np.bincount(dst, minlength=engine.n)[dst] >= AUX_FANIN)
            control = np.array([bool(g.edges[names[s], names[d]].get("control"))
                                for s, d in zip(src[busy].tolist(), dst[busy].tolist())], bool)
            fanin = np.bincount(dst[busy[control]], minlength=engine.n)
            mask[busy[control]] = fanin[dst[busy[control]]] >= AUX_FANIN
        _aux_cache[engine] = mask
    return mask


def _links(self, gid: int, local: dict[int, int], k: int):
    """The group's bundled edges in layout direction: (Link, meta) pairs, ports as -1/-2."""
    aux = aux_edges(self)
    out = []
    flipped = self._flipped_pairs[gid]
    for (cu, cv), edges in self._pairs[gid].items():
        if cu not in local or cv not in local:
            continue
        a, b = local[cu], local[cv]
        flip = (cu, cv) in flipped
        is_aux = bool(aux[edges].all())
        out.append((Link(b, a, is_aux) if flip else Link(a, b, is_aux), (cu, cv, edges, flip, False, False)))
    for (child, port, flip), edges in self._ports[gid].items():
        if child not in local:
            continue
        c = local[child]
        is_aux = bool(aux[edges].all())
        if port == PORT_OUT:
            # data flows child -> exit, or (flipped bundle) exit -> child
            out.append((Link(c, PORT_OUT, is_aux), (gid, child, edges, True, True, False) if flip else
                        (child, gid, edges, False, False, True)))
        else:
            out.append((Link(PORT_IN, c, is_aux), (child, gid, edges, True, False, True) if flip else
                        (gid, child, edges, False, True, False)))
    return out


def layout_group(self, gid: int) -> GroupLayout:
    opts = self.options
    lr = opts.rankdir == "LR"
    kids = self._visible_children(gid)
    local = {c: i for i, c in enumerate(kids)}
    k = len(kids)
    sizes = [self.item_size(c) for c in kids]
    wu = [sh if lr else sw for sw, sh in sizes]  # layout space: u across ranks, v along them
    hv = [sw if lr else sh for sw, sh in sizes]
    expanded = [c >= self.n and c in self.expanded for c in kids]
    links = _links(self, gid, local, k)
    comp = find_compounds(k, wu, hv, [not e for e in expanded], [ln for ln, _ in links])
    has_in = any(ln.a == PORT_IN for ln, _ in links)
    has_out = any(ln.b == PORT_OUT for ln, _ in links)
    nc = comp.count
    in_id = nc if has_in else None
    out_id = (nc + 1 if has_in else nc) if has_out else None
    n_nodes = nc + has_in + has_out
    w = np.zeros(n_nodes)
    h = np.zeros(n_nodes)
    w[:nc] = comp.width
    h[:nc] = comp.height
    if has_in:
        w[in_id] = 6.0
    if has_out:
        w[out_id] = 6.0

    def end_offset(v: int, port: str) -> float:
        """Where an edge leaves (``out``) or enters (``in``) local node v, from its compound's centre."""
        off = comp.offset[v]
        if expanded[v]:
            sub = self._group_layout(kids[v])
            px = sub.out_x if port == "out" else sub.in_x
            if px is not None:
                off += px - wu[v] / 2
        return off

    src, dst, s_off, d_off, weight, meta, ends = [], [], [], [], [], [], []
    for i, (ln, m) in enumerate(links):
        if i in comp.side_links:
            continue
        a = in_id if ln.a == PORT_IN else comp.comp_of[ln.a]
        b = out_id if ln.b == PORT_OUT else comp.comp_of[ln.b]
        src.append(a)
        dst.append(b)
        s_off.append(0.0 if ln.a < 0 else end_offset(ln.a, "out"))
        d_off.append(0.0 if ln.b < 0 else end_offset(ln.b, "in"))
        weight.append(AUX_WEIGHT if ln.aux else 1.0)
        meta.append(m)
        ends.append((ln.a, ln.b))
    res = layered_layout(n_nodes, src, dst, w, h, first=in_id, last=out_id, node_sep=opts.node_sep,
                         layer_sep=opts.layer_sep, min_layer_sep=opts.min_layer_sep,
                         src_off=s_off, dst_off=d_off, weight=weight, wrap=True)
    side = [(ln, m) for i, (ln, m) in enumerate(links) if i in comp.side_links]
    return _finish_group(self, gid, kids, wu, hv, comp, res, meta, ends, side, in_id, out_id)


def _finish_group(self, gid, kids, wu, hv, comp: Compounds, res: LayeredResult, meta, ends, side,
                  in_id, out_id) -> GroupLayout:
    opts = self.options
    lr = opts.rankdir == "LR"
    pad, header, head_gap = opts.group_pad, opts.header, HEAD_GAP
    if gid == self.tree.root:
        pad, header, head_gap = 8.0, 0.0, 8.0
    # layout space: u along layers' width, v along ranks. The title header is on the screen's
    # top edge: across ranks (v) top-down, along u (the screen's y) left-to-right. Below the
    # header the entry port's own gap already keeps the content off it: no padding there.
    content_u, content_v = res.width, res.height
    if lr:
        box_u = header + head_gap + content_u + pad
        shift_u = header + head_gap
        box_v = max(content_v + 2 * pad, MIN_FRAME)
        shift_v = (box_v - content_v) / 2
    else:
        box_u = max(content_u + 2 * pad, MIN_FRAME)
        shift_u = (box_u - content_u) / 2
        box_v = header + head_gap + content_v + pad
        shift_v = header + head_gap
    k = len(kids)
    cu = res.x[comp.comp_of] + np.asarray(comp.offset) + shift_u if k else np.zeros(0)
    cv = res.y[comp.comp_of] + shift_v if k else np.zeros(0)
    routes = []
    for i, (s_item, d_item, edges, flip, sp, dp) in enumerate(meta):
        pts = res.points(i).copy()
        if len(pts) == 0:
            continue
        pts[:, 0] += shift_u
        pts[:, 1] += shift_v
        a, b = ends[i]  # in layout direction; the points run a -> b
        if a >= 0:  # leave the member's own bottom, not the compound's
            pts[0, 1] = cv[a] + hv[a] / 2
        if b >= 0:
            pts[-1, 1] = cv[b] - hv[b] / 2
        if a == PORT_IN:
            pts = np.vstack([[pts[0, 0], 0.0], pts])
        if b == PORT_OUT:
            pts = np.vstack([pts, [pts[-1, 0], box_v]])
        routes.append((s_item, d_item, np.ascontiguousarray(pts[::-1] if flip else pts), edges, sp, dp))
    for ln, (s_item, d_item, edges, flip, sp, dp) in side:
        a, b = ln.a, ln.b  # a side input a, level with what it feeds (b), on b's left or right
        sgn = -1.0 if comp.side[a] < 0 else 1.0  # a left of b: leave a's right edge
        pts = np.array([[cu[a] - sgn * wu[a] / 2, cv[a]], [cu[b] + sgn * wu[b] / 2, cv[b]]])
        routes.append((s_item, d_item, pts[::-1].copy() if flip else pts, edges, sp, dp))
    in_x = float(res.x[in_id] + shift_u) if in_id is not None else None
    out_x = float(res.x[out_id] + shift_u) if out_id is not None else None
    screen_w, screen_h = (box_v, box_u) if lr else (box_u, box_v)
    return GroupLayout(screen_w, screen_h, kids, cu, cv, in_x, out_x, routes)
