"""Where does tf.function start to win? Per-call time of eager and graph as the work grows.

Two ways to grow the work of a user's function:
- ``k``: run the body k times per call. When the function returns a tensor like its first
  argument, the calls are chained (x = f(x)), so Grappler cannot merge identical copies in the
  graph; otherwise the body is repeated on the same inputs (and the result says so).
- ``n``: every scalar or vector tensor argument becomes a vector of n elements.

Eager pays Python→TF dispatch once per op, the graph once per call; so eager grows faster with k,
and the crossover is where the graph's fixed call cost is paid back.

With ``jit=True`` a third path is timed in the same interleaved batches: the same body as
``tf.function(jit_compile=True)``, which XLA compiles into fused kernels; ``crossovers`` then
holds the three pairwise crossovers (jit vs eager, jit vs graph, graph vs eager).
"""
from __future__ import annotations

import math

from graphviz_app.core.profile import replay
from graphviz_app.core.profile.profiling import time_pair
from graphviz_app.core.profile.timing import BATCH_S
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


def crossover(points: list[dict], slow: str = "eager", fast: str = "graph") -> dict:
    """The first x where path ``fast`` becomes faster than ``slow`` (log-interpolated between two
    measured points); keys named for the pair (``graph_always_faster``, ``eager_always_faster``)."""
    s_key, f_key = f"{slow}_us", f"{fast}_us"
    points = [p for p in points if p.get(s_key) and p.get(f_key)]
    faster = [p[f_key] < p[s_key] for p in points]
    result = {"x": None, f"{fast}_always_faster": bool(points) and all(faster),
              f"{slow}_always_faster": bool(points) and not any(faster)}
    for a, b in zip(points, points[1:], strict=False):
        if a[f_key] >= a[s_key] and b[f_key] < b[s_key]:
            da = math.log(a[f_key]) - math.log(a[s_key])  # >= 0
            db = math.log(b[f_key]) - math.log(b[s_key])  # < 0
            t = da / (da - db) if da != db else 0.5
            la, lb = math.log(a["x"]), math.log(b["x"])
            result["x"] = round(math.exp(la + t * (lb - la)), 2)
            result["between"] = [a["x"], b["x"]]
            break
    return result


PAIRS = (("eager", "graph"), ("eager", "jit"), ("graph", "jit"))


def scale_sweep(ctx: TaskContext | None, call, mode: str = "k", values=None,
                budget_s: float = 0.3, jit: bool = False) -> dict:
    """Per-call eager and graph time (and XLA's, with ``jit``) of ``call`` for each k or n.

    Returns {"mode","function","chained","points":[{"x","eager_us","graph_us","eager_spread_us",
    "graph_spread_us","trace_us"} plus "jit_us","jit_spread_us","jit_compile_us" with jit],
    "crossover":{graph vs eager},"crossovers":{"graph_vs_eager","jit_vs_eager","jit_vs_graph"},
    "jit","jit_error","error"}. It calls the user's code again, so it keeps to the run's limits:
    its wall time, and its graph-op limit per trace."""
    ctx = ctx or TaskContext()
    result = {"mode": mode, "function": call.name, "chained": None, "points": [],
              "crossover": crossover([]), "crossovers": {}, "jit": jit, "jit_error": None,
              "error": None}
    limits = replay.limits_of([call])
    try:
        with replay.within_wall_time(ctx, limits):
            _sweep(ctx, call, mode, values, budget_s, limits, result)
    except AsyncStop as e:
        result["error"] = f"stopped: {e.message}"
    result["crossover"] = crossover(result["points"])
    for slow, fast in PAIRS if jit else PAIRS[:1]:
        result["crossovers"][f"{fast}_vs_{slow}"] = crossover(result["points"], slow, fast)
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
        paths = {"eager": body, "graph": graph}
        compile_us = None
        if result["jit"] and result["jit_error"] is None:
            compiled, compile_us = _jit_path(body, args, kwargs, limits, result)
            if compiled is not None:
                paths["jit"] = compiled
        if len(paths) == 2 and not result["jit"]:
            timed = time_pair(sub, body, graph, args, kwargs, budget_s)
        else:
            timed = time_paths(sub, paths, args, kwargs, budget_s)
        point = {"x": x, "trace_us": round(trace_us, 1)}
        for path in paths:
            stats = timed[path]
            point[f"{path}_us"] = stats["median"]
            point[f"{path}_spread_us"] = [stats["p25"], stats["p75"]]
        if compile_us is not None:
            point["jit_compile_us"] = round(compile_us, 1)
        result["points"].append(point)
        ctx.progress((i + 1) / len(values))


def _jit_path(body, args, kwargs, limits, result):
    """(the body as tf.function(jit_compile=True), compile+first call µs), warm; (None, None)
    with ``result["jit_error"]`` set when XLA cannot compile it."""
    import time

    import tensorflow as tf

    compiled = tf.function(body, jit_compile=True)
    try:
        with replay.graph_ops_limited(limits):
            t = time.perf_counter()
            compiled(*args, **kwargs)  # traces and compiles
            return compiled, (time.perf_counter() - t) * 1e6
    except Exception as e:
        if replay.stopped(e):
            raise
        first = next((line for line in str(e).splitlines() if line.strip()), "")
        result["jit_error"] = f"XLA cannot compile it: {type(e).__name__}: {first.strip()}"[:300]
        return None, None


def time_paths(ctx: TaskContext, paths: dict, args: tuple, kwargs: dict, budget_s: float,
               min_repeats: int = 3) -> dict:
    """Per-call time of several warm callables in interleaved batches (as ``time_pair``, for any
    number of paths): {path: {"median","p25","p75","min","max"}, "repeats", "calls_per_repeat"}."""
    import time

    from graphviz_app.core.profile.timing import _estimate, _stats

    one = {k: max(_estimate(f, args, kwargs), 1e-7) for k, f in paths.items()}
    size = {k: max(1, int(BATCH_S / s)) for k, s in one.items()}
    batches = int(budget_s / sum(size[k] * one[k] for k in paths))
    batches = max(min_repeats, min(25, batches))
    samples: dict[str, list[float]] = {k: [] for k in paths}
    for b in range(batches):
        ctx.check()
        for k, f in paths.items():
            f(*args, **kwargs)  # untimed: wakes TF's thread pool after the other paths' batch
            t = time.perf_counter()
            for _ in range(size[k]):
                f(*args, **kwargs)
            samples[k].append((time.perf_counter() - t) / size[k])
        ctx.progress((b + 1) / batches)
    return {**{k: _stats(v) for k, v in samples.items()}, "repeats": batches,
            "calls_per_repeat": size}
