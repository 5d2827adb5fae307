"""One side of the Graph diff tab: a title and one graph drawn with the graph kit's pane
(read-only), its added, removed and changed nodes coloured, the current change brought into view."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from graphviz_app.core.graph.layout_data import LayoutOptions
from graphviz_app.ui.common import theme
from graphviz_app.ui.graph import style as st
from graphviz_app.ui.graph.pane import GraphPane
from graphviz_app.ui.graph.session import GraphSession

FLAT_UP_TO = 120  # a function this small reads best without name-scope frames
SMALL = 400  # up to this many ops every constant is its own node (a changed one can be coloured)


class DiffSide(QWidget):
    node_clicked = Signal(str)  # a node's name; "" for the background or a folded group
    shown = Signal()  # a graph went on display (after its layout, maybe off the GUI thread)

    def __init__(self, engine=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session: GraphSession | None = None
        self._pending: GraphSession | None = None
        self._colours: dict[str, QColor] = {}
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        theme.bind_style(self.title, "font-weight:600; padding:3px 6px; background:{alt_base}")
        self.pane = GraphPane(engine, self)
        self.pane.setMinimumWidth(160)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.title)
        lay.addWidget(self.pane, 1)
        self.pane.prepared.connect(lambda s: self._after(s) if s is self._pending else None)
        self.pane.prepare_failed.connect(lambda _s, text: self._after(None, text))
        self.pane.canvas.item_clicked.connect(self._on_item_clicked)
        self.pane.canvas.tooltip_for = lambda i: self.session.tooltip(i) if self.session and i is not None else ""

    def show_graph(self, key: str, model, hint: str = "") -> None:
        """Draw MODEL (a GraphModel; None: nothing, with HINT in its place)."""
        if model is not None and self.session is not None and self.session.model is model:
            self.shown.emit()
            return
        self.pane.cancel_request()
        self._pending = None
        self._colours = {}
        if model is None:
            self._after(None, hint)
            return
        session = GraphSession(key, model)
        small = len(model) <= SMALL
        options = LayoutOptions(text_width=st.TextMeasure(), inline_constants=False if small else None,
                                flat_up_to=FLAT_UP_TO, node_sep=24.0)
        self._pending = session
        if self.pane.request(session, options):
            self._after(session)
        else:
            self.pane.display(None)
            self.pane.hint.hide()

    def _after(self, session: GraphSession | None, hint: str = "") -> None:
        self._pending = None
        self.session = session
        self.pane.display(session, fit=True)
        if session is None:
            self.pane.set_hint(hint)
        self.shown.emit()

    def is_busy(self) -> bool:
        return self.pane.is_preparing()

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
        if self.session is None:
            return {}
        engine, marks = self.session.engine, self.pane.scene.marks.items
        return {engine.names[i]: c.name() for i, c in marks.items() if i < engine.n}

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

    def point_of(self, name: str) -> QPoint | None:
        """Where node NAME is drawn, in the canvas viewport's pixels (None: not on display)."""
        if self.session is None or name not in self.session.engine.index:
            return None
        engine = self.session.engine
        rect = self.pane.scene.item_rect(engine.visible_item(engine.index[name]))
        return None if rect is None else self.pane.canvas.mapFromScene(rect.center())

    def _on_item_clicked(self, item_id: int) -> None:
        engine = self.session.engine if self.session is not None else None
        self.node_clicked.emit(engine.names[item_id] if engine is not None and 0 <= item_id < engine.n else "")

    def fit_whole(self) -> None:
        """The whole graph, however small it gets (a picture)."""
        if self.session is None:
            return
        self.pane.exporting = True
        try:
            self.pane.fit()
        finally:
            self.pane.exporting = False
