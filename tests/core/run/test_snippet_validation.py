"""The whitelist: what is rejected, with which kind, line and column (no TensorFlow needed)."""
import pytest

from graphviz_app.core.errors import SnippetError
from graphviz_app.core.run.snippet import parse


def rejected(source: str) -> SnippetError:
    with pytest.raises(SnippetError) as info:
        parse(source)
    return info.value


@pytest.mark.parametrize("source, kind, line", [
    ("import os\n", "forbidden", 1),
    ("import tensorflow as tf\nimport numpy as np\n", "forbidden", 2),
    ("from os import path\n", "forbidden", 1),
    ("import tensorflow\n", "forbidden", 1),
    ("x = 1\ny = x.__class__\n", "forbidden", 2),
    ("print(__builtins__)\n", "forbidden", 1),
    ("eval('1+1')\n", "forbidden", 1),
    ("exec('x=1')\n", "forbidden", 1),
    ("x = 1\nopen('/tmp/x', 'w')\n", "forbidden", 2),
    ("getattr(1, 'real')\n", "forbidden", 1),
    ("f = lambda x: x\n", "forbidden", 1),
    ("import tensorflow as tf\ntf.io.write_file('/tmp/x', 'a')\n", "forbidden", 2),
    ("import tensorflow as tf\ny = tf.py_function(print, [], [])\n", "forbidden", 2),
    ("import tensorflow as tf\ny = tf.numpy_function(print, [], [])\n", "forbidden", 2),
    ("import tensorflow as tf\nv = tf.compat.v1.Session()\n", "forbidden", 2),
    ("import tensorflow as tf\ntf.saved_model.save(1, '/tmp/x')\n", "forbidden", 2),
    ("import tensorflow as tf\nx = tf.constant(1.)\ny = x.op.graph\n", "forbidden", 3),
    ("import tensorflow as tf\nv = tf.Variable(1.)\nv.handle\n", "forbidden", 3),
    ("import tensorflow as tf\nm = tf\n", "forbidden", 2),
    ("import tensorflow as tf\nt = tf.math\n", "forbidden", 2),
    ("'{0.__class__}'.format(1)\n", "forbidden", 1),
    ("class A:\n    pass\n", "forbidden", 1),
    ("def f():\n    global x\n", "forbidden", 2),
    ("try:\n    x = 1\nexcept Exception:\n    pass\n", "unsupported", 1),
    ("import tensorflow as tf\ny = tf.keras.layers.Dense(3)\n", "forbidden", 2),
    ("import tensorflow as tf\ny = tf.einsum('i->i', x)\n", "unsupported", 2),
    ("with open('x') as f:\n    pass\n", "unsupported", 1),
    ("x = (\n", "syntax", 1),
    ("def f(:\n", "syntax", 1),
    ("tf = 3\n", "forbidden", 1),
    ("print = 3\n", "forbidden", 1),
    ("_gv_tick = 3\n", "forbidden", 1),
    ("import tensorflow as tf\nwith tf.GradientTape(_gv_name='x') as t:\n    pass\n", "forbidden", 2),
])
def test_rejections_name_kind_and_line(source, kind, line):
    error = rejected(source)
    assert error.kind == kind, error
    assert error.line == line, error
    # the column points into the named line (0-based; at its end for an unclosed bracket)
    assert error.col is not None and 0 <= error.col <= len(source.splitlines()[line - 1]), error


def test_column_points_at_the_offending_attribute():
    error = rejected("import tensorflow as tf\nx = 1 + tf.io.read_file('a')\n")
    assert (error.line, error.col) == (2, 8)


def test_the_lecture_snippets_are_accepted():
    parse("import tensorflow as tf\n"
          "@tf.function\n"
          "def func(inp):\n    aa = tf.exp(inp)\n    return aa\n"
          "w = tf.Variable(2.0, dtype=tf.float32)\n"
          "with tf.GradientTape(persistent=True, watch_accessed_variables=False) as g:\n"
          "    g.watch(w)\n    y = func(w)\n"
          "a, b = g.gradient(y, [w, w])\n"
          "for i, (p, q) in enumerate(zip([1, 2], [3, 4])):\n    print(i, p @ q if False else p)\n"
          "x = tf.math.log(tf.nn.relu(tf.random.normal((2, 2))))\n"
          "spec = tf.TensorSpec(shape=None, dtype=tf.float32)\n")


def test_assignments_and_functions_are_noted_for_labels():
    program = parse("import tensorflow as tf\ndef f(x):\n    aa = tf.exp(x)\n    return aa\n"
                    "a, b = 1, 2\nc += 1\n")
    assert program.assignments == {3: ["aa"], 5: ["a", "b"], 6: ["c"]}
    assert program.functions == {"f": 2}
