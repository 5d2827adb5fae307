"""The list of a diff's changes, one row each (added, removed, changed: what), walked with
Previous / Next; the row chosen is the change both graphs bring into view."""
from __future__ import annotations

import json

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from graphviz_app.ui.views.diff.changes import Change
from graphviz_app.ui.views.diff.style import COLOURS

MAX_VALUE = 80  # characters of a changed value shown in the tooltip


class ChangeList(QTreeWidget):
    change_chosen = Signal(int)  # index into ``changes``; -1 when none is chosen

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.changes: list[Change] = []
        self.setColumnCount(3)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHeaderLabels([self.tr("Change"), self.tr("Node"), self.tr("What differs")])
        self.setColumnWidth(0, 90)
        self.setColumnWidth(1, 260)
        self.currentItemChanged.connect(self._on_current)

    def show_changes(self, changes: list[Change]) -> None:
        with QSignalBlocker(self):
            self.clear()
            self.changes = list(changes)
            words = {"added": self.tr("added"), "removed": self.tr("removed"), "changed": self.tr("changed")}
            for index, change in enumerate(self.changes):
                node = change.name if change.a in (None, change.b) or change.b is None \
                    else f"{change.a} → {change.b}"
                item = QTreeWidgetItem([words[change.kind], node, self.what_text(change)])
                item.setData(0, Qt.ItemDataRole.UserRole, index)
                item.setForeground(0, QBrush(COLOURS[change.kind]))
                item.setToolTip(2, self.details_tip(change))
                self.addTopLevelItem(item)

    def what_text(self, change: Change) -> str:
        if change.kind != "changed":
            return ""
        parts = []
        for key in change.what:
            values = change.details.get(key)
            if key == "op" and values:
                parts.append(f"op {values[0]} → {values[1]}")
            else:
                parts.append(key)
        return ", ".join(parts)

    def details_tip(self, change: Change) -> str:
        lines = []
        for key, (a, b) in change.details.items():
            lines.append(f"{key}: {_short(a)} → {_short(b)}")
        return "\n".join(lines)

    # ----- walking
    def current_index(self) -> int:
        item = self.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else -1

    def choose(self, index: int) -> None:
        if 0 <= index < self.topLevelItemCount():
            self.setCurrentItem(self.topLevelItem(index))
            self.scrollToItem(self.topLevelItem(index))

    def step(self, delta: int) -> None:
        """The next (1) or previous (-1) change, round the list's ends."""
        n = self.topLevelItemCount()
        if not n:
            return
        current = self.current_index()
        self.choose((current + delta) % n if current >= 0 else (0 if delta > 0 else n - 1))

    def _on_current(self, current, _previous) -> None:
        self.change_chosen.emit(current.data(0, Qt.ItemDataRole.UserRole) if current is not None else -1)


def _short(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE - 1] + "…"
