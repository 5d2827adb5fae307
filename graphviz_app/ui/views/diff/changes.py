"""What a graph diff found, as the steps the Graph diff tab walks (no Qt): each added, removed
or changed node once, in the order of the graphs, with the node it is on each side."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Change:
    kind: str  # "added", "removed", "changed"
    a: str | None  # the node in graph A (None: added)
    b: str | None  # the node in graph B (None: removed)
    what: list[str] = field(default_factory=list)  # "op", "attr:strides", "dtypes", "shapes", "inputs"
    details: dict = field(default_factory=dict)  # field -> [value in A, value in B]

    @property
    def name(self) -> str:
        return self.b if self.b is not None else self.a or ""


def changes_of(diff: dict, a_order: list[str], b_order: list[str]) -> list[Change]:
    """The steps of a diff (``GraphDiff.to_dict()``), in graph order: B's nodes as B has them
    (added and changed), each removed node where it stood in A, after the last B node before it."""
    changed = {c["b"]: c for c in diff.get("changed") or []}
    added = set(diff.get("added") or [])
    position = {name: i for i, name in enumerate(b_order)}
    a_to_b = {a: b for a, b in diff.get("matched") or []}
    steps: list[tuple[float, Change]] = []
    for name in b_order:
        if name in added:
            steps.append((position[name], Change("added", None, name)))
        elif name in changed:
            c = changed[name]
            steps.append((position[name], Change("changed", c["a"], name, list(c.get("what") or []),
                                                 dict(c.get("details") or {}))))
    removed = set(diff.get("removed") or [])
    before = -1.0
    for name in a_order:
        if name in a_to_b and a_to_b[name] in position:
            before = position[a_to_b[name]]
        elif name in removed:
            before += 1e-6  # after the B node it followed, in A's order
            steps.append((before, Change("removed", name, None)))
    return [c for _k, c in sorted(steps, key=lambda s: s[0])]


def strip_shapes(nodes: list[dict]) -> list[dict]:
    """Nodes without their recorded shapes: Grappler's output records none, so traced vs
    optimized compares op, attrs, dtypes and inputs only."""
    return [dict(n, shapes=[]) for n in nodes]
