"""What an overlay puts on the graph over the layout's own look: a fill per item (a cost
overlay's colours) and a subtitle per item (a folded group's totals, a frame's header).

The scene asks its ``overlay_source(layout, engine)`` for one each time it draws a layout, so
items made later (lazily, where the view looks) and the tiles (far out) show the same colours.
Fills are few distinct colours (a colour scale's steps): the tiles paint one batch per colour.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtGui import QColor


@dataclass
class Overlay:
    fills: dict[int, QColor] = field(default_factory=dict)  # layout item -> fill
    subtitles: dict[int, str] = field(default_factory=dict)  # layout item -> text (UI language)
    _rows: tuple | None = field(default=None, repr=False)

    def rows(self, geometry) -> tuple[np.ndarray, list[QColor]]:
        """Per row of GEOMETRY the index of its fill in the returned colours (-1: its own)."""
        if self._rows is not None and self._rows[0] is geometry:
            return self._rows[1], self._rows[2]
        index = np.full(len(geometry.items), -1, np.int64)
        colours: dict[int, int] = {}
        palette: list[QColor] = []
        for item, colour in self.fills.items():
            row = geometry.row_of.get(item)
            if row is None:
                continue
            k = colours.get(colour.rgba())
            if k is None:
                k = colours[colour.rgba()] = len(palette)
                palette.append(QColor(colour))
            index[row] = k
        self._rows = (geometry, index, palette)
        return index, palette


def apply_to_item(overlay: Overlay | None, item) -> None:
    """Give a node or frame item its overlay fill and subtitle (or its own look back)."""
    item_id = item.item_id
    item.set_fill(overlay.fills.get(item_id) if overlay is not None else None)
    item.set_subtitle(overlay.subtitles.get(item_id) if overlay is not None else None)
