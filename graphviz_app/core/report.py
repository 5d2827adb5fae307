"""RunReport: everything TensorFlow did during one run of a snippet, as JSON-able data."""
from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any

import numpy as np

from graphviz_app.core.errors import ErrorInfo

FULL_VALUE_MAX_ELEMENTS = 1000


def _json_number(x: Any) -> Any:
    """Python scalar for JSON; non-finite floats become the strings JSON readers know."""
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    if isinstance(x, (bytes, np.bytes_)):
        return x.decode("utf-8", "replace")
    if isinstance(x, complex):
        return [x.real, x.imag]
    return str(x)


def _nested(a: np.ndarray) -> Any:
    # tuples, not lists: the garbage collector untracks tuples of plain numbers, and a run's
    # values are hundreds of thousands of them (full collections stalled the GUI thread)
    if a.ndim == 0:
        return _json_number(a.item())
    return tuple(_nested(sub) for sub in a)


def summarize_array(a: np.ndarray) -> Any:
    """Full value up to 1,000 elements; beyond that shape-free statistics (min/max/mean)."""
    a = np.asarray(a)
    if a.size <= FULL_VALUE_MAX_ELEMENTS:
        return _nested(a)
    summary: dict[str, Any] = {"size": int(a.size)}
    if a.dtype.kind in "biuf":
        # reduced in the array's own dtype (the mean accumulates in float64): an astype copy
        # of a 2.5 GB tensor would need 5 GB more
        summary.update(min=_json_number(a.min()), max=_json_number(a.max()),
                       mean=_json_number(a.mean(dtype=np.float64)))
    return summary


@dataclass
class TensorInfo:
    dtype: str
    shape: list[int | None]
    value: Any = None


@dataclass
class EagerOp:
    index: int
    op: str
    label: str | None
    line: int | None
    inputs: list[str]
    outputs: list[TensorInfo]
    device: str | None


@dataclass
class GraphNodeInfo:
    name: str
    op: str
    label: str | None
    inputs: list[str]
    line: int | None = None


@dataclass
class FunctionTrace:
    signature: str
    graph: dict  # {"nodes": [GraphNodeInfo...]}


@dataclass
class FunctionInfo:
    name: str
    line: int | None
    traces: int
    graph: dict  # the latest trace: {"nodes": [...]}
    all_traces: list[FunctionTrace] = field(default_factory=list)
    note: str | None = None  # why its traces could not be described
    # the latest trace as TF's runtime runs it, after Grappler (core/rewrite/__init__.py,
    # OPTIMIZED); None when the function was never traced
    optimized: dict | None = None


@dataclass
class GradientCall:
    target: str
    sources: list[str]
    values: list[Any]  # None where TF returned None
    line: int | None = None
    reasons: list[str | None] = field(default_factory=list)
    error: str | None = None


@dataclass
class TapeInfo:
    name: str
    line: int | None
    persistent: bool
    watch_accessed_variables: bool
    watched: list[dict]  # [{"name", "why"}]
    gradients: list[GradientCall] = field(default_factory=list)
    # forward ops the tape recorded, in order: indexes into RunReport.eager_ops
    recorded: list[int] = field(default_factory=list)
    # forward tensors the backward pass consumes: {"op","label","dtype","shape","bytes","used_by"}
    saved: list[dict] = field(default_factory=list)
    # finite differences vs the tape: {"source","dtype","tape","numeric","rel_error","passed"}
    check: list[dict] = field(default_factory=list)
    backward: dict | None = None  # the traced forward+backward graph (GraphModel JSON)
    # backward op name -> value from the eager gradient() call, forward op it differentiates
    backward_values: dict = field(default_factory=dict)
    note: str | None = None  # why some of the above is missing


class EngineResident:
    """Holds a value that stays in the engine process: the engine's wire sends it as a handle
    (``engine_resident``), whatever it holds (a generator cannot be pickled at all)."""

    engine_resident = True
    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value


@dataclass
class FunctionCall:
    """A tf.function of the run, its plain-Python twin (uninstrumented, for eager timing) and the
    arguments of its latest call. Never serialised to JSON; across the engine's wire the
    arguments stay in the engine (the app sees handles), the rest crosses by value."""

    name: str
    function: Any
    python_function: Any
    args: tuple
    kwargs: dict
    note: str | None = None  # why it cannot be replayed (python_function or args missing)
    limits: Any = None  # the run's guards.Limits: replays keep to them

    def __getstate__(self) -> dict:
        # in the engine they are a tuple and a dict; in the app, already the handles
        state = dict(self.__dict__)
        for key, kind in (("args", tuple), ("kwargs", dict)):
            if isinstance(state[key], kind):
                state[key] = EngineResident(state[key])
        return state

    def __setstate__(self, state: dict) -> None:
        for key in ("args", "kwargs"):  # in the app they stay handles
            if isinstance(state.get(key), EngineResident):
                state[key] = state[key].value
        self.__dict__.update(state)


_IN_PROCESS = {"json": False}  # a field's metadata: it stays out of to_dict()


def _plain(value):
    if is_dataclass(value):
        return asdict(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@dataclass
class RunReport:
    ok: bool
    stdout: str = ""
    stderr: str = ""
    error: ErrorInfo | None = None
    eager_ops: list[EagerOp] = field(default_factory=list)
    eager_ops_dropped: int = 0
    functions: list[FunctionInfo] = field(default_factory=list)
    tapes: list[TapeInfo] = field(default_factory=list)
    timeline: dict | None = None
    timing: dict | None = None
    source: str = ""
    wall_s: float = 0.0

    # In the engine and the app only, never in the JSON: the GraphModel of each tf.function's
    # latest trace, by name; each tf.function with what it takes to call it again (for the
    # profiler; handles outside the engine); the forward+backward GraphModel of each analysed
    # tape, by tape index.
    graph_models: dict = field(default_factory=dict, repr=False, compare=False, metadata=_IN_PROCESS)
    callables: list = field(default_factory=list, repr=False, compare=False, metadata=_IN_PROCESS)
    backward_models: dict = field(default_factory=dict, repr=False, compare=False, metadata=_IN_PROCESS)

    @property
    def exit_code(self) -> int:
        from graphviz_app.core.errors import EXIT_CODES

        return 0 if self.ok else EXIT_CODES.get(self.error.kind if self.error else "runtime", 1)

    def to_dict(self) -> dict:
        data = {f.name: _plain(getattr(self, f.name)) for f in fields(self) if f.metadata.get("json", True)}
        if self.error is not None:  # its JSON keys: "id" and "params" after the original four
            data["error"] = self.error.to_dict()
        return data

    def to_json(self, indent: int | None = None) -> str:
        """JSON text that encodes as UTF-8: lone surrogates (print("\\ud800")) stay escapes."""
        return _escape_surrogates(json.dumps(self.to_dict(), indent=indent, ensure_ascii=False))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_surrogates(text: str) -> str:
    # surrogates occur only inside JSON strings, where \\uXXXX is their own escape
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
