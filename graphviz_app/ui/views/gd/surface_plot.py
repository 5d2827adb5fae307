"""The loss surface L(w, b) as a shaded contour map, the GD path drawn live, the optimum marked.

The surface (computed by TF on the engine) and its contour lines are built once per problem;
a frame only moves the path and the current point.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QWidget

from graphviz_app.ui.views.gd.plot import GdPlot
from graphviz_app.ui.views.gd.style import (
    CONTOUR,
    DOT,
    MARKER_RING,
    OPTIMUM,
    PATH,
    PathThinner,
    cache,
    pen,
)

CONTOUR_LEVELS = 12
DOTTED_STEPS = 300  # each of the first steps gets a dot, so their sizes show


class GdSurfacePlot(GdPlot):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Loss surface L(w, b) and the descent path"), "w", "b", parent)
        self._image = pg.ImageItem()
        self._image.setLookupTable(pg.colormap.get("viridis").getLookupTable(nPts=256, alpha=False))
        self._image.setZValue(-10)
        self._contours = pg.PlotCurveItem(pen=pen(CONTOUR, 1.0), connect="finite")
        self._contours.setZValue(-5)
        self._start = pg.ScatterPlotItem(size=8, symbol="s", pen=pg.mkPen(MARKER_RING, width=1), brush=PATH)
        self._optimum = pg.ScatterPlotItem(size=16, symbol="star", pen=pg.mkPen(MARKER_RING, width=1), brush=OPTIMUM)
        for item in (self._image, self._contours, self._start, self._optimum):
            self.addItem(item)
            cache(item)
        path_pen = pen(PATH, 1.8)
        self._moving("path", pg.PlotCurveItem(pen=path_pen), path_pen, grows=True)
        dot_pen = pen(DOT, 3.5)
        dot_pen.setCapStyle(Qt.SquareCap)  # round caps cost 3× more to rasterise
        self._moving("dots", pg.ScatterPlotItem(size=4, pen=None, brush=pg.mkBrush(DOT)), dot_pen, "dots",
                     grows=True)
        ring = pg.mkPen(MARKER_RING, width=1.5)
        self._moving("current", pg.ScatterPlotItem(size=11, symbol="o", pen=ring, brush=PATH), ring,
                     "marker", 11, PATH)
        self._optimum.setZValue(5)
        self._thinner = PathThinner()
        self._dotted = 0
        self._thinned = 0  # points of the thinned path shown last frame

    def set_surface(self, surface, optimum, start: tuple[float, float]) -> None:
        """``surface`` is a core Surface (loss[j, i] at w[i], b[j]); drawn as log of the excess
        over the optimum so the valley's floor is visible, not one flat colour."""
        excess = np.maximum(surface.loss - optimum.loss, 0.0)
        floor = max(float(excess.max()) * 1e-4, 1e-12)
        z = np.log10(excess + floor).T  # ImageItem indexes [x, y]
        self._image.setImage(z, autoLevels=False, levels=(float(z.min()), float(z.max())))
        w, b = surface.w, surface.b
        dw, db = (w[-1] - w[0]) / (w.size - 1), (b[-1] - b[0]) / (b.size - 1)
        # pixel centres on the grid nodes
        self._image.setRect(QRectF(w[0] - dw / 2, b[0] - db / 2, w[-1] - w[0] + dw, b[-1] - b[0] + db))
        self._contours.setData(*self._contour_lines(z, w[0], dw, b[0], db))
        self._optimum.setData([optimum.w], [optimum.b])
        self._start.setData([start[0]], [start[1]])
        self.setRange(xRange=(w[0], w[-1]), yRange=(b[0], b[-1]), padding=0)
        self._thinner.set_cell((w[-1] - w[0]) / 1000, (b[-1] - b[0]) / 1000)  # finer than a pixel
        self._thinner.clear()
        self.set_path(np.zeros(0), np.zeros(0), start)

    @staticmethod
    def _contour_lines(z: np.ndarray, w0: float, dw: float, b0: float, db: float):
        """Every contour as one polyline with NaN breaks: one cached item instead of a dozen."""
        xs, ys = [], []
        for level in np.linspace(z.min(), z.max(), CONTOUR_LEVELS + 2)[1:-1]:
            for line in pg.functions.isocurve(z, float(level), connected=True):
                points = np.asarray(line, dtype=float) - 0.5  # isocurve puts node i at i + 0.5
                xs += [w0 + points[:, 0] * dw, [np.nan]]
                ys += [b0 + points[:, 1] * db, [np.nan]]
        if not xs:
            return np.zeros(0), np.zeros(0)
        return np.concatenate(xs), np.concatenate(ys)

    def set_path(self, w: np.ndarray, b: np.ndarray, current: tuple[float, float]) -> None:
        """The (w, b) before each step so far, then the current point."""
        shown_before = self._thinned
        path_w, path_b = self._thinner.update(w, b)
        self._thinned = path_w.size
        xs = np.append(path_w, current[0])
        ys = np.append(path_b, current[1])
        ok = np.isfinite(xs) & np.isfinite(ys)
        grows = ok.all() and path_w.size >= shown_before
        self._show("path", xs[ok], ys[ok], keep=shown_before if grows else None)
        if w.size < self._dotted or (self._dotted < DOTTED_STEPS and w.size > self._dotted):
            head = slice(0, min(w.size, DOTTED_STEPS))  # (after the path: the dots lie on it)
            ok = np.isfinite(w[head]) & np.isfinite(b[head])
            grows = bool(ok.all()) and w.size >= self._dotted  # then only the new dots need painting
            self._show("dots", w[head][ok], b[head][ok], keep=self._dotted if grows else None)
            self._dotted = min(w.size, DOTTED_STEPS)
            if self._dotted == DOTTED_STEPS:
                self._settle("dots")
        if np.isfinite(current[0]) and np.isfinite(current[1]):
            self._show("current", np.array([current[0]]), np.array([current[1]]))
        else:
            self._show("current", np.zeros(0), np.zeros(0))

    def freeze(self) -> None:
        super().freeze()
        if self._dotted == DOTTED_STEPS:  # a resumed run: the dots are done
            self._settle("dots")
