"""SVG written straight from a ``Drawing`` (``core/graph/picture.py``), no Qt: a ``<g>`` per
group frame holding what the frame holds, CSS classes per kind (``node op``, ``node const``,
``group``, ``box``, ``edge``, ``edge control``, ``edge saved``), text as ``<text>`` and each op's
details (op, name, output types, device) as a ``<title>`` tooltip. Edges are cubic ``C``
commands with tangents along the rank direction, as the view draws them.

Why not Qt's QSvgGenerator: it paints the scene item by item with a style attribute on each
(8 KB per op, 12 MB for ResNet50 fully open, 140 MB for 19.5k ops, which no browser opens). Here
styles live in one stylesheet, so an op costs a few hundred bytes; and it needs no scene, so the
CLI writes it without building one.

Colours are the graph view's light canvas: ``Palette()`` holds them, and the UI passes its own
(``ui/views/graph/painter.py``) so the file and the screen cannot drift apart. A drawing with a
cost overlay (``core/graph/picture_cost.py``) gives each coloured op and folded group its fill as
a ``style`` (with class ``lt`` or ``dk`` for its text's contrast) and draws the key, a gradient
of the scale's colours between its least and most values; without one nothing of it is written.
"""
from __future__ import annotations

import colorsys
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from graphviz_app.core.graph.layout_data import no_gc
from graphviz_app.core.graph.picture import (
    BASELINE_HEADER,
    BASELINE_ONE,
    BASELINE_SUB,
    BASELINE_TITLE,
    HEADER_INDENT,
    ROW_H,
    SWATCH_H,
    SWATCH_W,
    Drawing,
    Shape,
    Stroke,
)
from graphviz_app.core.graph.picture_cost import BAR_H, KEY_H

FONT = "'DejaVu Sans',Verdana,Arial,sans-serif"
ARROW = 7.0  # the arrowhead's length and width, as the scene's


def _hsv(h: float, s: float, v: float) -> str:
    r, g, b = colorsys.hsv_to_rgb(h / 360, s / 255, v / 255)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def twin_colours(structure: str) -> tuple[str, str, str]:
    """(fill, border, shadow) of groups sharing a structure: a hue from its key, as the scene's
    ``style.twin_colors``; the shadow is the border made lighter as Qt's ``lighter(170)``."""
    hue = zlib.crc32(structure.encode()) % 360
    v = 170 * 170 / 100
    s = max(0.0, 175 - (v - 255)) if v > 255 else 175.0
    return _hsv(hue, 48, 250), _hsv(hue, 175, 170), _hsv(hue, s, min(v, 255.0))


@dataclass
class Palette:
    """fill, border and shape ("rect", "round", "pill", "ellipse") per node kind, plus the
    canvas' other colours (CSS colour strings)."""
    kinds: dict[str, tuple[str, str, str]] = field(default_factory=lambda: {
        "input": ("#dbeeff", "#2b78d0", "pill"), "variable": ("#ffe9c7", "#cf8000", "round"),
        "const": ("#f0f0f0", "#9a9a9a", "ellipse"), "op": ("#ffffff", "#4a4a4a", "round"),
        "output": ("#def4de", "#2e8b3d", "pill"), "gradient": ("#fde3e7", "#c2185b", "round"),
        "group": ("#e9ecfb", "#5363b8", "round")})
    background: str = "#ffffff"
    text: str = "#1b1b1b"
    subtext: str = "#5f5f5f"
    edge: str = "#7d7d7d"
    saved: str = "#ef6c00"
    label: str = "#5a5a5a"
    plate: str = "#fcfcfc"
    box_fill: str = "#5363b8"
    box_fill_opacity: float = 14 / 255
    box_border: str = "#9aa4d8"
    box_title: str = "#3c4a99"
    group_shadow: str = "#b7bee6"
    legend_text: str = "#333333"
    twin: Callable[[str], tuple[str, str, str]] = twin_colours
    twin_box_fill_opacity: float = 28 / 255
    text_on_dark: str = "#ffffff"  # titles on a dark cost fill
    key_muted: str = "#666666"  # the cost key's scale
    key_border: str = "#b0b0b0"  # around the cost key's bar and swatch

    def style(self, kind: str) -> tuple[str, str, str]:
        return self.kinds.get(kind, self.kinds["op"])


# ----- text and numbers ------------------------------------------------------------------------
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                          **{chr(c): "\ufffd" for c in range(32) if chr(c) not in "\t\n\r"}})
_CLASS = re.compile(r"[^A-Za-z0-9_-]")


def xml_text(text: str) -> str:
    """Text safe inside an element or a double-quoted attribute: markup escaped, and characters
    XML 1.0 cannot hold (NUL, most control characters, lone surrogates) shown as U+FFFD."""
    text = str(text).translate(_ESCAPES)
    return text if text.isascii() else _NOT_XML.sub("\ufffd", text)


def css_class(kind: str) -> str:
    return _CLASS.sub("", kind) or "op"


def num(v: float) -> str:
    """A coordinate to one decimal ("12.0": ``svg_text`` drops the ".0" of whole attributes; the
    hot paths below format with ``:.1f`` inline, the same)."""
    return f"{v:.1f}"


_WHOLE = re.compile(r"\.0(?![0-9])")  # in a string of numbers only: "12.0 3.5" -> "12 3.5"
_WHOLE_ATTR = re.compile(r'(="-?[0-9]+)\.0"')  # an attribute that is one whole number


def path_data(points, rankdir: str) -> str:
    """Consecutive points joined by cubics whose tangents run along the rank direction (a
    straight piece where the two points share an axis)."""
    pts = points.tolist()
    x0, y0 = pts[0]
    out = [f"M{x0:.1f} {y0:.1f}"]
    tb = rankdir == "TB"
    for x1, y1 in pts[1:]:
        if abs(x1 - x0) + abs(y1 - y0) <= 0.05:
            continue  # a repeated point would leave the arrowhead no direction to point in
        if x0 == x1 or y0 == y1:
            out.append(f"L{x1:.1f} {y1:.1f}")
        elif tb:
            m = (y0 + y1) / 2
            out.append(f"C{x0:.1f} {m:.1f} {x1:.1f} {m:.1f} {x1:.1f} {y1:.1f}")
        else:
            m = (x0 + x1) / 2
            out.append(f"C{m:.1f} {y0:.1f} {m:.1f} {y1:.1f} {x1:.1f} {y1:.1f}")
        x0, y0 = x1, y1
    return _WHOLE.sub("", "".join(out))


# ----- the document ----------------------------------------------------------------------------
def stylesheet(p: Palette, twins: list[str] = (), filled: bool = False, keyed: bool = False) -> str:
    """The document's CSS; FILLED: rules for text on cost fills, KEYED: for the cost key."""
    rules = [f"text{{font-family:{FONT};font-size:11px;font-weight:bold;text-anchor:middle;"
             f"fill:{p.text};stroke:none}}",
             f"text.s{{font-size:10px;font-weight:normal;fill:{p.subtext}}}",
             ".node{stroke-width:1.2}.group{stroke-width:2}",
             f".sh{{fill:{p.group_shadow};stroke:none}}",
             f".frame{{fill:{p.box_fill};fill-opacity:{p.box_fill_opacity:.3f};stroke:{p.box_border};"
             "stroke-width:1.2;stroke-dasharray:4.8 2.4}",
             f".box>text{{font-size:10px;font-weight:normal;text-anchor:start;fill:{p.box_title}}}",
             f".edge{{fill:none;stroke:{p.edge};stroke-width:1.2;stroke-linecap:round;"
             "marker-end:url(#arrow)}",
             ".control{stroke-dasharray:4.8 2.4}",
             f".saved{{stroke:{p.saved};stroke-width:3.2;marker-end:url(#arrow-saved)}}",
             f"text.l{{font-size:9px;font-weight:normal;text-anchor:start;fill:{p.label}}}",
             f"text.sl{{font-size:9px;text-anchor:start;fill:{p.saved}}}",
             f".plate{{fill:{p.plate};fill-opacity:.88;stroke:none}}",
             f".legend text{{font-size:11px;font-weight:normal;text-anchor:start;fill:{p.legend_text}}}"]
    for kind, (fill, border, _shape) in p.kinds.items():
        rules.append(f".{css_class(kind)}{{fill:{fill};stroke:{border}}}")
    for i, key in enumerate(twins):  # after the kinds': a twin's colour wins over its kind's
        fill, border, shadow = p.twin(key)
        rules.append(f".t{i}{{fill:{fill};stroke:{border}}}.t{i}>.sh{{fill:{shadow}}}")
    if twins:
        rules.append(f".frame.tw{{fill-opacity:{p.twin_box_fill_opacity:.3f}}}")
    if filled:  # on a cost fill both lines take the title's contrast, as on screen
        rules.append(f".lt>text,.lt>text.s{{fill:{p.text}}}.dk>text,.dk>text.s{{fill:{p.text_on_dark}}}")
    if keyed:
        rules.append(f".key text{{font-size:11px;font-weight:normal;text-anchor:start;fill:{p.legend_text}}}"
                     f".key text.b{{font-weight:bold}}.key text.m{{fill:{p.key_muted}}}"
                     f".key rect{{stroke:{p.key_border};stroke-width:1}}")
    return "".join(rules)


def _markers(p: Palette) -> str:
    out = []
    for name, colour, size in (("arrow", p.edge, ARROW), ("arrow-saved", p.saved, ARROW + 3.2)):
        out.append(f'<marker id="{name}" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" '
                   f'markerWidth="{num(size)}" markerHeight="{num(size)}" orient="auto">'
                   f'<path d="M0 0L10 5L0 10z" fill="{colour}" stroke="none"/></marker>')
    return "<defs>" + "".join(out) + "</defs>"


def _outline(x: float, y: float, w: float, h: float, shape: str, extra: str = "",
             round_r: float = 5.0) -> str:
    if shape == "ellipse":
        return (f'<ellipse{extra} cx="{(x + w / 2):.1f}" cy="{(y + h / 2):.1f}" rx="{(w / 2):.1f}" '
                f'ry="{(h / 2):.1f}"/>')
    r = h / 2 if shape == "pill" else round_r if shape == "round" else 0.0
    corner = f' rx="{r:.1f}"' if r else ""
    return f'<rect{extra} x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}"{corner}/>'


def _node(s: Shape, p: Palette, twins: dict[str, int]) -> str:
    shape = p.style(s.kind)[2]
    cls = "group" if s.kind == "group" else f"node {css_class(s.kind)}"
    if s.twin:
        cls += f" t{twins[s.twin]}"
    fill = ""
    if s.fill:  # a cost overlay's colour: on the group, so the shape inherits it (text has its own)
        cls += " dk" if s.tone == "dark" else " lt"
        fill = f' style="fill:{s.fill}"'
    parts = [f'<g class="{cls}"{fill}><title>{xml_text(s.tip)}</title>']
    if s.kind == "group":
        parts.append(_outline(s.x + 3, s.y + 3, s.w, s.h, shape, ' class="sh"'))
    parts.append(_outline(s.x, s.y, s.w, s.h, shape))
    cx, cy = s.x + s.w / 2, s.y + s.h / 2
    if s.subtitle:
        parts.append(f'<text x="{cx:.1f}" y="{(cy + BASELINE_TITLE):.1f}">{xml_text(s.title)}</text>'
                     f'<text class="s" x="{cx:.1f}" y="{(cy + BASELINE_SUB):.1f}">{xml_text(s.subtitle)}</text>')
    else:
        parts.append(f'<text x="{cx:.1f}" y="{(cy + BASELINE_ONE):.1f}">{xml_text(s.title)}</text>')
    parts.append("</g>")
    return "".join(parts)


def _edge(e: Stroke, rankdir: str) -> str:
    cls = {"data": "edge", "control": "edge control", "saved": "edge saved"}[e.kind]
    default = 3.2 if e.kind == "saved" else 1.2
    width = f' style="stroke-width:{e.width:.1f}"' if abs(e.width - default) > 0.05 else ""
    out = f'<path class="{cls}"{width} d="{path_data(e.points, rankdir)}"/>'
    if e.label:
        x, y = e.label_at
        if e.plate is not None:
            px, py, pw, ph = e.plate
            out += (f'<rect class="plate" x="{px:.1f}" y="{py:.1f}" width="{pw:.1f}" height="{ph:.1f}"/>'
                    f'<text class="sl" x="{x:.1f}" y="{y:.1f}">{xml_text(e.label)}</text>')
        else:
            out += f'<text class="l" x="{x:.1f}" y="{y:.1f}">{xml_text(e.label)}</text>'
    return out


def _legend(d: Drawing, p: Palette) -> str:
    if not d.legend:
        return ""
    out = ['<g class="legend">']
    for entry in d.legend:
        x, y = entry.x, entry.y
        sy = y + (ROW_H - SWATCH_H) / 2
        if entry.what == "node":
            outline = _outline(x, sy, SWATCH_W, SWATCH_H, p.style(entry.key)[2], round_r=3.0)
            out.append(f'<g class="{css_class(entry.key)}" style="stroke-width:1.2">{outline}</g>')
        else:
            colour = p.saved if entry.key == "saved" else p.edge
            width = 3.2 if entry.key == "saved" else 1.2
            cy, tip = y + ROW_H / 2, x + SWATCH_W
            head = 3.0 + width / 2
            dash = ' stroke-dasharray="4.8 2.4"' if entry.key == "control" else ""
            out.append(f'<path d="M{num(x)} {num(cy)}H{num(tip - 5)}" stroke="{colour}" '
                       f'stroke-width="{num(width)}" fill="none"{dash}/>'
                       f'<path d="M{num(tip)} {num(cy)}L{num(tip - 7)} {num(cy - head)}'
                       f'L{num(tip - 7)} {num(cy + head)}z" fill="{colour}"/>')
        out.append(f'<text x="{num(x + SWATCH_W + 5)}" y="{num(y + ROW_H / 2 + 4)}">{xml_text(entry.text)}</text>')
    out.append("</g>")
    return "".join(out)


def _key(d: Drawing) -> str:
    """The cost key: the metric, the least value, a gradient of the scale's colours, the most,
    the scale, and the swatch of ops with nothing to show (the view's colour bar)."""
    key = d.key
    if key is None:
        return ""
    out = ['<g class="key">']
    for part in key.parts:
        if part.what in ("bar", "swatch"):
            y = key.y + (KEY_H - BAR_H) / 2
            fill = "url(#cost-scale)" if part.what == "bar" else key.none
            if part.what == "bar":
                last = max(1, len(key.colours) - 1)
                stops = "".join(f'<stop offset="{k / last:.3f}" stop-color="{c}"/>' for k, c in enumerate(key.colours))
                out.append(f'<defs><linearGradient id="cost-scale">{stops}</linearGradient></defs>')
            out.append(f'<rect x="{part.x:.1f}" y="{y:.1f}" width="{part.w:.1f}" height="{BAR_H:.1f}" fill="{fill}"/>')
        else:
            cls = {"bold": ' class="b"', "muted": ' class="m"'}.get(part.what, "")
            out.append(f'<text{cls} x="{part.x:.1f}" y="{key.y + KEY_H / 2 + 4:.1f}">{xml_text(part.text)}</text>')
    out.append("</g>\n")
    return "".join(out)


def svg_text(d: Drawing, palette: Palette | None = None) -> str:
    """The whole SVG document of a drawing."""
    with no_gc():
        return _document(d, palette)


@dataclass
class _Tree:
    """What sits in each frame (-1: the graph itself), for writing frames as nested <g>s."""
    d: Drawing
    p: Palette
    kids: dict[int, list[int]]
    lines: dict[int, list[int]]
    twins: dict[str, int]


def _frame_content(t: _Tree, frame: int, out: list[str]) -> None:
    """A frame's content: its frames first (edges and nodes of this level are drawn over them),
    each a <g> around its own content, then its edges, then its nodes."""
    d, members = t.d, t.kids.get(frame, [])
    for i in members:
        s = d.shapes[i]
        if s.kind == "box":
            twin = f" tw t{t.twins[s.twin]}" if s.twin else ""
            out.append(f'<g class="box"><title>{xml_text(s.tip)}</title>'
                       f'<rect class="frame{twin}" x="{s.x:.1f}" y="{s.y:.1f}" width="{s.w:.1f}" '
                       f'height="{s.h:.1f}"/><text x="{s.x + HEADER_INDENT:.1f}" '
                       f'y="{s.y + BASELINE_HEADER:.1f}">{xml_text(s.title)}</text>\n')
            _frame_content(t, i, out)
            out.append("</g>\n")
    for k in t.lines.get(frame, []):
        out.append(_edge(d.strokes[k], d.rankdir))
        out.append("\n")
    for i in members:
        if d.shapes[i].kind != "box":
            out.append(_node(d.shapes[i], t.p, t.twins))
            out.append("\n")


def _document(d: Drawing, palette: Palette | None) -> str:
    p = palette or Palette()
    kids: dict[int, list[int]] = {}
    for i, s in enumerate(d.shapes):
        kids.setdefault(s.frame, []).append(i)
    lines: dict[int, list[int]] = {}
    for i, e in enumerate(d.strokes):
        lines.setdefault(e.frame, []).append(i)
    twins = {key: i for i, key in enumerate(dict.fromkeys(s.twin for s in d.shapes if s.twin))}
    css = stylesheet(p, list(twins), any(s.fill for s in d.shapes), d.key is not None)
    # xml:space: the header's "title  (12 ops)" keeps its two spaces, as on screen
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" xml:space="preserve" width="{num(d.width)}" '
           f'height="{num(d.height)}" viewBox="0 0 {num(d.width)} {num(d.height)}">\n',
           f"<title>{xml_text(d.title)}</title>\n<style>{css}</style>\n{_markers(p)}\n",
           f'<rect width="100%" height="100%" fill="{p.background}"/>\n', _legend(d, p), _key(d),
           '<g class="graph">\n']
    _frame_content(_Tree(d, p, kids, lines, twins), -1, out)
    out.append("</g>\n</svg>\n")
    return _WHOLE_ATTR.sub(r'\1"', "".join(out))  # text has its quotes escaped: only attributes match


def write_svg(d: Drawing, path: str | Path, palette: Palette | None = None) -> int:
    """Write the drawing as an SVG file; returns its size in bytes."""
    data = svg_text(d, palette).encode("utf-8")
    Path(path).write_bytes(data)
    return len(data)
