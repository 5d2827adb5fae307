"""The colours of a graph diff: drawn on the graph canvas, which is light in both themes (see
ui/graph/style.py), so they are fixed like the graph's own colours; the current change takes
the graph kit's selection blue."""
from __future__ import annotations

from graphviz_app.ui.graph import style as st

ADDED = st.DIFF_ADDED  # green: only in B
REMOVED = st.DIFF_REMOVED  # red: only in A
CHANGED = st.DIFF_CHANGED  # amber: in both, but different
COLOURS = {"added": ADDED, "removed": REMOVED, "changed": CHANGED}
