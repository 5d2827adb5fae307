"""The lane diagram: Python above TF, the eager call above the tf.function call, boxes at the
times TF's profiler measured, call/return arrows between the lanes (the lecture's slide, measured).

Zoom and pan along time with the wheel and drag; hovering a box shows its name and duration.
Every named box is labelled: inside it when the text fits, else beside it with a leader line
(``labels.place``), laid out again at each zoom and resize.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QToolTip, QWidget

from graphviz_app.ui.common import theme
from graphviz_app.ui.views.timeline import labels as tl
from graphviz_app.ui.views.timeline import model as tm
from graphviz_app.ui.views.timeline.style import SELECTED, SELECTED_ON_DARK, box_colour, text_colour

TEXT_MARGIN = 1.0  # px around a text (Qt's default document margin is 4)


class TimelinePlot(pg.PlotWidget):
    box_clicked = Signal(object)  # the tm.Box clicked (None: the background)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.scene_data: tm.TimelineScene | None = None
        self.highlighted: list[tm.Box] = []  # outlined: the slices of the nodes selected in the graph
        self._highlight: pg.BarGraphItem | None = None
        self._labels: list[tuple[pg.TextItem, tm.Box]] = []  # a label per named box
        self._arrow_texts: list[tuple[pg.TextItem, tm.Arrow]] = []
        self._notes: list[tuple[pg.TextItem, tuple[float, float, str]]] = []
        self._titles: list[pg.TextItem] = []
        self._leaders: pg.PlotDataItem | None = None
        self.placements: dict[int, tl.Placement] = {}  # id(TextItem) -> where it went
        self._items: list = []
        self._style()
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        vb = self.getViewBox()
        vb.sigXRangeChanged.connect(lambda *_: self._update_labels())
        vb.sigResized.connect(lambda *_: self._update_labels())
        theme.notifier().changed.connect(self._on_theme_changed)

    def _on_theme_changed(self, _theme) -> None:
        """Background, text and arrows in the new theme's colours; the zoom stays."""
        if self.getPlotItem() is None:  # pyqtgraph let go of its item: this widget is being deleted
            return
        self._style()
        if self.scene_data is not None:
            x_range = self.getViewBox().viewRange()[0]
            kept = self.highlighted
            self.set_timeline(self.scene_data)
            self.setXRange(*x_range, padding=0)
            self.set_highlight(kept)

    def _style(self) -> None:
        palette = self.palette()
        self._text = palette.color(QPalette.WindowText)
        self._base = palette.color(QPalette.Base)
        self.setBackground(self._base)
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
        self._items, self._labels, self._arrow_texts, self._notes, self._titles = [], [], [], [], []
        self._leaders, self.placements = None, {}
        self.scene_data = None
        self.highlighted, self._highlight = [], None

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
        for note in data.notes:
            item = self._text_item(note[2], self._text)
            item.setPos(note[0], note[1])
            self._notes.append((item, note))
        self._leaders = pg.PlotDataItem([], [], connect="pairs", pen=pg.mkPen(self._text, width=1))
        self._leaders.setZValue(9)
        self._add(self._leaders)
        self.setXRange(0, data.width_us * 1.04, padding=0)
        self.setYRange(-1.5, 9.6, padding=0)
        self._update_labels()

    def _add(self, item) -> None:
        self.addItem(item)
        self._items.append(item)

    def _text_item(self, text: str, color, z: float = 10, fill=None) -> pg.TextItem:
        item = pg.TextItem(text, color=color, anchor=(0, 0.5), fill=fill)
        item.textItem.document().setDocumentMargin(TEXT_MARGIN)
        item.setFont(self._font)
        item.setZValue(z)
        self._add(item)
        return item

    def _add_label(self, box: tm.Box) -> None:
        self._labels.append((self._text_item(box.label, text_colour(box.kind)), box))

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
                    # on the background's colour: an arrow line it crosses passes behind it
                    text = self._text_item(a.text, color, 11, fill=pg.mkBrush(self._base))
                    self._arrow_texts.append((text, a))

    def _add_section_titles(self, data: tm.TimelineScene) -> None:
        bold = QFont(self._font)
        bold.setBold(True)
        for y, text, summary in ((tm.SECTION_TITLE_ROWS[0], self.tr("Eager: every op is its own call"),
                                  data.summary_eager),
                                 (tm.SECTION_TITLE_ROWS[1], self.tr("tf.function: one call, the kernels run inside TF"),
                                  data.summary_graph)):
            title = self._text_item(f"{text}   —   {summary}", self._text)
            title.setFont(bold)
            title.setPos(0, y)
            self._titles.append(title)

    def _update_labels(self) -> None:
        """Place every text for the current zoom and size (see labels.place)."""
        if self.scene_data is None or self._leaders is None:
            return
        vb = self.getViewBox()
        view = vb.viewRect()
        width, height = vb.width(), vb.height()
        if width < 2 or height < 2 or view.width() <= 0 or view.height() <= 0:
            return
        px = _Pixels(view, width / view.width(), height / view.height())
        shown = [b for b in self.scene_data.boxes if b.x0 + b.width >= view.left() and b.x0 <= view.right()]
        bars = {id(b): px.rect(b.x0, b.width, b.row, b.height) for b in shown}
        obstacles = list(bars.values()) + [px.text_rect(t, t.pos().x(), t.pos().y()) for t in self._titles]
        view_px = tl.Rect(0, 0, width, height)
        labels = sorted(self._labels, key=lambda ib: (ib[1].row, ib[1].x0))
        crowded = self._crowded_rows([(item, box) for item, box in labels if id(box) in bars], width)
        requests, items, placements = [], [], []
        for item, box in labels:
            if id(box) not in bars:  # off screen
                placements.append(tl.Placement(None))
                continue
            w, h = _size(item)
            modes = ("inside",) if box.row in crowded else ("inside", "right", "left", "above")
            requests.append(tl.Request(bars[id(box)], w, h, px.y(box.row - 0.5), modes))
            items.append(item)
        for item, arrow in self._arrow_texts:
            w, h = _size(item)
            top, bottom = px.y(min(arrow.y0, arrow.y1)), px.y(max(arrow.y0, arrow.y1))
            requests.append(tl.Request(tl.Rect(px.x(arrow.x), top, px.x(arrow.x), bottom), w, h,
                                       modes=("right", "left")))
            items.append(item)
        placed = iter(tl.place(requests, obstacles, view_px))
        placements = [next(placed) if id(box) in bars else tl.Placement(None) for _, box in labels]
        placements += list(placed)
        items = [item for item, _ in labels] + [item for item, _ in self._arrow_texts]
        # a row's note ("◀ Exp, AddV2, …") names its kernels when some could not be labelled
        unlabelled_rows = {box.row for (_, box), p in zip(labels, placements) if p.rect is None}
        taken = obstacles + [p.rect for p in placements if p.rect is not None]
        for item, (x, row, _text) in self._notes:
            placement = tl.Placement(None)
            if row in unlabelled_rows:
                w, h = _size(item)
                at = tl.Rect(px.x(x), px.y(row) - h / 2, px.x(x), px.y(row) + h / 2)
                placement = tl.place([tl.Request(at, w, h, modes=("right", "slide"))], taken, view_px)[0]
            items.append(item)
            placements.append(placement)
        self._apply(items, placements, view, px.sx, px.sy)

    @staticmethod
    def _crowded_rows(labels: list, width: float) -> set[float]:
        """Rows whose labels could not all be placed even beside their bars (more text than two
        screen widths: the row's own band and the gap above it): there only what fits inside is
        labelled, and the row's note names the rest (it also keeps a zoom on 10k kernels fast)."""
        need: dict[float, float] = {}
        for item, box in labels:
            need[box.row] = need.get(box.row, 0.0) + _size(item)[0] + tl.GAP
        return {row for row, total in need.items() if total > 2 * width}

    def _apply(self, items: list, placements: list, view, sx: float, sy: float) -> None:
        boxes = {id(item): box for item, box in self._labels}
        xs: list[float] = []
        ys: list[float] = []
        self.placements = {}
        for item, placement in zip(items, placements):
            self.placements[id(item)] = placement
            rect = placement.rect
            item.setVisible(rect is not None)
            if rect is None:
                continue
            item.setPos(view.left() + rect.x0 / sx, view.top() + rect.cy / sy)
            box = boxes.get(id(item))
            if box is not None:  # on its bar: the bar's text colour; beside it: the plot's
                item.setColor(text_colour(box.kind) if placement.mode == "inside" else self._text)
            if placement.leader is not None and box is not None:
                x0, y0, x1, y1 = placement.leader
                xs += [view.left() + x0 / sx, view.left() + x1 / sx]
                ys += [view.top() + y0 / sy, view.top() + y1 / sy]
        self._leaders.setData(np.array(xs, dtype=float), np.array(ys, dtype=float), connect="pairs")

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

    def _on_mouse_clicked(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not event.double():
            self.box_clicked.emit(self.box_at_scene_pos(event.scenePos()))

    # ----- the slices of the graph's selection
    def set_highlight(self, boxes: list[tm.Box]) -> None:
        """Outline BOXES (none: no outline); if none of them is in view, bring the first into it."""
        if self._highlight is not None:
            self.removeItem(self._highlight)
            self._items.remove(self._highlight)
            self._highlight = None
        self.highlighted = list(boxes)
        if not boxes or self.scene_data is None:
            return
        dark = self._base.lightnessF() < 0.5
        self._highlight = pg.BarGraphItem(
            x0=np.array([b.x0 for b in boxes]), width=np.array([max(b.width, 1e-3) for b in boxes]),
            y0=np.array([b.row - b.height / 2 - 0.06 for b in boxes]),
            height=np.array([b.height + 0.12 for b in boxes]), brush=pg.mkBrush(None),
            pen=pg.mkPen(SELECTED_ON_DARK if dark else SELECTED, width=3))
        self._highlight.setZValue(8)
        self._add(self._highlight)
        lo, hi = self.getViewBox().viewRange()[0]
        if not any(b.x0 + b.width >= lo and b.x0 <= hi for b in boxes):
            first = min(boxes, key=lambda b: b.x0)
            half = (hi - lo) / 2
            centre = first.x0 + first.width / 2
            self.setXRange(centre - half, centre + half, padding=0)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_F and self.scene_data is not None:
            self.setXRange(0, self.scene_data.width_us * 1.04, padding=0)
            return
        super().keyPressEvent(event)


def _size(item: pg.TextItem) -> tuple[float, float]:
    """A text's size in screen pixels (a TextItem is drawn unscaled at any zoom)."""
    r = item.textItem.boundingRect()
    return r.width(), r.height()


class _Pixels:
    """Plot coordinates (µs, row) to pixels of the view box (y grows downwards, as drawn)."""

    def __init__(self, view, sx: float, sy: float):
        self.left, self.top, self.sx, self.sy = view.left(), view.top(), sx, sy

    def x(self, us: float) -> float:
        return (us - self.left) * self.sx

    def y(self, row: float) -> float:
        return (row - self.top) * self.sy

    def rect(self, x0: float, width_us: float, row: float, h: float) -> tl.Rect:
        return tl.Rect(self.x(x0), self.y(row - h / 2), self.x(x0 + width_us), self.y(row + h / 2))

    def text_rect(self, item: pg.TextItem, x: float, row: float) -> tl.Rect:
        """Where a text anchored at its left middle (x, row) lies."""
        w, h = _size(item)
        return tl.Rect(self.x(x), self.y(row) - h / 2, self.x(x) + w, self.y(row) + h / 2)
