"""Cost on the graph view (issue 20), driven like a person: Profile a small .keras model on the
engine, colour the nodes by each metric with a legend, folded groups' totals, the top-ops table
(sorting, a row click selects the node), the hover text; the colours in both drawing paths of a
big layout (tiles far out, lazy items close up); bad inputs: unknown input sizes (a dialog asks),
a model that fails to run, a batch too big for the memory limit (as a problem, and as the
engine's watch killing the process), each time with the graph kept on screen."""
from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from graphviz_app.core.profile.graph_cost import GraphCost, totals_by_group
from tests.support import RUN_TIMEOUT_MS as TIMEOUT_MS
from tests.support.graphs import ASSERT_PBTXT

BUDGET_S = 0.2  # seconds of timed calls per profile: enough to test, cheap on a busy machine



@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A small conv net (.keras), a model with an unknown sequence length, a graph that fails."""
    import keras

    folder = tmp_path_factory.mktemp("cost_models")
    image = keras.Input((12, 12, 3), name="image")
    x = keras.layers.Conv2D(8, 3, activation="relu", name="conv")(image)
    x = keras.layers.MaxPooling2D(name="pool")(x)
    x = keras.layers.Flatten(name="flat")(x)
    x = keras.layers.Dense(32, activation="relu", name="hidden")(x)
    keras.Model(image, keras.layers.Dense(10, name="logits")(x), name="small").save(folder / "small.keras")
    seq = keras.Sequential([keras.Input((None, 8), name="tokens"), keras.layers.Dense(4, name="proj")])
    seq.save(folder / "tokens.keras")
    (folder / "fails.pbtxt").write_text(ASSERT_PBTXT, encoding="utf-8")
    return {"small": folder / "small.keras", "tokens": folder / "tokens.keras", "fails": folder / "fails.pbtxt"}


def make_view(qtbot, engine):
    from graphviz_app.ui.views.base import AppContext
    from graphviz_app.ui.views.graph.view import GraphView

    view = GraphView(AppContext(engine))
    view.profile_budget_s = BUDGET_S
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()
    return view


@pytest.fixture
def graph_view(qtbot, make_engine):
    engine = make_engine()
    engine.load_tensorflow()
    return make_view(qtbot, engine)


def load(qtbot, view, path) -> None:
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT_MS):
        view.open_source(str(path))
    assert view.session is not None and view.session.key == f"file:{path}", view.message_text()


def click_profile(qtbot, view, batch: int = 1) -> None:
    view.cost_bar.batch.setValue(batch)
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT_MS):
        qtbot.mouseClick(view.cost_bar.profile_button, Qt.MouseButton.LeftButton)


def choose_metric(view, metric) -> None:
    view.cost_bar.metric.setCurrentIndex(view.cost_bar.metric.findData(metric))


def click_item(qtbot, view, item: int, double: bool = False) -> None:
    """Click (or double-click) a node or group where it is on screen."""
    view.canvas.centerOn(view.scene.item_rect(item).center())
    at = view.canvas.mapFromScene(view.scene.item_rect(item).center())
    (qtbot.mouseDClick if double else qtbot.mouseClick)(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=at)


def fold_to_layers(qtbot, view) -> None:
    """Fold everything, then open the model's own scope: each layer is a folded group."""
    view.collapse_all()
    model = next(b.item for b in view.session.layout.nodes if b.kind == "group")
    click_item(qtbot, view, model, double=True)
    assert len([b for b in view.session.layout.nodes if b.kind == "group"]) >= 4


def visible_values(view, metric: str) -> dict[int, float]:
    """Each op and folded group on display -> its METRIC, from the profile and the core's sums
    (graph_cost.totals_by_group with the layout's op -> visible item mapping)."""
    engine, cost = view.session.engine, view.session.cost
    field = {"time": "time_us", "memory": "bytes", "flops": "flops", "params": "params"}[metric]
    visible = {o["name"]: engine.visible_item(engine.index[o["name"]]) for o in cost.ops}
    totals = totals_by_group(cost.ops, visible)
    return {b.item: totals.get(b.item, {}).get(field, 0) for b in view.session.layout.nodes
            if b.kind in ("node", "group")}


# ----- profiling and colours -------------------------------------------------------------------
def test_profile_colours_nodes_by_each_metric_with_a_legend_and_group_totals(graph_view, qtbot, files):
    from graphviz_app.ui.graph import style as st
    from graphviz_app.ui.graph.cost_overlay import format_value

    view = graph_view
    load(qtbot, view, files["small"])
    assert not view.cost_bar.metric.isEnabled(), "nothing to colour before a profile"
    click_profile(qtbot, view)
    cost = view.session.cost
    assert isinstance(cost, GraphCost), view.message_text()
    assert cost.params == 3 * 3 * 3 * 8 + 8 + 200 * 32 + 32 + 32 * 10 + 10  # the layers' weights
    assert view.cost_bar.current_metric() == "time" and view.top_ops.isVisible()
    fold_to_layers(qtbot, view)  # every layer's scope folded: their boxes carry the totals
    fills_by_metric = {}
    for metric in ("time", "memory", "flops", "params"):
        choose_metric(view, metric)
        values = visible_values(view, metric)
        top = max(values.values())
        assert top > 0, metric
        fills = {}
        for item_id, value in values.items():
            node = view.scene.nodes[item_id]
            colour = node.brush().color()
            fills[item_id] = colour.name()
            if value == top:
                assert colour == st.cost_colours()[-1], (metric, item_id)
            elif value == 0:
                assert colour == st.NO_COST
            else:
                assert colour != st.NO_COST
        fills_by_metric[metric] = fills
        legend = view.pane.cost_legend
        assert legend.isVisible() and legend.texts()[2] == format_value(metric, top)
        groups = [b for b in view.session.layout.nodes if b.kind == "group"]
        assert groups, "the folded layers"
        for b in groups:  # a folded group's subtitle starts with its total
            subtitle = view.scene.nodes[b.item].texts[1].text()
            assert subtitle.startswith(format_value(metric, values[b.item])[:4]), (subtitle, metric)
    assert len({tuple(sorted(f.items())) for f in fills_by_metric.values()}) == 4, "each metric colours differently"
    conv = next(b.item for b in view.session.layout.nodes if b.kind == "group" and "conv" in b.title)
    tip = view.canvas.tooltip_for(conv)
    assert "kernel time:" in tip and "FLOPs:" in tip and "parameters: 224" in tip  # 3*3*3*8 + 8
    choose_metric(view, None)
    assert not view.pane.cost_legend.isVisible()
    node = view.scene.nodes[conv]
    assert node.brush().color() == node.base_fill, "no colours: the kinds' own fills again"


def table_column(table, column: str) -> list[float]:
    """A column's numbers in the order the table shows its rows."""
    from graphviz_app.ui.views.graph.top_ops_model import COLUMNS, SORT_ROLE

    section = COLUMNS.index({"bytes": "memory"}.get(column, column))
    return [table.model.index(r, section).data(SORT_ROLE) for r in range(table.model.rowCount())]


def test_top_ops_table_sorts_by_each_column_and_a_row_selects_its_node(graph_view, qtbot, files):
    from graphviz_app.ui.views.graph.top_ops_model import COLUMNS, NAME_ROLE

    view = graph_view
    load(qtbot, view, files["small"])
    click_profile(qtbot, view)
    fold_to_layers(qtbot, view)
    table = view.top_ops
    ops = view.session.cost.ops
    by_name = {o["name"]: o for o in ops}
    names = table.names_in_order()
    times = [by_name[n]["time_us"] for n in names]
    assert times == sorted(times, reverse=True) and times[0] > 0, "slowest first"
    # an op a fused kernel absorbed is counted on the row of the op that ran it
    fused = [o for o in ops if o["fused_into"]]
    assert fused and not {o["name"] for o in fused} & set(names)
    for key in ("flops", "params", "bytes"):
        assert sum(table_column(table, key)) == sum(o[key] for o in ops if o[key]), key
    header = table.view.horizontalHeader()
    for column in ("flops", "params", "memory", "time"):
        section = COLUMNS.index(column)
        x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
        values = table_column(table, column)
        assert values in (sorted(values), sorted(values, reverse=True)), column
        assert values[0] != values[-1], column
    # a row of an op hidden in a folded group: clicking it opens the group and selects the op
    engine = view.session.engine
    hidden = [engine.visible_item(engine.index[n]) != engine.index[n] for n in table.names_in_order()]
    row = hidden.index(True)
    name = table.names_in_order()[row]
    rect = table.view.visualRect(table.model.index(row, 0))
    qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    leaf = engine.index[name]
    assert view._selected == leaf and engine.visible_item(leaf) == leaf
    assert name in view.inspector_widget().text()
    # and selecting a node in the graph selects its row
    other = next(n for n in table.names_in_order() if n != name)
    view.select_node_name(other)
    selected = table.view.selectionModel().selectedRows()
    assert [i.data(NAME_ROLE) for i in selected] == [other]


def test_overlay_colours_tiles_far_out_and_items_close_up(qtbot):
    """A layout big enough for tiles and lazy items: the same fills in both (no engine: the
    profile is made up, the drawing is what is tested)."""
    from PySide6.QtGui import QColor

    from graphviz_app.ui.graph import style as st
    from graphviz_app.ui.graph.session import GraphSession

    view = make_view(qtbot, None)
    g = nx.DiGraph()
    prev = None
    for i in range(120):
        for j in range(12):
            name = f"net/block{i}/op{j}"
            g.add_node(name, op="MatMul", label=None, kind="op", inputs=[], shapes=[[1, 8]], dtypes=["f32"], attrs={})
            if prev is not None:
                g.add_edge(prev, name, tensor=f"{prev}:0", slot=0, control=False)
            prev = name
    from graphviz_app.core.graph.model import GraphModel

    session = GraphSession("file:big.pb", GraphModel(g, "big"))
    ops = [{"name": n, "op": "MatMul", "group": n.rpartition("/")[0], "time_us": float(1 + k % 97),
            "bytes": 0, "output_bytes": 0, "flops": 0, "params": 0} for k, n in enumerate(g.nodes)]
    session.cost = GraphCost("big.pb", 1, 0, 0, 100.0, 100.0, 0, "output_shapes", ops=ops)
    view._sessions[session.key] = session
    view.source_box.addItem("big", session.key)
    view._choose(session.key)
    view.expand_all()
    assert view.scene.is_lazy
    choose_metric(view, "time")
    view.cost_bar.log.setChecked(False)
    # far out: tiles; the hottest op's pixels are the scale's top colour
    view.canvas.set_zoom(0.2)
    hot = max(range(len(ops)), key=lambda k: (ops[k]["time_us"], -k))
    leaf = view.session.engine.index[ops[hot]["name"]]
    rect = view.scene.item_rect(leaf)
    view.canvas.centerOn(rect.center())
    assert not view.scene.detail["items"]
    image = view.canvas.viewport().grab().toImage()
    at = view.canvas.mapFromScene(rect.center())
    assert QColor(image.pixel(at)) == st.cost_colours()[-1]
    # close up: lazy items wear the same fills
    view.canvas.set_zoom(1.0)
    view.canvas.centerOn(rect.center())
    item = view.scene.nodes[leaf]
    assert item.brush().color() == st.cost_colours()[-1]
    cold = view.session.engine.index[ops[0]["name"]]  # 1 µs: the scale's bottom end
    view.select_node_name(ops[0]["name"])
    assert view.scene.nodes[cold].brush().color() == st.cost_colours()[0]


# ----- bad inputs: the graph stays -------------------------------------------------------------
def test_unknown_input_sizes_are_asked_for_then_profiled(graph_view, qtbot, files):
    view = graph_view
    load(qtbot, view, files["tokens"])
    qtbot.mouseClick(view.cost_bar.profile_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.dims_dialog is not None, timeout=TIMEOUT_MS)
    dialog = view.dims_dialog
    assert list(dialog.spins) == [("tokens", 1)], "the sequence axis of 'tokens'"
    dialog.spins[("tokens", 1)].setValue(5)
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    cost = view.session.cost
    assert isinstance(cost, GraphCost), view.message_text()
    assert cost.flops == 2 * 5 * 8 * 4 + 5 * 4  # MatMul + BiasAdd on [1, 5, 8] tokens
    assert view.session.key == f"file:{files['tokens']}"


def test_a_model_that_fails_to_run_shows_tensorflows_message(graph_view, qtbot, files):
    view = graph_view
    load(qtbot, view, files["fails"])
    items = len(view.scene.nodes)
    click_profile(qtbot, view, batch=2)
    text = view.message_text()
    assert "The model failed to run" in text and "assertion failed" in text and "check/Assert" in text
    assert view.session.cost is None and len(view.scene.nodes) == items and view.session.key.endswith("fails.pbtxt")
    assert view.cost_bar.profile_button.isEnabled(), "it may be profiled again"


def test_a_batch_too_big_for_the_memory_limit_is_a_limit_and_the_graph_stays(graph_view, qtbot, files):
    """20 GB of inputs: the engine's allocation fails at once (its address space is capped a
    little above the memory limit), and the user hears the batch and the limit."""
    view = graph_view
    load(qtbot, view, files["small"])
    items = len(view.scene.nodes)
    click_profile(qtbot, view, batch=12_000_000)  # x 12x12x3 floats
    text = view.message_text()
    limit = view.ctx.engine.memory_limit / (1 << 30)
    assert "batch 12000000" in text and f"memory limit of {limit:.1f} GB" in text, text
    assert view.session.cost is None and len(view.scene.nodes) == items


def test_the_engine_killed_over_its_memory_limit_names_batch_and_limit(qtbot, make_engine, files):
    """Inputs that fit, activations that do not: the engine's watch kills the process mid-run;
    the view says why and keeps the graph, and the next profile runs on the new engine."""
    engine = make_engine(memory_limit=1400 << 20)
    engine.load_tensorflow()
    view = make_view(qtbot, engine)
    load(qtbot, view, files["small"])
    items = len(view.scene.nodes)
    with qtbot.waitSignal(engine.restarted, timeout=TIMEOUT_MS):
        click_profile(qtbot, view, batch=150000)  # 1.0 GB of inputs, 1.9 GB of conv output
    text = view.message_text()
    assert "batch 150000" in text and "memory limit of 1.4 GB" in text, text
    assert view.session.cost is None and len(view.scene.nodes) == items
    click_profile(qtbot, view, batch=2)
    assert isinstance(view.session.cost, GraphCost), view.message_text()
    assert np.isclose(sum(o["flops"] for o in view.session.cost.ops), view.session.cost.flops)


# ----- a run's tf.function ---------------------------------------------------------------------
def test_a_runs_tf_function_is_profiled_on_its_own_arguments_until_the_engine_restarts(graph_view, qtbot):
    from graphviz_app.core import jobs
    from graphviz_app.core.examples import load_source

    view = graph_view
    name, text = load_source("fused_dense")
    job = view.ctx.engine.submit(jobs.run_snippet, text, name)
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS) as run:
        pass
    view.ctx.publish_report(run.args[0])
    assert view.session.key == "fn:dense" and view.cost_bar.profile_button.isEnabled()
    assert not view.cost_bar.batch.isVisible(), "a tf.function keeps its own arguments"
    click_profile(qtbot, view)
    cost = view.session.cost
    assert isinstance(cost, GraphCost) and cost.batch is None, view.message_text()
    assert {o["name"] for o in cost.ops} == set(view.session.model.graph.nodes)
    assert cost.flops == 2 * 2 * 3 * 4 + 2 * 4, "MatMul [2,3]x[3,4] and BiasAdd"
    relu = view.session.engine.index["Relu"]
    assert view.scene.nodes[relu].brush().color() == view.scene.fill_of(relu)
    # the engine started again since the run: its tf.functions are gone; the view says so
    with qtbot.waitSignal(view.ctx.engine.restarted, timeout=TIMEOUT_MS):
        view.ctx.engine.restart("test")
    qtbot.mouseClick(view.cost_bar.profile_button, Qt.MouseButton.LeftButton)
    assert "run the snippet again" in view.message_text() and not view.is_profiling()
    assert view.session.cost is cost, "the profile on display stays"
