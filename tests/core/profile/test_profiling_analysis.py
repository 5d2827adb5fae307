"""Eager vs graph comparison: diff, retracing, AutoGraph mapping, and the scale sweep."""
import pytest

from graphviz_app.core.examples import load_source
from graphviz_app.core.profile.eager_graph import align, statement_spans
from graphviz_app.core.profile.profiling import profile_report
from graphviz_app.core.profile.scale_sweep import crossover, resize_args, scale_sweep
from graphviz_app.core.run.runner import run_source


def profiled(source_or_example, budget_s=0.05):
    try:
        name, text = load_source(source_or_example)
    except Exception:
        name, text = "snippet", source_or_example
    report = run_source(None, text, name=name)
    assert report.ok, report.error
    profile_report(None, report, budget_s=budget_s)
    return report


@pytest.fixture(scope="module", autouse=True)
def warm_tensorflow():
    """A profile is skipped after a run of over 10 s; a cold first run (TF's import, its kernels)
    on a busy host comes close to that, so the module's first timed run is not the cold one."""
    assert run_source(None, "import tensorflow as tf\nprint(tf.constant(1.0))\n").ok


@pytest.fixture(scope="module")
def loop_report():
    return profiled("autograph_loop")


def by_op(entries):
    return {e["op"]: e for e in entries}


# ----- diff ------------------------------------------------------------------------------------
def test_diff_of_the_lecture_func():
    fn = profiled("seed_tf_function").timeline["functions"]["func"]
    graph_only = by_op(fn["diff"]["graph_only"])
    assert set(graph_only) == {"Placeholder", "Identity", "Const"}
    assert graph_only["Placeholder"]["nodes"] == ["inp"]
    assert graph_only["Const"]["nodes"] == ["Add/y"]
    assert all(e["why"] for e in graph_only.values())
    assert fn["diff"]["eager_only"] == []
    assert {e["op"] for e in fn["diff"]["both"]} == {"Exp", "AddV2", "Sqrt"}


def test_diff_of_a_variable_read_and_a_tf_print():
    src = ("import tensorflow as tf\n\nv = tf.Variable(3.0)\n\n\n@tf.function\ndef f(x):\n"
           "    tf.print('x is', x)\n    return x * v\n\n\nprint(f(tf.constant(2.0)))\n")
    fn = profiled(src).timeline["functions"]["f"]
    graph_only, both = by_op(fn["diff"]["graph_only"]), by_op(fn["diff"]["both"])
    # the Variable's read and the print run in both worlds; the graph adds the NoOp that orders
    # the print before the return (automatic control dependencies)
    assert {"ReadVariableOp", "PrintV2", "Mul"} <= set(both)
    assert "NoOp" in graph_only and not fn["diff"]["eager_only"]


def test_diff_of_an_autograph_loop(loop_report):
    fn = loop_report.timeline["functions"]["sum_of_squares"]
    graph_only = by_op(fn["diff"]["graph_only"])
    assert "StatelessWhile" in graph_only
    assert "While" in graph_only["StatelessWhile"]["why"]
    eager_only = by_op(fn["diff"]["eager_only"])
    # the loop body ran eagerly once per iteration (n = 100 on the latest call)
    assert eager_only["Mul"]["count"] == 100
    assert "StatelessWhile" in eager_only["Mul"]["why"]
    assert by_op(fn["diff"]["both"])["AddV2"]["eager"] == 100
    # every eager op of the loop body points at the While node
    body = [o for o in fn["eager"]["ops"] if o["op"] == "Mul"]
    assert {o["graph_node"] for o in body} == {"while"}


# ----- retracing -------------------------------------------------------------------------------
def test_retracing_counts_and_signatures():
    report = profiled("retracing")
    r = report.timeline["functions"]["scale"]["retracing"]
    assert r["count"] == 3 and len(r["traces"]) == 3
    k_args = [[a for a in t["args"] if a["name"] == "k"][0] for t in r["traces"]]
    assert [(a["kind"], a["spec"]) for a in k_args] == [("python", "2.0"), ("python", "3.0"),
                                                       ("tensor", "float32[]")]
    assert all(t["args"][0] == {**t["args"][0], "name": "x", "kind": "tensor", "spec": "float32[2]"}
               for t in r["traces"])
    assert "k" in r["why"] and "Python" in r["why"]
    # the Python print inside ran once per trace, at trace time
    assert report.stdout.count("tracing with k =") == 3


def test_traced_once_when_only_tensors_change(loop_report):
    r = loop_report.timeline["functions"]["sum_of_squares"]["retracing"]
    assert r["count"] == 1
    assert r["traces"][0]["args"] == [{"name": "n", "kind": "tensor", "spec": "int32[]",
                                       "note": "a tensor: any value of this dtype and shape reuses the trace"}]


# ----- AutoGraph -------------------------------------------------------------------------------
def test_autograph_maps_the_tf_range_loop_to_the_while_op(loop_report):
    ag = loop_report.timeline["functions"]["sum_of_squares"]["autograph"]
    assert "ag__.for_stmt(" in ag["code"] and ag["error"] is None
    [loop] = ag["statements"]
    assert (loop["kind"], loop["line"], loop["end_line"]) == ("for", 11, 12)
    assert loop["graph_nodes"] == ["while"] and loop["ops"] == ["StatelessWhile"]
    assert "ag__.for_stmt(" in ag["code"].splitlines()[loop["code_line"] - 1]


def test_autograph_tells_graph_control_flow_from_trace_time_python():
    src = ("import tensorflow as tf\n\n\n@tf.function\ndef f(x, steps):\n"
           "    for i in range(steps):\n        x = x * 2.0\n"
           "    if x > 10.0:\n        x = x - 10.0\n"
           "    if steps > 1:\n        x = x + 1.0\n    return x\n\n\n"
           "print(f(tf.constant(3.0), 2))\n")
    ag = profiled(src).timeline["functions"]["f"]["autograph"]
    kinds = [(s["kind"], s["line"], s["ops"]) for s in ag["statements"]]
    assert kinds == [("for", 6, []), ("if", 8, ["StatelessIf"]), ("if", 10, [])]
    assert "unrolled" in ag["statements"][0]["note"]
    assert "trace time" in ag["statements"][2]["note"]
    assert "ag__.if_stmt(" in ag["code"]


def test_statement_spans_and_alignment():
    src = "def f(x):\n    for i in range(3):\n        if i:\n            x = x\n    return x\n"
    assert statement_spans(src, "f") == [{"kind": "for", "line": 2, "end_line": 4},
                                         {"kind": "if", "line": 3, "end_line": 4}]
    profiled_ops = [{"op": "ReadVariableOp"}, {"op": "Exp"}, {"op": "AddV2"}]
    recorded = [{"op": "Exp"}, {"op": "AddV2"}]
    assert align(profiled_ops, recorded) == [None, 0, 1]


# ----- scale sweep -----------------------------------------------------------------------------
def test_crossover_interpolates_between_measured_points():
    pts = [{"x": 1, "eager_us": 50, "graph_us": 300}, {"x": 4, "eager_us": 200, "graph_us": 310},
           {"x": 16, "eager_us": 800, "graph_us": 330}]
    c = crossover(pts)
    assert c["between"] == [4, 16] and 4 < c["x"] < 16
    assert not c["graph_always_faster"] and not c["eager_always_faster"]
    assert crossover(pts[:2])["eager_always_faster"]
    assert crossover([]) == {"x": None, "graph_always_faster": False, "eager_always_faster": False}


def test_resize_args_makes_vectors_of_n():
    import tensorflow as tf

    args, kwargs, changed = resize_args((tf.constant(2.0), tf.constant([1.0, 2.0]), 3.0),
                                        {"m": tf.ones([2, 2])}, 5)
    assert changed == 2
    assert args[0].numpy().tolist() == [2.0] * 5
    assert args[1].numpy().tolist() == [1.0, 2.0, 1.0, 2.0, 1.0]
    assert args[2] == 3.0 and kwargs["m"].shape == (2, 2)


def test_scale_sweep_k_chains_the_lecture_func():
    report = run_source(None, load_source("seed_tf_function")[1])
    seen = []

    class Ctx:
        from threading import Event
        cancel_event = Event()

        def check(self):
            pass

        def progress(self, v):
            seen.append(v)

    sweep = scale_sweep(Ctx(), report.callables[0], "k", values=(1, 8), budget_s=0.03)
    assert sweep["chained"] is True and sweep["error"] is None
    assert [p["x"] for p in sweep["points"]] == [1, 8]
    eager = [p["eager_us"] for p in sweep["points"]]
    assert eager[1] > 3 * eager[0], "eager pays per op: 8x the body costs several times more"
    assert seen and seen[-1] == 1.0


def test_scale_sweep_n_reports_functions_it_cannot_resize():
    src = ("import tensorflow as tf\n\n\n@tf.function\ndef f(m):\n    return tf.matmul(m, m)\n\n\n"
           "print(f(tf.ones([2, 2])))\n")
    report = run_source(None, src)
    sweep = scale_sweep(None, report.callables[0], "n", values=(1, 10))
    assert sweep["points"] == [] and "argument" in sweep["error"]


def test_counterparts_survive_a_second_run_of_the_same_snippet():
    """AutoGraph reuses its conversion of identical code, so a second run's graph may carry no
    source lines of its own; the counterparts and labels must still be found."""
    profiled("seed_tf_function")
    ops = profiled("seed_tf_function").timeline["eager"]
    assert [(o["graph_node"], o["label"]) for o in ops] == [("Exp", "aa"), ("Add", "bb"), ("Sqrt", "cc")]


def test_eager_labels_follow_assignments():
    from graphviz_app.core.profile.eager_graph import eager_labels

    src = "def f(x):\n    a = tf.exp(x) + 1.0\n    a += tf.sqrt(a)\n    return a\n"
    ops = [{"op": "Exp", "line": 2}, {"op": "_EagerConst", "line": 2}, {"op": "AddV2", "line": 2},
           {"op": "Sqrt", "line": 3}, {"op": "AddV2", "line": 3}, {"op": "Mul", "line": 4}]
    assert eager_labels(ops, src) == [None, None, "a", None, "a", None]


def test_autograph_mapping_survives_a_second_run(loop_report):
    again = profiled("autograph_loop")  # the same text: AutoGraph reuses its first conversion
    [loop] = again.timeline["functions"]["sum_of_squares"]["autograph"]["statements"]
    assert loop["graph_nodes"] == ["while"]
    ops = again.timeline["functions"]["sum_of_squares"]["eager"]["ops"]
    assert {o["graph_node"] for o in ops if o["op"] == "Mul"} == {"while"}
