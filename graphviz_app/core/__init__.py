"""The app's model layer: Python, TensorFlow, networkx, numpy. It never imports Qt."""
