"""Correcting the factory profile of an open audit: one undo step, and the tags change which items apply."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from app.core.audit import Audit, ItemRef
from app.ui import settings
from app.ui.main_window import MainWindow
from app.ui.profile_dialog import ProfileDialog
from tests.ui.helpers_widgets import when_dialog_opens

OpenWindow = Callable[[Path], MainWindow]


def test_the_profile_is_corrected_in_one_undo_step_and_tags_decide_what_applies(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    audit = view.session.audit
    i6 = view.model.node_of(ItemRef("small", "I6"))
    assert i6 is not None and not i6.applicable  # for 'process' factories; this one is 'discrete'

    def correct(dialog: ProfileDialog) -> None:
        assert dialog.fields["name"].text() == audit.profile.name
        dialog.fields["name"].clear()
        dialog.accept()  # the name is required: refused, with the reason
        assert dialog.isVisible() and dialog.errors["name"].text()
        dialog.fields["name"].insert("恒岳重工（苏州）")  # (QTest types ASCII only)
        for row in range(dialog.tags.count()):
            item = dialog.tags.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == "process":
                item.setCheckState(Qt.CheckState.Checked)
        dialog.accept()

    before = audit.profile
    when_dialog_opens(ProfileDialog, correct)
    window.edit_profile()
    assert audit.profile.name == "恒岳重工（苏州）" and set(audit.profile.tags) == {"discrete", "process"}
    assert "恒岳重工（苏州）" in window.windowTitle()
    assert i6.applicable  # now it applies, and counts in the progress
    assert settings.recent_titles()[audit.path.resolve()] == "恒岳重工（苏州）"  # the start page's list says it too
    window.undo()  # the whole correction, in one step
    assert audit.profile == before and not i6.applicable
    assert window.message_label.text() == "Undone: the factory profile's name, tags"  # no item to show it on
    window.redo()
    assert window.message_label.text() == "Redone: the factory profile's name, tags"
    window.undo()

    when_dialog_opens(ProfileDialog, lambda dialog: dialog.accept())  # OK without a change: nothing to undo
    window.edit_profile()
    assert audit.profile == before and not view.session.can_undo()


def test_an_unchanged_profile_gives_no_changes_and_keeps_tags_no_checklist_declares(
        qtbot: QtBot, audit_path: Path) -> None:
    with Audit.open(audit_path) as audit:
        audit.update_profile({"tags": ("discrete", "legacy-tag"), "auditors": "Liu Jing, Sun Weidong",
                              "start_date": "", "end_date": ""})  # as the CLI may leave it: no dates
        dialog = ProfileDialog(audit)
        qtbot.addWidget(dialog)
        assert dialog.changes() == {}  # OK on what is shown changes nothing
        assert set(dialog.chosen_tags()) == {"discrete", "legacy-tag"}
        assert dialog.fields["auditors"].text() == "Liu Jing, Sun Weidong"


def test_ok_on_an_untouched_profile_rewrites_nothing(qtbot: QtBot, audit_path: Path) -> None:
    with Audit.open(audit_path) as audit:
        audit.update_profile({"tags": ("process", "discrete"), "auditors": ("Smith, J.", "Wang Fang"),
                              "scope": "Hall 1\r\nHall 2"})  # as the CLI may write them
        dialog = ProfileDialog(audit)
        qtbot.addWidget(dialog)
        assert dialog.changes() == {}  # not the tags' order, not "Smith" and "J.", not the line ends
        dialog.fields["industry"].setText("Machinery")
        assert dialog.changes() == {"industry": "Machinery"}


def test_a_date_not_set_starts_from_today(qtbot: QtBot, audit_path: Path) -> None:
    with Audit.open(audit_path) as audit:
        audit.update_profile({"start_date": "", "end_date": ""})
        dialog = ProfileDialog(audit)
        qtbot.addWidget(dialog)
        assert dialog.start_date.text() == "No date"
        qtbot.keyClick(dialog.start_date, Qt.Key.Key_Up)
        assert dialog.start_date.date() == QDate.currentDate()  # not 1752
        assert dialog.changes() == {"start_date": QDate.currentDate().toString("yyyy-MM-dd")}


def test_a_profile_edit_leaves_the_dashboard_showing_under_a_filter(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    window.set_show("unanswered")
    view.show_dashboard()

    def set_industry(dialog: ProfileDialog) -> None:
        dialog.fields["industry"].setText("Machinery")
        dialog.accept()

    when_dialog_opens(ProfileDialog, set_industry)
    window.edit_profile()
    assert view.session.audit.profile.industry == "Machinery"
    assert view.tabs.currentWidget() is view.dashboard_page


def test_an_error_ok_showed_goes_once_its_field_is_corrected(qtbot: QtBot, audit_path: Path) -> None:
    with Audit.open(audit_path) as audit:
        dialog = ProfileDialog(audit)
        qtbot.addWidget(dialog)
        dialog.fields["name"].clear()
        dialog.start_date.setDate(QDate(2026, 11, 20))
        dialog.end_date.setDate(QDate(2026, 11, 19))
        assert dialog.errors["name"].isHidden() and dialog.errors["end_date"].isHidden()  # none before OK
        dialog.accept()
        assert dialog.errors["name"].text() == "The factory name is required."
        assert dialog.errors["end_date"].text() == "The end date is before the start date."
        qtbot.keyClicks(dialog.fields["name"], "Suzhou Precision")
        dialog.end_date.setDate(QDate(2026, 11, 21))
        assert dialog.errors["name"].isHidden() and dialog.errors["end_date"].isHidden()
        dialog.fields["name"].clear()  # and back, once OK has been pressed
        assert dialog.errors["name"].text() == "The factory name is required."
        assert audit.profile.name != "Suzhou Precision"  # nothing is saved before OK
