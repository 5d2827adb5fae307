"""Structure-aware grouping: name scopes where they are convex, data-flow stages elsewhere, twins.

The name-scope tree (``scopes.py``) is refined top-down, one level (a group and its children) at
a time, on the *quotient graph* of the level: its children as nodes, an edge where any op of one
child feeds any op of another. (1) Convexity: a name scope that lies on a cycle of the quotient
graph and that a path leaves and re-enters (e.g. a Keras layer called twice) is dissolved into its
children, until the quotient graph is acyclic, so every group at every level is convex and a
folded view never needs an edge upward. (2) Stages: a level with more than ``SPLIT_OVER``
children is cut into consecutive intervals of one flow order at its narrowest boundaries
(``stages.py``): cells and blocks come out whole, whatever the names. Each stage is refined in
turn, so every level stays small. (3) Twins: bottom-up, every group gets a structural key
(``twins.py``); at each level, runs of consecutive twins that feed each other fold into one
group "×N". A level that still has more than ``MAX_CHILDREN`` children is grouped into balanced
super-stages (``stages.chunk``). Intervals of intervals of a flow order are still intervals of
it, so all of this keeps every group convex. Finally stages and runs get titles: the common
prefix of their ops' names where they have one (``conv2_block1_*``), else their role and position
among their twins ("normal block 7 of 18"), else the names of their first and last items.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx
import numpy as np

from graphviz_app.core.graph.stages import boundary_strength, chunk, flow_order, name_tokens, stages
from graphviz_app.core.graph.titles import set_titles
from graphviz_app.core.graph.twins import find_runs, key_text, op_key, structure_key

SPLIT_OVER = 20  # a level with more children is cut into stages
MAX_CHILDREN = 20  # a level that still has more after runs is grouped into super-stages


class StructureBuilder:
    """Refines a ScopeTree in place; ``build()`` returns (structure, twin_count)."""

    def __init__(self, tree, src: np.ndarray, dst: np.ndarray, ops: list[str] | None, group_type):
        self.tree = tree
        self.group_type = group_type  # scopes.Group (which imports this module)
        self.n = tree.n
        self.groups = tree.groups
        self.names = tree.names
        keys = {op: op_key(op) for op in set(ops or ())}
        self.leaf_key = [keys[op] for op in ops] if ops else [0] * self.n
        keep = src != dst
        self.src, self.dst = src[keep], dst[keep]
        self.key: dict[int, int] = {}
        self.kind: dict[int, str] = {}  # virtual group -> "stage" | "run"
        self.run_len: dict[int, int] = {}  # run -> number of twins in it
        self.run_member: dict[int, int] = {}  # run -> the key of its twins
        self.scope: dict[int, str] = {}  # virtual group -> the name scope it sits in
        self.own = np.zeros(self.n, np.int64)
        self.leaves: dict[int, np.ndarray] = {}
        self.next_id = tree._next_id

    def build(self) -> tuple[dict[int, str], dict[str, int]]:
        self._collect_leaves()
        self._process(self.tree.root, self.src, self.dst, "")
        self.tree._next_id = self.next_id
        self._titles()
        structure = {g: key_text(k) for g, k in self.key.items() if g != self.tree.root}
        return structure, dict(Counter(structure.values()))

    # ----- helpers
    def _collect_leaves(self) -> None:
        n = self.n
        order, stack = [], [self.tree.root]
        while stack:
            g = stack.pop()
            order.append(g)
            stack.extend(c for c in self.groups[g].children if c >= n)
        for g in reversed(order):
            parts = [np.asarray([c for c in self.groups[g].children if c < n], np.int64)]
            parts += [self.leaves[c] for c in self.groups[g].children if c >= n]
            self.leaves[g] = np.concatenate(parts)

    def _weight(self, item: int) -> int:
        return 1 if item < self.n else self.groups[item].leaf_count

    def _item_name(self, item: int, scope: str) -> str:
        if item >= self.n:
            return self.groups[item].title
        name = self.names[item]
        if scope and name.startswith(scope + "/"):
            name = name[len(scope) + 1:]
        return name.partition("/")[0]

    def _local(self, kids: list[int], es: np.ndarray, ed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each edge's ends as positions in kids."""
        own, n = self.own, self.n
        leaf_pos = [i for i, c in enumerate(kids) if c < n]
        if leaf_pos:
            own[np.asarray([kids[i] for i in leaf_pos], np.int64)] = leaf_pos
        for i, c in enumerate(kids):
            if c >= n:
                own[self.leaves[c]] = i
        return own[es], own[ed]

    @staticmethod
    def _pairs(k: int, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Distinct quotient edges (a != b) with their multiplicity."""
        cross = a != b
        codes = a[cross] * k + b[cross]
        if k * k <= 4 * len(codes) + 4096:  # small levels: counting beats sorting
            per_code = np.bincount(codes, minlength=k * k)
            code = np.flatnonzero(per_code)
            count = per_code[code]
        else:
            code, count = np.unique(codes, return_counts=True)
        return code // k, code % k, count

    def _new_group(self, parent: int, children: list[int], kind: str, scope: str) -> int:
        gid = self.next_id
        self.next_id += 1
        g = self.group_type(gid, "", "", parent, list(children), virtual=True)
        g.leaf_count = sum(self._weight(c) for c in children)
        self.groups[gid] = g
        for c in children:
            if c >= self.n:
                self.groups[c].parent = gid
        self.kind[gid] = kind
        self.scope[gid] = scope
        return gid

    # ----- one level
    def _process(self, gid: int, es: np.ndarray, ed: np.ndarray, scope: str) -> None:
        g = self.groups[gid]
        if not g.virtual:
            scope = g.name
        kids = g.children
        if len(kids) <= SPLIT_OVER and all(c < self.n for c in kids):  # a layer: only its key
            local = {c: i for i, c in enumerate(kids)}
            edges = Counter(zip([local[x] for x in es.tolist()], [local[x] for x in ed.tolist()]))
            self.key[gid] = structure_key([self.leaf_key[c] for c in kids],
                                          [(x, y, c) for (x, y), c in edges.items()])
            return
        a, b = self._local(kids, es, ed)
        pa, pb, _ = self._pairs(len(kids), a, b)
        while any(c >= self.n for c in kids):  # dissolve scopes that lie on a cycle
            cyclic = _groups_on_cycles(kids, pa, pb, self.n)
            if not cyclic:
                break
            cyclic = self._not_convex(cyclic, es, ed) or {min(cyclic, key=self._weight)}
            kids = self._dissolve(gid, kids, cyclic)
            a, b = self._local(kids, es, ed)
            pa, pb, _ = self._pairs(len(kids), a, b)
        k = len(kids)
        order, strength = list(range(k)), np.zeros(k, np.int64)
        split = k > SPLIT_OVER and not self.tree.flat
        segs = [(p, p + 1) for p in range(k)]
        if split or sum(c >= self.n for c in kids) >= 2:  # an order for stages or runs
            order = flow_order(k, pa.tolist(), pb.tolist())
            tokens = [name_tokens(self._item_name(c, scope)) for c in kids]
            strength = boundary_strength(order, pa, pb, tokens)
            if split:
                weight = np.asarray([self._weight(kids[v]) for v in order], float)
                segs = stages(strength, weight, [tokens[v] for v in order])
        unit_of = np.empty(k, np.int64)
        units: list[int] = []
        unit_strength: list[int] = []
        for j, (lo, hi) in enumerate(segs):
            members = [kids[v] for v in order[lo:hi]]
            unit_of[order[lo:hi]] = j
            if hi - lo == 1:
                units.append(members[0])
            else:
                u = self._new_group(gid, members, "stage", scope)
                self.leaves[u] = np.concatenate([self.leaves[c] if c >= self.n else
                                                 np.asarray([c], np.int64) for c in members])
                units.append(u)
            unit_strength.append(int(strength[lo]))
        ua, ub = unit_of[a], unit_of[b]
        self._recurse(units, ua, ub, es, ed, scope)
        qa, qb, qc = self._pairs(len(units), ua, ub)
        self._finish_level(gid, units, unit_strength, list(zip(qa.tolist(), qb.tolist(), qc.tolist())), scope)

    def _not_convex(self, candidates: set[int], es: np.ndarray, ed: np.ndarray) -> set[int]:
        """The candidates that a path inside the level leaves and re-enters. (A cycle of the
        quotient graph need not be one path: A -> B and B -> A may join different ops.)"""
        succ: dict[int, list[int]] = defaultdict(list)
        for u, v in zip(es.tolist(), ed.tolist()):
            succ[u].append(v)
        out = set()
        for c in candidates:
            inside = set(self.leaves[c].tolist())
            stack = [v for u in inside for v in succ[u] if v not in inside]
            seen = set(stack)
            while stack:
                for v in succ[stack.pop()]:
                    if v in inside:
                        out.add(c)
                        stack = []
                        break
                    if v not in seen:
                        seen.add(v)
                        stack.append(v)
        return out

    def _dissolve(self, gid: int, kids: list[int], cyclic: set[int]) -> list[int]:
        out = []
        for c in kids:
            if c in cyclic:
                inner = self.groups.pop(c)
                for x in inner.children:
                    if x >= self.n:
                        self.groups[x].parent = gid
                out.extend(inner.children)
            else:
                out.append(c)
        self.groups[gid].children = out
        return out

    def _recurse(self, units: list[int], ua: np.ndarray, ub: np.ndarray, es: np.ndarray, ed: np.ndarray,
                 scope: str) -> None:
        same = np.flatnonzero(ua == ub)
        by_unit = same[np.argsort(ua[same], kind="stable")]
        starts = np.searchsorted(ua[by_unit], np.arange(len(units) + 1))
        for j, u in enumerate(units):
            if u >= self.n:
                sel = by_unit[starts[j]:starts[j + 1]]
                self._process(u, es[sel], ed[sel], scope)

    def _finish_level(self, gid: int, units: list[int], strength: list[int],
                      pairs: list[tuple[int, int, int]], scope: str) -> None:
        """Runs of twins, super-stages, and the keys of everything made here."""
        keys = [self.key.get(u) if u >= self.n else None for u in units]
        chained = {(a, b) for a, b, _ in pairs if b == a + 1}
        entries: list = list(range(len(units)))
        runs = find_runs(keys, chained)
        if runs == [(0, len(units))]:  # the whole level is one run: nothing to fold
            runs = []
            if self.groups[gid].virtual:
                self.kind[gid] = "run"
                self.run_len[gid], self.run_member[gid] = len(units), keys[0]
        for lo, hi in reversed(runs):
            entries[lo:hi] = [list(range(lo, hi))]
        entries = self._chunked(entries, strength, units)
        level = _Level(units, pairs, keys, chained, scope)
        items = [self._materialize(gid, e, level) for e in entries]
        self.groups[gid].children = items
        for c in items:
            if c >= self.n:
                self.groups[c].parent = gid
        self.key[gid] = self._key_of(entries, items, pairs)

    def _chunked(self, entries: list, strength: list[int], units: list[int]) -> list:
        def first(e):
            return first(e[0]) if isinstance(e, list) else e

        def weight(e):
            return sum(weight(x) for x in e) if isinstance(e, list) else self._weight(units[e])

        def split(es: list) -> list:
            if len(es) <= MAX_CHILDREN:
                return es
            parts = chunk([weight(e) for e in es], [strength[first(e)] for e in es], MAX_CHILDREN)
            return [split(es[lo:hi]) if hi - lo > 1 else es[lo] for lo, hi in parts]

        out = split(entries)
        return [split(e) if isinstance(e, list) and len(e) > MAX_CHILDREN else e for e in out]

    def _key_of(self, entries: list, items: list[int], pairs) -> int:
        """Structural key of a group whose children are items, entries[i] the units of items[i]."""
        where = {}
        for i, e in enumerate(entries):
            for u in _flat(e):
                where[u] = i
        agg: Counter = Counter()
        for a, b, c in pairs:
            wa, wb = where.get(a), where.get(b)
            if wa is not None and wb is not None and wa != wb:
                agg[(wa, wb)] += c
        keys = [self.key[x] if x >= self.n else self.leaf_key[x] for x in items]
        return structure_key(keys, [(a, b, c) for (a, b), c in agg.items()])

    def _materialize(self, parent: int, e, level: _Level) -> int:
        """An entry (a unit index, or a list of entries) as an item; lists become groups."""
        if not isinstance(e, list):
            return level.units[e]
        children = [self._materialize(parent, x, level) for x in e]
        flat = _flat(e)
        keys = {level.keys[u] for u in flat}
        twins = len(keys) == 1 and None not in keys and \
            all((u, u + 1) in level.chained for u in flat[:-1])
        gid = self._new_group(parent, children, "run" if twins else "stage", level.scope)
        if twins:
            self.run_len[gid], self.run_member[gid] = len(flat), level.keys[flat[0]]
        self.key[gid] = self._key_of(e, children, level.pairs)
        return gid

    # ----- titles
    def _titles(self) -> None:
        set_titles(self)

    def leaves_of(self, gid: int) -> np.ndarray:
        got = self.leaves.get(gid)
        if got is None:  # a run or super-stage: its children's
            got = np.concatenate([self.leaves_of(c) if c >= self.n else np.asarray([c], np.int64)
                                  for c in self.groups[gid].children])
            self.leaves[gid] = got
        return got


@dataclass
class _Level:
    units: list[int]
    pairs: list[tuple[int, int, int]]  # quotient edges between units (a, b, count)
    keys: list[int | None]  # unit keys, None for ops
    chained: set[tuple[int, int]]  # (i, i + 1): unit i feeds unit i + 1
    scope: str


def _flat(e) -> list[int]:
    return [x for sub in e for x in _flat(sub)] if isinstance(e, list) else [e]


def is_acyclic(n: int, src: np.ndarray, dst: np.ndarray) -> bool:
    """Whether the graph of n nodes and edges src -> dst has no cycle (self-loops aside)."""
    keep = src != dst
    src, dst = src[keep], dst[keep]
    order = np.argsort(src, kind="stable")
    starts = np.searchsorted(src[order], np.arange(n + 1)).tolist()
    targets = dst[order].tolist()
    indeg = np.bincount(dst, minlength=n).tolist()
    ready = [v for v in range(n) if indeg[v] == 0]
    seen = 0
    while ready:
        v = ready.pop()
        seen += 1
        for w in targets[starts[v]:starts[v + 1]]:
            indeg[w] -= 1
            if indeg[w] == 0:
                ready.append(w)
    return seen == n


def _groups_on_cycles(kids: list[int], pa: np.ndarray, pb: np.ndarray, n: int) -> set[int]:
    """Groups among kids that lie on a cycle of the quotient graph (empty if it is acyclic)."""
    k = len(kids)
    indeg = np.bincount(pb, minlength=k).tolist()
    succ: list[list[int]] = [[] for _ in range(k)]
    for a, b in zip(pa.tolist(), pb.tolist()):
        succ[a].append(b)
    ready = [v for v in range(k) if indeg[v] == 0]
    seen = 0
    while ready:
        v = ready.pop()
        seen += 1
        for w in succ[v]:
            indeg[w] -= 1
            if indeg[w] == 0:
                ready.append(w)
    if seen == k:
        return set()
    g = nx.DiGraph()
    g.add_edges_from(zip(pa.tolist(), pb.tolist()))
    out = set()
    for comp in nx.strongly_connected_components(g):
        if len(comp) > 1:
            out |= {kids[v] for v in comp if kids[v] >= n}
    return out
