"""The graph's pictures as files, from a ``Drawing`` (``core/graph/picture.py``), never from the
scene: SVG by the core's writer in the view's colours, PDF and PNG painted by ``DrawingPainter``.

PNG never shrinks text past reading. A picture that fits one image at the asked scale (or, asked
at 0.75x or more, at no less than 0.75x) is one image. A bigger one becomes an overview at
``OUT.png`` (the whole picture fitted into ``OVERVIEW_SIDE`` and ``OVERVIEW_PIXELS``, its text
left out as the view leaves it out far away) plus tiles at the asked scale in
``OUT_tiles/r{row}_c{col}.png``; tiles with nothing on them are not written. PDF is vector: one
page as big as the picture (1 px = 1 pt), scaled down to PDF's 200-inch page limit when it is
bigger (the text stays text: zoom in).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageSize, QPainter, QPdfWriter

from graphviz_app.core.graph.picture import Drawing
from graphviz_app.core.graph.svg import write_svg
from graphviz_app.ui.common.rendering import ExportError, PictureFiles
from graphviz_app.ui.views.graph.painter import DrawingPainter, KeyPainter, view_palette

MIN_SCALE = 0.75  # below this a PNG's 11 px titles would be under 8 px: tiles instead
MAX_SIDE = 16384  # one PNG image at most this wide and tall...
MAX_PIXELS = 100_000_000  # ...and this big (400 MB of pixels to paint and encode)
TILE = 4096  # tiles' side in pixels
OVERVIEW_SIDE = 8192  # the overview's longer side at most...
OVERVIEW_PIXELS = 16_000_000  # ...and its size
MAX_TILES = 2000  # past this many tiles with something on them: refused, with what to do instead
PDF_MAX_POINTS = 14400.0  # 200 inches: the largest page every PDF reader opens
_TILE_NAME = re.compile(r"r\d+_c\d+\.png")


def write_picture(d: Drawing, path: str | Path, scale: float = 1.0, key: KeyPainter | None = None) -> PictureFiles:
    """Write the drawing as the file PATH's suffix names (.svg, .pdf or .png at SCALE); KEY
    paints its cost key in PDF and PNG (the view's colour bar; the SVG writes its own)."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".svg":
            write_svg(d, path, view_palette())
            return PictureFiles(path, "SVG", round(d.width), round(d.height))
        if suffix == ".pdf":
            return write_pdf(d, path, key)
        if suffix == ".png":
            return write_png(d, path, scale, key)
    except OSError as e:
        raise ExportError(f"{path}: {e.strerror or e}") from None
    raise ExportError(f"{path}: the file name must end in .png, .svg or .pdf.")


# ----- PDF -------------------------------------------------------------------------------------
def write_pdf(d: Drawing, path: Path, key: KeyPainter | None = None) -> PictureFiles:
    fit = min(1.0, PDF_MAX_POINTS / max(d.width, d.height, 1.0))
    writer = QPdfWriter(str(path))
    writer.setResolution(72)  # one point per picture pixel
    writer.setTitle(d.title)
    writer.setCreator("graphviz_app")
    size = QSizeF(max(1.0, d.width * fit), max(1.0, d.height * fit))
    writer.setPageSize(QPageSize(size, QPageSize.Unit.Point, d.title, QPageSize.SizeMatchPolicy.ExactMatch))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"{path}: could not write the PDF file.")
    try:
        painter.scale(fit, fit)
        DrawingPainter(key).paint(painter, d, None, 1.0)
    finally:
        painter.end()
    if not path.is_file() or path.stat().st_size == 0:
        raise ExportError(f"{path}: could not write the PDF file.")
    note = "" if fit == 1.0 else (f"the PDF page is the picture at {fit:.3g} of 1 px = 1 pt, within PDF's "
                                  "200-inch page limit; it is vector: zoom in to read it")
    return PictureFiles(path, "PDF", round(size.width()), round(size.height()), fit, note=note)


# ----- PNG -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PngPlan:
    scale: float  # of the single image, or of the tiles
    tiled: bool
    width: int  # the whole picture at scale
    height: int


def fits(width: float, height: float) -> bool:
    return width <= MAX_SIDE and height <= MAX_SIDE and width * height <= MAX_PIXELS


def plan_png(width: float, height: float, scale: float) -> PngPlan:
    """One image at SCALE if it fits, else at the largest scale >= MIN_SCALE that fits, else
    tiles at SCALE."""
    s = scale
    if not fits(width * s, height * s) and scale >= MIN_SCALE:
        most = min(MAX_SIDE / width, MAX_SIDE / height, math.sqrt(MAX_PIXELS / (width * height)))
        if most >= MIN_SCALE:
            s = math.floor(most * 1000) / 1000
    w, h = max(1, round(width * s)), max(1, round(height * s))
    return PngPlan(s, not fits(w, h), w, h)


def _render(painter: DrawingPainter, d: Drawing, rect: QRectF, scale: float, size: tuple[int, int]) -> QImage:
    """The part RECT of the picture (picture coordinates) at SCALE, as an image of SIZE."""
    image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    if image.isNull():
        raise ExportError(f"not enough memory for a {size[0]}x{size[1]} image.")
    image.fill(painter.palette.background)
    p = QPainter(image)
    try:
        p.scale(scale, scale)
        p.translate(-rect.left(), -rect.top())
        painter.paint(p, d, rect, scale)
    finally:
        p.end()
    return image


def _save(image: QImage, path: Path) -> None:
    if not image.save(str(path), "PNG"):
        raise ExportError(f"{path}: could not write the PNG file.")


def write_png(d: Drawing, path: Path, scale: float = 1.0, key: KeyPainter | None = None) -> PictureFiles:
    plan = plan_png(d.width, d.height, scale)
    painter = DrawingPainter(key)
    whole = QRectF(0, 0, d.width, d.height)
    if not plan.tiled:
        _save(_render(painter, d, whole, plan.scale, (plan.width, plan.height)), path)
        return PictureFiles(path, "PNG", plan.width, plan.height, plan.scale)
    rows, cols = math.ceil(plan.height / TILE), math.ceil(plan.width / TILE)
    step = TILE / plan.scale  # a tile's side in picture coordinates
    wanted = []
    for r in range(rows):
        for c in range(cols):
            rect = QRectF(c * step, r * step, step, step).intersected(whole)
            shapes, strokes = d.visible((rect.left(), rect.top(), rect.right(), rect.bottom()))
            if len(shapes) or len(strokes) or rect.top() < d.band:
                wanted.append((r, c, rect))
    if len(wanted) > MAX_TILES:
        raise ExportError(
            f"{path}: at {plan.scale:g}x the picture is {plan.width}x{plan.height} px, {len(wanted)} tiles of "
            f"{TILE}x{TILE} px with something on them (more than {MAX_TILES}). Export it as .svg or .pdf "
            f"(vector, any size), pick one group with --scope, or choose a smaller --scale.")
    folder = path.with_name(path.stem + "_tiles")
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():  # tiles of an earlier export would mix with these
        if _TILE_NAME.fullmatch(old.name):
            old.unlink()
    digits_r, digits_c = len(str(rows - 1)), len(str(cols - 1))
    tiles = []
    for r, c, rect in wanted:
        size = (min(TILE, plan.width - c * TILE), min(TILE, plan.height - r * TILE))
        tile = folder / f"r{r:0{digits_r}d}_c{c:0{digits_c}d}.png"
        _save(_render(painter, d, rect, plan.scale, size), tile)
        tiles.append(tile)
    fit = min(plan.scale, OVERVIEW_SIDE / max(d.width, d.height), math.sqrt(OVERVIEW_PIXELS / (d.width * d.height)))
    size = (max(1, round(d.width * fit)), max(1, round(d.height * fit)))
    _save(_render(painter, d, whole, fit, size), path)
    return PictureFiles(path, "PNG", size[0], size[1], fit, tiles=tiles, grid=(rows, cols),
                        tile_scale=plan.scale, tile_size=TILE, blank_tiles=rows * cols - len(tiles),
                        full_size=(plan.width, plan.height))
