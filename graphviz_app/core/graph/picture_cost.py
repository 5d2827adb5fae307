"""A cost overlay on a picture of the graph (issue 20), as data: the fills the graph view gives
ops and folded groups, the totals on folded groups and frames, the numbers in each tooltip, and
the key (a colour bar from the least to the most on display), so that SVG, PDF and PNG show what
the view shows when it is coloured by time, memory, FLOPs or parameters.

The UI makes a ``PictureOverlay`` from its scene's overlay (``ui/views/graph/export.py``);
``drawing_of(..., overlay=...)`` applies it to the shapes and places the key in a row of its
own under the legend. Without one, a drawing is exactly what it was (the CLI's and the GUI's
files stay byte-identical). The key's geometry follows the view's colour bar
(``ui/graph/cost_legend.py``): the metric in bold, the least value, the bar, the most, the
scale in grey, a swatch and the word for ops with nothing to show. No Qt here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from graphviz_app.core.graph.picture_text import HEADER_INDENT, elide

if TYPE_CHECKING:
    from graphviz_app.core.graph.picture import Shape

# the key's row: the graph view's colour bar (ui/graph/cost_legend.py) has the same geometry
KEY_H, BAR_W, MIN_BAR_W, BAR_H, KEY_PAD, KEY_GAP, KEY_SWATCH, SWATCH_W = 22.0, 180.0, 40.0, 10.0, 6.0, 8.0, 20.0, 14.0
KEY_FONT = 1.1  # the key's font is 11 px; the layout measures 10 px text


@dataclass
class KeyPart:
    """One piece of the key, left to right: a word ("bold", "text", "muted"), the colour bar
    ("bar") or the no-cost swatch ("swatch"); ``x`` and ``w`` in picture coordinates."""
    what: str
    x: float
    w: float
    text: str = ""


@dataclass
class CostKey:
    """What the colours mean. ``words``: the metric, the least and the most value, the scale
    and the word for no cost (the view's ``CostLegend.texts()``), or the metric and why there
    is nothing to colour; ``colours``: the scale's steps, least to most (CSS colours)."""
    words: list[str]
    colours: list[str]
    none: str  # the fill of ops with nothing to show
    y: float = 0.0  # the top of the key's row in the picture
    parts: list[KeyPart] = field(default_factory=list)


@dataclass
class PictureOverlay:
    """A cost overlay for a picture, by layout item: fills as ``#rrggbb``, the items whose fill
    is dark (their text turns light, as on screen), subtitles in the reader's language (folded
    groups' and frames' totals), lines added to tooltips, and the key."""
    fills: dict[int, str] = field(default_factory=dict)
    dark: set[int] = field(default_factory=set)
    subtitles: dict[int, str] = field(default_factory=dict)
    tips: dict[int, str] = field(default_factory=dict)
    key: CostKey | None = None


def _words(key: CostKey, measure: Callable[[str, bool], float]) -> list[tuple[str, str, float]]:
    """(what, text, width) of the key's words, the scale in brackets, as the view writes it."""
    styles = ("bold", "text", "text", "muted", "text") if len(key.words) > 2 else ("bold", "text")
    texts = list(key.words)
    if len(texts) > 3:
        texts[3] = f"({texts[3]})"
    return [(what, t, measure(t, what == "bold") * KEY_FONT + 2) for what, t in zip(styles, texts)]


def key_width(key: CostKey, measure: Callable[[str, bool], float]) -> float:
    """The least width the key takes: its words, gaps, swatch and the narrowest bar."""
    words = _words(key, measure)
    width = 2 * KEY_PAD + sum(w + KEY_GAP for _, _, w in words)
    return width + (MIN_BAR_W + KEY_GAP + KEY_SWATCH if len(words) > 2 else 0.0)


def place_key(key: CostKey, width: float, y: float, measure: Callable[[str, bool], float]) -> None:
    """Lay the key out along a row of WIDTH whose top is Y: the bar takes what the words leave,
    between MIN_BAR_W and BAR_W (as the view's colour bar does)."""
    words = _words(key, measure)
    bar_w = max(MIN_BAR_W, min(BAR_W, width - key_width(key, measure) + MIN_BAR_W))
    key.y, key.parts, x = y, [], KEY_PAD
    for k, (what, text, w) in enumerate(words):
        if k == 2:
            key.parts.append(KeyPart("bar", x, bar_w))
            x += bar_w + KEY_GAP
        elif k == 4:
            key.parts.append(KeyPart("swatch", x, SWATCH_W))
            x += KEY_SWATCH
        key.parts.append(KeyPart(what, x, w, text))
        x += w + KEY_GAP


def apply_overlay(shapes: list[Shape], layout, overlay: PictureOverlay, measure: Callable[[str, bool], float],
                  subtitle_text: Callable[[str], str]) -> None:
    """Give the shapes the overlay's fills, text tones, totals and tooltip lines: a folded
    group's subtitle is its totals; a frame keeps its fill and its header says the totals after
    its op count when both fit (the view's ``BoxItem.set_subtitle``)."""
    for s in shapes:
        extra = overlay.subtitles.get(s.item)
        if s.kind == "box":
            if extra:
                b = layout.nodes[layout.index[s.item]]
                room = s.w - 2 * HEADER_INDENT
                text = f"{subtitle_text(b.title)}  ({subtitle_text(b.subtitle)} · {extra})"
                if measure(text, False) > room:
                    text = f"{subtitle_text(b.title)}  ({extra})"
                s.title = elide(text, room, lambda t: measure(t, False), middle=True)
        else:
            fill = overlay.fills.get(s.item)
            if fill:
                s.fill, s.tone = fill, "dark" if s.item in overlay.dark else "light"
            if extra:
                s.subtitle = elide(extra, s.w - 6, lambda t: measure(t, False))
        tip = overlay.tips.get(s.item)
        if tip:
            s.tip = f"{s.tip}\n{tip}"
