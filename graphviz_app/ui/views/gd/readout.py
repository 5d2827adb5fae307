"""Every number of the current step: w, b, the gradients, the update with its numbers filled in,
where TF put the tensors and how fast it steps; under them a message line and the step's code."""
from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QFontDatabase, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from graphviz_app.ui.common import theme
from graphviz_app.ui.common.core_text import core_text
from graphviz_app.ui.common.formatting import short_device
from graphviz_app.ui.views.gd.numbers import GdNumbers
from graphviz_app.ui.views.gd.style import FIT, OPTIMUM

MODE_NAMES = {"eager": QT_TRANSLATE_NOOP("GdReadout", "eager"), "graph": "tf.function"}
# what the keys of the session's device report mean (Trainer.devices, core/gd/trainer.py)
DEVICE_KEYS = {"requested": QT_TRANSLATE_NOOP("GdReadout", "requested"),
               "device": QT_TRANSLATE_NOOP("GdReadout", "device"),
               "data": QT_TRANSLATE_NOOP("GdReadout", "data"),
               "variables": QT_TRANSLATE_NOOP("GdReadout", "variables")}
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


class GdReadout(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.Base)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Ignored)
        self.numbers = GdNumbers(self)
        self.numbers.rows_changed.connect(self._place)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.message.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.code = QLabel(self)
        self.code.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.code.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.code.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        theme.bind_style(self.code, "color:{muted}")
        for label in (self.message, self.code):
            label.setIndent(8)  # in line with the painted numbers
        self._optimizer, self._mode, self._momentum = "gd", "graph", 0.9
        self._devices: dict = {}
        self._optimum = None
        self.code.setText(step_code("gd", "graph"))

    def _place(self) -> None:
        """Numbers, message, code from the top, each at its full height; what does not fit is cut
        at the bottom. (No layout: a wrapped label in one would make the whole view ask for a
        height per width, and a scrolling tab page would then grow it taller than the tab.)"""
        width, y = self.width(), 2
        for widget in (self.numbers, self.message, self.code):
            if widget is self.message and not self.message.text():
                widget.setGeometry(0, y, width, 0)
                continue
            height = widget.heightForWidth(width) if widget.hasHeightForWidth() else widget.sizeHint().height()
            widget.setGeometry(0, y, width, max(height, 0))
            y += height + 6

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place()

    def text(self) -> str:
        """Everything shown, as plain text."""
        return "\n".join([self.numbers.text(), self.message.text(), self.code.text()])

    def set_context(self, optimizer: str, mode: str, momentum: float, devices: dict, optimum) -> None:
        self._optimizer, self._mode, self._momentum = optimizer, mode, momentum
        self._devices, self._optimum = dict(devices), optimum
        self.code.setText(step_code(optimizer, mode))
        self._place()
        auto = self.tr("auto")
        self.setToolTip("\n".join(f"{self.tr(DEVICE_KEYS.get(k, k))}: {auto if v == 'auto' else v}"
                                  for k, v in self._devices.items()))

    def set_message(self, text: str, kind: str = "info") -> None:
        """A line under the numbers: kind 'error' is red (divergence, bad CSV), 'ok' green."""
        color = {"error": "{error}", "ok": OPTIMUM.name()}.get(kind, "{muted}")
        theme.bind_style(self.message, f"color: {color}")
        self.message.setText(core_text(text))  # the core's data description and divergence note
        self._place()

    def show_waiting(self, text: str) -> None:
        self.numbers.set_lines([[(text, None, False)]])

    def show_start(self, w: float, b: float, planned: int, loss: float) -> None:
        self.numbers.set_lines([
            [(self.tr("step %1").replace("%1", "0"), None, True),
             (f" / {planned:,}   " + self.tr("loss") + " ", None, False), (num(loss), None, True)],
            [("w = ", None, False), (num(w), None, True), ("   b = ", None, False), (num(b), None, True)],
            [(self.tr("Start runs the loop; Step runs one update."), None, False)],
            self._speed_line(0.0),
        ])

    def show_step(self, step: int, planned: int, w: float, b: float, loss: float, grad_w: float,
                  grad_b: float, update_w: float, update_b: float, lr: float, steps_per_s: float) -> None:
        """The state *before* step ``step``'s update and the update it made."""
        opt = self._optimum
        lines = [[(self.tr("step %1").replace("%1", f"{step:,}"), None, True),
                  (f" / {planned:,}   " + self.tr("loss") + " ", None, False), (num(loss), None, True)]
                 + ([("   " + self.tr("optimum %1").replace("%1", num(opt.loss)), OPTIMUM, False)] if opt else [])]
        rows = (("w", w, grad_w, opt.w if opt else None), ("b", b, grad_b, opt.b if opt else None))
        for p, value, grad, star in rows:
            lines.append([(f"{p} = ", None, False), (num(value), None, True),
                          (f"   ∂L/∂{p} = {num(grad, True)}", None, False)]
                         + ([(f"   {p}* = {num(star)}", OPTIMUM, False)] if star is not None else []))
        lines += self._equations(w, b, update_w, update_b, grad_w, grad_b, lr)
        lines.append(self._speed_line(steps_per_s))
        self.numbers.set_lines(lines)

    def _equations(self, w, b, uw, ub, gw, gb, lr) -> list:
        out = []
        for p, value, grad, update in (("w", w, gw, uw), ("b", b, gb, ub)):
            if self._optimizer == "gd":
                rule, factor = f"{p} ← {p} − γ·∂L/∂{p}", grad
            elif self._optimizer == "momentum":
                rule = f"{p} ← {p} − γ·v_{p}  (v_{p} ← {self._momentum:g}·v_{p} + ∂L/∂{p})"
                factor = update / lr if lr else math.nan
            else:
                rule, factor = f"{p} ← {p} − γ·m̂_{p}/(√v̂_{p}+ε)", update / lr if lr else math.nan
            out.append([(rule, FIT, False), (f" = {num(value)} − {num(lr)}·({num(factor)})", None, False),
                        (f" = {num(value - update)}", None, True)])
        return out

    def _speed_line(self, steps_per_s: float) -> list:
        devices = self._devices
        where = self.tr(" · data on %1, w, b on %2").replace("%1", short_device(devices.get("data", ""), "?")).replace(
            "%2", short_device(devices.get("variables", ""), "?")) if devices else ""
        speed = self.tr("%1 steps/s").replace("%1", f"{steps_per_s:,.0f}" if steps_per_s > 0 else "—")
        return [(f"{self.tr(MODE_NAMES.get(self._mode, self._mode))}{where} · {speed}", theme.color("muted"), False)]
