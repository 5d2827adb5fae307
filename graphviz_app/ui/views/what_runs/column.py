"""One column of the What TF runs tab: a titled graph (the graph kit's named pane) whose nodes
other columns light up by name."""
from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from graphviz_app.ui.graph.named_pane import NamedGraphPane


class GraphColumn(NamedGraphPane):
    def __init__(self, title: str, engine=None, parent: QWidget | None = None):
        super().__init__(title, engine, parent)
        self.pane.canvas.resized.connect(self._refit)

    # ----- marks
    def mark(self, colours: dict[str, QColor], dim: bool = True) -> None:
        """Colour the named nodes (a folded group takes the colour of what it hides); nothing
        named: every mark goes."""
        if self.session is None:
            return
        engine = self.session.engine
        items: dict[int, QColor] = {}
        for name, colour in colours.items():
            leaf = engine.index.get(name)
            if leaf is not None:
                items.setdefault(engine.visible_item(leaf), colour)
        if items:
            self.pane.scene.mark(items, dim_others=dim)
        else:
            self.pane.scene.clear_marks()

    def _refit(self) -> None:
        if self.session is not None:
            self.pane.fit()
            self.pane.update_minimap_frame()
