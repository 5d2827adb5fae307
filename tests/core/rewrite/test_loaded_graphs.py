"""The optimized graph of a GraphDef file (as a session would run it), and the diff job."""
from __future__ import annotations

import pytest

from graphviz_app.core import jobs
from graphviz_app.core.graph.loaders import load_graph
from graphviz_app.core.rewrite.diff import GraphDiff
from graphviz_app.core.tasks import TaskContext


@pytest.fixture(scope="module")
def dense_pb(tmp_path_factory):
    import tensorflow as tf

    w = tf.Variable(tf.ones((3, 4)))
    b = tf.Variable(tf.zeros((4,)))

    @tf.function
    def dense(x):
        return tf.nn.relu(tf.nn.bias_add(tf.matmul(x, w), b))

    graph = dense.get_concrete_function(tf.TensorSpec([2, 3])).graph.as_graph_def(add_shapes=True)
    path = tmp_path_factory.mktemp("loaded") / "dense.pb"
    path.write_bytes(graph.SerializeToString())
    return path


def test_a_graphdef_file_is_optimized_as_a_session_runs_it(dense_pb):
    optimized = jobs.optimized_source(TaskContext(), str(dense_pb))
    traced = {n: a["op"] for n, a in load_graph(TaskContext(), str(dense_pb)).graph.nodes(data=True)}
    fused = [n for n in optimized["nodes"] if n["op"] == "_FusedMatMul"]
    assert len(fused) == 1 and [traced[p] for p in fused[0]["from"]] == ["MatMul", "BiasAdd", "Relu"]
    assert all(n["from"] and set(n["from"]) <= set(traced) for n in optimized["nodes"])
    assert optimized["exact"] and optimized["counts"]["traced"] == len(traced)


def test_other_sources_and_bad_files_get_a_message(tmp_path):
    (tmp_path / "m.keras").write_bytes(b"zip")
    assert "GraphDef" in jobs.optimized_source(TaskContext(), str(tmp_path / "m.keras"))
    (tmp_path / "bad.pb").write_bytes(b"\x00garbage" * 10)
    assert "bad.pb" in jobs.optimized_source(TaskContext(), str(tmp_path / "bad.pb"))


def test_the_diff_job_takes_files_and_models(dense_pb, tmp_path):
    model = load_graph(TaskContext(), str(dense_pb))
    same = jobs.diff_graphs(TaskContext(), str(dense_pb), model)
    assert isinstance(same, GraphDiff) and same.same and len(same.matched) == len(model)
    message = jobs.diff_graphs(TaskContext(), str(dense_pb), str(tmp_path / "missing.pb"))
    assert isinstance(message, str) and "missing.pb" in message
