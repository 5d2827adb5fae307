"""A graph's measured cost (``core/profile/graph_cost.GraphCost``) as colours, totals and words
on the graph view: which op or folded group took how much time, memory, FLOPs or parameters.

``CostData`` reads a GraphCost once per folding engine: per leaf of the engine the op's numbers,
and per group of its scope tree the sum over every op inside (one pass up the tree, so folded
groups, frames and virtual groups all get theirs; the same sums as
``graph_cost.totals_by_group`` with the layout's op -> visible item mapping). ``build`` turns it
into an ``Overlay`` for one layout: fills on a colour scale over the items on display (so the
scale always spans what the user sees), the totals of folded groups and frames as subtitles.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from graphviz_app.ui.common.formatting import fmt_bytes
from graphviz_app.ui.graph import style as st
from graphviz_app.ui.graph.overlay import Overlay

translate = QCoreApplication.translate  # lupdate reads translate("CostOverlay", "...")

# metric key -> the GraphCost op field it reads
FIELDS = {"time": "time_us", "memory": "bytes", "flops": "flops", "params": "params"}
METRICS = tuple(FIELDS)


def metric_name(metric: str) -> str:
    return {"time": translate("CostOverlay", "kernel time"), "memory": translate("CostOverlay", "memory"),
            "flops": translate("CostOverlay", "FLOPs"), "params": translate("CostOverlay", "parameters")}[metric]


def format_value(metric: str, value: float) -> str:
    """A number of METRIC in words a reader takes in at a glance (1.23 ms, 25.3 MFLOPs)."""
    if metric == "time":
        if value >= 999.5e3:
            return f"{value / 1e6:.2f} s"
        if value >= 999.5:
            return f"{_g3(value / 1e3)} ms"
        return f"{_g3(value)} µs"
    if metric == "memory":
        return fmt_bytes(int(value))
    text = _si(value)
    if metric == "flops":
        return translate("CostOverlay", "%1FLOPs").replace("%1", text + (" " if text[-1].isdigit() else ""))
    return translate("CostOverlay", "%1 params").replace("%1", text.replace(" ", ""))


def _si(value: float) -> str:
    for scale, prefix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= scale * 0.9995:
            return f"{_g3(value / scale)} {prefix}"
    return f"{value:.0f}"


def _g3(value: float) -> str:
    """Three significant digits, never in exponent form (999.7 -> "1000", not "1e+03")."""
    text = f"{value:.3g}"
    return f"{value:.0f}" if "e" in text else text


class CostData:
    """A GraphCost's numbers on the leaves and groups of one folding engine."""

    def __init__(self, cost, engine):
        self.cost, self.engine = cost, engine
        n = engine.n
        tree = engine.tree
        size = len(tree.parent)
        self.ops: dict[int, dict] = {}  # leaf -> the op's entry of the GraphCost
        self.values: dict[str, np.ndarray] = {m: np.zeros(size) for m in METRICS}
        index = engine.index
        for op in cost.ops:
            leaf = index.get(op["name"])
            if leaf is None:
                continue
            self.ops[leaf] = op
            for m, key in FIELDS.items():
                self.values[m][leaf] = op.get(key) or 0
        leaves = np.arange(n)
        parent = tree.parent[:n]
        for m in METRICS:  # each leaf into its group, then each group into its parent, bottom up
            v = self.values[m]
            np.add.at(v, parent[parent >= 0], v[leaves[parent >= 0]])
            for gid in reversed(tree.order):
                p = tree.parent[gid]
                if p >= 0:
                    v[p] += v[gid]
        self.total_kernel_us = float(cost.kernel_us or 0.0)

    def value(self, metric: str, item: int) -> float:
        return float(self.values[metric][item])

    def tooltip(self, item: int) -> str:
        """The numbers of an op (or the totals of a group) for the hover text."""
        lines = []
        op = self.ops.get(item) if item < self.engine.n else None
        if item < self.engine.n and op is None:
            return translate("CostOverlay", "not in the profile")
        time = self.value("time", item)
        share = f" ({time / self.total_kernel_us:.1%})" if self.total_kernel_us > 0 else ""
        lines.append(translate("CostOverlay", "kernel time: %1").replace("%1", format_value("time", time) + share))
        memory = format_value("memory", self.value("memory", item))
        lines.append(translate("CostOverlay", "memory: %1").replace("%1", memory))
        lines.append(translate("CostOverlay", "FLOPs: %1").replace("%1", f"{int(self.value('flops', item)):,}"))
        lines.append(translate("CostOverlay", "parameters: %1").replace("%1", f"{int(self.value('params', item)):,}"))
        if op is not None:
            if op.get("kernel") and op["kernel"] != op.get("op"):
                lines.append(translate("CostOverlay", "kernel: %1").replace("%1", op["kernel"]))
            if op.get("fused_into"):
                lines.append(translate("CostOverlay", "fused into %1").replace("%1", op["fused_into"]))
            if (op.get("runs") or 0) > 1:
                lines.append(translate("CostOverlay", "%1 kernel runs per call").replace("%1", str(op["runs"])))
        return "\n".join(lines)


@dataclass(frozen=True)
class CostScale:
    """Values LO..HI onto the overlay's colours (log: by orders of magnitude)."""

    metric: str
    lo: float
    hi: float
    log: bool

    def position(self, value: float) -> float | None:
        """Where VALUE sits on the scale, 0..1 (None: nothing to colour)."""
        if value <= 0 or self.hi <= 0:
            return None
        if self.log:
            if self.hi <= self.lo:
                return 1.0
            return min(1.0, max(0.0, (math.log(value) - math.log(self.lo)) / (math.log(self.hi) - math.log(self.lo))))
        return min(1.0, value / self.hi)

    def colour(self, value: float) -> QColor:
        t = self.position(value)
        if t is None:
            return st.NO_COST
        steps = st.cost_colours()
        return steps[round(t * (len(steps) - 1))]


def build(data: CostData, layout, metric: str, log: bool) -> tuple[Overlay, CostScale]:
    """The overlay of LAYOUT coloured by METRIC, and its scale (over the items on display)."""
    values = data.values[metric]
    shown = [b for b in layout.nodes if b.kind in ("node", "group")]
    v = values[[b.item for b in shown]] if shown else np.zeros(0)
    positive = v[v > 0]
    hi = float(positive.max()) if len(positive) else 0.0
    lo = float(positive.min()) if len(positive) and log else 0.0
    scale = CostScale(metric, lo, hi, log)
    overlay = Overlay()
    fm = st.metrics(False)
    second = "time" if metric != "time" else "flops"
    for b, value in zip(shown, v.tolist()):
        overlay.fills[b.item] = scale.colour(value)
        if b.kind == "group":
            text = format_value(metric, value)
            other = data.value(second, b.item)
            both = f"{text} · {format_value(second, other)}" if other > 0 else text
            overlay.subtitles[b.item] = both if fm.horizontalAdvance(both) <= b.w - 8 else text
    for b in layout.nodes:
        if b.kind == "box":
            overlay.subtitles[b.item] = format_value(metric, data.value(metric, b.item))
    return overlay, scale
