"""Examples › Models: real architectures built on demand (``model:NAME``, core/graph/zoo.py).

Choosing one emits ``model_chosen`` with its source; the document builds it on the engine and
shows it in the graph view. The menu retranslates itself when the UI language changes.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtWidgets import QMenu, QWidget

from graphviz_app.core.graph.zoo import MODELS
from graphviz_app.ui.common.i18n import pick


class ModelsMenu(QMenu):
    model_chosen = Signal(str)  # a model:NAME source

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setToolTipsVisible(True)
        self.fill()

    def fill(self) -> None:
        """One action per model, its tooltip saying how big it is and what it shows."""
        self.clear()
        self.setTitle(self.tr("Models"))
        for spec in MODELS:
            action = self.addAction(pick(spec.title, spec.title_zh))
            action.setData(spec.source)
            tip = self.tr("About %1 ops. %2\nBuilt and traced on demand with random weights: "
                          "nothing is downloaded.").replace("%1", QLocale().toString(spec.ops)) \
                .replace("%2", pick(spec.description, spec.description_zh))
            action.setToolTip(tip)
            action.setStatusTip(tip.replace("\n", " "))
            action.triggered.connect(lambda _c=False, s=spec.source: self.model_chosen.emit(s))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.fill()
        super().changeEvent(event)
