"""The graph view's "Cost" controls: Profile (with the batch size for a loaded graph), progress
and Cancel while it measures, then what to colour the nodes by, log scale, and the top-ops table.

A view of the controls only: it says what the user asked (signals) and shows what it is told
(``set_*``); the graph view does the work.
"""
from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSpinBox,
    QToolButton,
    QWidget,
)

from graphviz_app.ui.graph.cost_overlay import METRICS, metric_name

MAX_BATCH = 100_000_000  # past any memory limit: the limit's message says so


class CostBar(QWidget):
    profile_requested = Signal(int)  # the batch size (1 for a tf.function, which keeps its arguments)
    cancel_requested = Signal()
    metric_changed = Signal(object)  # a key of cost_overlay.METRICS, or None: no colours
    log_changed = Signal(bool)
    table_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.setSpacing(4)
        row.addWidget(QLabel(self.tr("Cost:"), self))
        self.profile_button = QToolButton(self)
        self.profile_button.setText(self.tr("Profile"))
        self.profile_button.clicked.connect(lambda: self.profile_requested.emit(self.batch.value()))
        self.batch_label = QLabel(self.tr("batch"), self)
        self.batch = QSpinBox(self)
        self.batch.setRange(1, MAX_BATCH)
        self.batch.setToolTip(self.tr("Batch size of the generated inputs the graph is profiled on"))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setMaximumSize(110, 14)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop profiling"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.metric = QComboBox(self)
        self.metric.addItem(self.tr("no colours"), None)
        for key in METRICS:
            self.metric.addItem(self.tr("colour by %1").replace("%1", metric_name(key)), key)
        self.metric.setToolTip(self.tr("Colour the ops and folded groups by what the profile measured"))
        self.metric.currentIndexChanged.connect(lambda _i: self.metric_changed.emit(self.metric.currentData()))
        self.log = QCheckBox(self.tr("log"), self)
        self.log.setToolTip(self.tr("Colours by orders of magnitude (a few big ops no longer hide the rest)"))
        self.log.setChecked(True)
        self.log.toggled.connect(self.log_changed)
        self.table_button = QToolButton(self)
        self.table_button.setText(self.tr("Top ops"))
        self.table_button.setToolTip(self.tr("The profiled ops in a table beside the graph, sortable by each column"))
        self.table_button.setCheckable(True)
        self.table_button.toggled.connect(self.table_toggled)
        for w in (self.profile_button, self.batch_label, self.batch, self.progress, self.cancel_button,
                  self.metric, self.log, self.table_button):
            row.addWidget(w)
        row.addStretch(1)
        self.set_source(None)
        self.set_running(False)
        self.set_has_cost(False)

    def set_source(self, kind: str | None) -> None:
        """What Profile would measure: "graph" (a loaded graph: a batch size), "function" (a
        run's tf.function, on its own arguments), or None (nothing to profile)."""
        self.profile_button.setEnabled(kind is not None)
        self.batch_label.setVisible(kind == "graph")
        self.batch.setVisible(kind == "graph")
        tips = {"graph": self.tr("Run this graph under TensorFlow's profiler on generated inputs: time, memory "
                                 "and FLOPs per op, parameters per variable"),
                "function": self.tr("Run this tf.function under TensorFlow's profiler on the arguments of its "
                                    "last call: time, memory and FLOPs per op"),
                None: self.tr("Profiling needs a loaded graph or a run's tf.function")}
        self.profile_button.setToolTip(tips[kind])

    def set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.profile_button.setVisible(not running)
        if running:
            self.progress.setValue(0)

    def set_progress(self, value: float) -> None:
        self.progress.setValue(int(100 * value))

    def set_has_cost(self, has: bool) -> None:
        """A profile is there to show: the colour and table controls work."""
        for w in (self.metric, self.log, self.table_button):
            w.setEnabled(has)

    def set_metric(self, metric: str | None) -> None:
        with QSignalBlocker(self.metric):
            self.metric.setCurrentIndex(max(0, self.metric.findData(metric)))

    def current_metric(self) -> str | None:
        return self.metric.currentData()

    def set_table_shown(self, shown: bool) -> None:
        with QSignalBlocker(self.table_button):
            self.table_button.setChecked(shown)
