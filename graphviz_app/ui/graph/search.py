"""The Ctrl+F bar of the graph view: incremental search by name, op or label, with jumps."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class GraphSearchBar(QWidget):
    query_changed = Signal(str)
    step = Signal(int)  # +1 next, -1 previous
    closed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Find node by name, op or label"))
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel("", self)
        self.count.setMinimumWidth(70)
        prev_b = QToolButton(self)
        prev_b.setText("▲")
        prev_b.setToolTip(self.tr("Previous match (Shift+Enter)"))
        next_b = QToolButton(self)
        next_b.setText("▼")
        next_b.setToolTip(self.tr("Next match (Enter)"))
        close_b = QToolButton(self)
        close_b.setText("✕")
        close_b.setToolTip(self.tr("Close (Esc)"))
        lay.addWidget(QLabel(self.tr("Find:"), self))
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.count)
        lay.addWidget(prev_b)
        lay.addWidget(next_b)
        lay.addWidget(close_b)
        self.edit.textChanged.connect(self.query_changed)
        self.edit.returnPressed.connect(lambda: self.step.emit(1))
        prev_b.clicked.connect(lambda: self.step.emit(-1))
        next_b.clicked.connect(lambda: self.step.emit(1))
        close_b.clicked.connect(self.close_bar)
        self.edit.installEventFilter(self)

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def set_result(self, current: int, total: int) -> None:
        if not self.edit.text():
            self.count.setText("")
        elif total == 0:
            self.count.setText(self.tr("no match"))
        else:
            self.count.setText(self.tr("%1 of %2").replace("%1", str(current + 1)).replace("%2", str(total)))

    def eventFilter(self, obj, event) -> bool:
        if obj is self.edit and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.step.emit(-1)
                return True
        return super().eventFilter(obj, event)
