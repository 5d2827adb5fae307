"""The zoomable, pannable view of the graph scene: wheel and pinch zoom, drag to pan, F to fit.

The canvas tells its scene where it looks after every move (``show_region``): a big layout makes
its items there. It can put a scene point at a viewport point (``place``) even near the layout's
edge: its scroll area is the scene plus whatever it shows, so a relayout never shifts the view by
itself and the viewport follows the user instead (``anchor.py``).
"""
from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
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
        self.mouse_pos: QPoint | None = None  # where the mouse is over the viewport, if it is
        self._press = None
        self._hovered = -1
        self._hold = 0
        self._held = False
        self.viewport().setMouseTracking(True)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self._moved())
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._moved())
        scene.sceneRectChanged.connect(self._on_scene_rect)
        self.setSceneRect(scene.sceneRect())

    # ----- where the view looks
    def visible_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def _moved(self) -> None:
        """The view moved or zoomed: the scene makes what is now in view, the minimap follows."""
        if self._hold:
            self._held = True
            return
        if hasattr(self.detail_scene, "show_region"):
            self.detail_scene.show_region(self.visible_rect(), self.current_scale())
        self.viewport_moved.emit()

    def follow_scene(self) -> None:
        """The scene drew a new layout: say where the view looks (its items are made there)."""
        self._moved()

    @contextlib.contextmanager
    def holding_region(self):
        """Moves inside report to the scene once, at the end (a relayout moves the view twice)."""
        self._hold += 1
        try:
            yield
        finally:
            self._hold -= 1
            if not self._hold and self._held:
                self._held = False
                self._moved()

    def _on_scene_rect(self, rect: QRectF) -> None:
        """Scroll over the new scene and what is on screen now: a new layout must not move the
        view before whoever asked for it says where to look."""
        if rect.isEmpty() or self.sceneRect().isEmpty():
            self.setSceneRect(rect)
        else:
            self.setSceneRect(rect.united(self.visible_rect()))

    def place(self, scene_pt: QPointF, view_pt: QPointF) -> None:
        """Scroll so that SCENE_PT shows at viewport point VIEW_PT (the scroll area grows if the
        layout's edge would otherwise stop it)."""
        s = self.current_scale()
        vp = self.maximumViewportSize()  # as big as it gets: scroll bars may go once it has moved
        target = QRectF(scene_pt.x() - view_pt.x() / s, scene_pt.y() - view_pt.y() / s,
                        vp.width() / s, vp.height() / s)
        with self.holding_region():
            self.setSceneRect(self.detail_scene.sceneRect().united(target.adjusted(-2, -2, 2, 2)))
            self.centerOn(target.center())
            err = self.mapFromScene(scene_pt) - view_pt.toPoint()
            hs, vs = self.horizontalScrollBar(), self.verticalScrollBar()
            hs.setValue(hs.value() + err.x())
            vs.setValue(vs.value() + err.y())

    # ----- zoom
    def current_scale(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        s = self.current_scale()
        factor = max(MIN_SCALE / s, min(MAX_SCALE / s, factor))
        with self.holding_region():
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
            self._held = True
        self.scale_changed.emit(self.current_scale())

    def set_zoom(self, scale: float) -> None:
        self.zoom_by(scale / self.current_scale())

    def fit(self, rect: QRectF | None = None) -> None:
        if rect is None:
            rect = self.detail_scene.sceneRect()
        if rect.isEmpty():
            return
        with self.holding_region():
            self.setSceneRect(self.detail_scene.sceneRect())
            self.fitInView(rect.adjusted(-10, -10, 10, 10), Qt.AspectRatioMode.KeepAspectRatio)
            if self.current_scale() > 1.0:  # small graphs: 1:1, centred, never blown up
                self.resetTransform()
            self.centerOn(rect.center())
            self._held = True
        self.scale_changed.emit(self.current_scale())

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
        if event.type() == QEvent.Type.Leave:  # onto the minimap or out of the canvas
            self.mouse_pos = None
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
        """The layout item under a viewport point (a node before the frame around it)."""
        find = getattr(self.detail_scene, "item_id_at", None)
        if find is not None:
            return find(self.mapToScene(pos), 1.0 / self.current_scale())
        for it in self.items(pos):
            while it is not None and getattr(it, "item_id", None) is None:
                it = it.parentItem()
            if it is not None:
                return int(it.item_id)
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()
        self.mouse_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        self.mouse_pos = event.position().toPoint()
        if not event.buttons():
            item_id = self.item_id_at(event.position().toPoint())
            self._set_hovered(-1 if item_id is None else item_id)

    def leaveEvent(self, event) -> None:
        super().leaveEvent(event)
        self.mouse_pos = None
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
        self.mouse_pos = event.position().toPoint()
        item_id = self.item_id_at(event.position().toPoint())
        if item_id is not None:
            self.item_double_clicked.emit(item_id)
        event.accept()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resized.emit()
        self._moved()

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
