"""The pass-by-pass summary: one line for each thing Grappler's passes (and XLA) did, e.g.
"remapper: MatMul + BiasAdd + Relu → _FusedMatMul"; choosing a line lights up its nodes."""
from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from graphviz_app.ui.common import theme
from graphviz_app.ui.views.what_runs.links import PassStep, ops_summary

STEP_ROLE = Qt.ItemDataRole.UserRole
TIP_NAMES = 12  # node names a line's tooltip lists


def pass_title(name: str, iteration: int) -> str:
    """TF's pass name as words ('constant_folding' -> 'constant folding')."""
    return name.replace("_", " ") + (f" ({iteration})" if iteration > 1 else "")


class PassList(QTreeWidget):
    """One column, no header: a list whose section headings cannot be chosen."""

    step_chosen = Signal(object)  # a PassStep, or None when the choice is cleared

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.steps: list[PassStep] = []
        self.setColumnCount(1)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(0)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.currentItemChanged.connect(self._on_current)
        self.itemClicked.connect(self._on_clicked)

    def show_steps(self, grappler: list[PassStep], xla: list[PassStep], grappler_note: str = "",
                   xla_note: str = "") -> None:
        """The lines under a heading per section; a NOTE instead when a section has none."""
        with QSignalBlocker(self):
            self.clear()
            self.steps = []
            self._section(self.tr("Grappler, pass by pass"), grappler,
                          grappler_note or self.tr("no pass changed the graph"))
            if xla or xla_note:
                self._section(self.tr("XLA fusions"), xla, xla_note)

    def _section(self, title: str, steps: list[PassStep], note: str) -> None:
        head = QTreeWidgetItem(self, [title])
        font = QFont(self.font())
        font.setBold(True)
        head.setFont(0, font)
        head.setFlags(Qt.ItemFlag.NoItemFlags)
        head.setForeground(0, theme.color("text"))
        if not steps and note:
            item = QTreeWidgetItem(self, [note])
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            item.setForeground(0, theme.color("muted"))
        for step in steps:
            item = QTreeWidgetItem(self, [self.step_text(step)])
            item.setData(0, STEP_ROLE, len(self.steps))
            item.setToolTip(0, self.step_tip(step))
            self.steps.append(step)

    def step_text(self, step: PassStep) -> str:
        text = self._one_text(step)
        return text if step.count == 1 else self.tr("%1 (×%2)").replace("%1", text).replace("%2", str(step.count))

    def _one_text(self, step: PassStep) -> str:
        ops = ops_summary(step.ops)
        if step.section == "xla":
            return self.tr("%1: %2 → one kernel (%3)").replace("%1", step.pass_name).replace("%2", ops) \
                .replace("%3", step.op_after)
        title = pass_title(step.pass_name, step.iteration)
        if step.kind == "fused":
            text = self.tr("%1: %2 → %3").replace("%2", ops).replace("%3", step.op_after)
        elif step.kind == "folded":
            text = self.tr("%1: %2 ops → 1 %3 (%4)").replace("%2", str(len(step.ops))) \
                .replace("%3", step.op_after).replace("%4", ops)
        elif step.kind == "removed":
            text = self.tr("%1: removed %2").replace("%2", ops_summary(step.ops, ", "))
        elif step.kind == "added":
            text = self.tr("%1: added %2").replace("%2", ops_summary(step.ops, ", "))
        else:
            text = self.tr("%1: %2 → %3 ('%4')").replace("%2", ops).replace("%3", step.op_after) \
                .replace("%4", step.node)
        return text.replace("%1", title)

    def step_tip(self, step: PassStep) -> str:
        lines = []
        for title, names in ((self.tr("traced: %1"), step.traced), (self.tr("runs as: %1"), step.rewritten)):
            if names:
                more = self.tr(" … and %1 more").replace("%1", str(len(names) - TIP_NAMES)) \
                    if len(names) > TIP_NAMES else ""
                lines.append(title.replace("%1", ", ".join(names[:TIP_NAMES]) + more))
        return "\n".join(lines)

    def texts(self) -> list[str]:
        """Every line's text (headings and notes included), for tests and pictures."""
        return [self.topLevelItem(i).text(0) for i in range(self.topLevelItemCount())]

    def item(self, row: int) -> QTreeWidgetItem | None:
        return self.topLevelItem(row)

    def select_step(self, index: int) -> None:
        for row in range(self.topLevelItemCount()):
            if self.topLevelItem(row).data(0, STEP_ROLE) == index:
                self.setCurrentItem(self.topLevelItem(row))
                return

    def _on_current(self, current, _previous) -> None:
        index = current.data(0, STEP_ROLE) if current is not None else None
        self.step_chosen.emit(self.steps[index] if index is not None else None)

    def _on_clicked(self, item, _column: int = 0) -> None:
        if item is self.currentItem():  # a second click on the chosen line shows it again
            self._on_current(item, None)
