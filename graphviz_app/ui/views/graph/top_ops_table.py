"""The top-ops table beside the graph: the profiled ops, slowest first, sortable by each column;
clicking a row selects (and reveals) its node in the graph."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from graphviz_app.ui.common import theme
from graphviz_app.ui.views.graph.top_ops_model import COLUMNS, NAME_ROLE, TopOpsModel

NAME_WIDTH = 200  # px of the name column at first (a name's end shows; the rest on hover)


class TopOpsTable(QWidget):
    op_clicked = Signal(str)  # the graph node name of the row clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = TopOpsModel(self)  # it sorts itself (TopOpsModel.sort)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(20)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideLeft)  # a name's end says what it is
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.view.clicked.connect(self._on_clicked)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        theme.bind_style(self.summary, "color:{muted}; padding:2px 4px")
        self.setMinimumWidth(160)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.summary)
        lay.addWidget(self.view, 1)

    def set_cost(self, cost, summary: str = "") -> None:
        self.model.set_cost(cost)
        self.summary.setText(summary)
        self.summary.setVisible(bool(summary))
        self.view.sortByColumn(COLUMNS.index("time"), Qt.SortOrder.DescendingOrder)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(0, min(self.view.columnWidth(0), NAME_WIDTH))

    def sort_by(self, metric: str | None) -> None:
        """Largest METRIC first (a key of cost_overlay.METRICS; None: as it is)."""
        if metric in COLUMNS:
            self.view.sortByColumn(COLUMNS.index(metric), Qt.SortOrder.DescendingOrder)

    def names_in_order(self) -> list[str]:
        """The op names in the order the table shows them (for tests and the export)."""
        return [self.model.index(r, 0).data(NAME_ROLE) for r in range(self.model.rowCount())]

    def row_of(self, name: str) -> int | None:
        return self.model.row_of(name)

    def show_selected(self, name: str | None) -> None:
        """Select NAME's row (the graph selected that node) without saying so."""
        name = self.model.row_name(name) if name else None
        row = self.row_of(name) if name else None
        selection = self.view.selectionModel()
        with_signals = selection.blockSignals(True)
        try:
            if row is None:
                selection.clearSelection()
            else:
                index = self.model.index(row, 0)
                selection.select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)
                self.view.scrollTo(index)
        finally:
            selection.blockSignals(with_signals)
        self.view.viewport().update()

    def _on_clicked(self, index) -> None:
        name = index.sibling(index.row(), 0).data(NAME_ROLE)
        if name:
            self.op_clicked.emit(name)
