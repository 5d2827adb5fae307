"""Resource guards of a run: cancel, wall time, loop iterations and tensor sizes.

The instrumented snippet calls ``tick``/``loop``/``binop``/``iter``; the tf wrappers call
``check_elements`` before TensorFlow allocates; the op callback calls ``tick_op``.
"""
from __future__ import annotations

import math
import operator
import time
from dataclasses import dataclass

from graphviz_app.core.errors import LimitError
from graphviz_app.core.tasks import TaskContext


@dataclass
class Limits:
    max_elements: int = 50_000_000
    max_loop_iterations: int = 1_000_000
    wall_time_s: float | None = 60.0
    max_graph_ops: int = 50_000  # ops created while tracing (an unrolled Python loop)


def _dims(value) -> list[int | None] | None:
    """The shape of a tensor-like or Python value as a list; None when not known."""
    shape = getattr(value, "shape", None)
    if shape is not None:
        try:
            dims = list(shape.as_list()) if hasattr(shape, "as_list") else list(shape)
        except ValueError:  # unknown rank
            return None
        return [d if d is None else int(d) for d in dims]
    if isinstance(value, (int, float, bool, complex)):
        return []
    return None


def elements_of_shape(shape) -> int | None:
    """Number of elements a `shape` argument describes (list, tuple, TensorShape, tensor)."""
    if shape is None:
        return None
    if isinstance(shape, (int,)) and not isinstance(shape, bool):
        return shape
    try:
        if hasattr(shape, "numpy"):
            shape = shape.numpy().tolist()
        if hasattr(shape, "as_list"):
            shape = shape.as_list()
        dims = [int(d) for d in (shape if isinstance(shape, (list, tuple)) else [shape])]
    except (TypeError, ValueError, AttributeError):
        return None
    if any(d < 0 for d in dims):
        return None
    return math.prod(dims)


def broadcast_elements(*values) -> int | None:
    """Elements of the broadcast result of element-wise ops on these values (None if unknown)."""
    shapes = [_dims(v) for v in values]
    if any(s is None or None in s for s in shapes):
        return None
    rank = max((len(s) for s in shapes), default=0)
    out = []
    for axis in range(rank):
        sizes = [s[len(s) - rank + axis] for s in shapes if len(s) - rank + axis >= 0]
        non_one = [d for d in sizes if d != 1]
        out.append(max(non_one) if non_one else 1)
    return math.prod(out)


def matmul_elements(a, b) -> int | None:
    sa, sb = _dims(a), _dims(b)
    if not sa or not sb or len(sa) < 2 or len(sb) < 2 or None in sa[-2:] or sb[-1] is None:
        return None
    batch_a, batch_b = [d for d in sa[:-2]], [d for d in sb[:-2]]
    if None in batch_a or None in batch_b:
        return None
    batch = broadcast_elements(_Shaped(batch_a), _Shaped(batch_b)) or 1
    return batch * sa[-2] * sb[-1]


class _Shaped:
    def __init__(self, dims):
        self.shape = dims


def _is_tensor_like(value) -> bool:
    return hasattr(value, "shape") and hasattr(value, "dtype")


class Guard:
    def __init__(self, limits: Limits, context: TaskContext):
        self.limits = limits
        self.context = context
        self.started = time.perf_counter()
        self.iterations = 0
        self.graph_ops = 0
        self.line: int | None = None
        # set by the runner: reads Variable operands so their ReadVariableOp is recorded
        self.read_variables = lambda args, kwargs: (args, kwargs)

    # -- time and cancel -------------------------------------------------------------------
    def tick(self, line: int | None = None) -> None:
        if line is not None:
            self.line = line
        self.context.check()
        wall = self.limits.wall_time_s
        if wall is not None and time.perf_counter() - self.started > wall:
            raise LimitError(f"the run took longer than its wall-time limit of {wall:g} s", self.line)

    def tick_op(self, in_graph: bool) -> None:
        if in_graph:
            self.graph_ops += 1
            if self.graph_ops > self.limits.max_graph_ops:
                raise LimitError(f"tracing created more than {self.limits.max_graph_ops:,} graph ops "
                                 f"(a Python loop in a tf.function is unrolled at trace time; "
                                 f"use tf.range)", self.line)
        self.tick()

    def loop(self, line: int) -> None:
        self.iterations += 1
        if self.iterations > self.limits.max_loop_iterations:
            raise LimitError(f"more than {self.limits.max_loop_iterations:,} loop iterations", line)
        self.tick(line)

    def iter(self, iterable):
        if _is_tensor_like(iterable) and not hasattr(iterable, "numpy"):
            return iterable  # symbolic tensor in a graph: AutoGraph's business
        return self._counted(iterable)

    def _counted(self, iterable):
        for item in iterable:
            self.loop(self.line)
            yield item

    # -- sizes ------------------------------------------------------------------------------
    def check_elements(self, count: int | None, what: str) -> None:
        if count is not None and count > self.limits.max_elements:
            raise LimitError(f"{what} would have {count:,} elements; the limit is "
                             f"{self.limits.max_elements:,} per tensor", self.line)

    def check_length(self, value, what: str) -> None:
        try:
            n = len(value)
        except TypeError:
            return
        if n > self.limits.max_loop_iterations:
            raise LimitError(f"{what} of {n:,} items is over the limit of "
                             f"{self.limits.max_loop_iterations:,}", self.line)

    def binop(self, name: str, a, b):
        (a, b), _ = self.read_variables((a, b), {})
        if _is_tensor_like(a) or _is_tensor_like(b):
            count = matmul_elements(a, b) if name == "matmul" else broadcast_elements(a, b)
            self.check_elements(count, f"the result of '{name}'")
        elif name == "pow" and isinstance(a, int) and isinstance(b, int) and b > 0 and abs(a) > 1:
            bits = b * math.log2(abs(a))
            if bits > 4_000_000:
                raise LimitError(f"{a} ** {b} would have about {int(bits / 3.32):,} digits", self.line)
        elif name == "lshift" and isinstance(a, int) and isinstance(b, int) and b > 4_000_000:
            raise LimitError(f"{a} << {b} is too large", self.line)
        elif name == "mul":
            for seq, n in ((a, b), (b, a)):
                if isinstance(seq, (str, list, tuple, bytes)) and isinstance(n, int):
                    self.check_elements(len(seq) * n, "the repeated sequence")
        return getattr(operator, name)(a, b)
