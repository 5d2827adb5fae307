"""XLA's kernels as the app describes them equal what TF's own optimized HLO text says: the
test asks TF for the text live and reads it with its own, independent regular expressions."""
from __future__ import annotations

import re

import pytest

from graphviz_app.core.examples import find_example
from graphviz_app.core.rewrite import hlo
from graphviz_app.core.rewrite.xla import describe_hlo, traced_names, xla_graph
from graphviz_app.core.run.runner import run_source


@pytest.fixture(scope="module")
def xla_run():
    report = run_source(None, find_example("xla_fusion").source)
    assert report.ok, report.error
    call = report.callables[0]
    return report, call, xla_graph(None, call)


def _live_hlo(call) -> str:
    import tensorflow as tf

    from graphviz_app.core.profile.profiling import quiet_twin

    compiled = tf.function(quiet_twin(call).python_function, jit_compile=True)
    return compiled.experimental_get_compiler_ir(*call.args, **call.kwargs)(stage="optimized_hlo")


def _fusions_by_regex(text: str) -> dict[str, set[tuple[str, str]]]:
    """fusion name -> {(op_type, op_name)} inside the computation it calls, read plainly."""
    blocks = {m.group(1): m.group(2) for m in re.finditer(
        r"^%?([\w.\-]+) \([^\n]*\) -> [^\n]*\{\n(.*?)\n\}", text, re.S | re.M)}
    entry = re.search(r"^ENTRY .*?\{\n(.*?)\n\}", text, re.S | re.M).group(1)
    fusions = {}
    for m in re.finditer(r"%?([\w.\-]+) = \S+ fusion\(.*?calls=%?([\w.\-]+)", entry):
        fusions[m.group(1)] = set(re.findall(r'op_type="([^"]*)" op_name="([^"]*)"',
                                             blocks[m.group(2)]))
    return fusions


def test_fusions_and_their_tf_ops_equal_tfs_hlo_text(xla_run):
    report, call, described = xla_run
    assert described["error"] is None
    truth = _fusions_by_regex(_live_hlo(call))
    assert truth, "TF's HLO for this example holds fusions"
    assert set(described["fusions"]) == set(truth)
    for node in described["nodes"]:
        if node["opcode"] == "fusion":
            assert {(o["op_type"], o["op_name"]) for o in node["tf_ops"]} == truth[node["name"]]


def test_fused_tf_ops_map_back_to_traced_nodes(xla_run):
    report, call, described = xla_run
    traced = {n["name"]: n["op"] for n in report.functions[0].graph["nodes"]}
    fused_ops = set()
    for node in described["nodes"]:
        if node["opcode"] == "fusion":
            assert node["from"] and set(node["from"]) <= set(traced)
            fused_ops |= {traced[n] for n in node["from"]}
    # the element-wise work of the example is fused; the matmul stays a dot of its own
    assert {"BiasAdd", "Relu", "Mul", "AddV2", "Softmax"} <= fused_ops
    assert "MatMul" not in fused_ops
    dots = [n for n in described["nodes"] if n["opcode"] == "dot"]
    assert [n["from"] for n in dots] == [["MatMul"]]
    assert traced_names(call.function) == set(traced)


def test_a_function_xla_cannot_compile_says_why():
    report = run_source(None, "import tensorflow as tf\n@tf.function\ndef f(x):\n"
                              "    tf.print(x)\n    return x + 1\nf(tf.constant(1.0))\n")
    described = xla_graph(None, report.callables[0])
    assert described["nodes"] == [] and "XLA" in described["error"]


SAMPLE = """HloModule m, entry_computation_layout={(f32[2]{0})->(f32[2]{0}, s32[])}

fused_computation.1 {
  param_0 = f32[2]{0} parameter(0)
  ROOT exp.1 = f32[2]{0} exponential(f32[2]{0} param_0), metadata={op_type="Exp" op_name="scope/Exp"}
}

ENTRY main.9 {
  arg = f32[2]{0} parameter(0), metadata={op_name="XLA_Args"}
  c = s32[] constant(3)
  fusion.1 = f32[2]{0} fusion(arg), kind=kLoop, calls=fused_computation.1, metadata={op_type="Exp" op_name="scope/Exp"}
  ROOT t = (f32[2]{0}, s32[]) tuple(fusion.1, c)
}
"""


def test_the_parser_reads_hlo_printed_without_percent_signs():
    entry = hlo.parse_module(SAMPLE).entry
    assert [i.opcode for i in entry.instructions] == ["parameter", "constant", "fusion", "tuple"]
    assert entry.instructions[-1].shape == "(f32[2]{0}, s32[])" and entry.instructions[-1].root
    described = describe_hlo(SAMPLE, {"scope", "other"})
    fusion = next(n for n in described["nodes"] if n["opcode"] == "fusion")
    assert fusion["inputs"] == ["arg"] and fusion["from"] == ["scope"]
    assert fusion["inside"] == [{"name": "exp.1", "opcode": "exponential", "op_type": "Exp",
                                 "op_name": "scope/Exp"}]
    assert next(n for n in described["nodes"] if n["name"] == "t")["inputs"] == ["fusion.1", "c"]


def test_hlo_without_an_entry_is_refused():
    with pytest.raises(ValueError):
        hlo.parse_module("HloModule m\n")
