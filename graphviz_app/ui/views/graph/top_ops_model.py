"""The rows of the top-ops table: one per profiled op that cost something, with its time, share
of the kernels' time, memory, FLOPs and parameters. Sorting is by the numbers themselves
(``SORT_ROLE``), never by their text."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from graphviz_app.ui.graph.cost_overlay import format_value

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2  # the op's graph node name
COLUMNS = ("name", "op", "time", "share", "memory", "flops", "params")
NUMERIC = {"time": "time_us", "memory": "bytes", "flops": "flops", "params": "params"}


class TopOpsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._ops: list[dict] = []
        self._kernel_us = 0.0

    def headers(self) -> list[str]:
        return [self.tr("op name"), self.tr("type"), self.tr("time"), self.tr("share"), self.tr("memory"),
                self.tr("FLOPs"), self.tr("params")]

    def set_cost(self, cost) -> None:
        """Show COST's ops that took time or hold something (None: no rows)."""
        self.beginResetModel()
        ops = list(getattr(cost, "ops", None) or [])
        self._ops = [o for o in ops if any((o.get(k) or 0) > 0 for k in NUMERIC.values())]
        self._kernel_us = float(getattr(cost, "kernel_us", 0.0) or 0.0)
        self.endResetModel()

    def op_at(self, row: int) -> dict:
        return self._ops[row]

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._ops)

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        op, column = self._ops[index.row()], COLUMNS[index.column()]
        if role == NAME_ROLE:
            return op["name"]
        if role == SORT_ROLE:
            if column == "name":
                return op["name"]
            if column == "op":
                return op.get("kernel") or op["op"]
            if column == "share":
                return float(op.get("time_us") or 0.0)
            return float(op.get(NUMERIC[column]) or 0)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "name":
                return op["name"]
            if column == "op":
                return op.get("kernel") or op["op"]
            if column == "share":
                return f"{(op.get('time_us') or 0.0) / self._kernel_us:.1%}" if self._kernel_us > 0 else ""
            if column == "params":
                return f"{int(op.get('params') or 0):,}"
            if column == "flops":
                return f"{int(op.get('flops') or 0):,}"
            return format_value(column, op.get(NUMERIC[column]) or 0)
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in ("name", "op"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == "name":
            return op["name"]
        return None
