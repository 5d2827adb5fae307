"""Colours, fonts and thresholds of the graph scene (one place, so the legend and items agree)."""
from __future__ import annotations

import threading
import zlib
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen


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
SAVED_EDGE = QColor("#ef6c00")  # a forward tensor a gradient op reads: kept for backward
SAVED_EDGE_WIDTH = 3.2
# one edge: a pixel wide at 1:1, which Qt's rasterizer draws on its fast path (at 1.2 px every
# curve is outlined and filled: the edges of a dense 1:1 view of ResNet50 cost 2-3x as much)
EDGE_WIDTH = 1.0
EDGE_LABEL = QColor("#5a5a5a")
NODE_TEXT = QColor("#1b1b1b")
NODE_SUBTEXT = QColor("#5f5f5f")
NODE_TEXT_ON_DARK = QColor("#ffffff")  # on a dark overlay fill
# cost overlays: nodes coloured from pale yellow (least) to dark red (most) (ColorBrewer YlOrRd,
# without its near-white first class, which would read as "not coloured"); COST_STEPS colours in
# all, so the tiles paint one batch per colour; ops with nothing to show get NO_COST
COST_STOPS = ("#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026")
COST_STEPS = 48
NO_COST = QColor("#e6e6e6")
HIGHLIGHT = QColor("#ff9800")
SELECTED = QColor("#1565c0")
# a graph diff's marks (the Graph diff tab): green only in B, red only in A, amber changed
DIFF_ADDED = QColor("#2e7d32")
DIFF_REMOVED = QColor("#c62828")
DIFF_CHANGED = QColor("#ef8f00")
ANCESTOR = QColor("#7b1fa2")
DESCENDANT = QColor("#00897b")
FORWARD_OF = QColor("#8e24aa")  # the forward op a hovered gradient op differentiates
BOX_TITLE = QColor("#3c4a99")
LABEL_PLATE = QColor(252, 252, 252, 225)  # behind an edge label, so edges crossing it don't hide it

# The canvas is light in both themes: the node colours and edge labels above are made for it,
# and a picture of a graph looks the same whoever exported it. What sits on the canvas (legend,
# minimap, overlay labels) takes these colours, not the theme's.
CANVAS = QColor("#fcfcfc")
EXPORT_BACKGROUND = QColor("#ffffff")
CANVAS_TEXT = QColor("#333333")
CANVAS_MUTED = QColor("#666666")
CANVAS_BORDER = QColor("#b0b0b0")
MINIMAP_BACK = QColor(250, 250, 250, 220)
MINIMAP_PAPER = QColor(255, 255, 255, 230)
MINIMAP_FRAME_FILL = QColor(21, 101, 192, 30)
OVERLAY_BACK = "rgba(252,252,252,215)"
# the overlay labels of the canvas (counts, hints, "laying out…"); CSS for QLabel.setStyleSheet
STATUS_CSS = f"color:{CANVAS_MUTED.name()}; background:{OVERLAY_BACK}; padding:2px 6px"
HINT_CSS = f"color:{CANVAS_MUTED.name()}; padding:16px"
BUILDING_CSS = (f"color:{CANVAS_TEXT.name()}; background:{OVERLAY_BACK}; padding:6px 10px;"
                f"border:1px solid {CANVAS_BORDER.name()}; border-radius:4px")
DIMMED_ALPHA = 60
# control dependencies: dashes in pen widths, flat ends (round caps on every dash of thousands of
# curved dashes cost a frame 8 ms at 1:1 in a 20k-op graph; these cost 1.3 ms)
CONTROL_DASHES = (5.0, 3.5)


def edge_pen(color: QColor, width: float, control: bool) -> QPen:
    """The pen of an edge: solid with round ends, or the control dependencies' dashes."""
    pen = QPen(color, width)
    if control:
        pen.setDashPattern(list(CONTROL_DASHES))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    else:
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen

# level of detail: scene scale below which a detail is not drawn
TEXT_MIN_SCALE = 0.45
EDGE_LABEL_MIN_SCALE = 0.7
ARROW_MIN_SCALE = 0.3
# A big layout has graphics items only where the view looks and only from this scale up (where
# text is readable); below it, cached pictures of the layout (tiles) stand for everything.
ITEM_MIN_SCALE = TEXT_MIN_SCALE
LAZY_MIN_ELEMENTS = 2500  # layouts with more boxes + edge routes than this are drawn lazily


@cache
def cost_colours() -> tuple[QColor, ...]:
    """The COST_STEPS colours of a cost overlay, least to most, interpolated between COST_STOPS."""
    stops = [QColor(c) for c in COST_STOPS]
    out = []
    for k in range(COST_STEPS):
        t = k / (COST_STEPS - 1) * (len(stops) - 1)
        i = min(int(t), len(stops) - 2)
        f = t - i
        a, b = stops[i], stops[i + 1]
        out.append(QColor(round(a.red() + (b.red() - a.red()) * f), round(a.green() + (b.green() - a.green()) * f),
                          round(a.blue() + (b.blue() - a.blue()) * f)))
    return tuple(out)


def twin_colors(structure: str) -> tuple[QColor, QColor]:
    """(fill, border) of groups with this structure key: twins share a hue, made from the key, so
    repeated blocks are seen as such; any other group keeps the plain group colours."""
    hue = zlib.crc32(structure.encode()) % 360
    return QColor.fromHsv(hue, 48, 250), QColor.fromHsv(hue, 175, 170)


def title_font() -> QFont:
    return QFont(_font(11, True))


def subtitle_font() -> QFont:
    return QFont(_font(10, False))


def label_font() -> QFont:
    return QFont(_font(9, False))


@cache
def metrics(bold: bool) -> QFontMetricsF:
    """Metrics of the node title (bold) or subtitle font."""
    return QFontMetricsF(_font(11, True) if bold else _font(10, False))


@cache
def _font(px: int, bold: bool) -> QFont:
    """Made once: thousands of items take a copy instead of building their own."""
    f = QFont()
    f.setPixelSize(px)
    f.setBold(bold)
    return f


_CHAR_WIDTHS: dict[bool, dict[str, float]] = {}  # bold -> {char: advance}, measured once


def _char_widths(bold: bool) -> dict[str, float]:
    table = _CHAR_WIDTHS.get(bold)
    if table is None:
        fm = QFontMetricsF(title_font() if bold else subtitle_font())
        table = {chr(c): fm.horizontalAdvance(chr(c)) for c in range(32, 127)}
        table[""] = max(table.values())  # anything else: the widest ASCII advance
        _CHAR_WIDTHS[bold] = table
    return table


class TextMeasure:
    """text_width(text, bold) for the layout, from the real fonts the items draw with.

    Made on the GUI thread, it may be called from the background thread (layouts built there): off
    the GUI thread it never touches Qt's font engine (whose caches are not shared safely between
    threads) but sums per-character advances measured here, which is never narrower than the
    kerned text.
    """

    def __init__(self):
        self._bold = QFontMetricsF(title_font())
        self._plain = QFontMetricsF(subtitle_font())
        self._thread = threading.get_ident()
        self._tables = {True: _char_widths(True), False: _char_widths(False)}
        self._cache: dict[tuple[str, bool], float] = {}

    def __call__(self, text: str, bold: bool = False) -> float:
        key = (text, bold)
        w = self._cache.get(key)
        if w is None:
            if threading.get_ident() == self._thread:
                w = (self._bold if bold else self._plain).horizontalAdvance(text)
            else:
                table = self._tables[bold]
                wide = table[""]
                w = sum(table.get(ch, wide) for ch in text)
            self._cache[key] = w
        return w
