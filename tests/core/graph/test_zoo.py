"""model:NAME example graphs: names, building with progress and cancel, nothing downloaded, the
graph kept per process, and the routes that load them (loaders, jobs)."""
from __future__ import annotations

import socket

import pytest

from graphviz_app.core import jobs
from graphviz_app.core.errors import CancelledError
from graphviz_app.core.graph import zoo
from graphviz_app.core.graph.loaders import GraphLoadError, is_graph_source, load_graph
from graphviz_app.core.tasks import TaskContext


def ops(model) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, a in model.graph.nodes(data=True):
        counts[a["op"]] = counts.get(a["op"], 0) + 1
    return counts


@pytest.fixture
def offline(monkeypatch):
    """Any download or network connection fails the test: weights=None must need neither."""
    from keras.src.utils import file_utils

    fetched = []

    def refuse(*args, **kwargs):
        fetched.append(args or kwargs)
        raise AssertionError(f"a model tried to fetch {args or kwargs}")

    monkeypatch.setattr(file_utils, "get_file", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return fetched


@pytest.fixture
def fresh():
    """The test builds from scratch and leaves nothing kept behind."""
    zoo.forget_built()
    yield
    zoo.forget_built()


def test_names_match_in_any_case_and_unknown_names_list_the_choices():
    assert zoo.model_names() == ["Transformer", "MobileNetV2", "ResNet50", "InceptionV3", "NASNetMobile",
                                 "EfficientNetB0", "DenseNet121"]
    assert zoo.find_model("model:resnet50").name == "ResNet50"
    assert zoo.find_model("MODEL:DenseNet121").name == "DenseNet121"
    assert is_graph_source("Model:mobilenetv2") and not is_graph_source("mobilenetv2")
    with pytest.raises(zoo.UnknownModelError) as info:
        zoo.find_model("model:ResNet51")
    text = str(info.value)
    assert text.startswith("model:ResNet51: no such model")
    assert all(f"model:{name}" in text for name in zoo.model_names())
    with pytest.raises(GraphLoadError, match="model:VGG16: no such model; choose one of: model:Transformer"):
        load_graph(TaskContext(), "model:VGG16")
    assert jobs.build_model(TaskContext(), "model:VGG16").startswith("model:VGG16: no such model")


def test_transformer_block_builds_with_progress_and_is_kept(fresh, offline):
    seen = []
    model = load_graph(TaskContext(progress=seen.append), "model:transformer")
    assert seen == [zoo.PROGRESS_BUILD, zoo.PROGRESS_TRACE, zoo.PROGRESS_CONVERT, 1.0]
    kinds = ops(model)
    # attention (einsum scores, softmax), layer norm (mean, rsqrt), the feed-forward (MatMul, Relu)
    assert {"Einsum", "Softmax", "Mean", "Rsqrt", "MatMul", "Relu", "BiasAdd", "AddV2"} <= set(kinds)
    assert kinds["Softmax"] == 1 and kinds["Relu"] == 1 and kinds["Rsqrt"] == 2
    assert abs(len(model) - zoo.find_model("Transformer").ops) <= 0.1 * len(model)
    names = list(model.graph.nodes)
    assert any("/self_attention" in n for n in names) and any("/ffn_norm" in n for n in names)
    inputs = [n for n, a in model.graph.nodes(data=True) if a["kind"] == "input" and a["op"] == "Placeholder"
              and a["shapes"] == [[1, 16, 64]]]
    assert inputs == ["tokens"]
    assert any(a["kind"] == "output" for _, a in model.graph.nodes(data=True))
    assert model.name == "model:Transformer" and not offline
    again = []
    assert zoo.build_graph(TaskContext(progress=again.append), "Transformer") is model
    assert again == [1.0]


def test_a_keras_application_builds_with_random_weights(fresh, offline):
    model = zoo.build_graph(TaskContext(), "model:MobileNetV2")
    kinds = ops(model)
    # Keras 3 writes inference batch norm as plain arithmetic: (x - mean) * rsqrt(var + eps) * gamma
    assert {"Conv2D", "DepthwiseConv2dNative", "Relu6", "Rsqrt", "Softmax"} <= set(kinds)
    assert kinds["DepthwiseConv2dNative"] == 17  # the stem's and one per inverted residual block
    assert kinds["Rsqrt"] == 52  # one batch norm per convolution
    assert abs(len(model) - zoo.find_model("MobileNetV2").ops) <= 0.1 * len(model)
    assert any("block_16_project" in n for n in model.graph.nodes)
    assert not offline


def test_cancel_between_stages_keeps_nothing(fresh):
    ctx = TaskContext()
    ctx.progress = lambda value: ctx.cancel() if value == zoo.PROGRESS_TRACE else None
    with pytest.raises(CancelledError):
        zoo.build_graph(ctx, "model:Transformer")
    stopped = TaskContext()
    stopped.progress = lambda value: stopped.cancel() if value == zoo.PROGRESS_TRACE else None
    assert jobs.build_model(stopped, "model:Transformer") is None
    seen = []
    zoo.build_graph(TaskContext(progress=seen.append), "model:Transformer")
    assert seen[0] == zoo.PROGRESS_BUILD  # built again: the cancelled builds kept nothing


class CountingContext(TaskContext):
    """Counts its checks; cancels itself at the check numbered CANCEL_AT."""

    def __init__(self, cancel_at: int = 0):
        self.seen: list = []
        super().__init__(progress=self.seen.append)
        self.checks, self.cancel_at = 0, cancel_at

    def check(self) -> None:
        self.checks += 1
        if self.checks == self.cancel_at:
            self.cancel()
        super().check()


def test_a_cancel_stops_the_build_at_the_next_op(fresh):
    whole = CountingContext()
    zoo.build_graph(whole, "model:Transformer")
    assert whole.checks > 100  # one per op built or traced, not one per stage
    zoo.forget_built()
    early = CountingContext(cancel_at=5)
    with pytest.raises(CancelledError):
        zoo.build_graph(early, "model:Transformer")
    assert early.checks == 5 and early.seen == [zoo.PROGRESS_BUILD]  # stopped inside the build


def test_build_model_job_answers_the_op_count(fresh):
    count = jobs.build_model(TaskContext(), "model:Transformer")
    assert count == len(zoo.build_graph(TaskContext(), "Transformer")) > 100
