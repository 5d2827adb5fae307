"""How many elements a TensorFlow call will allocate, read before TensorFlow sees the arguments.

One reader, ``shape_of``, knows every form an argument can take (tensor, Variable, numpy array,
``range``, nested list or tuple, TensorShape, scalar); every size rule reads its arguments
through it, after binding them to the real TF signature, so ``tf.add(x=a, y=b)`` and
``tf.add(a, b)`` are checked alike.
"""
from __future__ import annotations

import inspect
import math
from collections.abc import Callable
from typing import Any

from graphviz_app.core.errors import LimitError

MAX_NESTING = 32  # TF aborts the process (a CHECK failure) on a 255-deep nested list


class Unknown(Exception):
    """The size cannot be read (a symbolic dimension, an unusual argument): not checked here."""


def _is_tensor_like(value) -> bool:
    return hasattr(value, "shape") and hasattr(value, "dtype")


def _static_dims(shape) -> list[int | None]:
    if hasattr(shape, "as_list"):
        try:
            return [None if d is None else int(d) for d in shape.as_list()]
        except ValueError:  # unknown rank
            raise Unknown from None
    return [None if d is None else int(d) for d in shape]


def _is_shape_object(value) -> bool:
    return hasattr(value, "as_list") and hasattr(value, "rank")  # a TensorShape


def nesting_depth(value, limit: int = MAX_NESTING) -> int:
    """Depth of nested lists/tuples, raising LimitError past ``limit`` (before TF sees it).
    Each distinct list is scanned once, however often it is shared."""
    depth = 0
    level = {id(value): value} if isinstance(value, (list, tuple)) else {}
    seen = set(level)
    while level:
        depth += 1
        if depth > limit:
            raise LimitError(f"a list nested more than {limit} levels deep cannot become a tensor")
        inner: dict[int, Any] = {}
        for v in level.values():
            for item in v:
                if isinstance(item, (list, tuple)) and id(item) not in seen:
                    seen.add(id(item))
                    inner[id(item)] = item
        level = inner
    return depth


def elements_of(value, _memo: dict[int, int] | None = None) -> int:
    """Elements of the tensor a value is or would convert to. Nested lists are counted, with
    shared sublists counted once per use (``[[0] * 10**4] * 10**4`` is 10**8), so this stays
    fast however large the total. Raises Unknown when a dimension is not known."""
    if isinstance(value, (list, tuple)):
        memo = {} if _memo is None else _memo
        if id(value) in memo:
            return memo[id(value)]
        if _memo is None:
            nesting_depth(value)
        total = 0
        for item in value:
            total += elements_of(item, memo) if isinstance(item, (list, tuple)) else _leaf(item)
        memo[id(value)] = total
        return total
    return _leaf(value)


def _leaf(value) -> int:
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes)):
        return 1
    if isinstance(value, range):
        return len(value)
    dims = shape_of(value)
    if None in dims:
        raise Unknown
    return math.prod(dims)


def shape_of(value) -> list[int | None]:
    """The shape of what ``value`` converts to; None for a dimension not known (in a graph)."""
    if _is_shape_object(value):
        return [len(value)] if value.rank is not None else [None]
    if _is_tensor_like(value):
        return _static_dims(value.shape)
    if isinstance(value, range):
        return [len(value)]
    if isinstance(value, (list, tuple)):
        nesting_depth(value)
        dims: list[int | None] = [len(value)]
        inner = value[0] if value else None
        while isinstance(inner, (list, tuple)):
            dims.append(len(inner))
            inner = inner[0] if inner else None
        if inner is not None and not isinstance(inner, (bool, int, float, complex, str, bytes)):
            dims.extend(shape_of(inner))
        return dims
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes)):
        return []
    raise Unknown


def shape_value(shape) -> list[int]:
    """The dimensions a *shape argument* asks for (``tf.zeros(shape)``), in any of its forms:
    int, list/tuple, range, TensorShape, numpy array, eager tensor, or a graph tensor whose
    value is known while tracing. Raises Unknown when it is not known."""
    if _is_shape_object(shape):
        dims = _static_dims(shape)
    elif isinstance(shape, range):
        dims = list(shape)  # a range as a shape means its items are the dimensions
    elif hasattr(shape, "numpy") and hasattr(shape, "dtype"):
        dims = _as_dims(shape.numpy())
    elif hasattr(shape, "tolist") and hasattr(shape, "dtype"):  # numpy array or scalar
        dims = _as_dims(shape)
    elif hasattr(shape, "graph") and hasattr(shape, "dtype"):  # symbolic: known while tracing?
        import tensorflow as tf

        known = tf.get_static_value(shape, partial=True)
        if known is None:
            raise Unknown
        dims = _as_dims(known)
    elif isinstance(shape, (list, tuple)):
        if len(shape) > MAX_NESTING:
            raise LimitError(f"a shape of {len(shape)} dimensions is more than {MAX_NESTING}")
        dims = [_dim(d) for d in shape]
    else:
        dims = [_dim(shape)]
    if None in dims:
        raise Unknown
    return dims


def _as_dims(array) -> list[int | None]:
    values = array.tolist()
    return [_dim(d) for d in (values if isinstance(values, list) else [values])]


def _dim(d) -> int | None:
    if d is None:
        return None
    if hasattr(d, "numpy") and hasattr(d, "dtype"):
        d = d.numpy()
    if hasattr(d, "graph"):  # a symbolic scalar inside a shape list
        import tensorflow as tf

        d = tf.get_static_value(d)
        if d is None:
            return None
    try:
        return int(d)
    except (TypeError, ValueError):
        raise Unknown from None


def elements_of_shape(shape) -> int:
    dims = shape_value(shape)
    return 0 if any(d < 0 for d in dims) else math.prod(dims)


def broadcast_dims(*values) -> list[int]:
    shapes = [shape_of(v) for v in values if v is not None]
    if any(None in s for s in shapes):
        raise Unknown
    rank = max((len(s) for s in shapes), default=0)
    out = []
    for axis in range(rank):
        sizes = [s[len(s) - rank + axis] for s in shapes if len(s) - rank + axis >= 0]
        non_one = [d for d in sizes if d != 1]
        out.append(max(non_one) if non_one else 1)
    return out


def broadcast_elements(*values) -> int:
    return math.prod(broadcast_dims(*values))


def matmul_elements(a, b, transpose_a=False, transpose_b=False, adjoint_a=False,
                    adjoint_b=False, **_ignored) -> int:
    sa, sb = shape_of(a), shape_of(b)
    if len(sa) < 2 or len(sb) < 2:
        raise Unknown
    rows = sa[-1] if (transpose_a or adjoint_a) else sa[-2]
    cols = sb[-2] if (transpose_b or adjoint_b) else sb[-1]
    batch = broadcast_dims(_Shaped(sa[:-2]), _Shaped(sb[:-2]))
    if rows is None or cols is None:
        raise Unknown
    return math.prod(batch) * rows * cols


class _Shaped:
    dtype = None

    def __init__(self, dims):
        self.shape = dims


def _range_count(start, limit=None, delta=1, **_ignored) -> int:
    try:
        start_f = float(start)
        if limit is None:
            start_f, limit = 0.0, start_f
        limit_f, delta_f = float(limit), float(delta)
    except (TypeError, ValueError):
        raise Unknown from None
    if delta_f == 0 or math.isnan(limit_f - start_f):
        raise Unknown
    count = (limit_f - start_f) / delta_f
    return max(0, math.ceil(count)) if math.isfinite(count) else 2 ** 63


def _sum_sizes(values, **_ignored) -> int:
    if not isinstance(values, (list, tuple)):
        return elements_of(values)
    return sum(elements_of(v) for v in values)


def _linspace(start, stop, num, **_ignored) -> int:
    return broadcast_elements(start, stop) * max(0, elements_of_shape(num))


def _jacobian(target, sources, **_ignored) -> int:
    sources = sources if isinstance(sources, (list, tuple)) else [sources]
    return elements_of(target) * max((elements_of(s) for s in sources), default=0)


def _shape_or_value(shape_arg: str, value_arg: str | None = None):
    def size(**args) -> int:
        counts = [elements_of(args[value_arg])] if value_arg and value_arg in args else []
        if args.get(shape_arg) is not None:
            counts.append(elements_of_shape(args[shape_arg]))
        return max(counts, default=0)

    return size


def _elementwise(*names: str):
    return lambda **args: broadcast_elements(*(args.get(n) for n in names))


# short tf path -> rule(**bound arguments) -> elements of the largest output. Paths not listed
# produce at most as many elements as an input (checked by the generic argument reading).
OUTPUT_RULES: dict[str, Callable[..., int]] = {
    "zeros": _shape_or_value("shape"),
    "ones": _shape_or_value("shape"),
    "fill": _shape_or_value("dims"),
    "random.normal": _shape_or_value("shape"),
    "random.uniform": _shape_or_value("shape"),
    "constant": _shape_or_value("shape", "value"),
    "range": _range_count,
    "linspace": _linspace,
    "matmul": matmul_elements,
    "stack": _sum_sizes,
    "concat": _sum_sizes,
    "add_n": lambda inputs, **_: max((elements_of(v) for v in inputs), default=0)
    if isinstance(inputs, (list, tuple)) else elements_of(inputs),
    "where": _elementwise("condition", "x", "y"),
    "jacobian": _jacobian,
}
for _binary in ("add", "subtract", "multiply", "divide", "maximum", "minimum", "pow"):
    OUTPUT_RULES[_binary] = _elementwise("x", "y")


def binder(fn) -> Callable[[tuple, dict], dict[str, Any]]:
    """Arguments by parameter name, as the real function would receive them; positional
    extras and **kwargs are kept under their own names."""
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        signature = None

    def bind(args: tuple, kwargs: dict) -> dict[str, Any]:
        if signature is not None:
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError:
                pass  # TF will say what is wrong with the call
            else:
                named: dict[str, Any] = {}
                for name, value in bound.arguments.items():
                    kind = signature.parameters[name].kind
                    if kind is inspect.Parameter.VAR_KEYWORD:
                        named.update(value)
                    elif kind is inspect.Parameter.VAR_POSITIONAL:
                        named.update({f"*{i}": v for i, v in enumerate(value)})
                    else:
                        named[name] = value
                return named
        named = {f"*{i}": v for i, v in enumerate(args)}
        named.update(kwargs)
        return named

    return bind


def largest_elements(path: str, arguments: dict[str, Any]) -> tuple[int, str]:
    """The largest tensor this call would make or convert, and which argument or output it is.
    An argument whose size cannot be read counts as 0 (TF raises on what it cannot convert)."""
    best, what = 0, ""
    for name, value in arguments.items():
        if name in ("name", "dtype") or callable(value):
            continue
        try:
            n = elements_of(value)
        except Unknown:
            continue
        if n > best:
            best, what = n, f"argument '{name.lstrip('*')}'"
    rule = OUTPUT_RULES.get(path)
    if rule is not None:
        try:
            n = rule(**{k: v for k, v in arguments.items() if not k.startswith("*")})
        except (Unknown, TypeError):
            n = 0
        if n > best:
            best, what = n, "the result"
    return best, what
