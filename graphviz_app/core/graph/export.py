"""The GraphModel as DOT, GraphML or JSON text (for graphviz, Gephi/yEd, or scripts)."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

EXPORT_FORMATS = {".dot": "dot", ".gv": "dot", ".graphml": "graphml", ".json": "json"}


def _dot_quote(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(model) -> str:
    """Graphviz DOT; nodes grouped in clusters by top-level scope would hide nothing, so flat."""
    lines = [f"digraph {_dot_quote(model.name or 'graph')} {{", "  rankdir=TB;",
             '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=10];']
    for name, a in model.graph.nodes(data=True):
        label = f"{a['label']} = {a['op']}" if a.get("label") else a.get("op", "")
        lines.append(f"  {_dot_quote(name)} [label={_dot_quote(label + chr(10) + name)}, "
                     f"kind={_dot_quote(a.get('kind', 'op'))}];")
    for u, v, d in model.graph.edges(data=True):
        attrs = ["style=dashed"] if d.get("control") else []
        text = model.edge_text(u, v)
        if text:
            attrs.append(f"label={_dot_quote(text)}")
        lines.append(f"  {_dot_quote(u)} -> {_dot_quote(v)}" + (f" [{', '.join(attrs)}]" if attrs else "") + ";")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_graphml(model) -> str:
    """GraphML with scalar attributes only (lists become JSON strings)."""
    g = nx.DiGraph()
    for name, a in model.graph.nodes(data=True):
        g.add_node(name, op=a.get("op", ""), label=a.get("label") or "", kind=a.get("kind") or "",
                   scope=a.get("scope") or "", line=a.get("line") if a.get("line") is not None else -1,
                   dtypes=json.dumps(a.get("dtypes") or []), shapes=json.dumps(a.get("shapes") or []),
                   device=a.get("device") or "")
    for u, v, d in model.graph.edges(data=True):
        g.add_edge(u, v, tensor=d.get("tensor", ""), control=bool(d.get("control")),
                   type=model.edge_text(u, v))
    return "\n".join(nx.generate_graphml(g)) + "\n"


def to_json(model) -> str:
    return json.dumps(model.to_json_dict(), indent=1, ensure_ascii=False) + "\n"


def export_graph(model, path: str | Path) -> Path:
    """Write the model in the format named by the file's suffix (.dot/.gv, .graphml, .json)."""
    path = Path(path)
    kind = EXPORT_FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ValueError(f"{path.name}: choose a .dot, .graphml or .json file name.")
    text = {"dot": to_dot, "graphml": to_graphml, "json": to_json}[kind](model)
    path.write_text(text, encoding="utf-8")
    return path
