"""The graph view's export widget: the whole picture at 1:1, painted from its ``Drawing``.

``main.py export`` and File › Export hand files to its ``picture_writer`` (SVG, PDF, PNG written
from the drawing, see ``picture_files.py``); only Copy Image and the like render its pixels.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from graphviz_app.core.graph.picture import Drawing
from graphviz_app.ui.common.rendering import PictureFiles
from graphviz_app.ui.views.graph.painter import DrawingPainter, KeyPainter
from graphviz_app.ui.views.graph.picture_files import write_picture


class GraphPicture(QWidget):
    def __init__(self, drawing: Drawing, key: KeyPainter | None = None):
        super().__init__(None)
        self.drawing, self.key = drawing, key  # KEY paints the drawing's cost key (the view's colour bar)
        self._painter = DrawingPainter(key)
        self.resize(QSize(max(1, round(drawing.width)), max(1, round(drawing.height))))
        # "shown" but never on screen: QWidget.render() skips widgets that are not visible
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.show()

    def picture_writer(self, path: str | Path, scale: float = 1.0) -> PictureFiles:
        return write_picture(self.drawing, path, scale, self.key)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        self._painter.paint(p, self.drawing, QRectF(event.rect()), 1.0)
        p.end()
