"""KPI number fields: what is typed is what is stored, committed like a spreadsheet cell."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from app.core.audit import Audit, ItemRef
from app.ui.main_window import MainWindow
from tests.ui.helpers_widgets import stored_drafts

OpenWindow = Callable[[Path], MainWindow]
I3 = ItemRef("small", "I3")  # a KPI in % with a baseline, target >= 80


def _value_field(window: MainWindow) -> QLineEdit:
    assert window.view is not None
    assert window.view.select_ref(I3)
    field = window.view.item_panel.answer.value_edit
    assert field is not None
    return field


def _on_the_kpi(open_window: OpenWindow, audit_path: Path) -> tuple[MainWindow, Audit, QLineEdit]:
    """A window on the audit with I3 selected: the window, its audit, and the KPI's value field."""
    window = open_window(audit_path)
    assert window.view is not None
    return window, window.view.session.audit, _value_field(window)


def _retype(qtbot: QtBot, field: QLineEdit, typed: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, typed)


def _enter(qtbot: QtBot, field: QLineEdit, typed: str) -> None:
    _retype(qtbot, field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_a_kpi_value_is_saved_as_typed_cleared_when_emptied_and_shown_without_exponents(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    _window, audit, field = _on_the_kpi(open_window, audit_path)
    _enter(qtbot, field, "1,5")
    assert audit.answer(I3).value == 1.5
    assert field.text() == "1.5"
    _enter(qtbot, field, "1234567")
    assert audit.answer(I3).value == 1234567
    assert field.text() == "1234567"  # not 1.23457e+06, which reads as another number and cannot be edited
    _enter(qtbot, field, "")
    assert audit.answer(I3).value is None  # an emptied field clears the value


def test_a_kpi_number_is_kept_at_every_keystroke_until_enter_saves_it_or_esc_takes_it_back(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window, audit, field = _on_the_kpi(open_window, audit_path)
    _enter(qtbot, field, "85")
    assert stored_drafts(audit_path) == []  # saved: nothing left to recover
    _retype(qtbot, field, "7")
    assert stored_drafts(audit_path) == [("I3", "value", "7")]  # what a crash now would leave
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert stored_drafts(audit_path) == [] and audit.answer(I3).value == 85  # taken back: nothing to recover
    audit.set_value(I3, 0.1 + 0.2)  # a stored number that 15 digits do not write back exactly
    window.view.item_panel.answer.refresh()
    _retype(qtbot, field, "7")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert stored_drafts(audit_path) == []  # taken back, whatever the saved number looks like
    window.view.tree.setFocus()
    qtbot.keyClick(window.view.tree, Qt.Key.Key_9)  # a digit in the tree starts typing the value: kept too
    assert stored_drafts(audit_path) == [("I3", "value", "9")]
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    baseline = window.view.item_panel.answer.baseline_edit
    assert baseline is not None
    _retype(qtbot, baseline, "4")
    assert stored_drafts(audit_path) == [("I3", "baseline", "4")]
    baseline.clearFocus()  # leaving the field saves it
    assert audit.answer(I3).baseline == 4 and stored_drafts(audit_path) == []
    _enter(qtbot, field, "12,")  # no number: said, not saved, and nothing left to recover
    assert stored_drafts(audit_path) == []


def test_a_key_a_number_field_refuses_is_said_not_dropped_silently(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window, _audit, field = _on_the_kpi(open_window, audit_path)
    field.setFocus()
    qtbot.keyClicks(field, "1e")  # as if 1e2 were a number
    assert field.text() == "1"
    assert window.message_label.text() == ("A number takes digits, one point or comma, and a sign; "
                                           "at most 15 significant digits")


def test_leaving_a_field_with_no_number_in_it_says_so_at_once_and_shows_the_saved_number(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window, audit, field = _on_the_kpi(open_window, audit_path)
    _enter(qtbot, field, "75,5")
    _retype(qtbot, field, "12,")
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # Qt sends no editingFinished for "12,"
    assert window.message_label.text() == "“12,” is not a number; it was not saved"
    assert field.text() == "75.5" and audit.answer(I3).value == 75.5  # what is shown is what is saved
    assert stored_drafts(audit_path) == []


def test_digits_beyond_fifteen_are_refused_zeros_too(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window, audit, field = _on_the_kpi(open_window, audit_path)
    _retype(qtbot, field, "1234567890123456789012345678900")  # zeros after refused digits made 12345678901234500
    assert field.text() == "123456789012345"
    assert window.message_label.text().startswith("A number takes digits")
    _retype(qtbot, field, "1.50000000000000000000")  # zeros ending a fraction change nothing: still taken
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert audit.answer(I3).value == 1.5
    _retype(qtbot, field, "0,12345678901234500")  # a decimal comma counts as the point does
    assert field.text() == "0,12345678901234500"
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    audit.set_value(I3, 1e15)  # a big number stored before (the command line reads it): still editable
    assert window.view is not None
    window.view.item_panel.answer.refresh()
    assert field.text() == "1000000000000000"
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Return)  # confirmed as shown: no "not a number"
    assert "not a number" not in window.message_label.text() and audit.answer(I3).value == 1e15
    field.setFocus()
    field.end(False)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == "100000000000000"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert audit.answer(I3).value == 1e14


def test_a_menu_opened_from_the_keyboard_does_not_take_back_the_typing(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    _window, audit, field = _on_the_kpi(open_window, audit_path)
    _retype(qtbot, field, "12,")
    for reason in (Qt.FocusReason.MenuBarFocusReason, Qt.FocusReason.PopupFocusReason):
        QApplication.sendEvent(field, QFocusEvent(QEvent.Type.FocusOut, reason))
        assert field.text() == "12,"  # the auditor comes back to finish it
    assert audit.answer(I3).value is None


def test_escape_takes_back_typing_and_a_pending_value_is_saved_on_quit(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window, audit, field = _on_the_kpi(open_window, audit_path)
    _enter(qtbot, field, "85")
    window.view.tree.setFocus()
    qtbot.keyClick(window.view.tree, Qt.Key.Key_7)  # a stray digit on the answered KPI starts typing over it
    assert field.hasFocus() and field.text() == "7"
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert audit.answer(I3).value == 85  # Esc took the 7 back
    assert field.text() == "85" and window.view.tree.hasFocus()

    _retype(qtbot, field, "42")  # typed, not confirmed with Enter
    qtbot.keyClick(field, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert window not in MainWindow.windows
    window = open_window(audit_path)
    assert window.view is not None
    assert window.view.session.audit.answer(I3).value == 42


def test_enter_moves_on_like_a_form_value_then_baseline_then_the_next_open_item(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    field = _value_field(window)
    baseline = view.item_panel.answer.baseline_edit
    assert baseline is not None
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_9)  # a digit in the tree starts typing the value
    qtbot.keyClicks(field, "2")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert baseline.hasFocus()  # the baseline is empty: Enter goes there first
    qtbot.keyClicks(baseline, "61,5")
    qtbot.keyClick(baseline, Qt.Key.Key_Return)
    answer = view.session.audit.answer(I3)
    assert (answer.value, answer.baseline) == (92, 61.5)
    assert view.tree.hasFocus()
    current = view.current_ref()
    assert current is not None and current.item_id == "I4"  # the next open item


def test_moving_to_another_item_shows_one_row_of_answers_before_the_old_one_is_deleted(
        audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    assert window.view is not None
    editor = window.view.item_panel.answer
    for item_id in ("I2", "I4"):  # both answered with buttons; the old ones are deleted later, by the event loop
        assert window.view.select_ref(ItemRef("small", item_id))
        clear_buttons = [button for button in editor.findChildren(QPushButton) if button.text() == "Clear"]
        assert [button.isVisibleTo(editor) for button in clear_buttons].count(True) == 1
        assert all(button.isVisibleTo(editor) for button in editor.buttons.values())  # and that one is the new one


def test_a_digit_in_the_tree_starts_a_text_answer_but_never_changes_a_written_one(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    i5 = ItemRef("small", "I5")  # a text answer
    assert view.select_ref(i5)
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_3)
    field = view.item_panel.answer.text_edit
    assert field is not None and field.hasFocus() and field.toPlainText() == "3"
    qtbot.keyClicks(field, " shifts, MES in two")
    view.focus_tree()  # leaving the field saves it
    assert view.session.audit.answer(i5).text == "3 shifts, MES in two"
    assert view.select_ref(i5)
    qtbot.keyClick(view.tree, Qt.Key.Key_7)  # a stray key on the written answer: the field gets the focus only
    assert field.hasFocus() and field.toPlainText() == "3 shifts, MES in two"


def test_a_kpi_marked_not_applicable_is_not_judged_against_its_target(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window, audit, field = _on_the_kpi(open_window, audit_path)
    _enter(qtbot, field, "85")
    assert window.view is not None
    status = window.view.item_panel.answer.kpi_status
    assert status is not None and "met" in status.text()
    window.view.session.edit(audit.set_na, I3, "产线无此指标")  # the value stays stored, under the N/A
    assert "Target" in status.text() and "met" not in status.text()


def test_na_and_clear_are_as_tall_as_the_answers_and_wrap_together(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    assert window.view is not None
    editor = window.view.item_panel.answer
    assert window.view.select_ref(ItemRef("small", "I4"))  # five answers
    [na] = [b for b in editor.findChildren(QPushButton) if b.text() == "0  N/A…" and b.isVisibleTo(editor)]
    [clear] = [b for b in editor.findChildren(QPushButton) if b.text() == "Clear" and b.isVisibleTo(editor)]
    answers = list(editor.buttons.values())

    def top(button: QPushButton) -> int:
        return button.mapTo(editor, button.rect().topLeft()).y()

    window.resize(1500, 800)
    rows = set()
    for width in (900, 480, 260):  # from one row to a wrapped one
        window.view.splitter.setSizes([window.width() - width, width])
        QApplication.processEvents()
        assert na.height() == clear.height() == answers[0].height()
        assert top(na) == top(clear)
        rows.add(top(na) == top(answers[0]))
    assert rows == {True, False}  # on the answers' row when there is room, below them (as a pair) when not
    assert window.view.select_ref(I3)  # a KPI: 0 is N/A there too
    assert next(b.text() for b in editor.findChildren(QPushButton) if b.isVisibleTo(editor)) == "0  N/A…"


def test_typing_that_is_no_number_is_still_said_after_a_language_switch_or_closing(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window, audit, field = _on_the_kpi(open_window, audit_path)
    _enter(qtbot, field, "75,5")
    _retype(qtbot, field, "12,")
    switched = window.switch_language("zh")
    assert switched.message_label.text() == "“12,”不是数字，未保存"  # said in the new language
    assert switched.message_is_error and audit.answer(I3).value == 75.5
    back = switched.switch_language("en")
    field = _value_field(back)
    _retype(qtbot, field, "9,")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # said once here; said again by the closing
    back.close_audit()
    assert back.session is None and back.message_label.text() == "“9,” is not a number; it was not saved"


def test_typing_left_in_one_audit_is_said_with_its_name_when_another_opens(
        qtbot: QtBot, tmp_path: Path, audit_path: Path, open_window: OpenWindow) -> None:
    from tests.helpers import make_audit

    window, _audit, field = _on_the_kpi(open_window, audit_path)
    _retype(qtbot, field, "9,")
    other = make_audit(tmp_path, name="other.sfaudit")
    other.close()
    assert window.open_audit(other.path)
    assert window.message_label.text() == f"{audit_path.name}: “9,” is not a number; it was not saved"


def test_quitting_with_a_number_not_finished_leaves_it_for_the_next_opening_to_tell(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window, _audit, field = _on_the_kpi(open_window, audit_path)
    _retype(qtbot, field, "12,")
    window.close()  # Ctrl+Q, or a logout: no one to tell now
    assert stored_drafts(audit_path) == [("I3", "value", "12,")]
    reopened = open_window(audit_path)
    assert "Not recovered: “12,”, typed in the current value of I3" in reopened.message_label.text()


def test_a_text_item_has_an_na_button_as_the_others_do(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    from app.ui.dialogs import NaReasonDialog
    from tests.ui.helpers_widgets import when_dialog_opens

    window = open_window(audit_path)
    assert window.view is not None
    editor = window.view.item_panel.answer
    assert window.view.select_ref(ItemRef("small", "I5"))  # a text answer
    [na] = [b for b in editor.findChildren(QPushButton) if b.text() == "0  N/A…" and b.isVisibleTo(editor)]
    QApplication.processEvents()  # laid out
    assert editor.text_edit is not None and na.mapTo(editor, na.rect().topLeft()).y() > \
        editor.text_edit.mapTo(editor, editor.text_edit.rect().bottomLeft()).y()  # below the text box

    def give_reason(dialog: NaReasonDialog) -> None:
        dialog.reason.insertPlainText("无此工序")  # as an input method gives it
        dialog.ok.click()

    when_dialog_opens(NaReasonDialog, give_reason)
    qtbot.mouseClick(na, Qt.MouseButton.LeftButton)
    assert window.view.session.audit.answer(ItemRef("small", "I5")).na_reason == "无此工序"
