"""The status bar's progress of an example model being built on the engine, with Cancel."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from graphviz_app.core.graph.zoo import PROGRESS_CONVERT, PROGRESS_TRACE


class ModelProgress(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 100)
        self.bar.setFixedWidth(110)
        self.bar.setFixedHeight(14)
        self.bar.setTextVisible(False)
        self.cancel_button = QToolButton(self)
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._title = ""
        self._value = 0.0
        self.retranslate()
        self.hide()

    def start(self, title: str) -> None:
        self._title = title
        self.cancel_button.setEnabled(True)
        self.set_progress(0.0)
        self.show()

    def set_progress(self, value: float) -> None:
        self._value = value
        self.bar.setValue(round(100 * value))
        self._show_stage()

    def cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Cancelling %1…").replace("%1", self._title))

    def finish(self) -> None:
        self.hide()

    def _show_stage(self) -> None:
        if self._value >= PROGRESS_CONVERT:
            text = self.tr("Converting %1…")
        elif self._value >= PROGRESS_TRACE:
            text = self.tr("Tracing %1…")
        else:
            text = self.tr("Building %1…")
        self.label.setText(text.replace("%1", self._title))

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop building this model"))
        if self._title:
            self._show_stage()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
