"""Cutting one level of a graph into consecutive stages along the data flow.

A level is a handful to a few thousand items (ops or whole groups) and the edges between them.
Any interval of one topological order is convex: no path leaves it and comes back, because every
edge runs forward in the order. So the level is put in one order that keeps blocks whole, and
cut into intervals. The order is a depth-first post-order from the sinks in which each item's
producers are visited deepest first: the long chain that feeds an item comes out before the short
side branches, and a side branch comes out just before its first consumer, so a block (a ResNet
block, an Inception module, a NASNet cell with the adjustment of its second input) comes out in
one piece. The *cut width* at a boundary is the number of tensors that cross it (items before it
whose outputs are still used after it); blocks meet where the width is lowest. Each boundary gets
a strength: its width, then the number of leading name tokens the items on its two sides share
(``conv2_block1_out | conv2_block2_1_conv`` share ``conv 2 block``, ``conv2_block3_out |
conv3_block1_1_conv`` only ``conv``), lower is a stronger boundary. The level is cut at every
boundary at least as strong as the weakest strength that leaves no stage holding more than
two thirds of the ops (cutting less would only peel a stem off one huge stage). Short runs of
single items between two blocks are the next block's prologue and join it; a longer run of single
items (a stem, a plain chain) becomes one stage. When there are still too many stages, ``chunk``
groups consecutive ones into balanced super-stages, cut at the strongest boundaries near the
balanced positions.
"""
from __future__ import annotations

import math
import re

import numpy as np

DOMINANT = 2 / 3  # a cut that leaves one stage with more of the ops than this is too shallow
ATTACH_MAX = 3  # single items between two blocks, at most this many, join a block
CHAIN_MIN = 4  # at least this many single items in a row make one stage of their own
_TOKENS = re.compile(r"[a-z]+|[0-9]+")


def name_tokens(name: str) -> list[str]:
    """'conv2_block1_out' -> ['conv', '2', 'block', '1', 'out']."""
    return _TOKENS.findall(name.lower())


def _common_prefix(a: list[str], b: list[str]) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _depths(k: int, preds: list[list[int]], succs: list[list[int]]) -> list[int]:
    """Longest path from a source; a node on a cycle is taken as if its open inputs were done."""
    indeg = [len(p) for p in preds]
    depth = [0] * k
    done = [False] * k
    ready = [v for v in range(k) if indeg[v] == 0]
    count, forced = 0, 0
    while count < k:
        if not ready:
            while done[forced]:
                forced += 1
            ready.append(forced)
        v = ready.pop()
        if done[v]:
            continue
        done[v] = True
        count += 1
        dv = depth[v] + 1
        for w in succs[v]:
            if done[w]:
                continue
            if depth[w] < dv:
                depth[w] = dv
            indeg[w] -= 1
            if indeg[w] == 0:
                ready.append(w)
    return depth


def flow_order(k: int, qa: list[int], qb: list[int]) -> list[int]:
    """Items 0..k-1 in data-flow order (edges qa[i] -> qb[i]), blocks kept whole (see above)."""
    preds: list[list[int]] = [[] for _ in range(k)]
    succs: list[list[int]] = [[] for _ in range(k)]
    for a, b in zip(qa, qb):
        preds[b].append(a)
        succs[a].append(b)
    depth = _depths(k, preds, succs)
    for p in preds:
        if len(p) > 1:
            p.sort(key=lambda v: (-depth[v], v))
    by_depth = sorted(range(k), key=lambda v: (depth[v], v))
    roots = [v for v in by_depth if not succs[v]] + by_depth  # sinks first, then what cycles hide
    state = [False] * k
    order: list[int] = []
    for r in roots:
        if state[r]:
            continue
        state[r] = True
        stack = [(r, 0)]
        while stack:
            v, i = stack[-1]
            pv = preds[v]
            while i < len(pv) and state[pv[i]]:
                i += 1
            if i < len(pv):
                stack[-1] = (v, i + 1)
                state[pv[i]] = True
                stack.append((pv[i], 0))
            else:
                stack.pop()
                order.append(v)
    return order


def boundary_strength(order: list[int], qa: np.ndarray, qb: np.ndarray,
                      tokens: list[list[str]]) -> np.ndarray:
    """strength[p] of the boundary before position p (p >= 1; lower is stronger):
    cut width * 64 + shared leading name tokens of the items at p - 1 and p."""
    k = len(order)
    pos = np.empty(k, np.int64)
    pos[np.asarray(order, np.int64)] = np.arange(k)
    pa, pb = pos[qa], pos[qb]
    fwd = pb > pa
    last = pos.copy()
    np.maximum.at(last, qa[fwd], pb[fwd])  # last position that reads each item's output
    diff = np.zeros(k + 1, np.int64)
    alive = last > pos
    np.add.at(diff, pos[alive] + 1, 1)
    np.add.at(diff, last[alive] + 1, -1)
    width = np.cumsum(diff)[:k]
    affinity = np.zeros(k, np.int64)
    for p in range(1, k):
        affinity[p] = min(_common_prefix(tokens[order[p - 1]], tokens[order[p]]), 63)
    return width * 64 + affinity


def _bounds(cut: np.ndarray, k: int) -> np.ndarray:
    return np.concatenate([[0], np.flatnonzero(cut) + 1, [k]]).astype(np.int64)


def stages(strength: np.ndarray, weight: np.ndarray, tokens: list[list[str]]) -> list[tuple[int, int]]:
    """Cut a level (in flow order: strength[p] before position p, weight and tokens per position)
    into stages [lo, hi)."""
    k = len(weight)
    if k <= 1:
        return [(0, k)]
    cum = np.concatenate([[0.0], np.cumsum(weight, dtype=float)])
    limit = DOMINANT * cum[-1]
    inner = strength[1:]
    levels = np.unique(inner)
    lo, hi = 0, len(levels) - 1  # the heaviest stage shrinks as the threshold rises: bisect
    while lo < hi:
        mid = (lo + hi) // 2
        b = _bounds(inner <= levels[mid], k)
        if (cum[b[1:]] - cum[b[:-1]]).max() <= limit:
            hi = mid
        else:
            lo = mid + 1
    b = _bounds(inner <= levels[lo], k).tolist()
    return _tidy_singles(list(zip(b[:-1], b[1:])), tokens)


def _tidy_singles(segs: list[tuple[int, int]], tokens: list[list[str]]) -> list[tuple[int, int]]:
    """Short pieces (at most ``ATTACH_MAX`` items in all) between two blocks are the prologue of
    the next block (its input's activation and projection) and join it, or join the previous
    block if their names share more with it; unless their names say they are a layer of their
    own ('pool1_pad', 'pool1_pool'). A longer run of small pieces (a stem, a plain chain) becomes
    one stage."""
    out: list[tuple[int, int]] = []
    i, m = 0, len(segs)
    while i < m:
        if segs[i][1] - segs[i][0] > ATTACH_MAX:
            out.append(segs[i])
            i += 1
            continue
        j = i
        while j < m and segs[j][1] - segs[j][0] <= ATTACH_MAX:
            j += 1
        lo, hi = segs[i][0], segs[j - 1][1]
        if i > 0 and j < m and hi - lo <= ATTACH_MAX and not _named(tokens[lo:hi]):
            back = _common_prefix(tokens[lo - 1], tokens[lo])
            ahead = _common_prefix(tokens[hi - 1], tokens[hi])
            if back > ahead:
                out[-1] = (out[-1][0], hi)
            else:
                segs[j] = (lo, segs[j][1])
        elif hi - lo >= CHAIN_MIN and j - i > 1 and not (i == 0 and j == m):
            out.append((lo, hi))
        else:
            out.extend(segs[i:j])
        i = j
    return out


def _named(tokens: list[list[str]]) -> bool:
    """Several items whose names start alike: a layer of its own."""
    return len(tokens) > 1 and all(t[:1] == tokens[0][:1] and t for t in tokens)


def chunk(weight: list[float], strength: list[int], limit: int) -> list[tuple[int, int]]:
    """Group m consecutive items into at most ``limit`` intervals of about equal weight, cut at
    the strongest boundaries near the balanced positions (strength[j]: boundary before item j)."""
    m = len(weight)
    if m <= limit:
        return [(0, m)]
    parts = min(limit, max(2, math.ceil(math.sqrt(m))))
    cum = np.concatenate([[0.0], np.cumsum(weight, dtype=float)])
    step = cum[-1] / parts
    cuts = [0]
    for j in range(1, parts):
        target = j * step
        first = cuts[-1] + 1
        if first >= m:
            break
        cand = np.arange(first, m)
        off = np.abs(cum[cand] - target)
        near = cand[off <= 0.4 * step]
        if len(near):
            s = np.asarray([strength[b] for b in near.tolist()])
            best = near[np.lexsort((np.abs(cum[near] - target), s))[0]]
        else:
            best = cand[int(np.argmin(off))]
        cuts.append(int(best))
    cuts.append(m)
    return [(a, b) for a, b in zip(cuts[:-1], cuts[1:]) if b > a]
