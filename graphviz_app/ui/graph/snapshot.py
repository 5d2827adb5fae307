"""Pictures of the whole graph scene: a widget for the export machinery, and direct file saving."""
from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from graphviz_app.ui.graph import style as st

MAX_PNG_SIDE = 12000  # beyond this a PNG of a huge graph is scaled down (memory)
MAX_PNG_PIXELS = 60_000_000


def _png_scale(rect: QRectF) -> float:
    s = min(1.0, MAX_PNG_SIDE / max(rect.width(), rect.height(), 1.0))
    if rect.width() * rect.height() * s * s > MAX_PNG_PIXELS:
        s = (MAX_PNG_PIXELS / (rect.width() * rect.height())) ** 0.5
    return s


class GraphSnapshot(QWidget):
    """A widget as big as the whole scene (1:1 for SVG; capped for PNG) that paints all of it.

    The headless export renders ``export_widget()``; for the graph view that is this widget, so
    `--expand all -o r.svg` holds every node at full size, labels and all.
    """

    def __init__(self, scene, vector: bool = True, legend=None):
        super().__init__(None)
        self._scene = scene
        rect = scene.sceneRect()
        self._scale = 1.0 if vector else _png_scale(rect)
        width = max(1, round(rect.width() * self._scale))
        self._legend, self._band = _legend_band(legend, width)
        self.resize(QSize(width, max(1, round(rect.height() * self._scale)) + self._band))
        # "shown" but never on screen: QWidget.render() skips widgets that are not visible
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.show()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not shiboken6.isValid(self._scene):  # the view went first: nothing left to paint
            self.deleteLater()
            return
        painter = QPainter(self)
        paint_legend(painter, self._legend, self.width(), self._band)
        render_scene(self._scene, painter, QRectF(0, self._band, self.width(), self.height() - self._band),
                     self._scale)
        painter.end()


def _legend_band(legend, width: int) -> tuple[object, int]:
    """The legend to draw above the graph in a picture, and the height it takes (0: none)."""
    if legend is None or not legend.entries():
        return None, 0
    return legend, legend.heightForWidth(width) + 6


def paint_legend(painter: QPainter, legend, width: float, band: int) -> None:
    if legend is None or band <= 0:
        return
    painter.fillRect(QRectF(0, 0, width, band), st.EXPORT_BACKGROUND)
    painter.save()
    painter.translate(0, 3)
    legend.paint(painter, width)
    painter.restore()


def render_scene(scene, painter: QPainter, target: QRectF, scale: float) -> None:
    """Paint the scene into target with the level of detail of ``scale`` (every item of a big
    layout is made for it: a picture shows all of the graph, not what a view looked at)."""
    old_scale = getattr(scene, "_scale", 1.0)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(target, st.EXPORT_BACKGROUND)
    with scene.all_items():
        scene.set_scale(max(scale, 0.5) if scale >= 0.16 else scale)
        scene.render(painter, target, scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
    scene.set_scale(old_scale)


def save_scene(scene, path: str | Path, legend=None) -> Path:
    """The whole scene as SVG (1:1) or PNG (capped), with the legend above it if given."""
    path = Path(path)
    rect = scene.sceneRect()
    if path.suffix.lower() == ".svg":
        from PySide6.QtSvg import QSvgGenerator

        legend, band = _legend_band(legend, round(rect.width()))
        gen = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
        gen.setFileName(str(path))
        gen.setSize(QSize(round(rect.width()), round(rect.height()) + band))
        gen.setViewBox(QRectF(0, 0, rect.width(), rect.height() + band))
        gen.setTitle("graph")
        painter = QPainter(gen)
        paint_legend(painter, legend, rect.width(), band)
        render_scene(scene, painter, QRectF(0, band, rect.width(), rect.height()), 1.0)
        painter.end()
    else:
        s = _png_scale(rect)
        width = max(1, round(rect.width() * s))
        legend, band = _legend_band(legend, width)
        img = QImage(width, max(1, round(rect.height() * s)) + band, QImage.Format.Format_ARGB32)
        img.fill(st.EXPORT_BACKGROUND)
        painter = QPainter(img)
        paint_legend(painter, legend, width, band)
        render_scene(scene, painter, QRectF(0, band, img.width(), img.height() - band), s)
        painter.end()
        if not img.save(str(path)):
            raise OSError(f"{path}: could not write the PNG file.")
    return path
