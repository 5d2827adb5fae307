"""Coordinates of a layered layout once its layers are ordered: x by a weighted least-squares fit
under separation constraints, and the gap between two layers as tall as its edges need.

Segments carry a *delta*: the two ends of an edge may be off their nodes' centres (the port of an
expanded group, a side input beside its consumer), so a segment ``f -> t`` is straight when
``x[t] == x[f] + delta``, not when the centres line up. Aligning ports instead of centres is what
keeps a chain of groups from zigzagging, and the zigzag is what made wide pictures.
"""
from __future__ import annotations

Adjacency = list[list[tuple[int, float, float]]]  # per node: (neighbour, weight, delta)


def pav(desired: list[float], weight: list[float], gaps: list[float]) -> list[float]:
    """Minimise sum w_i (x_i - d_i)^2 subject to x_{i+1} - x_i >= gap_i (pool adjacent violators)."""
    k = len(desired)
    offset = 0.0
    target = []
    for i in range(k):
        target.append(desired[i] - offset)
        if i < k - 1:
            offset += gaps[i]
    # blocks: [mean, total weight, count]
    means: list[float] = []
    wsum: list[float] = []
    counts: list[int] = []
    for t, w in zip(target, weight):
        m, ws, c = t, w, 1
        while means and means[-1] >= m:
            pw = wsum.pop()
            m = (means.pop() * pw + m * ws) / (pw + ws)
            ws += pw
            c += counts.pop()
        means.append(m)
        wsum.append(ws)
        counts.append(c)
    out = []
    offset = 0.0
    i = 0
    for m, c in zip(means, counts):
        for _ in range(c):
            out.append(m + offset)
            if i < k - 1:
                offset += gaps[i]
            i += 1
    return out


def assign_x(layers: list[list[int]], widths: list[float], ups: Adjacency, downs: Adjacency,
             node_sep: float, sweeps: int) -> list[float]:
    """x of every node: each layer packed, then sweeps pulling nodes towards their neighbours
    (through the segments' deltas) under the minimum separation, solved exactly per layer."""
    n_all = len(widths)
    x = [0.0] * n_all
    for nodes in layers:
        acc = 0.0
        for v in nodes:
            x[v] = acc + widths[v] / 2
            acc += widths[v] + node_sep
        shift = (acc - node_sep) / 2  # each layer centred on 0
        for v in nodes:
            x[v] -= shift
    weight = [max(sum(wt for _, wt, _ in ups[v]) + sum(wt for _, wt, _ in downs[v]), 0.5)
              for v in range(n_all)]
    gaps = [[(widths[p] + widths[q]) / 2 + node_sep for p, q in zip(nodes, nodes[1:])] for nodes in layers]
    n_layers = len(layers)
    for sweep in range(sweeps):
        mode = ("down", "up", "both")[sweep % 3] if sweep < sweeps - 1 else "both"
        before = x[:]
        rng = range(n_layers) if mode != "up" else range(n_layers - 1, -1, -1)
        use_up, use_down = mode in ("down", "both"), mode in ("up", "both")
        for lyr in rng:
            nodes = layers[lyr]
            desired = []
            for v in nodes:
                sw = sx = 0.0
                if use_up:
                    for u, wt, d in ups[v]:
                        sx += (x[u] + d) * wt
                        sw += wt
                if use_down:
                    for u, wt, d in downs[v]:
                        sx += (x[u] + d) * wt
                        sw += wt
                desired.append(sx / sw if sw > 0 else x[v])
            if len(nodes) == 1:
                x[nodes[0]] = desired[0]
                continue
            for v, xv in zip(nodes, pav(desired, [weight[v] for v in nodes], gaps[lyr])):
                x[v] = xv
        if sweep >= 2 and max(abs(p - q) for p, q in zip(before, x)) < 0.5:
            break  # settled
    return x


def layer_gaps(n_layers: int, layer_of: list[int], x: list[float], downs: Adjacency,
               min_sep: float, max_sep: float, slope: float = 0.15) -> list[float]:
    """The gap below each layer: ``min_sep`` where its edges run straight down, growing with the
    widest sideways step of an edge through it up to ``max_sep`` (curves need room to turn; a
    chain of small ops does not need 36 px between each pair)."""
    if min_sep >= max_sep:
        return [max_sep] * max(n_layers - 1, 0)
    step = [0.0] * n_layers
    for f, outs in enumerate(downs):
        if not outs:
            continue
        lf = layer_of[f]
        xf = x[f]
        for t, _, d in outs:
            if layer_of[t] != lf + 1:
                continue  # a pull between distant nodes, not a segment
            s = abs(x[t] + d - xf)  # d is the delta seen from f: straight when x[f] == x[t] + d
            if s > step[lf]:
                step[lf] = s
    return [min(max_sep, max(min_sep, min_sep + slope * s)) for s in step[:-1]]
