"""Independent pieces of one layered layout wrapped into rows, so a flat level is not one long line.

A group whose children form many pieces that do not touch each other (only the group's entry and
exit ports join them: the separable convolutions of every NASNet cell under one name scope, three
models fed the same input) is laid out by the plain algorithm as one row of all its pieces, as wide
as all of them together. Here, when that row would be far wider than tall, the pieces are dealt
into rows one under the other, each row starting on the rank after the previous row's last: every
edge inside a piece keeps its direction, and the port edges that now cross a row run down between
its pieces as any long edge does. Nothing runs upward.
"""
from __future__ import annotations

import math

import numpy as np

MIN_PIECES = 4  # fewer pieces side by side are read as they are
WRAP_OVER = 3.0  # wrap when the row is this many times wider than tall...
TARGET_ASPECT = 1.0  # ...into rows that make the block about as tall as wide


def _pieces(n: int, ua: list[int], ub: list[int], skip: set[int]) -> list[list[int]]:
    """Weakly connected components over the nodes not in ``skip``, each in node order, ordered by
    their first node."""
    parent = list(range(n))

    def find(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for a, b in zip(ua, ub):
        if a in skip or b in skip:
            continue
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    comps: dict[int, list[int]] = {}
    for v in range(n):
        if v not in skip:
            comps.setdefault(find(v), []).append(v)
    return list(comps.values())


def wrap_rows(n: int, ua: np.ndarray, ub: np.ndarray, layer: np.ndarray, widths: np.ndarray,
              heights: np.ndarray, skip: set[int], node_sep: float, layer_sep: float
              ) -> tuple[np.ndarray, list[tuple[int, int]]] | None:
    """New layers with the pieces dealt into rows, and pairs of nodes to pull into one line (the
    j-th piece of a row under the j-th of the row above: the rows form a grid instead of each
    sliding towards the port edges that pass it); None when one row reads well enough."""
    if n < 2 * MIN_PIECES:
        return None
    pieces = _pieces(n, ua.tolist(), ub.tolist(), skip)
    if len(pieces) < MIN_PIECES:
        return None
    lay = layer.tolist()
    w_l, h_l = widths.tolist(), heights.tolist()
    spans, piece_w, piece_h = [], [], []
    for nodes in pieces:
        lo = min(lay[v] for v in nodes)
        span = max(lay[v] for v in nodes) - lo + 1
        row_w = [0.0] * span
        band = [0.0] * span
        for v in nodes:
            r = lay[v] - lo
            row_w[r] += w_l[v] + node_sep
            band[r] = max(band[r], h_l[v])
        spans.append(span)
        piece_w.append(max(row_w))
        piece_h.append(sum(band) + layer_sep * (span - 1))
    total_w = sum(piece_w)
    tall = max(piece_h)
    if total_w <= WRAP_OVER * tall:
        return None
    rows = max(1, round(math.sqrt(total_w / (TARGET_ASPECT * tall))))
    if rows < 2:
        return None
    row_width = total_w / rows
    out = layer.copy()
    start = min(lay[v] for nodes in pieces for v in nodes)
    acc_w = 0.0
    row_span = 0
    tops: list[list[int]] = [[]]  # per row, the first node of each piece's first layer
    for nodes, span, pw in zip(pieces, spans, piece_w):
        if acc_w > 0 and acc_w + pw / 2 > row_width:  # this piece starts a new row
            start += row_span
            acc_w, row_span = 0.0, 0
            tops.append([])
        lo = min(lay[v] for v in nodes)
        for v in nodes:
            out[v] = start + lay[v] - lo
        tops[-1].append(next(v for v in nodes if lay[v] == lo))
        acc_w += pw
        row_span = max(row_span, span)
    # pieces in one row keep their own depth from the row's top; ports are placed by the caller
    pulls = [(above[j], row[j]) for above, row in zip(tops, tops[1:]) for j in range(min(len(above), len(row)))]
    return out, pulls
