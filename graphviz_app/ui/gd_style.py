"""Colours and plot styling shared by the gradient-descent lab's plots (no widget here).

Plots follow the Qt palette (so light and dark themes both read well); the lab's own colours
are fixed so the same quantity has the same colour in every plot: data grey-blue, the fit and
the GD path orange, the closed-form optimum green.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QGraphicsItem

DATA = QColor(70, 110, 170, 170)
FIT = QColor(235, 120, 30)
PATH = QColor(245, 120, 20)
OPTIMUM = QColor(30, 160, 80)
TRUE_LINE = QColor(120, 120, 120)
CONTOUR = QColor(255, 255, 255, 110)


def style_plot(widget: pg.PlotWidget, title: str, x_label: str, y_label: str) -> None:
    """Palette colours, small fonts, no mouse-wheel surprises, no auto range (we set ranges so
    axes are not re-laid out on every frame)."""
    palette = widget.palette()
    text = palette.color(QPalette.WindowText)
    widget.setBackground(palette.color(QPalette.Base))
    item = widget.getPlotItem()
    font = QFont(widget.font())
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    item.setTitle(title, color=text.name(), size=f"{font.pointSizeF() + 1:.0f}pt")
    for name, label in (("bottom", x_label), ("left", y_label)):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(text))
        axis.setTextPen(pg.mkPen(text))
        axis.setTickFont(font)
        axis.setLabel(label, color=text.name())
        axis.label.setFont(font)
        axis.enableAutoSIPrefix(False)
        cache(axis)  # replaying an axis' text costs ~4 ms a paint; a cached pixmap costs ~0
    cache(item.titleLabel)
    item.getAxis("left").setWidth(44)
    item.setMenuEnabled(False)
    item.hideButtons()
    item.disableAutoRange()
    item.getViewBox().setMouseEnabled(x=True, y=True)
    widget.setMinimumSize(160, 120)
    widget.setFocusPolicy(Qt.NoFocus)


def cache(item: QGraphicsItem) -> None:
    """Paint ``item`` once into a pixmap and blit it on later frames (until it changes).

    Every frame repaints the region of the moving line, which spans the plot; without the cache
    the static items under it (axes with their grid, the surface image, contours, the data
    points) would be re-rendered each time, holding the GIL the training thread needs."""
    item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)


def pen(color: QColor, width: float = 1.5, style=Qt.SolidLine) -> pg.QtGui.QPen:
    p = pg.mkPen(color, width=width)
    p.setStyle(style)
    p.setCosmetic(True)
    return p
