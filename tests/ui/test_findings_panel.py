"""Findings and corrective actions of an item: add, edit, remove through the session, by dialogs and keys; undo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.core.audit import ItemRef
from app.ui.finding_dialogs import ActionDialog, FindingDialog
from app.ui.findings_panel import ACTION, FINDING, FindingsPanel
from app.ui.language import apply_language
from app.ui.main_window import MainWindow
from app.ui.session import AuditSession
from tests.ui.helpers_widgets import ref, when_dialog_opens

ITEM = ref("P2.1")


def make_panel(qtbot: QtBot, session: AuditSession) -> FindingsPanel:
    panel = FindingsPanel(session)
    qtbot.addWidget(panel)
    panel.resize(760, 360)
    panel.set_item(ITEM)
    with qtbot.waitExposed(panel):
        panel.show()
    return panel


@pytest.fixture
def panel(qtbot: QtBot, session: AuditSession) -> FindingsPanel:
    return make_panel(qtbot, session)


def rows(panel: FindingsPanel) -> list[tuple[str, ...]]:
    """Every row as its texts, an action row indented by a leading '>'."""
    result: list[tuple[str, ...]] = []
    for index in range(panel.tree.topLevelItemCount()):
        top = panel.tree.topLevelItem(index)
        assert top is not None
        result.append((top.text(0),))
        for child_index in range(top.childCount()):
            child = top.child(child_index)
            assert child is not None
            result.append((">", *(child.text(column) for column in range(4))))
    return result


def test_findings_and_actions_add_edit_remove_and_undo(panel: FindingsPanel, session: AuditSession) -> None:
    audit = session.audit
    finding_id = panel.add_finding("major", "No APS: the schedule is kept in a spreadsheet")
    assert finding_id is not None
    action_id = panel.add_action(finding_id, "Roll out the APS module", "Planning / Wang Lei", "2030-06-30")
    assert action_id is not None
    assert rows(panel) == [("Major — No APS: the schedule is kept in a spreadsheet",),
                           (">", "Roll out the APS module", "Planning / Wang Lei", "2030-06-30", "Not started")]
    assert panel.selected() == (ACTION, action_id)
    assert panel.heading.text() == "Findings and corrective actions (1)"

    panel.update_finding(finding_id, "minor", "Schedule kept in a spreadsheet")
    assert [(f.severity, f.description) for f in audit.findings(ITEM)] == [("minor", "Schedule kept in a spreadsheet")]
    session.undo()  # both fields in one step
    assert [(f.severity, f.description) for f in audit.findings(ITEM)] == [
        ("major", "No APS: the schedule is kept in a spreadsheet")]

    panel.update_action(action_id, "Roll out the APS module", "Planning / Wang Lei", "", "in_progress")
    assert [(a.due, a.status) for a in audit.actions(finding_id)] == [("", "in_progress")]
    assert rows(panel)[1][3:] == ("", "In progress")

    panel.remove_finding(finding_id)  # takes its actions with it
    assert audit.findings(ITEM) == [] and audit.actions() == []
    assert rows(panel) == [] and panel.empty_hint.isVisible()
    session.undo()  # one step brings back the finding and its action
    assert [f.id for f in audit.findings(ITEM)] == [finding_id]
    assert [(a.id, a.status) for a in audit.actions(finding_id)] == [(action_id, "in_progress")]
    assert len(rows(panel)) == 2


def test_refused_edits_report_through_the_session(qtbot: QtBot, panel: FindingsPanel, session: AuditSession) -> None:
    with qtbot.waitSignal(session.failed) as failed:
        assert panel.add_finding("major", "   ") is None
    assert failed.args == ["a finding needs a description"]
    assert session.audit.findings(ITEM) == []


def test_dialogs_and_keys(qtbot: QtBot, panel: FindingsPanel, session: AuditSession) -> None:
    def write_finding(dialog: QWidget) -> None:
        assert isinstance(dialog, FindingDialog)
        assert not dialog.ok.isEnabled()  # a description is required
        dialog.severity.setCurrentIndex(dialog.severity.findData("observation"))
        qtbot.keyClicks(dialog.description, "Changeover times are not recorded")
        qtbot.keyClick(dialog.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(QWidget, write_finding)
    qtbot.mouseClick(panel.add_finding_button, Qt.MouseButton.LeftButton)
    findings = session.audit.findings(ITEM)
    assert [(f.severity, f.description) for f in findings] == [("observation", "Changeover times are not recorded")]

    def write_action(dialog: QWidget) -> None:
        assert isinstance(dialog, ActionDialog)
        qtbot.keyClicks(dialog.description, "Log changeovers in the MES")
        qtbot.keyClicks(dialog.owner, "Li Ming")
        dialog.has_due.setChecked(True)
        dialog.due.setDate(QDate(2031, 3, 15))
        dialog.status.setCurrentIndex(dialog.status.findData("in_progress"))
        dialog.ok.click()

    when_dialog_opens(QWidget, write_action)
    qtbot.mouseClick(panel.add_action_button, Qt.MouseButton.LeftButton)
    actions = session.audit.actions(findings[0].id)
    assert [(a.description, a.owner, a.due, a.status) for a in actions] == [
        ("Log changeovers in the MES", "Li Ming", "2031-03-15", "in_progress")]

    def close_action(dialog: QWidget) -> None:
        assert isinstance(dialog, ActionDialog)
        assert dialog.values() == ("Log changeovers in the MES", "Li Ming", "2031-03-15", "in_progress")
        dialog.status.setCurrentIndex(dialog.status.findData("done"))
        dialog.has_due.setChecked(False)
        dialog.ok.click()

    panel.tree.setFocus()
    assert panel.selected() == (ACTION, actions[0].id)
    when_dialog_opens(QWidget, close_action)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)  # Enter edits the selected row
    assert [(a.due, a.status) for a in session.audit.actions()] == [("", "done")]

    for held in (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier):  # Ctrl+D: the dashboard
        qtbot.keyClick(panel.tree, Qt.Key.Key_Delete, held)
    assert len(session.audit.actions()) == 1
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)  # Delete removes the selected action
    assert session.audit.actions() == [] and len(rows(panel)) == 1
    session.undo()
    assert len(session.audit.actions()) == 1 and len(rows(panel)) == 2


def test_overdue_open_actions_are_marked(panel: FindingsPanel) -> None:
    finding_id = panel.add_finding("minor", "Gauge calibration lapsed")
    assert finding_id is not None
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    panel.add_action(finding_id, "Recalibrate", due=yesterday)
    panel.add_action(finding_id, "Check the other gauges", due=yesterday, status="done")
    top = panel.tree.topLevelItem(0)
    assert top is not None
    late, finished = top.child(0), top.child(1)
    assert late is not None and finished is not None
    assert late.foreground(2).color() == QColor("#c62828") and late.toolTip(2) == "overdue"
    assert finished.toolTip(2) == ""


def test_chinese_names(qtbot: QtBot, session: AuditSession) -> None:
    apply_language("zh")
    panel = make_panel(qtbot, session)
    finding_id = panel.add_finding("major", "远程访问未审批")
    assert finding_id is not None
    panel.add_action(finding_id, "卸载远程软件", "信息部 周涛", "2030-12-15", "verified")
    assert rows(panel) == [("严重不符合 — 远程访问未审批",),
                           (">", "卸载远程软件", "信息部 周涛", "2030-12-15", "已验证")]
    assert panel.heading.text() == "问题与整改措施（1）"
    assert panel.select(FINDING, finding_id) and panel.selected() == (FINDING, finding_id)


def test_the_menu_key_opens_the_menu_of_the_current_row_wherever_the_mouse_is(
        qtbot: QtBot, panel: FindingsPanel) -> None:
    finding_id = panel.add_finding("major", "Remote access uncontrolled")
    assert finding_id is not None
    action_id = panel.add_action(finding_id, "Remove the remote-control software")
    assert action_id is not None
    seen: list[tuple[list[str], tuple[str, int] | None]] = []

    def read_the_menu() -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(10, read_the_menu)
            return
        seen.append(([action.text() for action in menu.actions()], panel.selected()))
        menu.close()

    panel.select(ACTION, action_id)
    QTimer.singleShot(0, read_the_menu)
    at = QPoint(2, 2)  # read as where the mouse is, the finding row
    QApplication.sendEvent(panel.tree, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, at,
                                                         panel.tree.mapToGlobal(at), Qt.KeyboardModifier.NoModifier))
    assert seen and seen[0][1] == (ACTION, action_id)  # still the action: its menu, with Set status
    assert "Set status" in seen[0][0]
    QTimer.singleShot(0, read_the_menu)
    finding_row = panel.tree.visualItemRect(panel.tree.topLevelItem(0)).center()  # a right-click: the row clicked
    QApplication.sendEvent(panel.tree.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, finding_row, panel.tree.viewport().mapToGlobal(finding_row),
        Qt.KeyboardModifier.NoModifier))
    assert len(seen) == 2 and seen[1][1] == (FINDING, finding_id) and "Set status" not in seen[1][0]


def test_the_due_date_calendar_opens_and_picks_by_keyboard(qtbot: QtBot) -> None:
    dialog = ActionDialog(due="2031-03-15")
    qtbot.addWidget(dialog)
    dialog.show()
    calendar = dialog.due.calendarWidget()
    alt = Qt.KeyboardModifier.AltModifier
    for key, held in ((Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_Down, alt)):
        dialog.due.setFocus()
        qtbot.keyClick(dialog.due, key, held)
        qtbot.waitUntil(lambda: calendar.isVisible())
        qtbot.keyClick(calendar, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not calendar.isVisible())
    assert dialog.due.date() == QDate(2031, 3, 15)
    qtbot.keyClick(dialog.due, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: calendar.isVisible())
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Right)  # a day later
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert dialog.values()[2] == "2031-03-16"


def test_a_new_finding_or_action_is_scrolled_into_view(qtbot: QtBot, audit_path: Path,
                                                        open_window: Callable[[Path], MainWindow]) -> None:
    window = open_window(audit_path)
    window.resize(1200, 420)  # a page shorter than the item's texts and findings
    view = window.view
    assert view is not None and view.select_ref(ItemRef("small", "I1"))
    page, panel = view.item_panel, view.item_panel.findings

    def new_row_shown(text: str) -> bool:
        row = panel.tree.currentItem()
        assert row is not None and row.text(0).endswith(text)
        rect = panel.tree.visualItemRect(row)
        top = panel.tree.viewport().mapTo(page.viewport(), rect.topLeft()).y()
        return top >= 0 and top + rect.height() <= page.viewport().height()

    for number in range(3):
        finding_id = panel.add_finding("minor", f"Finding {number}")
        assert finding_id is not None
        qtbot.waitUntil(lambda number=number: new_row_shown(f"Finding {number}"), timeout=2000)
        assert panel.add_action(finding_id, f"Action {number}", due="2031-01-01") is not None
        qtbot.waitUntil(lambda number=number: new_row_shown(f"Action {number}"), timeout=2000)
    assert page.verticalScrollBar().value() > 0


def test_the_fitted_columns_leave_a_margin_after_their_text(qtbot: QtBot, session: AuditSession) -> None:
    panel = make_panel(qtbot, session)
    finding_id = panel.add_finding("minor", "Gauge out of calibration")
    assert finding_id is not None
    panel.add_action(finding_id, "Recalibrate", owner="Li Ming", due="2031-01-01", status="in_progress")
    QApplication.processEvents()
    row = panel.tree.currentItem()
    assert row is not None
    metrics = panel.tree.fontMetrics()
    for column in (1, 2, 3):
        used = metrics.horizontalAdvance(row.text(column)) + (20 if not row.icon(column).isNull() else 0)
        assert panel.tree.header().sectionSize(column) >= used + 16, column


def test_the_rows_wrap_to_the_width_the_list_shows_with_and_without_its_scroll_bar(
        qtbot: QtBot, panel: FindingsPanel) -> None:
    from app.ui.widgets import viewport_width

    panel.add_finding("minor", "Gauge calibration lapsed")
    assert not panel.tree.verticalScrollBar().isVisible()
    assert viewport_width(panel.tree) == panel.tree.viewport().width()
    for number in range(12):  # more than the list's height: it scrolls
        panel.add_finding("minor", f"Finding {number} " + "with a long description " * 6)
    qtbot.waitUntil(panel.tree.verticalScrollBar().isVisible)
    assert viewport_width(panel.tree) == panel.tree.viewport().width()


def test_what_the_action_and_edit_dialogs_hold_is_kept_as_typed_until_ok_or_cancel(
        qtbot: QtBot, panel: FindingsPanel, session: AuditSession) -> None:
    """As a note is: a crash with one of these dialogs open loses at most the keystroke in flight."""
    audit = session.audit
    finding_id = panel.add_finding("minor", "Schedules kept in Excel")
    assert finding_id is not None
    seen: list[list[tuple[str, str]]] = []

    def type_then(ok: bool, typing: Callable[[Any], None]) -> Callable[[QWidget], None]:
        def run(dialog: QWidget) -> None:
            typing(dialog)
            seen.append([(draft.field, draft.text) for draft in audit.drafts()])
            (dialog.ok.click if ok else dialog.reject)()  # type: ignore[attr-defined]
        return run

    def new_action(dialog: Any) -> None:
        qtbot.keyClicks(dialog.description, "Introduce an APS")
        qtbot.keyClicks(dialog.owner, "Wang")

    for ok in (False, True):
        assert panel.select(FINDING, finding_id)
        when_dialog_opens(ActionDialog, type_then(ok, new_action))
        qtbot.mouseClick(panel.add_action_button, Qt.MouseButton.LeftButton)
        assert seen[-1] == [(f"action+{finding_id}", '{"description": "Introduce an APS", "owner": "Wang", '
                                                     '"due": "", "status": "open"}')]
        assert audit.drafts() == []
    [action] = audit.actions(finding_id)

    def edit_finding(dialog: Any) -> None:
        dialog.severity.setCurrentIndex(dialog.severity.findData("major"))
        qtbot.keyClicks(dialog.description, " only")

    def edit_action(dialog: Any) -> None:
        dialog.status.setCurrentIndex(dialog.status.findData("done"))

    for kind, record_id, editing, field, text in (
            (FINDING, finding_id, edit_finding, f"finding#{finding_id}", "major\nSchedules kept in Excel only"),
            (ACTION, action.id, edit_action, f"action#{action.id}",
             '{"description": "Introduce an APS", "owner": "Wang", "due": "", "status": "done"}')):
        for ok in (False, True):
            assert panel.select(kind, record_id)
            panel.tree.setFocus()
            when_dialog_opens(FindingDialog if kind == FINDING else ActionDialog, type_then(ok, editing))
            qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
            assert seen[-1] == [(field, text)]
            assert audit.drafts() == []
    assert (audit.findings()[0].severity, audit.findings()[0].description) == ("major", "Schedules kept in Excel only")
    assert audit.actions()[0].status == "done"
    session.undo()  # the edit of the action, one step, as before
    assert audit.actions()[0].status == "open"


def test_moving_through_the_findings_by_keyboard_keeps_the_current_row_in_view(
        qtbot: QtBot, audit_path: Path, open_window: Callable[[Path], MainWindow]) -> None:
    window = open_window(audit_path)
    window.resize(1200, 420)  # a page shorter than the item's texts and findings
    view = window.view
    assert view is not None and view.select_ref(ItemRef("small", "I1"))
    page, panel = view.item_panel, view.item_panel.findings
    for number in range(4):
        finding_id = panel.add_finding("minor", f"Finding {number}")
        assert finding_id is not None and panel.add_action(finding_id, f"Action {number}") is not None
    page.verticalScrollBar().setValue(0)  # the auditor scrolled back up, then tabs into the list
    assert panel.select(FINDING, panel.session.audit.findings()[0].id)
    panel.tree.setFocus()

    def current_row_shown() -> bool:
        row = panel.tree.currentItem()
        assert row is not None
        rect = panel.tree.visualItemRect(row)
        top = panel.tree.viewport().mapTo(page.viewport(), rect.topLeft()).y()
        return top >= 0 and top + rect.height() <= page.viewport().height()

    for _row in range(7):  # down to the last action
        qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
        qtbot.waitUntil(current_row_shown, timeout=2000)
    assert panel.tree.currentItem().text(0).endswith("Action 3")  # type: ignore[union-attr]


def test_tab_goes_through_the_dialogs_fields_as_they_are_shown_then_ok_and_cancel(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    for dialog, fields in ((finding := FindingDialog(description="Excel"), [finding.severity, finding.description]),
                           (action := ActionDialog(description="Plan", owner="Li", due="2031-01-01"),
                            [action.description, action.owner, action.has_due, action.due, action.status])):
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        dialog.activateWindow()
        cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        fields[0].setFocus()
        visited = [QApplication.focusWidget()]
        while visited[-1] is not cancel and len(visited) < 12:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            if QApplication.focusWidget() is not visited[-1]:  # Tab steps through a date's parts first
                visited.append(QApplication.focusWidget())
        assert visited == [*fields, dialog.ok, cancel], type(dialog).__name__


def _answer_discard_question(qtbot: QtBot, key: Qt.Key, asked: list[str]) -> None:
    """Answer the question that cancelling a dialog with typing in it asks, by ``key`` (Esc: keep editing; Enter:
    discard)."""
    from PySide6.QtWidgets import QMessageBox

    def answer(box: QMessageBox) -> None:
        asked.append(box.text())
        qtbot.keyClick(box, key)

    when_dialog_opens(QMessageBox, answer)


def test_esc_cancel_or_the_title_bar_ask_before_typing_is_discarded(
        qtbot: QtBot, panel: FindingsPanel, session: AuditSession) -> None:
    """Esc, Esc keeps the dialog and its typing; Esc, Enter discards it. A dialog left as it opened closes at once,
    and a close that the program makes never asks (quitting so keeps the typing as a draft for the next opening:
    see test_quitting_with_a_corrective_action_dialog_open_keeps_its_typing_for_the_next_opening)."""
    from PySide6.QtGui import QCloseEvent

    asked: list[str] = []
    outcome: list[tuple[bool, str]] = []

    def type_then_escape(dialog: FindingDialog) -> None:
        qtbot.keyClicks(dialog.description, "Paper records")
        _answer_discard_question(qtbot, Qt.Key.Key_Escape, asked)  # keep editing
        qtbot.keyClick(dialog.description, Qt.Key.Key_Escape)
        outcome.append((dialog.isVisible(), dialog.description.toPlainText()))
        _answer_discard_question(qtbot, Qt.Key.Key_Return, asked)  # discard, the default
        qtbot.keyClick(dialog.description, Qt.Key.Key_Escape)

    when_dialog_opens(FindingDialog, type_then_escape)
    panel.new_finding()
    assert asked == ["Discard your changes?"] * 2 and outcome == [(True, "Paper records")]
    assert session.audit.findings() == [] and session.audit.drafts() == []

    class TitleBarClose(QCloseEvent):
        def spontaneous(self) -> bool:
            return True

    def close_by_title_bar(dialog: FindingDialog) -> None:
        qtbot.keyClicks(dialog.description, "Paper records")
        _answer_discard_question(qtbot, Qt.Key.Key_Escape, asked)
        event = TitleBarClose()
        dialog.closeEvent(event)
        outcome.append((event.isAccepted(), dialog.description.toPlainText()))
        dialog.description.clear()  # back as it opened: Cancel closes at once
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()

    when_dialog_opens(FindingDialog, close_by_title_bar)
    panel.new_finding()
    assert len(asked) == 3 and outcome[-1] == (False, "Paper records")
    assert session.audit.findings() == [] and session.audit.drafts() == []

    def type_then_program_closes(dialog: FindingDialog) -> None:
        qtbot.keyClicks(dialog.description, "Paper records")
        dialog.close()  # not spontaneous: as QApplication.closeAllWindows() closes it

    when_dialog_opens(FindingDialog, type_then_program_closes)
    panel.new_finding()
    assert len(asked) == 3  # not asked
