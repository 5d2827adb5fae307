"""Eager vs tf.function, side by side: the ops one eager call dispatched (left) and the traced
graph run as one call (right), with honest timings, the crossover as the work grows, the diff,
retracing and AutoGraph. Everything measured comes from core.profiling in the engine process."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from graphviz_app.core import jobs
from graphviz_app.ui.common import theme
from graphviz_app.ui.common.formatting import fmt_us
from graphviz_app.ui.common.profile_service import ProfiledView, ProfileService
from graphviz_app.ui.views.base import AppContext, BaseView
from graphviz_app.ui.views.eager_vs_graph.autograph import AutoGraphPanel
from graphviz_app.ui.views.eager_vs_graph.diff import DiffList
from graphviz_app.ui.views.eager_vs_graph.graph import EagerGraphPane
from graphviz_app.ui.views.eager_vs_graph.ops import EagerOpList
from graphviz_app.ui.views.eager_vs_graph.retracing import RetracingPanel
from graphviz_app.ui.views.eager_vs_graph.scale import ScalePanel
from graphviz_app.ui.views.eager_vs_graph.timing import TimingPanel

SWEEP_WALL_S = 120.0  # a sweep keeps to its own time budget; this is the backstop
HEADER_STYLE = "font-weight:600; padding:3px 6px; background:palette(alternate-base)"


class EagerVsGraphView(ProfiledView, BaseView):
    view_name = "eager_vs_graph"
    title = QT_TRANSLATE_NOOP("ViewTitle", "Eager vs Graph")
    order = 30

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.service = ProfileService.of(ctx)
        self.report = None
        self._sweeps: dict[tuple[int, str, str, bool], dict] = {}
        self._sweep_job = None
        self._exporting = False
        self._build()
        self._wire()
        if ctx.report is not None:
            self.set_report(ctx.report)

    # ----- widgets
    def _build(self) -> None:
        bar = self._function_bar(self.tr("Function:"))
        self.hint = QLabel(self.tr("Run a snippet with a @tf.function (e.g. the example "
                                   "seed_tf_function) to compare its eager and graph execution."), self)
        self.hint.setWordWrap(True)
        theme.bind_style(self.hint, "color:{muted}; padding:16px")
        self.ops = EagerOpList(self)
        self.graph = EagerGraphPane(self)
        self.eager_title = QLabel(self.tr("Eager"), self)
        self.graph_title = QLabel(self.tr("tf.function"), self)
        for title in (self.eager_title, self.graph_title):
            title.setStyleSheet(HEADER_STYLE)
            title.setWordWrap(True)
        left, right = QWidget(self), QWidget(self)
        for box, title, body in ((left, self.eager_title, self.ops), (right, self.graph_title, self.graph)):
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(0)
            lay.addWidget(title)
            lay.addWidget(body, 1)
        self.sides = QSplitter(Qt.Orientation.Horizontal, self)
        self.sides.addWidget(left)
        self.sides.addWidget(right)
        self.sides.setSizes([560, 440])
        self.timing = TimingPanel(self)
        self.scale = ScalePanel(self)
        timing_scroll = QScrollArea(self)  # a short panel scrolls rather than clipping its text
        timing_scroll.setWidgetResizable(True)
        timing_scroll.setFrameShape(QFrame.Shape.NoFrame)
        timing_scroll.setWidget(self.timing)
        timing_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        timing_scroll.setMinimumWidth(self.timing.minimumWidth() + 16)
        timing_tab = QSplitter(Qt.Orientation.Horizontal, self)
        timing_tab.addWidget(timing_scroll)
        timing_tab.addWidget(self.scale)
        timing_tab.setStretchFactor(0, 2)
        timing_tab.setStretchFactor(1, 3)
        timing_tab.setSizes([420, 600])
        self.diff = DiffList(self)
        self.retracing = RetracingPanel(self)
        self.autograph = AutoGraphPanel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(timing_tab, self.tr("Timing and scale"))
        self.tabs.addTab(self.diff, self.tr("Diff"))
        self.tabs.addTab(self.retracing, self.tr("Retracing"))
        self.tabs.addTab(self.autograph, self.tr("AutoGraph"))
        self.body = QSplitter(Qt.Orientation.Vertical, self)
        self.body.addWidget(self.sides)
        self.body.addWidget(self.tabs)
        self.body.setSizes([300, 400])
        self.body.setStretchFactor(0, 3)
        self.body.setStretchFactor(1, 4)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        lay.addLayout(bar)
        lay.addWidget(self.hint)
        lay.addWidget(self.body, 1)

    def _wire(self) -> None:
        self.function_box.currentIndexChanged.connect(lambda _i: self._show_function())
        self.ops.op_selected.connect(self._on_op_selected)
        self.graph.node_clicked.connect(self._on_node_clicked)
        self.diff.nodes_chosen.connect(self.graph.highlight)
        self.autograph.nodes_chosen.connect(self.graph.highlight)
        self.scale.measure_requested.connect(self.measure_scale)
        self.scale.cancel_requested.connect(self._cancel_sweep)
        self.service.progress.connect(self._on_progress)  # a bound slot: disconnected when the view goes
        self.service.finished.connect(self._on_profiled)
        self.service.failed.connect(self._on_failed)

    # ----- report and profiling
    def set_report(self, report) -> None:
        self._cancel_sweep()
        self.report = report
        names = [c.name for c in (getattr(report, "callables", None) or [])] if report else []
        with QSignalBlocker(self.function_box):
            self.function_box.clear()
            self.function_box.addItems(names)
        self.hint.setVisible(not names)
        self.body.setVisible(bool(names))
        self._clear()
        if not names:
            self.status.setText("")
        else:
            self._profile_or_wait(report)

    def _profiling_text(self) -> str:
        return self.tr("profiling: eager and tf.function calls, TF profiler and timings…")

    def _waiting_text(self) -> str:
        return self.tr("profiled when shown")

    def _on_profiled(self, report) -> None:
        if report is self.report:
            self.progress.hide()
            self._show_function()
            if not self._export_pending():
                self.ready.emit()

    def _on_failed(self, report, message: str) -> None:
        if report is self.report:
            self.progress.hide()
            self.status.setText(self.tr("profiling failed: %1").replace("%1", message))
            self._exporting = False
            self.ready.emit()

    def is_ready(self) -> bool:
        return not self.service.is_running(self.report) and self._sweep_job is None

    def prepare_export(self, options: dict) -> None:
        """Profile, then measure the k sweep so the picture shows the crossover."""
        self._exporting = True
        self.tabs.setCurrentIndex(0)
        if self.service.wants_profile(self.report) and not self.service.is_profiled(self.report):
            self._request()
        else:
            self._export_pending()
            if self.is_ready():
                self.ready.emit()

    def _export_pending(self) -> bool:
        """During an export, start the sweep once profiling is done; True while it runs."""
        if not self._exporting:
            return False
        call = self._call()
        if call is None or self._sweeps.get(self._sweep_key("k")) is not None:
            self._exporting = False
            return False
        self.measure_scale("k", self.scale.with_xla.isChecked())
        return self._sweep_job is not None

    # ----- showing one function
    def _call(self):
        name = self.function_box.currentText()
        return next((c for c in (getattr(self.report, "callables", None) or []) if c.name == name), None)

    def _clear(self) -> None:
        self.ops.set_ops([], [])
        self.graph.show_function(None, None, None)
        self.timing.clear()
        self.scale.clear()
        self.diff.set_diff(None)
        self.retracing.set_retracing(None)
        self.autograph.set_autograph(None, "", "")

    def _show_function(self) -> None:
        report, name = self.report, self.function_box.currentText()
        profile = self.service.profile_of(report)
        timeline = profile.timeline
        lane = (timeline.get("functions") or {}).get(name)
        timing = profile.timing.get(name)
        info = next((f for f in getattr(report, "functions", []) or [] if f.name == name), None)
        model = (getattr(report, "graph_models", None) or {}).get(name)
        self.graph.show_function(info, model, report)
        self.timing.set_timing(timing)
        if lane is None:
            self.status.setText(self.tr("not profiled: %1").replace("%1", (timing or {}).get("error", "")))
            return
        eager, call = lane["eager"], lane.get("graph") or {}
        self.timing.set_breakdown(lane)
        self.ops.set_ops(eager["ops"], eager["dispatches"])
        n_disp = len(eager["dispatches"])
        self.eager_title.setText(self.tr("Eager: %1 ops, %2 calls Python → TF → Python (this call %3)")
                                 .replace("%1", str(len(eager["ops"]))).replace("%2", str(n_disp))
                                 .replace("%3", fmt_us(eager["duration_us"])))
        kernels = call.get("kernels") or []
        self.graph_title.setText(self.tr("tf.function: 1 call, %1 kernels inside TF (this call %2)")
                                 .replace("%1", str(len(kernels)))
                                 .replace("%2", fmt_us(call.get("marker_us") or call.get("duration_us"))))
        self.diff.set_diff(lane.get("diff"))
        self.retracing.set_retracing(lane.get("retracing"), report.source, name)
        self.autograph.set_autograph(lane.get("autograph"), report.source, name)
        sweep = self._sweeps.get(self._sweep_key(self.scale.mode()))
        if sweep is not None:
            self.scale.set_result(sweep)
        source = timeline.get("source")
        self.status.setText(self.tr("measured by TF's profiler and perf_counter") if source == "profiler"
                            else self.tr("host timing fallback: %1").replace(
                                "%1", timeline.get("fallback_reason") or ""))

    # ----- counterparts
    def _on_op_selected(self, index: int) -> None:
        ops = self.ops.ops
        if not 0 <= index < len(ops):
            self.graph.highlight([])
            return
        nodes = sorted({ops[i].get("graph_node") for i in self.ops.selected_indices()
                        if 0 <= i < len(ops) and ops[i].get("graph_node")})
        self.graph.highlight(nodes)
        if ops[index].get("line"):
            self.ctx.line_selected.emit(int(ops[index]["line"]))

    def _on_node_clicked(self, name: str) -> None:
        matches = [i for i, op in enumerate(self.ops.ops) if name and op.get("graph_node") == name]
        self.ops.select_indices(matches)

    # ----- scale sweep
    def _sweep_key(self, mode: str, jit: bool | None = None) -> tuple[int, str, str, bool]:
        jit = self.scale.with_xla.isChecked() if jit is None else jit
        return (id(self.report), self.function_box.currentText(), mode, jit)

    def measure_scale(self, mode: str, jit: bool = True) -> None:
        """Time eager and tf.function (and XLA with JIT) in one interleaved sweep of k or n."""
        call = self._call()
        if call is None:
            return
        self._cancel_sweep()
        key = self._sweep_key(mode, jit)
        from graphviz_app.core.profile import scale_sweep  # its values are the app's to choose

        values = scale_sweep.DEFAULT_K if mode == "k" else scale_sweep.DEFAULT_N
        job = self.ctx.engine.submit(jobs.scale_sweep, call, mode, values, jit, wall_s=SWEEP_WALL_S,
                                     name=f"scale sweep {call.name} {mode}{' xla' if jit else ''}")
        self._sweep_job = job
        self.scale.set_busy(True)
        job.progress.connect(lambda v: self.scale.set_progress(v) if isinstance(v, float) else None)
        job.finished.connect(lambda result, j=job: self._on_sweep_done(j, key, result))
        job.failed.connect(lambda text, j=job: self._on_sweep_done(j, key, {"error": text.strip().splitlines()[-1],
                                                                           "mode": mode, "points": []}))

    def _cancel_sweep(self) -> None:
        if self._sweep_job is not None:
            self._sweep_job.cancel()
            self._sweep_job = None
            self.scale.set_busy(False)
            self.scale.result.setText(self.tr("stopped"))

    def _on_sweep_done(self, job, key, result: dict) -> None:
        if job is not self._sweep_job:
            return
        self._sweep_job = None
        self.scale.set_busy(False)
        self._sweeps[key] = result
        if key == self._sweep_key(key[2], key[3]):
            self.scale.set_result(result)
        self._exporting = False
        self.ready.emit()

    def sweep_result(self, mode: str = "k", jit: bool | None = None) -> dict | None:
        return self._sweeps.get(self._sweep_key(mode, jit))


VIEW = EagerVsGraphView
