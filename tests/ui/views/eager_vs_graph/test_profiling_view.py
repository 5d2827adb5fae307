"""The eager-vs-graph view driven like a person: counterparts, timing, diff, retracing, AutoGraph,
the scale sweep and export."""
from __future__ import annotations

import pytest

from graphviz_app.core.examples import load_source
from graphviz_app.core.profile import scale_sweep
from tests.support import RUN_TIMEOUT_MS as TIMEOUT_MS


@pytest.fixture
def quick_sweep(monkeypatch):
    monkeypatch.setattr(scale_sweep, "DEFAULT_K", (1, 24))


def shown(qtbot, ctx, example):
    from graphviz_app.core import jobs
    from graphviz_app.ui.views.eager_vs_graph.view import EagerVsGraphView

    view = EagerVsGraphView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    name, text = load_source(example)
    job = ctx.engine.submit(jobs.run_snippet, text, name)
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS) as blocker:
        pass
    report = blocker.args[0]
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT_MS):
        ctx.publish_report(report)
    return view, report


def test_selecting_an_eager_op_highlights_its_graph_node_and_back(qtbot, app_ctx):
    view, _report = shown(qtbot, app_ctx, "seed_tf_function")
    ops = view.ops
    assert ops.topLevelItemCount() == 3
    assert [ops.topLevelItem(i).text(2) for i in range(3)] == ["aa", "bb", "cc"]
    assert ops.topLevelItem(0).text(6).startswith("2.71828")
    with qtbot.waitSignal(app_ctx.line_selected) as line:
        ops.setCurrentItem(ops.topLevelItem(1))
    assert line.args == [11]
    assert view.graph.highlighted() == ["Add"]
    view.graph.node_clicked.emit("Sqrt")
    assert ops.selected_indices() == [2]
    view.graph.node_clicked.emit("inp")  # a Placeholder: nothing eager dispatched it
    assert ops.selected_indices() == []
    assert "3 calls Python" in view.eager_title.text()
    assert "3 kernels" in view.graph_title.text()


def test_timing_panel_shows_both_paths_and_the_trace_apart(qtbot, app_ctx):
    view, report = shown(qtbot, app_ctx, "seed_tf_function")
    t = view.service.profile_of(report).timing["func"]
    values = view.timing.values
    assert "µs" in values["eager"].text() and "µs" in values["graph"].text()
    assert f"{t['ratio']:.2f}×" in values["ratio"].text()
    assert "to trace" in values["trace"].text()
    assert "faster" in view.timing.verdict.text()


def test_diff_retracing_and_autograph_tabs(qtbot, app_ctx):
    view, _ = shown(qtbot, app_ctx, "seed_tf_function")
    assert set(view.diff.ops_in("graph_only")) == {"Const", "Identity", "Placeholder"}
    assert view.diff.ops_in("eager_only") == []
    group = view.diff.topLevelItem(0)
    with qtbot.waitSignal(view.diff.nodes_chosen) as chosen:
        view.diff.setCurrentItem(group.child(2))  # Placeholder
    assert chosen.args == [["inp"]] and view.graph.highlighted() == ["inp"]

    view, _ = shown(qtbot, app_ctx, "retracing")
    rows = view.retracing.row_texts()
    assert [r[0] for r in rows if r[0]] == ["#1", "#2", "#3"]
    assert ["", "k", "Python value: 3.0"] == rows[3][:3]
    summary = view.retracing.summary.text()
    assert "3 trace(s)" in summary and "print()" in summary

    view, _ = shown(qtbot, app_ctx, "autograph_loop")
    assert "ag__.for_stmt(" in view.autograph.code.toPlainText()
    assert "for i in tf.range(n)" in view.autograph.source.toPlainText()
    item = view.autograph.statements.topLevelItem(0)
    assert "StatelessWhile 'while'" in item.text(1)
    with qtbot.waitSignal(view.autograph.nodes_chosen) as chosen:
        view.autograph.statements.setCurrentItem(item)
    assert chosen.args == [["while"]]
    assert "ag__.for_stmt(" in view.autograph.code.textCursor().block().text()


def test_scale_sweep_runs_on_the_engine_and_plots_the_three_paths(qtbot, app_ctx, quick_sweep):
    view, _ = shown(qtbot, app_ctx, "seed_tf_function")
    assert view.scale.with_xla.isChecked()
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT_MS):
        view.scale.measure.click()
        assert view.scale.measure.text() == "Stop" and not view.is_ready()
    sweep = view.sweep_result("k")
    assert sweep["jit"] and sweep["jit_error"] is None
    assert [p["x"] for p in sweep["points"]] == [1, 24]
    assert sweep["points"][1]["eager_us"] > 5 * sweep["points"][0]["eager_us"]
    curves = view.scale.plot.getPlotItem().listDataItems()
    assert [c.name() for c in curves] == ["eager", "tf.function", "XLA (jit_compile=True)"]
    assert [list(c.yData) for c in curves] == [[p[f"{side}_us"] for p in sweep["points"]]
                                               for side in ("eager", "graph", "jit")]
    # one dashed line per crossover the sweep found, labelled with its k
    found = [(k, c["x"]) for k, c in sweep["crossovers"].items() if c.get("x")]
    lines = view.scale.crossover_lines()
    assert len(lines) == len(found)
    for (_pair, x), line in zip(found, lines, strict=True):
        assert f"{x:.3g}" in line.label.toPlainText()
    assert "eager" in view.scale.result.text() and "XLA" in view.scale.result.text()
    assert view.is_ready() and view.scale.measure.text() == "Measure"


def test_sweep_can_be_stopped(qtbot, app_ctx, monkeypatch):
    monkeypatch.setattr(scale_sweep, "DEFAULT_K", tuple(range(1, 200)))
    view, _ = shown(qtbot, app_ctx, "seed_tf_function")
    view.scale.measure.click()
    qtbot.waitUntil(lambda: view.scale.progress.value() > 0, timeout=TIMEOUT_MS)
    view.scale.measure.click()  # "Stop"
    assert view.is_ready() and view.sweep_result("k") is None
    assert view.scale.result.text() == "stopped"


def test_export_waits_for_profile_and_sweep(qtbot, app_ctx, quick_sweep):
    from graphviz_app.ui.common.rendering import render_image

    view, _ = shown(qtbot, app_ctx, "seed_tf_function")
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT_MS):
        view.prepare_export({})
    assert view.sweep_result("k") is not None and view.tabs.currentIndex() == 0
    image = render_image(view.export_widget())
    assert image.width() == 1366 and image.height() == 768
    colours = {image.pixel(x, y) for x in range(0, 1366, 37) for y in range(0, 768, 29)}
    assert len(colours) > 20, "the picture is not blank"


def test_program_without_tf_function_shows_a_hint(qtbot, app_ctx):
    view, report = shown_plain(qtbot, app_ctx)
    assert view.hint.isVisible() and not view.body.isVisible()
    assert view.is_ready()


def shown_plain(qtbot, ctx):
    from graphviz_app.core import jobs
    from graphviz_app.ui.views.eager_vs_graph.view import EagerVsGraphView

    view = EagerVsGraphView(ctx)
    qtbot.addWidget(view)
    view.show()
    job = ctx.engine.submit(jobs.run_snippet, "import tensorflow as tf\nprint(tf.exp(1.0))\n")
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS) as blocker:
        pass
    ctx.publish_report(blocker.args[0])
    return view, blocker.args[0]
