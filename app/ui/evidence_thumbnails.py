"""Thumbnails for evidence files: photos scaled from their bytes, a page with the file's extension for the rest.

Thumbnails are cached by the file's SHA-256, so switching between items or re-adding a photo does not decode it
again. Photos are read with their EXIF orientation applied (phone pictures taken upright show upright).
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import PurePath

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QImageReader, QPainter, QPainterPath, QPen, QPixmap

THUMBNAIL_SIZE = 96
CACHE_LIMIT = 256


def read_image(data: bytes, longest_side: int | None = None) -> QImage:
    """The picture in ``data`` (null when it is not one), scaled while decoding when ``longest_side`` is given."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if longest_side and size.isValid() and max(size.width(), size.height()) > longest_side:
        reader.setScaledSize(size.scaled(QSize(longest_side, longest_side), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    buffer.close()
    return image


def image_thumbnail(image: QImage, side: int, ratio: float) -> QPixmap:
    """``image`` centred on a square tile of ``side`` logical pixels, drawn at ``ratio`` device pixels each."""
    pixels = round(side * ratio)
    scaled = image.scaled(pixels - 2, pixels - 2, Qt.AspectRatioMode.KeepAspectRatio,
                          Qt.TransformationMode.SmoothTransformation)
    tile = QPixmap(pixels, pixels)
    tile.fill(Qt.GlobalColor.transparent)
    painter = QPainter(tile)
    x, y = (pixels - scaled.width()) / 2, (pixels - scaled.height()) / 2
    painter.drawImage(QPointF(x, y), scaled)
    painter.setPen(QPen(QColor(0, 0, 0, 40), 1))
    painter.drawRect(QRectF(x, y, scaled.width() - 1, scaled.height() - 1))
    painter.end()
    tile.setDevicePixelRatio(ratio)
    return tile


def file_thumbnail(filename: str, side: int, ratio: float) -> QPixmap:
    """A sheet of paper with a folded corner and the file's extension on a coloured band."""
    pixels = round(side * ratio)
    tile = QPixmap(pixels, pixels)
    tile.fill(Qt.GlobalColor.transparent)
    painter = QPainter(tile)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(ratio, ratio)
    width, height = side * 0.62, side * 0.8
    left, top = (side - width) / 2, (side - height) / 2
    fold = width * 0.28
    page = QPainterPath()
    page.moveTo(left, top)
    page.lineTo(left + width - fold, top)
    page.lineTo(left + width, top + fold)
    page.lineTo(left + width, top + height)
    page.lineTo(left, top + height)
    page.closeSubpath()
    painter.setPen(QPen(QColor("#8a96a3"), 1.2))
    painter.setBrush(QColor("#fbfcfd"))
    painter.drawPath(page)
    painter.drawLine(QPointF(left + width - fold, top), QPointF(left + width - fold, top + fold))
    painter.drawLine(QPointF(left + width - fold, top + fold), QPointF(left + width, top + fold))
    extension = PurePath(filename).suffix.lstrip(".").upper()[:5] or "FILE"
    band = QRectF(left - 4, top + height * 0.52, width + 8, side * 0.2)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(_extension_color(extension)))
    painter.drawRoundedRect(band, 3, 3)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(round(side * 0.13))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(band, Qt.AlignmentFlag.AlignCenter, extension)
    painter.end()
    tile.setDevicePixelRatio(ratio)
    return tile


def damaged_thumbnail(filename: str, side: int, ratio: float) -> QPixmap:
    """The file's sheet, greyed, with a red mark: its stored bytes no longer match what was added."""
    tile = file_thumbnail(filename, side, ratio)
    painter = QPainter(tile)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceAtop)  # the sheet, not its margin
    painter.fillRect(QRectF(0, 0, side, side), QColor(255, 255, 255, 110))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
    radius = side * 0.16
    badge = QRectF(side * 0.81 - radius, side * 0.1, 2 * radius, 2 * radius)
    painter.setPen(QPen(QColor("white"), 1.5))
    painter.setBrush(QColor("#c62828"))
    painter.drawEllipse(badge)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(round(radius * 1.5))
    painter.setFont(font)
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "!")
    painter.end()
    return tile


def _extension_color(extension: str) -> str:
    colors = {"PDF": "#c62828", "DOC": "#1565c0", "DOCX": "#1565c0", "XLS": "#2e7d32", "XLSX": "#2e7d32",
              "CSV": "#2e7d32", "PPT": "#d84315", "PPTX": "#d84315", "MP4": "#6a1b9a", "MOV": "#6a1b9a",
              "ZIP": "#5d4037", "TXT": "#546e7a"}
    return colors.get(extension, "#607d8b")


class ThumbnailCache:
    """Icons for evidence records, by SHA-256 for pictures and by extension for other files."""

    def __init__(self, side: int = THUMBNAIL_SIZE) -> None:
        self.side = side
        self._icons: OrderedDict[tuple[str, float], QIcon] = OrderedDict()
        self.decoded = 0  # pictures decoded so far (for tests: a cache hit decodes nothing)

    def icon(self, sha256: str, filename: str, media_type: str, ratio: float, data: bytes | None) -> QIcon:
        key = (sha256, ratio)
        if key in self._icons:
            self._icons.move_to_end(key)
            return self._icons[key]
        pixmap: QPixmap | None = None
        if data is not None and media_type.startswith("image/"):
            image = read_image(data, round(self.side * ratio * 2))
            self.decoded += 1
            if not image.isNull():
                pixmap = image_thumbnail(image, self.side, ratio)
        icon = QIcon(pixmap if pixmap is not None else file_thumbnail(filename, self.side, ratio))
        self._icons[key] = icon
        if len(self._icons) > CACHE_LIMIT:
            self._icons.popitem(last=False)
        return icon

    def damaged_icon(self, filename: str, ratio: float) -> QIcon:
        return QIcon(damaged_thumbnail(filename, self.side, ratio))

    def needs_data(self, sha256: str, media_type: str, ratio: float) -> bool:
        """Whether :meth:`icon` needs the file's bytes (a picture not cached yet)."""
        return media_type.startswith("image/") and (sha256, ratio) not in self._icons
