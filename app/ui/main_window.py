"""The main window: menus, the status bar, and either the start page or the open audit."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget, QWidget
from shiboken6 import isValid

from app.core.audit import (
    AUDIT_REF,
    PROFILE_DRAFT,
    Audit,
    AuditError,
    Draft,
    Edit,
    action_draft_fields,
    default_author,
    draft_field_name,
)
from app.core.problems import ChecklistError
from app.core.profile import ProfileError
from app.core.records import DRAFT_FIELD_NAMES
from app.core.scoring import format_percent
from app.core.store import AuditFileError, MissingAuditError, fitting_name, with_audit_suffix
from app.i18n import add_translations, join_list, language, text, tr
from app.paths import user_data_dir
from app.ui import settings
from app.ui.audit_view import AuditView
from app.ui.filter_bar import SHOW_CHOICES
from app.ui.language import apply_language
from app.ui.menus import build_menus
from app.ui.messages import error_text
from app.ui.session import AuditSession
from app.ui.tasks import run_task

if TYPE_CHECKING:
    from app.core.checklist_yaml import LoadedChecklist
    from app.core.profile import Profile
    from app.ui.start_page import StartPage

add_translations({
    "Smart-factory audit desk": "智能工厂审核台",
    "Saved {time}": "已保存 {time}",
    "{answered}/{total} answered": "已答 {answered}/{total}",
    "score {score}": "得分 {score}",
    "Opening {name}…": "正在打开 {name}…",
    "Creating the audit…": "正在创建审核…",
    "Preparing the demo audit…": "正在准备示例审核…",
    "Open an audit": "打开审核",
    "Save a copy of the audit": "保存审核副本",
    "Audit files (*.sfaudit)": "审核文件 (*.sfaudit)",
    "Saved a copy to {path}": "副本已保存到 {path}",
    "The copy could not be saved": "无法保存副本",
    "The audit could not be created": "无法创建审核",
    "The demo audit could not be prepared": "无法准备示例审核",
    "Your name": "您的姓名",
    "Edits made here are now recorded as {name}.": "此后在本机所做的编辑记录为 {name}。",
    "No name given: edits made here are recorded under the login name, {name}.":
        "未填写姓名：在本机所做的编辑以登录名 {name} 记录。",
    "Your name, as the audit's change log records who made each edit:":
        "您的姓名（审核变更记录以此记录每次修改的人）：",
    "the note of {item}": "{item} 的备注",
    "the text answer of {item}": "{item} 的文字回答",
    "the current value of {item}": "{item} 的当前值",
    "the baseline of {item}": "{item} 的基线值",
    "the N/A reason of {item}": "{item} 的不适用理由",
    "the new finding of {item}": "{item} 的新问题",
    "the finding of {item}": "{item} 的问题",
    "the new corrective action of {item}": "{item} 的新整改措施",
    "the corrective action of {item}": "{item} 的整改措施",
    "the factory profile": "工厂档案",
    "&Undo {what}": "撤销 {what}(&U)", "&Redo {what}": "重做 {what}(&R)",
    "the typing recovered at the opening": "打开时恢复的输入",
    "the answer of {item}": "{item} 的回答", "the N/A of {item}": "{item} 的不适用",
    "the evidence of {item}": "{item} 的证据",
    "Recovered what was typed but not saved when the program last stopped: {fields}. Ctrl+Z takes it back.":
        "已恢复程序上次停止时尚未保存的输入：{fields}。按 Ctrl+Z 可撤销。",
    "Undone on {item}, which the filter hides": "已撤销 {item} 上的修改（当前筛选未显示该条目）",
    "Undone: the factory profile's {fields}": "已撤销：工厂档案的{fields}",
    "{audit}: {message}": "{audit}：{message}",
    "current value": "当前值", "baseline": "基线值",
    "Not recovered: a corrective action on {item} had no description yet when the program stopped (owner: {owner}; "
    "due: {due}).": "未恢复：程序停止时，{item} 上正在填写的整改措施尚无描述（负责人：{owner}；期限：{due}）。",
    "Not recovered: “{typed}”, typed in the {field} of {item} before the program stopped, is not a number.":
        "未恢复：程序停止前在 {item} 的{field}中输入的“{typed}”不是数字。",
    "Redone: the factory profile's {fields}": "已重做：工厂档案的{fields}",
    "Redone on {item}, which the filter hides": "已重做 {item} 上的修改（当前筛选未显示该条目）",
})

PROFILE_FIELD_NAMES = {"name": "name", "credit_code": "credit code", "industry": "industry", "address": "address",
                       "contacts": "contacts", "auditors": "auditors", "start_date": "start date",
                       "end_date": "end date", "scope": "scope", "tags": "tags"}
add_translations({"name": "名称", "credit code": "统一社会信用代码", "industry": "行业", "address": "地址",
                  "contacts": "联系人", "auditors": "审核员", "start date": "开始日期", "end date": "结束日期",
                  "scope": "审核范围", "tags": "标签"})

MESSAGE_MS = 10_000
RECOVERED_MS = 60_000  # a recovery after a crash is news the auditor should not miss


DEFAULT_SIZE = QSize(1440, 900)


def default_size(available: QSize) -> QSize:
    """The first window size: roomy, but within the screen (a 1366×768 laptop), leaving space for the frame."""
    return DEFAULT_SIZE.boundedTo(QSize(available.width() * 96 // 100, available.height() * 92 // 100))


class MainWindow(QMainWindow):
    windows: ClassVar[list[MainWindow]] = []  # open windows, kept alive here

    def __init__(self, session: AuditSession | None = None, *, show_start: bool = True) -> None:
        """``show_start=False`` leaves the start page unbuilt, for a window that opens an audit at once."""
        super().__init__()
        MainWindow.windows.append(self)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session: AuditSession | None = None
        self.view: AuditView | None = None
        self._handing_over = False
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self._start_page: StartPage | None = None
        self._integrity_timer = QTimer(self)
        self._integrity_timer.setInterval(50)
        self._integrity_timer.timeout.connect(self._check_integrity)
        self.actions_by_name: dict[str, QAction] = build_menus(self)
        self._build_status_bar()
        geometry = settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(default_size(self.screen().availableGeometry().size()))
        if session is not None:
            self._show_session(session)
        elif show_start:
            self.show_start()
        else:
            self._update_actions()

    @property
    def start_page(self) -> StartPage:
        """Built when first shown: opening an audit straight away does not pay for it."""
        if self._start_page is None:
            from app.ui.start_page import StartPage

            page = StartPage()
            page.open_requested.connect(self.open_audit)
            page.new_requested.connect(self.new_audit)
            page.browse_requested.connect(self.browse_audit)
            page.demo_requested.connect(self.open_demo)
            self.stack.addWidget(page)
            self._start_page = page
        return self._start_page

    # -- status bar ----------------------------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        self.message_label = QLabel()
        self.message_is_error = False
        self.progress_label = QLabel()
        self.saved_label = QLabel()
        self.saved_at = ""  # the time of the last edit saved, as the status bar shows it
        self.saved_label.setStyleSheet("color: #2e7d32; padding: 0 8px;")
        self.progress_label.setStyleSheet("padding: 0 8px;")
        self.statusBar().addWidget(self.message_label, 1)
        self.statusBar().addPermanentWidget(self.progress_label)
        self.statusBar().addPermanentWidget(self.saved_label)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.message_label.clear)
        self._hint = ""  # the message shown, when it is the view's word on how things are (see _show_hint)

    def _warn(self, title: str, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # imported when first needed: start-up stays quick

        QMessageBox.warning(self, title, message)

    def show_message(self, message: str, *, error: bool = False, duration_ms: int = MESSAGE_MS) -> None:
        self.message_label.setStyleSheet("color: #c62828; font-weight: bold;" if error else "color: #37474f;")
        self.message_label.setText(message)
        self.message_is_error = error
        self._message_timer.start(duration_ms)

    def _show_hint(self, message: str) -> None:
        """A word on the view as it is ("this row is a section", "every item in this view is answered"), until
        the current row or the filter changes."""
        self.show_message(message)
        self._hint = message

    def _clear_hint(self, *_changed: object) -> None:
        if self._hint and self.message_label.text() == self._hint:
            self.message_label.clear()
        self._hint = ""

    def _saved(self, time: str) -> None:
        self.saved_label.setText(tr("Saved {time}", time=time))
        self.saved_at = time
        self._update_progress()

    def _update_progress(self) -> None:
        if self.view is None:
            self.progress_label.clear()
            return
        roots = self.view.model.roots
        answered = sum(root.progress[0] for root in roots)
        total = sum(root.progress[1] for root in roots)
        scores = [root.score for root in roots if root.score is not None]
        parts = [tr("{answered}/{total} answered", answered=answered, total=total)]
        if scores:
            parts.append(tr("score {score}", score=format_percent(sum(scores) / len(scores))))
        self.progress_label.setText("  ·  ".join(parts))

    # -- showing the start page or an audit ----------------------------------------------------------------------

    def show_start(self) -> None:
        self.start_page.reload()
        self.stack.setCurrentWidget(self.start_page)
        self.setWindowTitle(tr("Smart-factory audit desk"))
        self._update_actions()
        self.start_page.focus_default()

    def _show_session(self, session: AuditSession) -> None:
        session.setParent(self)
        self.session = session
        self.view = AuditView(session)
        self.view.restore_layout(self.width())  # the window has its size, shown or not; the view spans it
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        session.saved.connect(self._saved)
        session.failed.connect(lambda message: self.show_message(message, error=True))
        session.undoStateChanged.connect(self._update_actions)
        session.profileChanged.connect(self._profile_changed)
        self.view.message.connect(self._show_hint)
        self.view.current_changed.connect(self._clear_hint)  # a hint says how things are here and now
        self.view.filter_bar.changed.connect(self._clear_hint)
        self.view.filter_bar.changed.connect(self._sync_filter_actions)
        self._update_title()
        self._update_actions()
        self._update_progress()
        self.saved_label.clear()
        self.saved_at = ""
        self._sync_filter_actions()  # a new view shows everything: so says View › Show
        self.view.select_first_open()
        self._integrity_timer.start()  # its result is told here, also in a window rebuilt in another language

    def _profile_changed(self) -> None:
        self._update_title()
        if self.session is not None:  # the start page's list shows the factory's name as it is now
            settings.set_recent_title(self.session.audit.path, self.session.audit.profile.name)

    def _update_title(self) -> None:
        if self.session is None:
            return
        audit = self.session.audit
        self.setWindowTitle(f"{audit.profile.name} — {audit.path.name} — {tr('Smart-factory audit desk')}")

    def _update_actions(self) -> None:
        has_audit = self.session is not None
        for name in ("save_copy", "close", "find", "profile", "dashboard", "hide_na", "show_menu", "toggle_focus",
                     *(f"show:{v}" for v in _show_values())):
            self.actions_by_name[name].setEnabled(has_audit)
        if not has_audit:  # an answer chosen in the last audit's filter bar
            self.actions_by_name["show:answer"].setVisible(False)
        self.actions_by_name["undo"].setEnabled(has_audit and self.session is not None and self.session.can_undo())
        self.actions_by_name["redo"].setEnabled(has_audit and self.session is not None and self.session.can_redo())
        session = self.session
        for name, verb, edit in (("undo", "&Undo", session.next_undo() if session else None),
                                 ("redo", "&Redo", session.next_redo() if session else None)):
            what = self._edit_name(edit) if edit is not None else ""
            self.actions_by_name[name].setText(tr(f"{verb} {{what}}", what=what) if what else tr(verb))

    def _edit_name(self, edit: Edit) -> str:
        """What an edit changed, as the Edit menu names it: "the note of WS12.3", "the factory profile"."""
        if self.session is None or not edit.changes:
            return ""
        if edit is self.session.audit.recovered:
            return tr("the typing recovered at the opening")
        change = edit.changes[0]
        ref = self.session.ref_of(change)
        if change.entity == "profile" or ref is None:
            return tr("the factory profile") if change.entity == "profile" else ""
        kind = _ANSWER_PARTS.get(change.field, "answer") if change.entity == "answer" \
            else {"action": "corrective action"}.get(change.entity, change.entity)
        return tr(f"the {kind} of {{item}}", item=ref.item_id)

    def _sync_filter_actions(self) -> None:
        if self.view is None:
            return
        state = self.view.filter_bar.state()
        for value in _show_values():
            self.actions_by_name[f"show:{value}"].setChecked(state.show == value)
        chosen_answer = self.actions_by_name["show:answer"]
        chosen_answer.setVisible(state.show not in _show_values())
        chosen_answer.setText(self.view.filter_bar.show_combo.currentText().replace("&", "&&"))  # no mnemonic
        chosen_answer.setChecked(state.show not in _show_values())
        self.actions_by_name["hide_na"].setChecked(state.hide_not_applicable)

    # -- opening and closing -------------------------------------------------------------------------------------

    def open_audit(self, path: Path) -> bool:
        """Open the audit at ``path`` in this window; a file that cannot be used is explained, never changed."""
        path = Path(path)
        if self.session is not None and self.session.audit.path.resolve() == path.resolve():
            return True
        try:
            audit = run_task(self, tr("Opening {name}…", name=path.name),
                             lambda _progress: Audit.open(path, settings.auditor_name() or None, check_later=True))
        except AuditFileError as error:
            from app.ui.dialogs import offer_to_forget, show_open_error

            if isinstance(error, MissingAuditError) and path.resolve() in settings.recent_audits():
                if offer_to_forget(self, error):
                    settings.remove_recent_audit(path.resolve())
                    if self._start_page is not None:
                        self._start_page.reload()
            else:
                show_open_error(self, error)
            return False
        self._install(audit)
        return True

    def _install(self, audit: Audit) -> None:
        closed = self.session.audit.path.name if self.session is not None else ""
        said = self._close_audit()
        settings.add_recent_audit(audit.path, audit.profile.name)
        folder = audit.path.resolve().parent
        if folder != user_data_dir().resolve():  # the demo's folder is the app's own: no place to suggest for audits
            settings.set_last_folder(folder)
        self._show_session(AuditSession(audit))
        messages = [tr("{audit}: {message}", audit=closed, message=said[-1])] if said else []  # named: not this one
        if audit.recovered:  # typing a crash had kept from being saved, saved by the opening
            assert self.session is not None and self.view is not None
            self.session.adopt_recovered(audit.recovered)
            messages.append(self._recovered_text())
            first = next((ref for change in audit.recovered.changes if (ref := self.session.ref_of(change))), None)
            if first is not None:
                self.view.select_ref(first)  # the recovered text in view
        messages.extend(tr("Not recovered: “{typed}”, typed in the {field} of {item} before the program stopped, is "
                           "not a number.", typed=draft.text, item=draft.ref.item_id,
                           field=tr(DRAFT_FIELD_NAMES[draft.field])) for draft in audit.dropped_numbers)
        messages.extend(_action_without_description(draft) for draft in audit.actions_without_description)
        lost = bool(audit.dropped_numbers or audit.actions_without_description)
        if messages:  # one line, so that none hides another
            shown = "  ".join(messages)
            news = bool(audit.recovered) or lost  # a recovery is news the auditor should not miss
            self.show_message(shown, error=bool(said) or lost, duration_ms=RECOVERED_MS if news else MESSAGE_MS)
            if audit.recovered:
                self._outdated_by_the_next_edit(shown)

    def _check_integrity(self) -> None:
        """The file's integrity check runs while the window opens; a damaged file is closed and explained."""
        if self.session is None or self.session.audit.verified:
            self._integrity_timer.stop()
        if self.session is None or not self.session.audit.verified:
            return
        try:
            self.session.audit.verify()
        except AuditFileError as error:
            from app.ui.dialogs import show_open_error

            path = self.session.audit.path
            self._close_audit()
            settings.remove_recent_audit(path)  # as for a file refused at once: not offered again
            show_open_error(self, error)

    def _recovered_text(self) -> str:
        """What was typed but not saved when the program last stopped, and saved now; and that undo is there."""
        assert self.session is not None
        fields = [tr("the factory profile") if draft.ref == AUDIT_REF
                  else tr(f"the {draft_field_name(draft.field)} of {{item}}", item=draft.ref.item_id)
                  for draft in self.session.audit.recovered_drafts]
        return tr("Recovered what was typed but not saved when the program last stopped: {fields}. "
                  "Ctrl+Z takes it back.", fields=join_list(fields))

    def _outdated_by_the_next_edit(self, shown: str) -> None:
        """Once anything else is done or undone, Ctrl+Z no longer takes the recovery back: its message goes."""
        assert self.session is not None

        def outdated() -> None:
            if self.message_label.text() == shown:
                self.message_label.clear()

        self.session.undoStateChanged.connect(outdated, Qt.ConnectionType.SingleShotConnection)

    def browse_audit(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # dialogs are imported when first needed: start-up stays quick

        name, _ = QFileDialog.getOpenFileName(self, tr("Open an audit"), settings.last_folder(),
                                              tr("Audit files (*.sfaudit)"))
        if name:
            self.open_audit(Path(name))

    def new_audit(self) -> None:
        from app.ui.new_audit_dialog import NewAuditDialog  # imported when needed: start-up stays quick

        dialog = NewAuditDialog(self)
        try:
            while dialog.exec():  # a file that cannot be created after all: the dialog again, as it was filled in
                path, checklists, profile = dialog.audit_path(), dialog.chosen_checklists(), dialog.result_profile
                assert path is not None
                try:
                    audit = run_task(self, tr("Creating the audit…"), partial(_create_audit, path, checklists, profile))
                except (AuditFileError, AuditError, ProfileError) as error:
                    dialog.show_create_error(tr("The audit could not be created: {reason}", reason=error_text(error)))
                    continue
                settings.keep_new_audit_form(None)
                self._install(audit)
                return
        finally:
            dialog.deleteLater()

    def open_demo(self) -> bool:
        from app.core.demo import ensure_demo_audit

        try:
            path = run_task(self, tr("Preparing the demo audit…"), lambda _progress: ensure_demo_audit())
        except (AuditFileError, AuditError, ChecklistError, ValueError, OSError) as error:
            self._warn(tr("The demo audit could not be prepared"), error_text(error))
            return False
        return self.open_audit(path)

    def close_audit(self) -> None:
        """Close the open audit (Ctrl+W): the start page shows, and what saving the last typing had to say."""
        said = self._close_audit()
        if said:
            self.show_message(said[-1], error=True)

    def _close_audit(self, *, quitting: bool = False) -> list[str]:
        """Close the open audit; what saving the last typing had to say (a KPI field with no number in it). When
        the program quits, such typing stays in its draft, and the next opening says it."""
        if self.session is None or self.view is None:
            return []
        said = self._flush_saying(keep_unfinished=quitting)
        self.session.write_waiting_drafts()  # on a slow disk the last keystrokes wait: the drafts are the last ones
        self.view.save_layout()
        self.message_label.clear()  # it spoke of this audit
        self.session.audit.close()
        self.stack.removeWidget(self.view)
        self.view.deleteLater()
        self.session.deleteLater()
        self.view, self.session = None, None
        self._update_progress()  # the status bar spoke of the audit just closed
        self.saved_label.clear()
        self.saved_at = ""
        self.show_start()
        return said

    def _flush_saying(self, *, keep_unfinished: bool = False) -> list[str]:
        """Save typing still waiting (:meth:`ItemPanel.flush`); what that had to say, as the session said it."""
        assert self.session is not None and self.view is not None
        said: list[str] = []
        collect = said.append  # one object: the same one is disconnected
        self.session.failed.connect(collect)
        try:
            self.view.item_panel.flush(keep_unfinished=keep_unfinished)
        finally:
            self.session.failed.disconnect(collect)
        return said

    def save_copy(self) -> None:
        if self.session is None or self.view is None:
            return
        self.view.item_panel.flush()
        audit = self.session.audit
        suggestion = str(audit.path.with_name(fitting_name(audit.path.stem, f"-copy{audit.path.suffix}")))
        from PySide6.QtWidgets import QFileDialog

        # no "replace it?" question: an audit file is never overwritten, and the core says so
        name, _ = QFileDialog.getSaveFileName(self, tr("Save a copy of the audit"), suggestion,
                                              tr("Audit files (*.sfaudit)"),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if not name:
            return
        target = with_audit_suffix(Path(name))
        try:
            audit.save_copy(target)
        except AuditFileError as error:
            self.show_message("")
            self._warn(tr("The copy could not be saved"), error_text(error))
            return
        self.show_message(tr("Saved a copy to {path}", path=str(target)))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._handing_over:
            if self.view is not None:
                self.view.save_layout()
            settings.save_window(self.saveGeometry(), self.saveState())
            self._close_audit(quitting=True)
        if self in MainWindow.windows:
            MainWindow.windows.remove(self)
        super().closeEvent(event)

    # -- edit menu -----------------------------------------------------------------------------------------------

    def undo(self) -> None:
        self._step(undo=True)

    def redo(self) -> None:
        self._step(undo=False)

    def _step(self, *, undo: bool) -> None:
        if self.session is None or self.view is None:
            return
        self.view.item_panel.flush()
        focus = QApplication.focusWidget()
        edit = self.session.undo() if undo else self.session.redo()
        if edit:
            self._reveal(edit, undo=undo)
        self._keys_stay_in_reach(focus)

    def _keys_stay_in_reach(self, before: QWidget | None) -> None:
        """An undo that takes away the widget with the keys (a finding's row, a photo) leaves Qt to pass them down
        the chain, as far as the search box, where the next digit would filter instead of answer: the tree takes
        them."""
        now = QApplication.focusWidget()
        if self.view is None or now is before:
            return
        gone = before is not None and (not isValid(before) or not before.isVisible())
        if gone or now is None or now is self.view.filter_bar.search:
            self.view.focus_tree()

    def _reveal(self, edit: Edit, *, undo: bool) -> None:
        """Select the item an undone or redone edit belongs to, so that the change is in view; when the filter
        hides that item, say which item changed instead of leaving the auditor to guess."""
        assert self.session is not None and self.view is not None
        if all(change.entity == "profile" for change in edit.changes):  # no item to show: what changed is said
            fields = join_list([tr(PROFILE_FIELD_NAMES.get(change.field, change.field)) for change in edit.changes])
            message = "Undone: the factory profile's {fields}" if undo else "Redone: the factory profile's {fields}"
            self.show_message(tr(message, fields=fields))
            self.view.item_panel.answer.refresh()
            return
        ref = next((ref for change in edit.changes if (ref := self.session.ref_of(change))), None)  # not the profile's
        if ref is not None and ref != self.view.current_ref() and not self.view.select_ref(ref):
            try:
                item = self.session.audit.item(ref)
            except AuditError:  # a record of an item its checklist no longer has: nothing to show it on
                item = None
            if item is not None:
                message = ("Undone on {item}, which the filter hides" if undo
                           else "Redone on {item}, which the filter hides")
                self.show_message(tr(message, item=f"{item.id} {text(item.title)}"))
        self.view.item_panel.answer.refresh()

    def edit_auditor_name(self) -> None:
        """Who the change log names for the edits made here; the open audits record the new name from now on."""
        from app.ui.typing_dialog import ask_line  # imported when first needed: start-up stays quick

        current = settings.auditor_name() or default_author()
        name = ask_line(self, tr("Your name"), tr("Your name, as the audit's change log records who made each edit:"),
                        current)
        if name is None:
            return
        settings.set_auditor_name(name)
        for window in MainWindow.windows:
            if window.session is not None:
                window.session.audit.author = name.strip() or default_author()
        self.show_message(tr("Edits made here are now recorded as {name}.", name=name.strip()) if name.strip() else
                          tr("No name given: edits made here are recorded under the login name, {name}.",
                             name=default_author()))

    def edit_profile(self) -> None:
        """The factory profile, all its changes one undo step; the tags decide which items apply."""
        if self.session is None:
            return
        from app.ui.profile_dialog import ProfileDialog  # imported when first needed: start-up stays quick

        session, audit = self.session, self.session.audit
        dialog = ProfileDialog(audit, self)
        # kept at every change, as a note is: a crash with the dialog open loses at most the keystroke in flight
        def keep_draft() -> None:
            if self.session is session:  # not once the audit is closed under the dialog (found damaged)
                session.save_draft(AUDIT_REF, PROFILE_DRAFT, dialog.draft_text())

        dialog.edited.connect(keep_draft)
        session.destroyed.connect(dialog.reject)  # the audit closed under it: the dialog goes too
        accepted = dialog.exec()
        if not (isValid(dialog) and isValid(self)) or self.session is not session:
            return  # the window or its audit went under the dialog (quitting): the draft waits for the next opening
        dialog.deleteLater()
        saved = True
        if accepted and (changes := dialog.changes()):
            session.end_merge()
            saved = session.edit(audit.update_profile, changes) is not None
        if saved:  # else the draft stays, to be saved at the next opening
            session.discard_draft(AUDIT_REF, PROFILE_DRAFT)
        self.activateWindow()  # without a window manager's help the keys would not come back to the window

    def focus_search(self) -> None:
        if self.view is not None:
            self.view.filter_bar.focus_search()

    def focus_tree(self) -> None:
        if self.view is not None:
            self.view.focus_tree()

    def toggle_focus(self) -> None:
        """F6: between the checklist tree and the item's fields."""
        if self.view is None:
            return
        if self.view.tree.hasFocus():
            answer = self.view.item_panel.answer
            target = answer.value_edit or answer.text_edit or self.view.item_panel.note
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.view.focus_tree()

    def set_show(self, value: str) -> None:
        if self.view is not None:
            self.view.filter_bar.set_show(value)

    def set_hide_na(self, hide: bool) -> None:
        if self.view is not None:
            self.view.filter_bar.hide_na.setChecked(hide)

    def toggle_dashboard(self) -> None:
        if self.view is not None:
            self.view.toggle_dashboard()

    def show_shortcuts(self) -> None:
        from app.ui.dialogs import show_shortcuts

        show_shortcuts(self)

    def show_about(self) -> None:
        from app.ui.dialogs import show_about

        show_about(self)

    @staticmethod
    def quit_all() -> None:
        QApplication.closeAllWindows()

    # -- language ------------------------------------------------------------------------------------------------

    def switch_language(self, lang: str) -> MainWindow:
        """Rebuild the window in ``lang``, keeping the open audit, its undo history, selection and filter."""
        if lang == language():
            return self
        settings.set_language(lang)
        apply_language(lang)
        session = None
        kept = None
        on_dashboard = False
        dashboard_at = 0
        said: list[str] = []
        if self.session is not None and self.view is not None:
            said = self._flush_saying()  # in the new language already
            self.view.save_layout()
            session = AuditSession(self.session.audit)
            session.adopt_history(self.session)
            kept = (self.view.current_path(), self.view.filter_bar.state(), self.view.splitter.sizes())
            on_dashboard = self.view.tabs.currentWidget() is self.view.dashboard_page
            dashboard_at = self.view.dashboard.verticalScrollBar().value() if self.view.dashboard is not None else 0
            photos = self.view.item_panel.evidence.selected_ids()
            finding = self.view.item_panel.findings.selected()
            typing_in = self.view.focused_field()
        window = MainWindow(session)
        window.restoreGeometry(self.saveGeometry())
        if said:  # saving the last typing had something to say (a KPI field with no number in it)
            window.show_message(said[-1], error=True)
        if session is not None and self.saved_at:
            window._saved(self.saved_at)
        if window.view is not None and kept is not None:
            window.view.restore(*kept)
            window.view.item_panel.evidence.select_ids(photos)  # what was chosen to open, caption or remove
            if finding is not None:
                window.view.item_panel.findings.select(*finding)
            if on_dashboard:  # the page the auditor was reading, now in the other language, where it was read
                window.view.show_dashboard()
                window.view.scroll_dashboard_to(dashboard_at)
        window.show()
        window.activateWindow()
        if window.view is not None and kept is not None:
            window.view.focus_field(typing_in)  # the typing goes on where it was
        self._handing_over = True
        self.close()
        return window


# what the Edit menu calls the part of an answer an edit changed
_ANSWER_PARTS = {"choice": "answer", "value": "current value", "baseline": "baseline", "text": "text answer",
                 "na_reason": "N/A", "note": "note"}


def _create_audit(path: Path, checklists: list[LoadedChecklist], profile: Profile | None,
                  _progress: object) -> Audit:
    assert profile is not None  # the dialog accepts only with a valid profile
    return Audit.create(path, checklists, profile, settings.auditor_name() or None)


def _action_without_description(draft: Draft) -> str:
    typed = action_draft_fields(draft.text)
    return tr("Not recovered: a corrective action on {item} had no description yet when the program stopped "
              "(owner: {owner}; due: {due}).", item=draft.ref.item_id, owner=typed["owner"] or "—",
              due=typed["due"] or "—")


def _show_values() -> tuple[str, ...]:
    return tuple(value for value, _ in SHOW_CHOICES)
