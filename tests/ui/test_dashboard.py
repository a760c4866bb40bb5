"""The dashboard shows the core's numbers, follows edits (one recompute per burst) and draws a radar per level."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QBoxLayout
from pytestqt.qtbot import QtBot

from app.core.scoring import format_percent as percent
from app.core.summary import audit_summary
from app.ui.dashboard import DashboardWidget
from app.ui.language import apply_language
from app.ui.radar_chart import RadarAxis, RadarChart, axis_angle, radar_points, scored_runs
from app.ui.session import AuditSession
from tests.ui.helpers_widgets import ITEM_IDS, open_session, ref, sections_checklist


def shown_dashboard(qtbot: QtBot, session: AuditSession) -> DashboardWidget:
    dashboard = DashboardWidget(session)
    qtbot.addWidget(dashboard)
    dashboard.resize(1000, 900)
    dashboard.show()
    return dashboard


def test_shows_the_core_verdict_and_score_and_follows_edits(qtbot: QtBot, session: AuditSession) -> None:
    dashboard = shown_dashboard(qtbot, session)
    card = dashboard.cards[0]
    assert dashboard.overview.factory.text() == "恒岳重工"
    assert dashboard.overview.verdict.text() == "Incomplete"
    assert card.progress.label.text() == "0 / 4 answered"
    assert card.radar.accessibleDescription().startswith("Networking: –")

    audit = session.audit
    for item_id in ITEM_IDS:
        session.edit(audit.set_choice, ref(item_id), "yes" if item_id == "P1.2" else "full")
    qtbot.waitUntil(lambda: dashboard.overview.verdict.text() == "Pass")
    assert card.verdict.text() == "Pass"
    assert card.progress.label.text() == "4 / 4 answered"
    assert dashboard.overview.score.text() == percent(audit_summary(audit)["score"]) == "100%"

    session.edit(audit.set_choice, ref("P1.1"), "none")  # the critical item fails the level
    qtbot.waitUntil(lambda: card.verdict.text() == "Fail")
    summary = audit_summary(audit)
    assert dashboard.overview.score.text() == percent(summary["score"])
    assert card.score.text() == f"Score {percent(summary['checklists'][0]['score'])} · pass mark 80%"
    assert card.critical.isVisibleTo(dashboard) and "P1.1" in card.critical.text()

    session.undo()
    qtbot.waitUntil(lambda: card.verdict.text() == "Pass")
    assert not card.critical.isVisibleTo(dashboard)


def test_a_burst_of_edits_costs_one_recompute(qtbot: QtBot, session: AuditSession) -> None:
    dashboard = shown_dashboard(qtbot, session)
    before = dashboard.refresh_count
    audit = session.audit
    for n in range(100):
        session.edit(audit.set_choice, ref("P2.1"), ("full", "partly")[n % 2])
    assert dashboard.refresh_count == before  # nothing recomputed while the edits run
    qtbot.waitUntil(lambda: dashboard.refresh_count == before + 1)
    QApplication.processEvents()
    assert dashboard.refresh_count == before + 1
    assert dashboard.cards[0].progress.label.text() == "1 / 4 answered"


def test_a_hidden_dashboard_waits_until_it_is_shown(qtbot: QtBot, session: AuditSession) -> None:
    dashboard = DashboardWidget(session)
    qtbot.addWidget(dashboard)
    before = dashboard.refresh_count
    session.edit(session.audit.set_choice, ref("P2.1"), "full")
    QApplication.processEvents()
    assert dashboard.refresh_count == before
    dashboard.show()
    assert dashboard.refresh_count == before + 1
    assert dashboard.overview.progress.label.text() == "1 / 4 answered"


def test_profile_and_findings_counts(qtbot: QtBot, session: AuditSession) -> None:
    dashboard = shown_dashboard(qtbot, session)
    audit = session.audit
    finding = session.edit(audit.add_finding, ref("P1.1"), "major", "Remote access without approval")
    assert finding is not None and finding.created_id is not None
    session.edit(audit.add_action, finding.created_id, "Remove the remote tool", "IT", "2000-01-31", "open")
    session.edit(audit.add_finding, ref("P2.1"), "observation", "Schedule printed by hand")
    session.edit(audit.set_profile, "auditors", ["Liu Jing", "Sun Weidong"])
    qtbot.waitUntil(lambda: "Sun Weidong" in dashboard.overview.profile.text())
    findings = dashboard.overview.findings.text()
    lines = findings.split("<br>")  # one severity a line
    assert [line.split("</span>&nbsp;")[1] for line in lines] == [
        "Major&nbsp;<b>1</b>", "Minor&nbsp;<b>0</b>", "Observation&nbsp;<b>1</b>"]
    assert "<b style='font-size:large'>1</b>" in dashboard.overview.open_actions.text()
    assert "1 overdue" in dashboard.overview.open_actions.text()


def test_the_radar_has_one_axis_per_top_level_section_in_the_interface_language(
        qtbot: QtBot, session: AuditSession) -> None:
    apply_language("zh")
    dashboard = shown_dashboard(qtbot, session)
    radar = dashboard.cards[0].radar
    assert [axis.label for axis in radar.axes] == ["设备联网", "生产管理", "质量追溯"]
    session.edit(session.audit.set_choice, ref("P2.1"), "partly")
    qtbot.waitUntil(lambda: radar.axes[1].score == 0.5)
    points = radar.points()
    assert points[0] is None and points[2] is None and points[1] is not None
    image = radar.grab().toImage()
    assert not image.isNull()
    geometry = radar.geometry_for(radar.width(), radar.height())
    # the half-score point of the second axis (to the lower right) is drawn in the "below the pass mark" red
    spot = points[1] * image.devicePixelRatio()
    assert image.pixelColor(round(spot.x()), round(spot.y())) == QColor("#c62828")
    assert geometry.radius > 50


def test_radar_geometry() -> None:
    center = QPointF(100, 100)
    points = radar_points([1.0, 0.5, None, 0.0], center, 50)
    assert points[0] == QPointF(100, 50)  # the first axis points up
    assert points[1] is not None and math.isclose(points[1].x(), 125) and math.isclose(points[1].y(), 100)
    assert points[2] is None
    assert points[3] is not None and math.isclose(points[3].x(), 100) and math.isclose(points[3].y(), 100)
    assert radar_points([1.5, -1.0], center, 50)[0] == QPointF(100, 50)  # clamped to the rings
    assert scored_runs([1.0, 0.5, None, 0.0]) == [[3, 0, 1]]  # the run wraps round past the first axis
    assert scored_runs([None, 1.0, None, 1.0, 1.0]) == [[1], [3, 4]]
    assert scored_runs([0.2, 0.4, 0.6]) == [[0, 1, 2]]
    assert math.isclose(axis_angle(1, 4), 0.0) and math.isclose(axis_angle(0, 1), -math.pi / 2)


@pytest.mark.parametrize("count", [1, 2, 40])
def test_radar_paints_few_and_many_sections(qtbot: QtBot, count: int) -> None:
    radar = RadarChart()
    qtbot.addWidget(radar)
    radar.set_data([RadarAxis(f"Section {n}", None if n % 3 == 2 else n / count) for n in range(count)], 0.8)
    radar.resize(radar.sizeHint())
    radar.show()
    assert not radar.grab().toImage().isNull()
    points = radar.points()
    assert len(points) == count
    geometry = radar.geometry_for(radar.width(), radar.height())
    for point in points:
        if point is not None:
            assert math.dist((point.x(), point.y()), (geometry.center.x(), geometry.center.y())) <= geometry.radius
    assert radar.axis_at(geometry.center + QPointF(0, -geometry.radius)) == 0


def test_dashboard_on_a_checklist_with_many_sections(qtbot: QtBot, tmp_path: Path) -> None:
    with open_session(tmp_path, sections_checklist(40)) as session:
        dashboard = shown_dashboard(qtbot, session)
        radar = dashboard.cards[0].radar
        assert len(radar.axes) == 40 and radar.radial_labels()
        assert not dashboard.grab().isNull()


@pytest.mark.parametrize("count", [3, 5, 8, 12, 16])
@pytest.mark.parametrize("width", [300, 460, 700])
def test_radar_labels_take_room_where_there_is_some_and_never_overlap(qtbot: QtBot, count: int, width: int) -> None:
    radar = RadarChart()
    qtbot.addWidget(radar)
    titles = ["Factory construction", "Digital infrastructure and networks", "工厂数字化规划设计", "Lean production",
              "Supply-chain risk warning and resilience", "质量精准追溯"]
    radar.set_data([RadarAxis(titles[n % len(titles)], n / count) for n in range(count)], 0.8)
    radar.resize(width, radar.sizeHint().height())
    geometry = radar.geometry_for(radar.width(), radar.height())
    layout = radar.label_layout(geometry)
    snug = [radar.label_room(geometry, axis_angle(n, count)) for n in range(count)]
    for index, label in enumerate(layout):
        for other, other_label in enumerate(layout):
            if other != index and (width >= 460 or label[0].width() > snug[index] + 2):  # crowded and narrow:
                assert not radar.labels_overlap(label, other_label), (index, other, label[2])  # widened ones
    if count == 8 and width == 700:  # room enough: the top label is whole, not cut to fit its neighbours' gap
        assert " ".join(layout[0][2][:-1]) == "Factory construction"
    for index, (box, _align, _lines) in enumerate(layout):  # hovering anywhere on a label names its own axis
        for corner in (box.topLeft(), box.topRight(), box.bottomLeft(), box.bottomRight()):
            inside = corner + QPointF(1 if corner.x() < box.center().x() else -1,
                                      1 if corner.y() < box.center().y() else -1)
            assert radar.axis_at(inside) in (index, *(other for other, (other_box, _a, _l) in enumerate(layout)
                                                       if other_box.contains(inside))), (index, inside)


@pytest.mark.parametrize("width", [420, 520, 700, 1000])
def test_a_narrow_dashboard_fits_its_width_and_gives_the_radar_the_spare_height(
        qtbot: QtBot, session: AuditSession, width: int) -> None:
    dashboard = shown_dashboard(qtbot, session)
    dashboard.resize(width, 700)
    qtbot.waitUntil(lambda: dashboard.horizontalScrollBar().maximum() == 0)  # no card wider than the pane
    card = dashboard.cards[0]
    if card.box.direction() == QBoxLayout.Direction.TopToBottom:  # the numbers above the radar: only as tall as
        assert card.info.height() <= card.info.sizeHint().height() + 2  # they need, the rest goes to the chart
        assert card.radar.y() - (card.info.y() + card.info.height()) <= 2 * card.box.spacing()
