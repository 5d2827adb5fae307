"""The graph side: the traced tf.function graph, drawn by the graph view's scene (read-only use),
with the counterpart of the selected eager op highlighted."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from graphviz_app.core.graph.layout_data import LayoutOptions
from graphviz_app.ui.graph import style as st
from graphviz_app.ui.graph.canvas import GraphCanvas
from graphviz_app.ui.graph.scene import GraphScene
from graphviz_app.ui.graph.session import GraphSession

EXPAND_ALL_BELOW = 400  # small graphs open fully: each node is a counterpart to click
READABLE_SCALE = max(st.TEXT_MIN_SCALE, 0.6)  # fitting never shrinks node text below this


class EagerGraphPane(QWidget):
    node_clicked = Signal(str)  # a graph node name; "" for the background

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.session: GraphSession | None = None
        self._highlighted: list[str] = []
        self.scene = GraphScene(self)
        self.canvas = GraphCanvas(self.scene, self)
        self.canvas.setMinimumSize(200, 150)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.canvas)
        self.canvas.scale_changed.connect(self.scene.set_scale)
        self.canvas.item_clicked.connect(self._on_item_clicked)
        self.canvas.tooltip_for = lambda item: self.session.tooltip(item) if self.session else ""

    def show_function(self, info, model, report) -> None:
        if info is None:
            self.session = None
            self.scene.clear()
            return
        self.session = GraphSession.from_function(f"fn:{info.name}", info, model, report)
        self.session.ensure_engine(LayoutOptions(text_width=st.TextMeasure(), rankdir="TB"))
        engine = self.session.engine
        if len(engine.model) <= EXPAND_ALL_BELOW:
            engine.expand_all()
        self.session.layout = engine.layout()
        self.scene.show_layout(self.session.layout, engine)
        self.fit()

    def fit(self) -> None:
        """The whole graph, unless that makes its text unreadable: then readable, from the top."""
        self.canvas.fit()
        if self.canvas.current_scale() < READABLE_SCALE:
            self.canvas.set_zoom(READABLE_SCALE)
            rect = self.scene.sceneRect()
            view_h = self.canvas.viewport().height() / READABLE_SCALE
            self.canvas.centerOn(rect.center().x(), rect.top() + view_h / 2)
        self.scene.set_scale(self.canvas.current_scale())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.session is not None:
            self.fit()

    def _on_item_clicked(self, item_id: int) -> None:
        if self.session is None or item_id < 0 or item_id >= self.session.engine.n:
            self.highlight([])
            self.node_clicked.emit("")
            return
        name = self.session.engine.names[item_id]
        self.highlight([name])
        self.node_clicked.emit(name)

    def highlight(self, names: list[str]) -> None:
        """Mark these nodes (the visible group of a folded one); nothing for an empty list."""
        self._highlighted = [n for n in names if self.session is not None
                             and n in self.session.engine.index]
        if self.session is None:
            return
        engine = self.session.engine
        items = {}
        for name in names:
            leaf = engine.index.get(name)
            if leaf is not None:
                items[engine.visible_item(leaf)] = st.HIGHLIGHT
        if items:
            self.scene.mark(items, dim_others=True)
        else:
            self.scene.clear_marks()

    def highlighted(self) -> list[str]:
        """Names of the nodes marked by the last highlight()."""
        return list(self._highlighted)
