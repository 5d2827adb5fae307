"""The graph view's selection, lineage, tooltips and search: what a click, a hover, the editor's
line or Ctrl+F does to the nodes on screen (mixed into GraphView, which owns the state)."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

from graphviz_app.ui.common.core_text import core_text
from graphviz_app.ui.graph import style as st

translate = QCoreApplication.translate  # the strings stay in GraphView's context


class GraphNavigation:
    # ----- selection, lineage, tooltips
    def select_item(self, item_id: int) -> None:
        self.clear_highlight()
        self._selected = item_id
        if self.session is None or item_id is None or item_id < 0:
            self._inspector.show_nothing()
            self.top_ops.show_selected(None)
            self._emit_nodes([])
            return
        engine = self.session.engine
        self.scene.mark({item_id: st.SELECTED})
        names = [engine.names[leaf] for leaf in self.session.leaves_of(item_id)]
        self.top_ops.show_selected(names[0] if item_id < engine.n else None)
        self._emit_nodes(names)
        if item_id >= engine.n:
            g = engine.tree.groups[item_id]
            self._inspector.show_group(core_text(g.title), g.leaf_count,
                                       engine.is_expanded(item_id))
            return
        name = engine.names[item_id]
        details = engine.model.node_details(name)
        self._inspector.show_node(details, self.session.value_of(name))
        if details.get("line"):
            self._emit_line(int(details["line"]))

    def select_node_name(self, name: str) -> None:
        if self.session is None or name not in self.session.engine.index:
            return
        leaf = self.session.engine.index[name]
        self.reveal(leaf)
        self.select_item(self.session.engine.visible_item(leaf))

    # ----- following the other views (the timeline's slices)
    def _emit_nodes(self, names: list[str]) -> None:
        """Tell the other views which nodes of a run's tf.function the user selected."""
        key = self.session.key if self.session is not None else ""
        if getattr(self, "_following", False) or not key.startswith("fn:"):
            return
        self._emitting_nodes = True
        try:
            self.ctx.nodes_selected.emit(key[3:], list(names))
        finally:
            self._emitting_nodes = False

    def _on_nodes_selected(self, function: str, names: list) -> None:
        """Another view selected nodes of FUNCTION's graph: show that graph, select them (their
        groups opened), without switching tabs; a graph not laid out yet takes them when it is."""
        if getattr(self, "_emitting_nodes", False) or not names:
            return
        key = f"fn:{function}"
        if key not in self._sessions:
            return
        self._pending = (key, list(names))
        if self.session is None or self.session.key != key:
            self._choose(key)
        else:
            self._select_pending()

    def _select_pending(self) -> None:
        key, names = getattr(self, "_pending", None) or ("", [])
        if names and self.session is not None and self.session.key == key and self.session.prepared:
            self._pending = None
            self.select_node_names(names)

    def select_node_names(self, names: list[str]) -> None:
        """Select the nodes NAMES (the first in the inspector), opening the groups that hide them."""
        engine = self.session.engine
        leaves = [engine.index[n] for n in names if n in engine.index]
        if not leaves:
            return
        hidden = [leaf for leaf in leaves if engine.visible_item(leaf) != leaf]
        for leaf in hidden:
            engine.reveal(leaf)
        if hidden:
            self._relayout()
        self._following = True
        try:
            self.reveal(leaves[0])
            self.select_item(leaves[0])
        finally:
            self._following = False
        if len(leaves) > 1:
            self.scene.mark({leaf: st.SELECTED for leaf in leaves})

    def reveal(self, leaf: int) -> None:
        """Open the groups above a node if needed and centre the view on it."""
        engine = self.session.engine
        if engine.visible_item(leaf) != leaf:
            engine.reveal(leaf)
            self._relayout()
        rect = self.scene.item_rect(leaf)
        if rect is not None:
            if self.canvas.current_scale() < st.TEXT_MIN_SCALE:
                self.canvas.set_zoom(1.0)
            self.canvas.centerOn(rect.center())

    def highlight_lineage(self, ancestors: bool) -> None:
        item_id = self._selected
        if self.session is None or item_id is None or item_id < 0:
            return
        engine = self.session.engine
        leaves = self.session.leaves_of(item_id)
        related = self.session.lineage(leaves, ancestors)
        color = st.ANCESTOR if ancestors else st.DESCENDANT
        visible = {engine.visible_item(v) for v in related} - {item_id}
        marks = {v: color for v in visible}
        marks[item_id] = st.SELECTED
        # a route is lit when it joins lit items and carries an edge between two related ops
        inside = np.zeros(engine.n, bool)
        inside[list(related | set(leaves))] = True
        both = inside[engine.tree.edge_src] & inside[engine.tree.edge_dst]
        edges = {i: color for i, e in enumerate(self.session.layout.edges)
                 if (e.src in marks or e.src_port) and (e.dst in marks or e.dst_port)
                 and both[e.edges[:16]].any()}
        self.scene.mark(marks, dim_others=True, edges=edges)
        text = (translate("GraphView", "ancestors: %1") if ancestors
                else translate("GraphView", "descendants: %1"))
        self.pane.set_status(text.replace("%1", str(len(related))))

    def clear_highlight(self) -> None:
        self.scene.clear_marks()

    def _tooltip(self, item_id: int) -> str:
        if self.session is None:
            return ""
        cost = self.cost_tooltip(item_id)
        return self.session.tooltip(item_id) + (f"\n\n{cost}" if cost else "")

    def _on_line_selected(self, line: int) -> None:
        """The editor selected a line: highlight the graph nodes made by it."""
        if self._emitting_line or self.session is None or self.session.layout is None:
            return
        engine = self.session.engine
        hits = {engine.visible_item(i) for i, a in enumerate(engine._attrs) if a.get("line") == line}
        if hits:
            self.scene.mark({h: st.HIGHLIGHT for h in hits})

    # ----- search
    def _on_query(self, text: str) -> None:
        self._matches = self.session.search(text) if self.session is not None else []
        self._match_index = 0
        if not self._matches:
            self.scene.clear_marks()
            self.search.set_result(0, 0)
            return
        engine = self.session.engine
        self.scene.mark({engine.visible_item(m): st.HIGHLIGHT for m in self._matches})
        self._jump()

    def _on_search_step(self, delta: int) -> None:
        if not self._matches:
            return
        self._match_index = (self._match_index + delta) % len(self._matches)
        self._jump()

    def _jump(self) -> None:
        leaf = self._matches[self._match_index]
        engine = self.session.engine
        if leaf < engine.n:
            self.reveal(leaf)
        marks = {engine.visible_item(m): st.HIGHLIGHT for m in self._matches}
        marks[engine.visible_item(leaf)] = st.SELECTED
        self.scene.mark(marks)
        rect = self.scene.item_rect(engine.visible_item(leaf))
        if rect is not None:
            self.canvas.centerOn(rect.center())
        self.search.set_result(self._match_index, len(self._matches))

    def _clear_search(self) -> None:
        self._matches = []
        self.scene.clear_marks()
