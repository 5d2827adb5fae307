"""A graph ready to profile: what to call, with which generated inputs, and the graph whose op
names the graph view shows (engine side: these import TensorFlow).

Each source is traced or imported the way ``core/graph/loaders.py`` and ``zoo.py`` do it for the
graph view, so an op's name here is the name of its node there:
- a ``.keras`` file: loaded with ``safe_mode=True``, called in ``tf.function(lambda *xs: ...)``;
- ``model:NAME``: built as ``zoo.py`` builds it, traced with named input specs;
- a GraphDef (``.pb``/``.pbtxt``) or a SavedModel (its serving signature pruned and inlined as the
  loader does): imported under ``tf.compat.v1.wrap_function`` with the inputs at the user's batch
  size and every variable (a ``VarHandleOp``, or a captured resource ``Placeholder``) created
  fresh with random values of its shape: a graph file holds no weights, and the cost of an op
  does not depend on them;
- a snippet's tf.function: its ``FunctionCall`` handle, called with the arguments of its latest
  call.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from graphviz_app.core.profile.inputs import InputSpec, check_inputs_fit, fill_shapes, generate
from graphviz_app.core.tasks import TaskContext

INPUT_PREFIX = "graphviz_app_input_"  # the wrapped function's own arguments (never a graph's name)


class ProfileSourceError(Exception):
    """SOURCE (or an argument for it) cannot be profiled; the message says why, for the user."""


class ModelRunError(Exception):
    """TensorFlow could not build or run the model; the message is TensorFlow's."""


@dataclass
class Variable:
    name: str
    shape: tuple
    dtype: str
    op: str  # the graph op its parameters are counted on (the one that reads it)

    @property
    def params(self) -> int:
        n = 1
        for d in self.shape:
            n *= int(d)
        return n

    def to_json_dict(self) -> dict:
        return {"name": self.name, "shape": list(self.shape), "dtype": self.dtype,
                "params": self.params, "op": self.op}


@dataclass
class Runnable:
    """``call(*inputs)`` runs the graph once; ``graph`` holds its ops with their static shapes."""

    name: str
    call: Callable
    inputs: list
    graph: Any
    variables: list[Variable]
    input_specs: list[InputSpec] = field(default_factory=list)
    batch: int | None = None
    keep: Any = None  # what must stay alive while it runs (the model, the variables)
    hidden: set = field(default_factory=set)  # ops of ``graph`` the graph view does not have


def runnable_for(ctx: TaskContext, source: str, batch: int = 1, dims: dict | None = None) -> Runnable:
    """The Runnable of a graph SOURCE; raises ProfileSourceError or UnknownDimsError."""
    from graphviz_app.core.graph import zoo
    from graphviz_app.core.graph.loaders import GRAPHDEF_SUFFIXES

    if zoo.is_model_source(source):
        try:
            spec = zoo.find_model(source)
        except zoo.UnknownModelError as e:
            raise ProfileSourceError(str(e)) from None
        return _zoo_runnable(ctx, spec, batch, dims)
    p = Path(source)
    if not p.exists():
        raise ProfileSourceError(f"{p}: no such file or folder.")
    if p.is_dir() or p.name in ("saved_model.pb", "saved_model.pbtxt"):
        folder = p if p.is_dir() else p.parent
        return graph_def_runnable(ctx, saved_model_graph_def(folder), folder.name, batch, dims)
    if p.suffix.lower() == ".keras":
        return _keras_file_runnable(ctx, p, batch, dims)
    if p.suffix.lower() in GRAPHDEF_SUFFIXES:
        from graphviz_app.core.graph.loaders import GraphLoadError, parse_graph_def

        try:
            graph_def = parse_graph_def(p)
        except GraphLoadError as e:
            raise ProfileSourceError(str(e)) from None
        return graph_def_runnable(ctx, graph_def, p.name, batch, dims)
    raise ProfileSourceError(f"{p.name}: not a graph (expected .pb, .pbtxt, .keras, a SavedModel "
                             f"folder or model:NAME).")


# ----- Keras ---------------------------------------------------------------------------------
def _keras_file_runnable(ctx: TaskContext, p: Path, batch: int, dims: dict | None) -> Runnable:
    try:
        import keras

        model = keras.models.load_model(str(p), compile=False, safe_mode=True)
    except Exception as e:  # noqa: BLE001 - keras raises many kinds; the user needs the message
        text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise ProfileSourceError(f"{p.name}: cannot load this Keras model ({text}).") from None
    ctx.check()
    return keras_runnable(model, p.name, batch, dims, named=False)


def _zoo_runnable(ctx: TaskContext, spec, batch: int, dims: dict | None) -> Runnable:
    from graphviz_app.core.graph import zoo

    if spec.application:
        import keras

        model = getattr(keras.applications, spec.application)(weights=None)
    else:
        model = zoo.transformer_block()
    ctx.check()
    return keras_runnable(model, spec.source, batch, dims, named=True)


def keras_runnable(model, name: str, batch: int, dims: dict | None, named: bool) -> Runnable:
    """Trace MODEL at BATCH as the graph view's loader does (``named``: zoo.py's way, input specs
    named after the inputs, autograph off, training=False; else loaders.load_keras's way)."""
    import tensorflow as tf

    specs = [InputSpec(t.name.split(":")[0], tuple(t.shape), tf.as_dtype(t.dtype).name)
             for t in model.inputs]
    shapes = fill_shapes(specs, batch, dims)
    tf_specs = [tf.TensorSpec(s, spec.dtype, name=spec.name if named else None)
                for s, spec in zip(shapes, specs, strict=True)]
    if named:
        fn = tf.function(lambda *xs: model(list(xs) if len(xs) > 1 else xs[0], training=False),
                         autograph=False)
    else:
        fn = tf.function(lambda *xs: model(list(xs) if len(xs) > 1 else xs[0]))
    concrete = fn.get_concrete_function(*tf_specs)
    check_inputs_fit(shapes, specs)
    inputs = [generate(s, spec.dtype, seed=k) for k, (s, spec) in enumerate(zip(shapes, specs, strict=True))]
    return Runnable(name, concrete, inputs, concrete.graph, captured_variables(concrete), specs, batch,
                    keep=(model, fn))


def captured_variables(concrete) -> list[Variable]:
    """The variables a concrete function captures, each counted on the op that reads it."""
    by_handle = {id(v.handle): v for v in concrete.variables}
    out = []
    for external, internal in concrete.graph.captures:
        var = by_handle.get(id(external))
        if var is None:
            continue
        readers = sorted(c.name for c in internal.consumers())
        out.append(Variable(var.name.split(":")[0], tuple(int(d) for d in var.shape),
                            var.dtype.name, readers[0] if readers else internal.op.name))
    return out


# ----- a snippet's tf.function ---------------------------------------------------------------
def runnable_for_call(call, name: str | None = None) -> Runnable:
    """The Runnable of a run's tf.function (``report.callables``), on its latest arguments."""
    if call.function is None or getattr(call, "note", None):
        raise ProfileSourceError(getattr(call, "note", None) or f"{call.name}: nothing to call again.")
    concrete = call.function.get_concrete_function(*call.args, **call.kwargs)

    def run(*_ignored):
        return call.function(*call.args, **call.kwargs)

    specs = [InputSpec(getattr(t, "name", f"arg{k}") or f"arg{k}", tuple(t.shape), t.dtype.name)
             for k, t in enumerate(concrete.structured_input_signature[0]) if hasattr(t, "shape")]
    return Runnable(name or call.name, run, [], concrete.graph, captured_variables(concrete), specs,
                    None, keep=call)


# ----- GraphDef and SavedModel ---------------------------------------------------------------
def saved_model_graph_def(folder: Path):
    """The serving signature's ops, pruned and inlined as ``loaders.load_saved_model`` does."""
    from google.protobuf import message, text_format
    from tensorflow.core.protobuf import saved_model_pb2

    from graphviz_app.core.graph.graph_def import inline_function_calls

    pb, pbtxt = folder / "saved_model.pb", folder / "saved_model.pbtxt"
    src = pb if pb.is_file() else pbtxt
    if not src.is_file():
        raise ProfileSourceError(f"{folder.name}: this folder is not a SavedModel (it has no saved_model.pb).")
    sm = saved_model_pb2.SavedModel()
    try:
        if src is pb:
            sm.ParseFromString(src.read_bytes())
        else:
            text_format.Parse(src.read_text("utf-8", "replace"), sm)
    except (OSError, message.DecodeError, text_format.ParseError, RuntimeError, ValueError) as e:
        raise ProfileSourceError(f"{folder.name}/{src.name}: cannot read the SavedModel ({e}).") from None
    if not sm.meta_graphs:
        raise ProfileSourceError(f"{folder.name}/{src.name}: the SavedModel holds no graph.")
    meta = next((m for m in sm.meta_graphs if "serve" in m.meta_info_def.tags), sm.meta_graphs[0])
    sigs = meta.signature_def
    graph_def = meta.graph_def
    if sigs:
        sig = sigs["serving_default"] if "serving_default" in sigs else sigs[sorted(sigs)[0]]
        graph_def = _prune_to(graph_def, [t.name.partition(":")[0] for t in sig.outputs.values()])
    flat = inline_function_calls(graph_def, meta.graph_def.library)
    _keep_functions(flat, meta.graph_def.library)
    return flat


def _keep_functions(graph_def, library) -> None:
    """Give GRAPH_DEF the functions its remaining nodes call (bodies of loops and conditionals),
    and only those: importing a function this process already defined differently fails."""
    functions = {f.signature.name: f for f in library.function}

    def called(nodes) -> set[str]:
        names = set()
        for node in nodes:
            for value in node.attr.values():
                if value.HasField("func"):
                    names.add(value.func.name)
                names.update(f.name for f in value.list.func)
        return names & set(functions)

    wanted, todo = set(), called(graph_def.node)
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo |= called(functions[name].node_def) - wanted
    graph_def.library.function.extend(functions[n] for n in sorted(wanted))


def _prune_to(graph_def, targets: list[str]):
    from tensorflow.core.framework import graph_pb2

    by_name = {n.name: n for n in graph_def.node}
    keep, stack = set(), [t for t in targets if t in by_name]
    while stack:
        name = stack.pop()
        if name not in keep:
            keep.add(name)
            stack.extend(s for s in (i.lstrip("^").partition(":")[0] for i in by_name[name].input)
                         if s in by_name and s not in keep)
    out = graph_pb2.GraphDef()
    out.versions.CopyFrom(graph_def.versions)
    out.node.extend(n for n in graph_def.node if n.name in keep)
    return out


def graph_def_runnable(ctx: TaskContext, graph_def, name: str, batch: int, dims: dict | None) -> Runnable:
    """Import GRAPH_DEF with its inputs at BATCH and fresh variables, ready to call."""
    import tensorflow as tf
    from tensorflow.core.framework import graph_pb2

    resource = tf.resource.as_datatype_enum
    nodes = list(graph_def.node)
    inputs = [n for n in nodes if n.op == "Placeholder" and n.attr["dtype"].type != resource]
    handles = [n for n in nodes if n.op == "VarHandleOp" or
               (n.op == "Placeholder" and n.attr["dtype"].type == resource)]
    specs = [InputSpec(n.name, _shape_of(n.attr["shape"].shape) if "shape" in n.attr else None,
                       tf.as_dtype(n.attr["dtype"].type).name) for n in inputs]
    shapes = fill_shapes(specs, batch, dims)
    consumers: dict[str, list] = {}
    for n in nodes:
        for ref in n.input:
            consumers.setdefault(ref.lstrip("^").partition(":")[0], []).append(n)
    variables = [_variable_of(n, consumers.get(n.name, [])) for n in handles]
    ctx.check()
    values = [tf.Variable(_initial(v), name=f"graphviz_app_var_{k}") for k, v in enumerate(variables)]
    clean = graph_pb2.GraphDef()
    clean.CopyFrom(graph_def)
    for n in clean.node:  # shapes recorded at another batch size would contradict the new ones
        if "_output_shapes" in n.attr:
            del n.attr["_output_shapes"]
    sinks = [n for n in nodes if n.name not in consumers and n.op not in ("Placeholder", "VarHandleOp")]

    def imported(*args):
        graph = tf.compat.v1.get_default_graph()
        input_map = {f"{n.name}:0": a for n, a in zip(inputs, args, strict=True)}
        input_map.update({f"{n.name}:0": graph.capture(v.handle) for n, v in zip(handles, values, strict=True)})
        tf.compat.v1.import_graph_def(clean, input_map=input_map, name="")

    arg_specs = [tf.TensorSpec(s, spec.dtype, name=f"{INPUT_PREFIX}{k}")
                 for k, (s, spec) in enumerate(zip(shapes, specs, strict=True))]
    try:
        wrapped = tf.compat.v1.wrap_function(imported, arg_specs)
    except (ValueError, tf.errors.OpError) as e:
        raise ModelRunError(f"{name}: TensorFlow cannot build this graph at batch {batch}: "
                            f"{_first_line(e)}") from None
    ctx.check()
    graph = wrapped.graph
    fetches = []
    for n in sinks:
        op = graph.get_operation_by_name(n.name)
        fetches.extend(op.outputs if op.outputs else [op])
    if not fetches:
        raise ProfileSourceError(f"{name}: the graph computes nothing (no op's result is used).")
    feeds = [graph.get_tensor_by_name(f"{INPUT_PREFIX}{k}:0") for k in range(len(inputs))]
    call = wrapped.prune(feeds=feeds, fetches=fetches)
    check_inputs_fit(shapes, specs)
    tensors = [generate(s, spec.dtype, seed=k) for k, (s, spec) in enumerate(zip(shapes, specs, strict=True))]
    hidden = {f"{INPUT_PREFIX}{k}" for k in range(len(inputs))} | {t.op.name for _, t in graph.captures}
    return Runnable(name, call, tensors, graph, variables, specs, batch, keep=(wrapped, values), hidden=hidden)


def _shape_of(shape_proto) -> tuple | None:
    if shape_proto.unknown_rank:
        return None
    return tuple(None if d.size < 0 else int(d.size) for d in shape_proto.dim)


def _variable_of(node, readers: list) -> Variable:
    """A variable's shape and dtype: a VarHandleOp's attributes, or what reads a captured handle."""
    import tensorflow as tf

    readers = sorted(readers, key=lambda n: n.name)
    if node.op == "VarHandleOp":
        shape = _shape_of(node.attr["shape"].shape)
        dtype = node.attr["dtype"].type
    else:
        reader = next((r for r in readers if r.op == "ReadVariableOp" and "_output_shapes" in r.attr), None)
        shape = _shape_of(reader.attr["_output_shapes"].list.shape[0]) if reader is not None else None
        dtype = reader.attr["dtype"].type if reader is not None else None
    if shape is None or dtype is None or any(d is None for d in shape):
        raise ProfileSourceError(f"variable {node.name}: the graph does not say its shape, so it cannot "
                                 f"be created to run the graph.")
    name = node.attr["shared_name"].s.decode() if "shared_name" in node.attr and node.attr["shared_name"].s \
        else node.name
    op = next((r.name for r in readers if r.op == "ReadVariableOp"), readers[0].name if readers else node.name)
    return Variable(name, shape, tf.as_dtype(dtype).name, op)


def _initial(variable: Variable):
    import tensorflow as tf

    dtype = tf.as_dtype(variable.dtype)
    if dtype.is_floating:
        return tf.random.stateless_normal(variable.shape, seed=[7, 0], stddev=0.05, dtype=dtype)
    return tf.zeros(variable.shape, dtype)


def _first_line(e: BaseException) -> str:
    text = str(getattr(e, "message", None) or e).strip()
    return text.splitlines()[0] if text else type(e).__name__
