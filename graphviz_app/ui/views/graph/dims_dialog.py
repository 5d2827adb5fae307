"""Asks for the sizes a graph's inputs leave unknown (besides the batch axis) before profiling:
one spin box per unknown axis of each input, or the whole shape of an input of unknown rank.

``dims()`` is what ``cost_jobs.profile_graph`` takes: ``{input: {axis: size}}`` or, for an
unknown rank, ``{input: [batch, d1, d2, ...]}``.
"""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

DEFAULT_SIZE = 32
MAX_SIZE = 1 << 20


class DimsDialog(QDialog):
    def __init__(self, inputs: list[dict], batch: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sizes of the inputs"))
        self.inputs = inputs
        self.batch = batch
        self.spins: dict[tuple[str, int], QSpinBox] = {}
        self.shapes: dict[str, QLineEdit] = {}
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("These inputs have dimensions the graph leaves unknown. Give their sizes to "
                               "profile it (axis 0 is the batch: %1).").replace("%1", str(batch)), self)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        for item in inputs:
            name = item["name"]
            if item.get("unknown") is None:  # unknown rank: the whole shape after the batch axis
                edit = QLineEdit(self)
                edit.setPlaceholderText(self.tr("sizes after the batch axis, e.g. 128, 64"))
                self.shapes[name] = edit
                form.addRow(self.tr("%1: shape").replace("%1", name), edit)
                continue
            shape = ", ".join("N" if k == 0 else ("?" if d is None else str(d))
                              for k, d in enumerate(item["shape"] or []))
            for axis in item["unknown"]:
                spin = QSpinBox(self)
                spin.setRange(1, MAX_SIZE)
                spin.setValue(DEFAULT_SIZE)
                self.spins[(name, int(axis))] = spin
                form.addRow(self.tr("%1 [%2]: axis %3").replace("%1", name).replace("%2", shape)
                            .replace("%3", str(axis)), spin)
        lay.addLayout(form)
        self.error = QLabel(self)
        self.error.hide()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self._check_and_accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def dims(self) -> dict:
        out: dict = {}
        for (name, axis), spin in self.spins.items():
            out.setdefault(name, {})[axis] = spin.value()
        for name, edit in self.shapes.items():
            sizes = self._sizes(edit.text())
            if sizes is not None:
                out[name] = [self.batch, *sizes]
        return out

    @staticmethod
    def _sizes(text: str) -> list[int] | None:
        parts = [p.strip() for p in text.replace("x", ",").split(",") if p.strip()]
        if not all(p.isdigit() and int(p) > 0 for p in parts):
            return None
        return [int(p) for p in parts]

    def _check_and_accept(self) -> None:
        bad = [name for name, edit in self.shapes.items() if self._sizes(edit.text()) is None]
        if bad:
            self.error.setText(self.tr("Not a list of sizes: %1").replace("%1", ", ".join(bad)))
            self.error.show()
            return
        self.accept()
