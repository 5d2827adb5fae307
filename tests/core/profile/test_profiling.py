"""Eager vs tf.function core: XPlane parsing (recorded and live), timeline, timing, fallback."""
import json

import pytest

from graphviz_app.core.errors import CancelledError
from graphviz_app.core.examples import load_source
from graphviz_app.core.profile import xplane
from graphviz_app.core.profile.profiling import lanes_from_lines, profile_report
from graphviz_app.core.run.runner import run_source
from graphviz_app.core.tasks import TaskContext
from tests.support import DATA


def run_example(name):
    name, text = load_source(name)
    report = run_source(None, text, name=name)
    assert report.ok, report.error
    return report


@pytest.fixture(scope="module")
def seed_report():
    report = run_example("seed_tf_function")
    profile_report(None, report, budget_s=0.2)
    return report


# ----- parsing ---------------------------------------------------------------------------------
def test_nest_builds_a_forest_by_time_containment():
    e = [xplane.Event("outer", 0, 100, "l"), xplane.Event("a", 10, 20, "l"),
         xplane.Event("a.1", 12, 5, "l"), xplane.Event("b", 50, 40, "l"),
         xplane.Event("after", 120, 5, "l")]
    roots = xplane.nest(list(reversed(e)))
    assert [r.name for r in roots] == ["outer", "after"]
    assert [c.name for c in roots[0].children] == ["a", "b"]
    assert [c.name for c in roots[0].children[0].children] == ["a.1"]


def test_kernel_names_are_node_colon_op():
    assert xplane.KERNEL_RE.match("Exp:Exp")["op"] == "Exp"
    assert xplane.KERNEL_RE.match("Exp/ReadVariableOp:ReadVariableOp")["node"] == "Exp/ReadVariableOp"
    for not_a_kernel in ("EagerLocalExecute: Exp", "KernelAndDeviceFunc::Run", "FunctionRun"):
        assert xplane.KERNEL_RE.match(not_a_kernel) is None


def _check_seed_lanes(lane):
    eager = lane["eager"]
    ops = eager["ops"]
    assert [o["op"] for o in ops] == ["Exp", "AddV2", "Sqrt"]
    # three separate Python -> TF dispatches, each with the op and its kernel nested inside
    assert [o["dispatch"] for o in ops] == [0, 1, 2]
    for o in ops:
        d = eager["dispatches"][o["dispatch"]]
        assert d["name"] == "TFE_Py_FastPathExecute_C"
        assert d["start_us"] <= o["start_us"] <= o["kernel_start_us"]
        assert o["kernel_start_us"] + o["kernel_us"] <= o["start_us"] + o["duration_us"] + 1e-3
        assert o["start_us"] + o["duration_us"] <= d["start_us"] + d["duration_us"] + 1e-3
        assert 0 < o["duration_us"] < eager["duration_us"]
    starts = [o["start_us"] for o in ops]
    assert starts == sorted(starts)
    assert eager["python"], "time between dispatches is the Python lane"
    call = lane["graph"]
    assert call["name"].startswith("__inference_func")
    assert [k["op"] for k in call["kernels"]] == ["Exp", "AddV2", "Sqrt"]
    assert call["run_start_us"] >= call["start_us"]
    for k in call["kernels"]:  # inside the function's runtime call, on TF's threads
        assert call["start_us"] <= k["start_us"] <= call["start_us"] + call["duration_us"]
        assert k["duration_us"] > 0
    assert call["python_us"] >= call["duration_us"] > call["run_us"] > 0


def test_recorded_trace_parses_to_the_lecture_lanes():
    data = (DATA / "seed_func.xplane.pb").read_bytes()
    lines = xplane.host_lines(xplane.read_xspace(data))
    assert "python" in lines
    assert any(name.startswith("tf_Compute") for name in lines)
    lanes = lanes_from_lines(lines, ["func"])
    _check_seed_lanes(lanes["func"])


def test_live_profile_of_seed_tf_function(seed_report):
    tl = seed_report.timeline
    assert tl["source"] == "profiler" and tl["fallback_reason"] is None
    assert [o["op"] for o in tl["eager"]] == ["Exp", "AddV2", "Sqrt"]
    assert [o["label"] for o in tl["eager"]] == ["aa", "bb", "cc"]
    assert [o["line"] for o in tl["eager"]] == [10, 11, 12]
    assert tl["eager"][0]["value"] == pytest.approx(2.7182817)  # exp(1.0): the latest call's input
    assert [o["graph_node"] for o in tl["eager"]] == ["Exp", "Add", "Sqrt"]
    assert len(tl["function_calls"]) == 1
    assert [k["op"] for k in tl["function_calls"][0]["kernels"]] == ["Exp", "AddV2", "Sqrt"]
    _check_seed_lanes(tl["functions"]["func"])


def test_timing_has_medians_spread_and_trace_time(seed_report):
    t = seed_report.timing["func"]
    for key in ("eager_us", "graph_us", "trace_us", "first_call_us"):
        assert t[key] > 0, key
    assert t["repeats"] >= 3
    lo, hi = t["eager_spread_us"]
    assert t["eager_min_us"] <= lo <= t["eager_us"] <= hi <= t["eager_max_us"]
    assert t["ratio"] == pytest.approx(t["graph_us"] / t["eager_us"], rel=1e-2)
    assert t["trace_us"] > t["graph_us"], "tracing costs more than a traced call"


def test_report_with_timeline_is_json(seed_report):
    data = json.loads(seed_report.to_json())
    assert data["timeline"]["eager"][0]["op"] == "Exp"
    assert data["timing"]["func"]["eager_us"] > 0


def test_fallback_to_host_timing_when_the_profiler_is_busy(tmp_path):
    import tensorflow as tf

    report = run_example("seed_tf_function")
    tf.profiler.experimental.start(str(tmp_path))
    try:
        profile_report(None, report, budget_s=0.05)
    finally:
        tf.profiler.experimental.stop()
    tl = report.timeline
    assert tl["source"] == "host"
    assert "profiler" in tl["fallback_reason"].lower()
    assert [o["op"] for o in tl["eager"]] == ["Exp", "AddV2", "Sqrt"]
    assert all(o["approximate"] for o in tl["eager"])
    assert tl["function_calls"][0]["kernels"] == []
    assert report.timing["func"]["graph_us"] > 0


def test_cancel_stops_profiling():
    report = run_example("seed_tf_function")
    ctx = TaskContext()
    ctx.cancel()
    with pytest.raises(CancelledError):
        profile_report(ctx, report)


def test_program_without_tf_function_gets_empty_timeline():
    report = run_source(None, "import tensorflow as tf\nprint(tf.exp(1.0))\n")
    profile_report(None, report)
    assert report.timeline["eager"] == [] and report.timeline["function_calls"] == []
    assert report.timing == {}


def test_failing_function_is_reported_not_raised():
    src = ("import tensorflow as tf\n\n\n@tf.function\ndef f(x):\n    return x + 1\n\n\n"
           "print(f(tf.constant(1)))\n")
    report = run_source(None, src)
    call = report.callables[0]
    report.callables = [type(call)(call.name, call.function, call.python_function,
                                   ("not a tensor",), {})]
    profile_report(None, report, budget_s=0.05)
    assert "error" in report.timing["f"]
    assert report.timeline["function_calls"] == []


def test_a_function_never_called_is_reported():
    src = "import tensorflow as tf\n\n\n@tf.function\ndef f(x):\n    return x + 1\n"
    report = run_source(None, src)
    profile_report(None, report, budget_s=0.05)
    assert "never called" in report.timing["f"]["error"]
