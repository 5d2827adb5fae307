"""Static costs of a graph's ops: FLOPs from TensorFlow's own cost model, and output bytes.

FLOPs are what ``tf.compat.v1.profiler.profile(graph, options=float_operation())`` counts: the
same registered statistics TF's profiler uses (``RegisterStatistics("flops")``: a Conv2D, MatMul,
BiasAdd, Mul ... counted from its shapes), on the very graph that is run, so the totals are the
ones TF's profiler prints. Output bytes are the elements of each output times its dtype's size,
from the static shapes (None where a shape is not fully known). Engine side.
"""
from __future__ import annotations


def flops_per_op(graph) -> dict[str, int]:
    """{op name: FLOPs} of every op TF's cost model counts (ops it does not count are absent)."""
    import tensorflow as tf
    from tensorflow.python.profiler import option_builder

    options = (option_builder.ProfileOptionBuilder(option_builder.ProfileOptionBuilder.float_operation())
               .with_empty_output().with_max_depth(1 << 30).build())
    import contextlib
    import io

    # the v1 API prints a deprecation note and a usage text on stdout/stderr: not for the user
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        root = tf.compat.v1.profiler.profile(graph=graph, options=options, cmd="graph")
    found: dict[str, int] = {}
    stack = list(root.children)
    while stack:
        node = stack.pop()
        if node.float_ops and node.name not in found:
            found[node.name] = int(node.float_ops)
        stack.extend(node.children)
    return found


def output_bytes_per_op(graph) -> dict[str, int | None]:
    """{op name: bytes of its outputs}: None when an output's shape or size is not known."""
    out: dict[str, int | None] = {}
    for op in graph.get_operations():
        total: int | None = 0
        for t in op.outputs:
            size = _dtype_size(t.dtype)
            if size == 0:  # resource, variant: a handle, not data
                continue
            n = t.shape.num_elements() if t.shape.rank is not None else None
            if n is None or size is None:
                total = None
                break
            total += n * size
        out[op.name] = total
    return out


def _dtype_size(dtype) -> int | None:
    import tensorflow as tf

    if dtype in (tf.resource, tf.variant):
        return 0
    if dtype == tf.string:
        return None
    return dtype.size
