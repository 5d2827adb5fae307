"""The whitelist of the snippet language: which tf names, builtins and attributes a snippet may use.

The op palette is built from ``PALETTE`` too, so what the user can click is what the validator
accepts. A tf path or attribute added here must pass the review of parameters that could name a
path, URL, stream or file (tests/test_wall_language.py, ``REVIEWED``).
"""
# ruff: noqa: E501  (the palette is a table: one entry a line reads better than wrapped)
from __future__ import annotations

# (group, tf path, signature, one sentence). Every path here is allowed in snippets.
PALETTE: list[tuple[str, str, str, str]] = [
    ("create", "tf.constant", "tf.constant(value, dtype=None, shape=None)", "A tensor holding a fixed value."),
    ("create", "tf.Variable", "tf.Variable(initial_value, dtype=None, trainable=True)", "A mutable tensor; the tape watches trainable Variables by itself."),
    ("create", "tf.zeros", "tf.zeros(shape, dtype=tf.float32)", "A tensor of zeros."),
    ("create", "tf.ones", "tf.ones(shape, dtype=tf.float32)", "A tensor of ones."),
    ("create", "tf.zeros_like", "tf.zeros_like(x)", "Zeros with the shape and dtype of x."),
    ("create", "tf.ones_like", "tf.ones_like(x)", "Ones with the shape and dtype of x."),
    ("create", "tf.fill", "tf.fill(dims, value)", "A tensor of the given shape filled with one value."),
    ("create", "tf.range", "tf.range(start, limit=None, delta=1)", "A 1-D sequence of numbers; in a tf.function a for loop over it becomes a While op."),
    ("create", "tf.linspace", "tf.linspace(start, stop, num)", "num evenly spaced values from start to stop."),
    ("create", "tf.cast", "tf.cast(x, dtype)", "The same values in another dtype."),
    ("create", "tf.identity", "tf.identity(x)", "A tensor with the same value (an Identity op)."),
    ("create", "tf.shape", "tf.shape(x)", "The shape of x as a tensor (known only when the op runs)."),
    ("create", "tf.reshape", "tf.reshape(x, shape)", "The same values in another shape."),
    ("create", "tf.transpose", "tf.transpose(x, perm=None)", "Permutes the dimensions."),
    ("create", "tf.stack", "tf.stack(values, axis=0)", "Stacks tensors along a new axis."),
    ("create", "tf.concat", "tf.concat(values, axis)", "Joins tensors along an existing axis."),
    ("create", "tf.where", "tf.where(condition, x, y)", "Picks from x where condition is true, else from y."),
    ("math", "tf.add", "tf.add(x, y)", "x + y, element-wise (AddV2)."),
    ("math", "tf.subtract", "tf.subtract(x, y)", "x - y, element-wise."),
    ("math", "tf.multiply", "tf.multiply(x, y)", "x * y, element-wise."),
    ("math", "tf.divide", "tf.divide(x, y)", "x / y, element-wise."),
    ("math", "tf.exp", "tf.exp(x)", "e to the power x."),
    ("math", "tf.sqrt", "tf.sqrt(x)", "Square root."),
    ("math", "tf.square", "tf.square(x)", "x squared."),
    ("math", "tf.pow", "tf.pow(x, y)", "x to the power y."),
    ("math", "tf.abs", "tf.abs(x)", "Absolute value."),
    ("math", "tf.negative", "tf.negative(x)", "-x."),
    ("math", "tf.maximum", "tf.maximum(x, y)", "The larger of x and y, element-wise."),
    ("math", "tf.minimum", "tf.minimum(x, y)", "The smaller of x and y, element-wise."),
    ("math", "tf.sin", "tf.sin(x)", "Sine."),
    ("math", "tf.cos", "tf.cos(x)", "Cosine."),
    ("math", "tf.tan", "tf.tan(x)", "Tangent."),
    ("math", "tf.tanh", "tf.tanh(x)", "Hyperbolic tangent."),
    ("math", "tf.sigmoid", "tf.sigmoid(x)", "1 / (1 + exp(-x))."),
    ("math", "tf.math.log", "tf.math.log(x)", "Natural logarithm."),
    ("math", "tf.nn.relu", "tf.nn.relu(x)", "max(x, 0)."),
    ("math", "tf.nn.sigmoid", "tf.nn.sigmoid(x)", "1 / (1 + exp(-x))."),
    ("math", "tf.add_n", "tf.add_n(inputs)", "The sum of a list of tensors of one shape."),
    ("neural network", "tf.nn.bias_add", "tf.nn.bias_add(value, bias)", "Adds a bias vector along the last axis (BiasAdd); Grappler fuses it into the MatMul or Conv2D before it."),
    ("neural network", "tf.nn.relu6", "tf.nn.relu6(features)", "min(max(x, 0), 6)."),
    ("neural network", "tf.nn.softmax", "tf.nn.softmax(logits, axis=None)", "exp(x) / sum(exp(x)) along an axis (the last by default)."),
    ("neural network", "tf.nn.conv2d", "tf.nn.conv2d(input, filters, strides, padding)", "2-D convolution of NHWC images with [height, width, in, out] filters."),
    ("neural network", "tf.nn.max_pool2d", "tf.nn.max_pool2d(input, ksize, strides, padding)", "The largest value of each window of NHWC images."),
    ("reduce", "tf.reduce_sum", "tf.reduce_sum(x, axis=None)", "Sum over the given axes (all by default)."),
    ("reduce", "tf.reduce_mean", "tf.reduce_mean(x, axis=None)", "Mean over the given axes."),
    ("reduce", "tf.reduce_max", "tf.reduce_max(x, axis=None)", "Maximum over the given axes."),
    ("reduce", "tf.reduce_min", "tf.reduce_min(x, axis=None)", "Minimum over the given axes."),
    ("linear algebra", "tf.matmul", "tf.matmul(a, b)", "Matrix product; `a @ b` does the same."),
    ("random", "tf.random.normal", "tf.random.normal(shape, mean=0.0, stddev=1.0, seed=None)", "Samples from a normal distribution."),
    ("random", "tf.random.uniform", "tf.random.uniform(shape, minval=0, maxval=None)", "Samples from a uniform distribution."),
    ("random", "tf.random.set_seed", "tf.random.set_seed(seed)", "Makes the random ops repeatable."),
    ("tape", "tf.GradientTape", "with tf.GradientTape(persistent=False, watch_accessed_variables=True) as tape:", "Records the ops run inside the block so tape.gradient can apply the chain rule."),
    ("tf.function", "tf.function", "@tf.function", "Traces a Python function into one TensorFlow graph that runs as a single call; jit_compile=True has XLA compile it into fused kernels."),
    ("tf.function", "tf.TensorSpec", "tf.TensorSpec(shape, dtype)", "Describes an input of a tf.function's input_signature."),
    ("tf.function", "tf.print", "tf.print(*values)", "Prints when the op runs: every call of a tf.function, not only when tracing."),
]

_MATH_ALIASES = ["add", "subtract", "multiply", "divide", "exp", "sqrt", "sin", "cos", "tan", "tanh",
                 "sigmoid", "square", "pow", "abs", "negative", "maximum", "minimum", "reduce_sum",
                 "reduce_mean", "reduce_max", "reduce_min", "add_n", "log"]
DTYPES = ["float16", "float32", "float64", "int32", "int64", "bool"]

TF_ALLOWED: set[str] = {path for _g, path, _s, _d in PALETTE}
TF_ALLOWED |= {f"tf.math.{name}" for name in _MATH_ALIASES}
TF_ALLOWED |= {f"tf.{name}" for name in DTYPES}
TF_ALLOWED |= {"tf.linalg.matmul"}
TF_MODULES = {"tf.math", "tf.nn", "tf.random", "tf.linalg"}

FORBIDDEN_TF = {
    "tf.io": "it reads and writes files",
    "tf.py_function": "it runs arbitrary Python",
    "tf.numpy_function": "it runs arbitrary Python",
    "tf.compat": "the TF1 API reaches everything",
    "tf.saved_model": "it reads and writes files",
    "tf.keras": "not part of the snippet language",
    "tf.data": "it can read files",
    "tf.summary": "it writes files",
    "tf.debugging": "not part of the snippet language",
    "tf.raw_ops": "it reaches every op, file I/O included",
    "tf.load_op_library": "it loads native code",
    "tf.load_library": "it loads native code",
    "tf.experimental": "not part of the snippet language",
    "tf.sysconfig": "not part of the snippet language",
    "tf.config": "it changes the process-wide TensorFlow setup",
}

ALLOWED_BUILTINS = {"print", "range", "len", "float", "int", "abs", "min", "max", "round", "list",
                    "tuple", "enumerate", "zip", "sum", "bool", "str", "dict", "sorted", "reversed"}

FORBIDDEN_NAMES = {"eval", "exec", "open", "getattr", "setattr", "delattr", "hasattr", "globals",
                   "locals", "vars", "dir", "compile", "input", "breakpoint", "help", "type",
                   "object", "super", "memoryview", "classmethod", "staticmethod", "property",
                   "exit", "quit", "lambda", "__import__", "importlib", "os", "sys", "subprocess"}

# Attribute names allowed off any value that is not the tf module itself.
ALLOWED_METHODS = {
    # tensors and Variables
    "numpy", "shape", "dtype", "ndim", "device", "name", "trainable", "assign", "assign_add",
    "assign_sub", "read_value", "as_list", "item", "tolist",
    # tapes
    "gradient", "watch", "watched_variables", "reset", "jacobian",
    # tf.function objects
    "experimental_get_tracing_count",
    # lists, dicts and strings
    "append", "extend", "pop", "insert", "index", "count", "items", "keys", "values", "get",
    "upper", "lower", "strip", "split", "join", "replace", "startswith", "endswith",
}


def _register_size_rules() -> None:
    """The size rules of the ops above whose result can outgrow their arguments."""
    from graphviz_app.core.run import nn_sizes

    nn_sizes.register()


_register_size_rules()
