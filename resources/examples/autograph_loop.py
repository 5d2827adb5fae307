# title: AutoGraph turns a for loop into a While op
# title_zh: AutoGraph 把 for 循环变成 While 运算
# description: Inside a tf.function, `for i in tf.range(n)` becomes one While op in the graph.
# description_zh: 在 tf.function 中，`for i in tf.range(n)` 会变成图中的一个 While 运算。
import tensorflow as tf


@tf.function
def sum_of_squares(n):
    total = tf.constant(0)
    for i in tf.range(n):
        total += i * i
    return total


print(sum_of_squares(tf.constant(10)))
print(sum_of_squares(tf.constant(100)))
