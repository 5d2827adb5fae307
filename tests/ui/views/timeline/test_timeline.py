"""The timeline: lanes built from a recorded XPlane, and the view driven offscreen."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from graphviz_app.core.examples import load_source
from graphviz_app.ui.views.timeline import model as tm
from tests.support import DATA
from tests.support import RUN_TIMEOUT_MS as TIMEOUT_MS


@pytest.fixture(scope="module")
def recorded_lane():
    from graphviz_app.core.profile import xplane
    from graphviz_app.core.profile.profiling import lanes_from_lines

    lines = xplane.host_lines(xplane.read_xspace((DATA / "seed_func.xplane.pb").read_bytes()))
    return lanes_from_lines(lines, ["func"])["func"]


def test_lanes_of_the_lecture_func(recorded_lane):
    scene = tm.build(recorded_lane, "func")
    by_row = {}
    for b in scene.boxes:
        by_row.setdefault(b.row, []).append(b)
    assert len(by_row[1]) == 3, "three separate calls into TF"
    assert [b.label for b in sorted(by_row[2], key=lambda b: b.x0)] == ["Exp", "AddV2", "Sqrt"]
    assert [b.label for b in sorted(by_row[9], key=lambda b: b.x0)] == ["Exp", "AddV2", "Sqrt"]
    assert len(by_row[6]) == 1, "the tf.function is one call into TF"
    calls = [a for a in scene.arrows if a.kind == "call"]
    returns = [a for a in scene.arrows if a.kind == "return"]
    assert len(calls) == len(returns) == 4  # three eager dispatches + one tf.function call
    for box in by_row[1]:  # each call arrow leaves Python where the dispatch starts
        assert any(a.x == box.x0 and a.y1 > a.y0 for a in calls)
        assert any(a.x == pytest.approx(box.x0 + box.width) and a.y1 < a.y0 for a in returns)
    assert scene.eager_us > 0 and scene.graph_us > 0
    assert scene.notes and "Exp, AddV2, Sqrt" in scene.notes[0][2]


def test_box_at_prefers_the_innermost_event(recorded_lane):
    scene = tm.build(recorded_lane, "func")
    kernel = next(b for b in scene.boxes if b.row == 3)
    assert scene.box_at(kernel.x0 + kernel.width / 2, 3.0) is kernel
    assert scene.box_at(kernel.x0 + kernel.width / 2, 3.45) is None
    text = tm.tooltip(kernel)
    assert "Exp" in text and "µs" in text


def test_host_fallback_lane_is_marked_approximate():
    lane = {"source": "host", "eager": {"duration_us": 90.0, "ops": [
        {"op": "Exp", "start_us": 0.0, "duration_us": 30.0, "dispatch": 0}],
        "dispatches": [{"name": "host timing", "start_us": 0.0, "duration_us": 30.0, "ops": [0]}],
        "python": [], "helpers": []},
        "graph": {"name": "f", "start_us": 0.0, "duration_us": 120.0, "kernels": [], "python": [],
                  "marker_us": 120.0}}
    scene = tm.build(lane, "f")
    assert scene.approximate
    assert scene.graph_us == 120.0
    assert [b.kind for b in scene.boxes if b.row == 6] == ["fdispatch"]
    assert len([a for a in scene.arrows if a.y0 > 4]) == 2


# ----- the view ----------------------------------------------------------------------------------
def run_example(qtbot, ctx, name):
    from graphviz_app.core import jobs

    name, text = load_source(name)
    job = ctx.engine.submit(jobs.run_snippet, text, name)
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS) as blocker:
        pass
    return blocker.args[0]


def make_view(qtbot, ctx):
    from graphviz_app.ui.views.timeline.view import TimelineView

    view = TimelineView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    return view


def test_view_profiles_when_shown_and_draws_the_lanes(qtbot, app_ctx):
    view = make_view(qtbot, app_ctx)
    report = run_example(qtbot, app_ctx, "seed_tf_function")
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT_MS):
        app_ctx.publish_report(report)
    assert view.is_ready()
    assert view.service.profile_of(report).timeline["source"] == "profiler"
    assert report.timeline is None, "the published report is not changed (its profile stands apart)"
    scene = view.plot.scene_data
    ops = sorted((b for b in scene.boxes if b.row == 2), key=lambda b: b.x0)
    assert [b.label for b in ops] == ["aa = Exp", "bb = AddV2", "cc = Sqrt"]
    assert not view.fallback.isVisible()
    # hovering the middle of a box finds it
    box = ops[1]
    vb = view.plot.getViewBox()
    scene_pos = vb.mapViewToScene(QPointF(box.x0 + box.width / 2, box.row))
    assert view.plot.box_at_scene_pos(scene_pos) is box


def test_zooming_in_reveals_labels_that_did_not_fit(qtbot, app_ctx):
    view = make_view(qtbot, app_ctx)
    report = run_example(qtbot, app_ctx, "seed_tf_function")
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT_MS):
        app_ctx.publish_report(report)
    kernel_labels = [(t, b) for t, b, _w in view.plot._labels if b.row == 9]
    first, box = min(kernel_labels, key=lambda tb: tb[1].x0)
    view.plot.setXRange(box.x0, box.x0 + 5 * box.width, padding=0)
    qtbot.waitUntil(lambda: first.isVisible(), timeout=2000)
    view.plot.setXRange(0, 1e6, padding=0)
    qtbot.waitUntil(lambda: not first.isVisible(), timeout=2000)


def test_view_says_so_when_it_falls_back_to_host_timing(qtbot, app_ctx, tmp_path):
    view = make_view(qtbot, app_ctx)
    report = run_example(qtbot, app_ctx, "seed_tf_function")
    from graphviz_app.core.engine import probes

    # someone else's profiler session holds the profiler
    job = app_ctx.engine.submit(probes.start_profiler)
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS):
        pass
    try:
        with qtbot.waitSignal(view.ready, timeout=TIMEOUT_MS):
            app_ctx.publish_report(report)
    finally:
        job = app_ctx.engine.submit(probes.stop_profiler)
        with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS):
            pass
    assert view.service.profile_of(report).timeline["source"] == "host"
    assert view.fallback.isVisible()
    assert "Host timing fallback" in view.fallback.text()
    assert view.plot.scene_data.approximate


def test_hidden_view_waits_and_export_profiles(qtbot, app_ctx):
    view = make_view(qtbot, app_ctx)
    view.hide()
    report = run_example(qtbot, app_ctx, "seed_tf_function")
    app_ctx.publish_report(report)
    assert view.is_ready() and report.timeline is None, "nothing runs for a hidden view"
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT_MS):
        view.prepare_export({})
    assert view.service.profile_of(report).timeline["function_calls"][0]["kernels"]
