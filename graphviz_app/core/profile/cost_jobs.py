"""Engine jobs that measure a graph's cost (``GraphCost``), and the measuring itself.

Jobs (run on the engine process as ``fn(ctx, *args)``; see core/jobs.py):
- ``profile_graph(ctx, source, batch=1, dims=None)``: a GraphDef, SavedModel, ``.keras`` file or
  ``model:NAME`` fed generated inputs at BATCH;
- ``profile_function(ctx, call, name=None)``: a snippet's tf.function, its ``FunctionCall``
  handle from the RunReport (``report.callables``), on the arguments of its latest call.
Each returns a ``GraphCost`` or, for what the user must hear about, a ``ProfileProblem``: kind
``source`` (SOURCE cannot be profiled), ``unknown_dims`` (``inputs`` lists the inputs and axes to
ask for; call again with ``dims``), ``run`` (TensorFlow failed to build or run the model: its
message) or ``limit`` (out of memory or wall time at this batch). The engine's memory watch may
also kill the process first: the caller then gets the engine's ``Stop`` of kind ``limit``.

How it measures, in this order: FLOPs from TF's cost model and output bytes from static shapes;
one call to warm up (TF optimises the graph on its first call); the wall time of one call as the
median of timed readings (``BUDGET_S``), taking turns with ``MIN_PROFILED``-``MAX_PROFILED`` calls
under TF's profiler (in ``SESSIONS`` sessions), whose kernel and allocation events give each op's
median time and bytes.
"""
from __future__ import annotations

import statistics
import time
from dataclasses import asdict, dataclass

from graphviz_app.core.profile import graph_cost, kernel_trace
from graphviz_app.core.profile.graph_cost import GraphCost
from graphviz_app.core.profile.inputs import UnknownDimsError
from graphviz_app.core.profile.sources import ModelRunError, ProfileSourceError, Runnable
from graphviz_app.core.tasks import TaskContext

BUDGET_S = 1.0  # wall-time readings; the profiled calls take about as long again
READING_S = 0.02  # one reading times enough calls to last this long (timeit's idea)
MIN_READINGS, MAX_READINGS = 4, 20  # per turn
MIN_PROFILED, MAX_PROFILED = 4, 10
SESSIONS = 2  # profiler sessions, between the timed readings
GB = 1 << 30


@dataclass
class ProfileProblem:
    """Why a graph could not be profiled, for the user. ``kind``: source, unknown_dims, run, limit."""

    kind: str
    message: str
    inputs: list | None = None  # unknown_dims: [{"name", "shape", "unknown"}]

    def to_json_dict(self) -> dict:
        return asdict(self)


def profile_graph(ctx: TaskContext, source: str, batch: int = 1, dims: dict | None = None,
                  budget_s: float = BUDGET_S):
    """Engine job: the GraphCost of a graph SOURCE at BATCH, or a ProfileProblem."""
    from graphviz_app.core.profile.sources import runnable_for

    if not isinstance(batch, int) or batch < 1:
        return ProfileProblem("source", f"the batch size must be a whole number >= 1, not {batch!r}.")
    ctx.progress(0.02)
    try:
        runnable = runnable_for(ctx, source, batch, dims)
        _check_inputs_fit(runnable, batch)
        return measure(ctx, runnable, budget_s, source=source)
    except Exception as e:  # noqa: BLE001 - sorted into what the user is told, or raised again
        return _problem(e, batch)


def profile_function(ctx: TaskContext, call, name: str | None = None, budget_s: float = BUDGET_S):
    """Engine job: the GraphCost of a snippet's tf.function on its latest arguments (the run's
    limits hold while it is called again), or a ProfileProblem."""
    from graphviz_app.core.profile import replay
    from graphviz_app.core.profile.sources import runnable_for_call

    limits = replay.limits_of([call])
    try:
        with replay.within_wall_time(ctx, limits):
            return measure(ctx, runnable_for_call(call, name), budget_s, source=name or call.name)
    except Exception as e:  # noqa: BLE001
        return _problem(e, None)


def _problem(e: Exception, batch: int | None) -> ProfileProblem:
    """What to tell the user about E; an error of the app itself (or a cancel) is raised again."""
    from graphviz_app.core.errors import CancelledError
    from graphviz_app.core.profile import replay

    if isinstance(e, CancelledError):
        raise e
    if isinstance(e, ProfileSourceError):
        return ProfileProblem("source", str(e))
    if isinstance(e, UnknownDimsError):
        return ProfileProblem("unknown_dims", str(e), e.inputs)
    if replay.stopped(e):
        return ProfileProblem("limit", f"profiling stopped: {e}")
    if _out_of_memory(e):
        return ProfileProblem("limit", limit_message(batch, _memory_limit(), tf_text(e)))
    if isinstance(e, ModelRunError) or _is_tf_error(e):
        return ProfileProblem("run", tf_text(e))
    raise e


def limit_message(batch: int | None, limit_bytes: int, detail: str = "") -> str:
    """What a model too big for the memory limit is told: the batch and the limit, named."""
    what = f"batch {batch}" if batch is not None else "the function"
    detail = f" ({detail})" if detail else ""
    return (f"{what} does not fit in the memory limit of {limit_bytes / GB:.1f} GB{detail}. Try a "
            f"smaller batch or a larger memory limit.")


def _out_of_memory(e: BaseException) -> bool:
    if isinstance(e, MemoryError):
        return True
    import tensorflow as tf

    return isinstance(e, tf.errors.ResourceExhaustedError)


def _is_tf_error(e: BaseException) -> bool:
    """TensorFlow's own errors, and the ValueError/TypeError a trace raises for a bad model."""
    import tensorflow as tf

    return isinstance(e, (tf.errors.OpError, ValueError, TypeError))


def tf_text(e: BaseException) -> str:
    """TensorFlow's message without the Python stack it adds (``Detected at node X defined at
    (most recent call last): File ...``): the node's name and TF's own words stay."""
    text = str(getattr(e, "message", None) or e).strip() or type(e).__name__
    text = text.split("\n\nStack trace", 1)[0]
    kept = []
    for line in text.splitlines():
        if line.startswith("  ") and not line.startswith("\t"):
            continue  # a frame of the stack: "  File ...", "    code"
        if line.startswith("Detected at node") and "defined at" in line:
            line = line.split(" defined at", 1)[0] + ":"
        if line.strip() or (kept and kept[-1].strip()):
            kept.append(line)
    return "\n".join(kept).strip()


def _memory_limit() -> int:
    from graphviz_app.core.engine.limits import memory_limit_bytes

    return memory_limit_bytes()


def _check_inputs_fit(runnable: Runnable, batch: int) -> None:
    """Inputs bigger than the memory limit are refused before anything runs."""
    size = sum(int(t.shape.num_elements()) * t.dtype.size for t in runnable.inputs)
    if size > _memory_limit():
        raise MemoryError(f"its inputs alone take {size / GB:.1f} GB")


# ----- measuring -------------------------------------------------------------------------------
def measure(ctx: TaskContext, r: Runnable, budget_s: float = BUDGET_S, source: str | None = None) -> GraphCost:
    from graphviz_app.core.profile.flops import flops_per_op, output_bytes_per_op

    def run():
        return r.call(*r.inputs)

    ctx.progress(0.1)
    flops = flops_per_op(r.graph)
    output_bytes = output_bytes_per_op(r.graph)
    ctx.check()
    ctx.progress(0.2)
    one = _warm_up(run)
    ctx.progress(0.35)
    # timed readings and profiled calls take turns (readings, profile, readings, profile,
    # readings): a burst of load on a busy machine then weighs on both figures alike
    readings = time_calls(ctx, run, one, budget_s / (SESSIONS + 1))
    one_call_s = statistics.median(readings) / 1e6
    repeats = max(MIN_PROFILED, min(MAX_PROFILED, int(budget_s / max(one_call_s, 1e-6))))
    calls = []
    for k in range(SESSIONS):
        ctx.progress(0.4 + 0.5 * k / SESSIONS)
        calls += kernel_trace.read_calls(kernel_trace.record(ctx, run, -(-repeats // SESSIONS)))
        readings += time_calls(ctx, run, one_call_s, budget_s / (SESSIONS + 1))
    wall_us = round(statistics.median(readings), 3)
    ctx.progress(0.9)
    cost = assemble(r, calls, flops, output_bytes, wall_us, source or r.name)
    cost.repeats = {"wall": len(readings), "profiled": len(calls)}
    ctx.progress(1.0)
    return cost


def _warm_up(run) -> float:
    """Two calls (TF optimises the graph on the first); the seconds of the second."""
    try:
        run()
        t = time.perf_counter()
        run()
        return time.perf_counter() - t
    except Exception as e:  # noqa: BLE001 - the model failed: its message, or a limit
        if _out_of_memory(e) or not _is_tf_error(e):
            raise
        raise ModelRunError(tf_text(e)) from None


def time_calls(ctx: TaskContext, run, one_s: float, budget_s: float) -> list[float]:
    """Readings of µs per call: each times enough calls to last READING_S."""
    per = max(1, int(READING_S / max(one_s, 1e-7)))
    count = max(MIN_READINGS, min(MAX_READINGS, int(budget_s / max(per * one_s, 1e-7))))
    readings = []
    for _ in range(count):
        ctx.check()
        t = time.perf_counter()
        for _ in range(per):
            run()
        readings.append((time.perf_counter() - t) / per * 1e6)
    return readings


def assemble(r: Runnable, calls, flops: dict, output_bytes: dict, wall_us: float, source: str) -> GraphCost:
    graph_ops = {op.name: op.type for op in r.graph.get_operations() if op.name not in r.hidden}
    consumers = {op.name: [c.name for t in op.outputs for c in t.consumers()]
                 for op in r.graph.get_operations()}
    nodes = {k.node for c in calls for k in c.kernels} | {n for c in calls for n in c.allocated}
    kernel_type: dict[str, str] = {}
    for c in calls:
        for k in c.kernels:
            if k.node in graph_ops:
                kernel_type.setdefault(k.node, k.op)
    attribution = graph_cost.attribute_kernels(nodes, graph_ops, set(kernel_type))
    times, allocated, runs, other = graph_cost.per_op_medians(calls, attribution)
    fused = graph_cost.fused_into(graph_ops, consumers, kernel_type)
    measured = kernel_trace.complete_memory(calls)
    params: dict[str, int] = {}
    for v in r.variables:
        params[v.op] = params.get(v.op, 0) + v.params
    kernels_of: dict[str, list[str]] = {}
    for node, op in sorted(attribution.items()):
        if op is not None:
            kernels_of.setdefault(op, []).append(node)
    ops = [{"name": name, "op": op_type, "group": graph_cost.scope_of(name),
            "time_us": times.get(name, 0.0),
            "bytes": allocated.get(name, 0) if measured else (output_bytes.get(name) or 0),
            "output_bytes": output_bytes.get(name), "flops": flops.get(name, 0),
            "params": params.get(name, 0), "kernel": kernel_type.get(name),
            "kernels": kernels_of.get(name, []), "fused_into": fused.get(name), "runs": runs.get(name, 0)}
           for name, op_type in graph_ops.items()]
    others = sorted(other.values(), key=lambda o: -o["time_us"])
    middle = graph_cost.median_call(calls) if calls else None
    trace = [{"node": k.node, "op": k.op, "graph_op": attribution.get(k.node), "thread": k.thread,
              "start_us": k.start_us, "duration_us": k.duration_us} for k in (middle.kernels if middle else [])]
    notes = []
    if others:
        notes.append(f"{len(others)} kernels TF's optimiser made lie in no name scope of the graph; "
                     f"they are counted in kernel_us but on no op")
    if not measured:
        notes.append("bytes are the outputs' sizes from static shapes: this engine's CPU allocator "
                     "does not trace every allocation (TF_CPU_ALLOCATOR_USE_BFC=true makes it)")
    kernel_us = round(sum(o["time_us"] for o in ops) + sum(o["time_us"] for o in others), 3)
    return GraphCost(source=source, batch=r.batch, params=sum(v.params for v in r.variables),
                     flops=sum(o["flops"] for o in ops), wall_us=wall_us, kernel_us=kernel_us,
                     bytes=sum(o["bytes"] for o in ops) + (sum(o["bytes"] for o in others) if measured else 0),
                     bytes_source="allocator" if measured else "output_shapes", ops=ops,
                     other_kernels=others, trace=trace, variables=[v.to_json_dict() for v in r.variables],
                     inputs=[s.to_json_dict() for s in r.input_specs], notes=notes)
