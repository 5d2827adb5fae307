# title: A persistent tape answers twice
# title_zh: persistent 的 tape 可以多次求导
# description: With persistent=True the tape keeps its intermediates: dz/dx = 108 and dy/dx = 6 at x = 3.
# description_zh: persistent=True 时 tape 保留中间结果：x = 3 时 dz/dx = 108，dy/dx = 6。
import tensorflow as tf

x = tf.constant(3.0)
with tf.GradientTape(persistent=True) as g:
    g.watch(x)
    y = x * x
    z = y * y
dz_dx = g.gradient(z, x)  # 108.0 (4*x^3 at x = 3)
dy_dx = g.gradient(y, x)  # 6.0
print(dz_dx)
print(dy_dx)
