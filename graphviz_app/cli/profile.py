"""``main.py profile SOURCE [--batch N] [--dim NAME:AXIS=SIZE] [--json]``: per-op kernel time,
bytes, FLOPs and parameters of a graph, measured under TensorFlow's profiler on the engine.

SOURCE is a ``.keras`` file, a SavedModel folder, a GraphDef (``.pb``/``.pbtxt``), ``model:NAME``
(fed generated inputs at ``--batch``, default 1), or an example name or ``.py`` snippet (its last
tf.function, on the arguments of its last call). The text form prints the totals, the slowest
ops and the slowest groups; ``--json`` prints exactly ``{"source", "batch", "params", "flops",
"wall_us", "ops": [{"name", "op", "group", "time_us", "bytes", "flops", "params"}]}`` (ops slowest
first; ``batch`` is null for a snippet, whose function keeps its own arguments).

Exit codes: 0 measured; 2 a SOURCE or argument that cannot be used, or input dimensions to give
(the message names the inputs and axes: ``--dim NAME:AXIS=SIZE``); 1 the model failed to run
(TensorFlow's message) or the engine crashed; 3 a limit stopped it (memory at this batch, or
``--timeout``). This process imports neither Qt nor TensorFlow: the work is a job on the engine.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from graphviz_app.cli.options import memory_option

TOP_OPS = 20
TOP_GROUPS = 10
DEFAULT_TIMEOUT_S = 600.0
GB = 1 << 30
# the engine's CPU allocator traces every allocation only when it is a BFC allocator: then each
# op's bytes are measured, not inferred from shapes (read once, when TensorFlow starts)
BFC_ENV = "TF_CPU_ALLOCATOR_USE_BFC"
OPTIONS_HINT = " (--batch N, --memory-limit GB)"


class ProfileCliError(Exception):
    """Something to tell the user; ``code`` is the exit code."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def add_parser(subparsers) -> argparse.ArgumentParser:
    """The ``profile`` command's parser, added to SUBPARSERS (``cli/main.py``'s)."""
    p = subparsers.add_parser("profile", help="per-op time, bytes, FLOPs and parameters of a graph")
    p.add_argument("source", help="a .keras file, SavedModel folder, GraphDef, model:NAME, or an "
                                  "example or .py snippet (its last tf.function)")
    p.add_argument("--batch", type=_batch, default=None,
                   help="batch size of the generated inputs (graphs only; default 1)")
    p.add_argument("--dim", action="append", default=[], metavar="NAME:AXIS=SIZE",
                   help="size of an input's unknown dimension, e.g. tokens:1=128 (repeat for more)")
    p.add_argument("--json", action="store_true", help="print the measurements as JSON")
    p.add_argument("--top", type=int, default=TOP_OPS, help=f"ops listed in the text form (default {TOP_OPS})")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S,
                   help=f"wall-time limit of the measuring, in seconds (default {DEFAULT_TIMEOUT_S:.0f})")
    memory_option(p)
    return p


def _batch(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"the batch size must be at least 1, not {value}")
    return value


def cli_profile(args) -> int:
    try:
        cost = profile(args)
    except ProfileCliError as e:
        print(f"profile: {e}", file=sys.stderr)
        return e.code
    if args.json:
        print(json.dumps(cost.cli_json()))
    else:
        print(report_text(cost, max(0, getattr(args, "top", TOP_OPS))))
    return 0


def profile(args):
    """The GraphCost of ARGS.source; raises ProfileCliError with the message and exit code."""
    from graphviz_app.core.profile.inputs import dims_from

    try:
        dims = dims_from(args.dim)
    except ValueError as e:
        raise ProfileCliError(f"--dim {e}", 2) from None
    source = args.source
    snippet = None if _is_graph(source) else _read_snippet(source)
    if snippet is not None and args.batch is not None:
        raise ProfileCliError(f"{source}: --batch applies to graphs; a snippet's tf.function runs on the "
                              f"arguments of its last call.", 2)
    limit = int(args.memory_limit * GB) if getattr(args, "memory_limit", None) else None
    with start_engine(limit) as engine:
        return profile_with(engine, args, snippet, dims)


def start_engine(memory_limit: int | None = None):
    """An engine process of its own, its CPU allocator tracing every allocation (the variable is
    set only while the process starts, which copies the environment)."""
    from graphviz_app.core.engine.sync import SyncEngine

    before = os.environ.get(BFC_ENV)
    os.environ.setdefault(BFC_ENV, "true")
    try:
        return SyncEngine(**({"memory_limit": memory_limit} if memory_limit else {}))
    finally:
        if before is None:
            os.environ.pop(BFC_ENV, None)


def profile_with(engine, args, snippet: tuple[str, str] | None, dims: dict):
    """The GraphCost of ARGS.source measured on a running SyncEngine (SNIPPET: (name, text) of a
    snippet source, else None); raises ProfileCliError."""
    limit = engine.process.memory_limit
    if snippet is None:
        batch = args.batch or 1
        result = _call(engine, args, batch, limit, "profile_graph", args.source, batch, dims)
    else:
        call, name = _snippet_call(engine, *snippet)
        result = _call(engine, args, None, limit, "profile_function", call, name)
    return _checked(result)


def _is_graph(source: str) -> bool:
    """A graph source (checked here, without the engine), or False for a snippet."""
    from graphviz_app.core.graph import zoo
    from graphviz_app.core.graph.loaders import is_graph_source

    if zoo.is_model_source(source):
        try:
            zoo.find_model(source)
        except zoo.UnknownModelError as e:
            raise ProfileCliError(str(e), 2) from None
        return True
    if is_graph_source(source):
        if not Path(source).exists():
            raise ProfileCliError(f"{source}: no such file or folder.", 2)
        return True
    return False


def _read_snippet(source: str) -> tuple[str, str]:
    from graphviz_app.core.errors import SnippetError
    from graphviz_app.core.examples import load_source

    try:
        return load_source(source)
    except SnippetError as e:
        raise ProfileCliError(f"{e.message} (nor a graph: a .keras file, a SavedModel folder, a "
                              f".pb/.pbtxt GraphDef or model:NAME)", 2) from None


def _call(engine, args, batch: int | None, limit: int, job: str, *job_args):
    from graphviz_app.core.engine.sync import JobFailed, JobStopped
    from graphviz_app.core.profile import cost_jobs

    try:
        return engine.call(getattr(cost_jobs, job), *job_args, wall_s=args.timeout)
    except JobStopped as e:
        stop = e.stop
        if stop.kind == "limit" and "memory" in stop.message:
            from graphviz_app.core.profile.cost_jobs import limit_message

            raise ProfileCliError(limit_message(batch, limit, stop.message) + OPTIONS_HINT, 3) from None
        if stop.kind == "limit":
            raise ProfileCliError(f"stopped after --timeout {args.timeout:g} s: {stop.message}", 3) from None
        raise ProfileCliError(f"TensorFlow's engine process stopped ({stop.kind}): {stop.message}",
                              3 if stop.kind == "cancelled" else 1) from None
    except JobFailed as e:
        raise ProfileCliError(f"the app failed inside the engine:\n{e}", 1) from None


def _snippet_call(engine, name: str, text: str):
    """(FunctionCall handle, name) of the snippet's last tf.function, run on the engine."""
    from graphviz_app.core import jobs
    from graphviz_app.core.engine.sync import JobFailed, JobStopped
    from graphviz_app.core.run.guards import Limits

    limits = Limits()
    try:
        report = engine.call(jobs.run_snippet, text, name, limits, wall_s=jobs.run_wall_s(limits))
    except (JobStopped, JobFailed) as e:
        raise ProfileCliError(f"{name}: the run stopped: {e}", 1) from None
    if not report.ok:
        error = report.error
        raise ProfileCliError(f"{name}: {error.kind} error: {error.message}" if error else f"{name} failed",
                              report.exit_code or 1)
    calls = [c for c in (report.callables or []) if c.function is not None]
    if not calls:
        raise ProfileCliError(f"{name} calls no tf.function: there is no graph to profile.", 2)
    last = report.functions[-1].name if report.functions else None
    call = next((c for c in reversed(calls) if c.name == last), calls[-1])
    return call, call.name


def _checked(result):
    from graphviz_app.core.profile.cost_jobs import ProfileProblem

    if not isinstance(result, ProfileProblem):
        return result
    if result.kind == "unknown_dims":
        example = " ".join(f"--dim {item['name']}:{axis}=SIZE" for item in result.inputs or []
                           for axis in (item["unknown"] or [1]))
        raise ProfileCliError(f"{result.message} Give them with --dim NAME:AXIS=SIZE, e.g. {example}", 2)
    codes = {"source": 2, "run": 1, "limit": 3}
    prefix = "the model failed to run: " if result.kind == "run" else ""
    hint = OPTIONS_HINT if result.kind == "limit" else ""
    raise ProfileCliError(prefix + result.message + hint, codes.get(result.kind, 1))


# ----- the text form ---------------------------------------------------------------------------
def report_text(cost, top: int = TOP_OPS) -> str:
    from graphviz_app.core.profile.graph_cost import sorted_ops, totals_by_group

    batch = f", batch {cost.batch}" if cost.batch is not None else ""
    measured = "allocated" if cost.bytes_source == "allocator" else "output bytes"
    lines = [f"{cost.source}{batch}: {len(cost.ops):,} ops",
             f"params {cost.params:,}   FLOPs {cost.flops:,} ({_si(cost.flops)})   "
             f"{_time(cost.wall_us)} per call (kernels {_time(cost.kernel_us)})   "
             f"{_si(cost.bytes, 'B')} {measured} per call",
             "", f"top {top} ops by kernel time (median of {cost.repeats.get('profiled', 0)} profiled calls):",
             _row("time", "share", "bytes", "FLOPs", "params", "op", "name")]
    total = cost.kernel_us or 1.0
    for op in sorted_ops(cost.ops)[:top]:
        lines.append(_row(_time(op["time_us"]), f"{op['time_us'] / total:.1%}", _si(op["bytes"], "B"),
                          _si(op["flops"]), f"{op['params']:,}", op["kernel"] or op["op"], op["name"]))
    groups = sorted(totals_by_group(cost.ops).items(), key=lambda kv: -kv[1]["time_us"])[:TOP_GROUPS]
    lines += ["", f"top {len(groups)} groups (name scopes) by kernel time:",
              _row("time", "share", "bytes", "FLOPs", "params", "ops", "group")]
    for name, t in groups:
        lines.append(_row(_time(t["time_us"]), f"{t['time_us'] / total:.1%}", _si(t["bytes"], "B"),
                          _si(t["flops"]), f"{t['params']:,}", str(t["ops"]), name or "(top level)"))
    lines += [f"note: {n}" for n in cost.notes]
    return "\n".join(lines)


def _row(*cells: str) -> str:
    widths = (10, 7, 10, 10, 11, 24)
    return "  ".join(c.rjust(w) if k < 5 else c.ljust(w) for k, (c, w) in enumerate(zip(cells, widths))) \
        + "  " + cells[-1]


def _time(us: float) -> str:
    if us >= 1e6:
        return f"{us / 1e6:.2f} s"
    return f"{us / 1e3:.2f} ms" if us >= 1e3 else f"{us:.1f} µs"


def _si(value: float, unit: str = "") -> str:
    for scale, prefix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= scale:
            return f"{value / scale:.2f} {prefix}{unit}"
    return f"{value:g} {unit}".rstrip()
