"""Starting an audit: the profile is checked as typed, and the new audit opens on its first item."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from app.core.profile import credit_code_check_char
from app.core.store import AuditFileError
from app.ui import settings
from app.ui.main_window import MainWindow
from app.ui.new_audit_dialog import NewAuditDialog
from tests.helpers import write_checklist
from tests.ui.helpers_widgets import when_dialog_opens

VALID_CODE_17 = "91320500MA1XYW12A"


def test_new_audit_dialog_checks_the_profile_and_creates_the_audit(qtbot: QtBot, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.ui.new_audit_dialog.bundled_checklists", lambda: [write_checklist(tmp_path)])
    settings.set_auditor_name("王审核")
    window = MainWindow()

    def fill(dialog: NewAuditDialog) -> None:
        assert dialog.fields["auditors"].text() == "王审核"  # the auditor at this computer, to start with
        dialog.accept()  # nothing filled in: refused, with the reasons shown
        assert dialog.isVisible() and dialog.errors["name"].text()
        assert not dialog.errors["path"].isHidden() and dialog.general_error.text() == "Choose at least one checklist."
        qtbot.keyClicks(dialog.fields["name"], "Suzhou Precision")
        assert dialog.errors["name"].isHidden()  # a corrected field's error goes as it is typed, not at the next OK
        assert dialog.errors["path"].isHidden()  # the name gave the file its name
        dialog.fields["name"].clear()
        assert dialog.errors["name"].text() == "The factory name is required."
        qtbot.keyClicks(dialog.fields["name"], "Suzhou Precision")
        wrong = "0" if credit_code_check_char(VALID_CODE_17) != "0" else "1"
        qtbot.keyClicks(dialog.fields["credit_code"], VALID_CODE_17 + wrong)
        assert "check character" in dialog.errors["credit_code"].text()
        dialog.fields["credit_code"].clear()
        pasted = f" {VALID_CODE_17[:4]} {VALID_CODE_17[4:8]}-{VALID_CODE_17[8:]}{credit_code_check_char(VALID_CODE_17)}"
        QApplication.clipboard().setText(pasted.lower())  # pasted as printed, grouped: read as the code
        qtbot.keyClick(dialog.fields["credit_code"], Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert dialog.fields["credit_code"].text() == VALID_CODE_17 + credit_code_check_char(VALID_CODE_17)
        assert not dialog.errors["credit_code"].text()
        dialog.checklists.item(0).setCheckState(Qt.CheckState.Checked)
        assert dialog.general_error.text() == ""
        assert dialog.tags.count() == 2  # the tags declared by the chosen checklist
        dialog.tags.item(1).setCheckState(Qt.CheckState.Checked)  # process
        dialog.path.setText(str(tmp_path / "new"))
        dialog.accept()

    when_dialog_opens(NewAuditDialog, fill)
    window.new_audit()
    assert window.session is not None
    audit = window.session.audit
    assert audit.path == tmp_path / "new.sfaudit"
    assert audit.profile.name == "Suzhou Precision" and audit.profile.tags == ("process",)
    assert audit.profile.auditors == ("王审核",) and audit.author == "王审核"
    assert window.view is not None and window.view.current_ref() is not None
    window.close()


def test_a_file_that_cannot_be_created_is_said_in_the_dialog_with_everything_typed_kept(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.ui.new_audit_dialog.bundled_checklists", lambda: [write_checklist(tmp_path)])
    window = MainWindow()
    seen: list[str] = []

    def fill(dialog: NewAuditDialog) -> None:
        if seen:  # shown again after the failure: the reason, and the name still there
            seen.append(dialog.general_error.text())
            seen.append(dialog.fields["name"].text())
            dialog.reject()
            return
        qtbot.keyClicks(dialog.fields["name"], "Suzhou Precision")
        dialog.checklists.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.path.setText(str(tmp_path / "missing" / "new"))
        dialog.accept()  # a folder that does not exist: refused in the dialog
        assert dialog.isVisible() and "does not exist" in dialog.errors["path"].text()
        dialog.path.setText("new")  # no folder: the last folder used
        dialog.accept()
        seen.append("accepted")
        when_dialog_opens(NewAuditDialog, fill)

    def refuse(*_args: object) -> None:
        raise AuditFileError("cannot create {path}: {reason}", tmp_path / "new.sfaudit", reason="disk full")

    monkeypatch.setattr("app.ui.main_window.Audit.create", refuse)
    monkeypatch.setattr("app.ui.new_audit_dialog.settings.last_folder", lambda: str(tmp_path))
    when_dialog_opens(NewAuditDialog, fill)
    window.new_audit()
    assert seen == ["accepted", f"The audit could not be created: cannot create {tmp_path / 'new.sfaudit'}: disk full",
                    "Suzhou Precision"]
    assert window.session is None
    window.close()


def test_the_credit_code_keeps_the_cursor_and_a_folder_path_is_no_file_name(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.ui.new_audit_dialog.bundled_checklists", lambda: [write_checklist(tmp_path)])
    dialog = NewAuditDialog()
    qtbot.addWidget(dialog)
    code = dialog.fields["credit_code"]
    qtbot.keyClicks(code, "91350100M000100Y4")
    code.setCursorPosition(8)
    qtbot.keyClicks(code, "mx")  # lower case, in the middle: shown in capitals, the cursor after what was typed
    assert code.text() == "91350100MXM000100Y4" and code.cursorPosition() == 10
    dialog.path.setText(str(tmp_path / "reports") + "/")  # a folder that is not there, written as a folder
    dialog.accept()
    assert "is a folder" in dialog.errors["path"].text()


def test_a_name_that_reads_as_several_auditors_is_not_put_in_for_them(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.ui.new_audit_dialog.bundled_checklists", lambda: [write_checklist(tmp_path)])
    settings.set_auditor_name("Müller, Hans")  # one person, but the field splits at commas
    dialog = NewAuditDialog()
    qtbot.addWidget(dialog)
    assert dialog.fields["auditors"].text() == ""


def test_long_names_and_texts_are_said_at_their_fields(qtbot: QtBot, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.ui.new_audit_dialog.bundled_checklists", lambda: [write_checklist(tmp_path)])
    monkeypatch.setattr("app.ui.new_audit_dialog.settings.last_folder", lambda: str(tmp_path))
    window = MainWindow()
    seen: dict[str, str] = {}

    def fill(dialog: NewAuditDialog) -> None:
        dialog.fields["name"].setText("工" * 100)
        dialog.fields["name"].textEdited.emit("工" * 100)  # as typed (keyClicks types ASCII only)
        # the file takes its name from it, shortened
        assert dialog.path.text() == str(tmp_path / ("工" * 60 + ".sfaudit"))
        dialog.checklists.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.path.setText(str(tmp_path / ("工" * 90)))  # typed: too long for any file system
        dialog.fields["address"].setText("路" * 4001)
        dialog.accept()
        assert dialog.isVisible()
        seen["path"], seen["address"] = dialog.errors["path"].text(), dialog.errors["address"].text()
        qtbot.keyClick(dialog.fields["name"], Qt.Key.Key_Backspace)  # the errors follow the typing, without a fault
        dialog.fields["address"].setText("苏州工业园区")
        assert dialog.errors["address"].isHidden()
        dialog.path.setText(str(tmp_path / "short"))
        dialog.accept()

    when_dialog_opens(NewAuditDialog, fill)
    window.new_audit()
    assert seen == {"path": "The file name is too long; shorten it.",
                    "address": "At most 4000 characters (4001 now)."}
    assert window.session is not None and window.session.audit.profile.address == "苏州工业园区"
    window.close()


def test_the_dates_open_their_calendar_from_the_keyboard(qtbot: QtBot, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.ui.new_audit_dialog.bundled_checklists", lambda: [write_checklist(tmp_path)])
    dialog = NewAuditDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    for edit in (dialog.start_date, dialog.end_date):
        before = edit.date()
        edit.setFocus()
        qtbot.keyClick(edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda edit=edit: edit.calendarWidget().isVisible())
        qtbot.keyClick(edit.calendarWidget(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda edit=edit: not edit.calendarWidget().isVisible())
        assert edit.date() == before  # not stepped a year back


def test_only_plain_f4_opens_the_calendar_and_a_long_auditor_list_is_no_long_text(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.ui.new_audit_dialog.bundled_checklists", lambda: [write_checklist(tmp_path)])
    dialog = NewAuditDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_date.setFocus()
    for held in (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier):  # Alt+F4 closes windows
        qtbot.keyClick(dialog.start_date, Qt.Key.Key_F4, held)
        QApplication.processEvents()
        assert not dialog.start_date.calendarWidget().isVisible()
    keypad = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.KeypadModifier  # macOS's arrow keys
    qtbot.keyClick(dialog.start_date, Qt.Key.Key_Down, keypad)
    qtbot.waitUntil(lambda: dialog.start_date.calendarWidget().isVisible())
    qtbot.keyClick(dialog.start_date.calendarWidget(), Qt.Key.Key_Escape)
    dialog.fields["auditors"].setText(", ".join(f"审核员{n:04d}" for n in range(600)))  # a list: no text limit
    assert dialog._messages().get("auditors", "") == ""


def test_what_the_new_audit_dialog_holds_comes_back_after_the_program_stopped_with_it_open(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No audit file exists yet to keep it in: the settings keep it at every change. Quitting keeps it; creating
    the audit or discarding the typing lets it go."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr("app.ui.new_audit_dialog.bundled_checklists", lambda: [write_checklist(tmp_path)])
    window = MainWindow()

    def type_then_quit(dialog: NewAuditDialog) -> None:
        qtbot.keyClicks(dialog.fields["name"], "Suzhou Precision")
        dialog.checklists.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.tags.item(1).setCheckState(Qt.CheckState.Checked)  # process
        QApplication.closeAllWindows()

    when_dialog_opens(NewAuditDialog, type_then_quit)
    window.new_audit()
    kept = settings.new_audit_form()
    assert kept is not None and kept["fields"]["name"] == "Suzhou Precision" and kept["tags"] == ["process"]
    seen: list[tuple[str, list[str], list[str], bool]] = []

    def look_then_discard(dialog: NewAuditDialog) -> None:
        seen.append((dialog.fields["name"].text(), [c.checklist.id for c in dialog.chosen_checklists()],
                     dialog.chosen_tags(), any(label.text().startswith("Restored what was typed")
                                                for label in dialog.findChildren(QLabel))))
        when_dialog_opens(QMessageBox, lambda box: qtbot.keyClick(box, Qt.Key.Key_Return))  # discard
        qtbot.keyClick(dialog.fields["name"], Qt.Key.Key_Escape)

    window = MainWindow()
    when_dialog_opens(NewAuditDialog, look_then_discard)
    window.new_audit()
    assert seen == [("Suzhou Precision", ["small"], ["process"], True)]
    assert settings.new_audit_form() is None
    window.close()


@pytest.mark.parametrize("kept", [{"checklists": 5}, {"tags": None}])
def test_a_kept_form_that_cannot_be_read_is_let_go_and_the_dialog_opens_empty(
        qtbot: QtBot, kept: dict[str, object]) -> None:
    settings.keep_new_audit_form(kept)  # another version's, or edited by hand
    dialog = NewAuditDialog()
    qtbot.addWidget(dialog)
    assert settings.new_audit_form() is None
    assert not any(label.text().startswith("Restored") for label in dialog.findChildren(QLabel))


def test_a_checklist_added_from_a_file_is_kept_with_its_tags(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    added = write_checklist(tmp_path, name="own.yaml")
    monkeypatch.setattr("app.ui.new_audit_dialog.bundled_checklists", lambda: [])
    monkeypatch.setattr("app.ui.new_audit_dialog.QFileDialog.getOpenFileName", lambda *_args: (str(added), ""))
    dialog = NewAuditDialog()
    qtbot.addWidget(dialog)
    dialog._add_file()
    assert dialog.tags.count() == 2  # its tags listed at once
    dialog.tags.item(1).setCheckState(Qt.CheckState.Checked)
    kept = settings.new_audit_form()
    assert kept is not None and kept["checklists"] == [str(added)] and kept["tags"] == ["process"]
    again = NewAuditDialog()  # after a crash
    qtbot.addWidget(again)
    assert [c.path for c in again.chosen_checklists()] == [str(added)] and again.chosen_tags() == ["process"]
