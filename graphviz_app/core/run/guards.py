"""Resource guards of a run: cancel, wall time, loop iterations, tensor sizes, and the sizes of
plain-Python values and of the run's output.

The instrumented snippet calls ``tick``/``loop``/``binop``/``iter`` (and ``method``/``format_value``
where the instrumenter routes method calls and f-string fields); the tf wrappers call
``check_call`` before TensorFlow allocates; the op callback calls ``tick_op``. Every check runs
*before* the value it guards is built.
"""
from __future__ import annotations

import contextlib
import operator
import time
from dataclasses import dataclass

from graphviz_app.core.errors import LimitError
from graphviz_app.core.messages import message
from graphviz_app.core.run import py_checks, size_checks
from graphviz_app.core.run.size_checks import Unknown
from graphviz_app.core.tasks import TaskContext

# kept for callers of the old module-level helpers
broadcast_elements = size_checks.broadcast_elements
matmul_elements = size_checks.matmul_elements
elements_of_shape = size_checks.elements_of_shape


@dataclass
class Limits:
    max_elements: int = 50_000_000
    max_loop_iterations: int = 1_000_000
    wall_time_s: float | None = 60.0
    max_graph_ops: int = 50_000  # ops created while tracing (an unrolled Python loop)
    # what the recorder keeps alive and summarised for the report, all tensors together
    max_total_bytes: int = 1_500_000_000
    # characters of a str, bytes or items of a list/tuple built by plain Python
    max_python_items: int = 10_000_000
    max_int_bits: int = 4_000_000  # about 1.2 million decimal digits
    max_output_chars: int = 10_000_000  # print() output kept for the report
    max_nesting: int = size_checks.MAX_NESTING  # nested lists handed to TensorFlow


def _is_tensor_like(value) -> bool:
    return hasattr(value, "shape") and hasattr(value, "dtype")


class Guard:
    def __init__(self, limits: Limits, context: TaskContext):
        self.limits = limits
        self.context = context
        self.started = time.perf_counter()
        self.iterations = 0
        self.graph_ops = 0
        self.output_chars = 0
        self.line: int | None = None
        # set by the runner: reads Variable operands so their ReadVariableOp is recorded
        self.read_variables = lambda args, kwargs: (args, kwargs)
        # ... and runs the guards' own TF ops unrecorded (tf.print's string lengths)
        self.quietly = contextlib.nullcontext

    def reset_counters(self) -> None:
        """A replay after the run (tape analysis) gets the run's limits afresh, but not its
        wall time: that keeps counting from the run's start."""
        self.iterations = self.graph_ops = self.output_chars = 0

    def refuse(self, message: str) -> None:
        raise LimitError(message, self.line)

    # -- time and cancel -------------------------------------------------------------------
    def tick(self, line: int | None = None) -> None:
        if line is not None:
            self.line = line
        self.context.check()
        wall = self.limits.wall_time_s
        if wall is not None and time.perf_counter() - self.started > wall:
            self.refuse(message("limit.wall_time", seconds=wall))

    def tick_op(self, in_graph: bool) -> None:
        if in_graph:
            self.graph_ops += 1
            if self.graph_ops > self.limits.max_graph_ops:
                self.refuse(message("limit.graph_ops", limit=self.limits.max_graph_ops))
        self.tick()

    def loop(self, line: int) -> None:
        self.iterations += 1
        if self.iterations > self.limits.max_loop_iterations:
            raise LimitError(message("limit.loop", limit=self.limits.max_loop_iterations), line)
        self.tick(line)

    def check_graph_loop(self, iterations: int | None) -> None:
        """A while loop built while tracing, whose trip count is known then (tf.range(n) with a
        constant n): it counts against the loop limit as the same loop in Python would."""
        if iterations is not None and iterations > self.limits.max_loop_iterations:
            self.refuse(message("limit.graph_loop", iterations=iterations, limit=self.limits.max_loop_iterations))

    def iter(self, iterable):
        if _is_tensor_like(iterable) and not hasattr(iterable, "numpy"):
            return iterable  # symbolic tensor in a graph: AutoGraph's business
        return self._counted(iterable)

    def _counted(self, iterable):
        for item in iterable:
            self.loop(self.line)
            yield item

    # -- tensor sizes -----------------------------------------------------------------------
    def check_elements(self, count: int | None, what: str) -> None:
        if count is not None and count > self.limits.max_elements:
            self.refuse(message("limit.elements", what=what, count=count, limit=self.limits.max_elements))

    def check_call(self, path: str, arguments: dict) -> None:
        """Every argument of a tf call and its result, read through size_checks."""
        try:
            count, what = size_checks.largest_elements(path, arguments)
        except RecursionError:
            self.refuse(message("limit.nested_argument", path=path))
        self.check_elements(count, f"{what} of {path}(...)")

    def check_length(self, value, what: str) -> None:
        try:
            n = len(value)
        except TypeError:
            return
        if n > self.limits.max_loop_iterations:
            self.refuse(message("limit.length", what=what, count=n, limit=self.limits.max_loop_iterations))

    # -- plain-Python sizes -----------------------------------------------------------------
    def check_items(self, count: int | None, what: str) -> None:
        if count is not None and count > self.limits.max_python_items:
            self.refuse(message("limit.items", what=what, count=count, limit=self.limits.max_python_items))

    def check_text(self, value, what: str = "the text of a value") -> None:
        """Refuses str()/print() of a value whose text would be over the limit."""
        length = py_checks.text_length(value, self.limits.max_python_items)
        self.check_items(length, what)

    def check_int_bits(self, bits: int | None, what: str) -> None:
        if bits is not None and bits > self.limits.max_int_bits:
            self.refuse(message("limit.int_digits", what=what, digits=int(bits * 0.30103),
                                limit=int(self.limits.max_int_bits * 0.30103)))

    def binop(self, name: str, a, b):
        (a, b), _ = self.read_variables((a, b), {})
        if _is_tensor_like(a) or _is_tensor_like(b):
            self._check_tensor_binop(name, a, b)
        elif name == "add":
            self.check_items(py_checks.concat_length(a, b), "the joined sequence")
        elif name == "mul":
            self.check_items(py_checks.repeat_length(a, b), "the repeated sequence")
            self.check_int_bits(py_checks.int_result_bits(name, a, b), f"the product '{name}'")
        elif name in ("pow", "lshift"):
            self.check_int_bits(py_checks.int_result_bits(name, a, b), f"the result of '{name}'")
        elif name == "mod" and isinstance(a, (str, bytes, bytearray)):
            self.check_items(py_checks.percent_format_widths(a, b), "a %-format field")
            self.check_text(b, "the %-formatted values")
        return getattr(operator, name)(a, b)

    def _check_tensor_binop(self, name: str, a, b) -> None:
        try:
            self.check_elements(max(size_checks.elements_of(a), size_checks.elements_of(b)),
                                f"an operand of '{name}'")
            count = (size_checks.matmul_elements(a, b) if name == "matmul"
                     else size_checks.broadcast_elements(a, b))
        except Unknown:
            return
        self.check_elements(count, f"the result of '{name}'")

    def method(self, obj, name: str, /, *args, **kwargs):
        """``obj.name(*args, **kwargs)`` for the snippet's allowed methods, after checking what
        would grow: join, extend, insert/append, replace, tolist, the tape's jacobian."""
        bound = getattr(obj, name)
        if name == "join":
            items = list(args[0]) if args and not isinstance(args[0], (list, tuple)) else None
            if items is not None:
                self.check_items(len(items), "the joined items")
                args = (items,) + args[1:]
            self.check_items(py_checks.join_length(obj, args[0] if args else None),
                             "the joined text")
        elif name == "extend" and args and hasattr(args[0], "__len__"):
            self.check_items(len(obj) + len(args[0]), "the extended list")
        elif name in ("append", "insert") and isinstance(obj, list):
            self.check_items(len(obj) + 1, "the list")
        elif name == "replace" and isinstance(obj, (str, bytes, bytearray)):
            self.check_items(py_checks.replace_length(obj, *args, **kwargs), "the replaced text")
        elif name == "tolist" and _is_tensor_like(obj):
            try:
                self.check_items(size_checks.elements_of(obj), "the Python list")
            except Unknown:
                pass
        return bound(*args, **kwargs)

    def format_value(self, value, conversion: int = -1, spec: str = "") -> str:
        """An f-string field ``{value!conversion:spec}``, its width and text checked first."""
        self.check_items(py_checks.format_spec_width(spec), "a formatted field")
        self.check_text(value, "a formatted field")
        if conversion == ord("r"):
            value = repr(value)
        elif conversion == ord("a"):
            value = ascii(value)
        elif conversion == ord("s"):
            value = str(value)
        return format(value, spec)

    # -- output -----------------------------------------------------------------------------
    def charge_output(self, chars: int) -> None:
        """Output written elsewhere (tf.print's stream) counts against the same limit."""
        self.output_chars += chars
        if self.output_chars > self.limits.max_output_chars:
            self.refuse(message("limit.output", limit=self.limits.max_output_chars))

    def write_output(self, write, text: str) -> None:
        """Passes print() output on up to the run's output limit, then stops the run."""
        room = self.limits.max_output_chars - self.output_chars
        self.output_chars += len(text)
        if len(text) > room:
            write(text[:max(room, 0)])
            self.refuse(message("limit.output", limit=self.limits.max_output_chars))
        write(text)

