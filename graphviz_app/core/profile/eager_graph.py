"""Compare one tf.function's eager execution with its traced graph: which eager op is which graph
node, what one side has that the other does not (and why), retracing, and AutoGraph.

Runs in the engine process (it calls the function once eagerly under an op callback and asks TF
for AutoGraph code and the graph's function library).
"""
from __future__ import annotations

import ast
import inspect
import sys
from collections import Counter

from graphviz_app.core.messages import message
from graphviz_app.core.report import summarize_array

CONTROL_FLOW_OPS = {"While": "loop", "StatelessWhile": "loop", "If": "branch",
                    "StatelessIf": "branch", "Case": "branch", "StatelessCase": "branch"}

# why the graph holds an op the eager run never dispatched (message ids, core/messages.py)
GRAPH_ONLY_WHY = {
    "Placeholder": "diff.graph.placeholder", "_Arg": "diff.graph.arg", "Identity": "diff.graph.identity",
    "Const": "diff.graph.const", "NoOp": "diff.graph.noop", "ReadVariableOp": "diff.graph.read_variable",
    "VarHandleOp": "diff.graph.var_handle", "StatelessWhile": "diff.graph.stateless_while",
    "While": "diff.graph.while", "StatelessIf": "diff.graph.stateless_if", "If": "diff.graph.if",
    "PrintV2": "diff.graph.print", "StringFormat": "diff.graph.string_format", "Range": "diff.graph.range",
}
EAGER_ONLY_WHY = {
    "_EagerConst": "diff.eager.eager_const", "ReadVariableOp": "diff.eager.read_variable",
    "DestroyResourceOp": "diff.eager.destroy_resource",
}


def record_eager_call(fn, args: tuple, kwargs: dict, filename: str) -> list[dict]:
    """Call ``fn`` eagerly once under an op callback: each op's type, source line and output."""
    from tensorflow.python.framework import op_callbacks

    ops: list[dict] = []

    def line_of() -> int | None:
        frame = sys._getframe(2)
        while frame is not None:
            if frame.f_code.co_filename == filename:
                return frame.f_lineno
            frame = frame.f_back
        return None

    def callback(op_type, inputs, attrs, outputs, op_name=None, graph=None):
        if graph is not None:
            return None
        out = []
        for t in outputs or ():
            try:
                out.append({"dtype": t.dtype.name, "shape": list(t.shape), "value": summarize_array(t.numpy())})
            except Exception:  # resources and variants have no numpy value
                out.append({"dtype": getattr(getattr(t, "dtype", None), "name", "?"), "shape": None,
                            "value": None})
        ops.append({"op": op_type, "line": line_of(), "outputs": out})
        return None

    op_callbacks.add_op_callback(callback)
    try:
        fn(*args, **kwargs)
    finally:
        op_callbacks.remove_op_callback(callback)
    return ops


def align(profiled: list[dict], recorded: list[dict], lookahead: int = 4) -> list[int | None]:
    """For each profiled op, the index of the recorded op it is (same type, in order), or None.

    The profiler sees ops no Python hook sees (TF's fast path reads Variable arguments with a
    ReadVariableOp), so the sequences are aligned rather than zipped."""
    out: list[int | None] = []
    j = 0
    for p in profiled:
        hit = None
        for k in range(j, min(j + lookahead, len(recorded))):
            if recorded[k]["op"] == p["op"]:
                hit = k
                break
        out.append(hit)
        if hit is not None:
            j = hit + 1
    return out


def statement_spans(source: str, func_name: str) -> list[dict]:
    """The loops and ifs of function ``func_name``: kind, first and last line, in source order."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == func_name:
            spans = []
            for sub in ast.walk(node):
                if isinstance(sub, (ast.For, ast.While, ast.If)):
                    kind = {ast.For: "for", ast.While: "while", ast.If: "if"}[type(sub)]
                    spans.append({"kind": kind, "line": sub.lineno, "end_line": sub.end_lineno})
            return sorted(spans, key=lambda s: s["line"])
    return []


def graph_lines(graph, filename: str) -> dict[str, int]:
    """Graph op name -> the snippet line that created it.

    AutoGraph caches its conversion of a function by code, so a second run of the same text
    traces through the conversion made for the first run, whose frames name that run's
    ``<snippet-N>``. A frame counts as this snippet's when its file is this one or another
    snippet with the same text."""
    import linecache

    own = linecache.getlines(filename)
    ours: dict[str, bool] = {}
    lines = {}
    for op in graph.get_operations():
        for frame in reversed(op.traceback):
            name = frame.filename
            if name not in ours:
                ours[name] = name == filename or (
                    name.startswith("<snippet-") and bool(own) and linecache.getlines(name) == own)
            if ours[name]:
                lines[op.name] = frame.lineno
                break
    return lines


def with_lines(model, lines: dict[str, int]):
    """The model itself if its node lines agree with ``lines``, else a copy that carries them."""
    if model is None or not lines:
        return model
    g = model.graph
    if all(g.nodes[n].get("line") == ln for n, ln in lines.items() if n in g):
        return model
    fixed = type(model)(g.copy(), model.name)
    for n, ln in lines.items():
        if n in fixed.graph:
            fixed.graph.nodes[n]["line"] = ln
    return fixed


CARRIER_OPS = {"Const", "_EagerConst", "Identity", "NoOp", "ReadVariableOp", "Placeholder"}


def assignment_lines(source: str) -> dict[int, str]:
    """Line -> the name assigned there (``x = ...``, ``x += ...``), for every line the statement spans."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    out = {}
    for node in ast.walk(tree):
        target = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            target = node.target
        if isinstance(target, ast.Name):
            for line in range(node.lineno, (node.end_lineno or node.lineno) + 1):
                out[line] = target.id
    return out


def eager_labels(eager_ops: list[dict], source: str) -> list[str | None]:
    """The user's name for each eager op: on a line ``x = ...`` the last computing op of each
    execution of that line is ``x`` (the rule the graph's labels follow)."""
    names = assignment_lines(source)
    labels: list[str | None] = [None] * len(eager_ops)
    k = 0
    while k < len(eager_ops):
        line = eager_ops[k].get("line")
        end = k
        while end + 1 < len(eager_ops) and eager_ops[end + 1].get("line") == line:
            end += 1
        if line in names:
            for j in range(end, k - 1, -1):
                if eager_ops[j]["op"] not in CARRIER_OPS:
                    labels[j] = names[line]
                    break
        k = end + 1
    return labels


def counterparts(eager_ops: list[dict], graph_model, spans: list[dict]) -> list[str | None]:
    """The graph node of each eager op: same op type on the same source line (k-th with k-th),
    else the While/If node of the loop or branch the line sits in."""
    if graph_model is None:
        return [None] * len(eager_ops)
    g = graph_model.graph
    by_key: dict[tuple, list[str]] = {}
    control_at: dict[int, str] = {}
    for name, a in g.nodes(data=True):
        by_key.setdefault((a.get("op"), a.get("line")), []).append(name)
        if a.get("op") in CONTROL_FLOW_OPS and a.get("line") is not None:
            control_at.setdefault(a["line"], name)
    by_op: dict[str, list[str]] = {}
    for name, a in g.nodes(data=True):
        by_op.setdefault(a.get("op"), []).append(name)
    seen: Counter = Counter()
    out = []
    for op in eager_ops:
        key = (op.get("op"), op.get("line"))
        nodes = by_key.get(key)
        if nodes:
            out.append(nodes[seen[key] % len(nodes)])
            seen[key] += 1
            continue
        line = op.get("line")
        found = None
        for s in spans:
            if line is not None and s["line"] <= line <= s["end_line"] and s["line"] in control_at:
                found = control_at[s["line"]]  # innermost wins: spans are in source order
        if found is None and by_op.get(op.get("op")) and not control_at:
            # the graph lacks source lines (see op_lines): pair the k-th op of a type with the
            # k-th node of that type, which holds for straight-line code
            nodes = by_op[op["op"]]
            found = nodes[seen[op["op"]] % len(nodes)]
            seen[op["op"]] += 1
        out.append(found)
    return out


def library_ops(concrete) -> dict[str, list[str]]:
    """Op types of each function in the graph's library (While bodies, If branches)."""
    try:
        library = concrete.graph.as_graph_def().library
    except Exception:
        return {}
    return {f.signature.name: [n.op for n in f.node_def] for f in library.function}


def diff(eager_ops: list[dict], graph_model, library: dict[str, list[str]]) -> dict:
    """Op types in the graph the eager call did not dispatch, and the reverse, each with why.

    ``eager_ops`` carry ``graph_node`` (from ``counterparts``): an eager op whose counterpart is a
    While/If node ran inside that loop or branch."""
    eager = Counter(op["op"] for op in eager_ops)
    top: Counter = Counter()
    nodes_of: dict[str, list[str]] = {}
    control: dict[str, str] = {}  # control-flow node -> op
    control_lines: dict[int, str] = {}
    g = graph_model.graph if graph_model is not None else None
    if g is not None:
        for name, a in g.nodes(data=True):
            top[a["op"]] += 1
            nodes_of.setdefault(a["op"], []).append(name)
            if a["op"] in CONTROL_FLOW_OPS:
                control[name] = a["op"]
                if a.get("line") is not None:
                    control_lines[a["line"]] = name
    inner = {op for ops in library.values() for op in ops}
    graph_only, eager_only, both = [], [], []
    for op, n in sorted(top.items()):
        if op in eager:
            both.append({"op": op, "eager": eager[op], "graph": n})
            continue
        if op in GRAPH_ONLY_WHY:
            why = message(GRAPH_ONLY_WHY[op])
        else:
            lines = {g.nodes[v].get("line") for v in nodes_of[op]}
            loop_line = next((ln for ln in lines if ln in control_lines), None)
            why = message("diff.graph.bookkeeping", line=loop_line,
                          construct=CONTROL_FLOW_OPS[control[control_lines[loop_line]]]) \
                if loop_line else message("diff.graph.traced")
        graph_only.append({"op": op, "count": n, "nodes": nodes_of[op][:20], "why": why})
    for op, n in sorted(eager.items()):
        if op in top:
            continue
        holders = {o.get("graph_node") for o in eager_ops if o["op"] == op}
        holder = next((h for h in holders if h in control), None)
        if holder is not None or (op in inner and control):
            holder = holder or next(iter(control))
            cf_op = control[holder]
            why = message("diff.eager.loop_body", op=cf_op, count=n) \
                if CONTROL_FLOW_OPS[cf_op] == "loop" else message("diff.eager.branch", op=cf_op, node=holder)
        elif op.startswith("__inference_"):
            why = message("diff.eager.call")
        else:
            why = message(EAGER_ONLY_WHY.get(op, "diff.eager.other"))
        eager_only.append({"op": op, "count": n, "why": why})
    return {"graph_only": graph_only, "eager_only": eager_only, "both": both}


def _describe_arg(name: str, value) -> dict:
    if type(value).__name__ in ("TensorSpec", "VariableSpec"):
        shape = getattr(value, "shape", None)
        dims = "*" if shape is None or shape.rank is None else \
            ",".join("?" if d is None else str(d) for d in shape.as_list())
        kind = "Variable" if type(value).__name__ == "VariableSpec" else "tensor"
        return {"name": name, "kind": kind, "spec": f"{value.dtype.name}[{dims}]",
                "note": message("retrace.arg.variable" if kind == "Variable" else "retrace.arg.tensor")}
    return {"name": name, "kind": "python", "spec": repr(value),
            "note": message("retrace.arg.python", type=type(value).__name__)}


def retracing(fn, python_function, info) -> dict:
    """Trace count and the input signature of each trace, argument by argument."""
    try:
        concretes = list(fn._list_all_concrete_functions())
    except Exception:  # private API; fall back to the report's strings
        concretes = []
    try:
        params = list(inspect.signature(python_function).parameters) if python_function else []
    except (TypeError, ValueError):
        params = []
    traces = []
    for i, cf in enumerate(concretes):
        args, kwargs = cf.structured_input_signature
        described = [_describe_arg(params[k] if k < len(params) else f"arg{k}", v)
                     for k, v in enumerate(args)]
        described += [_describe_arg(k, v) for k, v in kwargs.items()]
        traces.append({"index": i + 1, "signature": str(cf.structured_input_signature),
                       "args": described})
    if not traces and info is not None:
        traces = [{"index": i + 1, "signature": t.signature, "args": []}
                  for i, t in enumerate(info.all_traces)]
    count = info.traces if info is not None else len(traces)
    return {"count": count, "traces": traces,
            "why": _retrace_reason(traces)}


def _retrace_reason(traces: list[dict]) -> str:
    if len(traces) <= 1:
        return message("retrace.once")
    python_args = {a["name"] for t in traces for a in t["args"] if a["kind"] == "python"}
    if python_args:
        return message("retrace.python_args", names=", ".join(sorted(python_args)))
    return message("retrace.signature")


def autograph(python_function, source: str, func_name: str, graph_model) -> dict:
    """AutoGraph's converted code and where each loop/if went in the graph."""
    import tensorflow as tf

    try:
        code = tf.autograph.to_code(python_function) if python_function else ""
        error = None
    except Exception as e:  # AutoGraph cannot convert everything
        code, error = "", f"{type(e).__name__}: {e}"
    code_lines = code.splitlines()
    calls = {"for": "ag__.for_stmt(", "while": "ag__.while_stmt(", "if": "ag__.if_stmt("}
    spans = statement_spans(source, func_name)
    used: Counter = Counter()
    nodes_at: dict[int, list[tuple[str, str]]] = {}
    if graph_model is not None:
        for name, a in graph_model.graph.nodes(data=True):
            if a.get("op") in CONTROL_FLOW_OPS and a.get("line") is not None:
                nodes_at.setdefault(a["line"], []).append((name, a["op"]))
    mapping = []
    for s in spans:
        needle = calls["if" if s["kind"] == "if" else s["kind"]]
        hits = [i + 1 for i, text in enumerate(code_lines) if needle in text]
        code_line = hits[used[needle]] if used[needle] < len(hits) else None
        used[needle] += 1
        nodes = nodes_at.get(s["line"], [])
        if nodes:
            note = message("autograph.became", op=nodes[0][1], node=nodes[0][0], kind=s["kind"])
        elif s["kind"] == "if":
            note = message("autograph.no_if")
        else:
            note = message("autograph.no_while")
        mapping.append({**s, "code_line": code_line, "graph_nodes": [n for n, _ in nodes],
                        "ops": [op for _, op in nodes], "note": note})
    return {"code": code, "error": error, "statements": mapping}
