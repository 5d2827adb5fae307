# title: Watching a constant tensor
# title_zh: 用 watch 记录常量张量
# description: A tape records ops on a tensor only after watch(); z = (sum x)^2 gives dz/dx = 8.
# description_zh: 只有 watch() 之后，tape 才记录常量张量上的运算；z = (sum x)^2 的梯度为 8。
import tensorflow as tf

x = tf.ones((2, 2))
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_sum(x)
    z = tf.multiply(y, y)

# Derivative of z with respect to the original input tensor x
dz_dx = t.gradient(z, x)
print(dz_dx)
