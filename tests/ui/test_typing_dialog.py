"""Every dialog the auditor types into asks before Esc or Cancel throws the typing away, and only then."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from app.ui.dialogs import NaReasonDialog
from app.ui.new_audit_dialog import NewAuditDialog
from app.ui.profile_dialog import ProfileDialog
from app.ui.session import AuditSession
from app.ui.typing_dialog import LineDialog, TypingDialog
from tests.ui.helpers_widgets import when_dialog_opens


def _na_reason(_session: AuditSession) -> tuple[TypingDialog, Callable[[QtBot], None]]:
    dialog = NaReasonDialog("I1", "Not made here")
    return dialog, lambda qtbot: qtbot.keyClicks(dialog.reason, " any more")


def _profile(session: AuditSession) -> tuple[TypingDialog, Callable[[QtBot], None]]:
    dialog = ProfileDialog(session.audit)
    return dialog, lambda qtbot: qtbot.keyClicks(dialog.fields["address"], ", Building 3")


def _line(_session: AuditSession) -> tuple[TypingDialog, Callable[[QtBot], None]]:
    dialog = LineDialog("Caption", "Caption of valve.png:", "Valve")
    return dialog, lambda qtbot: qtbot.keyClicks(dialog.line, " on line 3")


def _new_audit(_session: AuditSession) -> tuple[TypingDialog, Callable[[QtBot], None]]:
    dialog = NewAuditDialog()
    return dialog, lambda qtbot: qtbot.keyClicks(dialog.fields["name"], "Suzhou Precision")


@pytest.mark.parametrize("make", [_na_reason, _profile, _new_audit, _line],
                         ids=["N/A reason", "profile", "new audit", "one line (caption, your name)"])
def test_esc_asks_before_typing_is_discarded_and_not_before(
        qtbot: QtBot, session: AuditSession,
        make: Callable[[AuditSession], tuple[TypingDialog, Callable[[QtBot], None]]]) -> None:
    dialog, change = make(session)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    asked: list[str] = []

    def answer_by(key: Qt.Key) -> None:
        def answer(box: QMessageBox) -> None:
            asked.append(box.text())
            qtbot.keyClick(box, key)
        when_dialog_opens(QMessageBox, answer)

    change(qtbot)
    answer_by(Qt.Key.Key_Escape)  # keep editing
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and asked == ["Discard your changes?"]
    answer_by(Qt.Key.Key_Return)  # discard
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected and len(asked) == 2

    untouched, _change = make(session)
    qtbot.addWidget(untouched)
    with qtbot.waitExposed(untouched):
        untouched.show()
    qtbot.keyClick(QApplication.focusWidget() or untouched, Qt.Key.Key_Escape)
    assert not untouched.isVisible() and len(asked) == 2  # as it opened: closed at once
