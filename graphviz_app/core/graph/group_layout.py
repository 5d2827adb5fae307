"""One expanded group of a GraphLayoutEngine laid out on its own (``layered.py``), its children as
nodes: ops, folded groups and expanded groups (a box as big as their own layout). Edges that leave
the group run through an entry port at the top of its box or an exit port at the bottom.

``layout_group(engine, gid)`` reads the engine's folding state, sizes and bundled edges and returns
a ``GroupLayout`` in coordinates relative to the group box's top-left (layout space: u across
ranks' width, v along ranks)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graphviz_app.core.graph.layered import LayeredResult, layered_layout

PORT_IN, PORT_OUT = -1, -2


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



def layout_group(self, gid: int) -> GroupLayout:
    opts = self.options
    lr = opts.rankdir == "LR"
    kids = self._visible_children(gid)
    local = {c: i for i, c in enumerate(kids)}
    k = len(kids)
    sizes = [self.item_size(c) for c in kids]
    ports = self._ports[gid]
    has_in = any(p == PORT_IN for _, p, _ in ports)
    has_out = any(p == PORT_OUT for _, p, _ in ports)
    n_nodes = k + (1 if has_in else 0) + (1 if has_out else 0)
    in_id = k if has_in else None
    out_id = (k + 1 if has_in else k) if has_out else None
    w = np.zeros(n_nodes)
    h = np.zeros(n_nodes)
    for i, (sw, sh) in enumerate(sizes):
        w[i], h[i] = (sh, sw) if lr else (sw, sh)
    if has_in:
        w[in_id] = 6.0
    if has_out:
        w[out_id] = 6.0
    src, dst, meta = [], [], []
    flipped = self._flipped_pairs[gid]
    for (cu, cv), edges in self._pairs[gid].items():
        if cu not in local or cv not in local:
            continue
        a, b = local[cu], local[cv]
        flip = (cu, cv) in flipped
        src.append(b if flip else a)
        dst.append(a if flip else b)
        meta.append((cu, cv, edges, flip, False, False))
    for (child, port, flip), edges in ports.items():
        if child not in local:
            continue
        c = local[child]
        if port == PORT_OUT:
            src.append(c)
            dst.append(out_id)
            # data flows child -> exit, or (flipped bundle) exit -> child
            meta.append((gid, child, edges, True, True, False) if flip else
                        (child, gid, edges, False, False, True))
        else:
            src.append(in_id)
            dst.append(c)
            meta.append((child, gid, edges, True, False, True) if flip else
                        (gid, child, edges, False, True, False))
    res = layered_layout(n_nodes, src, dst, w, h, first=in_id, last=out_id,
                         node_sep=opts.node_sep, layer_sep=opts.layer_sep)
    return _finish_group(self, gid, kids, sizes, res, src, dst, meta, in_id, out_id)

def _finish_group(self, gid, kids, sizes, res: LayeredResult, src, dst, meta, in_id, out_id):
    opts = self.options
    lr = opts.rankdir == "LR"
    pad, header = opts.group_pad, opts.header
    is_root = gid == self.tree.root
    if is_root:
        pad, header = 8.0, 0.0
    title_w = opts.text_width(self.item_text(gid)[0] + "  (00000 ops)", True) + 2 * pad
    # layout space: u along layers' width, v along ranks
    # the title header is on the screen's top edge: across ranks (v) top-down, along u
    # (the screen's y) left-to-right
    content_u, content_v = res.width, res.height
    if lr:
        box_u = content_u + 2 * pad + header
        shift_u = pad + header
        box_v = max(content_v + 2 * pad, title_w)
        shift_v = (box_v - content_v) / 2
    else:
        box_u = max(content_u + 2 * pad, title_w)
        shift_u = (box_u - content_u) / 2
        box_v = content_v + 2 * pad + header
        shift_v = pad + header
    u = res.x + shift_u
    v = res.y + shift_v
    # ports of expanded children: the routes start/end at their port, not their centre
    routes = []
    for i, (s_item, d_item, edges, flip, sp, dp) in enumerate(meta):
        pts = res.points(i).copy()
        if len(pts) == 0:
            continue
        pts[:, 0] += shift_u
        pts[:, 1] += shift_v
        a, b = src[i], dst[i]
        oriented = pts  # from layout source a to layout target b (already a copy)
        if a < len(kids) and kids[a] >= self.n and kids[a] in self.expanded:
            sub = self._group_layout(kids[a])
            if sub.out_x is not None:
                oriented[:2, 0] = u[a] - sizes[a][0 if not lr else 1] / 2 + sub.out_x
        if b < len(kids) and kids[b] >= self.n and kids[b] in self.expanded:
            sub = self._group_layout(kids[b])
            if sub.in_x is not None:
                oriented[-2:, 0] = u[b] - sizes[b][0 if not lr else 1] / 2 + sub.in_x
        if a == in_id:
            oriented = np.vstack([[oriented[0, 0], 0.0], oriented])
        if b == out_id:
            oriented = np.vstack([oriented, [oriented[-1, 0], box_v]])
        pts = oriented[::-1] if flip else oriented
        routes.append((s_item, d_item, np.ascontiguousarray(pts), edges, sp, dp))
    in_x = float(u[in_id]) if in_id is not None else None
    out_x = float(u[out_id]) if out_id is not None else None
    k = len(kids)
    screen_w, screen_h = (box_v, box_u) if lr else (box_u, box_v)
    return GroupLayout(screen_w, screen_h, kids, u[:k], v[:k], in_x, out_x, routes)
