"""Names and colours of the audit's fixed vocabularies: levels, verdicts, finding severities, action statuses.

The dashboard, the findings panel and the checklist views share them, so that a "major" finding has one name and
one colour everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from app.i18n import add_translations, tr

add_translations({
    "Intelligent scenario": "智能场景", "Intelligent workshop": "智能车间", "Intelligent factory": "智能工厂",
    "Smart supply chain": "智慧供应链",
    "Pass": "通过", "Fail": "未通过", "Incomplete": "未完成",
    "Major": "严重不符合", "Minor": "一般不符合", "Observation": "观察项",
    "Not started": "未开始", "In progress": "进行中", "Completed": "已完成", "Verified": "已验证",
})

LEVEL_NAMES = {"scenario": "Intelligent scenario", "workshop": "Intelligent workshop", "factory": "Intelligent factory",
               "supply_chain": "Smart supply chain"}
VERDICT_NAMES = {"pass": "Pass", "fail": "Fail", "incomplete": "Incomplete"}
VERDICT_COLORS = {"pass": "#2e7d32", "fail": "#c62828", "incomplete": "#78828c"}
SEVERITY_NAMES = {"major": "Major", "minor": "Minor", "observation": "Observation"}
SEVERITY_COLORS = {"major": "#c62828", "minor": "#ef8f00", "observation": "#1e88e5"}
STATUS_NAMES = {"open": "Not started", "in_progress": "In progress", "done": "Completed", "verified": "Verified"}
STATUS_COLORS = {"open": "#c62828", "in_progress": "#ef8f00", "done": "#2e7d32", "verified": "#1b5e20"}
OPEN_STATUSES = ("open", "in_progress")


def level_name(level: str) -> str:
    return tr(LEVEL_NAMES[level]) if level in LEVEL_NAMES else level


def verdict_name(verdict: str) -> str:
    return tr(VERDICT_NAMES[verdict]) if verdict in VERDICT_NAMES else verdict


def severity_name(severity: str) -> str:
    return tr(SEVERITY_NAMES[severity]) if severity in SEVERITY_NAMES else severity


def status_name(status: str) -> str:
    return tr(STATUS_NAMES[status]) if status in STATUS_NAMES else status


def badge_style(color: str) -> str:
    """A style sheet for a QLabel shown as a small coloured badge with white text."""
    return (f"QLabel {{ background: {color}; color: white; border-radius: 4px; padding: 2px 8px; "
            "font-weight: bold; }")


_markers: dict[tuple[str, float], QIcon] = {}


def marker_icon(color: str, size: int = 12, device_pixel_ratio: float = 2.0) -> QIcon:
    """A filled round marker in ``color``, drawn at ``device_pixel_ratio`` so that it stays crisp on high-DPI."""
    key = (color, device_pixel_ratio)
    if key not in _markers:
        pixmap = QPixmap(round(size * device_pixel_ratio), round(size * device_pixel_ratio))
        pixmap.setDevicePixelRatio(device_pixel_ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(color))
        painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
        painter.end()
        icon = QIcon(pixmap)
        icon.addPixmap(pixmap, QIcon.Mode.Selected)  # its own colour on a selected row, not one tinted by it
        _markers[key] = icon
    return _markers[key]
