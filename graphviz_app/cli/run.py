"""`main.py run` and `main.py examples`: headless, on the same core as the GUI."""
from __future__ import annotations

import sys

from graphviz_app.core.errors import SnippetError


def _limits(args):
    from graphviz_app.core.run.guards import Limits

    limits = Limits(wall_time_s=args.timeout if args.timeout and args.timeout > 0 else None)
    if args.max_elements:
        limits.max_elements = args.max_elements
    if args.max_iterations:
        limits.max_loop_iterations = args.max_iterations
    return limits


def cli_run(args) -> int:
    from graphviz_app.core.examples import load_source

    try:
        name, text = load_source(args.source)
    except SnippetError as e:
        print(f"error: {e.message}", file=sys.stderr)
        return 2
    report = run_in_engine(text, name, _limits(args), memory_limit(args))
    if args.json:
        print(report.to_json(indent=1))
        return report.exit_code
    sys.stdout.write(report.stdout)
    if report.stderr:
        sys.stderr.write(report.stderr)
    print(summary(report), file=sys.stderr)
    return report.exit_code


def memory_limit(args) -> int | None:
    gb = getattr(args, "memory_limit", None)
    return int(gb * (1 << 30)) if gb else None


def run_in_engine(text: str, name: str, limits, memory: int | None = None):
    """Run and profile the snippet in an engine process of its own, as the GUI would."""
    from graphviz_app.core import jobs
    from graphviz_app.core.engine.sync import JobFailed, JobStopped, SyncEngine

    options = {"memory_limit": memory} if memory else {}
    with SyncEngine(**options) as engine:
        try:
            report = engine.call(jobs.run_snippet, text, name, limits, wall_s=jobs.run_wall_s(limits))
        except JobStopped as e:
            return jobs.stopped_report(e.stop.kind, e.stop.message, e.stop.log_tail)
        except JobFailed as e:  # a bug of the app's, not the snippet's: say so plainly
            return jobs.stopped_report("crash", f"the run failed inside the app:\n{e}")
        if report.ok and report.callables:  # timeline and timing of every tf.function
            try:
                report.timeline, report.timing = engine.call(jobs.profile, report,
                                                             wall_s=jobs.PROFILE_WALL_S)
            except (JobStopped, JobFailed) as e:
                print(f"note: profiling stopped: {e}", file=sys.stderr)
    return report


def summary(report) -> str:
    lines = [f"-- {len(report.eager_ops)} eager ops, {len(report.functions)} tf.functions, "
             f"{len(report.tapes)} tapes, {report.wall_s:.2f} s"]
    for fn in report.functions:
        lines.append(f"   tf.function {fn.name}: {fn.traces} trace(s), "
                     f"{len(fn.graph.get('nodes', []))} graph nodes")
    calls = [(tape, call) for tape in report.tapes for call in tape.gradients]
    for tape, call in calls[:5]:
        lines.append(f"   {tape.name}.gradient({call.target}, {', '.join(call.sources)})"
                     f" = {call.values if not call.error else 'error'}")
    if len(calls) > 5:
        lines.append(f"   ... and {len(calls) - 5} more gradient() calls")
    if report.error:
        e = report.error
        where = f" (line {e.line}{f', col {e.col}' if e.col is not None else ''})" if e.line else ""
        lines.append(f"{e.kind} error{where}: {e.message}")
    return "\n".join(lines)


def cli_examples(args) -> int:
    from graphviz_app.core.examples import list_examples

    examples = list_examples()
    width = max(len(e.name) for e in examples)
    for e in examples:
        print(f"{e.name:<{width}}  {e.title}")
        if e.description:
            print(f"{'':<{width}}  {e.description}")
    from graphviz_app.core.graph.zoo import MODELS

    print("\nExample graphs (built on demand from keras.applications, weights=None; nothing is downloaded):")
    width = max(len(m.source) for m in MODELS)
    for m in MODELS:
        print(f"{m.source:<{width}}  {m.title}, about {m.ops:,} ops")
    return 0


