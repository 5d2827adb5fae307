"""Do the timing panel's figures match a plain ``timeit``?

Runs a snippet (default: the lecture's ``seed_tf_function``), fills the timing panel's figures
with ``profile_report`` exactly as the app does, then times the same two callables with the
standard library's ``timeit`` in the same process, and prints both side by side.

    python benchmarks/eager_vs_graph.py [SOURCE] [--budget S]

Exit status 1 if a figure differs from timeit's by more than 25%.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TOLERANCE = 0.25


def plain_timeit(fn, args, kwargs, seconds: float = 0.5) -> float:
    """Median per-call µs over timeit.repeat, with `number` chosen by timeit's autorange."""
    timer = timeit.Timer(lambda: fn(*args, **kwargs))
    number, _ = timer.autorange()
    repeat = max(5, int(seconds / max(1e-9, _ / number) / number))
    return statistics.median(timer.repeat(repeat=min(repeat, 25), number=number)) / number * 1e6


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default="seed_tf_function")
    parser.add_argument("--budget", type=float, default=0.6, help="timing budget per function (s)")
    parser.add_argument("--rounds", type=int, default=9,
                        help="alternate panel and timeit this many times (a shared machine's "
                             "load changes by the second; the median round is compared)")
    args = parser.parse_args(argv)

    from graphviz_app.core.examples import load_source
    from graphviz_app.core.profile.profiling import measure_function, profile_report, quiet_twin
    from graphviz_app.core.run.runner import run_source
    from graphviz_app.core.tasks import TaskContext

    name, text = load_source(args.source)
    report = run_source(None, text, name=name)
    if not report.ok:
        print(f"the snippet failed: {report.error}", file=sys.stderr)
        return 2
    profile_report(None, report, budget_s=args.budget)
    worst = 0.0
    print(f"{'function':<16}{'round':<7}{'side':<7}{'panel µs':>11}{'timeit µs':>11}{'diff':>8}")
    for call in report.callables:
        t = report.timing.get(call.name, {})
        if "error" in t:
            print(f"{call.name:<16}skipped: {t['error']}")
            continue
        twin = quiet_twin(call)
        diffs: dict[str, list[float]] = {"eager": [], "graph": []}
        for r in range(args.rounds):
            if r:  # round 0 is the figure profile_report put in the report
                t = measure_function(TaskContext(), twin, args.budget)
            for side, fn in (("eager", twin.python_function), ("graph", call.function)):
                panel = t[f"{side}_us"]
                plain = plain_timeit(fn, call.args, call.kwargs)
                diffs[side].append((panel - plain) / plain)
                print(f"{call.name:<16}{r:<7}{side:<7}{panel:>11.1f}{plain:>11.1f}"
                      f"{diffs[side][-1]:>+8.0%}")
        for side, d in diffs.items():
            median = statistics.median(d)
            worst = max(worst, abs(median))
            print(f"{call.name:<16}{'median':<7}{side:<7}{'':>22}{median:>+8.0%}")
        print(f"{'':<16}trace {t['trace_us']:.0f} µs, first call {t['first_call_us']:.0f} µs; "
              f"graph/eager = {t['ratio']:.2f}: "
              f"{'tf.function' if t['faster'] == 'graph' else 'eager'} is faster per call "
              f"(timeline from {report.timeline['source']})")
    ok = worst <= TOLERANCE
    print(f"worst median difference {worst:.0%} ({'within' if ok else 'OUTSIDE'} {TOLERANCE:.0%})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
