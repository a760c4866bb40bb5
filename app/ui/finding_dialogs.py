"""Small dialogs to write a finding (severity and description) and a corrective action (what, who, by when,
status). OK stays disabled until the required description is there; Ctrl+Enter confirms from the text box. Esc,
Cancel or the title bar's close button ask before what was typed is thrown away."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.audit import ACTION_STATUSES, SEVERITIES, action_draft_text, finding_draft_text
from app.i18n import add_translations, tr
from app.ui.audit_terms import SEVERITY_COLORS, STATUS_COLORS, marker_icon, severity_name, status_name
from app.ui.date_edit import CalendarDateEdit
from app.ui.typing_dialog import TypingDialog, ok_cancel_buttons

add_translations({
    "New finding": "新建问题",
    "Edit finding": "编辑问题",
    "Severity": "严重程度",
    "Description": "描述",
    "What was found, where, and against which requirement": "发现了什么、在哪里、不符合哪项要求",
    "New corrective action": "新建整改措施",
    "Edit corrective action": "编辑整改措施",
    "What will be done": "将采取的措施",
    "Owner": "负责人",
    "Name and department": "姓名和部门",
    "Due date": "完成期限",
    "Set a due date": "设定期限",
    "Status": "状态",
})


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


class _DescribedDialog(TypingDialog):
    """A dialog with a required description; Ctrl+Enter in the description confirms. ``edited`` follows every
    change of a field, so that what the dialog holds can be kept as a draft (:meth:`draft_text`)."""

    edited = Signal()

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(96)
        self.description.installEventFilter(self)
        self.buttons = ok_cancel_buttons(self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.description.textChanged.connect(self._update_ok)

    def _update_ok(self) -> None:
        self.ok.setEnabled(bool(self.description.toPlainText().strip()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.description and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if self.ok.isEnabled():
                self.accept()
            return True
        return super().eventFilter(watched, event)


class FindingDialog(_DescribedDialog):
    def __init__(self, severity: str = "minor", description: str = "", parent: QWidget | None = None,
                 *, editing: bool = False) -> None:
        super().__init__(tr("Edit finding") if editing else tr("New finding"), parent)
        self.severity = QComboBox()
        for code in SEVERITIES:
            self.severity.addItem(marker_icon(SEVERITY_COLORS[code]), severity_name(code), code)
        self.severity.setCurrentIndex(max(self.severity.findData(severity), 0))
        self.description.setPlaceholderText(tr("What was found, where, and against which requirement"))
        self.description.setPlainText(description)
        form = QFormLayout()
        form.addRow(tr("Severity"), self.severity)
        form.addRow(tr("Description"), self.description)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()
        self.description.setFocus()
        self.description.moveCursor(QTextCursor.MoveOperation.End)  # editing: typing goes on after the text
        self.description.textChanged.connect(self.edited)
        self.severity.currentIndexChanged.connect(self.edited)
        self.opened(self.draft_text)

    def values(self) -> tuple[str, str]:
        return str(self.severity.currentData()), self.description.toPlainText().strip()

    def draft_text(self) -> str:
        return finding_draft_text(*self.values())


class ActionDialog(_DescribedDialog):
    def __init__(self, description: str = "", owner: str = "", due: str = "", status: str = "open",
                 parent: QWidget | None = None, *, editing: bool = False) -> None:
        super().__init__(tr("Edit corrective action") if editing else tr("New corrective action"), parent)
        self.description.setPlaceholderText(tr("What will be done"))
        self.description.setPlainText(description)
        self.owner = QLineEdit(owner)
        self.owner.setPlaceholderText(tr("Name and department"))
        self.has_due = QCheckBox(tr("Set a due date"))
        self.due = CalendarDateEdit()
        start = _date(due) or dt.date.today() + dt.timedelta(days=30)
        self.due.setDate(QDate(start.year, start.month, start.day))
        self.has_due.setChecked(bool(due))
        self.due.setEnabled(bool(due))
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        self.status = QComboBox()
        for code in ACTION_STATUSES:
            self.status.addItem(marker_icon(STATUS_COLORS[code]), status_name(code), code)
        self.status.setCurrentIndex(max(self.status.findData(status), 0))
        form = QFormLayout()
        form.addRow(tr("Description"), self.description)
        form.addRow(tr("Owner"), self.owner)
        form.addRow(tr("Due date"), due_row)
        form.addRow(tr("Status"), self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()
        self.description.setFocus()
        self.description.moveCursor(QTextCursor.MoveOperation.End)  # editing: typing goes on after the text
        for changed in (self.description.textChanged, self.owner.textChanged, self.has_due.toggled,
                        self.due.dateChanged, self.status.currentIndexChanged):
            changed.connect(self.edited)
        self.opened(self.draft_text)

    def values(self) -> tuple[str, str, str, str]:
        due = self.due.date().toString("yyyy-MM-dd") if self.has_due.isChecked() else ""
        return self.description.toPlainText().strip(), self.owner.text().strip(), due, str(self.status.currentData())

    def draft_text(self) -> str:
        return action_draft_text(*self.values())
