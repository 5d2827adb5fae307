"""What XLA runs for a tf.function compiled with ``jit_compile=True``: the kernels of its
optimized HLO (fusions and the ops left alone), each mapped back to the TensorFlow ops of the
traced graph through the metadata XLA keeps (``op_type``, ``op_name``).

``xla_graph(ctx, call)`` compiles the run's function again, from its plain-Python twin, with
``jit_compile=True`` (whatever the snippet asked), within the run's limits (wall time, graph
ops per trace). The result is plain data (``XLA`` in ``core/rewrite/__init__.py``).
"""
from __future__ import annotations

from graphviz_app.core.messages import message
from graphviz_app.core.rewrite import hlo

MAX_TEXT_CHARS = 200_000  # of HLO text kept for the view; the graph itself is always whole


def describe_hlo(text: str, traced_names: set[str] | None = None) -> dict:
    """The ENTRY computation of an optimized HLO module as nodes, fusions opened."""
    module = hlo.parse_module(text)
    traced = traced_names or set()
    entry = module.entry
    names = {i.name for i in entry.instructions}
    nodes = []
    for instruction in entry.instructions:
        if instruction.opcode == "parameter":
            tf_ops = []
        elif instruction.opcode == "fusion" and instruction.called:
            tf_ops = hlo.tf_ops_inside(module, instruction.called[0])
        else:
            meta = instruction.metadata
            tf_ops = [{"op_type": meta.get("op_type"), "op_name": meta["op_name"]}] \
                if meta.get("op_name") else []
        inside = []
        if instruction.opcode == "fusion" and instruction.called:
            inside = [{"name": i.name, "opcode": i.opcode, "op_type": i.op_type,
                       "op_name": i.op_name}
                      for i in module.computations[instruction.called[0]].instructions
                      if i.opcode != "parameter"]
        sources = []
        for op in tf_ops:
            found = traced_node(op["op_name"], traced)
            if found and found not in sources:
                sources.append(found)
        nodes.append({
            "name": instruction.name, "opcode": instruction.opcode, "shape": instruction.shape,
            "inputs": [o for o in instruction.operands if o in names],
            "kind": instruction.attrs.get("kind"),
            "calls": instruction.called[0] if instruction.called else None,
            "root": instruction.root, "op_type": instruction.op_type,
            "op_name": instruction.op_name, "tf_ops": tf_ops, "from": sources,
            "inside": inside})
    return {"module": module.name, "stage": "optimized_hlo", "nodes": nodes,
            "fusions": [n["name"] for n in nodes if n["opcode"] == "fusion"],
            "text": text[:MAX_TEXT_CHARS], "text_chars": len(text), "error": None}


def traced_node(op_name: str, traced: set[str]) -> str | None:
    """The traced node an HLO op_name names: itself, else the longest enclosing scope that is
    a node (a While's body op names ``while/...``), else with leading call scopes dropped."""
    if op_name in traced:
        return op_name
    parts = op_name.split("/")
    for end in range(len(parts) - 1, 0, -1):
        if "/".join(parts[:end]) in traced:
            return "/".join(parts[:end])
    for start in range(1, len(parts)):
        if "/".join(parts[start:]) in traced:
            return "/".join(parts[start:])
    return None


def xla_graph(ctx, call) -> dict:
    """The optimized HLO of ``call``'s function compiled with jit_compile=True, described;
    ``{"error": message}`` (with the other keys empty) when XLA cannot compile it."""
    import tensorflow as tf

    from graphviz_app.core.profile import replay
    from graphviz_app.core.profile.profiling import quiet_twin
    from graphviz_app.core.run.watchdog import AsyncStop
    from graphviz_app.core.tasks import TaskContext

    ctx = ctx or TaskContext()
    twin = quiet_twin(call).python_function
    if twin is None:
        return _failed(call.note or message("xla.error.no_twin"))
    limits = replay.limits_of([call])
    traced = traced_names(call.function)
    try:
        with replay.within_wall_time(ctx, limits), replay.graph_ops_limited(limits):
            compiled = tf.function(twin, jit_compile=True)
            text = compiled.experimental_get_compiler_ir(*call.args, **call.kwargs)(
                stage="optimized_hlo")
    except AsyncStop as e:
        return _failed(message("rewrite.note.stopped", reason=e.message))
    except Exception as e:  # noqa: BLE001 - XLA's refusal (an op it cannot compile) is the answer
        if replay.stopped(e):
            return _failed(message("xla.error.wall_time"))
        first = next((line for line in str(e).splitlines() if line.strip()), type(e).__name__)
        return _failed(message("xla.error.cannot_compile", error=first.strip()[:475]))
    return describe_hlo(text, traced)


def traced_names(function) -> set[str]:
    """Node names of the latest trace of a run's tf.function (never a new trace)."""
    from graphviz_app.core.run.functions import latest_graph

    graph = latest_graph(function)
    return {op.name for op in graph.get_operations()} if graph is not None else set()


def _failed(message: str) -> dict:
    return {"module": None, "stage": "optimized_hlo", "nodes": [], "fusions": [], "text": "",
            "text_chars": 0, "error": message}
