"""Small dialogs: the N/A reason, keyboard shortcuts, About, and the messages for files that cannot be opened."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.core.store import (
    AUDIT_SUFFIX,
    AuditFileError,
    AuditInUseError,
    DamagedAuditError,
    NewerAuditError,
    NotAnAuditError,
    ReadOnlyAuditError,
    UnfinishedAuditError,
)
from app.i18n import add_translations, tr
from app.ui.messages import error_text
from app.ui.typing_dialog import TypingDialog, ok_cancel_buttons

add_translations({
    "Not applicable": "不适用",
    "Why does item {item} not apply to this factory? (required)": "为什么条目 {item} 不适用于本工厂？（必填）",
    "Keyboard shortcuts": "键盘快捷键",
    "Key": "按键", "Action": "操作",
    "1 – 9": "1 – 9",
    "Choose that answer of the item's scale (yes/no: 1 = yes, 2 = no) and go to the next open item":
        "选择该条目评分尺度中对应序号的回答（是/否：1 = 是，2 = 否），并跳到下一个未回答的条目",
    "Mark the item not applicable (asks for the reason)": "将条目标为不适用（需填写理由）",
    "Move in the checklist; collapse or expand a section": "在清单中移动；折叠或展开章节",
    "Move between the checklist and the item's fields": "在清单和条目字段之间切换",
    "Back to the checklist (in a KPI field: and take back what was typed)":
        "回到清单（在指标数值框中：并撤回刚输入的内容）",
    "1 – 9 (KPI, text)": "1 – 9（指标、文字题）",
    "Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y": "Ctrl+Z / Ctrl+Shift+Z、Ctrl+Y",
    "Ctrl+V (evidence)": "Ctrl+V（证据）",
    "Paste a picture as evidence": "粘贴图片作为证据",
    "Enter / F2 / Delete (evidence)": "回车 / F2 / Delete（证据）",
    "Open / caption / remove the selected photos or files": "打开 / 编辑说明 / 删除所选照片或文件",
    "Record a finding on the current item": "为当前条目记录问题",
    "Enter / Delete (findings)": "回车 / Delete（问题）",
    "Edit / remove the selected finding or action": "编辑 / 删除所选问题或整改措施",
    "Ctrl+Enter (dialogs)": "Ctrl+回车（对话框）",
    "Confirm a finding or an action from its text box (the N/A reason: Enter)":
        "在文本框中直接确认问题或整改措施（不适用理由：回车）",
    "F4 / Alt+↓ (due date)": "F4 / Alt+↓（完成期限）",
    "Open the calendar; arrows and Enter pick the day": "打开日历；用方向键和回车选定日期",
    "Ctrl+Shift+S": "Ctrl+Shift+S",
    "Start typing the value or the answer": "开始输入数值或回答",
    "Enter (KPI)": "回车（指标）",
    "Save the value; go on to the baseline, then to the next open item":
        "保存数值；转到基线值，再转到下一个未回答的条目",
    "Search (ids, titles, requirements, guidance; Chinese and English)": "搜索（编号、标题、要求、核查指引；中英文）",
    "Undo / redo the last edit (answers, notes, KPIs, evidence, findings)":
        "撤销 / 重做上一次编辑（回答、备注、指标、证据、问题）",
    "Dashboard": "概览",
    "Dashboard; again: back to the item": "概览；再按一次回到条目",
    "New audit / open an audit": "新建审核 / 打开审核",
    "Close the audit": "关闭审核",
    "Quit": "退出",
    "This list": "本列表",
    "About the smart-factory audit desk": "关于智能工厂审核台",
    "Smart-factory audit desk": "智能工厂审核台",
    "Offline audits of factories against the smart-manufacturing demonstration-factory levels "
    "(scenario, workshop, factory, supply chain).":
        "离线评估工厂是否达到智能制造示范工厂各层级（智能场景、智能车间、智能工厂、智慧供应链）的要求。",
    "Version {version}": "版本 {version}",
    "The audit file is damaged": "审核文件已损坏",
    "The audit file needs a newer version of this program": "该审核文件需要更新版本的程序",
    "The audit is already open": "该审核已被打开",
    "The audit file cannot be opened": "无法打开审核文件",
    "Nothing in the file was changed. Open a backup copy of the audit.": "文件未作任何改动。请打开该审核的备份副本。",
    "Nothing in the file was changed. Update the audit desk to open it.":
        "文件未作任何改动。请更新审核台程序后再打开。",
    "It is open in another window or program. Close it there first; two writers would mix "
    "their edits.":
        "它已在另一个窗口或程序中打开。请先在那里关闭；两处同时写入会混淆编辑。",
    "Details: {detail}": "详细信息：{detail}",
    "This is not an audit file": "这不是审核文件",
    "Nothing in the file was changed. Audit files end in .sfaudit; File › New audit… makes a new one.":
        "文件未作任何改动。审核文件的扩展名为 .sfaudit；新审核请用“文件 › 新建审核…”创建。",
    "Nothing in the file was changed. It is named like an audit file but holds something else: another program's "
    "file, or a copy that did not finish.":
        "文件未作任何改动。该文件名像审核文件，但内容不是：可能是其他程序的文件，或未完成的副本。",
    "What is damaged: {problem}": "损坏情况：{problem}",
    "the file is empty": "文件为空（0 字节）",  # SQLite's own findings are shown as it says them
    "The audit file is read-only": "审核文件为只读",
    "Every edit is saved at once, so the audit desk must be able to write to the file and its folder. Copy the "
    "file to a folder you can write to and open the copy.":
        "每次编辑都会立即保存，因此审核台需要能够写入该文件及其所在文件夹。请将文件复制到可写的文件夹，再打开副本。",
    "File: {path}": "文件：{path}",
    "The audit file is not there": "找不到审核文件",
    "It was moved, renamed or deleted, or it is on a drive that is not connected. Open… finds it where it is now.":
        "它可能已被移动、重命名或删除，或所在的驱动器未连接。可用“打开…”在新位置找到它。",
    "Remove from the list": "从列表中移除",
    "{title}.": "{title}。",
    "The audit was never finished": "审核未创建完成",
    "The program stopped while creating it, so the file holds no audit. Delete it and create the audit again.":
        "程序在创建时停止，文件中没有审核内容。请删除该文件并重新创建审核。",
    "Keep in the list": "保留在列表中",
})

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("1 – 9", "Choose that answer of the item's scale (yes/no: 1 = yes, 2 = no) and go to the next open item"),
    ("0", "Mark the item not applicable (asks for the reason)"),
    ("1 – 9 (KPI, text)", "Start typing the value or the answer"),
    ("Enter (KPI)", "Save the value; go on to the baseline, then to the next open item"),
    ("↑ ↓ ← →", "Move in the checklist; collapse or expand a section"),
    ("F6", "Move between the checklist and the item's fields"),
    ("Esc", "Back to the checklist (in a KPI field: and take back what was typed)"),
    ("Ctrl+F", "Search (ids, titles, requirements, guidance; Chinese and English)"),
    ("Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y", "Undo / redo the last edit (answers, notes, KPIs, evidence, findings)"),
    ("Ctrl+V (evidence)", "Paste a picture as evidence"),
    ("Enter / F2 / Delete (evidence)", "Open / caption / remove the selected photos or files"),
    ("Insert", "Record a finding on the current item"),
    ("Enter / Delete (findings)", "Edit / remove the selected finding or action"),
    ("Ctrl+Enter (dialogs)", "Confirm a finding or an action from its text box (the N/A reason: Enter)"),
    ("F4 / Alt+↓ (due date)", "Open the calendar; arrows and Enter pick the day"),
    ("Ctrl+D", "Dashboard; again: back to the item"),
    ("Ctrl+N / Ctrl+O", "New audit / open an audit"),
    ("Ctrl+Shift+S", "Save a copy of the audit"),
    ("Ctrl+W", "Close the audit"),
    ("Ctrl+Q", "Quit"),
    ("F1", "This list"),
)


class NaReasonDialog(TypingDialog):
    """Asks why an item does not apply; OK stays disabled until there is a reason."""

    def __init__(self, item_id: str, current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Not applicable"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Why does item {item} not apply to this factory? (required)", item=item_id)))
        self.reason = QPlainTextEdit(current)
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        layout.addWidget(self.reason)
        buttons = ok_cancel_buttons(self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setDefault(True)
        layout.addWidget(buttons)
        self.reason.textChanged.connect(self._update_ok)
        self.reason.installEventFilter(self)
        self._update_ok()
        self.opened(self.reason.toPlainText)

    def _update_ok(self) -> None:
        self.ok.setEnabled(bool(self.reason.toPlainText().strip()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter in the reason confirms (Shift+Enter makes a new line)."""
        if watched is self.reason and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            if self.ok.isEnabled():
                self.accept()
            return True
        return super().eventFilter(watched, event)


def ask_na_reason(parent: QWidget, item_id: str, current: str = "",
                  typed: Callable[[str], object] | None = None) -> str | None:
    """The reason typed and confirmed, or None; ``typed`` gets the text at every keystroke (to keep a draft)."""
    dialog = NaReasonDialog(item_id, current, parent)
    if typed is not None:
        dialog.reason.textChanged.connect(lambda: typed(dialog.reason.toPlainText()))
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.reason.toPlainText().strip()
        return None
    finally:
        dialog.deleteLater()
        parent.window().activateWindow()  # back to the window's shortcuts at once


def show_shortcuts(parent: QWidget) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(tr("Keyboard shortcuts"))
    layout = QVBoxLayout(dialog)
    table = QTableWidget(len(SHORTCUTS), 2)
    table.setHorizontalHeaderLabels([tr("Key"), tr("Action")])
    for row, (key, action) in enumerate(SHORTCUTS):
        table.setItem(row, 0, QTableWidgetItem(tr(key)))
        table.setItem(row, 1, QTableWidgetItem(tr(action)))
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)  # a list to read: no cell lit up at opening
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # it fits without scrolling; the keys go to Close (Esc, Enter)
    table.setWordWrap(True)
    table.resizeColumnToContents(0)
    table.horizontalHeader().setStretchLastSection(True)
    layout.addWidget(table)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    _fit_to_rows(dialog, table, width=760)
    dialog.exec()
    dialog.deleteLater()


def _fit_to_rows(dialog: QDialog, table: QTableWidget, width: int) -> None:
    """``width`` wide and tall enough for every row without scrolling, as far as the screen allows."""
    dialog.resize(width, 400)
    layout = dialog.layout()
    assert layout is not None
    layout.activate()  # the table's width: its rows wrap to it
    table.resizeRowsToContents()
    rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
    table.setMinimumHeight(min(rows + table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 2,
                               dialog.screen().availableGeometry().height() * 3 // 4))
    dialog.resize(width, dialog.sizeHint().height())


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, tr("About the smart-factory audit desk"),
                      f"<h3>{tr('Smart-factory audit desk')}</h3>"
                      f"<p>{tr('Version {version}', version=__version__)}</p>"
                      f"<p>{tr('Offline audits of factories against the smart-manufacturing demonstration-factory levels (scenario, workshop, factory, supply chain).')}</p>")  # noqa: E501


def offer_to_forget(parent: QWidget | None, error: AuditFileError) -> bool:
    """A recent audit that is not there any more: say so, and offer to take it off the list (True)."""
    title = tr("The audit file is not there")
    box = QMessageBox(QMessageBox.Icon.Warning, title, "\n\n".join((  # the title leads, as in show_open_error
        tr("{title}.", title=title),
        tr("It was moved, renamed or deleted, or it is on a drive that is not connected. Open… finds it where it is "
           "now."),
        tr("File: {path}", path=error.path))), parent=parent)
    forget = box.addButton(tr("Remove from the list"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("Keep in the list"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(forget)
    box.exec()
    return box.clickedButton() is forget


def show_open_error(parent: QWidget | None, error: AuditFileError) -> None:
    """Explain why an audit file cannot be opened; the file is never changed in these cases."""
    detail = tr("Details: {detail}", detail=error_text(error))
    if isinstance(error, UnfinishedAuditError):
        title = tr("The audit was never finished")
        advice = tr("The program stopped while creating it, so the file holds no audit. Delete it and create the "
                    "audit again.")
        detail = tr("File: {path}", path=error.path) if error.path else detail
    elif isinstance(error, DamagedAuditError):
        title, advice = tr("The audit file is damaged"), tr("Nothing in the file was changed. Open a backup copy of "
                                                            "the audit.")
        if "problem" in error.params and error.path:  # the advice says the rest; what SQLite found is a detail
            detail = tr("File: {path}", path=error.path) + "\n" + tr("What is damaged: {problem}",
                                                                       problem=tr(str(error.params["problem"])))
    elif isinstance(error, NotAnAuditError):
        title = tr("This is not an audit file")
        if error.path and error.path.suffix.lower() == AUDIT_SUFFIX:
            advice = tr("Nothing in the file was changed. It is named like an audit file but holds something else: "
                        "another program's file, or a copy that did not finish.")
        else:
            advice = tr("Nothing in the file was changed. Audit files end in .sfaudit; File › New audit… makes a "
                        "new one.")
        detail = tr("File: {path}", path=error.path) if error.path else detail  # the advice says the rest
    elif isinstance(error, ReadOnlyAuditError):
        title, advice = (tr("The audit file is read-only"),
                         tr("Every edit is saved at once, so the audit desk must be able to write to the file and its "
                            "folder. Copy the file to a folder you can write to and open the copy."))
        detail = tr("File: {path}", path=error.path) if error.path else detail
    elif isinstance(error, NewerAuditError):
        title, advice = (tr("The audit file needs a newer version of this program"),
                         tr("Nothing in the file was changed. Update the audit desk to open it."))
    elif isinstance(error, AuditInUseError):
        title, advice = (tr("The audit is already open"),
                         tr("It is open in another window or program. Close it there first; two writers would mix "
                            "their edits."))
        detail = tr("File: {path}", path=error.path) if error.path else detail  # the advice says the rest
    else:
        title, advice = tr("The audit file cannot be opened"), ""
    # the title leads the text too: a title bar may not show it (macOS, no window manager), and the first words
    # read must say that the audit did not open, before the reassurance that nothing was changed
    body = "\n\n".join(part for part in (tr("{title}.", title=title), advice, detail) if part)
    QMessageBox.warning(parent, title, body)
