"""Issue 20's acceptance on ResNet50: ``profile`` of a .keras file, measured against its targets.

In one run: ResNet50 (keras.applications, weights=None, 224x224) is saved as a .keras file in a
temporary folder, and TF's own profiler (tf.compat.v1.profiler, float_operation) counts the FLOPs
of the same model traced at batch 1 (both in a helper process); ``import tensorflow`` is timed
alone; then the whole ``profile FILE --batch 1 --json`` command is timed as a user runs it
(``main.py profile`` once cli/main.py has the command, else its parser on its own). Printed beside
the targets:

- parameters exactly 25,636,712;
- FLOPs within 2% of TF's own profiler on the same graph (7,755,299,312 measured before);
- per-op kernel times summing to 0.5x-2x of wall_us;
- the whole command <= 6x ``import tensorflow`` on this machine (busy machines: both are timed in
  the same run, alternating, median of --repeats).

    python benchmarks/graph_profile.py [--repeats N] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARAMS = 25_636_712
REFERENCE_FLOPS = 7_755_299_312
FLOPS_TOLERANCE = 0.02
RATIO_RANGE = (0.5, 2.0)
COMMAND_GOAL = 6.0

SAVE = """
import sys, keras, tensorflow as tf
from tensorflow.python.profiler import option_builder
model = keras.applications.ResNet50(weights=None)  # 224x224x3
model.save(sys.argv[1])
graph = tf.function(lambda x: model(x)).get_concrete_function(tf.TensorSpec([1, 224, 224, 3])).graph
options = option_builder.ProfileOptionBuilder(option_builder.ProfileOptionBuilder.float_operation())
print(tf.compat.v1.profiler.profile(graph=graph, options=options.with_empty_output().build()).total_float_ops)
"""
HARNESS = """
import argparse, sys
from graphviz_app.cli import profile
parser = argparse.ArgumentParser()
profile.add_parser(parser.add_subparsers(dest="command"))
sys.exit(profile.cli_profile(parser.parse_args(sys.argv[1:])))
"""


def run(cmd: list[str], env: dict) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:3])} ... failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return elapsed, done.stdout


def profile_command(path: Path) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from graphviz_app.cli.main import commands

    args = ["profile", str(path), "--batch", "1", "--json"]
    if "profile" in commands():
        return [sys.executable, str(ROOT / "main.py"), *args]
    return [sys.executable, "-c", HARNESS, *args]


def main() -> int:
    parser = argparse.ArgumentParser(description="issue 20's acceptance on ResNet50")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", default=None, help="save the .keras file here instead of a temp dir")
    args = parser.parse_args()
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    folder = Path(args.keep or tempfile.mkdtemp(prefix="graph_profile_"))
    path = folder / "resnet50.keras"
    _, out = run([sys.executable, "-c", SAVE, str(path)], env)
    tf_flops = int(out.strip().splitlines()[-1])
    command = profile_command(path)
    imports, commands, results = [], [], []
    for _ in range(args.repeats):
        imports.append(run([sys.executable, "-c", "import tensorflow"], env)[0])
        seconds, out = run(command, env)
        commands.append(seconds)
        results.append(json.loads(out))
    print(f"command: {' '.join(command[:2])} ... {' '.join(command[-5:])}")
    for data, seconds in zip(results, commands):
        kernels = sum(o["time_us"] for o in data["ops"])
        print(f"  run: {seconds:.1f} s, wall_us {data['wall_us']:.0f}, kernels {kernels:.0f} us "
              f"({kernels / data['wall_us']:.2f}x)")
    ratios = sorted(sum(o["time_us"] for o in d["ops"]) / d["wall_us"] for d in results)
    ratio = ratios[len(ratios) // 2]
    data = next(d for d in results if sum(o["time_us"] for o in d["ops"]) / d["wall_us"] == ratio)
    kernels = sum(o["time_us"] for o in data["ops"])
    flops_error = abs(data["flops"] - tf_flops) / tf_flops
    imp, cmd = statistics.median(imports), statistics.median(commands)
    checks = [
        ("parameters", f"{data['params']:,}", f"exactly {PARAMS:,}", data["params"] == PARAMS),
        ("FLOPs", f"{data['flops']:,} (TF's profiler here: {tf_flops:,}; {flops_error:.3%} off)",
         f"within {FLOPS_TOLERANCE:.0%} of TF's profiler (reference {REFERENCE_FLOPS:,})",
         flops_error <= FLOPS_TOLERANCE),
        ("kernel sum / wall_us", f"{kernels / 1e3:.1f} ms / {data['wall_us'] / 1e3:.1f} ms = {ratio:.2f}x",
         f"{RATIO_RANGE[0]}x-{RATIO_RANGE[1]}x", RATIO_RANGE[0] <= ratio <= RATIO_RANGE[1]),
        ("profile command", f"{cmd:.1f} s = {cmd / imp:.2f}x import tensorflow ({imp:.1f} s)",
         f"<= {COMMAND_GOAL:.0f}x", cmd <= COMMAND_GOAL * imp),
    ]
    print(f"ResNet50 .keras, batch 1, {len(data['ops'])} ops, median of {args.repeats} runs:")
    for name, value, goal, ok in checks:
        print(f"  {name:<22} {value:<70} goal {goal:<45} {'ok' if ok else 'MISSED'}")
    return 0 if all(ok for *_, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
