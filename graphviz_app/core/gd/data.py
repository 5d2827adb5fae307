"""The GD lab's problem: 1-D data (synthetic like the lecture's y = 3x + 2, or a CSV), its
closed-form least-squares optimum, and the loss over (w, b) as a surface computed by TF.

No Qt; TensorFlow only inside ``loss_surface`` (run it in the engine process).
"""
from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field

import numpy as np

from graphviz_app.core.messages import message


class DataError(ValueError):
    """Bad data: a CSV row that is not two numbers, too few rows, x without spread."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(f"line {line}: {message}" if line else message)
        self.message = message
        self.line = line


# --------------------------------------------------------------------------- the problem
@dataclass(frozen=True)
class SyntheticSpec:
    """y = w·x + b + N(0, noise²), x uniform in [x_min, x_max]: the lecture's y = 3x + 2."""

    n: int = 100
    w: float = 3.0
    b: float = 2.0
    noise: float = 0.5
    seed: int = 0
    x_min: float = 0.0
    x_max: float = 2.0


@dataclass(frozen=True)
class Optimum:
    w: float
    b: float
    loss: float


@dataclass
class Problem:
    x: np.ndarray  # float32, shape (n,)
    y: np.ndarray
    source: str
    optimum: Optimum = field(init=False)

    def __post_init__(self) -> None:
        self.optimum = closed_form_optimum(self.x, self.y)

    @property
    def n(self) -> int:
        return int(self.x.size)


def closed_form_optimum(x: np.ndarray, y: np.ndarray) -> Optimum:
    """Least squares in float64: the minimum of mean((w·x + b − y)²)."""
    x64, y64 = np.asarray(x, np.float64), np.asarray(y, np.float64)
    if x64.size < 2:
        raise DataError(f"need at least 2 data points, got {x64.size}")
    var_x = x64.var()
    if not var_x > 1e-12 * max(1.0, float(np.abs(x64).max()) ** 2):
        raise DataError("all x values are equal: a line through them is not determined")
    w = float(((x64 - x64.mean()) * (y64 - y64.mean())).mean() / var_x)
    b = float(y64.mean() - w * x64.mean())
    return Optimum(w, b, float(np.mean((w * x64 + b - y64) ** 2)))


def synthetic_problem(spec: SyntheticSpec = SyntheticSpec()) -> Problem:
    if spec.n < 2:
        raise DataError(f"need at least 2 points, got n = {spec.n}")
    rng = np.random.default_rng(spec.seed)
    x = rng.uniform(spec.x_min, spec.x_max, spec.n)
    y = spec.w * x + spec.b + rng.normal(0.0, spec.noise, spec.n)
    source = message("gd.synthetic", w=spec.w, b=spec.b, noise=spec.noise, n=spec.n, seed=spec.seed)
    return Problem(x.astype(np.float32), y.astype(np.float32), source)


def parse_csv(text: str, name: str = "data") -> Problem:
    """Two columns x,y; an optional header; blank lines and ``#`` comments skipped."""
    xs: list[float] = []
    ys: list[float] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = next(csv.reader([line])) if "," in line else line.split()
        fields = [f.strip() for f in fields]
        if len(fields) != 2:
            raise DataError(f"expected 2 columns (x,y), found {len(fields)}: {line!r}", number)
        try:
            x, y = float(fields[0]), float(fields[1])
        except ValueError:
            if not xs and not _looks_numeric(fields[0]) and not _looks_numeric(fields[1]):
                continue  # the header
            bad = fields[0] if not _looks_numeric(fields[0]) else fields[1]
            raise DataError(f"{bad!r} is not a number", number) from None
        if not (math.isfinite(x) and math.isfinite(y)):
            raise DataError(f"values must be finite numbers: {line!r}", number)
        xs.append(x)
        ys.append(y)
    if len(xs) < 2:
        raise DataError(f"{name}: need at least 2 data rows, found {len(xs)}")
    return Problem(np.array(xs, np.float32), np.array(ys, np.float32), name)


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def load_csv(path: str) -> Problem:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from None
    return parse_csv(text, path)


# --------------------------------------------------------------------------- loss surface
@dataclass
class Surface:
    w: np.ndarray  # (nw,)
    b: np.ndarray  # (nb,)
    loss: np.ndarray  # (nb, nw): loss[j, i] = L(w[i], b[j])


def surface_window(problem: Problem, w0: float = 0.0, b0: float = 0.0) -> tuple[float, float, float, float]:
    """A (w, b) window holding the start and the optimum with a margin: (w_lo, w_hi, b_lo, b_hi)."""
    opt = problem.optimum
    out = []
    for a, c in ((w0, opt.w), (b0, opt.b)):
        lo, hi = min(a, c), max(a, c)
        pad = 0.3 * (hi - lo) + 0.5
        out += [lo - pad, hi + pad]
    return tuple(out)


def loss_surface(problem: Problem, window: tuple[float, float, float, float], resolution: int = 121,
                 device: str = "/CPU:0") -> Surface:
    """L(w, b) = mean((w·x + b − y)²) on a grid, by TF, from the data's moments so the memory
    does not grow with the number of points."""
    import tensorflow as tf

    w_lo, w_hi, b_lo, b_hi = window
    with tf.device(device):
        x = tf.constant(problem.x, tf.float64)
        y = tf.constant(problem.y, tf.float64)
        sx, sy, sxx, sxy, syy = (tf.reduce_mean(v) for v in (x, y, x * x, x * y, y * y))
        ws = tf.linspace(tf.constant(w_lo, tf.float64), w_hi, resolution)
        bs = tf.linspace(tf.constant(b_lo, tf.float64), b_hi, resolution)
        w, b = tf.meshgrid(ws, bs)
        loss = w * w * sxx + 2.0 * w * b * sx + b * b - 2.0 * w * sxy - 2.0 * b * sy + syy
    return Surface(ws.numpy(), bs.numpy(), np.maximum(loss.numpy(), 0.0))



def loss_at(problem: Problem, w: float, b: float) -> float:
    """Full-batch loss in float64 (mini-batch runs record the batch's loss)."""
    with np.errstate(over="ignore", invalid="ignore"):
        r = w * problem.x.astype(np.float64) + b - problem.y.astype(np.float64)
        return float(np.mean(r * r))
