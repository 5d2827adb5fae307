"""The side of the backward view: the tensors the tape keeps for the backward pass (dtype, shape,
bytes, who reads them), why it must keep them, and the backward ops with their values in the
order TensorFlow ran them (the chain rule, step by step)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from graphviz_app.core.graph.model import GraphModel
from graphviz_app.ui.common.formatting import fmt_bytes, node_value
from graphviz_app.ui.views.backward.trace import short_name

NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def _tree(parent: QWidget, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setColumnCount(len(headers))
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.header().setStretchLastSection(True)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return tree


def _fit_rows(tree: QTreeWidget, width: int | None = None, most: int = 8) -> None:
    """As tall as its rows (up to MOST, then it scrolls): short lists leave room below."""
    rows = max(1, min(most, tree.topLevelItemCount()))
    row_h = tree.sizeHintForRow(0) if tree.topLevelItemCount() else tree.fontMetrics().height() + 4
    # a narrow panel scrolls the columns sideways: room for the scroll bar then
    header = tree.header()
    needed = sum(max(tree.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(tree.columnCount()))
    wide = needed > (tree.width() if width is None else width) - 2 * tree.frameWidth()
    scroll_bar = tree.horizontalScrollBar().sizeHint().height() if wide else 0
    tree.setFixedHeight(tree.header().sizeHint().height() + rows * row_h + 2 * tree.frameWidth() + 2
                        + scroll_bar)


class BackwardSidePanel(QWidget):
    node_chosen = Signal(str)  # a node of the backward graph picked in one of the lists

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        bold = QFont(self.font())
        bold.setBold(True)
        self.saved_title = QLabel(self)
        self.saved_title.setFont(bold)
        self.why = QLabel(self)
        self.why.setWordWrap(True)
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.saved = _tree(self, [self.tr("Tensor"), self.tr("dtype"), self.tr("shape"), self.tr("bytes"),
                                  self.tr("used by")])
        self.chain_title = QLabel(self.tr("Backward ops, in the order TF ran them"), self)
        self.chain_title.setFont(bold)
        for title in (self.saved_title, self.chain_title):
            title.setWordWrap(True)
        self.chain = _tree(self, [self.tr("Backward op"), self.tr("differentiates"), self.tr("value")])
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reading = QLabel(self.tr(
            "<b>How to read it.</b> TensorFlow runs the forward ops (white) while the tape records "
            "them. gradient() then builds the backward ops (pink) from the target back to the "
            "sources: each multiplies the incoming gradient by its op's local derivative (the "
            "chain rule). Where that derivative needs a forward result, an orange edge brings it "
            "in: that tensor had to be kept since the forward pass."), self)
        self.reading.setWordWrap(True)
        self.reading.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted, in both themes
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 4, 4)
        lay.setSpacing(4)
        lay.addWidget(self.saved_title)
        lay.addWidget(self.why)
        lay.addWidget(self.saved)
        lay.addSpacing(6)
        lay.addWidget(self.chain_title)
        lay.addWidget(self.chain)
        lay.addWidget(self.result)
        lay.addSpacing(6)
        lay.addWidget(self.reading)
        lay.addStretch(1)
        self.saved.currentItemChanged.connect(self._on_current)
        self.chain.currentItemChanged.connect(self._on_current)
        for tree in (self.saved, self.chain):
            tree.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize and obj in (self.saved, self.chain):
            _fit_rows(obj, event.size().width())
        return super().eventFilter(obj, event)

    # ----- model in
    def show_nothing(self) -> None:
        self.saved_title.setText(self.tr("Saved for backward"))
        self.why.setText("")
        self.result.setText("")
        for tree in (self.saved, self.chain):
            with QSignalBlocker(tree):
                tree.clear()

    def show_tape(self, tape, model: GraphModel) -> None:
        self.show_nothing()
        saved = list(tape.saved or [])
        total = sum(s.get("bytes") or 0 for s in saved)
        self.saved_title.setText(self.tr("Saved for backward: %1 tensors, %2")
                                 .replace("%1", str(len(saved))).replace("%2", fmt_bytes(total)))
        self.why.setText(self._why(saved))
        g = model.graph
        with QSignalBlocker(self.saved):
            for s in saved:
                name = f"{s['label']} = {s['op_type']}" if s.get("label") else f"{s['op']} ({s['op_type']})"
                shape = "×".join(str(d) for d in s["shape"]) if s.get("shape") else self.tr("scalar")
                if s.get("shape") is None:
                    shape = "?"
                users = ", ".join(short_name(u) for u in s.get("used_by") or [])
                item = QTreeWidgetItem(self.saved, [name, s.get("dtype") or "?", shape,
                                                    fmt_bytes(s.get("bytes")), users])
                item.setData(0, NAME_ROLE, s["op"])
                item.setToolTip(0, s["op"])
        values = tape.backward_values or {}
        with QSignalBlocker(self.chain):
            for name, entry in sorted(values.items(), key=lambda kv: kv[1].get("eager_index", 0)):
                if name not in g:
                    continue
                a = g.nodes[name]
                forward = a.get("forward_of")
                f = g.nodes[forward] if forward in g else {}
                of = f"{f['label']} = {f['op']}" if f.get("label") else (f.get("op") or "—")
                if not f and a.get("op") == "AddN":
                    of = self.tr("(adds up the paths' gradients)")
                op = a.get("op", "?")
                title = op if short_name(name) == op else f"{op} ({short_name(name)})"
                item = QTreeWidgetItem(self.chain, [title, of, node_value(entry.get("value"),
                                                                            (a.get("dtypes") or [None])[0])])
                item.setData(0, NAME_ROLE, name)
                item.setToolTip(2, str(entry.get("value")))
        self.result.setText(self._result(tape))
        for tree in (self.saved, self.chain):
            _fit_rows(tree)

    def _why(self, saved: list[dict]) -> str:
        if not saved:
            return self.tr("Why must the tape remember intermediates? Here it need not: no backward "
                           "op reads a forward result (every local derivative is a constant).")
        reads = []
        for s in saved:
            what = f"<b>{s['label']}</b> ({s['op_type']})" if s.get("label") else f"<b>{s['op']}</b>"
            for user in s.get("used_by") or []:
                reads.append(self.tr("%1 reads %2").replace("%1", short_name(user)).replace("%2", what))
        return self.tr("Why must the tape remember intermediates? Because the backward ops read "
                       "forward results: %1. So the tape keeps these tensors alive until "
                       "gradient() has run.").replace("%1", "; ".join(reads))

    def _result(self, tape) -> str:
        for call in tape.gradients or []:
            if call.error or not any(v is not None for v in call.values):
                continue
            parts = [f"d{call.target}/d{s} = {node_value(v)}" for s, v in zip(call.sources, call.values)]
            return self.tr("gradient() returned %1.").replace("%1", ", ".join(parts))
        return ""

    # ----- selection
    def _on_current(self, current, _previous) -> None:
        if current is not None and current.data(0, NAME_ROLE):
            self.node_chosen.emit(str(current.data(0, NAME_ROLE)))

    def select_name(self, name: str | None) -> None:
        """Follow a selection made in the graph (no signal back)."""
        for tree in (self.saved, self.chain):
            with QSignalBlocker(tree):
                tree.setCurrentItem(None)
                for i in range(tree.topLevelItemCount()):
                    item = tree.topLevelItem(i)
                    if name is not None and item.data(0, NAME_ROLE) == name:
                        tree.setCurrentItem(item)
