"""A titled, read-only graph pane whose nodes are named from outside: the building block of the
tabs that draw several graphs side by side (What TF runs' columns, the Graph diff's sides).

It draws a GraphModel with the graph kit (``GraphPane``), says which node was clicked by name,
reports where a named node is drawn, lists the marks on display by node name, and fits the whole
graph for a picture. Subclasses decide what to mark and when."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from graphviz_app.core.graph.layout_data import LayoutOptions
from graphviz_app.ui.common import theme
from graphviz_app.ui.graph import style as st
from graphviz_app.ui.graph.pane import GraphPane
from graphviz_app.ui.graph.session import GraphSession

FLAT_UP_TO = 120  # a function this small reads best without name-scope frames
SMALL = 400  # up to this many ops every constant is its own node (it can be marked)
HEADER_CSS = "font-weight:600; padding:3px 6px; background:{alt_base}"


class NamedGraphPane(QWidget):
    node_clicked = Signal(str)  # a node's name; "" for the background or a folded group
    shown = Signal()  # a graph went on display (after its layout, maybe off the GUI thread)

    def __init__(self, title: str = "", engine=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session: GraphSession | None = None
        self._pending: GraphSession | None = None
        self.title = QLabel(title, self)
        self.title.setWordWrap(True)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.bar = QHBoxLayout()  # the title, then whatever the view puts beside it
        self.bar.setContentsMargins(0, 0, 0, 0)
        self.bar.setSpacing(4)
        self.bar.addWidget(self.title, 1)
        header = QWidget(self)
        header.setLayout(self.bar)
        theme.bind_style(header, HEADER_CSS)
        self.pane = GraphPane(engine, self)
        self.pane.setMinimumWidth(160)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(header)
        lay.addWidget(self.pane, 1)
        self.pane.prepared.connect(self._on_prepared)
        self.pane.prepare_failed.connect(lambda _s, text: self._after(None, text))
        self.pane.canvas.item_clicked.connect(self._on_item_clicked)
        self.pane.canvas.tooltip_for = self._tooltip

    # ----- what to draw
    def show_graph(self, key: str, model, hint: str = "") -> None:
        """Draw MODEL (a GraphModel; None: nothing, with HINT in its place). The model on display
        already is drawn again only when it was never drawn (its marks and view stay)."""
        if model is not None and self.session is not None and self.session.model is model and self._pending is None:
            self.shown.emit()
            return
        if model is not None and self._pending is not None and self._pending.model is model:
            return  # being laid out
        self.pane.cancel_request()
        self._pending = None
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

    def _on_prepared(self, session: GraphSession) -> None:
        if session is self._pending:
            self._after(session)

    def _after(self, session: GraphSession | None, hint: str = "") -> None:
        self._pending = None
        self.session = session
        self.pane.display(session, fit=True)
        if session is None:
            self.pane.set_hint(hint)
        self.shown.emit()

    def is_busy(self) -> bool:
        return self.pane.is_preparing()

    def set_title(self, text: str) -> None:
        self.title.setText(text)

    # ----- by name
    def marked(self) -> dict[str, str]:
        """Node name -> colour name of the marked nodes on display (for tests and pictures)."""
        if self.session is None:
            return {}
        engine, marks = self.session.engine, self.pane.scene.marks.items
        return {engine.names[i]: c.name() for i, c in marks.items() if i < engine.n}

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

    def _tooltip(self, item_id: int) -> str:
        return self.session.tooltip(item_id) if self.session is not None and item_id is not None else ""

    def fit_whole(self) -> None:
        """The whole graph, however small it gets (a picture)."""
        if self.session is None:
            return
        self.pane.exporting = True
        try:
            self.pane.fit()
        finally:
            self.pane.exporting = False
