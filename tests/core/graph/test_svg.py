"""The SVG writer (core/graph/svg.py) and the drawing it writes (core/graph/picture.py): valid XML
with one <g> per group frame holding its content, CSS classes per kind, <title> tooltips,
hostile names escaped, under 1 KB per op, and librsvg renders it at its size."""
from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from graphviz_app.core.graph.layout import GraphLayoutEngine
from graphviz_app.core.graph.model import GraphModel
from graphviz_app.core.graph.picture import ScopeError, drawing_of, find_scope
from graphviz_app.core.graph.svg import svg_text

SVG = "{http://www.w3.org/2000/svg}"
DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"
HOSTILE = 'evil</text><script>alert("x")</script>&amp;\x01]]>'


def node(name: str, op: str, inputs=(), shape=(1, 8), device: str | None = DEVICE) -> dict:
    return {"name": name, "op": op, "inputs": list(inputs), "shapes": [list(shape)], "dtypes": ["f32"],
            "device": device}


def blocks_model(blocks: int, per_block: int = 10, hostile: bool = False) -> GraphModel:
    """input -> block0 .. blockN (each a chain of ops reading one variable), a control edge from
    each block into the next; optionally one node with a hostile name."""
    nodes = [node("input", "Placeholder", shape=(1, 8))]
    prev = "input"
    for b in range(blocks):
        nodes.append(node(f"block{b}/w", "VarHandleOp", shape=(), device=None))
        nodes.append(node(f"block{b}/w/read", "ReadVariableOp", [f"block{b}/w"], shape=(8, 8)))
        nodes.append(node(f"block{b}/k", "Const", shape=(8,)))
        first = f"block{b}/op0"
        nodes.append(node(first, "MatMul", [prev, f"block{b}/w/read"] + ([f"^block{b - 1}/op1"] if b else [])))
        for k in range(1, per_block - 3):
            nodes.append(node(f"block{b}/op{k}", "AddV2" if k % 2 else "Relu",
                              [f"block{b}/op{k - 1}"] + ([f"block{b}/k"] if k == 1 else [])))
        prev = f"block{b}/op{per_block - 4}"
    if hostile:
        nodes.append(node(f"block0/{HOSTILE}", "Identity", ["block0/op1"]))
    nodes.append({**node("output", "Identity", [prev]), "kind": "output"})
    return GraphModel.from_json_dict({"name": "blocks", "nodes": nodes})


def document(model: GraphModel, expand: bool = True, scope: str | None = None):
    engine = GraphLayoutEngine(model)
    gid = None
    if scope:
        gid = find_scope(engine.tree, scope)
        engine.reveal(gid)
        engine.set_expanded(gid, True)
    if expand:
        engine.expand_all()
    layout = engine.layout()
    drawing = drawing_of(engine, layout, gid)
    return engine, layout, drawing, svg_text(drawing)


def classes(el) -> set[str]:
    return set(el.get("class", "").split())


def test_a_group_of_elements_per_frame_holding_its_content():
    model = blocks_model(6)
    engine, layout, drawing, text = document(model)
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert float(root.get("width")) == drawing.width and float(root.get("height")) == drawing.height
    boxes = [g for g in root.iter(f"{SVG}g") if "box" in classes(g)]
    frames = [b for b in layout.nodes if b.kind == "box"]
    assert len(boxes) == len(frames) > 0
    by_name = {}
    for gid, group in engine.tree.groups.items():
        by_name.setdefault(group.name, []).append(gid)
    for g in boxes:  # every op drawn inside a frame's <g> is in that frame's group
        gids = by_name[g.find(f"{SVG}title").text.split("\n")[0]]
        inner = [t.find(f"{SVG}title").text.split("\n")[1] for t in g.iter(f"{SVG}g") if "node" in classes(t)]
        assert inner and any(all(engine.tree.is_ancestor(gid, engine.index[name]) for name in inner)
                             for gid in gids), inner
    ops = {n.find(f"{SVG}title").text.split("\n")[1] for n in root.iter(f"{SVG}g") if "node" in classes(n)}
    assert ops == {engine.names[b.item] for b in layout.nodes if b.kind == "node"}


def test_classes_per_kind_and_cubic_edges():
    model = blocks_model(4)
    engine, layout, drawing, text = document(model)
    root = ET.fromstring(text)
    node_classes = {frozenset(classes(g)) for g in root.iter(f"{SVG}g") if "node" in classes(g)}
    assert {frozenset({"node", k}) for k in ("op", "input", "variable", "const", "output")} <= node_classes
    paths = [p for p in root.iter(f"{SVG}path") if "edge" in classes(p)]
    assert len(paths) == len(layout.edges)
    assert any("control" in classes(p) for p in paths) and any(classes(p) == {"edge"} for p in paths)
    assert any("C" in p.get("d") for p in paths)  # curves as curves, not sampled polylines
    ends = {tuple(np.round(s.points[-1], 1)) for s in drawing.strokes}
    drawn = {tuple(float(v) for v in re.findall(r"-?[0-9.]+", p.get("d"))[-2:]) for p in paths}
    assert drawn == ends  # every route ends where the layout ends it
    folded = ET.fromstring(document(blocks_model(30), expand=False)[3])
    assert any("group" in classes(g) for g in folded.iter(f"{SVG}g"))  # folded scopes


def test_op_details_are_tooltips():
    model = blocks_model(3)
    engine, layout, drawing, text = document(model)
    root = ET.fromstring(text)
    tips = {n.find(f"{SVG}title").text for n in root.iter(f"{SVG}g") if "node" in classes(n)}
    assert "MatMul\nblock1/op0\n→ f32[1,8]\n" + DEVICE in tips
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "MatMul" in texts and "Relu" in texts  # titles are text, not outlines


def test_hostile_names_are_escaped():
    model = blocks_model(2, hostile=True)
    engine, layout, drawing, text = document(model)
    root = ET.fromstring(text)  # well-formed despite the name
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
    tips = [n.find(f"{SVG}title").text for n in root.iter(f"{SVG}g") if "node" in classes(n)]
    assert f"block0/{HOSTILE}".replace("\x01", "\ufffd") in "\n".join(tips)


@pytest.mark.parametrize("expand", [True, False])
def test_under_a_kilobyte_per_op(expand):
    model = blocks_model(100)  # 1,001 ops
    assert len(model) > 1000
    engine, layout, drawing, text = document(model, expand=expand)
    size = len(text.encode("utf-8"))
    assert size / len(model) <= 1024, size / len(model)
    if expand:
        assert sum(1 for b in layout.nodes if b.kind == "node") > 900  # all of it is drawn


def test_one_scope_is_cropped_to_its_frame():
    model = blocks_model(8)
    engine, layout, drawing, text = document(model, expand=False, scope="block3")
    gid = find_scope(engine.tree, "block3")
    box = layout.nodes[layout.index[gid]]
    assert drawing.width == round(box.w + 40)
    root = ET.fromstring(text)
    names = [n.find(f"{SVG}title").text.split("\n")[1] for n in root.iter(f"{SVG}g") if "node" in classes(n)]
    assert names and all(n.startswith("block3/") for n in names)
    frames = [s for s in drawing.shapes if s.kind == "box"]
    assert frames[0].x == 20 and frames[0].y == drawing.band + 20  # the frame at the margin


def test_scopes_by_name_title_or_prefix_and_near_names_when_wrong():
    engine = GraphLayoutEngine(blocks_model(12))
    tree = engine.tree
    block3 = find_scope(tree, "block3")
    assert tree.groups[block3].name.rstrip("/") == "block3"
    assert find_scope(tree, "BLOCK3") == block3 and find_scope(tree, "block3/") == block3
    block1 = find_scope(tree, "block1")  # exactly block1, though block10 and block11 start so too
    assert tree.groups[block1].name.rstrip("/") == "block1"
    assert tree.groups[find_scope(tree, "block10")].name.rstrip("/") == "block10"
    with pytest.raises(ScopeError) as several:
        find_scope(tree, "bl")
    assert several.value.ambiguous and len(several.value.candidates) >= 2
    with pytest.raises(ScopeError) as wrong:
        find_scope(tree, "blok7")
    assert not wrong.value.ambiguous and "block7" in [c.rstrip("/") for c in wrong.value.candidates]


def test_rsvg_renders_it_at_its_size(tmp_path):
    rsvg = shutil.which("rsvg-convert")
    if rsvg is None:
        pytest.skip("rsvg-convert (librsvg2-bin) is not installed")
    from PySide6.QtGui import QColor, QImage

    model = blocks_model(5)
    engine, layout, drawing, text = document(model)
    svg = tmp_path / "g.svg"
    svg.write_text(text, encoding="utf-8")
    png = tmp_path / "g.png"
    subprocess.run([rsvg, str(svg), "-o", str(png)], check=True, timeout=120)
    image = QImage(str(png))
    assert (image.width(), image.height()) == (round(drawing.width), round(drawing.height))
    placeholder = next(s for s in drawing.shapes if s.kind == "input")
    colour = QColor(image.pixel(round(placeholder.x + placeholder.w / 2), round(placeholder.y + 3)))
    assert colour.name() == "#dbeeff"  # the input's pill, where the layout put it
    sample = {image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(0, image.height(), 5)}
    assert len(sample) > 20  # boxes, text and edges, not a blank page


def test_left_to_right_curves_leave_and_arrive_sideways():
    from graphviz_app.core.graph.layout_data import LayoutOptions

    engine = GraphLayoutEngine(blocks_model(3), LayoutOptions(rankdir="LR"))
    engine.expand_all()
    layout = engine.layout()
    root = ET.fromstring(svg_text(drawing_of(engine, layout)))
    curves = [c for p in root.iter(f"{SVG}path") if "edge" in classes(p)
              for c in re.findall(r"C([-0-9. ]+)", p.get("d"))]
    assert curves
    for c in curves:  # C x1 y1 x2 y2 x y: both control points halfway across, level with their ends
        x1, y1, x2, y2, x, y = (float(v) for v in c.split())
        assert x1 == x2 and y2 == y


def test_the_document_is_titled_by_the_graph_or_the_scope():
    from graphviz_app.core.graph.picture import group_title

    engine = GraphLayoutEngine(blocks_model(4))
    engine.expand_all()
    layout = engine.layout()
    root = ET.fromstring(svg_text(drawing_of(engine, layout, title=group_title(engine, None))))
    assert root.find(f"{SVG}title").text == "blocks"  # not the last box's title
    gid = find_scope(engine.tree, "block2")
    root = ET.fromstring(svg_text(drawing_of(engine, layout, gid, title=group_title(engine, gid))))
    assert root.find(f"{SVG}title").text == "block2"


# ----- a cost overlay --------------------------------------------------------------------------
COLOURS = ["#ffeda0", "#feb24c", "#fc4e2a", "#bd0026", "#800026"]


def cost_overlay(engine, layout):
    """Fills from the scale's colours in turn (the last two dark), totals on groups and frames,
    numbers in the tooltips, and the key of a log scale of kernel times."""
    from graphviz_app.core.graph.picture_cost import CostKey, PictureOverlay

    overlay = PictureOverlay(key=CostKey(["kernel time", "1 µs", "2.5 ms", "log scale", "none"], COLOURS, "#e6e6e6"))
    for k, b in enumerate(b for b in layout.nodes if b.kind in ("node", "group")):
        overlay.fills[b.item] = COLOURS[k % len(COLOURS)]
        if k % len(COLOURS) >= 3:
            overlay.dark.add(b.item)
        overlay.tips[b.item] = f"kernel time: {k} µs"
    for b in layout.nodes:
        if b.kind in ("group", "box"):
            overlay.subtitles[b.item] = "1.5 ms"
    return overlay


def shown_layout(blocks: int):
    """Every block open but block1, which is folded."""
    engine = GraphLayoutEngine(blocks_model(blocks))
    engine.expand_all()
    engine.set_expanded(find_scope(engine.tree, "block1"), False)
    return engine, engine.layout()


def test_a_cost_overlay_colours_nodes_totals_groups_and_frames_and_draws_its_key():
    from graphviz_app.core.graph.picture_cost import KEY_H, key_width

    engine, layout = shown_layout(4)
    plain = drawing_of(engine, layout)
    overlay = cost_overlay(engine, layout)
    drawing = drawing_of(engine, layout, overlay=overlay)
    assert drawing.band == plain.band + KEY_H and drawing.key.y == plain.band  # its row under the legend
    assert drawing.height == plain.height + KEY_H
    moved = {s.item: s.y - p.y for s, p in zip(drawing.shapes, plain.shapes)}
    assert set(moved.values()) == {KEY_H}, "the graph moves down by the key's row, no more"
    root = ET.fromstring(svg_text(drawing))
    by_item = {s.tip: s.item for s in drawing.shapes}
    graph = next(g for g in root.iter(f"{SVG}g") if classes(g) == {"graph"})
    nodes = [g for g in graph.iter(f"{SVG}g") if classes(g) & {"node", "group"}]
    assert len(nodes) == len(overlay.fills)
    for g in nodes:  # each op and folded group: its fill, its text's contrast, its numbers
        item = by_item[g.find(f"{SVG}title").text]
        assert g.get("style") == f"fill:{overlay.fills[item]}"
        assert ("dk" if item in overlay.dark else "lt") in classes(g)
        assert g.find(f"{SVG}title").text.endswith(f"\n{overlay.tips[item]}")
    group = next(g for g in nodes if "group" in classes(g))
    assert [t.text for t in group.iter(f"{SVG}text")][1] == "1.5 ms"  # the folded block's total
    headers = [g.find(f"{SVG}text").text for g in root.iter(f"{SVG}g") if "box" in classes(g)]
    assert headers and all(h.endswith("· 1.5 ms)") or h.endswith("(1.5 ms)") or "…" in h for h in headers)
    assert any(h.endswith("ops · 1.5 ms)") for h in headers), headers  # count and total where both fit
    style = root.find(f"{SVG}style").text
    assert ".dk>text,.dk>text.s{fill:#ffffff}" in style and ".lt>text,.lt>text.s{fill:#1b1b1b}" in style
    key = next(g for g in root.iter(f"{SVG}g") if classes(g) == {"key"})
    assert [t.text for t in key.iter(f"{SVG}text")] == ["kernel time", "1 µs", "2.5 ms", "(log scale)", "none"]
    stops = [s.get("stop-color") for s in key.iter(f"{SVG}stop")]
    assert stops == COLOURS
    bar, swatch = key.iter(f"{SVG}rect")
    assert bar.get("fill") == "url(#cost-scale)" and swatch.get("fill") == "#e6e6e6"
    lo, hi = (next(t for t in key.iter(f"{SVG}text") if t.text == w) for w in ("1 µs", "2.5 ms"))
    assert float(lo.get("x")) < float(bar.get("x")) < float(bar.get("x")) + float(bar.get("width")) < float(hi.get("x"))
    # a graph narrower than the key: the picture widens to hold it
    tiny = GraphLayoutEngine(GraphModel.from_json_dict({"name": "t", "nodes": [node("x", "Placeholder")]}))
    small = tiny.layout()
    narrow = drawing_of(tiny, small, overlay=cost_overlay(tiny, small))
    assert narrow.width >= key_width(narrow.key, tiny.options.text_width) > drawing_of(tiny, small).width


def test_without_an_overlay_the_document_is_unchanged():
    from graphviz_app.core.graph.picture_cost import PictureOverlay

    engine, layout = shown_layout(3)
    plain = svg_text(drawing_of(engine, layout))
    assert svg_text(drawing_of(engine, layout, overlay=None)) == plain
    assert svg_text(drawing_of(engine, layout, overlay=PictureOverlay())) == plain
    assert 'style="fill:' not in plain and 'class="key"' not in plain and "dk" not in plain


def test_rsvg_renders_the_overlay_fills_and_key(tmp_path):
    rsvg = shutil.which("rsvg-convert")
    if rsvg is None:
        pytest.skip("rsvg-convert (librsvg2-bin) is not installed")
    from PySide6.QtGui import QColor, QImage

    engine, layout = shown_layout(3)
    overlay = cost_overlay(engine, layout)
    drawing = drawing_of(engine, layout, overlay=overlay)
    svg, png = tmp_path / "g.svg", tmp_path / "g.png"
    svg.write_text(svg_text(drawing), encoding="utf-8")
    subprocess.run([rsvg, str(svg), "-o", str(png)], check=True, timeout=120)
    image = QImage(str(png))
    assert (image.width(), image.height()) == (round(drawing.width), round(drawing.height))
    for s in drawing.shapes:
        if s.kind != "box":
            assert QColor(image.pixel(round(s.x + s.w / 2), round(s.y + 3))).name() == overlay.fills[s.item], s.tip
    bar = next(p for p in drawing.key.parts if p.what == "bar")
    y = round(drawing.key.y + 11)
    row = [QColor(image.pixel(x, y)) for x in range(round(bar.x + 2), round(bar.x + bar.w - 1))]
    light = [0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue() for c in row]
    assert all(a >= b - 1 for a, b in zip(light, light[1:])), "light to dark along the bar"

    def nearest(c: QColor) -> str:
        return min(COLOURS, key=lambda w: sum(abs(a - b) for a, b in zip(c.getRgb()[:3], QColor(w).getRgb()[:3])))
    assert (nearest(row[0]), nearest(row[-1])) == (COLOURS[0], COLOURS[-1]), [c.name() for c in row]
