"""Regenerate ``seed_func.xplane.pb``: a real TF profiler trace (XSpace) of the lecture's func,
profiled the way graphviz_app.core.profile.profiling does it (3 marked eager calls, 3 marked graph calls).

Run with the project's Python: ``python tests/data/make_xplane.py``.
"""
from pathlib import Path

import tensorflow as tf

from graphviz_app.core.profile.profiling import record_xspace
from graphviz_app.core.report import FunctionCall
from graphviz_app.core.tasks import TaskContext

HERE = Path(__file__).resolve().parent


def func(inp):
    aa = tf.exp(inp)
    bb = tf.add(aa, 1.)
    cc = tf.sqrt(bb)
    return cc


def main() -> None:
    x = tf.constant(1.0)
    call = FunctionCall("func", tf.function(func), func, (x,), {})
    call.function(x)
    func(x)
    data, level = record_xspace(TaskContext(), [call])
    (HERE / "seed_func.xplane.pb").write_bytes(data)
    print(f"{len(data)} bytes at TraceMe level {level}")


if __name__ == "__main__":
    main()
