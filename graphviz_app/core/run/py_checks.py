"""Sizes of plain-Python results, estimated before Python builds them.

A str, bytes, list or dict grows inside one C call (``s * n``, ``"".join``, ``str(big_list)``,
an f-string width), where no tick can stop it; these functions say how big the result would be
so the guard can refuse it first. Estimates err on the large side and stop counting once over
the limit, so they stay cheap on big inputs.
"""
from __future__ import annotations

import math
import re

from graphviz_app.core.errors import LimitError

MAX_REPR_DEPTH = 1000  # Python's own repr gives up here too (RecursionError)
INT_MAX_STR_DIGITS = 4300  # Python's default limit for int <-> str conversions
_SEQUENCES = (str, bytes, bytearray, list, tuple)
# printf-style conversion: %[(key)][flags][width][.precision][length]type
_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([a-zA-Z%])")
# format spec: [[fill]align][sign][z][#][0][width][grouping][.precision][type]
_SPEC = re.compile(r"^(?:.?[<>=^])?[+\- ]?z?#?0?(\d*)[,_]?(?:\.(\d+))?[a-zA-Z%]?$", re.DOTALL)


def int_digits(n: int) -> int:
    return int(abs(n).bit_length() * 0.30103) + 2


def text_length(value, limit: int) -> int:
    """Upper estimate of len(str(value)) / len(repr(value)); returns as soon as it passes limit.
    Shared members are counted at each place they are printed (as repr prints them). Walks
    with a stack of iterators, so memory stays proportional to the depth."""
    total = 0
    stack = [iter((value,))]
    while stack and total <= limit:
        v = next(stack[-1], _END)
        if v is _END:
            stack.pop()
            continue
        if isinstance(v, str):
            # repr escapes unprintable characters to up to 10 characters each
            total += len(v) + 4 if len(v) < 64 or v.isprintable() else 10 * len(v) + 4
        elif isinstance(v, (bytes, bytearray)):
            total += 4 * len(v) + 5
        elif isinstance(v, bool) or v is None:
            total += 7
        elif isinstance(v, int):
            digits = int_digits(v)
            if digits > INT_MAX_STR_DIGITS:
                raise LimitError(f"an integer of about {digits:,} digits is too long to turn into "
                                 f"text (the limit is {INT_MAX_STR_DIGITS:,} digits)")
            total += digits + 2
        elif isinstance(v, (list, tuple, set, frozenset, dict)):
            if len(stack) >= MAX_REPR_DEPTH:
                raise LimitError(f"a value nested more than {MAX_REPR_DEPTH} levels deep cannot "
                                 f"be printed")
            total += 2 + 2 * len(v)
            stack.append(iter(v.items() if isinstance(v, dict) else v))
        else:
            total += 200  # floats, tensors and arrays (numpy summarises beyond 1,000 items)
    return total


_END = object()


def concat_length(a, b) -> int | None:
    """len(a + b) for two sequences of one kind; None when + is not a concatenation."""
    if isinstance(a, _SEQUENCES) and isinstance(b, _SEQUENCES):
        return len(a) + len(b)
    return None


def repeat_length(a, b) -> int | None:
    """len(a * b) for a sequence repeated an int number of times; None otherwise."""
    for seq, n in ((a, b), (b, a)):
        if isinstance(seq, _SEQUENCES) and isinstance(n, int):
            return len(seq) * max(n, 0)
    return None


def int_result_bits(name: str, a, b) -> int | None:
    """Bits of an int result of ``a <op> b``, for the operators that can grow it; None
    for anything else."""
    if not (isinstance(a, int) and isinstance(b, int)):
        return None
    if name == "pow":
        if b <= 0 or abs(a) <= 1:
            return None
        return math.ceil(b * math.log2(abs(a)))
    if name == "mul":
        return a.bit_length() + b.bit_length()
    if name == "lshift" and b > 0:
        return a.bit_length() + b
    return None


def percent_format_widths(fmt, args) -> int:
    """The largest width or precision a printf-style ``fmt % args`` asks for."""
    if isinstance(fmt, (bytes, bytearray)):
        fmt = bytes(fmt).decode("latin-1")
    star_values = [a for a in (args if isinstance(args, tuple) else (args,)) if isinstance(a, int)]
    largest = 0
    for width, precision, _kind in _PERCENT.findall(fmt):
        for number in (width, precision):
            if number == "*":
                largest = max([largest] + [abs(v) for v in star_values])
            elif number:
                largest = max(largest, int(number) if len(number) < 20 else 10 ** 20)
    return largest


def format_spec_width(spec: str) -> int:
    """The width or precision a format spec (``f"{x:>20.3f}"``) asks for; 0 if none."""
    match = _SPEC.match(spec)
    if match is None:
        # not a standard spec: any run of digits may still be read as a width by the type
        numbers = re.findall(r"\d+", spec)
        return max((int(n) if len(n) < 20 else 10 ** 20 for n in numbers), default=0)
    width, precision = match.groups()
    return max(int(width) if width and len(width) < 20 else (10 ** 20 if width else 0),
               int(precision) if precision and len(precision) < 20 else (10 ** 20 if precision else 0))


def join_length(separator, items) -> int | None:
    if not isinstance(separator, (str, bytes, bytearray)) or not isinstance(items, (list, tuple)):
        return None
    total = len(separator) * max(len(items) - 1, 0)
    for item in items:
        total += len(item) if isinstance(item, _SEQUENCES) else 0
    return total


def replace_length(text, old, new, count=-1) -> int | None:
    if not all(isinstance(x, (str, bytes, bytearray)) for x in (text, old, new)):
        return None
    grow = len(new) - len(old)
    if grow <= 0:
        return len(text)
    hits = len(text) + 1 if len(old) == 0 else text.count(old)
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * grow
