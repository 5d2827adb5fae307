"""The tape panel: for each GradientTape of the run, what it watched and why, the forward ops it
recorded with their intermediate values, each gradient() call (and why a result is None), the
tensors the backward pass keeps, the chain rule's steps and the finite-difference check.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from graphviz_app.ui.common import theme
from graphviz_app.ui.common.core_text import core_text
from graphviz_app.ui.common.formatting import fmt_bytes
from graphviz_app.ui.views.base import AppContext, BaseView

PASS, FAIL, NOTE = "ok", "error", "muted"  # theme roles of rows, looked up when a tape is shown
LINE_ROLE = Qt.UserRole + 1


def short_value(value, limit: int = 60) -> str:
    if value is None:
        return "None"
    if isinstance(value, float):
        return f"{value:.7g}"
    if isinstance(value, dict) and "size" in value:
        return (QCoreApplication.translate("TapeView", "%1 values, min %2, max %3")
                .replace("%1", f"{value['size']:,}").replace("%2", str(value.get("min")))
                .replace("%3", str(value.get("max"))))
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class TapeView(BaseView):
    view_name = "tape"
    title = QT_TRANSLATE_NOOP("ViewTitle", "Tape")
    order = 40

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.report = None
        self.chooser = QComboBox(self)
        self.chooser.setToolTip(self.tr("Which GradientTape of the run to inspect"))
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("What"), self.tr("Detail"), self.tr("Value"),
                                   self.tr("Why / note")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(QHeaderView.Interactive)
        self.tree.header().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Tape:"), self))
        top.addWidget(self.chooser, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(top)
        layout.addWidget(self.header)
        layout.addWidget(self.tree, 1)
        self.chooser.currentIndexChanged.connect(self._show_tape)
        self.tree.currentItemChanged.connect(self._on_item)
        theme.notifier().changed.connect(self._on_theme_changed)
        self.set_report(ctx.report)

    def _on_theme_changed(self, _theme) -> None:
        self._show_tape(self.chooser.currentIndex())  # rows coloured in the new theme

    # -- model in ----------------------------------------------------------------------------
    def set_report(self, report) -> None:
        self.report = report
        tapes = list(getattr(report, "tapes", []) or []) if report is not None else []
        with QSignalBlocker(self.chooser):
            self.chooser.clear()
            for i, tape in enumerate(tapes):
                self.chooser.addItem(self.tr("#%1  %2  (line %3)").replace("%1", str(i + 1))
                                     .replace("%3", str(tape.line)).replace("%2", str(tape.name)))
        self._show_tape(0 if tapes else -1)

    def _show_tape(self, index: int) -> None:
        self.tree.clear()
        tapes = list(getattr(self.report, "tapes", []) or []) if self.report is not None else []
        if not (0 <= index < len(tapes)):
            self.header.setText(self.tr("No GradientTape in this run. Try the example "
                                        "seed_gradient, seed_watch or seed_persistent."))
            return
        tape = tapes[index]
        flags = self.tr("persistent=%1 · watch_accessed_variables=%2").replace(
            "%1", str(tape.persistent)).replace("%2", str(tape.watch_accessed_variables))
        self.header.setText(f"<b>{tape.name}</b> · {flags}" + (
            f"<br><i>{core_text(tape.note)}</i>" if tape.note else ""))
        self._watched(tape)
        self._recorded(tape)
        self._gradients(tape)
        self._saved(tape)
        self._chain(tape)
        self._check(tape)
        self.tree.expandAll()
        for column, width in enumerate((230, 230, 170)):
            self.tree.setColumnWidth(column, width)

    # -- sections ----------------------------------------------------------------------------
    def _section(self, title: str, hint: str = "") -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title, "", "", hint])
        font = QFont(item.font(0))
        font.setBold(True)
        item.setFont(0, font)
        item.setFirstColumnSpanned(False)
        return item

    def _row(self, parent, texts, line=None, color: str | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [str(t) for t in texts])
        if line:
            item.setData(0, LINE_ROLE, int(line))
        if color is not None:
            for column in range(4):
                item.setForeground(column, QBrush(theme.color(color)))
        return item

    def _watched(self, tape) -> None:
        section = self._section(self.tr("Watched"), self.tr("what the tape differentiates with respect to"))
        for w in tape.watched:
            self._row(section, [w["name"], "", "", core_text(w["why"])])
        if not tape.watched:
            self._row(section, [self.tr("(nothing)"), "", "",
                                self.tr("no watch() and no trainable Variable read in the block")], color=NOTE)

    def _recorded(self, tape) -> None:
        ops = list(getattr(self.report, "eager_ops", []) or [])
        section = self._section(self.tr("Recorded forward ops"),
                                self.tr("each output is an intermediate the tape keeps for gradient()"))
        for index in tape.recorded:
            if index < len(ops):
                op = ops[index]
                value = op.outputs[0].value if op.outputs else None
                name = f"{op.label} = {op.op}" if op.label else op.op
                where = self.tr("line %1 · #%2").replace("%1", str(op.line)).replace("%2", str(op.index))
                self._row(section, [name, where, short_value(value), ", ".join(op.inputs)], op.line)

    def _gradients(self, tape) -> None:
        section = self._section(self.tr("gradient() calls"))
        for call in tape.gradients:
            what = f"d{call.target} / d{', '.join(call.sources)}"
            if call.error:
                self._row(section, [what, self.tr("line %1").replace("%1", str(call.line)), self.tr("error"),
                                    core_text(call.error)], call.line, FAIL)
                continue
            for source, value, reason in zip(call.sources, call.values, call.reasons or [None] * len(call.values)):
                self._row(section, [f"d{call.target} / d{source}", self.tr("line %1").replace("%1", str(call.line)),
                                    short_value(value), core_text(reason)], call.line,
                          NOTE if value is None else None)

    def _saved(self, tape) -> None:
        total = sum(s.get("bytes") or 0 for s in tape.saved)
        section = self._section(self.tr("Saved for backward (%1)").replace("%1", fmt_bytes(total)),
                                self.tr("why the tape must remember intermediates: the backward ops read them"))
        for s in tape.saved:
            name = f"{s['label']} = {s['op_type']}" if s.get("label") else f"{s['op']} ({s['op_type']})"
            shape = "×".join(str(d) for d in s["shape"]) if s.get("shape") else self.tr("scalar")
            self._row(section, [name, f"{s['dtype']} {shape}", fmt_bytes(s.get("bytes")),
                                self.tr("used by ") + ", ".join(u.rsplit("/", 1)[-1] for u in s["used_by"])])

    def _chain(self, tape) -> None:
        if not tape.backward:
            return
        nodes = {n["name"]: n for n in tape.backward["nodes"]}
        section = self._section(self.tr("Chain rule, step by step"),
                                self.tr("backward ops in the order TF ran them, with their values"))
        steps = sorted(tape.backward_values.items(), key=lambda kv: kv[1].get("eager_index", 0))
        for name, entry in steps:
            node = nodes.get(name, {})
            forward = nodes.get(node.get("forward_of") or "", {})
            of = forward.get("label") or forward.get("name") or "—"
            self._row(section, [f"{node.get('op', '?')}  ({name.rsplit('/', 1)[-1]})",
                                self.tr("∂ through %1").replace("%1", of), short_value(entry.get("value")), ""],
                      forward.get("line"))

    def _check(self, tape) -> None:
        if not tape.check:
            return
        section = self._section(self.tr("Gradient check"),
                                self.tr("central finite differences vs the tape"))
        for c in tape.check:
            if c.get("rel_error") is None:
                self._row(section, [c["source"], c["dtype"], "", core_text(c.get("note", ""))], color=NOTE)
                continue
            verdict = self.tr("pass") if c["passed"] else self.tr("FAIL")
            self._row(section, [f"{c['source']} ({c['dtype']})",
                                self.tr("tape %1 · numeric %2").replace("%1", short_value(c["tape"], 24))
                                .replace("%2", short_value(c["numeric"], 24)),
                                self.tr("rel. error %1").replace("%1", f"{c['rel_error']:.2e}"), verdict],
                      color=PASS if c["passed"] else FAIL)

    # -- selection out -----------------------------------------------------------------------
    def _on_item(self, current, _previous) -> None:
        line = current.data(0, LINE_ROLE) if current is not None else None
        if line:
            self.ctx.line_selected.emit(int(line))


VIEW = TapeView
