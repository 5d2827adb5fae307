"""Scale controls and the crossover plot: per-call time of eager, tf.function and (with XLA on)
tf.function(jit_compile=True) as the body is repeated k times or the tensors grow to n elements,
timed in one sweep, interleaved, as medians; each pair's crossover is marked."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from graphviz_app.ui.common import theme
from graphviz_app.ui.common.formatting import fmt_us

MODES = (("k", QT_TRANSLATE_NOOP("ScalePanel", "repeat the body k times")),
         ("n", QT_TRANSLATE_NOOP("ScalePanel", "tensor size n")))
# (faster path, slower path): which crossovers are marked, and where each line's label sits
PAIRS = (("graph", "eager", 0.06), ("jit", "eager", 0.17), ("jit", "graph", 0.28))


class ScalePanel(QWidget):
    measure_requested = Signal(str, bool)  # "k" or "n", and whether XLA's path is timed too
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.mode_box = QComboBox(self)
        for key, text in MODES:
            self.mode_box.addItem(self.tr(text), key)
        self.measure = QPushButton(self.tr("Measure"), self)
        self.measure.setToolTip(self.tr("Time eager and tf.function (and XLA) for each k (or n) in the "
                                        "TensorFlow engine process"))
        self.with_xla = QCheckBox(self.tr("with XLA"), self)
        self.with_xla.setChecked(True)
        self.with_xla.setToolTip(self.tr("Time tf.function(jit_compile=True) too: XLA compiles the body "
                                         "into fused kernels"))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setMaximumHeight(14)
        self.progress.setMaximumWidth(140)
        self.progress.hide()
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel(self.tr("Scale:"), self))
        bar.addWidget(self.mode_box)
        bar.addWidget(self.with_xla)
        bar.addWidget(self.measure)
        bar.addWidget(self.progress)
        bar.addStretch(1)
        self.plot = pg.PlotWidget(self)
        self._style_plot()
        self.placeholder = pg.TextItem(color=theme.color("muted"), anchor=(0.5, 0.5))
        self.placeholder.setHtml(f'<div style="text-align:center; color:{theme.current().muted}">' + self.tr(
            "Press <b>Measure</b>:<br>eager, tf.function and XLA are timed<br>as the work grows, and "
            "the crossovers are marked") + "</div>")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(3)
        lay.addLayout(bar)
        lay.addWidget(self.result)
        lay.addWidget(self.plot, 1)
        self._busy = False
        self.measure.clicked.connect(self._on_measure)
        self.last: dict | None = None

    def _style_plot(self) -> None:
        palette = self.plot.palette()
        text = palette.color(QPalette.WindowText)
        self.plot.setBackground(palette.color(QPalette.Base))
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setLogMode(True, True)
        item.showGrid(x=True, y=True, alpha=0.2)
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() * 0.9))
        for name, label in (("bottom", "k"), ("left", self.tr("time per call"))):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(text))
            axis.setTextPen(pg.mkPen(text))
            axis.setTickFont(font)
            axis.setLabel(label, color=text.name())
            axis.enableAutoSIPrefix(False)
        # top left: eager's curve starts low there; the crossover labels sit low, right of their
        # line, where eager has already risen above the flat graph curves
        self._legend = item.addLegend(offset=(8, 8), labelTextColor=text,
                                      brush=pg.mkBrush(palette.color(QPalette.Base)))
        self.plot.setMinimumSize(240, 160)

    # ----- state
    def mode(self) -> str:
        return self.mode_box.currentData()

    def set_mode(self, mode: str) -> None:
        self.mode_box.setCurrentIndex(max(0, self.mode_box.findData(mode)))

    def _on_measure(self) -> None:
        if self._busy:
            self.cancel_requested.emit()
        else:
            self.measure_requested.emit(self.mode(), self.with_xla.isChecked())

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.measure.setText(self.tr("Stop") if busy else self.tr("Measure"))
        self.mode_box.setEnabled(not busy)
        self.with_xla.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setValue(0)
            self.result.setText(self.tr("measuring…"))
            self._fit_result()

    def set_progress(self, value: float) -> None:
        self.progress.setValue(int(100 * value))

    def clear(self, message: str = "") -> None:
        self.last = None
        item = self.plot.getPlotItem()
        item.clear()
        for name in ("bottom", "left"):
            item.getAxis(name).setTicks([[], []])
        item.addItem(self.placeholder)
        item.getViewBox().setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        self.placeholder.setPos(0.5, 0.5)
        self._legend.clear()
        self.result.setText(message)
        self._fit_result()

    # ----- the plot
    def set_result(self, sweep: dict) -> None:
        self.clear()
        self.plot.getPlotItem().removeItem(self.placeholder)
        self.last = sweep
        with_mode = sweep.get("mode", "k")
        self.set_mode(with_mode)
        self.plot.getPlotItem().getAxis("bottom").setLabel(
            self.tr("k (body repeated k times per call)") if with_mode == "k" else self.tr("n (elements per tensor)"))
        points = sweep.get("points") or []
        if not points:
            self.result.setText(sweep.get("error") or self.tr("no points"))
            return
        item = self.plot.getPlotItem()
        # a path XLA stopped compiling partway has points up to there
        sides = [side for side in ("eager", "graph", "jit") if any(f"{side}_us" in p for p in points)]
        for side in sides:
            these = [p for p in points if f"{side}_us" in p]
            x = np.array([p["x"] for p in these], float)
            y = np.array([p[f"{side}_us"] for p in these])
            lo = np.array([p[f"{side}_spread_us"][0] for p in these])
            hi = np.array([p[f"{side}_spread_us"][1] for p in these])
            c = self.series_colour(side)
            name = self.tr("XLA (jit_compile=True)") if side == "jit" else self.path_name(side)
            item.addItem(pg.PlotDataItem(x, y, pen=pg.mkPen(c, width=2), symbol="o", symbolSize=7,
                                         symbolBrush=c, symbolPen=pg.mkPen(c), name=name))
            # the middle half of the repeats, drawn in log space
            item.addItem(pg.ErrorBarItem(x=np.log10(x), y=np.log10(y), top=np.log10(hi) - np.log10(y),
                                         bottom=np.log10(y) - np.log10(np.maximum(lo, 1e-9)),
                                         beam=0.04, pen=pg.mkPen(c, width=1)))
        self._set_ticks(np.array([p["x"] for p in points], float),
                        [p[f"{side}_us"] for p in points for side in sides if f"{side}_us" in p])
        self.plot.getPlotItem().getViewBox().autoRange(padding=0.08)
        self._show_crossovers(sweep, with_mode, sides)

    def series_colour(self, side: str) -> QColor:
        colours = theme.current()
        return QColor({"eager": colours.eager_series, "graph": colours.graph_series,
                       "jit": colours.jit_series}[side])

    def path_name(self, side: str) -> str:
        return {"eager": self.tr("eager"), "graph": "tf.function", "jit": "XLA"}[side]

    def _set_ticks(self, xs: np.ndarray, ys: list[float]) -> None:
        """Ticks at the measured x values and at 1-2-5 steps of µs: a log axis's default minor
        labels (6·10¹ 7·10¹ …) crowd each other."""
        item = self.plot.getPlotItem()
        item.getAxis("bottom").setTicks([[(math.log10(v), f"{v:g}") for v in xs], []])
        lo, hi = max(min(ys), 1e-3), max(ys)
        ticks = []
        for decade in range(math.floor(math.log10(lo)) - 1, math.ceil(math.log10(hi)) + 1):
            for m in (1, 2, 5):
                v = m * 10.0 ** decade
                if lo / 2 <= v <= hi * 2:
                    ticks.append((math.log10(v), fmt_us(v).replace(".0 ", " ")))
        left = item.getAxis("left")
        left.setTicks([ticks, []])
        # room for the longest label now: the axis would widen only at the next paint, and a
        # picture taken before it would have no labels at all
        metrics = QFontMetrics(left.style.get("tickFont") or self.font())
        left.setWidth(max((metrics.horizontalAdvance(t) for _v, t in ticks), default=20) + 26)

    def crossover_lines(self) -> list[pg.InfiniteLine]:
        """The crossover marks on the plot (for tests and pictures)."""
        return [i for i in self.plot.getPlotItem().items if isinstance(i, pg.InfiniteLine)]

    def _show_crossovers(self, sweep: dict, mode: str, sides: list[str]) -> None:
        unit = "k" if mode == "k" else "n"
        item = self.plot.getPlotItem()
        crossovers = dict(sweep.get("crossovers") or {})
        crossovers.setdefault("graph_vs_eager", sweep.get("crossover") or {})
        plate = theme.color("base")
        plate.setAlpha(200)
        lines = []
        for fast, slow, position in PAIRS:
            if fast not in sides or slow not in sides:
                continue
            c = crossovers.get(f"{fast}_vs_{slow}") or {}
            who, whom = self.path_name(fast), self.path_name(slow)
            if c.get("x"):
                colour = theme.color("ok") if fast == "graph" else self.series_colour(fast)
                style = Qt.PenStyle.DotLine if slow == "graph" else Qt.PenStyle.DashLine
                label = self.tr("%1 beats %2 at %3 ≈ %4").replace("%1", who).replace("%2", whom) \
                    .replace("%3", unit).replace("%4", f"{c['x']:.3g}")
                item.addItem(pg.InfiniteLine(pos=math.log10(c["x"]), angle=90, movable=False,
                                             pen=pg.mkPen(colour, width=2, style=style), label=label,
                                             labelOpts={"position": position, "color": colour,
                                                        "fill": pg.mkBrush(plate)}))
                a, b = c.get("between", [None, None])
                lines.append(self.tr("%1 beats %2 from %3 ≈ %4 (between %5 and %6)").replace("%1", who)
                             .replace("%2", whom).replace("%3", unit).replace("%4", f"{c['x']:.3g}")
                             .replace("%5", str(a)).replace("%6", str(b)))
            elif c.get(f"{fast}_always_faster"):
                lines.append(self.tr("%1 beats %2 at every %3").replace("%1", who).replace("%2", whom)
                             .replace("%3", unit))
            elif c.get(f"{slow}_always_faster"):
                lines.append(self.tr("%1 beats %2 at every %3: no crossover here").replace("%1", whom)
                             .replace("%2", who).replace("%3", unit))
        text = "; ".join(lines)
        if sweep.get("chained") is False and mode == "k":
            text += self.tr(" (body repeated on the same inputs: Grappler may merge identical copies)")
        last = sweep["points"][-1]
        times = ", ".join(f"{self.path_name(side)} {fmt_us(last[f'{side}_us'])}" for side in sides
                          if f"{side}_us" in last)
        parts = [text, self.tr("at %1 = %2: %3").replace("%1", unit).replace("%2", f"{last['x']:g}")
                 .replace("%3", times), sweep.get("jit_error") or "", sweep.get("error") or ""]
        self.result.setText("  ·  ".join(p for p in parts if p))
        self._fit_result()

    def _fit_result(self) -> None:
        """Room for every line of the wrapped result: in a splitter a label's height for its
        width is not asked for, and its second line would be cut."""
        self.result.setMinimumHeight(max(0, self.result.heightForWidth(max(self.result.width(), 200))))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_result()
