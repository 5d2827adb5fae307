"""Does the window appear well before TensorFlow has loaded, and TF get ready about as fast as
a bare import though it loads in the engine process?

Prints, in one run, the wall time of ``python -c "import tensorflow"`` and the app's
``window_shown_s`` from ``python main.py --startup-report`` (offscreen), each the median of a few
alternating runs, and their ratio against the goal (window_shown_s <= 0.4 x the import time).
``window_shown_s`` is measured in-process from the start of ``graphviz_app.app``; the Python
interpreter's own start-up (``python -c pass``) is printed too and added for the strict ratio.

    python benchmarks/startup.py [--repeats N]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.4
READY_GOAL = 1.1  # issue 16: TF ready in the engine process within 1.1x a bare import


def wall(cmd: list[str], env: dict) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return elapsed, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description="window_shown_s vs import tensorflow")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    imports, shown, ready, bare = [], [], [], []
    for _ in range(args.repeats):
        imports.append(wall([sys.executable, "-c", "import tensorflow"], env)[0])
        _, out = wall([sys.executable, str(ROOT / "main.py"), "--startup-report"], env)
        line = [x for x in out.splitlines() if x.startswith("{")][-1]
        report = json.loads(line)
        shown.append(report["window_shown_s"])
        ready.append(report["tf_ready_s"])
        bare.append(wall([sys.executable, "-c", "pass"], env)[0])
    imp, win, tf_ready, py = (statistics.median(x) for x in (imports, shown, ready, bare))
    print(f"python -c 'import tensorflow': {imp:.2f} s (median of {args.repeats}: "
          + ", ".join(f"{x:.2f}" for x in imports) + ")")
    print(f"window_shown_s: {win:.3f} s (" + ", ".join(f"{x:.3f}" for x in shown) + "); "
          f"tf_ready_s: {tf_ready:.2f} s")
    print(f"python -c pass (interpreter start): {py:.3f} s")
    ratio, strict = win / imp, (win + py) / imp
    verdict = "meets" if strict <= GOAL else "misses"
    print(f"ratio window_shown / import: {ratio:.2f} (with interpreter start {strict:.2f}); "
          f"goal <= {GOAL}: {verdict}")
    ready_ratio = (tf_ready + py) / imp
    print(f"ratio tf_ready (engine process) / import, with interpreter start: {ready_ratio:.2f}; "
          f"goal <= {READY_GOAL}: {'meets' if ready_ratio <= READY_GOAL else 'misses'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
