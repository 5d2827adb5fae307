"""The timing panel: per-call time of the eager and the tf.function path, median and spread over
repeats (warm-up excluded), the first call's trace time apart, and the ratio."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from graphviz_app.ui.common import theme
from graphviz_app.ui.common.formatting import fmt_us


class TimingPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumWidth(250)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(5)
        self.values: dict[str, QLabel] = {}
        rows = [("eager", self.tr("Eager, per call")), ("graph", self.tr("tf.function, per call")),
                ("ratio", self.tr("tf.function ÷ eager")), ("trace", self.tr("Tracing (first call)")),
                ("repeats", self.tr("Measured"))]
        for r, (key, title) in enumerate(rows):
            name = QLabel(title, self)
            theme.bind_style(name, "color:{muted}")
            value = QLabel("–", self)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            grid.addWidget(name, r, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, r, 1)
            self.values[key] = value
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet("padding-top:4px")
        grid.addWidget(self.verdict, len(rows), 0, 1, 2)
        self.breakdown = QLabel(self)
        self.breakdown.setWordWrap(True)
        theme.bind_style(self.breakdown, "color:{muted}; padding-top:6px")
        grid.addWidget(self.breakdown, len(rows) + 1, 0, 1, 2)
        grid.setRowStretch(len(rows) + 2, 1)
        grid.setColumnStretch(1, 1)
        self._timing: dict | None = None  # shown now; drawn again in the colours of a new theme
        theme.notifier().changed.connect(self._on_theme_changed)

    def _on_theme_changed(self, _theme) -> None:
        if self._timing:
            self.set_timing(self._timing)

    def clear(self, message: str = "") -> None:
        for label in self.values.values():
            label.setText("–")
        self.verdict.setText(message)
        self.breakdown.setText("")

    def set_breakdown(self, lane: dict | None) -> None:
        """Where one profiled call of each kind spent its time (from the timeline)."""
        if not lane or lane.get("source") == "host":
            self.breakdown.setText("")
            return
        eager, call = lane.get("eager") or {}, lane.get("graph") or {}
        dispatches = eager.get("dispatches") or []
        if not dispatches or not call:
            self.breakdown.setText("")
            return
        in_tf = sum(d["duration_us"] for d in dispatches)
        kernels = sum(k["duration_us"] for k in call.get("kernels") or [])
        text = self.tr(
            "<b>Where the time goes</b> (one call of each, under TF's profiler): eager makes "
            "%1 calls into TF, %2 on average, with Python running in between; tf.function spends "
            "%3 in its Python wrapper, which makes one call into TF of %4, of which its %5 "
            "kernels compute for %6. See the Timeline tab.")
        for key, value in (("%1", str(len(dispatches))), ("%2", fmt_us(in_tf / len(dispatches))),
                           ("%3", fmt_us(call.get("python_us"))), ("%4", fmt_us(call.get("dispatch_us"))),
                           ("%5", str(len(call.get("kernels") or []))), ("%6", fmt_us(kernels))):
            text = text.replace(key, value)
        self.breakdown.setText(text)

    def set_timing(self, t: dict | None) -> None:
        self._timing = t
        if not t:
            self.clear()
            return
        if "error" in t:
            self.clear(self.tr("Not measured: %1").replace("%1", t["error"]))
            return

        colours = theme.current()

        def line(side: str, color: str) -> str:
            lo, hi = t[f"{side}_spread_us"]
            return (f'<b style="color:{color}; font-size:13pt">{fmt_us(t[f"{side}_us"])}</b> '
                    f'<span style="color:{colours.muted}">({fmt_us(lo)} – {fmt_us(hi)})</span>')

        self.values["eager"].setText(line("eager", colours.eager_series))
        self.values["graph"].setText(line("graph", colours.graph_series))
        ratio = t.get("ratio")
        self.values["ratio"].setText(f"<b>{ratio:.2f}×</b>" if ratio else "–")
        for side in ("eager", "graph"):
            lo, hi = t[f"{side}_spread_us"]
            self.values[side].setToolTip(self.tr(
                "median per call; in brackets the middle half of the repeats (%1 – %2); best %3")
                .replace("%1", fmt_us(lo)).replace("%2", fmt_us(hi)).replace("%3", fmt_us(t[f"{side}_min_us"])))
        trace = t.get("trace_us")
        first = t.get("first_call_us")
        self.values["trace"].setText(
            self.tr("%1 to trace · first call %2").replace("%1", fmt_us(trace)).replace("%2", fmt_us(first))
            if trace is not None else self.tr("not measured: %1").replace("%1", t.get("trace_error") or ""))
        self.values["trace"].setToolTip(self.tr(
            "Tracing runs the Python function once to build the graph; the first call also optimises "
            "the graph and creates its kernels. Neither is counted in the per-call times above."))
        self.values["repeats"].setText(
            self.tr("median of %1 repeats × (%2 eager, %3 graph calls), after warm-up")
            .replace("%1", str(t["repeats"])).replace("%2", str(t["eager_calls_per_repeat"]))
            .replace("%3", str(t["graph_calls_per_repeat"])))
        self.verdict.setText(self._verdict(t))

    def _verdict(self, t: dict) -> str:
        e, g = t["eager_us"], t["graph_us"]
        if g < e:
            text = self.tr("tf.function is <b>%1× faster</b> per call here: its one call into TF "
                           "costs less than the eager path's one call per op.").replace("%1", f"{e / g:.1f}")
        else:
            text = self.tr("Eager is <b>%1× faster</b> per call here: too little work to pay for "
                           "tf.function's fixed cost per call. Scale the work up to find where "
                           "the graph wins.").replace("%1", f"{g / e:.1f}")
        trace = t.get("trace_us")
        if trace and g < e:
            calls = trace / (e - g)
            text += " " + self.tr("Tracing pays for itself after about %1 calls.").replace("%1", f"{calls:.0f}")
        return text
