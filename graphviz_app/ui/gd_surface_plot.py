"""The loss surface L(w, b) as a shaded contour map, the GD path drawn live, the optimum marked.

The surface (computed by TF on the engine) and its contour lines are built once per problem;
a frame only moves the path and the current point.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QWidget

from graphviz_app.ui.gd_style import CONTOUR, OPTIMUM, PATH, cache, pen, style_plot

CONTOUR_LEVELS = 12
MAX_PATH_POINTS = 4000  # longer paths are drawn from an even sample (always with the last point)
DOTTED_STEPS = 300  # each of the first steps gets a dot, so their sizes show


class GdSurfacePlot(pg.PlotWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        style_plot(self, self.tr("Loss surface L(w, b) and the descent path"), "w", "b")
        self._image = pg.ImageItem()
        self._image.setLookupTable(pg.colormap.get("viridis").getLookupTable(nPts=256, alpha=False))
        self._image.setZValue(-10)
        cache(self._image)
        self.addItem(self._image)
        self._contours = pg.PlotCurveItem(pen=pen(CONTOUR, 1.0), connect="finite")
        self._contours.setZValue(-5)
        cache(self._contours)
        self.addItem(self._contours)
        self._path = pg.PlotCurveItem(pen=pen(PATH, 1.8))
        self._dots = pg.ScatterPlotItem(size=4, pen=None, brush=pg.mkBrush(255, 255, 255, 200))
        self._start = pg.ScatterPlotItem(size=8, symbol="s", pen=pg.mkPen("w", width=1), brush=PATH)
        self._optimum = pg.ScatterPlotItem(size=16, symbol="star", pen=pg.mkPen("w", width=1), brush=OPTIMUM)
        self._current = pg.ScatterPlotItem(size=11, symbol="o", pen=pg.mkPen("w", width=1.5), brush=PATH)
        for item in (self._path, self._dots, self._start, self._optimum, self._current):
            self.addItem(item)
        cache(self._start)
        cache(self._optimum)

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
        if w.size <= DOTTED_STEPS or self._dots.data.size != DOTTED_STEPS:
            head = slice(0, min(w.size, DOTTED_STEPS))
            ok = np.isfinite(w[head]) & np.isfinite(b[head])
            self._dots.setData(w[head][ok], b[head][ok])
        if w.size > MAX_PATH_POINTS:
            pick = np.linspace(0, w.size - 1, MAX_PATH_POINTS).astype(int)
            w, b = w[pick], b[pick]
        xs = np.append(w, current[0])
        ys = np.append(b, current[1])
        ok = np.isfinite(xs) & np.isfinite(ys)
        self._path.setData(xs[ok], ys[ok])
        if ok[-1]:
            self._current.setData([current[0]], [current[1]])
        else:
            self._current.setData([], [])
