"""Graph matching and diff on small synthetic graphs (GraphModel JSON nodes), and its speed on a
20k-node graph built here."""
from __future__ import annotations

import copy
import time

from graphviz_app.core.graph.model import GraphModel
from graphviz_app.core.rewrite.diff import diff_models, diff_nodes


def node(name, op, inputs=(), attrs=None, shapes=None, dtypes=("f32",)):
    return {"name": name, "op": op, "inputs": list(inputs), "attrs": dict(attrs or {}),
            "shapes": shapes if shapes is not None else [[1, 4]], "dtypes": list(dtypes)}


def chain():
    return [node("x", "Placeholder"), node("w", "Const", attrs={"value": "f32[4,4]"}),
            node("mm", "MatMul", ["x", "w"], {"transpose_a": False}),
            node("b", "Const"), node("add", "BiasAdd", ["mm", "b"]),
            node("act", "Relu", ["add"]), node("out", "Identity", ["act"])]


def test_identical_graphs_are_the_same():
    result = diff_nodes(chain(), chain())
    assert result.same and result.to_json() == {"same": True, "added": [], "removed": [],
                                                "changed": []}
    assert len(result.matched) == 7 and result.renamed == []


def test_an_op_and_an_attribute_change_are_reported_on_their_nodes_only():
    b = chain()
    b[5]["op"] = "Relu6"
    b[2]["attrs"]["transpose_a"] = True
    result = diff_nodes(chain(), b)
    assert result.to_json()["changed"] == [
        {"a": "mm", "b": "mm", "what": ["attr:transpose_a"]},
        {"a": "act", "b": "act", "what": ["op"]}]
    assert result.changed[1]["details"] == {"op": ["Relu", "Relu6"]}
    assert not result.same and result.added == [] and result.removed == []


def test_bookkeeping_attributes_are_not_changes_but_shapes_and_inputs_are():
    b = chain()
    b[0]["attrs"]["_user_specified_name"] = "other"
    b[6]["shapes"] = [[2, 4]]
    b[6]["inputs"] = ["add"]
    result = diff_nodes(chain(), b)
    assert [(c["a"], c["what"]) for c in result.changed] == [("out", ["shapes", "inputs"])]


def test_added_and_removed_nodes():
    b = chain()[:-1] + [node("sm", "Softmax", ["act"]), node("out", "Identity", ["sm"])]
    a = chain() + [node("dead", "NoOp")]
    result = diff_nodes(a, b)
    assert result.added == ["sm"] and result.removed == ["dead"]
    assert [(c["a"], c["what"]) for c in result.changed] == [("out", ["inputs"])]


def test_renamed_nodes_are_matched_by_structure():
    b = chain()
    renames = {"mm": "dense/MatMul", "add": "dense/BiasAdd", "act": "dense/Relu"}
    for n in b:
        n["name"] = renames.get(n["name"], n["name"])
        n["inputs"] = [renames.get(i, i) for i in n["inputs"]]
    result = diff_nodes(chain(), b)
    assert result.same, result.to_dict()
    assert sorted(result.renamed) == sorted(renames.items())


def test_a_renamed_node_whose_op_changed_is_matched_by_its_inputs_and_reported():
    b = chain()
    b[5]["name"], b[5]["op"] = "activation", "Elu"
    b[6]["inputs"] = ["activation"]
    result = diff_nodes(chain(), b)
    assert result.renamed == [("act", "activation")]
    assert [(c["a"], c["b"], c["what"]) for c in result.changed] == [("act", "activation", ["op"])]


def test_ambiguous_candidates_are_not_guessed():
    a = [node("x", "Placeholder"), node("p", "Exp", ["x"]), node("q", "Exp", ["x"])]
    b = [node("x", "Placeholder"), node("r", "Exp", ["x"]), node("s", "Exp", ["x"])]
    result = diff_nodes(a, b)
    assert sorted(result.removed) == ["p", "q"] and sorted(result.added) == ["r", "s"]


def big_graph(n: int) -> list[dict]:
    """A layered graph of n nodes with convolution-like attributes, like a big model."""
    nodes = [node("input", "Placeholder")]
    for i in range(1, n):
        ins = [nodes[i - 1]["name"]] + ([nodes[i - 7]["name"]] if i > 7 else [])
        nodes.append(node(f"block{i // 10}/op_{i}", ("Conv2D", "BiasAdd", "Relu", "AddV2")[i % 4], ins,
                          {"strides": [1, 1, 1, 1], "padding": "SAME", "data_format": "NHWC"},
                          shapes=[[1, 56, 56, 64]]))
    return nodes


def test_matching_twenty_thousand_nodes_is_fast():
    a = big_graph(20_000)
    b = copy.deepcopy(a)
    b[101]["attrs"]["strides"] = [1, 2, 2, 1]
    b[502]["op"] = "Relu6"
    for i in (5000, 12000):  # renamed: found by structure
        old, new = b[i]["name"], b[i]["name"] + "_renamed"
        b[i]["name"] = new
        for n in b:
            n["inputs"] = [new if x == old else x for x in n["inputs"]]
    model_a = GraphModel.from_json_dict({"nodes": a})
    model_b = GraphModel.from_json_dict({"nodes": b})
    started = time.perf_counter()
    result = diff_models(model_a, model_b)
    took = time.perf_counter() - started
    assert [c["what"] for c in result.changed] == [["attr:strides"], ["op"]]
    assert len(result.renamed) == 2 and not result.added and not result.removed
    assert took < 5.0, f"{took:.2f} s for 20k nodes (about 0.4 s measured on an idle 2-core host)"
