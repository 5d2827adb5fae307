"""What the backward view draws for one tape: a display copy of the traced forward+backward
GraphModel with the forward op of each gradient op, the saved-for-backward edges and the values
of the real eager run on its nodes. No widgets; the report is never modified."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from graphviz_app.core.graph.model import GraphModel
from graphviz_app.ui.common.formatting import node_value
from graphviz_app.ui.graph.session import GraphSession

VALUE_TEXT_MAX = 18  # longer values stay in the tooltip and the inspector


def short_name(name: str) -> str:
    return name.rsplit("/", 1)[-1]


def tapes_with_backward(report) -> list[tuple[int, object]]:
    """(index, TapeInfo) of the run's tapes that have a traced backward graph."""
    tapes = getattr(report, "tapes", None) or []
    return [(i, t) for i, t in enumerate(tapes) if getattr(t, "backward", None)]


def display_model(report, index: int, tape) -> GraphModel:
    """A copy of the tape's backward GraphModel ready to draw (see the module docstring)."""
    source = (getattr(report, "backward_models", None) or {}).get(index)
    if source is not None:
        model = GraphModel(source.graph.copy(), source.name)
    else:  # a report read back from JSON: rebuild it and restore what JSON nodes carry
        model = GraphModel.from_json_dict(tape.backward)
        for node in tape.backward.get("nodes", []):
            if node["name"] in model.graph and node.get("forward_of"):
                model.graph.nodes[node["name"]]["forward_of"] = node["forward_of"]
    g = model.graph
    # TF's automatic control dependencies (a NoOp that orders the variable reads before the
    # outputs) say nothing about the backward pass: left out, and the view says so
    plumbing = [n for n, a in g.nodes(data=True) if a.get("op") == "NoOp" and all(
        d.get("control") for _u, _v, d in [*g.in_edges(n, data=True), *g.out_edges(n, data=True)])]
    g.remove_nodes_from(plumbing)
    model.left_out = plumbing
    _name_ends(g, tape)
    for s in tape.saved or []:
        for user in s.get("used_by") or []:
            if g.has_edge(s["op"], user):
                g.edges[s["op"], user]["saved_for_backward"] = True
    # the values of the real eager run: forward ops by (label, op), backward ops by name
    forward: dict[tuple[str, str], object] = {}
    ops = list(getattr(report, "eager_ops", None) or [])
    for i in getattr(tape, "recorded", None) or []:
        if 0 <= i < len(ops) and ops[i].label and ops[i].outputs:
            forward.setdefault((ops[i].label, ops[i].op), ops[i].outputs[0].value)
    for name, a in g.nodes(data=True):
        if a.get("values"):
            value = a["values"][0]
        elif a.get("kind") == "gradient":
            entry = (tape.backward_values or {}).get(name)
            value = entry.get("value") if entry else None
        else:
            value = forward.get((a.get("label"), a.get("op"))) if a.get("label") else None
        if value is None:
            continue
        a["values"] = [value]
        text = node_value(value, (a.get("dtypes") or [None])[0])
        if text and len(text) <= VALUE_TEXT_MAX:
            a["value_text"] = text
    return model


def _name_ends(g, tape) -> None:
    """Label the traced function's arguments with the sources' names and its outputs with the
    target and the gradients (``y``, ``dy/dw``): where the pass starts and what it returns."""
    answered = [c for c in tape.gradients or [] if not c.error and any(v is not None for v in c.values)]
    call = answered[0] if answered else None  # the call the core traced (its chosen_call)
    if call is None:
        return
    for source in call.sources:
        if source in g and g.nodes[source].get("kind") == "input" and not g.nodes[source].get("label"):
            g.nodes[source]["label"] = source
    outputs = sorted((n for n, a in g.nodes(data=True)
                      if a.get("kind") == "output" and a.get("op") == "Identity"),
                     key=lambda n: (len(n), n))  # Identity, Identity_1, Identity_2, ...
    if len(outputs) != 1 + len(call.sources):
        return
    names = [call.target] + [f"d{call.target}/d{source}" for source in call.sources]
    values = [None] + list(call.values)
    for node, label, value in zip(outputs, names, values):
        if not g.nodes[node].get("label"):
            g.nodes[node]["label"] = label
        if value is not None:
            g.nodes[node]["values"] = [value]


def backward_session(report, index: int, tape) -> GraphSession:
    model = display_model(report, index, tape)
    return GraphSession(f"tape:{index}", model, report)


translate = QCoreApplication.translate  # lupdate reads translate("BackwardView", "...")


def describe(model: GraphModel, name: str) -> str:
    """One line about a node: its value and, for a gradient op, what it differentiates; for a
    forward op, which gradient ops read its output."""
    g = model.graph
    a = g.nodes[name]
    title = f"{a['label']} = {a['op']}" if a.get("label") else a.get("op", name)
    parts = [title]
    if a.get("value_text"):
        parts[0] += f" = {a['value_text']}"
    forward = a.get("forward_of")
    if a.get("kind") == "gradient" and forward in g:
        f = g.nodes[forward]
        what = f"{f['label']} = {f['op']}" if f.get("label") else f.get("op", forward)
        parts.append(translate("BackwardView", "differentiates %1").replace("%1", what))
    readers = [short_name(v) for _, v, d in g.out_edges(name, data=True) if d.get("saved_for_backward")]
    if readers:
        parts.append(translate("BackwardView", "saved for backward: read by %1").replace("%1", ", ".join(readers)))
    if a.get("line"):
        parts.append(translate("BackwardView", "line %1").replace("%1", str(a["line"])))
    return " · ".join(parts)
