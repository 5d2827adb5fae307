"""Pictures of the whole graph scene: a widget for the export machinery, and direct file saving."""
from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

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

    def __init__(self, scene, vector: bool = True):
        super().__init__(None)
        self._scene = scene
        rect = scene.sceneRect()
        self._scale = 1.0 if vector else _png_scale(rect)
        self.resize(QSize(max(1, round(rect.width() * self._scale)), max(1, round(rect.height() * self._scale))))
        # "shown" but never on screen: QWidget.render() skips widgets that are not visible
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.show()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not shiboken6.isValid(self._scene):  # the view went first: nothing left to paint
            self.deleteLater()
            return
        painter = QPainter(self)
        render_scene(self._scene, painter, QRectF(0, 0, self.width(), self.height()), self._scale)
        painter.end()


def render_scene(scene, painter: QPainter, target: QRectF, scale: float) -> None:
    """Paint the scene into target with the level of detail of ``scale``."""
    previous = scene.detail
    old_scale = getattr(scene, "_scale", 1.0)
    scene.set_scale(max(scale, 0.5) if scale >= 0.16 else scale)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(target, QColor("white"))
    scene.render(painter, target, scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
    scene.set_scale(old_scale)
    del previous


def save_scene(scene, path: str | Path) -> Path:
    path = Path(path)
    rect = scene.sceneRect()
    if path.suffix.lower() == ".svg":
        from PySide6.QtSvg import QSvgGenerator

        gen = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
        gen.setFileName(str(path))
        gen.setSize(QSize(round(rect.width()), round(rect.height())))
        gen.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        gen.setTitle("graph")
        painter = QPainter(gen)
        render_scene(scene, painter, QRectF(0, 0, rect.width(), rect.height()), 1.0)
        painter.end()
    else:
        s = _png_scale(rect)
        img = QImage(max(1, round(rect.width() * s)), max(1, round(rect.height() * s)),
                     QImage.Format.Format_ARGB32)
        img.fill(QColor("white"))
        painter = QPainter(img)
        render_scene(scene, painter, QRectF(0, 0, img.width(), img.height()), s)
        painter.end()
        if not img.save(str(path)):
            raise OSError(f"{path}: could not write the PNG file.")
    return path
