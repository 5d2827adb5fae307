# title: A small MLP and its gradients
# title_zh: 一个小型多层感知机及其梯度
# description: Two dense layers written with matmul and relu; the tape gives a gradient for each weight.
# description_zh: 用 matmul 和 relu 写两层全连接网络；tape 给出每个权重的梯度。
import tensorflow as tf

tf.random.set_seed(1)
x = tf.random.normal((4, 3))
y = tf.constant([[1.0], [0.0], [1.0], [0.0]])
w1 = tf.Variable(tf.random.normal((3, 5), stddev=0.5))
b1 = tf.Variable(tf.zeros((5,)))
w2 = tf.Variable(tf.random.normal((5, 1), stddev=0.5))
b2 = tf.Variable(tf.zeros((1,)))

with tf.GradientTape() as tape:
    hidden = tf.nn.relu(x @ w1 + b1)
    logits = tf.matmul(hidden, w2) + b2
    prob = tf.sigmoid(logits)
    loss = tf.reduce_mean(tf.square(prob - y))
grads = tape.gradient(loss, [w1, b1, w2, b2])
print("loss", loss.numpy())
for g in grads:
    print(g.shape)
