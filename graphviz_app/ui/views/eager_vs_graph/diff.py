"""The diff: ops the graph has that the eager call never dispatched, and the reverse, each with
one line on why."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from graphviz_app.ui.common.core_text import core_text

GROUPS = (("graph_only", QT_TRANSLATE_NOOP("DiffList", "In the graph, never dispatched eagerly")),
          ("eager_only", QT_TRANSLATE_NOOP("DiffList", "Dispatched eagerly, no node of that op in the graph")),
          ("both", QT_TRANSLATE_NOOP("DiffList", "In both")))


class DiffList(QTreeWidget):
    nodes_chosen = Signal(list)  # graph node names of the chosen row

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("op"), self.tr("count"), self.tr("why")])
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setColumnWidth(0, 200)
        self.setColumnWidth(1, 70)
        self.currentItemChanged.connect(self._on_current)

    def set_diff(self, diff: dict | None) -> None:
        with QSignalBlocker(self):
            self.clear()
            if not diff:
                return
            bold = QFont(self.font())
            bold.setBold(True)
            for key, title in GROUPS:
                entries = diff.get(key) or []
                group = QTreeWidgetItem([f"{self.tr(title)} ({len(entries)})"])
                group.setFirstColumnSpanned(True)
                group.setFont(0, bold)
                self.addTopLevelItem(group)
                group.setFirstColumnSpanned(True)
                for e in entries:
                    if key == "both":
                        count = f"{e['eager']} / {e['graph']}"
                        why = self.tr("eager dispatches / graph nodes")
                    else:
                        count, why = str(e["count"]), core_text(e["why"])
                    item = QTreeWidgetItem([e["op"], count, why])
                    item.setToolTip(2, why)
                    item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    item.setData(0, Qt.ItemDataRole.UserRole, list(e.get("nodes") or []))
                    group.addChild(item)
                group.setExpanded(key != "both")

    def _on_current(self, current, _previous) -> None:
        nodes = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        self.nodes_chosen.emit(list(nodes or []))

    def ops_in(self, key: str) -> list[str]:
        """Op names listed under a group (for tests)."""
        index = [k for k, _ in GROUPS].index(key)
        group = self.topLevelItem(index)
        return [group.child(i).text(0) for i in range(group.childCount())] if group else []
