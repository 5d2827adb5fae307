"""The routes of a layered layout's edges: long edges bundled into shared trunks, and each
edge's points from its source's bottom to its target's top through the layers between."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SMALL_EDGES = 400  # below this many edges, plain Python beats numpy's per-call overhead


@dataclass
class _Trunks:
    total: int
    edge_trunk: np.ndarray  # per unique edge, -1 when it spans one layer
    lo: np.ndarray  # first dummy layer of each trunk
    start: np.ndarray  # first dummy index (minus n) of each trunk
    anchor: np.ndarray  # a real node of each trunk (for the initial order)
    dummy_layer: np.ndarray
    dummy_trunk: np.ndarray
    seg_from: np.ndarray
    seg_to: np.ndarray


def trunks(n: int, ua: np.ndarray, ub: np.ndarray, layer: np.ndarray,
           to_target: np.ndarray | None = None) -> _Trunks:
    """Long edges bundled into trunks of dummies. ``to_target`` (per edge): the edge joins the
    trunk of its target whatever its source sends elsewhere (the control edges into a collector:
    one line down to it, not one per source)."""
    if to_target is None:
        to_target = np.zeros(len(ua), bool)
    if len(ua) <= SMALL_EDGES:
        return trunks_small(n, ua, ub, layer, to_target)
    span = layer[ub] - layer[ua]
    long = span > 1
    long_out = np.bincount(ua[long & ~to_target], minlength=n)
    key = np.where((long_out[ua] >= 2) & ~to_target, ua, n + ub)
    key = np.where(long, key, -1)
    keys, edge_trunk = np.unique(key[long], return_inverse=True)
    n_tr = len(keys)
    et = np.full(len(ua), -1, np.int64)
    et[long] = edge_trunk
    lo = np.full(n_tr, np.iinfo(np.int64).max)
    hi = np.full(n_tr, -1)
    np.minimum.at(lo, edge_trunk, layer[ua[long]] + 1)
    np.maximum.at(hi, edge_trunk, layer[ub[long]] - 1)
    length = np.maximum(hi - lo + 1, 0)
    start = np.zeros(n_tr + 1, np.int64)
    np.cumsum(length, out=start[1:])
    total = int(start[-1])
    dummy_trunk = np.repeat(np.arange(n_tr), length)
    rank = np.arange(total) - start[dummy_trunk]
    dummy_layer = lo[dummy_trunk] + rank
    anchor = np.where(keys >= n, keys - n, keys) if n_tr else np.zeros(0, np.int64)
    ids = n + np.arange(total)
    inner = rank > 0
    lu, lv, lt = ua[long], ub[long], edge_trunk
    enter = n + start[lt] + (layer[lu] + 1 - lo[lt])
    leave = n + start[lt] + (layer[lv] - 1 - lo[lt])
    seg_from = np.concatenate([ua[~long], ids[inner] - 1, lu, leave])
    seg_to = np.concatenate([ub[~long], ids[inner], enter, lv])
    pair = np.unique(seg_from * (n + total) + seg_to)
    return _Trunks(total, et, lo, start[:-1], anchor, dummy_layer, dummy_trunk,
                   pair // (n + total), pair % (n + total))


def trunks_small(n: int, ua: np.ndarray, ub: np.ndarray, layer: np.ndarray, to_target: np.ndarray) -> _Trunks:
    """Same result as the numpy path, in plain Python: a group of a few nodes is laid out in
    microseconds instead of paying numpy's per-call overhead a hundred times."""
    a_l, b_l, lay, tt = ua.tolist(), ub.tolist(), layer.tolist(), to_target.tolist()
    m = len(a_l)
    long_out: dict[int, int] = {}
    for a, b, t in zip(a_l, b_l, tt):
        if lay[b] - lay[a] > 1 and not t:
            long_out[a] = long_out.get(a, 0) + 1
    span_of: dict[int, list[int]] = {}  # key -> [lo, hi]
    edge_key = [-1] * m
    for i, (a, b) in enumerate(zip(a_l, b_l)):
        if lay[b] - lay[a] <= 1:
            continue
        key = a if not tt[i] and long_out[a] >= 2 else n + b
        edge_key[i] = key
        r = span_of.get(key)
        if r is None:
            span_of[key] = [lay[a] + 1, lay[b] - 1]
        else:
            r[0] = min(r[0], lay[a] + 1)
            r[1] = max(r[1], lay[b] - 1)
    keys = sorted(span_of)
    tid = {k: t for t, k in enumerate(keys)}
    lo = [span_of[k][0] for k in keys]
    start, acc = [], 0
    dummy_layer, dummy_trunk = [], []
    seg_set = set()
    for t, k in enumerate(keys):
        s_lo, s_hi = span_of[k]
        start.append(acc)
        for r in range(s_hi - s_lo + 1):
            dummy_layer.append(s_lo + r)
            dummy_trunk.append(t)
            if r:
                seg_set.add((n + acc + r - 1, n + acc + r))
        acc += max(s_hi - s_lo + 1, 0)
    et = [tid[k] if k >= 0 else -1 for k in edge_key]
    for i, (a, b) in enumerate(zip(a_l, b_l)):
        t = et[i]
        if t < 0:
            seg_set.add((a, b))
        else:
            seg_set.add((a, n + start[t] + lay[a] + 1 - lo[t]))
            seg_set.add((n + start[t] + lay[b] - 1 - lo[t], b))
    segs = sorted(seg_set)
    anchor = [k - n if k >= n else k for k in keys]
    i64 = np.int64
    return _Trunks(acc, np.array(et, i64), np.array(lo, i64), np.array(start, i64), np.array(anchor, i64),
                   np.array(dummy_layer, i64), np.array(dummy_trunk, i64),
                   np.array([p for p, _ in segs], i64), np.array([q for _, q in segs], i64))


def segment_attrs(n: int, ua: np.ndarray, ub: np.ndarray, pair_of: np.ndarray, off_a: np.ndarray,
                  off_b: np.ndarray, weight: np.ndarray, layer: np.ndarray, tr: _Trunks
                  ) -> tuple[list[float], list[float]]:
    """Per segment of ``tr``: its delta (it is straight when x[to] == x[from] + delta: the edges'
    ends may be off their nodes' centres) and the weight that pulls it straight. A segment
    between two dummies weighs 8, one dummy 2, two real nodes 1 (long edges come out straight),
    times the heaviest edge running through it."""
    n_all = n + tr.total
    seg_from, seg_to = tr.seg_from.tolist(), tr.seg_to.tolist()
    index = {f * n_all + t: i for i, (f, t) in enumerate(zip(seg_from, seg_to))}
    m = len(seg_from)
    dsum, wsum, wmax = [0.0] * m, [0.0] * m, [0.0] * m
    # per unique pair: mean offsets and the heaviest weight of its edges
    k = len(ua)
    cnt = np.bincount(pair_of, minlength=k)
    pa = (np.bincount(pair_of, off_a, minlength=k) / np.maximum(cnt, 1)).tolist()
    pb = (np.bincount(pair_of, off_b, minlength=k) / np.maximum(cnt, 1)).tolist()
    pw_arr = np.zeros(k)
    np.maximum.at(pw_arr, pair_of, weight)
    pw = pw_arr.tolist()
    a_l, b_l, lay = ua.tolist(), ub.tolist(), layer.tolist()
    et, start, lo = tr.edge_trunk.tolist(), tr.start.tolist(), tr.lo.tolist()
    trunk_w = [0.0] * len(lo)

    def add(f: int, t: int, d: float, w: float) -> None:
        i = index[f * n_all + t]
        dsum[i] += d * w
        wsum[i] += w
        if w > wmax[i]:
            wmax[i] = w

    for i in range(k):
        a, b, t = a_l[i], b_l[i], et[i]
        if t < 0:
            add(a, b, pa[i] - pb[i], pw[i])
            continue
        add(a, n + start[t] + lay[a] + 1 - lo[t], pa[i], pw[i])
        add(n + start[t] + lay[b] - 1 - lo[t], b, -pb[i], pw[i])
        if pw[i] > trunk_w[t]:
            trunk_w[t] = pw[i]
    dummy_trunk = tr.dummy_trunk.tolist()
    delta, out_w = [], []
    for i, (f, t) in enumerate(zip(seg_from, seg_to)):
        fd, td = f >= n, t >= n
        if fd and td:
            delta.append(0.0)
            out_w.append(8.0 * trunk_w[dummy_trunk[f - n]])
            continue
        delta.append(dsum[i] / wsum[i] if wsum[i] > 0 else 0.0)
        out_w.append((2.0 if fd or td else 1.0) * wmax[i])
    return delta, out_w


def edge_paths(n_edges, eidx, uid, a, b, x, y, heights, layer, band_top, band_bottom, tr, n, rev,
               off_a=None, off_b=None):
    """Two points per layer crossed: leave the source, pass each dummy's band, enter the target.
    ``off_a``/``off_b`` (per edge, oriented ends): where along its node the edge leaves/enters."""
    m = len(eidx)
    ea, eb = a[eidx], b[eidx]
    nd = np.maximum(layer[eb] - layer[ea] - 1, 0)
    npts = 4 + 2 * nd  # src bottom, src band bottom, (dummy top, dummy bottom)*, tgt band top, tgt top
    offs = np.zeros(n_edges + 1, np.int64)
    counts = np.zeros(n_edges, np.int64)
    counts[eidx] = npts
    np.cumsum(counts, out=offs[1:])
    pts = np.zeros((int(offs[-1]), 2))
    if m == 0:
        return pts, offs
    base = offs[eidx]
    xa = x[ea] + (off_a[eidx] if off_a is not None else 0.0)
    xb = x[eb] + (off_b[eidx] if off_b is not None else 0.0)
    pts[base, 0] = xa
    pts[base, 1] = y[ea] + heights[ea] / 2
    pts[base + 1, 0] = xa
    pts[base + 1, 1] = band_bottom[layer[ea]]
    end = base + npts
    pts[end - 2, 0] = xb
    pts[end - 2, 1] = band_top[layer[eb]]
    pts[end - 1, 0] = xb
    pts[end - 1, 1] = y[eb] - heights[eb] / 2
    if nd.sum():
        which = np.repeat(np.arange(m), nd)
        rank = np.arange(int(nd.sum())) - np.repeat(np.cumsum(nd) - nd, nd)
        dl = layer[ea][which] + 1 + rank
        t = tr.edge_trunk[uid][which]
        dummy = n + tr.start[t] + (dl - tr.lo[t])
        p = base[which] + 2 + 2 * rank
        pts[p, 0] = x[dummy]
        pts[p, 1] = band_top[dl]
        pts[p + 1, 0] = x[dummy]
        pts[p + 1, 1] = band_bottom[dl]
    # reversed edges: flip their point lists so every path runs from the real source to the target
    for i in np.flatnonzero(rev[eidx]).tolist():
        e = eidx[i]
        pts[offs[e]:offs[e + 1]] = pts[offs[e]:offs[e + 1]][::-1]
    return pts, offs
