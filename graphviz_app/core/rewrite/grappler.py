"""The graph TensorFlow really executes: a traced graph after Grappler, as the runtime runs it.

When a tf.function is first called, TF's runtime turns its FunctionDef into a graph of ``_Arg``
-> body -> ``_Retval`` nodes, places every node on a device, and runs Grappler's meta-optimizer
on it with the eager context's ConfigProto (``function_call_options``), fetching the
``_Retval`` nodes and keeping the control outputs. Here the same graph is built from the
concrete function and handed to ``tf_optimizer.OptimizeGraph`` with the same config: the
devices matter (the remapper fuses MatMul + BiasAdd + Relu into ``_FusedMatMul`` only on a
placed graph). The result's op types and counts are checked against TF's own
``after_MetaOptimizer`` dump in tests/core/rewrite.

To say what each pass did, the passes are then run one at a time, in the meta-optimizer's order
(two iterations), each on the output of the one before; ``provenance.step`` compares each pair.
When this replay ends at the graph the one-shot run gave (``exact``), the nodes' ``from`` comes
from it; otherwise from one comparison of the traced graph with the result.

The result is plain data (``OPTIMIZED`` in ``core/rewrite/__init__.py`` describes it).
"""
from __future__ import annotations

import time

from graphviz_app.core.rewrite import provenance

CPU_DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"
# (RewriterConfig.optimizers name, the name TF's meta-optimizer logs), in the order it runs them
# for a function: the first iteration, then the second (layout, loop and memory run once).
_FIRST = [("pruning", "model_pruner"), ("implementation_selector", "implementation_selector"),
          ("function", "function_optimizer"),
          ("common_subgraph_elimination", "common_subgraph_elimination"),
          ("constfold", "constant_folding"), ("arithmetic", "arithmetic_optimizer"),
          ("layout", "layout"), ("remap", "remapper"), ("loop", "loop_optimizer"),
          ("dependency", "dependency_optimizer"), ("memory", "memory_optimizer")]
_SECOND = [p for p in _FIRST if p[0] not in ("function", "layout", "loop", "memory")]
PASSES = [(1, key, name) for key, name in _FIRST] + [(2, key, name) for key, name in _SECOND]
DEFAULT_BUDGET_S = 30.0


def runtime_config():
    """The ConfigProto the eager runtime hands Grappler for every function call."""
    from tensorflow.core.protobuf import config_pb2
    from tensorflow.python.eager import context

    config = config_pb2.ConfigProto()
    config.ParseFromString(context.context().function_call_options.config_proto_serialized)
    return config


def runtime_device() -> str:
    """Where the placer puts an unplaced op: the first GPU when TF sees one, else the CPU."""
    import tensorflow as tf

    if tf.config.list_logical_devices("GPU"):
        return CPU_DEVICE.replace("CPU:0", "GPU:0")
    return CPU_DEVICE


def function_graph_def(concrete_function, device: str):
    """(GraphDef, fetch, keep, arg_of) of a concrete function as the runtime optimises it:
    inputs as ``_Arg`` (keeping the placeholders' names), one ``_Retval`` per output,
    every unplaced node on ``device``. ``keep`` are the control outputs (stateful ops the
    function must run); ``arg_of`` maps each ``_Retval`` to the node whose output it returns."""
    from tensorflow.core.framework import graph_pb2

    graph = concrete_function.graph
    source = graph.as_graph_def(add_shapes=True)
    out = graph_pb2.GraphDef()
    out.versions.CopyFrom(source.versions)
    out.library.CopyFrom(source.library)
    inputs = [t.op.name for t in graph.inputs]
    index = {name: i for i, name in enumerate(inputs)}
    for node in source.node:
        copy = out.node.add()
        copy.CopyFrom(node)
        if node.op == "Placeholder" and node.name in index:
            copy.op = "_Arg"
            copy.attr.clear()
            copy.attr["T"].CopyFrom(node.attr["dtype"])
            copy.attr["index"].i = index[node.name]
            if "_output_shapes" in node.attr:
                copy.attr["_output_shapes"].CopyFrom(node.attr["_output_shapes"])
        if not copy.device:
            copy.device = device
    taken = {n.name for n in out.node}
    fetch, arg_of = [], {}
    for i, tensor in enumerate(graph.outputs):
        name = f"{tensor.op.name}_RetVal"
        while name in taken:
            name += "_"
        taken.add(name)
        ret = out.node.add(name=name, op="_Retval", device=device)
        ret.input.append(tensor.op.name if tensor.value_index == 0 else tensor.name)
        ret.attr["T"].type = tensor.dtype.as_datatype_enum
        ret.attr["index"].i = i
        fetch.append(name)
        arg_of[name] = tensor.op.name
    keep = [op.name for op in getattr(graph, "control_outputs", [])]
    return out, fetch, keep, arg_of


def placed_graph_def(graph_def, device: str):
    """A loaded GraphDef with every unplaced node on ``device``, and its fetch: the nodes
    nothing consumes (what a session would ask for)."""
    from tensorflow.core.framework import graph_pb2

    out = graph_pb2.GraphDef()
    out.CopyFrom(graph_def)
    used = set()
    for node in out.node:
        if not node.device:
            node.device = device
        used.update(provenance.clean_input(text) for text in node.input)
    return out, [n.name for n in out.node if n.name not in used]


def snapshot(graph_def) -> dict:
    return {n.name: (n.op, tuple(provenance.clean_input(t) for t in n.input)) for n in graph_def.node}


class _Grappler:
    """One configured meta-optimizer: the runtime's config and a cluster for the device."""

    def __init__(self, device: str, budget_s: float):
        from tensorflow.core.protobuf import device_properties_pb2
        from tensorflow.python.grappler import cluster as gcluster

        self.config = runtime_config()
        rewrite = self.config.graph_options.rewrite_options
        rewrite.meta_optimizer_timeout_ms = max(1, int(budget_s * 1000))
        self.cluster = None  # a GPU: the real machine (what the layout optimizer looks at)
        if "GPU" not in device.upper():
            # a virtual CPU: no session is created, unlike the default cluster
            props = device_properties_pb2.DeviceProperties(type="CPU", num_cores=1,
                                                          frequency=1000)
            self.cluster = gcluster.Cluster(devices=[device_properties_pb2.NamedDevice(
                name=device, properties=props)])

    def run(self, graph_def, fetch: list[str], only: str | None = None):
        from tensorflow.core.protobuf import config_pb2, meta_graph_pb2, rewriter_config_pb2
        from tensorflow.python.grappler import tf_optimizer

        meta = meta_graph_pb2.MetaGraphDef()
        meta.graph_def.CopyFrom(graph_def)
        meta.collection_def["train_op"].node_list.value.extend(fetch)
        config = self.config
        if only is not None:
            config = config_pb2.ConfigProto()
            config.CopyFrom(self.config)
            rewrite = config.graph_options.rewrite_options
            rewrite.optimizers.append(only)
            rewrite.meta_optimizer_iterations = rewriter_config_pb2.RewriterConfig.ONE
        return tf_optimizer.OptimizeGraph(config, meta, verbose=False, cluster=self.cluster)

    def close(self) -> None:
        if self.cluster is not None:
            self.cluster.Shutdown()


def optimize(graph_def, fetch: list[str], *, device: str, initial: dict[str, set[str]] | None = None,
             labels: dict | None = None, lines: dict | None = None, budget_s: float = DEFAULT_BUDGET_S,
             check=None) -> dict:
    """The optimized graph of ``graph_def`` (see ``OPTIMIZED``). ``initial`` maps nodes of the
    given graph to the traced names they stand for (default: themselves); ``check()`` is
    called between passes (a cancel raises there); the pass-by-pass replay stops when
    ``budget_s`` is spent (``passes_complete`` False)."""
    from graphviz_app.core.graph.model import GraphModel

    started = time.perf_counter()
    grappler = _Grappler(device, budget_s)
    try:
        result = grappler.run(graph_def, fetch)
        one_shot_s = time.perf_counter() - started
        final = snapshot(result)
        traced = snapshot(graph_def)
        order = {name: i for i, name in enumerate(traced)}
        start_prov = {n: set(initial.get(n, {n})) if initial else {n} for n in traced}
        passes, prov, current, complete, settled = [], start_prov, traced, True, []
        graph = graph_def
        for i, (iteration, key, name) in enumerate(PASSES):
            if check is not None:
                check()
            if current == final and i >= len(_FIRST):
                # TF's result is reached in the second round: what is left would find nothing
                settled = [f"{n} ({it})" for it, _k, n in PASSES[i:]]
                break
            if time.perf_counter() - started > budget_s:
                complete = False
                break
            graph = grappler.run(graph, fetch, key)
            following = snapshot(graph)
            summary, prov = provenance.step(name, current, following, prov, order)
            passes.append({**summary, "iteration": iteration})
            current = following
    finally:
        grappler.close()
    exact = complete and current == final
    if not exact:  # one comparison, traced -> result
        _summary, prov = provenance.step("all", traced, final, start_prov, order)
    model = GraphModel.from_graph_def(result, labels or {}, lines or {})
    nodes = model.to_json_dict()["nodes"]
    for node in nodes:
        node["from"] = sorted(prov.get(node["name"], ()), key=lambda n: (order.get(n, len(order)), n))
    return {"device": device, "nodes": nodes, "passes": passes, "exact": exact,
            "passes_complete": complete, "passes_not_needed": settled,
            "counts": {"traced": len(traced), "optimized": len(final)},
            "optimize_us": round(one_shot_s * 1e6), "total_us": round((time.perf_counter() - started) * 1e6),
            "note": None}
