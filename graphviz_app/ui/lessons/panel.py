"""The lesson's explanation beside the views: which step, what to look at, Previous / Next."""
from __future__ import annotations

import html
import re

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from graphviz_app.ui.lessons.lessons import STEPS, LessonStep

_CODE = re.compile(r"`([^`]+)`")


def lesson_html(text: str) -> str:
    """A step's text as rich text: `code` in a code font, everything else escaped."""
    return _CODE.sub(lambda m: f"<code>{m.group(1)}</code>", html.escape(text, quote=False))


class LessonPanel(QWidget):
    previous_requested = Signal()
    next_requested = Signal()
    step_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None, steps: tuple[LessonStep, ...] = STEPS):
        super().__init__(parent)
        self.steps = steps
        self.index = -1
        self.chooser = QComboBox(self)
        self.chooser.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(12)
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.RichText)
        self.text.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.text.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)
        self.previous = QPushButton(self)
        self.next = QPushButton(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.chooser, 1)
        buttons.addWidget(self.previous)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(4)
        layout.addLayout(buttons)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        self.previous.clicked.connect(self.previous_requested)
        self.next.clicked.connect(self._on_next)
        self.chooser.activated.connect(self._on_chosen)
        self._render()

    def show_step(self, index: int) -> None:
        self.index = index
        self._render()

    def _on_chosen(self, index: int) -> None:
        self.step_requested.emit(index)
        self._render()  # the step shown, which stays the old one if the user kept their text

    def _on_next(self) -> None:
        if self.index < 0:
            self.step_requested.emit(0)  # "Start": the first step
        else:
            self.next_requested.emit()

    def _render(self) -> None:
        n = len(self.steps)
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for i, step in enumerate(self.steps):
            self.chooser.addItem(f"{i + 1}/{n}  {step.title_for_ui()}", i)
        self.chooser.setCurrentIndex(self.index)
        self.chooser.blockSignals(False)
        self.chooser.setToolTip(self.tr("Go to a step of the lesson"))
        self.previous.setText(self.tr("◀ Previous"))
        self.previous.setToolTip(self.tr("The previous step (Alt+Left)"))
        self.previous.setEnabled(self.index > 0)
        self.next.setToolTip(self.tr("The next step (Alt+Right)"))
        step = self.steps[self.index] if 0 <= self.index < n else None
        if step is None:
            self.next.setText(self.tr("Start ▶"))
            self.next.setEnabled(True)
            self.title.setText(self.tr("The lecture, step by step"))
            self.text.setText(html.escape(self.tr(
                "%1 steps follow the lecture: autodiff with the tape, Variables, watch, persistent "
                "tapes, why the tape keeps intermediates, tf.function, eager vs graph, what fused "
                "means and gradient descent. Each step loads an example, runs it and opens the view "
                "that shows it.")
                .replace("%1", str(n))))
            return
        self.next.setText(self.tr("Next ▶"))
        self.next.setEnabled(self.index + 1 < n)
        self.title.setText(self.tr("Step %1 of %2: %3").replace("%1", str(self.index + 1)).replace("%2", str(n))
                           .replace("%3", step.title_for_ui()))
        self.text.setText(lesson_html(step.text_for_ui()))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self._render()
        super().changeEvent(event)
