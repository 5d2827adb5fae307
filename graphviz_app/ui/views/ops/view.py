"""The op table: every op TensorFlow executed eagerly in the last run, in order.

Selecting a row selects its source line in the editor; moving the editor's cursor selects the
first op of that line.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from graphviz_app.ui.views.base import AppContext, BaseView
from graphviz_app.ui.views.ops.model import OpTableModel, field


class OpTableView(BaseView):
    view_name = "ops"
    title = QT_TRANSLATE_NOOP("ViewTitle", "Ops")
    order = 10

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.summary = QLabel(self.tr("Run a snippet (Ctrl+Enter) to list every op TensorFlow executes."), self)
        self.summary.setWordWrap(True)
        self.summary.setContentsMargins(6, 4, 6, 4)
        self.model = OpTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(6, QHeaderView.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        ctx.line_selected.connect(self.select_line)
        if ctx.report is not None:
            self.set_report(ctx.report)

    def set_report(self, report) -> None:
        ops = list(field(report, "eager_ops", []) or []) if report is not None else []
        with QSignalBlocker(self.table.selectionModel()):
            self.model.set_ops(ops)
        self._resize_columns()
        self.summary.setText(self._summary_text(report, len(ops)))

    def _summary_text(self, report, shown: int) -> str:
        if report is None:
            return self.tr("Run a snippet (Ctrl+Enter) to list every op TensorFlow executes.")
        dropped = field(report, "eager_ops_dropped", 0) or 0
        total = shown + dropped
        text = (self.tr("1 op executed eagerly") if total == 1
                else self.tr("%1 ops executed eagerly").replace("%1", str(total)))
        if dropped:
            text += self.tr(" (the first %1 are listed)").replace("%1", str(shown))
        return text + self.tr(". Select a row to see its line.")

    def _resize_columns(self) -> None:
        metrics = self.fontMetrics()
        rows = min(self.model.rowCount(), 60)  # sizing on a sample keeps big reports fast
        for column in (0, 1, 2, 3, 4, 5, 7):
            texts = [self.model.headerData(column, Qt.Horizontal)] + [
                self.model.data(self.model.index(r, column)) for r in range(rows)]
            width = max(metrics.horizontalAdvance(t or "") for t in texts) + 18
            self.table.setColumnWidth(column, min(width, 220))

    def _on_row_changed(self, current, _previous) -> None:
        if current.isValid():
            line = self.model.line_at(current.row())
            if line:
                self.ctx.line_selected.emit(line)

    def select_line(self, line: int) -> None:
        current = self.table.selectionModel().currentIndex()
        if current.isValid() and self.model.line_at(current.row()) == line:
            return
        row = self.model.first_row_of_line(line)
        with QSignalBlocker(self.table.selectionModel()):
            if row is None:
                self.table.clearSelection()
                return
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.table.viewport().update()
        self.table.scrollTo(index)

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None


VIEW = OpTableView
