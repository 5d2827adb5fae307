"""The left side of the window: the snippet editor with its find bar (exported as ``--view editor``)."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from graphviz_app.ui.editor.editor import CodeEditor
from graphviz_app.ui.editor.find_bar import FindBar


class EditorPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = CodeEditor(self)
        self.find_bar = FindBar(self.editor, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.editor)
        layout.addWidget(self.find_bar)
