"""AutoGraph: the function's source beside the code ``tf.autograph.to_code`` produced, each loop
and ``if`` marked in both and mapped onto the While/If op it became (or why it did not)."""
from __future__ import annotations

import ast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from graphviz_app.ui.common import theme
from graphviz_app.ui.common.core_text import core_text


def mark_colour(k: int) -> QColor:
    """The tint of the K-th statement, the same in the source, the code and the list."""
    marks = theme.current().marks
    return QColor(marks[k % len(marks)])


def function_source(source: str, func_name: str) -> tuple[str, int]:
    """The text of ``def func_name`` (with decorators) and its first line number."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return "", 1
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == func_name:
            first = min([d.lineno for d in node.decorator_list] + [node.lineno])
            lines = source.splitlines()[first - 1:node.end_lineno]
            return "\n".join(lines), first
    return "", 1


class AutoGraphPanel(QWidget):
    nodes_chosen = Signal(list)  # graph nodes of the chosen loop/if

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.source = QPlainTextEdit(self)
        self.code = QPlainTextEdit(self)
        for edit in (self.source, self.code):
            edit.setReadOnly(True)
            edit.setFont(mono)
            edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.source_title = QLabel(self.tr("Your function"), self)
        self.code_title = QLabel(self.tr("What AutoGraph made of it (tf.autograph.to_code)"), self)
        left, right = QWidget(self), QWidget(self)
        for box, title, edit in ((left, self.source_title, self.source), (right, self.code_title, self.code)):
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(2)
            lay.addWidget(title)
            lay.addWidget(edit)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([380, 620])
        self.statements = QTreeWidget(self)
        self.statements.setColumnCount(3)
        self.statements.setHeaderLabels([self.tr("statement"), self.tr("graph op"), self.tr("what happened")])
        self.statements.setRootIsDecorated(False)
        self.statements.setColumnWidth(0, 150)
        self.statements.setColumnWidth(1, 170)
        self.statements.setMaximumHeight(110)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(3)
        lay.addWidget(split, 1)
        lay.addWidget(self.statements)
        self.statements.currentItemChanged.connect(self._on_current)
        self._first_line = 1
        self._info: dict = {}
        theme.notifier().changed.connect(self._on_theme_changed)

    def _on_theme_changed(self, _theme) -> None:
        for k in range(self.statements.topLevelItemCount()):
            item = self.statements.topLevelItem(k)
            if item.data(0, Qt.ItemDataRole.UserRole) is not None:
                item.setBackground(0, mark_colour(k))
        self._mark(self._info.get("statements") or [])

    def set_autograph(self, info: dict | None, source: str, func_name: str) -> None:
        self._info = info or {}
        text, self._first_line = function_source(source, func_name)
        self.source.setPlainText(text)
        code = self._info.get("code") or ""
        error = self._info.get("error")
        self.code.setPlainText(code if code else (error or ""))
        self.statements.clear()
        statements = self._info.get("statements") or []
        for k, s in enumerate(statements):
            note = core_text(s["note"])
            item = QTreeWidgetItem([self.tr("%1 (line %2)").replace("%1", s["kind"]).replace("%2", str(s["line"])),
                                    ", ".join(f"{op} '{n}'" for op, n in zip(s["ops"], s["graph_nodes"]))
                                    or self.tr("none"), note])
            item.setData(0, Qt.ItemDataRole.UserRole, k)
            item.setBackground(0, mark_colour(k))
            item.setToolTip(2, note)
            self.statements.addTopLevelItem(item)
        if not statements:
            item = QTreeWidgetItem([self.tr("no loops or ifs"), "",
                                    self.tr("straight-line code: AutoGraph changes nothing that "
                                            "reaches the graph")])
            self.statements.addTopLevelItem(item)
        self._mark(statements)

    def _mark(self, statements: list[dict]) -> None:
        src_marks, code_marks = [], []
        for k, s in enumerate(statements):
            color = mark_colour(k)
            for line in range(s["line"], s["end_line"] + 1):
                src_marks.append(self._line_selection(self.source, line - self._first_line, color))
            if s.get("code_line"):
                code_marks.append(self._line_selection(self.code, s["code_line"] - 1, color))
        self.source.setExtraSelections([m for m in src_marks if m is not None])
        self.code.setExtraSelections([m for m in code_marks if m is not None])

    @staticmethod
    def _line_selection(edit: QPlainTextEdit, block: int, color: QColor):
        doc_block = edit.document().findBlockByNumber(block)
        if not doc_block.isValid():
            return None
        sel = QTextEdit.ExtraSelection()
        sel.format.setBackground(color)
        sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        sel.cursor = QTextCursor(doc_block)
        return sel

    def _on_current(self, current, _previous) -> None:
        if current is None or current.data(0, Qt.ItemDataRole.UserRole) is None:
            return
        s = self._info["statements"][int(current.data(0, Qt.ItemDataRole.UserRole))]
        for edit, block in ((self.source, s["line"] - self._first_line), (self.code, (s.get("code_line") or 1) - 1)):
            cursor = QTextCursor(edit.document().findBlockByNumber(max(0, block)))
            edit.setTextCursor(cursor)
            edit.centerCursor()
        self.nodes_chosen.emit(list(s["graph_nodes"]))
