"""The optimized graph of a run's tf.function, recorded with the run and within its limits.

Grappler is C++ work on a GraphDef: a Python watchdog cannot interrupt it, so it is bounded
before it starts. Graphs above ``MAX_RUN_NODES`` are left for a job the app asks for
(``jobs.optimized_graph``); the rest get what is left of the run's wall time, at most
``RUN_BUDGET_S`` (also handed to the meta-optimizer as its own timeout), under a watchdog.
A function compiled with ``jit_compile=True`` is not rewritten by Grappler at all: XLA
compiles it (``jobs.xla_graph``).
"""
from __future__ import annotations

import time

from graphviz_app.core.messages import message
from graphviz_app.core.run.watchdog import AsyncStop, Watchdog

MAX_RUN_NODES = 1500
RUN_BUDGET_S = 5.0
MIN_BUDGET_S = 0.2


def empty(note: str, **extra) -> dict:
    """An ``optimized`` record without a graph, saying why (a ``messages`` id's text)."""
    return {"device": None, "nodes": [], "passes": [], "exact": False, "passes_complete": False,
            "passes_not_needed": [], "counts": None, "optimize_us": None, "total_us": None, "note": note, **extra}


def is_jit(fn) -> bool:
    return bool(getattr(fn, "_jit_compile", False))


def optimized_in_run(fn, concrete_function, labels: dict, lines: dict, guard) -> dict:
    """``FunctionInfo.optimized`` for the latest trace of ``fn``; never raises."""
    if is_jit(fn):
        return empty(message("rewrite.note.jit"), jit_compile=True)
    try:
        size = len(concrete_function.graph.get_operations())
    except Exception as e:  # noqa: BLE001 - a graph TF cannot list: say so
        return empty(message("rewrite.note.unreadable", error=type(e).__name__))
    if size > MAX_RUN_NODES:
        return empty(message("rewrite.note.too_big", ops=size, limit=MAX_RUN_NODES), deferred=True)
    wall = guard.limits.wall_time_s
    left = RUN_BUDGET_S if wall is None else min(RUN_BUDGET_S, wall - (time.perf_counter() - guard.started))
    if left < MIN_BUDGET_S:
        return empty(message("rewrite.note.no_time"), deferred=True)
    try:
        with Watchdog(guard.context, left):
            return optimize_function(concrete_function, labels, lines, budget_s=left,
                                     check=guard.context.check)
    except AsyncStop as e:
        return empty(message("rewrite.note.stopped", reason=e.message), deferred=True)
    except Exception as e:  # noqa: BLE001 - a cancel or TF's refusal: a note, never the run's error
        return empty(failed_note(e))


def failed_note(error: Exception):
    """Why Grappler refused: the exception's type and the first line TF said."""
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return message("rewrite.note.failed", error=f"{type(error).__name__}: {first}"[:270])


def optimize_function(concrete_function, labels: dict | None = None, lines: dict | None = None,
                      budget_s: float = 30.0, check=None) -> dict:
    """The optimized graph of one concrete function, its nodes mapped to the traced names."""
    from graphviz_app.core.rewrite import grappler

    device = grappler.runtime_device()
    graph_def, fetch, keep, ret_of = grappler.function_graph_def(concrete_function, device)
    initial = {ret: {source} for ret, source in ret_of.items()}
    return grappler.optimize(graph_def, fetch + keep, device=device, initial=initial,
                             labels=labels, lines=lines, budget_s=budget_s, check=check)
