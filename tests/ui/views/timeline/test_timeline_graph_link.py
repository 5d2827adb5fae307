"""The Timeline and the Graph linked both ways (issue 20), with clicks: a slice of the timeline
selects its node in the graph, its folded group opened; a node selected in the graph outlines
its slices in the timeline, a fused kernel's included. One real run, profiled on the engine."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from tests.support import RUN_TIMEOUT_MS as TIMEOUT_MS

# a name scope (random_normal/...) to fold, and a dense layer Grappler runs as one fused kernel
SNIPPET = """import tensorflow as tf

w = tf.Variable(tf.ones((32, 32)))
b = tf.Variable(tf.zeros((32,)))


@tf.function
def layer(x):
    n = tf.random.normal((32, 32))
    y = tf.nn.bias_add(tf.matmul(x + n, w), b)
    return tf.nn.relu(y)


print(layer(tf.ones((32, 32))).shape)
"""


@pytest.fixture
def linked(qtbot, app_ctx):
    """The graph and timeline views of one run, side by side on screen."""
    from graphviz_app.core import jobs
    from graphviz_app.ui.views.graph.view import GraphView
    from graphviz_app.ui.views.timeline.view import TimelineView

    graph, timeline = GraphView(app_ctx), TimelineView(app_ctx)
    for view, x in ((graph, 0), (timeline, 1000)):
        qtbot.addWidget(view)
        view.setGeometry(x, 0, 1000, 700)
        view.show()
    job = app_ctx.engine.submit(jobs.run_snippet, SNIPPET, "layer")
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS) as run:
        pass
    report = run.args[0]
    assert report.ok, report.error
    with qtbot.waitSignal(timeline.ready, timeout=TIMEOUT_MS):
        app_ctx.publish_report(report)
    assert graph.session.key == "fn:layer" and timeline.plot.scene_data is not None
    return graph, timeline


def click_box(qtbot, timeline, box) -> None:
    """Zoom the plot onto BOX (kernels are microseconds wide) and click its middle."""
    plot = timeline.plot
    plot.setXRange(box.x0 - 2 * box.width, box.x0 + 3 * box.width, padding=0)
    scene_pos = plot.getViewBox().mapViewToScene(QPointF(box.x0 + box.width / 2, box.row))
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=plot.mapFromScene(scene_pos))


def test_clicking_a_slice_selects_its_node_with_its_group_opened(qtbot, linked):
    graph, timeline = linked
    engine = graph.session.engine
    graph.collapse_all()
    name = "random_normal/RandomStandardNormal"
    leaf = engine.index[name]
    assert engine.visible_item(leaf) != leaf, "hidden in its folded scope"
    kernel = next(b for b in timeline.plot.scene_data.boxes if b.row == 9 and name in b.nodes)
    click_box(qtbot, timeline, kernel)
    assert graph._selected == leaf and engine.visible_item(leaf) == leaf, "selected, its group open"
    assert name in graph.inspector_widget().text()
    assert kernel in timeline.plot.highlighted
    # the eager op of the same node (its own lane) selects the same node
    graph.collapse_all()
    eager = next(b for b in timeline.plot.scene_data.boxes if b.row == 2 and b.nodes == (name,))
    click_box(qtbot, timeline, eager)
    assert graph._selected == leaf and engine.visible_item(leaf) == leaf


def test_selecting_a_node_outlines_its_slices_a_fused_kernels_included(qtbot, linked):
    graph, timeline = linked
    boxes = timeline.plot.scene_data.boxes
    fused = [b for b in boxes if b.row == 9 and "BiasAdd" in b.nodes]
    assert fused and all({"MatMul", "BiasAdd", "Relu"} <= set(b.nodes) for b in fused), \
        "one kernel did the MatMul, BiasAdd and Relu"
    engine = graph.session.engine
    leaf = engine.index["BiasAdd"]
    rect = graph.scene.item_rect(leaf)
    graph.canvas.centerOn(rect.center())
    qtbot.mouseClick(graph.canvas.viewport(), Qt.MouseButton.LeftButton,
                     pos=graph.canvas.mapFromScene(rect.center()))
    assert graph._selected == leaf
    outlined = timeline.plot.highlighted
    assert all(any(b is o for o in outlined) for b in fused)
    assert {b.row for b in outlined} == {2, 3, 9}, "the eager op, its kernel, and the graph's kernel"
    assert timeline.highlighted_nodes() >= {"BiasAdd"}
    assert all("BiasAdd" in b.nodes for b in outlined)
    # a click on the empty canvas clears the selection, and the outlines with it
    qtbot.mouseClick(graph.canvas.viewport(), Qt.MouseButton.LeftButton,
                     pos=graph.canvas.mapFromScene(graph.scene.sceneRect().topLeft() + QPointF(2, 2)))
    assert graph._selected == -1 and timeline.plot.highlighted == []
