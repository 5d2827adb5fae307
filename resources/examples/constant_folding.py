# title: Constant folding: work done once, before the first call
# title_zh: 常量折叠：在第一次调用前就算好
# description: Ops on constants alone are computed while Grappler optimizes; the running graph holds only their Const.
# description_zh: 只依赖常量的运算在 Grappler 优化图时就被算出；实际运行的图里只剩下结果常量 Const。
import tensorflow as tf


@tf.function
def scale_and_shift(x):
    scale = tf.constant(2.0) * tf.constant(3.0)
    shift = tf.sqrt(tf.constant(16.0)) + tf.constant(1.0)
    return x * scale + shift


print(scale_and_shift(tf.constant([1.0, 2.0, 3.0])))
