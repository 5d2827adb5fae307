"""`main.py run` and `main.py examples`: headless, on the same core as the GUI."""
from __future__ import annotations

import sys

from graphviz_app.core.errors import SnippetError


def _limits(args):
    from graphviz_app.core.guards import Limits

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
    from graphviz_app.core.runner import run_source

    report = run_source(None, text, name=name, limits=_limits(args))
    if report.ok and report.callables:  # timeline and timing of every tf.function
        from graphviz_app.core.profiling import profile_report

        profile_report(None, report)
    if args.json:
        print(report.to_json(indent=1))
        return report.exit_code
    sys.stdout.write(report.stdout)
    if report.stderr:
        sys.stderr.write(report.stderr)
    print(summary(report), file=sys.stderr)
    return report.exit_code


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
    return 0


