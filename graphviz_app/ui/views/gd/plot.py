"""The base of the lab's plots: pyqtgraph when idle, a cheap overlay while training runs.

A subclass registers its moving items with ``_moving`` and shows data with ``_show``; the rest of
the plot is static. ``freeze()`` (training starts) empties the moving items and lets a GdOverlay
draw them over a snapshot; ``thaw()`` (training stops) gives the items their latest data back.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QWidget

from graphviz_app.ui.views.gd.overlay import GdOverlay, Layer
from graphviz_app.ui.views.gd.style import style_plot


class GdPlot(pg.PlotWidget):
    def __init__(self, title: str, x_label: str, y_label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._labels = (title, x_label, y_label)
        style_plot(self, *self._labels)
        self._overlay = GdOverlay(self)
        self._items: dict[str, tuple[pg.GraphicsObject, Layer]] = {}
        self._frozen = False
        self._refreezing = False

    @property
    def frozen(self) -> bool:
        return self._frozen

    def _moving(self, name: str, item, pen: QPen, kind: str = "line", size: float = 0.0,
                brush: QColor | None = None, grows: bool = False) -> None:
        """Register an item whose data changes every frame; ``pen`` etc. draw it in the overlay.
        ``grows``: its points are only appended to (pass ``keep`` to ``_show``), so the overlay
        draws each new end once instead of the whole every frame."""
        self.addItem(item)
        self._items[name] = (item, Layer(np.zeros(0), np.zeros(0), pen, kind, size, brush, grows=grows))

    def _show(self, name: str, x: np.ndarray, y: np.ndarray, view_y: np.ndarray | None = None,
              keep: int | None = None) -> None:
        """New data for a moving item; ``view_y`` is y as the view sees it (log10 on a log axis);
        ``keep``: the first ``keep`` points are the same as last time (a growing line)."""
        item, layer = self._items[name]
        old_x, old_y = layer.x, layer.y
        layer.x, layer.y, layer.data_y = x, (y if view_y is None else view_y), y
        layer.shape = None
        if not self._frozen:
            item.setData(x, y)
        elif layer.settled:  # moving again: out of the snapshot, back into the overlay
            layer.settled = False
            self.refreeze()
        else:
            self._overlay.changed(layer, old_x, old_y, keep)

    @property
    def needs_flush(self) -> bool:
        return self._frozen and self._overlay.dirty

    def flush(self, now: bool = True) -> None:
        """While frozen, paint this frame's changes now, or with the next repaint (see GdOverlay.flush)."""
        if self._frozen:
            self._overlay.flush(now)

    def _settle(self, name: str) -> None:
        """This moving item will not change for a while: paint it into the snapshot, so frames
        stop paying for it (its pyqtgraph item gets the data back when the plot thaws)."""
        _item, layer = self._items[name]
        if self._frozen and not layer.settled:
            self._overlay.settle(layer)

    def freeze(self) -> None:
        if self._frozen:
            return
        self._frozen = True
        for item, layer in self._items.values():
            item.setData([], [])  # out of the snapshot (hide() would also grey its legend entry)
            layer.settled = False
        self._overlay.freeze([layer for _item, layer in self._items.values()])

    def refreeze(self) -> None:
        """The static part changed (a range, the size): take a new snapshot."""
        if self._frozen and not self._refreezing:
            # (a hidden plot's snapshot delivers its pending resize event, which lands here again)
            self._refreezing = True
            try:
                self._overlay.freeze(self._overlay.layers)
            finally:
                self._refreezing = False

    def thaw(self) -> None:
        if not self._frozen:
            return
        self._frozen = False
        self._overlay.thaw()
        for item, layer in self._items.values():
            item.setData(layer.x, layer.y if layer.data_y is None else layer.data_y)

    def close(self) -> None:
        if self.getPlotItem() is None:  # closed already: pyqtgraph's close() cannot run twice
            return
        self.thaw()  # (pyqtgraph's close() drops the plot item a snapshot would need)
        super().close()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        # a light/dark theme switch; not before __init__ is done, nor after close() (the plot
        # item is gone then, and the closed plot, a hidden window, still gets the new palette)
        if event.type() == QEvent.PaletteChange and "_labels" in self.__dict__ and self.getPlotItem():
            style_plot(self, *self._labels)
            self.refreeze()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.__dict__.get("_frozen"):  # (resize events come before __init__ is done)
            self.refreeze()
