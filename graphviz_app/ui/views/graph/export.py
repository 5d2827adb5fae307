"""The graph view's pictures and files: headless export (the whole graph, expanded as asked, at
1:1 for SVG), File › Save picture and the DOT / GraphML / JSON export (mixed into GraphView)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QFileDialog, QWidget

from graphviz_app.ui.graph.snapshot import GraphSnapshot, save_scene

translate = QCoreApplication.translate  # the strings stay in GraphView's context


class GraphExport:
    # ----- export
    def prepare_export(self, options: dict) -> None:
        """Headless export: expand as asked, then export the whole graph at 1:1 (SVG) or fitted.
        A graph still being laid out is exported when it is ready."""
        self._export_pending = dict(options)
        if self._deferred:
            self._show_session(self._wanted, now=True)
        if not self.pane.is_preparing():
            self._finish_export()

    def _finish_export(self) -> None:
        options, self._export_pending = self._export_pending or {}, None
        if self.session is not None:
            if options.get("expand") == "all":
                self.session.engine.expand_all()
            self.pane.exporting = True
            try:
                self._relayout(fit=True)
            finally:
                self.pane.exporting = False
            fmt = str(options.get("format") or Path(str(options.get("output") or "")).suffix or "png")
            fmt = fmt.lstrip(".").lower()
            if self._export_snapshot is not None:
                self._export_snapshot.deleteLater()
            # a top-level widget (it must not sit in this view's layout): it goes with the view
            self._export_snapshot = GraphSnapshot(self.scene, vector=fmt == "svg", legend=self.pane.legend)
            self.destroyed.connect(self._export_snapshot.deleteLater)
        QTimer.singleShot(0, self.ready.emit)

    def export_widget(self) -> QWidget:
        return self._export_snapshot if self._export_snapshot is not None else self.canvas

    def _export_dialog(self, kind: str) -> None:
        if self.session is None:
            return
        base = Path(self.session.key.partition(":")[2]).stem or "graph"
        if kind in ("image", "visible"):
            path, _ = QFileDialog.getSaveFileName(self, translate("GraphView", "Save picture"), f"{base}.svg",
                                                  "SVG (*.svg);;PNG (*.png)")
            if path:
                self.save_picture(path, whole=kind == "image")
            return
        path, _ = QFileDialog.getSaveFileName(self, translate("GraphView", "Save graph"), f"{base}{kind}", f"*{kind}")
        if path:
            from graphviz_app.core.graph.export import export_graph

            try:
                export_graph(self.session.engine.model, path)
            except (OSError, ValueError) as e:
                self._set_message(str(e), error=True)

    def save_picture(self, path: str, whole: bool = True) -> Path:
        """PNG or SVG of the whole graph (1:1, capped for PNG) or of what the view shows."""
        if whole:
            return save_scene(self.scene, path, legend=self.pane.legend)
        from graphviz_app.ui.common.rendering import save_widget

        return save_widget(self.canvas, path)
