"""What TF runs: a tf.function as traced, as Grappler rewrote it (what TF executes) and as XLA
compiles it, side by side, with linked selection (click a fused node and its parts light up in
the traced graph, and back) and the pass-by-pass summary of what changed.

Everything comes from the engine: the optimized graph is in the run's report
(``FunctionInfo.optimized``) or asked for (``jobs.optimized_graph``, ``jobs.optimized_source``
for a GraphDef file); XLA's kernels on request (``jobs.xla_graph``).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from graphviz_app.core.graph.model import GraphModel
from graphviz_app.ui.common.core_text import core_text
from graphviz_app.ui.views.base import AppContext, BaseView
from graphviz_app.ui.views.what_runs.column import GraphColumn
from graphviz_app.ui.views.what_runs.links import (
    Links,
    grappler_steps,
    grouped,
    optimized_model,
    xla_model,
    xla_steps,
)
from graphviz_app.ui.views.what_runs.passes import PassList
from graphviz_app.ui.views.what_runs.requests import RewriteRequests
from graphviz_app.ui.views.what_runs.selection import LinkedSelection


class WhatRunsView(BaseView):
    view_name = "what_runs"
    title = QT_TRANSLATE_NOOP("ViewTitle", "What TF runs")
    order = 35

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.report = None
        self.requests = RewriteRequests(ctx.engine, self)
        self._files: list[str] = []  # graph files the user opened, as picker entries
        self._key: str | None = None  # the entry on display ("fn:<name>" or "file:<path>")
        self._stale = True  # the picked entry is not drawn yet (drawn when the tab shows)
        self._export_pending = False
        self._models: dict[tuple, GraphModel | None] = {}  # (column, entry, record id) -> its graph
        self._build()
        self.selection = LinkedSelection(self.traced, self.grappler, self.xla, self.detail)
        self._wire()
        if ctx.report is not None:
            self.set_report(ctx.report)

    # ----- widgets
    def _build(self) -> None:
        self.picker = QComboBox(self)
        self.picker.setToolTip(self.tr("Which tf.function of the run (or which graph file) to show"))
        self.picker.setMinimumContentsLength(16)
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # C++ work with no steps to count: a busy bar
        self.progress.setMaximumSize(120, 14)
        self.progress.hide()
        top = QHBoxLayout()
        top.setContentsMargins(6, 4, 6, 0)
        top.addWidget(QLabel(self.tr("Function:"), self))
        top.addWidget(self.picker)
        top.addWidget(self.progress)
        top.addWidget(self.status, 1)
        engine = self.ctx.engine
        self.traced = GraphColumn(self.tr("Traced"), engine, self)
        self.grappler = GraphColumn(self.tr("Grappler: what TF executes"), engine, self)
        self.xla = GraphColumn(self.tr("XLA"), engine, self)
        self.xla_button = QPushButton(self.tr("Compile with XLA"), self)
        self.xla_button.setToolTip(self.tr("Compile the function with jit_compile=True in the engine and "
                                           "show XLA's kernels, each mapped back to its TF ops"))
        self.xla.bar.addWidget(self.xla_button)
        self.columns = QSplitter(Qt.Orientation.Horizontal, self)
        for column in (self.traced, self.grappler, self.xla):
            self.columns.addWidget(column)
        self.passes = PassList(self)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setContentsMargins(6, 4, 6, 4)
        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        bottom.addWidget(self.passes)
        bottom.addWidget(self.detail)
        bottom.setSizes([600, 400])
        self.body = QSplitter(Qt.Orientation.Vertical, self)
        self.body.addWidget(self.columns)
        self.body.addWidget(bottom)
        self.body.setStretchFactor(0, 4)
        self.body.setStretchFactor(1, 1)
        self.body.setSizes([560, 170])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        lay.addLayout(top)
        lay.addWidget(self.body, 1)
        self._clear(self.tr("Run a snippet with a @tf.function (e.g. the example fused_dense), or open a "
                            "GraphDef file, to see the graph TensorFlow really executes."))

    def _wire(self) -> None:
        self.picker.currentIndexChanged.connect(lambda _i: self._pick())
        self.xla_button.clicked.connect(self._on_xla_button)
        self.requests.answered.connect(self._on_answered)
        self.requests.busy_changed.connect(self._on_busy)
        self.passes.step_chosen.connect(self.selection.show_step)
        for column in (self.traced, self.grappler, self.xla):
            column.node_clicked.connect(lambda name, c=column: self.selection.click(c, name))
            column.shown.connect(self._after_column)
        self.ctx.source_loaded.connect(self._on_source_loaded)

    # ----- what there is to show
    def set_report(self, report) -> None:
        self.requests.cancel()
        self.requests.forget("fn:")
        self._models = {k: m for k, m in self._models.items() if not k[1].startswith("fn:")}
        self.report = report
        functions = [f.name for f in (getattr(report, "functions", None) or [])] if report is not None else []
        keep = self.picker.currentData()
        with QSignalBlocker(self.picker):
            self.picker.clear()
            for name in functions:
                self.picker.addItem(name, f"fn:{name}")
            for path in self._files:
                self.picker.addItem(Path(path).name, f"file:{path}")
            index = self.picker.findData(keep)
            self.picker.setCurrentIndex(index if index >= 0 else 0)
        self._pick()

    def _on_source_loaded(self, source: str) -> None:
        from graphviz_app.core.graph.loaders import is_graph_source

        if not is_graph_source(source) or source in self._files:
            return
        self._files.append(source)
        with QSignalBlocker(self.picker):
            self.picker.addItem(Path(source).name, f"file:{source}")
            self.picker.setCurrentIndex(self.picker.count() - 1)  # what the user just opened
        self._pick()

    def _info(self, name: str):
        return next((f for f in getattr(self.report, "functions", None) or [] if f.name == name), None)

    def _call(self, name: str):
        return next((c for c in getattr(self.report, "callables", None) or [] if c.name == name), None)

    # ----- showing one entry
    def _pick(self) -> None:
        self._key = self.picker.currentData()
        self._stale = True
        self.selection.reset()
        if self.isVisible() or self._export_pending:
            self._show()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._show()

    def _show(self) -> None:
        self._stale = False
        key = self._key
        if key is None:
            self._clear(self.tr("Run a snippet with a @tf.function (e.g. the example fused_dense), or open "
                                "a GraphDef file, to see the graph TensorFlow really executes."))
            self._emit_ready_soon()
            return
        if key.startswith("file:"):
            self._show_file(key, key[5:])
        else:
            self._show_function(key, key[3:])

    def _clear(self, hint: str) -> None:
        for column in (self.traced, self.grappler, self.xla):
            column.show_graph("", None, hint if column is self.traced else "")
        self.passes.show_steps([], [], " ")
        self.detail.setText("")
        self.xla_button.setEnabled(False)

    def _show_function(self, key: str, name: str) -> None:
        info = self._info(name)
        if info is None:
            return
        model = (getattr(self.report, "graph_models", None) or {}).get(name)
        traced = model if model is not None else self._model(
            ("traced", key, id(info)), lambda: GraphModel.from_json_dict(dict(info.graph, name=name)))
        optimized = self.requests.answer("optimize", key) or info.optimized or {}
        if optimized.get("deferred") and not self.requests.has("optimize", key):
            call = self._call(name)
            if call is not None:
                self.requests.ask("optimize", key, call)
        xla = self.requests.answer("xla", key)
        if xla is None and optimized.get("jit_compile") and self._call(name) is not None:
            self.requests.ask("xla", key, self._call(name))  # what TF runs for it is XLA's
        self._draw(key, traced, optimized, xla, xla_possible=self._call(name) is not None)

    def _show_file(self, key: str, path: str) -> None:
        traced = self.requests.answer("load", key)
        if traced is None:
            self.requests.ask("load", key, path)
        optimized = self.requests.answer("optimize", key)
        if optimized is None:
            self.requests.ask("optimize", key, path)
        self._draw(key, traced if isinstance(traced, GraphModel) else None,
                   optimized if isinstance(optimized, dict) else {}, None, xla_possible=False,
                   load_error=traced if isinstance(traced, str) else "",
                   optimize_error=optimized if isinstance(optimized, str) else "")

    def _draw(self, key: str, traced, optimized: dict, xla, xla_possible: bool, load_error: str = "",
              optimize_error: str = "") -> None:
        name = key.split(":", 1)[1]
        waiting = self.tr("working in the engine…")
        traced_names = {n: a.get("op", "") for n, a in traced.graph.nodes(data=True)} if traced is not None else {}
        file = key.startswith("file:")
        title = self.tr("The file: %1 ops") if file else self.tr("Traced: %1 ops")
        self.traced.set_title(title.replace("%1", str(len(traced_names))) if traced is not None
                              else self.tr("The file") if file else self.tr("Traced"))
        self.traced.show_graph(f"traced:{key}", traced, load_error or waiting)
        grappler = self._model(("grappler", key, id(optimized)), lambda: optimized_model(name, optimized))
        note = waiting if self.requests.running("optimize", key) else (
            optimize_error or core_text(optimized.get("note") or ""))
        self.grappler.set_title(self.tr("Grappler: %1 ops TF executes").replace("%1", str(len(grappler or ())))
                                if grappler is not None else self.tr("Grappler"))
        self.grappler.show_graph(f"grappler:{key}", grappler, note)
        xla = xla if isinstance(xla, dict) else ({"error": xla} if isinstance(xla, str) else None)
        self._draw_xla(key, xla, xla_possible)
        self.selection.set_links(Links.of_nodes(optimized.get("nodes") or []),
                                 Links.of_nodes((xla or {}).get("nodes") or []))
        grappler_note = note if grappler is None else ""
        xla_note = core_text(xla.get("error") or "") if xla else ""
        self.passes.show_steps(grouped(grappler_steps(optimized, traced_names)), grouped(xla_steps(xla)),
                               grappler_note, xla_note)
        self._say_status(optimized, len(traced_names))

    def _draw_xla(self, key: str, xla: dict | None, possible: bool) -> None:
        running = self.requests.running("xla", key)
        self.xla_button.setEnabled(possible)
        self.xla_button.setText(self.tr("Cancel") if running else self.tr("Compile with XLA"))
        model = self._model(("xla", key, id(xla)), lambda: xla_model(key.split(":", 1)[1], xla)) \
            if xla and not xla.get("error") else None
        if model is not None:
            fusions = len(xla.get("fusions") or [])
            title = self.tr("XLA: %1 kernels, 1 fusion") if fusions == 1 else self.tr("XLA: %1 kernels, %2 fusions")
            self.xla.set_title(title.replace("%1", str(len(model))).replace("%2", str(fusions)))
        else:
            self.xla.set_title(self.tr("XLA"))
        if running:
            hint = self.tr("compiling with XLA…")
        elif xla and xla.get("error"):
            hint = core_text(xla["error"])
        elif possible:
            hint = self.tr("Press Compile with XLA to see the kernels of tf.function(jit_compile=True): "
                           "XLA fuses element-wise ops into one kernel each.")
        else:
            hint = self.tr("XLA compiles a run's tf.functions; a graph file has none to compile.")
        self.xla.show_graph(f"xla:{key}", model, hint)

    def _model(self, cache_key: tuple, build):
        """The graph built from one record, once (the same object: a column keeps its drawing)."""
        model = self._models.get(cache_key)
        if model is None:
            model = build()
            if model is not None:  # a record without a graph may be a passing dict: never kept
                self._models[cache_key] = model
        return model

    def _say_status(self, optimized: dict, traced: int) -> None:
        executed = len(optimized.get("nodes") or [])
        if not executed or not traced:
            self.status.setText("")
            return
        text = self.tr("%1 ops traced → %2 ops executed").replace("%1", str(traced)).replace("%2", str(executed))
        if optimized.get("optimize_us") is not None:
            text += self.tr(" (Grappler took %1 ms)").replace("%1", f"{optimized['optimize_us'] / 1000:.1f}")
        if not optimized.get("exact", True):
            text += self.tr("; the pass-by-pass replay is approximate")
        self.status.setText(text)

    # ----- engine answers
    def _on_xla_button(self) -> None:
        key = self._key
        if key is None or not key.startswith("fn:"):
            return
        if self.requests.running("xla", key):
            self.requests.cancel("xla")
        else:
            call = self._call(key[3:])
            if call is not None:
                self.requests.answers.pop(("xla", key), None)
                self.requests.ask("xla", key, call)
        self._show()

    def _on_answered(self, _kind: str, key: str) -> None:
        if key == self._key and not self._stale:
            self._show()

    def _on_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        if not busy and not self.requests.running():
            self._emit_ready_soon()

    def _after_column(self) -> None:
        if self.is_ready():
            self._emit_ready_soon()

    def _emit_ready_soon(self) -> None:
        QTimer.singleShot(0, self._ready_if_done)

    def _ready_if_done(self) -> None:
        if self.requests.running() or any(c.is_busy() for c in (self.traced, self.grappler, self.xla)):
            return
        if self._export_pending:
            self._finish_export()
        self.ready.emit()

    # ----- export
    def is_ready(self) -> bool:
        return not self._export_pending and not self.requests.running() and not any(
            c.is_busy() for c in (self.traced, self.grappler, self.xla))

    def prepare_export(self, options: dict) -> None:
        """The three columns fitted whole (XLA compiled for it), the first fusion (or fold) chosen
        so its links show."""
        self._export_pending = True
        if self._stale:
            self._show()
        key = self._key
        call = self._call(key[3:]) if key and key.startswith("fn:") else None
        if call is not None and self.requests.ask("xla", key, call):  # all three paths in the picture
            self._show()
        self._emit_ready_soon()

    def _finish_export(self) -> None:
        self._export_pending = False
        for column in (self.traced, self.grappler, self.xla):
            column.fit_whole()
        if self.passes.currentItem() is None and self.selection.clicked is None:
            first = next((i for i, s in enumerate(self.passes.steps) if s.kind in ("fused", "folded")), None)
            if first is not None:
                self.passes.select_step(first)


VIEW = WhatRunsView
