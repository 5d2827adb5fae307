"""Eager vs tf.function, measured: TF's profiler for the dispatch timeline, ``perf_counter`` for
per-call timings, and the comparison (diff, retracing, AutoGraph) for every tf.function of a run.

``profile_report(ctx, report)`` runs on the engine process after ``run_source`` and fills
``report.timeline`` and ``report.timing``. For each tf.function it calls two things with the
arguments of its latest call: the real tf.function (the graph path) and its plain-Python twin
(``FunctionCall.python_function``, the same code with the real ``tf``: the eager path).
"""
from __future__ import annotations

import shutil
import tempfile

from graphviz_app.core.profile import eager_graph, replay, xplane
from graphviz_app.core.profile.timing import (  # noqa: F401 - the timing API, as before
    BATCH_S,
    MAX_TIMELINE_OPS,
    _once,
    host_lanes,
    measure_function,
    time_pair,
    trace_time,
)
from graphviz_app.core.run.watchdog import AsyncStop
from graphviz_app.core.tasks import TaskContext

PROFILED_CALLS = 5  # per side; the most complete record is kept (the profiler can miss events)
SLOW_CALL_S = 1.0  # a slower function is profiled once per side and timed in fewer repeats
TOO_SLOW_CALL_S = 10.0  # ... and one slower than this is not profiled or timed at all
# A run slower than this is not replayed at all: its calls may be what took the time, and
# profiling would repeat them (a 14 s function cost 84 s of profiling before this rule).
TOO_SLOW_RUN_S = 10.0
EAGER_MARK, GRAPH_MARK = "graphviz_app eager", "graphviz_app graph"


def profile_report(ctx: TaskContext | None, report, *, budget_s: float = 0.6,
                   use_profiler: bool = True) -> None:
    """Fill ``report.timeline`` and ``report.timing`` for every tf.function of the run."""
    ctx = ctx or TaskContext()
    calls = [c for c in (report.callables or []) if c.function is not None]
    timeline = {"source": "profiler", "fallback_reason": None, "eager": [], "function_calls": [],
                "functions": {}}
    timing: dict[str, dict] = {}
    if not calls:
        report.timeline, report.timing = timeline, timing
        return
    ctx.progress(0.02)
    if getattr(report, "wall_s", 0.0) > TOO_SLOW_RUN_S:
        note = (f"the run took {report.wall_s:.1f} s: profiling would call its functions again, so "
                f"it is skipped (limit {TOO_SLOW_RUN_S:.0f} s)")
        report.timeline = {**timeline, "source": "host", "fallback_reason": note}
        report.timing = {c.name: {"error": note} for c in calls}
        return
    calls = [quiet_twin(c) for c in calls]
    limits = replay.limits_of(calls)
    try:
        with replay.within_wall_time(ctx, limits):
            _profile_all(ctx, report, calls, timeline, timing, budget_s, use_profiler, limits)
    except AsyncStop as e:
        for c in calls:
            timing.setdefault(c.name, {"error": f"profiling stopped: {e.message}"})
    finally:
        _remove_print_files(report)
    report.timeline, report.timing = timeline, timing
    ctx.progress(1.0)


def _profile_all(ctx, report, calls, timeline, timing, budget_s, use_profiler, limits) -> None:
    ready, slow = [], set()
    traced = {f.name: f.traces for f in report.functions}
    for call in calls:
        ctx.check()
        if traced.get(call.name, 1) == 0:
            timing[call.name] = {"error": "never called in the snippet, so there is no call to "
                                          "repeat"}
            continue
        with replay.graph_ops_limited(limits):  # a trace happens here, if anywhere
            problem, seconds = _warm_up(call)
        if problem is None and seconds > TOO_SLOW_CALL_S:
            problem = (f"one call took {seconds:.1f} s: too slow to profile and time here "
                       f"(limit {TOO_SLOW_CALL_S:.0f} s)")
        if problem:
            timing[call.name] = {"error": problem}
        else:
            ready.append(call)
            if seconds > SLOW_CALL_S:
                slow.add(call.name)
    ctx.progress(0.1)
    lanes, reason = {}, None
    if ready and use_profiler:
        try:
            lanes = profile_calls(ctx, ready,
                                  [1 if c.name in slow else PROFILED_CALLS for c in ready])
        except Exception as e:  # another profiler session, or the profiler is not built in
            from graphviz_app.core.errors import CancelledError

            if isinstance(e, CancelledError) or replay.stopped(e):
                raise
            first = str(e).splitlines()[0] if str(e) else ""
            reason = f"TF profiler unavailable ({type(e).__name__}: {first})"
    elif ready:
        reason = "profiler disabled"
    if reason or any(lanes.get(c.name) is None for c in ready):
        timeline["source"] = "host" if not lanes else "mixed"
        timeline["fallback_reason"] = reason or "the profiler recorded no events for some calls"
    ctx.progress(0.35)
    for i, call in enumerate(ready):
        ctx.check()
        info = next((f for f in report.functions if f.name == call.name), None)
        model = (report.graph_models or {}).get(call.name)
        lane = lanes.get(call.name) or host_lanes(call)
        with replay.graph_ops_limited(limits):
            analysis = analyse(call, info, model, report.source, lane)
        timeline["functions"][call.name] = {**lane, **analysis}
        timeline["eager"] += [{"function": call.name, **op} for op in lane["eager"]["ops"]]
        if lane.get("graph"):
            timeline["function_calls"].append({"function": call.name, **lane["graph"]})
        ctx.progress(0.35 + 0.1 * (i + 1) / len(ready))
        timing[call.name] = measure_function(
            TaskContext(ctx.cancel_event, lambda f, i=i: ctx.progress(
                0.45 + 0.55 * (i + f) / len(ready))), call, budget_s,
            min_repeats=1 if call.name in slow else 3, limits=limits)


def quiet_twin(call):
    """The call with a plain-Python twin whose ``tf.print`` goes to the null device: the same
    code and the same ops, but thousands of timed calls do not flood the terminal."""
    import dataclasses
    import os
    import types

    pf = call.python_function
    if pf is None or "tf" not in pf.__globals__:
        return call
    real = pf.__globals__["tf"]
    module = types.ModuleType(real.__name__)
    module.__dict__.update(real.__dict__)

    @real.autograph.experimental.do_not_convert
    def quiet_print(*values, **kwargs):
        kwargs["output_stream"] = "file://" + os.devnull
        return real.print(*values, **kwargs)

    module.print = quiet_print
    twin = types.FunctionType(pf.__code__, {**pf.__globals__, "tf": module}, pf.__name__,
                              pf.__defaults__, pf.__closure__)
    twin.__kwdefaults__ = pf.__kwdefaults__
    return dataclasses.replace(call, python_function=twin)


def _remove_print_files(report) -> None:
    """The run's tf.print ops write to a temporary file the runner already read and removed;
    calling the functions again re-creates it. Remove it again."""
    import os

    for model in (report.graph_models or {}).values():
        for _, a in model.graph.nodes(data=True):
            stream = (a.get("attrs") or {}).get("output_stream")
            if isinstance(stream, str) and stream.startswith("file://") and \
                    os.path.basename(stream).startswith("graphviz_app_tfprint_"):
                try:
                    os.remove(stream[len("file://"):])
                except OSError:
                    pass


def _warm_up(call) -> tuple[str | None, float]:
    """One call of each side, so timings and traces exclude first-call work.

    Returns (a message if it failed, seconds of the slower side)."""
    if getattr(call, "note", None):  # why the run could not keep what a replay needs
        return call.note, 0.0
    if call.python_function is None:
        return ("the function is not a top-level def, so it has no plain-Python twin to run "
                "eagerly"), 0.0
    try:
        eager = _once(call.python_function, call.args, call.kwargs)
        graph = _once(call.function, call.args, call.kwargs)
    except Exception as e:  # the user's function may fail when called again
        if replay.stopped(e):
            raise
        return f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}", 0.0
    return None, max(eager, graph)


# ----- TF's profiler ---------------------------------------------------------------------------
def profile_calls(ctx: TaskContext, calls, repeats: list[int] | None = None) -> dict[str, dict]:
    """Profile ``repeats[i]`` (default PROFILED_CALLS) eager and graph calls of each function in
    one profiler session.

    Returns {name: {"eager": eager_call(...), "graph": function_call(...)}}; raises when the
    profiler cannot start (the caller falls back to host timing)."""
    data, level = record_xspace(ctx, calls, repeats)
    lanes = lanes_from_lines(xplane.host_lines(xplane.read_xspace(data)), [c.name for c in calls])
    for lane in lanes.values():
        lane["trace_level"] = level
    return lanes


def record_xspace(ctx: TaskContext, calls, repeats: list[int] | None = None) -> tuple[bytes, int]:
    """The serialised XSpace of one profiler session around the marked calls, and the TraceMe
    level it recorded at."""
    import tensorflow as tf

    logdir = tempfile.mkdtemp(prefix="graphviz_app_profile_")
    try:
        tf.profiler.experimental.start(logdir)
        try:
            level = 3 if raise_trace_level(3) else 2
            for i, call in enumerate(calls):
                for r in range(repeats[i] if repeats else PROFILED_CALLS):
                    ctx.check()
                    with tf.profiler.experimental.Trace(f"{EAGER_MARK} {i} {r}"):
                        call.python_function(*call.args, **call.kwargs)
                    with tf.profiler.experimental.Trace(f"{GRAPH_MARK} {i} {r}"):
                        call.function(*call.args, **call.kwargs)
        finally:
            tf.profiler.experimental.stop()
        path = xplane.find_xspace_file(logdir)
        if path is None:
            raise RuntimeError("the profiler wrote no trace")
        with open(path, "rb") as f:
            return f.read(), level
    finally:
        shutil.rmtree(logdir, ignore_errors=True)


def raise_trace_level(level: int) -> bool:
    """Record cheap kernels too (TraceMe level 3, what ``ProfilerOptions(host_tracer_level=3)``
    asks for). TF's executor traces a kernel at level 2 only while it counts as expensive; after
    ~100 runs a cheap op (a scalar Exp, a loop body) drops out of the trace. TF 2.21's Python
    binding cannot pass the option (the C++ side warns "host_tracer_level expects an i value" for
    every Python type), so the level of the running session is set where TraceMe reads it.
    Only done while a session is active at the default level; False if not possible here."""
    import ctypes
    import glob as globmod
    import os

    import tensorflow as tf

    names = globmod.glob(os.path.join(os.path.dirname(tf.__file__), "libtensorflow_framework*"))
    mode = getattr(os, "RTLD_NOLOAD", 0) | getattr(os, "RTLD_GLOBAL", 0)
    for name in sorted(names):
        try:
            lib = ctypes.CDLL(name, mode=mode)
            current = ctypes.c_int.in_dll(lib, "_ZN3tsl8profiler8internal13g_trace_levelE")
        except (OSError, ValueError, AttributeError):
            continue
        if current.value != 2:  # no session, or someone chose a level already
            return False
        current.value = level
        return True
    return False


def lanes_from_lines(lines: dict, names: list[str]) -> dict[str, dict]:
    """Pick, per function, the most complete of its profiled eager and graph calls."""
    out = {}
    for i, name in enumerate(names):
        eager = [xplane.eager_call(m) for m in xplane.markers(lines, f"{EAGER_MARK} {i} ")]
        graph = [g for g in (xplane.function_call(m, lines)
                             for m in xplane.markers(lines, f"{GRAPH_MARK} {i} ")) if g]
        if not eager or not graph:
            continue
        best_eager = _most_complete(eager, lambda e: len(e["ops"]), "duration_us")
        best_graph = _most_complete(graph, lambda g: len(g["kernels"]), "marker_us")
        ops = best_eager["ops"]
        if len(ops) > MAX_TIMELINE_OPS:
            kept = ops[:MAX_TIMELINE_OPS]
            dispatches = [d for d in best_eager["dispatches"]
                          if d["ops"] and d["ops"][0] < MAX_TIMELINE_OPS]
            best_eager = {**best_eager, "ops": kept, "dispatches": dispatches,
                          "truncated": len(ops)}
        kernels = best_graph["kernels"]
        if len(kernels) > MAX_TIMELINE_OPS:
            best_graph = {**best_graph, "kernels": kernels[:MAX_TIMELINE_OPS],
                          "truncated": len(kernels)}
        out[name] = {"eager": best_eager, "graph": best_graph, "source": "profiler",
                     "profiled_calls": min(len(eager), len(graph))}
    return out


def _most_complete(records: list[dict], size, duration_key: str) -> dict:
    """Among the records with the most events, the one of median duration."""
    most = max(size(r) for r in records)
    full = sorted((r for r in records if size(r) == most), key=lambda r: r[duration_key])
    return full[len(full) // 2]


# ----- comparison ------------------------------------------------------------------------------
def analyse(call, info, model, source: str, lane: dict) -> dict:
    """Label, line, value and graph counterpart of each profiled eager op; diff; retracing;
    AutoGraph."""
    filename = call.python_function.__code__.co_filename
    try:
        concrete = call.function.get_concrete_function(*call.args, **call.kwargs)
    except Exception as e:  # no trace for these arguments: compare what the report has
        if replay.stopped(e):
            raise
        concrete = None
    if concrete is not None:
        model = eager_graph.with_lines(model, eager_graph.graph_lines(concrete.graph, filename))
    recorded = eager_graph.record_eager_call(call.python_function, call.args, call.kwargs, filename)
    spans = eager_graph.statement_spans(source, call.name)
    ops = lane["eager"]["ops"]
    matches = eager_graph.align(ops, recorded)
    next_line = None
    for op, j in reversed(list(zip(ops, matches, strict=False))):
        rec = recorded[j] if j is not None else {}
        # an op no Python hook saw (a Variable read, a constant for a slice) serves the next one
        op["line"] = rec.get("line") if j is not None else next_line
        op["value"] = rec["outputs"][0]["value"] if rec.get("outputs") else None
        next_line = op["line"] if op["line"] is not None else next_line
    nodes = eager_graph.counterparts(ops, model, spans)
    own = eager_graph.eager_labels(ops, source)
    for op, node, label in zip(ops, nodes, own, strict=False):
        op["graph_node"] = node
        graph_label = model.graph.nodes[node].get("label") if node and model is not None else None
        op["label"] = graph_label or label
    library = eager_graph.library_ops(concrete) if concrete is not None else {}
    return {"diff": eager_graph.diff(ops, model, library),
            "retracing": eager_graph.retracing(call.function, call.python_function, info),
            "autograph": eager_graph.autograph(call.python_function, source, call.name, model),
            "line": getattr(info, "line", None)}
