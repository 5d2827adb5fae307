"""`main.py export SOURCE --view graph` of a graph file, as a user types it: the SVG is the graph
view's own picture (the GUI's File › Export writes the same file), PDF renders in poppler, a PNG
too tall for one image becomes an overview and tiles at 1x, and --scope picks one group or
exits 2 naming the groups meant."""
from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QColor, QImage

from tests.support import main_py, scoped_text_graph

SVG = "{http://www.w3.org/2000/svg}"


def export(source, out, *extra: str) -> subprocess.CompletedProcess:
    done = main_py("export", str(source), "--view", "graph", "-o", str(out), *extra)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"wrote {out}" in done.stdout and "view graph" in done.stdout
    return done


def op_names(svg_path) -> list[str]:
    root = ET.parse(svg_path).getroot()
    return [g.find(f"{SVG}title").text.split("\n")[1] for g in root.iter(f"{SVG}g")
            if "node" in g.get("class", "").split()]


def test_the_gui_and_the_command_write_the_same_picture(app_ctx, qtbot, tmp_path):
    from graphviz_app.ui.common.rendering import save_picture
    from graphviz_app.ui.views.graph.export import picture_of
    from graphviz_app.ui.views.graph.view import GraphView

    graph = scoped_text_graph(tmp_path / "scoped.pbtxt", blocks=30, per_block=8)  # > 200 ops: folded
    export(graph, tmp_path / "folded.svg")
    export(graph, tmp_path / "opened.svg", "--expand", "all")
    view = GraphView(app_ctx)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    with qtbot.waitSignal(view.ready, timeout=120_000):
        view.open_source(str(graph))
    assert view.session is not None and view.session.layout is not None, view.message_text()
    # File › Export: the dialog saves the view's export widget
    gui_folded = save_picture(view.export_widget(), tmp_path / "gui-folded.svg")
    assert gui_folded.path.read_text(encoding="utf-8") == (tmp_path / "folded.svg").read_text(encoding="utf-8")
    view.expand_all()  # the toolbar's Open all
    gui_opened = save_picture(view.export_widget(), tmp_path / "gui-opened.svg")
    assert gui_opened.path.read_text(encoding="utf-8") == (tmp_path / "opened.svg").read_text(encoding="utf-8")
    assert sorted(op_names(tmp_path / "opened.svg")) == sorted(view.session.model.graph.nodes)  # each op once
    # and as a picture: the whole graph at 1:1, where the view has it
    png = save_picture(view.export_widget(), tmp_path / "gui.png")
    drawing = picture_of(view.session)
    image = QImage(str(png.path))
    assert (image.width(), image.height()) == (round(drawing.width), round(drawing.height))
    assert image.width() > view.canvas.viewport().width() or image.height() > view.canvas.viewport().height()
    placeholder = next(s for s in drawing.shapes if s.kind == "input")
    pill = QColor(image.pixel(round(placeholder.x + placeholder.w / 2), round(placeholder.y + 3)))
    assert pill.name() == "#dbeeff"  # the input's colour where the layout put it
    colours = {image.pixel(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)}
    assert len(colours) > 20


def test_the_svg_renders_in_librsvg_and_the_pdf_in_poppler(tmp_path):
    graph = scoped_text_graph(tmp_path / "g.pbtxt", blocks=6, per_block=6)
    svg_out, pdf_out = tmp_path / "g.svg", tmp_path / "g.pdf"
    export(graph, svg_out, "--expand", "all")
    done = export(graph, pdf_out, "--expand", "all")
    assert "(PDF " in done.stdout and pdf_out.read_bytes().startswith(b"%PDF")
    root = ET.parse(svg_out).getroot()
    size = (round(float(root.get("width"))), round(float(root.get("height"))))
    for tool, args, out in (("rsvg-convert", [str(svg_out), "-o", str(tmp_path / "rsvg.png")], tmp_path / "rsvg.png"),
                            ("pdftoppm", ["-r", "72", "-png", "-singlefile", str(pdf_out), str(tmp_path / "pdf")],
                             tmp_path / "pdf.png")):
        exe = shutil.which(tool)
        if exe is None:
            continue  # checked where the tool is installed (.ci/run installs both)
        subprocess.run([exe, *args], check=True, timeout=120)
        image = QImage(str(out))
        assert abs(image.width() - size[0]) <= 1 and abs(image.height() - size[1]) <= 1, (tool, size)
        colours = {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
        assert len(colours) > 20, tool  # boxes, text and edges: not a blank page
    if not (shutil.which("rsvg-convert") and shutil.which("pdftoppm")):
        pytest.skip("rsvg-convert or pdftoppm is not installed: the files were written, not rendered")


def test_a_png_too_tall_for_one_image_is_an_overview_and_tiles_at_1x(tmp_path):
    graph = scoped_text_graph(tmp_path / "chain.pbtxt", blocks=1, per_block=1200)  # one long chain
    out = tmp_path / "chain.png"
    done = export(graph, out, "--expand", "all")
    overview = re.search(r"PNG overview (\d+)x(\d+) of the whole picture, which is (\d+)x(\d+) px at 1x",
                         done.stdout)
    tiles_said = re.search(r"and (\d+) tiles of up to 4096x4096 px at 1x in (\S+)/", done.stdout)
    assert overview and tiles_said, done.stdout
    width, height = int(overview.group(3)), int(overview.group(4))
    assert height > 16384  # too tall for one image even at 0.75x
    image = QImage(str(out))
    assert (image.width(), image.height()) == (int(overview.group(1)), int(overview.group(2)))
    assert max(image.width(), image.height()) <= 8192 and image.width() * image.height() <= 16_000_000
    tiles = sorted((tmp_path / "chain_tiles").glob("r*_c*.png"))
    assert len(tiles) == int(tiles_said.group(1)) == -(-height // 4096)  # a chain: no blank tile
    sizes = [QImage(str(t)).size() for t in tiles]
    assert all(s.width() == width for s in sizes)  # one column, at 1x
    assert sum(s.height() for s in sizes) == height
    tile = QImage(str(tiles[1]))
    colours = {tile.pixel(x, y) for x in range(0, width, 3) for y in range(0, 4096, 7)}
    assert len(colours) > 20  # ops, text and edges at 1x


def test_scope_exports_one_group(tmp_path):
    graph = scoped_text_graph(tmp_path / "g.pbtxt", blocks=12, per_block=8)
    out = tmp_path / "block3.svg"
    export(graph, out, "--scope", "block3", "--expand", "all")
    names = op_names(out)
    assert len(names) == 8 and all(n.startswith("block3/") for n in names)


@pytest.mark.parametrize("scope, words", [("blok7", ["no group is called that", "block7"]),
                                          ("blo", ["several groups match", "block1", "block2"])])
def test_a_bad_scope_exits_2_naming_the_groups_meant(tmp_path, scope, words):
    graph = scoped_text_graph(tmp_path / "g.pbtxt", blocks=12, per_block=8)
    out = tmp_path / "x.svg"
    done = main_py("export", str(graph), "--view", "graph", "--scope", scope, "-o", str(out))
    assert done.returncode == 2, done.stderr[-2000:]
    assert all(w in done.stderr for w in words) and f"--scope {scope}" in done.stderr, done.stderr
    assert not out.exists()


def test_png_shrinks_to_fit_no_further_than_three_quarters():
    from graphviz_app.ui.views.graph.picture_files import MAX_SIDE, MIN_SCALE, plan_png

    one = plan_png(1200, 9000, 1.0)
    assert (one.scale, one.tiled, one.width, one.height) == (1.0, False, 1200, 9000)
    shrunk = plan_png(1200, MAX_SIDE / 0.8, 1.0)  # fits at 0.8x: one image, text at 0.8x
    assert not shrunk.tiled and MIN_SCALE <= shrunk.scale <= 0.8 and shrunk.height <= MAX_SIDE
    tall = plan_png(1200, MAX_SIDE / 0.5, 1.0)  # would need 0.5x: tiles at 1x instead
    assert tall.tiled and tall.scale == 1.0
    asked = plan_png(1200, MAX_SIDE / 0.5, 0.5)  # asked for 0.5x, which fits: one image
    assert not asked.tiled and asked.scale == 0.5
    double = plan_png(1200, 9000, 2.0)  # 2x does not fit, 1.82x does
    assert not double.tiled and 1.8 < double.scale < 2.0


def test_a_tall_pdf_stays_one_vector_page_within_pdf_limits(qtbot, tmp_path):
    import networkx as nx

    from graphviz_app.core.graph.layout import GraphLayoutEngine
    from graphviz_app.core.graph.model import GraphModel
    from graphviz_app.core.graph.picture import drawing_of
    from graphviz_app.ui.views.graph.picture_files import PDF_MAX_POINTS, write_pdf

    g = nx.DiGraph()
    for i in range(500):  # a chain far taller than a PDF page may be
        g.add_node(f"op{i}", op="Relu", label=None, kind="op", inputs=[], shapes=[[1, 8]], dtypes=["f32"],
                   attrs={})
        if i:
            g.add_edge(f"op{i - 1}", f"op{i}", tensor=f"op{i - 1}:0", slot=0, control=False)
    engine = GraphLayoutEngine(GraphModel(g, "chain"))
    engine.expand_all()
    drawing = drawing_of(engine, engine.layout())
    assert drawing.height > PDF_MAX_POINTS
    files = write_pdf(drawing, tmp_path / "chain.pdf")
    assert files.height == round(PDF_MAX_POINTS) and "vector" in files.note
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    subprocess.run([pdftoppm, "-r", "36", "-png", "-singlefile", str(tmp_path / "chain.pdf"), str(tmp_path / "p")],
                   check=True, timeout=120)
    image = QImage(str(tmp_path / "p.png"))
    assert abs(image.height() - PDF_MAX_POINTS / 2) <= 1
    assert len({image.pixel(x, y) for x in range(image.width()) for y in range(0, image.height(), 5)}) > 5
