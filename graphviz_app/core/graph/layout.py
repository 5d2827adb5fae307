"""Layout of a GraphModel with name scopes folded or expanded, one group at a time.

Each expanded group is laid out on its own (``graph/layered.py``) with its children as nodes:
ops, folded groups (a box with name and op count) and expanded groups (a box as big as their own
layout). Edges that leave a group go through an entry port at the top of its box or an exit port
at the bottom, so the route from an op deep inside one group to an op deep inside another is the
chain: op -> exit ports -> bundled edge between sibling groups -> entry ports -> op, each piece
routed by the layout of the group it runs in. Expanding or folding a group re-lays out that group
and its ancestors only (each of them a few hundred nodes at most); everything else comes from the
cache. This is how Model Explorer stays smooth on huge graphs.

The result, ``Layout``, is pure data: node boxes and edge point lists (draw each consecutive pair
of points as a cubic curve with tangents along the rank direction, see ``curve_points``).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from graphviz_app.core.graph.group_layout import PORT_IN, PORT_OUT, GroupLayout, layout_group
from graphviz_app.core.graph.layered import break_cycles
from graphviz_app.core.graph.layout_data import EdgeRoute, Layout, LayoutOptions, NodeBox, no_gc
from graphviz_app.core.graph.scopes import ScopeTree
from graphviz_app.core.messages import message

FOLD_BUDGET = 60  # graphs with more ops than this open folded (a first view is at most 60 items)
FIRST_VIEW_ITEMS = 50  # ...showing about this many items
INLINE_OVER = 200  # graphs with more ops than this draw single-use constants on their consumer
FOLD_SMALL_OPS = 12  # groups of at most this many ops stay folded in the first view
FOLD_SMALL_SHARE = 0.01  # ...and so do groups with at most this share of all ops


class GraphLayoutEngine:
    """Folding state of one GraphModel and the cached per-group layouts."""

    def __init__(self, model, options: LayoutOptions | None = None):
        with no_gc():
            self._init(model, options)

    def _init(self, model, options: LayoutOptions | None) -> None:
        self.model = model
        self.options = options or LayoutOptions()
        g = model.graph
        self.names: list[str] = list(g.nodes)
        index = {name: i for i, name in enumerate(self.names)}
        edges = list(g.edges)  # (networkx counts edges by walking every node's degree)
        src = np.fromiter((index[u] for u, _ in edges), np.int64, len(edges))
        dst = np.fromiter((index[v] for _, v in edges), np.int64, len(edges))
        self.index = index
        self._attrs = [g.nodes[name] for name in self.names]
        self.tree = ScopeTree(self.names, src, dst, flat=len(self.names) <= self.options.flat_up_to,
                              ops=[a.get("op") or "" for a in self._attrs])
        self.n = len(self.names)
        if self.options.inline_constants is None:
            self.options = dataclasses.replace(self.options, inline_constants=self.n > INLINE_OVER)
        self.hidden = self._inline_constants(src, dst) if self.options.inline_constants else set()
        self.inlined: dict[int, int] = {}
        if self.hidden:
            for u, v in zip(src.tolist(), dst.tolist()):
                if u in self.hidden:
                    self.inlined[v] = self.inlined.get(v, 0) + 1
        self._prepare_groups()
        self.expanded: set[int] = {self.tree.root}
        self._cache: dict[int, GroupLayout] = {}
        self._size_cache: dict[int, tuple[float, float, str, str]] = {}
        if self.n <= FOLD_BUDGET:
            self.expand_all()
        else:
            self.fold_to_budget(FIRST_VIEW_ITEMS)

    # ----- folding state
    def _inline_constants(self, src: np.ndarray, dst: np.ndarray) -> set[int]:
        outdeg = np.bincount(src, minlength=self.n)
        indeg = np.bincount(dst, minlength=self.n)
        return {i for i, a in enumerate(self._attrs)
                if a.get("kind") == "const" and outdeg[i] == 1 and indeg[i] == 0}

    def fold_to_budget(self, budget: int) -> None:
        """Expand whole levels of the group tree while the visible items stay within budget.

        Small groups (a layer of a few ops) stay folded: opening them would spend the budget on
        detail while the big parts stay closed. A group that is the only child of its parent is
        always opened (a model's single top scope would otherwise be the whole first view).
        """
        tree = self.tree
        small = max(FOLD_SMALL_OPS, tree.groups[tree.root].leaf_count * FOLD_SMALL_SHARE)
        self.expanded = {tree.root}
        visible = len(self._visible_children(tree.root))
        level = [c for c in self._visible_children(tree.root) if c >= self.n]
        while level:
            singles = [g for g in level if len(self._visible_children(tree.groups[g].parent)) == 1]
            level = [g for g in level if tree.groups[g].leaf_count > small or g in singles]
            growth = sum(len(self._visible_children(g)) - 1 for g in level)
            chosen = level if visible + growth <= budget else singles
            if not chosen:
                break
            for g in chosen:
                self.expanded.add(g)
                visible += len(self._visible_children(g)) - 1
            level = [c for g in chosen for c in self._visible_children(g) if c >= self.n]
        self._cache.clear()

    def expand_all(self) -> None:
        self.expanded = set(self.tree.groups)
        self._cache.clear()

    def collapse_all(self) -> None:
        self.expanded = {self.tree.root}
        self._cache.clear()

    def is_expanded(self, gid: int) -> bool:
        return gid in self.expanded

    def set_expanded(self, gid: int, expanded: bool) -> None:
        if gid == self.tree.root or (gid in self.expanded) == expanded:
            return
        if expanded:
            self.expanded.add(gid)
        else:
            self.expanded.discard(gid)
        for g in [gid] + self.tree.ancestors(gid):
            self._cache.pop(g, None)

    def toggle(self, gid: int) -> None:
        self.set_expanded(gid, gid not in self.expanded)

    def expand_subtree(self, gid: int) -> None:
        stack = [gid]
        while stack:
            g = stack.pop()
            self.set_expanded(g, True)
            stack.extend(c for c in self.tree.groups[g].children if c >= self.n)

    def reveal(self, leaf: int) -> None:
        """Expand every group above a leaf so it becomes visible."""
        for g in self.tree.ancestors(leaf):
            self.set_expanded(g, True)

    def visible_item(self, leaf: int) -> int:
        """The leaf itself if visible, else the outermost folded group that hides it."""
        item = leaf
        for g in self.tree.ancestors(leaf):
            if g not in self.expanded:
                item = g
        return item

    def _visible_children(self, gid: int) -> list[int]:
        return [c for c in self.tree.groups[gid].children if c not in self.hidden]

    # ----- static per-group edge data
    def _prepare_groups(self) -> None:
        """Bundle edges per group (pairs of children, port links) and orient group-level cycles."""
        tree = self.tree
        hidden = self.hidden
        self._pairs: dict[int, dict[tuple[int, int], list[int]]] = {g: {} for g in tree.groups}
        for e, (u, lca, cu, cv) in enumerate(zip(tree.edge_src.tolist(), tree.edge_lca.tolist(),
                                                 tree.edge_cu.tolist(), tree.edge_cv.tolist())):
            if u in hidden or cu == cv:
                continue
            self._pairs[lca].setdefault((cu, cv), []).append(e)
        self._flipped_pairs: dict[int, set[tuple[int, int]]] = {}
        for gid, pairs in self._pairs.items():
            kids = tree.groups[gid].children
            local = {c: i for i, c in enumerate(kids)}
            keys = list(pairs)
            if not keys or tree.acyclic:  # (every level of a refined tree of a DAG is acyclic)
                self._flipped_pairs[gid] = set()
                continue
            s = np.array([local[a] for a, _ in keys])
            d = np.array([local[b] for _, b in keys])
            rev = break_cycles(len(kids), s, d)
            self._flipped_pairs[gid] = {keys[i] for i in np.flatnonzero(rev)}
        # port links: (child, port, flipped) -> edges, for every group strictly below the LCA
        self._ports: dict[int, dict[tuple[int, int, bool], list[int]]] = {g: {} for g in tree.groups}
        for gid, pairs in self._pairs.items():
            flipped = self._flipped_pairs[gid]
            for key, edges in pairs.items():
                flip = key in flipped
                for e in edges:
                    chain = tree.src_chain[e]
                    for j in range(1, len(chain)):
                        # data leaves this group: bottom exit, or top if the bundle points up
                        self._ports[chain[j]].setdefault((chain[j - 1], PORT_IN if flip else PORT_OUT,
                                                          flip), []).append(e)
                    chain = tree.dst_chain[e]
                    for j in range(1, len(chain)):
                        self._ports[chain[j]].setdefault((chain[j - 1], PORT_OUT if flip else PORT_IN,
                                                          flip), []).append(e)

    # ----- sizes and text
    def item_text(self, item: int) -> tuple[str, str]:
        if item < self.n:
            a = self._attrs[item]
            op = a.get("op", "")
            label = a.get("label")
            title = f"{label} = {op}" if label else op
            short = self.names[item].rpartition("/")[2]
            subtitle = "" if short in (op, label) else short
            if a.get("value_text"):  # a value worth reading on the node (the backward view's)
                # the op's own name only where no user label names it already ("mul = 1.27")
                named = subtitle and not label
                subtitle = f"{subtitle} = {a['value_text']}" if named else f"= {a['value_text']}"
            extra = self.inlined.get(item)
            if extra:
                subtitle = message("layout.named_consts", name=subtitle, count=extra) if subtitle \
                    else message("layout.consts", count=extra)
            return title, subtitle
        g = self.tree.groups[item]
        count = g.leaf_count
        return g.title, message("layout.one_op" if count == 1 else "layout.ops", count=count)

    def _folded_size(self, item: int) -> tuple[float, float]:
        cached = self._size_cache.get(item)
        if cached is None:
            title, subtitle = self.item_text(item)
            tw = self.options.text_width
            w = max(tw(title, True), tw(subtitle, False) if subtitle else 0.0) + 20
            if item < self.n:
                kind = self._attrs[item].get("kind")
                h = 22.0 if not subtitle else 34.0
                w = max(w, 44.0 if kind == "const" else 56.0)
            else:
                h = 40.0
                w = max(w, 80.0)
            cached = (min(w, 320.0), h, title, subtitle)
            self._size_cache[item] = cached
        return cached[0], cached[1]

    def item_size(self, item: int) -> tuple[float, float]:
        if item >= self.n and item in self.expanded:
            gl = self._group_layout(item)
            return gl.w, gl.h
        return self._folded_size(item)

    # ----- layout
    def _group_layout(self, gid: int) -> GroupLayout:
        gl = self._cache.get(gid)
        if gl is None:
            gl = layout_group(self, gid)
            self._cache[gid] = gl
        return gl

    def layout(self) -> Layout:
        """Compose the cached group layouts into absolute positions."""
        with no_gc():
            return self._compose()

    def _compose(self) -> Layout:
        lr = self.options.rankdir == "LR"
        root = self.tree.root
        rl = self._group_layout(root)
        nodes: list[NodeBox] = []
        edges: list[EdgeRoute] = []
        depth = self.tree.depth
        # stack of (gid, origin u, origin v) in layout space (u across, v along ranks)
        stack = [(root, 0.0, 0.0)]
        while stack:
            gid, ou, ov = stack.pop()
            gl = self._group_layout(gid)
            off = np.array([ou, ov])
            for s_item, d_item, pts, e_ids, sp, dp in gl.routes:
                p = pts + off
                if lr:
                    p = p[:, ::-1]
                edges.append(EdgeRoute(s_item, d_item, p, len(e_ids), e_ids, sp, dp))
            for c, cu, cv in zip(gl.children, gl.cx.tolist(), gl.cy.tolist()):
                if c in self.hidden:
                    continue
                x, y = ou + cu, ov + cv
                if c >= self.n and c in self.expanded:
                    sub = self._group_layout(c)
                    su, sv = (sub.h, sub.w) if lr else (sub.w, sub.h)
                    title, _ = self.item_text(c)
                    count = self.tree.groups[c].leaf_count
                    bx, by, bw, bh = (y, x, sv, su) if lr else (x, y, su, sv)
                    key, twins = self.tree.structure_of(c)
                    nodes.append(NodeBox(c, "box", bx, by, bw, bh, title, message("layout.ops", count=count),
                                         int(depth[c]), count, key, twins))
                    stack.append((c, x - su / 2, y - sv / 2))
                else:
                    w, h = self._folded_size(c)
                    title, subtitle = self.item_text(c)
                    kind = "node" if c < self.n else "group"
                    ops, (key, twins) = (1, ("", 1)) if c < self.n else \
                        (self.tree.groups[c].leaf_count, self.tree.structure_of(c))
                    nodes.append(NodeBox(c, kind, y if lr else x, x if lr else y, w, h, title, subtitle,
                                         int(depth[c]), ops, key, twins))
        rw, rh = rl.w, rl.h
        index = {b.item: i for i, b in enumerate(nodes)}
        return Layout(nodes, edges, rw, rh, self.options.rankdir, index)
