"""The audit at a glance: the factory, overall progress, score and verdict, one card per checklist with a radar
chart of its sections, findings by severity and the corrective actions still open.

The numbers come from :func:`app.core.summary.audit_summary`; this module only shows them. Edits arrive as
session signals and are coalesced: a burst of edits costs one recomputation, after control returns to the event
loop, and none while the dashboard is hidden.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.audit import Audit
from app.core.checklist import Checklist
from app.core.scoring import format_percent
from app.core.summary import audit_summary
from app.i18n import add_translations, join_list, text, tr
from app.ui.audit_terms import (
    OPEN_STATUSES,
    SEVERITY_COLORS,
    VERDICT_COLORS,
    badge_style,
    level_name,
    severity_name,
    verdict_name,
)
from app.ui.radar_chart import RadarAxis, RadarChart
from app.ui.session import AuditSession
from app.ui.widgets import scaled_font, wrapped_label

add_translations({
    "Credit code {code}": "统一社会信用代码 {code}",
    "Auditors: {names}": "审核员：{names}",
    "Tags: {tags}": "标签：{tags}",
    "Audit scope: {scope}": "审核范围：{scope}",
    "Answered": "已回答",
    "Overall score": "总体得分",
    "Verdict": "结论",
    "Findings": "发现的问题",
    "Open actions": "未关闭的整改措施",
    "{answered} / {total} answered": "已答 {answered} / {total}",
    "No applicable items": "没有适用的条目",
    "{count} N/A": "{count} 项不适用",
    "Score {score} · pass mark {threshold}": "得分 {score} · 合格线 {threshold}",
    "Not scored yet · pass mark {threshold}": "尚无得分 · 合格线 {threshold}",
    "Critical items below the pass mark:": "低于合格线的关键项：",
    "… and {count} more": "……另有 {count} 项",
    "{count} overdue": "{count} 项已逾期",
    "none": "无",
})

CARD_STYLE = "#dashboardCard { background: palette(base); border: 1px solid #d8dee4; border-radius: 8px; }"
MUTED = "color: #6b7785;"
PROGRESS_STYLE = ("QProgressBar { border: none; background: #e1e6eb; border-radius: 4px; }"
                  "QProgressBar::chunk { background: #1e88e5; border-radius: 4px; }")
MAX_CRITICAL_SHOWN = 6
WIDE_OVERVIEW = 860  # the overview's tiles in one row from this width on
WIDE_CARD = 760  # a checklist's numbers beside its radar from this width on
QWIDGETSIZE_MAX = (1 << 24) - 1


def _card() -> QFrame:
    card = QFrame()
    card.setObjectName("dashboardCard")
    card.setStyleSheet(CARD_STYLE)
    return card


def _muted(value: str = "") -> QLabel:
    label = wrapped_label(value)
    label.setStyleSheet(MUTED)
    return label


def _badge() -> QLabel:
    label = QLabel()
    label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
    return label


def show_verdict(badge: QLabel, verdict: str) -> None:
    badge.setText(verdict_name(verdict))
    badge.setStyleSheet(badge_style(VERDICT_COLORS.get(verdict, VERDICT_COLORS["incomplete"])))


class ProgressLine(QWidget):
    """A slim bar with "answered / applicable" beside it."""

    def __init__(self, width: int = 180, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.bar.setMinimumWidth(width)
        self.bar.setStyleSheet(PROGRESS_STYLE)
        self.label = QLabel()
        self.label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.label)

    def show_counts(self, answered: int, total: int) -> None:
        if total <= 0:
            self.bar.setRange(0, 1)  # a 0..0 range would show a busy indicator
            self.bar.setValue(0)
            self.label.setText(tr("No applicable items"))
            return
        self.bar.setRange(0, total)
        self.bar.setValue(answered)
        self.label.setText(tr("{answered} / {total} answered", answered=answered, total=total))


def _tile(title: str, value: QWidget, extra: QWidget | None = None) -> QWidget:
    """A small heading over a value (and an optional line under it)."""
    tile = QWidget()
    layout = QVBoxLayout(tile)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    heading = QLabel(title)
    heading.setStyleSheet(MUTED)
    layout.addWidget(heading)
    layout.addWidget(value, 0, Qt.AlignmentFlag.AlignLeft)
    if extra is not None:
        layout.addWidget(extra)
    return tile


class OverviewCard(QFrame):
    """The factory and the whole audit: progress, score, verdict, findings and open actions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardCard")
        self.setStyleSheet(CARD_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        self.factory = wrapped_label()
        self.factory.setFont(scaled_font(self, 1.45, bold=True))
        self.profile = _muted()
        layout.addWidget(self.factory)
        layout.addWidget(self.profile)
        self.progress = ProgressLine(120)
        self.na = _muted()
        self.score = QLabel()
        self.score.setFont(scaled_font(self, 1.6, bold=True))
        self.verdict = _badge()
        self.findings = QLabel()
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.open_actions = QLabel()
        self.open_actions.setTextFormat(Qt.TextFormat.RichText)
        self.open_actions.setWordWrap(True)
        self.tiles = [_tile(tr("Answered"), self.progress, self.na), _tile(tr("Overall score"), self.score),
                      _tile(tr("Verdict"), self.verdict), _tile(tr("Findings"), self.findings),
                      _tile(tr("Open actions"), self.open_actions)]
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(28)
        self.grid.setVerticalSpacing(10)
        self._columns = 0
        self._width = 0
        self._arrange(3)
        layout.addSpacing(8)
        layout.addLayout(self.grid)

    def _arrange(self, columns: int) -> None:
        """The tiles in rows of ``columns``."""
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles):
            self.grid.addWidget(tile, index // columns, index % columns, Qt.AlignmentFlag.AlignTop)
        for column in range(len(self.tiles) + 1):
            self.grid.setColumnStretch(column, 0)
        self.grid.setColumnStretch(columns, 1)

    def fit_width(self, width: int) -> None:
        """All the tiles in one row when the card is wide; else in rows of three, or two, or one: as many as fit."""
        self._width = width
        choices = ((len(self.tiles),) if width >= WIDE_OVERVIEW else ()) + (3, 2)
        self._arrange(next((columns for columns in choices if self._grid_width(columns) <= width), 1))

    def _grid_width(self, columns: int) -> int:
        """The width the tiles need in rows of ``columns``, with the card's margins."""
        widest = [max(tile.sizeHint().width() for tile in self.tiles[column::columns]) for column in range(columns)]
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        return sum(widest) + self.grid.horizontalSpacing() * (columns - 1) + margins.left() + margins.right()

    def show_summary(self, audit: Audit, summary: dict[str, Any]) -> None:
        self.factory.setText(summary["factory"])
        self.profile.setText(profile_lines(audit))
        self.progress.show_counts(summary["items_answered"], summary["items_total"])
        self.na.setText(tr("{count} N/A", count=summary["items_na"]) if summary["items_na"] else "")
        self.score.setText(format_percent(summary["score"]))
        show_verdict(self.verdict, summary["verdict"])
        self.findings.setText(findings_html(audit))
        self.open_actions.setText(actions_html(audit))
        if self._width:
            self.fit_width(self._width)  # longer texts may need fewer tiles in a row


class ChecklistCard(QFrame):
    """One checklist (level): progress, score against the pass mark, verdict, failed critical items, radar."""

    def __init__(self, checklist: Checklist, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checklist = checklist
        self.setObjectName("dashboardCard")
        self.setStyleSheet(CARD_STYLE)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(16, 12, 12, 12)
        info = QVBoxLayout()
        info.setSpacing(6)
        self.level = _muted(level_name(checklist.level))
        self.title = wrapped_label(text(checklist.title))
        self.title.setFont(scaled_font(self, 1.15, bold=True))
        self.verdict = _badge()
        self.progress = ProgressLine(100)
        self.score = QLabel()
        self.na = _muted()
        self.critical = wrapped_label()
        self.critical.setStyleSheet("color: #b71c1c;")
        for widget in (self.level, self.title, self.verdict, self.progress, self.score, self.na, self.critical):
            info.addWidget(widget)
        info.addStretch(1)
        self.radar = RadarChart()
        self.info = QWidget()
        self.info.setLayout(info)
        self.info.setMinimumWidth(220)
        self.box.addWidget(self.info, 2)
        self.box.addWidget(self.radar, 3)
        self.fit_width(0)

    def fit_width(self, width: int) -> None:
        """Beside the radar when there is room, above it when the card is narrow."""
        wide = width >= WIDE_CARD
        self.box.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        self.info.setMaximumWidth(360 if wide else QWIDGETSIZE_MAX)
        # side by side the width is shared 2 : 3; one above the other, the radar takes every spare pixel of height
        # (shared, the numbers got two fifths of it: an empty band above the chart)
        self.box.setStretchFactor(self.info, 2 if wide else 0)
        self.box.setStretchFactor(self.radar, 3 if wide else 1)

    def show_result(self, result: dict[str, Any]) -> None:
        show_verdict(self.verdict, result["verdict"])
        self.progress.show_counts(result["items_answered"], result["items_total"])
        threshold = format_percent(result["pass"])
        self.score.setText(tr("Score {score} · pass mark {threshold}", score=format_percent(result["score"]),
                              threshold=threshold) if result["score"] is not None
                           else tr("Not scored yet · pass mark {threshold}", threshold=threshold))
        self.na.setText(tr("{count} N/A", count=result["items_na"]) if result["items_na"] else "")
        self.na.setVisible(bool(result["items_na"]))
        self.critical.setText(self._critical_text(result["failed_critical"]))
        self.critical.setVisible(bool(result["failed_critical"]))
        self.radar.set_data(section_axes(self.checklist, result["sections"]), result["pass"])

    def _critical_text(self, item_ids: list[str]) -> str:
        lines = [tr("Critical items below the pass mark:")]
        for item_id in item_ids[:MAX_CRITICAL_SHOWN]:
            item = self.checklist.item(item_id)
            lines.append(f"•  {item_id}  {text(item.title) if item is not None else ''}".rstrip())
        if len(item_ids) > MAX_CRITICAL_SHOWN:
            lines.append(tr("… and {count} more", count=len(item_ids) - MAX_CRITICAL_SHOWN))
        return "\n".join(lines)


def section_axes(checklist: Checklist, sections: list[dict[str, Any]]) -> list[RadarAxis]:
    """One radar axis per top-level section, titled in the interface language."""
    titles = {section.id: text(section.title) for section in checklist.sections}
    axes = []
    for section in sections:
        title = titles.get(section["id"], section["id"])
        answered = tr("{answered} / {total} answered", answered=section["items_answered"],
                      total=section["items_total"])
        tooltip = f"{section['id']}  {title}\n{format_percent(section['score'])}  ·  {answered}"
        axes.append(RadarAxis(title, section["score"], tooltip))
    return axes


def profile_lines(audit: Audit) -> str:
    profile = audit.profile
    first = [tr("Credit code {code}", code=profile.credit_code) if profile.credit_code else "", profile.industry]
    dates = " – ".join(d for d in (profile.start_date, profile.end_date) if d)
    second = [dates, tr("Auditors: {names}", names=join_list(profile.auditors)) if profile.auditors else ""]
    labels = {tag.id: text(tag.label) or tag.id for checklist in audit.checklists for tag in checklist.tags}
    tags = [labels.get(tag, tag) for tag in profile.tags]
    third = [tr("Tags: {tags}", tags=join_list(tags)) if tags else ""]
    fourth = [tr("Audit scope: {scope}", scope=profile.scope) if profile.scope else ""]
    lines = ("  ·  ".join(part for part in parts if part) for parts in (first, second, third, fourth))
    return "\n".join(line for line in lines if line)


def findings_html(audit: Audit) -> str:
    counts = {severity: 0 for severity in SEVERITY_COLORS}
    for finding in audit.findings():
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return "<br>".join(  # one severity a line: fits a narrow pane, where a wrapped line would split a name
        f"<span style='color:{SEVERITY_COLORS[severity]}'>●</span>&nbsp;{severity_name(severity)}&nbsp;<b>{count}</b>"
        for severity, count in counts.items() if severity in SEVERITY_COLORS)


def actions_html(audit: Audit) -> str:
    finding_ids = {finding.id for finding in audit.findings()}
    still_open = [a for a in audit.actions() if a.status in OPEN_STATUSES and a.finding_id in finding_ids]
    today = dt.date.today().isoformat()
    overdue = sum(1 for action in still_open if action.due and action.due < today)
    html = f"<b style='font-size:large'>{len(still_open)}</b>"
    if overdue:
        html += f"&nbsp;&nbsp;<span style='color:#c62828'>{tr('{count} overdue', count=overdue)}</span>"
    return html


class DashboardWidget(QScrollArea):
    """The dashboard page; ``refresh()`` recomputes now, session edits schedule one coalesced refresh."""

    def __init__(self, session: AuditSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.refresh_count = 0
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        content.setObjectName("dashboardContent")
        content.setStyleSheet("#dashboardContent { background: #f3f5f7; }")
        self.setWidget(content)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 14, 16, 16)
        layout.setSpacing(12)
        self.overview = OverviewCard()
        layout.addWidget(self.overview)
        self.cards = [ChecklistCard(checklist) for checklist in session.audit.checklists]
        for card in self.cards:
            layout.addWidget(card)
        layout.addStretch(1)
        self._stale = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._refresh_if_visible)
        session.itemChanged.connect(self.schedule_refresh)
        session.profileChanged.connect(self.schedule_refresh)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Arrange the cards for the width there is: wide cards put the numbers beside the radar."""
        super().resizeEvent(event)
        width = self.viewport().width() - 32
        self.overview.fit_width(width)
        for card in self.cards:
            card.fit_width(width)

    def schedule_refresh(self, *_args: object) -> None:
        self._stale = True
        self._timer.start()

    def _refresh_if_visible(self) -> None:
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        self._stale = False
        self.refresh_count += 1
        audit = self.session.audit
        summary = audit_summary(audit)
        self.overview.show_summary(audit, summary)
        results = {result["id"]: result for result in summary["checklists"]}
        for card in self.cards:
            card.show_result(results[card.checklist.id])
