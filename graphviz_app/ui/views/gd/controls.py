"""The lab's controls in two compact rows: run (start/pause, step, reset, speed, steps) above,
setup (optimizer, learning rate, batch, eager/graph, device, data) below."""
from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSpinBox,
    QStyle,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from graphviz_app.core.gd.config import DEFAULT_LR, TrainConfig
from graphviz_app.ui.views.gd.data_form import GdDataForm

SPEEDS = [(1, "1"), (2, "2"), (5, "5"), (20, "20"), (100, "100"), (None, "max")]
DEFAULT_SPEED_INDEX = 1


class GdControls(QWidget):
    start_pause = Signal()
    step = Signal()
    reset = Signal()
    lr_changed = Signal(float)
    speed_changed = Signal(object)  # steps per frame, None = as fast as TF goes
    log_scale_changed = Signal(bool)
    export_csv = Signal()
    setup_changed = Signal()  # optimizer, batch, mode, device or data changed: rebuild

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        style = self.style()
        self.start_button = self._button(self.tr("Start"), style.standardIcon(QStyle.SP_MediaPlay), self.start_pause)
        self.step_button = self._button(self.tr("Step"), style.standardIcon(QStyle.SP_MediaSkipForward), self.step)
        self.reset_button = self._button(self.tr("Reset"), style.standardIcon(QStyle.SP_BrowserReload), self.reset)
        self.speed = QComboBox()
        for steps, label in SPEEDS:
            self.speed.addItem(label, steps)
        self.speed.setCurrentIndex(DEFAULT_SPEED_INDEX)
        self.speed.setToolTip(self.tr("Steps per frame (60 frames a second); max runs TensorFlow flat out"))
        self.speed.currentIndexChanged.connect(lambda _i: self.speed_changed.emit(self.speed.currentData()))
        self.steps = QSpinBox()
        self.steps.setRange(1, 10_000_000)
        self.steps.setValue(500)
        self.steps.setGroupSeparatorShown(True)
        self.steps.setMaximumWidth(100)
        self.steps.setToolTip(self.tr("Start trains until this many steps are done"))
        self.log_scale = QCheckBox(self.tr("log loss"))
        self.log_scale.setChecked(True)
        self.log_scale.toggled.connect(self.log_scale_changed)
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("CSV…"))
        self.export_button.setToolTip(self.tr("Save the loss history (step, w, b, loss, gradients, lr) as CSV"))
        self.export_button.clicked.connect(self.export_csv)

        self.optimizer = QComboBox()
        for name, label in (("gd", "GD"), ("momentum", self.tr("Momentum")), ("adam", "Adam")):
            self.optimizer.addItem(label, name)
        self.lr = QDoubleSpinBox()
        self.lr.setDecimals(4)
        self.lr.setMaximumWidth(90)
        self.lr.setRange(0.0001, 100.0)
        self.lr.setStepType(QAbstractSpinBox.AdaptiveDecimalStepType)
        self.lr.setValue(DEFAULT_LR["gd"])
        self.lr.setKeyboardTracking(False)
        self.lr.setToolTip(self.tr("Learning rate γ; changes take effect while training"))
        self.lr.valueChanged.connect(self.lr_changed)
        self.batch = QSpinBox()
        self.batch.setRange(0, 1_000_000)
        self.batch.setSpecialValueText(self.tr("full"))
        self.batch.setMaximumWidth(80)
        self.batch.setToolTip(self.tr("Mini-batch size; 'full' uses every point each step"))
        self.mode = QComboBox()
        self.mode.addItem(self.tr("tf.function"), "graph")
        self.mode.addItem(self.tr("eager"), "eager")
        self.device = QComboBox()
        for name, label in (("auto", self.tr("auto device")), ("cpu", "CPU"), ("gpu", "GPU")):
            self.device.addItem(label, name)
        self.device.setToolTip(self.tr("Where TF puts the data and w, b: auto picks /GPU:0 when TF sees one"))
        self.mode.setToolTip(self.tr("Run each step eagerly, op by op, or as one traced tf.function call"))
        self.optimizer.setToolTip(self.tr("The update rule: plain gradient descent (the lecture's), momentum or Adam"))
        self.data_form = GdDataForm()
        self.data_button = QToolButton()
        self.data_button.setText(self.tr("Data"))
        self.data_button.setPopupMode(QToolButton.InstantPopup)
        menu = QMenu(self.data_button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.data_form)
        menu.addAction(action)
        self.data_button.setMenu(menu)
        self.data_form.applied.connect(menu.close)
        self.data_form.applied.connect(self.setup_changed)
        self.optimizer.currentIndexChanged.connect(self._on_optimizer)
        self.batch.editingFinished.connect(self._on_batch)
        self._batch_value = 0
        self.mode.currentIndexChanged.connect(lambda _i: self.setup_changed.emit())
        self.device.currentIndexChanged.connect(lambda _i: self.setup_changed.emit())
        self._layout()

    def _button(self, text, icon, signal) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setIcon(icon)
        button.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        button.clicked.connect(signal)
        return button

    def _layout(self) -> None:
        """Two rows that fit a 600-pixel-wide tab; the combos say what they are, so they need no
        labels (each has a tooltip)."""
        for combo in (self.speed, self.optimizer, self.mode, self.device):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 2)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(3)
        run = QHBoxLayout()
        for widget in (self.start_button, self.step_button, self.reset_button):
            run.addWidget(widget)
        run.addSpacing(6)
        for label, widget in ((self.tr("Speed"), self.speed), (self.tr("Steps"), self.steps)):
            run.addWidget(QLabel(label))
            run.addWidget(widget)
        run.addWidget(self.log_scale)
        run.addStretch(1)
        setup = QHBoxLayout()
        setup.addWidget(self.optimizer)
        for label, widget in (("γ", self.lr), (self.tr("Batch"), self.batch)):
            setup.addWidget(QLabel(label))
            setup.addWidget(widget)
        for widget in (self.mode, self.device, self.data_button, self.export_button):
            setup.addWidget(widget)
        setup.addStretch(1)
        grid.addLayout(run, 0, 0)
        grid.addLayout(setup, 1, 0)

    # ----- reading and showing ---------------------------------------------------------
    def train_config(self) -> TrainConfig:
        return TrainConfig(optimizer=self.optimizer.currentData(), lr=self.lr.value(),
                           batch_size=self.batch.value() or None, mode=self.mode.currentData(),
                           device=self.device.currentData())

    def steps_per_frame(self) -> int | None:
        return self.speed.currentData()

    def set_running(self, running: bool) -> None:
        style = self.style()
        self.start_button.setText(self.tr("Pause") if running else self.tr("Start"))
        self.start_button.setIcon(style.standardIcon(QStyle.SP_MediaPause if running else QStyle.SP_MediaPlay))
        self.step_button.setEnabled(not running)

    def set_lr(self, lr: float) -> None:
        """Show a learning rate chosen by the program (no lr_changed echo)."""
        with QSignalBlocker(self.lr):
            self.lr.setValue(lr)

    def _on_optimizer(self, _index: int) -> None:
        lr = DEFAULT_LR[self.optimizer.currentData()]
        self.set_lr(lr)
        self.lr_changed.emit(lr)
        self.setup_changed.emit()

    def _on_batch(self) -> None:
        if self.batch.value() != self._batch_value:
            self._batch_value = self.batch.value()
            self.setup_changed.emit()
