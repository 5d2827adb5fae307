# title: Linear regression with gradient descent
# title_zh: 用梯度下降做线性回归
# description: Fit y = 3x + 2 from noisy samples: 100 steps of w -= lr * dL/dw with assign_sub.
# description_zh: 从带噪声的样本拟合 y = 3x + 2：用 assign_sub 做 100 步 w -= lr * dL/dw。
import tensorflow as tf

tf.random.set_seed(0)
n = 100
x = tf.random.uniform((n, 1), -1.0, 1.0)
y = 3.0 * x + 2.0 + tf.random.normal((n, 1), stddev=0.1)

w = tf.Variable(0.0)
b = tf.Variable(0.0)
lr = 0.2
for step in range(100):
    with tf.GradientTape() as tape:
        y_hat = w * x + b
        loss = tf.reduce_mean(tf.square(y_hat - y))
    dw, db = tape.gradient(loss, [w, b])
    w.assign_sub(lr * dw)
    b.assign_sub(lr * db)
    if step % 20 == 0:
        print(step, loss.numpy())
print(w)
print(b)
