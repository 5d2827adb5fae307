"""``diff A B [--json]`` end to end, in its own process as a user runs it: exit 0 same, 1
different (exactly the edited nodes reported), 2 an unreadable input named. The graphs are a
small Keras CNN traced here (ResNet50 is measured in benchmarks/graph_diff.py)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def diff(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    # the command as cli/main.py will run it (add_parser + cli_diff), without the main parser
    return subprocess.run([sys.executable, "-m", "graphviz_app.cli.diff", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    import keras
    import tensorflow as tf
    from google.protobuf import text_format

    folder = tmp_path_factory.mktemp("diff")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input((16, 16, 3)),
        keras.layers.Conv2D(4, 3, activation="relu", name="conv_a"),
        keras.layers.Conv2D(4, 3, padding="same", name="conv_b"),
        keras.layers.ReLU(name="relu_b"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(2, name="head"),
    ])
    model.save(folder / "model.keras")
    traced = tf.function(lambda x: model(x)).get_concrete_function(tf.TensorSpec([1, 16, 16, 3]))
    graph = traced.graph.as_graph_def(add_shapes=True)
    (folder / "a.pb").write_bytes(graph.SerializeToString())
    (folder / "a.pbtxt").write_text(text_format.MessageToString(graph))
    conv = next(n for n in graph.node if n.op == "Conv2D" and "conv_b" in n.name)
    relu = next(n for n in graph.node if n.op == "Relu" and "relu_b" in n.name)
    conv.attr["strides"].list.i[:] = [1, 2, 2, 1]
    relu.op = "Elu"
    (folder / "b.pb").write_bytes(graph.SerializeToString())
    (folder / "bad.pb").write_bytes(b"\x00not a graph" * 20)
    return folder, conv.name, relu.name


def test_identical_graphs_exit_0(graphs):
    folder, _conv, _relu = graphs
    done = diff(str(folder / "a.pb"), str(folder / "a.pbtxt"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("same:")


def test_an_edited_conv_and_activation_are_exactly_the_changes(graphs):
    folder, conv, relu = graphs
    done = diff(str(folder / "a.pb"), str(folder / "b.pb"), "--json")
    assert done.returncode == 1, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == {"same", "added", "removed", "changed"}
    assert result["same"] is False and result["added"] == [] and result["removed"] == []
    assert sorted((c["a"], c["b"], tuple(c["what"])) for c in result["changed"]) == sorted(
        [(conv, conv, ("attr:strides",)), (relu, relu, ("op",))])
    text = diff(str(folder / "a.pb"), str(folder / "b.pb"))
    assert text.returncode == 1 and '"Relu" -> "Elu"' in text.stdout
    assert "attr:strides: [1, 1, 1, 1] -> [1, 2, 2, 1]" in text.stdout


def test_an_unreadable_input_exits_2_naming_it(graphs):
    folder, _conv, _relu = graphs
    done = diff(str(folder / "a.pb"), str(folder / "bad.pb"))
    assert done.returncode == 2 and "bad.pb" in done.stderr and done.stdout == ""
    missing = diff(str(folder / "nothing.pb"), str(folder / "a.pb"), timeout=30)
    assert missing.returncode == 2 and "nothing.pb" in missing.stderr
    not_a_graph = diff(str(folder / "a.pb"), str(ROOT / "README.md"), timeout=30)
    assert not_a_graph.returncode == 2 and "README.md" in not_a_graph.stderr


def test_a_keras_file_compares_with_itself(graphs):
    folder, _conv, _relu = graphs
    done = diff(str(folder / "model.keras"), str(folder / "model.keras"), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"same": True, "added": [], "removed": [], "changed": []}


def test_add_parser_gives_the_command_its_arguments():
    import argparse

    from graphviz_app.cli.diff import add_parser, cli_diff

    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["diff", "x.pb", "y.pb", "--json"])
    assert (args.command, args.a, args.b, args.json) == ("diff", "x.pb", "y.pb", True)
    assert cli_diff(args) == 2  # x.pb does not exist: refused before any engine starts
