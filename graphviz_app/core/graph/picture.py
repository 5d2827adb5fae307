"""What a picture of a Layout draws, as data: one ``Shape`` per node box and one ``Stroke`` per
edge route, each knowing the frame (expanded group) it sits in, its kind, its text and its
tooltip, placed in picture coordinates (a margin around the layout, the legend band above it).

The SVG writer (``core/graph/svg.py``) and the Qt painter of PDF and PNG files
(``ui/views/graph/painter.py``) both draw a ``Drawing``, so every format shows the same picture:
the view's layout, the view's folding, the scene's labels. ``find_scope`` picks one group for
``export --scope``; ``drawing_of(..., scope=gid)`` crops the picture to that group's frame, and
``drawing_of(..., overlay=...)`` colours it as the view's cost overlay does (``picture_cost.py``).
No Qt here: text is measured with the layout's own ``text_width``.
"""
from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np

from graphviz_app.core.graph.layout_data import no_gc
from graphviz_app.core.graph.model import tensor_text
from graphviz_app.core.graph.picture_cost import KEY_H, CostKey, PictureOverlay, apply_overlay, key_width, place_key
from graphviz_app.core.graph.picture_text import HEADER_INDENT, elide

MARGIN = 20.0  # around the layout (the scene's rect has the same)
# the legend strip's geometry: the graph view's legend (ui/graph/legend.py) uses the same
SWATCH_W, SWATCH_H, GAP, ROW_H, PAD = 22.0, 12.0, 14.0, 18.0, 6.0
LEGEND_KINDS = ("input", "variable", "const", "op", "output", "gradient", "group")
LEGEND_EDGES = ("data", "control", "saved")
ENGLISH_NAMES = {"input": "input", "variable": "variable", "const": "constant", "op": "op",
                 "output": "output", "gradient": "gradient op", "group": "folded scope",
                 "data": "tensor", "control": "control dependency", "saved": "saved for backward"}
EDGE_WIDTH = 1.2
SAVED_WIDTH = 3.2
# text baselines below a box's centre (one line; title and subtitle), the header's below its top,
# from the view's fonts: 11 px bold titles, 10 px subtitles and headers, 9 px edge labels
BASELINE_ONE, BASELINE_TITLE, BASELINE_SUB, BASELINE_HEADER = 3.7, -2.3, 9.8, 12.3


@dataclass
class Shape:
    """One node box: an op (``kind`` is the model's kind: op, const, variable, input, output,
    gradient), a folded group ("group") or an expanded group's frame ("box")."""
    item: int
    kind: str
    x: float  # top-left, picture coordinates
    y: float
    w: float
    h: float
    title: str  # elided to fit the box (frames: their header, "title  (12 ops)")
    subtitle: str
    tip: str  # the tooltip: op, name, output types, device (groups: scope name, ops)
    depth: int
    frame: int  # index in Drawing.shapes of the frame it sits in; -1: the graph itself
    twin: str = ""  # a group or frame with twins elsewhere: their structure key (one colour each)
    fill: str = ""  # a cost overlay's fill ("#rrggbb"; core/graph/picture_cost.py), else the kind's
    tone: str = ""  # with a fill: "dark" (light text on it) or "light"


@dataclass
class Stroke:
    """One edge route (a bundle of graph edges): consecutive points joined by cubics with
    tangents along the rank direction, drawn from ``points[0]`` to the arrowhead."""
    kind: str  # "data", "control" or "saved"
    points: np.ndarray  # (k, 2), picture coordinates, data-flow order
    width: float
    label: str
    frame: int  # index in Drawing.shapes of the frame it runs in; -1: the graph itself
    label_at: tuple[float, float] = (0.0, 0.0)  # the label's start on its baseline
    plate: tuple[float, float, float, float] | None = None  # x, y, w, h behind a saved label


@dataclass
class LegendEntry:
    what: str  # "node" or "edge"
    key: str  # a node kind or an edge kind
    text: str
    x: float  # the swatch's left edge; the row's top is y
    y: float


@dataclass
class Drawing:
    shapes: list[Shape]
    strokes: list[Stroke]
    width: float
    height: float
    rankdir: str
    title: str
    ops: int  # ops inside the picture (folded groups count all of theirs)
    legend: list[LegendEntry] = field(default_factory=list)
    band: float = 0.0  # height of the legend strip above the graph
    shape_boxes: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))  # x0, y0, x1, y1
    stroke_boxes: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))
    key: CostKey | None = None  # a cost overlay's key, in the band under the legend

    def visible(self, rect: tuple[float, float, float, float]) -> tuple[np.ndarray, np.ndarray]:
        """Indices of the shapes and strokes that touch rect (x0, y0, x1, y1)."""
        x0, y0, x1, y1 = rect
        out = []
        for boxes in (self.shape_boxes, self.stroke_boxes):
            hit = (boxes[:, 0] <= x1) & (boxes[:, 2] >= x0) & (boxes[:, 1] <= y1) & (boxes[:, 3] >= y0)
            out.append(np.flatnonzero(hit))
        return out[0], out[1]


class ScopeError(LookupError):
    """``--scope`` named no group, or several: ``candidates`` are the nearest group names."""

    def __init__(self, query: str, candidates: list[str], ambiguous: bool = False):
        super().__init__(query)
        self.query, self.candidates, self.ambiguous = query, candidates, ambiguous


# ----- scopes ----------------------------------------------------------------------------------
def _keys(group) -> tuple[str, ...]:
    name = group.name.rstrip("/")
    return tuple(dict.fromkeys(k for k in (name, group.title, name.rpartition("/")[2]) if k))


def find_scope(tree, query: str) -> int:
    """The group QUERY names: a scope's full name, a group's title or the last part of its name,
    exactly (case first, then any case), else the one group that a prefix of those fits."""
    text = query.strip().rstrip("/")
    groups = [g for gid, g in tree.groups.items() if gid != tree.root]
    if not text:
        raise ScopeError(query, [g.name for g in groups[:8]])
    tests = (lambda k: k == text, lambda k: k.lower() == text.lower(),
             lambda k: k.startswith(text), lambda k: k.lower().startswith(text.lower()))
    for test in tests:
        found = [g for g in groups if any(test(k) for k in _keys(g))]
        if len(found) > 1:  # a full name beats a title several groups share
            exact = [g for g in found if test(g.name.rstrip("/"))]
            found = exact if len(exact) == 1 else found
        if len(found) == 1:
            return found[0].gid
        if found:
            raise ScopeError(query, sorted(g.name for g in found)[:12], ambiguous=True)
    names = {k: g.name for g in groups for k in _keys(g)}
    near = difflib.get_close_matches(text, list(names), n=8, cutoff=0.5)
    near += [k for k in names if text.lower() in k.lower() and k not in near][:8 - len(near)]
    found = list(dict.fromkeys(names[k] for k in near))
    if not found:  # nothing like it: the groups at the top, to start from
        found = [tree.groups[c].name for c in tree.groups[tree.root].children if c in tree.groups][:8]
    raise ScopeError(query, found)


def show_scope(engine, gid: int, expand_all: bool) -> None:
    """Fold state for a picture of group GID: it and every group above it open; with
    ``expand_all`` every group inside it too."""
    engine.reveal(gid)
    engine.set_expanded(gid, True)
    if expand_all:
        engine.expand_subtree(gid)


# ----- the drawing -----------------------------------------------------------------------------
def _node_tip(name: str, a: dict) -> str:
    op = a.get("op", "")
    lines = [f"{a['label']} = {op}" if a.get("label") else op, name]
    shapes, dtypes = a.get("shapes") or [], a.get("dtypes") or []
    types = []
    for slot in range(max(len(shapes), len(dtypes))):
        dtype = dtypes[slot] if slot < len(dtypes) else (dtypes[-1] if dtypes else None)
        text = tensor_text(dtype, shapes[slot] if slot < len(shapes) else None)
        if text:
            types.append(text)
    if types:
        lines.append("→ " + ", ".join(types))
    if a.get("device"):
        lines.append(str(a["device"]))
    return "\n".join(lines)


def _edge_kinds(engine, layout) -> list[tuple[str, list]]:
    """(kind, edge data of the first few bundled edges) per route, as the scene classes them."""
    adj, names, tree = engine.model.graph.succ, engine.names, engine.tree
    src, dst = tree.edge_src.tolist(), tree.edge_dst.tolist()
    out = []
    for e in layout.edges:
        data = [adj[names[src[k]]][names[dst[k]]] for k in e.edges[:8]]
        control = bool(data) and all(d.get("control") for d in data)
        saved = any(d.get("saved_for_backward") for d in data)
        out.append(("saved" if saved else "control" if control else "data", data))
    return out


def _edge_labels(engine, layout, kinds, saved_text: str) -> list[str]:
    """The scene's labels: the tensor's type once per source ("×N" for a bundle), and "saved for
    backward" once per saved tensor, on the piece that reaches the gradient op."""
    model, names, tree = engine.model, engine.names, engine.tree
    labelled: set[int] = set()
    saved_done: set[str] = set()
    labels = []
    for e, (kind, _data) in zip(layout.edges, kinds):
        label = ""
        key = (e.src << 1) | int(e.src_port)
        if kind == "saved":
            tensor = names[int(tree.edge_src[e.edges[0]])]
            into_frame = e.dst_port or (e.dst >= engine.n and engine.is_expanded(e.dst))
            if tensor not in saved_done and not into_frame:
                saved_done.add(tensor)
                label = saved_text
        elif key not in labelled and kind != "control":
            if e.count > 1:
                label = f"×{e.count}"
            elif e.edges:
                k = e.edges[0]
                label = model.edge_text(names[int(tree.edge_src[k])], names[int(tree.edge_dst[k])])
            if label:
                labelled.add(key)
        labels.append(label)
    return labels


def place_legend(entries: list[tuple[str, str, str]], width: float,
                 text_width: Callable[[str, bool], float]) -> tuple[list[LegendEntry], float]:
    """Rows of (what, key, text) entries wrapped at WIDTH, and the strip's height (0: none)."""
    if not entries:
        return [], 0.0
    placed, x, row = [], PAD, 0
    for what, key, text in entries:
        w = SWATCH_W + 5 + text_width(text, False) * 1.1 + GAP  # the legend's font is 11 px, not 10
        if x > PAD and x + w > width - PAD:
            row, x = row + 1, PAD
        placed.append(LegendEntry(what, key, text, x, 3 + 2 + row * ROW_H))
        x += w
    return placed, (row + 1) * ROW_H + 4 + 6


def _place_label(stroke: Stroke, measure: Callable[[str, bool], float]) -> None:
    """Where the scene puts an edge's label: just below its source, beside the line; a saved
    tensor's mark halfway along, on a light plate."""
    pts = stroke.points
    if stroke.kind == "saved":
        seg = np.hypot(*np.diff(pts, axis=0).T)
        half, run = seg.sum() / 2, np.cumsum(seg)
        k = int(np.searchsorted(run, half)) if len(seg) else 0
        if len(seg):
            before = run[k] - seg[k]
            t = (half - before) / seg[k] if seg[k] else 0.0
            mx, my = pts[k] + (pts[k + 1] - pts[k]) * t
        else:
            mx, my = pts[0]
        w, h = measure(stroke.label, True) * 0.82 + 6, 13.0
        stroke.plate = (mx + 5, my - h / 2, w, h)
        stroke.label_at = (mx + 8, my + 3.2)
        return
    if len(pts) >= 3:
        (ax, ay), (cx, cy) = pts[1:3].tolist()
        x, y = ax, (ay + cy) / 2
        if abs(cy - ay) < 1.0:  # left-to-right ranks
            x, y = (ax + cx) / 2, ay - 5.5 - 2
    else:
        (x0, y0), (x1, y1) = pts[0].tolist(), pts[-1].tolist()
        x, y = (x0 + x1) / 2, (y0 + y1) / 2
    stroke.label_at = (x + 4, y + 2.9)


def _frame_of(tree, e, engine) -> int:
    """The group whose own layout routed E: a port piece's group, else the two ends' parent."""
    if e.src_port:
        return e.src
    if e.dst_port:
        return e.dst
    return int(tree.parent[e.src])


def drawing_of(engine, layout, scope: int | None = None, names: dict[str, str] | None = None,
               subtitle_text: Callable[[str], str] = str, title: str = "",
               overlay: PictureOverlay | None = None) -> Drawing:
    """The picture of LAYOUT (made by ENGINE in its current folding): every box and route, or
    only group SCOPE's frame and what it holds. ``names`` are the legend's words (English by
    default); ``subtitle_text`` puts the layout's subtitles in the reader's language; a cost
    ``overlay`` (core/graph/picture_cost.py) colours the nodes and puts its key under the legend."""
    with no_gc():  # tens of thousands of small objects beside a big networkx graph (see no_gc)
        return _drawing(engine, layout, scope, names, subtitle_text, title, overlay)


def _drawing(engine, layout, scope, names, subtitle_text, title, overlay) -> Drawing:
    names = {**ENGLISH_NAMES, **(names or {})}
    tree, model_nodes = engine.tree, engine.model.graph.nodes
    measure = engine.options.text_width
    keep = None
    if scope is not None:
        keep = {b.item for b in layout.nodes if b.item == scope or tree.is_ancestor(scope, b.item)}
        box = layout.nodes[layout.index[scope]]
        left, top, width, height = box.x - box.w / 2, box.y - box.h / 2, box.w, box.h
    else:
        left, top, width, height = 0.0, 0.0, layout.width, layout.height
    kinds = _edge_kinds(engine, layout)
    node_kinds = {"box" if b.kind == "box" else "group" if b.kind == "group" else
                  (model_nodes[engine.names[b.item]].get("kind") or "op")
                  for b in layout.nodes if keep is None or b.item in keep}
    edge_kinds = set()
    for e, (kind, _) in zip(layout.edges, kinds):
        if keep is None or _frame_of(tree, e, engine) in keep:
            edge_kinds.add(kind)
    entries = [("node", k, names[k]) for k in LEGEND_KINDS if k in node_kinds]
    entries += [("edge", k, names[k]) for k in LEGEND_EDGES if k in edge_kinds]
    pic_w = float(max(1, round(width + 2 * MARGIN)))  # whole pixels: every format is the same size
    key = None
    if overlay is not None and overlay.key is not None:  # a row under the legend, at least as wide as it
        key = replace(overlay.key)
        pic_w = max(pic_w, float(math.ceil(key_width(key, measure))))
    legend, band = place_legend(entries, pic_w, measure)
    if key is not None:
        place_key(key, pic_w, band, measure)
        band += KEY_H
    dx, dy = MARGIN - left, band + MARGIN - top
    shapes: list[Shape] = []
    position: dict[int, int] = {}
    for b in sorted((b for b in layout.nodes if keep is None or b.item in keep),
                    key=lambda b: (b.kind != "box", b.depth)):  # frames before what they hold
        if b.kind == "box":
            kind, tip = "box", f"{tree.groups[b.item].name}\n{subtitle_text(b.subtitle)}"
            text = elide(f"{subtitle_text(b.title)}  ({subtitle_text(b.subtitle)})", b.w - 2 * HEADER_INDENT,
                         lambda t: measure(t, False), middle=True)
            subtitle = ""
        else:
            if b.kind == "group":
                kind = "group"
                tip = f"{tree.groups[b.item].name}\n{subtitle_text(b.subtitle)}"
            else:
                name = engine.names[b.item]
                a = model_nodes[name]
                kind, tip = a.get("kind") or "op", _node_tip(name, a)
            room = b.w - 6
            text = elide(subtitle_text(b.title), room, lambda t: measure(t, True))  # a twin's: a message
            subtitle = elide(subtitle_text(b.subtitle), room, lambda t: measure(t, False)) if b.subtitle else ""
        parent = int(tree.parent[b.item]) if b.item < len(tree.parent) else -1
        position[b.item] = len(shapes)
        shapes.append(Shape(b.item, kind, b.x - b.w / 2 + dx, b.y - b.h / 2 + dy, b.w, b.h, text,
                            subtitle, tip, b.depth, parent,
                            b.structure if b.twins > 1 and kind in ("group", "box") else ""))
    for s in shapes:  # parent group id -> its frame's index (-1: the root, or outside the scope)
        s.frame = position.get(s.frame, -1)
    if overlay is not None:
        apply_overlay(shapes, layout, overlay, measure, subtitle_text)
    labels = _edge_labels(engine, layout, kinds, names["saved"])
    strokes = []
    for e, (kind, _), label in zip(layout.edges, kinds, labels):
        frame = _frame_of(tree, e, engine)
        if keep is not None and frame not in keep:
            continue
        width_ = EDGE_WIDTH + min(3.0, float(np.log2(e.count))) if e.count > 1 and kind != "control" \
            else EDGE_WIDTH
        if kind == "saved":
            width_ = max(width_, SAVED_WIDTH)
        stroke = Stroke(kind, e.points + (dx, dy), width_, label, position.get(frame, -1))
        if label:
            _place_label(stroke, measure)
        strokes.append(stroke)
    ops = sum(1 if s.kind not in ("group", "box") else 0 for s in shapes) + sum(
        tree.groups[s.item].leaf_count for s in shapes if s.kind == "group")
    shape_boxes = np.array([(s.x, s.y, s.x + s.w, s.y + s.h) for s in shapes]).reshape(-1, 4)
    shape_boxes[:, :2] -= 4  # the folded group's shadow, pens
    shape_boxes[:, 2:] += 4
    stroke_boxes = np.zeros((len(strokes), 4))
    if strokes:
        allpts = np.concatenate([s.points for s in strokes])
        starts = np.cumsum([0] + [len(s.points) for s in strokes[:-1]])
        stroke_boxes[:, :2] = np.minimum.reduceat(allpts, starts) - 8  # arrowheads, pens
        stroke_boxes[:, 2:] = np.maximum.reduceat(allpts, starts) + 8
        stroke_boxes[:, 2] += 200 * np.array([bool(s.label) for s in strokes])  # labels
    return Drawing(shapes, strokes, pic_w, band + max(1, round(height + 2 * MARGIN)), layout.rankdir, title, ops,
                   legend, band, shape_boxes, stroke_boxes, key)


def group_title(engine, gid: int | None) -> str:
    """A picture's title: the group's scope name, or the graph's name."""
    if gid is None:
        return engine.model.name or "graph"
    return engine.tree.groups[gid].name.rstrip("/") or engine.tree.groups[gid].title
