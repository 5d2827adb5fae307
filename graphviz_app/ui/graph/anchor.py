"""The viewport follows the user through a relayout: what they looked at stays where it was.

Before Open all, Fold all or a group's toggle, ``capture`` notes the item the user looks at (the
one clicked, else the one under the mouse, else the one at or nearest the viewport's centre), the
viewport point where it shows and where in its box that point is. After the relayout ``restore``
finds that item again (the same id, or the folded group that now holds it), maps the point into
its new box and scrolls so it shows at the same viewport point. A folded group that opens keeps
its header under the mouse (its content unrolls below); a frame that folds keeps the point's place
in the box. If nothing at all would be visible, the nearest node is brought to the centre; if the
whole graph would be a speck (Fold all from far out), it is fitted.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF

SPECK = 8  # a graph smaller than this fraction of the viewport both ways is fitted instead


@dataclass(frozen=True)
class ViewAnchor:
    item: int  # layout item (leaf or group id)
    view_pt: QPoint  # where it showed in the viewport
    fx: float  # where that point lay in the item's box, as fractions of its size
    fy: float
    dy: float  # ...and in scene units below the box's top
    h: float  # the box's height then


def capture(canvas, scene, item: int | None = None) -> ViewAnchor | None:
    """What the user looks at in CANVAS (ITEM if given, e.g. the group double-clicked)."""
    g = scene.geometry
    if g is None or not len(g.items):
        return None
    pos = canvas.mouse_pos
    if pos is not None and not canvas.viewport().rect().contains(pos):
        pos = None
    if item is not None:
        rect = scene.item_rect(item)
        if rect is None:
            return None
        if pos is None or not rect.contains(canvas.mapToScene(pos)):
            pos = canvas.mapFromScene(rect.center())  # chosen elsewhere (a menu): keep it where it is
        return _anchor(canvas, item, rect, pos)
    if pos is None:
        pos = canvas.viewport().rect().center()
    at = canvas.mapToScene(pos)
    row = g.row_at(at.x(), at.y())
    if row is None or g.is_box[row]:
        # a frame changes size the most when folding changes: a node near the point is a better
        # landmark (a third of the viewport away at most)
        near = g.nearest_row(at.x(), at.y(), boxes=False)
        reach = max(canvas.viewport().width(), canvas.viewport().height()) / 3 / canvas.current_scale()
        if near is not None and _distance(g.rect(near), at) <= reach:
            row = near
    if row is None:
        row = g.nearest_row(at.x(), at.y())
    rect = g.rect(row)
    if not rect.contains(at):  # the landmark's point nearest to where the user looks
        at = QPointF(min(max(at.x(), rect.left()), rect.right()), min(max(at.y(), rect.top()), rect.bottom()))
        pos = canvas.mapFromScene(at)
    return _anchor(canvas, int(g.items[row]), rect, pos)


def _distance(rect, p: QPointF) -> float:
    dx = max(rect.left() - p.x(), 0.0, p.x() - rect.right())
    dy = max(rect.top() - p.y(), 0.0, p.y() - rect.bottom())
    return (dx * dx + dy * dy) ** 0.5


def _anchor(canvas, item: int, rect, pos: QPoint) -> ViewAnchor:
    at = canvas.mapToScene(pos)
    fx = min(1.0, max(0.0, (at.x() - rect.left()) / max(rect.width(), 1e-9)))
    fy = min(1.0, max(0.0, (at.y() - rect.top()) / max(rect.height(), 1e-9)))
    return ViewAnchor(item, QPoint(pos), fx, fy, max(0.0, at.y() - rect.top()), rect.height())


def restore(anchor: ViewAnchor | None, canvas, scene, engine) -> None:
    """Scroll CANVAS so ANCHOR's point shows where it did (in its item's new box)."""
    if anchor is not None and scene.geometry is not None:
        item = anchor.item
        if item not in scene.geometry.row_of:
            item = engine.visible_item(item)
        rect = scene.item_rect(item)
        if rect is not None:
            x = rect.left() + anchor.fx * rect.width()
            if rect.height() >= anchor.h:  # the same box or one that opened: its top stays
                y = rect.top() + min(anchor.dy, rect.height())
            else:
                y = rect.top() + anchor.fy * rect.height()
            canvas.place(QPointF(x, y), QPointF(anchor.view_pt))
            whole = canvas.mapFromScene(scene.sceneRect()).boundingRect()
            vp = canvas.viewport().rect()
            if whole.width() < vp.width() / SPECK and whole.height() < vp.height() / SPECK:
                canvas.fit()  # folded from far out: the whole graph would be a speck
    ensure_not_empty(canvas, scene)


def ensure_not_empty(canvas, scene) -> None:
    """If the canvas would show no node and no frame's edge, centre the nearest node (keeping
    the zoom the user chose); if even that shows nothing, fit the whole graph."""
    g = scene.geometry
    if g is None or not len(g.items):
        return
    shown = canvas.visible_rect()
    if g.shows_something(shown):
        return
    c = shown.center()
    row = g.nearest_row(c.x(), c.y(), boxes=False)
    if row is None:
        row = g.nearest_row(c.x(), c.y())
    canvas.place(g.rect(row).center(), QPointF(canvas.viewport().rect().center()))
    if not g.shows_something(canvas.visible_rect()):
        canvas.fit()
