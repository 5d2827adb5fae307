"""Graph view: the tf.function graph of the latest run, or a graph loaded from a file.

The view owns no graph data of its own: a GraphModel (from the RunReport or a loader) goes into a
GraphLayoutEngine (folding state + cached group layouts), whose Layout becomes a GraphScene.
Loading files runs in the engine process; a failure leaves the previous graph on screen and says
what went wrong.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from graphviz_app.core import jobs
from graphviz_app.core.graph.layout_data import LayoutOptions, no_gc
from graphviz_app.ui.common import theme
from graphviz_app.ui.graph.anchor import ViewAnchor, capture, ensure_not_empty, restore
from graphviz_app.ui.graph.inspector import GraphInspector
from graphviz_app.ui.graph.pane import GraphPane
from graphviz_app.ui.graph.search import GraphSearchBar
from graphviz_app.ui.graph.session import GraphSession
from graphviz_app.ui.views.base import AppContext, BaseView
from graphviz_app.ui.views.graph.cost import GraphCostControl
from graphviz_app.ui.views.graph.export import GraphExport, picture_options
from graphviz_app.ui.views.graph.keep import KeepAcrossRuns
from graphviz_app.ui.views.graph.navigation import GraphNavigation
from graphviz_app.ui.views.graph.picture import GraphPicture


class GraphView(GraphNavigation, KeepAcrossRuns, GraphCostControl, GraphExport, BaseView):
    view_name = "graph"
    title = QT_TRANSLATE_NOOP("ViewTitle", "Graph")
    order = 20
    source_filters = (QT_TRANSLATE_NOOP("SourceFilter", "TensorFlow graphs (*.pb *.pbtxt *.keras saved_model.pb)"),)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.session: GraphSession | None = None  # the graph on display
        self._sessions: dict[str, GraphSession] = {}  # by source key (function name or path)
        self._wanted: GraphSession | None = None  # chosen, waiting for the tab to show or a layout
        self._deferred = False  # a chosen graph waits until the tab is shown
        self._job = None
        self._export_snapshot: GraphPicture | None = None  # the picture a headless export writes
        self._export_pending: dict | None = None
        self._selected: int | None = None
        self._matches: list[int] = []
        self._match_index = 0
        self.pane = GraphPane(ctx.engine, self)
        self.scene, self.canvas = self.pane.scene, self.pane.canvas
        self.minimap, self.status, self.hint = self.pane.minimap, self.pane.status, self.pane.hint
        self.search = GraphSearchBar(self)
        self.search.hide()
        self._inspector = GraphInspector()
        self._build_toolbar()
        graph_and_table = self._build_cost()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setMaximumHeight(14)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop loading this graph"))
        self.cancel_button.clicked.connect(self.cancel_load)
        self.loading = QWidget(self)
        row = QHBoxLayout(self.loading)
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.loading.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(self.toolbar)
        lay.addWidget(self.cost_bar)
        lay.addWidget(self.message)
        lay.addWidget(self.loading)
        lay.addWidget(self.search)
        lay.addWidget(graph_and_table, 1)
        self.pane.set_hint(self.tr("Run a snippet with a @tf.function, or open a GraphDef (.pb, .pbtxt), "
                                   "a SavedModel folder or a .keras model, to see its graph here."))
        self._wire()
        ctx.line_selected.connect(self._on_line_selected)
        ctx.nodes_selected.connect(self._on_nodes_selected)

    # ----- widgets
    def _build_toolbar(self) -> None:
        self.toolbar = QHBoxLayout()
        self.toolbar.setContentsMargins(4, 2, 4, 0)
        self.source_box = QComboBox(self)
        self.source_box.setMinimumContentsLength(12)
        self.source_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source_box.setToolTip(self.tr("Which graph to show"))
        self.toolbar.addWidget(self.source_box)

        def button(text: str, tip: str, slot) -> QToolButton:
            b = QToolButton(self)
            b.setText(text)
            b.setToolTip(tip)
            b.clicked.connect(slot)
            self.toolbar.addWidget(b)
            return b

        button(self.tr("Fit"), self.tr("Show the whole graph (F)"), lambda: self.canvas.fit())
        button(self.tr("Open all"), self.tr("Open every name scope"), self.expand_all)
        button(self.tr("Fold all"), self.tr("Fold every name scope"), self.collapse_all)
        self.direction = button("↓", self.tr("Lay out top to bottom (↓) or left to right (→)"),
                                self._toggle_direction)
        self.inline = button(self.tr("Inline consts"),
                             self.tr("Draw single-use constants on their consumer instead of as nodes"),
                             self._toggle_inline)
        self.inline.setCheckable(True)
        button(self.tr("Find"), self.tr("Find a node by name, op or label (Ctrl+F)"), self.search.open_bar)
        more = QToolButton(self)
        more.setText(self.tr("Export"))
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(more)
        for text, kind in ((self.tr("Whole graph as PNG/SVG…"), "image"),
                           (self.tr("Visible part as PNG/SVG…"), "visible"),
                           (self.tr("Graph as DOT…"), ".dot"), (self.tr("Graph as GraphML…"), ".graphml"),
                           (self.tr("Graph as JSON…"), ".json")):
            act = QAction(text, menu)
            act.triggered.connect(lambda _=False, k=kind: self._export_dialog(k))
            menu.addAction(act)
        more.setMenu(menu)
        self.toolbar.addWidget(more)
        self.toolbar.addStretch(1)

    def _wire(self) -> None:
        self.pane.prepared.connect(self._on_prepared)
        self.pane.prepare_failed.connect(self._on_prepare_failed)
        self.canvas.item_clicked.connect(self.select_item)
        self.canvas.item_double_clicked.connect(self.toggle_group)
        self.canvas.tooltip_for = self._tooltip
        self.search.query_changed.connect(self._on_query)
        self.search.step.connect(self._on_search_step)
        self.search.closed.connect(self._clear_search)
        self.source_box.currentIndexChanged.connect(self._on_source_chosen)
        ins = self._inspector
        ins.line_clicked.connect(self._emit_line)
        ins.node_clicked.connect(self.select_node_name)
        ins.ancestors_requested.connect(lambda: self.highlight_lineage(True))
        ins.descendants_requested.connect(lambda: self.highlight_lineage(False))
        ins.clear_requested.connect(self.clear_highlight)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.open_bar,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def inspector_widget(self) -> QWidget:
        return self._inspector

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._deferred:
            self._show_session(self._wanted)

    # ----- sources
    def set_report(self, report) -> None:
        self._report_generation = self._engine_generation  # its tf.functions live in this engine
        self.keep_view()  # a re-run of the same function shows its new graph as the user left it
        with QSignalBlocker(self.source_box):
            for i in range(self.source_box.count() - 1, -1, -1):
                if self.source_box.itemData(i).startswith("fn:"):
                    self.source_box.removeItem(i)
        for key in [k for k in self._sessions if k.startswith("fn:")]:
            del self._sessions[key]
        functions = list(getattr(report, "functions", None) or [])
        eager = list(getattr(report, "eager_ops", None) or [])
        if not functions and not eager:
            if self._wanted is None or self._wanted.key.startswith("fn:"):
                self._show_session(None)
            return
        models = getattr(report, "graph_models", None) or {}
        for info in functions:
            key = f"fn:{info.name}"
            self._sessions[key] = GraphSession.from_function(key, info, models.get(info.name), report)
            with QSignalBlocker(self.source_box):
                self.source_box.addItem(self.tr("tf.function %1").replace("%1", info.name), key)
        if eager:
            # without a tf.function, the dataflow of the eager ops (forward and tape) is the graph
            key = "fn:eager ops"
            self._sessions[key] = GraphSession.from_eager_run(key, report)
            with QSignalBlocker(self.source_box):
                self.source_box.addItem(self.tr("eager ops (%1)").replace("%1", str(len(eager))), key)
        self._choose(f"fn:{functions[-1].name}" if functions else "fn:eager ops")

    @classmethod
    def accepts_source(cls, source: str) -> bool:
        from graphviz_app.core.graph.loaders import is_graph_source

        return is_graph_source(source)

    def open_source(self, source: str) -> None:
        """Load a graph file or SavedModel folder in the engine, with progress and cancel."""
        if self._job is not None:
            self._job.cancel()
        self.progress.setValue(0)
        self.loading.show()
        self._set_message("")
        job = self.ctx.engine.submit(jobs.load_graph, source, name=f"load {Path(source).name}")
        self._job = job
        job.progress.connect(lambda v: self.progress.setValue(int(100 * v)) if isinstance(v, float) else None)
        job.finished.connect(lambda result, j=job: self._on_loaded(j, source, result))
        job.failed.connect(lambda text, j=job: self._on_load_failed(j, source, text))

    load_source = open_source  # the name the graph issue uses

    def cancel_load(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def _on_loaded(self, job, source: str, result) -> None:
        if job is not self._job:
            return
        self._job = None
        self.loading.hide()
        if isinstance(result, str):  # a GraphLoadError message
            self._set_message(result, error=True)
        else:
            key = f"file:{source}"  # laid out by the graph pane when it is chosen
            self._sessions[key] = GraphSession(key, result)
            with QSignalBlocker(self.source_box):
                idx = self.source_box.findData(key)
                if idx < 0:
                    self.source_box.addItem(Path(source).name, key)
            self._choose(key)
        self.ready.emit()

    def _on_load_failed(self, job, source: str, text: str) -> None:
        if job is not self._job:
            return
        self._job = None
        self.loading.hide()
        last = text.strip().splitlines()[-1] if text.strip() else text
        if "cancel" in text.lower():
            self._set_message(self.tr("Loading %1 was cancelled.").replace("%1", Path(source).name))
        else:
            self._set_message(self.tr("Could not load %1: %2").replace("%1", Path(source).name)
                              .replace("%2", last), error=True)
        self.ready.emit()

    def is_ready(self) -> bool:
        return self._job is None and not self.pane.is_preparing() and self._export_pending is None

    def _choose(self, key: str) -> None:
        idx = self.source_box.findData(key)
        with QSignalBlocker(self.source_box):
            self.source_box.setCurrentIndex(idx)
        self._show_session(self._sessions.get(key))

    def _on_source_chosen(self, index: int) -> None:
        key = self.source_box.itemData(index)
        self._show_session(self._sessions.get(key))

    def _show_session(self, session: GraphSession | None, now: bool = False) -> None:
        """Show SESSION: at once if it is laid out; else not before the tab is visible (a run's
        graph costs nothing while another tab is current), and big graphs are laid out on the
        background thread meanwhile the canvas says so."""
        self._wanted = session
        if session is not None and not session.prepared and not (now or self.isVisible()):
            self._deferred = True
            return
        self._deferred = False
        if session is None:
            self.pane.cancel_request()
            self._display(None)
            return
        if self.pane.request(session, self._layout_options()):
            self._display(session)
        else:
            self._display(None)
            self.hint.hide()  # the canvas says "Laying out…" instead

    def _on_prepared(self, session: GraphSession) -> None:
        if session is self._wanted:
            self._display(session)
        self._after_async_work()

    def _on_prepare_failed(self, session: GraphSession, text: str) -> None:
        if session is self._wanted:
            self._set_message(self.tr("Could not lay out this graph: %1").replace("%1", text), error=True)
        self._after_async_work()

    def _after_async_work(self) -> None:
        if self._export_pending is not None:
            self._finish_export()
        else:
            self.ready.emit()

    def _display(self, session: GraphSession | None) -> None:
        self.session = session
        self._selected = None
        self._clear_search()
        self._inspector.show_nothing()
        self._cost_session_shown(session)
        if session is not None:
            with QSignalBlocker(self.inline):
                self.inline.setChecked(bool(session.engine.options.inline_constants))
            self.direction.setText("→" if session.engine.options.rankdir == "LR" else "↓")
        self.pane.display(session, fit=True)
        ensure_not_empty(self.canvas, self.scene)
        self.restore_kept()
        self._select_pending()

    def _layout_options(self, **changes) -> LayoutOptions:
        base = self.session.engine.options if self.session and self.session.engine else None
        opts = picture_options()  # what the command line lays out with: the pictures cannot drift
        if base is not None:
            opts.rankdir, opts.inline_constants = base.rankdir, base.inline_constants
        for k, v in changes.items():
            setattr(opts, k, v)
        return opts

    # ----- layout and scene
    def _relayout(self, fit: bool = False, anchor_item: int | None = None,
                  anchor: ViewAnchor | None = None) -> None:
        """Lay the graph out again and draw it: fitted, or with what the user looked at (ANCHOR,
        or ANCHOR_ITEM) where it was on screen; never an empty canvas."""
        if anchor is None and anchor_item is not None:
            anchor = capture(self.canvas, self.scene, anchor_item)
        # the scene makes its items once, where the view ends; no garbage collection before the
        # picture is on screen (a big layout is hundreds of thousands of new objects)
        with self.canvas.holding_region(), no_gc():
            self.pane.relayout(fit=fit)
            if fit:
                ensure_not_empty(self.canvas, self.scene)
            else:
                restore(anchor, self.canvas, self.scene, self.session.engine)

    def toggle_group(self, item_id: int) -> None:
        """Open or fold a group; it stays under the mouse (or where it was)."""
        if self.session is None or item_id < self.session.engine.n:
            return
        anchor = capture(self.canvas, self.scene, item_id)
        self.session.engine.toggle(item_id)
        self._relayout(anchor=anchor)
        self.select_item(item_id)

    def expand_all(self) -> None:
        """Open every group, keeping in place what the user looks at."""
        if self.session is not None:
            anchor = capture(self.canvas, self.scene)
            self.session.engine.expand_all()
            self._relayout(anchor=anchor)

    def collapse_all(self) -> None:
        """Fold every group, keeping in place what the user looks at (the group that holds it)."""
        if self.session is not None:
            anchor = capture(self.canvas, self.scene)
            self.session.engine.fold_to_budget(0)
            self._relayout(anchor=anchor)

    def _toggle_direction(self) -> None:
        if self.session is None:
            return
        lr = self.session.engine.options.rankdir != "LR"
        self.session.rebuild_engine(self._layout_options(rankdir="LR" if lr else "TB"))
        self.direction.setText("→" if lr else "↓")
        self._relayout(fit=True)

    def _toggle_inline(self) -> None:
        if self.session is None:
            return
        self.session.rebuild_engine(self._layout_options(inline_constants=self.inline.isChecked()))
        self._relayout(fit=True)

    # ----- messages
    def _set_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        theme.bind_style(self.message, "color:{error}; padding:4px" if error else "color:{muted}; padding:4px")
        self.message.setVisible(bool(text))

    def message_text(self) -> str:
        return self.message.text() if self.message.isVisible() else ""


VIEW = GraphView
