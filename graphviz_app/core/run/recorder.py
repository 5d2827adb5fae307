"""Records what TensorFlow does while a snippet runs: eager ops, variable reads, labels, tapes
and tf.functions. Lives on the engine process for the duration of one run.
"""
from __future__ import annotations

import contextlib
import math
import sys
import weakref
from typing import Any

import numpy as np

from graphviz_app.core.messages import message
from graphviz_app.core.report import EagerOp, GradientCall, TensorInfo, summarize_array

MAX_RECORDED_OPS = 20_000
OVER_BUDGET_NOTE = ("value not kept: the run's tensors went over its memory budget "
                    "(Limits.max_total_bytes)")
NO_VALUE_DTYPES = {"resource", "variant"}


def tensor_bytes(t) -> int:
    """Bytes of a tensor's buffer from its shape and dtype (0 when not known: symbolic)."""
    try:
        dims = t.shape.as_list()
        size = getattr(t.dtype, "size", 0) or 8  # strings and resources: a pointer's worth
    except (ValueError, AttributeError):
        return 0
    return 0 if None in dims else math.prod(dims) * size


def _dtype_name(t) -> str:
    return getattr(getattr(t, "dtype", None), "name", str(getattr(t, "dtype", "")))


def tensor_info(t, keep_value: bool = True) -> TensorInfo:
    dtype = _dtype_name(t)
    try:
        shape = list(t.shape.as_list())
    except (ValueError, AttributeError):
        shape = []
    value = None
    if not keep_value:
        value = {"size": math.prod(d or 0 for d in shape), "note": OVER_BUDGET_NOTE}
    elif dtype not in NO_VALUE_DTYPES and hasattr(t, "numpy"):
        try:
            # _numpy() shares the tensor's buffer; numpy() would copy a big tensor once more
            read = getattr(t, "_numpy", t.numpy)
            value = summarize_array(np.asarray(read()))
        except Exception:  # noqa: BLE001 - a value TF cannot hand to numpy (a remote device)
            value = None
    return TensorInfo(dtype, shape, value)


WHILE_OPS = {"While", "StatelessWhile"}


def _static_int(tensor) -> int | None:
    """The value of a scalar graph tensor when tracing already knows it."""
    try:
        import tensorflow as tf

        value = tf.get_static_value(tensor)
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


class Recorder:
    def __init__(self, filename: str, guard):
        self.filename = filename
        self.guard = guard
        self.ops: list[EagerOp] = []
        self.dropped = 0
        self._owner: dict[int, int] = {}  # id(eager tensor) -> index of the op that made it
        self._input_ids: list[list[int]] = []
        self._output_ids: list[list[int]] = []
        # Recorded tensors are kept alive so their ids stay theirs, up to the run's memory
        # budget; past it a weak reference forgets an id as soon as its tensor dies.
        self._keep: list[Any] = []
        self._held: set[int] = set()
        self._weak: dict[int, weakref.ref] = {}
        self.kept_bytes = 0
        self.over_budget = 0  # tensors recorded without their value
        self.labels: dict[int, str] = {}  # id(tensor or Variable) -> the user's first name
        self.latest_names: dict[int, str] = {}  # ... and the name it was given last
        self.graph_labels: dict[int, dict[str, str]] = {}  # id(graph) -> op name -> label
        self.functions: list[tuple[Any, str, int | None]] = []  # (tf.function, name, line)
        self.tapes: list[Any] = []
        self.paused = False  # our own reads (snapshots) are not the user's ops
        # replays after the run (tape analysis) are guarded like it but add no ops to it
        self.replaying = False
        self.namespace: dict | None = None  # the snippet's globals, for the tapes' snapshots

    @contextlib.contextmanager
    def pause(self):
        self.paused = True
        try:
            yield
        finally:
            self.paused = False

    # -- where in the snippet ---------------------------------------------------------------
    def current_line(self) -> int | None:
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename == self.filename:
                return frame.f_lineno
            frame = frame.f_back
        return None

    # -- eager ops ----------------------------------------------------------------------------
    def op_callback(self, op_type, inputs, attrs, outputs, op_name=None, graph=None):
        if self.paused:
            return
        self.guard.tick_op(in_graph=graph is not None)
        if graph is None and not self.replaying:
            if isinstance(op_type, bytes):  # some dispatch paths hand over bytes
                op_type = op_type.decode("utf-8", "replace")
            self.record(op_type, inputs or (), outputs or ())
        elif op_type in WHILE_OPS and inputs is not None and len(inputs) > 1:
            self.guard.check_graph_loop(_static_int(inputs[1]))  # maximum_iterations
        # While tracing this runs before anything is allocated; eagerly, after the op, it
        # still stops a run that got a tensor past the limit by a path no wrapper sized.
        for t in outputs or ():
            size = tensor_bytes(t) // max(getattr(t.dtype, "size", 1) or 1, 1)
            self.guard.check_elements(size, f"an output of {op_type}")

    def record(self, op_type: str, inputs, outputs, label: str | None = None) -> None:
        if len(self.ops) >= MAX_RECORDED_OPS:
            self.dropped += 1
            return
        index = len(self.ops)
        if op_type == "ReadVariableOp" and inputs and label is None:
            handle_owner = self._owner.get(id(inputs[0]))
            label = self.ops[handle_owner].label if handle_owner is not None else None
        device = None
        for t in outputs:
            self._owner[id(t)] = index
            device = device or getattr(t, "device", None)
        kept = [self._hold(t) for t in outputs]
        for t in inputs:
            self._hold(t)
        self.over_budget += kept.count(False)
        self._input_ids.append([id(t) for t in inputs])
        self._output_ids.append([id(t) for t in outputs])
        self.ops.append(EagerOp(index, op_type, label, self.current_line(), [],
                                [tensor_info(t, k) for t, k in zip(outputs, kept, strict=True)],
                                device or None))

    def _hold(self, value) -> bool:
        """Keeps ``value`` alive while the budget allows (True); else watches it weakly."""
        key = id(value)
        if key in self._held:
            return True
        size = tensor_bytes(value)
        if self.kept_bytes + size <= self.guard.limits.max_total_bytes:
            self.kept_bytes += size
            self._held.add(key)
            self._keep.append(value)
            return True
        if key not in self._weak:
            try:
                self._weak[key] = weakref.ref(value, lambda ref, key=key: self._forget(key, ref))
            except TypeError:  # not weakly referable: its id is not remembered
                self._owner.pop(key, None)
        return False

    def _forget(self, key: int, ref: weakref.ref) -> None:
        """A tensor kept only weakly died: its id may now be another's."""
        if self._weak.get(key) is ref:
            del self._weak[key]
            for table in (self._owner, self.labels, self.latest_names):
                table.pop(key, None)

    # -- labels ------------------------------------------------------------------------------
    def label(self, value, name: str, line: int):
        plain = (int, float, str, bool, list, tuple, dict)
        if self.replaying or value is None or isinstance(value, plain):
            return value
        self._hold(value)  # the id must stay this value's
        self.latest_names[id(value)] = name
        handle = getattr(value, "handle", None)
        if handle is not None and hasattr(value, "assign"):  # a Variable
            self.labels.setdefault(id(value), name)
            owner = self._owner.get(id(handle))
            if owner is not None and self.ops[owner].label is None:
                self.ops[owner].label = name
            return value
        if hasattr(value, "numpy"):  # an eager tensor
            self.labels.setdefault(id(value), name)
            owner = self._owner.get(id(value))
            if owner is not None and self.ops[owner].label is None:
                self.ops[owner].label = name
        elif hasattr(value, "op") and hasattr(value, "graph"):  # a symbolic tensor while tracing
            self.graph_labels.setdefault(id(value.graph), {}).setdefault(value.op.name, name)
        return value

    def label_seq(self, values, names: tuple, line: int):
        try:
            items = list(values) if isinstance(values, (list, tuple)) else None
        except TypeError:
            items = None
        if items is not None and len(items) == len(names):
            for item, name in zip(items, names, strict=True):
                self.label(item, name, line)
        return values

    def name_of(self, value) -> str:
        """The user's name of a tensor/Variable, else a description of it."""
        name = self.labels.get(id(value))
        if name:
            return name
        owner = self._owner.get(id(value))
        if owner is not None:
            op = self.ops[owner]
            return op.label or f"{op.op}#{owner}"
        if hasattr(value, "numpy") and getattr(value, "shape", None) == ():
            with contextlib.suppress(Exception):  # no readable value: described by type
                return repr(value.numpy().item())
        dtype = getattr(getattr(value, "dtype", None), "name", "?")
        return f"{dtype}{list(getattr(value, 'shape', []))}"

    def output_ids(self, index: int) -> list[int]:
        return self._output_ids[index]

    def input_ids(self, index: int) -> list[int]:
        return self._input_ids[index]

    def latest_name_of(self, value) -> str:
        """The name the user gave a value last: in `y = func(w)`, the result of func is `cc`
        inside func but `y` where tape.gradient(y, w) is called."""
        return self.latest_names.get(id(value)) or self.name_of(value)

    def finish_ops(self) -> list[EagerOp]:
        for op, ids in zip(self.ops, self._input_ids, strict=False):
            names = []
            for i in ids:
                owner = self._owner.get(i)
                if owner is not None and owner != op.index:
                    src = self.ops[owner]
                    names.append(f"#{owner} {src.op}" + (f" ({src.label})" if src.label else ""))
                else:
                    names.append(self.labels.get(i) or "constant")
            op.inputs = names
        return self.ops

    # -- tapes ---------------------------------------------------------------------------------
    def gradient_call(self, target, sources, result, line, error: str | None = None,
                      watch_accessed: bool = True) -> GradientCall:
        single = not isinstance(sources, (list, tuple))
        src_list = [sources] if single else list(sources)
        res_list = [result] if single else list(result or [None] * len(src_list))
        values, reasons = [], []
        for src, res in zip(src_list, res_list, strict=False):
            values.append(None if res is None else tensor_info(res).value)
            reasons.append(None if res is not None or error else self.none_reason(src, watch_accessed))
        return GradientCall(self.latest_name_of(target), [self.latest_name_of(s) for s in src_list],
                            values, line, reasons, error)

    def none_reason(self, source, watch_accessed: bool = True) -> str:
        """Why the gradient for SOURCE is None (a tape with watch_accessed_variables=False
        watched only what watch() named)."""
        name = self.name_of(source)
        if not hasattr(source, "assign"):
            return message("gradient.none.unwatched_tensor", name=name)
        if not getattr(source, "trainable", True):
            return message("gradient.none.untrainable", name=name)
        return message("gradient.none.no_path" if watch_accessed else "gradient.none.not_watched",
                       name=name)
