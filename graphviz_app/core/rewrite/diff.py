"""What differs between two graphs (pure Python, no TensorFlow): nodes matched by name first,
then by structure, and for every matched pair what changed (op, attrs, dtypes, shapes, inputs).

Matching by structure pairs what names cannot: a node whose auto-generated name shifted
(``mul_1`` became ``mul_2`` when an op was added before it) or a graph rewritten under other
names. Repeatedly, an unmatched node of B is paired with the one unmatched node of A that has
its op and the same (already matched) inputs; then the same by consumers; then, for a node
whose op changed too, by inputs alone. A pair is made only when it is the only candidate on
both sides, so nothing is guessed.

``diff_models(a, b)`` takes two ``GraphModel``s; ``diff_nodes`` takes GraphModel JSON nodes
(``RunReport.functions[i].graph["nodes"]`` or ``.optimized["nodes"]``).
"""
from __future__ import annotations

import contextlib
import gc
from collections import defaultdict
from dataclasses import dataclass, field

ROUNDS = 50  # of structural matching; each round can only add pairs, so it ends early


@dataclass
class Node:
    name: str
    op: str
    inputs: list[tuple[str, int, bool]]  # (source, slot, control)
    attrs: dict
    dtypes: list
    shapes: list


@dataclass
class GraphDiff:
    added: list[str] = field(default_factory=list)      # names in B only
    removed: list[str] = field(default_factory=list)    # names in A only
    changed: list[dict] = field(default_factory=list)   # {"a", "b", "what", "details"}
    matched: list[tuple[str, str]] = field(default_factory=list)  # every (a, b) pair
    renamed: list[tuple[str, str]] = field(default_factory=list)  # pairs matched by structure

    @property
    def same(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def to_json(self) -> dict:
        """The CLI's JSON: ``{"same", "added", "removed", "changed": [{"a", "b", "what"}]}``."""
        return {"same": self.same, "added": list(self.added), "removed": list(self.removed),
                "changed": [{"a": c["a"], "b": c["b"], "what": list(c["what"])} for c in self.changed]}

    def to_dict(self) -> dict:
        """Everything, for views: the CLI's keys plus pairs and each change's values."""
        return {**self.to_json(), "changed": [dict(c) for c in self.changed],
                "matched": [list(p) for p in self.matched],
                "renamed": [list(p) for p in self.renamed]}


def _parse_input(text: str) -> tuple[str, int, bool]:
    control = text.startswith("^")
    name, _, slot = text.lstrip("^").partition(":")
    if ":" in slot:  # function-body form node:arg:0
        slot = slot.rsplit(":", 1)[1]
    return name, int(slot) if slot.isdigit() else 0, control


def node_from_json(data: dict) -> Node:
    return Node(data["name"], data.get("op", ""), [_parse_input(t) for t in data.get("inputs", [])],
                dict(data.get("attrs") or {}), list(data.get("dtypes") or []),
                list(data.get("shapes") or []))


def nodes_of_model(model) -> list[Node]:
    """The nodes of a GraphModel, in its order (its attrs read, not copied)."""
    parse = _parse_input
    return [Node(name, a.get("op", ""), [parse(t) for t in a.get("inputs", ())],
                 a.get("attrs") or {}, a.get("dtypes") or [], a.get("shapes") or [])
            for name, a in model.graph.nodes(data=True)]


def diff_models(a, b) -> GraphDiff:
    with _no_gc():  # tens of thousands of small tuples: full collections would dominate
        return diff_graphs(nodes_of_model(a), nodes_of_model(b))


def diff_nodes(a_nodes: list[dict], b_nodes: list[dict]) -> GraphDiff:
    with _no_gc():
        return diff_graphs([node_from_json(n) for n in a_nodes],
                           [node_from_json(n) for n in b_nodes])


@contextlib.contextmanager
def _no_gc():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def diff_graphs(a_nodes: list[Node], b_nodes: list[Node]) -> GraphDiff:
    a = {n.name: n for n in a_nodes}
    b = {n.name: n for n in b_nodes}
    a_to_b = {name: name for name in a if name in b}
    _match_structure(a, b, a_to_b)
    b_to_a = {v: k for k, v in a_to_b.items()}
    result = GraphDiff()
    result.removed = [n for n in a if n not in a_to_b]
    result.added = [n for n in b if n not in b_to_a]
    for name_a, name_b in a_to_b.items():
        result.matched.append((name_a, name_b))
        what, details = compare(a[name_a], b[name_b], a_to_b)
        if what:
            result.changed.append({"a": name_a, "b": name_b, "what": what, "details": details})
    result.renamed = [(x, y) for x, y in result.matched if x != y]
    return result


def _match_structure(a: dict, b: dict, a_to_b: dict) -> None:
    """Pair unmatched nodes whose op and matched neighbours agree (unique candidates only)."""
    b_to_a = {v: k for k, v in a_to_b.items()}
    a_consumers, b_consumers = _consumers(a), _consumers(b)

    def inputs_key(node: Node, mapping: dict | None):
        names = [(mapping.get(s) if mapping is not None else s, slot, control)
                 for s, slot, control in node.inputs]
        return tuple(names) if any(n[0] is not None for n in names) else None

    def consumers_key(name: str, consumers: dict, mapping: dict | None):
        names = sorted((mapping.get(c) if mapping is not None else c) or "" for c in consumers.get(name, ()))
        return tuple(names) if any(names) else None

    for _ in range(ROUNDS):
        free_a = [n for n in a if n not in a_to_b]
        free_b = [n for n in b if n not in b_to_a]
        if not free_a or not free_b:
            return
        before = len(a_to_b)
        keys = [
            (lambda n: _with_op(a[n], inputs_key(a[n], None)),
             lambda n: _with_op(b[n], inputs_key(b[n], b_to_a))),
            (lambda n: _with_op(a[n], consumers_key(n, a_consumers, None)),
             lambda n: _with_op(b[n], consumers_key(n, b_consumers, b_to_a))),
            (lambda n: inputs_key(a[n], None), lambda n: inputs_key(b[n], b_to_a)),
        ]
        for key_a, key_b in keys:
            free_a = [n for n in free_a if n not in a_to_b]
            free_b = [n for n in free_b if n not in b_to_a]
            for x, y in _unique_pairs(free_a, free_b, key_a, key_b):
                a_to_b[x] = y
                b_to_a[y] = x
            if len(a_to_b) > before:
                break  # new anchors: start again with the strictest key
        if len(a_to_b) == before:
            return


def _with_op(node: Node, key):
    return None if key is None else (node.op, key)


def _unique_pairs(free_a, free_b, key_a, key_b):
    groups_a: dict = defaultdict(list)
    for n in free_a:
        k = key_a(n)
        if k is not None:
            groups_a[k].append(n)
    groups_b: dict = defaultdict(list)
    for n in free_b:
        k = key_b(n)
        if k is not None:
            groups_b[k].append(n)
    for k, names in groups_b.items():
        if len(names) == 1 and len(groups_a.get(k, ())) == 1:
            yield groups_a[k][0], names[0]


def _consumers(graph: dict) -> dict:
    out: dict = defaultdict(list)
    for name, node in graph.items():
        for src, _slot, _control in node.inputs:
            out[src].append(name)
    return out


def compare(x: Node, y: Node, a_to_b: dict) -> tuple[list[str], dict]:
    """What differs between a matched pair: ``["op", "attr:strides", "dtypes", "shapes",
    "inputs"]`` and each field's two values. Attributes starting with ``_`` are TF's
    bookkeeping (user-specified names, colocation) and are not compared."""
    details: dict = {}
    if x.op != y.op:
        details["op"] = [x.op, y.op]
    for key in sorted(set(x.attrs) | set(y.attrs)):
        if key.startswith("_"):
            continue
        if x.attrs.get(key) != y.attrs.get(key):
            details[f"attr:{key}"] = [x.attrs.get(key), y.attrs.get(key)]
    if x.dtypes != y.dtypes:
        details["dtypes"] = [x.dtypes, y.dtypes]
    if _norm_shapes(x.shapes) != _norm_shapes(y.shapes):
        details["shapes"] = [x.shapes, y.shapes]
    mapped = [(a_to_b.get(s), slot, control) for s, slot, control in x.inputs]
    if mapped != list(y.inputs):
        details["inputs"] = [[_text(i) for i in x.inputs], [_text(i) for i in y.inputs]]
    return list(details), details


def _norm_shapes(shapes: list) -> list:
    return [None if s is None else list(s) for s in shapes]


def _text(ref: tuple[str, int, bool]) -> str:
    name, slot, control = ref
    return f"^{name}" if control else (name if slot == 0 else f"{name}:{slot}")
