# title: An unwatched constant has no gradient
# title_zh: 未被 watch 的常量没有梯度
# description: The tape watches Variables by itself but not constants: the gradient is None.
# description_zh: tape 自动记录 Variable，但不记录常量：梯度为 None。
import tensorflow as tf

x = tf.constant(3.0)
v = tf.Variable(3.0)
with tf.GradientTape(persistent=True) as tape:
    y = x * x
    z = v * v
print(tape.gradient(y, x))
print(tape.gradient(z, v))
