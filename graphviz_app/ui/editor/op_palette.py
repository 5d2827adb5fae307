"""The op palette: supported ops by group, a tooltip each; double-click inserts a call."""
from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from graphviz_app.ui.editor.op_catalog import GROUPS, OpEntry


class OpPalette(QWidget):
    insert_requested = Signal(str)  # the text to insert; '|' marks the cursor position

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setToolTip("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self._retranslate()
        self.filter.textChanged.connect(self._apply_filter)
        self.tree.itemDoubleClicked.connect(self._on_double_click)

    def _retranslate(self) -> None:
        """Texts and the tree in the UI language (group names and docs come from op_catalog)."""
        self.filter.setPlaceholderText(self.tr("Filter ops"))
        collapsed = {i for i in range(self.tree.topLevelItemCount()) if not self.tree.topLevelItem(i).isExpanded()}
        self.tree.clear()
        self._populate()
        for i in collapsed:
            self.tree.topLevelItem(i).setExpanded(False)
        self._apply_filter(self.filter.text())

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _populate(self) -> None:
        for group, entries in GROUPS:
            parent = QTreeWidgetItem([QCoreApplication.translate("OpCatalog", group)])
            parent.setFlags(Qt.ItemIsEnabled)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            self.tree.addTopLevelItem(parent)
            for entry in entries:
                item = QTreeWidgetItem(parent, [entry.name])
                item.setData(0, Qt.UserRole, entry.insert)
                item.setToolTip(0, _tooltip(entry))
            parent.setExpanded(True)

    def entries(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i).child(j)
                for i in range(self.tree.topLevelItemCount())
                for j in range(self.tree.topLevelItem(i).childCount())]

    def _apply_filter(self, text: str) -> None:
        text = text.strip().lower()
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            visible = 0
            for j in range(group.childCount()):
                child = group.child(j)
                hide = bool(text) and text not in child.text(0).lower() and text not in child.toolTip(0).lower()
                child.setHidden(hide)
                visible += not hide
            group.setHidden(visible == 0)

    def _on_double_click(self, item: QTreeWidgetItem, _column: int) -> None:
        insert = item.data(0, Qt.UserRole)
        if insert:
            self.insert_requested.emit(insert)


def _tooltip(entry: OpEntry) -> str:
    doc = QCoreApplication.translate("OpCatalog", entry.doc)
    return (f"<p style='white-space:pre'><code>{html.escape(entry.signature)}</code></p>"
            f"<p>{html.escape(doc)}</p>")
