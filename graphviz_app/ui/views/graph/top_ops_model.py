"""The rows of the top-ops table: one per kernel-running op that cost something, with its time,
share of the kernels' time, memory, FLOPs and parameters. Sorting is by the numbers themselves
(``SORT_ROLE``), never by their text.

An op whose work a fused kernel did (``fused_into``: a Conv2D run inside the _FusedConv2D that
TF names after its BiasAdd) has no row of its own: its FLOPs, memory and parameters join the row
of the op that ran the kernel, whose time they took, and the kernel column names it."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from graphviz_app.core.graph.layout_data import no_gc
from graphviz_app.ui.graph.cost_overlay import format_value

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2  # the op's graph node name
COLUMNS = ("name", "time", "share", "memory", "flops", "params", "op")
NUMERIC = {"time": "time_us", "memory": "bytes", "flops": "flops", "params": "params"}


class TopOpsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._ops: list[dict] = []
        self._rows: dict[str, int] = {}
        self._row_of_fused: dict[str, str] = {}
        self._kernel_us = 0.0

    def headers(self) -> list[str]:
        names = {"name": self.tr("op name"), "time": self.tr("time"), "share": self.tr("share"),
                 "memory": self.tr("memory"), "flops": self.tr("FLOPs"), "params": self.tr("params"),
                 "op": self.tr("kernel")}
        return [names[c] for c in COLUMNS]

    def set_cost(self, cost) -> None:
        """Show COST's ops that took time or hold something (None: no rows)."""
        self.beginResetModel()
        with no_gc():
            self._ops = [o for o in merge_fused(getattr(cost, "ops", None) or [])
                         if any((o.get(k) or 0) > 0 for k in NUMERIC.values())]
        self._rows = {o["name"]: r for r, o in enumerate(self._ops)}
        self._row_of_fused = {f: o["name"] for o in self._ops for f in o["fused"]}
        self._kernel_us = float(getattr(cost, "kernel_us", 0.0) or 0.0)
        self.endResetModel()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by COLUMN's numbers (QTableView calls this when a header is clicked):
        in Python on the numbers themselves, 19.5k rows in milliseconds (a sort proxy asks
        ``data`` a few hundred thousand times)."""
        key = COLUMNS[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if key in ("name", "op"):
            def text(o):
                return o["name"] if key == "name" else (o.get("kernel") or o["op"])
            self.layoutAboutToBeChanged.emit()
            self._ops.sort(key=lambda o: (text(o), o["name"]), reverse=descending)
        else:
            field = "time_us" if key == "share" else NUMERIC[key]
            sign = -1.0 if descending else 1.0
            self.layoutAboutToBeChanged.emit()
            # ties: the slowest first, then by name (the same order every time)
            with no_gc():  # beside a big graph a full collection would cost more than the sort
                self._ops.sort(key=lambda o: (sign * float(o.get(field) or 0), -float(o.get("time_us") or 0),
                                              o["name"]))
        self._rows = {o["name"]: r for r, o in enumerate(self._ops)}
        self.layoutChanged.emit()

    def op_at(self, row: int) -> dict:
        return self._ops[row]

    def row_of(self, name: str) -> int | None:
        return self._rows.get(name)

    def row_name(self, name: str) -> str | None:
        """The row that shows op NAME: its own, or the one of the op whose kernel did its work."""
        return name if name in self._rows else self._row_of_fused.get(name)

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
                kernel = op.get("kernel") or op["op"]
                parts = ", ".join(f.rpartition("/")[2] for f in op["fused"])
                return f"{kernel} (+{parts})" if parts else kernel
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
            fused = "".join(f"\n+ {f}" for f in op["fused"])
            return op["name"] + (self.tr("\nits kernel also did the work of:") + fused if fused else "")
        return None


def merge_fused(ops: list[dict]) -> list[dict]:
    """OPS with each op a fused kernel absorbed counted on the op that ran it (new dicts; each
    has "fused": the names absorbed)."""
    by_name = {o["name"]: o for o in ops}

    def absorbed(o: dict) -> bool:
        target = by_name.get(o.get("fused_into"))
        return target is not None and target is not o and not target.get("fused_into")

    rows = {o["name"]: dict(o, fused=[]) for o in ops if not absorbed(o)}
    for o in ops:
        if absorbed(o):
            row = rows[o["fused_into"]]
            for key in ("bytes", "flops", "params"):
                row[key] = (row.get(key) or 0) + (o.get(key) or 0)
            row["fused"].append(o["name"])
    return list(rows.values())
