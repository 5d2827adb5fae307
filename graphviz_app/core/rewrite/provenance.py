"""Where each node of a rewritten graph came from, pass by pass (pure Python, no TensorFlow).

A graph here is a ``Snapshot``: node name -> ``(op, inputs)`` with inputs as plain node names
(control inputs included, ``^`` and ``:slot`` stripped). Grappler keeps a node's name when it
rewrites it in place (the remapper turns ``Relu`` into ``_FusedMatMul``; constant folding turns
``mul`` into a ``Const``) and names the nodes it creates after the node they stand for
(``scope/ArithmeticOptimizer/ReplaceMulWithSquare_mul``, ``Func/while/...``). So between two
graphs of one pass:

* a node kept under its name comes from what that name came from;
* a removed node whose consumers led (through other removed nodes only) to a node that changed
  op or is new, was absorbed by it: it is one of that node's parts (a fusion, a fold);
* a new node comes from the old node its name names (the longest old name found in it), else
  from the old neighbours it was put between.

``step`` returns the pass's summary and the provenance after it; provenance maps every node to
the set of *traced* node names it came from.
"""
from __future__ import annotations

import re
from collections import defaultdict

Snapshot = dict  # name -> (op, tuple of input node names)
_BOUNDARY = re.compile(r"[/_\-:.]")


def clean_input(text: str) -> str:
    """'^a' -> 'a'; 'a:1' -> 'a'; 'a:out:0' (function body) -> 'a'."""
    return text.lstrip("^").split(":", 1)[0]


def consumers_of(graph: Snapshot) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for name, (_op, inputs) in graph.items():
        for src in inputs:
            out[src].append(name)
    return out


def name_origin(name: str, old: Snapshot) -> str | None:
    """The longest old node name this new name was built from, or None.

    Tried: every stretch of the name between separators (``Func/while/body/_1/x`` names
    ``while``), and a scope joined to the tail of the last part (``s/ArithmeticOptimizer/
    ReplaceMulWithSquare_mul`` names ``s/mul``)."""
    cuts = [0] + [m.end() for m in _BOUNDARY.finditer(name)]
    ends = [m.start() for m in _BOUNDARY.finditer(name)] + [len(name)]
    best = None
    for i in cuts:
        for j in ends:
            if j > i and (best is None or j - i > len(best)):
                piece = name[i:j]
                if piece != name and piece in old:
                    best = piece
    scope, _, last = name.rpartition("/")
    if scope:
        prefixes = [scope[:m.start()] for m in re.finditer("/", scope)] + [scope]
        tails = [last[m.end():] for m in _BOUNDARY.finditer(last)]
        for prefix in prefixes:
            for tail in tails:
                candidate = f"{prefix}/{tail}"
                if tail and candidate in old and (best is None or len(candidate) > len(best)):
                    best = candidate
    return best


def step(name: str, old: Snapshot, new: Snapshot, prov: dict[str, set[str]],
         order: dict[str, int] | None = None) -> tuple[dict, dict[str, set[str]]]:
    """The summary of one pass (``old`` -> ``new``) and the provenance after it.

    The summary: ``{"name", "removed": [old names], "added": [new names], "changed":
    [{"name", "op_before", "op"}], "fused": [{"name", "op", "parts": [old names],
    "part_ops": [their ops]}]}``; ``fused`` lists every node that absorbed removed nodes here
    (a fusion, a constant fold), its parts (its own old self among them) in ``order``."""
    removed = [n for n in old if n not in new]
    added = [n for n in new if n not in old]
    changed = [n for n in new if n in old and new[n][0] != old[n][0]]
    renewed = set(added) | set(changed)
    removed_set = set(removed)
    origin = {a: name_origin(a, old) for a in added}

    absorbed: dict[str, list[str]] = defaultdict(list)  # heir -> removed parts
    if removed:
        consumers = consumers_of(old)
        by_origin: dict[str, list[str]] = defaultdict(list)
        for a, o in origin.items():
            if o is not None:
                by_origin[o].append(a)
        for r in removed:
            heirs = set(by_origin.get(r, ()))
            seen, stack = {r}, [r]
            while stack:
                for c in consumers.get(stack.pop(), ()):
                    if c in seen:
                        continue
                    seen.add(c)
                    if c in removed_set:
                        stack.append(c)
                    elif c in renewed:
                        heirs.add(c)
            for h in heirs:
                absorbed[h].append(r)

    new_prov: dict[str, set[str]] = {}
    for n in new:
        if n in old:
            new_prov[n] = set(prov.get(n, ()))
        elif origin[n] is not None:
            new_prov[n] = set(prov.get(origin[n], ()))
        else:
            new_prov[n] = set()
        for r in absorbed.get(n, ()):
            new_prov[n] |= prov.get(r, set())
    _from_neighbours([a for a in added if not new_prov[a]], old, new, prov, new_prov)

    rank = order or {}
    fused = []
    for h in sorted(absorbed, key=lambda n: rank.get(n, len(rank))):
        parts = sorted(([h] if h in old else []) + absorbed[h],
                       key=lambda n: (rank.get(n, len(rank)), n))
        fused.append({"name": h, "op": new[h][0], "parts": parts,
                      "part_ops": [old[p][0] for p in parts]})
    summary = {"name": name, "removed": removed, "added": added,
               "changed": [{"name": n, "op_before": old[n][0], "op": new[n][0]} for n in changed],
               "fused": fused}
    return summary, new_prov


def _from_neighbours(orphans: list[str], old: Snapshot, new: Snapshot,
                     prov: dict[str, set[str]], new_prov: dict[str, set[str]]) -> None:
    """A new node named after nothing old stands between its neighbours: it comes from the
    nodes it feeds, else from those that feed it (repeated, for chains of new nodes)."""
    if not orphans:
        return
    consumers = consumers_of(new)
    for _ in range(8):
        left = []
        for a in orphans:
            found: set[str] = set()
            for group in (consumers.get(a, ()), new[a][1]):
                for n in group:
                    found |= new_prov.get(n, set())
                if found:
                    break
            if found:
                new_prov[a] = found
            else:
                left.append(a)
        if not left or len(left) == len(orphans):
            return
        orphans = left
