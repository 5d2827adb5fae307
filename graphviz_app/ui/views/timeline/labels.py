"""Where each text of the lane diagram goes, in screen pixels.

A bar's label sits inside its bar when it fits; else beside it, right then left, in the empty
time of its own row, joined to the bar by a short leader line; else in the gap above its row,
with a leader down to the bar. A label never covers another label or a bar (but its own), so it
is never unclear which bar it names. Only when none of these has room at the current zoom is a
label left out (zooming in makes room; the plot then says which kernels the row holds).

Pure geometry: the plot measures the texts, draws them and their leaders.
"""
from __future__ import annotations

from dataclasses import dataclass

PAD = 2.0  # px between a bar's edge and a label inside it (the text keeps 1 px of its own)
LEAD = 7.0  # px of leader line between a bar and a label beside it
GAP = 4.0  # px kept between two labels
CELL = 64.0  # px: the grid cell of the collision index
MAX_SLIDES = 60  # moves past what is in the way before a placement in a gap gives up


@dataclass(frozen=True)
class Rect:
    x0: float
    y0: float  # top (screen y grows downwards)
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def hits(self, other: "Rect", margin: float = 0.0) -> bool:
        return (self.x0 < other.x1 + margin and other.x0 < self.x1 + margin
                and self.y0 < other.y1 and other.y0 < self.y1)

    def moved_to(self, x0: float, cy: float) -> "Rect":
        return Rect(x0, cy - self.height / 2, x0 + self.width, cy + self.height / 2)


@dataclass(frozen=True)
class Request:
    """A text of WIDTH x HEIGHT px naming BAR (the very Rect given among the obstacles).
    LANE_Y is the centre of the gap above the bar's row (None: no gap to use). MODES are tried in
    order: inside, right, left, above (with a leader); slide (right of BAR or further right, no
    leader: for a text that is not a bar's label)."""

    bar: Rect
    width: float
    height: float
    lane_y: float | None = None
    modes: tuple[str, ...] = ("inside", "right", "left", "above")


@dataclass(frozen=True)
class Placement:
    rect: Rect | None  # None: no room at this zoom
    mode: str = "hidden"  # inside, right, left, above or hidden
    leader: tuple[float, float, float, float] | None = None  # x0, y0, x1, y1 in px


class _Index:
    """Rects bucketed by grid cell: a collision test looks at a few cells, not at every rect."""

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[tuple[Rect, bool]]] = {}

    def _keys(self, r: Rect):
        for i in range(int(r.x0 // CELL) - 1, int(r.x1 // CELL) + 2):
            for j in range(int(r.y0 // CELL), int(r.y1 // CELL) + 1):
                yield i, j

    def add(self, r: Rect, is_label: bool) -> None:
        for key in self._keys(r):
            self._cells.setdefault(key, []).append((r, is_label))

    def hits(self, r: Rect, ignore: Rect | None = None) -> list[tuple[Rect, bool]]:
        found: dict[int, tuple[Rect, bool]] = {}
        for key in self._keys(r):
            for other, is_label in self._cells.get(key, ()):
                if other is ignore:
                    continue
                if r.hits(other, GAP if is_label else 0.0):
                    found[id(other)] = (other, is_label)
        return list(found.values())


def place(requests: list[Request], obstacles: list[Rect], view: Rect) -> list[Placement]:
    """One placement per request, in order (earlier requests get the better spots). OBSTACLES are
    the bars and the fixed texts; VIEW is the visible area."""
    index = _Index()
    for r in obstacles:
        index.add(r, False)
    placements = []
    for request in requests:
        placement = _place_one(request, index, view)
        if placement.rect is not None:
            index.add(placement.rect, True)
        placements.append(placement)
    return placements


def _place_one(req: Request, index: _Index, view: Rect) -> Placement:
    bar = req.bar
    text = Rect(0, 0, req.width, req.height)
    for mode in req.modes:
        if mode == "inside":
            # a thin bar (the tf.function's Python side) may hold a text a little taller than itself
            if bar.width >= req.width + 2 * PAD and req.height <= 2 * bar.height:
                rect = text.moved_to(bar.x0 + PAD, bar.cy)
                # inside its own bar it may cover that bar, never another label
                if not any(is_label for _, is_label in index.hits(rect, ignore=bar)):
                    return Placement(rect, "inside")
        elif mode in ("right", "left"):
            # right beside the bar, or not at all: slid further, its leader would cross what it slid past
            x0 = bar.x1 + LEAD if mode == "right" else bar.x0 - LEAD - req.width
            rect = text.moved_to(x0, bar.cy)
            # the text and its leader: nothing between the bar and its label
            span = Rect(min(rect.x0, bar.x1), rect.y0, max(rect.x1, bar.x0), rect.y1)
            if _inside(rect, view) and not index.hits(span, ignore=bar):
                leader = (bar.x1, bar.cy, rect.x0, bar.cy) if mode == "right" else (rect.x1, bar.cy, bar.x0, bar.cy)
                return Placement(rect, mode, leader)
        elif mode == "slide":  # right of BAR, or past what is in the way (a text that needs no leader)
            rect = _slide(text.moved_to(bar.x1 + LEAD, bar.cy), +1, index, view, bar)
            if rect is not None:
                return Placement(rect, "slide")
        elif mode == "above" and req.lane_y is not None:
            start = min(max(bar.cx - req.width / 2, view.x0), view.x1 - req.width)
            found = [r for r in (_slide(text.moved_to(start, req.lane_y), d, index, view, bar) for d in (+1, -1))
                     if r is not None]
            if found:
                rect = min(found, key=lambda r: abs(r.cx - bar.cx))
                foot = min(max(bar.cx, rect.x0 + 2), rect.x1 - 2)
                return Placement(rect, "above", (min(max(foot, bar.x0), bar.x1), bar.y0, foot, rect.y1))
    return Placement(None)


def _inside(rect: Rect, view: Rect) -> bool:
    return rect.x0 >= view.x0 and rect.x1 <= view.x1 and rect.y0 >= view.y0 and rect.y1 <= view.y1


def _slide(rect: Rect, direction: int, index: _Index, view: Rect, bar: Rect) -> Rect | None:
    """RECT, or the nearest free spot from it in DIRECTION (+1 right, -1 left) within VIEW."""
    for _ in range(MAX_SLIDES):
        if not _inside(rect, view):
            return None
        hits = index.hits(rect, ignore=bar)
        if not hits:
            return rect
        if direction > 0:
            x0 = max(other.x1 for other, _ in hits) + GAP + 0.5
        else:
            x0 = min(other.x0 for other, _ in hits) - GAP - rect.width - 0.5
        rect = rect.moved_to(x0, rect.cy)
    return None
