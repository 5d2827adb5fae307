"""Soak: every bundled example run 50 times in one process; memory does not grow past 10%.

The rounds run in a fresh subprocess (the test process carries other tests' memory). The
baseline is taken after the first round, once TensorFlow's kernels, AutoGraph's conversions and
the allocator have warmed up. Each measurement follows a full garbage collection and
``malloc_trim`` (glibc keeps freed memory in its arenas otherwise, which is not growth).
Besides the resident size, the caches a run could fill are counted: ``linecache`` entries, the
modules AutoGraph generates, and the functions registered with TensorFlow's eager context.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.support import ROOT

ROUNDS = 50
MAX_GROWTH = 0.10

SOAK = r'''
import ctypes, gc, json, linecache, os, sys, time
from graphviz_app.core.examples import list_examples
from graphviz_app.core.run.runner import run_source

try:
    trim = ctypes.CDLL("libc.so.6").malloc_trim
except (OSError, AttributeError):  # not glibc
    trim = lambda _pad: 0


def rss_mb():
    gc.collect()
    trim(0)
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def caches():
    from tensorflow.python.eager import context
    return {"linecache": len(linecache.cache),
            "autograph_modules": sum(1 for m in sys.modules if m.startswith("__autograph_generated")),
            "eager_functions": len(context.context().list_function_names())}


examples = list_examples()
for number in range(int(sys.argv[1])):
    seconds = {}
    for example in examples:
        start = time.perf_counter()
        report = run_source(None, example.source, name=example.name)
        seconds[example.name] = time.perf_counter() - start
        if not report.ok:
            print(json.dumps({"failed": example.name, "error": report.error.message}), flush=True)
            sys.exit(1)
        del report
    print(json.dumps({"round": number, "rss_mb": rss_mb(), "seconds": seconds, **caches()}), flush=True)
'''


def test_fifty_rounds_of_every_example_do_not_grow_memory():
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2")
    done = subprocess.run([sys.executable, "-c", SOAK, str(ROUNDS)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=1500)
    rounds = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0, (rounds[-1:], done.stderr[-3000:])
    assert len(rounds) == ROUNDS
    baseline, last = rounds[0], rounds[-1]
    peak = max(r["rss_mb"] for r in rounds[1:])
    growth = (last["rss_mb"] - baseline["rss_mb"]) / baseline["rss_mb"]
    per_example = {name: sum(r["seconds"][name] for r in rounds[1:]) / (ROUNDS - 1) for name in baseline["seconds"]}
    print(f"\nsoak: {ROUNDS} rounds x {len(per_example)} examples, "
          f"{sum(sum(r['seconds'].values()) for r in rounds):.0f} s of runs; "
          f"RSS {baseline['rss_mb']:.0f} MB after round 1 -> {last['rss_mb']:.0f} MB after round {ROUNDS} "
          f"({growth:+.1%}, peak {peak:.0f} MB)")
    for name, seconds in sorted(per_example.items(), key=lambda item: -item[1]):
        print(f"  {name:28s} {1000 * seconds:7.0f} ms/run after warm-up")
    assert growth <= MAX_GROWTH and peak <= baseline["rss_mb"] * (1 + MAX_GROWTH)
    for cache in ("linecache", "autograph_modules", "eager_functions"):
        assert last[cache] == rounds[1][cache], (cache, [r[cache] for r in rounds])
