"""The findings of one item, each with its corrective actions underneath.

Keyboard: Enter (or a double-click) edits the selected finding or action, Delete removes it (Ctrl+Z brings it
back), Insert (anywhere in the audit view) adds a finding; the context menu also sets an action's status. Each
change is one undo step, also when a dialog changes several fields or a finding is removed with its actions.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QKeyEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHeaderView,
    QLabel,
    QMenu,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.core.audit import (
    ACTION_STATUSES,
    EDITED_ACTION,
    EDITED_FINDING,
    NEW_ACTION,
    NEW_FINDING,
    Action,
    Finding,
    ItemRef,
    action_draft_text,
    finding_draft_text,
)
from app.i18n import add_translations, tr
from app.ui.audit_terms import (
    OPEN_STATUSES,
    SEVERITY_COLORS,
    STATUS_COLORS,
    marker_icon,
    severity_name,
    status_name,
)
from app.ui.session import AuditSession
from app.ui.widgets import add_button, heading_with_buttons, is_delete_key, select_current_row, viewport_width

if TYPE_CHECKING:
    from app.ui.finding_dialogs import ActionDialog, FindingDialog

add_translations({
    "Findings and corrective actions": "问题与整改措施",
    "Findings and corrective actions ({count})": "问题与整改措施（{count}）",
    "Add finding…": "添加问题…",
    "Record a finding for this item (Insert)": "为本条目记录一个问题（Insert）",
    "Add action…": "添加整改…",
    "Add a corrective action to the selected finding": "为所选问题添加整改措施",
    "Edit…": "编辑…",
    "Edit the selected finding or action (Enter)": "编辑所选问题或整改措施（Enter）",
    "Remove the selected finding or action (Delete; Ctrl+Z brings it back)":
        "删除所选问题或整改措施（Delete；Ctrl+Z 可恢复）",
    "Finding / corrective action": "问题 / 整改措施",
    "Owner": "负责人",
    "Due": "期限",
    "Status": "状态",
    "No findings for this item.": "本条目没有发现问题。",
    "overdue": "已逾期",
    "Set status": "设置状态",
    "Add corrective action…": "添加整改措施…",
    "Remove": "删除",
})

FINDING, ACTION = "finding", "action"
KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
DESCRIPTION, OWNER, DUE, STATUS = range(4)
MAX_TREE_HEIGHT = 360
COLUMN_MARGIN = 10  # pixels after the text of a column fitted to its contents
REVEAL_SETTLE_S = 0.5  # how long a new row is kept in view while the rows settle
_batches = itertools.count()


def is_overdue(action: Action, today: dt.date | None = None) -> bool:
    return bool(action.due) and action.status in OPEN_STATUSES and \
        action.due < (today or dt.date.today()).isoformat()


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text: QTreeView alone keeps one line per row, whatever ``wordWrap`` says."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        spanned = index.column() == 0 and self.tree.isFirstColumnSpanned(index.row(), index.parent())
        width = viewport_width(self.tree) if spanned else self.tree.header().sectionSize(index.column())
        if index.column() == 0:
            depth = 1 if index.parent().isValid() else 0
            width -= self.tree.indentation() * (depth + 1)
        if not item.icon.isNull():
            width -= item.decorationSize.width() + 6
        text = item.fontMetrics.boundingRect(QRect(0, 0, max(width - 8, 20), 100_000),
                                             Qt.TextFlag.TextWordWrap, item.text)
        # the fitted columns (owner, due, status) get a margin: their text does not touch the next column or the edge
        return QSize(hint.width() + (COLUMN_MARGIN if index.column() else 0), max(hint.height(), text.height() + 6))


class FindingsTree(QTreeWidget):
    """Re-measures the wrapped rows when its width changes."""

    relaid = Signal()
    delete_pressed = Signal()
    menu_wanted = Signal(object, QPoint)  # the row (or None), where to show the menu (viewport coordinates)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._relayout)
        self.header().sectionResized.connect(lambda *_args: self._timer.start())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        """The menu of the row clicked, or with the Menu key of the current row (not the one under the mouse)."""
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            row = self.currentItem()
            place = self.visualItemRect(row).center() if row is not None else QPoint(0, 0)
        else:
            row, place = self.itemAt(event.pos()), event.pos()
        self.menu_wanted.emit(row, place)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._timer.start()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        select_current_row(self, event.reason())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if is_delete_key(event):
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)

    def _relayout(self) -> None:
        self.doItemsLayout()
        self.relaid.emit()


class FindingsPanel(QWidget):
    """Findings and actions of the current item (``set_item``), edited through the session."""

    def __init__(self, session: AuditSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ref: ItemRef | None = None
        self._reveal_until = 0.0  # until then (monotonic seconds) the current row is kept in view as rows settle
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(4)
        self.heading, buttons = heading_with_buttons(layout, tr("Findings and corrective actions"))
        self.add_finding_button = add_button(buttons, "Add finding…", "Record a finding for this item (Insert)",
                                               self.new_finding)
        self.add_action_button = add_button(buttons, "Add action…", "Add a corrective action to the selected "
                                              "finding", self.new_action)
        self.edit_button = add_button(buttons, "Edit…", "Edit the selected finding or action (Enter)",
                                        self.edit_selected)
        self.remove_button = add_button(buttons, "Remove", "Remove the selected finding or action (Delete; "
                                          "Ctrl+Z brings it back)", self.remove_selected)
        self.tree = self._make_tree()
        layout.addWidget(self.tree)
        self.empty_hint = QLabel(tr("No findings for this item."))
        self.empty_hint.setStyleSheet("color: #6b7785;")
        layout.addWidget(self.empty_hint)
        self.tree.delete_pressed.connect(self.remove_selected)
        session.itemChanged.connect(self._item_changed)
        self.refresh()

    def _make_tree(self) -> FindingsTree:
        tree = FindingsTree()
        tree.setItemDelegate(WrappingDelegate(tree))
        tree.relaid.connect(self._fit_height)
        tree.setColumnCount(4)
        tree.setHeaderLabels([tr("Finding / corrective action"), tr("Owner"), tr("Due"), tr("Status")])
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for column in (OWNER, DUE, STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.setAllColumnsShowFocus(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setExpandsOnDoubleClick(False)
        tree.menu_wanted.connect(self._context_menu)
        tree.itemActivated.connect(lambda _item, _column: self.edit_selected())
        tree.itemSelectionChanged.connect(self._update_buttons)
        tree.currentItemChanged.connect(lambda *_rows: self._keep_current_in_view())
        return tree

    def _keep_current_in_view(self) -> None:
        """The keyboard moved to another row: the item's page scrolls to it (the list itself shows every row)."""
        if self.tree.hasFocus():
            self._reveal_until = time.monotonic() + REVEAL_SETTLE_S
            QTimer.singleShot(0, self, self._reveal)

    # -- showing -----------------------------------------------------------------------------------------------

    def set_item(self, ref: ItemRef | None) -> None:
        if ref != self.ref:
            self.ref = ref
            self._reveal_until = 0.0
            self.refresh()

    def _item_changed(self, ref: ItemRef) -> None:
        if ref == self.ref:
            self.refresh()

    def refresh(self) -> None:
        selected = self.selected()
        audit = self.session.audit
        findings = audit.findings(self.ref) if self.ref is not None else []
        self.tree.clear()
        for finding in findings:
            row = self._finding_row(finding)
            for action in audit.actions(finding.id):
                row.addChild(self._action_row(action))
            self.tree.addTopLevelItem(row)
            row.setFirstColumnSpanned(True)  # a finding's description may use the whole width
            row.setExpanded(True)
        if selected is not None:
            self.select(*selected)
        count = len(findings)
        self.heading.setText(tr("Findings and corrective actions ({count})", count=count) if count
                             else tr("Findings and corrective actions"))
        self.tree.setVisible(bool(count))
        self.empty_hint.setVisible(not count)
        self.add_finding_button.setEnabled(self.ref is not None)
        if count:  # a hidden list needs no height (laying it out costs 2 ms on the item an audit opens on)
            self._fit_height()
        self._update_buttons()

    def _finding_row(self, finding: Finding) -> QTreeWidgetItem:
        row = QTreeWidgetItem([f"{severity_name(finding.severity)} — {finding.description}"])
        row.setIcon(DESCRIPTION, marker_icon(SEVERITY_COLORS.get(finding.severity, "#777")))
        row.setToolTip(DESCRIPTION, finding.description)
        font = row.font(DESCRIPTION)
        font.setBold(True)
        row.setFont(DESCRIPTION, font)
        row.setData(DESCRIPTION, KIND_ROLE, FINDING)
        row.setData(DESCRIPTION, ID_ROLE, finding.id)
        return row

    def _action_row(self, action: Action) -> QTreeWidgetItem:
        row = QTreeWidgetItem([action.description, action.owner, action.due, status_name(action.status)])
        row.setIcon(STATUS, marker_icon(STATUS_COLORS.get(action.status, "#777")))
        row.setToolTip(DESCRIPTION, action.description)
        if is_overdue(action):
            row.setForeground(DUE, QBrush(QColor("#c62828")))
            row.setToolTip(DUE, tr("overdue"))
        row.setData(DESCRIPTION, KIND_ROLE, ACTION)
        row.setData(DESCRIPTION, ID_ROLE, action.id)
        return row

    def _fit_height(self) -> None:
        """Tall enough for every row (findings per item are few), then it scrolls."""
        self.tree.doItemsLayout()
        height = self.tree.header().sizeHint().height() + 2 * self.tree.frameWidth() + 4
        for row in self._rows():
            height += self.tree.visualItemRect(row).height() or self.tree.sizeHintForRow(0)
        self.tree.setFixedHeight(min(height, MAX_TREE_HEIGHT))
        self._reveal()

    def _rows(self) -> list[QTreeWidgetItem]:
        """Every finding row, each followed by its action rows."""
        rows: list[QTreeWidgetItem] = []
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            if top is not None:
                rows.append(top)
                rows.extend(child for c in range(top.childCount()) if (child := top.child(c)) is not None)
        return rows

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.add_action_button.setEnabled(chosen is not None)
        self.edit_button.setEnabled(chosen is not None)
        self.remove_button.setEnabled(chosen is not None)

    def selected(self) -> tuple[str, int] | None:
        item = self.tree.currentItem()
        if item is None or not item.isSelected():
            return None
        return str(item.data(DESCRIPTION, KIND_ROLE)), int(item.data(DESCRIPTION, ID_ROLE))

    def select(self, kind: str, record_id: int, *, reveal: bool = False) -> bool:
        """Make that finding or action the current row; ``reveal`` scrolls the item's page to it once laid out
        (a new row can be below what the page shows)."""
        row = self._row(kind, record_id)
        if row is None:
            return False
        self.tree.setCurrentItem(row)
        if reveal:
            self._reveal_until = time.monotonic() + REVEAL_SETTLE_S
            QTimer.singleShot(0, self, self._reveal)
        return True

    def _row(self, kind: str, record_id: int) -> QTreeWidgetItem | None:
        return next((row for row in self._rows()
                     if row.data(DESCRIPTION, KIND_ROLE) == kind and row.data(DESCRIPTION, ID_ROLE) == record_id), None)

    def _reveal(self) -> None:
        """Scroll the item's page to the current row. Its rows wrap anew once the columns fit their new contents,
        which moves them: each relayout soon after the row was made reveals it again."""
        if time.monotonic() > self._reveal_until:
            # first: walking up to the page meets widgets that Qt made, and giving Python one of those makes PySide
            # build the types of every kind of widget (some 7 ms), which the start-up would pay for nothing
            return
        row = self.tree.currentItem()
        page = self.parentWidget()
        while page is not None and not isinstance(page, QScrollArea):
            page = page.parentWidget()
        content = page.widget() if page is not None else None
        if row is None or page is None or content is None:
            return
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the page's new height, and scroll range
        self.tree.scrollToItem(row)
        rect = self.tree.visualItemRect(row)
        middle = self.tree.viewport().mapTo(content, rect.center())
        page.ensureVisible(middle.x(), middle.y(), 0, rect.height() // 2 + 12)

    def _selected_finding_id(self) -> int | None:
        chosen = self.selected()
        if chosen is None:
            return None
        kind, record_id = chosen
        if kind == FINDING:
            return record_id
        action = self._action(record_id)
        return action.finding_id if action is not None else None

    def _action(self, action_id: int) -> Action | None:
        return next((a for a in self.session.audit.actions() if a.id == action_id), None)

    def _finding(self, finding_id: int) -> Finding | None:
        return next((f for f in self.session.audit.findings(self.ref) if f.id == finding_id), None)

    # -- edits (each one undo step) ----------------------------------------------------------------------------

    def add_finding(self, severity: str, description: str, ref: ItemRef | None = None) -> int | None:
        """A finding on ``ref`` (the item shown, by default), selected if that item is still shown."""
        ref = ref or self.ref
        if ref is None:
            return None
        done = self.session.edit(self.session.audit.add_finding, ref, severity, description)
        if done is None or done.created_id is None:
            return None
        if ref == self.ref:
            self.select(FINDING, done.created_id, reveal=True)
        return done.created_id

    def update_finding(self, finding_id: int, severity: str, description: str) -> None:
        audit = self.session.audit
        self._batch([(audit.set_finding, finding_id, "severity", severity),
                     (audit.set_finding, finding_id, "description", description)])

    def remove_finding(self, finding_id: int) -> None:
        """Remove the finding with its corrective actions."""
        audit = self.session.audit
        self._batch([*((audit.remove_action, action.id) for action in audit.actions(finding_id)),
                     (audit.remove_finding, finding_id)])

    def add_action(self, finding_id: int, description: str, owner: str = "", due: str = "",
                   status: str = "open") -> int | None:
        done = self.session.edit(self.session.audit.add_action, finding_id, description, owner, due, status)
        if done is None or done.created_id is None:
            return None
        self.select(ACTION, done.created_id, reveal=True)
        return done.created_id

    def update_action(self, action_id: int, description: str, owner: str, due: str, status: str) -> None:
        audit = self.session.audit
        self._batch([(audit.set_action, action_id, name, value) for name, value in
                     (("description", description), ("owner", owner), ("due", due), ("status", status))])

    def set_action_status(self, action_id: int, status: str) -> None:
        self.session.edit(self.session.audit.set_action, action_id, "status", status)

    def remove_action(self, action_id: int) -> None:
        self.session.edit(self.session.audit.remove_action, action_id)

    def _batch(self, calls: list[tuple[Any, ...]]) -> None:
        key = ("findings-batch", next(_batches))
        for action, *args in calls:
            self.session.edit_merging(key, action, *args)
        self.session.end_merge()

    # -- dialogs and keys --------------------------------------------------------------------------------------

    def new_finding(self) -> None:
        ref = self.ref  # the item the dialog was opened for, whatever happens while it is open
        if ref is None:
            return
        from app.ui.finding_dialogs import FindingDialog  # imported when first needed: start-up stays quick

        dialog = FindingDialog(parent=self)
        if self._ask(dialog, ref, NEW_FINDING):
            self.add_finding(*dialog.values(), ref=ref)  # its draft goes with the recording (or stays if it fails)

    def new_action(self) -> None:
        finding_id = self._selected_finding_id()
        finding = self._finding(finding_id) if finding_id is not None else None
        if finding is None:
            return
        from app.ui.finding_dialogs import ActionDialog

        dialog = ActionDialog(parent=self)
        if self._ask(dialog, finding.ref, f"{NEW_ACTION}{finding.id}"):
            self.add_action(finding.id, *dialog.values())  # its draft goes with the recording, as a finding's

    def edit_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        kind, record_id = chosen
        from app.ui.finding_dialogs import ActionDialog, FindingDialog

        if kind == FINDING:
            finding = self._finding(record_id)
            if finding is None:
                return
            field = f"{EDITED_FINDING}{record_id}"
            finding_dialog = FindingDialog(finding.severity, finding.description, self, editing=True)
            if self._ask(finding_dialog, finding.ref, field):
                severity, description = finding_dialog.values()
                self.update_finding(record_id, severity, description)
                self._settle_draft(finding.ref, field, finding_draft_text(severity, description))
            return
        action = self._action(record_id)
        owner = self._finding(action.finding_id) if action is not None else None
        if action is None or owner is None:
            return
        field = f"{EDITED_ACTION}{record_id}"
        dialog = ActionDialog(action.description, action.owner, action.due, action.status, self, editing=True)
        if self._ask(dialog, owner.ref, field):
            values = dialog.values()
            self.update_action(record_id, *values)
            self._settle_draft(owner.ref, field, action_draft_text(*values))

    def _ask(self, dialog: FindingDialog | ActionDialog, ref: ItemRef, field: str) -> bool:
        """Run ``dialog``, its fields kept as the draft ``field`` of ``ref`` at every change, as a note is (a crash
        loses at most the keystroke in flight); True when confirmed: its values are there until this call is
        over. A cancelled dialog leaves nothing to recover. The caller saves what was confirmed, and with it the
        draft: in the same transaction for a new record; for an edit, written field by field, by
        :meth:`_settle_draft`."""
        dialog.edited.connect(lambda: self.session.save_draft(ref, field, dialog.draft_text()))
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if not (isValid(dialog) and isValid(self)):  # the audit was closed under the dialog (found damaged): its
            return False  # window is gone, and the draft stays in the file for the next opening
        dialog.deleteLater()
        if not accepted:
            self.session.discard_draft(ref, field)
        return accepted

    def _settle_draft(self, ref: ItemRef, field: str, text: str) -> None:
        """After an edit confirmed in a dialog: its draft goes if the edit was saved (the draft then says what the
        record holds), and stays, to be saved at the next opening, if it was not."""
        self.session.save_draft(ref, field, text)

    def remove_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.isAncestorOf(focus)  # the list, or the Remove button
        kind, record_id = chosen
        if kind == FINDING:
            self.remove_finding(record_id)
        else:
            self.remove_action(record_id)
        if had_focus and not self.tree.isVisible():  # the last one gone: the keyboard stays here (Ctrl+Z brings it
            self.add_finding_button.setFocus(Qt.FocusReason.OtherFocusReason)  # back), not in the search box

    def _context_menu(self, item: QTreeWidgetItem | None, pos: QPoint) -> None:
        menu = QMenu(self)
        if item is not None:
            self.tree.setCurrentItem(item)
            menu.addAction(tr("Edit…"), self.edit_selected)
            menu.addAction(tr("Add corrective action…"), self.new_action)
            if item.data(DESCRIPTION, KIND_ROLE) == ACTION:
                statuses = menu.addMenu(tr("Set status"))
                action_id = int(item.data(DESCRIPTION, ID_ROLE))
                for code in ACTION_STATUSES:
                    statuses.addAction(marker_icon(STATUS_COLORS[code]), status_name(code),
                                       lambda c=code: self.set_action_status(action_id, c))
            menu.addSeparator()
            menu.addAction(tr("Remove"), self.remove_selected)
        else:
            menu.addAction(tr("Add finding…"), self.new_finding)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()
