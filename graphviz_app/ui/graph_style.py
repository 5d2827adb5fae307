"""Colours, fonts and thresholds of the graph scene (one place, so the legend and items agree)."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontMetricsF


@dataclass(frozen=True)
class KindStyle:
    fill: str
    border: str
    shape: str  # "rect", "round", "pill", "ellipse"


KINDS = {
    "input": KindStyle("#dbeeff", "#2b78d0", "pill"),
    "variable": KindStyle("#ffe9c7", "#cf8000", "round"),
    "const": KindStyle("#f0f0f0", "#9a9a9a", "ellipse"),
    "op": KindStyle("#ffffff", "#4a4a4a", "round"),
    "output": KindStyle("#def4de", "#2e8b3d", "pill"),
    "gradient": KindStyle("#fde3e7", "#c2185b", "round"),
    "group": KindStyle("#e9ecfb", "#5363b8", "round"),
}
BOX_FILL = QColor(83, 99, 184, 14)
BOX_BORDER = QColor("#9aa4d8")
EDGE = QColor("#7d7d7d")
EDGE_LABEL = QColor("#5a5a5a")
NODE_TEXT = QColor("#1b1b1b")
NODE_SUBTEXT = QColor("#5f5f5f")
HIGHLIGHT = QColor("#ff9800")
SELECTED = QColor("#1565c0")
ANCESTOR = QColor("#7b1fa2")
DESCENDANT = QColor("#00897b")
DIMMED_ALPHA = 60

# level of detail: scene scale below which a detail is not drawn
TEXT_MIN_SCALE = 0.45
EDGE_LABEL_MIN_SCALE = 0.7
ARROW_MIN_SCALE = 0.3
OVERVIEW_MAX_SCALE = 0.16  # below: one bulk-painted overview instead of thousands of items


def title_font() -> QFont:
    f = QFont()
    f.setPixelSize(11)
    f.setBold(True)
    return f


def subtitle_font() -> QFont:
    f = QFont()
    f.setPixelSize(10)
    return f


def label_font() -> QFont:
    f = QFont()
    f.setPixelSize(9)
    return f


class TextMeasure:
    """text_width(text, bold) for the layout, from the real fonts the items draw with."""

    def __init__(self):
        self._bold = QFontMetricsF(title_font())
        self._plain = QFontMetricsF(subtitle_font())
        self._cache: dict[tuple[str, bool], float] = {}

    def __call__(self, text: str, bold: bool = False) -> float:
        key = (text, bold)
        w = self._cache.get(key)
        if w is None:
            w = (self._bold if bold else self._plain).horizontalAdvance(text)
            self._cache[key] = w
        return w
