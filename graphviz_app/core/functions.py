"""Describe the tf.functions a run created: traces, and each trace's graph with the user's names."""
from __future__ import annotations

from graphviz_app.core.graph_model import GraphModel
from graphviz_app.core.report import FunctionInfo, FunctionTrace

# ops that only carry a value into or out of a line; a label goes to the op that computes it
_CARRIERS = {"Const", "Placeholder", "Identity", "NoOp", "ReadVariableOp"}


def _concrete_functions(fn) -> list:
    try:
        return list(fn._list_all_concrete_functions())
    except Exception:  # private API; an older or newer TF may not have it
        return []


def op_lines(graph, filename: str) -> dict[str, int]:
    """Graph op name -> the snippet line that created it (TF maps AutoGraph frames back)."""
    lines = {}
    for op in graph.get_operations():
        for frame in reversed(op.traceback):
            if frame.filename == filename:
                lines[op.name] = frame.lineno
                break
    return lines


def graph_labels(graph, lines: dict[str, int], assignments: dict[int, list[str]],
                 traced_labels: dict[str, str]) -> dict[str, str]:
    """The last computing op created on a line `x = ...` is labelled `x`."""
    labels = dict(traced_labels)
    last_on_line: dict[int, str] = {}
    for op in graph.get_operations():
        line = lines.get(op.name)
        if line in assignments and op.type not in _CARRIERS:
            last_on_line[line] = op.name
    for line, op_name in last_on_line.items():
        labels.setdefault(op_name, assignments[line][-1])
    return labels


def plain_function(program, filename: str, namespace: dict, name: str, tf_module):
    """The user's function `name` compiled again without instrumentation or decorators, in a
    copy of the run's namespace with the real `tf`: what `python SNIPPET.py` would call eagerly,
    so eager timings carry no guard overhead. The text was validated by snippet.parse before
    the run (it can reach only whitelisted tf names); None if it is not a top-level def."""
    import ast

    for node in program.tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            bare = ast.FunctionDef(**{**{f: getattr(node, f) for f in node._fields},
                                      "decorator_list": []})
            module = ast.fix_missing_locations(ast.Module(body=[ast.copy_location(bare, node)],
                                                          type_ignores=[]))
            scope = {**namespace, "tf": tf_module}
            exec(compile(module, filename, "exec"), scope)  # validated text, see docstring
            return scope[name]
    return None


def describe_functions(rec, program) -> tuple[list[FunctionInfo], dict[str, GraphModel]]:
    infos, models = [], {}
    for fn, name, line in rec.functions:
        traces = []
        model = None
        for cf in _concrete_functions(fn):
            graph = cf.graph
            lines = op_lines(graph, rec.filename)
            labels = graph_labels(graph, lines, program.assignments,
                                  rec.graph_labels.get(id(graph), {}))
            outputs = {t.op.name for t in graph.outputs}
            model = GraphModel.from_graph_def(graph.as_graph_def(add_shapes=True), labels, lines,
                                              name=name, outputs=outputs)
            traces.append(FunctionTrace(str(cf.structured_input_signature), model.to_json_dict()))
        try:
            count = int(fn.experimental_get_tracing_count())
        except Exception:
            count = len(traces)
        infos.append(FunctionInfo(name, line, count, traces[-1].graph if traces else {"nodes": []},
                                  traces))
        if model is not None:
            models[name] = model
    return infos, models
