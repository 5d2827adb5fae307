"""File › Export View…: the current view or the whole window, as PNG (1× or 2×) or SVG."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from graphviz_app.ui.common.rendering import ExportError, save_picture


class ExportHost(Protocol):
    """What the dialog needs of the window (the main window is one)."""

    host: Any  # current() → the view on screen
    tabs: Any
    prefs: Any
    document: Any  # name
    views: dict

    def export_target(self, name: str) -> QWidget: ...

FORMATS = [("PNG", ".png", 1.0), ("PNG 2×", ".png", 2.0), ("SVG", ".svg", 1.0), ("PDF", ".pdf", 1.0)]


class ExportDialog(QDialog):
    def __init__(self, window: ExportHost):
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(self.tr("Export View"))
        self.what = QComboBox(self)
        view = window.host.current()
        if view is not None:
            tab = window.tabs.tabText(window.tabs.currentIndex())
            self.what.addItem(self.tr("Current view: %1").replace("%1", tab), view.view_name)
        self.what.addItem(self.tr("Whole window"), "window")
        self.what.addItem(self.tr("Editor"), "editor")
        self.what.addItem(self.tr("Console"), "console")
        self.format = QComboBox(self)
        for label, _suffix, _scale in FORMATS:
            self.format.addItem(label)
        self.path = QLineEdit(self)
        folder = Path(window.prefs.last_dir() or Path.home())
        self.path.setText(str(folder / f"{Path(window.document.name).stem}-{self.what.currentData()}.png"))
        browse = QPushButton(self.tr("Browse…"), self)
        row = QWidget(self)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.path)
        row_layout.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        form = QFormLayout(self)
        form.addRow(self.tr("Export"), self.what)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("File"), row)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())
        browse.clicked.connect(self._browse)
        self.format.currentIndexChanged.connect(self._fix_suffix)
        self.what.currentIndexChanged.connect(self._fix_suffix)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def _fix_suffix(self, *_args) -> None:
        _label, suffix, _scale = FORMATS[self.format.currentIndex()]
        path = Path(self.path.text())
        stem = path.stem
        for name in ("window", "editor", "console") + tuple(self.window_.views):
            if stem.endswith("-" + name):
                stem = stem[: -len(name) - 1]
        self.path.setText(str(path.with_name(f"{stem}-{self.what.currentData()}{suffix}")))

    def _browse(self) -> None:
        _label, suffix, _scale = FORMATS[self.format.currentIndex()]
        kind = {".svg": "SVG (*.svg)", ".pdf": "PDF (*.pdf)"}.get(suffix, "PNG (*.png)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path.text(), kind)
        if path:
            self.path.setText(path if path.endswith(suffix) else path + suffix)

    def accept(self) -> None:
        _label, _suffix, scale = FORMATS[self.format.currentIndex()]
        target = self.window_.export_target(self.what.currentData())
        try:
            files = save_picture(target, self.path.text(), scale)
        except ExportError as e:
            QMessageBox.warning(self, self.tr("Cannot export"), str(e))
            return
        written = files.path
        self.window_.prefs.set_last_dir(str(written.parent))
        if files.tiles:  # a picture too big for one legible image: an overview and 1x tiles
            note = self.tr("Exported an overview to %1 and %2 tiles at full size to %3") \
                .replace("%1", str(written)).replace("%2", str(len(files.tiles))) \
                .replace("%3", str(files.tiles[0].parent))
        else:
            note = self.tr("Exported %1").replace("%1", str(written))
        self.window_.statusBar().showMessage(note, 10000)
        super().accept()
