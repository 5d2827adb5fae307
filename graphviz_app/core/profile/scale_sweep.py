"""Where does tf.function start to win? Per-call time of eager and graph as the work grows.

Two ways to grow the work of a user's function:
- ``k``: run the body k times per call. When the function returns a tensor like its first
  argument, the calls are chained (x = f(x)), so Grappler cannot merge identical copies in the
  graph; otherwise the body is repeated on the same inputs (and the result says so).
- ``n``: every scalar or vector tensor argument becomes a vector of n elements.

Eager pays Python→TF dispatch once per op, the graph once per call; so eager grows faster with k,
and the crossover is where the graph's fixed call cost is paid back.
"""
from __future__ import annotations

import math

from graphviz_app.core.profile import replay
from graphviz_app.core.profile.profiling import time_pair
from graphviz_app.core.run.watchdog import AsyncStop
from graphviz_app.core.tasks import TaskContext

DEFAULT_K = (1, 2, 4, 8, 16, 32, 64)
DEFAULT_N = (1, 10, 100, 1_000, 10_000, 100_000, 1_000_000)
MAX_N = 10_000_000
SLOW_POINT_S = 2.0  # a point whose single call takes longer ends the sweep


def _is_tensor(x) -> bool:
    return hasattr(x, "dtype") and hasattr(x, "shape")


def chainable(fn, args: tuple, kwargs: dict) -> bool:
    """True if f(x, ...) returns one tensor of x's dtype and shape, so x = f(x) can repeat."""
    if not args or not _is_tensor(args[0]):
        return False
    try:
        out = fn(*args, **kwargs)
    except Exception as e:
        if replay.stopped(e):
            raise
        return False
    return _is_tensor(out) and out.dtype == args[0].dtype and \
        list(out.shape) == list(args[0].shape)


def repeat_body(fn, k: int, chain: bool):
    """A Python function running ``fn`` k times; a Python loop, so tracing unrolls it."""
    if chain:
        def body(x, *rest, **kwargs):
            for _ in range(k):
                x = fn(x, *rest, **kwargs)
            return x
    else:
        def body(*args, **kwargs):
            out = None
            for _ in range(k):
                out = fn(*args, **kwargs)
            return out
    body.__name__ = f"{getattr(fn, '__name__', 'f')}_x{k}"
    return body


def resize_args(args: tuple, kwargs: dict, n: int):
    """Scalar and vector tensor arguments as vectors of n elements (values repeated)."""
    import tensorflow as tf

    changed = 0

    def resize(x):
        nonlocal changed
        if not _is_tensor(x) or not x.dtype.is_numeric or x.shape.rank is None or x.shape.rank > 1:
            return x
        t = tf.convert_to_tensor(x)
        flat = tf.reshape(t, [-1])
        length = int(flat.shape[0]) if flat.shape[0] is not None else 1
        if length == 0:
            return x
        changed += 1
        return tf.tile(flat, [math.ceil(n / length)])[:n]

    new_args = tuple(resize(a) for a in args)
    new_kwargs = {k: resize(v) for k, v in kwargs.items()}
    return new_args, new_kwargs, changed


def crossover(points: list[dict]) -> dict:
    """The first x where the graph becomes faster (log-interpolated between two measured points)."""
    faster = [p["graph_us"] < p["eager_us"] for p in points]
    result = {"x": None, "graph_always_faster": bool(points) and all(faster),
              "eager_always_faster": bool(points) and not any(faster)}
    for a, b in zip(points, points[1:], strict=False):
        if a["graph_us"] >= a["eager_us"] and b["graph_us"] < b["eager_us"]:
            da = math.log(a["graph_us"]) - math.log(a["eager_us"])  # >= 0
            db = math.log(b["graph_us"]) - math.log(b["eager_us"])  # < 0
            t = da / (da - db) if da != db else 0.5
            la, lb = math.log(a["x"]), math.log(b["x"])
            result["x"] = round(math.exp(la + t * (lb - la)), 2)
            result["between"] = [a["x"], b["x"]]
            break
    return result


def scale_sweep(ctx: TaskContext | None, call, mode: str = "k", values=None,
                budget_s: float = 0.3) -> dict:
    """Per-call eager and graph time of ``call`` (a FunctionCall) for each k or n.

    Returns {"mode","function","chained","points":[{"x","eager_us","graph_us","eager_spread_us",
    "graph_spread_us","trace_us"}],"crossover":{...},"error"}. It calls the user's code again,
    so it keeps to the run's limits: its wall time, and its graph-op limit per trace."""
    ctx = ctx or TaskContext()
    result = {"mode": mode, "function": call.name, "chained": None, "points": [],
              "crossover": crossover([]), "error": None}
    limits = replay.limits_of([call])
    try:
        with replay.within_wall_time(ctx, limits):
            _sweep(ctx, call, mode, values, budget_s, limits, result)
    except AsyncStop as e:
        result["error"] = f"stopped: {e.message}"
    result["crossover"] = crossover(result["points"])
    return result


def _sweep(ctx: TaskContext, call, mode: str, values, budget_s: float, limits,
           result: dict) -> None:
    import time

    import tensorflow as tf

    from graphviz_app.core.profile.profiling import quiet_twin

    fn = quiet_twin(call).python_function
    values = list(values or (DEFAULT_K if mode == "k" else DEFAULT_N))
    if fn is None:
        result["error"] = "no plain-Python twin of this function to run eagerly"
        return
    with replay.graph_ops_limited(limits):
        chain = chainable(fn, call.args, call.kwargs) if mode == "k" else False
    result["chained"] = chain
    for i, x in enumerate(values):
        ctx.check()
        if mode == "k":
            body, args, kwargs = repeat_body(fn, int(x), chain), call.args, call.kwargs
        else:
            if int(x) > MAX_N:
                break
            body = fn
            args, kwargs, changed = resize_args(call.args, call.kwargs, int(x))
            if not changed:
                result["error"] = "the function has no scalar or vector tensor argument to resize"
                break
        graph = tf.function(body)
        try:
            with replay.graph_ops_limited(limits):
                t = time.perf_counter()
                graph.get_concrete_function(*args, **kwargs)
                trace_us = (time.perf_counter() - t) * 1e6
                t = time.perf_counter()
                body(*args, **kwargs)  # warm both sides: the graph's first call builds kernels
                eager_s = time.perf_counter() - t
                graph(*args, **kwargs)
        except Exception as e:  # e.g. shapes that cannot be resized for this function
            if replay.stopped(e):
                raise
            first = str(e).splitlines()[0] if str(e) else ""
            result["error"] = f"{mode}={x}: {type(e).__name__}: {first}"
            break
        if eager_s > SLOW_POINT_S:
            result["error"] = (f"stopped at {mode}={x}: one eager call takes {eager_s:.1f} s")
            break
        sub = TaskContext(ctx.cancel_event,
                          lambda f, i=i: ctx.progress((i + f) / len(values)))
        pair = time_pair(sub, body, graph, args, kwargs, budget_s)
        e, g = pair["eager"], pair["graph"]
        result["points"].append({"x": x, "eager_us": e["median"], "graph_us": g["median"],
                                 "eager_spread_us": [e["p25"], e["p75"]],
                                 "graph_spread_us": [g["p25"], g["p75"]],
                                 "trace_us": round(trace_us, 1)})
        ctx.progress((i + 1) / len(values))
