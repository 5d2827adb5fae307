"""Per-call timing of a run's functions: host timing (the profiler's fallback), batches of
interleaved eager and graph calls (``time_pair``), and the timing panel's figures."""
from __future__ import annotations

import statistics
import time

from graphviz_app.core.profile import replay
from graphviz_app.core.tasks import TaskContext

MAX_TIMELINE_OPS = 1000  # eager ops and graph kernels kept per call (a loop makes thousands)
BATCH_S = 0.02  # a timed batch lasts about this long (timeit's idea: many calls per reading)


# ----- host timing (the profiler's fallback) ------------------------------------------------
def host_lanes(call) -> dict:
    """The same structure from ``perf_counter`` alone: each eager op's end is when the op callback
    saw its output; its start is the previous op's end (so Python time is folded in)."""
    from tensorflow.python.framework import op_callbacks

    stamps: list[tuple[str, int]] = []

    def callback(op_type, inputs, attrs, outputs, op_name=None, graph=None):
        if graph is None:
            stamps.append((op_type, time.perf_counter_ns()))

    op_callbacks.add_op_callback(callback)
    try:
        t0 = time.perf_counter_ns()
        call.python_function(*call.args, **call.kwargs)
        t_end = time.perf_counter_ns()
    finally:
        op_callbacks.remove_op_callback(callback)
    ops, previous = [], t0
    for k, (op, t) in enumerate(stamps[:MAX_TIMELINE_OPS]):
        span = {"start_us": (previous - t0) / 1e3, "duration_us": (t - previous) / 1e3}
        ops.append({"op": op, **span, "dispatch": k, "approximate": True})
        previous = t
    dispatches = [{"name": "host timing", "start_us": o["start_us"],
                   "duration_us": o["duration_us"],
                   "ops": [k]} for k, o in enumerate(ops)]
    g0 = time.perf_counter_ns()
    call.function(*call.args, **call.kwargs)
    g = (time.perf_counter_ns() - g0) / 1e3
    graph = {"name": call.name, "start_us": 0.0, "duration_us": g, "kernels": [], "python": [],
             "marker_us": g, "approximate": True}
    return {"eager": {"duration_us": (t_end - t0) / 1e3, "dispatches": dispatches, "ops": ops,
                      "python": [], "helpers": []},
            "graph": graph, "source": "host", "profiled_calls": 1}




# ----- timing ----------------------------------------------------------------------------------
def _once(fn, args, kwargs, tries: int = 1) -> float:
    """Seconds of one call (the fastest of ``tries``: a single call can catch a load spike)."""
    best = float("inf")
    for _ in range(tries):
        t = time.perf_counter()
        fn(*args, **kwargs)
        best = min(best, time.perf_counter() - t)
    return best


def _estimate(fn, args, kwargs) -> float:
    """A quick per-call estimate to size the batches: the best of three fast calls, one slow."""
    first = _once(fn, args, kwargs)
    return first if first > 0.05 else min(first, _once(fn, args, kwargs, 2))


def _stats(samples_s: list[float]) -> dict:
    us = sorted(s * 1e6 for s in samples_s)
    q = statistics.quantiles(us, n=4) if len(us) >= 2 else [us[0]] * 3
    return {"median": round(statistics.median(us), 3), "p25": round(q[0], 3), "p75": round(q[2], 3),
            "min": round(us[0], 3), "max": round(us[-1], 3)}


def time_pair(ctx: TaskContext, eager_fn, graph_fn, args: tuple, kwargs: dict,
              budget_s: float, min_repeats: int = 3) -> dict:
    """Per-call time of two callables, in interleaved batches (a load spike hits both alike).

    Like ``timeit``: each reading is one batch of calls divided by its size; the median reading
    is the figure, the quartiles its spread. Both callables must be warm (traced, run once)."""
    one_e = max(_estimate(eager_fn, args, kwargs), 1e-7)
    one_g = max(_estimate(graph_fn, args, kwargs), 1e-7)
    n_e, n_g = max(1, int(BATCH_S / one_e)), max(1, int(BATCH_S / one_g))
    batches = int(budget_s / (n_e * one_e + n_g * one_g))
    batches = max(min_repeats, min(25, batches))
    eager, graph = [], []
    for b in range(batches):
        ctx.check()
        # one untimed call first: after the other side's batch TF's thread pool has gone to
        # sleep, and waking it belongs to neither side's steady state (timeit never sees it)
        eager_fn(*args, **kwargs)
        t = time.perf_counter()
        for _ in range(n_e):
            eager_fn(*args, **kwargs)
        eager.append((time.perf_counter() - t) / n_e)
        graph_fn(*args, **kwargs)
        t = time.perf_counter()
        for _ in range(n_g):
            graph_fn(*args, **kwargs)
        graph.append((time.perf_counter() - t) / n_g)
        ctx.progress((b + 1) / batches)
    return {"eager": _stats(eager), "graph": _stats(graph), "repeats": batches,
            "eager_calls_per_repeat": n_e, "graph_calls_per_repeat": n_g}


def trace_time(python_function, args: tuple, kwargs: dict) -> tuple[float, float]:
    """(trace µs, first call µs) of a fresh tf.function of the same code: tracing alone, then
    the first call, which also optimises the graph and creates its kernels."""
    import tensorflow as tf

    fresh = tf.function(python_function)
    t = time.perf_counter()
    fresh.get_concrete_function(*args, **kwargs)
    trace = time.perf_counter() - t
    other = tf.function(python_function)
    first = _once(other, args, kwargs)
    return trace * 1e6, first * 1e6


def measure_function(ctx: TaskContext, call, budget_s: float, min_repeats: int = 3,
                     limits=None) -> dict:
    """The timing panel's figures for one function: eager and graph medians, spread, trace."""
    try:
        with replay.graph_ops_limited(limits or replay.limits_of([call])):
            trace_us, first_us = trace_time(call.python_function, call.args, call.kwargs)
    except Exception as e:  # tracing a fresh copy can fail where the run's own trace did not
        if replay.stopped(e):
            raise
        trace_us, first_us = None, None
        trace_error = f"{type(e).__name__}: {e}"
    else:
        trace_error = None
    pair = time_pair(ctx, call.python_function, call.function, call.args, call.kwargs, budget_s,
                     min_repeats)
    e, g = pair["eager"], pair["graph"]
    return {"eager_us": e["median"], "graph_us": g["median"],
            "trace_us": None if trace_us is None else round(trace_us, 1),
            "first_call_us": None if first_us is None else round(first_us, 1),
            "repeats": pair["repeats"],
            "eager_calls_per_repeat": pair["eager_calls_per_repeat"],
            "graph_calls_per_repeat": pair["graph_calls_per_repeat"],
            "eager_spread_us": [e["p25"], e["p75"]], "graph_spread_us": [g["p25"], g["p75"]],
            "eager_min_us": e["min"], "graph_min_us": g["min"],
            "eager_max_us": e["max"], "graph_max_us": g["max"],
            "ratio": round(g["median"] / e["median"], 3) if e["median"] else None,
            "faster": "graph" if g["median"] < e["median"] else "eager",
            "trace_error": trace_error}
