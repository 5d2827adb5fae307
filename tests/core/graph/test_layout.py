"""The layered layout and scope folding, checked geometrically: no overlapping boxes, no edge
through a box, on every bundled example's graphs and on ResNet50; and compact (issue 18): frames
as wide as their content, side inputs beside their consumer, chains taller than wide, a bounded
area, nothing running upward."""
from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from graphviz_app.core.graph.group_layout import MIN_FRAME
from graphviz_app.core.graph.layered import break_cycles, layered_layout
from graphviz_app.core.graph.layout import GraphLayoutEngine
from graphviz_app.core.graph.layout_data import LayoutOptions
from graphviz_app.core.graph.model import GraphModel
from graphviz_app.core.graph.quality import measure
from graphviz_app.core.tasks import TaskContext
from tests.support.layout_geometry import edges_through_boxes, overlapping_boxes


def model_of(edges: list[tuple[str, str]], ops: dict[str, str] | None = None,
             control: set[tuple[str, str]] | None = None) -> GraphModel:
    g = nx.DiGraph()
    for u, v in edges:
        for name in (u, v):
            if name not in g:
                g.add_node(name, op=(ops or {}).get(name, "Op"), label=None, kind="op", inputs=[],
                           shapes=[], dtypes=[], attrs={})
        g.add_edge(u, v, tensor=f"{u}:0", slot=0, control=(u, v) in (control or ()))
    return GraphModel(g, "test")


def assert_clean(layout) -> None:
    assert overlapping_boxes(layout) == []
    assert edges_through_boxes(layout) == []


def test_chain_goes_down_and_is_straight():
    r = layered_layout(4, [0, 1, 2], [1, 2, 3], [60] * 4, [30] * 4)
    assert list(r.layer) == [0, 1, 2, 3]
    assert np.allclose(r.x, r.x[0]) and np.all(np.diff(r.y) > 0)


def test_long_edge_gets_dummies_and_routes_around():
    # a -> b -> c -> d and a -> d: the long edge must not cross b or c
    r = layered_layout(4, [0, 1, 2, 0], [1, 2, 3, 3], [80] * 4, [30] * 4)
    assert r.dummy_count == 2
    pts = r.points(3)
    for node in (1, 2):
        inside = (np.abs(pts[:, 0] - r.x[node]) < 40) & (np.abs(pts[:, 1] - r.y[node]) < 15)
        assert not inside.any()


def test_cycles_are_broken_not_fatal():
    rev = break_cycles(3, np.array([0, 1, 2]), np.array([1, 2, 0]))
    assert rev.sum() == 1
    r = layered_layout(3, [0, 1, 2], [1, 2, 0], [50] * 3, [30] * 3)
    assert r.reversed.sum() == 1 and len(set(r.layer.tolist())) == 3


def test_deterministic():
    rng = np.random.default_rng(0)
    src, dst = rng.integers(0, 60, 150), rng.integers(0, 60, 150)
    a = layered_layout(60, src, dst, [70] * 60, [30] * 60)
    b = layered_layout(60, src, dst, [70] * 60, [30] * 60)
    assert np.array_equal(a.x, b.x) and np.array_equal(a.edge_points, b.edge_points)


def test_random_graphs_are_clean():
    rng = np.random.default_rng(7)
    for _trial in range(25):
        n = int(rng.integers(3, 80))
        m = int(rng.integers(1, 3 * n))
        names = [f"s{int(rng.integers(0, 4))}/t{int(rng.integers(0, 3))}/n{i}" for i in range(n)]
        edges = [(names[int(a)], names[int(b)]) for a, b in zip(rng.integers(0, n, m), rng.integers(0, n, m))
                 if a != b]
        if not edges:
            continue
        engine = GraphLayoutEngine(model_of(edges))
        engine.expand_all()
        assert_clean(engine.layout())
        engine.collapse_all()
        assert_clean(engine.layout())


def test_folding_bundles_edges_and_relayouts_only_the_changed_group():
    edges = [(f"a/x{i}", f"a/x{i + 1}") for i in range(5)] + [("a/x5", "b/y0")] + \
        [(f"b/y{i}", f"b/y{i + 1}") for i in range(4)] + [("a/x0", "b/y3")]
    engine = GraphLayoutEngine(model_of(edges))
    engine.collapse_all()
    folded = engine.layout()
    groups = {b.title: b for b in folded.nodes if b.kind == "group"}
    assert set(groups) == {"a", "b"} and groups["a"].subtitle == "6 ops"
    bundle = [e for e in folded.edges if {e.src, e.dst} == {groups["a"].item, groups["b"].item}]
    assert len(bundle) == 1 and bundle[0].count == 2
    a_id, b_id = groups["a"].item, groups["b"].item
    engine.set_expanded(b_id, True)
    engine.layout()
    cached_b = engine._cache[b_id]  # an open group's own layout is kept
    engine.set_expanded(a_id, True)
    engine.layout()
    assert engine._cache[b_id] is cached_b  # opening a did not lay out b again
    layout_a = engine._cache[a_id]
    engine.set_expanded(b_id, False)
    engine.layout()
    assert engine._cache[a_id] is layout_a  # folding b re-lays out b's ancestors only
    assert_clean(engine.layout())


def test_left_to_right_is_clean_and_wide():
    edges = [(f"g/n{i}", f"g/n{i + 1}") for i in range(6)]
    engine = GraphLayoutEngine(model_of(edges), LayoutOptions(rankdir="LR"))
    layout = engine.layout()
    assert layout.width > layout.height
    assert_clean(layout)


def test_inline_constants_hides_single_use_constants():
    m = model_of([("c", "add"), ("x", "add")], {"c": "Const", "add": "AddV2", "x": "Placeholder"})
    m.graph.nodes["c"]["kind"] = "const"
    engine = GraphLayoutEngine(m, LayoutOptions(inline_constants=True))
    layout = engine.layout()
    titles = {b.title: b for b in layout.nodes}
    assert "Const" not in titles and "+1 const" in titles["AddV2"].subtitle


@pytest.fixture(scope="module")
def example_reports():
    from graphviz_app.core.examples import list_examples
    from graphviz_app.core.run.runner import run_source

    return [(ex.name, run_source(TaskContext(), ex.source, name=ex.name)) for ex in list_examples()]


def test_every_bundled_example_graph_is_clean(example_reports):
    checked = 0
    for name, report in example_reports:
        models = list((getattr(report, "graph_models", None) or {}).values())
        models += [GraphModel.from_json_dict(f.graph) for f in report.functions]
        if report.eager_ops:
            models.append(GraphModel.from_eager_ops(report.eager_ops))
        for model in models:
            for rankdir in ("TB", "LR"):
                engine = GraphLayoutEngine(model, LayoutOptions(rankdir=rankdir, inline_constants=False))
                engine.expand_all()
                layout = engine.layout()
                assert len([b for b in layout.nodes if b.kind == "node"]) == len(model), name
                assert_clean(layout)
                checked += 1
    assert checked >= 10


@pytest.fixture(scope="module")
def resnet50_model():
    import keras
    import tensorflow as tf

    net = keras.applications.ResNet50(weights=None)
    fn = tf.function(lambda x: net(x))
    graph = fn.get_concrete_function(tf.TensorSpec([1, 224, 224, 3], tf.float32)).graph
    return GraphModel.from_graph_def(graph.as_graph_def(add_shapes=True), name="resnet50")


def test_resnet50_layouts_are_clean(resnet50_model):
    assert len(resnet50_model) > 1800
    engine = GraphLayoutEngine(resnet50_model, LayoutOptions(inline_constants=False))
    first = engine.layout()
    assert len(first.nodes) <= 60  # opens folded
    assert_clean(first)
    engine.expand_all()
    full = engine.layout()
    assert len([b for b in full.nodes if b.kind == "node"]) == len(resnet50_model)
    assert_clean(full)
    names = list(resnet50_model.graph.nodes)
    index = {n: i for i, n in enumerate(names)}
    src = [index[u] for u, _ in resnet50_model.graph.edges]
    dst = [index[v] for _, v in resnet50_model.graph.edges]
    flat = layered_layout(len(names), src, dst, [90] * len(names), [34] * len(names))
    assert flat.height > 0 and len(set(zip(flat.x.round(1), flat.y.round(1)))) == len(names)


def test_big_graphs_draw_single_use_constants_inline_by_default(resnet50_model):
    engine = GraphLayoutEngine(resnet50_model)
    assert engine.options.inline_constants and len(engine.hidden) > 200
    engine.expand_all()
    layout = engine.layout()
    assert any("const" in b.subtitle for b in layout.nodes if b.kind == "node")
    assert_clean(layout)


# ----- compact (issue 18) ----------------------------------------------------------------------
def weight_read(edges: list, ops: dict, reads: list, scope: str, consumer: str) -> None:
    """A variable read as a tf.function traces it: resource Placeholder -> ReadVariableOp -> op."""
    resource, read = f"{scope}/ReadVariableOp/resource", f"{scope}/ReadVariableOp"
    ops[resource], ops[read] = "Placeholder", "ReadVariableOp"
    edges += [(resource, read), (read, consumer)]
    reads.append(read)


def keras_layers(edges: list, ops: dict, reads: list, layer: str, x: str) -> str:
    """conv, batch norm and relu named and wired as keras 3 traces ResNet50's (ops, reads and
    shape constants in the layer scopes ``{layer}_conv_1``, ``{layer}_bn_1``, ``{layer}_relu_1``)."""
    c = f"{layer}_conv_1"
    conv, reshape, squeeze, bias = f"{c}/convolution", f"{c}/Reshape", f"{c}/Squeeze", f"{c}/BiasAdd"
    ops.update({conv: "Conv2D", reshape: "Reshape", squeeze: "Squeeze", bias: "BiasAdd",
                f"{reshape}/shape": "Const"})
    edges += [(x, conv), (conv, bias), (f"{reshape}/shape", reshape), (reshape, squeeze), (squeeze, bias)]
    weight_read(edges, ops, reads, conv, conv)
    weight_read(edges, ops, reads, reshape, reshape)
    bn = f"{layer}_bn_1"
    add, rsqrt, mul, mul1, mul2, sub, out = (f"{bn}/batchnorm/{k}" for k in ("add", "Rsqrt", "mul", "mul_1",
                                                                             "mul_2", "sub", "add_1"))
    ops.update({add: "AddV2", rsqrt: "Rsqrt", mul: "Mul", mul1: "Mul", mul2: "Mul", sub: "Sub", out: "AddV2",
                f"{add}/y": "Const"})
    edges += [(f"{add}/y", add), (add, rsqrt), (rsqrt, mul), (mul, mul1), (bias, mul1), (mul, mul2),
              (mul2, sub), (mul1, out), (sub, out)]
    for cast, reshaped, consumer in (("Cast", "Reshape", mul2), ("Cast_1", "Reshape_1", add),
                                     ("Cast_2", "Reshape_3", mul), ("Cast_3", "Reshape_2", sub)):
        r = f"{bn}/{reshaped}"
        ops.update({r: "Reshape", f"{r}/shape": "Const"})
        edges += [(f"{r}/shape", r), (r, consumer)]
        weight_read(edges, ops, reads, f"{bn}/{cast}", r)
    relu = f"{layer}_relu_1/Relu"
    ops[relu] = "Relu"
    edges.append((out, relu))
    return relu


def resnet_like(blocks: int) -> GraphModel:
    """Residual blocks of conv-bn-relu layers as keras traces them (all layers side by side in the
    model's scope), every variable read ordered before the function's final NoOp."""
    edges, ops, reads = [], {"x": "Placeholder", "NoOp": "NoOp"}, []
    x = "x"
    for i in range(blocks):
        y = x
        for j in (1, 2, 3):
            y = keras_layers(edges, ops, reads, f"resnet/conv2_block{i}_{j}", y)
        add = f"resnet/conv2_block{i}_add_1/add"
        ops[add] = "AddV2"
        edges += [(y, add), (x, add)]
        x = add
    control = {(read, "NoOp") for read in reads}
    return model_of(edges + sorted(control), ops, control)


def test_frame_is_no_wider_than_its_content():
    title = "a_scope_whose_name_is_far_wider_than_the_three_small_ops_inside_it"
    edges = [("in", f"{title}/x0"), (f"{title}/x0", f"{title}/x1"), (f"{title}/x1", f"{title}/x2")]
    engine = GraphLayoutEngine(model_of(edges))
    engine.expand_all()
    layout = engine.layout()
    frame = next(b for b in layout.nodes if b.kind == "box")
    inside = [b for b in layout.nodes if b.kind == "node" and engine.names[b.item].startswith(title)]
    content = max(b.x + b.w / 2 for b in inside) - min(b.x - b.w / 2 for b in inside)
    assert frame.title == title  # the whole title: the scene elides it to the frame's width
    assert frame.w <= max(content + 2 * engine.options.group_pad, MIN_FRAME) + 1.0
    assert frame.w < engine.options.text_width(title, True)
    assert_clean(layout)


def test_side_inputs_sit_on_their_consumers_rank_and_keep_the_column_straight():
    chain = [f"x{i}" for i in range(6)]
    bare_edges = list(zip(chain, chain[1:]))
    edges, ops, reads = list(bare_edges), {"c": "Const"}, []
    weight_read(edges, ops, reads, "w", "x3")
    edges.append(("c", "x4"))
    engine = GraphLayoutEngine(model_of(edges, ops))
    layout = engine.layout()
    at = {engine.names[b.item]: b for b in layout.nodes}
    resource, read = "w/ReadVariableOp/resource", "w/ReadVariableOp"
    assert at[resource].y == at[read].y == at["x3"].y  # no rank of their own
    assert at["c"].y == at["x4"].y
    for side, consumer in ((read, "x3"), ("c", "x4")):  # beside, not on top of it
        s, c = at[side], at[consumer]
        assert s.x + s.w / 2 <= c.x - c.w / 2 or s.x - s.w / 2 >= c.x + c.w / 2
    assert len({round(b.y) for b in layout.nodes}) == len(chain)
    bare = GraphLayoutEngine(model_of(bare_edges)).layout()
    assert layout.height == pytest.approx(bare.height)
    xs = [at[c].x for c in chain]
    assert max(xs) - min(xs) < 1.0  # the column runs straight: the side inputs did not push it
    assert measure(layout).upward == 0
    assert_clean(layout)


def test_a_chain_of_blocks_is_taller_than_wide():
    edges, ops, reads = [], {"input": "Placeholder"}, []
    x = "input"
    for i in range(12):
        x = keras_layers(edges, ops, reads, f"model/stage{i}", x)
    engine = GraphLayoutEngine(model_of(edges, ops))
    engine.expand_all()
    layout = engine.layout()
    assert layout.height > 3 * layout.width
    assert measure(layout).upward == 0
    assert_clean(layout)


def test_resnet_like_graph_fully_open_is_compact():
    engine = GraphLayoutEngine(resnet_like(8))
    engine.expand_all()
    layout = engine.layout()
    q = measure(layout)
    assert q.items == len(engine.names) - len(engine.hidden)
    # ResNet50's target is 40x; this graph measured 41x before side inputs, ports lined up and
    # collector edges (issue 18), 22-26x after
    assert q.area_ratio <= 32.0
    assert q.aspect > 1.0 and q.upward == 0
    assert_clean(layout)


def test_no_route_runs_upward_in_a_dag_with_every_group_open():
    rng = np.random.default_rng(3)
    for _trial in range(12):
        n = int(rng.integers(20, 120))
        # scopes over runs of consecutive nodes in topological order: every group is convex
        names = [f"s{i // 17}/t{i // 5}/n{i}" for i in range(n)]
        edges = set()
        for v in range(1, n):
            for u in rng.choice(v, size=min(v, int(rng.integers(1, 4))), replace=False).tolist():
                edges.add((names[u], names[v]))
        engine = GraphLayoutEngine(model_of(sorted(edges)))
        engine.expand_all()
        layout = engine.layout()
        assert measure(layout).upward == 0
        assert_clean(layout)
