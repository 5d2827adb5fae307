"""The names a snippet runs with: a ``tf`` that holds only whitelisted, size-checked functions,
whitelisted builtins, and the runner's ``_gv_`` guards. Built per run, after TF is imported.

Every tf function is wrapped the same way: its arguments are bound to the real function's
signature (so keywords and positionals are alike) and each is read by ``size_checks`` before
the call; see ``size_checks.OUTPUT_RULES`` for the calls whose result outgrows their inputs.
"""
from __future__ import annotations

import builtins
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from graphviz_app.core.errors import LimitError, UnsupportedError
from graphviz_app.core.messages import message
from graphviz_app.core.run import py_checks, size_checks
from graphviz_app.core.run.tf_api import ALLOWED_BUILTINS, DTYPES, TF_ALLOWED

# tf.print reads back what it wrote; this many elements per printed tensor at most
PRINT_MAX_ELEMENTS = 100_000
# round(x, n) with |n| beyond this builds 10 ** |n| (round(1, -10**8) is 100 MB of digits)
MAX_ROUND_DIGITS = 100_000


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
            value = _checked_tape(make_tape, tf, guard)
        elif path == "tf.print":
            value = do_not_convert(checked_print(tf_print, guard))
        elif path == "tf.random.set_seed":
            value = target
        else:
            reader = read_variables if path != "tf.Variable" else _as_is
            value = do_not_convert(_wrap(target, _short(path), path, guard, reader))
        node = root
        for part in parts[:-1]:
            if not hasattr(node, part):
                setattr(node, part, SimpleNamespace())
            node = getattr(node, part)
        setattr(node, parts[-1], value)
    return root


def _as_is(args, kwargs):
    return args, kwargs


def _wrap(fn, short: str, path: str, guard, read_variables):
    bind = size_checks.binder(fn)

    def checked(*args, **kwargs):
        args, kwargs = read_variables(args, kwargs)
        guard.check_call(short, bind(args, kwargs))
        return fn(*args, **kwargs)

    checked.__name__ = getattr(fn, "__name__", path)
    checked.__doc__ = getattr(fn, "__doc__", None)
    return checked


def _checked_tape(tape_class, tf, guard):
    """The runner's tape, with jacobian() sized first: target elements x source elements."""
    bind = size_checks.binder(tf.GradientTape.jacobian)

    class GradientTape(tape_class):
        def jacobian(self, *args, **kwargs):
            guard.check_call("jacobian", bind((self,) + args, kwargs))
            return super().jacobian(*args, **kwargs)

    GradientTape.__name__ = GradientTape.__qualname__ = "GradientTape"
    return GradientTape


def checked_print(tf_print, guard):
    """tf.print that writes only to the run's own stream, and summarises big tensors so that
    what is read back stays small (summarize=-1 would print every element). What it prints is
    charged to the run's output limit before it prints (see ``_printed_chars``)."""

    def guarded_print(*values, **kwargs):
        if kwargs.get("output_stream") is not None:
            raise UnsupportedError("tf.print(output_stream=...) is not supported in snippets",
                                   guard.line)
        kwargs.pop("output_stream", None)
        ranks = [1]
        for v in values:
            try:
                ranks.append(len(size_checks.shape_of(v)))
            except size_checks.Unknown:
                continue
        summarize = kwargs.get("summarize", 3)
        most = max(1, int(0.5 * PRINT_MAX_ELEMENTS ** (1 / max(ranks))))
        if summarize is None or not isinstance(summarize, int) or summarize < 0 or summarize > most:
            kwargs["summarize"] = summarize = most
        room = guard.limits.max_output_chars + 1 if hasattr(guard, "limits") else 0
        guard.charge_output(sum(_printed_chars(v, summarize, room, guard) for v in values))
        return tf_print(*values, **kwargs)

    guarded_print.__name__ = "print"
    return guarded_print


def _printed_chars(value, summarize: int, room: int, guard) -> int:
    """About how many characters tf.print writes for ``value``: 12 per number shown; for a
    string tensor, its longest string per element shown (tf.print shows the first and last
    ``summarize`` along each axis); for a Python value, its text. A symbolic string tensor
    (in a tf.function) is not known here: the runner caps the file it writes to."""
    if not (hasattr(value, "shape") and hasattr(value, "dtype")):
        return py_checks.text_length(value, room) if room else 0
    try:
        dims = size_checks.shape_of(value)
        count = size_checks.elements_of(value)
    except size_checks.Unknown:
        return 0
    if getattr(value.dtype, "name", "") != "string":
        return 12 * min(count, PRINT_MAX_ELEMENTS)
    quietly = getattr(guard, "quietly", None)
    if quietly is None or not hasattr(value, "numpy") or count == 0:
        return 0
    shown = 1
    for d in dims:
        shown *= min(d, 2 * summarize)
    import tensorflow as tf

    with quietly():  # the app's measurement, not the user's op
        longest = int(tf.reduce_max(tf.strings.length(value)))
    return shown * (longest + 4)


def escape_surrogates(text: str) -> str:
    """Lone surrogates (print("\\ud800")) cannot be written as UTF-8: keep them as escapes."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def build_builtins(guard, write: Callable[[str], None]) -> dict[str, Any]:
    """Whitelisted builtins; consumers of iterables refuse sizes over the loop limit, and
    whatever builds text or sequences in one C call is sized first."""

    def snippet_print(*values, sep=" ", end="\n", file=None, flush=False):
        if file is not None:
            raise UnsupportedError("print(file=...) is not supported in snippets", guard.line)
        sep = " " if sep is None else sep
        end = "\n" if end is None else end
        if not (isinstance(sep, str) and isinstance(end, str)):
            raise TypeError("sep and end must be strings")
        room = guard.limits.max_output_chars - guard.output_chars
        if py_checks.text_length(values, room) + len(sep) * len(values) + len(end) > room:
            guard.refuse(message("limit.output", limit=guard.limits.max_output_chars))
        guard.write_output(write, escape_surrogates(sep.join(str(v) for v in values) + end))

    def snippet_str(*args, **kwargs):
        if len(args) == 1 and not kwargs:
            guard.check_text(args[0], "str() of this value")
        return str(*args, **kwargs)

    def snippet_round(number, ndigits=None):
        if isinstance(ndigits, int) and abs(ndigits) > MAX_ROUND_DIGITS:
            raise LimitError(f"round() to {ndigits:,} digits is beyond the limit of "
                             f"±{MAX_ROUND_DIGITS:,}", guard.line)
        return round(number, ndigits)

    def snippet_sum(iterable, /, start=0):
        guard.check_length(iterable, "sum() over a sequence")
        if isinstance(start, (str, bytes, list, tuple)) and isinstance(iterable, (list, tuple)):
            guard.check_items(len(start) + sum(len(x) for x in iterable if hasattr(x, "__len__")),
                              "the summed sequence")
        return sum(iterable, start)

    def consuming(fn):
        def guarded(*args, **kwargs):
            for a in args:
                guard.check_length(a, f"{fn.__name__}() over a sequence")
            return fn(*args, **kwargs)

        guarded.__name__ = fn.__name__
        return guarded

    names = {name: getattr(builtins, name) for name in ALLOWED_BUILTINS}
    for name in ("list", "tuple", "sorted", "min", "max", "dict", "enumerate", "zip",
                 "reversed"):
        names[name] = consuming(names[name])
    names.update(print=snippet_print, str=snippet_str, round=snippet_round, sum=snippet_sum)
    # for the instrumenter's rewrites of method calls and f-string fields; a snippet cannot
    # spell names that start with '_'
    names.update(_gv_method=guard.method, _gv_format=guard.format_value)
    return names
