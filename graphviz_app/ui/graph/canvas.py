"""The zoomable, pannable view of the graph scene: wheel and pinch zoom, drag to pan, F to fit."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QToolTip

MIN_SCALE, MAX_SCALE = 0.002, 4.0


class GraphCanvas(QGraphicsView):
    scale_changed = Signal(float)
    item_clicked = Signal(int)  # -1: background
    item_double_clicked = Signal(int)
    item_hovered = Signal(int)  # the item under the mouse changed; -1: none
    viewport_moved = Signal()
    resized = Signal()

    def __init__(self, scene, parent=None):
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState
                                  | QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.tooltip_for = lambda item_id: ""  # set by the view
        self.detail_scene = scene
        self._press = None
        self._hovered = -1
        self.viewport().setMouseTracking(True)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.viewport_moved.emit())
        self.verticalScrollBar().valueChanged.connect(lambda _v: self.viewport_moved.emit())

    def _follow_scale(self) -> None:
        """Show the detail scene or its overview, whichever suits the scale; keep the centre."""
        want = self.detail_scene.scene_for_scale(self.current_scale())
        if want is not self.scene():
            centre = self.mapToScene(self.viewport().rect().center())
            self.setScene(want)
            self.centerOn(centre)

    # ----- zoom
    def current_scale(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        s = self.current_scale()
        factor = max(MIN_SCALE / s, min(MAX_SCALE / s, factor))
        if anchor is not None:
            old = self.transformationAnchor()
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
            before = self.mapToScene(anchor.toPoint())
            self.scale(factor, factor)
            after = self.mapToScene(anchor.toPoint())
            d = after - before
            self.translate(d.x(), d.y())
            self.setTransformationAnchor(old)
        else:
            self.scale(factor, factor)
        self.scale_changed.emit(self.current_scale())
        self._follow_scale()
        self.viewport_moved.emit()

    def set_zoom(self, scale: float) -> None:
        self.zoom_by(scale / self.current_scale())

    def fit(self, rect: QRectF | None = None) -> None:
        if rect is None:
            rect = self.detail_scene.sceneRect()
        if rect.isEmpty():
            return
        self.fitInView(rect.adjusted(-10, -10, 10, 10), Qt.AspectRatioMode.KeepAspectRatio)
        if self.current_scale() > 1.0:  # small graphs: 1:1, centred, never blown up
            self.resetTransform()
            self.centerOn(rect.center())
        self.scale_changed.emit(self.current_scale())
        self._follow_scale()
        self.centerOn(rect.center())
        self.viewport_moved.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.pixelDelta().y()
        if delta:
            self.zoom_by(1.0015 ** delta, event.position())
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if pinch is not None:
                self.zoom_by(pinch.scaleFactor(), pinch.centerPoint())
                return True
        if event.type() == QEvent.Type.NativeGesture and \
                event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
            self.zoom_by(1.0 + event.value(), event.position())
            return True
        if event.type() == QEvent.Type.ToolTip:
            item_id = self.item_id_at(event.pos())
            text = self.tooltip_for(item_id) if item_id is not None else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # ----- items under the mouse
    def item_id_at(self, pos) -> int | None:
        for it in self.items(pos):
            while it is not None and getattr(it, "item_id", None) is None:
                it = it.parentItem()
            if it is not None:
                return int(it.item_id)
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if not event.buttons():
            item_id = self.item_id_at(event.position().toPoint())
            self._set_hovered(-1 if item_id is None else item_id)

    def leaveEvent(self, event) -> None:
        super().leaveEvent(event)
        self._set_hovered(-1)

    def _set_hovered(self, item_id: int) -> None:
        if item_id != self._hovered:
            self._hovered = item_id
            self.item_hovered.emit(item_id)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self._press is not None and event.button() == Qt.MouseButton.LeftButton and \
                (event.position() - self._press).manhattanLength() < 4:
            item_id = self.item_id_at(event.position().toPoint())
            self.item_clicked.emit(-1 if item_id is None else item_id)
        self._press = None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item_id = self.item_id_at(event.position().toPoint())
        if item_id is not None:
            self.item_double_clicked.emit(item_id)
        event.accept()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resized.emit()
        self.viewport_moved.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F and not event.modifiers():
            self.fit()
            return
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.25)
            return
        if event.key() == Qt.Key.Key_Minus:
            self.zoom_by(0.8)
            return
        super().keyPressEvent(event)
