"""Every number of the current step: w, b, the gradients, and the update with its numbers filled in."""
from __future__ import annotations

import html
import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from graphviz_app.ui.gd_style import FIT, OPTIMUM

MODE_NAMES = {"eager": "eager", "graph": "tf.function"}


UPDATE_CODE = {
    "gd": ["w.assign_sub(lr * dw)", "b.assign_sub(lr * db)"],
    "momentum": ["vw.assign(β * vw + dw); w.assign_sub(lr * vw)",
                 "vb.assign(β * vb + db); b.assign_sub(lr * vb)"],
    "adam": ["m.assign(β1*m + (1-β1)*g); v.assign(β2*v + (1-β2)*g*g)",
             "w.assign_sub(lr * m̂ / (tf.sqrt(v̂) + ε))  # same for b"],
}


def step_code(optimizer: str, mode: str) -> str:
    """The TF code each step runs, as the lecture writes it."""
    lines = ["@tf.function"] if mode == "graph" else []
    lines += ["def step():",
              "    with tf.GradientTape() as tape:",
              "        loss = tf.reduce_mean(tf.square(w * x + b - y))",
              "    dw, db = tape.gradient(loss, [w, b])"]
    lines += ["    " + line for line in UPDATE_CODE[optimizer]]
    return "\n".join(lines)


def num(value: float, signed: bool = False) -> str:
    """Six significant digits with a real minus sign; NaN/inf spelled out."""
    if not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("∞" if value > 0 else "−∞")
    text = f"{value:+.6g}" if signed else f"{value:.6g}"
    return text.replace("-", "−")


def short_device(name: str) -> str:
    """'/job:localhost/replica:0/task:0/device:CPU:0' → 'CPU:0'."""
    return name.rsplit("device:", 1)[-1] if name else "?"


class GdReadout(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.RichText)
        self.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Ignored)
        self.setContentsMargins(10, 6, 10, 6)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.Base)
        self._optimizer, self._mode, self._momentum = "gd", "graph", 0.9
        self._devices: dict = {}
        self._optimum = None
        self._message, self._message_kind = "", ""
        self._body = ""

    def set_context(self, optimizer: str, mode: str, momentum: float, devices: dict, optimum) -> None:
        self._optimizer, self._mode, self._momentum = optimizer, mode, momentum
        self._devices, self._optimum = dict(devices), optimum

    def set_message(self, text: str, kind: str = "info") -> None:
        """A line under the numbers: kind 'error' is red (divergence, bad CSV), 'ok' green."""
        self._message, self._message_kind = text, kind
        self._render()

    def show_waiting(self, text: str) -> None:
        self._body = f"<p>{html.escape(text)}</p>"
        self._render()

    def show_step(self, step: int, planned: int, w: float, b: float, loss: float, grad_w: float,
                  grad_b: float, update_w: float, update_b: float, lr: float, steps_per_s: float) -> None:
        """The state *before* step ``step``'s update and the update it made."""
        opt = self._optimum
        rows = [
            f"<b>step {step:,}</b> / {planned:,} &nbsp; loss <b>{num(loss)}</b>"
            + (f" &nbsp;<span style='color:{OPTIMUM.name()}'>optimum {num(opt.loss)}</span>" if opt else ""),
            f"w = <b>{num(w)}</b> &nbsp; ∂L/∂w = {num(grad_w, True)}"
            + (f" &nbsp; <span style='color:{OPTIMUM.name()}'>w* = {num(opt.w)}</span>" if opt else ""),
            f"b = <b>{num(b)}</b> &nbsp; ∂L/∂b = {num(grad_b, True)}"
            + (f" &nbsp; <span style='color:{OPTIMUM.name()}'>b* = {num(opt.b)}</span>" if opt else ""),
            *self._equations(w, b, grad_w, grad_b, update_w, update_b, lr),
            self._speed_line(steps_per_s),
        ]
        self._body = "<br>".join(rows)
        self._render()

    def show_start(self, w: float, b: float, planned: int, loss: float) -> None:
        self._body = "<br>".join([
            f"<b>step 0</b> / {planned:,} &nbsp; loss <b>{num(loss)}</b>",
            f"w = <b>{num(w)}</b> &nbsp; b = <b>{num(b)}</b>",
            "Start runs the loop; Step runs one update.",
            self._speed_line(0.0),
        ])
        self._render()

    def _equations(self, w, b, gw, gb, uw, ub, lr) -> list[str]:
        fit = FIT.name()
        out = []
        for p, value, grad, update in (("w", w, gw, uw), ("b", b, gb, ub)):
            new = value - update
            if self._optimizer == "gd":
                rule = f"{p} ← {p} − γ·∂L/∂{p}"
                filled = f"{num(value)} − {num(lr)}·({num(grad)})"
            elif self._optimizer == "momentum":
                rule = f"v<sub>{p}</sub> ← {self._momentum:g}·v<sub>{p}</sub> + ∂L/∂{p}; &nbsp;{p} ← {p} − γ·v<sub>{p}</sub>"
                filled = f"{num(value)} − {num(lr)}·({num(update / lr if lr else math.nan)})"
            else:
                rule = f"{p} ← {p} − γ·m̂<sub>{p}</sub>/(√v̂<sub>{p}</sub>+ε)"
                filled = f"{num(value)} − {num(lr)}·({num(update / lr if lr else math.nan)})"
            out.append(f"<span style='color:{fit}'>{rule}</span> = {filled} = <b>{num(new)}</b>")
        return out

    def _speed_line(self, steps_per_s: float) -> str:
        devices = self._devices
        where = (f"data on {short_device(devices.get('data', ''))}, "
                 f"w, b on {short_device(devices.get('variables', ''))}") if devices else ""
        speed = f"{steps_per_s:,.0f} steps/s" if steps_per_s > 0 else "— steps/s"
        return f"<span style='color:gray'>{MODE_NAMES.get(self._mode, self._mode)} · {where} · {speed}</span>"

    def _render(self) -> None:
        message = ""
        if self._message:
            color = {"error": "#d12f2f", "ok": OPTIMUM.name()}.get(self._message_kind, "gray")
            message = f"<p style='color:{color}'>{html.escape(self._message)}</p>"
        code = html.escape(step_code(self._optimizer, self._mode))
        self.setText(f"<div style='line-height:125%'>{self._body}</div>{message}"
                     f"<pre style='color:gray'>{code}</pre>")
