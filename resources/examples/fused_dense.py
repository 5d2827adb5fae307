# title: What "fused" means: a dense layer becomes one _FusedMatMul
# title_zh: “融合”是什么意思：全连接层变成一个 _FusedMatMul
# description: Traced, matmul, bias_add and relu are three ops; Grappler's remapper runs one _FusedMatMul kernel.
# description_zh: 追踪得到 matmul、bias_add、relu 三个运算；remapper 把它们合成一个 _FusedMatMul 内核。
import tensorflow as tf

tf.random.set_seed(0)
w = tf.Variable(tf.random.normal((3, 4)))
b = tf.Variable(tf.constant([0.1, -0.2, 0.3, 0.0]))


@tf.function
def dense(x):
    y = tf.matmul(x, w)
    z = tf.nn.bias_add(y, b)
    return tf.nn.relu(z)


out = dense(tf.ones((2, 3)))
print(out.shape)
print(round(float(tf.reduce_sum(out)), 3))
