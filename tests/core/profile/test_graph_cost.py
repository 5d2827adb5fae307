"""Cost on the graph (issue 20): per-op kernel time, bytes, FLOPs and parameters of small models
in every source form, measured in this process as the engine would; the names the graph view
shows; unknown input dimensions; a model that fails to run; the sums per group and per scope."""
from __future__ import annotations

import json

import pytest

from graphviz_app.core.profile import cost_jobs, graph_cost
from graphviz_app.core.profile.cost_jobs import ProfileProblem
from graphviz_app.core.profile.graph_cost import GraphCost, totals_by_group, totals_by_scope
from graphviz_app.core.profile.inputs import InputSpec, UnknownDimsError, dims_from, fill_shapes
from graphviz_app.core.tasks import TaskContext
from tests.support.graphs import ASSERT_PBTXT

BUDGET_S = 0.2
BATCH = 8



def small_net():
    """Two Dense layers and a small conv net: fused kernels, variables, a name scope per layer."""
    import keras

    image = keras.Input((12, 12, 3), name="image")
    x = keras.layers.Conv2D(8, 3, activation="relu", name="conv")(image)
    x = keras.layers.MaxPooling2D(name="pool")(x)
    x = keras.layers.Flatten(name="flat")(x)
    x = keras.layers.Dense(32, activation="relu", name="hidden")(x)
    return keras.Model(image, keras.layers.Dense(10, name="logits")(x), name="small")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The small net as a .keras file, a SavedModel and a traced GraphDef (.pb); a model with an
    unknown sequence length; a graph whose Assert fails at run time."""
    import keras
    import tensorflow as tf

    folder = tmp_path_factory.mktemp("cost")
    model = small_net()
    model.save(folder / "small.keras")
    model.export(str(folder / "small_saved"), verbose=False)
    fn = tf.function(lambda x: model(x, training=False))
    graph_def = fn.get_concrete_function(tf.TensorSpec([1, 12, 12, 3], tf.float32, name="x")) \
        .graph.as_graph_def(add_shapes=True)
    (folder / "small.pb").write_bytes(graph_def.SerializeToString())
    seq = keras.Sequential([keras.Input((None, 8), name="tokens"), keras.layers.Dense(4, name="proj")])
    seq.save(folder / "tokens.keras")
    (folder / "fails.pbtxt").write_text(ASSERT_PBTXT, encoding="utf-8")
    return {"keras": folder / "small.keras", "saved": folder / "small_saved", "pb": folder / "small.pb",
            "tokens": folder / "tokens.keras", "fails": folder / "fails.pbtxt", "params": model.count_params()}


def profile(source, batch=BATCH, dims=None) -> GraphCost:
    cost = cost_jobs.profile_graph(TaskContext(), str(source), batch, dims, budget_s=BUDGET_S)
    assert isinstance(cost, GraphCost), cost
    return cost


@pytest.fixture(scope="module")
def keras_cost(files):
    return profile(files["keras"])


def tf_profiler_flops(model, batch: int) -> int:
    """TF's own profiler on the model traced at BATCH, independently of the code under test."""
    import tensorflow as tf
    from tensorflow.python.profiler import option_builder

    fn = tf.function(lambda x: model(x))
    graph = fn.get_concrete_function(tf.TensorSpec([batch, 12, 12, 3], tf.float32)).graph
    options = option_builder.ProfileOptionBuilder(option_builder.ProfileOptionBuilder.float_operation()) \
        .with_empty_output().build()
    return tf.compat.v1.profiler.profile(graph=graph, options=options).total_float_ops


# ----- a .keras file ---------------------------------------------------------------------------
def test_params_are_exact_and_flops_are_tf_profilers(files, keras_cost):
    import keras

    model = keras.models.load_model(files["keras"], compile=False)
    assert keras_cost.params == files["params"] == sum(v["params"] for v in keras_cost.variables)
    assert keras_cost.flops == tf_profiler_flops(model, BATCH)
    # the dense layer's MatMul by hand: 2 * batch * in * out
    matmul = next(o for o in keras_cost.ops if o["op"] == "MatMul" and "/hidden" in o["name"])
    assert matmul["flops"] == 2 * BATCH * (5 * 5 * 8) * 32
    assert keras_cost.batch == BATCH


def test_every_variable_is_counted_once_on_the_op_that_reads_it(keras_cost):
    by_name = {o["name"]: o for o in keras_cost.ops}
    for v in keras_cost.variables:
        assert by_name[v["op"]]["op"] == "ReadVariableOp"
    assert sum(o["params"] for o in keras_cost.ops) == keras_cost.params
    kernel = next(v for v in keras_cost.variables if v["name"].endswith("conv/kernel"))
    assert kernel["shape"] == [3, 3, 3, 8] and kernel["params"] == 216


def test_op_times_come_from_the_kernels_that_ran(keras_cost):
    ran = [o for o in keras_cost.ops if o["time_us"] > 0]
    assert ran and all(o["kernels"] and o["runs"] >= 1 for o in ran)
    assert all(o["time_us"] == 0 and not o["kernels"] for o in keras_cost.ops if o["op"] == "Placeholder")
    # the sum of the per-op medians is the kernels' time, at most what two cores can do in a call
    assert keras_cost.kernel_us == pytest.approx(sum(o["time_us"] for o in keras_cost.ops)
                                                 + sum(o["time_us"] for o in keras_cost.other_kernels), abs=0.01)
    assert 0 < keras_cost.kernel_us < 3 * keras_cost.wall_us
    assert keras_cost.repeats["profiled"] >= cost_jobs.MIN_PROFILED
    names = {o["name"] for o in keras_cost.ops}
    assert keras_cost.trace and all(k["graph_op"] in names for k in keras_cost.trace)


def test_a_fused_kernel_names_the_ops_it_absorbed(keras_cost):
    """TF's optimiser fuses MatMul + BiasAdd (+ Relu): the fused kernel runs under the last op's
    name, and the ops it absorbed say where their work went."""
    fused = [o for o in keras_cost.ops if o["fused_into"]]
    assert fused
    by_name = {o["name"]: o for o in keras_cost.ops}
    for o in fused:
        target = by_name[o["fused_into"]]
        assert "Fused" in target["kernel"] and target["time_us"] > 0 and o["time_us"] == 0


def test_output_bytes_follow_shapes_and_dtypes(keras_cost):
    flat = next(o for o in keras_cost.ops if o["op"] == "Reshape" and "/flat" in o["name"])
    assert flat["output_bytes"] == BATCH * 5 * 5 * 8 * 4
    assert keras_cost.bytes_source in ("allocator", "output_shapes")


def test_the_op_names_are_the_graph_views(files, keras_cost):
    from graphviz_app.core.graph.loaders import load_keras

    view = load_keras(TaskContext(), str(files["keras"]))
    assert {o["name"] for o in keras_cost.ops} == set(view.graph.nodes)


def test_the_result_is_plain_json(keras_cost):
    data = json.loads(json.dumps(keras_cost.to_json_dict()))
    assert GraphCost.from_json_dict(data) == keras_cost
    cli = keras_cost.cli_json()
    assert list(cli) == ["source", "batch", "params", "flops", "wall_us", "ops"]
    assert [list(o) for o in cli["ops"][:1]] == [list(graph_cost.CLI_OP_KEYS)]
    times = [o["time_us"] for o in cli["ops"]]
    assert times == sorted(times, reverse=True)


# ----- other sources ---------------------------------------------------------------------------
def test_a_graph_def_runs_with_fresh_variables(files, keras_cost):
    from graphviz_app.core.graph.loaders import load_graph_def

    cost = profile(files["pb"], batch=1)
    assert cost.params == files["params"]
    assert cost.flops * BATCH == keras_cost.flops  # every op of this net is per sample
    assert {o["name"] for o in cost.ops} == set(load_graph_def(TaskContext(), str(files["pb"])).graph.nodes)
    assert any(o["time_us"] > 0 for o in cost.ops)
    # traced at batch 1, its Flatten reshapes to [1, 200]: another batch is TensorFlow's error
    problem = cost_jobs.profile_graph(TaskContext(), str(files["pb"]), BATCH, budget_s=BUDGET_S)
    assert problem.kind == "run" and f"batch {BATCH}" in problem.message and "reshape" in problem.message


def test_a_saved_model_is_profiled_under_the_loaders_names(files):
    from graphviz_app.core.graph.loaders import load_saved_model

    cost = profile(files["saved"], batch=2)
    assert cost.params == files["params"]
    view = load_saved_model(TaskContext(), str(files["saved"]))
    assert {o["name"] for o in cost.ops} == set(view.graph.nodes)
    assert cost.flops > 0 and any(o["time_us"] > 0 for o in cost.ops)


def snippet_cost(example: str) -> tuple[GraphCost, set[str]]:
    """The cost of an example's last tf.function and the node names the graph view shows for it."""
    from graphviz_app.core.examples import load_source
    from graphviz_app.core.graph.model import GraphModel
    from graphviz_app.core.run.runner import run_source

    name, text = load_source(example)
    report = run_source(None, text, name=name)
    info = report.functions[-1]
    call = next(c for c in reversed(report.callables) if c.function is not None and c.name == info.name)
    cost = cost_jobs.profile_function(TaskContext(), call, budget_s=BUDGET_S)
    assert isinstance(cost, GraphCost), cost
    return cost, set(GraphModel.from_json_dict(dict(info.graph, name=info.name)).graph.nodes)


def test_a_snippets_tf_function_under_the_graph_views_names():
    cost, view = snippet_cost("seed_tf_function")
    assert cost.batch is None and cost.params == 0
    assert {o["name"] for o in cost.ops} == view
    assert {"Exp", "AddV2", "Sqrt"} <= {o["op"] for o in cost.ops if o["time_us"] > 0}


def test_a_loops_kernels_are_counted_on_its_while_op():
    """TF lowers the While op into the loop's kernels (``while/body/...``): they lie in the
    op's name scope, so their time is the While node's."""
    cost, view = snippet_cost("autograph_loop")
    assert {o["name"] for o in cost.ops} == view and not cost.other_kernels
    loop = next(o for o in cost.ops if o["op"] in ("While", "StatelessWhile"))
    assert loop["time_us"] > 0 and len(loop["kernels"]) > 1


# ----- what the user must be told --------------------------------------------------------------
def test_unknown_dimensions_are_asked_for_by_name(files):
    problem = cost_jobs.profile_graph(TaskContext(), str(files["tokens"]), 2, budget_s=BUDGET_S)
    assert isinstance(problem, ProfileProblem) and problem.kind == "unknown_dims"
    assert problem.inputs == [{"name": "tokens", "shape": [None, None, 8], "unknown": [1]}]
    assert "'tokens'" in problem.message and "dimension 1" in problem.message
    cost = profile(files["tokens"], batch=2, dims={"tokens": {"1": 5}})  # JSON's string keys
    assert cost.flops == 2 * 2 * 5 * 8 * 4 + 2 * 5 * 4  # MatMul + BiasAdd


def test_a_model_that_fails_to_run_gives_tensorflows_message(files):
    problem = cost_jobs.profile_graph(TaskContext(), str(files["fails"]), 2, budget_s=BUDGET_S)
    assert isinstance(problem, ProfileProblem) and problem.kind == "run"
    assert "assertion failed" in problem.message and "check/Assert" in problem.message
    assert "File " not in problem.message  # TF's Python stack is left out


def test_a_bad_source_says_what_is_wrong(tmp_path):
    for source, words in ((tmp_path / "none.keras", "no such file"), ("model:Nope", "no such model"),
                          (tmp_path, "not a SavedModel")):
        problem = cost_jobs.profile_graph(TaskContext(), str(source), 1)
        assert isinstance(problem, ProfileProblem) and problem.kind == "source" and words in problem.message
    assert cost_jobs.profile_graph(TaskContext(), "model:ResNet50", 0).kind == "source"


def test_inputs_bigger_than_the_memory_limit_are_a_limit(files, monkeypatch):
    monkeypatch.setenv("GRAPHVIZ_APP_MEMORY_LIMIT", str(1 << 20))
    problem = cost_jobs.profile_graph(TaskContext(), str(files["keras"]), 10_000, budget_s=BUDGET_S)
    assert isinstance(problem, ProfileProblem) and problem.kind == "limit"
    assert "batch 10000 does not fit in the memory limit of 0.0 GB" in problem.message


def test_fill_shapes_takes_the_batch_and_the_given_dims():
    specs = [InputSpec("image", (None, 224, 224, 3), "float32"), InputSpec("ids", (None, None), "int32"),
             InputSpec("any", None, "float32")]
    with pytest.raises(UnknownDimsError) as caught:
        fill_shapes(specs, 4)
    assert [i["name"] for i in caught.value.inputs] == ["ids", "any"]
    assert caught.value.inputs[1]["unknown"] is None and "unknown rank" in str(caught.value)
    shapes = fill_shapes(specs, 4, {"ids": {1: 16}, "any": [1, 7]})
    assert shapes == [(4, 224, 224, 3), (4, 16), (4, 7)]
    assert dims_from(["ids:1=16", "image:2=32"]) == {"ids": {1: 16}, "image": {2: 32}}
    with pytest.raises(ValueError):
        dims_from(["ids=16"])


# ----- sums ------------------------------------------------------------------------------------
OPS = [{"name": n, "op": "X", "group": graph_cost.scope_of(n), "time_us": t, "bytes": b,
        "output_bytes": b, "flops": f, "params": p}
       for n, t, b, f, p in (("a/b/c", 1.0, 10, 100, 0), ("a/b/d", 2.0, 20, 0, 5), ("a/e", 4.0, 0, 7, 0),
                             ("top", 8.0, 1, 1, 1))]


def test_totals_by_group_follow_any_grouping_the_view_passes():
    by_scope = totals_by_group(OPS)
    assert by_scope["a/b"] == {"ops": 2, "time_us": 3.0, "bytes": 30, "output_bytes": 30, "flops": 100, "params": 5}
    folded = totals_by_group(OPS, {"a/b/c": "G", "a/b/d": "G", "a/e": "G"})
    assert folded["G"]["time_us"] == 7.0 and folded[""]["ops"] == 1  # "top" keeps its own group
    assert totals_by_group(OPS, lambda name: name[0])["a"]["flops"] == 107


def test_totals_by_scope_cover_every_level():
    scopes = totals_by_scope(OPS)
    assert scopes[""]["time_us"] == 15.0 and scopes[""]["ops"] == 4
    assert scopes["a"]["time_us"] == 7.0 and scopes["a/b"]["params"] == 5
    assert "a/b/c" not in scopes  # an op is not a scope


def test_kernels_the_optimiser_made_go_to_the_op_they_replaced():
    ops = {"blk/add": "AddV2", "blk/conv": "Conv2D", "blk/x": "Placeholder", "other/y": "Relu",
           "while": "StatelessWhile", "while/loop_counter": "Const"}
    nodes = {"blk/conv", "blk/ArithmeticOptimizer/AddOpsRewrite_Add", "Grappler/Top", "while/body/_1/add"}
    got = graph_cost.attribute_kernels(nodes, ops, ran={"blk/conv"})
    assert got == {"blk/conv": "blk/conv", "blk/ArithmeticOptimizer/AddOpsRewrite_Add": "blk/add",
                   "Grappler/Top": None, "while/body/_1/add": "while"}
