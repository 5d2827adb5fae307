"""What the What TF runs tab draws and links, read from the core's records (no Qt, no TF).

The core gives the optimized graph as GraphModel JSON nodes with ``from`` (the traced nodes each
came from) and XLA's kernels with ``from`` too (``core/rewrite/__init__.py``). Here they become
GraphModels to draw, the links both ways between the traced graph and each rewrite, and the
steps of the pass-by-pass summary.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from graphviz_app.core.graph.model import GraphModel

FOLD_OPS = {"Const", "HostConst"}


def optimized_model(name: str, optimized: dict | None) -> GraphModel | None:
    """The graph TF runs after Grappler, or None when the record has no graph."""
    nodes = (optimized or {}).get("nodes") or []
    return GraphModel.from_json_dict({"name": name, "nodes": nodes}) if nodes else None


def xla_kind(node: dict) -> str:
    if node.get("opcode") == "parameter":
        return "input"
    if node.get("root"):
        return "output"
    if node.get("opcode") == "constant":
        return "const"
    return "op"


def fused_types(node: dict) -> list[str]:
    """The TF op types inside an XLA fusion, once each, in order."""
    seen: list[str] = []
    for op in node.get("tf_ops") or []:
        kind = op.get("op_type")
        if kind and kind not in seen:
            seen.append(kind)
    return seen


def xla_model(name: str, xla: dict | None) -> GraphModel | None:
    """XLA's ENTRY computation as a graph: one node per kernel (a fusion or an op left alone);
    a fusion's subtitle lists the TF op types it holds."""
    nodes = (xla or {}).get("nodes") or []
    if not nodes:
        return None
    data = []
    for node in nodes:
        attrs = {"shape": node.get("shape")}
        if node.get("kind"):
            attrs["kind"] = node["kind"]
        if node.get("calls"):
            attrs["calls"] = node["calls"]
        if node.get("op_type"):
            attrs["tf_op"] = f"{node['op_type']} {node.get('op_name') or ''}".strip()
        entry = {"name": node["name"], "op": node.get("opcode", ""), "label": None,
                 "inputs": list(node.get("inputs") or []), "kind": xla_kind(node), "scope": "",
                 "line": None, "shapes": [], "dtypes": [], "device": None, "attrs": attrs}
        if node.get("opcode") == "fusion":
            entry["value_text"] = "+".join(fused_types(node))
        data.append(entry)
    model = GraphModel.from_json_dict({"name": name, "nodes": data})
    for entry in data:  # from_json_dict keeps the known attributes only
        if "value_text" in entry:
            model.graph.nodes[entry["name"]]["value_text"] = entry["value_text"]
    return model


def ops_summary(ops: list[str], sep: str = " + ") -> str:
    """'MatMul + BiasAdd + Relu'; repeats counted: 'Const ×2 + Mul'."""
    counts = Counter(ops)
    out, seen = [], set()
    for op in ops:
        if op in seen:
            continue
        seen.add(op)
        out.append(op if counts[op] == 1 else f"{op} ×{counts[op]}")
    return sep.join(out)


@dataclass
class Links:
    """Which nodes stand for which, between the traced graph and a rewrite of it."""

    came_from: dict[str, list[str]] = field(default_factory=dict)  # rewrite node -> traced nodes
    became: dict[str, list[str]] = field(default_factory=dict)  # traced node -> rewrite nodes

    @classmethod
    def of_nodes(cls, nodes: list[dict]) -> "Links":
        links = cls()
        for node in nodes:
            sources = list(node.get("from") or [])
            links.came_from[node["name"]] = sources
            for source in sources:
                links.became.setdefault(source, []).append(node["name"])
        return links


@dataclass
class PassStep:
    """One line of the pass-by-pass summary: what one pass did to some nodes."""

    section: str  # "grappler" or "xla"
    pass_name: str  # TF's name of the pass ("remapper"); the fusion's name for XLA
    iteration: int
    kind: str  # "fused", "folded", "removed", "added", "changed"
    ops: list[str]  # the op types it names: the parts, what went or came, the op before
    op_after: str  # the op type it made ('' when nodes only went)
    node: str = ""  # the node it made or changed
    traced: list[str] = field(default_factory=list)  # traced nodes involved
    rewritten: list[str] = field(default_factory=list)  # nodes of the rewrite involved
    count: int = 1  # how many times the pass did this (a model's 53 conv blocks: one line)


def grouped(steps: list[PassStep]) -> list[PassStep]:
    """Steps that did the same to different nodes (one pass, same ops in and out) as one step
    with its count, where the first of them was."""
    out: list[PassStep] = []
    first: dict[tuple, PassStep] = {}
    for step in steps:
        key = (step.section, step.pass_name, step.iteration, step.kind, tuple(step.ops), step.op_after)
        if step.kind in ("removed", "added") or key not in first:
            first[key] = step
            out.append(step)
            continue
        into = first[key]
        if into.count == 1:  # a copy: the step may be someone else's record
            into = first[key] = out[out.index(into)] = PassStep(**{**into.__dict__, "traced": list(into.traced),
                                                                  "rewritten": list(into.rewritten)})
        into.count += 1
        into.node = ""
        into.traced += [t for t in step.traced if t not in into.traced]
        into.rewritten += [r for r in step.rewritten if r not in into.rewritten]
    return out


def _traced_of(names: list[str], traced: dict[str, str], links: Links) -> list[str]:
    """Traced nodes behind NAMES (nodes of any step of the replay): the name itself when traced,
    else what the final node of that name came from."""
    out: list[str] = []
    for name in names:
        for t in ([name] if name in traced else links.came_from.get(name, [])):
            if t not in out:
                out.append(t)
    return out


def grappler_steps(optimized: dict | None, traced: dict[str, str]) -> list[PassStep]:
    """The summary of Grappler's passes (TRACED: the traced graph's node -> op): each fusion or
    fold, then what a pass removed, added or changed besides, in the order the passes ran;
    passes that did nothing are left out."""
    optimized = optimized or {}
    nodes = optimized.get("nodes") or []
    final = {n["name"]: n.get("op", "") for n in nodes}
    links = Links.of_nodes(nodes)
    steps: list[PassStep] = []
    for p in optimized.get("passes") or []:
        name, it = p.get("name", ""), int(p.get("iteration") or 1)
        heirs, parts_used = set(), set()
        for f in p.get("fused") or []:
            heirs.add(f["name"])
            parts_used.update(f.get("parts") or [])
            kind = "folded" if f.get("op") in FOLD_OPS else "fused"
            steps.append(PassStep("grappler", name, it, kind, list(f.get("part_ops") or []), f.get("op", ""),
                                  f["name"], _traced_of(list(f.get("parts") or []) + [f["name"]], traced, links),
                                  [f["name"]] if f["name"] in final else []))
        removed = [r for r in p.get("removed") or [] if r not in parts_used]
        if removed:
            steps.append(PassStep("grappler", name, it, "removed",
                                  [traced.get(r) or r.rpartition("/")[2] for r in removed], "", "",
                                  _traced_of(removed, traced, links), []))
        added = [a for a in p.get("added") or [] if a not in heirs]
        if added:
            steps.append(PassStep("grappler", name, it, "added",
                                  [final.get(a) or a.rpartition("/")[2] for a in added], "",
                                  added[0] if len(added) == 1 else "",
                                  _traced_of(added, traced, links), [a for a in added if a in final]))
        for c in p.get("changed") or []:
            if c["name"] in heirs:
                continue
            steps.append(PassStep("grappler", name, it, "changed", [c.get("op_before", "")], c.get("op", ""),
                                  c["name"], _traced_of([c["name"]], traced, links),
                                  [c["name"]] if c["name"] in final else []))
    return steps


def xla_steps(xla: dict | None) -> list[PassStep]:
    """One line per XLA fusion: the TF ops it holds and the traced nodes they were."""
    steps = []
    for node in (xla or {}).get("nodes") or []:
        if node.get("opcode") != "fusion":
            continue
        ops = [op.get("op_type") or "?" for op in node.get("tf_ops") or []]
        steps.append(PassStep("xla", node["name"], 1, "fused", ops, node.get("kind") or "fusion",
                              node["name"], list(node.get("from") or []), [node["name"]]))
    return steps
