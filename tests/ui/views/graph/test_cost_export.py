"""The graph view's pictures show its cost overlay (issues 18 and 20): a graph profiled on the
engine and coloured by a metric is exported from File › Export as SVG, PNG and PDF with the
scene's fills on its ops and folded groups, the groups' totals, the numbers in the tooltips and
the colour bar with its least and most values; with the colours off the SVG is again the one
``main.py export`` writes."""
from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET

import networkx as nx
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from graphviz_app.core.profile.graph_cost import GraphCost
from tests.support import RUN_TIMEOUT_MS as TIMEOUT_MS
from tests.support import main_py

SVG = "{http://www.w3.org/2000/svg}"
BUDGET_S = 0.2  # seconds of timed calls per profile: enough to test, cheap on a busy machine
WIDTHS = (32, 128, 128, 16)  # x: [batch, 32] -> dense0 -> dense1 -> dense2


def dense_graph(path):
    """A text GraphDef of three dense layers, each in its own name scope (MatMul, BiasAdd, Relu
    on constant weights): no TensorFlow in this process, no model to build."""
    def const(name, dims):
        shape = " ".join(f"dim {{ size: {d} }}" for d in dims)
        return (f'node {{ name: "{name}" op: "Const" attr {{ key: "dtype" value {{ type: DT_FLOAT }} }} '
                f'attr {{ key: "value" value {{ tensor {{ dtype: DT_FLOAT tensor_shape {{ {shape} }} '
                f'float_val: 0.01 }} }} }} }}')
    f32 = 'attr { key: "T" value { type: DT_FLOAT } }'
    lines = [f'node {{ name: "x" op: "Placeholder" attr {{ key: "dtype" value {{ type: DT_FLOAT }} }} '
             f'attr {{ key: "shape" value {{ shape {{ dim {{ size: -1 }} dim {{ size: {WIDTHS[0]} }} }} }} }} }}']
    prev = "x"
    for k, (n_in, n_out) in enumerate(zip(WIDTHS, WIDTHS[1:])):
        s = f"dense{k}"
        lines += [const(f"{s}/kernel", (n_in, n_out)), const(f"{s}/bias", (n_out,)),
                  f'node {{ name: "{s}/MatMul" op: "MatMul" input: "{prev}" input: "{s}/kernel" {f32} }}',
                  f'node {{ name: "{s}/BiasAdd" op: "BiasAdd" input: "{s}/MatMul" input: "{s}/bias" {f32} }}',
                  f'node {{ name: "{s}/Relu" op: "Relu" input: "{s}/BiasAdd" {f32} }}']
        prev = f"{s}/Relu"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_view(qtbot, engine):
    from graphviz_app.ui.views.base import AppContext
    from graphviz_app.ui.views.graph.view import GraphView

    view = GraphView(AppContext(engine))
    view.profile_budget_s = BUDGET_S
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    return view


def choose_metric(view, metric) -> None:
    view.cost_bar.metric.setCurrentIndex(view.cost_bar.metric.findData(metric))


def file_export(view, path) -> str:
    """File › Export: the dialog saves the view's export widget."""
    from graphviz_app.ui.common.rendering import save_picture

    written = save_picture(view.export_widget(), path)
    return written.path.read_text(encoding="utf-8") if path.suffix == ".svg" else ""


def drawing_shown(view):
    """The drawing File › Export writes, from the public helpers: the layout on display with the
    scene's overlay and the view's colour bar."""
    from graphviz_app.ui.views.graph.export import picture_of, picture_overlay

    overlay, _key = picture_overlay(view.scene.overlay, view.pane.cost_legend)
    return picture_of(view.session, None, overlay)


def svg_nodes(text: str) -> dict[str, ET.Element]:
    """The <g> of each op (by its name) and folded group (by its scope) in the graph."""
    root = ET.fromstring(text)
    graph = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "graph")
    out = {}
    for g in list(graph.iter(f"{SVG}g"))[1:]:  # after the graph's own
        kinds = set(g.get("class", "").split())
        tip = g.find(f"{SVG}title").text.split("\n")
        if "node" in kinds:
            out[tip[1]] = g
        elif "group" in kinds:
            out[tip[0]] = g
    return out


def key_texts(text: str) -> list[str]:
    root = ET.fromstring(text)
    key = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "key")
    return [t.text for t in key.iter(f"{SVG}text")]


def near(a: QColor, b: QColor, tolerance: int = 10) -> bool:
    return max(abs(x - y) for x, y in zip(a.getRgb()[:3], b.getRgb()[:3])) <= tolerance


def test_exports_show_the_cost_colours_and_key_and_without_them_match_the_command_line(qtbot, make_engine,
                                                                                        tmp_path):
    from graphviz_app.ui.graph import style as st

    engine = make_engine()
    engine.load_tensorflow()
    view = make_view(qtbot, engine)
    source = dense_graph(tmp_path / "dense.pbtxt")
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT_MS):
        view.open_source(str(source))
    assert view.session is not None, view.message_text()
    plain = file_export(view, tmp_path / "plain.svg")
    done = main_py("export", str(source), "--view", "graph", "-o", str(tmp_path / "cli.svg"))
    assert done.returncode == 0, done.stderr[-2000:]
    assert plain == (tmp_path / "cli.svg").read_text(encoding="utf-8"), "the GUI and the command line agree"
    plain_height = drawing_shown(view).height

    view.cost_bar.batch.setValue(4)
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT_MS):
        qtbot.mouseClick(view.cost_bar.profile_button, Qt.MouseButton.LeftButton)
    assert isinstance(view.session.cost, GraphCost), view.message_text()
    assert view.cost_bar.current_metric() == "time"  # coloured by kernel time once profiled
    engine_, overlay, legend = view.session.engine, view.scene.overlay, view.pane.cost_legend
    top = next(item for item, c in overlay.fills.items() if c == st.cost_colours()[-1] and item < engine_.n)
    text = file_export(view, tmp_path / "time.svg")
    nodes = svg_nodes(text)
    ops = {item: c for item, c in overlay.fills.items() if item < engine_.n}
    assert len(ops) == len(nodes) == len(view.session.model.graph.nodes)  # every op is drawn and coloured
    for item, colour in ops.items():  # each op wears the scene's colour
        g = nodes[engine_.names[item]]
        assert g.get("style") == f"fill:{colour.name()}", engine_.names[item]
        assert "kernel time: " in g.find(f"{SVG}title").text  # and its numbers on hover
    assert nodes[engine_.names[top]].get("style") == f"fill:{st.cost_colours()[-1].name()}"
    words = legend.texts()  # metric, least, most, scale, none
    assert key_texts(text) == [words[0], words[1], words[2], f"({words[3]})", words[4]]

    # PNG: the colour bar over the graph, the top op in the scale's darkest colour
    drawing = drawing_shown(view)
    assert drawing.band - drawing.key.y == 22 and drawing.key.y > 0, "the colour bar's row under the legend"
    file_export(view, tmp_path / "time.png")
    image = QImage(str(tmp_path / "time.png"))
    assert (image.width(), image.height()) == (round(drawing.width), round(drawing.height))
    shapes = {s.item: s for s in drawing.shapes}
    for item, colour in ops.items():
        s = shapes[item]
        assert QColor(image.pixel(round(s.x + s.w / 2), round(s.y + 3))) == colour, engine_.names[item]
    bar_row = [QColor(image.pixel(x, round(drawing.key.y + 11))) for x in range(image.width())]
    for end in (st.cost_colours()[0], st.cost_colours()[-1]):  # the bar runs the scale's colours (a narrow bar)
        assert any(near(c, end, 24) for c in bar_row), end.name()
    assert len({image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}) > 20
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is not None:  # the PDF too (.ci/run installs poppler)
        file_export(view, tmp_path / "time.pdf")
        subprocess.run([pdftoppm, "-r", "72", "-png", "-singlefile", str(tmp_path / "time.pdf"), str(tmp_path / "p")],
                       check=True, timeout=120)
        page, s = QImage(str(tmp_path / "p.png")), shapes[top]
        assert near(QColor(page.pixel(round(s.x + s.w / 2), round(s.y + 3))), st.cost_colours()[-1], 3)

    # colours off: the very file the command line writes, no key
    choose_metric(view, None)
    assert file_export(view, tmp_path / "off.svg") == plain
    assert drawing_shown(view).key is None and drawing_shown(view).height == plain_height

    # folded layers coloured by FLOPs: each group's fill and its total, as the scene shows them
    choose_metric(view, "flops")
    view.collapse_all()  # one group, "dense ×3" (a run of three alike): open it, its layers stay folded
    view.toggle_group(next(b.item for b in view.session.layout.nodes if b.kind == "group"))
    overlay, tree = view.scene.overlay, engine_.tree
    groups = [b for b in view.session.layout.nodes if b.kind == "group"]
    assert len(groups) == len(WIDTHS) - 1
    nodes = svg_nodes(file_export(view, tmp_path / "flops.svg"))
    for b in groups:
        g = nodes[tree.groups[b.item].name]
        assert g.get("style") == f"fill:{overlay.fills[b.item].name()}"
        assert [t.text for t in g.iter(f"{SVG}text")][1] == overlay.subtitles[b.item]  # "65.5 kFLOPs · 12 µs"
        assert view.scene.nodes[b.item].texts[1].text() == overlay.subtitles[b.item]  # what the view says
    dense1 = next(b.item for b in groups if tree.groups[b.item].name.rstrip("/") == "dense1")
    assert overlay.fills[dense1] == st.cost_colours()[-1], "128 x 128: the most FLOPs"
    assert key_texts((tmp_path / "flops.svg").read_text(encoding="utf-8"))[0] == view.pane.cost_legend.texts()[0]


def test_a_picture_made_for_export_keeps_the_colours_it_was_made_with(qtbot, tmp_path):
    """The headless export's picture (prepare_export) is painted later: a metric chosen since
    changes neither its fills nor its colour bar. (No engine: the profile is made up.)"""
    from graphviz_app.core.graph.model import GraphModel
    from graphviz_app.ui.graph import style as st
    from graphviz_app.ui.graph.session import GraphSession
    from graphviz_app.ui.views.graph.picture import GraphPicture

    view = make_view(qtbot, None)
    g = nx.DiGraph()
    prev = None
    for i in range(4):
        for j in range(5):
            name = f"net/block{i}/op{j}"
            g.add_node(name, op="MatMul", label=None, kind="op", inputs=[], shapes=[[1, 8]], dtypes=["f32"], attrs={})
            if prev is not None:
                g.add_edge(prev, name, tensor=f"{prev}:0", slot=0, control=False)
            prev = name
    session = GraphSession("file:made-up.pb", GraphModel(g, "made-up"))
    ops = [{"name": n, "op": "MatMul", "group": n.rpartition("/")[0], "time_us": float(1 + k),
            "bytes": 0, "output_bytes": 0, "flops": float(100 * (20 - k)), "params": 0} for k, n in enumerate(g.nodes)]
    session.cost = GraphCost("made-up.pb", 1, 0, 0, 100.0, 100.0, 0, "output_shapes", ops=ops)
    view._sessions[session.key] = session
    view.source_box.addItem("made-up", session.key)
    view._choose(session.key)
    view.cost_bar.set_has_cost(True)
    choose_metric(view, "time")
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT_MS):
        view.prepare_export({"expand": "all"})
    picture = view.export_widget()
    assert isinstance(picture, GraphPicture) and picture.drawing.key is not None
    file_export(view, tmp_path / "before.png")
    last = view.session.engine.index[ops[-1]["name"]]  # the slowest op: the darkest colour
    s = next(s for s in picture.drawing.shapes if s.item == last)
    image = QImage(str(tmp_path / "before.png"))
    assert QColor(image.pixel(round(s.x + s.w / 2), round(s.y + 3))) == st.cost_colours()[-1]
    choose_metric(view, "flops")  # the view changes: the slowest op is now the least work
    assert view.scene.fill_of(last) != st.cost_colours()[-1]
    file_export(view, tmp_path / "after.png")
    assert (tmp_path / "after.png").read_bytes() == (tmp_path / "before.png").read_bytes()
