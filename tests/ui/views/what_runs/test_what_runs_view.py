"""The What TF runs tab driven like a person: the traced graph, Grappler's and XLA's side by side,
real clicks on nodes light up what they stand for in the other columns, the pass summary, a
GraphDef file, and the tab as a picture."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from graphviz_app.core.examples import load_source
from graphviz_app.ui.graph import style as st
from tests.support import RUN_TIMEOUT_MS as TIMEOUT_MS
from tests.ui.views.what_runs.graph_files import dense_nodes, write_graph


def ran(qtbot, ctx, example):
    """The view, shown at a desktop size, after a run of EXAMPLE has reached it."""
    from graphviz_app.core import jobs
    from graphviz_app.ui.views.what_runs.view import WhatRunsView

    view = WhatRunsView(ctx)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()
    name, text = load_source(example)
    job = ctx.engine.submit(jobs.run_snippet, text, name)
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS) as blocker:
        pass
    report = blocker.args[0]
    ctx.publish_report(report)
    qtbot.waitUntil(view.is_ready, timeout=TIMEOUT_MS)
    return view, report


def click_node(qtbot, column, name):
    point = column.point_of(name)
    assert point is not None, f"{name} is not drawn"
    qtbot.mouseClick(column.pane.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)


def ops_of(column) -> dict[str, str]:
    return dict(column.session.model.graph.nodes(data="op"))


def test_fused_dense_in_three_columns_and_the_fused_node_lights_its_parts(qtbot, app_ctx):
    view, report = ran(qtbot, app_ctx, "fused_dense")
    assert view.picker.currentText() == "dense"
    traced, grappler = ops_of(view.traced), ops_of(view.grappler)
    assert {"MatMul", "BiasAdd", "Relu"} <= set(traced.values())
    fused = [n for n, op in grappler.items() if op == "_FusedMatMul"]
    assert len(fused) == 1 and "MatMul" not in grappler.values() and "BiasAdd" not in grappler.values()
    assert view.xla.session is None and view.xla_button.isEnabled()
    assert "Compile with XLA" in view.xla.pane.hint.text()

    click_node(qtbot, view.grappler, fused[0])
    lit = view.traced.marked()
    assert {traced[n] for n in lit} == {"MatMul", "BiasAdd", "Relu"}
    assert set(lit.values()) == {st.HIGHLIGHT.name()}
    assert view.grappler.marked() == {fused[0]: st.SELECTED.name()}
    assert "MatMul + BiasAdd + Relu → _FusedMatMul" in view.detail.text()

    matmul = next(n for n, op in traced.items() if op == "MatMul")
    click_node(qtbot, view.traced, matmul)  # the reverse: what the traced op became
    assert view.traced.marked() == {matmul: st.SELECTED.name()}
    assert view.grappler.marked() == {fused[0]: st.HIGHLIGHT.name()}
    assert "_FusedMatMul" in view.detail.text()

    canvas = view.traced.pane.canvas  # the empty corner: nothing is lit any more
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert view.traced.marked() == {} and view.grappler.marked() == {}


def test_the_pass_list_says_what_the_remapper_did_and_a_line_lights_its_nodes(qtbot, app_ctx):
    view, report = ran(qtbot, app_ctx, "fused_dense")
    texts = view.passes.texts()
    assert "remapper: MatMul + BiasAdd + Relu → _FusedMatMul" in texts
    row = texts.index("remapper: MatMul + BiasAdd + Relu → _FusedMatMul")
    item = view.passes.item(row)
    qtbot.mouseClick(view.passes.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.passes.visualItemRect(item).center())
    traced = ops_of(view.traced)
    assert {traced[n] for n in view.traced.marked()} == {"MatMul", "BiasAdd", "Relu"}
    assert [ops_of(view.grappler)[n] for n in view.grappler.marked()] == ["_FusedMatMul"]
    # every pass that changed the graph has a line, those that did nothing none
    passes = report.functions[0].optimized["passes"]
    busy = {p["name"].replace("_", " ") for p in passes if p["removed"] or p["added"] or p["changed"]}
    assert {t.split(":")[0] for t in texts[1:]} == busy


def test_xla_on_request_and_a_fusion_lights_its_tf_ops(qtbot, app_ctx):
    view, _ = ran(qtbot, app_ctx, "fused_dense")
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT_MS):
        qtbot.mouseClick(view.xla_button, Qt.MouseButton.LeftButton)
        assert view.progress.isVisible() and view.xla_button.text() == "Cancel"
    assert view.xla.session is not None and "fusion" in ops_of(view.xla).values()
    assert view.xla_button.text() == "Compile with XLA" and not view.progress.isVisible()

    view, _ = ran(qtbot, app_ctx, "xla_fusion")  # jit_compile=True: what TF runs is XLA's
    assert view.grappler.session is None and "jit_compile=True" in view.grappler.pane.hint.text()
    record = view.requests.answer("xla", "fn:scores")
    fusions = [n for n in record["nodes"] if n["opcode"] == "fusion"]
    assert fusions and [n for n, op in ops_of(view.xla).items() if op == "fusion"] == [f["name"] for f in fusions]
    widest = max(fusions, key=lambda f: len(f["from"]))
    assert {"BiasAdd", "Relu", "Softmax"} <= {op["op_type"] for op in widest["tf_ops"]}
    click_node(qtbot, view.xla, widest["name"])
    assert set(view.traced.marked()) == set(widest["from"])
    assert view.xla.marked() == {widest["name"]: st.SELECTED.name()}
    xla_lines = view.passes.texts()[view.passes.texts().index("XLA fusions") + 1:]
    assert len(xla_lines) == len(fusions) and xla_lines[0].startswith(fusions[0]["name"] + ":")


def test_a_graph_def_file_is_optimized_in_the_engine(qtbot, app_ctx, tmp_path):
    from graphviz_app.ui.views.what_runs.view import WhatRunsView

    path = write_graph(tmp_path / "dense.pb", dense_nodes())
    view = WhatRunsView(app_ctx)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    app_ctx.source_loaded.emit(str(path))
    assert view.picker.currentText() == "dense.pb" and not view.is_ready()
    qtbot.waitUntil(view.is_ready, timeout=TIMEOUT_MS)
    assert set(ops_of(view.traced).values()) == {"Placeholder", "MatMul", "BiasAdd", "Relu"}
    assert ops_of(view.grappler)["act"] == "_FusedMatMul"
    assert "remapper: MatMul + BiasAdd + Relu → _FusedMatMul" in view.passes.texts()
    assert not view.xla_button.isEnabled()
    click_node(qtbot, view.grappler, "act")
    assert set(view.traced.marked()) == {"MatMul", "BiasAdd", "act"}

    broken = tmp_path / "broken.pb"  # not a graph: the loader's message, naming the file
    broken.write_bytes(b"\x00not a graph" * 8)
    app_ctx.source_loaded.emit(str(broken))
    qtbot.waitUntil(view.is_ready, timeout=TIMEOUT_MS)
    assert view.traced.session is None and "broken.pb" in view.traced.pane.hint.text()
    assert view.grappler.session is None and "broken.pb" in view.grappler.pane.hint.text()


@pytest.mark.parametrize("example", ["fused_dense"])
def test_the_tab_as_a_picture(qtbot, app_ctx, example):
    from graphviz_app.ui.common.rendering import render_image

    view, _ = ran(qtbot, app_ctx, example)
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT_MS):
        view.prepare_export({})
    image = render_image(view.export_widget()).convertToFormat(QImage.Format.Format_RGB32)
    assert (image.width(), image.height()) == (1400, 800)
    bgra = np.frombuffer(image.constBits(), np.uint8).reshape(800, image.bytesPerLine() // 4, 4)
    data = bgra[:, :1400, 2::-1]  # RGB
    assert data.std() > 20
    # the picture shows the first fusion chosen: its parts in orange, the fused node in blue
    assert view.passes.currentItem().text(0).startswith("remapper:")
    colours = {tuple(int(c) for c in px) for px in data.reshape(-1, 3)[::7]}
    for colour in (st.HIGHLIGHT, st.SELECTED):
        assert (colour.red(), colour.green(), colour.blue()) in colours
