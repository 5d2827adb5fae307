"""The tape panel shows a real report's tape: watched, recorded, saved, chain rule, check."""
import pytest
import tensorflow as tf  # noqa: F401  (a hard dependency: without it these tests fail, never skip)

from graphviz_app.core.examples import find_example
from graphviz_app.core.run.runner import run_source


@pytest.fixture
def tape_view(qtbot):
    from graphviz_app.ui.views.base import AppContext
    from graphviz_app.ui.views.tape.view import TapeView

    ctx = AppContext(engine=None)
    view = TapeView(ctx)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    return ctx, view


def texts(view):
    out = []
    for i in range(view.tree.topLevelItemCount()):
        section = view.tree.topLevelItem(i)
        out.append(section.text(0))
        for j in range(section.childCount()):
            out.append(" | ".join(section.child(j).text(c) for c in range(4)))
    return "\n".join(out)


def test_seed_gradient_tape_panel(tape_view, qtbot):
    ctx, view = tape_view
    report = run_source(None, find_example("seed_gradient").source)
    ctx.publish_report(report)
    shown = texts(view)
    assert "aa = Exp" in shown and "cc = Sqrt" in shown
    assert "Saved for backward (8 B)" in shown
    assert "dy / dw" in shown and "1.275565" in shown
    assert "pass" in shown and "FAIL" not in shown
    with qtbot.waitSignal(ctx.line_selected) as line:
        section = view.tree.topLevelItem(1)  # recorded forward ops
        view.tree.setCurrentItem(section.child(1))  # aa = Exp
    assert line.args == [report.eager_ops[view.ctx.report.tapes[0].recorded[1]].line]
    picture = view.grab().toImage()
    assert picture.width() == 1100 and picture.height() == 700


def test_unwatched_constant_shows_the_reason(tape_view):
    ctx, view = tape_view
    ctx.publish_report(run_source(None, find_example("unwatched_constant").source))
    assert "was not watched" in texts(view)


def test_no_tape_says_what_to_try(tape_view):
    ctx, view = tape_view
    ctx.publish_report(run_source(None, "import tensorflow as tf\nx = tf.constant(1.0)\n"))
    assert "No GradientTape" in view.header.text()
