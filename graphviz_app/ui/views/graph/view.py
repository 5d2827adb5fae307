"""Graph view: the tf.function graph of the latest run, or a graph loaded from a file.

The view owns no graph data of its own: a GraphModel (from the RunReport or a loader) goes into a
GraphLayoutEngine (folding state + cached group layouts), whose Layout becomes a GraphScene.
Loading files runs on the engine thread; a failure leaves the previous graph on screen and says
what went wrong.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from graphviz_app.core import jobs
from graphviz_app.core.layout import LayoutOptions
from graphviz_app.ui.graph import style as st
from graphviz_app.ui.graph.inspector import GraphInspector
from graphviz_app.ui.graph.pane import GraphPane
from graphviz_app.ui.graph.search import GraphSearchBar
from graphviz_app.ui.graph.session import GraphSession
from graphviz_app.ui.graph.snapshot import GraphSnapshot, save_scene
from graphviz_app.ui.views.base import AppContext, BaseView


class GraphView(BaseView):
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
        self._export_snapshot: GraphSnapshot | None = None
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
        lay.addWidget(self.message)
        lay.addWidget(self.loading)
        lay.addWidget(self.search)
        lay.addWidget(self.pane, 1)
        self.pane.set_hint(self.tr("Run a snippet with a @tf.function, or open a GraphDef (.pb, .pbtxt), "
                                   "a SavedModel folder or a .keras model, to see its graph here."))
        self._wire()
        ctx.line_selected.connect(self._on_line_selected)

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
        from graphviz_app.core.loaders import is_graph_source

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
        engine thread meanwhile the canvas says so."""
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
        if session is not None:
            with QSignalBlocker(self.inline):
                self.inline.setChecked(bool(session.engine.options.inline_constants))
            self.direction.setText("→" if session.engine.options.rankdir == "LR" else "↓")
        self.pane.display(session, fit=True)

    def _layout_options(self, **changes) -> LayoutOptions:
        base = self.session.engine.options if self.session and self.session.engine else None
        opts = LayoutOptions(text_width=st.TextMeasure())
        if base is not None:
            opts.rankdir, opts.inline_constants = base.rankdir, base.inline_constants
        for k, v in changes.items():
            setattr(opts, k, v)
        return opts

    # ----- layout and scene
    def _relayout(self, fit: bool = False, anchor_item: int | None = None) -> None:
        self.pane.relayout(fit=fit, anchor_item=anchor_item)

    def toggle_group(self, item_id: int) -> None:
        if self.session is None or item_id < self.session.engine.n:
            return
        self.session.engine.toggle(item_id)
        self._relayout(anchor_item=item_id)
        self.select_item(item_id)

    def expand_all(self) -> None:
        if self.session is not None:
            self.session.engine.expand_all()
            self._relayout(fit=True)

    def collapse_all(self) -> None:
        if self.session is not None:
            self.session.engine.fold_to_budget(0)
            self._relayout(fit=True)

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

    # ----- selection, lineage, tooltips
    def select_item(self, item_id: int) -> None:
        self.clear_highlight()
        self._selected = item_id
        if self.session is None or item_id is None or item_id < 0:
            self._inspector.show_nothing()
            return
        engine = self.session.engine
        self.scene.mark({item_id: st.SELECTED})
        if item_id >= engine.n:
            g = engine.tree.groups[item_id]
            self._inspector.show_group(g.title, g.leaf_count,
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
        edges = {i: color for i, e in enumerate(self.session.layout.edges)
                 if (e.src in marks or e.src_port) and (e.dst in marks or e.dst_port)
                 and any(int(engine.tree.edge_src[k]) in related | set(leaves) and
                         int(engine.tree.edge_dst[k]) in related | set(leaves) for k in e.edges[:16])}
        self.scene.mark(marks, dim_others=True, edges=edges)
        text = self.tr("ancestors: %1") if ancestors else self.tr("descendants: %1")
        self.pane.set_status(text.replace("%1", str(len(related))))

    def clear_highlight(self) -> None:
        self.scene.clear_marks()

    def _tooltip(self, item_id: int) -> str:
        if self.session is None:
            return ""
        return self.session.tooltip(item_id)

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

    # ----- export
    def prepare_export(self, options: dict) -> None:
        """Headless export: expand as asked, then export the whole graph at 1:1 (SVG) or fitted.
        A graph still being laid out is exported when it is ready."""
        self._export_pending = dict(options)
        if self._deferred:
            self._show_session(self._wanted, now=True)
        if not self.pane.is_preparing():
            self._finish_export()

    def _finish_export(self) -> None:
        options, self._export_pending = self._export_pending or {}, None
        if self.session is not None:
            if options.get("expand") == "all":
                self.session.engine.expand_all()
            self.pane.exporting = True
            try:
                self._relayout(fit=True)
            finally:
                self.pane.exporting = False
            fmt = str(options.get("format") or Path(str(options.get("output") or "")).suffix or "png")
            fmt = fmt.lstrip(".").lower()
            if self._export_snapshot is not None:
                self._export_snapshot.deleteLater()
            # a top-level widget (it must not sit in this view's layout): it goes with the view
            self._export_snapshot = GraphSnapshot(self.scene, vector=fmt == "svg", legend=self.pane.legend)
            self.destroyed.connect(self._export_snapshot.deleteLater)
        QTimer.singleShot(0, self.ready.emit)

    def export_widget(self) -> QWidget:
        return self._export_snapshot if self._export_snapshot is not None else self.canvas

    def _export_dialog(self, kind: str) -> None:
        if self.session is None:
            return
        base = Path(self.session.key.partition(":")[2]).stem or "graph"
        if kind in ("image", "visible"):
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save picture"), f"{base}.svg",
                                                  "SVG (*.svg);;PNG (*.png)")
            if path:
                self.save_picture(path, whole=kind == "image")
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save graph"), f"{base}{kind}", f"*{kind}")
        if path:
            from graphviz_app.core.graph_export import export_graph

            try:
                export_graph(self.session.engine.model, path)
            except (OSError, ValueError) as e:
                self._set_message(str(e), error=True)

    def save_picture(self, path: str, whole: bool = True) -> Path:
        """PNG or SVG of the whole graph (1:1, capped for PNG) or of what the view shows."""
        if whole:
            return save_scene(self.scene, path, legend=self.pane.legend)
        from graphviz_app.ui.common.rendering import save_widget

        return save_widget(self.canvas, path)

    # ----- messages
    def _set_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color:#b00020; padding:4px" if error else "color:#555; padding:4px")
        self.message.setVisible(bool(text))

    def message_text(self) -> str:
        return self.message.text() if self.message.isVisible() else ""



VIEW = GraphView
