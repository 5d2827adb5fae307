"""Pictures of the window and its views: one renderer for File › Export, Copy Image and
``main.py export`` (graphviz_app/cli/export.py), and a way to wait for Qt signals without a
nested event loop of one's own.

A widget that stands for a picture bigger than its pixels (the graph view's whole graph) has a
``picture_writer(path, scale) -> PictureFiles`` attribute: ``save_picture`` hands the file to it
instead of rendering the widget. Every other widget is rendered as it is: PNG pixels, or SVG and
PDF through Qt's vector paint engines.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from PySide6.QtCore import QEventLoop, QMarginsF, QPoint, QRect, QSize, QSizeF, QTimer
from PySide6.QtGui import QImage, QPageSize, QPainter, QPdfWriter, QPixmap, QRegion
from PySide6.QtWidgets import QWidget

FORMATS = (".png", ".svg", ".pdf")


class ExportError(Exception):
    """The picture could not be written; the message is meant for the user."""


@dataclass
class PictureFiles:
    """What an export wrote: one file, or an overview and tiles (a PNG too big for one image)."""
    path: Path
    kind: str  # "PNG", "SVG" or "PDF"
    width: int  # of the file at ``path`` (pixels; PDF: points)
    height: int
    scale: float = 1.0  # of the picture in ``path`` against 1:1
    tiles: list[Path] = field(default_factory=list)
    grid: tuple[int, int] = (0, 0)  # rows, columns of the tiling
    tile_scale: float = 1.0
    tile_size: int = 0
    blank_tiles: int = 0  # tiles with nothing on them, not written
    full_size: tuple[int, int] = (0, 0)  # the whole picture at tile_scale
    note: str = ""  # anything else the user should know (the PDF page was scaled down, ...)

    @property
    def files(self) -> list[Path]:
        return [self.path, *self.tiles]

    def summary(self, detail: str = "") -> str:
        """What was written, in English (the CLI prints it after "wrote "); DETAIL goes inside
        the first line's parentheses."""
        what = f"{self.kind} {self.width}x{self.height}"
        if self.kind == "PNG" and abs(self.scale - 1.0) > 1e-6:
            what += f" at {self.scale:.3g}x"
        if self.tiles:
            what = (f"PNG overview {self.width}x{self.height} of the whole picture, which is "
                    f"{self.full_size[0]}x{self.full_size[1]} px at {self.tile_scale:.3g}x")
        lines = [f"{self.path} ({what}{detail})"]
        if self.tiles:
            rows, cols = self.grid
            blank = f", {self.blank_tiles} blank tiles not written" if self.blank_tiles else ""
            lines.append(f"and {len(self.tiles)} tiles of up to {self.tile_size}x{self.tile_size} px at "
                         f"{self.tile_scale:.3g}x in {self.tiles[0].parent}/ (r<row>_c<col>.png, "
                         f"grid {rows}x{cols}{blank})")
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)


# ----- rendering (GUI and CLI) ------------------------------------------------------------
_FLAGS = QWidget.RenderFlag.DrawWindowBackground | QWidget.RenderFlag.DrawChildren


def render_image(widget: QWidget, scale: float = 1.0) -> QImage:
    """The widget's pixels at ``scale`` × its size (2 gives a sharp 2× picture)."""
    size = widget.size()
    pixmap = QPixmap(QSize(round(size.width() * scale), round(size.height() * scale)))
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(widget.palette().window().color())
    # QWidget's render: QGraphicsView (the graph canvas) hides it behind a scene-painting overload
    QWidget.render(widget, pixmap, QPoint(), QRegion(QRect(QPoint(), size)), _FLAGS)
    return pixmap.toImage()


def check_output_path(path: str | os.PathLike) -> Path:
    """Raise ExportError unless PATH ends in .png/.svg/.pdf and its folder exists and is writable."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ExportError(f"{path}: the file name must end in .png or .svg (pictures) or .pdf (a document).")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{path}: the folder {folder} does not exist.")
    if path.is_dir():
        raise ExportError(f"{path} is a folder.")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ExportError(f"{path}: not allowed to write there.")
    return path


def save_widget(widget: QWidget, path: str | os.PathLike, scale: float = 1.0) -> Path:
    """Write the widget as PNG (at ``scale``), SVG or PDF, chosen by the file's suffix."""
    return save_picture(widget, path, scale).path


def save_picture(widget: QWidget, path: str | os.PathLike, scale: float = 1.0) -> PictureFiles:
    """Like ``save_widget``, and says what was written (a big graph's PNG may be several files)."""
    path = check_output_path(path)
    writer = getattr(widget, "picture_writer", None)
    if callable(writer):
        return writer(path, scale)
    return save_pixels(widget, path, scale)


def save_pixels(widget: QWidget, path: str | os.PathLike, scale: float = 1.0) -> PictureFiles:
    """The widget as it is on screen (never its ``picture_writer``)."""
    path = check_output_path(path)
    suffix = path.suffix.lower()
    size = widget.size()
    if suffix == ".svg":
        _save_svg(widget, path)
        return PictureFiles(path, "SVG", size.width(), size.height())
    if suffix == ".pdf":
        _save_pdf(widget, path)
        return PictureFiles(path, "PDF", size.width(), size.height())
    image = render_image(widget, scale)
    if not image.save(str(path), "PNG"):
        raise ExportError(f"{path}: could not write the PNG file.")
    return PictureFiles(path, "PNG", image.width(), image.height(), scale)


def _save_pdf(widget: QWidget, path: Path) -> None:
    """One page as big as the widget (1 px = 1 pt), painted by Qt's vector PDF engine."""
    writer = QPdfWriter(str(path))
    writer.setResolution(72)
    writer.setCreator("graphviz_app")
    writer.setPageSize(QPageSize(QSizeF(widget.size()), QPageSize.Unit.Point, "",
                                 QPageSize.SizeMatchPolicy.ExactMatch))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"{path}: could not write the PDF file.")
    try:
        widget.render(painter, QPoint(), QRegion(QRect(QPoint(), widget.size())), _FLAGS)
    finally:
        painter.end()
    if not path.is_file() or path.stat().st_size == 0:
        raise ExportError(f"{path}: could not write the PDF file.")


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
