"""Inputs for profiling a graph: the shapes its inputs take at the user's batch size, and
generated tensors of those shapes.

Axis 0 of every input of rank >= 1 is the batch axis: it takes the batch size the user chose.
Any other dimension the graph leaves unknown must be given (``dims``); when some are missing,
``fill_shapes`` raises ``UnknownDimsError`` naming every such input and axis at once, so the GUI
can ask for all of them in one dialog and the CLI can print them. The error's ``to_json_dict()``
is what crosses the engine's wire in a ``ProfileProblem``.

``dims`` is ``{input name: {axis: size}}`` (axis keys may be strings, as JSON has them); for an
input of unknown rank it is ``{input name: [d0, d1, ...]}``, the whole shape (d0 is replaced by
the batch size). Pure Python except ``generate``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DIM_RE = re.compile(r"^(?P<name>.+):(?P<axis>\d+)=(?P<size>\d+)$")


@dataclass(frozen=True)
class InputSpec:
    """One input of a graph: its name, its shape as the graph knows it (None: an unknown
    dimension; the whole shape None: unknown rank) and its dtype's name (``float32``)."""

    name: str
    shape: tuple | None
    dtype: str

    def to_json_dict(self) -> dict:
        return {"name": self.name, "shape": None if self.shape is None else list(self.shape),
                "dtype": self.dtype}


class UnknownDimsError(ValueError):
    """Inputs with unknown dimensions other than the batch axis. ``inputs`` lists each as
    ``{"name", "shape" (None for an unknown size or rank), "unknown" (axes; None: the rank)}``."""

    def __init__(self, inputs: list[dict]):
        self.inputs = inputs
        super().__init__(unknown_dims_text(inputs))

    def to_json_dict(self) -> dict:
        return {"kind": "unknown_dims", "message": str(self), "inputs": self.inputs}


def unknown_dims_text(inputs: list[dict]) -> str:
    parts = []
    for item in inputs:
        if item["unknown"] is None:
            parts.append(f"input '{item['name']}' has an unknown rank: give its whole shape")
            continue
        shape = ", ".join("N" if k == 0 else ("?" if d is None else str(d))
                          for k, d in enumerate(item["shape"]))
        axes = ", ".join(str(a) for a in item["unknown"])
        word = "dimension" if len(item["unknown"]) == 1 else "dimensions"
        parts.append(f"input '{item['name']}' has unknown {word} {axes} (shape [{shape}])")
    return "; ".join(parts) + ": give their sizes to profile the graph."


def fill_shapes(specs: list[InputSpec], batch: int, dims: dict | None = None) -> list[tuple]:
    """The concrete shape of every input at BATCH, unknown dimensions taken from DIMS."""
    dims = dims or {}
    shapes, missing = [], []
    for spec in specs:
        given = dims.get(spec.name)
        if spec.shape is None:
            if isinstance(given, (list, tuple)) and all(isinstance(d, int) and d > 0 for d in given[1:]):
                shapes.append(tuple([batch, *given[1:]]) if given else ())
            else:
                missing.append({"name": spec.name, "shape": None, "unknown": None})
            continue
        axes = {int(k): int(v) for k, v in given.items()} if isinstance(given, dict) else {}
        shape, unknown = [], []
        for axis, d in enumerate(spec.shape):
            if axis == 0:
                shape.append(batch)
            elif axes.get(axis, 0) > 0:
                shape.append(axes[axis])
            elif d is None:
                unknown.append(axis)
                shape.append(None)
            else:
                shape.append(d)
        if unknown:
            missing.append({"name": spec.name, "shape": list(spec.shape), "unknown": unknown})
        shapes.append(tuple(shape))
    if missing:
        raise UnknownDimsError(missing)
    return shapes


def parse_dim(text: str) -> tuple[str, int, int]:
    """``NAME:AXIS=SIZE`` (the CLI's ``--dim``) as (name, axis, size); ValueError says why not."""
    m = DIM_RE.match(text.strip())
    if not m or int(m["size"]) < 1:
        raise ValueError(f"{text!r} is not NAME:AXIS=SIZE (e.g. tokens:1=128)")
    return m["name"], int(m["axis"]), int(m["size"])


def dims_from(texts: list[str] | None) -> dict:
    """``--dim`` options as the ``dims`` dict ``fill_shapes`` takes."""
    dims: dict[str, dict[int, int]] = {}
    for text in texts or []:
        name, axis, size = parse_dim(text)
        dims.setdefault(name, {})[axis] = size
    return dims


def input_bytes(shapes: list[tuple], dtype_sizes: list[int]) -> int:
    total = 0
    for shape, size in zip(shapes, dtype_sizes, strict=True):
        n = 1
        for d in shape:
            n *= d
        total += n * size
    return total


def check_inputs_fit(shapes: list[tuple], specs) -> None:
    """Refuse inputs bigger than the engine's memory limit from their shapes, before any is made
    (made first, a 20 GB request sat ~10 s in TF's allocator retries before it failed)."""
    import tensorflow as tf

    from graphviz_app.core.engine.limits import memory_limit_bytes

    size = input_bytes(shapes, [tf.as_dtype(spec.dtype).size for spec in specs])
    if size > memory_limit_bytes():
        raise MemoryError(f"its inputs alone take {size / 2 ** 30:.1f} GB")


def generate(shape: tuple, dtype, seed: int = 0):
    """A tensor of SHAPE: floats uniform in [0, 1), integers and booleans zero (a safe index
    for embeddings and gathers), strings empty."""
    import tensorflow as tf

    dtype = tf.as_dtype(dtype)
    if dtype.is_floating:
        return tf.random.stateless_uniform(shape, seed=[seed, 0], dtype=dtype)
    if dtype == tf.string:
        return tf.fill(shape, "")
    return tf.zeros(shape, dtype)
