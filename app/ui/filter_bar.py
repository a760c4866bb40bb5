"""The bar above the checklist tree: full-text search (debounced), what to show, a tag, hide not-applicable."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.core.audit import Audit
from app.core.checklist import BUILTIN_SCALES, Text
from app.i18n import add_translations, text, tr
from app.ui.checklist_filter import (
    SHOW_ALL,
    SHOW_CRITICAL,
    SHOW_FINDINGS,
    SHOW_NA,
    SHOW_UNANSWERED,
    FilterState,
)
from app.ui.flow_layout import FlowLayout

add_translations({
    "Search id, title, requirement, guidance…  (Ctrl+F)": "搜索编号、标题、要求、核查方法…（Ctrl+F）",
    "All items": "全部条目", "Unanswered": "未回答", "N/A": "不适用", "With findings": "有问题的条目",
    "Critical": "关键项", "Answer: {label}": "回答：{label}",
    "All tags": "全部标签", "Tag: {label}": "标签：{label}",
    "Hide out-of-scope items": "隐藏范围外条目",
    "{shown} of {total} items": "显示 {shown} / {total} 条",
    "{total} items": "共 {total} 条",
})

SEARCH_DELAY_MS = 150
SHOW_CHOICES = ((SHOW_ALL, "All items"), (SHOW_UNANSWERED, "Unanswered"), (SHOW_NA, "N/A"),
                (SHOW_FINDINGS, "With findings"), (SHOW_CRITICAL, "Critical"))


class _FilterBox(QComboBox):
    """A filter's box: a choice made in its open list hands the keys back to the checklist (``chosen``), where the
    auditor answers; arrows or the wheel on the closed box go on choosing there."""

    chosen = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._listed = False  # its list is open, or was when the last choice was made
        self.activated.connect(self._activated)

    def showPopup(self) -> None:  # noqa: N802
        self._listed = True
        super().showPopup()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        self._listed = False  # a key on the closed box (its open list takes its own keys)
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        self._listed = False
        super().wheelEvent(event)

    def _activated(self, _index: int) -> None:
        if self._listed:
            self._listed = False
            self.chosen.emit()


class FilterBar(QWidget):
    changed = Signal()
    leave = Signal()  # Enter, Down or Esc in the search box, Esc in a filter box, a choice in its list: to the tree

    def __init__(self, audit: Audit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search id, title, requirement, guidance…  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self.search.textChanged.connect(self._timer.start)
        self.show_combo = _FilterBox()
        for value, label in SHOW_CHOICES:
            self.show_combo.addItem(tr(label), value)
        for code, option_label in _answer_choices(audit):
            self.show_combo.addItem(tr("Answer: {label}", label=text(option_label)), f"answer:{code}")
        self.tag_combo = _FilterBox()
        self.tag_combo.addItem(tr("All tags"), "")
        for tag_id, tag_label in _tag_choices(audit):
            self.tag_combo.addItem(tr("Tag: {label}", label=text(tag_label) or tag_id), tag_id)
        self.hide_na = QCheckBox(tr("Hide out-of-scope items"))
        for combo in (self.show_combo, self.tag_combo):
            # long tag or answer labels must not widen the whole tree pane
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.currentIndexChanged.connect(self.changed)
            combo.chosen.connect(self.leave)
        self.hide_na.toggled.connect(self.changed)
        for control in (self.show_combo, self.tag_combo, self.hide_na):
            control.installEventFilter(self)  # Esc goes back to the checklist from here too
        self.count = QLabel()
        self.count.setStyleSheet("color: #6b7785;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.search, 1)
        top.addWidget(self.count)  # beside the search: a longer count narrows the box, never widens the pane
        layout.addLayout(top)
        # the filters wrap onto a second line in a narrow pane instead of setting its minimum width
        row = FlowLayout(spacing=8)
        for widget in (self.show_combo, self.tag_combo, self.hide_na):
            row.addWidget(widget)
        layout.addLayout(row)
        # once in its layout: hidden while still a window of its own, a combo box costs 3 ms of start-up
        self.tag_combo.setVisible(self.tag_combo.count() > 1)

    def state(self) -> FilterState:
        return FilterState(show=self.show_combo.currentData() or SHOW_ALL, tag=self.tag_combo.currentData() or "",
                           hide_not_applicable=self.hide_na.isChecked(), search=self.search.text().strip())

    def set_state(self, state: FilterState) -> None:
        self.blockSignals(True)
        self.search.setText(state.search)
        self._timer.stop()
        self._select(self.show_combo, state.show)
        self._select(self.tag_combo, state.tag)
        self.hide_na.setChecked(state.hide_not_applicable)
        self.blockSignals(False)
        self.changed.emit()

    def set_show(self, value: str) -> None:
        self._select(self.show_combo, value)

    def apply_search_now(self) -> None:
        """Skip the typing delay (Enter in the search box)."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()

    def show_count(self, shown: int, total: int, active: bool) -> None:
        self.count.setText(tr("{shown} of {total} items", shown=shown, total=total) if active
                           else tr("{total} items", total=total))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is not self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape:  # a filter box (its open list takes its own Esc first)
            self.leave.emit()
            return True
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down, Qt.Key.Key_Escape):
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
            self.apply_search_now()
            self.leave.emit()
            return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        position = combo.findData(value)
        combo.setCurrentIndex(max(position, 0))


def _answer_choices(audit: Audit) -> list[tuple[str, Text]]:
    """Every answer code used by the audit's scale items, with its first label, in scale order."""
    choices: dict[str, Text] = {}
    for checklist in audit.checklists:
        for name in sorted(checklist.scales_in_use(), key=lambda n: (n != "conformity", n != "yes_no", n)):
            scale = checklist.scales.get(name) or BUILTIN_SCALES[name]
            for option in scale.options:
                choices.setdefault(option.code, option.label)
    return list(choices.items())


def _tag_choices(audit: Audit) -> list[tuple[str, Text]]:
    tags: dict[str, Text] = {}
    for checklist in audit.checklists:
        for tag in checklist.tags:
            tags.setdefault(tag.id, tag.label)
    return list(tags.items())
