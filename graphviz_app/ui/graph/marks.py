"""What is highlighted in the graph scene (selection, search hits, lineage, a run's line), kept as
data: the items on display take it when they are made, and the tiles draw it over themselves."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen

from graphviz_app.ui.graph import style as st
from graphviz_app.ui.graph.geometry import SceneGeometry
from graphviz_app.ui.graph.tiles import CURVES_FROM, add_shape


class Marks:
    def __init__(self):
        self.items: dict[int, QColor] = {}  # layout item -> colour
        self.edges: dict[int, QColor] = {}  # layout edge index -> colour
        self.dim = False  # everything else fades

    def any(self) -> bool:
        return bool(self.items or self.edges or self.dim)

    def clear(self) -> None:
        self.items, self.edges, self.dim = {}, {}, False

    def paint_over(self, p: QPainter, g: SceneGeometry, exposed: QRectF, scale: float) -> None:
        """Draw the marks over a picture of G (the tiles) at SCALE."""
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.dim:
            veil = QColor(st.CANVAS)
            veil.setAlpha(255 - st.DIMMED_ALPHA)
            p.fillRect(exposed, veil)
        in_view = g.edges_in(exposed)
        by_color: dict[str, list[int]] = {}
        for index, color in self.edges.items():
            if 0 <= index < len(in_view) and in_view[index]:
                by_color.setdefault(color.name(), []).append(index)
        for name, indices in by_color.items():
            mask = np.zeros(len(in_view), bool)
            mask[indices] = True
            pen = QPen(QColor(name), 2.0)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(g.shapes.curves(mask, exposed) if scale >= CURVES_FROM else g.shapes.lines(mask))
        rows = [g.row_of[i] for i in self.items if i in g.row_of]
        shown = g.nodes_in(exposed)
        rows = [r for r in rows if r in set(shown.tolist())] if len(rows) > 50 else \
            [r for r in rows if g.rect(r).intersects(exposed)]
        for r in rows:
            style = g.styles[int(g.style[r])]
            path = QPainterPath()
            rect = g.rect(r)
            if rect.height() * scale < 4:  # a speck: a ring around it that can be seen
                grow = 3 / scale
                rect = rect.adjusted(-grow, -grow, grow, grow)
            add_shape(path, rect, style.shape)
            pen = QPen(self.items[int(g.items[r])], 2.5)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.setBrush(QBrush(style.fill) if self.dim and not g.is_box[r] else Qt.BrushStyle.NoBrush)
            p.drawPath(path)
        p.restore()
