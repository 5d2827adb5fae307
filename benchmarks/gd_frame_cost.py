"""What one frame of the GD lab costs the GUI thread, against the time since the frame before.

    python benchmarks/gd_frame_cost.py [--mode eager|graph] [--rounds 6] [--json]

It records the batches of a real 0.5 s lab run, then replays them into the same view at
1366x768 offscreen (plots frozen, as while training), with a gap before each frame in which the
GUI thread spins on the clock: the CPU never idles and nothing else of ours runs, so the only thing
that changes is how long ago the frame's code and data were last touched. Gaps are taken in turn,
round after round. The frame cost is the GUI thread's CPU time for one batch, as gd_lab.py's
trainer waits for it.

Why it is here: gd_lab.py's ratio (the lab ≥ 90% of the bare loop, issue 7) is decided by what
a frame costs, and at the lab's 34 frames a second (29.4 ms apart) that depends on whether the
machine's caches still hold the frame's working set. Anchor: the same frames back to back.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

GAPS_MS = (0.0, 0.3, 1.0, 3.0, 10.0, 1000 / 34)  # the last: the lab's own frame interval


def spin(seconds: float) -> None:
    """Busy-wait: the thread keeps its CPU and touches next to no memory."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def replay(view, batches: list, gap_s: float) -> list[float]:
    """Draw ``batches`` as a training run would, ``gap_s`` apart; the CPU seconds of each frame."""
    session = view.session
    session._training = True  # (no trainer runs: the frames' turns do not wait for one)
    view._clear_run()  # a fresh run's state, as after Reset, and the plots frozen as at Start
    view._drawn = None
    view.loss_plot.clear_history(view.controls.steps.value())
    for plot in view._plots:
        plot.freeze()
    costs = []
    try:
        for batch in batches:
            spin(gap_s)
            view._last_redraw = 0.0  # every batch is drawn at once, as the lab's on-time frames are
            start = time.thread_time()
            session._on_batch(batch)  # (as the engine's report reaches it)
            costs.append(time.thread_time() - start)
    finally:
        session._training = False
        for plot in view._plots:
            plot.thaw()
    return costs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=("eager", "graph"), default="graph")
    parser.add_argument("--rounds", type=int, default=6, help="replays of the recorded run per gap")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from gd_lab import lab_run, open_lab

    app, engine, view = open_lab()  # noqa: F841 (app kept alive)

    lab_run(view, args.mode, 0.5)  # traces, first frames
    batches: list = []
    draw = view.session._on_batch

    def record(batch) -> None:
        batches.append(batch)
        draw(batch)

    view.session._on_batch = record  # the batches of one run, drawn as usual
    lab_run(view, args.mode, 0.5)
    view.session._on_batch = draw
    costs = {gap: [] for gap in GAPS_MS}
    for i in range(args.rounds):
        for gap in (GAPS_MS if i % 2 == 0 else GAPS_MS[::-1]):
            costs[gap] += replay(view, batches, gap / 1000)
    view.close()
    engine.shutdown()
    medians = {gap: statistics.median(c) for gap, c in costs.items()}
    base = medians[GAPS_MS[0]]
    if args.json:
        print(json.dumps({"mode": args.mode, "frames_per_gap": len(costs[GAPS_MS[0]]),
                          "frame_cost_us": {f"{gap:g}": 1e6 * m for gap, m in medians.items()},
                          "tensorflow": engine.tf_version}, indent=2))
        return 0
    mode = "tf.function" if args.mode == "graph" else "eager"
    print(f"GD lab frame cost (GUI thread CPU per frame, median of {len(costs[GAPS_MS[0]])}): {mode} run of "
          f"{len(batches)} frames replayed, view 1366x768 offscreen, TF {engine.tf_version}, {os.cpu_count()} CPUs")
    print(f"{'gap before each frame':<26}{'frame cost':>12}{'× back to back':>16}")
    for gap, m in medians.items():
        label = f"{gap:.1f} ms" + (" (the lab's)" if gap == GAPS_MS[-1] else " (anchor)" if gap == 0 else "")
        print(f"{label:<26}{1e6 * m:>9.0f} µs{m / base:>15.1f}×")
    print("(the thread spins through each gap: a rise with the gap is the caches losing the frame's")
    print(" code and data to whatever else this machine runs, not work the frame does)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
