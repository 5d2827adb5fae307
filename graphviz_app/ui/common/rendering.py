"""Pictures of the window and its views: one renderer for File › Export, Copy Image and
``main.py export`` (graphviz_app/cli/export.py), and a way to wait for Qt signals without a
nested event loop of one's own."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from PySide6.QtCore import QEventLoop, QPoint, QRect, QSize, QTimer
from PySide6.QtGui import QImage, QPainter, QPixmap, QRegion
from PySide6.QtWidgets import QWidget

FORMATS = (".png", ".svg")


class ExportError(Exception):
    """The picture could not be written; the message is meant for the user."""


# ----- rendering (GUI and CLI) ------------------------------------------------------------
_FLAGS = QWidget.RenderFlag.DrawWindowBackground | QWidget.RenderFlag.DrawChildren


def render_image(widget: QWidget, scale: float = 1.0) -> QImage:
    """The widget's pixels at ``scale`` × its size (2 gives a sharp 2× picture)."""
    size = widget.size()
    pixmap = QPixmap(QSize(round(size.width() * scale), round(size.height() * scale)))
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(widget.palette().window().color())
    widget.render(pixmap, QPoint(), QRegion(QRect(QPoint(), size)), _FLAGS)
    return pixmap.toImage()


def check_output_path(path: str | os.PathLike) -> Path:
    """Raise ExportError unless PATH ends in .png/.svg and its folder exists and is writable."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ExportError(f"{path}: the file name must end in .png or .svg.")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{path}: the folder {folder} does not exist.")
    if path.is_dir():
        raise ExportError(f"{path} is a folder.")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ExportError(f"{path}: not allowed to write there.")
    return path


def save_widget(widget: QWidget, path: str | os.PathLike, scale: float = 1.0) -> Path:
    """Write the widget as PNG (at ``scale``) or SVG, chosen by the file's suffix."""
    path = check_output_path(path)
    if path.suffix.lower() == ".svg":
        _save_svg(widget, path)
    elif not render_image(widget, scale).save(str(path), "PNG"):
        raise ExportError(f"{path}: could not write the PNG file.")
    return path


def _save_svg(widget: QWidget, path: Path) -> None:
    from PySide6.QtSvg import QSvgGenerator

    # SVG 1.1, not the default Tiny 1.2: only 1.1 has clip paths, without them text spills
    # out of its panel
    generator = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
    generator.setFileName(str(path))
    # the widget's own DPI, so a 9 pt font is as many SVG units as it has pixels on screen
    generator.setResolution(widget.logicalDpiY())
    generator.setSize(widget.size())
    generator.setViewBox(QRect(QPoint(), widget.size()))
    window = widget.window()
    generator.setTitle(window.windowTitle().replace("[*]", "*" if window.isWindowModified() else "")
                       or "graphviz_app")
    generator.setDescription("Exported by graphviz_app")
    painter = QPainter()
    if not painter.begin(generator):
        raise ExportError(f"{path}: could not write the SVG file.")
    try:
        widget.render(painter, QPoint(), QRegion(QRect(QPoint(), widget.size())), _FLAGS)
    finally:
        painter.end()
    if not path.is_file() or path.stat().st_size == 0:
        raise ExportError(f"{path}: could not write the SVG file.")


# ----- waiting without sleeping -------------------------------------------------------------
def wait_until(predicate: Callable[[], bool], signals: Iterable = (), timeout_s: float = 60.0) -> bool:
    """Run the event loop until predicate() holds (checked on each signal and every 50 ms)."""
    if predicate():
        return True
    loop = QEventLoop()

    def check(*_args) -> None:
        if predicate():
            loop.quit()

    connected = []
    for signal in signals:
        signal.connect(check)
        connected.append(signal)
    poll = QTimer()
    poll.timeout.connect(check)
    poll.start(50)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    deadline.start(int(timeout_s * 1000))
    loop.exec()
    poll.stop()
    deadline.stop()
    for signal in connected:
        try:
            signal.disconnect(check)
        except (RuntimeError, TypeError):
            pass
    return predicate()
