"""The colours of a graph diff: drawn on the graph canvas, which is light in both themes (see
ui/graph/style.py), so they are fixed like the graph's own colours; the current change takes
the graph kit's selection blue."""
from __future__ import annotations

from PySide6.QtGui import QColor

ADDED = QColor("#2e7d32")  # green: only in B
REMOVED = QColor("#c62828")  # red: only in A
CHANGED = QColor("#ef8f00")  # amber: in both, but different
COLOURS = {"added": ADDED, "removed": REMOVED, "changed": CHANGED}
