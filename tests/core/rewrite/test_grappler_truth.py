"""The optimized graph a run records is the graph TF itself runs: for every bundled example, the
op types and counts of each tf.function's ``optimized`` graph equal those of TF's own
``after_MetaOptimizer`` dump of that function, written by a plain Python process running the
example with TF_DUMP_GRAPH_PREFIX and TF_CPP_VMODULE=meta_optimizer=1."""
from __future__ import annotations

import collections
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from google.protobuf import text_format
from tensorflow.core.framework import graph_pb2

from graphviz_app.core.examples import list_examples
from graphviz_app.core.run.runner import run_source

EXAMPLES = {e.name: e for e in list_examples()}
NEW_EXAMPLES = ("fused_dense", "constant_folding", "fused_conv", "xla_fusion")
RUNNER = """
import runpy, sys
for path in sys.argv[1:]:
    print("EXAMPLE", path, file=sys.stderr, flush=True)
    runpy.run_path(path, run_name="__main__")
"""


@pytest.fixture(scope="module")
def tf_dumps(tmp_path_factory) -> dict:
    """{example: {function name: [op Counter of each after_MetaOptimizer dump, in order]}}."""
    folder = tmp_path_factory.mktemp("dump")
    env = {**os.environ, "TF_DUMP_GRAPH_PREFIX": str(folder), "TF_CPP_VMODULE": "meta_optimizer=1",
           "TF_CPP_MIN_LOG_LEVEL": "0"}
    paths = [str(e.path) for e in EXAMPLES.values()]
    done = subprocess.run([sys.executable, "-c", RUNNER, *paths], env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    dumps: dict = collections.defaultdict(lambda: collections.defaultdict(list))
    example = item = None
    for line in done.stderr.splitlines():
        if line.startswith("EXAMPLE "):
            example, item = Path(line.split(" ", 1)[1]).stem, None
        elif "Starting optimization for grappler item:" in line:
            item = line.rsplit(":", 1)[1].strip()
        elif "Dumped Graph to" in line and "after_MetaOptimizer" in line and item:
            match = re.match(r"__inference_(.+)_\d+$", item)
            if match:
                graph = graph_pb2.GraphDef()
                text_format.Parse(Path(line.rsplit(" ", 1)[1]).read_text(), graph)
                dumps[example][match.group(1)].append(collections.Counter(n.op for n in graph.node))
            item = None
    return dumps


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_optimized_ops_equal_tfs_own_dump(name, tf_dumps):
    report = run_source(None, EXAMPLES[name].source, name=name)
    assert report.ok, report.error
    compared = 0
    for info in report.functions:
        optimized = info.optimized
        dumped = tf_dumps[name].get(info.name, [])
        if optimized.get("jit_compile"):
            assert not optimized["nodes"] and not dumped, "XLA compiles it: Grappler never runs"
            continue
        assert dumped, f"TF dumped no after_MetaOptimizer graph for {info.name}"
        ours = collections.Counter(n["op"] for n in optimized["nodes"])
        # the latest trace is the one recorded; TF dumps one graph per trace it ran
        assert ours == dumped[-1], f"{info.name}: ours {dict(ours)} vs TF {dict(dumped[-1])}"
        assert optimized["exact"], "the pass-by-pass replay ends at the graph TF runs"
        compared += 1
    if name in NEW_EXAMPLES:
        assert report.functions and (compared or name == "xla_fusion")


@pytest.mark.parametrize("name", NEW_EXAMPLES)
def test_every_optimized_node_maps_back_to_traced_nodes(name):
    report = run_source(None, EXAMPLES[name].source, name=name)
    for info in report.functions:
        traced = {n["name"]: n["op"] for n in info.graph["nodes"]}
        for node in info.optimized["nodes"]:
            assert node["from"], f"{node['name']} ({node['op']}) maps back to no traced node"
            assert set(node["from"]) <= set(traced), node


@pytest.mark.parametrize("name, fused_op, parts", [
    ("fused_dense", "_FusedMatMul", ["MatMul", "BiasAdd", "Relu"]),
    ("fused_conv", "_FusedConv2D", ["Conv2D", "BiasAdd", "Relu"]),
])
def test_the_fused_op_lists_its_parts(name, fused_op, parts):
    report = run_source(None, EXAMPLES[name].source, name=name)
    info = report.functions[0]
    traced = {n["name"]: n["op"] for n in info.graph["nodes"]}
    fused = [n for n in info.optimized["nodes"] if n["op"] == fused_op]
    assert len(fused) == 1
    assert [traced[p] for p in fused[0]["from"]] == parts
    remapper = [p for p in info.optimized["passes"] if p["fused"] and p["name"] == "remapper"]
    assert [f["part_ops"] for f in remapper[0]["fused"]] == [parts]
    assert fused[0]["attrs"]["fused_ops"] == parts[1:]


def test_constant_folding_lists_what_it_folded():
    report = run_source(None, EXAMPLES["constant_folding"].source)
    optimized = report.functions[0].optimized
    folds = [f for p in optimized["passes"] if p["name"] == "constant_folding" for f in p["fused"]]
    assert sorted(sorted(f["part_ops"]) for f in folds) == [
        ["AddV2", "Const", "Const", "Sqrt"], ["Const", "Const", "Mul"]]
    assert all(f["op"] == "Const" for f in folds)
    labels = {n["label"]: n["op"] for n in optimized["nodes"] if n["label"]}
    assert labels == {"scale": "Const", "shift": "Const"}
