"""A GraphDef as a GraphModel: its function calls inlined, then converted. Shared by the graph
files' loaders (``loaders.py``) and the example models traced on demand (``zoo.py``)."""
from __future__ import annotations

from graphviz_app.core.graph.model import GraphModel
from graphviz_app.core.tasks import TaskContext

CALL_OPS = {"PartitionedCall", "StatefulPartitionedCall"}
MAX_CALL_DEPTH = 12


def graph_model_from_graph_def(ctx: TaskContext, graph_def, name: str,
                               outputs: set[str] | None = None) -> GraphModel:
    """The GraphModel of a GraphDef, its function calls inlined (a file's or a traced model's)."""
    if any(n.op in CALL_OPS for n in graph_def.node) and graph_def.library.function:
        graph_def = inline_function_calls(graph_def, graph_def.library, ctx)
    ctx.check()
    return GraphModel.from_graph_def(graph_def, name=name, outputs=outputs)


def inline_function_calls(graph_def, library, ctx: TaskContext | None = None):
    """A GraphDef where every (Stateful)PartitionedCall is replaced by its function's body."""
    from tensorflow.core.framework import graph_pb2, node_def_pb2

    functions = {f.signature.name: f for f in library.function}
    emitted: list = []  # (name, op, inputs, source NodeDef, device)
    alias: dict[str, str] = {}  # "call:k" -> "producer:slot"
    control_alias: dict[str, list[str]] = {}  # "call" -> names to depend on instead

    def norm(ref: str) -> str:
        name, _, slot = ref.partition(":")
        return f"{name}:{slot or 0}"

    def expand(nodes, prefix: str, arg_map: dict[str, str], stack: tuple[str, ...]) -> None:
        for node in nodes:
            if ctx is not None and len(emitted) % 2000 == 0:
                ctx.check()
            name = prefix + node.name
            inputs = [resolve_ref(text, prefix, arg_map) for text in node.input]
            fn_name = node.attr["f"].func.name if node.op in CALL_OPS and "f" in node.attr else ""
            fdef = functions.get(fn_name)
            if fdef is not None and fn_name not in stack and len(stack) < MAX_CALL_DEPTH:
                data_inputs = [i for i in inputs if not i.startswith("^")]
                body_args = {a.name: (data_inputs[k] if k < len(data_inputs) else "")
                             for k, a in enumerate(fdef.signature.input_arg)}
                expand(fdef.node_def, name + "/", body_args, stack + (fn_name,))
                rets = []
                for k, out_arg in enumerate(fdef.signature.output_arg):
                    ref = resolve_ref(fdef.ret[out_arg.name], name + "/", body_args)
                    alias[f"{name}:{k}"] = ref
                    rets.append(ref.lstrip("^").partition(":")[0])
                control_alias[name] = rets
                continue
            emitted.append((name, node.op, inputs, node))

    def resolve_ref(text: str, prefix: str, arg_map: dict[str, str] | None) -> str:
        control = text.startswith("^")
        ref = text.lstrip("^")
        parts = ref.split(":")
        if arg_map is not None and len(parts) == 1 and ref in arg_map and prefix:
            target = arg_map[ref]
            return "^" + target.lstrip("^").partition(":")[0] if control else target
        if len(parts) == 3:  # body reference node:output_arg:index
            ref = f"{parts[0]}:{parts[2]}"
        full = prefix + ref
        return "^" + full.partition(":")[0] if control else norm(full)

    expand(graph_def.node, "", {}, ())

    def final(ref: str, depth: int = 0) -> list[str]:
        if ref.startswith("^"):
            name = ref[1:]
            if name in control_alias and depth < 64:
                return [r for t in control_alias[name] for r in final("^" + t, depth + 1)]
            return [ref]
        if ref in alias and depth < 64:
            return final(alias[ref], depth + 1)
        return [ref]

    out = graph_pb2.GraphDef()
    out.versions.CopyFrom(graph_def.versions)
    names = {e[0] for e in emitted}
    for name, op, inputs, src in emitted:
        nd = node_def_pb2.NodeDef(name=name, op=op, device=src.device)
        for key in src.attr:
            nd.attr[key].CopyFrom(src.attr[key])
        for ref in inputs:
            for r in final(ref):
                base = r.lstrip("^").partition(":")[0]
                if not r or base not in names:
                    continue
                nd.input.append(r[:-2] if r.endswith(":0") and not r.startswith("^") else r)
        out.node.append(nd)
    return out
