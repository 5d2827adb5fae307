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
(``ui/views/graph/painter.py``) so the file and the screen cannot drift apart.
"""
from __future__ import annotations

import colorsys
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

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

    def style(self, kind: str) -> tuple[str, str, str]:
        return self.kinds.get(kind, self.kinds["op"])


# ----- text and numbers ------------------------------------------------------------------------
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
_CLASS = re.compile(r"[^A-Za-z0-9_-]")


def xml_text(text: str) -> str:
    """Text safe inside an element or a double-quoted attribute: markup escaped, and characters
    XML 1.0 cannot hold (NUL, most control characters) shown as U+FFFD."""
    return _NOT_XML.sub("\ufffd", str(text)).translate(_ESCAPES)


def css_class(kind: str) -> str:
    return _CLASS.sub("", kind) or "op"


def num(v: float) -> str:
    """A coordinate to one decimal ("12.0": ``svg_text`` drops the ".0" of whole attributes)."""
    return repr(round(v, 1))


_WHOLE = re.compile(r"\.0(?![0-9])")  # in a string of numbers only: "12.0 3.5" -> "12 3.5"
_WHOLE_ATTR = re.compile(r'(="-?[0-9]+)\.0"')  # an attribute that is one whole number


def path_data(points, rankdir: str) -> str:
    """Consecutive points joined by cubics whose tangents run along the rank direction (a
    straight piece where the two points share an axis)."""
    if len(points) > 1:  # a repeated point would leave the arrowhead no direction to point in
        keep = np.concatenate([[True], np.abs(np.diff(points, axis=0)).sum(axis=1) > 0.05])
        points = points[keep]
    raw = points.tolist()
    pts = points.round(1).tolist()
    x0, y0 = pts[0]
    out = [f"M{x0!r} {y0!r}"]
    tb = rankdir == "TB"
    for (rx0, ry0), (rx1, ry1), (x1, y1) in zip(raw, raw[1:], pts[1:]):
        if rx0 == rx1 or ry0 == ry1:
            out.append(f"L{x1!r} {y1!r}")
        elif tb:
            m = round((y0 + y1) / 2, 1)
            out.append(f"C{x0!r} {m!r} {x1!r} {m!r} {x1!r} {y1!r}")
        else:
            m = round((x0 + x1) / 2, 1)
            out.append(f"C{m!r} {y0!r} {m!r} {y1!r} {x1!r} {y1!r}")
        x0, y0 = x1, y1
    return _WHOLE.sub("", "".join(out))


# ----- the document ----------------------------------------------------------------------------
def stylesheet(p: Palette, twins: list[str] = ()) -> str:
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
        return (f'<ellipse{extra} cx="{num(x + w / 2)}" cy="{num(y + h / 2)}" rx="{num(w / 2)}" '
                f'ry="{num(h / 2)}"/>')
    r = h / 2 if shape == "pill" else round_r if shape == "round" else 0.0
    corner = f' rx="{num(r)}"' if r else ""
    return f'<rect{extra} x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}"{corner}/>'


def _node(s: Shape, p: Palette, twins: dict[str, int]) -> str:
    shape = p.style(s.kind)[2]
    cls = "group" if s.kind == "group" else f"node {css_class(s.kind)}"
    if s.twin:
        cls += f" t{twins[s.twin]}"
    parts = [f'<g class="{cls}"><title>{xml_text(s.tip)}</title>']
    if s.kind == "group":
        parts.append(_outline(s.x + 3, s.y + 3, s.w, s.h, shape, ' class="sh"'))
    parts.append(_outline(s.x, s.y, s.w, s.h, shape))
    cx, cy = s.x + s.w / 2, s.y + s.h / 2
    if s.subtitle:
        parts.append(f'<text x="{num(cx)}" y="{num(cy + BASELINE_TITLE)}">{xml_text(s.title)}</text>'
                     f'<text class="s" x="{num(cx)}" y="{num(cy + BASELINE_SUB)}">{xml_text(s.subtitle)}</text>')
    else:
        parts.append(f'<text x="{num(cx)}" y="{num(cy + BASELINE_ONE)}">{xml_text(s.title)}</text>')
    parts.append("</g>")
    return "".join(parts)


def _edge(e: Stroke, rankdir: str) -> str:
    cls = {"data": "edge", "control": "edge control", "saved": "edge saved"}[e.kind]
    default = 3.2 if e.kind == "saved" else 1.2
    width = f' style="stroke-width:{num(e.width)}"' if abs(e.width - default) > 0.05 else ""
    out = f'<path class="{cls}"{width} d="{path_data(e.points, rankdir)}"/>'
    if e.label:
        x, y = e.label_at
        if e.plate is not None:
            px, py, pw, ph = e.plate
            out += (f'<rect class="plate" x="{num(px)}" y="{num(py)}" width="{num(pw)}" height="{num(ph)}"/>'
                    f'<text class="sl" x="{num(x)}" y="{num(y)}">{xml_text(e.label)}</text>')
        else:
            out += f'<text class="l" x="{num(x)}" y="{num(y)}">{xml_text(e.label)}</text>'
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


def svg_text(d: Drawing, palette: Palette | None = None) -> str:
    """The whole SVG document of a drawing."""
    with no_gc():
        return _document(d, palette)


def _document(d: Drawing, palette: Palette | None) -> str:
    p = palette or Palette()
    kids: dict[int, list[int]] = {}
    for i, s in enumerate(d.shapes):
        kids.setdefault(s.frame, []).append(i)
    lines: dict[int, list[int]] = {}
    for i, e in enumerate(d.strokes):
        lines.setdefault(e.frame, []).append(i)
    twins = {key: i for i, key in enumerate(dict.fromkeys(s.twin for s in d.shapes if s.twin))}
    # xml:space: the header's "title  (12 ops)" keeps its two spaces, as on screen
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" xml:space="preserve" width="{num(d.width)}" '
           f'height="{num(d.height)}" viewBox="0 0 {num(d.width)} {num(d.height)}">\n',
           f"<title>{xml_text(d.title)}</title>\n<style>{stylesheet(p, list(twins))}</style>\n{_markers(p)}\n",
           f'<rect width="100%" height="100%" fill="{p.background}"/>\n', _legend(d, p)]

    def content(frame: int) -> None:
        members = kids.get(frame, [])
        for i in members:  # frames first: edges and nodes of this level are drawn over them
            s = d.shapes[i]
            if s.kind == "box":
                twin = f" tw t{twins[s.twin]}" if s.twin else ""
                out.append(f'<g class="box"><title>{xml_text(s.tip)}</title>'
                           f'<rect class="frame{twin}" x="{num(s.x)}" y="{num(s.y)}" width="{num(s.w)}" '
                           f'height="{num(s.h)}"/><text x="{num(s.x + HEADER_INDENT)}" '
                           f'y="{num(s.y + BASELINE_HEADER)}">{xml_text(s.title)}</text>\n')
                content(i)
                out.append("</g>\n")
        for k in lines.get(frame, []):
            out.append(_edge(d.strokes[k], d.rankdir))
            out.append("\n")
        for i in members:
            if d.shapes[i].kind != "box":
                out.append(_node(d.shapes[i], p, twins))
                out.append("\n")

    out.append('<g class="graph">\n')
    content(-1)
    out.append("</g>\n</svg>\n")
    return _WHOLE_ATTR.sub(r'\1"', "".join(out))  # text has its quotes escaped: only attributes match


def write_svg(d: Drawing, path: str | Path, palette: Palette | None = None) -> int:
    """Write the drawing as an SVG file; returns its size in bytes."""
    data = svg_text(d, palette).encode("utf-8")
    Path(path).write_bytes(data)
    return len(data)
