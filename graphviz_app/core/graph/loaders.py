"""GraphModels from files: GraphDef (.pb binary, .pbtxt text), SavedModel folders, .keras models.

All loaders run on the engine process (they import TensorFlow), report progress as a fraction in
[0, 1] through the TaskContext and can be cancelled between stages. A file that is not what it
claims raises ``GraphLoadError`` whose message names the file and says what is wrong.

SavedModel signatures call their bodies through ``StatefulPartitionedCall``/``PartitionedCall``
nodes; ``graph_def.inline_function_calls`` replaces each call by its function body from the
library (recursively), so the user sees the real ops, named ``<call node>/<body node>``.
"""
from __future__ import annotations

from pathlib import Path

from graphviz_app.core.graph.graph_def import graph_model_from_graph_def, inline_function_calls
from graphviz_app.core.graph.model import GraphModel
from graphviz_app.core.tasks import TaskContext

GRAPHDEF_SUFFIXES = (".pb", ".pbtxt")


class GraphLoadError(Exception):
    """A graph file could not be read; the message is meant for the user."""


def is_graph_source(path: str) -> bool:
    """True for what the graph loaders open: .pb/.pbtxt/.keras files, SavedModel folders and
    ``model:NAME`` (an example model built on demand, see ``zoo.py``)."""
    from graphviz_app.core.graph.zoo import is_model_source

    if is_model_source(path):
        return True
    p = Path(path)
    # any folder: one that is not a SavedModel gets a clear message from load_saved_model
    return p.suffix.lower() in GRAPHDEF_SUFFIXES + (".keras",) or p.is_dir()


def load_graph(ctx: TaskContext, path: str) -> GraphModel:
    """Dispatch on what PATH is; raises GraphLoadError for anything unreadable."""
    from graphviz_app.core.graph import zoo

    if zoo.is_model_source(path):
        try:
            return zoo.build_graph(ctx, path)
        except zoo.UnknownModelError as e:
            raise GraphLoadError(str(e)) from None
    p = Path(path)
    if not p.exists():
        raise GraphLoadError(f"{p}: no such file or folder.")
    if p.is_dir():
        return load_saved_model(ctx, str(p))
    if p.name in ("saved_model.pb", "saved_model.pbtxt"):
        return load_saved_model(ctx, str(p.parent))
    suffix = p.suffix.lower()
    if suffix in GRAPHDEF_SUFFIXES:
        return load_graph_def(ctx, str(p))
    if suffix == ".keras":
        return load_keras(ctx, str(p))
    raise GraphLoadError(f"{p.name}: not a graph file (expected .pb, .pbtxt, .keras or a SavedModel folder).")


# ----- GraphDef --------------------------------------------------------------------------------
def _read_bytes(p: Path) -> bytes:
    try:
        return p.read_bytes()
    except OSError as e:
        raise GraphLoadError(f"{p.name}: cannot read the file ({e.strerror or e}).") from None


def parse_graph_def(p: Path):
    """The GraphDef in a .pb or .pbtxt file, checked for sense."""
    from google.protobuf import message, text_format
    from tensorflow.core.framework import graph_pb2

    data = _read_bytes(p)
    graph_def = graph_pb2.GraphDef()
    if p.suffix.lower() == ".pbtxt":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise GraphLoadError(f"{p.name}: not a text GraphDef (byte {e.start} is not UTF-8).") from None
        try:
            text_format.Parse(text, graph_def)
        except text_format.ParseError as e:
            line, col = getattr(e, "GetLine", lambda: None)(), getattr(e, "GetColumn", lambda: None)()
            where = f"line {line}, column {col}: " if line else ""
            detail = str(e).split(" : ", 1)[-1]
            raise GraphLoadError(f"{p.name}: syntax error in the text GraphDef, {where}{detail}") from None
    else:
        try:
            graph_def.ParseFromString(data)
        except (message.DecodeError, RuntimeError, ValueError) as e:
            raise GraphLoadError(f"{p.name}: not a binary GraphDef, the protobuf data is truncated or "
                                 f"corrupt ({e}).") from None
    _check_graph_def(graph_def, p.name, len(data))
    return graph_def


def _check_graph_def(graph_def, filename: str, size: int) -> None:
    """Random bytes sometimes parse as a protobuf; a real graph has named nodes with op types."""
    if not graph_def.node and not graph_def.library.function:
        if size:
            raise GraphLoadError(f"{filename}: not a GraphDef, it holds no graph nodes "
                                 f"({size} bytes of something else).")
        raise GraphLoadError(f"{filename}: the file is empty.")
    names = set()
    for i, node in enumerate(graph_def.node):
        if not node.name or not node.op:
            raise GraphLoadError(f"{filename}: not a valid GraphDef, node #{i} has no "
                                 f"{'name' if not node.name else 'op type'}.")
        if node.name in names:
            raise GraphLoadError(f"{filename}: not a valid GraphDef, two nodes are named {node.name!r}.")
        names.add(node.name)


def load_graph_def(ctx: TaskContext, path: str) -> GraphModel:
    p = Path(path)
    ctx.progress(0.05)
    graph_def = parse_graph_def(p)
    ctx.check()
    ctx.progress(0.4)
    model = graph_model_from_graph_def(ctx, graph_def, p.name)
    ctx.progress(1.0)
    return model


# ----- SavedModel ------------------------------------------------------------------------------
def load_saved_model(ctx: TaskContext, path: str, signature: str | None = None) -> GraphModel:
    """The ops of a SavedModel's signature (serving_default first), calls inlined."""
    from google.protobuf import message, text_format
    from tensorflow.core.protobuf import saved_model_pb2

    folder = Path(path)
    pb, pbtxt = folder / "saved_model.pb", folder / "saved_model.pbtxt"
    if not pb.is_file() and not pbtxt.is_file():
        raise GraphLoadError(f"{folder.name}: this folder is not a SavedModel (it has no saved_model.pb).")
    ctx.progress(0.05)
    sm = saved_model_pb2.SavedModel()
    src = pb if pb.is_file() else pbtxt
    data = _read_bytes(src)
    try:
        if src is pb:
            sm.ParseFromString(data)
        else:
            text_format.Parse(data.decode("utf-8", "replace"), sm)
    except (message.DecodeError, text_format.ParseError, RuntimeError, ValueError) as e:
        raise GraphLoadError(f"{folder.name}/{src.name}: not a SavedModel, the protobuf is corrupt ({e}).") from None
    if not sm.meta_graphs:
        raise GraphLoadError(f"{folder.name}/{src.name}: the SavedModel holds no graph.")
    meta = next((m for m in sm.meta_graphs if "serve" in m.meta_info_def.tags), sm.meta_graphs[0])
    graph_def = meta.graph_def
    ctx.check()
    ctx.progress(0.2)
    sigs = meta.signature_def
    outputs: list[str] = []
    if sigs:
        name = signature if signature and signature in sigs else ("serving_default" if "serving_default" in sigs
                                                     else sorted(sigs)[0])
        outputs = [t.name for t in sigs[name].outputs.values()]
    if outputs:
        graph_def = _prune_to(graph_def, [o.partition(":")[0] for o in outputs])
    ctx.check()
    ctx.progress(0.35)
    graph_def = inline_function_calls(graph_def, meta.graph_def.library, ctx)
    ctx.progress(0.75)
    model = GraphModel.from_graph_def(graph_def, name=folder.name,
                                      outputs={o.partition(":")[0] for o in outputs})
    ctx.progress(1.0)
    return model


def _prune_to(graph_def, targets: list[str]):
    """Only the nodes the targets depend on (a SavedModel also holds save/restore machinery)."""
    from tensorflow.core.framework import graph_pb2

    by_name = {n.name: n for n in graph_def.node}
    keep, stack = set(), [t for t in targets if t in by_name]
    while stack:
        name = stack.pop()
        if name in keep:
            continue
        keep.add(name)
        for text in by_name[name].input:
            src = text.lstrip("^").partition(":")[0]
            if src in by_name and src not in keep:
                stack.append(src)
    out = graph_pb2.GraphDef()
    out.versions.CopyFrom(graph_def.versions)
    out.node.extend(n for n in graph_def.node if n.name in keep)
    return out


# ----- Keras -------------------------------------------------------------------------------------
def load_keras(ctx: TaskContext, path: str) -> GraphModel:
    """A .keras model, loaded with safe_mode=True (no arbitrary code), traced with tf.function."""
    import tensorflow as tf

    p = Path(path)
    ctx.progress(0.05)
    try:
        import keras

        model = keras.models.load_model(str(p), compile=False, safe_mode=True)
    except Exception as e:  # noqa: BLE001 - keras raises many kinds; the user needs the message
        text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise GraphLoadError(f"{p.name}: cannot load this Keras model ({text}).") from None
    ctx.check()
    ctx.progress(0.5)
    specs = [tf.TensorSpec([1 if d is None else d for d in (t.shape[0:1] or [None])] +
                           [d for d in t.shape[1:]], t.dtype) for t in model.inputs]
    fn = tf.function(lambda *xs: model(list(xs) if len(xs) > 1 else xs[0]))
    try:
        graph = fn.get_concrete_function(*specs).graph
    except Exception as e:  # noqa: BLE001
        raise GraphLoadError(f"{p.name}: the model loaded but could not be traced ({e}).") from None
    ctx.check()
    ctx.progress(0.8)
    outputs = {t.op.name for t in graph.outputs}
    model_graph = GraphModel.from_graph_def(graph.as_graph_def(add_shapes=True), name=p.name,
                                            outputs=outputs)
    ctx.progress(1.0)
    return model_graph
