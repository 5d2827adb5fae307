"""The drawing half of a graph view: scene, zoomable canvas, legend, minimap and overlays, and the
preparation of a GraphSession (model, folding, layout) off the GUI thread when it is big.

Both the graph view and the backward view are a GraphPane plus their own controls.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from graphviz_app.core.graph.layout_data import LayoutOptions
from graphviz_app.ui.graph import style as st
from graphviz_app.ui.graph.canvas import GraphCanvas
from graphviz_app.ui.graph.cost_legend import CostLegend
from graphviz_app.ui.graph.legend import GraphLegend
from graphviz_app.ui.graph.minimap import GraphMinimap
from graphviz_app.ui.graph.scene import GraphScene
from graphviz_app.ui.graph.session import GraphSession, prepare_session_job

# Sessions up to this many ops are prepared on the spot (a few ms); bigger ones (a long eager
# run: 3,800 nodes took 110-140 ms to model and fold) on the background thread.
PREPARE_INLINE_MAX = 400


class GraphPane(QWidget):
    prepared = Signal(object)  # a GraphSession whose preparation on the background thread finished
    prepare_failed = Signal(object, str)  # the session, the message

    def __init__(self, engine=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.engine = engine  # the app's Engine (None: prepare everything inline)
        self.session: GraphSession | None = None  # the one on display
        self.exporting = False  # a fit for a picture: the whole graph, however small
        self._job = None
        self._job_session: GraphSession | None = None
        self.scene = GraphScene(self)
        self.canvas = GraphCanvas(self.scene, self)
        self.canvas.setBackgroundBrush(st.CANVAS)  # light in both themes (see style.py)
        self.legend = GraphLegend(self)
        self.legend.hide()
        self.cost_legend = CostLegend(self)  # a cost overlay's colour bar, when one is on
        self.cost_legend.hide()
        self.minimap = GraphMinimap(self.canvas)
        self.minimap.hide()
        # counts and lineage results: a quiet overlay in the canvas' corner
        self.status = QLabel(self.canvas)
        self.status.setStyleSheet(st.STATUS_CSS)
        self.status.hide()
        self.hint = QLabel(self.canvas)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(st.HINT_CSS)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.building = QLabel(self.canvas)
        self.building.setStyleSheet(st.BUILDING_CSS)
        self.building.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.legend)
        lay.addWidget(self.cost_legend)
        lay.addWidget(self.canvas, 1)
        self.canvas.scale_changed.connect(self.scene.set_scale)
        self.canvas.viewport_moved.connect(self.update_minimap_frame)
        self.canvas.resized.connect(self.place_overlays)
        self.minimap.navigate.connect(lambda p: self.canvas.centerOn(p))

    # ----- preparing sessions
    def request(self, session: GraphSession, options: LayoutOptions) -> bool:
        """Make SESSION ready to display. True: it is (now). False: it is being prepared on the
        background thread; ``prepared`` fires when it is."""
        if session.prepared:
            return True
        if self.engine is None or session.size_hint <= PREPARE_INLINE_MAX:
            session.prepare(options)
            return True
        if self._job_session is session:
            return False  # already under way
        self.cancel_request()
        self._job_session = session
        # submitted on the next turn of the event loop: a new report reaches every view in one
        # go, and the background thread would compete for the GIL with the views still taking it in
        QTimer.singleShot(0, self, lambda: self._submit(session, options))
        self.building.setText(self.tr("Laying out about %1 ops…").replace("%1", f"{session.size_hint:,}"))
        self.building.adjustSize()
        self.building.show()
        self.place_overlays()
        return False

    def _submit(self, session: GraphSession, options: LayoutOptions) -> None:
        if self._job_session is not session or self._job is not None:
            return  # cancelled (or replaced) before it was sent
        job = self.engine.submit_local(prepare_session_job, session, options, name=f"lay out {session.key}")
        self._job = job
        job.finished.connect(lambda _s, j=job: self._on_prepared(j))
        job.failed.connect(lambda text, j=job: self._on_prepare_failed(j, text))

    def cancel_request(self) -> None:
        if self._job is not None:
            self._job.cancel()
        self._job, self._job_session = None, None
        self.building.hide()

    def is_preparing(self) -> bool:
        return self._job_session is not None

    def _on_prepared(self, job) -> None:
        if job is not self._job:
            return
        session = self._job_session
        self._job, self._job_session = None, None
        self.building.hide()
        # the layout measured text off the GUI thread; from now on measure it here
        session.engine.options.text_width = st.TextMeasure()
        self.prepared.emit(session)

    def _on_prepare_failed(self, job, text: str) -> None:
        if job is not self._job:
            return
        session = self._job_session
        self._job, self._job_session = None, None
        self.building.hide()
        lines = [line for line in text.strip().splitlines() if line.strip()]
        self.prepare_failed.emit(session, lines[-1] if lines else text)

    # ----- display
    def display(self, session: GraphSession | None, fit: bool = True) -> None:
        """Draw a prepared session (None: nothing)."""
        self.session = session
        self.hint.setVisible(session is None)
        if session is None:
            self.scene.show_nothing()
            self.minimap.set_layout(None)
            self.minimap.hide()
            self.legend.hide()
            self.set_status("")
            return
        self._draw(session.layout, fit)

    def relayout(self, fit: bool = False, anchor_item: int | None = None) -> None:
        """Lay the session out again (after folding or options changed) and redraw it; with an
        anchor, the anchor item stays where it was on screen."""
        engine = self.session.engine
        before = None
        if anchor_item is not None and self.scene.item_rect(anchor_item) is not None:
            before = self.canvas.mapFromScene(self.scene.item_rect(anchor_item).topLeft())
        self.session.layout = engine.layout()
        self._draw(self.session.layout, fit, keep=True)
        if before is not None and self.scene.item_rect(anchor_item) is not None:
            now = self.canvas.mapFromScene(self.scene.item_rect(anchor_item).topLeft())
            d = now - before
            hs, vs = self.canvas.horizontalScrollBar(), self.canvas.verticalScrollBar()
            hs.setValue(hs.value() + d.x())
            vs.setValue(vs.value() + d.y())
            self.scene.set_scale(self.canvas.current_scale())

    def _draw(self, layout, fit: bool, keep: bool = False) -> None:
        engine = self.session.engine
        self.scene.show_layout(layout, engine, keep=keep)
        self.minimap.set_layout(layout)
        self.legend.set_contents(self.scene.node_kinds(), self.scene.edge_kinds)
        self.legend.setVisible(bool(self.legend.entries()))
        self.place_overlays()
        if fit:
            self.fit()
        self.scene.set_scale(self.canvas.current_scale())
        self.update_minimap_frame()
        n_ops = len(engine.model)
        shown = sum(1 for b in layout.nodes if b.kind == "node")
        folded = [b for b in layout.nodes if b.kind == "group"]
        if folded:  # "4908 ops, 4 shown" read as if the rest were lost: say where they are
            text = self.tr("%1 ops: %2 shown, %3 in %4 folded groups (double-click one to open it)")
            text = text.replace("%3", f"{sum(b.ops for b in folded):,}").replace("%4", str(len(folded)))
        else:
            text = self.tr("%1 ops, %2 shown")
        self.set_status(text.replace("%1", f"{n_ops:,}").replace("%2", f"{shown:,}"))

    def fit(self) -> None:
        """The whole graph; a long one fitted whole would be unreadable specks: start readable,
        at the top (not for a picture, which shows all of it)."""
        self.canvas.fit()
        if self.canvas.current_scale() < st.TEXT_MIN_SCALE and not self.exporting:
            self.canvas.set_zoom(0.8)
            top = self.scene.sceneRect()
            view_h = self.canvas.viewport().height() / 0.8
            self.canvas.centerOn(QPointF(top.center().x(), top.top() + view_h / 2))
        self.scene.set_scale(self.canvas.current_scale())

    # ----- overlays
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.place_overlays()

    def place_overlays(self) -> None:
        vp = self.canvas.viewport().geometry()  # in the canvas' coordinates, inside scroll bars
        self.minimap.set_side(max(80, min(170, vp.height() // 3, vp.width() // 4)))
        self.minimap.move(vp.right() - self.minimap.width() - 6, vp.bottom() - self.minimap.height() - 6)
        self.minimap.raise_()
        self.status.adjustSize()
        self.status.move(vp.left() + 4, vp.bottom() - self.status.height() - 4)
        self.status.raise_()
        self.hint.setGeometry(0, 0, max(200, vp.width()), 160)
        self.building.move(vp.left() + (vp.width() - self.building.width()) // 2, vp.top() + 12)
        self.building.raise_()

    def update_minimap_frame(self) -> None:
        shown = self.canvas.mapToScene(self.canvas.viewport().rect()).boundingRect()
        self.minimap.set_view_rect(shown)
        # only worth its corner when part of the graph is out of view
        self.minimap.setVisible(self.session is not None and not shown.contains(self.scene.sceneRect()))

    def set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.place_overlays()

    def set_hint(self, text: str) -> None:
        self.hint.setText(text)
