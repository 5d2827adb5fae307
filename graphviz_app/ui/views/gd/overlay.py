"""While the lab trains, a plot's moving parts are drawn by this overlay instead of pyqtgraph.

A pyqtgraph frame costs 0.5–2 ms of Python per plot (bounding rects, item paints, signals), all
of it holding the GIL the TF thread needs to step. The overlay is a snapshot of the plot without
its moving items plus a few QPainter calls for them, repainting only the pixels that changed: a
frame costs a fraction of that, and it looks the same because the snapshot *is* the plot. Of
what only grows (the descent path, its dots, the loss curve) a frame draws only the new end:
straight over the last frame when nothing else moved, and into the snapshot when a paint needs
that whole. When training stops the plot gets the final data and takes over again (zoom, pan,
export).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import QWidget


@dataclass
class Layer:
    """Points in the plot's view coordinates, drawn as a polyline, round dots or markers."""

    x: np.ndarray
    y: np.ndarray
    pen: QPen
    kind: str = "line"  # "line" | "dots" | "marker"
    size: float = 0.0  # marker diameter in pixels
    brush: QColor | None = None
    data_y: np.ndarray | None = None  # y as given to the pyqtgraph item (before a log axis)
    shape: object = None  # the QPainterPath / QPolygonF built from x, y (None: build it)
    settled: bool = False  # done moving: painted into the snapshot once instead of every frame
    signature: tuple | None = None  # where its ends fell in pixels when last drawn
    grows: bool = False  # points are only ever appended (a path, a loss curve): inked, see below
    inked: int = 0  # of a growing layer, the points already painted into the snapshot
    shown: int = 0  # and those on screen: inked, or painted straight over the last frame
    tail: object = None  # its new end, to be painted over the last frame (see GdOverlay.flush)
    margin: float = field(init=False, default=0.0)  # pixels beyond its points that drawing it may touch

    def __post_init__(self) -> None:
        self.margin = self.pen.widthF() + self.size / 2 + 2


class GdOverlay(QWidget):
    def __init__(self, plot: pg.PlotWidget):
        super().__init__(plot)
        self._plot = plot
        self.setAttribute(Qt.WA_OpaquePaintEvent)  # covers the plot: Qt never paints it beneath
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self._clean: QPixmap | None = None  # the plot without its moving items
        self._background: QPixmap | None = None  # that, with the growing layers inked in
        self._transform = QTransform()
        self._scale = (1.0, 0.0, 1.0, 0.0)  # its m11, dx, m22, dy: it only scales and shifts
        self._clip = QRectF()
        self.layers: list[Layer] = []
        self.snapshots = 0  # how often the plot was re-rendered (should be rare while training)
        self.paints = 0  # paint events handled (the benchmark's paints/s)
        self._dirty: QRect | None = None  # what changed since the last flush(), if anything
        self._tails_only = True  # and all of it is the new ends of growing layers
        self._incremental: QRect | None = None  # such a repaint requested: its rect
        self.hide()

    def freeze(self, layers: list[Layer]) -> None:
        """Snapshot the plot as it is now (its moving items hidden) and cover it. Growing and
        settled ``layers`` are inked into the snapshot; the others are drawn on top, in order,
        each time the overlay paints."""
        self.layers = layers
        self.snapshots += 1
        for layer in layers:
            layer.signature = None
        plot = self._plot
        self.hide()
        self.setGeometry(plot.rect())
        # opaque RGB32 blits as a plain copy; grab()'s alpha channel would be blended per pixel
        self._clean = QPixmap.fromImage(plot.grab().toImage().convertToFormat(QImage.Format_RGB32))
        box = plot.getPlotItem().getViewBox()
        # view coordinates → scene (the ViewBox's child group) → widget pixels
        self._transform = t = box.childGroup.sceneTransform() * plot.viewportTransform()
        self._scale = (t.m11(), t.dx(), t.m22(), t.dy())
        self._clip = plot.viewportTransform().mapRect(box.sceneBoundingRect())
        self._reink()
        self.show()
        self.raise_()
        self.update()

    def _reink(self) -> None:
        """The snapshot afresh, with every growing or settled layer inked whole."""
        self._background = QPixmap(self._clean)
        for layer in self.layers:
            layer.inked = layer.shown = 0
            layer.tail = None
            if (layer.grows or layer.settled) and layer.x.size:
                self._ink(layer, 0)

    def _ink(self, layer: Layer, start: int) -> None:
        """Paint ``layer`` from point ``start`` on (joined to the point before) into the
        snapshot for good: a growing path costs each frame only its new end."""
        i = max(0, start - 1)
        painter = QPainter(self._background)
        painter.setClipRect(self._clip)
        self._draw(painter, layer, _shape(layer.kind, layer.x[i:], layer.y[i:]))
        painter.end()
        layer.inked = layer.shown = layer.x.size

    def _catch_up(self) -> None:
        """Ink what was only painted over earlier frames, so the snapshot is whole again."""
        for layer in self.layers:
            layer.tail = None
            if layer.inked < layer.shown:
                self._ink(layer, layer.inked)

    def settle(self, layer: Layer) -> None:
        """``layer`` stops moving: ink it into the snapshot, where it costs frames nothing.
        (Re-rendering the plot with it would hold the GIL ~3 ms; this takes a fraction.)"""
        layer.settled = True
        if self._background is not None and layer.x.size and layer.inked < layer.x.size:
            self._ink(layer, 0)

    def changed(self, layer: Layer, old_x: np.ndarray, old_y: np.ndarray, keep: int | None) -> None:
        """Repaint only what ``layer``'s new data changes: nothing if its ends land on the same
        pixels; of a growing layer, its new end (or, if it did not just grow, the snapshot
        re-inked); else the old and new extents. Copying a whole plot each frame is what made
        frames expensive."""
        signature = (layer.x.size, *self._pixel(layer, 0), *self._pixel(layer, -1))
        if signature == layer.signature:
            return
        layer.signature = signature
        if layer.grows and self._background is not None:
            if keep is None or not 0 < keep <= layer.shown:
                self._reink()
                self._dirty = self.rect()
                self._tails_only = False
                return
            if layer.tail is not None:  # two new ends before a paint: ink, paint whole
                self._tails_only = False
            layer.tail = _shape(layer.kind, layer.x[keep - 1:], layer.y[keep - 1:])
            layer.shown = layer.x.size
            box = QRectF() if layer.tail.isEmpty() else self._pixels(layer, layer.tail.boundingRect())
        elif keep is not None and keep > 0:
            box = self._box(layer, layer.x[keep - 1:], layer.y[keep - 1:])
        else:
            box = self._box(layer, layer.x, layer.y) | self._box(layer, old_x, old_y)
        if not layer.grows:
            self._tails_only = False
        if not box.isEmpty():
            rect = box.toAlignedRect()
            self._dirty = rect if self._dirty is None else self._dirty.united(rect)

    @property
    def dirty(self) -> bool:
        return self._dirty is not None and self.isVisible()  # (a Python test first: frames call it often)

    def flush(self, now: bool = True) -> None:
        """Paint what changed now, inside the caller's slot instead of in a later paint event.
        ``now`` False only marks it: the next repaint() in this window paints it too, in the same
        pass (one flush of the window).

        When all that changed is the new ends of growing lines (the loss curve, every frame), they
        are painted straight over the last frame, which the window still holds, and inked into
        the snapshot only when a paint needs it whole: a frame then costs no snapshot work."""
        if self.dirty:
            rect = self._dirty.intersected(self.rect())  # (what the paint event will be asked for)
            self._incremental = rect if self._tails_only else None
            if now:
                self.repaint(rect)
            else:
                self.update(rect)
        self._dirty = None
        self._tails_only = True

    def _pixel(self, layer: Layer, i: int) -> tuple[int, int]:
        if not layer.x.size:
            return (0, 0)
        sx, dx, sy, dy = self._scale  # plain arithmetic beats Qt calls
        x = sx * float(layer.x[i]) + dx
        y = sy * float(layer.y[i]) + dy
        return (round(x), round(y)) if math.isfinite(x) and math.isfinite(y) else (-1, -1)

    def _box(self, layer: Layer, x: np.ndarray, y: np.ndarray) -> QRectF:
        ok = np.isfinite(x) & np.isfinite(y)
        if not ok.any():
            return QRectF()
        x, y = x[ok], y[ok]
        return self._pixels(layer, QRectF(QPointF(x.min(), y.min()), QPointF(x.max(), y.max())))

    def _pixels(self, layer: Layer, rect: QRectF) -> QRectF:
        """The pixels that drawing ``layer`` within ``rect`` (view coordinates) may touch."""
        m = layer.margin
        return self._transform.mapRect(rect).normalized().adjusted(-m, -m, m, m)

    def thaw(self) -> None:
        self.hide()
        self._clean = self._background = None

    def paintEvent(self, event) -> None:
        self.paints += 1
        incremental = self._incremental is not None and event.rect() == self._incremental
        self._incremental = None
        if not incremental and self._background is not None:
            self._catch_up()
        painter = QPainter(self)
        if incremental:  # the window holds the last frame: paint the new ends over it
            painter.setClipRect(self._clip)
            painter.setTransform(self._transform)  # (growing layers are lines or dots)
            for layer in self.layers:
                if layer.tail is not None:
                    _stroke(painter, layer, layer.tail)
                    layer.tail = None
            painter.end()
            return
        if self._background is not None:
            painter.drawPixmap(0, 0, self._background)  # (clipped to what changed by Qt)
        painter.setClipRect(self._clip)
        for layer in self.layers:
            if layer.x.size and not (layer.settled or layer.grows):
                if layer.shape is None:
                    layer.shape = _shape(layer.kind, layer.x, layer.y)
                self._draw(painter, layer, layer.shape)
        painter.end()

    def _draw(self, painter: QPainter, layer: Layer, shape) -> None:
        """Everything in view coordinates under one transform; cosmetic pens keep pixel widths."""
        if layer.kind == "marker":  # a few points: map them, draw round markers in pixels
            painter.setPen(layer.pen)
            painter.setRenderHint(QPainter.Antialiasing, True)
            painter.setBrush(QBrush(layer.brush) if layer.brush is not None else Qt.NoBrush)
            r = layer.size / 2
            for i in range(shape.size()):
                painter.drawEllipse(self._transform.map(shape.at(i)), r, r)
            painter.setRenderHint(QPainter.Antialiasing, False)
            return
        painter.save()
        painter.setTransform(self._transform)
        _stroke(painter, layer, shape)
        painter.restore()


def _stroke(painter: QPainter, layer: Layer, shape) -> None:
    """A line or dots layer, with the painter already in view coordinates."""
    painter.setPen(layer.pen)
    if layer.kind == "dots":
        painter.drawPoints(shape)  # a wide pen makes each point a dot, in one call
    elif isinstance(shape, QPolygonF):
        painter.drawPolyline(shape)
    else:  # a line with gaps
        painter.drawPath(shape)


def _shape(kind: str, x: np.ndarray, y: np.ndarray):
    """Points (dots, markers) or a polyline as a QPolygonF; a line with gaps (NaN/inf) as a
    QPainterPath of its finite runs."""
    ok = np.isfinite(x) & np.isfinite(y)
    finite = ok.all()
    if kind == "line" and not finite:
        return pg.functions.arrayToQPath(x, y, connect="finite")
    if not finite:
        x, y = x[ok], y[ok]
    polygon = pg.functions.create_qpolygonf(x.size)
    points = pg.functions.ndarray_from_qpolygonf(polygon)
    points[:, 0], points[:, 1] = x, y
    return polygon
