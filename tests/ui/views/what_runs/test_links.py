"""The tab's reading of the core's records (no TensorFlow): links both ways, the pass summary's
steps, and repeated fusions (a model's 53 conv blocks) as one line with its count."""
from __future__ import annotations

from graphviz_app.ui.views.what_runs.links import Links, grappler_steps, grouped, ops_summary, xla_model


def conv_block(i: int) -> dict:
    return {"name": f"b{i}/BiasAdd", "op": "_FusedConv2D", "parts": [f"b{i}/conv", f"b{i}/BiasAdd"],
            "part_ops": ["Conv2D", "BiasAdd"]}


RECORD = {
    "nodes": [{"name": "x", "op": "_Arg", "from": ["x"]},
              {"name": "b0/BiasAdd", "op": "_FusedConv2D", "from": ["b0/conv", "b0/BiasAdd"]},
              {"name": "b1/BiasAdd", "op": "_FusedConv2D", "from": ["b1/conv", "b1/BiasAdd"]},
              {"name": "k", "op": "Const", "from": ["c1", "c2", "k"]}],
    "passes": [
        {"name": "constant_folding", "iteration": 1, "removed": ["c1", "c2"], "added": [],
         "changed": [{"name": "k", "op_before": "Mul", "op": "Const"}],
         "fused": [{"name": "k", "op": "Const", "parts": ["c1", "c2", "k"], "part_ops": ["Const", "Const", "Mul"]}]},
        {"name": "remapper", "iteration": 1, "removed": ["b0/conv", "b1/conv"], "added": [],
         "changed": [{"name": "b0/BiasAdd", "op_before": "BiasAdd", "op": "_FusedConv2D"},
                     {"name": "b1/BiasAdd", "op_before": "BiasAdd", "op": "_FusedConv2D"}],
         "fused": [conv_block(0), conv_block(1)]},
        {"name": "dependency_optimizer", "iteration": 1, "removed": ["NoOp"], "added": [], "changed": [],
         "fused": []},
        {"name": "pruning", "iteration": 2, "removed": [], "added": [], "changed": [], "fused": []},
    ]}
TRACED = {"x": "Placeholder", "c1": "Const", "c2": "Const", "k": "Mul", "NoOp": "NoOp",
          **{f"b{i}/{n}": op for i in range(2) for n, op in (("conv", "Conv2D"), ("BiasAdd", "BiasAdd"))}}


def test_links_go_both_ways():
    links = Links.of_nodes(RECORD["nodes"])
    assert links.came_from["b1/BiasAdd"] == ["b1/conv", "b1/BiasAdd"]
    assert links.became["b1/conv"] == ["b1/BiasAdd"] and links.became["c2"] == ["k"]


def test_steps_say_what_each_pass_did_and_repeats_are_counted():
    steps = grappler_steps(RECORD, TRACED)
    assert [(s.pass_name, s.kind) for s in steps] == [
        ("constant_folding", "folded"), ("remapper", "fused"), ("remapper", "fused"),
        ("dependency_optimizer", "removed")]
    fold = steps[0]
    assert (fold.ops, fold.op_after, fold.traced, fold.rewritten) == (
        ["Const", "Const", "Mul"], "Const", ["c1", "c2", "k"], ["k"])
    assert steps[3].ops == ["NoOp"] and steps[3].rewritten == []
    lines = grouped(steps)
    assert [s.count for s in lines] == [1, 2, 1]
    assert lines[1].traced == ["b0/conv", "b0/BiasAdd", "b1/conv", "b1/BiasAdd"]
    assert lines[1].rewritten == ["b0/BiasAdd", "b1/BiasAdd"]
    assert steps[1].count == 1 and steps[1].traced == ["b0/conv", "b0/BiasAdd"], "the records stay as they were"
    assert ops_summary(fold.ops) == "Const ×2 + Mul"


def test_an_xla_fusion_is_one_node_naming_the_tf_ops_it_holds():
    xla = {"nodes": [
        {"name": "p0", "opcode": "parameter", "inputs": []},
        {"name": "dot", "opcode": "dot", "inputs": ["p0"], "op_type": "MatMul", "op_name": "MatMul"},
        {"name": "fusion", "opcode": "fusion", "inputs": ["dot"], "kind": "kLoop", "root": True,
         "tf_ops": [{"op_type": "BiasAdd"}, {"op_type": "Relu"}, {"op_type": "Relu"}]}]}
    model = xla_model("f", xla)
    g = model.graph
    assert [g.nodes[n]["kind"] for n in g] == ["input", "op", "output"]
    assert g.nodes["fusion"]["value_text"] == "BiasAdd+Relu" and list(g.predecessors("fusion")) == ["dot"]
