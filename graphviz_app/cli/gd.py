"""``main.py gd``: the gradient-descent lab without a window (see DESIGN.md, CLI contract).

Exit codes: 0 the run happened (a divergence is a result, not a failure); 2 bad input (a CSV
row that is not two numbers, a GPU that is not there, a non-positive learning rate).
"""
from __future__ import annotations

import math
import sys


def _fail(message: str, code: int = 2) -> int:
    print(f"gd: {message}", file=sys.stderr)
    return code


def cli_gd(args) -> int:
    from graphviz_app.cli.run import memory_limit
    from graphviz_app.core import jobs
    from graphviz_app.core.engine.sync import JobFailed, JobStopped, SyncEngine
    from graphviz_app.core.gd.config import TrainConfig
    from graphviz_app.core.gd.data import DataError, load_csv, synthetic_problem
    from graphviz_app.core.gd.lab import to_json

    if args.steps < 0:
        return _fail(f"--steps must be 0 or more, not {args.steps}")
    if args.lr is not None and not (math.isfinite(args.lr) and args.lr > 0):
        return _fail(f"--lr must be a positive number, not {args.lr}")
    batch_size = getattr(args, "batch_size", None)
    if batch_size is not None and batch_size < 0:
        return _fail(f"--batch-size must be 0 (full batch) or more, not {batch_size}")
    try:
        problem = load_csv(args.data) if args.data else synthetic_problem()
    except DataError as exc:
        return _fail(f"bad data in {args.data}: {exc}")
    config = TrainConfig(optimizer=args.optimizer, lr=args.lr, batch_size=batch_size or None,
                         mode=args.mode, device=args.device)
    limit = memory_limit(args)
    with SyncEngine(**({"memory_limit": limit} if limit else {})) as engine:
        try:
            result = engine.call(jobs.gd_headless, problem, config, args.steps)
        except JobStopped as exc:
            return _fail(exc.stop.message, 1)
        except JobFailed as exc:
            return _fail(f"the run failed inside the app:\n{exc}", 1)
    if "error" in result:
        return _fail(result["error"])
    print(to_json(result) if args.json else _summary(result))
    return 0


def _summary(r: dict) -> str:
    final, opt = r["final"], r["optimum"]
    mode = "tf.function" if r["mode"] == "graph" else "eager"
    lines = [
        f"data     {r['data']['source']}",
        f"training {r['optimizer']}, lr {r['lr']:g}, batch {r['batch_size']}, {mode} on {r['device']}",
        f"steps    {r['steps']} at {r['steps_per_s']:,.0f} steps/s",
        f"final    w = {final['w']:.6g}  b = {final['b']:.6g}  loss = {final['loss']:.6g}",
        f"optimum  w = {opt['w']:.6g}  b = {opt['b']:.6g}  loss = {opt['loss']:.6g}  (closed form)",
    ]
    if r["diverged"]:
        lines.append(r["message"])
    return "\n".join(lines)
