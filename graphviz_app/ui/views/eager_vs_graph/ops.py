"""The eager side: every op one eager call dispatched, in order, with its measured times and value."""
from __future__ import annotations

import json

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QItemSelectionModel,
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from graphviz_app.ui.common import theme
from graphviz_app.ui.common.formatting import fmt_us

COLUMNS = ("#", QT_TRANSLATE_NOOP("EagerOpList", "op"), QT_TRANSLATE_NOOP("EagerOpList", "label"),
           QT_TRANSLATE_NOOP("EagerOpList", "line"), QT_TRANSLATE_NOOP("EagerOpList", "call into TF"),
           QT_TRANSLATE_NOOP("EagerOpList", "kernel"), QT_TRANSLATE_NOOP("EagerOpList", "value"))
MAX_ROWS = 2000


def value_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.7g}"
    text = value if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= 80 else text[:80] + "…"


class EagerOpList(QTreeWidget):
    op_selected = Signal(int)  # index into the ops; -1 when cleared

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.ops: list[dict] = []
        self.itemSelectionChanged.connect(self._on_selection)
        theme.notifier().changed.connect(self._on_theme_changed)

    def _on_theme_changed(self, _theme) -> None:
        muted = QBrush(theme.color("muted"))
        for i, op in enumerate(self.ops):
            item = self.topLevelItem(i)
            if item is not None and not op.get("graph_node"):
                for col in range(len(COLUMNS)):
                    item.setForeground(col, muted)

    def set_ops(self, ops: list[dict], dispatches: list[dict]) -> None:
        with QSignalBlocker(self):
            self.clear()
            self.ops = ops[:MAX_ROWS]
            items = []
            muted = theme.color("muted")
            for i, op in enumerate(self.ops):
                d = dispatches[op["dispatch"]] if 0 <= op.get("dispatch", -1) < len(dispatches) else None
                shared = d is not None and len(d.get("ops", [])) > 1
                call = fmt_us(d["duration_us"]) + (self.tr(" (shared)") if shared else "") if d else ""
                item = QTreeWidgetItem([str(i + 1), op["op"], op.get("label") or "",
                                        str(op["line"]) if op.get("line") else "", call,
                                        fmt_us(op["kernel_us"]) if op.get("kernel_us") is not None else "",
                                        value_text(op.get("value"))])
                item.setData(0, Qt.ItemDataRole.UserRole, i)
                item.setToolTip(1, self._tooltip(op, d))
                for col in (0, 3, 4, 5):
                    item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not op.get("graph_node"):  # no counterpart in the graph: greyed
                    for col in range(len(COLUMNS)):
                        item.setForeground(col, QBrush(muted))
                items.append(item)
            self.addTopLevelItems(items)
        for col, width in enumerate((34, 92, 52, 40, 92, 70)):
            self.setColumnWidth(col, width)

    @staticmethod
    def _tooltip(op: dict, dispatch: dict | None) -> str:
        lines = [f"{op.get('label')} = {op['op']}" if op.get("label") else op["op"]]
        if dispatch:
            lines.append(f"Python → TF → Python: {fmt_us(dispatch['duration_us'])}")
        lines.append(f"EagerLocalExecute: {fmt_us(op.get('duration_us'))}")
        if op.get("kernel_us") is not None:
            lines.append(QCoreApplication.translate("EagerOpList", "kernel: %1").replace(
                "%1", fmt_us(op["kernel_us"])))
        lines.append(QCoreApplication.translate("EagerOpList", "graph node: %1").replace("%1", op["graph_node"])
                     if op.get("graph_node")
                     else QCoreApplication.translate("EagerOpList", "no node of its own in the graph"))
        return "\n".join(lines)

    def _on_selection(self) -> None:
        items = self.selectedItems()
        self.op_selected.emit(int(items[0].data(0, Qt.ItemDataRole.UserRole)) if items else -1)

    def select_indices(self, indices: list[int]) -> None:
        """Select these rows without emitting op_selected (a counterpart was chosen elsewhere)."""
        with QSignalBlocker(self):
            self.clearSelection()
            model, selection = self.model(), self.selectionModel()
            for k, i in enumerate(indices):
                if 0 <= i < self.topLevelItemCount():
                    index = model.index(i, 0)
                    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
                    selection.select(index, flags)
                    if k == 0:
                        self.scrollToItem(self.topLevelItem(i))
        self.viewport().update()

    def selected_indices(self) -> list[int]:
        return sorted(int(it.data(0, Qt.ItemDataRole.UserRole)) for it in self.selectedItems())
