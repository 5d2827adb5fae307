"""Scale controls and the crossover plot: per-call time of eager and tf.function as the body is
repeated k times or the tensors grow to n elements."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
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


class ScalePanel(QWidget):
    measure_requested = Signal(str)  # "k" or "n"
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.mode_box = QComboBox(self)
        for key, text in MODES:
            self.mode_box.addItem(self.tr(text), key)
        self.measure = QPushButton(self.tr("Measure"), self)
        self.measure.setToolTip(self.tr("Time eager and tf.function for each k (or n) in the "
                                        "TensorFlow engine process"))
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
        bar.addWidget(self.measure)
        bar.addWidget(self.progress)
        bar.addStretch(1)
        self.plot = pg.PlotWidget(self)
        self._style_plot()
        self.placeholder = pg.TextItem(color=theme.color("muted"), anchor=(0.5, 0.5))
        self.placeholder.setHtml(f'<div style="text-align:center; color:{theme.current().muted}">' + self.tr(
            "Press <b>Measure</b>:<br>eager and tf.function are timed<br>as the work grows, and "
            "the crossover is marked") + "</div>")
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
            self.measure_requested.emit(self.mode())

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.measure.setText(self.tr("Stop") if busy else self.tr("Measure"))
        self.mode_box.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setValue(0)
            self.result.setText(self.tr("measuring…"))

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
        x = np.array([p["x"] for p in points], float)
        item = self.plot.getPlotItem()
        colours = theme.current()
        for side, color, name in (("eager", colours.eager_series, self.tr("eager")),
                                  ("graph", colours.graph_series, "tf.function")):
            y = np.array([p[f"{side}_us"] for p in points])
            lo = np.array([p[f"{side}_spread_us"][0] for p in points])
            hi = np.array([p[f"{side}_spread_us"][1] for p in points])
            c = QColor(color)
            item.addItem(pg.PlotDataItem(x, y, pen=pg.mkPen(c, width=2), symbol="o", symbolSize=7,
                                         symbolBrush=c, symbolPen=pg.mkPen(c), name=name))
            # the middle half of the repeats, drawn in log space
            item.addItem(pg.ErrorBarItem(x=np.log10(x), y=np.log10(y), top=np.log10(hi) - np.log10(y),
                                         bottom=np.log10(y) - np.log10(np.maximum(lo, 1e-9)),
                                         beam=0.04, pen=pg.mkPen(c, width=1)))
        self._set_ticks(x, [p[f"{side}_us"] for p in points for side in ("eager", "graph")])
        self.plot.getPlotItem().getViewBox().autoRange(padding=0.08)
        self._show_crossover(sweep, with_mode)

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
        item.getAxis("left").setTicks([ticks, []])

    def _show_crossover(self, sweep: dict, mode: str) -> None:
        c = sweep.get("crossover") or {}
        unit = "k" if mode == "k" else "n"
        item = self.plot.getPlotItem()
        if c.get("x"):
            green, plate = theme.color("ok"), theme.color("base")
            plate.setAlpha(200)
            line = pg.InfiniteLine(pos=math.log10(c["x"]), angle=90, movable=False,
                                   pen=pg.mkPen(green, width=2, style=Qt.PenStyle.DashLine),
                                   label=self.tr("crossover %1 ≈ %2").replace("%1", unit)
                                   .replace("%2", f"{c['x']:.3g}"),
                                   labelOpts={"position": 0.92, "color": green, "fill": pg.mkBrush(plate)})
            item.addItem(line)
            a, b = c.get("between", [None, None])
            text = self.tr("tf.function starts to win at %1 ≈ %2 (between the measured %3 and %4)") \
                .replace("%1", unit).replace("%2", f"{c['x']:.3g}").replace("%3", str(a)).replace("%4", str(b))
        elif c.get("graph_always_faster"):
            text = self.tr("tf.function is faster at every measured %1").replace("%1", unit)
        elif c.get("eager_always_faster"):
            text = self.tr("eager is faster at every measured %1: no crossover in this range").replace("%1", unit)
        else:
            text = ""
        if sweep.get("chained") is False and mode == "k":
            text += self.tr(" (body repeated on the same inputs: Grappler may merge identical copies)")
        last = sweep["points"][-1]
        text += "  ·  " + self.tr("at %1 = %2: eager %3, tf.function %4").replace("%1", unit) \
            .replace("%2", f"{last['x']:g}").replace("%3", fmt_us(last["eager_us"])) \
            .replace("%4", fmt_us(last["graph_us"]))
        if sweep.get("error"):
            text += "  ·  " + sweep["error"]
        self.result.setText(text)
