"""``diff`` on real models: ResNet50 (keras.applications, weights=None, traced with tf.function)
against a copy where one convolution's strides and one activation's op (Relu -> Elu) changed,
through the command (its own process and engine, as a user runs it), and the matching alone on a
large GraphDef given on the command line (e.g. a 20k-op one) against a copy with a few edits.

    python benchmarks/graph_diff.py [BIG.pb]

Prints what was reported and the times; exit 1 if the report is not exactly the two edits.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def resnet_graph_def():
    import keras
    import tensorflow as tf

    model = keras.applications.ResNet50(weights=None)
    fn = tf.function(lambda x: model(x, training=False))
    return fn.get_concrete_function(tf.TensorSpec([1, 224, 224, 3])).graph.as_graph_def(add_shapes=True)


def edit(graph_def):
    """A copy with the strides of the 6th Conv2D and the op of the 8th Relu changed."""
    changed = type(graph_def)()
    changed.CopyFrom(graph_def)
    conv = [n for n in changed.node if n.op == "Conv2D"][5]
    relu = [n for n in changed.node if n.op == "Relu"][7]
    conv.attr["strides"].list.i[:] = [1, 2, 2, 1]
    relu.op = "Elu"
    return changed, {conv.name: ["attr:strides"], relu.name: ["op"]}


def run_cli(a: Path, b: Path) -> tuple[int, dict, float]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "graphviz_app.cli.diff", str(a), str(b), "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    return done.returncode, json.loads(done.stdout or "{}"), time.perf_counter() - started


def matching(path: Path) -> None:
    from graphviz_app.core.graph.graph_def import graph_model_from_graph_def
    from graphviz_app.core.graph.loaders import parse_graph_def
    from graphviz_app.core.rewrite.diff import diff_models
    from graphviz_app.core.tasks import TaskContext

    graph_def = parse_graph_def(path)
    changed, expected = edit(graph_def)
    a = graph_model_from_graph_def(TaskContext(), graph_def, "a")
    b = graph_model_from_graph_def(TaskContext(), changed, "b")
    for label, other in (("itself", a), ("the edited copy", b)):
        started = time.perf_counter()
        result = diff_models(a, other)
        print(f"{path.name} ({len(a):,} ops) vs {label}: matched in {time.perf_counter() - started:.2f} s, "
              f"{len(result.changed)} changed")
    ok = {c["a"]: c["what"] for c in result.changed} == expected
    print("  exactly the edits:", ok)


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        graph_def = resnet_graph_def()
        print(f"ResNet50 built and traced: {len(graph_def.node):,} ops in {time.perf_counter() - started:.1f} s")
        changed, expected = edit(graph_def)
        a, b = Path(folder) / "a.pb", Path(folder) / "b.pb"
        a.write_bytes(graph_def.SerializeToString())
        b.write_bytes(changed.SerializeToString())
        code, same, took = run_cli(a, a)
        print(f"diff a a: exit {code} in {took:.1f} s, same={same.get('same')}")
        code2, result, took = run_cli(a, b)
        reported = {c["a"]: c["what"] for c in result.get("changed", [])}
        print(f"diff a b: exit {code2} in {took:.1f} s, changed={reported}")
        ok = code == 0 and code2 == 1 and reported == expected and not result["added"] and not result["removed"]
    for path in argv:
        matching(Path(path))
    print("exactly the two edits reported:", ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
