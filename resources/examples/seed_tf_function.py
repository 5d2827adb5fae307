# title: tf.function: one call instead of three
# title_zh: tf.function：一次调用代替三次
# description: The decorated func runs exp, add and sqrt inside one TensorFlow graph call.
# description_zh: 被修饰的 func 在一次图调用中执行 exp、add 和 sqrt。
import tensorflow as tf


@tf.function
def func(inp):
    aa = tf.exp(inp)
    bb = tf.add(aa, 1.)
    cc = tf.sqrt(bb)
    return cc


w = tf.Variable(2.0, dtype=tf.float32)
print(func(w))
print(func(tf.constant(1.0)))
