"""Retracing: how many graphs TF traced for the function, the input signature of each, and which
Python side effects ran at trace time only."""
from __future__ import annotations

import ast

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from graphviz_app.ui.common.core_text import core_text

KIND_TEXT = {"python": QT_TRANSLATE_NOOP("RetracingPanel", "Python value"),
             "tensor": QT_TRANSLATE_NOOP("RetracingPanel", "tensor"),
             "Variable": QT_TRANSLATE_NOOP("RetracingPanel", "Variable")}


def side_effects(source: str, func_name: str) -> dict:
    """Lines of ``print(...)`` and ``tf.print(...)`` calls inside the function."""
    out = {"print": [], "tf.print": []}
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return out
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == func_name:
            for call in ast.walk(node):
                if not isinstance(call, ast.Call):
                    continue
                f = call.func
                if isinstance(f, ast.Name) and f.id == "print":
                    out["print"].append(call.lineno)
                elif isinstance(f, ast.Attribute) and f.attr == "print" and \
                        isinstance(f.value, ast.Name) and f.value.id == "tf":
                    out["tf.print"].append(call.lineno)
            break
    return out


class RetracingPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTreeWidget(self)
        self.table.setColumnCount(4)
        self.table.setHeaderLabels([self.tr("trace"), self.tr("argument"), self.tr("kind"),
                                    self.tr("what it means")])
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        for col, width in enumerate((60, 150, 130)):
            self.table.setColumnWidth(col, width)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)

    def set_retracing(self, info: dict | None, source: str = "", func_name: str = "") -> None:
        self.table.clear()
        if not info:
            self.summary.setText("")
            return
        count = info.get("count", 0)
        text = self.tr("<b>%1 trace(s)</b> — %2.").replace("%1", str(count)).replace(
            "%2", core_text(info.get("why", "")))
        effects = side_effects(source, func_name)
        if effects["print"]:
            text += "<br>" + self.tr("<code>print()</code> on line %1 is Python: it ran while tracing, "
                                     "%2 time(s), once per trace, and never in later calls.") \
                .replace("%1", ", ".join(map(str, effects["print"]))).replace("%2", str(count))
        if effects["tf.print"]:
            text += "<br>" + self.tr("<code>tf.print()</code> on line %1 is an op in the graph: it "
                                     "prints on every call.").replace("%1", ", ".join(map(str, effects["tf.print"])))
        self.summary.setText(text)
        for trace in info.get("traces", []):
            args = trace.get("args") or [{"name": "", "kind": "", "spec": trace.get("signature", ""),
                                          "note": ""}]
            for k, arg in enumerate(args):
                item = QTreeWidgetItem([f"#{trace['index']}" if k == 0 else "", arg["name"],
                                        f"{self.tr(KIND_TEXT.get(arg['kind'], arg['kind']))}: {arg['spec']}",
                                        core_text(arg.get("note", ""))])
                item.setToolTip(3, trace.get("signature", ""))
                self.table.addTopLevelItem(item)

    def row_texts(self) -> list[list[str]]:
        return [[self.table.topLevelItem(r).text(c) for c in range(4)]
                for r in range(self.table.topLevelItemCount())]
