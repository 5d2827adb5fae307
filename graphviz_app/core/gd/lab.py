"""The GD lab's runs as a whole: a headless run for ``main.py gd`` and the setup the view starts from.

Both call TensorFlow: run them in the engine process (or in a headless process).
"""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field

from graphviz_app.core.gd.config import DeviceError, LiveSettings, TrainConfig
from graphviz_app.core.gd.data import (
    DataError,
    Problem,
    Surface,
    SyntheticSpec,
    load_csv,
    loss_at,
    loss_surface,
    surface_window,
    synthetic_problem,
)
from graphviz_app.core.gd.trainer import Trainer, train_loop
from graphviz_app.core.tasks import TaskContext


# --------------------------------------------------------------------------- headless run
def run_regression(problem: Problem, config: TrainConfig, steps: int,
                   ctx: TaskContext | None = None) -> dict:
    """Train ``steps`` steps headless; the dict the ``gd --json`` command prints."""
    ctx = ctx or TaskContext()
    trainer = Trainer(problem, config)
    settings = LiveSettings(config.learning_rate)
    outcome = train_loop(ctx, trainer, settings, steps, frame_s=0.25)
    w, b = trainer.current()
    opt = problem.optimum
    final_loss = loss_at(problem, w, b)
    div = outcome.divergence
    return {
        "device": trainer.devices["variables"], "devices": trainer.devices, "mode": config.mode,
        "optimizer": config.optimizer, "lr": config.learning_rate,
        "batch_size": config.batch_size or problem.n, "steps": outcome.steps,
        "final": {"w": w, "b": b, "loss": final_loss},
        "optimum": asdict(opt), "relative_gap": (final_loss - opt.loss) / opt.loss if opt.loss > 0 else None,
        "steps_per_s": outcome.steps_per_s, "trace_s": trainer.trace_s,
        "diverged": div is not None, "diverged_at": div.step if div else None,
        "message": div.message if div else None, "stopped": outcome.reason,
        "data": {"source": problem.source, "n": problem.n},
    }


def to_json(result: dict, indent: int | None = 2) -> str:
    """JSON with NaN/inf spelled as strings, like the RunReport."""

    def clean(v):
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items()}
        if isinstance(v, float) and not math.isfinite(v):
            return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
        return v

    return json.dumps(clean(result), indent=indent, ensure_ascii=False)


# --------------------------------------------------------------------------- the lab's setup
@dataclass
class LabSetup:
    """What the GD lab needs to start: built in the engine process, read by the GUI."""

    trainer: Trainer | None  # only the engine process may call it
    problem: Problem | None
    surface: Surface | None
    config: TrainConfig
    devices: dict = field(default_factory=dict)
    error: str | None = None  # a DataError/DeviceError message for the user


def build_lab(data: SyntheticSpec | str, config: TrainConfig, resolution: int = 121) -> LabSetup:
    """Problem (synthetic spec or CSV path), trainer and loss surface; errors come back as text."""
    try:
        problem = load_csv(data) if isinstance(data, str) else synthetic_problem(data)
        trainer = Trainer(problem, config)
    except (DataError, DeviceError) as exc:
        return LabSetup(None, None, None, config, error=str(exc))
    window = surface_window(problem, config.w0, config.b0)
    surface = loss_surface(problem, window, resolution, trainer.device)
    return LabSetup(trainer, problem, surface, config, trainer.devices)
