"""One side of the Graph diff tab: a titled graph (the graph kit's named pane), its added,
removed and changed nodes coloured, the current change brought into view."""
from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from graphviz_app.ui.graph import style as st
from graphviz_app.ui.graph.named_pane import NamedGraphPane


class DiffSide(NamedGraphPane):
    def __init__(self, engine=None, parent: QWidget | None = None):
        super().__init__("", engine, parent)
        self._colours: dict[str, QColor] = {}

    def show_graph(self, key: str, model, hint: str = "") -> None:
        """Draw MODEL (a GraphModel; None: nothing, with HINT in its place); its colours go."""
        if model is None or self.session is None or self.session.model is not model:
            self._colours = {}
        super().show_graph(key, model, hint)

    # ----- colours
    def colour(self, colours: dict[str, QColor]) -> None:
        """Colour the named nodes, everything else faded (a folded group takes the colour of the
        first change it hides)."""
        self._colours = dict(colours)
        self._apply()

    def _apply(self) -> None:
        if self.session is None:
            return
        engine = self.session.engine
        items: dict[int, QColor] = {}
        for name, colour in self._colours.items():
            leaf = engine.index.get(name)
            if leaf is not None:
                item = engine.visible_item(leaf)
                if items.get(item) != st.SELECTED:
                    items[item] = colour
        self.pane.scene.mark(items, dim_others=bool(items))

    def coloured(self) -> dict[str, str]:
        """Node name -> colour name of the coloured nodes on display (for tests and pictures)."""
        return self.marked()

    def bring_into_view(self, name: str | None) -> None:
        """Open the groups that hide NAME and centre the view on it."""
        if self.session is None or name is None or name not in self.session.engine.index:
            return
        engine = self.session.engine
        leaf = engine.index[name]
        if engine.visible_item(leaf) != leaf:
            engine.reveal(leaf)
            self.pane.relayout()
            self._apply()
        rect = self.pane.scene.item_rect(leaf)
        if rect is not None:
            self.pane.canvas.centerOn(rect.center())
