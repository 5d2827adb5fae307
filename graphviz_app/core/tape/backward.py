"""The backward graph of a tape, as TensorFlow itself builds it.

The user's ``with tf.GradientTape() as t:`` block and its first ``t.gradient(target, sources)``
are compiled again (from the already-validated text, keeping the user's line numbers) into one
function and traced with ``tf.function``. While tracing, TF's gradient registry is wrapped so
every gradient op is tied to the forward op it differentiates.

It is a replay of the user's code, so it runs as the run did: instrumented (the run's guards),
with the scope the caller gives (the snippet's guarded ``tf`` and its globals as they were when
the block ran), under the caller's op callback and watchdog.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from graphviz_app.core.graph.model import GraphModel
from graphviz_app.core.messages import message
from graphviz_app.core.run.functions import graph_labels, op_lines
from graphviz_app.core.run.instrument import instrument_tree
from graphviz_app.core.run.snippet import parse_tree

_DTYPE_BYTES = {"float16": 2, "bfloat16": 2, "float32": 4, "float64": 8, "int8": 1, "uint8": 1,
                "int16": 2, "int32": 4, "int64": 8, "bool": 1, "complex64": 8, "complex128": 16}
# GraphModel keeps dtypes short ("f32"); the report says them in full
_LONG = {"f16": "float16", "bf16": "bfloat16", "f32": "float32", "f64": "float64", "i8": "int8",
         "u8": "uint8", "i16": "int16", "i32": "int32", "i64": "int64", "c64": "complex64",
         "c128": "complex128"}


@dataclass
class BackwardTrace:
    model: GraphModel
    function: object  # the tf.function: fn(*sources) -> (target, [gradients])
    source_names: list[str]
    forward_of: dict[str, str] = field(default_factory=dict)  # gradient op -> forward op
    call_number: int = 0  # which of the tape's gradient() calls was traced


class BackwardUnavailable(Exception):
    """Why this tape's backward graph cannot be built (said on the view)."""


def find_block(program, line: int, tree: ast.Module | None = None
               ) -> tuple[ast.With, list[ast.stmt]]:
    """The `with` statement at `line` and the statements that follow it in the same body (of
    ``tree``, a fresh parse of the program's text, when given: the replay instruments it)."""
    bodies = [(tree or program.tree).body]
    while bodies:
        body = bodies.pop()
        for i, stmt in enumerate(body):
            if isinstance(stmt, ast.With) and stmt.lineno == line:
                return stmt, body[i + 1:]
            if isinstance(stmt, ast.FunctionDef):
                continue  # a tape inside a def: its names are the def's locals
            for name in ("body", "orelse"):
                if isinstance(getattr(stmt, name, None), list):
                    bodies.append(getattr(stmt, name))
    raise BackwardUnavailable(message("tape.note.in_function"))


def find_gradient_calls(statements: list[ast.stmt], tape_name: str) -> list[ast.Call]:
    calls = [node for stmt in statements for node in ast.walk(stmt)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and node.func.attr == "gradient" and isinstance(node.func.value, ast.Name)
             and node.func.value.id == tape_name and len(node.args) >= 2]
    if not calls:
        raise BackwardUnavailable(message("tape.note.no_gradient_call", tape=tape_name))
    return sorted(calls, key=lambda c: (c.lineno, c.col_offset))


def chosen_call(tape) -> int:
    """The first gradient() call that gave a gradient (calls run in source order here)."""
    for number, call in enumerate(tape.gv_info.gradients):
        if any(v is not None for v in call.values):
            return number
    return 0


def _source_names(call: ast.Call) -> list[str]:
    sources = call.args[1]
    elements = sources.elts if isinstance(sources, (ast.List, ast.Tuple)) else [sources]
    if not all(isinstance(e, ast.Name) for e in elements):
        raise BackwardUnavailable(message("tape.note.plain_sources"))
    return [e.id for e in elements]


def backward_function(program, filename: str, with_node: ast.With, call: ast.Call,
                      scope: dict, marks: list):
    """def _gv_backward(<sources>): <the with block>; return target, tape.gradient(...)"""
    names = _source_names(call)
    tape_name = with_node.items[0].optional_vars.id
    line = call.lineno
    src = ", ".join(names)
    template = ast.parse(
        f"def _gv_backward({src}):\n"
        f"    _gv_target = 0\n"
        f"    _gv_mark()\n"
        f"    _gv_grads = {tape_name}.gradient(_gv_target, [{src}])\n"
        f"    _gv_mark()\n"
        f"    return _gv_target, _gv_grads\n")
    fn_def = template.body[0]
    fn_def.body[0].value = call.args[0]  # the user's target expression
    fn_def.body.insert(0, with_node)
    for node in ast.walk(fn_def):
        if node not in ast.walk(with_node) and hasattr(node, "lineno"):
            node.lineno, node.end_lineno = line, line
    module = instrument_tree(ast.Module(body=[fn_def], type_ignores=[]))
    scope["_gv_mark"] = lambda: marks.append(_current_graph_size())
    exec(compile(module, filename, "exec", dont_inherit=True), scope)  # validated, re-arranged
    return scope["_gv_backward"], names


def _current_graph_size() -> int:
    from tensorflow.python.framework import ops

    return len(ops.get_default_graph().get_operations())


class _GradientOwners:
    """Stands in for TF's gradient registry while tracing (backprop looks it up as
    ``ops._gradient_registry`` at each call): which forward op each gradient op is for."""

    def __init__(self):
        from tensorflow.python.framework import ops

        self.ops = ops
        self.registry = ops._gradient_registry
        self.owner: dict[str, str] = {}

    def __getattr__(self, name):
        return getattr(self.registry, name)

    def lookup(self, op_type):
        grad_fn = self.registry.lookup(op_type)
        if grad_fn is None:
            return None

        def tracked(mock_op, *grads):
            graph = self.ops.get_default_graph()
            before = len(graph.get_operations())
            forward = self.forward_op(graph, mock_op, before)
            result = grad_fn(mock_op, *grads)
            for op in graph.get_operations()[before:]:
                self.owner.setdefault(op.name, forward)
            return result

        return tracked

    def forward_op(self, graph, mock_op, created: int) -> str | None:
        """The forward op being differentiated. TF hands the gradient function its outputs or
        inputs only when the formula needs them, so fall back on the op type: the tape walks
        the ops backwards, so the latest not yet claimed op of that type."""
        outputs = [o for o in (mock_op.outputs or []) if hasattr(o, "op")]
        if outputs:
            return outputs[0].op.name
        claimed = set(self.owner.values())
        candidates = [op for op in graph.get_operations()[:created]
                      if op.type == mock_op.type and op.name not in claimed]
        inputs = [getattr(i, "name", None) for i in (mock_op.inputs or [])]
        exact = [op for op in candidates if inputs and [t.name for t in op.inputs] == inputs]
        picked = (exact or candidates)[-1:]
        return picked[0].name if picked else None

    def __enter__(self):
        self.ops._gradient_registry = self
        return self

    def __exit__(self, *exc_info):
        self.ops._gradient_registry = self.registry


def trace_backward(tf, program, filename: str, tape, scope: dict) -> BackwardTrace:
    """``scope``: the globals the block runs in (see the module's docstring); ``tf`` is the
    real module, for the app's own calls."""
    tree = parse_tree(program.source, program.name)  # the same text gives the same tree
    with_node, rest = find_block(program, tape.gv_info.line, tree)
    calls = find_gradient_calls(rest, tape.gv_info.name)
    number = min(chosen_call(tape), len(calls) - 1)
    call = calls[number]
    marks: list[int] = []
    python_fn, names = backward_function(program, filename, with_node, call, scope, marks)
    args = [scope[n] for n in names]
    # no AutoGraph: the re-arranged function has no source file of its own to convert from
    fn = tf.function(python_fn, autograph=False)
    with _GradientOwners() as owners:
        concrete = fn.get_concrete_function(*args)
    graph = concrete.graph
    operations = graph.get_operations()
    start, end = (marks[-2], marks[-1]) if len(marks) >= 2 else (len(operations), len(operations))
    gradient_ops = {op.name for op in operations[start:end]}
    lines = op_lines(graph, filename)
    labels = graph_labels(graph, {k: v for k, v in lines.items() if k not in gradient_ops},
                          program.assignments, {})
    model = GraphModel.from_graph_def(graph.as_graph_def(add_shapes=True), labels, lines,
                                      name=f"{tape.gv_info.name} (backward)",
                                      outputs={t.op.name for t in graph.outputs})
    for name in gradient_ops:
        if name in model.graph:
            model.graph.nodes[name]["kind"] = "gradient"
            model.graph.nodes[name]["forward_of"] = owners.owner.get(name)
    return BackwardTrace(model, fn, names, {k: v for k, v in owners.owner.items()
                                            if k in gradient_ops and v}, number)


def saved_tensors(model: GraphModel) -> list[dict]:
    """Forward tensors that gradient ops consume: what the tape must keep until gradient()."""
    g = model.graph
    saved: dict[str, dict] = {}
    for u, v, edge in g.edges(data=True):
        src, dst = g.nodes[u], g.nodes[v]
        if (dst.get("kind") != "gradient" or src.get("kind") in ("gradient", "const")
                or edge.get("control")):
            continue
        edge["saved_for_backward"] = True
        tensor = edge.get("tensor", f"{u}:0")
        entry = saved.setdefault(tensor, _describe(g, u, edge.get("slot", 0)))
        entry["used_by"].append(v)
    return list(saved.values())


def _describe(g, name: str, slot: int) -> dict:
    node = g.nodes[name]
    shapes = node.get("shapes") or []
    shape = shapes[slot] if slot < len(shapes) else None
    dtypes = node.get("dtypes") or []
    dtype = dtypes[slot] if slot < len(dtypes) else (dtypes[-1] if dtypes else None)
    dtype = _LONG.get(dtype, dtype)
    elements = 1
    for d in shape or []:
        elements *= d if d is not None else 0
    size = _DTYPE_BYTES.get(dtype or "", 0) * elements if shape is not None else None
    return {"op": name, "op_type": node.get("op"), "label": node.get("label"), "dtype": dtype,
            "shape": shape, "bytes": size, "used_by": []}
