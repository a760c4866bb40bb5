"""Editing the factory profile of an open audit: the fields of the new-audit dialog, and the tags that decide which
items apply. All changes are one edit, so one Undo takes them back."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.audit import Audit
from app.core.profile import ProfileError, normalise_field
from app.i18n import add_translations, tr
from app.ui.date_edit import CalendarDateEdit
from app.ui.messages import error_text
from app.ui.new_audit_dialog import (
    PROFILE_LINES,
    add_tag_items,
    checkable_item,
    checked_data,
    credit_code_message,
    error_label,
    profile_messages,
    show_error,
    show_errors,
    show_normal_credit_code,
    with_error,
)
from app.ui.typing_dialog import TypingDialog, ok_cancel_buttons
from app.ui.widgets import caption

add_translations({
    "Factory profile": "工厂档案",
    "No date": "未填写",
    "{tag}  (no checklist of this audit uses it)": "{tag}（本审核的清单均未使用）",
    "Items with these tags are in scope; untagged items always are. A change here can bring items into scope or "
    "take them out: their answers are kept.":
        "带这些标签的条目在审核范围内；无标签的条目始终在范围内。此处的修改会让条目进入或移出审核范围：已有回答保留。",
})

NO_DATE = QDate(1752, 9, 14)  # the date edits' "empty" (their earliest date): Qt's date edit always holds one


class ProfileDialog(TypingDialog):
    """The profile as it is; ``changes()`` after OK gives the fields that differ, as the core takes them.
    ``edited`` follows every change, so that what the dialog holds can be kept as a draft (:meth:`draft_text`)."""

    edited = Signal()

    def __init__(self, audit: Audit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Factory profile"))
        self.profile = audit.profile
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for name, label in PROFILE_LINES:
            value = getattr(self.profile, name)
            edit = QLineEdit(", ".join(value) if isinstance(value, tuple) else value)
            self.fields[name] = edit
            form.addRow(tr(label), with_error(self.errors, name, edit))
        self.fields["credit_code"].textEdited.connect(self._credit_code_typed)
        self.start_date = _date_edit(self.profile.start_date)
        self.end_date = _date_edit(self.profile.end_date)
        form.addRow(tr("Start date"), self.start_date)
        form.addRow(tr("End date"), with_error(self.errors, "end_date", self.end_date))
        self.scope = QPlainTextEdit(self.profile.scope)
        self.scope.setTabChangesFocus(True)
        self.scope.setFixedHeight(70)
        form.addRow(tr("Scope"), with_error(self.errors, "scope", self.scope))
        self.tags = QListWidget()
        self._fill_tags(audit)
        hint = QLabel(tr("Items with these tags are in scope; untagged items always are. A change here can bring "
                         "items into scope or take them out: their answers are kept."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #6b7785;")
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(caption(tr("Profile tags")))
        layout.addWidget(hint)
        layout.addWidget(self.tags)
        layout.addWidget(buttons)
        self.general_error = error_label()
        layout.insertWidget(layout.count() - 1, self.general_error)
        self._shown = self.values()  # what OK compares with: untouched fields are never rewritten
        self.opened(self.values)
        self._ok_pressed = False  # from then on, the errors follow the typing
        for changed in (*(edit.textChanged for edit in self.fields.values()), self.scope.textChanged,
                        self.start_date.dateChanged, self.end_date.dateChanged):
            changed.connect(lambda *_: self._ok_pressed and show_errors(self.errors, self._messages()))
            changed.connect(self.edited)
        self.tags.itemChanged.connect(self.edited)
        room = self.screen().availableGeometry()  # the tags list takes what the screen allows, without scrolling
        self.resize(min(680, room.width() * 9 // 10), min(780, room.height() * 9 // 10))

    def _fill_tags(self, audit: Audit) -> None:
        declared = add_tag_items(self.tags, audit.checklists, self.profile.tags)
        for tag_id in self.profile.tags:  # set elsewhere (the CLI): kept, and shown, not dropped unseen on OK
            if tag_id not in declared:
                self.tags.addItem(checkable_item(tr("{tag}  (no checklist of this audit uses it)", tag=tag_id),
                                                 tag_id, checked=True))

    def chosen_tags(self) -> tuple[str, ...]:
        return tuple(checked_data(self.tags))

    def _credit_code_typed(self, value: str) -> None:
        code = show_normal_credit_code(self.fields["credit_code"], value)
        show_error(self.errors, "credit_code", credit_code_message(code) if len(code) >= 18 else "")

    def draft_text(self) -> str:
        return json.dumps(self.changes(), ensure_ascii=False)

    def values(self) -> dict[str, Any]:
        """Every field as typed; the core normalises and checks them."""
        typed: dict[str, Any] = {name: edit.text() for name, edit in self.fields.items()}
        typed.update(start_date=_iso(self.start_date), end_date=_iso(self.end_date), scope=self.scope.toPlainText(),
                     tags=self.chosen_tags())
        return typed

    def changes(self) -> dict[str, Any]:
        """The fields the auditor changed. A field left as it was shown is not sent back, even where reading it
        again would differ (an auditor named "Smith, J.", a scope with Windows line ends); tags are a set."""
        changed: dict[str, Any] = {}
        for name, value in self.values().items():
            if value == self._shown[name] or (name == "tags" and set(value) == set(self.profile.tags)):
                continue
            changed[name] = value
        return changed

    def _messages(self) -> dict[str, str]:
        return profile_messages(self.fields, self.scope, _iso(self.start_date), _iso(self.end_date))

    def accept(self) -> None:
        self._ok_pressed = True
        if show_errors(self.errors, self._messages()):
            return
        for name, value in self.changes().items():  # what the core would refuse, said here, with the typing kept
            try:
                normalise_field(name, value)
            except ProfileError as error:
                self.general_error.setText(error_text(error))
                return
        super().accept()


class _StartsToday(QObject):
    """A date edit showing "No date" starts from today when the auditor picks or steps a date, not from 1752."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not isinstance(watched, QDateEdit) or watched.date() != NO_DATE:
            return False
        if event.type() == QEvent.Type.MouseButtonPress:
            watched.setDate(QDate.currentDate())  # and the click goes on, to open the calendar on this month
        elif isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            opens_calendar = event.key() == Qt.Key.Key_F4 or (
                event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if opens_calendar or event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp,
                                                 Qt.Key.Key_PageDown):
                watched.setDate(QDate.currentDate())
                return not opens_calendar  # a step lands on today itself
        return False


_starts_today: list[_StartsToday] = []


def _date_edit(iso: str) -> QDateEdit:
    edit = CalendarDateEdit()
    if not _starts_today:
        _starts_today.append(_StartsToday())
    edit.installEventFilter(_starts_today[0])
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(tr("No date"))  # shown for the minimum date: a profile without this date
    date = QDate.fromString(iso, "yyyy-MM-dd") if iso else NO_DATE
    edit.setDate(date if date.isValid() else NO_DATE)
    return edit


def _iso(edit: QDateEdit) -> str:
    date = edit.date()
    return "" if date == NO_DATE else date.toString("yyyy-MM-dd")
