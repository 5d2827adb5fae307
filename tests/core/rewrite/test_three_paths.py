"""Eager, tf.function and tf.function(jit_compile=True) timed in one sweep, interleaved, as
medians, with the crossovers between each pair."""
from __future__ import annotations

from graphviz_app.core.examples import load_source
from graphviz_app.core.profile.scale_sweep import crossover, scale_sweep
from graphviz_app.core.run.runner import run_source


def test_the_sweep_times_three_paths_and_their_crossovers():
    report = run_source(None, load_source("seed_tf_function")[1])
    seen = []

    class Ctx:
        from threading import Event
        cancel_event = Event()

        def check(self):
            pass

        def progress(self, v):
            seen.append(v)

    sweep = scale_sweep(Ctx(), report.callables[0], "k", values=(1, 16), budget_s=0.05, jit=True)
    assert sweep["error"] is None and sweep["jit_error"] is None
    assert [p["x"] for p in sweep["points"]] == [1, 16]
    for p in sweep["points"]:
        assert p["eager_us"] > 0 and p["graph_us"] > 0 and p["jit_us"] > 0
        assert p["jit_spread_us"][0] <= p["jit_us"] <= p["jit_spread_us"][1]
        assert p["jit_compile_us"] > p["jit_us"], "compiling costs more than a compiled call"
    assert set(sweep["crossovers"]) == {"graph_vs_eager", "jit_vs_eager", "jit_vs_graph"}
    assert sweep["crossovers"]["graph_vs_eager"] == sweep["crossover"]
    eager = [p["eager_us"] for p in sweep["points"]]
    jit = [p["jit_us"] for p in sweep["points"]]
    assert eager[1] / eager[0] > jit[1] / jit[0], "16x the body costs eager more than XLA"
    assert seen and seen[-1] == 1.0


def test_a_function_xla_cannot_compile_is_swept_without_it():
    report = run_source(None, "import tensorflow as tf\n@tf.function\ndef f(x):\n"
                              "    tf.print(x)\n    return x + 1.0\nf(tf.constant(1.0))\n")
    sweep = scale_sweep(None, report.callables[0], "k", values=(1,), budget_s=0.02, jit=True)
    assert "XLA" in sweep["jit_error"] and "jit_us" not in sweep["points"][0]
    assert sweep["points"][0]["graph_us"] > 0


def test_crossover_of_any_pair():
    pts = [{"x": 1, "graph_us": 50, "jit_us": 300}, {"x": 10, "graph_us": 500, "jit_us": 310}]
    c = crossover(pts, "graph", "jit")
    assert 1 < c["x"] < 10 and c["between"] == [1, 10]
    assert not c["jit_always_faster"] and not c["graph_always_faster"]
