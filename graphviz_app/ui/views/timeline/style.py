"""The lane diagram's box colours, one per kind of work (shared by the plot and its legend).

They are a deliberate palette, not theme colours: light boxes with dark text (the two darkest
with white text) read the same on the light and the dark plot background. The call and return
arrows, drawn straight on the background, take theme colours instead (``call_mark``,
``return_mark``).
"""
from __future__ import annotations

from PySide6.QtGui import QColor

PYTHON = QColor("#b0bec5")
DISPATCH = QColor("#90caf9")
RUNTIME = QColor("#42a5f5")
KERNEL = QColor("#66bb6a")
COLORS = {
    "python": PYTHON, "helper": QColor("#78909c"), "wrapper": QColor("#546e7a"),
    "dispatch": DISPATCH, "fdispatch": DISPATCH,
    "op": RUNTIME, "function": RUNTIME,
    "run": QColor("#1e88e5"),
    "kernel": KERNEL, "gkernel": KERNEL,
}
OTHER = QColor("#9e9e9e")  # a kind without a colour of its own
TEXT = QColor("#102027")
TEXT_ON = {"wrapper": QColor("#ffffff"), "run": QColor("#ffffff")}
# the slices of the nodes selected in the graph: a thick outline in the graph's selection blue,
# which reads on both plot backgrounds and on every box colour above
SELECTED = QColor("#1565c0")
SELECTED_ON_DARK = QColor("#64b5f6")


def box_colour(kind: str) -> QColor:
    return COLORS.get(kind, OTHER)


def text_colour(kind: str) -> QColor:
    return TEXT_ON.get(kind, TEXT)
