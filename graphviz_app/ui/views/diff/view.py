"""Graph diff: two graphs side by side, their added (green), removed (red) and changed (amber)
nodes coloured, and a list that walks the changes (Previous / Next, F7 / Shift+F7).

What it compares: a tf.function of this run against the same function of the previous run
("what did my edit change?"), the traced graph against the one Grappler made of it (what TF
executes), or two graph files (File › Compare…). Nodes are matched by name, then by structure
(``core/rewrite/diff.py``).
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from graphviz_app.core.graph.model import GraphModel
from graphviz_app.core.rewrite.diff import diff_nodes
from graphviz_app.ui.graph import style as st
from graphviz_app.ui.views.base import AppContext, BaseView
from graphviz_app.ui.views.diff.change_list import ChangeList
from graphviz_app.ui.views.diff.changes import Change, changes_of, strip_shapes
from graphviz_app.ui.views.diff.files import FileDiff
from graphviz_app.ui.views.diff.side import DiffSide
from graphviz_app.ui.views.diff.style import COLOURS

MODES = (("previous", QT_TRANSLATE_NOOP("GraphDiffView", "This run vs the previous run")),
         ("optimized", QT_TRANSLATE_NOOP("GraphDiffView", "Traced vs optimized (Grappler)")),
         ("files", QT_TRANSLATE_NOOP("GraphDiffView", "Two graph files")))


class GraphDiffView(BaseView):
    view_name = "diff"
    title = QT_TRANSLATE_NOOP("ViewTitle", "Graph diff")
    order = 37

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.report = None
        self.previous: dict = {}  # function name -> FunctionInfo of the last run before this one
        self._latest: dict = {}  # ... of this run
        self._mode_chosen = False  # the user picked a mode: new runs keep it
        self._export_pending = False
        self._stale = True
        self.files = FileDiff(ctx.engine, self)
        self.diff: dict | None = None
        self._models: dict[tuple[str, int], tuple[object, GraphModel]] = {}  # (kind, id(record)) -> (record, graph)
        self._build()
        self._wire()
        if ctx.report is not None:
            self.set_report(ctx.report)

    def _build(self) -> None:
        self.mode = QComboBox(self)
        for key, text in MODES:
            self.mode.addItem(self.tr(text), key)
        self.function = QComboBox(self)
        self.function.setToolTip(self.tr("Which tf.function of the run to compare"))
        self.function.setMinimumContentsLength(12)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        legend = " ".join(f'<span style="color:{COLOURS[k].name()}">■</span> {text}' for k, text in (
            ("added", self.tr("added")), ("removed", self.tr("removed")), ("changed", self.tr("changed"))))
        self.legend = QLabel(legend, self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumSize(100, 14)
        self.progress.hide()
        self.previous_button = QToolButton(self)
        self.previous_button.setText(self.tr("◀ Previous"))
        self.previous_button.setToolTip(self.tr("The previous change (Shift+F7)"))
        self.next_button = QToolButton(self)
        self.next_button.setText(self.tr("Next ▶"))
        self.next_button.setToolTip(self.tr("The next change (F7)"))
        top = QHBoxLayout()
        top.setContentsMargins(6, 4, 6, 0)
        top.addWidget(QLabel(self.tr("Compare:"), self))
        for widget in (self.mode, self.function, self.progress):
            top.addWidget(widget)
        top.addWidget(self.summary, 1)
        for widget in (self.legend, self.previous_button, self.next_button):
            top.addWidget(widget)
        self.a = DiffSide(self.ctx.engine, self)
        self.b = DiffSide(self.ctx.engine, self)
        sides = QSplitter(Qt.Orientation.Horizontal, self)
        sides.addWidget(self.a)
        sides.addWidget(self.b)
        self.changes = ChangeList(self)
        self.body = QSplitter(Qt.Orientation.Vertical, self)
        self.body.addWidget(sides)
        self.body.addWidget(self.changes)
        self.body.setStretchFactor(0, 4)
        self.body.setStretchFactor(1, 1)
        self.body.setSizes([560, 170])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        lay.addLayout(top)
        lay.addWidget(self.body, 1)

    def _wire(self) -> None:
        self.mode.activated.connect(self._on_mode_chosen)
        self.function.currentIndexChanged.connect(lambda _i: self._refresh())
        self.next_button.clicked.connect(lambda: self.changes.step(1))
        self.previous_button.clicked.connect(lambda: self.changes.step(-1))
        self.changes.change_chosen.connect(self._on_change_chosen)
        for side in (self.a, self.b):
            side.shown.connect(self._after_side)
            side.node_clicked.connect(lambda name, s=side: self._on_node_clicked(s, name))
        self.files.finished.connect(self._refresh)
        self.files.busy_changed.connect(self.progress.setVisible)
        for keys, delta in (("F7", 1), ("Shift+F7", -1)):
            QShortcut(QKeySequence(keys), self, lambda d=delta: self.changes.step(d),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # ----- what to compare
    def set_report(self, report) -> None:
        functions = {f.name: f for f in getattr(report, "functions", None) or []} if report is not None else {}
        if functions:  # a run that failed keeps the last good one to compare against
            self.previous, self._latest = self._latest, functions
            alive = {id(f) for f in (*self.previous.values(), *self._latest.values())}
            self._models = {k: v for k, v in self._models.items() if k[1] in alive}
        self.report = report
        with QSignalBlocker(self.function):
            keep = self.function.currentText()
            self.function.clear()
            self.function.addItems(list(self._latest))
            self.function.setCurrentIndex(max(0, self.function.findText(keep)))
        if not self._mode_chosen and self.mode.currentData() != "files":
            self._set_mode("previous" if self._has_previous() else "optimized")
        self._refresh()

    def compare_sources(self, a: str, b: str) -> None:
        """Compare two graph files (File › Compare…): loaded in the engine, diffed off the GUI thread."""
        self._set_mode("files")
        self._mode_chosen = True
        self.files.compare(a, b)
        self._refresh()

    def _has_previous(self) -> bool:
        return self.function.currentText() in self.previous

    def _set_mode(self, key: str) -> None:
        with QSignalBlocker(self.mode):
            self.mode.setCurrentIndex(self.mode.findData(key))

    def _on_mode_chosen(self, _index: int) -> None:
        self._mode_chosen = True
        self._refresh()

    def _refresh(self) -> None:
        self._stale = True
        if self.isVisible() or self._export_pending:
            self._show()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._show()

    def _show(self) -> None:
        self._stale = False
        mode = self.mode.currentData()
        self.function.setVisible(mode != "files")
        name = self.function.currentText()
        info = self._latest.get(name)
        hint = ""
        if mode == "files":
            a, b, diff, hint = self.files.result()
            titles = (self.files.title(0), self.files.title(1))
        elif info is None:
            a = b = diff = None
            hint = self.tr("Run a snippet with a @tf.function, change it and run it again to see what "
                           "your edit changed; or use File › Compare… for two graph files.")
            titles = ("A", "B")
        elif mode == "previous":
            before = self.previous.get(name)
            a = self._traced(before) if before is not None else None
            b = self._traced(info)
            diff = diff_nodes(before.graph["nodes"], info.graph["nodes"]).to_dict() if before is not None else None
            hint = "" if before is not None else self.tr(
                "No previous run of %1 yet: edit the snippet and run it again.").replace("%1", name)
            titles = (self.tr("A: the previous run"), self.tr("B: this run"))
        else:
            optimized = (info.optimized or {}).get("nodes") or []
            a = self._traced(info)
            b = self._model("optimized", info, lambda: GraphModel.from_json_dict(
                {"name": name, "nodes": optimized})) if optimized else None
            diff = diff_nodes(strip_shapes(info.graph["nodes"]), strip_shapes(optimized)).to_dict() \
                if optimized else None
            hint = "" if optimized else str((info.optimized or {}).get("note") or self.tr("no optimized graph"))
            titles = (self.tr("A: traced"), self.tr("B: after Grappler (what TF executes)"))
        self.diff = diff
        steps = changes_of(diff, list(a.graph) if a is not None else [], list(b.graph) if b is not None else []) \
            if diff is not None else []
        for side, model, title, key in ((self.a, a, titles[0], "a"), (self.b, b, titles[1], "b")):
            count = self.tr(" (%1 ops)").replace("%1", str(len(model))) if model is not None else ""
            side.title.setText(title + count)
            side.show_graph(f"{key}:{mode}:{name}:{id(model)}", model, hint)
        self.changes.show_changes(steps)
        self._say_summary(steps, hint)
        self._colour(-1)

    def _traced(self, info) -> GraphModel:
        return self._model("traced", info, lambda: GraphModel.from_json_dict(dict(info.graph, name=info.name)))

    def _model(self, kind: str, record, build) -> GraphModel:
        """The graph of a run's function, built once while the run is kept (the side on display
        keeps its drawing when the same graph is shown again)."""
        kept = self._models.get((kind, id(record)))
        if kept is None or kept[0] is not record:
            kept = self._models[(kind, id(record))] = (record, build())
        return kept[1]

    def _say_summary(self, steps: list[Change], hint: str) -> None:
        if self.diff is None:
            self.summary.setText(hint if self.mode.currentData() == "files" else "")
            return
        if not steps:
            self.summary.setText(self.tr("The graphs are the same."))
            return
        counts = {k: sum(1 for s in steps if s.kind == k) for k in COLOURS}
        text = self.tr("1 change: %2 added, %3 removed, %4 changed") if len(steps) == 1 else \
            self.tr("%1 changes: %2 added, %3 removed, %4 changed")
        self.summary.setText(text.replace("%1", str(len(steps))).replace("%2", str(counts["added"]))
                             .replace("%3", str(counts["removed"])).replace("%4", str(counts["changed"])))

    # ----- colours and walking
    def _colour(self, current: int) -> None:
        a_colours, b_colours = {}, {}
        for index, change in enumerate(self.changes.changes):
            colour = COLOURS[change.kind] if index != current else st.SELECTED
            if change.a is not None:
                a_colours[change.a] = colour
            if change.b is not None:
                b_colours[change.b] = colour
        self.a.colour(a_colours)
        self.b.colour(b_colours)

    def _on_change_chosen(self, index: int) -> None:
        self._colour(index)
        if 0 <= index < len(self.changes.changes):
            change = self.changes.changes[index]
            self.a.bring_into_view(change.a)
            self.b.bring_into_view(change.b)

    def _on_node_clicked(self, side: DiffSide, name: str) -> None:
        key = "a" if side is self.a else "b"
        index = next((i for i, c in enumerate(self.changes.changes) if name and getattr(c, key) == name), -1)
        if index >= 0:
            self.changes.choose(index)

    # ----- export
    def _after_side(self) -> None:
        if self.is_ready():
            QTimer.singleShot(0, self._ready_if_done)

    def _ready_if_done(self) -> None:
        if self.files.busy() or self.a.is_busy() or self.b.is_busy():
            return
        if self._export_pending:
            self._export_pending = False
            self.a.fit_whole()
            self.b.fit_whole()
        self.ready.emit()

    def is_ready(self) -> bool:
        return not (self._export_pending or self.files.busy() or self.a.is_busy() or self.b.is_busy())

    def prepare_export(self, options: dict) -> None:
        """Both graphs fitted whole with their changes coloured."""
        self._export_pending = True
        if self._stale:
            self._show()
        QTimer.singleShot(0, self._ready_if_done)


VIEW = GraphDiffView
