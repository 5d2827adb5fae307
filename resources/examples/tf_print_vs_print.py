# title: print runs when tracing, tf.print on every call
# title_zh: print 只在追踪时运行，tf.print 每次调用都运行
# description: A Python side effect in a tf.function happens once, at trace time; tf.print is an op.
# description_zh: tf.function 中的 Python 副作用只在追踪时发生一次；tf.print 是图中的运算。
import tensorflow as tf


@tf.function
def step(x):
    print("Python print: tracing")
    tf.print("tf.print: running with x =", x)
    return x + 1


print(step(tf.constant(1)))
print(step(tf.constant(2)))
