"""Answer icons drawn with QPainter at every device pixel ratio in use, so that they stay crisp on high-DPI screens.

A scored answer is a "Harvey ball": a circle filled in proportion to the score, coloured by how good it is. Full
marks carry a check, zero a cross; N/A is a grey circle with a slash; an unscored answer (text, a KPI without a
target) is a blue dot; an unanswered item is a faint empty ring. On a selected row each sits on a white disc, in
its own colours (Qt would tint it with the selection colour, and the blue dot would vanish in the blue).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPainterPath, QPen, QPixmap

GOOD = QColor("#2e7d32")
FAIR = QColor("#e08a00")
POOR = QColor("#c62828")
NEUTRAL = QColor("#9e9e9e")
INFO = QColor("#1565c0")
LOGICAL_SIZE = 16

UNANSWERED = "unanswered"
NOT_APPLICABLE = "na"
UNSCORED = "unscored"


def score_colour(score: float, pass_mark: float = 0.8) -> QColor:
    if score >= pass_mark:
        return GOOD
    return FAIR if score >= 0.5 else POOR


def answer_icon(kind: str, score: float | None = None) -> QIcon:
    """The icon for an answer: ``kind`` is unanswered, na, unscored or "score" (with ``score`` in 0..1)."""
    rounded = None if score is None else round(score, 2)
    return _icon(kind, rounded)


@cache
def _icon(kind: str, score: float | None) -> QIcon:
    icon = QIcon()
    for ratio in _ratios():
        icon.addPixmap(_pixmap(kind, score, ratio))
        icon.addPixmap(_pixmap(kind, score, ratio, selected=True), QIcon.Mode.Selected)
    return icon


def _ratios() -> list[float]:
    ratios = {1.0, 2.0}
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        ratios.update(screen.devicePixelRatio() for screen in app.screens())
    return sorted(ratios)


def _pixmap(kind: str, score: float | None, ratio: float, *, selected: bool = False) -> QPixmap:
    side = round(LOGICAL_SIZE * ratio)
    pixmap = QPixmap(side, side)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if selected:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("white"))
        painter.drawEllipse(QRectF(0.5, 0.5, LOGICAL_SIZE - 1, LOGICAL_SIZE - 1))
    _paint(painter, kind, score)
    painter.end()
    return pixmap


def _paint(painter: QPainter, kind: str, score: float | None) -> None:
    box = QRectF(1.5, 1.5, LOGICAL_SIZE - 3, LOGICAL_SIZE - 3)
    if kind == UNANSWERED:
        painter.setPen(QPen(QColor("#c4c4c4"), 1.2))
        painter.drawEllipse(box)
    elif kind == NOT_APPLICABLE:
        painter.setPen(QPen(NEUTRAL, 1.4))
        painter.drawEllipse(box)
        painter.drawLine(QPointF(4.2, 11.8), QPointF(11.8, 4.2))
    elif kind == UNSCORED:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(INFO)
        painter.drawEllipse(box.adjusted(1.5, 1.5, -1.5, -1.5))
    else:
        _paint_score(painter, box, score or 0.0)


def _paint_score(painter: QPainter, box: QRectF, score: float) -> None:
    colour = score_colour(score)
    if score >= 0.999 or score <= 0.001:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(box)
        mark = QPen(QColor("white"), 1.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(mark)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if score >= 0.999:
            path = QPainterPath(QPointF(4.8, 8.2))
            path.lineTo(QPointF(7.1, 10.5))
            path.lineTo(QPointF(11.3, 5.6))
            painter.drawPath(path)
        else:
            painter.drawLine(QPointF(5.5, 5.5), QPointF(10.5, 10.5))
            painter.drawLine(QPointF(10.5, 5.5), QPointF(5.5, 10.5))
        return
    painter.setPen(QPen(colour, 1.3))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(box)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPie(box, 90 * 16, -round(score * 360 * 16))
