"""The Graph diff tab driven like a person: an edit between two runs colours exactly the edited
node, the traced graph against Grappler's is walked change by change (buttons and F7), File ›
Compare opens two .pb files, and the tab exports as a picture."""
from __future__ import annotations

import argparse

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from graphviz_app.core.examples import load_source
from graphviz_app.ui.graph import style as st
from graphviz_app.ui.views.diff.style import ADDED, CHANGED, REMOVED
from tests.support import RUN_TIMEOUT_MS as TIMEOUT_MS
from tests.ui.views.what_runs.graph_files import dense_nodes, write_graph

DENSE = load_source("fused_dense")[1]


def run(qtbot, ctx, text):
    from graphviz_app.core import jobs

    job = ctx.engine.submit(jobs.run_snippet, text, "fused_dense")
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS) as blocker:
        pass
    report = blocker.args[0]
    assert report.ok, report.error
    ctx.publish_report(report)
    return report


def diff_view(qtbot, ctx):
    from graphviz_app.ui.views.diff.view import GraphDiffView

    view = GraphDiffView(ctx)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()
    return view


def rgb(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    bgra = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return bgra[:, :image.width(), 2::-1].copy()  # the image's memory goes with it


def has_colour(data: np.ndarray, colour, slack: int = 0) -> bool:
    """Some pixels of COLOUR (each channel within SLACK: a thin border is antialiased)."""
    near = np.abs(data.astype(int) - (colour.red(), colour.green(), colour.blue())) <= slack
    return int(np.all(near, axis=-1).sum()) >= 3


def test_an_edit_between_two_runs_colours_exactly_the_edited_node(qtbot, app_ctx):
    view = diff_view(qtbot, app_ctx)
    run(qtbot, app_ctx, DENSE)
    assert view.mode.currentData() == "optimized"  # one run: nothing before it to compare with
    run(qtbot, app_ctx, DENSE.replace("tf.nn.relu(z)", "tf.nn.sigmoid(z)"))
    qtbot.waitUntil(view.is_ready, timeout=TIMEOUT_MS)
    assert view.mode.currentData() == "previous"
    assert view.a.coloured() == {"Relu": CHANGED.name()} and view.b.coloured() == {"Sigmoid": CHANGED.name()}
    assert view.summary.text().startswith("1 change:")
    row = view.changes.topLevelItem(0)
    assert (row.text(0), row.text(1), row.text(2)) == ("changed", "Relu → Sigmoid", "op Relu → Sigmoid")
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.a.coloured() == {"Relu": st.SELECTED.name()} and view.b.coloured() == {"Sigmoid": st.SELECTED.name()}

    run(qtbot, app_ctx, DENSE.replace("tf.nn.relu(z)", "tf.nn.sigmoid(z)"))  # the same text again
    assert view.summary.text() == "The graphs are the same."
    assert view.a.coloured() == {} and view.changes.topLevelItemCount() == 0


def test_traced_against_optimized_walks_every_change(qtbot, app_ctx):
    view = diff_view(qtbot, app_ctx)
    report = run(qtbot, app_ctx, DENSE)
    changes = view.changes.changes
    kinds = {c.kind for c in changes}
    assert kinds == {"added", "removed", "changed"}
    removed = {c.a for c in changes if c.kind == "removed"}
    assert {"MatMul", "BiasAdd"} <= removed  # fused into the _FusedMatMul that kept Relu's name
    relu = next(c for c in changes if c.a == "Relu")
    assert relu.kind == "changed" and relu.details["op"] == ["Relu", "_FusedMatMul"]
    assert {c.b for c in changes if c.kind == "added"} == {
        n["name"] for n in report.functions[0].optimized["nodes"] if n["op"] == "_Retval"}
    assert view.a.coloured()["MatMul"] == REMOVED.name() and view.a.coloured()["Relu"] == CHANGED.name()
    assert set(view.b.coloured().values()) == {ADDED.name(), CHANGED.name()}

    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.changes.current_index() == 0
    view.changes.setFocus()
    qtbot.keyClick(view.changes, Qt.Key.Key_F7)
    assert view.changes.current_index() == 1
    second = changes[1]
    side, name = (view.b, second.b) if second.b else (view.a, second.a)
    assert side.coloured()[name] == st.SELECTED.name()
    qtbot.keyClick(view.changes, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert view.changes.current_index() == 0
    qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)  # round the start to the end
    assert view.changes.current_index() == len(changes) - 1
    # a click on a coloured node chooses its change
    point = view.a.point_of("MatMul")
    qtbot.mouseClick(view.a.pane.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert changes[view.changes.current_index()].a == "MatMul"


def test_file_compare_opens_two_graph_files(qtbot, make_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    a = write_graph(tmp_path / "a.pb", dense_nodes("Relu"))
    b = write_graph(tmp_path / "b.pb", dense_nodes("Elu"))
    answers = iter([(str(a), ""), (str(b), "")])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: next(answers))
    window = make_window()
    view = window.views["diff"]
    assert window.actions_.compare in window.menuBar().actions()[0].menu().actions()
    window.actions_.compare.trigger()
    assert window.host.current() is view and view.mode.currentData() == "files"
    qtbot.waitUntil(lambda: view.is_ready() and view.b.session is not None, timeout=TIMEOUT_MS)
    assert view.a.title.text().startswith("A: a.pb") and view.b.title.text().startswith("B: b.pb")
    assert view.a.coloured() == {"act": CHANGED.name()} and view.b.coloured() == {"act": CHANGED.name()}
    assert view.changes.topLevelItem(0).text(2) == "op Relu → Elu"

    broken = tmp_path / "broken.pb"
    broken.write_bytes(b"\x00not a graph" * 8)
    view.compare_sources(str(a), str(broken))
    qtbot.waitUntil(view.is_ready, timeout=TIMEOUT_MS)
    assert "broken.pb" in view.summary.text() and view.b.session is None


def test_the_tab_as_a_picture(qtbot, app_ctx):
    from graphviz_app.ui.common.rendering import render_image

    view = diff_view(qtbot, app_ctx)
    run(qtbot, app_ctx, DENSE)
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT_MS):
        view.prepare_export({})
    data = rgb(render_image(view.export_widget()))
    assert data.shape[:2] == (800, 1400) and data.std() > 20
    for colour in (ADDED, REMOVED, CHANGED):
        assert has_colour(data, colour, slack=10), colour.name()


def test_main_py_export_draws_the_diff_of_a_snippet(qtbot, tmp_path):
    from graphviz_app.cli.export import cli_export

    out = tmp_path / "diff.png"
    args = argparse.Namespace(source="fused_dense", view="diff", output=str(out), size="1200x700", scale=1.0,
                              expand=None, steps=None)
    assert cli_export(args) == 0
    data = rgb(QImage(str(out)))
    assert data.shape[:2] == (700, 1200) and data.std() > 20
    for colour in (ADDED, REMOVED, CHANGED):  # traced vs optimized: the one run's own diff
        assert has_colour(data, colour, slack=10), colour.name()
