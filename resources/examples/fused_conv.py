# title: A conv block: Conv2D + BiasAdd + Relu become one _FusedConv2D
# title_zh: 卷积块：Conv2D + BiasAdd + Relu 合成一个 _FusedConv2D
# description: The block CNNs repeat: the remapper fuses conv, bias and relu into one kernel; max pooling follows.
# description_zh: 真实 CNN 中反复出现的结构；Grappler 的 remapper 把卷积、偏置和 relu 合成一个内核，随后是最大池化。
import tensorflow as tf

tf.random.set_seed(0)
filters = tf.Variable(tf.random.normal((3, 3, 1, 4), stddev=0.5))
bias = tf.Variable(tf.constant([0.1, 0.0, -0.1, 0.2]))


@tf.function
def conv_block(images):
    conv = tf.nn.conv2d(images, filters, strides=1, padding="SAME")
    biased = tf.nn.bias_add(conv, bias)
    activated = tf.nn.relu(biased)
    return tf.nn.max_pool2d(activated, ksize=2, strides=2, padding="VALID")


images = tf.reshape(tf.range(64, dtype=tf.float32) / 64.0, (1, 8, 8, 1))
pooled = conv_block(images)
print(pooled.shape)
print(round(float(tf.reduce_sum(pooled)), 2))
