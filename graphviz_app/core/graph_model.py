"""GraphModel: a TF GraphDef as a networkx DiGraph with the user's names on it."""
from __future__ import annotations

from typing import Any

import networkx as nx

INPUT_OPS = {"Placeholder", "PlaceholderWithDefault", "_Arg"}
VARIABLE_OPS = {"VarHandleOp", "VariableV2", "ReadVariableOp", "AssignVariableOp",
                "AssignAddVariableOp", "AssignSubVariableOp", "ResourceGather"}
CONST_OPS = {"Const", "HostConst"}
OUTPUT_OPS = {"_Retval"}
GRADIENT_SCOPES = ("gradient_tape/", "gradients/")


def node_kind(name: str, op: str, is_output: bool = False) -> str:
    if name.startswith(GRADIENT_SCOPES) or "/gradient_tape/" in name:
        return "gradient"
    if op in INPUT_OPS:
        return "input"
    if op in VARIABLE_OPS:
        return "variable"
    if op in CONST_OPS:
        return "const"
    if op in OUTPUT_OPS or is_output:
        return "output"
    return "op"


def parse_input(text: str) -> tuple[str, int, bool]:
    """'^name' -> control edge; 'name:1' -> slot 1; 'name' -> slot 0."""
    control = text.startswith("^")
    text = text.lstrip("^")
    name, _, slot = text.partition(":")
    # function-body inputs look like 'node:output_arg:0'
    if ":" in slot:
        slot = slot.rsplit(":", 1)[1]
    return name, int(slot) if slot.isdigit() else 0, control


def _shape_of(attr) -> list[list[int | None]]:
    shapes = []
    for s in attr.list.shape:
        shapes.append(None if s.unknown_rank else [d.size if d.size >= 0 else None for d in s.dim])
    return shapes


class GraphModel:
    """Node attrs: op, label, scope, kind, line, shapes. Edge attrs: tensor, slot, control."""

    def __init__(self, graph: nx.DiGraph | None = None, name: str = ""):
        self.graph = graph if graph is not None else nx.DiGraph()
        self.name = name

    @classmethod
    def from_graph_def(cls, graph_def: Any, labels: dict[str, str] | None = None,
                       lines: dict[str, int] | None = None, name: str = "",
                       outputs: set[str] | None = None) -> "GraphModel":
        labels, lines, outputs = labels or {}, lines or {}, outputs or set()
        g = nx.DiGraph()
        for node in graph_def.node:
            shapes = _shape_of(node.attr["_output_shapes"]) if "_output_shapes" in node.attr else []
            g.add_node(node.name, op=node.op, label=labels.get(node.name),
                       scope=node.name.rpartition("/")[0],
                       kind=node_kind(node.name, node.op, node.name in outputs),
                       line=lines.get(node.name), shapes=shapes, device=node.device or None,
                       inputs=list(node.input))
        for node in graph_def.node:
            for text in node.input:
                src, slot, control = parse_input(text)
                if src in g:
                    g.add_edge(src, node.name, tensor=f"{src}:{slot}", slot=slot, control=control)
        return cls(g, name)

    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def to_json_dict(self) -> dict:
        nodes = []
        for name, a in self.graph.nodes(data=True):
            nodes.append({"name": name, "op": a["op"], "label": a.get("label"),
                          "inputs": a.get("inputs", []), "kind": a.get("kind"),
                          "scope": a.get("scope", ""), "line": a.get("line")})
        return {"name": self.name, "nodes": nodes}
