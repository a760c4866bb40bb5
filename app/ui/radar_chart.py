"""A radar (spider) chart of section scores, drawn with QPainter.

The first axis points up and the axes go clockwise. Rings mark 20 % steps; the pass mark is a dashed ring.
Unscored sections leave a gap in the outline and show a hollow point at the tip of their axis. With one or two
sections there is no polygon to draw, so each score is drawn as a bar along its axis.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.core.scoring import format_percent
from app.i18n import add_translations, tr

add_translations({
    "Pass mark {percent}": "合格线 {percent}",
    "not scored": "尚无得分",
    "No scores yet": "尚无得分",
})

RING_STEPS = (0.2, 0.4, 0.6, 0.8, 1.0)
GRID_COLOR = QColor("#c9d1d9")
AXIS_COLOR = QColor("#d7dde3")
TEXT_COLOR = QColor("#37414b")
MUTED_COLOR = QColor("#98a2ad")
DATA_COLOR = QColor("#1e88e5")
THRESHOLD_COLOR = QColor("#ef6c00")
BELOW_COLOR = QColor("#c62828")
ABOVE_COLOR = QColor("#2e7d32")
LABEL_GAP = 8.0
LEGEND_HEIGHT = 20.0
CLOSING_PUNCTUATION = "，。、；：？！）》」』”’,.;:?!)"
RADIAL_FROM = 25  # from this many axes on, labels run along their axes


@dataclass(frozen=True, slots=True)
class RadarAxis:
    label: str
    score: float | None
    tooltip: str = ""


@dataclass(frozen=True, slots=True)
class RadarGeometry:
    center: QPointF
    radius: float
    label_width: float


def axis_angle(index: int, count: int) -> float:
    """The angle of axis ``index`` in screen coordinates (y down): the first points up, the rest go clockwise."""
    return -math.pi / 2 + 2 * math.pi * index / max(count, 1)


def polar(center: QPointF, radius: float, angle: float) -> QPointF:
    return QPointF(center.x() + radius * math.cos(angle), center.y() + radius * math.sin(angle))


def radar_points(scores: Sequence[float | None], center: QPointF, radius: float) -> list[QPointF | None]:
    """Where each score sits on its axis (a score of 1 on the outer ring); None for an unscored section."""
    count = len(scores)
    return [None if score is None else polar(center, radius * min(max(score, 0.0), 1.0), axis_angle(index, count))
            for index, score in enumerate(scores)]


def scored_runs(scores: Sequence[float | None]) -> list[list[int]]:
    """Runs of neighbouring scored axes, going round; one run of every index when nothing is missing."""
    count = len(scores)
    if all(score is not None for score in scores):
        return [list(range(count))] if count else []
    start = next(i for i, score in enumerate(scores) if score is None)
    runs: list[list[int]] = []
    run: list[int] = []
    for step in range(1, count + 1):
        index = (start + step) % count
        if scores[index] is None:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(index)
    return runs


def ring_polygon(count: int, center: QPointF, radius: float) -> QPolygonF:
    return QPolygonF([polar(center, radius, axis_angle(i, count)) for i in range(count)])


Label = tuple[QRectF, Qt.AlignmentFlag, list[str]]  # a label's box beside its axis tip, its alignment, its lines


class RadarChart(QWidget):
    """Section scores of one checklist around a circle; hover an axis for its full title and score."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.axes: list[RadarAxis] = []
        self.pass_threshold = 0.8
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self._cache: QPixmap | None = None
        self._labels: list[Label] | None = None

    def set_data(self, axes: Sequence[RadarAxis], pass_threshold: float) -> None:
        self.axes = list(axes)
        self.pass_threshold = pass_threshold
        self.setAccessibleDescription("; ".join(f"{a.label}: {format_percent(a.score)}" for a in self.axes))
        self._cache = self._labels = None
        self.updateGeometry()
        self.update()

    # -- geometry ----------------------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802
        count = len(self.axes)
        height = 340 if count <= 8 else 480 if count <= 16 else 520 if count <= 24 else 600
        return QSize(height + 240, height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(280, 240)

    def radial_labels(self) -> bool:
        """With many axes there is no room beside each tip: the labels run outwards along their axes."""
        return len(self.axes) >= RADIAL_FROM

    def title_lines(self) -> int:
        """Titles wrap onto a second line while the axes leave room for it."""
        return 2 if len(self.axes) <= 16 else 1

    def label_lines(self) -> int:
        """Title lines, and the score on a line of its own while the axes leave room for it."""
        return self.title_lines() + (0 if self.radial_labels() else 1)

    def line_height(self) -> float:
        """The height of a label line, also when Chinese glyphs come from a taller fallback font."""
        metrics = QFontMetricsF(self.font())
        return max(metrics.height(), metrics.boundingRect(QRectF(0, 0, 1000, 100), 0, "国Ag").height())

    def geometry_for(self, width: float, height: float) -> RadarGeometry:
        """Centre, radius and label width that fit the chart and its labels into ``width`` × ``height``."""
        em = QFontMetricsF(self.font()).horizontalAdvance("M")
        usable_height = height - LEGEND_HEIGHT
        center = QPointF(width / 2, usable_height / 2)
        if self.radial_labels():
            label_width = em * 9
            radius = (min(width, usable_height) - 2 * (label_width + LABEL_GAP)) / 2
            return RadarGeometry(center, max(radius, 10.0), label_width)
        by_height = (usable_height - 2 * (self.line_height() * self.label_lines() + LABEL_GAP)) / 2
        by_width = (width - 2 * (em * 6 + LABEL_GAP)) / 2
        radius = max(min(by_height, by_width), 10.0)
        label_width = max(min(em * 14, width / 2 - radius - LABEL_GAP), em * 3)
        return RadarGeometry(center, radius, label_width)

    def label_room(self, geometry: RadarGeometry, angle: float) -> float:
        """How wide the label of an axis may be: near the top and bottom its neighbours are close beside it."""
        count = len(self.axes)
        if count <= 4:
            return geometry.label_width
        chord = 2 * geometry.radius * math.sin(math.pi / count)
        em = QFontMetricsF(self.font()).horizontalAdvance("M")
        return max(em * 3, min(geometry.label_width, chord * 0.85 + geometry.label_width * abs(math.cos(angle))))

    def points(self) -> list[QPointF | None]:
        geometry = self.geometry_for(self.width(), self.height())
        return radar_points([axis.score for axis in self.axes], geometry.center, geometry.radius)

    def axis_at(self, pos: QPointF) -> int | None:
        """The axis whose label is under ``pos``; else the axis nearest to it by angle, if ``pos`` is inside the
        chart or beside it (a wide label can reach past the middle between two axes: its box decides)."""
        geometry = self.geometry_for(self.width(), self.height())
        if self.axes and not self.radial_labels():
            for index, (box, _align, _lines) in enumerate(self._laid_out_labels(geometry)):
                if box.contains(pos):
                    return index
        dx, dy = pos.x() - geometry.center.x(), pos.y() - geometry.center.y()
        if not self.axes or math.hypot(dx, dy) > geometry.radius + geometry.label_width + LABEL_GAP:
            return None
        turn = (math.atan2(dy, dx) + math.pi / 2) % (2 * math.pi)
        return round(turn / (2 * math.pi) * len(self.axes)) % len(self.axes)

    # -- painting ----------------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """Paint from a cached picture at the screen's pixel density; redraw it only when something changed."""
        ratio = self.devicePixelRatioF()
        cache = self._cache
        if cache is None or cache.deviceIndependentSize().toSize() != self.size() or cache.devicePixelRatio() != ratio:
            cache = QPixmap(QSize(round(self.width() * ratio), round(self.height() * ratio)))
            cache.setDevicePixelRatio(ratio)
            cache.fill(Qt.GlobalColor.transparent)
            painter = QPainter(cache)
            self.render_chart(painter)
            painter.end()
            self._cache = cache
        painter = QPainter(self)
        painter.drawPixmap(0, 0, cache)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._cache = self._labels = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._cache = self._labels = None
        super().changeEvent(event)

    def render_chart(self, painter: QPainter) -> None:
        """Draw the whole chart with ``painter`` (on the widget's size)."""
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        geometry = self.geometry_for(self.width(), self.height())
        self._draw_grid(painter, geometry)
        if self.axes:
            self._draw_data(painter, geometry)
            self._draw_labels(painter, geometry)
        self._draw_ring_labels(painter, geometry)
        if not any(axis.score is not None for axis in self.axes):
            painter.setPen(MUTED_COLOR)
            box = QRectF(geometry.center.x() - 80, geometry.center.y() - 12, 160, 24)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, tr("No scores yet"))
        self._draw_legend(painter)

    def _ring(self, painter: QPainter, geometry: RadarGeometry, fraction: float) -> None:
        count = len(self.axes)
        if count >= 3:
            painter.drawPolygon(ring_polygon(count, geometry.center, geometry.radius * fraction))
        else:
            painter.drawEllipse(geometry.center, geometry.radius * fraction, geometry.radius * fraction)

    def _draw_grid(self, painter: QPainter, geometry: RadarGeometry) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(GRID_COLOR, 1))
        for fraction in RING_STEPS:
            self._ring(painter, geometry, fraction)
        threshold = QPen(THRESHOLD_COLOR, 1.5, Qt.PenStyle.DashLine)
        painter.setPen(threshold)
        self._ring(painter, geometry, self.pass_threshold)
        for index, axis in enumerate(self.axes):
            style = Qt.PenStyle.SolidLine if axis.score is not None else Qt.PenStyle.DotLine
            painter.setPen(QPen(AXIS_COLOR if axis.score is not None else MUTED_COLOR, 1, style))
            tip = polar(geometry.center, geometry.radius, axis_angle(index, len(self.axes)))
            painter.drawLine(geometry.center, tip)

    def _draw_ring_labels(self, painter: QPainter, geometry: RadarGeometry) -> None:
        """Just inside each ring, beside the first axis; over the data, on a light ground, so that a section's
        point or line on that axis never hides them."""
        small = self.font()
        small.setPointSizeF(small.pointSizeF() * 0.8)
        painter.setFont(small)
        metrics = QFontMetricsF(small)
        ground = QColor("#ffffff")
        ground.setAlphaF(0.75)
        for fraction in RING_STEPS:
            beside = 3 if len(self.axes) >= 3 else 9  # clear of the score bars of one or two sections
            label = f"{fraction:.0%}"
            box = QRectF(geometry.center.x() + beside, geometry.center.y() - geometry.radius * fraction + 1,
                         metrics.horizontalAdvance(label) + 2, metrics.height())
            painter.fillRect(box, ground)
            painter.setPen(MUTED_COLOR)
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, label)
        painter.setFont(self.font())

    def _draw_data(self, painter: QPainter, geometry: RadarGeometry) -> None:
        scores = [axis.score for axis in self.axes]
        points = radar_points(scores, geometry.center, geometry.radius)
        fill = QColor(DATA_COLOR)
        fill.setAlphaF(0.18)
        outline = QPen(DATA_COLOR, 2)
        outline.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if len(points) < 3:
            bar = QColor(DATA_COLOR)
            bar.setAlphaF(0.45)
            painter.setPen(QPen(bar, 12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            for point in points:
                if point is not None:
                    painter.drawLine(geometry.center, point)
        else:
            for run in scored_runs(scores):
                self._draw_run(painter, geometry, [p for i in run if (p := points[i]) is not None],
                               closed=len(run) == len(points), fill=fill, outline=outline)
        for index, point in enumerate(points):
            self._draw_point(painter, geometry, index, point)

    def _draw_run(self, painter: QPainter, geometry: RadarGeometry, run: list[QPointF], *, closed: bool,
                  fill: QColor, outline: QPen) -> None:
        area = QPainterPath()
        if closed:
            area.addPolygon(QPolygonF(run))
            area.closeSubpath()
        else:
            area.moveTo(geometry.center)
            for point in run:
                area.lineTo(point)
            area.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawPath(area)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(outline)
        if closed:
            painter.drawPolygon(QPolygonF(run))
        elif len(run) > 1:
            painter.drawPolyline(QPolygonF(run))

    def _draw_point(self, painter: QPainter, geometry: RadarGeometry, index: int, point: QPointF | None) -> None:
        size = 4.0 if len(self.axes) <= 16 else 3.0
        if point is None:
            tip = polar(geometry.center, geometry.radius, axis_angle(index, len(self.axes)))
            painter.setPen(QPen(MUTED_COLOR, 1.5))
            painter.setBrush(self.palette().base())
            painter.drawEllipse(tip, size, size)
            return
        score = self.axes[index].score or 0.0
        painter.setPen(QPen(QColor("white"), 1.5))
        painter.setBrush(ABOVE_COLOR if score >= self.pass_threshold else BELOW_COLOR)
        painter.drawEllipse(point, size + 0.5, size + 0.5)

    def _draw_labels(self, painter: QPainter, geometry: RadarGeometry) -> None:
        metrics = QFontMetricsF(self.font())
        if self.radial_labels():
            for index, axis in enumerate(self.axes):
                angle = axis_angle(index, len(self.axes))
                anchor = polar(geometry.center, geometry.radius + LABEL_GAP, angle)
                painter.setPen(TEXT_COLOR if axis.score is not None else MUTED_COLOR)
                title = metrics.elidedText(axis.label, Qt.TextElideMode.ElideRight, geometry.label_width)
                _draw_along_axis(painter, anchor, angle, geometry.label_width, self.line_height(), title)
            return
        for axis, (box, align, lines) in zip(self.axes, self._laid_out_labels(geometry), strict=True):
            painter.setPen(TEXT_COLOR if axis.score is not None else MUTED_COLOR)
            painter.drawText(box, align, "\n".join(lines))

    def _laid_out_labels(self, geometry: RadarGeometry) -> list[Label]:
        """:meth:`label_layout`, kept until the size, the data or the font changes (hovering asks for it)."""
        if self._labels is None:
            self._labels = self.label_layout(geometry)
        return self._labels

    def label_layout(self, geometry: RadarGeometry) -> list[Label]:
        """Each label's box, alignment and lines beside its axis tip. A label gets the widest of a few widths up
        to the full label width whose box stays clear of the chart, the widget's edges and every other label;
        else the narrower room beside its neighbours, or narrower still where even that meets another label."""
        rooms = [self.label_room(geometry, axis_angle(index, len(self.axes))) for index in range(len(self.axes))]
        chosen = [self._label_at(geometry, index, room) for index, room in enumerate(rooms)]
        bounds = QRectF(0, 0, self.width(), self.height() - LEGEND_HEIGHT)
        for index, snug in enumerate(chosen):
            others = [label for other, label in enumerate(chosen) if other != index]
            for share in (1.0, 0.8, 0.65, 0.5):
                room = geometry.label_width * share
                if room <= rooms[index]:
                    break
                wider = self._label_at(geometry, index, room)
                if wider[2] != snug[2] and bounds.contains(wider[0]) \
                        and _clear_of_circle(wider[0], geometry.center, geometry.radius) \
                        and not any(self.labels_overlap(wider, label) for label in others):
                    chosen[index] = wider
                    break
        for index in range(len(chosen)):  # crowded (many axes, a narrow chart): narrower still, until clear
            others = [label for other, label in enumerate(chosen) if other != index]
            for share, title_lines in ((0.8, 2), (0.65, 2), (0.5, 2), (0.8, 1), (0.5, 1), (0.35, 1)):
                if not any(self.labels_overlap(chosen[index], label) for label in others):
                    break
                chosen[index] = self._label_at(geometry, index, rooms[index] * share, title_lines)
        return chosen

    def labels_overlap(self, label: Label, other: Label) -> bool:
        """Whether the text of two labels overlaps: line by line, as drawn (a short score line under a long title
        leaves room beside it), less a line's leading."""
        if not label[0].intersects(other[0]):  # most pairs, and cheap: their boxes are apart
            return False
        return any(line.intersects(other_line) for line in self._line_rects(label)
                   for other_line in self._line_rects(other))

    def _line_rects(self, label: Label) -> list[QRectF]:
        box, align, lines = label
        metrics, height = QFontMetricsF(self.font()), self.line_height()
        rects = []
        for number, line in enumerate(lines):
            width = metrics.horizontalAdvance(line)
            if align & Qt.AlignmentFlag.AlignLeft:
                left = box.left()
            elif align & Qt.AlignmentFlag.AlignRight:
                left = box.right() - width
            else:
                left = box.center().x() - width / 2
            rects.append(QRectF(left, box.top() + number * height + 1, width, height - 2))
        return rects

    def _label_at(self, geometry: RadarGeometry, index: int, room: float,
                  title_lines: int = 2) -> Label:
        metrics = QFontMetricsF(self.font())
        angle = axis_angle(index, len(self.axes))
        lines = wrap_text(self.axes[index].label, metrics, room, min(title_lines, self.title_lines()))
        if self.label_lines() > self.title_lines():
            lines.append(format_percent(self.axes[index].score))
        width = max(metrics.horizontalAdvance(line) for line in lines) + 2
        anchor = polar(geometry.center, geometry.radius + LABEL_GAP, angle)
        box, align = _label_box(anchor, angle, width, self.line_height() * len(lines))
        return box, align, lines

    def _draw_legend(self, painter: QPainter) -> None:
        small = self.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        painter.setFont(small)
        y = self.height() - LEGEND_HEIGHT / 2
        painter.setPen(QPen(THRESHOLD_COLOR, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(6, y), QPointF(30, y))
        painter.setPen(TEXT_COLOR)
        text = tr("Pass mark {percent}", percent=format_percent(self.pass_threshold))
        painter.drawText(QRectF(36, y - 10, 200, 20), Qt.AlignmentFlag.AlignVCenter, text)
        if any(axis.score is None for axis in self.axes):
            x = 44 + QFontMetricsF(small).horizontalAdvance(text) + 16
            painter.setPen(QPen(MUTED_COLOR, 1.5))
            painter.setBrush(self.palette().base())
            painter.drawEllipse(QPointF(x, y), 4, 4)
            painter.setPen(TEXT_COLOR)
            painter.drawText(QRectF(x + 10, y - 10, 200, 20), Qt.AlignmentFlag.AlignVCenter, tr("not scored"))
        painter.setFont(self.font())

    # -- tooltips ----------------------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.axis_at(QPointF(event.pos()))
            if index is None:
                QToolTip.hideText()
            else:
                axis = self.axes[index]
                tip = axis.tooltip or f"{axis.label}: {format_percent(axis.score)}"
                QToolTip.showText(event.globalPos(), tip, self)
            return True
        return super().event(event)


def wrap_text(value: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """``value`` on one line, or on two balanced lines when it is too wide and ``max_lines`` allows; broken at a
    space or hyphen, or between Chinese characters; what still does not fit is elided."""
    value = value.strip()
    if max_lines < 2 or metrics.horizontalAdvance(value) <= width:
        return [metrics.elidedText(value, Qt.TextElideMode.ElideRight, width)]
    best: tuple[float, int] | None = None
    for cut in _break_points(value):
        first, rest = value[:cut].rstrip(), value[cut:].lstrip()
        first_width = metrics.horizontalAdvance(first)
        if first_width > width:
            break
        widest = max(first_width, metrics.horizontalAdvance(rest))
        if best is None or widest < best[0]:
            best = (widest, cut)
    if best is None:  # one long word: break it where the width ends
        cut = len(metrics.elidedText(value, Qt.TextElideMode.ElideNone, width)) or 1
        while cut > 1 and metrics.horizontalAdvance(value[:cut]) > width:
            cut -= 1
        best = (width, cut)
    cut = best[1]
    return [value[:cut].rstrip(),
            metrics.elidedText(value[cut:].lstrip(), Qt.TextElideMode.ElideRight, width)]


def _break_points(value: str) -> list[int]:
    """Where a line may end: after a space, a hyphen or a slash, and around Chinese characters (not before
    closing punctuation)."""
    points = []
    for index in range(1, len(value)):
        before, after = value[index - 1], value[index]
        if after in CLOSING_PUNCTUATION:
            continue
        if before in " -/" or _is_wide(before) or _is_wide(after):
            points.append(index)
    return points


def _is_wide(char: str) -> bool:
    return ord(char) >= 0x2E80


def _draw_along_axis(painter: QPainter, anchor: QPointF, angle: float, width: float, height: float,
                     label: str) -> None:
    """A label running outwards from ``anchor`` along its axis, turned so that it never reads upside down."""
    painter.save()
    painter.translate(anchor)
    right_half = math.cos(angle) >= -1e-9
    painter.rotate(math.degrees(angle if right_half else angle + math.pi))
    box = QRectF(0, -height / 2, width, height) if right_half else QRectF(-width, -height / 2, width, height)
    align = Qt.AlignmentFlag.AlignLeft if right_half else Qt.AlignmentFlag.AlignRight
    painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter, label)
    painter.restore()


def _clear_of_circle(box: QRectF, center: QPointF, radius: float) -> bool:
    """Whether ``box`` keeps out of the circle (the chart's outer ring)."""
    nearest_x = min(max(center.x(), box.left()), box.right())
    nearest_y = min(max(center.y(), box.top()), box.bottom())
    return math.hypot(nearest_x - center.x(), nearest_y - center.y()) >= radius


def _label_box(anchor: QPointF, angle: float, width: float, height: float) -> tuple[QRectF, Qt.AlignmentFlag]:
    """The box of a label of ``width`` × ``height`` beside an axis tip, sliding round it with the angle: right of
    the tip on the right half, left of it on the left, centred above the top and below the bottom."""
    cos, sin = math.cos(angle), math.sin(angle)
    left = anchor.x() - width * (1 - cos) / 2
    top = anchor.y() - height * (1 - sin) / 2
    if abs(cos) < 0.26:
        horizontal = Qt.AlignmentFlag.AlignHCenter
    else:
        horizontal = Qt.AlignmentFlag.AlignLeft if cos > 0 else Qt.AlignmentFlag.AlignRight
    return QRectF(left, top, width, height), horizontal | Qt.AlignmentFlag.AlignVCenter


