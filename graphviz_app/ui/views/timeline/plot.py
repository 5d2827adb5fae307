"""The lane diagram: Python above TF, the eager call above the tf.function call, boxes at the
times TF's profiler measured, call/return arrows between the lanes (the lecture's slide, measured).

Zoom and pan along time with the wheel and drag; hovering a box shows its name and duration.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QToolTip, QWidget

from graphviz_app.ui.common import theme
from graphviz_app.ui.views.timeline import model as tm
from graphviz_app.ui.views.timeline.style import box_colour, text_colour


class TimelinePlot(pg.PlotWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.scene_data: tm.TimelineScene | None = None
        self._labels: list[tuple[pg.TextItem, tm.Box, float]] = []
        self._items: list = []
        self._style()
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.getViewBox().sigXRangeChanged.connect(lambda *_: self._update_labels())
        theme.notifier().changed.connect(self._on_theme_changed)

    def _on_theme_changed(self, _theme) -> None:
        """Background, text and arrows in the new theme's colours; the zoom stays."""
        self._style()
        if self.scene_data is not None:
            x_range = self.getViewBox().viewRange()[0]
            self.set_timeline(self.scene_data)
            self.setXRange(*x_range, padding=0)

    def _style(self) -> None:
        palette = self.palette()
        self._text = palette.color(QPalette.WindowText)
        self.setBackground(palette.color(QPalette.Base))
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        vb = item.getViewBox()
        vb.invertY(True)
        vb.setMouseEnabled(x=True, y=False)
        vb.setLimits(xMin=-50, yMin=-1.6, yMax=10.0)
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() * 0.9))
        self._font = font
        left = item.getAxis("left")
        left.setTicks([[(row, QCoreApplication.translate("Timeline", title)) for row, title in tm.ROWS], []])
        left.setWidth(96)
        bottom = item.getAxis("bottom")
        bottom.setLabel(self.tr("µs since the call started"), color=self._text.name())
        bottom.enableAutoSIPrefix(False)
        for axis in (left, bottom):
            axis.setPen(pg.mkPen(self._text))
            axis.setTextPen(pg.mkPen(self._text))
            axis.setTickFont(font)
        item.showGrid(x=True, y=False, alpha=0.15)
        self.setMinimumSize(300, 220)

    # ----- content
    def clear_timeline(self) -> None:
        for it in self._items:
            self.removeItem(it)
        self._items, self._labels = [], []
        self.scene_data = None

    def set_timeline(self, data: tm.TimelineScene) -> None:
        self.clear_timeline()
        self.scene_data = data
        by_kind: dict[str, list[tm.Box]] = {}
        for b in data.boxes:
            by_kind.setdefault(b.kind, []).append(b)
        for kind, boxes in by_kind.items():
            color = box_colour(kind)
            bars = pg.BarGraphItem(
                x0=np.array([b.x0 for b in boxes]), width=np.array([max(b.width, 1e-3) for b in boxes]),
                y0=np.array([b.row - b.height / 2 for b in boxes]), height=np.array([b.height for b in boxes]),
                brush=pg.mkBrush(color), pen=pg.mkPen(color.darker(135), width=1))
            self._add(bars)
            for b in boxes:
                if b.label:
                    self._add_label(b)
        self._add_arrows(data.arrows)
        self._add_section_titles(data)
        for x, row, text in data.notes:
            note = pg.TextItem(text, color=self._text, anchor=(0, 0.5))
            note.setFont(self._font)
            note.setPos(x, row)
            self._add(note)
        self.setXRange(0, data.width_us * 1.04, padding=0)
        self.setYRange(-1.5, 9.6, padding=0)
        self._update_labels()

    def _add(self, item) -> None:
        self.addItem(item)
        self._items.append(item)

    def _add_label(self, box: tm.Box) -> None:
        color = text_colour(box.kind)
        # the label carries its box's colour: where it runs past the box it stays readable on
        # a light or a dark plot background
        text = pg.TextItem(box.label, color=color, anchor=(0, 0.5),
                           fill=pg.mkBrush(box_colour(box.kind)))
        text.setFont(self._font)
        text.setPos(box.x0, box.row)
        text.setZValue(10)
        self._add(text)
        self._labels.append((text, box, text.boundingRect().width()))

    def _add_arrows(self, arrows: list[tm.Arrow]) -> None:
        for kind, color, symbol in (("call", theme.color("call_mark"), "t"),
                                    ("return", theme.color("return_mark"), "t1")):
            group = [a for a in arrows if a.kind == kind]
            if not group:
                continue
            xs = np.repeat([a.x for a in group], 2)
            ys = np.ravel([[a.y0, a.y1] for a in group])
            self._add(pg.PlotDataItem(xs, ys, connect="pairs", pen=pg.mkPen(color, width=1.6)))
            heads = pg.ScatterPlotItem([a.x for a in group], [a.y1 for a in group], symbol=symbol,
                                       size=9, brush=pg.mkBrush(color), pen=pg.mkPen(None))
            self._add(heads)
            for a in group:
                if a.text:
                    t = pg.TextItem(a.text, color=color, anchor=(0, 0.5))
                    t.setFont(self._font)
                    t.setZValue(11)
                    t.setPos(a.x, (a.y0 + a.y1) / 2)
                    self._add(t)

    def _add_section_titles(self, data: tm.TimelineScene) -> None:
        bold = QFont(self._font)
        bold.setBold(True)
        for y, text, summary in ((tm.SECTION_TITLE_ROWS[0], self.tr("Eager: every op is its own call"),
                                  data.summary_eager),
                                 (tm.SECTION_TITLE_ROWS[1], self.tr("tf.function: one call, the kernels run inside TF"),
                                  data.summary_graph)):
            title = pg.TextItem(f"{text}   —   {summary}", color=self._text, anchor=(0, 0.5))
            title.setFont(bold)
            title.setPos(0, y)
            self._add(title)

    def _update_labels(self) -> None:
        """A label shows only when its box is wide enough on screen to hold it."""
        if not self._labels:
            return
        vb = self.getViewBox()
        (x0, x1), width_px = vb.viewRange()[0], max(1.0, vb.width())
        px_per_us = width_px / max(1e-9, x1 - x0)
        for text, box, text_w in self._labels:
            text.setVisible(min(box.room, 1e12) * px_per_us >= text_w + 6)

    # ----- hover
    def box_at_scene_pos(self, pos: QPointF) -> tm.Box | None:
        if self.scene_data is None:
            return None
        vb = self.getViewBox()
        if not vb.sceneBoundingRect().contains(pos):
            return None
        p = vb.mapSceneToView(pos)
        return self.scene_data.box_at(p.x(), p.y())

    def _on_mouse_moved(self, pos: QPointF) -> None:
        box = self.box_at_scene_pos(pos)
        if box is None:
            QToolTip.hideText()
            return
        view_pos = self.mapFromScene(pos)
        QToolTip.showText(self.mapToGlobal(view_pos), tm.tooltip(box), self)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_F and self.scene_data is not None:
            self.setXRange(0, self.scene_data.width_us * 1.04, padding=0)
            return
        super().keyPressEvent(event)
