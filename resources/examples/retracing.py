# title: Retracing: Python numbers vs tensors
# title_zh: 重新追踪：Python 数字与张量
# description: A Python float argument traces a new graph for every value; a tensor argument does not.
# description_zh: Python 浮点参数每换一个值就重新追踪一次；张量参数不会。
import tensorflow as tf


@tf.function
def scale(x, k):
    print("tracing with k =", k)
    return x * k


x = tf.constant([1.0, 2.0])
print(scale(x, 2.0))
print(scale(x, 3.0))
print(scale(x, tf.constant(4.0)))
print(scale(x, tf.constant(5.0)))
print("traces:", scale.experimental_get_tracing_count())
