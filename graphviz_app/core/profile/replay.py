"""The limits of a replay: the profiler (and the scale sweep) call a run's functions again after
the run, so they keep to the run's limits: its wall time (a watchdog) and its graph-op limit
(an op callback while anything may trace). The timed calls themselves run without a callback,
which would slow every eager op down and falsify the comparison."""
from __future__ import annotations

import contextlib
import warnings

from graphviz_app.core.errors import LimitError
from graphviz_app.core.messages import message
from graphviz_app.core.run.watchdog import AsyncStop, Watchdog
from graphviz_app.core.tasks import TaskContext


def limits_of(calls):
    """The run's Limits, carried by its FunctionCalls (the defaults when none is)."""
    from graphviz_app.core.run.guards import Limits

    return next((c.limits for c in calls if getattr(c, "limits", None) is not None), Limits())


@contextlib.contextmanager
def within_wall_time(ctx: TaskContext, limits):
    """The replay stops (AsyncStop) at the run's wall time, as the run would have."""
    with Watchdog(ctx, limits.wall_time_s), warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)  # AutoGraph's view of the user's code
        yield


@contextlib.contextmanager
def graph_ops_limited(limits):
    """While this is open, a trace that creates more than ``limits.max_graph_ops`` ops in one
    graph is refused (LimitError), as in the run."""
    from tensorflow.python.framework import op_callbacks

    counts: dict[int, int] = {}

    def count(op_type, inputs, attrs, outputs, op_name=None, graph=None):
        if graph is None:
            return None
        key = id(graph)
        counts[key] = counts.get(key, 0) + 1
        if counts[key] > limits.max_graph_ops:
            raise LimitError(message("limit.graph_ops", limit=limits.max_graph_ops))
        return None

    op_callbacks.add_op_callback(count)
    try:
        yield
    finally:
        op_callbacks.remove_op_callback(count)


def stopped(e: BaseException | None) -> bool:
    """The watchdog's stop, maybe wrapped by TF: it ends the whole replay, never one step."""
    seen = set()
    while e is not None and id(e) not in seen:
        if isinstance(e, AsyncStop):
            return True
        seen.add(id(e))
        e = e.__cause__ or e.__context__
    return False
