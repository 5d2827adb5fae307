"""The graph view's pictures and files: headless export (the whole graph or one group, expanded as
asked), File › Export, Save picture and the DOT / GraphML / JSON export (mixed into GraphView).

Every picture of the graph is written from the layout's ``Drawing`` (SVG, PDF, PNG: see
``picture_files.py``), never by rendering the scene. When the view is coloured by a cost metric,
so is the picture: the scene's fills and totals, the numbers in the tooltips and the colour bar
under the legend (``core/graph/picture_cost.py``); without colours the files are what the
command line writes. ``main.py export`` of a graph file does not
build the window at all: it lays the graph out with ``picture_options`` and ``apply_folding``,
the very steps the view takes, and writes the same files (``graphviz_app/cli/export_graph.py``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QFileDialog, QWidget

from graphviz_app.core.graph.layout_data import LayoutOptions
from graphviz_app.core.graph.picture import (
    Drawing,
    ScopeError,
    drawing_of,
    find_scope,
    group_title,
    show_scope,
)
from graphviz_app.core.graph.picture_cost import CostKey, PictureOverlay
from graphviz_app.ui.common.core_text import layout_subtitle
from graphviz_app.ui.common.rendering import PictureFiles
from graphviz_app.ui.graph import style as st
from graphviz_app.ui.graph.cost_legend import CostLegend
from graphviz_app.ui.graph.items import DARK_FILL, luminance
from graphviz_app.ui.graph.overlay import Overlay
from graphviz_app.ui.views.graph.painter import KeyPainter
from graphviz_app.ui.views.graph.picture import GraphPicture
from graphviz_app.ui.views.graph.picture_files import write_picture

translate = QCoreApplication.translate  # the strings stay in GraphView's context


def legend_names() -> dict[str, str]:
    """The legend's words in the UI language (the graph view's legend says the same)."""
    return {"input": translate("GraphLegend", "input"), "variable": translate("GraphLegend", "variable"),
            "const": translate("GraphLegend", "constant"), "op": translate("GraphLegend", "op"),
            "output": translate("GraphLegend", "output"), "gradient": translate("GraphLegend", "gradient op"),
            "group": translate("GraphLegend", "folded scope"), "data": translate("GraphLegend", "tensor"),
            "control": translate("GraphLegend", "control dependency"),
            "saved": translate("GraphLegend", "saved for backward")}


def picture_options() -> LayoutOptions:
    """The layout options a graph gets when the view first shows it."""
    return LayoutOptions(text_width=st.TextMeasure())


def apply_folding(engine, expand: str | None, scope: str | None) -> int | None:
    """Fold ENGINE for a picture: every group open (``expand == "all"``), or as it is; with a
    SCOPE, that group open (and all inside it with "all"). Returns the scope's group id; raises
    ScopeError when SCOPE names no group or several."""
    if scope:
        gid = find_scope(engine.tree, scope)
        show_scope(engine, gid, expand == "all")
        return gid
    if expand == "all":
        engine.expand_all()
    return None


def picture_of(session, scope: int | None = None, overlay: PictureOverlay | None = None) -> Drawing:
    """The drawing of SESSION's current layout (cropped to group SCOPE), with a cost OVERLAY."""
    engine = session.engine
    return drawing_of(engine, session.layout, scope, names=legend_names(), subtitle_text=layout_subtitle,
                      title=group_title(engine, scope), overlay=overlay)


def picture_overlay(overlay: Overlay | None, legend: CostLegend,
                    tooltip: Callable[[int], str] | None = None) -> tuple[PictureOverlay | None, KeyPainter | None]:
    """A scene's cost OVERLAY as a picture's (fills as hex, the dark ones marked for light text,
    totals, TOOLTIP's numbers per item) and the painter of the colour bar LEGEND as it is now
    (a copy: the view may change metric before a picture made now is painted)."""
    if overlay is None or not (overlay.fills or overlay.subtitles):
        return None, None
    names: dict[int, tuple[str, bool]] = {}  # a scale has a few dozen colours
    for colour in overlay.fills.values():
        if colour.rgba() not in names:
            names[colour.rgba()] = (colour.name(), luminance(colour) < DARK_FILL)
    fills = {item: names[c.rgba()] for item, c in overlay.fills.items()}
    tips = {}
    if tooltip is not None:
        tips = {item: tooltip(item) for item in (*overlay.fills, *overlay.subtitles)}
    picture = PictureOverlay({item: hexa for item, (hexa, _) in fills.items()},
                             {item for item, (_, dark) in fills.items() if dark}, dict(overlay.subtitles),
                             {item: tip for item, tip in tips.items() if tip})
    if legend.scale is None:
        return picture, None
    picture.key = CostKey(legend.texts(), [c.name() for c in st.cost_colours()], st.NO_COST.name())
    frozen = CostLegend()
    frozen.scale = legend.scale  # set_scale would show it: a top-level window
    return picture, frozen.paint


class GraphExport:
    # ----- export
    def prepare_export(self, options: dict) -> None:
        """Headless export: fold as asked (``expand``, ``scope``), then draw the whole graph or
        that group. A graph still being laid out is exported when it is ready."""
        self._export_pending = dict(options)
        if self._deferred:
            self._show_session(self._wanted, now=True)
        if not self.pane.is_preparing():
            self._finish_export()

    def _finish_export(self) -> None:
        options, self._export_pending = self._export_pending or {}, None
        self.export_problem: ScopeError | None = None
        if self.session is not None:
            try:
                scope = apply_folding(self.session.engine, options.get("expand"), options.get("scope"))
            except ScopeError as e:  # the caller says so (main.py export: exit 2)
                self.export_problem = e
                scope = None
            self.pane.exporting = True
            try:
                self._relayout(fit=True)  # the view shows what the picture shows
            finally:
                self.pane.exporting = False
            if self._export_snapshot is not None:
                self._export_snapshot.deleteLater()
            # a top-level widget (it must not sit in this view's layout): it goes with the view
            self._export_snapshot = GraphPicture(*self._picture(scope))
            self.destroyed.connect(self._export_snapshot.deleteLater)
        QTimer.singleShot(0, self.ready.emit)

    def export_widget(self) -> QWidget:
        """After ``prepare_export``, the whole picture; else the canvas, whose pixels Copy Image
        takes, while File › Export writes the whole graph as it is folded now."""
        if self._export_snapshot is not None:
            return self._export_snapshot
        self.canvas.picture_writer = self.write_whole_picture
        return self.canvas

    def write_whole_picture(self, path: str | Path, scale: float = 1.0) -> PictureFiles:
        """The whole graph as it is folded now, as SVG, PDF or PNG (overview and tiles if huge)."""
        if self.session is None or self.session.layout is None:
            from graphviz_app.ui.common.rendering import save_pixels

            return save_pixels(self.canvas, path, scale)  # the hint the canvas shows
        drawing, key = self._picture()
        return write_picture(drawing, path, scale, key)

    def _picture(self, scope: int | None = None) -> tuple[Drawing, KeyPainter | None]:
        """The drawing of the graph on display (or of group SCOPE) with the cost colours the view
        shows, and the painter of their colour bar."""
        overlay = self.scene.overlay if self.scene.layout is self.session.layout else None
        cost, key = picture_overlay(overlay, self.pane.cost_legend, self.cost_tooltip)
        return picture_of(self.session, scope, cost), key

    def _export_dialog(self, kind: str) -> None:
        if self.session is None:
            return
        base = Path(self.session.key.partition(":")[2]).stem or "graph"
        if kind in ("image", "visible"):
            path, _ = QFileDialog.getSaveFileName(self, translate("GraphView", "Save picture"), f"{base}.svg",
                                                  "SVG (*.svg);;PDF (*.pdf);;PNG (*.png)")
            if path:
                from graphviz_app.ui.common.rendering import ExportError

                try:
                    self.save_picture(path, whole=kind == "image")
                except ExportError:
                    pass  # save_picture put the message on the view
            return
        path, _ = QFileDialog.getSaveFileName(self, translate("GraphView", "Save graph"), f"{base}{kind}", f"*{kind}")
        if path:
            from graphviz_app.core.graph.export import export_graph

            try:
                export_graph(self.session.engine.model, path)
            except (OSError, ValueError) as e:
                self._set_message(str(e), error=True)

    def save_picture(self, path: str, whole: bool = True) -> Path:
        """SVG, PDF or PNG of the whole graph (PNG: overview and tiles when it is huge) or of
        what the view shows."""
        from graphviz_app.ui.common.rendering import ExportError, check_output_path, save_pixels

        try:
            target = check_output_path(path)
            written = self.write_whole_picture(target) if whole else save_pixels(self.canvas, target)
        except ExportError as e:
            self._set_message(str(e), error=True)
            raise
        return written.path
