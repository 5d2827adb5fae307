"""The optimized graph on request: of a run's function the run left for later (too big, no
time left), and of a loaded GraphDef file. Both run in the engine as jobs (core/jobs.py) and
keep to limits: the run's wall time for a function (a watchdog, and the meta-optimizer's own
timeout), ``SOURCE_BUDGET_S`` for a file.
"""
from __future__ import annotations

from pathlib import Path

from graphviz_app.core.messages import message
from graphviz_app.core.tasks import TaskContext

SOURCE_BUDGET_S = 90.0


def optimized_of_call(ctx: TaskContext | None, call) -> dict:
    from graphviz_app.core.profile import replay
    from graphviz_app.core.rewrite.run import empty, is_jit, optimize_function
    from graphviz_app.core.run.functions import latest_trace
    from graphviz_app.core.run.watchdog import AsyncStop

    ctx = ctx or TaskContext()
    if is_jit(call.function):
        return empty(message("rewrite.note.jit"), jit_compile=True)
    trace = latest_trace(call.function)
    if trace is None:
        return empty(message("rewrite.note.never_traced"))
    limits = replay.limits_of([call])
    budget = limits.wall_time_s or SOURCE_BUDGET_S
    try:
        with replay.within_wall_time(ctx, limits):
            return optimize_function(trace, budget_s=budget, check=ctx.check)
    except AsyncStop as e:
        return empty(message("rewrite.note.stopped", reason=e.message))


def optimized_of_source(ctx: TaskContext | None, source: str) -> dict:
    """A GraphDef file (.pb/.pbtxt) as a session would run it: function calls inlined as the
    graph view shows them (so ``from`` names its nodes), every node placed, the nodes nothing
    consumes fetched. Raises GraphLoadError for anything else or an unreadable file; a graph
    Grappler refuses (a Placeholder without a shape, say) gives a record with its note."""
    from graphviz_app.core.errors import CancelledError
    from graphviz_app.core.graph.graph_def import CALL_OPS, inline_function_calls
    from graphviz_app.core.graph.loaders import GRAPHDEF_SUFFIXES, GraphLoadError, parse_graph_def
    from graphviz_app.core.rewrite import grappler
    from graphviz_app.core.rewrite.run import empty, failed_note

    ctx = ctx or TaskContext()
    path = Path(source)
    if path.suffix.lower() not in GRAPHDEF_SUFFIXES or not path.is_file():
        raise GraphLoadError(f"{path.name}: the optimized graph is computed for GraphDef files "
                             f"(.pb, .pbtxt); save the graph as one first.")
    graph_def = parse_graph_def(path)
    ctx.check()
    if any(n.op in CALL_OPS for n in graph_def.node) and graph_def.library.function:
        library = graph_def.library
        graph_def = inline_function_calls(graph_def, library, ctx)
        graph_def.library.CopyFrom(library)  # While and If bodies stay functions
    device = grappler.runtime_device()
    placed, fetch = grappler.placed_graph_def(graph_def, device)
    try:
        return grappler.optimize(placed, fetch, device=device, budget_s=SOURCE_BUDGET_S,
                                 check=ctx.check)
    except CancelledError:
        raise
    except Exception as e:  # noqa: BLE001 - TF's refusal of this graph is the answer
        return empty(failed_note(e))
