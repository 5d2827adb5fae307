"""Where rewritten nodes come from, pass by pass, on hand-made graphs (no TensorFlow)."""
from __future__ import annotations

from graphviz_app.core.rewrite.provenance import name_origin, step


def graph(*nodes):
    return {name: (op, tuple(inputs)) for name, op, inputs in nodes}


TRACED = graph(("x", "_Arg", ()), ("w", "ReadVariableOp", ()), ("MatMul", "MatMul", ("x", "w")),
               ("b", "ReadVariableOp", ()), ("BiasAdd", "BiasAdd", ("MatMul", "b")),
               ("Relu", "Relu", ("BiasAdd",)), ("Identity", "Identity", ("Relu",)))
START = {n: {n} for n in TRACED}
ORDER = {n: i for i, n in enumerate(TRACED)}


def test_a_fusion_absorbs_the_removed_nodes_that_led_to_it():
    fused = graph(("x", "_Arg", ()), ("w", "ReadVariableOp", ()), ("b", "ReadVariableOp", ()),
                  ("Relu", "_FusedMatMul", ("x", "w", "b")), ("Identity", "Identity", ("Relu",)))
    summary, prov = step("remapper", TRACED, fused, START, ORDER)
    assert prov["Relu"] == {"MatMul", "BiasAdd", "Relu"}
    assert summary["removed"] == ["MatMul", "BiasAdd"] and summary["added"] == []
    assert summary["changed"] == [{"name": "Relu", "op_before": "Relu", "op": "_FusedMatMul"}]
    assert summary["fused"] == [{"name": "Relu", "op": "_FusedMatMul",
                                 "parts": ["MatMul", "BiasAdd", "Relu"],
                                 "part_ops": ["MatMul", "BiasAdd", "Relu"]}]


def test_a_pruned_node_is_only_removed():
    pruned = {n: v for n, v in TRACED.items() if n != "Identity"}
    summary, prov = step("dependency_optimizer", TRACED, pruned, START, ORDER)
    assert summary["removed"] == ["Identity"] and summary["fused"] == []
    assert all(prov[n] == {n} for n in pruned)


def test_new_nodes_come_from_the_node_their_name_names():
    old = graph(("s/x", "_Arg", ()), ("s/mul", "Mul", ("s/x", "s/x")), ("out", "Identity", ("s/mul",)))
    new = graph(("s/x", "_Arg", ()), ("s/ArithmeticOptimizer/ReplaceMulWithSquare_mul", "Square", ("s/x",)),
                ("out", "Identity", ("s/ArithmeticOptimizer/ReplaceMulWithSquare_mul",)))
    summary, prov = step("arithmetic_optimizer", old, new, {n: {n} for n in old})
    assert prov["s/ArithmeticOptimizer/ReplaceMulWithSquare_mul"] == {"s/mul"}
    assert summary["fused"][0]["parts"] == ["s/mul"]
    assert name_origin("Func/while/body/_1/input/_44", {"while": 1}) == "while"
    assert name_origin("unrelated", {"while": 1}) is None


def test_a_new_node_named_after_nothing_comes_from_its_neighbours():
    old = graph(("a", "Const", ()), ("c", "Identity", ("a",)))
    new = graph(("a", "Const", ()), ("zz", "Transpose", ("a",)), ("c", "Identity", ("zz",)))
    _summary, prov = step("layout", old, new, {"a": {"a"}, "c": {"c"}})
    assert prov["zz"] == {"c"}
