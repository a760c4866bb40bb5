"""The audit window driven by the keyboard, as an auditor would: answers, N/A, undo, search, notes, restart."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.core.audit import MAX_TEXT, Audit, ItemRef
from app.core.checklist_cache import DetailStore
from app.ui import settings
from app.ui.application import open_main_window
from app.ui.checklist_filter import SHOW_UNANSWERED
from app.ui.checklist_model import ANSWER_COLUMN, PROGRESS_COLUMN, SCORE_COLUMN
from app.ui.dialogs import NaReasonDialog
from app.ui.main_window import DEFAULT_SIZE, MainWindow, default_size
from app.ui.session import DRAFT_WAIT_MS, AuditSession
from app.ui.widgets import SavingTextEdit
from tests.helpers import audit_with_a_broken_photo_chain, with_a_write_ahead_log
from tests.ui.helpers_widgets import picture_file, stored_drafts, when_dialog_opens

OpenWindow = Callable[[Path], MainWindow]


def ref(item_id: str) -> ItemRef:
    return ItemRef("small", item_id)


def current_id(window: MainWindow) -> str | None:
    assert window.view is not None
    current = window.view.current_ref()
    return current.item_id if current else None


def answer_na_dialog(qtbot: QtBot, reason: str) -> None:
    """Fill in the N/A dialog as soon as it is open: type the reason and press Enter."""
    def fill(dialog: NaReasonDialog) -> None:
        assert not dialog.ok.isEnabled()  # a reason is required
        qtbot.keyClicks(dialog.reason, reason)
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)

    when_dialog_opens(NaReasonDialog, fill)


def visible_item_ids(window: MainWindow) -> list[str]:
    """The items in the tree as the auditor sees it (the model itself, or the filter over it)."""
    assert window.view is not None
    shown = window.view.tree.model()
    found: list[str] = []
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        for row in range(shown.rowCount(parent)):
            index = shown.index(row, 0, parent)
            node = window.view.node_at(index)
            if node is not None and node.ref is not None:
                found.append(node.ref.item_id)
            stack.append(index)
    return sorted(found)


def test_keys_answer_and_move_on_and_undo_restores(qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    audit = view.session.audit
    assert current_id(window) == "I1"  # the first open item is selected ...
    qtbot.waitUntil(view.tree.hasFocus)  # ... and the tree has the focus

    qtbot.keyClick(view.tree, Qt.Key.Key_1)  # conformity: 1 = fully met
    assert audit.answer(ref("I1")).choice == "full"
    assert current_id(window) == "I2"
    qtbot.keyClick(view.tree, Qt.Key.Key_3)  # yes/no has two answers: said, nothing changes
    assert audit.answer(ref("I2")).choice is None and current_id(window) == "I2"
    assert window.message_label.text() == "This item has 2 answers: keys 1–2, or 0 for N/A."
    qtbot.keyClick(view.tree, Qt.Key.Key_2)  # yes/no: 2 = no
    assert audit.answer(ref("I2")).choice == "no"
    assert current_id(window) == "I3"
    assert window.message_label.text() == ""  # said of I2: gone with it
    answer_na_dialog(qtbot, "no networked machines in this hall")
    qtbot.keyClick(view.tree, Qt.Key.Key_0)
    assert audit.answer(ref("I3")).na_reason == "no networked machines in this hall"
    assert current_id(window) == "I4"
    assert window.saved_label.text().startswith("Saved ")
    qtbot.waitUntil(window.isActiveWindow)  # the window takes the keys again after the dialog

    qtbot.keyClick(view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not audit.answer(ref("I3")).is_na
    assert current_id(window) == "I3"  # undo shows the item it changed
    qtbot.keyClick(view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert audit.answer(ref("I2")).choice is None
    assert view.model.index_of(ref("I2")).siblingAtColumn(1).data() == ""
    assert not any(button.isChecked() for button in view.item_panel.answer.buttons.values())
    qtbot.keyClick(view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert audit.answer(ref("I2")).choice == "no"
    assert view.item_panel.answer.buttons["no"].isChecked()
    view.tree.setCurrentIndex(view.tree.currentIndex().parent())  # a section row: a digit there is said, not lost
    qtbot.keyClick(view.tree, Qt.Key.Key_1)
    assert window.message_label.text().startswith("Keys 1–9 and 0 answer an item; this row is a section.")


def _typing_a_note(open_window: OpenWindow, audit_path: Path) -> tuple[MainWindow, Audit, SavingTextEdit]:
    """A window on the audit, its audit, and the note of the item shown (I1), with the focus."""
    window = open_window(audit_path)
    assert window.view is not None
    note = window.view.item_panel.note
    note.setFocus()
    return window, window.view.session.audit, note


def test_a_typed_note_is_undone_burst_by_burst(qtbot: QtBot, audit_path: Path,
                                                     open_window: OpenWindow) -> None:
    window, audit, note = _typing_a_note(open_window, audit_path)
    view = window.view
    assert view is not None
    qtbot.keyClicks(note, "Two PLCs offline")
    qtbot.waitUntil(lambda: audit.answer(ref("I1")).note == "Two PLCs offline")
    qtbot.keyClicks(note, ", replaced")
    qtbot.keyClicks(note, " next week")
    view.focus_tree()  # leaving the editor saves at once
    assert audit.answer(ref("I1")).note == "Two PLCs offline, replaced next week"
    window.undo()  # the keystrokes since the last pause are one undo step ...
    assert audit.answer(ref("I1")).note == "Two PLCs offline"
    assert note.toPlainText() == "Two PLCs offline"
    window.undo()  # ... and so were those before it
    assert audit.answer(ref("I1")).note is None
    assert note.toPlainText() == ""
    assert not view.session.can_undo()


def test_every_keystroke_of_a_note_or_text_answer_is_in_the_file_before_the_save(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window, audit, note = _typing_a_note(open_window, audit_path)
    qtbot.keyClicks(note, "PLC")
    assert audit.answer(ref("I1")).note is None  # the save waits for a pause in the typing ...
    assert stored_drafts(audit_path) == [("I1", "note", "PLC")]  # ... but a crash now would lose nothing
    assert window.view.select_ref(ref("I5"))  # moving on saves the note, and its draft goes
    assert audit.answer(ref("I1")).note == "PLC" and stored_drafts(audit_path) == []
    text_answer = window.view.item_panel.answer.text_edit
    assert text_answer is not None
    text_answer.setFocus()
    qtbot.keyClicks(text_answer, "MES")
    assert stored_drafts(audit_path) == [("I5", "text", "MES")]
    qtbot.waitUntil(lambda: audit.answer(ref("I5")).text == "MES")
    assert stored_drafts(audit_path) == []


def test_on_a_slow_disk_typing_does_not_wait_for_each_draft_and_the_last_one_is_written(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    window = open_window(audit_path)
    assert window.view is not None
    written: list[str] = []
    save_draft = Audit.save_draft

    def on_a_usb_stick(audit: Audit, item: ItemRef, field: str, text: str) -> None:
        time.sleep(0.03)  # an fsync of 30 ms
        written.append(text)
        save_draft(audit, item, field, text)

    monkeypatch.setattr(Audit, "save_draft", on_a_usb_stick)
    note = window.view.item_panel.note
    note.setFocus()
    qtbot.keyClicks(note, "PLC down")
    assert written == ["P"]  # the first keystroke found the disk slow: the next ones wait together ...
    qtbot.waitUntil(lambda: stored_drafts(audit_path) == [("I1", "note", "PLC down")])
    assert written == ["P", "PLC down"]  # ... and are written as one draft, the last text typed
    qtbot.keyClicks(note, ", fixed")
    window.close_audit()  # drafts still waiting: written first, then the note saved as the audit closes
    qtbot.wait(400)
    assert written == ["P", "PLC down", "PLC down, fixed"]
    with Audit.open(audit_path) as audit:
        assert audit.answer(ref("I1")).note == "PLC down, fixed" and not audit.drafts()


def _typing_on_a_slow_disk(audit_path: Path, monkeypatch: pytest.MonkeyPatch) -> AuditSession:
    """A session whose every draft write is slow, after typing "a" (written) and "ab" (waiting for the timer)."""
    from app.ui import session as session_module

    monkeypatch.setattr(session_module, "SLOW_DRAFT_MS", -1)
    session = AuditSession(Audit.open(audit_path))
    session.save_draft(ref("I1"), "note", "a")
    session.save_draft(ref("I1"), "note", "ab")
    return session


def test_quitting_on_a_slow_disk_writes_the_last_keystrokes_drafts_first(
        qtbot: QtBot, audit_path: Path, monkeypatch: pytest.MonkeyPatch, open_window: OpenWindow) -> None:
    from app.ui import session as session_module

    monkeypatch.setattr(session_module, "SLOW_DRAFT_MS", -1)  # every draft after the first waits for its timer
    window = open_window(audit_path)
    assert window.view is not None and window.view.select_ref(ref("I3"))
    field = window.view.item_panel.answer.value_edit
    assert field is not None
    field.setFocus()
    qtbot.keyClicks(field, "12,5")
    qtbot.keyClick(field, Qt.Key.Key_Backspace)  # "12,": on its way to a number, not one yet
    window.close()  # quitting: the number stays a draft for the next opening to tell, as it was last typed
    assert stored_drafts(audit_path) == [("I3", "value", "12,")]


def test_drafts_waiting_for_a_slow_disk_are_let_go_when_their_audit_closes(
        qtbot: QtBot, audit_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = _typing_on_a_slow_disk(audit_path, monkeypatch)
    session.audit.close()
    qtbot.wait(DRAFT_WAIT_MS + 100)  # the timer fires on a closed audit: nothing written, no error
    with Audit.open(audit_path, recover=False) as audit:
        assert [draft.text for draft in audit.drafts()] == ["a"]
    session.deleteLater()


def test_a_draft_waiting_for_a_slow_disk_never_outlives_the_edit_that_saves_its_field(
        qtbot: QtBot, audit_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = _typing_on_a_slow_disk(audit_path, monkeypatch)
    session.edit(session.audit.set_note, ref("I1"), "ab")  # typing paused: saved
    session.undo()  # and taken back
    qtbot.wait(DRAFT_WAIT_MS + 100)
    assert session.audit.drafts() == []  # else the next opening would bring back the note undone
    session.audit.close()
    session.deleteLater()


def test_typing_left_unsaved_by_a_crash_is_recovered_at_opening_and_undo_takes_it_back(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    import sqlite3

    with Audit.open(audit_path) as audit:  # as a crash leaves it: typed, the save not yet come
        audit.set_note(ref("I2"), "Two PLCs")
        audit.save_draft(ref("I2"), "note", "Two PLCs offline")
        audit.set_note(ref("I4"), "ok")
    conn = sqlite3.connect(audit_path)  # and a draft that turns out to change nothing
    conn.execute("INSERT INTO draft VALUES ('small', 'I4', 'note', 'ok', '2026-11-29T08:00:00+00:00', '王工')")
    conn.commit()
    conn.close()
    window = open_window(audit_path)
    assert window.view is not None
    audit = window.view.session.audit
    # saved before the window shows anything, so that nothing typed in the meantime can come between
    assert audit.answer(ref("I2")).note == "Two PLCs offline" and audit.answer(ref("I4")).note == "ok"
    assert stored_drafts(audit_path) == []
    assert window.message_label.text() == ("Recovered what was typed but not saved when the program last stopped: "
                                           "the note of I2. Ctrl+Z takes it back.")
    assert current_id(window) == "I2"  # the recovered text is in view
    assert window.view.item_panel.note.toPlainText() == "Two PLCs offline"
    window.undo()
    assert audit.answer(ref("I2")).note == "Two PLCs"
    assert window.view.item_panel.note.toPlainText() == "Two PLCs"
    assert window.message_label.text() == ""  # Ctrl+Z would no longer take back the recovered text


def test_a_kpi_number_typed_before_a_crash_is_recovered_and_named_in_the_message(
        audit_path: Path, open_window: OpenWindow) -> None:
    with Audit.open(audit_path) as audit:  # typed, not yet confirmed with Enter
        audit.save_draft(ref("I3"), "value", "８５")
    window = open_window(audit_path)
    assert window.view is not None
    assert window.view.session.audit.answer(ref("I3")).value == 85
    assert "the current value of I3" in window.message_label.text()
    assert current_id(window) == "I3"
    value_field = window.view.item_panel.answer.value_edit
    assert value_field is not None and value_field.text() == "85"


def _drafts_while_a_dialog_is_typed_then_cancelled(qtbot: QtBot, window: MainWindow, dialog_type: type[QDialog],
                                                   key: Qt.Key, typing: Callable[[Any], None],
                                                   audit_path: Path) -> list[tuple[str, str, str]]:
    """On I4: ``key`` opens the dialog, ``typing`` fills it; the drafts a crash then would leave. It is cancelled."""
    view = window.view
    assert view is not None and view.select_ref(ref("I4"))
    kept: list[list[tuple[str, str, str]]] = []

    def type_then_cancel(dialog: Any) -> None:
        typing(dialog)
        kept.append(stored_drafts(audit_path))
        dialog.reject()

    when_dialog_opens(dialog_type, type_then_cancel)
    qtbot.keyClick(view.tree, key)
    assert stored_drafts(audit_path) == []  # cancelled: nothing to recover
    return kept[0]


def test_an_na_reason_is_kept_as_it_is_typed_and_recovered_after_a_crash(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    kept = _drafts_while_a_dialog_is_typed_then_cancelled(
        qtbot, window, NaReasonDialog, Qt.Key.Key_0, lambda dialog: qtbot.keyClicks(dialog.reason, "no APS yet"),
        audit_path)
    assert kept == [("I4", "na_reason", "no APS yet")]
    assert window.view is not None and window.view.session.audit.answer(ref("I4")).na_reason is None
    window.close()

    with Audit.open(audit_path) as audit:  # a crash while the reason was typed
        audit.save_draft(ref("I4"), "na_reason", "no APS yet")
    window = open_window(audit_path)
    assert window.view is not None and window.view.session.audit.answer(ref("I4")).na_reason == "no APS yet"
    assert "the N/A reason of I4" in window.message_label.text()
    window.undo()  # as for any recovered typing: Ctrl+Z takes it back
    assert window.view.session.audit.answer(ref("I4")).na_reason is None


def test_a_finding_is_kept_as_it_is_typed_and_recorded_after_a_crash(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    from app.core.audit import NEW_FINDING, finding_draft_text
    from app.ui.finding_dialogs import FindingDialog

    def typing(dialog: FindingDialog) -> None:
        dialog.severity.setCurrentIndex(dialog.severity.findData("major"))
        qtbot.keyClicks(dialog.description, "Schedules kept in Excel")

    window = open_window(audit_path)
    kept = _drafts_while_a_dialog_is_typed_then_cancelled(qtbot, window, FindingDialog, Qt.Key.Key_Insert, typing,
                                                           audit_path)
    assert kept == [("I4", "finding", "major\nSchedules kept in Excel")]
    assert window.view is not None and window.view.session.audit.findings() == []
    window.close()

    with Audit.open(audit_path) as audit:  # a crash while the finding was typed
        audit.save_draft(ref("I4"), NEW_FINDING, finding_draft_text("major", "Schedules kept in Excel"))
    window = open_window(audit_path)
    assert window.view is not None and current_id(window) == "I4"
    assert [f.description for f in window.view.session.audit.findings(ref("I4"))] == ["Schedules kept in Excel"]
    assert "the new finding of I4" in window.message_label.text()
    window.undo()
    assert window.view.session.audit.findings() == []


def test_a_kpi_typing_that_was_no_number_at_the_crash_is_said_not_dropped_in_silence(
        audit_path: Path, open_window: OpenWindow) -> None:
    with Audit.open(audit_path) as audit:
        audit.save_draft(ref("I3"), "value", "12,")  # the crash came between "12" and "12,5"
        audit.save_draft(ref("I1"), "note", "two of three online")
    window = open_window(audit_path)
    assert window.view is not None and window.view.session.audit.answer(ref("I3")).value is None
    message = window.message_label.text()
    assert "the note of I1" in message  # what was recovered, and what was not
    assert message.endswith("Not recovered: “12,”, typed in the current value of I3 before the program stopped, "
                            "is not a number.")
    assert window.message_is_error and stored_drafts(audit_path) == []
    assert window.view.select_ref(ref("I2"))
    window.view.answer_by_number(1)  # another edit: Ctrl+Z no longer takes the recovery back, and is not said to
    assert "Ctrl+Z takes it back" not in window.message_label.text()


def test_the_item_shown_at_opening_is_shown_again_when_its_stored_text_is_found_damaged_and_made_anew(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    import sqlite3

    conn = sqlite3.connect(audit_path)  # one letter changed in the stored details: still valid, wrong text
    data = conn.execute("SELECT data FROM checklist_detail").fetchone()[0]
    conn.execute("UPDATE checklist_detail SET data = ?", (data.replace(b"Key machines are", b"Key mAchines are"),))
    conn.commit()
    conn.close()
    window = open_window(audit_path)
    assert window.view is not None and current_id(window) == "I1"
    requirement = window.view.item_panel.requirement
    qtbot.waitUntil(lambda: requirement.text() == "Key machines are networked")  # after the search index read all


def test_the_recovery_message_goes_with_its_audit(audit_path: Path, open_window: OpenWindow) -> None:
    with Audit.open(audit_path) as audit:
        audit.save_draft(ref("I2"), "note", "typed, then the power went")
    window = open_window(audit_path)
    assert window.message_label.text().startswith("Recovered what was typed")
    window.close_audit()
    assert window.message_label.text() == ""


def test_a_note_beyond_the_limit_is_cut_where_it_is_typed_not_lost_at_saving(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window, audit, note = _typing_a_note(open_window, audit_path)
    note.insertPlainText("记" * (MAX_TEXT + 3))  # a paste too long for the file
    assert len(note.toPlainText()) == MAX_TEXT  # what is shown is what is saved
    assert "at most 100,000 characters" in window.message_label.text()
    assert window.view.select_ref(ref("I2"))  # moving on saves the note
    assert audit.answer(ref("I1")).note == "记" * MAX_TEXT


def test_opening_reads_one_items_details_and_builds_the_search_index_after_the_first_paint(
        qtbot: QtBot, audit_path: Path) -> None:
    window = MainWindow(show_start=False)
    qtbot.addWidget(window)
    assert window.open_audit(audit_path)
    view = window.view
    assert view is not None
    store = next(view.session.audit.checklists[0].iter_items()).details.source
    assert isinstance(store, DetailStore)
    assert sum(map(bool, store._decoded)) == 1  # the selected item's page, nothing else yet
    assert view.proxy._haystacks is None
    window.show()
    qtbot.waitUntil(lambda: view.proxy._haystacks is not None)
    assert all(store._decoded)
    view.filter_bar.search.setText("scheduling")
    view.filter_bar.apply_search_now()
    assert visible_item_ids(window) == ["I4"]


def test_search_and_filters_narrow_the_tree(qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    qtbot.keyClick(view.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.filter_bar.search.hasFocus()
    qtbot.keyClicks(view.filter_bar.search, "apc")
    qtbot.waitUntil(lambda: visible_item_ids(window) == ["I6"])
    assert current_id(window) == "I6" and view.filtered
    qtbot.keyClick(view.filter_bar.search, Qt.Key.Key_Escape)  # clears the search and goes back to the tree
    assert visible_item_ids(window) == ["I1", "I2", "I3", "I4", "I5", "I6", "I7"]
    assert not view.filtered and current_id(window) == "I6"  # no filter: the tree shows the model itself
    assert view.tree.hasFocus()
    for box in (view.filter_bar.show_combo, view.filter_bar.hide_na):  # Esc in a filter box: back to the tree too
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        assert view.tree.hasFocus()
    section = view.model.index_of(ref("I1")).parent()
    view.tree.setCurrentIndex(section)  # a section row stays current too, when the filter keeps it
    view.filter_bar.hide_na.setChecked(True)  # I6 does not apply to this (discrete) factory
    assert "I6" not in visible_item_ids(window)
    assert view.current_node() is view.model.node(section)
    assert view.select_ref(ref("I1"))
    qtbot.keyClick(view.tree, Qt.Key.Key_1)
    window.set_show("unanswered")
    assert "I1" not in visible_item_ids(window)
    assert window.actions_by_name["show:unanswered"].isChecked()
    assert not window.actions_by_name["show:answer"].isVisible()
    combo = view.filter_bar.show_combo
    combo.setCurrentIndex(combo.findData("answer:yes"))  # an answer, chosen in the filter bar: ticked in the menu
    chosen = window.actions_by_name["show:answer"]
    assert chosen.isVisible() and chosen.isChecked() and chosen.text() == combo.currentText()
    assert not any(window.actions_by_name[f"show:{value}"].isChecked() for value in ("all", "unanswered"))
    window.set_show("all")
    assert not chosen.isVisible() and window.actions_by_name["show:all"].isChecked()
    combo.setCurrentIndex(combo.findData("answer:yes"))
    window.close_audit()
    assert not chosen.isVisible()
    assert window.open_audit(audit_path)  # a new view shows everything, and View › Show says so
    assert window.actions_by_name["show:all"].isChecked() and not chosen.isChecked()


def test_a_filter_that_shows_nothing_does_not_lose_the_auditors_place(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None and view.select_ref(ref("I4"))
    view.filter_bar.search.setText("xyzzy")
    view.filter_bar.apply_search_now()
    assert visible_item_ids(window) == [] and view.current_node() is None
    window.set_show("unanswered")  # another filter, still showing nothing
    view.filter_bar.search.setText("")
    view.filter_bar.apply_search_now()
    assert current_id(window) == "I4"  # unanswered, so shown again: the auditor is back where they were
    window.set_show("all")
    assert current_id(window) == "I4"


def test_the_place_kept_through_an_empty_filter_survives_a_language_switch(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None and view.select_ref(ref("I4"))
    place = view.current_path()
    view.filter_bar.search.setText("xyzzy")
    view.filter_bar.apply_search_now()
    assert view.current_node() is None and view.current_path() == place
    switched = window.switch_language("zh")
    assert switched.view is not None and switched.view.current_node() is None  # the filter is kept, still empty
    switched.view.filter_bar.search.setText("")
    switched.view.filter_bar.apply_search_now()
    assert current_id(switched) == "I4"


def test_a_copy_is_suggested_under_a_name_that_fits(qtbot: QtBot, tmp_path: Path, audit_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch, open_window: OpenWindow) -> None:
    from PySide6.QtWidgets import QFileDialog

    long_path = tmp_path / ("工" * 79 + ".sfaudit")  # 245 bytes: fits, but not with "-copy"
    audit_path.rename(long_path)
    window = open_window(long_path)
    suggested: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _parent, _title, name, *args, **kwargs:
                        suggested.append(name) or ("", ""))
    window.save_copy()
    assert suggested == [str(tmp_path / ("工" * 78 + "-copy.sfaudit"))]


def _typing_a_caption(qtbot: QtBot, window: MainWindow, tmp_path: Path, caption: str) -> int:
    """F2 on a new photo of I1 (the last), ``caption`` typed and not confirmed; the photo's id."""
    view = window.view
    assert view is not None and view.select_ref(ref("I1"))
    evidence = view.item_panel.evidence
    evidence.add_files([picture_file(tmp_path, f"{caption}.png")])
    photo = view.session.audit.evidence(ref("I1"))[-1]
    evidence.view.setFocus()
    evidence.view.setCurrentIndex(evidence.model.index(evidence.model.rowCount() - 1))
    qtbot.keyClick(evidence.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and evidence.view.isAncestorOf(editor)
    qtbot.keyClicks(editor, caption)
    return photo.id


def test_a_caption_being_typed_is_saved_when_the_audit_closes_or_the_language_changes(
        qtbot: QtBot, tmp_path: Path, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    photo = _typing_a_caption(qtbot, window, tmp_path, "Gauge on line 3")
    switched = window.switch_language("zh")
    assert switched.session is not None
    audit = switched.session.audit
    assert audit.evidence(ref("I1"))[0].caption == "Gauge on line 3"
    assert switched.view is not None and "Gauge on line 3" in switched.view.item_panel.evidence.model.index(0).data()
    switched.session.undo()  # the caption is one undo step, in the new window too
    assert audit.evidence(ref("I1"))[0].caption == ""
    switched.switch_language("en").close()

    window = open_window(audit_path)
    _typing_a_caption(qtbot, window, tmp_path, "Valve")
    window.close_audit()  # Ctrl+W while typing: saved first, not into the closed audit
    assert window.session is None
    with Audit.open(audit_path) as reopened:
        assert [e.caption for e in reopened.evidence(ref("I1")) if e.id != photo] == ["Valve"]


def test_closing_while_a_caption_is_typed_leaves_the_keyboard_on_the_start_page(
        qtbot: QtBot, tmp_path: Path, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    _typing_a_caption(qtbot, window, tmp_path, "Valve")
    window.close_audit()
    qtbot.wait(50)  # the evidence list's own "keep the keyboard" comes after a moment: it must not take it
    assert QApplication.focusWidget() is window.start_page.recent


def test_a_message_is_not_carried_into_the_other_language(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    window.show_message("Every applicable item is answered.")
    switched = window.switch_language("zh")
    assert switched.message_label.text() == ""  # it would stay in English in the Chinese window
    switched.switch_language("en").close()


def test_the_dashboard_stays_where_it_was_read_through_a_language_switch(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    window.resize(1000, 420)  # the dashboard taller than the page: it scrolls
    assert window.view is not None
    window.view.show_dashboard()
    dashboard = window.view.dashboard
    assert dashboard is not None
    qtbot.waitUntil(lambda: dashboard.verticalScrollBar().maximum() > 60)
    dashboard.verticalScrollBar().setValue(60)
    switched = window.switch_language("zh")
    assert switched.view is not None and switched.view.dashboard is not None
    bar = switched.view.dashboard.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == 60)
    switched.switch_language("en").close()


def test_typing_goes_on_in_the_same_field_after_a_language_switch(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None and view.select_ref(ref("I1"))
    note = view.item_panel.note
    note.setFocus()
    qtbot.keyClicks(note, "two of three")
    switched = window.switch_language("zh")
    assert switched.view is not None
    qtbot.waitUntil(lambda: switched.view is not None and switched.view.item_panel.note.hasFocus())
    qtbot.keyClicks(switched.view.item_panel.note, " online")
    switched.view.item_panel.flush()
    assert switched.view.session.audit.answer(ref("I1")).note == "two of three online"
    switched.switch_language("en").close()


def test_under_a_filter_the_messages_speak_of_what_the_view_hides(qtbot: QtBot, audit_path: Path,
                                                                    open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    audit = view.session.audit
    qtbot.keyClick(view.tree, Qt.Key.Key_1)  # I1 fully met
    view.filter_bar.search.setText("scheduling")
    view.filter_bar.apply_search_now()
    assert visible_item_ids(window) == ["I4"]
    window.undo()  # undoes I1, which the search hides: the tree cannot show it, the status bar says so
    assert audit.answer(ref("I1")).choice is None
    assert current_id(window) == "I4"
    assert "I1 Key machines networked" in window.message_label.text()
    assert "filter hides" in window.message_label.text()
    qtbot.keyClick(view.tree, Qt.Key.Key_1)  # the last open item of this view, not of the audit
    assert audit.answer(ref("I4")).choice == "a"
    assert window.message_label.text() == "Every applicable item in this view is answered; others are still open."
    view.filter_bar.show_combo.setCurrentIndex(view.filter_bar.show_combo.findData(SHOW_UNANSWERED))
    assert window.message_label.text() == ""  # said of that view: gone with it


def test_the_filtered_view_follows_edits_and_an_empty_result_empties_the_item_panel(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    window.set_show("unanswered")
    before = visible_item_ids(window)
    assert current_id(window) == "I1" and "I1" in before
    qtbot.keyClick(view.tree, Qt.Key.Key_1)  # answered: the next one is current, and I1 leaves the view
    qtbot.waitUntil(lambda: "I1" not in visible_item_ids(window))
    assert current_id(window) == "I2" and view.tree.hasFocus()
    assert view.filter_bar.count.text() == f"{len(before) - 1} of 7 items"
    window.undo()  # unanswered again: back in the view, and shown
    assert visible_item_ids(window) == before
    assert current_id(window) == "I1"
    assert "filter hides" not in window.message_label.text()

    view.filter_bar.search.setText("xyzzy")
    view.filter_bar.apply_search_now()
    assert visible_item_ids(window) == []
    assert view.item_panel.ref is None  # not the previous item, editable under an empty tree
    assert view.item_panel.answer.buttons == {}
    assert view.tree.empty_text.startswith("No item matches the search and the filters.")  # said, not a blank
    said = view.tree.viewport().grab().toImage()
    view.tree.set_empty_text("")
    assert view.tree.viewport().grab().toImage() != said  # it is drawn
    view.filter_bar.search.clear()
    view.filter_bar.apply_search_now()
    assert view.tree.empty_text == ""


def test_under_a_filter_the_item_being_worked_on_stays_until_the_auditor_moves_on(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    audit = view.session.audit
    window.set_show("unanswered")
    assert view.select_ref(ref("I5"))  # a text answer, saved as it is typed
    qtbot.keyClick(view.tree, Qt.Key.Key_3)
    field = view.item_panel.answer.text_edit
    assert field is not None
    qtbot.keyClicks(field, " shifts")
    qtbot.waitUntil(lambda: audit.answer(ref("I5")).text == "3 shifts")  # saved: I5 is answered now ...
    qtbot.wait(50)
    qtbot.keyClicks(field, ", MES in 1 line")  # ... but stays, with the focus, while it is being written
    assert current_id(window) == "I5" and field.hasFocus()
    view.focus_tree()
    assert audit.answer(ref("I5")).text == "3 shifts, MES in 1 line"
    assert audit.answer(ref("I7")).choice is None

    assert view.select_ref(ref("I3"))  # a KPI: Enter goes on to the baseline although the value answers it
    qtbot.keyClick(view.tree, Qt.Key.Key_9)
    value = view.item_panel.answer.value_edit
    assert value is not None
    qtbot.keyClick(value, Qt.Key.Key_Return)
    baseline = view.item_panel.answer.baseline_edit
    assert baseline is not None and baseline.hasFocus()
    qtbot.keyClicks(baseline, "4")
    qtbot.keyClick(baseline, Qt.Key.Key_Return)
    assert (audit.answer(ref("I3")).value, audit.answer(ref("I3")).baseline) == (9, 4)
    assert current_id(window) == "I4"  # moved on; now I3 and I5 leave the view
    qtbot.waitUntil(lambda: "I3" not in visible_item_ids(window) and "I5" not in visible_item_ids(window))
    assert current_id(window) == "I4"

    assert view.select_ref(ref("I7"))
    qtbot.keyClick(view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the baseline on I3 ...
    qtbot.keyClick(view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # ... and its value
    assert audit.answer(ref("I3")).value is None and current_id(window) == "I3"  # back in the view, shown
    value = view.item_panel.answer.value_edit
    assert value is not None
    qtbot.keyClick(view.tree, Qt.Key.Key_8)
    qtbot.keyClicks(value, "5")  # typed, not confirmed; the N/A dialog takes the focus and the value is saved
    answer_na_dialog(qtbot, "the hall has no network yet")
    editor = view.item_panel.answer
    [na_button] = [b for b in editor.findChildren(QPushButton) if b.text() == "0  N/A…" and b.isVisibleTo(editor)]
    qtbot.mouseClick(na_button, Qt.MouseButton.LeftButton)
    assert audit.answer(ref("I3")).na_reason == "the hall has no network yet"  # on the item the dialog asked about
    assert audit.answer(ref("I4")).na_reason is None


def test_an_undone_and_redone_answer_still_leaves_the_filtered_view_when_the_auditor_moves_on(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    window.set_show("unanswered")
    tree = view.tree
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(tree, Qt.Key.Key_1)  # I1, then I2
    qtbot.keyClick(tree, Qt.Key.Key_1)
    qtbot.keyClick(tree, Qt.Key.Key_Z, ctrl)
    qtbot.keyClick(tree, Qt.Key.Key_Z, ctrl)
    qtbot.keyClick(tree, Qt.Key.Key_Z, ctrl | shift)  # I1 again: it is current, so it stays for now
    qtbot.keyClick(tree, Qt.Key.Key_Z, ctrl | shift)  # I2 again: not current, it leaves at once
    qtbot.wait(20)
    assert current_id(window) == "I1"
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # moving on: now I1 leaves too
    qtbot.waitUntil(lambda: "I1" not in visible_item_ids(window))
    assert view.filter_bar.count.text() == f"{len(visible_item_ids(window))} of 7 items"


def test_restart_finds_everything_as_left(qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    photo = QImage(64, 48, QImage.Format.Format_RGB32)
    photo.fill(QColor("#2e86c1"))
    QApplication.clipboard().setImage(photo)
    evidence = view.item_panel.evidence
    evidence.setFocus()
    qtbot.keyClick(evidence, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # paste a photo onto I1
    assert evidence.model.rowCount() == 1
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_3)  # I1: partly met
    qtbot.keyClick(view.tree, Qt.Key.Key_1)  # I2: yes
    assert view.item_panel.answer.value_edit is not None  # I3 is a KPI
    qtbot.keyClick(view.tree, Qt.Key.Key_7)  # a digit on a KPI item starts typing its value
    qtbot.keyClicks(view.item_panel.answer.value_edit, "5")
    qtbot.keyClick(view.item_panel.answer.value_edit, Qt.Key.Key_Return)
    view.item_panel.note.setFocus()
    qtbot.keyClicks(view.item_panel.note, "KPI from the MES report")
    qtbot.keyClick(view.tree, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)  # quit: saves the note, closes
    assert window not in MainWindow.windows
    assert not (audit_path.parent / f"{audit_path.name}-wal").exists()  # closed: the one file is complete

    window = open_window(audit_path)
    assert window.view is not None
    audit = window.view.session.audit
    assert audit.answer(ref("I1")).choice == "partly"
    assert audit.answer(ref("I2")).choice == "yes"
    assert audit.answer(ref("I3")).value == 75
    assert audit.answer(ref("I3")).note == "KPI from the MES report"
    [photo_record] = audit.evidence(ref("I1"))
    assert photo_record.media_type == "image/png" and photo_record.filename.startswith("clipboard-")
    assert current_id(window) == "I4"  # the first open item again
    assert window.view.item_panel.answer.buttons  # I4 has scale buttons


@pytest.mark.parametrize(("kind", "title"), [("damaged", "The audit file is damaged"),
                                             ("empty", "The audit file is damaged"),
                                             ("not an audit", "This is not an audit file"),
                                             ("in use", "The audit is already open"),
                                             ("unfinished", "The audit was never finished")])
def test_a_file_that_cannot_be_opened_is_explained_and_left_alone(
        qtbot: QtBot, tmp_path: Path, audit_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str,
        title: str) -> None:
    shown: list[tuple[str, str]] = []

    def capture(_parent: QWidget, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", capture)
    if kind == "damaged":
        path = tmp_path / "broken.sfaudit"
        path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    elif kind == "empty":  # a copy cut short
        path = tmp_path / "empty.sfaudit"
        path.write_bytes(b"")
    elif kind == "not an audit":
        path = tmp_path / "minutes.sfaudit"
        path.write_text("Minutes of the opening meeting", encoding="utf-8")
    elif kind == "unfinished":  # the program stopped while creating it
        from app.core import store

        path = tmp_path / "cut.sfaudit"
        store.close_database(*store.create_database(path))
    else:
        path = audit_path
        holder = Audit.open(path)  # another program has it open
    before = path.read_bytes()
    window = open_main_window([str(path)])  # as ``python main.py AUDIT`` does
    assert window.session is None and window.stack.currentWidget() is window.start_page
    assert len(shown) == 1
    assert shown[0][0] == title and shown[0][1].startswith(title + ".\n\n")  # the text, too, says it first
    assert path.read_bytes() == before
    if kind == "in use":
        assert shown[0][1].count("another window or program") == 1  # advice and details do not say it twice
        holder.close()
    if kind in ("damaged", "empty"):  # the advice says it once; what SQLite found is a detail of its own
        assert shown[0][1].count("not changed") + shown[0][1].count("was changed") == 1
        assert f"File: {path}" in shown[0][1] and "What is damaged: " in shown[0][1]
    if kind == "unfinished":
        assert "Delete it and create the audit again." in shown[0][1] and "backup" not in shown[0][1]
    if kind == "not an audit":  # named .sfaudit already: not told that audit files end in .sfaudit
        assert "Audit files end in" not in shown[0][1] and "named like an audit file" in shown[0][1]
        assert shown[0][1].count("not changed") + shown[0][1].count("was changed") == 1


def test_damage_found_by_the_check_after_opening_closes_the_audit_and_changes_nothing(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, *args: shown.append(title))
    path = with_a_write_ahead_log(audit_with_a_broken_photo_chain(tmp_path))  # as a killed program left it
    log = Path(f"{path}-wal")
    before = path.read_bytes(), log.read_bytes()
    window = open_main_window([str(path)])  # opens at once: only the check reads the photo
    qtbot.waitUntil(lambda: window.session is None, timeout=5000)
    assert window.stack.currentWidget() is window.start_page
    assert len(shown) == 1 and "damaged" in shown[0]
    assert (path.read_bytes(), log.read_bytes()) == before  # not even the log was folded into the damaged file
    assert window.progress_label.text() == "" and window.saved_label.text() == ""
    assert path.resolve() not in [recent.resolve() for recent in settings.recent_audits()]


def test_damage_found_after_a_language_switch_is_still_told(qtbot: QtBot, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, *args: shown.append(title))
    path = audit_with_a_broken_photo_chain(tmp_path)
    before = path.read_bytes()
    window = open_main_window([str(path)]).switch_language("zh")  # at once, while the check may still run
    qtbot.waitUntil(lambda: window.session is None, timeout=5000)
    assert len(shown) == 1 and path.read_bytes() == before


def test_an_audit_named_at_start_opens_without_building_the_start_page(audit_path: Path) -> None:
    window = open_main_window([str(audit_path)])
    assert window.view is not None and window.stack.currentWidget() is window.view
    assert window.stack.count() == 1  # the start page is built only when it is first shown
    window.close_audit()
    assert window.stack.currentWidget() is window.start_page


def test_the_progress_column_fits_a_checklist_of_thousands(tmp_path: Path, open_window: OpenWindow) -> None:
    from app.core.checklist_yaml import load_checklist_file
    from app.core.profile import Profile
    from bench.generate import generate_checklist

    (tmp_path / "big.yaml").write_text(generate_checklist(1200), encoding="utf-8")
    Audit.create(tmp_path / "big.sfaudit", [load_checklist_file(tmp_path / "big.yaml")], Profile(name="x")).close()
    window = open_window(tmp_path / "big.sfaudit")
    assert window.view is not None
    tree = window.view.tree
    root = window.view.model.index(0, PROGRESS_COLUMN)
    shown = str(root.data())
    assert shown.endswith("/1200")  # "0/1200", not cut to "0/12…"
    full = tree.fontMetrics().horizontalAdvance("1200/1200")  # every item answered, with the cell's padding
    assert tree.header().sectionSize(PROGRESS_COLUMN) >= full + 12


def test_in_a_narrow_tree_the_answer_column_gives_way_to_the_titles(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    assert window.view is not None
    tree, header = window.view.tree, window.view.tree.header()
    window.view.splitter.setSizes([1000, 600])
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: tree.viewport().width() > 900)
    set_width = header.sectionSize(ANSWER_COLUMN)
    assert set_width == tree.answer_width > 0
    window.view.splitter.setSizes([360, 1240])  # a narrow tree: the titles keep half of it
    qtbot.waitUntil(lambda: header.sectionSize(ANSWER_COLUMN) < set_width)
    others = header.sectionSize(PROGRESS_COLUMN) + header.sectionSize(SCORE_COLUMN)
    assert header.sectionSize(0) > tree.viewport().width() - others - set_width  # what the answer gave up
    compact = tree.fontMetrics().horizontalAdvance("MMM") + 28
    left = 2 * others + set_width + compact + (window.view.splitter.sizes()[0] - tree.viewport().width())
    window.view.splitter.setSizes([left, sum(window.view.splitter.sizes()) - left])  # room for half what it gave
    qtbot.waitUntil(lambda: compact < header.sectionSize(ANSWER_COLUMN) < set_width)
    fitted = header.sectionSize(ANSWER_COLUMN)
    header.resizeSection(PROGRESS_COLUMN, header.sectionSize(PROGRESS_COLUMN) + 20)  # another column widened
    assert header.sectionSize(ANSWER_COLUMN) < fitted  # the answer gives way again, not the titles
    assert tree.column_widths()[ANSWER_COLUMN] == set_width  # what is remembered is the width as set
    window.view.splitter.setSizes([1000, 600])
    qtbot.waitUntil(lambda: header.sectionSize(ANSWER_COLUMN) == set_width)  # and it comes back


def test_keys_for_findings_and_the_dashboard_work_from_the_checklist(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    from app.ui.finding_dialogs import FindingDialog

    window = open_window(audit_path)
    view = window.view
    assert view is not None
    findings = view.item_panel.findings
    finding_id = findings.add_finding("minor", "Gauge calibration lapsed")
    assert finding_id is not None and findings.select("finding", finding_id)
    findings.tree.setFocus()
    qtbot.keyClick(findings.tree, Qt.Key.Key_Delete)  # the last one gone: the keyboard stays in the panel
    assert view.session.audit.findings() == [] and findings.add_finding_button.hasFocus()
    qtbot.keyClick(findings.add_finding_button, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(view.session.audit.findings()) == 1  # Ctrl+Z brings it back, as the button's tip says
    assert findings.select("finding", view.session.audit.findings()[0].id)
    findings.remove_button.setFocus()
    qtbot.keyClick(findings.remove_button, Qt.Key.Key_Space)  # the Remove button, pressed: the same
    assert view.session.audit.findings() == [] and findings.add_finding_button.hasFocus()
    window.toggle_dashboard()
    assert view.tabs.currentWidget() is view.dashboard_page
    window.toggle_dashboard()  # Ctrl+D again: back to the item
    assert view.tabs.currentWidget() is view.item_panel
    opened: list[str] = []
    when_dialog_opens(FindingDialog, lambda dialog: opened.append("finding") or dialog.reject())
    view.show_dashboard()
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_Insert)  # Insert: a finding on the item, from the checklist too,
    assert opened == ["finding"] and view.tabs.currentWidget() is view.item_panel  # with its panel in view
    with qtbot.waitActive(window):  # the dialog had it; with no window manager, nothing hands it back
        window.activateWindow()
        qtbot.wait(20)
    section = view.model.index_of(ref("I1")).parent()
    view.tree.setCurrentIndex(view._view_index(section))
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_Insert)  # on a section: said, no dialog
    assert opened == ["finding"] and window.message_label.text() == "Select an item to record a finding on it."


def test_language_switch_keeps_the_audit(qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    assert window.view is not None
    qtbot.keyClick(window.view.tree, Qt.Key.Key_1)
    window.view.session.audit.answer(ref("I1"))
    window.view.tree.header().resizeSection(ANSWER_COLUMN, 213)  # the auditor widened the answer column
    evidence, findings = window.view.item_panel.evidence, window.view.item_panel.findings
    assert evidence.add_data("plan.txt", b"1") and evidence.add_data("log.txt", b"2")
    chosen = evidence.model.records[1].id
    evidence.select_ids([chosen])
    finding_id = findings.add_finding("minor", "Gauge calibration lapsed")
    assert finding_id is not None and findings.select("finding", finding_id)
    switched = window.switch_language("zh")
    assert switched is not window and switched.view is not None
    assert switched.view.item_panel.evidence.selected_ids() == [chosen]  # what was chosen stays chosen
    assert switched.view.item_panel.findings.selected() == ("finding", finding_id)
    assert switched.menuBar().actions()[0].text() == "文件(&F)"
    assert current_id(switched) == "I2"
    assert switched.view.tree.column_widths()[ANSWER_COLUMN] == 213  # the layout came along too
    assert switched.saved_label.text() == f"已保存 {window.saved_at}" and window.saved_at  # and when it was saved
    switched.undo()  # the undo history came along: the finding, the two files, then the answer
    assert switched.view.session.audit.findings() == []
    for _ in range(3):
        switched.undo()
    assert switched.view.session.audit.answer(ref("I1")).choice is None
    switched.view.show_dashboard()
    section = switched.view.model.index_of(ref("I4")).parent()  # a section row, not an item, is current
    switched.view.tree.setCurrentIndex(section)
    path = switched.view.current_path()
    back = switched.switch_language("en")
    assert back.view is not None and back.view.tabs.currentWidget() is back.view.dashboard_page  # still reading it
    current = back.view.current_node()
    assert current is not None and current.ref is None and back.view.current_path() == path


def test_an_audit_opened_from_the_start_page_gets_the_default_split_once(
        qtbot: QtBot, audit_path: Path) -> None:
    window = MainWindow()  # no saved layout; the start page is showing
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_audit(audit_path)
    view = window.view
    assert view is not None
    qtbot.waitUntil(lambda: abs(view.splitter.sizes()[0] / sum(view.splitter.sizes()) - 0.45) < 0.02)
    view.splitter.setSizes([700, 900])  # the auditor's own split
    mine = view.splitter.sizes()
    window.hide()
    window.show()
    qtbot.wait(20)
    assert view.splitter.sizes() == mine  # not reset to the default by a later show


def test_an_audit_opened_at_start_has_the_default_split_from_its_first_layout(
        qtbot: QtBot, audit_path: Path) -> None:
    """Not a layout later: each layout at another width lays out the item's texts again."""
    window = MainWindow(show_start=False)
    window.resize(1600, 1000)
    assert window.open_audit(audit_path)
    view = window.view
    assert view is not None
    window.show()
    tree, panel = view.splitter.sizes()
    assert abs(tree / (tree + panel) - 0.45) < 0.02


def test_the_first_window_fits_a_small_laptop_screen_and_is_roomy_on_a_large_one(audit_path: Path) -> None:
    assert default_size(QSize(2560, 1400)) == DEFAULT_SIZE
    small = default_size(QSize(1366, 728))  # 1366×768 less a task bar
    assert small.width() < 1366 and small.height() < 728 and small.width() > 1250
    window = MainWindow()  # no layout remembered yet: the offscreen screen is 800×800
    available = window.screen().availableGeometry()
    assert window.width() <= available.width() and window.height() <= available.height()


def test_the_change_log_names_the_auditor_at_this_computer(audit_path: Path, open_window: OpenWindow,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core.audit import default_author

    window = open_window(audit_path)
    assert window.view is not None
    audit = window.view.session.audit
    audit.set_choice(ref("I1"), "full")
    assert audit.change_log(limit=1)[0].author == default_author()  # nobody said: the login name
    asked: list[str] = []

    def answer(_parent: object, _title: str, _label: str, current: str) -> str:
        asked.append(current)
        return " 王审核 "

    monkeypatch.setattr("app.ui.typing_dialog.ask_line", answer)
    window.edit_auditor_name()
    assert asked == [default_author()]
    assert window.message_label.text() == "Edits made here are now recorded as 王审核."
    window.view.session.edit(audit.set_choice, ref("I2"), "yes")
    assert audit.change_log(limit=1)[0].author == "王审核"  # from now on, in the audit open too
    window.close_audit()
    assert window.open_audit(audit_path) and window.session is not None
    assert window.session.audit.author == "王审核"  # and in every audit opened here
    monkeypatch.setattr("app.ui.typing_dialog.ask_line", lambda *_args: "   ")  # no name: the login name, said
    window.edit_auditor_name()
    assert window.session.audit.author == default_author()
    assert window.message_label.text() == ("No name given: edits made here are recorded under the login name, "
                                           f"{default_author()}.")


def test_an_edited_finding_and_a_new_corrective_action_typed_before_a_crash_are_said_and_undone_together(
        audit_path: Path, open_window: OpenWindow) -> None:
    from app.core.audit import EDITED_FINDING, NEW_ACTION, action_draft_text, finding_draft_text

    with Audit.open(audit_path) as audit:  # a crash while both dialogs' typing was kept
        finding = audit.add_finding(ref("I4"), "minor", "Schedules kept in Excel").created_id
        audit.save_draft(ref("I4"), f"{EDITED_FINDING}{finding}", finding_draft_text("major", "Excel only"))
        audit.save_draft(ref("I4"), f"{NEW_ACTION}{finding}", action_draft_text("Introduce an APS", "", "", "open"))
    window = open_window(audit_path)
    assert window.view is not None
    audit = window.view.session.audit
    assert [f.description for f in audit.findings()] == ["Excel only"] and len(audit.actions()) == 1
    message = window.message_label.text()
    assert "the finding of I4" in message and "the new corrective action of I4" in message
    window.undo()
    assert [f.description for f in audit.findings()] == ["Schedules kept in Excel"] and audit.actions() == []


def _a_window_on_a_finding(open_window: OpenWindow, audit_path: Path) -> tuple[MainWindow, int]:
    """The window on I4, which has one finding, selected in its list."""
    window = open_window(audit_path)
    assert window.view is not None and window.view.select_ref(ref("I4"))
    findings = window.view.item_panel.findings
    finding_id = findings.add_finding("minor", "Schedules kept in Excel")
    assert finding_id is not None and findings.select("finding", finding_id)
    return window, finding_id


def test_an_audit_closed_under_an_open_finding_dialog_leaves_its_typing_for_the_next_opening(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    """As when the integrity check finds the file damaged while a dialog is open: the window's audit view goes,
    the dialog with it; no internal error, and what the dialog held stays in the file."""
    from app.ui.finding_dialogs import ActionDialog, FindingDialog

    window, finding_id = _a_window_on_a_finding(open_window, audit_path)
    view = window.view
    assert view is not None

    def type_then_close(dialog: Any) -> None:
        dialog.description.insertPlainText(" (all lines)")
        window._close_audit()

    when_dialog_opens(FindingDialog, type_then_close)
    qtbot.keyClick(view.tree, Qt.Key.Key_Insert)  # a new finding
    assert window.view is None
    assert stored_drafts(audit_path) == [("I4", "finding", "minor\n(all lines)")]
    window.open_audit(audit_path)  # recovered, as after a crash
    assert window.view is not None and len(window.view.session.audit.findings()) == 2
    findings = window.view.item_panel.findings
    assert window.view.select_ref(ref("I4"))
    assert findings.select("finding", finding_id)
    when_dialog_opens(ActionDialog, type_then_close)
    findings.new_action()
    assert stored_drafts(audit_path) == [("I4", f"action+{finding_id}", '{"description": "(all lines)", '
                                          '"owner": "", "due": "", "status": "open"}')]


def test_an_edit_that_could_not_be_saved_keeps_what_its_dialog_held(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core.audit import AuditError
    from app.ui.finding_dialogs import FindingDialog

    window, finding_id = _a_window_on_a_finding(open_window, audit_path)
    assert window.view is not None
    findings, audit = window.view.item_panel.findings, window.view.session.audit

    def refuse(*_args: object) -> None:
        raise AuditError("the disk is full")

    monkeypatch.setattr(audit, "set_finding", refuse)

    def type_then_ok(dialog: Any) -> None:
        dialog.description.insertPlainText(" only")
        dialog.ok.click()

    when_dialog_opens(FindingDialog, type_then_ok)
    findings.edit_selected()
    assert audit.findings()[0].description == "Schedules kept in Excel"
    assert stored_drafts(audit_path) == [("I4", f"finding#{finding_id}", "minor\nSchedules kept in Excel only")]


def test_a_small_window_opens_with_half_for_the_tree_and_its_answer_column_already_fitted(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    tree = view.tree
    view.restore_layout(800)  # no layout remembered: an 800-pixel window's first one
    assert view.splitter.sizes()[0] * 2 >= sum(view.splitter.sizes()) - 1
    view.restore_layout(1600)
    assert view.splitter.sizes()[0] < sum(view.splitter.sizes()) * 46 // 100
    tree.answer_width = 0
    view._configure_header(tree)  # the widths the columns have already: Qt sends no sectionResized for them
    assert tree.answer_width > 0  # so the column can give way at once
    window.resize(800, 600)
    view.splitter.setSizes([400, 400])
    qtbot.waitUntil(lambda: tree.header().sectionSize(ANSWER_COLUMN) < tree.answer_width)
    assert tree.header().textElideMode() == Qt.TextElideMode.ElideRight  # its title elided, not cut


def test_quitting_with_a_corrective_action_dialog_open_keeps_its_typing_for_the_next_opening(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    """As a termination request (a logout, kill) does: every window is closed, the dialog's too."""
    from app.ui.finding_dialogs import ActionDialog

    window, finding_id = _a_window_on_a_finding(open_window, audit_path)
    assert window.view is not None
    findings = window.view.item_panel.findings

    def type_then_quit(dialog: Any) -> None:
        dialog.description.insertPlainText("Introduce an APS")
        QApplication.closeAllWindows()

    when_dialog_opens(ActionDialog, type_then_quit)
    findings.new_action()
    assert window.session is None  # the audit was closed, as Ctrl+Q closes it
    assert [(item, field) for item, field, _text in stored_drafts(audit_path)] == [("I4", f"action+{finding_id}")]
    window = open_window(audit_path)
    assert window.view is not None
    assert [a.description for a in window.view.session.audit.actions()] == ["Introduce an APS"]


def test_a_new_action_typed_without_its_description_before_a_crash_is_said_at_the_next_opening(
        audit_path: Path, open_window: OpenWindow) -> None:
    from app.core.audit import NEW_ACTION, action_draft_text

    with Audit.open(audit_path) as audit:
        finding = audit.add_finding(ref("I4"), "minor", "Schedules kept in Excel").created_id
        audit.save_draft(ref("I4"), f"{NEW_ACTION}{finding}", action_draft_text("", "Wang", "2027-03-31", "open"))
    window = open_window(audit_path)
    assert window.view is not None and window.view.session.audit.actions() == []
    assert window.message_label.text() == ("Not recovered: a corrective action on I4 had no description yet when the "
                                           "program stopped (owner: Wang; due: 2027-03-31).")
    assert window.message_is_error and stored_drafts(audit_path) == []


def test_an_undo_that_takes_away_the_focused_row_gives_the_keys_to_the_tree(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    """The finding's row had the keys; undoing the finding removes it. Qt would pass the keys on down the chain, as
    far as the search box, where the next digit would filter the tree instead of answering."""
    window, _finding_id = _a_window_on_a_finding(open_window, audit_path)
    view = window.view
    assert view is not None
    findings = view.item_panel.findings
    findings.tree.setFocus()
    qtbot.waitUntil(findings.tree.hasFocus)
    qtbot.keyClick(findings.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.session.audit.findings() == []
    qtbot.waitUntil(view.tree.hasFocus)
    qtbot.keyClick(view.tree, Qt.Key.Key_1)
    assert view.session.audit.answer(ref("I4")).choice is not None and view.filter_bar.search.text() == ""


def test_searching_an_items_id_selects_that_item_not_the_first_open_match(
        qtbot: QtBot, tmp_path: Path, open_window: OpenWindow) -> None:
    from tests.ui.helpers_widgets import create_audit, sections_checklist

    audit = create_audit(tmp_path, sections_checklist(12))
    audit.set_choice(ItemRef("many", "I1"), "full")
    audit.close()
    window = open_window(audit.path)
    view = window.view
    assert view is not None and view.select_ref(ItemRef("many", "I5"))
    view.filter_bar.search.setText("I1")  # also I10, I11, I12, the first open ones
    view.filter_bar.apply_search_now()
    assert current_id(window) == "I1"
    assert view.select_ref(ItemRef("many", "I11"))  # the auditor moves on among the matches
    view.filter_bar.hide_na.setChecked(True)  # another filter's change: the current row stays
    view.session.edit(view.session.audit.update_profile, {"industry": "Machinery"})  # so does a profile edit's
    assert current_id(window) == "I11"


def test_quitting_with_the_profile_dialog_open_keeps_its_typing_for_the_next_opening(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    """As a crash would: the dialog's fields are kept at every change; the next opening saves them as one undo
    step and says so. Cancel, as OK, leaves no draft."""
    from app.ui.profile_dialog import ProfileDialog

    window = open_window(audit_path)
    assert window.session is not None
    audit = window.session.audit
    name = audit.profile.name

    def type_then_cancel(dialog: ProfileDialog) -> None:
        dialog.fields["address"].setText("Suzhou")
        assert [draft.field for draft in audit.drafts()] == ["profile"]
        dialog.reject()

    when_dialog_opens(ProfileDialog, type_then_cancel)
    window.edit_profile()
    assert audit.drafts() == [] and audit.profile.address == ""

    def type_then_quit(dialog: ProfileDialog) -> None:
        dialog.fields["name"].setText(name + " (Suzhou)")
        QApplication.closeAllWindows()

    when_dialog_opens(ProfileDialog, type_then_quit)
    window.edit_profile()
    assert [(field, text) for _item, field, text in stored_drafts(audit_path)] == [
        ("profile", json.dumps({"name": name + " (Suzhou)"}, ensure_ascii=False))]
    window = open_window(audit_path)
    assert window.session is not None and window.session.audit.profile.name == name + " (Suzhou)"
    assert "the factory profile" in window.message_label.text()
    window.undo()
    assert window.session.audit.profile.name == name


def test_an_audit_closed_under_the_profile_dialog_closes_the_dialog_and_keeps_its_typing(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    """As when the integrity check finds the file damaged while the dialog is open: the dialog goes with the
    audit (typing into it after would have nowhere to go), and what it held stays in the file."""
    from app.ui.profile_dialog import ProfileDialog

    window = open_window(audit_path)
    typed: list[str] = []

    def type_then_close(dialog: ProfileDialog) -> None:
        dialog.fields["address"].setText("Suzhou")
        window._close_audit()
        QTimer.singleShot(0, lambda: typed.append(str(dialog.isVisible())))  # once the session is gone

    when_dialog_opens(ProfileDialog, type_then_close)
    window.edit_profile()
    qtbot.waitUntil(lambda: typed == ["False"])
    assert [(field, text) for _item, field, text in stored_drafts(audit_path)] == [
        ("profile", '{"address": "Suzhou"}')]


def test_the_edit_menu_names_the_step_that_undo_and_redo_would_take(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    undo, redo = window.actions_by_name["undo"], window.actions_by_name["redo"]
    assert (undo.text(), redo.text()) == ("&Undo", "&Redo")
    qtbot.keyClick(view.tree, Qt.Key.Key_1)  # I1 answered
    assert undo.text() == "&Undo the answer of I1"
    view.session.edit(view.session.audit.set_note, ref("I2"), "PLC")
    view.session.edit(view.session.audit.add_finding, ref("I4"), "minor", "Excel")
    assert undo.text() == "&Undo the finding of I4"
    window.undo()
    assert (undo.text(), redo.text()) == ("&Undo the note of I2", "&Redo the finding of I4")
    view.session.edit(view.session.audit.update_profile, {"industry": "Machinery"})
    assert (undo.text(), redo.text()) == ("&Undo the factory profile", "&Redo")
