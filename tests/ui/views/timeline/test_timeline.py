"""The timeline: lanes built from a recorded XPlane, and the view driven offscreen."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF

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
    view.grab()  # painted: the texts have their screen size and place
    check_every_named_bar_is_labelled(view.plot)
    assert not view.fallback.isVisible()
    # hovering the middle of a box finds it
    box = ops[1]
    vb = view.plot.getViewBox()
    scene_pos = vb.mapViewToScene(QPointF(box.x0 + box.width / 2, box.row))
    assert view.plot.box_at_scene_pos(scene_pos) is box


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


# ----- labels on screen ----------------------------------------------------------------------------
def bar_scene_rect(plot, box) -> QRectF:
    vb = plot.getViewBox()
    return vb.mapViewToScene(QRectF(box.x0, box.row - box.height / 2, box.width, box.height)).boundingRect()


def text_scene_rect(item) -> QRectF:
    return item.mapRectToScene(item.boundingRect())


def check_every_named_bar_is_labelled(plot) -> None:
    """Each bar with a name has its label on screen, inside the bar or beside it with a leader line
    that runs from the bar's edge to the label's; no two texts on the plot overlap."""
    vb = plot.getViewBox()
    leaders = plot._leaders.getData()
    segments = [((leaders[0][i], leaders[1][i]), (leaders[0][i + 1], leaders[1][i + 1]))
                for i in range(0, len(leaders[0]), 2)]
    for item, box in plot._labels:
        assert item.isVisible(), f"{box.label!r} has no label"
        placement = plot.placements[id(item)]
        text, bar = text_scene_rect(item), bar_scene_rect(plot, box)
        if placement.mode == "inside":
            assert bar.adjusted(-1, -text.height() / 2, 1, text.height() / 2).contains(text), box.label
            continue
        assert not text.intersects(bar.adjusted(1, 1, -1, -1)), box.label
        ends = [(vb.mapViewToScene(QPointF(*a)), vb.mapViewToScene(QPointF(*b))) for a, b in segments]
        near = [(a, b) for a, b in ends
                if _on_edge(a, bar) and _on_edge(b, text) or _on_edge(b, bar) and _on_edge(a, text)]
        assert near, f"{box.label!r} sits {placement.mode} of its bar without a leader to it"
    texts = [it for it, _ in plot._labels] + [it for it, _ in plot._arrow_texts] + plot._titles
    texts += [it for it, _ in plot._notes]
    shown = [(it, text_scene_rect(it)) for it in texts if it.isVisible()]
    for i, (a, ra) in enumerate(shown):
        for b, rb in shown[i + 1:]:
            assert not ra.intersects(rb), (a.toPlainText(), b.toPlainText())


def _on_edge(point, rect: QRectF, tolerance: float = 1.5) -> bool:
    """POINT lies on RECT's outline (a bar a fraction of a pixel wide is all outline)."""
    x, y = point.x(), point.y()
    if not rect.adjusted(-tolerance, -tolerance, tolerance, tolerance).contains(point):
        return False
    return min(abs(x - rect.left()), abs(x - rect.right()), abs(y - rect.top()), abs(y - rect.bottom())) <= tolerance


@pytest.fixture
def lecture_plot(qtbot, recorded_lane):
    """The lane diagram of the lecture's func from a recorded XPlane, at the export's size."""
    from graphviz_app.ui.views.timeline.plot import TimelinePlot

    plot = TimelinePlot()
    qtbot.addWidget(plot)
    plot.resize(780, 560)
    plot.show()
    qtbot.waitExposed(plot)
    plot.set_timeline(tm.build(recorded_lane, "func"))
    plot.grab()
    return plot


def test_every_named_bar_has_a_label_and_no_label_overlaps_another(lecture_plot):
    check_every_named_bar_is_labelled(lecture_plot)
    modes = {lecture_plot.placements[id(item)].mode for item, _ in lecture_plot._labels}
    assert "inside" in modes and modes & {"right", "left", "above"}, "this picture needs both kinds"
    # the eager AddV2 op bar, narrower than its name, is labelled beside it
    item, box = next((i, b) for i, b in lecture_plot._labels if b.row == 2 and b.label == "AddV2")
    assert lecture_plot.placements[id(item)].mode in ("right", "left", "above")


def test_zooming_moves_labels_into_their_bars_and_keeps_them_all(qtbot, lecture_plot):
    kernels = sorted((b for _, b in lecture_plot._labels if b.row == 9), key=lambda b: b.x0)
    first = kernels[0]
    item = next(i for i, b in lecture_plot._labels if b is first)
    assert lecture_plot.placements[id(item)].mode != "inside"  # µs wide at the fit zoom
    lecture_plot.setXRange(first.x0 - first.width, first.x0 + 3 * first.width, padding=0)
    lecture_plot.grab()
    assert lecture_plot.placements[id(item)].mode == "inside"
    lecture_plot.setXRange(0, 50 * lecture_plot.scene_data.width_us, padding=0)  # far out
    lecture_plot.grab()
    check_every_named_bar_is_labelled(lecture_plot)


def test_a_narrow_plot_keeps_labels_apart(qtbot, lecture_plot):
    lecture_plot.resize(420, 560)
    lecture_plot.grab()
    texts = [it for it, _ in lecture_plot._labels] + [it for it, _ in lecture_plot._arrow_texts]
    shown = [text_scene_rect(it) for it in texts if it.isVisible()]
    assert len(shown) >= len(lecture_plot._labels) // 2
    for i, a in enumerate(shown):
        assert not any(a.intersects(b) for b in shown[i + 1:])
