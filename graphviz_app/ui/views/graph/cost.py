"""The graph view's cost overlays (mixed into GraphView, which owns the state): Profile runs
``cost_jobs.profile_graph`` (a loaded graph, at the batch size chosen) or ``profile_function`` (a
run's tf.function) on the engine; the GraphCost that comes back colours the nodes by the metric
chosen, gives folded groups and frames their totals, fills the top-ops table and the hover text.

What can go wrong is said above the graph, which stays: inputs of unknown size (a dialog asks
for them, then it profiles again), a model that fails to run (TensorFlow's message), a batch too
big for the engine's memory limit (the engine's watch may kill and restart the process first:
then the Stop says so), a run whose engine has been restarted since (its functions are gone).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSplitter

from graphviz_app.core.graph.layout_data import no_gc
from graphviz_app.core.profile import cost_jobs
from graphviz_app.core.profile.cost_jobs import ProfileProblem
from graphviz_app.ui.graph import cost_overlay
from graphviz_app.ui.graph.cost_overlay import CostData, format_value
from graphviz_app.ui.views.graph.cost_bar import CostBar
from graphviz_app.ui.views.graph.dims_dialog import DimsDialog
from graphviz_app.ui.views.graph.top_ops_table import TopOpsTable

translate = QCoreApplication.translate  # the strings stay in GraphView's context
PROFILE_WALL_S = 600.0  # building and profiling a big model on a busy machine
GB = 1 << 30
TABLE_WIDTH = 440  # px of the top-ops table when it opens (at most 38% of the view)


class GraphCostControl:
    profile_budget_s = cost_jobs.BUDGET_S  # seconds of timed calls (tests make it shorter)

    def _build_cost(self) -> QSplitter:
        """The Cost controls (into the toolbar) and the splitter of graph and top-ops table."""
        self._cost_job = None
        self._cost_data: CostData | None = None
        self._cost_scale = None
        self._engine_generation = 0  # engine restarts so far: a run's functions die with theirs
        self._report_generation = 0
        self.dims_dialog: DimsDialog | None = None
        self.cost_bar = CostBar(self)  # a row of its own under the toolbar (the view may be narrow)
        self.top_ops = TopOpsTable(self)
        self.top_ops.hide()
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.pane)
        self.splitter.addWidget(self.top_ops)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setChildrenCollapsible(False)
        self.cost_bar.profile_requested.connect(lambda batch: self.start_profile(batch))
        self.cost_bar.cancel_requested.connect(self.cancel_profile)
        self.cost_bar.metric_changed.connect(self._on_metric_changed)
        self.cost_bar.log_changed.connect(lambda _b: self._refresh_overlay())
        self.cost_bar.table_toggled.connect(self._show_table)
        self.top_ops.op_clicked.connect(self.select_node_name)
        self.scene.overlay_source = self._overlay_for
        if self.ctx.engine is not None:  # None: a view that only draws (tests, pictures)
            self.ctx.engine.restarted.connect(self._on_engine_restarted)
        return self.splitter

    # ----- what there is to profile
    def _profile_target(self, session) -> str | None:
        """"graph", "function" or None: what Profile measures for SESSION."""
        if session is None:
            return None
        if session.key.startswith("file:"):
            return "graph"
        if session.key.startswith("fn:") and self._call_of(session) is not None:
            return "function"
        return None

    @staticmethod
    def _call_of(session):
        name = session.key[3:]
        calls = getattr(session.report, "callables", None) or []
        return next((c for c in reversed(calls) if c.name == name and c.function is not None), None)

    def _cost_session_shown(self, session) -> None:
        """A session is on display: its Profile target, its cost (if it was profiled)."""
        if self._cost_job is not None and getattr(self._cost_job, "session", None) is not session:
            self.cancel_profile()
        self.cost_bar.set_source(self._profile_target(session))
        cost = getattr(session, "cost", None)
        self.cost_bar.set_has_cost(cost is not None)
        self._fill_table(session)
        self._show_table(cost is not None and self.cost_bar.table_button.isChecked())

    # ----- profiling
    def start_profile(self, batch: int = 1, dims: dict | None = None) -> None:
        session = self.session
        target = self._profile_target(session)
        if target is None:
            return
        self.cancel_profile()
        self._set_message("")
        if target == "graph":
            source = session.key[len("file:"):]
            job = self.ctx.engine.submit(cost_jobs.profile_graph, source, batch, dims, self.profile_budget_s,
                                         name=f"profile {source}", wall_s=PROFILE_WALL_S)
        else:
            if self._report_generation != self._engine_generation:
                self._set_message(translate("GraphView", "TensorFlow's engine was restarted since this run: run "
                                            "the snippet again to profile its tf.function."), error=True)
                return
            call = self._call_of(session)
            job = self.ctx.engine.submit(cost_jobs.profile_function, call, call.name, self.profile_budget_s,
                                         name=f"profile {call.name}", wall_s=PROFILE_WALL_S)
            batch = None
        job.session, job.batch = session, batch
        self._cost_job = job
        self.cost_bar.set_running(True)
        job.progress.connect(lambda v: self.cost_bar.set_progress(v) if isinstance(v, float) else None)
        job.finished.connect(lambda result, j=job: self._on_profiled(j, result))
        job.failed.connect(lambda text, j=job: self._on_profile_failed(j, text))

    def cancel_profile(self) -> None:
        if self._cost_job is not None:
            self._cost_job.cancel()
        self._cost_job = None
        self.cost_bar.set_running(False)

    def is_profiling(self) -> bool:
        return self._cost_job is not None

    def _on_profiled(self, job, result) -> None:
        if job is not self._cost_job:
            return
        self._cost_job = None
        self.cost_bar.set_running(False)
        if isinstance(result, ProfileProblem):
            self._on_problem(job, result)
        else:
            job.session.cost = result
            if job.session is self.session:
                self._cost_data = None
                self.cost_bar.set_has_cost(True)
                if self.cost_bar.current_metric() is None:
                    self.cost_bar.set_metric("time")
                self._fill_table(self.session)
                self._show_table(True)
                self._refresh_overlay()
        self.ready.emit()

    def _on_problem(self, job, problem: ProfileProblem) -> None:
        if problem.kind == "unknown_dims" and job.session is self.session:
            self._ask_dims(problem.inputs or [], job.batch or 1)
            return
        texts = {"run": translate("GraphView", "The model failed to run: %1"),
                 "limit": translate("GraphView", "Profiling stopped at a limit: %1"),
                 "source": translate("GraphView", "This graph cannot be profiled: %1")}
        text = texts.get(problem.kind, "%1")
        self._set_message(text.replace("%1", problem.message), error=True)

    def _on_profile_failed(self, job, text: str) -> None:
        if job is not self._cost_job:
            return
        self._cost_job = None
        self.cost_bar.set_running(False)
        stop = job.stop
        if stop is not None and stop.kind == "limit" and "memory" in stop.message:
            limit = self.ctx.engine.memory_limit / GB
            what = (translate("GraphView", "batch %1").replace("%1", str(job.batch)) if job.batch is not None
                    else translate("GraphView", "this tf.function"))
            self._set_message(translate("GraphView", "Profiling %1 went over the memory limit of %2 GB, so "
                                        "TensorFlow's engine was stopped and started again. Try a smaller batch "
                                        "or a larger memory limit (%3).")
                              .replace("%1", what).replace("%2", f"{limit:.1f}").replace("%3", stop.message),
                              error=True)
        elif stop is not None and stop.kind == "cancelled":
            self._set_message(translate("GraphView", "Profiling was cancelled."))
        elif stop is not None:
            self._set_message(translate("GraphView", "Profiling stopped (%1): %2").replace("%1", stop.kind)
                              .replace("%2", stop.message), error=True)
        else:
            lines = [line for line in text.strip().splitlines() if line.strip()]
            self._set_message(translate("GraphView", "Profiling failed: %1").replace(
                "%1", lines[-1] if lines else text), error=True)
        self.ready.emit()

    def _ask_dims(self, inputs: list[dict], batch: int) -> None:
        dialog = DimsDialog(inputs, batch, self)
        self.dims_dialog = dialog
        self._set_message(translate("GraphView", "Give the sizes of the inputs' unknown dimensions to profile "
                                    "this graph."))

        def accepted() -> None:
            self.dims_dialog = None
            self.start_profile(batch, dialog.dims())

        def rejected() -> None:
            self.dims_dialog = None
            self._set_message(translate("GraphView", "Not profiled: the inputs' sizes are needed."))

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(rejected)
        dialog.open()

    def _on_engine_restarted(self, _stop) -> None:
        self._engine_generation += 1

    # ----- showing the cost
    def _overlay_for(self, layout, engine):
        """The scene's overlay_source: colours of the metric chosen, or None."""
        session, metric = self.session, self.cost_bar.current_metric()
        cost = getattr(session, "cost", None) if session is not None and session.engine is engine else None
        if cost is None or metric is None:
            self._cost_scale = None
            self.pane.cost_legend.set_scale(None)
            return None
        with no_gc():  # tens of thousands of small objects beside a big graph (see no_gc)
            if self._cost_data is None or self._cost_data.engine is not engine or self._cost_data.cost is not cost:
                self._cost_data = CostData(cost, engine)
            overlay, self._cost_scale = cost_overlay.build(self._cost_data, layout, metric,
                                                           self.cost_bar.log.isChecked())
        self.pane.cost_legend.set_scale(self._cost_scale)
        return overlay

    def _on_metric_changed(self, metric) -> None:
        self.top_ops.sort_by(metric)
        self._refresh_overlay()

    def _refresh_overlay(self) -> None:
        self.scene.refresh_overlay()
        if self.scene.layout is None:
            self.pane.cost_legend.set_scale(None)

    def _fill_table(self, session) -> None:
        cost = getattr(session, "cost", None)
        if cost is None:
            self.top_ops.set_cost(None)
            return
        batch = translate("GraphView", ", batch %1").replace("%1", str(cost.batch)) if cost.batch else ""
        memory = (translate("GraphView", "memory: bytes allocated") if cost.bytes_source == "allocator"
                  else translate("GraphView", "memory: the outputs' sizes"))
        summary = translate("GraphView", "%1 per call (kernels %2)%3 · %4 · %5 · %6").replace(
            "%1", format_value("time", cost.wall_us)).replace("%2", format_value("time", cost.kernel_us)).replace(
            "%3", batch).replace("%4", format_value("flops", cost.flops)).replace(
            "%5", format_value("params", cost.params)).replace("%6", memory)
        self.top_ops.set_cost(cost, summary)
        self.top_ops.sort_by(self.cost_bar.current_metric())

    def _show_table(self, shown: bool) -> None:
        shown = bool(shown) and getattr(self.session, "cost", None) is not None
        self.top_ops.setVisible(shown)
        self.cost_bar.set_table_shown(shown)
        if shown and self.splitter.sizes()[1] < 80:
            total = sum(self.splitter.sizes()) or self.width()
            side = min(TABLE_WIDTH, int(total * 0.38))
            self.splitter.setSizes([total - side, side])

    def cost_tooltip(self, item_id: int) -> str:
        """The hover text's numbers of an item, when the graph was profiled."""
        cost = getattr(self.session, "cost", None)
        if cost is None or self.session.engine is None:
            return ""
        if self._cost_data is None or self._cost_data.engine is not self.session.engine \
                or self._cost_data.cost is not cost:
            self._cost_data = CostData(cost, self.session.engine)
        return self._cost_data.tooltip(item_id)
