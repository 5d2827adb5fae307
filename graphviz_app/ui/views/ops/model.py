"""Table model over a RunReport's eager ops: one row per op TensorFlow executed."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    Qt,
)

from graphviz_app.ui.common.formatting import format_shape, format_value, short_device

COLUMNS = ("#", QT_TRANSLATE_NOOP("OpTableModel", "Op"), QT_TRANSLATE_NOOP("OpTableModel", "Label"),
           QT_TRANSLATE_NOOP("OpTableModel", "Line"), QT_TRANSLATE_NOOP("OpTableModel", "DType"),
           QT_TRANSLATE_NOOP("OpTableModel", "Shape"), QT_TRANSLATE_NOOP("OpTableModel", "Value"),
           QT_TRANSLATE_NOOP("OpTableModel", "Device"))


def field(obj: Any, name: str, default: Any = None) -> Any:
    """Reports reach the UI as dataclasses; tests and loaders may hand in plain dicts."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


class OpTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ops: list[Any] = []
        self._text: dict[tuple[int, int], str] = {}  # painting asks for the same cells often

    def set_ops(self, ops: list[Any]) -> None:
        self.beginResetModel()
        self._ops = list(ops)
        self._text = {}
        self.endResetModel()

    def op_at(self, row: int) -> Any:
        return self._ops[row]

    def line_at(self, row: int) -> int | None:
        return field(self._ops[row], "line")

    def first_row_of_line(self, line: int) -> int | None:
        for row, op in enumerate(self._ops):
            if field(op, "line") == line:
                return row
        return None

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's signature)
        return 0 if parent.isValid() else len(self._ops)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's signature)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.tr(COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        op = self._ops[index.row()]
        column = index.column()
        if role == Qt.DisplayRole:
            key = (index.row(), column)
            text = self._text.get(key)
            if text is None:
                text = self._text[key] = self._display(op, index.row(), column)
            return text
        if role == Qt.ToolTipRole:
            return self._tooltip(op, column)
        if role == Qt.TextAlignmentRole and column in (0, 3):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def _outputs(self, op: Any) -> list[Any]:
        return list(field(op, "outputs", []) or [])

    def _display(self, op: Any, row: int, column: int) -> str:
        outputs = self._outputs(op)
        if column == 0:
            return str(field(op, "index", row) if field(op, "index") is not None else row)
        if column == 1:
            return field(op, "op", "")
        if column == 2:
            return field(op, "label") or ""
        if column == 3:
            line = field(op, "line")
            return str(line) if line else ""
        if column == 4:
            return ", ".join(str(field(o, "dtype", "")) for o in outputs)
        if column == 5:
            return ", ".join(format_shape(field(o, "shape")) for o in outputs)
        if column == 6:
            return "; ".join(format_value(field(o, "value")) for o in outputs)
        if column == 7:
            return short_device(field(op, "device"))
        return ""

    def _tooltip(self, op: Any, column: int) -> str | None:
        if column == 6:
            values = [format_value(field(o, "value"), limit=2000) for o in self._outputs(op)]
            return "\n".join(values) or None
        if column == 7:
            return field(op, "device")
        if column in (1, 2):
            inputs = field(op, "inputs", []) or []
            return self.tr("inputs: %1").replace("%1", ", ".join(map(str, inputs)) or "—")
        return None
