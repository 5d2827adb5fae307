"""The graph view driven like a person: runs, file loads, bad files, folding, search, inspector,
lineage, level of detail and export. Big graphs and the viewport following the user:
test_graph_scene.py."""
from __future__ import annotations

import networkx as nx
import pytest
import tensorflow as tf  # noqa: F401  (a hard dependency: without it these tests fail, never skip)

from graphviz_app.core.examples import find_example
from graphviz_app.core.graph.model import GraphModel
from graphviz_app.core.run.runner import run_source
from tests.support import DATA


def scoped_model(groups: int = 30, per_group: int = 8) -> GraphModel:
    """A chain of name scopes, each a little chain of ops: more than 200 ops, so it opens folded."""
    g = nx.DiGraph()
    prev = None
    for i in range(groups):
        for j in range(per_group):
            name = f"model/block{i}/op{j}"
            g.add_node(name, op="Relu" if j % 2 else "MatMul", label=None, kind="op", inputs=[],
                       shapes=[[1, 8]], dtypes=["f32"], attrs={"T": "f32"})
            if prev is not None:
                g.add_edge(prev, name, tensor=f"{prev}:0", slot=0, control=False)
            prev = name
    return GraphModel(g, "scoped")


def show_model(view, model: GraphModel, key: str = "file:scoped") -> None:
    from graphviz_app.ui.graph.session import GraphSession

    view._sessions[key] = GraphSession(key, model)
    view.source_box.addItem(key, key)
    view._choose(key)


def node_titles(view) -> set[str]:
    return {b.title for b in view.session.layout.nodes}


def test_tf_function_graph_with_user_labels(graph_view, qtbot):
    ctx, view = graph_view
    report = run_source(None, find_example("seed_tf_function").source)
    ctx.publish_report(report)
    assert view.source_box.currentText().endswith("func")
    model = view.session.model
    # the view shows exactly the report's labels (label = op, e.g. "aa = Exp")
    expected = {f"{a['label']} = {a['op']}" if a.get("label") else a["op"] for _, a in model.graph.nodes(data=True)}
    assert node_titles(view) == expected
    assert {"Exp", "AddV2", "Sqrt"} <= {a["op"] for _, a in model.graph.nodes(data=True)}
    exp_name = next(n for n, a in model.graph.nodes(data=True) if a["op"] == "Exp")
    exp = view.session.engine.index[exp_name]
    with qtbot.waitSignal(ctx.line_selected) as line:
        view.select_item(exp)
    text = view.inspector_widget().text()
    assert "Exp" in text and "Inputs" in text and "f32[]" in text
    assert line.args == [model.graph.nodes[exp_name]["line"]]
    assert "Exp" in view._tooltip(exp)


def test_labels_from_report_json(graph_view):
    from types import SimpleNamespace

    ctx, view = graph_view
    graph = {"nodes": [{"name": "w", "op": "Placeholder", "label": None, "inputs": []},
                       {"name": "Exp", "op": "Exp", "label": "aa", "inputs": ["w"], "line": 10},
                       {"name": "Sqrt", "op": "Sqrt", "label": "cc", "inputs": ["Exp"], "line": 12}]}
    info = SimpleNamespace(name="func", graph=graph)
    ctx.publish_report(SimpleNamespace(functions=[info], eager_ops=[], tapes=[], graph_models={}))
    assert {"aa = Exp", "cc = Sqrt", "Placeholder"} == node_titles(view)


def test_eager_run_without_tf_function_shows_its_dataflow(graph_view):
    ctx, view = graph_view
    ctx.publish_report(run_source(None, find_example("seed_gradient").source))
    titles = node_titles(view)
    assert {"aa = Exp", "cc = Sqrt", "SqrtGrad", "Mul"} <= titles
    kinds = {view.session.model.graph.nodes[n]["kind"] for n in view.session.model.graph}
    assert "gradient" in kinds
    mul = next(b.item for b in view.session.layout.nodes if b.title == "Mul")
    assert "1.27556" in view._tooltip(mul)  # the eager value of dy/dw


def test_editor_line_highlights_its_nodes(graph_view):
    ctx, view = graph_view
    report = run_source(None, find_example("seed_tf_function").source)
    ctx.publish_report(report)
    exp = next(n for n, a in view.session.model.graph.nodes(data=True) if a["op"] == "Exp")
    line = view.session.model.graph.nodes[exp]["line"]
    ctx.line_selected.emit(line)
    item = view.scene.nodes[view.session.engine.index[exp]]
    assert item.pen().color().name() != item.base_pen.color().name()


def test_load_file_then_bad_files_keep_the_graph(graph_view, qtbot, tmp_path):
    ctx, view = graph_view
    with qtbot.waitSignal(view.ready, timeout=60000):
        view.open_source(str(DATA / "seed_func.pb"))
    assert view.is_ready() and "Sqrt" in {b.title for b in view.session.layout.nodes}
    shown = view.session.key
    cut = tmp_path / "cut.pb"
    cut.write_bytes((DATA / "seed_func.pb").read_bytes()[:100])
    folder = tmp_path / "not_a_model"
    folder.mkdir()
    broken = tmp_path / "broken.pbtxt"
    broken.write_text("node { name: 'a' op: 'Const' }}\n")
    for bad, words in ((cut, "cut.pb"), (folder, "not a SavedModel"), (broken, "line 1")):
        with qtbot.waitSignal(view.ready, timeout=60000):
            view.open_source(str(bad))
        assert words in view.message_text(), view.message_text()
        assert view.session.key == shown and len(view.scene.nodes) > 0


def test_load_can_be_cancelled(graph_view, qtbot):
    from graphviz_app.core.engine import probes

    ctx, view = graph_view
    ahead = ctx.engine.submit(probes.wait, 30)  # something ahead in the queue until we cancel
    view.open_source(str(DATA / "while_v1.pbtxt"))
    view.cancel_load()
    ahead.cancel()
    qtbot.waitUntil(view.is_ready, timeout=60000)
    assert view.session is None or view.session.key != f"file:{DATA / 'while_v1.pbtxt'}"


def test_big_graph_opens_folded_and_double_click_toggles(graph_view, qtbot):
    ctx, view = graph_view
    show_model(view, scoped_model())
    layout = view.session.layout
    groups = [b for b in layout.nodes if b.kind == "group"]
    assert groups and all(b.subtitle == "8 ops" for b in groups)
    bundled = [e for e in layout.edges if e.src in {g.item for g in groups}]
    assert bundled
    before = len(view.scene.nodes)
    view.toggle_group(groups[0].item)  # what a double-click does
    assert view.session.engine.is_expanded(groups[0].item)
    assert len(view.scene.nodes) == before + 8  # its ops, and the group became a frame
    view.toggle_group(groups[0].item)
    assert len(view.scene.nodes) == before
    view.expand_all()
    assert sum(1 for b in view.session.layout.nodes if b.kind == "node") == 240
    view.collapse_all()
    assert sum(1 for b in view.session.layout.nodes if b.kind == "node") == 0


def test_search_highlights_and_jumps_into_folded_groups(graph_view, qtbot):
    ctx, view = graph_view
    show_model(view, scoped_model())
    view.search.open_bar()
    qtbot.keyClicks(view.search.edit, "block7/op3")
    assert view.search.count.text() == "1 of 1"
    leaf = view.session.engine.index["model/block7/op3"]
    assert leaf in view.scene.nodes  # revealed: its group opened
    centre = view.canvas.mapToScene(view.canvas.viewport().rect().center())
    assert view.scene.item_rect(leaf).adjusted(-400, -400, 400, 400).contains(centre)
    view.search.edit.setText("matmul")
    assert view.search.count.text().endswith("of 120")
    view.search.step.emit(1)
    assert view.search.count.text().startswith("2 of")


def test_ancestors_and_descendants(graph_view):
    ctx, view = graph_view
    show_model(view, scoped_model(groups=3, per_group=4))  # 12 ops: opens expanded
    leaf = view.session.engine.index["model/block1/op1"]
    view.select_item(leaf)
    view.highlight_lineage(True)
    assert view.status.text() == "ancestors: 5"
    view.highlight_lineage(False)
    assert view.status.text() == "descendants: 6"
    dimmed = [it for it in view.scene.nodes.values() if it.opacity() < 1 and it.kind != "box"]
    assert len(dimmed) == 5  # the ancestors fade while descendants are shown
    view.clear_highlight()
    assert all(it.opacity() == 1 for it in view.scene.nodes.values())


def test_level_of_detail(graph_view):
    """A small graph keeps every item; text shows only where it can be read."""
    ctx, view = graph_view
    show_model(view, scoped_model())
    view.expand_all()
    assert not view.scene.is_lazy and len(view.scene.nodes) == len(view.session.layout.nodes)
    view.canvas.set_zoom(1.0)
    any_text = next(iter(view.scene.nodes.values())).texts[0]
    assert any_text.isVisible()
    view.canvas.set_zoom(0.2)
    assert not any_text.isVisible()
    view.canvas.set_zoom(0.05)
    assert not any_text.isVisible() and len(view.scene.nodes) == len(view.session.layout.nodes)
    view.canvas.set_zoom(1.0)
    assert any_text.isVisible()


def test_export_whole_graph_svg_and_png(graph_view, qtbot, tmp_path):
    from PySide6.QtGui import QImage

    from graphviz_app.ui.common.rendering import save_widget

    ctx, view = graph_view
    ctx.publish_report(run_source(None, find_example("seed_tf_function").source))
    with qtbot.waitSignal(view.ready):
        view.prepare_export({"expand": "all", "format": "svg"})
    widget = view.export_widget()
    rect = view.scene.sceneRect()
    legend_band = widget.height() - round(rect.height())  # the legend sits above the graph
    assert widget.width() == round(rect.width()) and 15 < legend_band < 100
    svg = save_widget(widget, tmp_path / "g.svg")
    assert "Sqrt" in svg.read_text() and "AddV2" in svg.read_text()
    assert "tensor" in svg.read_text() and "constant" in svg.read_text()  # the legend's words
    png = view.save_picture(str(tmp_path / "g.png"))
    img = QImage(str(png))
    assert img.width() == round(rect.width()) and img.height() == widget.height()
    colours = {img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}
    assert len(colours) > 5  # not blank


def test_graph_files_export(tmp_path):
    from graphviz_app.core.graph.export import export_graph
    from graphviz_app.core.graph.loaders import load_graph
    from graphviz_app.core.tasks import TaskContext

    model = load_graph(TaskContext(), str(DATA / "seed_func.pbtxt"))
    dot = export_graph(model, tmp_path / "g.dot").read_text()
    assert dot.startswith("digraph") and "Sqrt" in dot and "->" in dot
    graphml = export_graph(model, tmp_path / "g.graphml")
    back = nx.read_graphml(graphml)
    assert set(back.nodes) == set(model.graph.nodes)
    data = export_graph(model, tmp_path / "g.json")
    again = GraphModel.from_json_dict(__import__("json").loads(data.read_text()))
    assert set(again.graph.edges) == set(model.graph.edges)
    with pytest.raises(ValueError):
        export_graph(model, tmp_path / "g.txt")


def test_a_hidden_view_builds_nothing_until_shown(qtbot):
    from graphviz_app.ui.views.base import AppContext
    from graphviz_app.ui.views.graph.view import GraphView

    ctx = AppContext(engine=None)
    view = GraphView(ctx)
    qtbot.addWidget(view)
    ctx.publish_report(run_source(None, find_example("seed_gradient").source))
    assert view.source_box.currentData() == "fn:eager ops"
    assert view.session is None and view._sessions["fn:eager ops"]._model is None  # not even the model
    view.resize(900, 600)
    view.show()
    qtbot.waitUntil(lambda: view.session is not None)
    assert "aa = Exp" in node_titles(view) and view.pane.legend.isVisible()
    assert "gradient op" in view.pane.legend.entries()


def test_a_big_run_is_laid_out_on_the_engine_thread(graph_view, qtbot):
    from graphviz_app.ui.graph.pane import PREPARE_INLINE_MAX

    ctx, view = graph_view
    report = run_source(None, find_example("seed_linear_regression").source)
    assert len(report.eager_ops) > PREPARE_INLINE_MAX
    ctx.publish_report(report)
    # the GUI thread only queued the work: the canvas says so, the view is not ready
    assert view.pane.is_preparing() and view.pane.building.isVisible() and not view.is_ready()
    view.prepare_export({"format": "png"})  # an export asked meanwhile waits for the layout
    with qtbot.waitSignal(view.ready, timeout=60000):
        pass
    assert view.is_ready() and not view.pane.building.isVisible()
    assert view.session.key == "fn:eager ops" and view.session.prepared
    assert len(view.scene.nodes) == len(view.session.layout.nodes) > 0
    assert view.export_widget() is not view.canvas and view.export_widget().width() > 0  # the picture
    # later relayouts measure text on the GUI thread again
    group = next(b.item for b in view.session.layout.nodes if b.kind == "group")
    view.toggle_group(group)
    assert view.session.engine.is_expanded(group)


def test_folding_moves_unchanged_items_instead_of_rebuilding(graph_view):
    ctx, view = graph_view
    show_model(view, scoped_model())
    view.expand_all()
    engine = view.session.engine
    keep_leaf = engine.index["model/block20/op3"]
    before = view.scene.nodes[keep_leaf]
    leaf = engine.index["model/block5/op0"]
    block5 = engine.tree.ancestors(leaf)[0]
    assert engine.visible_item(leaf) == leaf and engine.is_expanded(block5)
    for _ in range(3):  # fold, open, fold
        view.toggle_group(block5)
    assert not engine.is_expanded(block5) and engine.visible_item(leaf) == block5
    assert view.scene.nodes[keep_leaf] is before  # moved, not rebuilt
    # every item is where the layout says, as if built afresh
    for b in view.session.layout.nodes:
        centre = view.scene.nodes[b.item].sceneBoundingRect().center()
        assert abs(centre.x() - b.x) < 1.5 and abs(centre.y() - b.y) < 1.5, b
    assert len(view.scene.edges) == len(view.session.layout.edges)
    for item, e in zip(view.scene.edges, view.session.layout.edges):
        start = item.mapToScene(item.path().elementAt(0).x, item.path().elementAt(0).y)
        assert abs(start.x() - e.points[0, 0]) < 0.01 and abs(start.y() - e.points[0, 1]) < 0.01
    items = {id(i) for i in view.scene.items()}
    assert all(id(n) in items for n in view.scene.nodes.values())
    assert len([i for i in view.scene.items() if i.parentItem() is None]) == \
        len(view.scene.nodes) + len(view.scene.edges)  # nothing stale left behind
