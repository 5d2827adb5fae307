"""How the UI writes numbers, sizes, devices and tensor values: one module, so every view
says the same thing the same way."""
from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication

VALUE_CHARS = 80  # a table cell's value text


def fmt_us(us: float | None) -> str:
    if us is None:
        return "?"
    if us >= 10_000:
        return f"{us / 1000:.1f} ms"
    if us >= 100:
        return f"{us:.0f} µs"
    return f"{us:.1f} µs"


def fmt_bytes(n) -> str:
    if n is None:
        return "?"
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} KiB" if n < 1 << 20 else f"{n / (1 << 20):.1f} MiB"


def short_device(device: str | None, missing: str = "") -> str:
    """'/job:localhost/replica:0/task:0/device:CPU:0' → 'CPU:0'."""
    if not device:
        return missing
    return device.rsplit("device:", 1)[-1] if "device:" in device else device


def format_shape(shape: Any) -> str:
    if shape is None:
        return "?"
    dims = ["?" if d is None else str(d) for d in shape]
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


def format_value(value: Any, limit: int = VALUE_CHARS) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):  # a large tensor's summary
        parts = [f"{k} {_number(v)}" for k, v in value.items() if k in ("min", "max", "mean")]
        return QCoreApplication.translate("OpTableModel", "%1 values: %2").replace(
            "%1", str(value.get("size", "?"))).replace("%2", ", ".join(parts))
    pieces: list[str] = []
    complete = _write_nested(value, pieces, limit)
    text = "".join(pieces)
    return text if complete and len(text) <= limit else text[: limit - 1] + "…"


def _number(x: Any) -> str:
    if isinstance(x, float):
        text = f"{x:.7g}"
        # 2.0 stays "2.0" so a float never reads like an int (as numpy prints it)
        return text + ".0" if text.lstrip("-").isdigit() else text
    return str(x)


def _write_nested(v: Any, pieces: list[str], limit: int) -> bool:
    """Append the text of a nested list to PIECES; False once LIMIT characters are exceeded
    (a 1,000-element value is never formatted in full for one table cell)."""
    if isinstance(v, (list, tuple)):
        pieces.append("[")
        for i, x in enumerate(v):
            if i:
                pieces.append(", ")
            if not _write_nested(x, pieces, limit):
                return False
        pieces.append("]")
    else:
        pieces.append(_number(v))
    return sum(map(len, pieces)) <= limit if len(pieces) % 16 == 0 else True


def node_value(value, dtype: str | None = None) -> str:
    """A value as TF prints it: float32 scalars with float32's shortest repr (1.2755646)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(np.float32(value)) if dtype in (None, "f32", "float32") else f"{value:.7g}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        array = np.asarray(value, dtype=object)
        flat = array.ravel().tolist()
        if not flat or not all(isinstance(v, (int, float)) for v in flat):
            return ""
        if len(flat) <= 4:
            return "[" + ", ".join(f"{v:.4g}" for v in flat) + "]"
        shape = "×".join(str(d) for d in array.shape)
        return f"[{flat[0]:.4g}, {flat[1]:.4g}, …] ({shape})"
    if isinstance(value, dict) and "size" in value:  # a big tensor's summary
        return f"{value['size']:,} values"
    return str(value)
