"""The key to a cost overlay: the metric, a colour bar from its least to its most with the values
at both ends and their units, the scale (linear or log) and the colour of ops with nothing to
show. Drawn in the overlay's very colours (``style.cost_colours``)."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from graphviz_app.ui.graph import style as st
from graphviz_app.ui.graph.cost_overlay import CostScale, format_value, metric_name

BAR_W, MIN_BAR_W, BAR_H, PAD, HEIGHT = 180.0, 40.0, 10.0, 6.0, 22
GAP, SWATCH = 8.0, 20.0


class CostLegend(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.scale: CostScale | None = None
        self._font = QFont(self.font())
        self._font.setPixelSize(11)
        self._fm = QFontMetricsF(self._font)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setToolTip(self.tr("The colour of each op or folded group: its share of the most on display"))

    def set_scale(self, scale: CostScale | None) -> None:
        self.scale = scale
        self.setVisible(scale is not None)
        self.updateGeometry()
        self.update()

    def texts(self) -> list[str]:
        """What the legend says, in order: metric, least, most, scale, no-cost (for tests)."""
        s = self.scale
        if s is None:
            return []
        if s.hi <= 0:
            return [metric_name(s.metric), self.tr("nothing measured")]
        lo = format_value(s.metric, s.lo) if s.log else format_value(s.metric, 0)
        return [metric_name(s.metric), lo, format_value(s.metric, s.hi),
                self.tr("log scale") if s.log else self.tr("linear scale"), self.tr("none")]

    def _text_width(self) -> float:
        """Everything but the bar: the words (the metric bold), gaps and the no-cost swatch."""
        words = self.texts()
        bold = QFont(self._font)
        bold.setBold(True)
        width = QFontMetricsF(bold).horizontalAdvance(words[0]) + 2 + GAP if words else 0.0
        width += sum(self._fm.horizontalAdvance(t) + 2 + GAP for t in words[1:])
        return width + (self._fm.horizontalAdvance("()") + SWATCH + GAP if len(words) > 2 else 0.0)

    def sizeHint(self) -> QSize:
        return QSize(int(PAD * 2 + BAR_W + self._text_width()), HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(int(PAD * 2 + MIN_BAR_W + self._text_width()), HEIGHT)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), st.CANVAS)
        self.paint(p, self.width())
        p.end()

    def paint(self, p: QPainter, width: float) -> None:
        """Draw the legend in WIDTH from the painter's origin (also into a picture of the view);
        the colour bar takes what the words leave, within MIN_BAR_W..BAR_W."""
        words = self.texts()
        if not words:
            return
        bar_w = max(MIN_BAR_W, min(BAR_W, width - 2 * PAD - self._text_width()))
        p.save()
        p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        p.setFont(self._font)
        x = PAD

        def text(t: str, bold: bool = False, colour: QColor = st.CANVAS_TEXT) -> None:
            nonlocal x
            font = QFont(self._font)
            font.setBold(bold)
            p.setFont(font)
            w = QFontMetricsF(font).horizontalAdvance(t) + 2
            p.setPen(colour)
            p.drawText(QRectF(x, 0, w, HEIGHT), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, t)
            x += w + GAP

        text(words[0], bold=True)
        if len(words) == 2:
            text(words[1])
            p.restore()
            return
        text(words[1])
        bar = QRectF(x, (HEIGHT - BAR_H) / 2, bar_w, BAR_H)
        colours = st.cost_colours()
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        for k, c in enumerate(colours):
            gradient.setColorAt(k / (len(colours) - 1), c)
        p.setPen(QPen(st.CANVAS_BORDER, 1))
        p.setBrush(QBrush(gradient))
        p.drawRect(bar)
        x += bar_w + GAP
        text(words[2])
        text(f"({words[3]})", colour=st.CANVAS_MUTED)
        swatch = QRectF(x, (HEIGHT - BAR_H) / 2, 14, BAR_H)
        p.setPen(QPen(QColor(st.CANVAS_BORDER), 1))
        p.setBrush(QBrush(st.NO_COST))
        p.drawRect(swatch)
        x += SWATCH
        text(words[4])
        p.restore()
