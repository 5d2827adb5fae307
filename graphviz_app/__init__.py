"""graphviz_app: makes TensorFlow 2's execution model visible."""
__version__ = "0.1.0"
