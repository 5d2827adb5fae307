"""Text fitted into a picture's boxes, without Qt: ``elide`` cuts a line to the room it has as
Qt's ``elidedText`` does, measured with the layout's own ``text_width``. The drawing
(``picture.py``) and its cost overlay (``picture_cost.py``) both fit their titles with it.
"""
from __future__ import annotations

from typing import Callable

HEADER_INDENT = 6.0  # a frame's header from its left edge (and room kept at its right)


def elide(text: str, room: float, width: Callable[[str], float], middle: bool = False) -> str:
    """TEXT cut to fit ROOM with an ellipsis at its end (or in its middle), as Qt's elidedText."""
    if width(text) <= room:
        return text
    lo, hi = 0, len(text)  # the most characters kept that still fit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        cut = text[:mid - mid // 2] + "…" + text[len(text) - mid // 2:] if middle else text[:mid] + "…"
        lo, hi = (mid, hi) if width(cut) <= room else (lo, mid - 1)
    keep = max(lo, 1)
    return text[:keep - keep // 2] + "…" + text[len(text) - keep // 2:] if middle else text[:keep] + "…"
