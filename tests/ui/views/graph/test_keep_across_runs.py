"""A re-run (live mode, Ctrl+Enter) shows the function's new graph as the user left it: the same
groups open, the same node selected, the same zoom, the same node at the same screen point."""
from __future__ import annotations

import pytest
import tensorflow as tf  # noqa: F401  (the runs below run in this process)

from graphviz_app.core.run.runner import run_source

SOURCE = """import tensorflow as tf

@tf.function
def chain(x):
    for i in range(40):
        x = tf.sin(x) * 2.0
    return x

print(chain(tf.constant(1.0)))
"""


def opened(view) -> set[str]:
    engine = view.session.engine
    return {g.name for gid, g in engine.tree.groups.items() if gid != engine.tree.root and engine.is_expanded(gid)}


def test_a_rerun_keeps_open_groups_selection_zoom_and_place(qtbot, graph_view):
    ctx, view = graph_view
    ctx.publish_report(run_source(None, SOURCE))
    qtbot.waitUntil(lambda: view.session is not None and view.session.prepared and view.is_ready())
    engine = view.session.engine
    assert len(engine.tree.groups) > 2  # > 60 ops: it opened folded, in flow stages
    view.collapse_all()
    first = next(gid for gid in engine.tree.groups[engine.tree.root].children if gid >= engine.n)
    view.toggle_group(first)
    leaf = next(c for c in engine.tree.groups[first].children if c < engine.n)
    name = engine.names[leaf]
    view.select_item(leaf)
    view.canvas.zoom_by(1.7)
    rect = view.scene.item_rect(leaf)
    view.canvas.centerOn(rect.center())
    where = view.canvas.mapFromScene(view.scene.item_rect(leaf).center())
    before = (opened(view), view.canvas.current_scale())

    ctx.publish_report(run_source(None, SOURCE))  # the same text run again: new graph, new ids
    qtbot.waitUntil(lambda: view.session is not None and view.session.prepared and view.session.engine is not engine)
    new = view.session.engine
    assert opened(view) == before[0]
    assert view.canvas.current_scale() == pytest.approx(before[1], rel=1e-3)
    assert view._selected == new.index[name]
    now = view.canvas.mapFromScene(view.scene.item_rect(new.index[name]).center())
    assert abs(now.x() - where.x()) <= 3 and abs(now.y() - where.y()) <= 3
