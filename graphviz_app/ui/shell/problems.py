"""The problems list: the run's error with kind, message and place; activating it jumps there."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from graphviz_app.ui.common import theme
from graphviz_app.ui.common.core_text import error_text
from graphviz_app.ui.common.i18n import error_kind


class ProblemsList(QTreeWidget):
    problem_activated = Signal(int, int)  # line (1-based), col (0-based, -1 unknown)
    count_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setColumnCount(3)
        self._report = None
        self._retranslate()
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setWordWrap(False)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        header.setStretchLastSection(False)
        self.itemActivated.connect(self._activate)
        self.itemClicked.connect(self._activate)

    def _retranslate(self) -> None:
        self.setHeaderLabels([self.tr("Kind"), self.tr("Message"), self.tr("Line")])

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self._retranslate()
            self.set_report(self._report)
        super().changeEvent(event)

    def set_report(self, report) -> None:
        self._report = report
        self.clear()
        error = getattr(report, "error", None) if report is not None else None
        if error is not None and error.kind != "cancelled":
            place = f"{error.line}:{error.col}" if error.line and error.col is not None else (
                str(error.line) if error.line else "")
            text = error_text(error)
            first_line = text.splitlines()[0] if text else ""
            item = QTreeWidgetItem([error_kind(error.kind), first_line, place])
            item.setToolTip(1, text)
            item.setForeground(0, QColor(theme.current().error))
            item.setData(0, Qt.UserRole, (error.line or 0, -1 if error.col is None else error.col))
            self.addTopLevelItem(item)
        self.count_changed.emit(self.topLevelItemCount())

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        line, col = item.data(0, Qt.UserRole)
        if line:
            self.problem_activated.emit(line, col)
