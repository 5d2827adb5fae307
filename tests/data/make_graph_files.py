"""Regenerate the small graph files in this folder (run with the project's Python).

- ``seed_func.pb`` / ``seed_func.pbtxt``: the lecture's func(w) = sqrt(exp(w) + 1) traced by
  tf.function, with shapes;
- ``while_v1.pbtxt``: a TF1 while loop (Enter/Merge/Switch/NextIteration: a cycle in the graph).
"""
from pathlib import Path

import tensorflow as tf

HERE = Path(__file__).resolve().parent


def seed_func() -> None:
    w = tf.Variable(2.0, name="w")

    @tf.function
    def func(w):
        aa = tf.exp(w)
        bb = aa + 1.0
        cc = tf.sqrt(bb)
        return cc

    gd = func.get_concrete_function(w).graph.as_graph_def(add_shapes=True)
    (HERE / "seed_func.pb").write_bytes(gd.SerializeToString())
    (HERE / "seed_func.pbtxt").write_text(str(gd))


def while_v1() -> None:
    g = tf.Graph()
    with g.as_default():
        from tensorflow.python.ops import control_flow_util

        control_flow_util.ENABLE_CONTROL_FLOW_V2 = False
        tf.compat.v1.disable_control_flow_v2()
        i = tf.constant(0, name="i")
        x = tf.constant(1.0, name="x")
        tf.compat.v1.while_loop(lambda i, x: i < 10, lambda i, x: (i + 1, x * 2.0), [i, x], name="loop")
    (HERE / "while_v1.pbtxt").write_text(str(g.as_graph_def(add_shapes=True)))


if __name__ == "__main__":
    seed_func()
    while_v1()
