"""Eager vs tf.function vs tf.function(jit_compile=True): where each starts to win.

Runs a snippet (default: the lecture's ``seed_tf_function``), then the scale sweep with its third
path on, exactly as the app's engine job does (``jobs.scale_sweep(..., jit=True)``): the three
paths timed in one run, in interleaved batches, as medians; the body repeated k times (``k``)
and its tensors grown to n elements (``n``). Prints each point and the crossovers.

    python benchmarks/three_paths.py [SOURCE] [--mode k|n|both] [--budget S]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", default="seed_tf_function")
    parser.add_argument("--mode", choices=["k", "n", "both"], default="both")
    parser.add_argument("--budget", type=float, default=0.3, help="seconds of timing per point")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from graphviz_app.core.examples import load_source
    from graphviz_app.core.profile.scale_sweep import scale_sweep
    from graphviz_app.core.run.runner import run_source

    name, text = load_source(args.source)
    report = run_source(None, text, name=name)
    if not report.callables:
        print(f"{name} has no tf.function", file=sys.stderr)
        return 2
    sweeps = [scale_sweep(None, report.callables[0], mode, budget_s=args.budget, jit=True)
              for mode in (("k", "n") if args.mode == "both" else (args.mode,))]
    if args.json:
        print(json.dumps(sweeps, indent=1))
        return 0
    for sweep in sweeps:
        print(f"\n{name}, mode {sweep['mode']} ({'chained' if sweep['chained'] else 'repeated'})"
              f"{'  error: ' + sweep['error'] if sweep['error'] else ''}"
              f"{'  jit: ' + sweep['jit_error'] if sweep['jit_error'] else ''}")
        print(f"{sweep['mode']:>9} {'eager µs':>10} {'graph µs':>10} {'jit µs':>10} {'compile ms':>11}")
        for p in sweep["points"]:
            print(f"{p['x']:>9} {p['eager_us']:>10.1f} {p['graph_us']:>10.1f} "
                  f"{p.get('jit_us', float('nan')):>10.1f} {p.get('jit_compile_us', 0) / 1e3:>11.1f}")
        for pair, c in sweep["crossovers"].items():
            fast, slow = pair.split("_vs_")
            where = (f"{sweep['mode']} ≈ {c['x']} (between {c['between'][0]} and {c['between'][1]})"
                     if c["x"] is not None else
                     f"{fast} always faster" if c[f"{fast}_always_faster"] else
                     f"{slow} always faster" if c[f"{slow}_always_faster"] else "no single crossover")
            print(f"  {fast} overtakes {slow}: {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
