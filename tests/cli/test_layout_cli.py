"""``main.py layout``: the JSON's exact form, the folded first view and ``--expand all``, every
kind of SOURCE through the engine (a GraphDef, an example's tf.function, model:NAME), the exit
codes with their messages, and a command path that imports neither Qt nor TensorFlow."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from graphviz_app.cli import layout as layout_cli
from graphviz_app.cli.main import main
from graphviz_app.core.engine.sync import SyncEngine
from tests.support import DATA, ROOT, scoped_text_graph

TOP_KEYS = {"width", "height", "rankdir", "nodes", "edges"}
NODE_TYPES = {"item": int, "kind": str, "title": str, "subtitle": str, "x": float, "y": float, "w": float,
              "h": float, "ops": int, "structure": str, "twins": int}
EDGE_KEYS = {"src", "dst", "count", "points"}


@pytest.fixture(scope="module")
def engine():
    """One engine process for this file: TensorFlow is imported once."""
    eng = SyncEngine()
    yield eng
    eng.close()


@pytest.fixture
def on_engine(engine, monkeypatch):
    """``main(["layout", ...])`` loads through this file's engine instead of starting its own."""
    monkeypatch.setattr(layout_cli, "load_model", lambda source, memory_limit=None:
                        layout_cli.load_model_with(engine, source))


@pytest.fixture(scope="module")
def scoped(tmp_path_factory):
    """30 name scopes of 8 ops: over 200 ops, so the first view folds them."""
    return scoped_text_graph(tmp_path_factory.mktemp("layout") / "scoped.pbtxt", blocks=30, per_block=8)


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_form(data: dict) -> None:
    """Exactly the documented keys, each of its type."""
    assert set(data) == TOP_KEYS
    assert is_number(data["width"]) and is_number(data["height"]) and data["rankdir"] in ("TB", "LR")
    assert data["nodes"] and isinstance(data["edges"], list)
    for node in data["nodes"]:
        assert set(node) == set(NODE_TYPES), node
        for key, kind in NODE_TYPES.items():
            ok = is_number(node[key]) if kind is float else (type(node[key]) is kind)
            assert ok, (key, node)
        assert node["kind"] in ("node", "group", "box") and node["ops"] >= 1 and node["twins"] >= 1
        assert node["w"] > 0 and node["h"] > 0
    assert len({n["item"] for n in data["nodes"]}) == len(data["nodes"])
    for edge in data["edges"]:
        assert set(edge) == EDGE_KEYS, edge
        assert type(edge["src"]) is int and type(edge["dst"]) is int and type(edge["count"]) is int
        assert edge["count"] >= 1 and len(edge["points"]) >= 2
        assert all(len(p) == 2 and all(is_number(v) for v in p) for p in edge["points"])


def near_box(point, node, slack: float = 1.0) -> bool:
    x, y = point
    return (abs(x - node["x"]) <= node["w"] / 2 + slack) and (abs(y - node["y"]) <= node["h"] / 2 + slack)


def check_flow_order(data: dict) -> None:
    """An edge between two drawn items starts at its source's box and ends at its target's."""
    boxes = {n["item"]: n for n in data["nodes"]}
    checked = 0
    for edge in data["edges"]:
        src, dst = boxes.get(edge["src"]), boxes.get(edge["dst"])
        if src is None or dst is None or "box" in (src["kind"], dst["kind"]):
            continue  # a piece at an opened group's port
        assert near_box(edge["points"][0], src) and near_box(edge["points"][-1], dst), edge
        checked += 1
    assert checked


def titles(data: dict) -> set[str]:
    return {n["title"] for n in data["nodes"]}


def test_a_graphdef_lays_out_as_json_of_exactly_the_documented_form(engine):
    data = json.loads(layout_cli.layout_json(layout_cli.load_model_with(engine, str(DATA / "seed_func.pb"))))
    check_form(data)
    check_flow_order(data)
    assert {"Exp", "AddV2", "Sqrt", "ReadVariableOp"} <= titles(data)
    assert {n["kind"] for n in data["nodes"]} == {"node"}  # 8 ops: drawn one by one


def test_an_example_lays_out_its_tf_function_graph(engine):
    data = json.loads(layout_cli.layout_json(layout_cli.load_model_with(engine, "seed_tf_function")))
    check_form(data)
    check_flow_order(data)
    # the ops of func, titled with the snippet's own names as the graph view shows them
    assert {"aa = Exp", "bb = AddV2", "cc = Sqrt", "Placeholder"} <= titles(data)


def test_a_model_source_lays_out_the_traced_model(engine):
    model = layout_cli.load_model_with(engine, "model:transformer")
    folded = layout_cli.layout_dict(model)  # 122 ops: over 60, so it first opens folded
    check_form(json.loads(json.dumps(folded, default=layout_cli._plain)))
    assert sum(n["kind"] != "box" for n in folded["nodes"]) <= 60
    assert sum(n["ops"] for n in folded["nodes"] if n["kind"] != "box") >= 100
    data = layout_cli.layout_dict(model, expand_all=True)
    assert {"Softmax", "Einsum", "Rsqrt", "Relu"} <= titles(data)


def test_first_view_is_folded_and_expand_all_opens_every_group(engine, scoped):
    model = layout_cli.load_model_with(engine, str(scoped))
    folded, opened = layout_cli.layout_dict(model), layout_cli.layout_dict(model, expand_all=True)
    for data in (folded, opened):
        check_form(json.loads(json.dumps(data, default=layout_cli._plain)))
    groups = [n for n in folded["nodes"] if n["kind"] == "group"]
    assert len(groups) >= 10 and len(folded["nodes"]) <= 60
    assert sum(n["ops"] for n in folded["nodes"] if n["kind"] != "box") == len(model) == 241
    assert not [n for n in opened["nodes"] if n["kind"] == "group"]
    assert len([n for n in opened["nodes"] if n["kind"] == "node"]) == 241
    check_flow_order(opened)


def test_bad_sources_exit_2_naming_them(on_engine, tmp_path, capsys):
    cut = tmp_path / "cut.pb"
    cut.write_bytes((DATA / "seed_func.pb").read_bytes()[:100])
    missing = tmp_path / "missing.pbtxt"
    for source, words in ((cut, "cut.pb: not a binary GraphDef"), (missing, "missing.pbtxt: no such file"),
                          ("model:VGG16", "model:VGG16: no such model; choose one of: model:Transformer"),
                          ("no_such_example", "'no_such_example' is neither a file nor a bundled example")):
        assert main(["layout", str(source)]) == 2
        captured = capsys.readouterr()
        assert words in captured.err and not captured.out, captured.err
    assert main(["layout", str(DATA / "seed_func.pb"), "--expand", "some"]) == 2
    assert "--expand some" in capsys.readouterr().err
    assert main(["layout", str(DATA / "seed_func.pb"), "-o", str(tmp_path / "no" / "where.json")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_json_goes_to_stdout_or_to_the_file(on_engine, tmp_path, capsys):
    assert main(["layout", str(DATA / "seed_func.pb")]) == 0
    printed = json.loads(capsys.readouterr().out)
    out = tmp_path / "seed.json"
    assert main(["layout", str(DATA / "seed_func.pb"), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert not captured.out and f"wrote {out}" in captured.err
    assert json.loads(out.read_text(encoding="utf-8")) == printed


def test_the_command_imports_neither_qt_nor_tensorflow(scoped, tmp_path):
    out = tmp_path / "opened.json"
    code = ("import json, sys\n"
            "from graphviz_app.cli.main import main\n"
            "rc = main(sys.argv[1:])\n"
            "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'tensorflow', 'keras', 'pyqtgraph'})\n"
            "print(json.dumps({'rc': rc, 'heavy': heavy}))\n")
    done = subprocess.run([sys.executable, "-c", code, "layout", str(scoped), "--expand", "all", "-o", str(out)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"rc": 0, "heavy": []}, done.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    check_form(data)
    assert not [n for n in data["nodes"] if n["kind"] == "group"]
