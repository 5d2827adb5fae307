# title: tf.Variable: assign, assign_add, assign_sub
# title_zh: tf.Variable：assign、assign_add、assign_sub
# description: Only a Variable can be assigned to; watch its value go 2.0, 3.0, 5.0, 4.0.
# description_zh: 只有 Variable 可以被赋值：它的值依次是 2.0、3.0、5.0、4.0。
import tensorflow as tf

aa = tf.Variable(2.0)
print(aa)
aa.assign(3.0)
print(aa)
aa.assign_add(2.0)
print(aa)
aa.assign_sub(1.0)
print(aa)
