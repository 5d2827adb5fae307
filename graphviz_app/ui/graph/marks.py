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
        self.overlay = None  # the scene's Overlay: a marked node over the veil keeps its fill
        self._rows: tuple | None = None  # (geometry, rows, colour index, colours) of the items

    def set(self, items: dict[int, QColor], edges: dict[int, QColor], dim: bool) -> None:
        self.items, self.edges, self.dim = dict(items), dict(edges), dim
        self._rows = None

    def any(self) -> bool:
        return bool(self.items or self.edges or self.dim)

    def _marked_rows(self, g: SceneGeometry) -> tuple[np.ndarray, np.ndarray, list[QColor]]:
        """The marked items as rows of G, the index of each one's colour, and the colours."""
        if self._rows is None or self._rows[0] is not g:
            colours: dict[str, int] = {}
            rows, which = [], []
            for item, color in self.items.items():
                row = g.row_of.get(item)
                if row is not None:
                    rows.append(row)
                    which.append(colours.setdefault(color.name(), len(colours)))
            self._rows = (g, np.array(rows, np.int64), np.array(which, np.int64), [QColor(c) for c in colours])
        return self._rows[1:]

    def paint_over(self, p: QPainter, g: SceneGeometry, exposed: QRectF, scale: float) -> None:
        """Draw the marks over a picture of G (the tiles) at SCALE: one path per colour."""
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
        p.setBrush(Qt.BrushStyle.NoBrush)
        for name, indices in by_color.items():
            mask = np.zeros(len(in_view), bool)
            mask[indices] = True
            pen = QPen(QColor(name), 2.0)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.drawPath(g.shapes.curves(mask, exposed) if scale >= CURVES_FROM else g.shapes.lines(mask))
        rows, which, colours = self._marked_rows(g)
        if len(rows):
            seen = (g.x1[rows] >= exposed.left()) & (g.x0[rows] <= exposed.right()) \
                & (g.y1[rows] >= exposed.top()) & (g.y0[rows] <= exposed.bottom())
            rows, which = rows[seen], which[seen]
        grow = 3 / scale  # a speck gets a ring around it that can be seen
        specks = (g.y1[rows] - g.y0[rows]) * scale < 4
        styles = g.style[rows]
        for k, s, speck in sorted(set(zip(which.tolist(), styles.tolist(), specks.tolist()))):
            these = rows[(which == k) & (styles == s) & (specks == speck)]
            style = g.styles[s]
            pen = QPen(colours[k], 2.5)
            pen.setCosmetic(True)
            p.setPen(pen)
            # marked nodes stand out of the veil in their own colours
            if self.dim and not g.is_box[these[0]]:
                if self.overlay is not None and self.overlay.fills and not speck:
                    self._paint_filled(p, g, these, style)  # overlay fills differ within a style
                    continue
                p.setBrush(QBrush(style.fill))
            else:
                p.setBrush(Qt.BrushStyle.NoBrush)
            if speck:  # thousands of search hits far out: rectangles in one call, no antialiasing
                p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                boxes = np.stack([g.x0[these] - grow, g.y0[these] - grow, g.x1[these] - g.x0[these] + 2 * grow,
                                  g.y1[these] - g.y0[these] + 2 * grow], 1)
                p.drawRects([QRectF(*b) for b in boxes.tolist()])
                p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                continue
            path = QPainterPath()
            for r in these.tolist():
                add_shape(path, g.rect(r), style.shape)
            p.drawPath(path)
        p.restore()

    def _paint_filled(self, p: QPainter, g: SceneGeometry, rows: np.ndarray, style) -> None:
        """Marked nodes over the veil, each in its overlay fill (or its own)."""
        for r in rows.tolist():
            p.setBrush(QBrush(self.overlay.fills.get(int(g.items[r]), style.fill)))
            path = QPainterPath()
            add_shape(path, g.rect(r), style.shape)
            p.drawPath(path)
