"""Every job the app sends to the engine process, by name.

A job is ``fn(task_context, *args)``; it runs in the engine process (see ``core/engine``), so
it must be importable there: a function of a core module, never a lambda or a Qt object. Its
arguments and result cross as pickles; TensorFlow objects stay in the engine as handles. The
cost of a graph keeps its jobs beside its measuring code (core/profile/cost_jobs.py) and they are
listed here: ``profile_graph(ctx, source, batch=1, dims=None)``, ``profile_function(ctx, call)``.
"""
from __future__ import annotations

from graphviz_app.core.profile.cost_jobs import profile_function, profile_graph  # noqa: F401 (jobs)
from graphviz_app.core.tasks import TaskContext

# The engine stops a run itself at its wall time (core/watchdog.py); the app kills the engine
# if it has not stopped this long after that (C-level work the watchdog cannot interrupt).
KILL_AFTER_WALL_S = 3.0
PROFILE_WALL_S = 63.0  # profiling keeps to small budgets (core/profiling.py); a run's wall time + 3 s
# what a job that died with the engine ended as, for the user
_STOP_KINDS = {"crash": "crash", "limit": "limit", "cancelled": "cancelled", "restarted": "cancelled"}


def run_wall_s(limits=None) -> float | None:
    """How long the app lets a run's job take before it kills the engine under it."""
    from graphviz_app.core.run.guards import Limits

    wall = (limits or Limits()).wall_time_s
    return wall + KILL_AFTER_WALL_S if wall else None


def stopped_report(kind: str, message: str, log_tail: str = ""):
    """The RunReport of a run that ended without one: the engine died, or never ran it."""
    from graphviz_app.core.errors import ErrorInfo
    from graphviz_app.core.report import RunReport

    return RunReport(ok=False, error=ErrorInfo(_STOP_KINDS.get(kind, kind), message), stderr=log_tail)


def run_snippet(ctx: TaskContext, text: str, name: str = "snippet", limits=None):
    """A RunReport; its tf.functions stay in the engine as handles for profiling."""
    from graphviz_app.core.run.runner import run_source

    return run_source(ctx, text, name=name, limits=limits)


def profile(ctx: TaskContext, report) -> tuple[dict, dict]:
    """(timeline, timing) of a run's tf.functions; the app's report takes them in."""
    from graphviz_app.core.profile.profiling import profile_report

    profile_report(ctx, report)
    return report.timeline, report.timing


def scale_sweep(ctx: TaskContext, call, mode: str, values=None, jit: bool = False) -> dict:
    """Eager vs graph (vs XLA with ``jit``) per-call time as the work grows, with crossovers."""
    from graphviz_app.core.profile.scale_sweep import scale_sweep as sweep

    return sweep(ctx, call, mode, values, jit=jit)


def load_graph(ctx: TaskContext, source: str):
    """A GraphModel, or the loader's message for the user (a str)."""
    from graphviz_app.core.graph.layout_data import no_gc
    from graphviz_app.core.graph.loaders import GraphLoadError
    from graphviz_app.core.graph.loaders import load_graph as load

    try:
        with no_gc():  # tens of thousands of small objects: full collections cost more than the build
            return load(ctx, source)
    except GraphLoadError as e:
        return str(e)


def build_model(ctx: TaskContext, source: str):
    """Build a ``model:NAME`` example graph into the engine's keep (core/graph/zoo.py), so the
    graph view's ``load_graph`` of it that follows is quick: the number of its ops, the message
    for an unknown name (a str), or None if cancelled between the build, trace and convert."""
    from graphviz_app.core.errors import CancelledError
    from graphviz_app.core.graph import zoo

    try:
        return len(zoo.build_graph(ctx, source))
    except zoo.UnknownModelError as e:
        return str(e)
    except CancelledError:
        return None


# ----- the gradient-descent lab: its trainer stays in the engine, the app holds a handle
GD_FRAME_S = 1 / 34  # the engine reports (and the view redraws) 34 times a second


def gd_setup(_ctx: TaskContext, data, config):
    from graphviz_app.core.gd.lab import build_lab

    return build_lab(data, config)


def gd_train(ctx: TaskContext, trainer, lr: float, steps_per_frame: int | None, target: int):
    """Train until the history holds TARGET steps or the app pauses; the app's messages
    ``("lr", x)``, ``("steps_per_frame", n)`` and ``("pause",)`` take effect at the next frame."""
    from graphviz_app.core.gd.config import LiveSettings
    from graphviz_app.core.gd.trainer import train_loop

    settings = LiveSettings(lr, steps_per_frame)

    def apply(message) -> None:
        if message[0] == "lr":
            settings.set_lr(message[1])
        elif message[0] == "steps_per_frame":
            settings.set_steps_per_frame(message[1])
        elif message[0] == "pause":
            settings.request_pause()

    ctx.listen(apply)
    return train_loop(ctx, trainer, settings, target, frame_s=GD_FRAME_S)


def gd_step(ctx: TaskContext, trainer, lr: float) -> None:
    ctx.progress(trainer.run(1, lr=lr))


def gd_reset(_ctx: TaskContext, trainer):
    trainer.reset()
    return trainer.current()


def gd_headless(ctx: TaskContext, problem, config, steps: int) -> dict:
    """``main.py gd``: the whole run, as the dict its --json prints; a device TF does not have
    comes back as ``{"error": message}``."""
    from graphviz_app.core.gd.config import DeviceError
    from graphviz_app.core.gd.lab import run_regression

    try:
        return run_regression(problem, config, steps, ctx)
    except DeviceError as exc:
        return {"error": str(exc)}


# ----- what TF really runs (core/rewrite): Grappler's graph, XLA's kernels, graph diffs
REWRITE_WALL_S = 123.0  # Grappler and XLA are C++ work on the whole graph: a big model takes a while


def optimized_graph(ctx: TaskContext, call) -> dict:
    """The optimized graph of a run's tf.function (FunctionCall) whose run did not record it
    (too big, no time left): core/rewrite/__init__.py, OPTIMIZED."""
    from graphviz_app.core.rewrite.sources import optimized_of_call

    return optimized_of_call(ctx, call)


def optimized_source(ctx: TaskContext, source: str) -> dict | str:
    """The optimized graph of a loaded GraphDef file, or the loader's message (a str)."""
    from graphviz_app.core.graph.loaders import GraphLoadError
    from graphviz_app.core.rewrite.sources import optimized_of_source

    try:
        return optimized_of_source(ctx, source)
    except GraphLoadError as e:
        return str(e)


def xla_graph(ctx: TaskContext, call) -> dict:
    """XLA's kernels for a run's tf.function compiled with jit_compile=True (OPTIMIZED's
    sibling XLA in core/rewrite/__init__.py); ``error`` says why when XLA cannot."""
    from graphviz_app.core.rewrite.xla import xla_graph as describe

    return describe(ctx, call)


def diff_graphs(ctx: TaskContext, a, b):
    """A GraphDiff of two graphs, each a GraphModel or a source the loaders open; a str (the
    loader's message, naming the file) when one cannot be read."""
    from graphviz_app.core.graph.loaders import GraphLoadError
    from graphviz_app.core.graph.loaders import load_graph as load
    from graphviz_app.core.rewrite.diff import diff_models

    models = []
    for source in (a, b):
        if isinstance(source, str):
            try:
                source = load(ctx, source)
            except GraphLoadError as e:
                return str(e)
        models.append(source)
    return diff_models(*models)
