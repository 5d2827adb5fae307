"""How long a run takes from the app's side now that TensorFlow runs in the engine process.

    python benchmarks/run_latency.py [--example seed_gradient] [--repeats 15]

Prints, in one run, the median wall time of the example's run three ways: ``run_source`` called
in this process (the anchor: what the old engine thread cost, with TF already imported), the
same job sent to the engine process and its RunReport received (``SyncEngine.call``), and a run
started from the window's RunController until ``run_finished`` reaches the GUI thread. The
difference is the price of the process boundary: pickling the job and the report, the socket,
and Qt's queued delivery. Goal (issue 16): the move costs a run little next to its own time.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def in_process(text: str, name: str, repeats: int) -> list[float]:
    from graphviz_app.core.run.runner import run_source

    run_source(None, text, name=name)  # TF import, first traces
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run_source(None, text, name=name)
        times.append(time.perf_counter() - start)
    return times


def through_engine(text: str, name: str, repeats: int) -> list[float]:
    from graphviz_app.core import jobs
    from graphviz_app.core.engine.sync import SyncEngine

    with SyncEngine() as engine:
        engine.call(jobs.run_snippet, text, name)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            engine.call(jobs.run_snippet, text, name)
            times.append(time.perf_counter() - start)
    return times


def from_the_window(text: str, name: str, repeats: int) -> list[float]:
    from PySide6.QtWidgets import QApplication

    from graphviz_app.ui.common.rendering import wait_until
    from graphviz_app.ui.shell.engine import Engine
    from graphviz_app.ui.shell.run_controller import RunController
    from graphviz_app.ui.views.base import AppContext

    app = QApplication.instance() or QApplication([])  # noqa: F841 (kept alive)
    engine = Engine(preload_tensorflow=True)
    runs = RunController(AppContext(engine))
    done: list = []
    runs.run_finished.connect(done.append)
    times = []
    for i in range(repeats + 1):
        done.clear()
        start = time.perf_counter()
        runs.run(text, name)
        if not wait_until(lambda: bool(done), [runs.run_finished], 300):
            raise TimeoutError("the run did not finish")
        if i:  # the first pays for TF's import
            times.append(time.perf_counter() - start)
    engine.shutdown()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--example", default="seed_gradient")
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args(argv)
    from graphviz_app.core.examples import load_source

    name, text = load_source(args.example)
    anchor = statistics.median(in_process(text, name, args.repeats))
    engine = statistics.median(through_engine(text, name, args.repeats))
    window = statistics.median(from_the_window(text, name, args.repeats))
    print(f"run latency of {args.example}, median of {args.repeats}, {os.cpu_count()} CPUs")
    print(f"  in this process (anchor, the old engine thread): {anchor * 1000:7.1f} ms")
    print(f"  through the engine process (SyncEngine.call):    {engine * 1000:7.1f} ms "
          f"(+{(engine - anchor) * 1000:.1f} ms)")
    print(f"  from the window (RunController to run_finished): {window * 1000:7.1f} ms "
          f"(+{(window - anchor) * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
