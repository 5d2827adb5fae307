"""The What TF runs tab: a tf.function as traced, after Grappler and compiled by XLA."""
