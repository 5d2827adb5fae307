"""The key to a graph picture: node kinds (shape and colour) and edge kinds, drawn with the very
styles the scene uses, only for what the graph on screen contains."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from graphviz_app.ui.graph import style as st
from graphviz_app.ui.graph.items import _shape_path

SWATCH_W, SWATCH_H, GAP, ROW_H, PAD = 22.0, 12.0, 14.0, 18.0, 6.0


translate = QCoreApplication.translate  # lupdate reads translate("GraphLegend", "...")


def _kind_names(_widget: QWidget) -> dict[str, str]:
    return {"input": translate("GraphLegend", "input"), "variable": translate("GraphLegend", "variable"),
            "const": translate("GraphLegend", "constant"), "op": translate("GraphLegend", "op"),
            "output": translate("GraphLegend", "output"), "gradient": translate("GraphLegend", "gradient op"),
            "group": translate("GraphLegend", "folded scope"),
            "twins": translate("GraphLegend", "repeated block (one colour per structure)")}


def _edge_names(_widget: QWidget) -> dict[str, str]:
    return {"data": translate("GraphLegend", "tensor"), "control": translate("GraphLegend", "control dependency"),
            "saved": translate("GraphLegend", "saved for backward")}


class GraphLegend(QWidget):
    """A strip that wraps onto more rows when narrow (height for width)."""

    KIND_ORDER = ("input", "variable", "const", "op", "output", "gradient", "group", "twins")
    EDGE_ORDER = ("data", "control", "saved")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._entries: list[tuple[str, str, str]] = []  # (kind of entry, key, text)
        self._font = QFont(self.font())
        self._font.setPixelSize(11)
        self._fm = QFontMetricsF(self._font)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setToolTip(self.tr("What the shapes, colours and lines of the graph mean"))

    def set_contents(self, kinds, edges) -> None:
        """Show these node kinds and edge kinds (unknown names are ignored), in a fixed order."""
        kind_names, edge_names = _kind_names(self), _edge_names(self)
        kinds, edges = set(kinds), set(edges)
        self._entries = [("node", k, kind_names[k]) for k in self.KIND_ORDER if k in kinds]
        self._entries += [("edge", e, edge_names[e]) for e in self.EDGE_ORDER if e in edges]
        self.updateGeometry()
        self.update()

    def entries(self) -> list[str]:
        """The texts shown, in order (for tests and the export)."""
        return [text for _, _, text in self._entries]

    # ----- geometry
    def _entry_width(self, text: str) -> float:
        return SWATCH_W + 5 + self._fm.horizontalAdvance(text) + GAP

    def _rows(self, width: float) -> list[list[int]]:
        rows: list[list[int]] = [[]]
        x = PAD
        for i, (_, _, text) in enumerate(self._entries):
            w = self._entry_width(text)
            if rows[-1] and x + w > width - PAD:
                rows.append([])
                x = PAD
            rows[-1].append(i)
            x += w
        return rows

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if not self._entries:
            return 0
        return int(len(self._rows(width)) * ROW_H + 4)

    def sizeHint(self) -> QSize:
        width = int(PAD * 2 + sum(self._entry_width(t) for _, _, t in self._entries))
        return QSize(width, self.heightForWidth(max(width, 1)))

    def minimumSizeHint(self) -> QSize:
        widest = max((self._entry_width(t) for _, _, t in self._entries), default=0)
        return QSize(int(widest + 2 * PAD), self.heightForWidth(int(widest + 2 * PAD)))

    # ----- painting
    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), st.CANVAS)  # part of the canvas, which is light in both themes
        self.paint(p, self.width())
        p.end()

    def paint(self, p: QPainter, width: float) -> None:
        """Draw the entries in rows of WIDTH from the painter's origin (also into exported
        pictures of the graph)."""
        p.save()
        p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        p.setFont(self._font)
        for r, row in enumerate(self._rows(width)):
            x, y = PAD, 2 + r * ROW_H
            for i in row:
                what, key, text = self._entries[i]
                swatch = QRectF(x, y + (ROW_H - SWATCH_H) / 2, SWATCH_W, SWATCH_H)
                if what == "node":
                    self._paint_node(p, swatch, key)
                else:
                    self._paint_edge(p, swatch, key)
                p.setPen(st.CANVAS_TEXT)
                p.drawText(QRectF(x + SWATCH_W + 5, y, self._fm.horizontalAdvance(text) + 2, ROW_H),
                           Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
                x += self._entry_width(text)
        p.restore()

    @staticmethod
    def _paint_node(p: QPainter, rect: QRectF, kind: str) -> None:
        if kind == "twins":  # three blocks of three structures
            w = rect.width() / 3
            for k, key in enumerate(("a", "b", "c")):
                fill, border = st.twin_colors(key)
                p.setPen(QPen(border, 1.2))
                p.setBrush(QBrush(fill))
                p.drawRoundedRect(QRectF(rect.left() + k * w, rect.top(), w - 1.5, rect.height()), 2, 2)
            return
        style = st.KINDS.get(kind, st.KINDS["op"])
        p.setPen(QPen(QColor(style.border), 1.5 if kind == "group" else 1.2))
        p.setBrush(QBrush(QColor(style.fill)))
        if style.shape == "round":  # the scene's 5 px corners, scaled to the swatch
            p.drawRoundedRect(rect, 3, 3)
        else:
            p.drawPath(_shape_path(rect, style.shape))

    @staticmethod
    def _paint_edge(p: QPainter, rect: QRectF, key: str) -> None:
        color, width, dash = st.EDGE, st.EDGE_WIDTH, Qt.PenStyle.SolidLine
        if key == "control":
            dash = Qt.PenStyle.DashLine
        elif key == "saved":
            color, width = st.SAVED_EDGE, st.SAVED_EDGE_WIDTH
        y = rect.center().y()
        tip = rect.right()
        pen = QPen(color, width, dash)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        p.setPen(pen)
        p.drawLine(QPointF(rect.left(), y), QPointF(tip - 5, y))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(color))
        head = 3.0 + width / 2
        p.drawPolygon(QPolygonF([QPointF(tip, y), QPointF(tip - 7, y - head), QPointF(tip - 7, y + head)]))
