"""The backward view driven like a person: seed_gradient's forward+backward graph with its saved
edges, values and legend; hover and click; lazy building; the export; and a run with no tape."""
from __future__ import annotations

import argparse
from types import SimpleNamespace

import numpy as np
import pytest
import tensorflow as tf  # noqa: F401  (a hard dependency: without it these tests fail, never skip)
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from graphviz_app.core.examples import find_example
from graphviz_app.core.run.runner import run_source


@pytest.fixture(scope="module")
def gradient_report():
    return run_source(None, find_example("seed_gradient").source)


@pytest.fixture
def backward(qtbot):
    from graphviz_app.ui.shell.engine import Engine
    from graphviz_app.ui.views.backward.view import BackwardView
    from graphviz_app.ui.views.base import AppContext

    engine = Engine()
    ctx = AppContext(engine)
    view = BackwardView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    yield ctx, view
    engine.shutdown()


def item_of(view, name: str):
    engine = view.session.engine
    return view.pane.scene.nodes[engine.index[name]]


def node_text(view, name: str) -> str:
    return " ".join(t.text() for t in item_of(view, name).texts)


def viewport_pos(view, name: str) -> QPoint:
    return view.pane.canvas.mapFromScene(item_of(view, name).sceneBoundingRect().center())


def pixels(image: QImage) -> np.ndarray:
    """RGB, rows by columns."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    data = np.frombuffer(image.constBits(), dtype=np.uint8)
    return data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 3].reshape(
        image.height(), image.width(), 3).copy()


def test_seed_gradient_saved_edges_values_and_legend(backward, gradient_report):
    ctx, view = backward
    ctx.publish_report(gradient_report)
    model = view.session.model
    g = model.graph
    saved = {(u, v) for u, v, d in g.edges(data=True) if d.get("saved_for_backward")}
    assert saved == {("Exp", "gradient_tape/mul"), ("Sqrt", "gradient_tape/SqrtGrad")}
    assert g.nodes["Exp"]["label"] == "aa" and g.nodes["Sqrt"]["label"] == "cc"
    drawn = [e for e in view.pane.scene.edges if e.saved]
    assert len(drawn) == 2
    assert all(e.pen().color() == e.base_color and e.pen().widthF() >= 3 for e in drawn)
    assert all(e.label.childItems()[0].text() == "saved for backward" for e in drawn)
    # gradient ops in their own colour, with the values of the real eager gradient() call
    assert item_of(view, "gradient_tape/SqrtGrad").kind == "gradient"
    assert "SqrtGrad" in node_text(view, "gradient_tape/SqrtGrad")
    assert "= 0.1726" in node_text(view, "gradient_tape/SqrtGrad")
    assert "= 1.2755646" in node_text(view, "gradient_tape/mul")
    assert "aa = Exp" in node_text(view, "Exp") and "= 7.389056" in node_text(view, "Exp")
    legend = view.pane.legend.entries()
    assert {"gradient op", "op", "saved for backward", "tensor"} <= set(legend)
    assert view.pane.legend.isVisible()
    # the side list: what is kept, its size and who reads it, and why
    rows = [[view.side.saved.topLevelItem(i).text(c) for c in range(5)]
            for i in range(view.side.saved.topLevelItemCount())]
    assert ["aa = Exp", "float32", "scalar", "4 B", "mul"] in rows
    assert ["cc = Sqrt", "float32", "scalar", "4 B", "SqrtGrad"] in rows
    why = view.side.why.text()
    assert "remember intermediates" in why
    assert "SqrtGrad reads <b>cc</b>" in why and "mul reads <b>aa</b>" in why
    chain = [view.side.chain.topLevelItem(i).text(2) for i in range(view.side.chain.topLevelItemCount())]
    assert chain[0].startswith("0.1726") and chain[-1] == "1.2755646"
    assert "1.2755646" in view.side.result.text()


def test_hovering_a_gradient_op_lights_its_forward_op(backward, gradient_report, qtbot):
    from graphviz_app.ui.graph import style as st

    ctx, view = backward
    ctx.publish_report(gradient_report)
    viewport = view.pane.canvas.viewport()

    def move_to(pos: QPoint) -> None:
        """A mouse move delivered to the canvas itself: QTest's goes to whatever window is under
        that screen point, which in a full suite can be another test's leftover window."""
        from PySide6.QtCore import QEvent, QPointF
        from PySide6.QtGui import QMouseEvent
        from PySide6.QtWidgets import QApplication

        local = QPointF(pos)
        event = QMouseEvent(QEvent.MouseMove, local, QPointF(viewport.mapToGlobal(pos)),
                            Qt.NoButton, Qt.NoButton, Qt.NoModifier)
        QApplication.sendEvent(viewport, event)

    def hover(node: str, lit: str) -> None:
        """Move onto NODE until LIT lights up: a deferred fit of the view (late on a busy host)
        can move the node after a single move, so each try reads its position again."""
        def moved_and_lit() -> bool:
            move_to(viewport_pos(view, node))
            return lit in view.highlighted()

        qtbot.waitUntil(moved_and_lit, timeout=30_000)

    hover("gradient_tape/SqrtGrad", "Sqrt")
    lit = view.highlighted()
    assert lit["Sqrt"] == st.FORWARD_OF.name() and lit["gradient_tape/SqrtGrad"] == st.HIGHLIGHT.name()
    assert "differentiates cc = Sqrt" in view.detail.text()
    assert "0.1726" in view._tooltip(view.session.engine.index["gradient_tape/SqrtGrad"])
    hover("gradient_tape/mul", "Exp")
    assert "Sqrt" not in view.highlighted()  # the previous partner is no longer lit
    move_to(QPoint(5, 5))  # empty canvas: nothing selected, nothing lit
    qtbot.waitUntil(lambda: not view.highlighted())


def test_clicking_nodes_selects_their_lines(backward, gradient_report, qtbot):
    from graphviz_app.ui.graph import style as st

    ctx, view = backward
    ctx.publish_report(gradient_report)
    viewport = view.pane.canvas.viewport()
    exp_line = view.session.model.graph.nodes["Exp"]["line"]
    with qtbot.waitSignal(ctx.line_selected) as line:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=viewport_pos(view, "Exp"))
    assert line.args == [exp_line]
    lit = view.highlighted()  # the forward op, and the gradient op that reads its output
    assert lit["Exp"] == st.SELECTED.name() and lit["gradient_tape/mul"] == st.FORWARD_OF.name()
    assert view.side.saved.currentItem().text(0) == "aa = Exp"  # the list follows
    assert "aa = Exp" in view.inspector_widget().text()  # and the inspector
    grad_line = gradient_report.tapes[0].gradients[0].line
    with qtbot.waitSignal(ctx.line_selected) as line:
        view.side.chain.setCurrentItem(view.side.chain.topLevelItem(0))  # SqrtGrad, from the list
    assert line.args == [grad_line]
    assert view.highlighted()["Sqrt"] == st.FORWARD_OF.name()


def test_report_from_json_still_marks_saved_edges(backward, gradient_report):
    ctx, view = backward
    report = SimpleNamespace(tapes=gradient_report.tapes, eager_ops=gradient_report.eager_ops,
                             backward_models={})
    ctx.publish_report(report)
    assert sum(1 for e in view.pane.scene.edges if e.saved) == 2
    assert view.session.model.graph.nodes["gradient_tape/SqrtGrad"]["forward_of"] == "Sqrt"
    # the report's own model is never written to
    assert "value_text" not in gradient_report.backward_models[0].graph.nodes["Exp"]


def test_built_only_when_shown(qtbot, gradient_report):
    from graphviz_app.ui.views.backward.view import BackwardView
    from graphviz_app.ui.views.base import AppContext

    ctx = AppContext(engine=None)
    view = BackwardView(ctx)
    qtbot.addWidget(view)
    ctx.publish_report(gradient_report)
    assert view.session is None and view.chooser.count() == 1
    view.resize(900, 600)
    view.show()
    qtbot.waitUntil(lambda: view.session is not None)
    assert len(view.pane.scene.nodes) == len(view.session.model)


def test_export_is_the_whole_view_at_its_size(backward, gradient_report, qtbot, tmp_path):
    from graphviz_app.ui.common.rendering import save_widget

    ctx, view = backward
    ctx.publish_report(gradient_report)
    with qtbot.waitSignal(view.ready):
        view.prepare_export({"format": "png"})
    assert view.is_ready()
    out = save_widget(view.export_widget(), tmp_path / "b.png")
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    px = pixels(image).astype(int)
    assert px.std() > 20
    orange = (abs(px[..., 0] - 0xef) < 30) & (abs(px[..., 1] - 0x6c) < 30) & (px[..., 2] < 60)
    assert orange.sum() > 300  # the saved edges are in the picture
    # the whole graph is in view
    shown = view.pane.canvas.mapToScene(view.pane.canvas.viewport().rect()).boundingRect()
    assert shown.contains(view.pane.scene.itemsBoundingRect())


def test_cli_export_backward(tmp_path, capsys):
    from graphviz_app.cli.export import cli_export

    out = tmp_path / "backward.png"
    args = argparse.Namespace(source="seed_gradient", view="backward", output=str(out), size="1366x768",
                              scale=1.0, expand=None, steps=None)
    assert cli_export(args) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    assert pixels(image).std() > 20


def test_no_tape_says_what_to_try(backward):
    ctx, view = backward
    ctx.publish_report(run_source(None, "import tensorflow as tf\nx = tf.constant(1.0)\nprint(x)\n"))
    assert view.session is None and view.pane.hint.isVisible()
    assert "seed_gradient" in view.pane.hint.text()
    ctx.publish_report(None)
    assert view.session is None and "seed_gradient" in view.pane.hint.text()
