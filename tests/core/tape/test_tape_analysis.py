"""Issue 6's core: what each tape recorded, what its backward pass keeps, the chain rule's
values and the finite-difference check, against real TensorFlow."""
import pytest
import tensorflow as tf  # noqa: F401  (a hard dependency: without it these tests fail, never skip)

from graphviz_app.core.examples import find_example, list_examples
from graphviz_app.core.run.runner import run_source


@pytest.fixture(scope="module")
def seed_gradient():
    report = run_source(None, find_example("seed_gradient").source)
    assert report.ok, report.error
    return report


def test_the_tape_recorded_the_forward_ops_with_their_intermediates(seed_gradient):
    tape = seed_gradient.tapes[0]
    recorded = [seed_gradient.eager_ops[i] for i in tape.recorded]
    assert [(op.op, op.label) for op in recorded] == [
        ("ReadVariableOp", "w"), ("Exp", "aa"), ("AddV2", "bb"), ("Sqrt", "cc")]
    assert recorded[1].outputs[0].value == pytest.approx(7.389056, rel=1e-6)


def test_saved_for_backward_answers_the_lectures_question(seed_gradient):
    saved = {s["label"]: s for s in seed_gradient.tapes[0].saved}
    assert set(saved) == {"aa", "cc"}
    assert saved["aa"]["op_type"] == "Exp" and saved["cc"]["op_type"] == "Sqrt"
    assert saved["aa"]["dtype"] == "float32" and saved["aa"]["shape"] == [] and saved["aa"]["bytes"] == 4
    model = seed_gradient.backward_models[0]
    for entry in saved.values():
        assert entry["used_by"]
        for user in entry["used_by"]:
            assert model.graph.nodes[user]["kind"] == "gradient"
            assert model.graph.edges[entry["op"], user]["saved_for_backward"]


def test_each_gradient_op_knows_its_forward_op_and_value(seed_gradient):
    tape = seed_gradient.tapes[0]
    nodes = {n["name"]: n for n in tape.backward["nodes"]}
    sqrt_grad = next(n for n in nodes.values() if n["op"] == "SqrtGrad")
    mul = next(n for n in nodes.values() if n["kind"] == "gradient" and n["op"] == "Mul")
    assert nodes[sqrt_grad["forward_of"]]["label"] == "cc"
    assert nodes[mul["forward_of"]]["label"] == "aa"
    # the chain rule: dy/dw = 1/(2*sqrt(bb)) * exp(w) = 0.1726... * 7.389... = 1.2755646
    assert tape.backward_values[sqrt_grad["name"]]["value"] == pytest.approx(0.17262888, rel=1e-6)
    assert tape.backward_values[mul["name"]]["value"] == pytest.approx(1.2755646, rel=1e-6)


EXAMPLES_WITH_TAPES = [e for e in list_examples() if "GradientTape" in e.source]


@pytest.mark.parametrize("example", EXAMPLES_WITH_TAPES, ids=[e.name for e in EXAMPLES_WITH_TAPES])
def test_gradient_check_passes_on_every_example(example):
    report = run_source(None, example.source)
    checks = [c for tape in report.tapes for c in tape.check if c["rel_error"] is not None]
    analysed = [t for t in report.tapes if t.backward is not None]
    assert analysed, [t.note for t in report.tapes]
    for check in checks:
        tolerance = 1e-3 if check["dtype"] == "float32" else 1e-7
        assert check["rel_error"] < tolerance, check
        assert check["passed"]
    if any(c.values != [None] for t in report.tapes for c in t.gradients):
        assert {c["dtype"] for c in checks} == {"float32", "float64"}


def test_a_tape_inside_a_function_says_why_it_has_no_backward_graph():
    report = run_source(None, "import tensorflow as tf\ndef f(x):\n"
                              "    with tf.GradientTape() as t:\n        t.watch(x)\n"
                              "        y = x * x\n    return t.gradient(y, x)\n"
                              "print(f(tf.constant(2.0)))\n")
    assert report.ok
    assert report.tapes[0].backward is None and "inside a function" in report.tapes[0].note
