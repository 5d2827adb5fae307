"""QPainterPaths built from numpy arrays in one call, for drawing thousands of edges at once.

A path is read from QPainterPath's own serialised form (element type, x, y per element), which
QDataStream fills in C++: 200k elements cost a few milliseconds instead of 200k Python calls.
The curves are the ones ``items.edge_path`` draws one edge at a time (cubics whose tangents run
along the rank direction), so a batch and a single edge item look the same.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QByteArray, QDataStream, QRectF
from PySide6.QtGui import QPainterPath

MOVE, LINE, CURVE, CURVE_DATA = 0, 1, 2, 3  # QPainterPath.ElementType
PIECE = 1024.0  # longest piece of an edge route (scene units), see EdgeShapes
_ELEMENT = np.dtype([("t", ">i4"), ("x", ">f8"), ("y", ">f8")])


def path_from_elements(types: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> QPainterPath:
    """A QPainterPath of these elements (types as QPainterPath.ElementType values)."""
    n = len(types)
    path = QPainterPath()
    if n == 0:
        return path
    buf = bytearray(4 + n * _ELEMENT.itemsize + 8)  # count, elements, start of the last subpath, fill rule
    buf[0:4] = np.array([n], ">i4").tobytes()
    arr = np.frombuffer(buf, dtype=_ELEMENT, count=n, offset=4)
    arr["t"], arr["x"], arr["y"] = types, xs, ys
    # QByteArray(bytes) stops at the first NUL byte; from a bytearray it copies everything
    QDataStream(QByteArray(buf)) >> path
    return path


class EdgeShapes:
    """Every edge route of a layout, as drawn by an edge item (cubics along the ranks between
    consecutive points), cut into pieces at most ``PIECE`` long: any set of edges, near any
    rectangle, becomes one path in a few numpy steps.

    Pieces matter for long routes: a curve across a 300k-unit layout, stroked with antialiasing,
    is flattened along all of its length in device pixels even when a few hundred are on screen.
    """

    def __init__(self, points: np.ndarray, starts: np.ndarray, rankdir: str):
        self.points = points  # (P, 2), all routes one after the other
        self.starts = starts  # (E + 1,): route r is points[starts[r]:starts[r + 1]]
        self.rankdir = rankdir
        self.counts = np.diff(starts)
        first = np.zeros(len(points), bool)
        first[starts[:-1][self.counts > 0]] = True
        self.first = first  # a point that starts a route
        self._pieces = None

    def lines(self, mask: np.ndarray) -> QPainterPath:
        """Polylines of the routes where MASK is true: enough when a curve is a few pixels long."""
        keep = np.repeat(mask, self.counts)
        types = np.where(self.first[keep], MOVE, LINE)
        pts = self.points[keep]
        return path_from_elements(types, pts[:, 0], pts[:, 1])

    def curves(self, mask: np.ndarray, near: QRectF | None = None) -> QPainterPath:
        """The routes where MASK is true, as curves; with NEAR, only their pieces that meet it."""
        return self.pieces_path(self.piece_mask(mask, near))

    def piece_mask(self, mask: np.ndarray, near: QRectF | None = None) -> np.ndarray:
        """The pieces of the routes where MASK is true (that meet NEAR, if given)."""
        _, edge, _, box = self.pieces
        keep = mask[edge]
        if near is not None:
            keep &= (box[:, 2] >= near.left()) & (box[:, 0] <= near.right()) \
                & (box[:, 3] >= near.top()) & (box[:, 1] <= near.bottom())
        return keep

    def pieces_path(self, keep: np.ndarray) -> QPainterPath:
        """One path of the pieces where KEEP is true."""
        pc, edge, line, _ = self.pieces
        idx = np.flatnonzero(keep)
        if not len(idx):
            return QPainterPath()
        # a piece that continues the one before it draws on without a MOVE (dashes run on)
        moves = np.ones(len(idx), bool)
        moves[1:] = (idx[1:] != idx[:-1] + 1) | (edge[idx[1:]] != edge[idx[:-1]])
        curve = ~line[idx]
        per = moves + np.where(curve, 3, 1)
        ends = np.cumsum(per)
        at = ends - per  # first element of each piece
        types = np.empty(int(ends[-1]), np.int32)
        xy = np.empty((int(ends[-1]), 2))
        q = pc[idx]
        m_at = at[moves]
        types[m_at], xy[m_at] = MOVE, q[moves, 0]
        body = at + moves
        lb = body[~curve]
        types[lb], xy[lb] = LINE, q[~curve, 3]
        cb, qc = body[curve], q[curve]
        types[cb], xy[cb] = CURVE, qc[:, 1]
        types[cb + 1], xy[cb + 1] = CURVE_DATA, qc[:, 2]
        types[cb + 2], xy[cb + 2] = CURVE_DATA, qc[:, 3]
        return path_from_elements(types, xy[:, 0], xy[:, 1])

    @property
    def pieces(self):
        """(control points (N, 4, 2), edge (N,), straight (N,), bbox (N, 4)) of every piece."""
        if self._pieces is None:
            self._pieces = self._cut()
        return self._pieces

    def _cut(self):
        p = self.points
        seg = np.flatnonzero(~self.first)  # segment from point seg - 1 to seg
        p0, p3 = p[seg - 1], p[seg]
        edge = np.repeat(np.arange(len(self.counts)), np.maximum(self.counts - 1, 0))
        line = (p0[:, 0] == p3[:, 0]) | (p0[:, 1] == p3[:, 1])
        axis = 1 if self.rankdir == "TB" else 0
        p1, p2 = p0.copy(), p3.copy()
        mid = (p0[:, axis] + p3[:, axis]) / 2
        p1[:, axis], p2[:, axis] = mid, mid
        k = np.maximum(1, np.ceil(np.abs(p3 - p0).sum(1) / PIECE)).astype(np.int64)
        first = np.cumsum(k) - k  # index of each segment's first piece
        total = int(k.sum())
        pc = np.empty((total, 4, 2))
        short = k == 1  # most segments: one piece, the segment itself
        for j, q in enumerate((p0, p1, p2, p3)):
            pc[first[short], j] = q[short]
        long_ = np.flatnonzero(~short)
        if len(long_):
            c = np.stack([p0[long_], p1[long_], p2[long_], p3[long_]], 1)
            src = np.repeat(np.arange(len(long_)), k[long_])
            j = np.arange(len(src)) - np.repeat(np.cumsum(k[long_]) - k[long_], k[long_])
            a = (j / k[long_][src])[:, None]
            b = ((j + 1) / k[long_][src])[:, None]
            cs = c[src]
            q0, q3 = _bezier(cs, a), _bezier(cs, b)
            h = (b - a) / 3
            at = np.repeat(first[long_], k[long_]) + j
            pc[at] = np.stack([q0, q0 + h * _bezier_d(cs, a), q3 - h * _bezier_d(cs, b), q3], 1)
        lo = np.minimum(np.minimum(pc[:, 0], pc[:, 1]), np.minimum(pc[:, 2], pc[:, 3]))
        hi = np.maximum(np.maximum(pc[:, 0], pc[:, 1]), np.maximum(pc[:, 2], pc[:, 3]))
        owner = np.repeat(np.arange(len(seg)), k)
        return pc, edge[owner], line[owner], np.concatenate([lo, hi], 1)  # the hull holds the curve


def _bezier(c: np.ndarray, t: np.ndarray) -> np.ndarray:
    u = 1 - t
    return u ** 3 * c[:, 0] + 3 * u * u * t * c[:, 1] + 3 * u * t * t * c[:, 2] + t ** 3 * c[:, 3]


def _bezier_d(c: np.ndarray, t: np.ndarray) -> np.ndarray:
    u = 1 - t
    return 3 * u * u * (c[:, 1] - c[:, 0]) + 6 * u * t * (c[:, 2] - c[:, 1]) + 3 * t * t * (c[:, 3] - c[:, 2])


def arrow_heads(points: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """(E, 3, 2) triangles at each route's end, along its last segment longer than half a unit
    (the edge items' arrowheads)."""
    last = starts[1:] - 1
    end = points[last]
    d = np.zeros_like(end)
    found = np.zeros(len(last), bool)
    for back in (1, 2, 3, 4):
        k = np.maximum(last - back, starts[:-1])
        cand = end - points[k]
        ok = ~found & (np.hypot(cand[:, 0], cand[:, 1]) > 0.5)
        d[ok] = cand[ok]
        found |= ok
    d[~found] = (0.0, 1.0)
    n = d / np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-9)[:, None]
    back = end - n * sizes[:, None]
    side = np.stack([-n[:, 1], n[:, 0]], 1) * (sizes[:, None] * 0.5)
    return np.stack([end, back + side, back - side], 1)


def triangles_path(tris: np.ndarray) -> QPainterPath:
    """One path of closed triangles (fill it)."""
    k = len(tris)
    types = np.tile(np.array([MOVE, LINE, LINE, LINE], np.int32), k)
    pts = np.concatenate([tris, tris[:, :1]], 1).reshape(-1, 2)
    return path_from_elements(types, pts[:, 0], pts[:, 1])
