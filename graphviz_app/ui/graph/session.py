"""One graph on display: its model, folding engine, current layout, and what a run knew about it.

Kept apart from the widget so it can be laid out on the background thread and tested without
a window.
"""
from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication

from graphviz_app.core.graph.layout import GraphLayoutEngine
from graphviz_app.core.graph.layout_data import Layout, LayoutOptions, no_gc
from graphviz_app.core.graph.model import GraphModel

translate = QCoreApplication.translate  # lupdate reads translate("GraphSession", "...")


class GraphSession:
    """A graph to show. The model may be built lazily (``build``), and ``prepare`` (model, folding
    engine, first layout; core-only work) may run on the background thread: a session of a big run
    costs the GUI thread nothing until its layout is ready."""

    def __init__(self, key: str, model: GraphModel | None = None, report=None, build=None,
                 size_hint: int = 0):
        self.key = key
        self._model = model
        self._build = build
        self.size_hint = size_hint or (len(model) if model is not None else 0)
        self.report = report
        self.engine: GraphLayoutEngine | None = None
        self.layout: Layout | None = None
        self._values_cache: dict | None = None
        self.cost = None  # its GraphCost, once profiled (core/profile/graph_cost.py)

    @property
    def model(self) -> GraphModel:
        if self._model is None:
            self._model = self._build()
            self._build = None
        return self._model

    @classmethod
    def from_function(cls, key: str, info, model: GraphModel | None, report) -> "GraphSession":
        if model is not None:
            return cls(key, model, report)
        graph = dict(info.graph, name=info.name)
        return cls(key, None, report, build=lambda: GraphModel.from_json_dict(graph),
                   size_hint=len(graph.get("nodes") or []))

    @classmethod
    def from_eager_run(cls, key: str, report) -> "GraphSession":
        def build() -> GraphModel:
            lines = {c.line for t in (report.tapes or []) for c in (t.gradients or []) if c.line}
            return GraphModel.from_eager_ops(report.eager_ops, lines)

        # each op and about one constant input in three: what the model will hold
        return cls(key, None, report, build=build, size_hint=len(report.eager_ops) * 4 // 3)

    @property
    def prepared(self) -> bool:
        return self.engine is not None and self.layout is not None

    def prepare(self, options: LayoutOptions) -> "GraphSession":
        """Model, folding engine and layout: pure data, safe on the background thread."""
        with no_gc():  # tens of thousands of small objects: no collections halfway (see no_gc)
            self.ensure_engine(options)
            if self.layout is None:
                self.layout = self.engine.layout()
            self._eager_values_cached()
        return self

    def ensure_engine(self, options: LayoutOptions) -> None:
        if self.engine is None:
            self.engine = GraphLayoutEngine(self.model, options)

    def rebuild_engine(self, options: LayoutOptions) -> None:
        """New layout options, same folding."""
        expanded = set(self.engine.expanded) if self.engine is not None else None
        self.engine = GraphLayoutEngine(self.model, options)
        if expanded is not None:
            self.engine.expanded = expanded & set(self.engine.tree.groups)
            self.engine._cache.clear()

    # ----- questions the view asks
    @staticmethod
    def _eager_values(report) -> dict[tuple[str, str], object]:
        values = {}
        for op in getattr(report, "eager_ops", None) or []:
            if op.label and op.outputs:
                values[(op.label, op.op)] = op.outputs[0].value
        return values

    def _eager_values_cached(self) -> dict:
        if self._values_cache is None:
            self._values_cache = self._eager_values(self.report)
        return self._values_cache

    def value_of(self, name: str):
        a = self.model.graph.nodes[name]
        if a.get("values"):
            return a["values"][0]
        if a.get("label"):
            return self._eager_values_cached().get((a["label"], a.get("op")))
        return None

    def leaves_of(self, item: int) -> list[int]:
        engine = self.engine
        if item < engine.n:
            return [item]
        out, stack = [], [item]
        while stack:
            g = stack.pop()
            for c in engine.tree.groups[g].children:
                (out.append(c) if c < engine.n else stack.append(c))
        return out

    def lineage(self, leaves: list[int], ancestors: bool) -> set[int]:
        """Every op the LEAVES depend on (or that depends on them), the leaves left out: one walk
        from all of them at once (a group of thousands of ops is one question, not thousands)."""
        g, names, index = self.model.graph, self.engine.names, self.engine.index
        step = g.predecessors if ancestors else g.successors
        found: set[str] = set()
        stack = [names[leaf] for leaf in leaves]
        while stack:
            for v in step(stack.pop()):
                if v not in found:
                    found.add(v)
                    stack.append(v)
        return {index[n] for n in found} - set(leaves)

    def search(self, text: str) -> list[int]:
        """Leaves whose name, op or label contains text (case-insensitive), then groups by title."""
        text = text.strip().lower()
        if not text:
            return []
        engine = self.engine
        hits = [i for i, (name, a) in enumerate(zip(engine.names, engine._attrs))
                if text in name.lower() or text in (a.get("op") or "").lower()
                or text in (a.get("label") or "").lower()]
        return hits

    def tooltip(self, item: int) -> str:
        engine = self.engine
        if item >= engine.n:
            g = engine.tree.groups[item]
            tip = (translate("GraphSession", "%1 ops (open; double-click to fold)") if engine.is_expanded(item)
                   else translate("GraphSession", "%1 ops (folded; double-click to open)"))
            return f"{g.name}\n" + tip.replace("%1", str(g.leaf_count))
        name = engine.names[item]
        d = self.model.node_details(name)
        lines = [f"{d['label']} = {d['op']}" if d.get("label") else d["op"], name]
        types = [o["type"] for o in d["outputs"] if o["type"]]
        if types:
            lines.append("→ " + ", ".join(types))
        value = self.value_of(name)
        if value is not None:
            text = json.dumps(value) if not isinstance(value, str) else value
            lines.append(translate("GraphSession", "value: %1").replace(
                "%1", text if len(text) < 200 else text[:200] + "…"))
        if d.get("line"):
            lines.append(translate("GraphSession", "line %1").replace("%1", str(d["line"])))
        return "\n".join(lines)


def prepare_session_job(ctx, session: GraphSession, options: LayoutOptions) -> GraphSession:
    """Background-thread job: build a run's graph and lay it out (no TensorFlow, no Qt)."""
    ctx.check()
    return session.prepare(options)
