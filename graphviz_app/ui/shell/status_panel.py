"""The status bar's permanent part: TensorFlow's state and a busy indicator for engine work."""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget


class StatusPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tf_label = QLabel(self)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)  # indeterminate: we cannot know how long TF takes
        self.busy_bar.setFixedWidth(110)
        self.busy_bar.setFixedHeight(14)
        self.busy_bar.setTextVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addStretch(1)  # keep the text at the right edge however wide the bar makes us
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.tf_label)
        self._loading = False
        self._busy = False
        self._ready: tuple[float, str] | None = None  # (import seconds, version) once loaded
        self._refresh()

    def set_tf_loading(self) -> None:
        self._loading = True
        self._ready = None
        self._show_tf_state()
        self._refresh()

    def set_tf_ready(self, seconds: float, version: str = "") -> None:
        self._loading = False
        self._ready = (seconds, version)
        self._show_tf_state()
        self._refresh()

    def _show_tf_state(self) -> None:
        if self._ready is not None:
            seconds, version = self._ready
            name = f"TensorFlow {version}".strip()
            self.tf_label.setText(self.tr("%1 ready (loaded in %2 s)").replace("%2", f"{seconds:.1f}")
                                  .replace("%1", name))
        elif self._loading:
            self.tf_label.setText(self.tr("Loading TensorFlow…"))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self._show_tf_state()
        super().changeEvent(event)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._refresh()

    def is_busy_shown(self) -> bool:
        return not self.busy_bar.isHidden()

    def _refresh(self) -> None:
        self.busy_bar.setVisible(self._loading or self._busy)
