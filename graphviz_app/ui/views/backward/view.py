"""Backward graph: the forward and backward ops of a GradientTape as TensorFlow itself builds
them, with the edges the backward pass reads from the forward pass (the intermediates the tape
must remember) drawn thick and orange, each backward op's value from the real eager gradient()
call, and the forward op a gradient op differentiates lit up on hover.

The core traced the tape block (``RunReport.tapes[i].backward``); this view draws it with the
graph view's pane (scene, canvas, legend, off-thread layout) and lists the saved tensors beside it.
"""
from __future__ import annotations

import networkx as nx
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from graphviz_app.core.graph.layout_data import LayoutOptions
from graphviz_app.ui.graph import style as st
from graphviz_app.ui.graph.inspector import GraphInspector
from graphviz_app.ui.graph.pane import GraphPane
from graphviz_app.ui.graph.session import GraphSession
from graphviz_app.ui.views.backward.panel import BackwardSidePanel
from graphviz_app.ui.views.backward.trace import (
    backward_session,
    describe,
    tapes_with_backward,
)
from graphviz_app.ui.views.base import AppContext, BaseView

FLAT_UP_TO = 80  # a tape block this small is clearer without name-scope frames and bundles


class BackwardView(BaseView):
    view_name = "backward"
    title = QT_TRANSLATE_NOOP("ViewTitle", "Backward graph")
    order = 45

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.report = None
        self.session: GraphSession | None = None  # on display
        self._tapes: list[tuple[int, object]] = []
        self._wanted: int | None = None  # chooser index waiting for the tab to show / a layout
        self._deferred = False
        self._export_pending = False
        self._selected: str | None = None
        self.chooser = QComboBox(self)
        self.chooser.setToolTip(self.tr("Which GradientTape of the run to draw"))
        self.chooser.setMinimumContentsLength(16)
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.chooser.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.pane = GraphPane(ctx.engine, self)
        self.pane.scene.edge_labels = "saved"  # dtype labels would crowd the saved-edge marks
        self.pane.set_hint(self.no_tape_text())
        self.detail = QLabel(self)  # what the hovered or selected node is
        self.detail.setContentsMargins(4, 2, 4, 2)
        self.detail.setWordWrap(True)  # never the view's minimum width
        self.detail.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.side = BackwardSidePanel(self)
        self._inspector = GraphInspector()
        top = QHBoxLayout()
        top.setContentsMargins(6, 4, 6, 0)
        top.addWidget(QLabel(self.tr("Tape:"), self))
        top.addWidget(self.chooser)
        top.addWidget(self.message, 1)
        top.addStretch(1)
        left = QWidget(self)
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.setSpacing(0)
        left_lay.addWidget(self.pane, 1)
        left_lay.addWidget(self.detail)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        side_scroll = QScrollArea(self)  # a short tab scrolls the lists, never clips them
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_scroll.setWidget(self.side)
        self.splitter.addWidget(side_scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([640, 420])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(top)
        lay.addWidget(self.splitter, 1)
        canvas = self.pane.canvas
        canvas.item_clicked.connect(self._on_clicked)
        canvas.item_hovered.connect(self._on_hovered)
        canvas.resized.connect(self._refit)
        canvas.tooltip_for = self._tooltip
        self.pane.prepared.connect(self._on_prepared)
        self.pane.prepare_failed.connect(lambda _s, text: self._after_async(text))
        self.chooser.currentIndexChanged.connect(self._show_tape)
        self.side.node_chosen.connect(self.select_name)
        ins = self._inspector
        ins.line_clicked.connect(self._emit_line)
        ins.node_clicked.connect(self.select_name)
        ins.ancestors_requested.connect(lambda: self.highlight_lineage(True))
        ins.descendants_requested.connect(lambda: self.highlight_lineage(False))
        ins.clear_requested.connect(lambda: self.select_name(None))
        ctx.line_selected.connect(self._on_line_selected)
        self.set_report(ctx.report)

    def no_tape_text(self) -> str:
        return self.tr("No GradientTape with a gradient() call in this run. Try the examples "
                       "seed_gradient, seed_persistent or seed_watch: this view draws the forward "
                       "and backward ops TensorFlow builds for the tape, and what the backward "
                       "pass keeps from the forward pass.")

    # ----- model in
    def set_report(self, report) -> None:
        self.report = report
        self._tapes = tapes_with_backward(report) if report is not None else []
        tapes = list(getattr(report, "tapes", None) or []) if report is not None else []
        with QSignalBlocker(self.chooser):
            self.chooser.clear()
            for index, tape in self._tapes:
                self.chooser.addItem(self.tr("#%1 %2 (line %3)").replace("%1", str(index + 1))
                                     .replace("%2", tape.name).replace("%3", str(tape.line)), index)
        self.chooser.setEnabled(len(self._tapes) > 1)
        if self._tapes:
            self._set_message("")
        elif tapes:  # tapes, but none could be traced again: say why
            notes = {t.note for t in tapes if t.note}
            self._set_message(self.tr("No backward graph: %1").replace("%1", "; ".join(sorted(notes)) or "?"))
        else:
            self._set_message("")
        self._show_tape(0 if self._tapes else -1)

    def _show_tape(self, position: int) -> None:
        """Show the chooser's entry (-1: none); built when the tab is shown, not before."""
        self._wanted = position if 0 <= position < len(self._tapes) else None
        if self._wanted is None:
            self._deferred = False
            self.pane.cancel_request()
            self._display(None)
            return
        if not self.isVisible() and not self._export_pending:
            self._deferred = True
            return
        self._deferred = False
        index, tape = self._tapes[self._wanted]
        session = backward_session(self.report, index, tape)
        self._pending_session = session
        options = LayoutOptions(text_width=st.TextMeasure(), inline_constants=False, node_sep=34.0,
                                layer_sep=50.0, flat_up_to=FLAT_UP_TO)
        if self.pane.request(session, options):
            self._display(session)
        else:
            self._display(None)
            self.pane.hint.hide()

    def _on_prepared(self, session: GraphSession) -> None:
        if session is getattr(self, "_pending_session", None):
            self._display(session)
        self._after_async()

    def _after_async(self, error: str | None = None) -> None:
        if error:
            self._set_message(self.tr("Could not lay out the backward graph: %1").replace("%1", error))
        if self._export_pending:
            self._finish_export()
        else:
            self.ready.emit()

    def _display(self, session: GraphSession | None) -> None:
        self.session = session
        self._selected = None
        self._inspector.show_nothing()
        self.pane.display(session, fit=True)
        if session is None:
            self.side.show_nothing()
            self.detail.setText("")
            return
        tape = self._tapes[self._wanted][1]
        self.side.show_tape(tape, session.model)
        left_out = getattr(session.model, "left_out", [])
        if left_out:
            self.pane.set_status(self.tr("%1 ops; left out: TF's control-dependency %2")
                                 .replace("%1", str(len(session.model))).replace("%2", ", ".join(left_out)))
        self.detail.setText(self._detail_hint())

    def _detail_hint(self) -> str:
        return self.tr("Hover a pink backward op to see the forward op it differentiates; "
                       "click a node to select its source line.")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._deferred:
            self._show_tape(self._wanted if self._wanted is not None else -1)

    def inspector_widget(self) -> QWidget:
        return self._inspector

    def is_ready(self) -> bool:
        return not self.pane.is_preparing() and not self._export_pending

    # ----- selection and hover
    def _name_of(self, item_id: int) -> str | None:
        if self.session is None or item_id is None or not 0 <= item_id < self.session.engine.n:
            return None
        return self.session.engine.names[item_id]

    def _on_clicked(self, item_id: int) -> None:
        self.select_name(self._name_of(item_id))

    def select_name(self, name: str | None) -> None:
        """Select a node: mark it and its partners, say what it is, and select its source line."""
        self._selected = name if self.session is not None and name in self.session.engine.index else None
        self.side.select_name(self._selected)
        self._mark(self._selected, st.SELECTED)
        if self._selected is None:
            self._inspector.show_nothing()
            return
        self._inspector.show_node(self.session.model.node_details(self._selected),
                                  self.session.value_of(self._selected))
        a = self.session.model.graph.nodes[self._selected]
        if a.get("line"):
            self._emit_line(int(a["line"]))

    def highlight_lineage(self, ancestors: bool) -> None:
        """Everything the selected node depends on (or that depends on it), the rest faded."""
        if self.session is None or self._selected is None:
            return
        g = self.session.model.graph
        related = (nx.ancestors if ancestors else nx.descendants)(g, self._selected)
        engine = self.session.engine
        color = st.ANCESTOR if ancestors else st.DESCENDANT
        marks = {engine.visible_item(engine.index[n]): color for n in related}
        marks[engine.visible_item(engine.index[self._selected])] = st.SELECTED
        self.pane.scene.mark(marks, dim_others=True)

    def _on_hovered(self, item_id: int) -> None:
        name = self._name_of(item_id)
        if name is None:  # back to the selection, if any
            self._mark(self._selected, st.SELECTED)
            return
        self._mark(name, st.HIGHLIGHT)

    def partners(self, name: str) -> tuple[list[str], list[int]]:
        """What lights up with a node: a gradient op's forward op; a forward op's gradient readers
        and the saved edges between them (as visible layout edge indexes)."""
        g = self.session.model.graph
        a = g.nodes[name]
        nodes: list[str] = []
        if a.get("kind") == "gradient" and a.get("forward_of") in g:
            nodes.append(a["forward_of"])
        saved_pairs = {(u, v) for u, v, d in g.edges(data=True) if d.get("saved_for_backward")
                       and (u == name or v == name or u in nodes)}
        nodes += [v for u, v in saved_pairs if u == name]
        engine, layout = self.session.engine, self.session.layout
        edges = []
        for i, e in enumerate(layout.edges):
            for k in e.edges[:16]:
                pair = engine.names[int(engine.tree.edge_src[k])], engine.names[int(engine.tree.edge_dst[k])]
                if pair in saved_pairs:
                    edges.append(i)
                    break
        return nodes, edges

    def _mark(self, name: str | None, color) -> None:
        if self.session is None:
            return
        if name is None:
            self.pane.scene.clear_marks()
            self.detail.setText(self._detail_hint())
            return
        engine = self.session.engine
        partners, edges = self.partners(name)
        marks = {engine.visible_item(engine.index[p]): st.FORWARD_OF for p in partners}
        marks[engine.visible_item(engine.index[name])] = color
        self.pane.scene.mark(marks, edges={i: st.FORWARD_OF for i in edges})
        self.detail.setText(describe(self.session.model, name))

    def highlighted(self) -> dict[str, str]:
        """Node name -> colour name of what is marked now (for tests)."""
        if self.session is None:
            return {}
        engine = self.session.engine
        out = {}
        for item_id, item in self.pane.scene.nodes.items():
            if item_id < engine.n and item.pen().color() != item.base_pen.color():
                out[engine.names[item_id]] = item.pen().color().name()
        return out

    def _tooltip(self, item_id: int) -> str:
        name = self._name_of(item_id)
        if name is None:
            return self.session.tooltip(item_id) if self.session is not None and item_id is not None else ""
        return self.session.tooltip(item_id) + "\n" + describe(self.session.model, name)

    def _on_line_selected(self, line: int) -> None:
        """The editor selected a line: light up the nodes made by it."""
        if self._emitting_line or self.session is None:
            return
        engine = self.session.engine
        hits = {engine.visible_item(i) for i, a in enumerate(engine._attrs) if a.get("line") == line}
        if hits:
            self.pane.scene.mark({h: st.HIGHLIGHT for h in hits})

    # ----- layout and export
    def _refit(self) -> None:
        if self.session is not None:
            QTimer.singleShot(0, self._fit_now)

    def _fit_now(self) -> None:
        if self.session is not None:
            self.pane.fit()
            self.pane.update_minimap_frame()

    def prepare_export(self, options: dict) -> None:
        """The whole view is the picture: graph fitted, legend, saved tensors and values."""
        self._export_pending = True
        unbuilt = self._wanted is not None and self.session is None and not self.pane.is_preparing()
        if self._deferred or unbuilt:
            self._show_tape(self._wanted if self._wanted is not None else -1)
        if not self.pane.is_preparing():
            self._finish_export()

    def _finish_export(self) -> None:
        self._export_pending = False
        if self.session is not None:
            self.pane.exporting = True
            try:
                self.pane.fit()
            finally:
                self.pane.exporting = False
            self.select_name(None)
        QTimer.singleShot(0, self.ready.emit)

    # ----- messages
    def _set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def hint_text(self) -> str:
        return self.pane.hint.text() if self.pane.hint.isVisible() or self.session is None else ""


VIEW = BackwardView
