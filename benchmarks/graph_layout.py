"""Graph layout speed and legibility against igraph's layout_sugiyama and graphviz dot, on the
same graphs.

Builds its graphs itself: keras.applications models with weights=None (nothing downloaded),
traced with tf.function: ResNet50 (1,831 ops), DenseNet201 (5,841), NASNetLarge (6,710) and
DenseNet201 + EfficientNetB7 + NASNetLarge in one function (~19.5k ops). For each it prints, in
one run:

All figures are CPU seconds of one thread (the machine is shared; wall time would measure the
other users' load), ours the median of 3 runs; igraph runs once, dot (a separate process) is
wall time.

- our full layout of every op at one level ("flat", the graph igraph and dot get) and our
  hierarchical layout with every name scope expanded;
- the folded first view (fold + lay out) and expanding a group of at most 300 ops;
- igraph ``layout_sugiyama`` and ``dot -Tplain`` (120 s cap, when graphviz is installed);
- peak memory of a fresh process that loads the 20k-op GraphDef and lays it out expanded;
- median frame time of pan/zoom of ResNet50 fully expanded and fitted in an offscreen view;
- legibility (``graphviz_app.core.graph.quality.measure``) of ResNet50, NASNetLarge and the
  20k-op graph, folded as the GUI first shows them and fully open: routes upward, area over the
  items' area, aspect h/w, total edge length; beside it the same measures of igraph's
  ``layout_sugiyama`` on the same items and edges (``benchmarks/sugiyama_quality.py``).

Usage: python benchmarks/graph_layout.py [--quick] (quick: ResNet50 and DenseNet201 only).
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DOT_CAP_S = 120.0
TARGETS = {"resnet50": 0.3, "densenet201": 1.5, "nasnetlarge": 1.5, "big20k": 5.0}
QUALITY_CASES = ("resnet50", "nasnetlarge", "big20k")
# issue 18: fully open, area <= 40x the items' area (ResNet50, NASNetLarge), <= 100x (20k ops)
AREA_TARGETS = {"resnet50": 40.0, "nasnetlarge": 40.0, "big20k": 100.0}


def trace(builders) -> "object":
    import keras
    import tensorflow as tf

    models = [getattr(keras.applications, b)(weights=None) for b in builders]

    @tf.function
    def f(x):
        outs = []
        for m in models:
            size = m.input_shape[1]
            outs.append(m(x if size in (None, 224) else tf.image.resize(x, (size, size))))
        return outs

    graph = f.get_concrete_function(tf.TensorSpec([1, 224, 224, 3], tf.float32)).graph
    return graph.as_graph_def(add_shapes=True)


def timed(fn, *args, **kw):
    """CPU seconds of this process: the machine is shared by several people, so wall time says
    more about their load than about the algorithm. (Everything timed here is single-threaded.)"""
    start = time.process_time()
    out = fn(*args, **kw)
    return time.process_time() - start, out


def edges_of(model):
    index = {n: i for i, n in enumerate(model.graph.nodes)}
    src = [index[u] for u, _ in model.graph.edges]
    dst = [index[v] for _, v in model.graph.edges]
    return index, src, dst


def median_of(runs: int, fn):
    """Median wall time of fn() over runs (the machine is shared: one run can be unlucky)."""
    times, out = [], None
    for _ in range(runs):
        t, out = timed(fn)
        times.append(t)
    return statistics.median(times), out


def bench_ours(model, runs: int = 3) -> dict:
    import numpy as np

    from graphviz_app.core.graph.layered import layered_layout
    from graphviz_app.core.graph.layout import FIRST_VIEW_ITEMS, GraphLayoutEngine
    from graphviz_app.core.graph.layout_data import LayoutOptions, estimate_text_width

    index, src, dst = edges_of(model)
    n = len(index)
    widths = np.array([max(56.0, estimate_text_width(a["op"], True) + 20) for _, a in model.graph.nodes(data=True)])
    heights = np.full(n, 34.0)
    options = LayoutOptions(inline_constants=False)  # every op is a node: the same graph igraph gets
    flat_s, flat = median_of(runs, lambda: layered_layout(n, src, dst, widths, heights))

    def first_view():
        engine = GraphLayoutEngine(model, options)
        return engine, engine.layout()

    first_s, (engine, layout) = median_of(runs, first_view)
    # the largest name scope of at most 300 ops: open its parents, fold it, then time opening it
    groups = [g for g in engine.tree.groups.values() if g.leaf_count <= 300 and g.gid != engine.tree.root]
    pick = max(groups, key=lambda g: (g.leaf_count, -g.gid))
    for parent in engine.tree.ancestors(pick.gid):
        engine.set_expanded(parent, True)

    def open_group():
        engine.expand_subtree(pick.gid)
        return engine.layout()

    expand_times = []
    for _ in range(runs):
        for g in [pick.gid] + [c for c in engine.tree.groups if engine.tree.is_ancestor(pick.gid, c)]:
            engine.set_expanded(g, False)
        engine.layout()
        t, _ = timed(open_group)
        expand_times.append(t)

    def open_all():
        engine.expand_all()  # drops every cached group layout
        return engine.layout()

    full_s, full = median_of(runs, open_all)
    return {"n": n, "flat_s": flat_s, "flat_size": (flat.width, flat.height), "dummies": flat.dummy_count,
            "first_s": first_s, "first_items": len(layout.nodes), "first_view_items": FIRST_VIEW_ITEMS,
            "expand_s": statistics.median(expand_times), "expand_ops": pick.leaf_count,
            "expand_name": pick.title, "full_s": full_s, "full_boxes": len(full.nodes)}


def bench_igraph(model) -> float | str:
    try:
        import igraph
    except ImportError:
        return "not installed"
    index, src, dst = edges_of(model)
    g = igraph.Graph(n=len(index), edges=list(zip(src, dst)), directed=True)
    s, _ = timed(g.layout_sugiyama)
    return s


def bench_dot(model, tmp: Path) -> float | str:
    exe = shutil.which("dot")
    if exe is None:
        return "not installed"
    from graphviz_app.core.graph.export import to_dot

    path = tmp / "g.dot"
    path.write_text(to_dot(model))
    start = time.perf_counter()  # a child process: wall time
    try:
        subprocess.run([exe, "-Tplain", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=DOT_CAP_S, check=False)
    except subprocess.TimeoutExpired:
        return f"> {DOT_CAP_S:.0f} s (stopped)"
    return time.perf_counter() - start


# VmHWM, not getrusage: ru_maxrss is inherited from the (big) parent across fork and exec
PEAK_SCRIPT = r"""
import sys, time
sys.path.insert(0, sys.argv[2])
from graphviz_app.core.graph.loaders import load_graph
from graphviz_app.core.tasks import TaskContext
from graphviz_app.core.graph.layout import GraphLayoutEngine, LayoutOptions
model = load_graph(TaskContext(), sys.argv[1])
engine = GraphLayoutEngine(model, LayoutOptions(inline_constants=False))
engine.expand_all()
layout = engine.layout()
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(peak / 1024, len(layout.nodes))
"""


def bench_peak_memory(pb: Path) -> tuple[float, int]:
    out = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, str(pb), str(ROOT)], capture_output=True,
                         text=True, check=True)
    mb, boxes = out.stdout.split()[-2:]
    return float(mb), int(boxes)


def bench_frames(model) -> tuple[float, float, int]:
    """Median and worst frame (ms) while panning and zooming ResNet50 expanded, fitted."""
    from PySide6.QtWidgets import QApplication

    from graphviz_app.core.graph.layout import GraphLayoutEngine
    from graphviz_app.core.graph.layout_data import LayoutOptions
    from graphviz_app.ui.graph.canvas import GraphCanvas
    from graphviz_app.ui.graph.scene import GraphScene
    from graphviz_app.ui.graph.style import TextMeasure

    app = QApplication.instance() or QApplication([])
    engine = GraphLayoutEngine(model, LayoutOptions(text_width=TextMeasure(), inline_constants=False))
    engine.expand_all()
    scene = GraphScene()
    scene.show_layout(engine.layout(), engine)
    canvas = GraphCanvas(scene)
    canvas.resize(1366, 768)
    canvas.show()
    app.processEvents()
    canvas.fit()
    app.processEvents()
    times = []
    for i in range(60):
        if i % 2:
            hs, vs = canvas.horizontalScrollBar(), canvas.verticalScrollBar()
            hs.setValue(hs.value() + (9 if i % 4 == 1 else -9))
            vs.setValue(vs.value() + (13 if i % 4 == 1 else -13))
        else:
            canvas.zoom_by(1.06 if i % 4 == 0 else 1 / 1.06)
        start = time.perf_counter()
        canvas.viewport().repaint()
        times.append((time.perf_counter() - start) * 1000)
    items = len(scene.items())
    canvas.close()
    return statistics.median(times), max(times), items


def fmt(x) -> str:
    return f"{x:.3f} s" if isinstance(x, float) else str(x)


def quality_table(models: dict) -> None:
    """Legibility of ours and of igraph's Sugiyama, folded and fully open (one run each)."""
    from benchmarks.sugiyama_quality import QUALITY_HEADER, quality_rows

    print(f"\n{QUALITY_HEADER}")
    for name in QUALITY_CASES:
        if name in models:
            for line in quality_rows(name, models[name], AREA_TARGETS[name]):
                print(line, flush=True)
    print("\nrepeated structure found (twins: groups sharing one structure key)")
    for name in QUALITY_CASES:
        if name in models:
            print("  " + twins_line(name, models[name]), flush=True)


def twins_line(name: str, model) -> str:
    """Groups of >= 50 ops with >= 4 twins, and the runs folded into one "×N" item (issue 18:
    NASNetLarge's cells found, >= 12 groups with >= 4 twins)."""
    from graphviz_app.core.graph.layout import GraphLayoutEngine

    tree = GraphLayoutEngine(model).tree
    groups = [g for g in tree.groups.values() if g.gid != tree.root]
    big = [g for g in groups if g.leaf_count >= 50 and tree.structure_of(g.gid)[1] >= 4]
    runs = [g for g in groups if getattr(g, "kind", "") == "run"]
    keys = {tree.structure_of(g.gid)[0] for g in big}
    goal = "  (target >= 12: ok)" if name == "nasnetlarge" and len(big) >= 12 else \
        ("  (target >= 12: MISSED)" if name == "nasnetlarge" else "")
    return (f"{name:<12} {len(big):4d} groups of >= 50 ops with >= 4 twins ({len(keys)} structures), "
            f"{len(runs)} runs folded as one item{goal}")


def scene_section(models: dict, tmp: Path) -> None:
    """The scene's figures: Open all of the 20k-op graph to the picture on screen and frame times
    at fit and at 1:1 (1366x768 offscreen) come from benchmarks/graph_scene.py, written apart.
    Called here with ``models`` (case name -> GraphModel) so one run prints every figure."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from graph_scene import measure_scene, report

    name = "big20k" if "big20k" in models else next(iter(models))
    print(f"scene ({name}):")
    for line in report(measure_scene(models[name])):
        print("  " + line, flush=True)


def main() -> None:
    quick = "--quick" in sys.argv
    from graphviz_app.core.graph.model import GraphModel

    cases = [("resnet50", ["ResNet50"]), ("densenet201", ["DenseNet201"])]
    if not quick:
        cases += [("nasnetlarge", ["NASNetLarge"]),
                  ("big20k", ["DenseNet201", "EfficientNetB7", "NASNetLarge"])]
    tmp = Path(tempfile.mkdtemp(prefix="graph_layout_bench_"))
    models = {}
    print(f"{'graph':<12} {'ops':>6}  {'ours flat':>10} {'ours all open':>13} {'first view':>10} "
          f"{'open ≤300':>16}  {'igraph sugiyama':>15}  {'dot -Tplain':>18}  target")
    for name, builders in cases:
        trace_s, gd = timed(trace, builders)
        (tmp / f"{name}.pb").write_bytes(gd.SerializeToString())
        model = GraphModel.from_graph_def(gd, name=name)
        models[name] = model
        ours = bench_ours(model)
        ig = bench_igraph(model)
        dot = bench_dot(model, tmp)
        ok = "ok" if max(ours["flat_s"], ours["full_s"]) <= TARGETS[name] and ours["first_s"] <= 0.5 \
            and ours["expand_s"] <= 0.1 else "MISSED"
        print(f"{name:<12} {ours['n']:>6}  {ours['flat_s']:>8.3f} s {ours['full_s']:>11.3f} s "
              f"{ours['first_s']:>8.3f} s {ours['expand_s'] * 1000:>6.1f} ms ({ours['expand_ops']:>3} ops)  "
              f"{fmt(ig):>15}  {fmt(dot):>18}  ≤ {TARGETS[name]} s {ok}  (trace {trace_s:.1f} s)", flush=True)
    quality_table(models)
    if not quick:
        mb, boxes = bench_peak_memory(tmp / "big20k.pb")
        print(f"peak memory, fresh process loading big20k.pb and laying it out all open ({boxes} boxes): "
              f"{mb:.0f} MB (target ≤ 1536 MB; includes importing TensorFlow for the protobuf)")
    median, worst, items = bench_frames(models["resnet50"])
    print(f"pan/zoom ResNet50 all open, fitted in 1366x768 offscreen ({items} scene items): "
          f"median frame {median:.1f} ms, worst {worst:.1f} ms (target median ≤ 16 ms)")
    scene_section(models, tmp)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
