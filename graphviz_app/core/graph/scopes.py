"""The group tree of a graph, the unit of folding.

Items are numbered in one space: graph nodes (leaves) are ``0..n-1`` in model order, groups
follow. The tree starts as the TF name scopes: a group is a name scope with at least three ops
below it (helper scopes under an op's own name, like ``conv/ReadVariableOp`` beside ``conv``, are
not groups, nor are scopes inside a scope of at most ``FLAT_OPS`` ops); a chain of scopes that
each hold a single scope collapses into one group (``model/sequential``). ``structure.py`` then
refines it along the data flow: scopes that are not convex are dissolved, crowded levels (Keras
puts all 177 layers of ResNet50 side by side in one scope) are cut into consecutive stages of
the flow, and repeated structure is found (twins, runs of twins), so every level of the tree is
small, convex and in flow order.

For every edge of the graph the tree knows the lowest common group of its two ends and the two
children of that group that contain them: a folded view draws one bundled edge per such pair.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from graphviz_app.core.graph.structure import StructureBuilder, is_acyclic

SATELLITE_MAX = 4
FLAT_OPS = 20  # a scope with at most this many ops holds them directly, without inner scopes


@dataclass
class Group:
    gid: int  # item id (>= number of leaves)
    name: str  # full scope path; virtual groups end with "_*"
    title: str  # what the box shows
    parent: int  # item id, -1 for the root
    children: list[int] = field(default_factory=list)
    leaf_count: int = 0
    virtual: bool = False  # not a name scope: a stage of the data flow or a run of twins
    kind: str = "scope"  # "scope", "stage" (consecutive part of the flow) or "run" (twins)


class ScopeTree:
    def __init__(self, names: list[str], src: np.ndarray, dst: np.ndarray, flat: bool = False,
                 ops: list[str] | None = None):
        self.names = names
        self.n = len(names)
        self.flat = flat  # no groups at all: every node a child of the root
        self.groups: dict[int, Group] = {}
        src, dst = np.asarray(src, np.int64), np.asarray(dst, np.int64)
        self._build(names)
        # structural hash per group (equal: same op types and wiring) and how many groups share it
        self.structure: dict[int, str] = {}
        self.twin_count: dict[str, int] = {}
        self.acyclic = False  # True: the quotient graph of every group's children is acyclic
        if not flat:
            builder = StructureBuilder(self, src, dst, ops, Group)
            self.acyclic = is_acyclic(self.n, src, dst)
            self.structure, self.twin_count = builder.build()
            for gid, kind in builder.kind.items():
                self.groups[gid].kind = kind
        self._finish()
        self._index_edges(src, dst)

    def structure_of(self, item: int) -> tuple[str, int]:
        """(structure key, number of groups with that key) of a group; ("", 1) if not hashed."""
        key = self.structure.get(item, "")
        return key, self.twin_count.get(key, 1) if key else 1

    # ----- building
    def _build(self, names: list[str]) -> None:
        n = self.n
        scope_ids: dict[str, int] = {}
        root = Group(n, "", "", -1)
        raw_children: dict[int, list[int]] = {n: []}
        raw: list[Group] = [root]
        leaf_parent = [n] * n
        for i, name in enumerate(names):
            parts = [] if self.flat else name.split("/")[:-1]
            parent = n
            path = ""
            for part in parts:
                path = f"{path}/{part}" if path else part
                gid = scope_ids.get(path)
                if gid is None:
                    gid = n + len(raw)
                    scope_ids[path] = gid
                    raw.append(Group(gid, path, part, parent))
                    raw_children[gid] = []
                    raw_children[parent].append(gid)
                parent = gid
            leaf_parent[i] = parent
            raw_children[parent].append(i)
        by_id = {g.gid: g for g in raw}
        leaf_names = set(names)
        # count leaves bottom-up (children were created after parents)
        counts = {g.gid: 0 for g in raw}
        for p in leaf_parent:
            counts[p] += 1
        for g in reversed(raw):
            if g.parent >= 0:
                counts[g.parent] += counts[g.gid]
        self._next_id = n + len(raw)

        stack = [n]
        while stack:
            gid = stack.pop()
            g = by_id[gid]
            # a layer of a few ops shows them all at once ('batchnorm' inside a batch-norm layer
            # would be one more frame and one more click for a handful of ops)
            g.children = self._leaves(gid, raw_children) if gid != n and counts[gid] <= FLAT_OPS \
                else self._flatten(gid, raw_children, by_id, counts, leaf_names)
            g.leaf_count = counts[gid]
            self.groups[gid] = g
            stack.extend(c for c in g.children if c >= n)
        for g in list(self.groups.values()):
            for c in g.children:
                if c >= n:
                    self.groups[c].parent = g.gid
        self.root = n

    # methods, not closures: a recursive closure is a reference cycle that kept every raw list of a
    # 20k-op graph alive until a full GC (0.4 s at the end of an export)
    def _flatten(self, gid: int, raw_children: dict, by_id: dict, counts: dict, leaf_names: set) -> list[int]:
        """Children of gid with trivial groups dissolved and single-scope chains merged."""
        n = self.n
        out = []
        for c in raw_children[gid]:
            if c < n:
                out.append(c)
                continue
            g = by_id[c]
            kids = raw_children[c]
            # one or two ops (a box would be as big as they are), or the helpers TF puts
            # under an op's own name ('conv/ReadVariableOp' beside 'conv'): no box of their own
            if counts[c] <= 2 or (counts[c] <= SATELLITE_MAX and g.name in leaf_names):
                out.extend(self._flatten(c, raw_children, by_id, counts, leaf_names))
                continue
            while len(kids) == 1 and kids[0] >= n and counts[kids[0]] == counts[c]:
                inner = by_id[kids[0]]
                g.title = f"{g.title}/{inner.title}"
                g.name = inner.name
                raw_children[c] = raw_children[kids[0]]
                kids = raw_children[c]
            out.append(c)
        return out

    def _leaves(self, gid: int, raw_children: dict) -> list[int]:
        n = self.n
        return [x for c in raw_children[gid] for x in ([c] if c < n else self._leaves(c, raw_children))]

    def item_title(self, item: int) -> str:
        if item < self.n:
            return self.names[item].rpartition("/")[2]
        return self.groups[item].title

    def _finish(self) -> None:
        n = self.n
        self.parent = np.full(self._next_id, -1, np.int64)
        for g in self.groups.values():
            for c in g.children:
                self.parent[c] = g.gid
        # leaf counts again (virtual groups need theirs) and depth, top-down order
        self.order: list[int] = []
        stack = [self.root]
        while stack:
            gid = stack.pop()
            self.order.append(gid)
            stack.extend(reversed([c for c in self.groups[gid].children if c >= n]))
        for gid in reversed(self.order):
            g = self.groups[gid]
            g.leaf_count = sum(1 if c < n else self.groups[c].leaf_count for c in g.children)
        self.depth = np.zeros(self._next_id, np.int64)
        for gid in self.order:
            for c in self.groups[gid].children:
                self.depth[c] = self.depth[gid] + 1

    # ----- edges
    def _index_edges(self, src: np.ndarray, dst: np.ndarray) -> None:
        """For each edge: lowest common group and the children of it holding each end."""
        parent = self.parent.tolist()
        depth = self.depth.tolist()
        m = len(src)
        lca = np.empty(m, np.int64)
        cu = np.empty(m, np.int64)
        cv = np.empty(m, np.int64)
        # chains[e] = items strictly below the LCA on each side (leaf first), for port wiring
        self.src_chain: list[list[int]] = []
        self.dst_chain: list[list[int]] = []
        for i, (u, v) in enumerate(zip(src.tolist(), dst.tolist())):
            a, b = u, v
            ca, cb = [a], [b]
            while depth[a] > depth[b]:
                a = parent[a]
                ca.append(a)
            while depth[b] > depth[a]:
                b = parent[b]
                cb.append(b)
            while parent[a] != parent[b]:
                a = parent[a]
                b = parent[b]
                ca.append(a)
                cb.append(b)
            lca[i] = parent[a]
            cu[i] = a
            cv[i] = b
            self.src_chain.append(ca)
            self.dst_chain.append(cb)
        self.edge_src, self.edge_dst = src, dst
        self.edge_lca, self.edge_cu, self.edge_cv = lca, cu, cv

    def is_ancestor(self, group: int, item: int) -> bool:
        parent = self.parent
        while item >= 0:
            if item == group:
                return True
            item = int(parent[item])
        return False

    def ancestors(self, item: int) -> list[int]:
        out = []
        p = int(self.parent[item])
        while p >= 0:
            out.append(p)
            p = int(self.parent[p])
        return out

    def groups_containing_leaves(self) -> list[int]:
        return [gid for gid in self.order if gid != self.root]
