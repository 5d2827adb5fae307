"""Timeline view: one eager call and one tf.function call of the same function, drawn from TF's
profiler as lanes (Python above, TF runtime below), as on the lecture's slide "记住这张PPT".
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from graphviz_app.ui.common import theme
from graphviz_app.ui.common.profile_service import ProfiledView, ProfileService
from graphviz_app.ui.views.base import AppContext, BaseView
from graphviz_app.ui.views.timeline import model as tm
from graphviz_app.ui.views.timeline import style
from graphviz_app.ui.views.timeline.links import kernel_links
from graphviz_app.ui.views.timeline.plot import TimelinePlot

FALLBACK_STYLE = "color:{notice_text}; background:{notice_back}; padding:4px 8px; border-radius:3px"


class TimelineView(ProfiledView, BaseView):
    view_name = "timeline"
    title = QT_TRANSLATE_NOOP("ViewTitle", "Timeline")
    order = 40

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.service = ProfileService.of(ctx)
        self.report = None
        self._selection: tuple[str, set[str]] | None = None  # (function, graph nodes) selected
        self._emitting_nodes = False
        bar = self._function_bar(self.tr("Function:"))
        self.function_box.setToolTip(self.tr("Which tf.function to show"))
        self.fallback = QLabel(self)
        self.fallback.setWordWrap(True)
        theme.bind_style(self.fallback, FALLBACK_STYLE)
        self.fallback.hide()
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)  # wraps in a narrow dock instead of widening the view
        self.legend.setText(self._legend_html())
        theme.notifier().changed.connect(self._on_theme_changed)
        self.plot = TimelinePlot(self)
        self.hint = QLabel(self.tr("Run a snippet with a @tf.function to see one eager call and one "
                                   "tf.function call as TensorFlow's profiler recorded them."), self)
        self.hint.setWordWrap(True)
        theme.bind_style(self.hint, "color:{muted}; padding:16px")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        lay.addLayout(bar)
        lay.addWidget(self.fallback)
        lay.addWidget(self.hint)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.legend)
        self.function_box.currentIndexChanged.connect(lambda _i: self._show_function())
        self.service.progress.connect(self._on_progress)
        self.service.finished.connect(self._on_profiled)
        self.service.failed.connect(self._on_failed)
        self.plot.box_clicked.connect(self._on_box_clicked)
        ctx.nodes_selected.connect(self._on_nodes_selected)
        if ctx.report is not None:
            self.set_report(ctx.report)

    def _on_theme_changed(self, _theme) -> None:
        self.legend.setText(self._legend_html())

    def _legend_html(self) -> str:
        t = theme.current()

        def swatch(colour, text: str) -> str:
            c = colour.name()
            return f'<span style="background:{c};color:{c}">&nbsp;&nbsp;&nbsp;&nbsp;</span> {text}'

        def coloured(colour: str, text: str) -> str:
            return f'<span style="color:{colour}">{text}</span>'

        parts = [swatch(style.PYTHON, "Python"),
                 swatch(style.DISPATCH, self.tr("call into TF")),
                 swatch(style.RUNTIME, self.tr("op / function in the runtime")),
                 swatch(style.KERNEL, self.tr("kernel computing")),
                 coloured(t.call_mark, "▼ " + self.tr("call")),
                 coloured(t.return_mark, "▲ " + self.tr("return")),
                 coloured(t.muted, self.tr("wheel: zoom · drag: pan · F: fit · hover: name and time"))]
        return '<div style="margin:2px 8px">' + " &nbsp;&nbsp; ".join(parts) + "</div>"

    # ----- report and profiling
    def set_report(self, report) -> None:
        self.report = report
        self._selection = None
        names = [c.name for c in (getattr(report, "callables", None) or [])] if report else []
        with QSignalBlocker(self.function_box):
            self.function_box.clear()
            self.function_box.addItems(names)
        self.plot.clear_timeline()
        self.fallback.hide()
        self.hint.setVisible(not names)
        self.plot.setVisible(bool(names))
        if not names:
            self.status.setText("")
            return
        self._profile_or_wait(report)

    def _profiling_text(self) -> str:
        return self.tr("profiling one eager and one tf.function call…")

    def _waiting_text(self) -> str:
        return self.tr("profiled when shown")

    def _on_profiled(self, report) -> None:
        if report is not self.report:
            return
        self.progress.hide()
        self._show_function()
        self.ready.emit()

    def _on_failed(self, report, message: str) -> None:
        if report is not self.report:
            return
        self.progress.hide()
        self.status.setText(self.tr("profiling failed: %1").replace("%1", message))
        self.ready.emit()

    def is_ready(self) -> bool:
        return not self.service.is_running(self.report)

    def prepare_export(self, options: dict) -> None:
        if self.service.wants_profile(self.report) and not self.service.is_profiled(self.report):
            self._request()
        else:
            self.ready.emit()

    # ----- drawing
    def current_function(self) -> str | None:
        return self.function_box.currentText() or None

    def _show_function(self) -> None:
        report, name = self.report, self.current_function()
        profile = self.service.profile_of(report)
        timeline = profile.timeline
        lane = (timeline.get("functions") or {}).get(name) if name else None
        if lane is None:
            self.plot.clear_timeline()
            error = (profile.timing.get(name) or {}).get("error") if name else None
            self.status.setText(self.tr("not profiled: %1").replace("%1", error) if error else "")
            return
        self.plot.set_timeline(tm.build(lane, name, kernel_links(report, name)))
        self._show_selection()
        source = lane.get("source", timeline.get("source"))
        if source == "host":
            reason = timeline.get("fallback_reason") or ""
            self.fallback.setText(self.tr(
                "Host timing fallback: %1. Boxes come from Python's clock around each op, not from "
                "TF's profiler, so dispatch, op and kernel cannot be told apart and the kernels inside "
                "the tf.function are not shown.").replace("%1", reason))
            self.fallback.show()
        else:
            self.fallback.hide()
        calls = lane.get("profiled_calls", 1)
        level = lane.get("trace_level")
        self.status.setText(self.tr("TF profiler (XPlane): of %1 profiled calls of each kind, the median one%2")
                            .replace("%1", str(calls))
                            .replace("%2", "" if level in (None, 3) else self.tr(", cheap kernels may be missing"))
                            if source != "host" else self.tr("host timing (perf_counter)"))


    # ----- linked to the graph view: a slice selects its node, a node lights up its slices
    def _on_box_clicked(self, box) -> None:
        name = self.current_function()
        if box is None or not box.nodes or name is None:
            return
        self._selection = (name, set(box.nodes))
        self._show_selection()
        self._emitting_nodes = True
        try:
            self.ctx.nodes_selected.emit(name, list(box.nodes))
        finally:
            self._emitting_nodes = False

    def _on_nodes_selected(self, function: str, names: list) -> None:
        """The graph selected nodes of FUNCTION: outline the slices that stand for them (showing
        that function's lanes if another one is on display)."""
        if self._emitting_nodes:
            return
        self._selection = (function, set(names))
        if function != self.current_function():
            index = self.function_box.findText(function)
            if index < 0:
                return
            self.function_box.setCurrentIndex(index)  # draws its lanes, and the selection
            return
        self._show_selection()

    def _show_selection(self) -> None:
        data, name = self.plot.scene_data, self.current_function()
        function, names = self._selection or ("", set())
        if data is None or function != name:
            self.plot.set_highlight([])
            return
        self.plot.set_highlight([b for b in data.boxes if names.intersection(b.nodes)])

    def highlighted_nodes(self) -> set[str]:
        """The graph nodes of the slices outlined now (for tests)."""
        return {n for b in self.plot.highlighted for n in b.nodes}


VIEW = TimelineView
