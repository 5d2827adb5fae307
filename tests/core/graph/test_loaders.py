"""Every graph loader on real files, and each kind of bad input with its message."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from graphviz_app.core.errors import CancelledError
from graphviz_app.core.graph.layout import GraphLayoutEngine
from graphviz_app.core.graph.loaders import GraphLoadError, is_graph_source, load_graph
from graphviz_app.core.tasks import TaskContext
from tests.support import DATA


def ops(model) -> set[str]:
    return {a["op"] for _, a in model.graph.nodes(data=True)}


@pytest.fixture(scope="module")
def saved_model_dir(tmp_path_factory) -> Path:
    import tensorflow as tf

    class Affine(tf.Module):
        def __init__(self):
            super().__init__()
            self.w = tf.Variable([[2.0], [3.0]], name="w")
            self.b = tf.Variable([1.0], name="b")

        @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32)])
        def __call__(self, x):
            return tf.nn.relu(tf.matmul(x, self.w) + self.b)

    path = tmp_path_factory.mktemp("sm") / "affine"
    module = Affine()
    tf.saved_model.save(module, str(path), signatures=module.__call__)
    return path


@pytest.fixture(scope="module")
def keras_file(tmp_path_factory) -> Path:
    import keras

    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="relu", name="hidden"),
                              keras.layers.Dense(1, name="out")])
    path = tmp_path_factory.mktemp("keras") / "tiny.keras"
    model.save(str(path))
    return path


def test_graphdef_binary_and_text_agree():
    a = load_graph(TaskContext(), str(DATA / "seed_func.pb"))
    b = load_graph(TaskContext(), str(DATA / "seed_func.pbtxt"))
    assert set(a.graph.nodes) == set(b.graph.nodes)
    assert {"Exp", "AddV2", "Sqrt", "ReadVariableOp"} <= ops(a)
    exp = next(n for n, d in a.graph.nodes(data=True) if d["op"] == "Exp")
    assert a.graph.nodes[exp]["dtypes"] == ["f32"] and a.graph.nodes[exp]["shapes"] == [[]]


def test_progress_is_reported_and_cancel_stops_loading():
    seen = []
    load_graph(TaskContext(progress=seen.append), str(DATA / "seed_func.pb"))
    assert seen[-1] == 1.0 and seen == sorted(seen)
    ctx = TaskContext()
    ctx.cancel()
    with pytest.raises(CancelledError):
        load_graph(ctx, str(DATA / "seed_func.pb"))


def test_tf1_while_loop_cycle_is_broken_not_fatal():
    model = load_graph(TaskContext(), str(DATA / "while_v1.pbtxt"))
    assert "NextIteration" in ops(model)
    import networkx as nx

    assert not nx.is_directed_acyclic_graph(model.graph)
    engine = GraphLayoutEngine(model)
    layout = engine.layout()
    assert len([b for b in layout.nodes if b.kind == "node"]) == len(model)


def test_saved_model_calls_are_inlined(saved_model_dir):
    model = load_graph(TaskContext(), str(saved_model_dir))
    found = ops(model)
    assert {"MatMul", "Relu"} <= found, found
    assert not found & {"StatefulPartitionedCall", "PartitionedCall"}
    # save/restore machinery is pruned away
    assert "SaveV2" not in found and "RestoreV2" not in found
    matmul = next(n for n, d in model.graph.nodes(data=True) if d["op"] == "MatMul")
    assert "/" in matmul  # named <call node>/<body node>
    # the MatMul reads the input placeholder through the inlined call
    import networkx as nx

    assert any(model.graph.nodes[a]["op"] == "Placeholder" for a in nx.ancestors(model.graph, matmul))


def test_keras_model_is_traced(keras_file):
    model = load_graph(TaskContext(), str(keras_file))
    assert {"MatMul", "Relu", "BiasAdd"} <= ops(model)
    assert any(n.startswith("sequential") or "hidden" in n for n in model.graph.nodes)


def test_accepts_sources(tmp_path):
    assert is_graph_source("x.pb") and is_graph_source("x.pbtxt") and is_graph_source("m.keras")
    assert is_graph_source(str(tmp_path)) and not is_graph_source("snippet.py")


def _message(path) -> str:
    with pytest.raises(GraphLoadError) as info:
        load_graph(TaskContext(), str(path))
    return str(info.value)


def test_truncated_pb(tmp_path):
    data = (DATA / "seed_func.pb").read_bytes()
    bad = tmp_path / "cut.pb"
    bad.write_bytes(data[: len(data) // 2])
    msg = _message(bad)
    assert "cut.pb" in msg and ("truncated" in msg or "corrupt" in msg)


def test_random_bytes_pb(tmp_path):
    import random

    rng = random.Random(4)
    for k in range(20):
        bad = tmp_path / f"noise{k}.pb"
        bad.write_bytes(bytes(rng.randrange(256) for _ in range(300)))
        msg = _message(bad)
        assert f"noise{k}.pb" in msg and "GraphDef" in msg


def test_empty_pb(tmp_path):
    bad = tmp_path / "empty.pb"
    bad.write_bytes(b"")
    assert "empty.pb" in _message(bad)


def test_pbtxt_syntax_error_names_line(tmp_path):
    bad = tmp_path / "broken.pbtxt"
    bad.write_text('node {\n  name: "a"\n  op: "Const"\n  oops here\n}\n')
    msg = _message(bad)
    assert "broken.pbtxt" in msg and "line 4" in msg


def test_folder_that_is_not_a_saved_model(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "cat.jpg").write_bytes(b"\xff\xd8")
    msg = _message(folder)
    assert "photos" in msg and "not a SavedModel" in msg


def test_corrupt_keras_file(tmp_path):
    bad = tmp_path / "model.keras"
    bad.write_bytes(os.urandom(64))
    msg = _message(bad)
    assert "model.keras" in msg
