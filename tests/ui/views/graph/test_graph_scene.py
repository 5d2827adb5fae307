"""The graph view on a big graph, driven like a person: items only where the view looks, tiles far
out, text only where readable, and the viewport following the user through Open all, Fold all
and a double-clicked group (what was under the mouse stays under it; the canvas is never empty).

The graphs are built here (a few thousand ops in nested name scopes), no TensorFlow involved."""
from __future__ import annotations

import networkx as nx
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem

from graphviz_app.core.graph.model import GraphModel
from graphviz_app.ui.graph import style as st

OPS = 3001
NEAR_PX = 3  # how far (viewport pixels) an anchored point may land from where it was


def block_model(towers: int = 3, blocks: int = 10, layers: int = 5, per_layer: int = 20) -> GraphModel:
    """One input feeding TOWERS side by side, each a chain of BLOCKS identical blocks of LAYERS
    name scopes; a layer runs two chains of PER_LAYER / 2 ops that meet at its end: 3,000 ops by
    default."""
    g = nx.DiGraph()

    def op(name: str, kind: str, *inputs: str) -> str:
        g.add_node(name, op=kind, label=None, kind="op", inputs=[], shapes=[[1, 8, 8, 16]], dtypes=["f32"],
                   attrs={})
        for slot, src in enumerate(inputs):
            g.add_edge(src, name, tensor=f"{src}:0", slot=slot, control=False)
        return name

    start = op("x", "Placeholder")
    half = per_layer // 2
    for t in range(towers):
        prev = start
        for i in range(blocks):
            for j in range(layers):
                scope = f"net{t}/block{i}/layer{j}"
                ends = []
                for side in range(2):
                    last = prev
                    for k in range(half - (1 if side else 0)):
                        last = op(f"{scope}/op{side}_{k}", ("Conv2D", "Relu", "AddV2", "Mul")[k % 4], last)
                    ends.append(last)
                prev = op(f"{scope}/merge", "AddV2", *ends)
    return GraphModel(g, "blocks")


@pytest.fixture
def view(qtbot):
    """A graph view without an engine process (layouts are made inline), at the benchmark's size."""
    from graphviz_app.ui.views.base import AppContext
    from graphviz_app.ui.views.graph.view import GraphView

    v = GraphView(AppContext(engine=None))
    qtbot.addWidget(v)
    v.resize(1366, 768)
    v.show()
    qtbot.waitExposed(v)
    return v


def show(view, model: GraphModel) -> None:
    from graphviz_app.ui.graph.session import GraphSession

    view._sessions["file:blocks"] = GraphSession("file:blocks", model)
    view.source_box.addItem("blocks", "file:blocks")
    view._choose("file:blocks")


def move_mouse(view, pos: QPoint) -> None:
    """A mouse move delivered to the canvas itself (QTest's goes to whatever window lies under the
    screen point)."""
    viewport = view.canvas.viewport()
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(pos), QPointF(viewport.mapToGlobal(pos)),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, event)


def on_screen(view, item: int) -> QPoint:
    return view.canvas.mapFromScene(view.scene.item_rect(item).center())


def drawn_share(view) -> float:
    """Share of the viewport's pixels that are not the canvas' background."""
    img = view.canvas.viewport().grab().toImage()
    bg = st.CANVAS.rgb() & 0xFFFFFF
    samples = [(img.pixel(x, y) & 0xFFFFFF) != bg for x in range(0, img.width(), 3) for y in range(0, img.height(), 3)]
    return sum(samples) / len(samples)


def centre_group(view) -> int:
    """The folded group nearest the viewport's centre."""
    g = view.scene.geometry
    c = view.canvas.mapToScene(view.canvas.viewport().rect().center())
    groups = [b.item for b in view.session.layout.nodes if b.kind == "group"]
    return min(groups, key=lambda i: (view.scene.item_rect(i).center() - c).manhattanLength() if g else 0)


def test_a_big_graph_has_items_only_where_the_view_looks(view, qtbot):
    show(view, block_model())
    view.expand_all()
    scene, canvas = view.scene, view.canvas
    assert scene.is_lazy and len(view.session.layout.nodes) > OPS
    canvas.fit()
    assert canvas.current_scale() < st.ITEM_MIN_SCALE
    assert len(scene.items()) < 10 and not scene.nodes  # tiles stand for every node and edge
    assert scene.tiles.isVisible() and drawn_share(view) > 0.005
    # zoom into a region never seen: its nodes are made there, and they answer the mouse
    leaf = view.session.engine.index["net2/block9/layer4/op1_3"]
    assert leaf not in scene.nodes
    canvas.set_zoom(1.0)
    canvas.centerOn(scene.item_rect(leaf).center())
    assert leaf in scene.nodes and scene.nodes[leaf].isVisible()
    assert len(scene.nodes) < OPS / 10
    with qtbot.waitSignal(canvas.item_hovered) as hovered:
        move_mouse(view, on_screen(view, leaf))
    assert hovered.args == [leaf]
    assert "net2/block9/layer4/op1_3" in view._tooltip(leaf)
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=on_screen(view, leaf))
    assert view._selected == leaf and "net2/block9/layer4/op1_3" in view.inspector_widget().text()
    assert scene.nodes[leaf].pen().color() == st.SELECTED


def test_text_only_where_it_can_be_read(view):
    show(view, block_model())
    view.expand_all()
    canvas, scene = view.canvas, view.scene

    def visible_texts() -> list:
        shown = canvas.visible_rect()
        return [t for t in scene.items(shown) if isinstance(t, QGraphicsSimpleTextItem) and t.isVisible()]

    canvas.set_zoom(1.0)
    assert visible_texts()
    canvas.set_zoom(st.TEXT_MIN_SCALE * 0.7)
    assert not visible_texts() and drawn_share(view) > 0.005  # the tiles draw the nodes, no text
    canvas.set_zoom(1.0)
    assert visible_texts()


def test_open_all_keeps_the_group_under_the_mouse(view):
    show(view, block_model())
    canvas, scene = view.canvas, view.scene
    group = centre_group(view)
    before = scene.item_rect(group)
    pos = on_screen(view, group) + QPoint(5, 3)
    move_mouse(view, pos)
    at = canvas.mapToScene(pos)
    fx, dy = (at.x() - before.left()) / before.width(), at.y() - before.top()
    view.expand_all()
    after = scene.item_rect(group)  # now the frame of the open group
    assert after.height() > 4 * before.height()
    landed = canvas.mapFromScene(QPointF(after.left() + fx * after.width(), after.top() + dy))
    assert (landed - pos).manhattanLength() <= NEAR_PX  # its header is where the group was
    assert drawn_share(view) > 0.005


def test_fold_all_keeps_what_was_under_the_mouse(view):
    show(view, block_model())
    view.expand_all()
    canvas, scene, engine = view.canvas, view.scene, view.session.engine
    leaf = engine.index["net1/block5/layer2/op0_7"]
    canvas.set_zoom(1.0)
    canvas.centerOn(scene.item_rect(leaf).center())
    pos = on_screen(view, leaf)
    move_mouse(view, pos)
    view.collapse_all()
    holder = engine.visible_item(leaf)
    assert holder != leaf and canvas.item_id_at(pos) == holder  # the folded group that holds it
    rect = scene.item_rect(holder)
    assert abs(canvas.mapFromScene(rect.center()).y() - pos.y()) <= rect.height() / 2 + NEAR_PX
    assert drawn_share(view) > 0.005


def test_a_double_clicked_group_stays_under_the_mouse(view, qtbot):
    show(view, block_model())
    canvas, scene, engine = view.canvas, view.scene, view.session.engine
    group = centre_group(view)
    pos = on_screen(view, group)
    before = scene.item_rect(group)
    dy = canvas.mapToScene(pos).y() - before.top()
    qtbot.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert engine.is_expanded(group)
    after = scene.item_rect(group)
    assert after.height() > before.height()
    assert after.contains(canvas.mapToScene(pos))
    assert abs((canvas.mapToScene(pos).y() - after.top()) - dy) * canvas.current_scale() <= NEAR_PX
    qtbot.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)  # on its header: fold
    assert not engine.is_expanded(group) and canvas.item_id_at(pos) == group


def test_the_canvas_is_never_empty_after_open_all(view):
    show(view, block_model())
    canvas, scene = view.canvas, view.scene
    # look at nothing: far to the right of the graph
    right = scene.sceneRect().right()
    canvas.place(QPointF(right + 5000, 0), QPointF(canvas.viewport().rect().center()))
    assert drawn_share(view) == 0
    view.expand_all()
    assert scene.shows_something(canvas.visible_rect()) and drawn_share(view) > 0.005


def test_twins_share_a_colour(qtbot):
    """Groups with the same structure (twins > 1) are filled with one hue made from the key;
    the others keep the group colour."""
    from graphviz_app.core.graph.layout import GraphLayoutEngine
    from graphviz_app.ui.graph.scene import GraphScene

    engine = GraphLayoutEngine(block_model(towers=1, blocks=6, layers=2, per_layer=20))
    layout = engine.layout()
    groups = [b for b in layout.nodes if b.kind == "group"]
    assert len(groups) >= 3
    for b in groups[:2]:
        b.structure, b.twins = "same-structure", 2
    groups[2].structure, groups[2].twins = "", 1
    scene = GraphScene()
    scene.show_layout(layout, engine)
    fills = [scene.nodes[b.item].brush().color() for b in groups[:3]]
    assert fills[0] == fills[1] == st.twin_colors("same-structure")[0]
    assert fills[2].name() == st.KINDS["group"].fill
    assert "twins" in scene.node_kinds()  # the legend explains the colours


def test_search_hits_show_at_every_scale(view):
    show(view, block_model())
    view.expand_all()
    canvas, scene = view.canvas, view.scene
    view.search.open_bar()
    view.search.edit.setText("merge")  # the last op of every layer: 150 hits
    assert view.search.count.text() == "1 of 150"
    first = view._matches[0]
    assert canvas.current_scale() >= st.TEXT_MIN_SCALE  # the jump shows the hit readable
    assert scene.nodes[first].pen().color() == st.SELECTED
    canvas.fit()  # far out the tiles stand for the items; the marks are drawn over them
    img = canvas.viewport().grab().toImage()
    lit = sum(1 for x in range(img.width()) for y in range(0, img.height(), 2)
              if img.pixelColor(x, y) == st.HIGHLIGHT)
    assert lit > 50
    hit = scene.item_rect(view._matches[75]).center()  # and they answer the mouse there too
    assert canvas.item_id_at(canvas.mapFromScene(hit)) == view._matches[75]


def test_zooming_far_out_never_waits_for_tiles(view, qtbot):
    show(view, block_model())
    view.expand_all()
    canvas, tiles = view.canvas, view.scene.tiles
    canvas.fit()
    canvas.viewport().grab()  # the first picture of a layout is painted at once
    painted = tiles.tiles_painted
    assert painted > 0
    canvas.zoom_by(2.0)  # a zoom level never seen: stand-ins scaled from the tiles there
    assert drawn_share(view) > 0.005 and tiles.tiles_painted == painted
    qtbot.waitUntil(lambda: tiles.tiles_painted > painted)  # the real ones follow the frame


def test_fold_all_from_far_out_shows_the_folded_graph(view):
    show(view, block_model())
    view.expand_all()
    canvas, scene = view.canvas, view.scene
    canvas.fit()  # 3,000 ops seen whole: a scale at which the folded graph would be a speck
    view.collapse_all()
    whole = canvas.mapFromScene(scene.sceneRect()).boundingRect()
    vp = canvas.viewport().rect()
    assert vp.contains(whole) and canvas.current_scale() >= st.TEXT_MIN_SCALE  # fitted, readable
    assert drawn_share(view) > 0.005
