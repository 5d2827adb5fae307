"""A run's graph shown again after a re-run (live mode, Ctrl+Enter) keeps what the user had:
the groups they opened, the node they selected, the zoom, and the point they looked at, found
again by name in the new graph (item ids change between layouts; names do not)."""
from __future__ import annotations

from dataclasses import dataclass, replace

from graphviz_app.ui.graph.anchor import ViewAnchor, capture, restore


@dataclass(frozen=True)
class Kept:
    key: str  # the session's key ("fn:<name>")
    opened: frozenset[str]  # names of the open groups
    selected: str | None  # a node's name or a group's name
    scale: float
    anchor: ViewAnchor | None
    anchor_name: str | None


def _name_of(engine, item: int | None) -> str | None:
    if item is None or item < 0:
        return None
    return engine.names[item] if item < engine.n else "group:" + engine.tree.groups[item].name


def _item_of(engine, name: str | None) -> int | None:
    if name is None:
        return None
    if name.startswith("group:"):
        wanted = name[len("group:"):]
        return next((gid for gid, g in engine.tree.groups.items() if g.name == wanted), None)
    return engine.index.get(name)


class KeepAcrossRuns:
    """Mixin of GraphView: ``keep_view()`` before a new report replaces the sessions,
    ``restore_kept()`` once the same function's new graph is on display."""

    def keep_view(self) -> None:
        session = self.session
        self._kept = None
        if session is None or not session.key.startswith("fn:") or not session.prepared:
            return
        engine = session.engine
        anchor = capture(self.canvas, self.scene)
        opened = frozenset(g.name for gid, g in engine.tree.groups.items()
                           if gid != engine.tree.root and engine.is_expanded(gid))
        self._kept = Kept(session.key, opened, _name_of(engine, self._selected), self.canvas.current_scale(),
                          anchor, _name_of(engine, anchor.item) if anchor is not None else None)

    def restore_kept(self) -> None:
        kept, self._kept = getattr(self, "_kept", None), None
        session = self.session
        if kept is None or session is None or session.key != kept.key or not session.prepared:
            return
        engine = session.engine
        opened = {gid for gid, g in engine.tree.groups.items() if g.name in kept.opened}
        if opened != {gid for gid in engine.tree.groups if gid != engine.tree.root and engine.is_expanded(gid)}:
            for gid in engine.tree.groups:
                if gid != engine.tree.root:
                    engine.set_expanded(gid, gid in opened)
            self._relayout()
        self.canvas.zoom_by(kept.scale / self.canvas.current_scale())
        item = _item_of(engine, kept.anchor_name)
        if kept.anchor is not None and item is not None:
            restore(replace(kept.anchor, item=item), self.canvas, self.scene, engine)
        selected = _item_of(engine, kept.selected)
        if selected is not None:
            self.select_item(engine.visible_item(selected) if selected < engine.n else selected)
