# title: XLA: jit_compile=True fuses element-wise ops into kernels
# title_zh: XLA：jit_compile=True 把逐元素运算融合成内核
# description: With jit_compile=True, XLA compiles the function: bias, relu, scaling and softmax become a few kernels.
# description_zh: 使用 jit_compile=True 时，XLA 编译整个函数：偏置、relu、缩放和 softmax 融合成少数几个内核。
import tensorflow as tf

tf.random.set_seed(0)
w = tf.Variable(tf.random.normal((3, 4)))
b = tf.Variable(tf.zeros((4,)))


@tf.function(jit_compile=True)
def scores(x):
    hidden = tf.nn.relu(tf.nn.bias_add(tf.matmul(x, w), b))
    scaled = hidden * 2.0 + 1.0
    return tf.nn.softmax(scaled)


probabilities = scores(tf.ones((2, 3)))
print(probabilities.shape)
print(round(float(tf.reduce_sum(probabilities)), 3))
