"""Example graphs of real architectures, built on demand: ``model:NAME`` sources.

Six ``keras.applications`` models with ``weights=None`` (random weights: nothing is downloaded;
only ``weights="imagenet"`` would fetch a file) and a small Transformer encoder block, each traced
with ``tf.function`` on a TensorSpec of its input at batch 1 and converted to a GraphModel as a
loaded GraphDef is (``graph_def.graph_model_from_graph_def``). The build runs on the engine
process and reports progress through the TaskContext (build, trace, convert). It can be cancelled
between those stages and, through a TF op callback, at every op the build runs or the trace
creates: a cancel takes effect at once, so the engine need not be restarted for it. A built graph
is kept for the life of the engine process, so the second time costs only the trip across.

This module imports no TensorFlow until a model is built: the window and the CLI read the list.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass

from graphviz_app.core.errors import CancelledError
from graphviz_app.core.graph.graph_def import graph_model_from_graph_def
from graphviz_app.core.graph.model import GraphModel
from graphviz_app.core.messages import message
from graphviz_app.core.tasks import TaskContext

PREFIX = "model:"
# what a build's progress says between its stages, as fractions of the whole job
PROGRESS_BUILD, PROGRESS_TRACE, PROGRESS_CONVERT = 0.05, 0.4, 0.8


@dataclass(frozen=True)
class ZooModel:
    name: str  # as written in model:NAME (matched case-insensitively)
    title: str
    title_zh: str
    ops: int  # about how many ops the traced graph holds (measured with TF 2.21, Keras 3)
    description: str
    description_zh: str
    application: str = ""  # the keras.applications function; empty for a model built here

    @property
    def source(self) -> str:
        return PREFIX + self.name


MODELS: tuple[ZooModel, ...] = (
    ZooModel("Transformer", "Transformer encoder block", "Transformer 编码器块", 122,
             "One encoder block (sequence 16, width 64, 4 heads): multi-head self-attention and a "
             "feed-forward network, each with a residual connection and layer normalisation. "
             "Small enough to read op by op.",
             "一个编码器块（序列长 16，宽 64，4 个头）：多头自注意力与前馈网络，各带残差连接和层归一化。"
             "小到可以逐个算子阅读。"),
    ZooModel("MobileNetV2", "MobileNetV2", "MobileNetV2", 1087,
             "Inverted residual blocks (expand, depthwise, project) whose names nest as block_1 ... "
             "block_16: folding follows the blocks.",
             "倒残差块（扩展、深度卷积、投影），名字按 block_1 … block_16 嵌套：折叠按块进行。",
             "MobileNetV2"),
    ZooModel("ResNet50", "ResNet50", "ResNet50", 1831,
             "Bottleneck residual blocks in four stages (conv2_block1 ... conv5_block3); names nest, "
             "so the folded view shows the stages and blocks.",
             "四个阶段的瓶颈残差块（conv2_block1 … conv5_block3）；名字嵌套，折叠视图显示阶段与块。",
             "ResNet50"),
    ZooModel("InceptionV3", "InceptionV3", "InceptionV3", 2217,
             "Inception modules: parallel branches of 1x1, 3x3 and 5x5 convolutions joined by "
             "concatenation; input 299x299.",
             "Inception 模块：1x1、3x3、5x5 卷积的并行分支再拼接；输入 299x299。",
             "InceptionV3"),
    ZooModel("NASNetMobile", "NASNetMobile", "NASNetMobile", 4908,
             "Cells found by architecture search, repeated normal and reduction cells whose layer "
             "names do not nest: structure must come from the data flow.",
             "由结构搜索得到的单元：重复的普通单元与缩减单元，层名不嵌套，结构只能从数据流中找出。",
             "NASNetMobile"),
    ZooModel("EfficientNetB0", "EfficientNetB0", "EfficientNetB0", 2092,
             "MBConv blocks with squeeze-and-excitation, a long chain of blocks (block1a ... block7a).",
             "带压缩激励的 MBConv 块，一条长长的块链（block1a … block7a）。",
             "EfficientNetB0"),
    ZooModel("DenseNet121", "DenseNet121", "DenseNet121", 3521,
             "Dense blocks where every layer reads the concatenation of all earlier ones: many long "
             "edges inside each block.",
             "稠密块：每一层读取之前所有层的拼接，块内有许多长边。",
             "DenseNet121"),
)

_BY_KEY = {m.name.lower(): m for m in MODELS}
_BUILT: dict[str, GraphModel] = {}  # this process's graphs, by model name


class UnknownModelError(LookupError):
    """``model:NAME`` names no model of the zoo; the message lists the choices."""


def is_model_source(source: str) -> bool:
    return source[:len(PREFIX)].lower() == PREFIX


def model_names() -> list[str]:
    return [m.name for m in MODELS]


def find_model(source_or_name: str) -> ZooModel:
    """The model a ``model:NAME`` source (or a bare NAME) means, in any letter case."""
    name = source_or_name[len(PREFIX):] if is_model_source(source_or_name) else source_or_name
    model = _BY_KEY.get(name.strip().lower())
    if model is None:
        raise UnknownModelError(f"{PREFIX}{name}: no such model; choose one of: "
                                f"{', '.join(PREFIX + n for n in model_names())}.")
    return model


def build_graph(ctx: TaskContext, source_or_name: str) -> GraphModel:
    """The traced graph of a zoo model, built once per process. Raises UnknownModelError."""
    spec = find_model(source_or_name)
    cached = _BUILT.get(spec.name)
    if cached is not None:
        ctx.progress(1.0)
        return cached
    ctx.progress(PROGRESS_BUILD)
    with _checked_at_every_op(ctx):
        keras_model = _build_keras(spec)
        ctx.check()
        ctx.progress(PROGRESS_TRACE)
        graph_def, outputs = _trace(keras_model)
        del keras_model
    ctx.check()
    ctx.progress(PROGRESS_CONVERT)
    model = graph_model_from_graph_def(ctx, graph_def, spec.source, outputs)
    _BUILT[spec.name] = model
    ctx.progress(1.0)
    return model


def forget_built() -> None:
    """Drop the kept graphs (tests use it to build again)."""
    _BUILT.clear()


@contextlib.contextmanager
def _checked_at_every_op(ctx: TaskContext):
    """Call ``ctx.check()`` as TF runs each op (the random initial weights) or creates one (the
    trace). Keras may wrap what the check raises: a failure after a cancel is the cancel."""
    from tensorflow.python.framework import op_callbacks

    def check(*_args, **_kwargs):
        ctx.check()  # returns None: the op's outputs stay as they are

    op_callbacks.add_op_callback(check)
    try:
        yield
    except Exception:
        if ctx.cancelled:
            raise CancelledError(message("cancelled.by_user")) from None
        raise
    finally:
        op_callbacks.remove_op_callback(check)


def _build_keras(spec: ZooModel):
    import keras

    if spec.application:
        return getattr(keras.applications, spec.application)(weights=None)
    return transformer_block()


def transformer_block(seq: int = 16, width: int = 64, heads: int = 4, hidden: int = 128):
    """A post-norm Transformer encoder block: attention and feed-forward, each residual + norm."""
    import keras
    from keras import layers

    tokens = keras.Input((seq, width), name="tokens")
    attended = layers.MultiHeadAttention(heads, width // heads, name="self_attention")(tokens, tokens)
    x = layers.LayerNormalization(name="attention_norm")(layers.Add(name="attention_residual")(
        [tokens, attended]))
    ff = layers.Dense(hidden, activation="relu", name="ffn_expand")(x)
    ff = layers.Dense(width, name="ffn_project")(ff)
    out = layers.LayerNormalization(name="ffn_norm")(layers.Add(name="ffn_residual")([x, ff]))
    return keras.Model(tokens, out, name="transformer_block")


def _trace(keras_model):
    """(GraphDef, output op names) of the model called in a tf.function at batch 1."""
    import tensorflow as tf

    specs = [tf.TensorSpec([1, *t.shape[1:]], t.dtype, name=t.name.split(":")[0])
             for t in keras_model.inputs]
    # autograph=False: keras layers need no conversion of Python control flow (same graph, no temp file)
    fn = tf.function(lambda *xs: keras_model(list(xs) if len(xs) > 1 else xs[0], training=False),
                     autograph=False)
    graph = fn.get_concrete_function(*specs).graph
    return graph.as_graph_def(add_shapes=True), {t.op.name for t in graph.outputs}
