# title: Gradient of func(w) with a GradientTape
# title_zh: 用 GradientTape 求 func(w) 的梯度
# description: The lecture's first example: sqrt(exp(w) + 1) and its derivative at w = 2.
# description_zh: 讲义的第一个例子：sqrt(exp(w) + 1) 在 w = 2 处的导数。
import tensorflow as tf


# take gradient of a variable
def func(w):
    aa = tf.exp(w)
    bb = tf.add(aa, 1.)
    cc = tf.sqrt(bb)
    return cc


w = tf.Variable(2.0, dtype=tf.float32)
with tf.GradientTape() as tape:
    y = func(w)
print(tape.gradient(y, w))
