"""The ops the palette offers, by group: what to insert, the signature and one sentence each.

Only names the snippet language accepts are listed (see the foundation issue). In ``insert``
a ``|`` marks where the cursor lands. Group names and docs are marked for translation (context
``OpCatalog``); the palette shows them translated.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class OpEntry:
    name: str
    insert: str
    signature: str
    doc: str


def _op(name: str, insert: str, signature: str, doc: str) -> OpEntry:
    return OpEntry(name, insert, signature, doc)


GROUPS: list[tuple[str, list[OpEntry]]] = [
    (QT_TRANSLATE_NOOP("OpCatalog", "Create"), [
        _op("tf.constant", "tf.constant(|)", "tf.constant(value, dtype=None, shape=None)",
            QT_TRANSLATE_NOOP("OpCatalog", "An immutable tensor holding the given value.")),
        _op("tf.Variable", "tf.Variable(|)", "tf.Variable(initial_value, dtype=None, trainable=True)",
            QT_TRANSLATE_NOOP("OpCatalog", "A mutable tensor; the tape watches trainable Variables "
                                           "automatically.")),
        _op("tf.zeros", "tf.zeros((|))", "tf.zeros(shape, dtype=tf.float32)",
            QT_TRANSLATE_NOOP("OpCatalog", "A tensor of zeros.")),
        _op("tf.ones", "tf.ones((|))", "tf.ones(shape, dtype=tf.float32)",
            QT_TRANSLATE_NOOP("OpCatalog", "A tensor of ones.")),
        _op("tf.zeros_like", "tf.zeros_like(|)", "tf.zeros_like(x)",
            QT_TRANSLATE_NOOP("OpCatalog", "Zeros with the shape and dtype of x.")),
        _op("tf.ones_like", "tf.ones_like(|)", "tf.ones_like(x)",
            QT_TRANSLATE_NOOP("OpCatalog", "Ones with the shape and dtype of x.")),
        _op("tf.fill", "tf.fill((|), 0.0)", "tf.fill(dims, value)",
            QT_TRANSLATE_NOOP("OpCatalog", "A tensor of the given shape filled with value.")),
        _op("tf.range", "tf.range(|)", "tf.range(start, limit=None, delta=1)",
            QT_TRANSLATE_NOOP("OpCatalog", "A 1-D tensor of evenly spaced integers; inside tf.function a loop "
                                           "over it becomes a While op.")),
        _op("tf.linspace", "tf.linspace(0.0, 1.0, |)", "tf.linspace(start, stop, num)",
            QT_TRANSLATE_NOOP("OpCatalog", "num evenly spaced values from start to stop, both included.")),
        _op("tf.cast", "tf.cast(|, tf.float32)", "tf.cast(x, dtype)",
            QT_TRANSLATE_NOOP("OpCatalog", "x converted to another dtype.")),
        _op("tf.identity", "tf.identity(|)", "tf.identity(x)",
            QT_TRANSLATE_NOOP("OpCatalog", "A new tensor with the same value as x.")),
        _op("tf.reshape", "tf.reshape(|, (-1,))", "tf.reshape(x, shape)",
            QT_TRANSLATE_NOOP("OpCatalog", "The same values in a new shape.")),
        _op("tf.transpose", "tf.transpose(|)", "tf.transpose(x, perm=None)",
            QT_TRANSLATE_NOOP("OpCatalog", "Axes of x permuted (reversed by default).")),
        _op("tf.stack", "tf.stack([|])", "tf.stack(values, axis=0)",
            QT_TRANSLATE_NOOP("OpCatalog", "Joins tensors of equal shape along a new axis.")),
        _op("tf.concat", "tf.concat([|], axis=0)", "tf.concat(values, axis)",
            QT_TRANSLATE_NOOP("OpCatalog", "Joins tensors along an existing axis.")),
        _op("tf.where", "tf.where(|, x, y)", "tf.where(condition, x, y)",
            QT_TRANSLATE_NOOP("OpCatalog", "Picks from x where condition is true, else from y.")),
    ]),
    (QT_TRANSLATE_NOOP("OpCatalog", "Math"), [
        _op("tf.add", "tf.add(|, )", "tf.add(x, y)",
            QT_TRANSLATE_NOOP("OpCatalog", "x + y element-wise (the AddV2 op).")),
        _op("tf.subtract", "tf.subtract(|, )", "tf.subtract(x, y)",
            QT_TRANSLATE_NOOP("OpCatalog", "x - y element-wise.")),
        _op("tf.multiply", "tf.multiply(|, )", "tf.multiply(x, y)",
            QT_TRANSLATE_NOOP("OpCatalog", "x * y element-wise (the Mul op).")),
        _op("tf.divide", "tf.divide(|, )", "tf.divide(x, y)",
            QT_TRANSLATE_NOOP("OpCatalog", "x / y element-wise.")),
        _op("tf.exp", "tf.exp(|)", "tf.exp(x)", QT_TRANSLATE_NOOP("OpCatalog", "e to the power x, element-wise.")),
        _op("tf.math.log", "tf.math.log(|)", "tf.math.log(x)",
            QT_TRANSLATE_NOOP("OpCatalog", "Natural logarithm, element-wise.")),
        _op("tf.sqrt", "tf.sqrt(|)", "tf.sqrt(x)",
            QT_TRANSLATE_NOOP("OpCatalog", "Square root, element-wise; its gradient needs the output.")),
        _op("tf.square", "tf.square(|)", "tf.square(x)", QT_TRANSLATE_NOOP("OpCatalog", "x * x element-wise.")),
        _op("tf.pow", "tf.pow(|, 2.0)", "tf.pow(x, y)",
            QT_TRANSLATE_NOOP("OpCatalog", "x to the power y, element-wise.")),
        _op("tf.abs", "tf.abs(|)", "tf.abs(x)", QT_TRANSLATE_NOOP("OpCatalog", "Absolute value, element-wise.")),
        _op("tf.negative", "tf.negative(|)", "tf.negative(x)", QT_TRANSLATE_NOOP("OpCatalog", "-x element-wise.")),
        _op("tf.maximum", "tf.maximum(|, )", "tf.maximum(x, y)",
            QT_TRANSLATE_NOOP("OpCatalog", "The larger of x and y, element-wise.")),
        _op("tf.minimum", "tf.minimum(|, )", "tf.minimum(x, y)",
            QT_TRANSLATE_NOOP("OpCatalog", "The smaller of x and y, element-wise.")),
        _op("tf.sin", "tf.sin(|)", "tf.sin(x)", QT_TRANSLATE_NOOP("OpCatalog", "Sine, element-wise.")),
        _op("tf.cos", "tf.cos(|)", "tf.cos(x)", QT_TRANSLATE_NOOP("OpCatalog", "Cosine, element-wise.")),
        _op("tf.tan", "tf.tan(|)", "tf.tan(x)", QT_TRANSLATE_NOOP("OpCatalog", "Tangent, element-wise.")),
        _op("tf.tanh", "tf.tanh(|)", "tf.tanh(x)",
            QT_TRANSLATE_NOOP("OpCatalog", "Hyperbolic tangent, element-wise.")),
        _op("tf.sigmoid", "tf.sigmoid(|)", "tf.sigmoid(x)",
            QT_TRANSLATE_NOOP("OpCatalog", "1 / (1 + exp(-x)), element-wise.")),
        _op("tf.nn.relu", "tf.nn.relu(|)", "tf.nn.relu(x)",
            QT_TRANSLATE_NOOP("OpCatalog", "max(x, 0) element-wise.")),
        _op("tf.add_n", "tf.add_n([|])", "tf.add_n(inputs)",
            QT_TRANSLATE_NOOP("OpCatalog", "The sum of a list of tensors of equal shape.")),
    ]),
    (QT_TRANSLATE_NOOP("OpCatalog", "Neural network"), [
        _op("tf.nn.bias_add", "tf.nn.bias_add(|, b)", "tf.nn.bias_add(value, bias)",
            QT_TRANSLATE_NOOP("OpCatalog", "Adds a bias vector along the last axis (BiasAdd); Grappler fuses it "
                                           "with the MatMul or Conv2D before it.")),
        _op("tf.nn.conv2d", 'tf.nn.conv2d(|, filters, strides=1, padding="SAME")',
            "tf.nn.conv2d(input, filters, strides, padding)",
            QT_TRANSLATE_NOOP("OpCatalog", "2-D convolution of NHWC images with [height, width, in, out] "
                                           "filters.")),
        _op("tf.nn.max_pool2d", 'tf.nn.max_pool2d(|, ksize=2, strides=2, padding="VALID")',
            "tf.nn.max_pool2d(input, ksize, strides, padding)",
            QT_TRANSLATE_NOOP("OpCatalog", "The largest value of each window of NHWC images.")),
        _op("tf.nn.softmax", "tf.nn.softmax(|)", "tf.nn.softmax(logits, axis=None)",
            QT_TRANSLATE_NOOP("OpCatalog", "exp(x) / sum(exp(x)) along an axis (the last by default).")),
        _op("tf.nn.relu6", "tf.nn.relu6(|)", "tf.nn.relu6(features)",
            QT_TRANSLATE_NOOP("OpCatalog", "min(max(x, 0), 6) element-wise.")),
    ]),
    (QT_TRANSLATE_NOOP("OpCatalog", "Reduce"), [
        _op("tf.reduce_sum", "tf.reduce_sum(|)", "tf.reduce_sum(x, axis=None)",
            QT_TRANSLATE_NOOP("OpCatalog", "Sum over the given axes (all by default).")),
        _op("tf.reduce_mean", "tf.reduce_mean(|)", "tf.reduce_mean(x, axis=None)",
            QT_TRANSLATE_NOOP("OpCatalog", "Mean over the given axes (all by default).")),
        _op("tf.reduce_max", "tf.reduce_max(|)", "tf.reduce_max(x, axis=None)",
            QT_TRANSLATE_NOOP("OpCatalog", "Maximum over the given axes.")),
        _op("tf.reduce_min", "tf.reduce_min(|)", "tf.reduce_min(x, axis=None)",
            QT_TRANSLATE_NOOP("OpCatalog", "Minimum over the given axes.")),
    ]),
    (QT_TRANSLATE_NOOP("OpCatalog", "Linear algebra"), [
        _op("tf.matmul", "tf.matmul(|, )", "tf.matmul(a, b, transpose_a=False, transpose_b=False)",
            QT_TRANSLATE_NOOP("OpCatalog", "Matrix product a @ b (the MatMul op).")),
        _op("@", " @ |", "a @ b", QT_TRANSLATE_NOOP("OpCatalog", "The operator form of tf.matmul.")),
        _op("tf.transpose", "tf.transpose(|)", "tf.transpose(a)",
            QT_TRANSLATE_NOOP("OpCatalog", "The transpose of a matrix.")),
    ]),
    (QT_TRANSLATE_NOOP("OpCatalog", "Random"), [
        _op("tf.random.set_seed", "tf.random.set_seed(42|)", "tf.random.set_seed(seed)",
            QT_TRANSLATE_NOOP("OpCatalog", "Makes the random ops below repeatable.")),
        _op("tf.random.normal", "tf.random.normal((|))", "tf.random.normal(shape, mean=0.0, stddev=1.0)",
            QT_TRANSLATE_NOOP("OpCatalog", "Samples from a normal distribution.")),
        _op("tf.random.uniform", "tf.random.uniform((|))", "tf.random.uniform(shape, minval=0, maxval=None)",
            QT_TRANSLATE_NOOP("OpCatalog", "Samples from a uniform distribution on [minval, maxval).")),
    ]),
    (QT_TRANSLATE_NOOP("OpCatalog", "Tape"), [
        _op("tf.GradientTape", "with tf.GradientTape() as tape:\n    |",
            "with tf.GradientTape(persistent=False, watch_accessed_variables=True) as tape:",
            QT_TRANSLATE_NOOP("OpCatalog", "Records the ops run inside the block so gradients can be computed "
                                           "afterwards.")),
        _op("tape.watch", "tape.watch(|)", "tape.watch(tensor)",
            QT_TRANSLATE_NOOP("OpCatalog", "Makes the tape track a tensor that is not a trainable Variable.")),
        _op("tape.gradient", "tape.gradient(|, )", "tape.gradient(target, sources)",
            QT_TRANSLATE_NOOP("OpCatalog", "d target / d sources from the recorded ops; None where there is no "
                                           "path.")),
        _op("tape.watched_variables", "tape.watched_variables()", "tape.watched_variables()",
            QT_TRANSLATE_NOOP("OpCatalog", "The Variables this tape watches.")),
        _op("assign_sub", ".assign_sub(|)", "v.assign_sub(delta)",
            QT_TRANSLATE_NOOP("OpCatalog", "v ← v − delta in place: the gradient-descent update.")),
        _op("assign_add", ".assign_add(|)", "v.assign_add(delta)",
            QT_TRANSLATE_NOOP("OpCatalog", "v ← v + delta in place.")),
        _op("assign", ".assign(|)", "v.assign(value)",
            QT_TRANSLATE_NOOP("OpCatalog", "Overwrites the Variable's value in place.")),
    ]),
    (QT_TRANSLATE_NOOP("OpCatalog", "tf.function"), [
        _op("@tf.function", "@tf.function\ndef |f(x):\n    return x\n", "@tf.function",
            QT_TRANSLATE_NOOP("OpCatalog", "Traces the Python function into a graph once per input signature, "
                                           "then runs the graph.")),
        _op("jit_compile=True", "@tf.function(jit_compile=True)\ndef |f(x):\n    return x\n",
            "@tf.function(jit_compile=True)",
            QT_TRANSLATE_NOOP("OpCatalog", "XLA compiles the whole function into fused kernels (the What TF "
                                           "runs tab shows them).")),
        _op("tf.function(f)", "tf.function(|)", "tf.function(func, input_signature=None)",
            QT_TRANSLATE_NOOP("OpCatalog", "The same as the decorator, applied to an existing function.")),
        _op("tf.TensorSpec", "tf.TensorSpec(shape=(|), dtype=tf.float32)", "tf.TensorSpec(shape, dtype)",
            QT_TRANSLATE_NOOP("OpCatalog", "Describes an input so a tf.function traces once for all values of "
                                           "that shape.")),
        _op("tf.print", "tf.print(|)", "tf.print(*values)",
            QT_TRANSLATE_NOOP("OpCatalog", "Prints when the op runs: on every call of a tf.function, unlike "
                                           "Python's print.")),
    ]),
]
