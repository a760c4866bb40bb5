"""A new audit: the factory profile (checked as you type), the checklists, the profile tags and the file."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Container, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.checklist import LEVELS, Checklist
from app.core.checklist_yaml import ChecklistError, LoadedChecklist, load_checklist_file
from app.core.profile import (
    CREDIT_CODE_ALPHABET,
    MAX_TEXT,
    TEXT_FIELDS,
    Profile,
    ProfileError,
    credit_code_check_char,
    credit_code_problem,
    normal_credit_code,
    normalise_field,
)
from app.core.store import AUDIT_SUFFIX, fitting_name, name_too_long, with_audit_suffix
from app.i18n import add_translations, text, tr
from app.paths import bundled_checklists
from app.ui import settings
from app.ui.date_edit import CalendarDateEdit
from app.ui.messages import error_text
from app.ui.tasks import ProgressCallback, run_task
from app.ui.typing_dialog import TypingDialog, ok_cancel_buttons
from app.ui.widgets import caption

add_translations({
    "New audit": "新建审核", "Create": "创建",
    "Factory name *": "工厂名称 *", "Unified social credit code": "统一社会信用代码", "Industry": "行业",
    "Address": "地址", "Contacts": "联系人", "Start date": "开始日期", "End date": "结束日期",
    "Auditors (comma separated)": "审核员（逗号分隔）", "Scope": "审核范围",
    "Checklists": "检查清单", "Add file…": "添加文件…", "Profile tags": "档案标签",
    "Items with tags are in scope only when the profile has one of them; no tag selected: every item is.":
        "带标签的条目只在档案包含其中一个标签时才在审核范围内；不选标签则所有条目都在范围内。",
    "Audit file": "审核文件", "Browse…": "浏览…",
    "Reading the checklists…": "正在读取检查清单…",
    "{title}  ·  {items} items": "{title}  ·  {items} 条",
    "The factory name is required.": "请填写工厂名称。",
    "18 characters are needed ({count} typed).": "需要 18 位（已输入 {count} 位）。",
    "'{char}' is not allowed: digits and capital letters except I, O, Z, S, V.":
        "“{char}”不允许：只能是数字和除 I、O、Z、S、V 以外的大写字母。",
    "The check character is '{given}' but should be '{expected}'.": "校验码为“{given}”，应为“{expected}”。",
    "The end date is before the start date.": "结束日期早于开始日期。",
    "Restored what was typed here before the program stopped.": "已恢复程序停止前在此输入的内容。",
    "Choose at least one checklist.": "请至少选择一个检查清单。",
    "Choose where to save the audit file.": "请选择审核文件的保存位置。",
    "{path} already exists; choose another name.": "{path} 已存在，请换一个名称。",
    "{path} is a folder; add a file name.": "{path} 是文件夹，请加上文件名。",
    "The folder {folder} does not exist.": "文件夹 {folder} 不存在。",
    "The file name is too long; shorten it.": "文件名太长，请缩短。",
    "At most {limit} characters ({count} now).": "最多 {limit} 个字符（现有 {count} 个）。",
    "Tag id: {id} (as the command line and the checklist files name it)":
        "标签代号：{id}（命令行和检查清单文件中的写法）",
    "{path} cannot be used: {reason}": "{path} 无法使用：{reason}",
    "The folder {folder} cannot be written; choose another.": "无法写入文件夹 {folder}，请另选。",
    "The audit could not be created: {reason}": "无法创建审核：{reason}",
    "Checklist files (*.yaml *.yml)": "检查清单文件 (*.yaml *.yml)",
    "Audit files (*.sfaudit)": "审核文件 (*.sfaudit)",
    "The checklist cannot be used:\n{problems}": "该检查清单无法使用：\n{problems}",
    "Open a checklist": "打开检查清单", "Save the new audit as": "新审核保存为",
})

SUGGESTED_STEM_CHARS = 60  # a file name made from the factory's name: at most this, and as the file system allows


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long to ask about, or a path the system cannot read
        return False


PROFILE_LINES = (("name", "Factory name *"), ("credit_code", "Unified social credit code"),
                 ("industry", "Industry"), ("address", "Address"), ("contacts", "Contacts"),
                 ("auditors", "Auditors (comma separated)"))


def error_label() -> QLabel:
    """A problem said in red, wrapped; empty until there is one."""
    label = QLabel()
    label.setStyleSheet("color: #c62828;")
    label.setWordWrap(True)
    return label


def with_error(errors: dict[str, QLabel], name: str, widget: QWidget) -> QWidget:
    """``widget`` above a hidden error line, kept in ``errors`` under ``name`` for :func:`show_error`."""
    error = error_label()
    error.hide()
    errors[name] = error
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    box.addWidget(widget)
    box.addWidget(error)
    return holder


def show_error(errors: dict[str, QLabel], name: str, message: str) -> None:
    errors[name].setText(message)
    errors[name].setVisible(bool(message))


def field_messages(name: str, credit_code: str, start: str, end: str) -> dict[str, str]:
    """What OK finds wrong in the profile fields that both profile dialogs check ("" where all is well)."""
    return {"name": "" if name.strip() else tr("The factory name is required."),
            "credit_code": credit_code_message(credit_code),
            "end_date": tr("The end date is before the start date.") if start and end and end < start else ""}


def length_messages(texts: dict[str, str]) -> dict[str, str]:
    """A message for each field longer than the profile takes ("" for the others)."""
    return {name: tr("At most {limit} characters ({count} now).", limit=MAX_TEXT, count=len(value.strip()))
            if len(value.strip()) > MAX_TEXT else "" for name, value in texts.items()}


def profile_messages(fields: dict[str, QLineEdit], scope: QPlainTextEdit, start: str, end: str) -> dict[str, str]:
    """What OK finds wrong in a profile dialog's fields, each next to its field ("" where all is well)."""
    checked = field_messages(fields["name"].text(), normal_credit_code(fields["credit_code"].text()), start, end)
    lengths = length_messages({name: edit.text() for name, edit in fields.items() if name in TEXT_FIELDS}
                              | {"scope": scope.toPlainText()})
    return {name: lengths.get(name) or checked.get(name, "") for name in {*checked, *lengths}}


def show_errors(errors: dict[str, QLabel], messages: dict[str, str]) -> bool:
    """Each message next to its field (an empty one hides it); whether there was any."""
    for name, message in messages.items():
        show_error(errors, name, message)
    return any(messages.values())


def checkable_item(label: str, data: object, *, checked: bool) -> QListWidgetItem:
    item = QListWidgetItem(label)
    item.setData(Qt.ItemDataRole.UserRole, data)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


def add_tag_items(widget: QListWidget, checklists: Iterable[Checklist], checked: Container[str]) -> set[str]:
    """A checkable row per tag the checklists declare (each once); returns the tag ids."""
    seen: set[str] = set()
    for checklist in checklists:
        for tag in checklist.tags:
            if tag.id not in seen:
                seen.add(tag.id)
                item = checkable_item(text(tag.label) or tag.id, tag.id, checked=tag.id in checked)
                item.setToolTip(tr("Tag id: {id} (as the command line and the checklist files name it)", id=tag.id))
                widget.addItem(item)
    return seen


def checked_data(widget: QListWidget) -> list[Any]:
    return [item.data(Qt.ItemDataRole.UserRole) for item in _items(widget)
            if item.checkState() == Qt.CheckState.Checked]


def show_normal_credit_code(edit: QLineEdit, typed: str) -> str:
    """Show ``typed`` as the code is stored (capitals, no spaces or hyphens), the cursor where it was."""
    code = normal_credit_code(typed)
    if code != typed:
        cursor = len(normal_credit_code(typed[:edit.cursorPosition()]))
        edit.setText(code)
        edit.setCursorPosition(cursor)
    return code


def credit_code_message(code: str) -> str:
    """The problem with a credit code in the interface language, or '' (the core decides what is valid)."""
    if not code or not credit_code_problem(code):
        return ""
    if len(code) != 18:
        return tr("18 characters are needed ({count} typed).", count=len(code))
    bad = next((c for c in code if c not in CREDIT_CODE_ALPHABET), None)
    if bad is not None:
        return tr("'{char}' is not allowed: digits and capital letters except I, O, Z, S, V.", char=bad)
    return tr("The check character is '{given}' but should be '{expected}'.", given=code[17],
              expected=credit_code_check_char(code[:17]))


def _load_all(paths: list[Path], progress: ProgressCallback) -> list[LoadedChecklist | ChecklistError]:
    loaded: list[LoadedChecklist | ChecklistError] = []
    for done, path in enumerate(paths):
        progress(done, len(paths))
        try:
            loaded.append(load_checklist_file(path))
        except ChecklistError as error:
            loaded.append(error)
    return loaded


class NewAuditDialog(TypingDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("New audit"))
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self._path_edited = False
        self._ok_pressed = False
        columns = QHBoxLayout()
        columns.addLayout(self._profile_form(), 3)
        columns.addLayout(self._checklist_column(), 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        self.general_error = error_label()
        layout.addWidget(self.general_error)
        buttons = ok_cancel_buttons(self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Create"))
        layout.addWidget(buttons)  # across the bottom, on the right, as in every dialog
        paths = bundled_checklists()
        loaded = [entry for entry in run_task(parent, tr("Reading the checklists…"), lambda p: _load_all(paths, p))
                  if isinstance(entry, LoadedChecklist)]
        for entry in sorted(loaded, key=lambda e: LEVELS.index(e.checklist.level)):  # scenario … supply chain
            self._add_checklist(entry, checked=False)
        for changed in (*(edit.textChanged for edit in self.fields.values()), self.scope.textChanged,
                        self.path.textChanged, self.start_date.dateChanged, self.end_date.dateChanged,
                        self.checklists.itemChanged):
            changed.connect(self._recheck)
        room = self.screen().availableGeometry()  # on a small screen, as much as it allows
        self.resize(min(980, room.width() * 9 // 10), min(620, room.height() * 9 // 10))
        self.opened(self._held)
        self._dates_at_opening = (_iso(self.start_date), _iso(self.end_date))
        kept = settings.new_audit_form()
        if kept is not None and self._restored(kept):  # typed here when the program stopped: back, as typed
            restored = QLabel(tr("Restored what was typed here before the program stopped."))
            restored.setStyleSheet("color: #37474f;")
            layout.insertWidget(1, restored)  # below the fields, above any problem
        for changed in (*(edit.textChanged for edit in self.fields.values()), self.scope.textChanged,
                        self.path.textChanged, self.start_date.dateChanged, self.end_date.dateChanged,
                        self.checklists.itemChanged, self.tags.itemChanged):
            changed.connect(self._keep_form)

    def _keep_form(self) -> None:
        settings.keep_new_audit_form(self.form() if self.changed() else None)

    def done(self, result: int) -> None:
        super().done(result)
        if self.discarded:  # by the auditor; closed by the program (quitting), it waits for the next time
            settings.keep_new_audit_form(None)

    def form(self) -> dict[str, Any]:
        """The fields as typed, for :func:`settings.keep_new_audit_form`."""
        dates = (_iso(self.start_date), _iso(self.end_date))
        return {"fields": {name: edit.text() for name, edit in self.fields.items()},
                "scope": self.scope.toPlainText(), "path": self.path.text(), "path_edited": self._path_edited,
                "checklists": [loaded.path for loaded in self.chosen_checklists()], "tags": self.chosen_tags(),
                # the dates only as chosen: those of the opening day, restored days later, would be wrong
                **({"start_date": dates[0], "end_date": dates[1]} if dates != self._dates_at_opening else {})}

    def _restored(self, form: dict[str, Any]) -> bool:
        """A kept form back in the fields; one that cannot be read (another version's, or edited by hand) is let
        go, and the dialog opens empty."""
        try:
            self._restore(form)
        except (TypeError, ValueError, AttributeError):
            settings.keep_new_audit_form(None)
            return False
        return True

    def _restore(self, form: dict[str, Any]) -> None:
        """A kept form back in the fields; a part that does not fit (a checklist file gone) is left out."""
        fields = form.get("fields")
        for name, value in (fields.items() if isinstance(fields, dict) else ()):
            if name in self.fields and isinstance(value, str):
                self.fields[name].setText(value)
        if isinstance(form.get("scope"), str):
            self.scope.setPlainText(form["scope"])
        for edit, key in ((self.start_date, "start_date"), (self.end_date, "end_date")):
            date = QDate.fromString(str(form.get(key, "")), "yyyy-MM-dd")
            if date.isValid():
                edit.setDate(date)
        if isinstance(form.get("path"), str):
            self.path.setText(form["path"])
            self._path_edited = bool(form.get("path_edited"))
        chosen = [path for path in form.get("checklists", []) if isinstance(path, str)]
        shown = {loaded.path: item for item in _items(self.checklists) if isinstance(loaded := item.data(
            Qt.ItemDataRole.UserRole), LoadedChecklist)}
        for path in chosen:
            if path in shown:
                shown[path].setCheckState(Qt.CheckState.Checked)
            else:  # one added with Add file…: read again, if it still can be
                with contextlib.suppress(ChecklistError, OSError):
                    self._add_checklist(load_checklist_file(path), checked=True)
        self._update_tags()  # those of the checklists added ticked too
        tags = {tag for tag in form.get("tags", []) if isinstance(tag, str)}
        for item in _items(self.tags):
            if item.data(Qt.ItemDataRole.UserRole) in tags:
                item.setCheckState(Qt.CheckState.Checked)

    # -- layout --------------------------------------------------------------------------------------------------

    def _profile_form(self) -> QVBoxLayout:
        form = QFormLayout()
        for name, label in PROFILE_LINES:
            edit = QLineEdit()
            self.fields[name] = edit
            form.addRow(tr(label), with_error(self.errors, name, edit))
        name = settings.auditor_name()  # the auditor at this computer, to start with; but not "Müller, Hans",
        if len(normalise_field("auditors", name)) == 1:  # which the field would read as two auditors
            self.fields["auditors"].setText(name)
        self.fields["credit_code"].textEdited.connect(self._credit_code_typed)
        self.fields["name"].textEdited.connect(self._name_typed)
        today = QDate.currentDate()
        self.start_date, self.end_date = _date_edit(today), _date_edit(today.addDays(2))
        form.addRow(tr("Start date"), self.start_date)
        form.addRow(tr("End date"), with_error(self.errors, "end_date", self.end_date))
        self.scope = QPlainTextEdit()
        self.scope.setTabChangesFocus(True)
        self.scope.setFixedHeight(70)
        form.addRow(tr("Scope"), with_error(self.errors, "scope", self.scope))
        self.path = QLineEdit()
        self.path.textEdited.connect(lambda _: setattr(self, "_path_edited", True))
        browse = QPushButton(tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("Audit file"), with_error(self.errors, "path", holder))
        column = QVBoxLayout()
        column.addLayout(form)
        column.addStretch(1)
        return column

    def _checklist_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.addWidget(caption(tr("Checklists")))
        self.checklists = QListWidget()
        self.checklists.itemChanged.connect(lambda _: self._update_tags())
        column.addWidget(self.checklists)  # as tall as its rows: the tags below are the longer list
        add = QPushButton(tr("Add file…"))
        add.clicked.connect(self._add_file)
        column.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(caption(tr("Profile tags")))
        hint = QLabel(tr("Items with tags are in scope only when the profile has one of them; no tag selected: "
                         "every item is."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #6b7785;")
        column.addWidget(hint)
        self.tags = QListWidget()
        column.addWidget(self.tags, 1)
        return column

    def _fit_checklists(self) -> None:
        rows = max(self.checklists.count(), 4)
        row_height = self.checklists.sizeHintForRow(0) if self.checklists.count() else self.fontMetrics().height()
        self.checklists.setFixedHeight(min(rows, 8) * row_height + 2 * self.checklists.frameWidth() + 4)

    # -- checklists and tags -------------------------------------------------------------------------------------

    def _add_checklist(self, loaded: LoadedChecklist, *, checked: bool) -> None:
        checklist = loaded.checklist
        item = checkable_item(tr("{title}  ·  {items} items", title=text(checklist.title),
                                 items=checklist.item_count), loaded, checked=checked)
        item.setToolTip(loaded.path)
        self.checklists.addItem(item)
        self._fit_checklists()

    def _held(self) -> object:
        """What the fields hold, to tell a change from the dialog as it opened."""
        return ([edit.text() for edit in self.fields.values()], self.scope.toPlainText(), _iso(self.start_date),
                _iso(self.end_date), self.path.text(), [loaded.path for loaded in self.chosen_checklists()],
                self.chosen_tags())

    def chosen_checklists(self) -> list[LoadedChecklist]:
        return checked_data(self.checklists)

    def _update_tags(self) -> None:
        kept = set(self.chosen_tags())
        self.tags.clear()
        add_tag_items(self.tags, (loaded.checklist for loaded in self.chosen_checklists()), kept)

    def chosen_tags(self) -> list[str]:
        return checked_data(self.tags)

    def _add_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("Open a checklist"), settings.last_folder(),
                                              tr("Checklist files (*.yaml *.yml)"))
        if not name:
            return
        try:
            loaded = load_checklist_file(name)
        except ChecklistError as error:
            problems = "\n".join(str(p) for p in error.problems[:8])
            self.general_error.setText(tr("The checklist cannot be used:\n{problems}", problems=problems))
            return
        self.general_error.clear()
        self._add_checklist(loaded, checked=True)
        self._update_tags()  # added ticked: no itemChanged tells of it
        self._keep_form()

    # -- file ----------------------------------------------------------------------------------------------------

    def _name_typed(self, name: str) -> None:
        if not self._path_edited:
            stem = "".join(c for c in name.strip() if c not in '\\/:*?"<>|')[:SUGGESTED_STEM_CHARS] or "audit"
            self.path.setText(str(Path(settings.last_folder()) / fitting_name(stem, AUDIT_SUFFIX)))

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, tr("Save the new audit as"), self.path.text()
                                              or settings.last_folder(), tr("Audit files (*.sfaudit)"))
        if name:
            self._path_edited = True  # first: the form kept at the text's change says it was chosen
            self.path.setText(name)

    def audit_path(self) -> Path | None:
        """The file to create, ending in .sfaudit; a name without a folder goes into the last folder used."""
        raw = self.path.text().strip()
        if not raw:
            return None
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = Path(settings.last_folder()) / path
        return path if raw.endswith(("/", os.sep)) or _is_folder(path) else with_audit_suffix(path)

    def _path_problem(self, path: Path | None) -> str:
        if path is None:
            return tr("Choose where to save the audit file.")
        if name_too_long(path):  # the file system would refuse to say anything else about it
            return tr("The file name is too long; shorten it.")
        try:
            return self._place_problem(path)
        except OSError as error:  # a folder that cannot be looked into, say
            return tr("{path} cannot be used: {reason}", path=path, reason=error.strerror or str(error))

    def _place_problem(self, path: Path) -> str:
        if path.is_dir() or self.path.text().strip().endswith(("/", os.sep)):  # a folder, there or not
            return tr("{path} is a folder; add a file name.", path=path)
        if Path(self.path.text().strip()).name.lower() == AUDIT_SUFFIX:  # a suffix alone: no name
            return tr("{path} is a folder; add a file name.", path=path.parent)
        if path.exists():
            return tr("{path} already exists; choose another name.", path=path)
        if not path.parent.is_dir():
            return tr("The folder {folder} does not exist.", folder=path.parent)
        if not os.access(path.parent, os.W_OK):
            return tr("The folder {folder} cannot be written; choose another.", folder=path.parent)
        return ""

    def show_create_error(self, message: str) -> None:
        """Creating the file failed after all: said here, with everything typed still in the dialog."""
        self.general_error.setText(message)

    # -- validation ----------------------------------------------------------------------------------------------

    def _credit_code_typed(self, value: str) -> None:
        code = show_normal_credit_code(self.fields["credit_code"], value)
        show_error(self.errors, "credit_code", credit_code_message(code) if len(code) >= 18 else "")

    def _messages(self) -> dict[str, str]:
        return {**profile_messages(self.fields, self.scope, _iso(self.start_date), _iso(self.end_date)),
                "path": self._path_problem(self.audit_path())}

    def _recheck(self) -> None:
        """Once OK has been pressed, the errors follow the typing: gone as soon as a field is right."""
        if not self._ok_pressed:
            return
        show_errors(self.errors, self._messages())
        if self.general_error.text() == tr("Choose at least one checklist.") and self.chosen_checklists():
            self.general_error.clear()

    def profile(self) -> Profile | None:
        """The profile as typed, or None after showing every problem next to its field."""
        messages = self._messages()
        del messages["path"]
        if show_errors(self.errors, messages):
            return None
        start, end = _iso(self.start_date), _iso(self.end_date)
        values: dict[str, object] = {name: edit.text() for name, edit in self.fields.items()}
        values.update(start_date=start, end_date=end, scope=self.scope.toPlainText(), tags=self.chosen_tags())
        try:
            return Profile(**{name: normalise_field(name, value) for name, value in values.items()})
        except ProfileError as error:
            self.general_error.setText(error_text(error))
            return None

    def accept(self) -> None:
        self._ok_pressed = True
        self.general_error.setText("" if self.chosen_checklists() else tr("Choose at least one checklist."))
        profile = self.profile()  # before: it may say what the core refuses in the same place
        path = self.audit_path()
        path_problem = self._path_problem(path)
        show_error(self.errors, "path", path_problem)
        if profile is None or path_problem or not self.chosen_checklists():
            return
        self.result_profile = profile
        super().accept()


def _date_edit(date: QDate) -> QDateEdit:
    edit = CalendarDateEdit()
    edit.setDate(date)
    return edit


def _iso(edit: QDateEdit) -> str:
    date = edit.date()
    return dt.date(date.year(), date.month(), date.day()).isoformat()


def _items(widget: QListWidget) -> list[QListWidgetItem]:
    return [item for row in range(widget.count()) if (item := widget.item(row)) is not None]
