"""Cost on the graph: per-op kernel time, bytes, FLOPs and parameters of a whole graph, as data.

``GraphCost`` is what ``cost_jobs.profile_graph`` / ``profile_function`` (engine jobs) return and
what the graph overlays and ``main.py profile`` read. It is plain JSON (``to_json_dict`` /
``from_json_dict``) and pickles across the engine's wire. Its parts:

- ``ops``: one dict per op of the graph, under the name the graph view shows it::

    {"name", "op" (its type in the graph), "group" (its name scope: ``scope_of(name)``),
     "time_us" (median over the profiled calls of its kernels' time in one call; 0.0 if it ran
                no kernel of its own),
     "bytes" (bytes its kernels allocated in one call, median; ``bytes_source`` says how known),
     "output_bytes" (its outputs' size from static shapes and dtypes; None if not all known),
     "flops" (TF's cost model: tf.compat.v1.profiler float_operation on this graph),
     "params" (elements of the variables it reads: each variable is counted on one op),
     "kernel" (the executed kernel's type, e.g. _FusedConv2D; None if none ran under its name),
     "kernels" (names of the executed nodes whose time is counted here: its own, and nodes TF's
                optimiser created inside its name scope, e.g. ArithmeticOptimizer/AddOpsRewrite),
     "fused_into" (the op whose fused kernel did its work, e.g. a Conv2D fused into BiasAdd),
     "runs" (kernel runs per call: >1 inside a loop)}

- totals: ``params``, ``flops``, ``wall_us`` (median time of one call, measured outside the
  profiler), ``kernel_us`` (sum of the per-op medians and ``other_kernels``), ``bytes``.
- ``trace``: the kernels of the median profiled call, in time order, each with ``graph_op`` (the
  op of ``ops`` it is counted on, or None), for linking timeline slices to graph nodes.
- ``variables``, ``inputs``, ``repeats`` ({"wall": readings, "profiled": calls}), ``notes``.

``totals_by_group(ops, group_of)`` sums per-op numbers for any grouping the view passes in (op
name -> group item, e.g. the layout's folded groups); ``totals_by_scope(ops)`` gives them for
every name-scope prefix. This module imports no TensorFlow.
"""
from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field
from typing import Callable, Mapping

SUMMED = ("time_us", "bytes", "output_bytes", "flops", "params")
CLI_OP_KEYS = ("name", "op", "group", "time_us", "bytes", "flops", "params")
# ops that never run a kernel of their own: inputs, constants folded into their consumers, no-ops
NO_KERNEL_OPS = {"Placeholder", "Const", "NoOp", "VarHandleOp", "PlaceholderWithDefault"}


@dataclass
class GraphCost:
    source: str
    batch: int | None
    params: int
    flops: int
    wall_us: float
    kernel_us: float
    bytes: int
    bytes_source: str  # "allocator" (measured) or "output_shapes" (from static shapes)
    ops: list[dict] = field(default_factory=list)
    other_kernels: list[dict] = field(default_factory=list)
    trace: list[dict] = field(default_factory=list)
    variables: list[dict] = field(default_factory=list)
    inputs: list[dict] = field(default_factory=list)
    repeats: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_json_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json_dict(cls, data: dict) -> "GraphCost":
        return cls(**data)

    def cli_json(self) -> dict:
        """``main.py profile --json``: exactly source, batch, params, flops, wall_us and the ops
        (name, op, group, time_us, bytes, flops, params), slowest first."""
        return {"source": self.source, "batch": self.batch, "params": self.params, "flops": self.flops,
                "wall_us": self.wall_us,
                "ops": [{k: op[k] for k in CLI_OP_KEYS} for op in sorted_ops(self.ops)]}

    def op(self, name: str) -> dict | None:
        return next((o for o in self.ops if o["name"] == name), None)


def sorted_ops(ops: list[dict], key: str = "time_us") -> list[dict]:
    """Largest KEY first, then by name."""
    return sorted(ops, key=lambda o: (-(o.get(key) or 0), o["name"]))


def scope_of(name: str) -> str:
    """An op's group: its name scope (``a/b/c`` -> ``a/b``; a top-level op -> "")."""
    return name.rpartition("/")[0]


def totals_by_group(ops: list[dict], group_of: Mapping[str, str] | Callable[[str], str] | None = None
                    ) -> dict[str, dict]:
    """{group: {"ops", "time_us", "bytes", "output_bytes", "flops", "params"}}. GROUP_OF maps an
    op's name to its group (a dict or a function); None groups by each op's ``group``. An op a
    mapping does not name keeps its own ``group``."""
    if group_of is None:
        def find(o):
            return o["group"]
    elif callable(group_of):
        def find(o):
            return group_of(o["name"])
    else:
        def find(o):
            return group_of.get(o["name"], o["group"])
    out: dict[str, dict] = {}
    for op in ops:
        _add(out.setdefault(find(op), _zero()), op)
    return out


def totals_by_scope(ops: list[dict]) -> dict[str, dict]:
    """Totals for every name-scope prefix, at every depth ("" is the whole graph): what a group
    box of a folded name scope shows, whichever level is folded."""
    out: dict[str, dict] = {}
    for op in ops:
        parts = op["name"].split("/")[:-1]
        for depth in range(len(parts) + 1):
            _add(out.setdefault("/".join(parts[:depth]), _zero()), op)
    return out


def _zero() -> dict:
    return {"ops": 0, **{k: 0 for k in SUMMED}}


def _add(total: dict, op: dict) -> None:
    total["ops"] += 1
    for key in SUMMED:
        total[key] += op.get(key) or 0


# ----- assembling the measurements (called on the engine by cost_jobs) -------------------------
def attribute_kernels(kernel_nodes: set[str], ops: dict[str, str], ran: set[str]) -> dict[str, str | None]:
    """{executed node: graph op it is counted on}. A node the graph has is its own op. A node TF
    made goes to the deepest prefix of its name that the graph knows: an op of that name (a
    While or If op lowered into ``while/body/_1/...`` kernels), else an op of that name scope
    (``scope/ArithmeticOptimizer/AddOpsRewrite_Add``), preferring one that ran no kernel of its
    own (the op it replaced), then one that can run one. None when no prefix is known."""
    by_scope: dict[str, list[str]] = {}
    for name in sorted(ops):
        by_scope.setdefault(scope_of(name), []).append(name)
    out: dict[str, str | None] = {}
    for node in kernel_nodes:
        if node in ops:
            out[node] = node
            continue
        out[node] = None
        parts = node.split("/")[:-1]
        for depth in range(len(parts), 0, -1):
            prefix = "/".join(parts[:depth])
            if prefix in ops:
                out[node] = prefix
                break
            members = by_scope.get(prefix)
            if members:
                working = [m for m in members if ops[m] not in NO_KERNEL_OPS]
                replaced = [m for m in working if m not in ran]
                out[node] = (replaced or working or members)[0]
                break
    return out


def per_op_medians(calls, attribution: dict[str, str | None]) -> tuple[dict, dict, dict, dict]:
    """(time_us, bytes, runs, other) per graph op: medians over CALLS (``kernel_trace.CallTrace``);
    ``other`` holds the kernels attributed to no op, by executed node."""
    times: dict[str, list[float]] = {}
    allocated: dict[str, list[int]] = {}
    runs: dict[str, int] = {}
    other: dict[str, dict] = {}
    n = len(calls)
    for k, call in enumerate(calls):
        for kernel in call.kernels:
            target = attribution.get(kernel.node)
            if target is None:
                entry = other.setdefault(kernel.node, {"node": kernel.node, "op": kernel.op, "times": [0.0] * n})
                entry["times"][k] += kernel.duration_us
                continue
            times.setdefault(target, [0.0] * n)[k] += kernel.duration_us
            if k == 0:
                runs[target] = runs.get(target, 0) + 1
        for node, amount in call.allocated.items():
            target = attribution.get(node)
            if target is None:
                entry = other.setdefault(node, {"node": node, "op": None, "times": [0.0] * n})
                entry.setdefault("bytes", [0] * n)[k] += amount
                continue
            allocated.setdefault(target, [0] * n)[k] += amount
    time_us = {op: round(statistics.median(v), 3) for op, v in times.items()}
    bytes_ = {op: int(statistics.median(v)) for op, v in allocated.items()}
    others = {node: {"node": node, "op": e["op"], "time_us": round(statistics.median(e["times"]), 3),
                     "bytes": int(statistics.median(e.get("bytes") or [0]))} for node, e in other.items()}
    return time_us, bytes_, runs, others


def fused_into(graph_ops: dict[str, str], consumers: dict[str, list[str]], kernel_type: dict[str, str],
               depth: int = 3) -> dict[str, str]:
    """{op that ran no kernel: the op whose fused kernel did its work}: the nearest consumer, within
    DEPTH steps through other kernel-less ops, whose kernel type is a fused one (``_FusedConv2D``,
    ``_MklNativeFusedMatMul``) rather than its own graph type."""
    out = {}
    for name, op_type in graph_ops.items():
        if name in kernel_type or op_type in NO_KERNEL_OPS:
            continue
        frontier, seen = [name], {name}
        for _ in range(depth):
            nxt = []
            for node in frontier:
                for c in consumers.get(node, []):
                    if c in seen:
                        continue
                    seen.add(c)
                    kind = kernel_type.get(c)
                    if kind is not None and kind != graph_ops.get(c) and "Fused" in kind:
                        out[name] = c
                        break
                    if kind is None:
                        nxt.append(c)
                if name in out:
                    break
            if name in out or not nxt:
                break
            frontier = nxt
    return out


def median_call(calls):
    """The profiled call of median duration (its kernels make the trace)."""
    ordered = sorted(calls, key=lambda c: c.duration_us)
    return ordered[len(ordered) // 2]
