"""The ops the palette offers, by group: what to insert, the signature and one sentence each.

Only names the snippet language accepts are listed (see the foundation issue). In ``insert``
a ``|`` marks where the cursor lands.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OpEntry:
    name: str
    insert: str
    signature: str
    doc: str


def _op(name: str, insert: str, signature: str, doc: str) -> OpEntry:
    return OpEntry(name, insert, signature, doc)


GROUPS: list[tuple[str, list[OpEntry]]] = [
    ("Create", [
        _op("tf.constant", "tf.constant(|)", "tf.constant(value, dtype=None, shape=None)",
            "An immutable tensor holding the given value."),
        _op("tf.Variable", "tf.Variable(|)", "tf.Variable(initial_value, dtype=None, trainable=True)",
            "A mutable tensor; the tape watches trainable Variables automatically."),
        _op("tf.zeros", "tf.zeros((|))", "tf.zeros(shape, dtype=tf.float32)", "A tensor of zeros."),
        _op("tf.ones", "tf.ones((|))", "tf.ones(shape, dtype=tf.float32)", "A tensor of ones."),
        _op("tf.zeros_like", "tf.zeros_like(|)", "tf.zeros_like(x)", "Zeros with the shape and dtype of x."),
        _op("tf.ones_like", "tf.ones_like(|)", "tf.ones_like(x)", "Ones with the shape and dtype of x."),
        _op("tf.fill", "tf.fill((|), 0.0)", "tf.fill(dims, value)", "A tensor of the given shape filled with value."),
        _op("tf.range", "tf.range(|)", "tf.range(start, limit=None, delta=1)",
            "A 1-D tensor of evenly spaced integers; inside tf.function a loop over it becomes a While op."),
        _op("tf.linspace", "tf.linspace(0.0, 1.0, |)", "tf.linspace(start, stop, num)",
            "num evenly spaced values from start to stop, both included."),
        _op("tf.cast", "tf.cast(|, tf.float32)", "tf.cast(x, dtype)", "x converted to another dtype."),
        _op("tf.identity", "tf.identity(|)", "tf.identity(x)", "A new tensor with the same value as x."),
        _op("tf.reshape", "tf.reshape(|, (-1,))", "tf.reshape(x, shape)", "The same values in a new shape."),
        _op("tf.transpose", "tf.transpose(|)", "tf.transpose(x, perm=None)", "Axes of x permuted (reversed by default)."),
        _op("tf.stack", "tf.stack([|])", "tf.stack(values, axis=0)", "Joins tensors of equal shape along a new axis."),
        _op("tf.concat", "tf.concat([|], axis=0)", "tf.concat(values, axis)", "Joins tensors along an existing axis."),
        _op("tf.where", "tf.where(|, x, y)", "tf.where(condition, x, y)", "Picks from x where condition is true, else from y."),
    ]),
    ("Math", [
        _op("tf.add", "tf.add(|, )", "tf.add(x, y)", "x + y element-wise (the AddV2 op)."),
        _op("tf.subtract", "tf.subtract(|, )", "tf.subtract(x, y)", "x - y element-wise."),
        _op("tf.multiply", "tf.multiply(|, )", "tf.multiply(x, y)", "x * y element-wise (the Mul op)."),
        _op("tf.divide", "tf.divide(|, )", "tf.divide(x, y)", "x / y element-wise."),
        _op("tf.exp", "tf.exp(|)", "tf.exp(x)", "e to the power x, element-wise."),
        _op("tf.math.log", "tf.math.log(|)", "tf.math.log(x)", "Natural logarithm, element-wise."),
        _op("tf.sqrt", "tf.sqrt(|)", "tf.sqrt(x)", "Square root, element-wise; its gradient needs the output."),
        _op("tf.square", "tf.square(|)", "tf.square(x)", "x * x element-wise."),
        _op("tf.pow", "tf.pow(|, 2.0)", "tf.pow(x, y)", "x to the power y, element-wise."),
        _op("tf.abs", "tf.abs(|)", "tf.abs(x)", "Absolute value, element-wise."),
        _op("tf.negative", "tf.negative(|)", "tf.negative(x)", "-x element-wise."),
        _op("tf.maximum", "tf.maximum(|, )", "tf.maximum(x, y)", "The larger of x and y, element-wise."),
        _op("tf.minimum", "tf.minimum(|, )", "tf.minimum(x, y)", "The smaller of x and y, element-wise."),
        _op("tf.sin", "tf.sin(|)", "tf.sin(x)", "Sine, element-wise."),
        _op("tf.cos", "tf.cos(|)", "tf.cos(x)", "Cosine, element-wise."),
        _op("tf.tan", "tf.tan(|)", "tf.tan(x)", "Tangent, element-wise."),
        _op("tf.tanh", "tf.tanh(|)", "tf.tanh(x)", "Hyperbolic tangent, element-wise."),
        _op("tf.sigmoid", "tf.sigmoid(|)", "tf.sigmoid(x)", "1 / (1 + exp(-x)), element-wise."),
        _op("tf.nn.relu", "tf.nn.relu(|)", "tf.nn.relu(x)", "max(x, 0) element-wise."),
        _op("tf.add_n", "tf.add_n([|])", "tf.add_n(inputs)", "The sum of a list of tensors of equal shape."),
    ]),
    ("Reduce", [
        _op("tf.reduce_sum", "tf.reduce_sum(|)", "tf.reduce_sum(x, axis=None)", "Sum over the given axes (all by default)."),
        _op("tf.reduce_mean", "tf.reduce_mean(|)", "tf.reduce_mean(x, axis=None)", "Mean over the given axes (all by default)."),
        _op("tf.reduce_max", "tf.reduce_max(|)", "tf.reduce_max(x, axis=None)", "Maximum over the given axes."),
        _op("tf.reduce_min", "tf.reduce_min(|)", "tf.reduce_min(x, axis=None)", "Minimum over the given axes."),
    ]),
    ("Linear algebra", [
        _op("tf.matmul", "tf.matmul(|, )", "tf.matmul(a, b, transpose_a=False, transpose_b=False)",
            "Matrix product a @ b (the MatMul op)."),
        _op("@", " @ |", "a @ b", "The operator form of tf.matmul."),
        _op("tf.transpose", "tf.transpose(|)", "tf.transpose(a)", "The transpose of a matrix."),
    ]),
    ("Random", [
        _op("tf.random.set_seed", "tf.random.set_seed(42|)", "tf.random.set_seed(seed)",
            "Makes the random ops below repeatable."),
        _op("tf.random.normal", "tf.random.normal((|))", "tf.random.normal(shape, mean=0.0, stddev=1.0)",
            "Samples from a normal distribution."),
        _op("tf.random.uniform", "tf.random.uniform((|))", "tf.random.uniform(shape, minval=0, maxval=None)",
            "Samples from a uniform distribution on [minval, maxval)."),
    ]),
    ("Tape", [
        _op("tf.GradientTape", "with tf.GradientTape() as tape:\n    |",
            "with tf.GradientTape(persistent=False, watch_accessed_variables=True) as tape:",
            "Records the ops run inside the block so gradients can be computed afterwards."),
        _op("tape.watch", "tape.watch(|)", "tape.watch(tensor)", "Makes the tape track a tensor that is not a trainable Variable."),
        _op("tape.gradient", "tape.gradient(|, )", "tape.gradient(target, sources)",
            "d target / d sources from the recorded ops; None where there is no path."),
        _op("tape.watched_variables", "tape.watched_variables()", "tape.watched_variables()",
            "The Variables this tape watches."),
        _op("assign_sub", ".assign_sub(|)", "v.assign_sub(delta)", "v ← v − delta in place: the gradient-descent update."),
        _op("assign_add", ".assign_add(|)", "v.assign_add(delta)", "v ← v + delta in place."),
        _op("assign", ".assign(|)", "v.assign(value)", "Overwrites the Variable's value in place."),
    ]),
    ("tf.function", [
        _op("@tf.function", "@tf.function\ndef |f(x):\n    return x\n", "@tf.function",
            "Traces the Python function into a graph once per input signature, then runs the graph."),
        _op("tf.function(f)", "tf.function(|)", "tf.function(func, input_signature=None)",
            "The same as the decorator, applied to an existing function."),
        _op("tf.TensorSpec", "tf.TensorSpec(shape=(|), dtype=tf.float32)", "tf.TensorSpec(shape, dtype)",
            "Describes an input so a tf.function traces once for all values of that shape."),
        _op("tf.print", "tf.print(|)", "tf.print(*values)",
            "Prints when the op runs: on every call of a tf.function, unlike Python's print."),
    ]),
]
