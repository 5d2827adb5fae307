"""Linked selection across the three columns: a node clicked in one lights up what it stands for
in the others (a fused node's parts in the traced graph, a traced node's fusion), and a line of
the pass summary lights up the nodes it names. Says in words what is lit."""
from __future__ import annotations

from PySide6.QtCore import QObject

from graphviz_app.ui.graph import style as st
from graphviz_app.ui.views.what_runs.links import Links, PassStep, ops_summary

NAMED = 6  # names said in full; the rest are counted


class LinkedSelection(QObject):
    def __init__(self, traced, grappler, xla, detail):
        super().__init__(detail)
        self.traced, self.grappler, self.xla, self.detail = traced, grappler, xla, detail
        self.optimized = Links()  # traced <-> Grappler's graph
        self.compiled = Links()  # traced <-> XLA's kernels
        self.clicked: tuple[object, str] | None = None  # (column, node name) chosen last
        self.step: PassStep | None = None

    def set_links(self, optimized: Links, compiled: Links) -> None:
        self.optimized, self.compiled = optimized, compiled
        self.reapply()

    def reset(self) -> None:
        self.clicked, self.step = None, None
        self.detail.setText("")

    def reapply(self) -> None:
        """Show the choice again (the columns were drawn anew)."""
        if self.step is not None:
            self.show_step(self.step)
        elif self.clicked is not None:
            self.click(*self.clicked)
        else:
            self._mark({}, {}, {})

    # ----- choices
    def click(self, column, name: str) -> None:
        if not name:
            self.clicked, self.step = None, None
            self._mark({}, {}, {})
            self.detail.setText("")
            return
        self.clicked, self.step = (column, name), None
        if column is self.traced:
            grappler = self.optimized.became.get(name, [])
            xla = self.compiled.became.get(name, [])
            self._mark({name: st.SELECTED}, dict.fromkeys(grappler, st.HIGHLIGHT), dict.fromkeys(xla, st.HIGHLIGHT))
            self.detail.setText(self._traced_text(name, grappler, xla))
            return
        links = self.optimized if column is self.grappler else self.compiled
        other = self.compiled if column is self.grappler else self.optimized
        parts = links.came_from.get(name, [])
        across = [n for p in parts for n in other.became.get(p, [])]
        traced = dict.fromkeys(parts, st.HIGHLIGHT)
        if column is self.grappler:
            self._mark(traced, {name: st.SELECTED}, dict.fromkeys(across, st.HIGHLIGHT))
        else:
            self._mark(traced, dict.fromkeys(across, st.HIGHLIGHT), {name: st.SELECTED})
        self.detail.setText(self._rewritten_text(column, name, parts))

    def show_step(self, step: PassStep | None) -> None:
        if step is None:
            self.step = None
            self.reapply()
            return
        self.step, self.clicked = step, None
        made = dict.fromkeys(step.rewritten, st.SELECTED)
        traced = dict.fromkeys(step.traced, st.HIGHLIGHT)
        if step.section == "xla":
            self._mark(traced, {}, made)
        else:
            self._mark(traced, made, {})
        column = self.xla if step.section == "xla" else self.grappler
        now = self.names([f"{self._op(column, n)} '{n}'" for n in step.rewritten])
        self.detail.setText(self.tr("Traced: %1").replace("%1", self.names(step.traced) or "–") + "\n"
                            + ((self.tr("XLA runs: %1") if step.section == "xla" else self.tr("TF executes: %1"))
                               .replace("%1", now) if now else self.tr("TF does not execute them")))

    def names(self, names: list[str]) -> str:
        """'a, b, c' or, for many, the first NAMED and how many more."""
        shown = ", ".join(names[:NAMED])
        return shown if len(names) <= NAMED else self.tr("%1 and %2 more").replace("%1", shown) \
            .replace("%2", str(len(names) - NAMED))

    def _mark(self, traced: dict, grappler: dict, xla: dict) -> None:
        self.traced.mark(traced)
        self.grappler.mark(grappler)
        self.xla.mark(xla)

    # ----- words
    def _op(self, column, name: str) -> str:
        session = column.session
        if session is None or name not in session.model.graph:
            return ""
        return session.model.graph.nodes[name].get("op", "")

    def _traced_text(self, name: str, grappler: list[str], xla: list[str]) -> str:
        text = self.tr("%1 '%2' (traced)").replace("%1", self._op(self.traced, name)).replace("%2", name)
        if grappler:
            runs = self.names([f"{self._op(self.grappler, g)} '{g}'" for g in grappler])
            text += "\n" + self.tr("TF executes it as: %1").replace("%1", runs)
        elif self.grappler.session is not None:
            text += "\n" + self.tr("Grappler removed it: TF does not execute it")
        if xla:
            text += "\n" + self.tr("XLA runs it inside: %1").replace("%1", self.names(xla))
        return text

    def _rewritten_text(self, column, name: str, parts: list[str]) -> str:
        op = self._op(column, name)
        text = f"{op} '{name}'"
        if parts:
            ops = ops_summary([self._op(self.traced, p) or p for p in parts])
            text += "\n" + self.tr("came from %1 traced op(s): %2").replace("%1", str(len(parts))) \
                .replace("%2", self.names(parts))
            if len(parts) > 1:
                text += "\n" + self.tr("%1 → %2, one kernel").replace("%1", ops).replace("%2", op)
        else:
            text += "\n" + self.tr("no traced node: made by the rewrite")
        return text
