"""Where the lab's data comes from: synthetic y = w·x + b + noise, or a CSV of two columns."""
from __future__ import annotations

import os

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from graphviz_app.core.gd.data import SyntheticSpec


def _double(value: float, lo: float, hi: float, step: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(lo, hi)
    box.setDecimals(3)
    box.setSingleStep(step)
    box.setValue(value)
    return box


class GdDataForm(QWidget):
    applied = Signal()  # the user pressed Apply: read data()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        defaults = SyntheticSpec()
        self.synthetic = QRadioButton(self.tr("Synthetic: y = w·x + b + noise"))
        self.from_csv = QRadioButton(self.tr("CSV file (two columns x, y)"))
        self.synthetic.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.synthetic)
        group.addButton(self.from_csv)
        self.n = QSpinBox()
        self.n.setRange(2, 1_000_000)
        self.n.setValue(defaults.n)
        self.true_w = _double(defaults.w, -1000, 1000, 0.5)
        self.true_b = _double(defaults.b, -1000, 1000, 0.5)
        self.noise = _double(defaults.noise, 0, 1000, 0.1)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(defaults.seed)
        form = QFormLayout()
        form.setContentsMargins(18, 0, 0, 0)
        form.addRow(self.tr("points n"), self.n)
        form.addRow(self.tr("true w"), self.true_w)
        form.addRow(self.tr("true b"), self.true_b)
        form.addRow(self.tr("noise σ"), self.noise)
        form.addRow(self.tr("seed"), self.seed)
        self.csv_path = ""
        self.csv_label = QLabel(self.tr("no file chosen"))
        self.csv_label.setWordWrap(True)
        browse = QPushButton(self.tr("Open CSV…"))
        browse.clicked.connect(self._browse)
        csv_row = QHBoxLayout()
        csv_row.setContentsMargins(18, 0, 0, 0)
        csv_row.addWidget(browse)
        csv_row.addWidget(self.csv_label, 1)
        apply = QPushButton(self.tr("Apply"))
        apply.setDefault(True)
        apply.clicked.connect(self.applied)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.synthetic)
        layout.addLayout(form)
        layout.addWidget(self.from_csv)
        layout.addLayout(csv_row)
        layout.addWidget(apply)

    def data(self) -> SyntheticSpec | str:
        """A SyntheticSpec, or the CSV path when that is chosen and set."""
        if self.from_csv.isChecked() and self.csv_path:
            return self.csv_path
        return SyntheticSpec(n=self.n.value(), w=self.true_w.value(), b=self.true_b.value(),
                             noise=self.noise.value(), seed=self.seed.value())

    def set_csv_path(self, path: str) -> None:
        self.csv_path = path
        self.csv_label.setText(os.path.basename(path) if path else self.tr("no file chosen"))
        self.csv_label.setToolTip(path)
        self.from_csv.setChecked(bool(path))
        self.synthetic.setChecked(not path)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a CSV of x, y"), "",
                                              self.tr("CSV files (*.csv *.txt);;All files (*)"))
        if path:
            self.set_csv_path(path)
