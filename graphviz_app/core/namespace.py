"""The names a snippet runs with: a ``tf`` that holds only whitelisted, size-checked functions,
whitelisted builtins, and the runner's ``_gv_`` guards. Built per run, after TF is imported.
"""
from __future__ import annotations

import builtins
import math
from types import SimpleNamespace
from typing import Any, Callable

from graphviz_app.core.errors import UnsupportedError
from graphviz_app.core.guards import broadcast_elements, elements_of_shape, matmul_elements
from graphviz_app.core.tf_api import ALLOWED_BUILTINS, DTYPES, TF_ALLOWED


def _arg(args, kwargs, index: int, *names: str):
    if len(args) > index:
        return args[index]
    for name in names:
        if name in kwargs:
            return kwargs[name]
    return None


def _range_count(args, kwargs) -> int | None:
    start = _arg(args, kwargs, 0, "start")
    limit = _arg(args, kwargs, 1, "limit")
    delta = _arg(args, kwargs, 2, "delta")
    try:
        start = float(start)
        if limit is None:
            start, limit = 0.0, start
        limit = float(limit)
        delta = 1.0 if delta is None else float(delta)
    except (TypeError, ValueError):
        return None
    if delta == 0:
        return None
    return max(0, math.ceil((limit - start) / delta))


def _sum_sizes(values) -> int | None:
    total = 0
    for v in values if isinstance(values, (list, tuple)) else []:
        n = broadcast_elements(v)
        if n is None:
            return None
        total += n
    return total


# tf path -> function(args, kwargs) -> elements of the largest output, checked before the call
_SIZE_OF: dict[str, Callable[[tuple, dict], int | None]] = {
    "zeros": lambda a, k: elements_of_shape(_arg(a, k, 0, "shape")),
    "ones": lambda a, k: elements_of_shape(_arg(a, k, 0, "shape")),
    "fill": lambda a, k: elements_of_shape(_arg(a, k, 0, "dims")),
    "random.normal": lambda a, k: elements_of_shape(_arg(a, k, 0, "shape")),
    "random.uniform": lambda a, k: elements_of_shape(_arg(a, k, 0, "shape")),
    "constant": lambda a, k: elements_of_shape(_arg(a, k, 2, "shape")),
    "range": _range_count,
    "linspace": lambda a, k: elements_of_shape(_arg(a, k, 2, "num")),
    "matmul": lambda a, k: matmul_elements(_arg(a, k, 0, "a"), _arg(a, k, 1, "b")),
    "stack": lambda a, k: _sum_sizes(_arg(a, k, 0, "values")),
    "concat": lambda a, k: _sum_sizes(_arg(a, k, 0, "values")),
    "where": lambda a, k: broadcast_elements(*[v for v in a[:3] if v is not None]),
}
for _binary in ("add", "subtract", "multiply", "divide", "maximum", "minimum", "pow"):
    _SIZE_OF[_binary] = lambda a, k: broadcast_elements(*a[:2]) if len(a) >= 2 else None


def _short(path: str) -> str:
    """'tf.math.exp' -> 'exp' (the size table's key); 'tf.random.normal' stays 'random.normal'."""
    path = path[3:]
    for alias in ("math.", "linalg."):
        if path.startswith(alias):
            return path[len(alias):]
    return path


def build_tf(tf, guard, make_function, make_tape, tf_print, read_variables) -> SimpleNamespace:
    """The snippet's ``tf``: nested namespaces holding only what TF_ALLOWED names.

    ``read_variables(args, kwargs)`` reads Variable arguments in Python before the op runs, so
    the ReadVariableOp that TF's C fast path would run unseen is recorded with its value.
    """
    do_not_convert = tf.autograph.experimental.do_not_convert
    root = SimpleNamespace()
    for path in sorted(TF_ALLOWED):
        parts = path.split(".")[1:]
        target = tf
        for part in parts:
            target = getattr(target, part)
        if parts[-1] in DTYPES or parts[-1] == "TensorSpec":
            value = target
        elif path == "tf.function":
            value = make_function
        elif path == "tf.GradientTape":
            value = make_tape
        elif path == "tf.print":
            value = tf_print
        elif path in ("tf.Variable", "tf.random.set_seed"):
            value = target
        else:
            value = do_not_convert(_wrap(target, _SIZE_OF.get(_short(path)), path, guard,
                                         read_variables))
        node = root
        for part in parts[:-1]:
            if not hasattr(node, part):
                setattr(node, part, SimpleNamespace())
            node = getattr(node, part)
        setattr(node, parts[-1], value)
    return root


def _wrap(fn, size_of, path: str, guard, read_variables):
    def checked(*args, **kwargs):
        args, kwargs = read_variables(args, kwargs)
        if size_of is not None:
            guard.check_elements(size_of(args, kwargs), f"{path}(...)")
        return fn(*args, **kwargs)

    checked.__name__ = getattr(fn, "__name__", path)
    checked.__doc__ = getattr(fn, "__doc__", None)
    return checked


def build_builtins(guard, write: Callable[[str], None]) -> dict[str, Any]:
    """Whitelisted builtins; consumers of iterables refuse sizes over the loop limit."""

    def snippet_print(*values, sep=" ", end="\n", file=None, flush=False):
        if file is not None:
            raise UnsupportedError("print(file=...) is not supported in snippets", guard.line)
        write((sep if sep is not None else " ").join(str(v) for v in values)
              + (end if end is not None else "\n"))

    def consuming(fn):
        def guarded(*args, **kwargs):
            for a in args:
                guard.check_length(a, f"{fn.__name__}() over a sequence")
            return fn(*args, **kwargs)

        guarded.__name__ = fn.__name__
        return guarded

    names = {name: getattr(builtins, name) for name in ALLOWED_BUILTINS}
    for name in ("list", "tuple", "sum", "sorted", "min", "max", "dict", "enumerate", "zip",
                 "reversed"):
        names[name] = consuming(names[name])
    names["print"] = snippet_print
    return names
