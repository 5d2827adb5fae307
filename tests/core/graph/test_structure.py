"""Structure-aware grouping (scopes.py, structure.py, stages.py, twins.py): every group convex at
every level, stages in flow order, twins and runs of twins found, and the folded first view small
and free of upward routes, on graphs whose names say nothing or say the wrong thing."""
from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx
import numpy as np
import pytest

from graphviz_app.core.graph.layout import FIRST_VIEW_ITEMS, GraphLayoutEngine
from graphviz_app.core.graph.layout_data import LayoutOptions
from graphviz_app.core.graph.model import GraphModel
from graphviz_app.core.graph.quality import measure
from graphviz_app.core.graph.scopes import ScopeTree
from graphviz_app.core.graph.stages import flow_order


def model_of(nodes: dict[str, str], edges: list[tuple[str, str]]) -> GraphModel:
    """nodes: name -> op type."""
    g = nx.DiGraph()
    for name, op in nodes.items():
        g.add_node(name, op=op, label=None, kind="op", inputs=[], shapes=[], dtypes=[], attrs={})
    for u, v in edges:
        g.add_edge(u, v, tensor=f"{u}:0", slot=0, control=False)
    return GraphModel(g, "test")


def deep_dag(n: int, seed: int, name) -> GraphModel:
    """A deep, narrow DAG like a network's: each op reads one or two of the few ops before it."""
    rng = np.random.default_rng(seed)
    names = [name(i, rng) for i in range(n)]
    ops = ["Conv2D", "Relu", "AddV2", "MatMul", "BiasAdd"]
    nodes = {nm: ops[int(rng.integers(len(ops)))] for nm in names}
    edges = []
    for i in range(1, n):
        for j in set(rng.integers(max(0, i - 6), i, size=int(rng.integers(1, 3))).tolist()):
            edges.append((names[j], names[i]))
    return model_of(nodes, edges)


def interleaved(i, rng) -> str:
    """Name scopes that do not follow the flow: every scope holds ops from all over the graph."""
    return f"s{int(rng.integers(5))}/t{int(rng.integers(3))}/op{i}"


def nameless(i, rng) -> str:
    return f"{int(rng.integers(1 << 30)):08x}_{i}"


def quotients(tree: ScopeTree) -> dict[int, set[tuple[int, int]]]:
    """Per group: the edges between its children."""
    out: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for lca, cu, cv in zip(tree.edge_lca.tolist(), tree.edge_cu.tolist(), tree.edge_cv.tolist()):
        if cu != cv:
            out[lca].add((cu, cv))
    return out


def leaves_under(tree: ScopeTree, gid: int) -> set[int]:
    out, stack = set(), [gid]
    while stack:
        for c in tree.groups[stack.pop()].children:
            (out.add(c) if c < tree.n else stack.append(c))
    return out


def assert_convex_everywhere(engine: GraphLayoutEngine) -> None:
    """At every group the children's quotient graph is acyclic, and no path leaves a group and
    comes back into it."""
    tree = engine.tree
    graph = nx.DiGraph()
    graph.add_nodes_from(range(tree.n))
    graph.add_edges_from(zip(tree.edge_src.tolist(), tree.edge_dst.tolist()))
    for gid, pairs in quotients(tree).items():
        q = nx.DiGraph(list(pairs))
        assert nx.is_directed_acyclic_graph(q), tree.groups[gid].name
    for gid in tree.groups:
        if gid == tree.root:
            continue
        inside = leaves_under(tree, gid)
        out = {v for u in inside for v in graph.successors(u)} - inside
        reached = set(out)
        for v in out:
            reached |= nx.descendants(graph, v)
        assert not reached & inside, f"{tree.groups[gid].name} is not convex"


def assert_tree_holds_every_leaf_once(tree: ScopeTree) -> None:
    seen = Counter(c for g in tree.groups.values() for c in g.children if c < tree.n)
    assert set(seen) == set(range(tree.n)) and set(seen.values()) == {1}
    for gid, g in tree.groups.items():
        assert g.gid == gid and (gid == tree.root or tree.groups[g.parent].children.count(gid) == 1)
        assert g.leaf_count == len(leaves_under(tree, gid)) and (g.title or gid == tree.root)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_group_is_convex_when_scopes_interleave_along_the_flow(seed):
    engine = GraphLayoutEngine(deep_dag(600, seed, interleaved))
    assert_tree_holds_every_leaf_once(engine.tree)
    assert_convex_everywhere(engine)
    # the scopes' names lie, so groups come from the flow: stages made at the top levels
    assert any(g.kind == "stage" for g in engine.tree.groups.values())


def test_stages_follow_the_flow_order():
    engine = GraphLayoutEngine(deep_dag(800, 4, nameless))
    tree = engine.tree
    pairs = quotients(tree)
    checked = 0
    for gid, g in tree.groups.items():
        if any(c >= tree.n and tree.groups[c].virtual for c in g.children):
            position = {c: i for i, c in enumerate(g.children)}
            assert all(position[a] < position[b] for a, b in pairs[gid]), g.title
            checked += 1
    assert checked >= 3
    # the order itself: a topological order of a DAG, blocks (here: a diamond) kept whole
    order = flow_order(6, [0, 0, 1, 2, 3, 4], [1, 2, 3, 3, 4, 5])
    assert order.index(1) < order.index(3) and order.index(2) < order.index(3) and order[-1] == 5


def cells(names, ops_of) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Cells chained one after the other: in -> a -> b -> add, in -> c -> add; add feeds the
    next cell. ops_of(k) gives the op types (a, b, c, add) of cell k, names(k, part) its names."""
    nodes = {"input": "Placeholder"}
    edges = []
    prev = "input"
    k = 0
    while True:
        ops = ops_of(k)
        if ops is None:
            break
        a, b, c, add = (names(k, part) for part in "abcd")
        nodes.update({a: ops[0], b: ops[1], c: ops[2], add: ops[3]})
        edges += [(prev, a), (a, b), (b, add), (prev, c), (c, add)]
        prev = add
        k += 1
    nodes["output"] = "Identity"
    edges.append((prev, "output"))
    return nodes, edges


def known_repeats(k: int):
    """Cells 0..7 alike, then two cells unlike them and each other."""
    if k < 8:
        return ["Conv2D", "Relu", "Conv2D", "AddV2"]
    return {8: ["MatMul", "Sigmoid", "MatMul", "Mul"], 9: ["MatMul", "Tanh", "BiasAdd", "AddV2"]}.get(k)


def test_twins_and_their_run_are_found_without_names():
    rng = np.random.default_rng(0)
    flat = {}  # no structure in the names at all

    def name(k, part):
        return flat.setdefault((k, part), f"x{int(rng.integers(1 << 30)):08x}")

    model = model_of(*cells(name, known_repeats))
    tree = GraphLayoutEngine(model, LayoutOptions(inline_constants=False)).tree
    index = {n: i for i, n in enumerate(model.graph.nodes)}
    cell_of = {}
    for k in range(10):
        leaves = {index[name(k, p)] for p in "abcd"}
        cell_of[k] = next(g for g in tree.groups if g != tree.root and leaves_under(tree, g) == leaves)
    keys = [tree.structure_of(cell_of[k]) for k in range(10)]
    assert len({key for key, _ in keys[:8]}) == 1 and keys[0][1] == 8
    assert keys[8][0] not in {keys[0][0], keys[9][0]} and keys[8][1] == keys[9][1] == 1
    assert [tree.groups[cell_of[k]].title for k in range(8)] == [f"block {k + 1} of 8" for k in range(8)]
    run = tree.groups[tree.groups[cell_of[0]].parent]
    assert run.kind == "run" and run.children == [cell_of[k] for k in range(8)] and run.title == "block ×8"
    # folded it is one item; expanding it shows the eight cells
    engine = GraphLayoutEngine(model, LayoutOptions(inline_constants=False))
    engine.collapse_all()
    for g in tree.ancestors(run.gid):
        engine.set_expanded(g, True)
    titles = [b.title for b in engine.layout().nodes if b.kind == "group"]
    assert "block ×8" in titles and "block 1 of 8" not in titles
    engine.set_expanded(run.gid, True)
    boxes = {b.title: b for b in engine.layout().nodes}
    assert boxes["block ×8"].kind == "box" and boxes["block 3 of 8"].twins == 8


def test_named_twins_keep_their_names_and_fold_into_a_run():
    def name(k, part):
        return f"model/cell{k}/{part}"

    model = model_of(*cells(name, known_repeats))
    tree = GraphLayoutEngine(model).tree
    runs = [g for g in tree.groups.values() if g.kind == "run"]
    assert len(runs) == 1 and runs[0].title == "cell ×8"
    assert [tree.groups[c].title for c in runs[0].children] == [f"cell{k}" for k in range(8)]
    assert {tree.structure_of(c)[1] for c in runs[0].children} == {8}


def test_a_scope_called_twice_is_not_kept_as_one_group():
    """Like a Keras layer used twice: its ops sit on both sides of the ops between the calls."""
    nodes = {"in": "Placeholder", "shared/w": "Const", "shared/mm": "MatMul", "shared/add": "AddV2",
             "mid/a": "Relu", "mid/b": "Relu", "mid/c": "Tanh", "shared/mm_1": "MatMul",
             "shared/add_1": "AddV2", "out": "Identity"}
    edges = [("in", "shared/mm"), ("shared/w", "shared/mm"), ("shared/mm", "shared/add"),
             ("shared/add", "mid/a"), ("mid/a", "mid/b"), ("mid/b", "mid/c"), ("mid/c", "shared/mm_1"),
             ("shared/w", "shared/mm_1"), ("shared/mm_1", "shared/add_1"), ("shared/add_1", "out")]
    engine = GraphLayoutEngine(model_of(nodes, edges))
    assert "shared" not in {g.name for g in engine.tree.groups.values()}
    assert "mid" in {g.name for g in engine.tree.groups.values()}  # a convex scope stays
    assert_convex_everywhere(engine)


@pytest.mark.parametrize("name", [nameless, interleaved])
def test_big_graphs_fold_small_with_no_route_upward(name):
    model = deep_dag(3000, 5, name)
    engine = GraphLayoutEngine(model)
    first = measure(engine.layout())
    assert 1 < first.items <= 60 and first.upward == 0
    tree = engine.tree
    assert all(len(g.children) <= 20 for g in tree.groups.values())  # every level stays small
    engine.expand_all()
    full = measure(engine.layout())
    assert full.items == len(model) - len(engine.hidden) and full.upward <= 0.01 * full.routes
    leaf = engine.index[list(model.graph.nodes)[1234]]
    engine.fold_to_budget(FIRST_VIEW_ITEMS)
    assert engine.visible_item(leaf) != leaf
    engine.reveal(leaf)
    assert engine.visible_item(leaf) == leaf and engine.layout().index.get(leaf) is not None


def test_cycles_in_the_graph_still_give_a_tree():
    model = deep_dag(400, 6, interleaved)
    names = list(model.graph.nodes)
    for i in range(20, 400, 37):  # back edges: the graph is no longer a DAG
        model.graph.add_edge(names[i], names[i - 15], tensor="x:0", slot=0, control=False)
    engine = GraphLayoutEngine(model)
    assert not engine.tree.acyclic
    assert_tree_holds_every_leaf_once(engine.tree)
    engine.expand_all()
    assert measure(engine.layout()).items == len(names) - len(engine.hidden)


@pytest.fixture(scope="module")
def nasnet_mobile():
    keras = pytest.importorskip("keras")
    import tensorflow as tf

    net = keras.applications.NASNetMobile(weights=None)
    fn = tf.function(lambda x: net(x))
    graph = fn.get_concrete_function(tf.TensorSpec([1, 224, 224, 3], tf.float32)).graph
    return GraphModel.from_graph_def(graph.as_graph_def(), name="nasnetmobile")


def test_nasnet_cells_are_found_and_every_view_flows_down(nasnet_mobile):
    """A real model whose layer names do not nest (separable_conv_1_normal_left1_3 ...)."""
    engine = GraphLayoutEngine(nasnet_mobile)
    first = measure(engine.layout())
    assert first.items <= 60 and first.upward == 0
    assert_convex_everywhere(engine)
    tree = engine.tree
    cells = [g for g in tree.groups.values() if g.leaf_count >= 100 and tree.structure_of(g.gid)[1] >= 4]
    assert len(cells) >= 8 and any(g.title.startswith("normal block ") for g in cells)
    assert any(g.kind == "run" and "×" in g.title for g in tree.groups.values())
    engine.expand_all()
    full = measure(engine.layout())
    assert full.upward <= 0.01 * full.routes and full.aspect > 1.0
